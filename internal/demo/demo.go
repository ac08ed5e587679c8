// Package demo loads the Changsha new-infrastructure plan and its reported
// outcomes (embedded copies of shared/plans and shared/demo) into a store.
package demo

import (
	"context"
	"errors"

	"github.com/planwatch/planwatch/internal/store"
)

// Load imports the demo plan and observations into st and returns the plan's ID.
func Load(ctx context.Context, st store.Store) (int64, error) {
	return 0, errors.New("demo.Load: not built yet")
}
