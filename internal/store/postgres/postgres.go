// Package postgres implements store.Store on PostgreSQL through pgx's
// database/sql driver, so that it shares every query with store/sqlite
// (internal/store/sqlstore); only the dialect below and the schema
// differ.
//
// Backups are PostgreSQL's business: Backup returns an invalid error
// pointing to pg_dump, which takes a consistent copy of a live database.
package postgres

import (
	"context"
	"database/sql"
	"embed"
	"errors"
	"fmt"
	"log/slog"
	"time"

	"github.com/jackc/pgx/v5/pgconn"
	_ "github.com/jackc/pgx/v5/stdlib" // registers the "pgx" database/sql driver

	"github.com/planwatch/planwatch/internal/store"
	"github.com/planwatch/planwatch/internal/store/sqlstore"
)

//go:embed migrations/*.sql
var migrations embed.FS

// migrationLock is an arbitrary advisory-lock key ("pw" in ASCII), held for
// a migration's transaction so two processes starting at once take turns.
const migrationLock = `SELECT pg_advisory_xact_lock(28791)`

func dialect() sqlstore.Dialect {
	return sqlstore.Dialect{
		Name:           "postgres",
		Numbered:       true,
		Retryable:      retryable,
		Unique:         isUnique,
		TimeArg:        func(t time.Time) any { return t },
		Backup:         backup,
		LockMigrations: migrationLock,
		// NO KEY UPDATE, not UPDATE: inserting an observation holds KEY
		// SHARE on its plan, which UPDATE would wait for (a deadlock
		// between two writers of one plan) and NO KEY UPDATE does not.
		LockPlan: `SELECT id FROM plans WHERE id = ? FOR NO KEY UPDATE`,
	}
}

// Open connects to the postgres:// URL and applies migrations. The URL
// may carry pgx options, e.g. "?search_path=planwatch&sslmode=disable".
func Open(ctx context.Context, url string) (store.Store, error) {
	return OpenDB(ctx, url, nil)
}

// OpenDB is Open returning the concrete store, with a logger (nil for slog's default).
func OpenDB(ctx context.Context, url string, log *slog.Logger) (*sqlstore.DB, error) {
	if url == "" {
		return nil, store.Errorf(store.EInvalid, "postgres: no database URL given")
	}
	pool, err := sql.Open("pgx", url)
	if err != nil {
		return nil, fmt.Errorf("postgres open: %w", err)
	}
	pool.SetMaxOpenConns(16)
	pool.SetMaxIdleConns(4)
	pool.SetConnMaxIdleTime(5 * time.Minute)
	db := sqlstore.New(pool, pool, dialect(), log)
	if err := pool.PingContext(ctx); err != nil {
		db.Close()
		return nil, fmt.Errorf("postgres open: %w", err)
	}
	ms, err := sqlstore.ReadMigrations(migrations, "migrations")
	if err == nil {
		err = db.Migrate(ctx, ms)
	}
	if err != nil {
		db.Close()
		return nil, fmt.Errorf("postgres open: %w", err)
	}
	return db, nil
}

func sqlState(err error) string {
	var e *pgconn.PgError
	if errors.As(err, &e) {
		return e.Code
	}
	return ""
}

// retryable: serialization failures and deadlocks are PostgreSQL asking
// for the transaction to be run again.
func retryable(err error) bool {
	c := sqlState(err)
	return c == "40001" || c == "40P01"
}

func isUnique(err error) bool { return sqlState(err) == "23505" }

func backup(ctx context.Context, db *sqlstore.DB, path string) error {
	return store.Errorf(store.EInvalid,
		"backup of a PostgreSQL database: use pg_dump (e.g. pg_dump -Fc -f %s <database URL>); planwatch backup copies SQLite files only", path)
}
