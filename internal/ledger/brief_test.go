package ledger_test

import (
	"context"
	"encoding/json"
	"fmt"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"github.com/planwatch/planwatch/internal/demo"
	"github.com/planwatch/planwatch/internal/ledger"
	"github.com/planwatch/planwatch/internal/plan"
	"github.com/planwatch/planwatch/internal/status"
	"github.com/planwatch/planwatch/internal/store"
	"github.com/planwatch/planwatch/internal/store/sqlite"
	"github.com/planwatch/planwatch/internal/store/sqlstore"
)

// TestBriefIsWholeWithoutEvidence: a brief ledger (what `planwatch status`
// prints for all plans) judges exactly as the whole one: same statuses,
// values, shares, projections, explanations (which count and name the
// reasons for what was not counted), same roll-ups and context. Only the
// evidence is missing. The
// store holds the Changsha demo and enough other plans for the targets to
// be judged on several goroutines, with reports interleaved across plans
// and targets as they arrive in life.
func TestBriefIsWholeWithoutEvidence(t *testing.T) {
	ctx := context.Background()
	st, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "planwatch.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	// Scan in parallel plan ranges, as a province's database is, so that
	// targets are judged on several goroutines.
	st.(*sqlstore.DB).ParallelReadFrom = 100
	if _, err := demo.Load(ctx, st); err != nil {
		t.Fatal(err)
	}
	by := store.Actor{Name: "test"}
	var planIDs []int64
	for n := range 12 {
		rec, _, err := st.ImportPlan(ctx, store.PlanImport{Plan: plan50(n), Source: fmt.Sprint("plan ", n)}, by)
		if err != nil {
			t.Fatal(err)
		}
		planIDs = append(planIDs, rec.ID)
	}
	var batch []plan.Observation
	for i := range 6000 {
		v := float64(i%97) * 3.5
		month := i % 40
		o := plan.Observation{PlanID: planIDs[i%len(planIDs)], TargetID: fmt.Sprintf("1.%d-%d", i%10+1, i/10%5+1), Value: &v, Unit: "个",
			PeriodStart: plan.MakeDate(2020+month/12, time.Month(1+month%12), 1), PeriodEnd: plan.MakeDate(2020+month/12, time.Month(2+month%12), 0),
			Kind: plan.ObsFlow, Scope: "长沙市", SourceURL: "http://gxj.changsha.gov.cn/a.html", Quote: fmt.Sprint("全市新建", v), ReportedBy: "市工信局"}
		switch i % 11 {
		case 1:
			o.Kind = plan.ObsStock
		case 2:
			o.Scope = "湖南省"
		case 3:
			o.Unit = "个 逻辑基站"
		case 4:
			o.TargetID, o.SectionID, o.Kind, o.Value, o.ValueText = "", "1.3", plan.ObsEvent, nil, "开工"
		}
		batch = append(batch, o)
	}
	obs, err := st.CreateObservations(ctx, batch, by)
	if err != nil {
		t.Fatal(err)
	}
	for _, i := range []int{7, 500, 5990} {
		fixed := obs[i]
		fixed.ID, fixed.Value = 0, nil
		fixed.ValueText = "更正：数据有误"
		if _, err := st.SupersedeObservation(ctx, obs[i].ID, fixed, by); err != nil {
			t.Fatal(err)
		}
	}

	for _, asOf := range []plan.Date{"2021-06-30", "2022-12-31"} {
		opts := ledger.Options{AsOf: asOf, Config: status.DefaultConfig()}
		whole, err := ledger.Build(ctx, st, opts)
		if err != nil {
			t.Fatal(err)
		}
		opts.Brief = true
		brief, err := ledger.Build(ctx, st, opts)
		if err != nil {
			t.Fatal(err)
		}
		if len(whole.Rows) != 16+600 {
			t.Fatalf("whole ledger has %d rows, want 616", len(whole.Rows))
		}
		stripped := withoutEvidence(whole)
		for i := range stripped.Rows {
			r := &stripped.Rows[i]
			r.Verdict.Used, r.Verdict.Excluded, r.Latest = nil, nil, nil
		}
		counted := 0
		for i := range brief.Rows {
			w, b := stripped.Rows[i], brief.Rows[i]
			if jw, jb := jsonOf(t, w), jsonOf(t, b); jw != jb {
				t.Fatalf("as of %s, row %d (%d/%s): brief differs from whole without evidence:\nwhole %s\nbrief %s", asOf, i, w.PlanID, w.Target.ID, clip(firstDiff(jw, jb)), clip(firstDiff(jb, jw)))
			}
			if b.Verdict.Counted != nil {
				counted++
			}
		}
		if counted < 200 {
			t.Fatalf("as of %s only %d targets have a counted value: the test data judges too little", asOf, counted)
		}
		stripped.Rows, brief.Rows = nil, nil
		if jw, jb := jsonOf(t, stripped), jsonOf(t, brief); jw != jb {
			t.Fatalf("as of %s: roll-ups or context differ:\nwhole %s\nbrief %s", asOf, clip(jw), clip(jb))
		}
		// The whole ledger keeps what the brief one leaves out.
		quoted := 0
		for _, r := range whole.Rows {
			if r.Latest != nil && r.Latest.Quote != "" {
				quoted++
			}
		}
		if quoted < 100 {
			t.Errorf("as of %s only %d rows of the whole ledger have a quote in their latest evidence", asOf, quoted)
		}
		// And both are what status.Judge says of each target on its own.
		checkAgainstJudge(t, st, whole, opts)
	}
}

