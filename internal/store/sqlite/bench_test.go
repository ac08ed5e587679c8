package sqlite_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/planwatch/planwatch/internal/ledger"
	"github.com/planwatch/planwatch/internal/plan"
	"github.com/planwatch/planwatch/internal/status"
	"github.com/planwatch/planwatch/internal/store"
	"github.com/planwatch/planwatch/internal/store/sqlite"
)

// plan50 is a plan of 10 tasks with 5 targets each; n makes its source
// (and so its key) unique.
func plan50(n int) (*plan.Plan, string) {
	p := &plan.Plan{Title: "计划" + strconv.Itoa(n), Issuer: "长沙市人民政府办公厅", Issued: "2020-06-01"}
	part := &plan.Section{ID: "1", Number: "一、", Title: "重点任务"}
	for i := range 10 {
		task := &plan.Section{ID: fmt.Sprintf("1.%d", i+1), Number: fmt.Sprintf("（%d）", i+1), Title: "任务" + strconv.Itoa(i),
			LeadUnits: []string{"市工信局"}, CoUnits: []string{"市发改委", "市财政局"}}
		for j := range 5 {
			task.Targets = append(task.Targets, plan.Target{Subject: fmt.Sprintf("指标%d", j), Comparator: plan.GE,
				Value: float64(1000 * (j + 1)), Unit: "个", Deadline: "2022-12-31", Kind: plan.KindFlow, Quote: fmt.Sprintf("新建指标%d共%d个", j, 1000*(j+1))})
		}
		part.Children = append(part.Children, task)
	}
	p.Sections = []*plan.Section{part}
	return p, fmt.Sprintf("source of plan %d", n)
}

func benchObservation(planID int64, target string, month int, v float64) plan.Observation {
	start := plan.MakeDate(2020+month/12, time.Month(1+month%12), 1)
	end := plan.MakeDate(2020+month/12, time.Month(2+month%12), 0)
	return plan.Observation{PlanID: planID, TargetID: target, Value: &v, Unit: "个", PeriodStart: start, PeriodEnd: end,
		Kind: plan.ObsFlow, Scope: "长沙市", SourceURL: "http://gxj.changsha.gov.cn/a.html", SourceDate: string(end),
		Quote: "全市新建", ReportedBy: "市工信局"}
}

func openBench(b *testing.B) store.Store {
	b.Helper()
	s, err := sqlite.Open(context.Background(), filepath.Join(b.TempDir(), "bench.db"))
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { s.Close() })
	return s
}

// BenchmarkCreateObservations: observations/s through CreateObservations
// in batches of 500 (each with its audit entry).
func BenchmarkCreateObservations(b *testing.B) {
	ctx := context.Background()
	s := openBench(b)
	p, src := plan50(0)
	rec, _, err := s.ImportPlan(ctx, store.PlanImport{Plan: p, Source: src}, store.Actor{Name: "bench"})
	if err != nil {
		b.Fatal(err)
	}
	batch := make([]plan.Observation, 500)
	for i := range batch {
		batch[i] = benchObservation(rec.ID, fmt.Sprintf("1.%d-%d", i%10+1, i%5+1), i%36, float64(i))
	}
	b.ResetTimer()
	for b.Loop() {
		if _, err := s.CreateObservations(ctx, batch, store.Actor{Name: "bench"}); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.N*len(batch))/b.Elapsed().Seconds(), "obs/s")
}

// BenchmarkImportPlan: plans/s for ImportPlan of a 50-target plan.
func BenchmarkImportPlan(b *testing.B) {
	ctx := context.Background()
	s := openBench(b)
	n := 0
	for b.Loop() {
		n++
		p, src := plan50(n)
		if _, created, err := s.ImportPlan(ctx, store.PlanImport{Plan: p, Source: src}, store.Actor{Name: "bench"}); err != nil || !created {
			b.Fatal(created, err)
		}
	}
	b.ReportMetric(float64(n)/b.Elapsed().Seconds(), "plans/s")
}

var (
	bigOnce sync.Once
	bigPath string
	bigErr  error
)

