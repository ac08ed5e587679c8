package postgres_test

import (
	"database/sql"
	"os"
	"sync"
	"testing"

	_ "github.com/jackc/pgx/v5/stdlib"

	"github.com/planwatch/planwatch/internal/store"
	"github.com/planwatch/planwatch/internal/store/postgres"
	"github.com/planwatch/planwatch/internal/store/postgres/pgtest"
	"github.com/planwatch/planwatch/internal/store/storetest"
)

// openFresh opens a store in a schema of its own, dropped when the test
// ends, so that tests and concurrent CI runs never see each other's rows.
func openFresh(t *testing.T) store.Store {
	t.Helper()
	s, err := postgres.Open(t.Context(), freshURL(t))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

// freshURL creates an empty schema and returns the URL that uses it.
func freshURL(t *testing.T) string {
	t.Helper()
	return pgtest.FreshURL(t, "test")
}

// TestConcurrentOpen: processes starting together on an empty database
// take turns at the migrations; each is applied once.
func TestConcurrentOpen(t *testing.T) {
	url := freshURL(t)
	var wg sync.WaitGroup
	errs := make([]error, 4)
	stores := make([]store.Store, 4)
	for i := range stores {
		wg.Go(func() { stores[i], errs[i] = postgres.Open(t.Context(), url) })
	}
	wg.Wait()
	for i, err := range errs {
		if err != nil {
			t.Fatalf("open %d: %v", i, err)
		}
		defer stores[i].Close()
	}
	var n int
	if err := stores[0].(interface{ SQL() *sql.DB }).SQL().QueryRowContext(t.Context(), "SELECT COUNT(*) FROM schema_migrations").Scan(&n); err != nil || n != 3 {
		t.Fatalf("schema_migrations has %d rows (%v), want 3 (one per migration)", n, err)
	}
}

func TestConformance(t *testing.T) { storetest.Run(t, openFresh) }

func TestFactsMigration(t *testing.T) {
	m, err := os.ReadFile("migrations/0003_observation_facts.sql")
	if err != nil {
		t.Fatal(err)
	}
	storetest.CheckFactsMigration(t, openFresh(t), string(m))
}
