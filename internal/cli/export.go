package cli

import (
	"context"
	"errors"
)

// runExport is filled in by the work on the export subcommand.
func runExport(ctx context.Context, env Env, args []string) error {
	return errors.New("export: not built yet")
}