// bigDB builds, once per test binary, 1,000 plans × 50 targets × 20
// observations (1,000,000) in a file under dir. PLANWATCH_BENCH_DB names a
// file to keep it in between runs instead: building takes about a minute.
func bigDB(dir string) (string, error) {
	bigOnce.Do(func() {
		ctx := context.Background()
		bigPath = filepath.Join(dir, "big.db")
		if keep := os.Getenv("PLANWATCH_BENCH_DB"); keep != "" {
			bigPath = keep
			if _, err := os.Stat(keep); err == nil {
				return
			}
		}
		s, err := sqlite.Open(ctx, bigPath)
		if err != nil {
			bigErr = err
			return
		}
		defer s.Close()
		by := store.Actor{Name: "bench"}
		batch := make([]plan.Observation, 0, 1000)
		for n := range 1000 {
			p, src := plan50(n)
			rec, _, err := s.ImportPlan(ctx, store.PlanImport{Plan: p, Source: src}, by)
			if err != nil {
				bigErr = err
				return
			}
			batch = batch[:0]
			for task := 1; task <= 10; task++ {
				for tg := 1; tg <= 5; tg++ {
					for m := range 20 {
						batch = append(batch, benchObservation(rec.ID, fmt.Sprintf("1.%d-%d", task, tg), m, 40))
					}
				}
			}
			if _, err := s.CreateObservations(ctx, batch, by); err != nil {
				bigErr = err
				return
			}
		}
	})
	return bigPath, bigErr
}

// BenchmarkLoadAndJudge: the status of every target of 1,000 plans × 50
// targets × 20 observations, as `planwatch status` without --plan builds
// it: ledger.Build over all plans, brief (observations read without their
// evidence text, as the status table and the unit page ask) and whole (as
// the JSON ledger and the exports ask).
func BenchmarkLoadAndJudge(b *testing.B) {
	if testing.Short() {
		b.Skip("builds a 1,000,000-observation database")
	}
	path, err := bigDB(b.TempDir())
	if err != nil {
		b.Fatal(err)
	}
	ctx := context.Background()
	s, err := sqlite.Open(ctx, path)
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	for _, brief := range []bool{true, false} {
		name := "whole"
		if brief {
			name = "brief"
		}
		b.Run(name, func(b *testing.B) {
			cpu0 := cpuTime()
			for b.Loop() {
				l, err := ledger.Build(ctx, s, ledger.Options{AsOf: "2021-12-31", Config: status.DefaultConfig(), Brief: brief})
				if err != nil {
					b.Fatal(err)
				}
				counted := 0
				for _, r := range l.Rows {
					if r.Verdict.Counted != nil {
						counted++
					}
				}
				if len(l.Rows) != 50000 || l.Plan.Total != 50000 || counted != 50000 {
					b.Fatalf("judged %d targets (rolled up %d), %d with a counted value", len(l.Rows), l.Plan.Total, counted)
				}
			}
			// On a shared machine wall time says more about the neighbours
			// than about the code: report the CPU time the process used.
			b.ReportMetric((cpuTime()-cpu0).Seconds()/float64(b.N), "cpu-s/op")
		})
	}
}

// cpuTime is the user+system CPU time this process has used.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// BenchmarkLoadSteps times each query of the load on its own.
func BenchmarkLoadSteps(b *testing.B) {
	if testing.Short() {
		b.Skip("builds a 1,000,000-observation database")
	}
	path, err := bigDB(b.TempDir())
	if err != nil {
		b.Fatal(err)
	}
	ctx := context.Background()
	s, err := sqlite.Open(ctx, path)
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	b.Run("ListPlans", func(b *testing.B) {
		for b.Loop() {
			if _, err := s.ListPlans(ctx); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("ListTargets", func(b *testing.B) {
		for b.Loop() {
			if _, err := s.ListTargets(ctx, 0); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("ListObservations", func(b *testing.B) {
		for b.Loop() {
			if _, err := s.ListObservations(ctx, store.ObservationFilter{IncludeSuperseded: true}); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("ListObservationsSlim", func(b *testing.B) {
		for b.Loop() {
			if _, err := s.ListObservations(ctx, store.ObservationFilter{IncludeSuperseded: true, Slim: true}); err != nil {
				b.Fatal(err)
			}
		}
	})
}
