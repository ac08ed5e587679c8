package cli

import (
	"bytes"
	"context"
	"github.com/planwatch/planwatch/internal/store/postgres/pgtest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	_ "github.com/jackc/pgx/v5/stdlib" // driver "pgx" for creating a test schema

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

// freshPostgres returns a postgres:// URL whose search_path is a schema
// of its own, dropped when the test ends; it skips without PLANWATCH_TEST_PG.
func freshPostgres(t *testing.T) string {
	t.Helper()
	return pgtest.FreshURL(t, "cli")
}

// The same commands behave the same on PostgreSQL.
func TestCommandsOnPostgres(t *testing.T) {
	pg := freshPostgres(t)
	_, planFile := testDB(t)
	mustRun(t, "import", "plan", planFile, "--db", pg)
	if out := mustRun(t, "import", "plan", planFile, "--db", pg); !strings.Contains(out, "已存在，未更改") {
		t.Errorf("second import on PostgreSQL:\n%s", out)
	}
	bad := writeFile(t, "bad.csv", obsHeader+"2.1.1-1,,,30490,个,2020-01-01,2020-11-30,flow,长沙市,http://example.cn/1,\n2.1.1-1,,,x,个,,2021-12-31,flow,,http://example.cn/2,\n")
	if code, _, errs := runCLI(t, "import", "observations", bad, "--plan", "1", "--db", pg); code != 1 || !strings.Contains(errs, "bad.csv line 3 column 4 (value)") {
		t.Errorf("bad file on PostgreSQL: exit %d %q", code, errs)
	}
	good := writeFile(t, "good.csv", obsHeader+"2.1.1-1,,,30490,个,2020-01-01,2020-11-30,flow,长沙市,http://example.cn/1,\n")
	mustRun(t, "import", "observations", good, "--plan", "1", "--db", pg)
	if out := mustRun(t, "status", "--db", pg, "--as-of", "2022-12-31"); !strings.Contains(out, "30490个") || !strings.Contains(out, "逾期未完成") {
		t.Errorf("status on PostgreSQL:\n%s", out)
	}
	if out := mustRun(t, "export", "--db", pg, "--format", "csv", "--as-of", "2022-12-31"); !strings.Contains(out, "30490") {
		t.Error("export on PostgreSQL lacks 30490")
	}
	mustRun(t, "unit", "add", "市工业和信息化局", "--alias", "市工信局", "--db", pg)
	if out := mustRun(t, "token", "create", "--role", "reporter", "--unit", "市工信局", "--name", "t", "--db", pg); !strings.Contains(out, "市工业和信息化局") {
		t.Errorf("token on PostgreSQL:\n%s", out)
	}
	if code, _, errs := runCLI(t, "backup", "x.dump", "--db", pg); code != 1 || !strings.Contains(errs, "pg_dump") {
		t.Errorf("backup on PostgreSQL: exit %d %q; want the advice to use pg_dump", code, errs)
	}
}
