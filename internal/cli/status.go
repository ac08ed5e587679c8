package cli

import (
	"context"
	"errors"
)

// runStatus is filled in by the work on the status subcommand.
func runStatus(ctx context.Context, env Env, args []string) error {
	return errors.New("status: not built yet")
}
