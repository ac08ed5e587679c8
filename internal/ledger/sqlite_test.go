package ledger

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/planwatch/planwatch/internal/plan"
	"github.com/planwatch/planwatch/internal/status"
	"github.com/planwatch/planwatch/internal/store"
	"github.com/planwatch/planwatch/internal/store/sqlite"
)

// TestBuildOnSQLite runs Build on a real SQLite file: a plan imported,
// an alias registered, observations and a correction reported.
func TestBuildOnSQLite(t *testing.T) {
	ctx := context.Background()
	st, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "planwatch.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	by := store.Actor{Name: "test", Role: store.RoleAdmin}
	p := &plan.Plan{
		Title: "长沙市推进新型基础设施建设三年（2020—2022年）行动计划", DocNumber: "长政办发〔2020〕23号",
		Issuer: "长沙市人民政府办公厅", Issued: "2020-05-18",
		Sections: []*plan.Section{{ID: "1", Number: "（一）", Title: "加快5G网络建设",
			LeadUnits: []string{"市工信局"}, CoUnits: []string{"市通信管理办公室"},
			Targets: []plan.Target{{Subject: "5G基站", Comparator: plan.GE, Value: 40000, Unit: "个",
				Deadline: "2022-12-31", Quote: "新建5G基站4万个", Kind: plan.KindFlow}},
		}},
	}
	rec, _, err := st.ImportPlan(ctx, store.PlanImport{Plan: p, Source: "text", SourceName: "changsha.txt", Scope: "长沙市"}, by)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := st.CreateUnit(ctx, "市工业和信息化局", []string{"市工信局"}, by); err != nil {
		t.Fatal(err)
	}
	tid := rec.Plan.Sections[0].Targets[0].ID
	obs, err := st.CreateObservations(ctx, []plan.Observation{
		{PlanID: rec.ID, TargetID: tid, Kind: plan.ObsFlow, Value: val(3049), Unit: "个 (5G基站)",
			PeriodStart: "2020-01-01", PeriodEnd: "2020-11-30", Quote: "1—11月,长沙完成5G基站建设30490个"},
		{PlanID: rec.ID, TargetID: tid, Kind: plan.ObsFlow, Value: val(21044), Unit: "个", Scope: "湖南省",
			PeriodStart: "2020-01-01", PeriodEnd: "2020-10-31"},
		{PlanID: rec.ID, Kind: plan.ObsEvent, ValueText: "入选", PeriodEnd: "2021-12-31"},
	}, by)
	if err != nil {
		t.Fatal(err)
	}
	fixed := obs[0]
	fixed.ID, fixed.Value = 0, val(30490)
	if _, err := st.SupersedeObservation(ctx, obs[0].ID, fixed, by); err != nil {
		t.Fatal(err)
	}

	l, err := Build(ctx, st, Options{PlanID: rec.ID, AsOf: "2022-12-31"})
	if err != nil {
		t.Fatal(err)
	}
	if len(l.Rows) != 1 {
		t.Fatalf("rows %d, want 1", len(l.Rows))
	}
	v := l.Rows[0].Verdict
	if v.Status != status.Missed || v.Counted == nil || *v.Counted != 30490 {
		t.Errorf("verdict %s %v, want missed with the corrected 30490", v.Status, v.Counted)
	}
	reasons := map[string]bool{}
	for _, e := range v.Excluded {
		reasons[e.Reason] = true
	}
	if !reasons[status.ReasonScope] || !reasons[status.ReasonSuperseded] {
		t.Errorf("excluded reasons %v, want scope and superseded", reasons)
	}
	if len(l.Units) == 0 || l.Units[0].Unit != "市工业和信息化局" || l.Units[0].Lead.Total != 1 {
		t.Errorf("units %+v, want the alias resolved to 市工业和信息化局", l.Units)
	}
	if len(l.Context) != 1 {
		t.Errorf("context %d, want the event", len(l.Context))
	}
	if l.Rows[0].Latest == nil || *l.Rows[0].Latest.Value != 30490 {
		t.Errorf("latest %+v", l.Rows[0].Latest)
	}
}
