package cli

import (
	"context"
	"errors"
)

// runImport is filled in by the work on the import subcommand.
func runImport(ctx context.Context, env Env, args []string) error {
	return errors.New("import: not built yet")
}
