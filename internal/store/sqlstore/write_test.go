package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"testing"
	"time"

	_ "modernc.org/sqlite"
)

var errBusy = errors.New("busy")

func memDB(t *testing.T, retryable func(error) bool) *DB {
	t.Helper()
	pool, err := sql.Open("sqlite", ":memory:")
	if err != nil {
		t.Fatal(err)
	}
	pool.SetMaxOpenConns(1)
	t.Cleanup(func() { pool.Close() })
	if _, err := pool.Exec("CREATE TABLE n (v INTEGER)"); err != nil {
		t.Fatal(err)
	}
	return New(pool, pool, Dialect{Name: "test", Retryable: retryable, TimeArg: SQLiteTime}, nil)
}

func count(t *testing.T, db *DB) int {
	var n int
	if err := db.W.QueryRow("SELECT COUNT(*) FROM n").Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

// A transaction the database calls busy is run again from the start, and
// the failed attempts leave nothing behind.
func TestWriteRetriesBusy(t *testing.T) {
	db := memDB(t, func(err error) bool { return errors.Is(err, errBusy) })
	calls := 0
	err := db.write(t.Context(), "test", func(tx *tx) error {
		calls++
		if _, err := tx.exec(t.Context(), "INSERT INTO n (v) VALUES (?)", calls); err != nil {
			return err
		}
		if calls < 3 {
			return errBusy
		}
		return nil
	})
	if err != nil || calls != 3 || count(t, db) != 1 {
		t.Fatalf("err=%v calls=%d rows=%d; want success on the third attempt with one row", err, calls, count(t, db))
	}
}

func TestWriteGivesUp(t *testing.T) {
	db := memDB(t, func(err error) bool { return errors.Is(err, errBusy) })
	calls := 0
	err := db.write(t.Context(), "test", func(tx *tx) error { calls++; return errBusy })
	if !errors.Is(err, errBusy) || calls != maxAttempts {
		t.Fatalf("err=%v after %d calls, want busy after %d", err, calls, maxAttempts)
	}
	other := errors.New("bad input")
	calls = 0
	err = db.write(t.Context(), "test", func(tx *tx) error { calls++; return other })
	if !errors.Is(err, other) || calls != 1 {
		t.Fatalf("a non-busy error was retried: %v after %d calls", err, calls)
	}
	ctx, cancel := context.WithTimeout(t.Context(), 20*time.Millisecond)
	defer cancel()
	start := time.Now()
	err = db.write(ctx, "test", func(tx *tx) error { return errBusy })
	if err == nil || time.Since(start) > 2*time.Second {
		t.Fatalf("a cancelled context did not stop the retries: %v after %v", err, time.Since(start))
	}
}

func TestRebind(t *testing.T) {
	db := &DB{Dialect: Dialect{Numbered: true}}
	if got := db.q("SELECT a FROM t WHERE b = ? AND c = ?"); got != "SELECT a FROM t WHERE b = $1 AND c = $2" {
		t.Fatalf("rebind: %s", got)
	}
}

func TestTimeRoundTrip(t *testing.T) {
	for _, in := range []time.Time{
		time.Date(2021, 12, 31, 23, 59, 59, 999999000, time.UTC),
		time.Date(2020, 1, 2, 3, 4, 5, 6000, time.FixedZone("CST", 8*3600)),
	} {
		var got time.Time
		if err := (timeCol{&got}).Scan(SQLiteTime(in)); err != nil || !got.Equal(in) {
			t.Errorf("%v -> %v -> %v, %v", in, SQLiteTime(in), got, err)
		}
	}
	var got time.Time
	if err := (timeCol{&got}).Scan("2021-02-30T00:00:00Z"); err == nil {
		t.Errorf("an impossible date parsed as %v", got)
	}
}
