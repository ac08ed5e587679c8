package sqlstore

import (
	"context"
	"fmt"
	"io/fs"
	"path"
	"sort"
	"strconv"
	"strings"
)

// Migration is one numbered schema change, read from a file named like
// "0001_init.sql".
type Migration struct {
	Version int
	Name    string
	SQL     string
}

// ReadMigrations reads every *.sql file of dir in fsys, ordered by the
// number its name starts with. Two files with one number are an error.
func ReadMigrations(fsys fs.FS, dir string) ([]Migration, error) {
	entries, err := fs.ReadDir(fsys, dir)
	if err != nil {
		return nil, fmt.Errorf("read migrations: %w", err)
	}
	var ms []Migration
	seen := map[int]string{}
	for _, e := range entries {
		name := e.Name()
		if e.IsDir() || !strings.HasSuffix(name, ".sql") {
			continue
		}
		num, _, _ := strings.Cut(name, "_")
		v, err := strconv.Atoi(num)
		if err != nil || v <= 0 {
			return nil, fmt.Errorf("migration %s: name must start with a positive number, e.g. 0002_add_x.sql", name)
		}
		if other, dup := seen[v]; dup {
			return nil, fmt.Errorf("migrations %s and %s share version %d", other, name, v)
		}
		seen[v] = name
		b, err := fs.ReadFile(fsys, path.Join(dir, name))
		if err != nil {
			return nil, fmt.Errorf("read migration %s: %w", name, err)
		}
		ms = append(ms, Migration{Version: v, Name: name, SQL: string(b)})
	}
	sort.Slice(ms, func(i, j int) bool { return ms[i].Version < ms[j].Version })
	return ms, nil
}

// Migrate applies, in order, each migration not yet recorded in
// schema_migrations, each in its own transaction together with its record,
// so a failed migration leaves the schema as the previous one left it.
// Migrations only go forward: a database newer than this binary is refused.
func (db *DB) Migrate(ctx context.Context, ms []Migration) error {
	err := db.write(ctx, "migrate", func(t *tx) error {
		// Under the lock: two PostgreSQL sessions racing on CREATE TABLE IF
		// NOT EXISTS can both try to create it.
		if db.Dialect.LockMigrations != "" {
			if _, err := t.exec(ctx, db.Dialect.LockMigrations); err != nil {
				return fmt.Errorf("lock: %w", err)
			}
		}
		_, err := t.exec(ctx, `CREATE TABLE IF NOT EXISTS schema_migrations (
			version INTEGER PRIMARY KEY,
			name TEXT NOT NULL,
			applied_at TEXT NOT NULL)`)
		return err
	})
	if err != nil {
		return fmt.Errorf("migrate: create schema_migrations: %w", err)
	}
	latest := 0
	if len(ms) > 0 {
		latest = ms[len(ms)-1].Version
	}
	for _, m := range ms {
		err := db.write(ctx, "migrate", func(t *tx) error {
			if db.Dialect.LockMigrations != "" {
				if _, err := t.exec(ctx, db.Dialect.LockMigrations); err != nil {
					return fmt.Errorf("lock: %w", err)
				}
			}
			var have int
			if err := t.queryRow(ctx, `SELECT COALESCE(MAX(version), 0) FROM schema_migrations`).Scan(&have); err != nil {
				return err
			}
			if have > latest {
				return fmt.Errorf("database schema version %d is newer than this planwatch (%d): use a newer planwatch", have, latest)
			}
			var done int
			if err := t.queryRow(ctx, `SELECT COUNT(*) FROM schema_migrations WHERE version = ?`, m.Version).Scan(&done); err != nil {
				return err
			}
			if done > 0 {
				return nil
			}
			if _, err := t.tx.ExecContext(ctx, m.SQL); err != nil {
				return err
			}
			_, err := t.exec(ctx, `INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)`,
				m.Version, m.Name, db.now().Format("2006-01-02T15:04:05.000000Z07:00"))
			return err
		})
		if err != nil {
			return fmt.Errorf("migrate %s: %w", m.Name, err)
		}
	}
	return nil
}

// SchemaVersion returns the highest applied migration.
func (db *DB) SchemaVersion(ctx context.Context) (int, error) {
	var v int
	err := db.queryRow(ctx, `SELECT COALESCE(MAX(version), 0) FROM schema_migrations`).Scan(&v)
	return v, err
}
