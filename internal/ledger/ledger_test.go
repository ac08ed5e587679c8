package ledger

import (
	"context"
	"strings"
	"testing"

	"github.com/planwatch/planwatch/internal/plan"
	"github.com/planwatch/planwatch/internal/status"
	"github.com/planwatch/planwatch/internal/store"
)

// fakeStore implements the few Store methods Build uses; any other call
// panics on the nil embedded interface, which would show Build reaching
// for more than it should.
type fakeStore struct {
	store.Store
	plans    []store.PlanRecord
	targets  []store.TargetRow
	obs      []plan.Observation
	aliases  map[string]string
	resolves int
	filters  []store.ObservationFilter
}

func (f *fakeStore) FindPlanByID(_ context.Context, id int64) (store.PlanRecord, error) {
	for _, p := range f.plans {
		if p.ID == id {
			return p, nil
		}
	}
	return store.PlanRecord{}, store.Errorf(store.ENotFound, "plan %d not found", id)
}

func (f *fakeStore) ListPlans(context.Context) ([]store.PlanRecord, error) { return f.plans, nil }

func (f *fakeStore) ListTargets(_ context.Context, planID int64) ([]store.TargetRow, error) {
	var out []store.TargetRow
	for _, t := range f.targets {
		if planID == 0 || t.PlanID == planID {
			out = append(out, t)
		}
	}
	return out, nil
}

func (f *fakeStore) ListObservations(_ context.Context, flt store.ObservationFilter) ([]plan.Observation, error) {
	f.filters = append(f.filters, flt)
	out := make([]plan.Observation, 0, len(f.obs))
	for _, o := range f.obs {
		if (flt.PlanID == 0 || o.PlanID == flt.PlanID) && (flt.IncludeSuperseded || o.SupersededBy == 0) {
			out = append(out, o)
		}
	}
	return out, nil
}

func (f *fakeStore) ResolveUnit(_ context.Context, name string) (string, error) {
	f.resolves++
	if c, ok := f.aliases[name]; ok {
		return c, nil
	}
	return name, nil
}

func val(v float64) *float64 { return &v }

// changsha is a small Changsha-like plan: two tasks, three targets, a
// province-wide report, a correction and plan-wide context.
func changsha() *fakeStore {
	p := &plan.Plan{Title: "长沙市推进新型基础设施建设三年行动计划", Issued: "2020-05-18", EffectiveFrom: "2020-01-01"}
	fiveG := plan.Target{ID: "1.1-1", Subject: "5G基站", Comparator: plan.GE, Value: 40000, Unit: "个", Deadline: "2022-12-31", Quote: "新建5G基站4万个"}
	apps := plan.Target{ID: "2.1-1", Subject: "工业APP", Comparator: plan.GE, Value: 20000, Unit: "个", Deadline: "2022-12-31", Cumulative: true, Quote: "工业APP达到2万个"}
	ai := plan.Target{ID: "2.1-2", Subject: "人工智能核心企业", Comparator: plan.GE, Value: 40, Unit: "家", Deadline: "2022-12-31", Cumulative: true, Quote: "人工智能核心企业40家"}
	return &fakeStore{
		plans: []store.PlanRecord{{ID: 1, Scope: "长沙市", Plan: p}},
		targets: []store.TargetRow{
			{PlanID: 1, SectionID: "1.1", TaskTitle: "加快5G网络建设", SectionPath: []string{"重点任务", "加快5G网络建设"},
				LeadUnits: []string{"市工信局"}, CoUnits: []string{"市通信发展管理办公室", "市工业和信息化局"}, Target: fiveG},
			{PlanID: 1, SectionID: "2.1", TaskTitle: "发展工业互联网", SectionPath: []string{"重点任务", "发展工业互联网"},
				LeadUnits: []string{"市工业和信息化局"}, CoUnits: []string{"市科技局"}, Target: apps},
			{PlanID: 1, SectionID: "2.1", TaskTitle: "发展工业互联网", SectionPath: []string{"重点任务", "发展工业互联网"},
				LeadUnits: []string{"市科技局"}, Target: ai},
		},
		obs: []plan.Observation{
			{ID: 1, PlanID: 1, TargetID: "1.1-1", Kind: plan.ObsFlow, Value: val(30490), Unit: "个 (5G基站)", PeriodStart: "2020-01-01", PeriodEnd: "2020-11-30", SourceURL: "http://www.hn.chinanews.com/news/sxdt/2021/0118/409376.html"},
			{ID: 2, PlanID: 1, TargetID: "1.1-1", Kind: plan.ObsFlow, Value: val(21044), Unit: "个", Scope: "湖南省", PeriodStart: "2020-01-01", PeriodEnd: "2020-10-31"},
			{ID: 3, PlanID: 1, TargetID: "2.1-1", Kind: plan.ObsStock, Value: val(2000), Unit: "个", PeriodEnd: "2022-09-16", SupersededBy: 4},
			{ID: 4, PlanID: 1, TargetID: "2.1-1", Kind: plan.ObsStock, Value: val(20000), Unit: "个", PeriodEnd: "2022-09-16", Supersedes: 3},
			{ID: 5, PlanID: 1, Kind: plan.ObsEvent, ValueText: "入选", PeriodEnd: "2021-12-31", Quote: "入选国家区块链创新应用综合性试点城"},
			{ID: 6, PlanID: 1, SectionID: "1.1", Kind: plan.ObsStatus, ValueText: "千兆城市", PeriodEnd: "2021-12-31"},
			{ID: 7, PlanID: 1, SectionID: "9.9", Kind: plan.ObsStatus, ValueText: "别的任务", PeriodEnd: "2021-12-31"},
			{ID: 8, PlanID: 1, TargetID: "2.1-2", Kind: plan.ObsStock, Value: val(2500), Unit: "家", PeriodEnd: "2023-09-29"},
		},
		aliases: map[string]string{"市工信局": "市工业和信息化局"},
	}
}

