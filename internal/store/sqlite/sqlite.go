// Package sqlite implements store.Store on SQLite (modernc.org/sqlite, pure Go).
package sqlite

import (
	"context"
	"errors"

	"github.com/planwatch/planwatch/internal/store"
)

// Open opens (creating if needed) the database file at path and applies migrations.
func Open(ctx context.Context, path string) (store.Store, error) {
	return nil, errors.New("sqlite.Open: not built yet")
}
