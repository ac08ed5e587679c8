package storetest

import (
	"cmp"
	"errors"
	"fmt"
	"maps"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/planwatch/planwatch/internal/plan"
	"github.com/planwatch/planwatch/internal/store"
	"github.com/planwatch/planwatch/internal/store/sqlstore"
)

// testListObservationsSlim: a slim list is the whole list without the
// evidence text, ordered by plan, target and id, with every figure, date,
// unit, scope and correction link intact; read in parallel plan ranges it
// is the same list.
func testListObservationsSlim(t *testing.T, open Opener) {
	s := open(t)
	var plans []int64
	for n := range 3 {
		p := SamplePlanNoNumber()
		if n == 2 {
			p = SamplePlan() // keyed by its document number, so that it can be replaced below
		}
		rec, _, err := s.ImportPlan(ctx(t), store.PlanImport{Plan: p, Source: fmt.Sprint("slim plan ", n)}, cli)
		if err != nil {
			t.Fatal(err)
		}
		plans = append(plans, rec.ID)
	}
	first, err := s.FindPlanByID(ctx(t), plans[0])
	if err != nil {
		t.Fatal(err)
	}
	ids := targetIDs(first.Plan)
	// Values that a trip through text would round: the slim read must
	// give back the very float64 stored.
	values := []float64{0.1 + 0.2, 123456789.123456789, 1e-7, -2.5, 40000}
	var batch []plan.Observation
	for i := range 301 {
		o := obs(plans[i%3], ids[i/3%len(ids)], values[i%len(values)], plan.Date(fmt.Sprintf("2021-%02d-28", 1+i%12)))
		switch i % 7 {
		case 0:
			o.TargetID, o.SectionID, o.Kind = "", "2.1", plan.ObsEvent // task context
		case 1:
			o.Value, o.ValueText, o.Kind = nil, "投运", plan.ObsStatus
		case 2:
			o.Unit, o.Scope = "个 逻辑基站", "湖南省"
		}
		batch = append(batch, o)
	}
	out, err := s.CreateObservations(ctx(t), batch, cli)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.SupersedeObservation(ctx(t), out[5].ID, obs(0, "", 5.5, "2021-01-31"), cli); err != nil {
		t.Fatal(err)
	}

	check := func(when string) {
		t.Helper()
		checkSlim(t, s, when, []store.ObservationFilter{{}, {IncludeSuperseded: true}, {PlanID: plans[1]}, {PlanID: plans[0], IncludeSuperseded: true},
			{PlanID: plans[2], TargetID: ids[0]}, {TargetID: ids[1]}})
	}
	check("after reports and a correction")

	// A correction moved to another target, then the plan replaced with a
	// tree that renames one target and drops another: observations are
	// re-pointed, the dropped target's become context.
	if _, err := s.SupersedeObservation(ctx(t), out[8].ID, obs(plans[2], ids[2], 8.5, "2021-02-28"), cli); err != nil {
		t.Fatal(err)
	}
	p := SamplePlan()
	t21 := p.Sections[1].Children[0]
	t21.Targets = append([]plan.Target{{Subject: "千兆光纤用户", Comparator: plan.GE, Value: 100, Unit: "万户", Deadline: "2022-12-31", Quote: "千兆光纤用户100万户"}}, t21.Targets...)
	p.Sections[1].Children[1].Targets = nil
	if rec, _, err := s.ImportPlan(ctx(t), store.PlanImport{Plan: p, Source: "slim plan 2, revised", Replace: true}, cli); err != nil || rec.ID != plans[2] {
		t.Fatalf("replace plan %d: got plan %d, %v", plans[2], rec.ID, err)
	}
	if moved, err := s.ListObservations(ctx(t), store.ObservationFilter{PlanID: plans[2], TargetID: "2.1-3"}); err != nil || len(moved) < 10 {
		t.Fatalf("after the replace, %d observations on the new 2.1-3 (%v): the re-pointing this test needs did not happen", len(moved), err)
	}
	check("after the plan was replaced")

	if err := s.DeletePlan(ctx(t), plans[0], cli); err != nil {
		t.Fatal(err)
	}
	check("after a plan was deleted")
}

