package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"os"
	"strings"

	"github.com/planwatch/planwatch/internal/store"
	"github.com/planwatch/planwatch/internal/store/postgres"
	"github.com/planwatch/planwatch/internal/store/sqlite"
)

// defaultDB is the SQLite file used when neither --db nor PLANWATCH_DB is given.
const defaultDB = "planwatch.db"

// dbFlag adds --db to fs; its default comes from PLANWATCH_DB, else def.
func dbFlag(fs *flag.FlagSet, def string) *string {
	if env := os.Getenv("PLANWATCH_DB"); env != "" {
		def = env
	}
	return fs.String("db", def, "SQLite file, or a postgres:// URL (env PLANWATCH_DB)")
}

// isPostgresURL reports whether dsn names a PostgreSQL server rather than a file.
func isPostgresURL(dsn string) bool {
	return strings.HasPrefix(dsn, "postgres://") || strings.HasPrefix(dsn, "postgresql://")
}

// openStore opens the database dsn names: a PostgreSQL URL or a SQLite file.
func openStore(ctx context.Context, dsn string) (store.Store, error) {
	if dsn == "" {
		return nil, fmt.Errorf("%w: --db is empty", errUsage)
	}
	if isPostgresURL(dsn) {
		st, err := postgres.Open(ctx, dsn)
		if err != nil {
			// The URL may carry a password: name only the kind of database.
			return nil, fmt.Errorf("open postgres database: %w", err)
		}
		return st, nil
	}
	st, err := sqlite.Open(ctx, dsn)
	if err != nil {
		return nil, fmt.Errorf("open database %s: %w", dsn, err)
	}
	return st, nil
}

// cliActor is the audit actor for writes made from the command line.
func cliActor() store.Actor {
	name := "cli"
	if u := os.Getenv("USER"); u != "" {
		name = "cli:" + u
	}
	return store.Actor{Name: name, Role: store.RoleAdmin}
}

// parseArgs parses flags that may come before or after positional
// arguments ("import plan FILE --replace" as well as "--replace FILE"),
// and returns the positional ones.
func parseArgs(fs *flag.FlagSet, args []string) ([]string, error) {
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				return nil, err
			}
			return nil, fmt.Errorf("%w: %v", errUsage, err)
		}
		args = fs.Args()
		if len(args) == 0 {
			return pos, nil
		}
		if args[0] == "--" {
			return append(pos, args[1:]...), nil
		}
		pos = append(pos, args[0])
		args = args[1:]
	}
}
