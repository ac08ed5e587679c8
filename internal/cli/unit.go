package cli

import (
	"context"
	"errors"
)

// runUnit is filled in by the work on the unit subcommand.
func runUnit(ctx context.Context, env Env, args []string) error {
	return errors.New("unit: not built yet")
}
