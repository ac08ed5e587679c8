-- planwatch schema, version 1 (SQLite). Times are UTC RFC 3339 text of fixed
-- width; dates are "YYYY-MM-DD" text, '' for none; lists are JSON text.

CREATE TABLE plans (
	id               INTEGER PRIMARY KEY,
	key              TEXT NOT NULL UNIQUE,
	scope            TEXT NOT NULL DEFAULT '',
	title            TEXT NOT NULL DEFAULT '',
	doc_number       TEXT NOT NULL DEFAULT '',
	issuer           TEXT NOT NULL DEFAULT '',
	issued           TEXT NOT NULL DEFAULT '',
	effective_from   TEXT NOT NULL DEFAULT '',
	effective_to     TEXT NOT NULL DEFAULT '',
	source           TEXT NOT NULL DEFAULT '',
	source_name      TEXT NOT NULL DEFAULT '',
	plan_json        TEXT NOT NULL,
	corrections_json TEXT NOT NULL DEFAULT '[]',
	imported_at      TEXT NOT NULL
);

-- sections is the plan tree flattened in document order (ord); path holds
-- the titles from the root to the section, so listing targets needs no
-- recursive query.
CREATE TABLE sections (
	plan_id    INTEGER NOT NULL REFERENCES plans (id) ON DELETE CASCADE,
	section_id TEXT NOT NULL,
	parent_id  TEXT NOT NULL DEFAULT '',
	ord        INTEGER NOT NULL,
	number     TEXT NOT NULL DEFAULT '',
	title      TEXT NOT NULL DEFAULT '',
	lead_units TEXT NOT NULL DEFAULT '[]',
	co_units   TEXT NOT NULL DEFAULT '[]',
	path       TEXT NOT NULL DEFAULT '[]',
	PRIMARY KEY (plan_id, section_id)
);

CREATE TABLE targets (
	plan_id    INTEGER NOT NULL,
	target_id  TEXT NOT NULL,
	section_id TEXT NOT NULL,
	ord        INTEGER NOT NULL,
	subject    TEXT NOT NULL DEFAULT '',
	comparator TEXT NOT NULL DEFAULT '',
	value      REAL NOT NULL,
	unit       TEXT NOT NULL DEFAULT '',
	deadline   TEXT NOT NULL DEFAULT '',
	cumulative INTEGER NOT NULL DEFAULT 0,
	kind       TEXT NOT NULL DEFAULT '',
	quote      TEXT NOT NULL DEFAULT '',
	PRIMARY KEY (plan_id, target_id),
	FOREIGN KEY (plan_id, section_id) REFERENCES sections (plan_id, section_id) ON DELETE CASCADE
);
CREATE INDEX targets_plan_ord ON targets (plan_id, ord);

CREATE TABLE milestones (
	plan_id    INTEGER NOT NULL,
	section_id TEXT NOT NULL,
	ord        INTEGER NOT NULL,
	text       TEXT NOT NULL DEFAULT '',
	deadline   TEXT NOT NULL DEFAULT '',
	quote      TEXT NOT NULL DEFAULT '',
	PRIMARY KEY (plan_id, section_id, ord),
	FOREIGN KEY (plan_id, section_id) REFERENCES sections (plan_id, section_id) ON DELETE CASCADE
);

CREATE TABLE units (
	id         INTEGER PRIMARY KEY,
	name       TEXT NOT NULL UNIQUE,
	created_at TEXT NOT NULL
);

CREATE TABLE unit_aliases (
	alias   TEXT PRIMARY KEY,
	unit_id INTEGER NOT NULL REFERENCES units (id) ON DELETE CASCADE
);
CREATE INDEX unit_aliases_unit ON unit_aliases (unit_id);

-- observations are evidence: a row is never edited or deleted. A correction
-- is a new row whose supersedes names the old one (superseded_by is derived
-- on read). The only changes are those of the plan they belong to:
-- DeletePlan deletes them by cascade, and re-importing a plan with Replace
-- re-points target_id (and appends to note) when the target they were
-- reported against moved or disappeared; both are in the audit log.
CREATE TABLE observations (
	id           INTEGER PRIMARY KEY,
	plan_id      INTEGER NOT NULL REFERENCES plans (id) ON DELETE CASCADE,
	target_id    TEXT NOT NULL DEFAULT '',
	section_id   TEXT NOT NULL DEFAULT '',
	value        REAL,
	value_text   TEXT NOT NULL DEFAULT '',
	unit         TEXT NOT NULL DEFAULT '',
	period_start TEXT NOT NULL DEFAULT '',
	period_end   TEXT NOT NULL DEFAULT '',
	kind         TEXT NOT NULL,
	scope        TEXT NOT NULL DEFAULT '',
	source_url   TEXT NOT NULL DEFAULT '',
	source_date  TEXT NOT NULL DEFAULT '',
	quote        TEXT NOT NULL DEFAULT '',
	reported_by  TEXT NOT NULL DEFAULT '',
	note         TEXT NOT NULL DEFAULT '',
	supersedes   INTEGER REFERENCES observations (id) ON DELETE CASCADE,
	created_at   TEXT NOT NULL,
	created_by   TEXT NOT NULL DEFAULT ''
);
CREATE INDEX observations_plan_target ON observations (plan_id, target_id);
-- One correction per observation: a second one corrects the correction.
CREATE UNIQUE INDEX observations_supersedes ON observations (supersedes);

CREATE TABLE tokens (
	id          INTEGER PRIMARY KEY,
	name        TEXT NOT NULL,
	role        TEXT NOT NULL,
	unit        TEXT NOT NULL DEFAULT '',
	secret_hash TEXT NOT NULL UNIQUE,
	created_at  TEXT NOT NULL,
	revoked_at  TEXT
);

-- audit_log is append-only: the store never updates or deletes it, and the
-- triggers below refuse anyone who tries.
CREATE TABLE audit_log (
	id     INTEGER PRIMARY KEY,
	at     TEXT NOT NULL,
	actor  TEXT NOT NULL,
	action TEXT NOT NULL,
	entity TEXT NOT NULL,
	before TEXT,
	after  TEXT
);
CREATE INDEX audit_log_entity ON audit_log (entity, id);

CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN
	SELECT RAISE(ABORT, 'audit_log is append-only');
END;

CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN
	SELECT RAISE(ABORT, 'audit_log is append-only');
END;
