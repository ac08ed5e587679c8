package ledger

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/planwatch/planwatch/internal/plan"
	"github.com/planwatch/planwatch/internal/store"
)

// BenchmarkBuild builds the ledger of every plan of a large city: 100
// plans of 50 targets with 20 observations each, eight units with aliases,
// on the in-memory fake store (so it measures Build, not the database).
func BenchmarkBuild(b *testing.B) {
	st := &fakeStore{aliases: map[string]string{}}
	units := []string{"市工业和信息化局", "市发展改革委", "市数据资源局", "市科技局", "市教育局", "市住房城乡建设局", "市交通运输局", "市卫生健康委"}
	for i, u := range units {
		st.aliases[fmt.Sprintf("别名%d", i)] = u
	}
	id := int64(0)
	for p := int64(1); p <= 100; p++ {
		st.plans = append(st.plans, store.PlanRecord{ID: p, Scope: "长沙市", Plan: &plan.Plan{EffectiveFrom: "2020-01-01"}})
		for t := 0; t < 50; t++ {
			tid := fmt.Sprintf("%d.%d-1", t/5, t)
			st.targets = append(st.targets, store.TargetRow{PlanID: p, SectionID: fmt.Sprint(t / 5), TaskTitle: "任务",
				LeadUnits: []string{units[t%8]}, CoUnits: []string{fmt.Sprintf("别名%d", (t+1)%8), units[(t+2)%8]},
				Target: plan.Target{ID: tid, Comparator: plan.GE, Value: 1000, Unit: "个", Deadline: "2022-12-31"}})
			for k := 0; k < 20; k++ {
				id++
				start := plan.MakeDate(2020+k/12, time.Month(k%12+1), 1)
				v := float64(k * 3)
				st.obs = append(st.obs, plan.Observation{ID: id, PlanID: p, TargetID: tid, Kind: plan.ObsFlow, Value: &v, Unit: "个",
					PeriodStart: start, PeriodEnd: plan.DateOf(start.Time().AddDate(0, 1, -1))})
			}
		}
	}
	ctx := context.Background()
	b.ReportAllocs()
	for b.Loop() {
		l, err := Build(ctx, st, Options{AsOf: "2021-09-30"})
		if err != nil || len(l.Rows) != 5000 {
			b.Fatalf("%v, %d rows", err, len(l.Rows))
		}
	}
}
