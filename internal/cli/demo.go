package cli

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/planwatch/planwatch/internal/demo"
	"github.com/planwatch/planwatch/internal/ledger"
	"github.com/planwatch/planwatch/internal/status"
	"github.com/planwatch/planwatch/internal/store/sqlite"
)

const defaultDemoDB = "planwatch-demo.db"

// demoSizeLimit bounds the file demo will consider replacing: the demo
// database is well under a megabyte, so anything large is someone's data.
const demoSizeLimit = 64 << 20

// runDemo builds a fresh SQLite file with the Changsha demo and prints
// its status at the plan's end.
func runDemo(ctx context.Context, env Env, args []string) error {
	fs := newFlagSet(env, "demo", "[--db FILE] [--force]")
	db := fs.String("db", defaultDemoDB, "SQLite file to (re)build")
	force := fs.Bool("force", false, "overwrite FILE even if it is not a demo database")
	pos, err := parseArgs(fs, args)
	if err != nil {
		return err
	}
	if len(pos) > 0 {
		return fmt.Errorf("%w: unexpected argument %q", errUsage, pos[0])
	}
	if isPostgresURL(*db) {
		return fmt.Errorf("%w: demo builds a SQLite file; give a file name, not a postgres URL", errUsage)
	}
	if err := checkReplaceable(ctx, *db, *force); err != nil {
		return err
	}
	res, err := buildDemo(ctx, *db)
	if err != nil {
		return err
	}
	fmt.Fprintf(env.Stdout, "示例数据库已建立 (demo database built): %s\n计划 %d，%d 条观测，%d 个单位\n\n", *db, res.PlanID, res.Observations, res.Units)

	st, err := openStore(ctx, *db)
	if err != nil {
		return err
	}
	defer st.Close()
	l, err := ledger.Build(ctx, st, ledger.Options{PlanID: res.PlanID, AsOf: demo.AsOf, Config: status.DefaultConfig()})
	if err != nil {
		return fmt.Errorf("judge demo as of %s: %w", demo.AsOf, err)
	}
	if err := printLedger(env.Stdout, l); err != nil {
		return err
	}
	printDemoTokens(env.Stdout, res.Tokens)
	fmt.Fprintf(env.Stdout, "\n下一步 (next): planwatch serve --db %s\n", *db)
	return nil
}

func printDemoTokens(w io.Writer, toks []demo.Token) {
	fmt.Fprintln(w, "\n演示令牌（仅供试用，密钥只显示这一次）(demo tokens; secrets shown once):")
	for _, t := range toks {
		who := t.Role
		if t.Unit != "" {
			who += " " + t.Unit
		}
		fmt.Fprintf(w, "  %s [%s]: %s\n", t.Name, who, t.Secret)
	}
}

// buildDemo loads the demo into a scratch database and copies it over
// path in one rename, so path is never left half-built and a stale WAL
// beside it cannot be replayed into the new file.
func buildDemo(ctx context.Context, path string) (demo.Result, error) {
	dir := filepath.Dir(path)
	work, err := os.MkdirTemp(dir, ".planwatch-demo-")
	if err != nil {
		return demo.Result{}, fmt.Errorf("demo: %w", err)
	}
	defer os.RemoveAll(work)
	st, err := sqlite.Open(ctx, filepath.Join(work, "build.db"))
	if err != nil {
		return demo.Result{}, fmt.Errorf("demo: open scratch database: %w", err)
	}
	res, err := demo.Setup(ctx, st)
	if err == nil {
		err = st.Backup(ctx, filepath.Join(work, "copy.db"))
	}
	if cerr := st.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return demo.Result{}, fmt.Errorf("demo: %w", err)
	}
	for _, suffix := range []string{"-wal", "-shm"} {
		if err := os.Remove(path + suffix); err != nil && !errors.Is(err, os.ErrNotExist) {
			return demo.Result{}, fmt.Errorf("demo: remove old %s: %w", path+suffix, err)
		}
	}
	if err := os.Rename(filepath.Join(work, "copy.db"), path); err != nil {
		return demo.Result{}, fmt.Errorf("demo: %w", err)
	}
	return res, nil
}

// checkReplaceable refuses to overwrite a file that is not a demo
// database unless forced. It inspects a copy, since opening a database
// applies migrations and must not touch someone's file.
func checkReplaceable(ctx context.Context, path string, force bool) error {
	fi, err := os.Stat(path)
	switch {
	case errors.Is(err, os.ErrNotExist):
		return nil
	case err != nil:
		return fmt.Errorf("demo: %w", err)
	case force:
		return nil
	case fi.IsDir():
		return fmt.Errorf("demo: %s is a directory", path)
	}
	refuse := fmt.Errorf("demo: %s exists and is not a planwatch demo database; choose another --db or add --force to overwrite it", path)
	if fi.Size() > demoSizeLimit {
		return refuse
	}
	isDemo, err := isDemoDB(ctx, path)
	if err != nil || !isDemo {
		return refuse
	}
	return nil
}

func isDemoDB(ctx context.Context, path string) (bool, error) {
	data, err := os.ReadFile(path)
	if err != nil || !bytes.HasPrefix(data, []byte("SQLite format 3\x00")) {
		return false, err
	}
	if _, err := os.Stat(path + "-wal"); err == nil {
		// Committed pages may still sit in the WAL; a copy without it
		// could look like something else. Treat as not ours.
		return false, nil
	}
	work, err := os.MkdirTemp("", "planwatch-demo-check-")
	if err != nil {
		return false, err
	}
	defer os.RemoveAll(work)
	cp := filepath.Join(work, "check.db")
	if err := os.WriteFile(cp, data, 0o600); err != nil {
		return false, err
	}
	st, err := sqlite.Open(ctx, cp)
	if err != nil {
		return false, err
	}
	defer st.Close()
	plans, err := st.ListPlans(ctx)
	if err != nil {
		return false, err
	}
	return len(plans) == 1 && plans[0].SourceName == demo.PlanName, nil
}