// checkSlim wants each filter's slim list to be its whole list without
// the evidence text, ordered by plan, target and id, read serially and in
// parallel.
func checkSlim(t *testing.T, s store.Store, when string, filters []store.ObservationFilter) {
	t.Helper()
	brief := func(o plan.Observation) plan.Observation {
		return plan.Observation{ID: o.ID, PlanID: o.PlanID, TargetID: o.TargetID, SectionID: o.SectionID, Value: o.Value,
			ValueText: o.ValueText, Unit: o.Unit, PeriodStart: o.PeriodStart, PeriodEnd: o.PeriodEnd, Kind: o.Kind, Scope: o.Scope,
			Supersedes: o.Supersedes, SupersededBy: o.SupersededBy}
	}
	db, _ := s.(*sqlstore.DB)
	if db != nil {
		defer func(was int) { db.ParallelReadFrom = was }(db.ParallelReadFrom)
	}
	seen := 0
	for _, f := range filters {
		whole, err := s.ListObservations(ctx(t), f)
		if err != nil {
			t.Fatal(err)
		}
		seen += len(whole)
		want := make([]plan.Observation, 0, len(whole))
		for _, o := range whole {
			want = append(want, brief(o))
		}
		slices.SortFunc(want, func(a, b plan.Observation) int {
			return cmp.Or(cmp.Compare(a.PlanID, b.PlanID), cmp.Compare(a.TargetID, b.TargetID), cmp.Compare(a.ID, b.ID))
		})
		f.Slim = true
		for _, parallelFrom := range []int{1 << 30, 10} {
			if db != nil {
				db.ParallelReadFrom = parallelFrom
			}
			got, err := s.ListObservations(ctx(t), f)
			if err != nil {
				t.Fatal(err)
			}
			if jsonOf(t, got) != jsonOf(t, want) {
				t.Fatalf("%s, filter %+v, parallel from %d: slim list (%d) is not the whole list (%d) without evidence, by plan and target:\n got %s\nwant %s",
					when, f, parallelFrom, len(got), len(want), clip(jsonOf(t, got)), clip(jsonOf(t, want)))
			}
		}
	}
	if seen < 100 {
		t.Fatalf("%s: the filters selected %d observations in all; the test compares too little", when, seen)
	}
	checkScan(t, s, when)
}

// checkScan wants ScanObservations to hand over, plan by plan, the slim
// list with superseded observations, serially and in parallel, and to
// stop at fn's error.
func checkScan(t *testing.T, s store.Store, when string) {
	t.Helper()
	sc, ok := s.(store.ObservationScanner)
	if !ok {
		return
	}
	want, err := s.ListObservations(ctx(t), store.ObservationFilter{IncludeSuperseded: true, Slim: true})
	if err != nil {
		t.Fatal(err)
	}
	db, _ := s.(*sqlstore.DB)
	if db != nil {
		defer func(was int) { db.ParallelReadFrom = was }(db.ParallelReadFrom)
	}
	for _, parallelFrom := range []int{1 << 30, 10} {
		if db != nil {
			db.ParallelReadFrom = parallelFrom
		}
		var mu sync.Mutex
		byPlan := map[int64][]plan.Observation{}
		calls := 0
		err := sc.ScanObservations(ctx(t), 0, func(planID int64, obs []plan.Observation) error {
			own := slices.Clone(obs)
			for i := range own {
				if own[i].Value != nil {
					v := *own[i].Value
					own[i].Value = &v
				}
				if own[i].PlanID != planID {
					return fmt.Errorf("plan %d's scan holds observation %d of plan %d", planID, own[i].ID, own[i].PlanID)
				}
			}
			mu.Lock()
			defer mu.Unlock()
			calls++
			byPlan[planID] = append(byPlan[planID], own...)
			return nil
		})
		if err != nil {
			t.Fatalf("%s: scan: %v", when, err)
		}
		var got []plan.Observation
		for _, id := range slices.Sorted(maps.Keys(byPlan)) {
			got = append(got, byPlan[id]...)
		}
		if calls != len(byPlan) || jsonOf(t, got) != jsonOf(t, want) {
			t.Fatalf("%s, parallel from %d: %d calls for %d plans; scanned (%d) is not the slim list (%d):\n got %s\nwant %s",
				when, parallelFrom, calls, len(byPlan), len(got), len(want), clip(jsonOf(t, got)), clip(jsonOf(t, want)))
		}
		stop := errors.New("enough")
		if err := sc.ScanObservations(ctx(t), 0, func(int64, []plan.Observation) error { return stop }); !errors.Is(err, stop) {
			t.Fatalf("%s: fn's error came back as %v", when, err)
		}
	}
}

// CheckFactsMigration rebuilds observation_facts with the INSERT of a
// backend's 0003 migration (its text in migration) after writes of every
// kind, and wants the same slim lists: a database upgraded from version 2
// judges as one written by this version.
func CheckFactsMigration(t *testing.T, s store.Store, migration string) {
	db, ok := s.(*sqlstore.DB)
	if !ok {
		t.Skip("not a sqlstore")
	}
	_, insert, ok := strings.Cut(migration, "INSERT INTO observation_facts")
	if !ok {
		t.Fatal("the migration has no INSERT INTO observation_facts")
	}
	var planIDs []int64
	for n := range 2 {
		rec, _, err := s.ImportPlan(ctx(t), store.PlanImport{Plan: SamplePlanNoNumber(), Source: fmt.Sprint("migrated plan ", n)}, cli)
		if err != nil {
			t.Fatal(err)
		}
		planIDs = append(planIDs, rec.ID)
	}
	var batch []plan.Observation
	for i := range 40 {
		o := obs(planIDs[i%2], []string{"2.1-1", "2.1-2", "2.2-1", ""}[i%4], float64(i)/3, plan.Date(fmt.Sprintf("2021-%02d-28", 1+i%12)))
		if o.TargetID == "" {
			o.Kind, o.Value, o.ValueText, o.SectionID = plan.ObsEvent, nil, "开工", "2.2"
		}
		batch = append(batch, o)
	}
	out, err := s.CreateObservations(ctx(t), batch, cli)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.SupersedeObservation(ctx(t), out[3].ID, obs(0, "", 1e-7, "2021-03-31"), cli); err != nil {
		t.Fatal(err)
	}
	all := store.ObservationFilter{IncludeSuperseded: true, Slim: true}
	before, err := s.ListObservations(ctx(t), all)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.W.ExecContext(ctx(t), `DELETE FROM observation_facts`); err != nil {
		t.Fatal(err)
	}
	if _, err := db.W.ExecContext(ctx(t), `INSERT INTO observation_facts`+insert); err != nil {
		t.Fatalf("the migration's INSERT: %v", err)
	}
	after, err := s.ListObservations(ctx(t), all)
	if err != nil {
		t.Fatal(err)
	}
	if len(before) != 41 || jsonOf(t, before) != jsonOf(t, after) {
		t.Fatalf("facts rebuilt by the migration differ from the store's:\nstore     %s\nmigration %s", clip(jsonOf(t, before)), clip(jsonOf(t, after)))
	}
}

