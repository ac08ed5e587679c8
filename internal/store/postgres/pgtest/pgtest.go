// Package pgtest gives tests an empty PostgreSQL schema of their own on the
// server named by PLANWATCH_TEST_PG, so that tests, packages and concurrent
// CI runs never see each other's rows. Without the variable it skips.
package pgtest

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"net/url"
	"os"
	"testing"

	_ "github.com/jackc/pgx/v5/stdlib" // the "pgx" database/sql driver
)

// FreshURL creates an empty schema, dropped when the test ends, and returns
// a postgres:// URL whose search_path is that schema. prefix names the
// schema's owner ("pw_api_…") for whoever reads the server's logs.
func FreshURL(t testing.TB, prefix string) string {
	t.Helper()
	base := os.Getenv("PLANWATCH_TEST_PG")
	if base == "" {
		t.Skip("PLANWATCH_TEST_PG is not set; run `bash .ci/postgres.sh >pg.env && . ./pg.env` to test on PostgreSQL")
	}
	admin, err := sql.Open("pgx", base)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { admin.Close() })
	b := make([]byte, 6)
	rand.Read(b)
	schema := "pw_" + prefix + "_" + hex.EncodeToString(b)
	if _, err := admin.ExecContext(context.Background(), "CREATE SCHEMA "+schema); err != nil {
		t.Fatalf("create schema: %v", err)
	}
	t.Cleanup(func() {
		if _, err := admin.ExecContext(context.Background(), "DROP SCHEMA "+schema+" CASCADE"); err != nil {
			t.Errorf("drop schema %s: %v", schema, err)
		}
	})
	u, err := url.Parse(base)
	if err != nil {
		t.Fatal(err)
	}
	q := u.Query()
	q.Set("search_path", schema)
	u.RawQuery = q.Encode()
	return u.String()
}
