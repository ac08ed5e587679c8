package storetest

import (
	"cmp"
	"fmt"
	"slices"
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
		rec, _, err := s.ImportPlan(ctx(t), store.PlanImport{Plan: SamplePlanNoNumber(), Source: fmt.Sprint("slim plan ", n)}, cli)
		if err != nil {
			t.Fatal(err)
		}
		plans = append(plans, rec.ID)
	}
	ids := targetIDs(SamplePlanNoNumber())
	// Values that a trip through text would round: the slim read must
	// give back the very float64 stored.
	values := []float64{0.1 + 0.2, 123456789.123456789, 1e-7, -2.5, 40000}
	var batch []plan.Observation
	for i := range 301 {
		o := obs(plans[i%3], ids[i%len(ids)], values[i%len(values)], plan.Date(fmt.Sprintf("2021-%02d-28", 1+i%12)))
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

	brief := func(o plan.Observation) plan.Observation {
		return plan.Observation{ID: o.ID, PlanID: o.PlanID, TargetID: o.TargetID, SectionID: o.SectionID, Value: o.Value,
			ValueText: o.ValueText, Unit: o.Unit, PeriodStart: o.PeriodStart, PeriodEnd: o.PeriodEnd, Kind: o.Kind, Scope: o.Scope,
			Supersedes: o.Supersedes, SupersededBy: o.SupersededBy}
	}
	db, _ := s.(*sqlstore.DB)
	if db != nil {
		defer func(was int) { db.ParallelReadFrom = was }(db.ParallelReadFrom)
	}
	for _, f := range []store.ObservationFilter{{}, {IncludeSuperseded: true}, {PlanID: plans[1]}, {PlanID: plans[0], IncludeSuperseded: true},
		{PlanID: plans[2], TargetID: ids[0]}} {
		whole, err := s.ListObservations(ctx(t), f)
		if err != nil {
			t.Fatal(err)
		}
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
			if len(want) == 0 || jsonOf(t, got) != jsonOf(t, want) {
				t.Fatalf("filter %+v, parallel from %d: slim list (%d) is not the whole list (%d) without evidence, by plan and target:\n got %s\nwant %s",
					f, parallelFrom, len(got), len(want), clip(jsonOf(t, got)), clip(jsonOf(t, want)))
			}
		}
	}
}

func clip(s string) string {
	if len(s) > 600 {
		return s[:600] + "…"
	}
	return s
}
