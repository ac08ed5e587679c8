package cli

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/planwatch/planwatch/internal/demo"
	"github.com/planwatch/planwatch/internal/store"
	"github.com/planwatch/planwatch/internal/store/sqlite"
)

// runCLI runs planwatch with args as a user would and returns the exit
// code and what it printed.
func runCLI(t *testing.T, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errb bytes.Buffer
	code = Main(context.Background(), args, strings.NewReader(""), &out, &errb)
	return code, out.String(), errb.String()
}

// mustRun runs planwatch and fails the test unless it exits 0.
func mustRun(t *testing.T, args ...string) string {
	t.Helper()
	code, out, errs := runCLI(t, args...)
	if code != 0 {
		t.Fatalf("planwatch %s: exit %d\nstdout: %s\nstderr: %s", strings.Join(args, " "), code, out, errs)
	}
	return out
}

// testDB is a fresh database file name in a temporary directory, and the
// Changsha plan text beside it.
func testDB(t *testing.T) (db, planFile string) {
	t.Helper()
	t.Setenv("PLANWATCH_DB", "")
	dir := t.TempDir()
	planFile = filepath.Join(dir, "changsha.txt")
	if err := os.WriteFile(planFile, demo.PlanFile, 0o644); err != nil {
		t.Fatal(err)
	}
	return filepath.Join(dir, "pw.db"), planFile
}

// inspect opens db directly, to check what the commands stored.
func inspect(t *testing.T, db string) store.Store {
	t.Helper()
	st, err := sqlite.Open(context.Background(), db)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	return st
}

func TestDBFromEnvironment(t *testing.T) {
	db, planFile := testDB(t)
	t.Setenv("PLANWATCH_DB", db)
	mustRun(t, "import", "plan", planFile)
	plans, err := inspect(t, db).ListPlans(context.Background())
	if err != nil || len(plans) != 1 {
		t.Fatalf("PLANWATCH_DB=%s: %d plans, %v", db, len(plans), err)
	}
}

func TestDBFlagOverridesEnvironmentAndBadDB(t *testing.T) {
	db, planFile := testDB(t)
	t.Setenv("PLANWATCH_DB", filepath.Join(t.TempDir(), "other.db"))
	mustRun(t, "import", "plan", planFile, "--db", db)
	if plans, _ := inspect(t, db).ListPlans(context.Background()); len(plans) != 1 {
		t.Fatalf("--db ignored: %d plans in %s", len(plans), db)
	}
	code, _, errs := runCLI(t, "status", "--db", filepath.Join(t.TempDir(), "no", "such", "dir", "x.db"))
	if code != 1 || !strings.Contains(errs, "open database") {
		t.Errorf("unopenable --db: exit %d, %q", code, errs)
	}
}

func TestEverySubcommandHasHelp(t *testing.T) {
	for _, args := range [][]string{
		{"import", "--help"}, {"import", "plan", "--help"}, {"import", "observations", "--help"},
		{"status", "--help"}, {"export", "--help"}, {"demo", "--help"}, {"backup", "--help"},
		{"token", "--help"}, {"token", "create", "--help"}, {"token", "list", "--help"}, {"token", "revoke", "--help"},
		{"unit", "--help"}, {"unit", "add", "--help"}, {"unit", "alias", "--help"}, {"unit", "list", "--help"},
	} {
		code, _, errs := runCLI(t, args...)
		if code != 0 || !strings.Contains(errs, "Usage: planwatch") {
			t.Errorf("%v: exit %d, help %q", args, code, errs)
		}
		if len(args) == 3 || args[0] == "status" || args[0] == "export" || args[0] == "backup" || args[0] == "demo" {
			if !strings.Contains(errs, "-db") {
				t.Errorf("%v: no --db flag in help", args)
			}
		}
	}
}
