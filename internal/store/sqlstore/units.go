package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"

	"github.com/planwatch/planwatch/internal/store"
)

// nameTaken reports which unit, if any, already uses name as its name or an alias.
func nameTaken(ctx context.Context, t *tx, name string) (string, error) {
	var owner string
	err := t.queryRow(ctx, `SELECT name FROM units WHERE name = ?
		UNION ALL SELECT u.name FROM unit_aliases a JOIN units u ON u.id = a.unit_id WHERE a.alias = ?`, name, name).Scan(&owner)
	if errors.Is(err, sql.ErrNoRows) {
		return "", nil
	}
	return owner, err
}

// CreateUnit registers a unit with its aliases. A name or alias that
// already resolves to a unit is a conflict: one spelling, one unit.
func (db *DB) CreateUnit(ctx context.Context, name string, aliases []string, by store.Actor) (store.Unit, error) {
	name = strings.TrimSpace(name)
	if name == "" {
		return store.Unit{}, store.Errorf(store.EInvalid, "unit name is empty")
	}
	u := store.Unit{Name: name, Aliases: []string{}}
	seen := map[string]bool{name: true}
	for _, a := range aliases {
		a = strings.TrimSpace(a)
		if a == "" || seen[a] {
			continue
		}
		seen[a] = true
		u.Aliases = append(u.Aliases, a)
	}
	err := db.write(ctx, "create unit", func(t *tx) error {
		for _, n := range append([]string{name}, u.Aliases...) {
			owner, err := nameTaken(ctx, t, n)
			if err != nil {
				return err
			}
			if owner != "" {
				return store.Errorf(store.EConflict, "%q is already a name of unit %q", n, owner)
			}
		}
		id, err := t.insertID(ctx, `INSERT INTO units (name, created_at) VALUES (?, ?)`, name, db.Dialect.TimeArg(db.now()))
		if err != nil {
			return err
		}
		u.ID = id
		for _, a := range u.Aliases {
			if _, err := t.exec(ctx, `INSERT INTO unit_aliases (alias, unit_id) VALUES (?, ?)`, a, id); err != nil {
				return err
			}
		}
		return db.audit(ctx, t, by, "unit.create", entity("unit", id), nil, u)
	})
	if err != nil {
		return store.Unit{}, fmt.Errorf("create unit %q: %w", name, err)
	}
	return u, nil
}

// AddUnitAlias adds another spelling of a unit; adding one it already has is a no-op.
func (db *DB) AddUnitAlias(ctx context.Context, unitID int64, alias string, by store.Actor) error {
	alias = strings.TrimSpace(alias)
	if alias == "" {
		return store.Errorf(store.EInvalid, "alias is empty")
	}
	err := db.write(ctx, "add unit alias", func(t *tx) error {
		var name string
		err := t.queryRow(ctx, `SELECT name FROM units WHERE id = ?`, unitID).Scan(&name)
		if errors.Is(err, sql.ErrNoRows) {
			return store.Errorf(store.ENotFound, "unit %d not found", unitID)
		}
		if err != nil {
			return err
		}
		owner, err := nameTaken(ctx, t, alias)
		switch {
		case err != nil:
			return err
		case owner == name:
			return nil
		case owner != "":
			return store.Errorf(store.EConflict, "%q is already a name of unit %q", alias, owner)
		}
		if _, err := t.exec(ctx, `INSERT INTO unit_aliases (alias, unit_id) VALUES (?, ?)`, alias, unitID); err != nil {
			return err
		}
		return db.audit(ctx, t, by, "unit.alias", entity("unit", unitID), nil, map[string]string{"name": name, "alias": alias})
	})
	if err != nil {
		return fmt.Errorf("add alias %q to unit %d: %w", alias, unitID, err)
	}
	return nil
}

// ListUnits returns every unit with its aliases, by name.
func (db *DB) ListUnits(ctx context.Context) ([]store.Unit, error) {
	rows, err := db.query(ctx, `SELECT id, name FROM units ORDER BY name`)
	if err != nil {
		return nil, fmt.Errorf("list units: %w", err)
	}
	defer rows.Close()
	out := []store.Unit{}
	at := map[int64]int{}
	for rows.Next() {
		u := store.Unit{Aliases: []string{}}
		if err := rows.Scan(&u.ID, &u.Name); err != nil {
			return nil, fmt.Errorf("list units: %w", err)
		}
		at[u.ID] = len(out)
		out = append(out, u)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("list units: %w", err)
	}
	rows.Close()
	arows, err := db.query(ctx, `SELECT unit_id, alias FROM unit_aliases ORDER BY alias`)
	if err != nil {
		return nil, fmt.Errorf("list units: %w", err)
	}
	defer arows.Close()
	for arows.Next() {
		var id int64
		var a string
		if err := arows.Scan(&id, &a); err != nil {
			return nil, fmt.Errorf("list units: %w", err)
		}
		if i, ok := at[id]; ok {
			out[i].Aliases = append(out[i].Aliases, a)
		}
	}
	if err := arows.Err(); err != nil {
		return nil, fmt.Errorf("list units: %w", err)
	}
	return out, nil
}

// ResolveUnit returns the canonical name of a unit name or alias, or the
// (trimmed) name itself when the registry does not know it.
func (db *DB) ResolveUnit(ctx context.Context, name string) (string, error) {
	name = strings.TrimSpace(name)
	if name == "" {
		return "", nil
	}
	var canon string
	err := db.queryRow(ctx, `SELECT name FROM units WHERE name = ?
		UNION ALL SELECT u.name FROM unit_aliases a JOIN units u ON u.id = a.unit_id WHERE a.alias = ?`, name, name).Scan(&canon)
	if errors.Is(err, sql.ErrNoRows) {
		return name, nil
	}
	if err != nil {
		return "", fmt.Errorf("resolve unit %q: %w", name, err)
	}
	return canon, nil
}
