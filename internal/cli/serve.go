package cli

import (
	"context"
	"errors"
)

// runServe is filled in by the work on the serve subcommand.
func runServe(ctx context.Context, env Env, args []string) error {
	return errors.New("serve: not built yet")
}
