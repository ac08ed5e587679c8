package sqlite_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/planwatch/planwatch/internal/store"
	"github.com/planwatch/planwatch/internal/store/sqlite"
	"github.com/planwatch/planwatch/internal/store/storetest"
)

func openTemp(t *testing.T) store.Store {
	t.Helper()
	s, err := sqlite.Open(t.Context(), filepath.Join(t.TempDir(), "planwatch.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

func TestConformance(t *testing.T) { storetest.Run(t, openTemp) }

func TestConformanceInMemory(t *testing.T) {
	storetest.Run(t, func(t *testing.T) store.Store {
		s, err := sqlite.Open(t.Context(), ":memory:")
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { s.Close() })
		return s
	})
}

func TestFactsMigration(t *testing.T) {
	m, err := os.ReadFile("migrations/0003_observation_facts.sql")
	if err != nil {
		t.Fatal(err)
	}
	storetest.CheckFactsMigration(t, openTemp(t), string(m))
}
