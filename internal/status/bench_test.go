package status

import (
	"fmt"
	"testing"
	"time"

	"github.com/planwatch/planwatch/internal/plan"
)

// benchInputs makes plans×targets inputs of obs observations each: a mix
// of monthly flows (some overlapping), stocks, province rows, other units
// and context, like a city's ledger after three years of reporting.
func benchInputs(plans, targets, obs int) []Input {
	ins := make([]Input, 0, plans*targets)
	id := int64(0)
	for p := 0; p < plans; p++ {
		for t := 0; t < targets; t++ {
			tg := plan.Target{ID: fmt.Sprintf("%d-%d", p, t), Comparator: plan.GE, Value: 40000, Unit: "个",
				Deadline: "2022-12-31", Cumulative: t%3 == 1}
			if t%5 == 4 {
				tg.Unit, tg.Value = "%", 95
			}
			// Exact-size lists, as ledger.Build hands them over.
			in := Input{Target: tg, Start: "2020-03-01", Scope: "长沙市", Observations: make([]plan.Observation, 0, obs)}
			for k := 0; k < obs; k++ {
				id++
				start := plan.MakeDate(2020+k/12, time.Month(k%12+1), 1)
				end := plan.DateOf(start.Time().AddDate(0, 1, -1))
				v := float64(1000 + k*37)
				o := plan.Observation{ID: id, Value: &v, Unit: tg.Unit, Kind: plan.ObsFlow,
					PeriodStart: start, PeriodEnd: end}
				switch {
				case tg.Unit == "%":
					o.Kind, o.PeriodStart = plan.ObsRate, ""
				case k%7 == 3:
					o.PeriodStart = plan.MakeDate(2020+k/12, 1, 1) // year-to-date, overlaps the months
				case k%7 == 5:
					o.Kind, o.PeriodStart = plan.ObsStock, ""
				case k%11 == 6:
					o.Scope = "湖南省"
				case k%13 == 8:
					o.Unit = "个 逻辑基站"
				case k%17 == 9:
					o.Kind, o.Value = plan.ObsEvent, nil
				}
				in.Observations = append(in.Observations, o)
			}
			ins = append(ins, in)
		}
	}
	return ins
}

// BenchmarkJudge judges 1,000 plans × 50 targets × 20 observations.
func BenchmarkJudge(b *testing.B) {
	ins := benchInputs(1000, 50, 20)
	cfg := DefaultConfig()
	b.ReportAllocs()
	for b.Loop() {
		for _, in := range ins {
			Judge(in, "2021-09-30", cfg)
		}
	}
}