func rowOf(t *testing.T, l *Ledger, id string) Row {
	t.Helper()
	for _, r := range l.Rows {
		if r.Target.ID == id {
			return r
		}
	}
	t.Fatalf("no row for target %s in %d rows", id, len(l.Rows))
	return Row{}
}

func unitOf(l *Ledger, name string) *UnitRollup {
	for i := range l.Units {
		if l.Units[i].Unit == name {
			return &l.Units[i]
		}
	}
	return nil
}

func TestBuild(t *testing.T) {
	st := changsha()
	l, err := Build(context.Background(), st, Options{PlanID: 1, AsOf: "2022-12-31"})
	if err != nil {
		t.Fatal(err)
	}
	if len(l.Rows) != 3 {
		t.Fatalf("rows %d, want 3", len(l.Rows))
	}
	g := rowOf(t, l, "1.1-1")
	if g.Verdict.Status != status.Missed || *g.Verdict.Counted != 30490 {
		t.Errorf("5G: %s %v, want missed 30490", g.Verdict.Status, g.Verdict.Counted)
	}
	if len(g.Verdict.Excluded) != 1 || g.Verdict.Excluded[0].Reason != status.ReasonScope {
		t.Errorf("5G: the province-wide row must be shown excluded for scope, got %+v", g.Verdict.Excluded)
	}
	if g.Latest == nil || g.Latest.ID != 1 {
		t.Errorf("5G latest evidence %+v, want observation 1", g.Latest)
	}
	a := rowOf(t, l, "2.1-1")
	if a.Verdict.Status != status.Achieved || *a.Verdict.Counted != 20000 {
		t.Errorf("apps: %s %v, want achieved with the corrected 20000", a.Verdict.Status, a.Verdict.Counted)
	}
	if a.Latest == nil || a.Latest.ID != 4 {
		t.Errorf("apps latest %+v, want the correction", a.Latest)
	}
	ai := rowOf(t, l, "2.1-2")
	if ai.Verdict.Status != status.NoData || ai.Latest != nil {
		t.Errorf("AI: %s latest %v, want no_data without evidence (the 2023 report is after the as-of date)", ai.Verdict.Status, ai.Latest)
	}
	if !strings.Contains(ai.Verdict.Explanation, "已过完成时限") {
		t.Errorf("AI explanation %q should say overdue", ai.Verdict.Explanation)
	}

	if l.Plan.Total != 3 || l.Plan.Light != status.Red || l.Plan.Counts[status.Missed] != 1 {
		t.Errorf("plan roll-up %+v", l.Plan)
	}
	if len(l.Tasks) != 2 || l.Tasks[1].SectionID != "2.1" || l.Tasks[1].Rollup.Total != 2 || l.Tasks[1].Title != "发展工业互联网" {
		t.Errorf("task roll-ups %+v", l.Tasks)
	}

	// 市工信局 is an alias: one unit, lead of both of its targets, and not
	// also a co-unit of the 5G target it leads.
	if unitOf(l, "市工信局") != nil {
		t.Error("alias 市工信局 appears as its own unit")
	}
	miit := unitOf(l, "市工业和信息化局")
	if miit == nil || miit.Lead.Total != 2 || miit.Co.Total != 0 {
		t.Errorf("市工业和信息化局 roll-up %+v, want lead 2, co 0", miit)
	}
	if g.LeadUnits[0] != "市工业和信息化局" || len(g.CoUnits) != 1 {
		t.Errorf("5G units %v / %v, want canonical names without the duplicate", g.LeadUnits, g.CoUnits)
	}
	sci := unitOf(l, "市科技局")
	if sci == nil || sci.Lead.Total != 1 || sci.Co.Total != 1 || sci.Lead.Light != status.Grey {
		t.Errorf("市科技局 roll-up %+v", sci)
	}
	if st.resolves > 5 {
		t.Errorf("ResolveUnit called %d times for 4 distinct names: lookups are not cached", st.resolves)
	}
	if len(st.filters) != 1 || !st.filters[0].IncludeSuperseded || st.filters[0].PlanID != 1 {
		t.Errorf("observations fetched with %+v, want one call for plan 1 with superseded ones", st.filters)
	}
	if len(l.Context) != 3 {
		t.Errorf("context %d observations, want the 3 not tied to a target", len(l.Context))
	}
}

