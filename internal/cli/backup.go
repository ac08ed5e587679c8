package cli

import (
	"context"
	"fmt"
)

// runBackup writes an online copy of the database to a file.
func runBackup(ctx context.Context, env Env, args []string) error {
	fs := newFlagSet(env, "backup", "[--db FILE|URL] FILE")
	db := dbFlag(fs, defaultDB)
	pos, err := parseArgs(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		fs.Usage()
		return fmt.Errorf("%w: want one backup file name", errUsage)
	}
	st, err := openStore(ctx, *db)
	if err != nil {
		return err
	}
	defer st.Close()
	if err := st.Backup(ctx, pos[0]); err != nil {
		return fmt.Errorf("backup to %s: %w", pos[0], err)
	}
	fmt.Fprintf(env.Stdout, "已备份到 %s (backup written)\n", pos[0])
	return nil
}
