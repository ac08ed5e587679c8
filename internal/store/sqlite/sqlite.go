// Package sqlite implements store.Store on SQLite (modernc.org/sqlite, pure
// Go, so the binary needs no C library on an offline intranet machine).
//
// The database runs in WAL mode: readers never wait for the writer. All
// writes go through one connection, so writers in this process queue in Go
// rather than retrying on the file lock; other processes are kept out by
// busy_timeout and BEGIN IMMEDIATE, and a transaction that still meets
// SQLITE_BUSY is run again (sqlstore.DB.write).
package sqlite

import (
	"context"
	"database/sql"
	"embed"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"runtime"
	"strings"

	"modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"

	"github.com/planwatch/planwatch/internal/store"
	"github.com/planwatch/planwatch/internal/store/sqlstore"
)

//go:embed migrations/*.sql
var migrations embed.FS

// pragmas are applied to every connection; busy_timeout comes first so
// that the others wait for a lock instead of failing.
const pragmas = "_pragma=busy_timeout(10000)&_pragma=journal_mode(WAL)&_pragma=foreign_keys(1)&_pragma=synchronous(NORMAL)"

func dialect(dsn string) sqlstore.Dialect {
	return sqlstore.Dialect{
		Name:      "sqlite",
		Retryable: isBusy,
		Unique:    isUnique,
		TimeArg:   sqlstore.SQLiteTime,
		Backup:    backup(dsn),
	}
}

// Open opens (creating if needed) the database file at path and applies
// migrations. ":memory:" gives a private in-memory database on one
// connection, for tests.
func Open(ctx context.Context, path string) (store.Store, error) {
	return OpenDB(ctx, path, nil)
}

// OpenDB is Open returning the concrete store, with a logger (nil for slog's default).
func OpenDB(ctx context.Context, path string, log *slog.Logger) (*sqlstore.DB, error) {
	if path == "" {
		return nil, store.Errorf(store.EInvalid, "sqlite: no database path given")
	}
	if strings.Contains(path, "?") {
		// Everything after "?" would be read as connection options.
		return nil, store.Errorf(store.EInvalid, "sqlite: database path %q contains '?'; rename the file", path)
	}
	var w, r *sql.DB
	var err error
	var dsn string
	if path == ":memory:" {
		if w, err = sql.Open("sqlite", ":memory:?_pragma=foreign_keys(1)"); err != nil {
			return nil, fmt.Errorf("sqlite open: %w", err)
		}
		w.SetMaxOpenConns(1)
		w.SetConnMaxIdleTime(0)
		w.SetConnMaxLifetime(0)
		r = w
	} else {
		dsn = path + "?" + pragmas
		if w, err = sql.Open("sqlite", dsn+"&_txlock=immediate"); err != nil {
			return nil, fmt.Errorf("sqlite open %s: %w", path, err)
		}
		w.SetMaxOpenConns(1)
		if r, err = sql.Open("sqlite", dsn+"&_pragma=query_only(1)"); err != nil {
			w.Close()
			return nil, fmt.Errorf("sqlite open %s: %w", path, err)
		}
		r.SetMaxOpenConns(max(4, runtime.NumCPU()))
	}
	db := sqlstore.New(w, r, dialect(dsn), log)
	if err := w.PingContext(ctx); err != nil {
		db.Close()
		return nil, fmt.Errorf("sqlite open %s: %w", path, err)
	}
	ms, err := sqlstore.ReadMigrations(migrations, "migrations")
	if err == nil {
		err = db.Migrate(ctx, ms)
	}
	if err != nil {
		db.Close()
		return nil, fmt.Errorf("sqlite open %s: %w", path, err)
	}
	return db, nil
}

func sqliteCode(err error) int {
	var e *sqlite.Error
	if errors.As(err, &e) {
		return e.Code()
	}
	return 0
}

// isBusy: another process holds the lock past busy_timeout, or our
// snapshot went stale; the transaction can be run again.
func isBusy(err error) bool {
	c := sqliteCode(err) & 0xff
	return c == sqlite3.SQLITE_BUSY || c == sqlite3.SQLITE_LOCKED
}

func isUnique(err error) bool {
	c := sqliteCode(err)
	return c == sqlite3.SQLITE_CONSTRAINT_UNIQUE || c == sqlite3.SQLITE_CONSTRAINT_PRIMARYKEY
}

// backup copies the database with VACUUM INTO on a connection of its own:
// it reads one consistent snapshot, and in WAL mode writers go on
// meanwhile. The copy is compact and needs no WAL file beside it.
func backup(dsn string) func(ctx context.Context, db *sqlstore.DB, path string) error {
	return func(ctx context.Context, db *sqlstore.DB, path string) error {
		if _, err := os.Stat(path); err == nil {
			return store.Errorf(store.EInvalid, "backup: %s already exists; choose a new file name", path)
		}
		src := db.W // ":memory:" has only the one connection
		if dsn != "" {
			// Not the reader pool: it is query_only, which VACUUM INTO obeys.
			one, err := sql.Open("sqlite", dsn)
			if err != nil {
				return fmt.Errorf("backup to %s: %w", path, err)
			}
			defer one.Close()
			src = one
		}
		if _, err := src.ExecContext(ctx, "VACUUM INTO ?", path); err != nil {
			return fmt.Errorf("backup to %s: %w", path, err)
		}
		return nil
	}
}
