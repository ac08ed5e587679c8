package postgres_test

import (
	"database/sql"
	"os"
	"testing"

	"github.com/planwatch/planwatch/internal/store"
	"github.com/planwatch/planwatch/internal/store/postgres"
	"github.com/planwatch/planwatch/internal/store/storetest"
)

// TestUpgradeFromVersion1: a database made before users existed opens and
// its tokens go on working, each now with a user.
func TestUpgradeFromVersion1(t *testing.T) {
	url := freshURL(t)
	schema1, err := os.ReadFile("migrations/0001_init.sql")
	if err != nil {
		t.Fatal(err)
	}
	raw, err := sql.Open("pgx", url)
	if err != nil {
		t.Fatal(err)
	}
	defer raw.Close()
	storetest.Upgrade(t, raw, string(schema1), func(t *testing.T) store.Store {
		s, err := postgres.Open(t.Context(), url)
		if err != nil {
			t.Fatalf("open a version 1 database: %v", err)
		}
		t.Cleanup(func() { s.Close() })
		return s
	})
}