func TestBuildUnitFilter(t *testing.T) {
	l, err := Build(context.Background(), changsha(), Options{Unit: "市工信局", AsOf: "2022-12-31"})
	if err != nil {
		t.Fatal(err)
	}
	if len(l.Rows) != 2 {
		t.Fatalf("rows %d, want the 2 targets 市工业和信息化局 leads", len(l.Rows))
	}
	for _, r := range l.Rows {
		if r.Target.ID == "2.1-2" {
			t.Error("a target the unit has no part in is listed")
		}
	}
	for _, o := range l.Context {
		if o.ID == 7 {
			t.Error("context of a task the unit has no part in is listed")
		}
	}
	if len(l.Context) != 2 {
		t.Errorf("context %d, want plan-wide and the 5G task's", len(l.Context))
	}
	l, err = Build(context.Background(), changsha(), Options{Unit: "市科技局", AsOf: "2022-12-31"})
	if err != nil {
		t.Fatal(err)
	}
	if len(l.Rows) != 2 {
		t.Errorf("市科技局: rows %d, want 2 (one as co-unit)", len(l.Rows))
	}
}

func TestBuildAsOfHidesLaterReports(t *testing.T) {
	l, err := Build(context.Background(), changsha(), Options{PlanID: 1, AsOf: "2020-10-31"})
	if err != nil {
		t.Fatal(err)
	}
	g := rowOf(t, l, "1.1-1")
	if g.Verdict.Status != status.NoData {
		t.Errorf("as of 2020-10-31 the Jan-Nov figure is unknown; got %s", g.Verdict.Status)
	}
}

func TestBuildUnknownPlan(t *testing.T) {
	_, err := Build(context.Background(), changsha(), Options{PlanID: 9, AsOf: "2022-12-31"})
	if store.ErrorCode(err) != store.ENotFound {
		t.Errorf("error %v, want not_found", err)
	}
}

func TestBuildBadAsOf(t *testing.T) {
	_, err := Build(context.Background(), changsha(), Options{AsOf: "2022-13-45"})
	if store.ErrorCode(err) != store.EInvalid {
		t.Errorf("error %v, want invalid", err)
	}
}
