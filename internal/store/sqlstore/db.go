// Package sqlstore is the SQL core shared by the SQLite and PostgreSQL
// stores: every query and every rule of store.Store lives here once, and a
// small Dialect says what differs between the two databases (placeholders,
// how times are stored, which errors mean "try again" or "duplicate", how to
// back up).
//
// Two tables have rules of their own. audit_log is append-only: the core
// only inserts into it (each write adds its entries in its own
// transaction) and both schemas carry triggers that refuse UPDATE and
// DELETE. observations are evidence and are never edited: a correction is
// a new row naming the old one in supersedes, and superseded_by is derived
// on read. The only changes to an observation row come from its plan:
// DeletePlan deletes them by cascade, and re-importing (Replace) or
// correcting (UpdatePlan) the plan re-points target_id, appending a note
// when the target is gone; each such move is listed in the plan's audit entry.
//
// observation_facts is derived from observations (see facts.go and
// migration 0003): rows per plan and target (chunks of up to 256) with what
// the status engine reads of its observations, kept in step by every write
// in the same transaction, so that judging every plan reads a row per
// target instead of one per observation.
package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"log/slog"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/planwatch/planwatch/internal/store"
)

// Dialect is what differs between the databases the core runs on.
type Dialect struct {
	// Name appears in error messages and logs ("sqlite", "postgres").
	Name string
	// Numbered placeholders: queries are written with "?" and rewritten to
	// "$1", "$2"... when true.
	Numbered bool
	// Retryable reports whether a transaction that failed with err can be
	// run again from the start (SQLITE_BUSY, a serialization failure).
	Retryable func(err error) bool
	// Unique reports whether err is a unique-constraint violation.
	Unique func(err error) bool
	// TimeArg converts a time to the value the database stores for it.
	TimeArg func(t time.Time) any
	// Backup writes a consistent copy of the database to path.
	Backup func(ctx context.Context, db *DB, path string) error
	// LockMigrations, when set, runs first in every migration transaction so
	// that two processes opening the database at once apply each migration once.
	LockMigrations string
	// LockPlan, when set, is a statement taking a lock on the plan whose
	// ID it is given until the transaction ends. Writers that rebuild a
	// plan's observation_facts take it first, so that each rebuild reads
	// the observations the one before it committed. Empty where writers
	// run one at a time anyway (SQLite).
	LockPlan string
}

// DB implements store.Store over database/sql. Writes go through W (for
// SQLite a single connection, so writers queue in Go instead of fighting
// over the file lock); reads go through R, which may be the same pool.
type DB struct {
	W, R    *sql.DB
	Dialect Dialect
	Log     *slog.Logger
	// Now is the clock; tests may replace it.
	Now func() time.Time
	// ParallelReadFrom is the number of observations from which a list is
	// read in id ranges on several reader connections at once.
	ParallelReadFrom int

	rebound sync.Map // query with "?" -> query with "$n"
}

// New returns a store over the pools w (writes) and r (reads).
func New(w, r *sql.DB, d Dialect, log *slog.Logger) *DB {
	if log == nil {
		log = slog.Default()
	}
	return &DB{W: w, R: r, Dialect: d, Log: log, Now: time.Now, ParallelReadFrom: 100_000}
}

var _ store.Store = (*DB)(nil)

// Close closes both pools.
func (db *DB) Close() error {
	err := db.W.Close()
	if db.R != db.W {
		err = errors.Join(err, db.R.Close())
	}
	return err
}

// now is the current time at the precision both databases keep
// (PostgreSQL keeps microseconds), so a value read back equals the one written.
func (db *DB) now() time.Time { return db.Now().UTC().Truncate(time.Microsecond) }

// q rewrites a query for the dialect's placeholders.
func (db *DB) q(query string) string {
	if !db.Dialect.Numbered {
		return query
	}
	if v, ok := db.rebound.Load(query); ok {
		return v.(string)
	}
	var b strings.Builder
	n := 0
	for _, r := range query {
		if r == '?' {
			n++
			b.WriteByte('$')
			b.WriteString(strconv.Itoa(n))
			continue
		}
		b.WriteRune(r)
	}
	db.rebound.Store(query, b.String())
	return b.String()
}

// tx is a write transaction with the dialect's placeholders.
type tx struct {
	db *DB
	tx *sql.Tx
}

func (t *tx) exec(ctx context.Context, query string, args ...any) (sql.Result, error) {
	return t.tx.ExecContext(ctx, t.db.q(query), args...)
}

func (t *tx) query(ctx context.Context, query string, args ...any) (*sql.Rows, error) {
	return t.tx.QueryContext(ctx, t.db.q(query), args...)
}

func (t *tx) queryRow(ctx context.Context, query string, args ...any) *sql.Row {
	return t.tx.QueryRowContext(ctx, t.db.q(query), args...)
}

