package cli

import (
	"context"
	"errors"
)

// runBackup is filled in by the work on the backup subcommand.
func runBackup(ctx context.Context, env Env, args []string) error {
	return errors.New("backup: not built yet")
}
