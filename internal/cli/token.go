package cli

import (
	"context"
	"errors"
)

// runToken is filled in by the work on the token subcommand.
func runToken(ctx context.Context, env Env, args []string) error {
	return errors.New("token: not built yet")
}
