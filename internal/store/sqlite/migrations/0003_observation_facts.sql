-- planwatch schema, version 3 (SQLite): observation_facts, what the status
-- engine reads of each target's observations, in rows per plan and target
-- ('' for observations that are context), each row a chunk of a few
-- hundred observations, so that adding one rewrites a bounded row. Judging every plan otherwise
-- reads a million observation rows, and each row read costs more than
-- judging it. Derived data: the store rewrites a group in the transaction
-- that changes one of its observations, and these rows can always be
-- rebuilt from observations with the statement below.
--
-- facts holds the group's observations in id order, separated by U+001E;
-- each is id, supersedes, section_id, value, value_text, unit,
-- period_start, period_end, kind and scope separated by U+001F (text the
-- store refuses in evidence). Values are written as text by the database,
-- which gives the shortest text that reads back as the same double.
CREATE TABLE observation_facts (
	plan_id   INTEGER NOT NULL REFERENCES plans (id) ON DELETE CASCADE,
	target_id TEXT NOT NULL,
	chunk     INTEGER NOT NULL DEFAULT 0,
	n         INTEGER NOT NULL,
	facts     TEXT NOT NULL,
	PRIMARY KEY (plan_id, target_id, chunk)
);

INSERT INTO observation_facts (plan_id, target_id, n, facts)
SELECT o.plan_id, o.target_id, COUNT(*), string_agg(CAST(o.id AS TEXT) || '' || COALESCE(CAST(o.supersedes AS TEXT), '') || '' || o.section_id || '' ||
		COALESCE(CAST(o.value AS TEXT), '') || '' || o.value_text || '' || o.unit || '' || o.period_start || '' ||
		o.period_end || '' || o.kind || '' || o.scope, '' ORDER BY o.id)
FROM observations o
GROUP BY o.plan_id, o.target_id;
