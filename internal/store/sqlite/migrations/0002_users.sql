-- planwatch schema, version 2 (SQLite): users. A token belongs to a user
-- (a person or office), who may hold several tokens over time; the token
-- keeps copies of its user's role and unit, which never change.

CREATE TABLE users (
	id          INTEGER PRIMARY KEY,
	name        TEXT NOT NULL UNIQUE,
	role        TEXT NOT NULL,
	unit        TEXT NOT NULL DEFAULT '',
	created_at  TEXT NOT NULL,
	disabled_at TEXT
);

-- Left nullable because SQLite cannot add a NOT NULL column without a
-- default; the store sets it on every token, and the backfill below gives
-- every existing token its user.
ALTER TABLE tokens ADD COLUMN user_id INTEGER REFERENCES users (id);
CREATE INDEX tokens_user ON tokens (user_id);

-- Every existing token gets a user: tokens of one name, role and unit share
-- one. Token names may repeat with another role or unit; the group whose
-- first token is the oldest of that name keeps the plain name, the others
-- are named after their first token, "张三（令牌7）", so the result
-- depends only on the rows and is the same on SQLite and PostgreSQL.
INSERT INTO users (name, role, unit, created_at)
SELECT CASE WHEN g.first_id = (SELECT MIN(t.id) FROM tokens t WHERE t.name = g.name)
            THEN g.name ELSE g.name || '（令牌' || g.first_id || '）' END,
       g.role, g.unit, g.created_at
FROM (SELECT name, role, unit, MIN(id) AS first_id, MIN(created_at) AS created_at
      FROM tokens GROUP BY name, role, unit) g
ORDER BY g.first_id;

UPDATE tokens SET user_id = (
	SELECT u.id FROM users u WHERE u.name = CASE
		WHEN (SELECT MIN(t.id) FROM tokens t WHERE t.name = tokens.name AND t.role = tokens.role AND t.unit = tokens.unit)
		   = (SELECT MIN(t.id) FROM tokens t WHERE t.name = tokens.name)
		THEN tokens.name
		ELSE tokens.name || '（令牌' || (SELECT MIN(t.id) FROM tokens t WHERE t.name = tokens.name AND t.role = tokens.role AND t.unit = tokens.unit) || '）' END);
