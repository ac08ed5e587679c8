// Package postgres implements store.Store on PostgreSQL through pgx.
package postgres

import (
	"context"
	"errors"

	"github.com/planwatch/planwatch/internal/store"
)

// Open connects to the postgres:// URL and applies migrations.
func Open(ctx context.Context, url string) (store.Store, error) {
	return nil, errors.New("postgres.Open: not built yet")
}