// checkAgainstJudge judges every row's target again, one at a time from
// the store's whole list, and wants the ledger's verdict.
func checkAgainstJudge(t *testing.T, st store.Store, l *ledger.Ledger, opts ledger.Options) {
	t.Helper()
	ctx := context.Background()
	recs, err := st.ListPlans(ctx)
	if err != nil {
		t.Fatal(err)
	}
	all, err := st.ListObservations(ctx, store.ObservationFilter{IncludeSuperseded: true})
	if err != nil {
		t.Fatal(err)
	}
	for i, r := range l.Rows {
		var rec store.PlanRecord
		for _, p := range recs {
			if p.ID == r.PlanID {
				rec, err = st.FindPlanByID(ctx, p.ID)
				if err != nil {
					t.Fatal(err)
				}
			}
		}
		var obs []plan.Observation
		for _, o := range all {
			if o.PlanID == r.PlanID && o.TargetID == r.Target.ID {
				obs = append(obs, o)
			}
		}
		want := status.Judge(status.Input{Target: r.Target, Start: rec.Start(), Scope: rec.Scope, Observations: obs}, opts.AsOf, opts.Config)
		if jw, jg := jsonOf(t, want), jsonOf(t, r.Verdict); jw != jg {
			t.Fatalf("as of %s, row %d (%d/%s): the ledger's verdict is not status.Judge's:\njudge  %s\nledger %s", opts.AsOf, i, r.PlanID, r.Target.ID,
				clip(firstDiff(jw, jg)), clip(firstDiff(jg, jw)))
		}
	}
}

// withoutEvidence is l with every observation's evidence text blanked, as
// a brief ledger reads them.
func withoutEvidence(l *ledger.Ledger) *ledger.Ledger {
	strip := func(o *plan.Observation) {
		o.SourceURL, o.SourceDate, o.Quote, o.ReportedBy, o.Note, o.CreatedBy = "", "", "", "", "", ""
		o.CreatedAt = time.Time{}
	}
	c := *l
	c.Rows = slices.Clone(l.Rows)
	for i := range c.Rows {
		r := &c.Rows[i]
		r.Verdict.Used = slices.Clone(r.Verdict.Used)
		for j := range r.Verdict.Used {
			strip(&r.Verdict.Used[j])
		}
		r.Verdict.Excluded = slices.Clone(r.Verdict.Excluded)
		for j := range r.Verdict.Excluded {
			strip(&r.Verdict.Excluded[j].Observation)
		}
		if r.Latest != nil {
			latest := *r.Latest
			strip(&latest)
			r.Latest = &latest
		}
	}
	c.Context = slices.Clone(l.Context)
	for i := range c.Context {
		strip(&c.Context[i])
	}
	return &c
}

func plan50(n int) *plan.Plan {
	p := &plan.Plan{Title: fmt.Sprint("计划", n), Issuer: "长沙市人民政府办公厅", Issued: "2020-06-01"}
	part := &plan.Section{ID: "1", Number: "一、", Title: "重点任务"}
	for i := range 10 {
		task := &plan.Section{ID: fmt.Sprintf("1.%d", i+1), Number: fmt.Sprintf("（%d）", i+1), Title: fmt.Sprint("任务", i),
			LeadUnits: []string{"市工信局"}, CoUnits: []string{"市发改委"}}
		for j := range 5 {
			kind := plan.KindFlow
			if j == 4 {
				kind = plan.KindStock
			}
			task.Targets = append(task.Targets, plan.Target{Subject: fmt.Sprint("指标", j), Comparator: plan.GE,
				Value: float64(400 * (j + 1)), Unit: "个", Deadline: "2022-12-31", Kind: kind, Quote: fmt.Sprintf("新建指标%d共%d个", j, 400*(j+1))})
		}
		part.Children = append(part.Children, task)
	}
	p.Sections = []*plan.Section{part}
	return p
}

func jsonOf(t *testing.T, v any) string {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func clip(s string) string {
	if len(s) > 800 {
		return s[:800] + "…"
	}
	return s
}

// firstDiff is a from a little before where it first differs from b.
func firstDiff(a, b string) string {
	i := 0
	for i < len(a) && i < len(b) && a[i] == b[i] {
		i++
	}
	return a[max(0, i-200):]
}
