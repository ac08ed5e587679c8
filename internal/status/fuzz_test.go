package status

import (
	"encoding/json"
	"math"
	"slices"
	"testing"

	"github.com/planwatch/planwatch/internal/plan"
)

// FuzzJudge feeds Judge odd observations (any kind, unit, scope, dates in
// any order or malformed, huge and non-finite values) and checks that it
// never panics, always gives a known status, and that its verdict still
// encodes as JSON, which the API and the exports depend on; and that a
// brief verdict differs from the whole one only in leaving out the
// observations.
func FuzzJudge(f *testing.F) {
	f.Add("flow", "个", "", "2020-01-01", "2020-11-30", 30490.0, ">=", 40000.0, "2022-12-31", "2020-05-18", "2022-12-31", int64(0))
	f.Add("stock", "个 (5G基站)", "湖南省", "", "2021-12-31", 67358.0, "<=", 0.0, "", "", "2021-06-30", int64(1))
	f.Add("rate", "%", "长沙", "2022-12-31", "2020-01-01", math.Inf(1), "~", math.NaN(), "2020-13-45", "abcd-ef-gh", "2022-12-31", int64(2))
	kinds := []string{plan.ObsFlow, plan.ObsStock, plan.ObsRate, plan.ObsEvent}
	f.Fuzz(func(t *testing.T, kind, unit, scope, start, end string, value float64, cmp string, target float64, deadline, planStart, asOf string, supersede int64) {
		var obs []plan.Observation
		for i := int64(1); i <= 4; i++ {
			v := value * float64(i)
			o := plan.Observation{ID: i, Kind: kind, Value: &v, Unit: unit, Scope: scope,
				PeriodStart: plan.Date(start), PeriodEnd: plan.Date(end)}
			if i%2 == 0 {
				o.Kind = kinds[int(i)%len(kinds)]
				o.PeriodStart, o.PeriodEnd = o.PeriodEnd, o.PeriodStart
			}
			if i == 3 {
				o.Supersedes = supersede
			}
			obs = append(obs, o)
		}
		in := Input{
			Target: plan.Target{ID: "t", Comparator: cmp, Value: target, Unit: unit, Deadline: plan.Date(deadline)},
			Start:  plan.Date(planStart), Scope: "长沙市", Observations: obs,
		}
		v := Judge(in, plan.Date(asOf), Config{})
		if !slices.Contains(Statuses, v.Status) {
			t.Fatalf("unknown status %q", v.Status)
		}
		if len(v.Used)+len(v.Excluded) != len(obs) {
			t.Fatalf("%d used + %d excluded, want every one of %d observations accounted for", len(v.Used), len(v.Excluded), len(obs))
		}
		whole, err := json.Marshal(v)
		if err != nil {
			t.Fatalf("verdict does not encode: %v", err)
		}
		// A brief verdict is the whole one without the observation copies.
		in.Brief = true
		b := Judge(in, plan.Date(asOf), Config{})
		if b.Used != nil || b.Excluded != nil {
			t.Fatalf("brief verdict keeps %d used and %d excluded observations", len(b.Used), len(b.Excluded))
		}
		b.Used, b.Excluded = v.Used, v.Excluded
		if brief, _ := json.Marshal(b); string(brief) != string(whole) {
			t.Fatalf("brief verdict differs:\n%s\nwhole:\n%s", brief, whole)
		}
		// The English explanation is English whatever the figures: no
		// Chinese beyond what it echoes (the unit, the dates as given).
		if en := English(v, in.Target, plan.Date(asOf)); en == "" || hanOutside(en, in.Target.Unit, asOf, deadline, string(v.DataDate)) != "" {
			t.Fatalf("English explanation %q", en)
		}
	})
}