// insertID runs an INSERT ... RETURNING id and returns the id.
func (t *tx) insertID(ctx context.Context, query string, args ...any) (int64, error) {
	var id int64
	err := t.queryRow(ctx, query+" RETURNING id", args...).Scan(&id)
	return id, err
}

// maxAttempts bounds how often a transaction is retried when the database
// is busy; with SQLite's 10 s busy_timeout underneath, reaching it means
// something holds the lock for minutes.
const maxAttempts = 8

// write runs fn in a write transaction, committing if it returns nil and
// running it again from the start when the database says to retry. fn must
// not keep state across attempts except through its return.
func (db *DB) write(ctx context.Context, what string, fn func(t *tx) error) error {
	delay := 5 * time.Millisecond
	for attempt := 1; ; attempt++ {
		err := db.writeOnce(ctx, fn)
		if err == nil || attempt == maxAttempts || db.Dialect.Retryable == nil || !db.Dialect.Retryable(err) {
			return err
		}
		db.Log.Warn("database busy, retrying", "op", what, "attempt", attempt, "err", err)
		select {
		case <-ctx.Done():
			return fmt.Errorf("%s: %w", what, ctx.Err())
		case <-time.After(delay):
		}
		delay = min(2*delay, time.Second)
	}
}

func (db *DB) writeOnce(ctx context.Context, fn func(t *tx) error) (err error) {
	sqlTx, err := db.W.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("begin: %w", err)
	}
	defer func() {
		if err != nil {
			_ = sqlTx.Rollback()
		}
	}()
	if err = fn(&tx{db: db, tx: sqlTx}); err != nil {
		return err
	}
	if err = sqlTx.Commit(); err != nil {
		return fmt.Errorf("commit: %w", err)
	}
	return nil
}

func (db *DB) query(ctx context.Context, query string, args ...any) (*sql.Rows, error) {
	return db.R.QueryContext(ctx, db.q(query), args...)
}

func (db *DB) queryRow(ctx context.Context, query string, args ...any) *sql.Row {
	return db.R.QueryRowContext(ctx, db.q(query), args...)
}

// Backup writes a consistent copy of the database to path.
func (db *DB) Backup(ctx context.Context, path string) error {
	if db.Dialect.Backup == nil {
		return store.Errorf(store.EInvalid, "%s: online backup is not supported", db.Dialect.Name)
	}
	return db.Dialect.Backup(ctx, db, path)
}

// timeCol scans a time whichever way the database returns it: time.Time
// (PostgreSQL timestamptz) or RFC 3339 text (SQLite).
type timeCol struct{ t *time.Time }

func (c timeCol) Scan(v any) error {
	switch x := v.(type) {
	case nil:
		*c.t = time.Time{}
	case time.Time:
		*c.t = x.UTC()
	case string:
		return c.parse(x)
	case []byte:
		return c.parse(string(x))
	default:
		return fmt.Errorf("time column: unexpected %T", v)
	}
	return nil
}

func (c timeCol) parse(s string) error {
	if t, ok := parseFixedUTC(s); ok {
		*c.t = t
		return nil
	}
	t, err := time.Parse(time.RFC3339Nano, s)
	if err != nil {
		return fmt.Errorf("time column: %w", err)
	}
	*c.t = t.UTC()
	return nil
}

// SQLiteTime is the text form SQLite stores times in: fixed width UTC, so
// that text order is time order.
func SQLiteTime(t time.Time) any { return t.UTC().Format("2006-01-02T15:04:05.000000Z07:00") }

// SQL returns the write pool, for maintenance and for tests that must
// reach under the Store interface (e.g. to prove audit_log refuses UPDATE).
func (db *DB) SQL() *sql.DB { return db.W }

// parseFixedUTC reads the one layout SQLiteTime writes
// ("2006-01-02T15:04:05.000000Z") without time.Parse, which is a tenth
// of the cost of reading a million observations.
func parseFixedUTC(s string) (time.Time, bool) {
	if len(s) != 27 || s[4] != '-' || s[7] != '-' || s[10] != 'T' || s[13] != ':' || s[16] != ':' || s[19] != '.' || s[26] != 'Z' {
		return time.Time{}, false
	}
	num := func(from, to int) (int, bool) {
		n := 0
		for i := from; i < to; i++ {
			c := s[i]
			if c < '0' || c > '9' {
				return 0, false
			}
			n = n*10 + int(c-'0')
		}
		return n, true
	}
	var v [7]int
	for i, span := range [7][2]int{{0, 4}, {5, 7}, {8, 10}, {11, 13}, {14, 16}, {17, 19}, {20, 26}} {
		n, ok := num(span[0], span[1])
		if !ok {
			return time.Time{}, false
		}
		v[i] = n
	}
	return time.Date(v[0], time.Month(v[1]), v[2], v[3], v[4], v[5], v[6]*1000, time.UTC), true
}