func clip(s string) string {
	if len(s) > 600 {
		return s[:600] + "…"
	}
	return s
}

// testPlanHeads: a plan's head (what judging reads instead of its tree)
// has the scope and start its whole record has, however the start is
// found: effective date, issue date, or the year of its first deadline.
func testPlanHeads(t *testing.T, open Opener) {
	s := open(t)
	hl, ok := s.(store.PlanHeadLister)
	if !ok {
		t.Skip("the store has no plan heads")
	}
	issuedOnly := SamplePlanNoNumber()
	issuedOnly.EffectiveFrom = ""
	undated := SamplePlanNoNumber()
	undated.EffectiveFrom, undated.Issued = "", ""
	undated.Sections[1].Children[1].Targets[0].Deadline = "2021-06-30" // the earliest deadline
	empty := &plan.Plan{Title: "无目标的计划", Sections: []*plan.Section{{ID: "1", Title: "总体要求"}}}
	var ids []int64
	for n, p := range []*plan.Plan{SamplePlan(), issuedOnly, undated, empty} {
		rec, _, err := s.ImportPlan(ctx(t), store.PlanImport{Plan: p, Source: fmt.Sprint("head ", n), Scope: []string{"长沙市", "湖南省", "", "株洲市"}[n]}, cli)
		if err != nil {
			t.Fatal(err)
		}
		ids = append(ids, rec.ID)
	}
	// A correction of the issue date moves the start of a plan dated by it.
	fixed, err := s.FindPlanByID(ctx(t), ids[1])
	if err != nil {
		t.Fatal(err)
	}
	fixed.Plan.Issued = "2020-09-01"
	if err := s.UpdatePlan(ctx(t), ids[1], fixed.Plan, []store.Correction{{Path: "issued", Old: "2020-06-01", New: "2020-09-01", By: "cli"}}, cli); err != nil {
		t.Fatal(err)
	}
	heads, err := hl.ListPlanHeads(ctx(t), 0)
	if err != nil {
		t.Fatal(err)
	}
	if len(heads) != len(ids) {
		t.Fatalf("%d heads for %d plans", len(heads), len(ids))
	}
	starts := map[plan.Date]bool{}
	for i, h := range heads {
		rec, err := s.FindPlanByID(ctx(t), ids[i])
		if err != nil {
			t.Fatal(err)
		}
		if h.ID != rec.ID || h.Scope != rec.Scope || h.Start != rec.Start() {
			t.Errorf("head %+v, want plan %d scope %q start %q", h, rec.ID, rec.Scope, rec.Start())
		}
		one, err := hl.ListPlanHeads(ctx(t), rec.ID)
		if err != nil || len(one) != 1 || one[0] != h {
			t.Errorf("head of plan %d alone: %+v, %v", rec.ID, one, err)
		}
		starts[h.Start] = true
	}
	for _, want := range []plan.Date{"2020-06-01", "2020-09-01", "2021-01-01", ""} {
		if !starts[want] {
			t.Errorf("no plan starts on %q: the cases do not cover what they should (%v)", want, starts)
		}
	}
	_, err = hl.ListPlanHeads(ctx(t), 9999)
	wantCode(t, err, store.ENotFound)
}

// checkChunked wants a target's n observations kept in facts rows of a
// few hundred each, so that a report rewrites a bounded row.
func checkChunked(t *testing.T, s store.Store, planID int64, target string, n int) {
	t.Helper()
	db, ok := s.(*sqlstore.DB)
	if !ok {
		return
	}
	var rows, most int
	q := fmt.Sprintf(`SELECT COUNT(*), MAX(n) FROM observation_facts WHERE plan_id = %d AND target_id = '%s'`, planID, target)
	if err := db.R.QueryRowContext(ctx(t), q).Scan(&rows, &most); err != nil {
		t.Fatal(err)
	}
	if rows < n/300 || most > 300 {
		t.Fatalf("%d observations of one target in %d facts rows, the largest %d: want rows of at most a few hundred", n, rows, most)
	}
}
