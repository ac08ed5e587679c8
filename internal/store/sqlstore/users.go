package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/planwatch/planwatch/internal/store"
)

const userCols = `id, name, role, unit, created_at, disabled_at`

func scanUser(sc interface{ Scan(...any) error }) (store.User, error) {
	var u store.User
	var disabled time.Time
	err := sc.Scan(&u.ID, &u.Name, &u.Role, &u.Unit, timeCol{&u.CreatedAt}, timeCol{&disabled})
	u.Disabled = !disabled.IsZero()
	return u, err
}

// checkUser trims u and applies the rule tokens have always had: a known
// role, and a unit for a reporter, who can only write for one.
func checkUser(u store.User, what string) (store.User, error) {
	u.Name, u.Unit = strings.TrimSpace(u.Name), strings.TrimSpace(u.Unit)
	switch {
	case u.Name == "":
		return u, store.Errorf(store.EInvalid, "%s name is empty", what)
	case u.Role != store.RoleAdmin && u.Role != store.RoleReporter:
		return u, store.Errorf(store.EInvalid, "role %q: want %s or %s", u.Role, store.RoleAdmin, store.RoleReporter)
	case u.Role == store.RoleReporter && u.Unit == "":
		return u, store.Errorf(store.EInvalid, "a reporter %s needs the unit it reports for", what)
	}
	return u, nil
}

// canonicalUnit returns the registry's name for a unit name or alias, or
// the name itself when the registry does not know it (tokens were always
// accepted for units not yet registered).
func (t *tx) canonicalUnit(ctx context.Context, name string) (string, error) {
	if name == "" {
		return "", nil
	}
	var canon string
	err := t.queryRow(ctx, `SELECT name FROM units WHERE name = ?
		UNION ALL SELECT u.name FROM unit_aliases a JOIN units u ON u.id = a.unit_id WHERE a.alias = ?`, name, name).Scan(&canon)
	switch {
	case err == nil:
		return canon, nil
	case errors.Is(err, sql.ErrNoRows):
		return name, nil
	}
	return "", err
}

// CreateUser stores a new user; a reporter's unit is resolved to its
// canonical name.
func (db *DB) CreateUser(ctx context.Context, u store.User, by store.Actor) (store.User, error) {
	u, err := checkUser(u, "user")
	if err != nil {
		return store.User{}, fmt.Errorf("create user %q: %w", u.Name, err)
	}
	var out store.User
	err = db.write(ctx, "create user", func(t *tx) error {
		in := u
		var err error
		if in.Unit, err = t.canonicalUnit(ctx, in.Unit); err != nil {
			return err
		}
		var n int
		if err := t.queryRow(ctx, `SELECT COUNT(*) FROM users WHERE name = ?`, in.Name).Scan(&n); err != nil {
			return err
		}
		if n > 0 {
			return store.Errorf(store.EConflict, "a user named %q exists", in.Name)
		}
		out, err = db.insertUser(ctx, t, in, by)
		return err
	})
	if err != nil {
		// Two writers on PostgreSQL can both pass the count above.
		if db.Dialect.Unique != nil && db.Dialect.Unique(err) {
			err = store.Errorf(store.EConflict, "a user named %q exists", u.Name)
		}
		return store.User{}, fmt.Errorf("create user %q: %w", u.Name, err)
	}
	return out, nil
}

// insertUser adds a checked user, with its audit entry, in t.
func (db *DB) insertUser(ctx context.Context, t *tx, u store.User, by store.Actor) (store.User, error) {
	u.CreatedAt, u.Disabled = db.now(), false
	id, err := t.insertID(ctx, `INSERT INTO users (name, role, unit, created_at) VALUES (?, ?, ?, ?)`,
		u.Name, u.Role, u.Unit, db.Dialect.TimeArg(u.CreatedAt))
	if err != nil {
		return store.User{}, err
	}
	u.ID = id
	return u, db.audit(ctx, t, by, "user.create", entity("user", id), nil, u)
}

func (t *tx) findUser(ctx context.Context, id int64) (store.User, error) {
	u, err := scanUser(t.queryRow(ctx, `SELECT `+userCols+` FROM users WHERE id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return store.User{}, store.Errorf(store.ENotFound, "user %d not found", id)
	}
	return u, err
}

// ListUsers returns every user, disabled ones included, oldest first.
func (db *DB) ListUsers(ctx context.Context) ([]store.User, error) {
	rows, err := db.query(ctx, `SELECT `+userCols+` FROM users ORDER BY id`)
	if err != nil {
		return nil, fmt.Errorf("list users: %w", err)
	}
	defer rows.Close()
	out := []store.User{}
	for rows.Next() {
		u, err := scanUser(rows)
		if err != nil {
			return nil, fmt.Errorf("list users: %w", err)
		}
		out = append(out, u)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("list users: %w", err)
	}
	return out, nil
}

// DisableUser stops every token of the user from authenticating. The
// tokens themselves are left as they were, so the audit log still says
// which were revoked one by one and which went with their user.
func (db *DB) DisableUser(ctx context.Context, id int64, by store.Actor) error {
	err := db.write(ctx, "disable user", func(t *tx) error {
		u, err := t.findUser(ctx, id)
		if err != nil || u.Disabled {
			return err
		}
		if _, err := t.exec(ctx, `UPDATE users SET disabled_at = ? WHERE id = ?`, db.Dialect.TimeArg(db.now()), id); err != nil {
			return err
		}
		after := u
		after.Disabled = true
		return db.audit(ctx, t, by, "user.disable", entity("user", id), u, after)
	})
	if err != nil {
		return fmt.Errorf("disable user %d: %w", id, err)
	}
	return nil
}
