package demo

import (
	"bytes"
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/csv"
	"encoding/hex"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/planwatch/planwatch/internal/plan"
	"github.com/planwatch/planwatch/internal/status"
	"github.com/planwatch/planwatch/internal/store"
	"github.com/planwatch/planwatch/internal/store/postgres"
	"github.com/planwatch/planwatch/internal/store/sqlite"

	_ "github.com/jackc/pgx/v5/stdlib" // driver "pgx" for creating a test schema
)

func openTemp(t *testing.T) store.Store {
	t.Helper()
	st, err := sqlite.Open(context.Background(), filepath.Join(t.TempDir(), "demo.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	return st
}

func csvRows(t *testing.T) [][]string {
	t.Helper()
	recs, err := csv.NewReader(bytes.NewReader(OutcomesFile)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	return recs[1:]
}

// The embedded copies are the shared demo data, not a private edit of it.
func TestEmbeddedDataMatchesShared(t *testing.T) {
	for name, got := range map[string][]byte{
		"../../../shared/plans/changsha_xinjijian_2020.txt": PlanFile,
		"../../../shared/demo/changsha_outcomes.csv":        OutcomesFile,
	} {
		want, err := os.ReadFile(name)
		if err != nil {
			t.Skipf("shared data not beside the repository: %v", err)
		}
		if !bytes.Equal(got, want) {
			t.Errorf("internal/demo/data copy of %s differs from shared; copy it again", filepath.Base(name))
		}
	}
}

func TestEveryRowHasARuleAndADocumentedMapping(t *testing.T) {
	readme, err := os.ReadFile("README.md")
	if err != nil {
		t.Fatal(err)
	}
	for _, rec := range csvRows(t) {
		if _, ok := ruleFor(rec[0]); !ok {
			t.Errorf("no rule for %s", rec[0])
		}
		if !strings.Contains(string(readme), "`"+rec[0]+"`") {
			t.Errorf("README.md does not explain %s", rec[0])
		}
	}
}

func TestSetup(t *testing.T) { testSetup(t, openTemp(t)) }

// TestSetupPostgres loads the demo into PostgreSQL, in a schema of its
// own, when PLANWATCH_TEST_PG names a server.
func TestSetupPostgres(t *testing.T) {
	base := os.Getenv("PLANWATCH_TEST_PG")
	if base == "" {
		t.Skip("PLANWATCH_TEST_PG is not set")
	}
	admin, err := sql.Open("pgx", base)
	if err != nil {
		t.Fatal(err)
	}
	defer admin.Close()
	b := make([]byte, 6)
	rand.Read(b)
	schema := "pw_demo_" + hex.EncodeToString(b)
	if _, err := admin.ExecContext(t.Context(), "CREATE SCHEMA "+schema); err != nil {
		t.Fatal(err)
	}
	defer admin.ExecContext(context.Background(), "DROP SCHEMA "+schema+" CASCADE")
	u, err := url.Parse(base)
	if err != nil {
		t.Fatal(err)
	}
	q := u.Query()
	q.Set("search_path", schema)
	u.RawQuery = q.Encode()
	st, err := postgres.Open(t.Context(), u.String())
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	testSetup(t, st)
}

func testSetup(t *testing.T, st store.Store) {
	ctx := context.Background()
	res, err := Setup(ctx, st)
	if err != nil {
		t.Fatal(err)
	}
	rows := csvRows(t)
	obs, err := st.ListObservations(ctx, store.ObservationFilter{PlanID: res.PlanID, IncludeSuperseded: true})
	if err != nil {
		t.Fatal(err)
	}
	if len(obs) != len(rows) || res.Observations != len(rows) {
		t.Fatalf("stored %d observations (reported %d), want one per CSV row: %d", len(obs), res.Observations, len(rows))
	}
	// Every row is there with its evidence, whatever it maps to.
	quotes := map[string]int{}
	for _, o := range obs {
		quotes[o.Quote+"|"+o.SourceURL]++
	}
	for _, r := range rows {
		if quotes[r[5]+"|"+r[6]] == 0 {
			t.Errorf("row %s (%s) is not stored", r[0], r[6])
		}
	}

	rec, err := st.FindPlanByID(ctx, res.PlanID)
	if err != nil {
		t.Fatal(err)
	}
	var target5G *plan.Target
	rec.Plan.Walk(func(s *plan.Section) {
		for i := range s.Targets {
			if strings.Contains(s.Targets[i].Subject, "5G基站") {
				target5G = &s.Targets[i]
			}
		}
	})
	if target5G == nil {
		t.Fatal("the parsed plan has no 5G基站 target (新建5G基站4万个以上)")
	}
	mine, err := st.ListObservations(ctx, store.ObservationFilter{PlanID: res.PlanID, TargetID: target5G.ID, IncludeSuperseded: true})
	if err != nil {
		t.Fatal(err)
	}
	v := status.Judge(status.Input{Target: *target5G, Start: rec.Start(), Scope: rec.Scope, Observations: mine}, AsOf, status.DefaultConfig())
	if v.Counted == nil || *v.Counted != 30490 {
		t.Errorf("5G target counted %v, want 30490 (the Jan-Nov 2020 Changsha flow); explanation: %s", v.Counted, v.Explanation)
	}
	if len(v.Used) != 1 || v.Used[0].Value == nil || *v.Used[0].Value != 30490 {
		t.Errorf("used %+v, want only the 30490 flow", v.Used)
	}
	reasons := map[string]string{}
	for _, e := range v.Excluded {
		reasons[e.Observation.Unit+"|"+e.Observation.Scope+"|"+e.Observation.Kind] = e.Reason
		switch {
		case strings.Contains(e.Observation.Unit, "逻辑基站") && e.Reason != status.ReasonUnit:
			t.Errorf("逻辑基站 row excluded for %q, want the unit reason", e.Reason)
		case e.Observation.Scope == Province && e.Observation.PeriodEnd <= AsOf && e.Reason != status.ReasonScope:
			t.Errorf("province row %q excluded for %q, want the scope reason", e.Observation.Quote, e.Reason)
		}
	}
	var logical, province int
	for _, o := range mine {
		if strings.Contains(o.Unit, "逻辑基站") {
			logical++
		}
		if o.Scope == Province {
			province++
		}
	}
	if logical != 2 || province != 4 {
		t.Errorf("5G target has %d 逻辑基站 rows and %d province rows, want 2 and 4", logical, province)
	}
	if len(v.Excluded) != len(mine)-1 {
		t.Errorf("%d of %d observations excluded, want all but the counted one: %v", len(v.Excluded), len(mine), reasons)
	}

	// Approximations and lower bounds keep their wording and say so.
	for _, o := range obs {
		if strings.HasPrefix(o.ValueText, ">") && !strings.Contains(o.Note, "下限") {
			t.Errorf("lower bound %s has no note saying so: %q", o.ValueText, o.Note)
		}
	}

	if res.Units == 0 {
		t.Error("no units registered")
	}
	if got, _ := st.ResolveUnit(ctx, "市工信局"); got != "市工业和信息化局" {
		t.Errorf("市工信局 resolves to %q", got)
	}
	if len(res.Tokens) != 2 {
		t.Fatalf("got %d demo tokens, want admin and reporter", len(res.Tokens))
	}
	for _, tok := range res.Tokens {
		got, err := st.AuthenticateToken(ctx, tok.Secret)
		if err != nil || got.Role != tok.Role {
			t.Errorf("demo token %s does not authenticate: %v", tok.Name, err)
		}
	}

	// Loading again changes nothing.
	again, err := Setup(ctx, st)
	if err != nil || !again.Existing || again.PlanID != res.PlanID {
		t.Fatalf("second Setup = %+v, %v; want the existing plan, unchanged", again, err)
	}
	after, _ := st.ListObservations(ctx, store.ObservationFilter{PlanID: res.PlanID, IncludeSuperseded: true})
	if len(after) != len(obs) {
		t.Errorf("second Setup changed observations: %d -> %d", len(obs), len(after))
	}
}
