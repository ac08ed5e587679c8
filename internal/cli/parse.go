package cli

import (
	"context"
	"errors"
)

// runParse is filled in by the work on the parse subcommand.
func runParse(ctx context.Context, env Env, args []string) error {
	return errors.New("parse: not built yet")
}
