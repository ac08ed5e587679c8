package postgres_test

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"net/url"
	"os"
	"testing"

	_ "github.com/jackc/pgx/v5/stdlib"

	"github.com/planwatch/planwatch/internal/store"
	"github.com/planwatch/planwatch/internal/store/postgres"
	"github.com/planwatch/planwatch/internal/store/storetest"
)

// openFresh opens a store in a schema of its own, dropped when the test
// ends, so that tests and concurrent CI runs never see each other's rows.
func openFresh(t *testing.T) store.Store {
	t.Helper()
	base := os.Getenv("PLANWATCH_TEST_PG")
	if base == "" {
		t.Skip("PLANWATCH_TEST_PG is not set; run `eval \"$(bash .ci/postgres.sh)\"` to test on PostgreSQL")
	}
	admin, err := sql.Open("pgx", base)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { admin.Close() })
	b := make([]byte, 6)
	rand.Read(b)
	schema := "pw_test_" + hex.EncodeToString(b)
	if _, err := admin.ExecContext(t.Context(), "CREATE SCHEMA "+schema); err != nil {
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
	s, err := postgres.Open(t.Context(), u.String())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

func TestConformance(t *testing.T) { storetest.Run(t, openFresh) }
