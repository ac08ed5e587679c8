package cli

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"path/filepath"

	"github.com/planwatch/planwatch/internal/export"
	"github.com/planwatch/planwatch/internal/ledger"
)

// runExport writes the ledger (督办台账) as xlsx, csv or json.
func runExport(ctx context.Context, env Env, args []string) error {
	fs := newFlagSet(env, "export", "--format xlsx|csv|json [--plan ID] [--unit NAME] [--as-of YYYY-MM-DD] [--lang zh|en] [-o FILE] [--db FILE|URL]")
	db := dbFlag(fs, defaultDB)
	thresholds := thresholdFlags(fs)
	format := fs.String("format", "xlsx", "xlsx, csv or json")
	planID := fs.Int64("plan", 0, "plan ID (default: all plans)")
	unit := fs.String("unit", "", "only targets this unit leads or co-leads")
	asOfText := fs.String("as-of", "", "judge as of this date, YYYY-MM-DD (default today)")
	lang := fs.String("lang", "zh", "labels in zh (Chinese) or en (English)")
	out := fs.String("o", "", "output file (required for xlsx; csv and json go to standard output without it)")
	pos, err := parseArgs(fs, args)
	if err != nil {
		return err
	}
	cfg, err := thresholds()
	if err != nil {
		return err
	}
	switch {
	case len(pos) > 0:
		return fmt.Errorf("%w: unexpected argument %q", errUsage, pos[0])
	case *format != "xlsx" && *format != "csv" && *format != "json":
		return fmt.Errorf("%w: --format %q: want xlsx, csv or json", errUsage, *format)
	case *lang != "zh" && *lang != "en":
		return fmt.Errorf("%w: --lang %q: want zh or en", errUsage, *lang)
	case *format == "xlsx" && *out == "":
		return fmt.Errorf("%w: xlsx needs -o FILE (a workbook is not for a terminal)", errUsage)
	}
	l, err := judgeTargets(ctx, *db, *asOfText, ledger.Options{PlanID: *planID, Unit: *unit, Config: cfg})
	if err != nil {
		return fmt.Errorf("export: %w", err)
	}
	if *out == "" {
		w := bufio.NewWriter(env.Stdout)
		if err := export.Write(w, *format, l, *lang); err != nil {
			return fmt.Errorf("export %s: %w", *format, err)
		}
		return w.Flush()
	}
	return writeFileAtomic(*out, func(f *os.File) error { return export.Write(f, *format, l, *lang) })
}

// writeFileAtomic writes path through a temporary file renamed into place,
// so a failed export never leaves a truncated workbook where the old one was.
func writeFileAtomic(path string, write func(*os.File) error) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), ".planwatch-export-*")
	if err != nil {
		return fmt.Errorf("export: %w", err)
	}
	defer os.Remove(tmp.Name())
	if err := write(tmp); err != nil {
		tmp.Close()
		return fmt.Errorf("export %s: %w", path, err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("export %s: %w", path, err)
	}
	if err := os.Chmod(tmp.Name(), 0o644); err != nil {
		return fmt.Errorf("export %s: %w", path, err)
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return fmt.Errorf("export %s: %w", path, err)
	}
	return nil
}
