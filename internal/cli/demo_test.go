package cli

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/planwatch/planwatch/internal/store"
)

func TestDemoCommand(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "demo.db")
	out := mustRun(t, "demo", "--db", db)
	for _, want := range []string{"示例数据库已建立", "截至 2022-12-31", "30490个", "演示令牌", "pw_", "planwatch serve --db"} {
		if !strings.Contains(out, want) {
			t.Errorf("demo output lacks %q:\n%s", want, out)
		}
	}
	ctx := context.Background()
	st := inspect(t, db)
	obs, err := st.ListObservations(ctx, store.ObservationFilter{PlanID: 1})
	if err != nil || len(obs) != 33 {
		t.Errorf("demo has %d observations, %v; want the 33 CSV rows", len(obs), err)
	}
	toks, _ := st.ListTokens(ctx)
	if len(toks) != 2 {
		t.Errorf("demo has %d tokens", len(toks))
	}
	st.Close()

	// A demo file may be rebuilt; it starts over rather than piling up.
	mustRun(t, "demo", "--db", db)
	if toks, _ := inspect(t, db).ListTokens(ctx); len(toks) != 2 {
		t.Errorf("rebuilt demo has %d tokens, want 2", len(toks))
	}
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if strings.HasPrefix(e.Name(), ".planwatch-demo-") {
			t.Errorf("scratch %s left behind", e.Name())
		}
	}
}

func TestDemoRefusesSomeoneElsesFile(t *testing.T) {
	db, planFile := testDB(t)
	mustRun(t, "import", "plan", planFile, "--db", db)
	mustRun(t, "unit", "add", "市教育局", "--db", db)
	notes := writeFile(t, "notes.txt", "my notes")
	for _, path := range []string{db, notes} {
		before, _ := os.ReadFile(path)
		code, _, errs := runCLI(t, "demo", "--db", path)
		after, _ := os.ReadFile(path)
		if code != 1 || !strings.Contains(errs, "--force") || string(before) != string(after) {
			t.Errorf("demo over %s: exit %d %q, changed=%v; want a refusal naming --force and the file untouched", filepath.Base(path), code, errs, string(before) != string(after))
		}
	}
	mustRun(t, "demo", "--db", notes, "--force")
	if plans, _ := inspect(t, notes).ListPlans(context.Background()); len(plans) != 1 {
		t.Errorf("--force did not build the demo")
	}
}
