package cli

import (
	"context"
	"errors"
)

// runDemo is filled in by the work on the demo subcommand.
func runDemo(ctx context.Context, env Env, args []string) error {
	return errors.New("demo: not built yet")
}
