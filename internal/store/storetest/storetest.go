// Package storetest is the conformance suite every store.Store must pass:
// store/sqlite runs it always, store/postgres when PLANWATCH_TEST_PG is set.
// It checks behaviour through the interface only, except where a rule
// lives in the database itself (the append-only audit log), which it
// reaches through the optional SQL() accessor.
package storetest

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"path/filepath"
	"reflect"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/planwatch/planwatch/internal/plan"
	"github.com/planwatch/planwatch/internal/store"
	"github.com/planwatch/planwatch/internal/store/sqlstore"
)

// Opener returns a fresh, empty store for one test; it registers its own cleanup.
type Opener func(t *testing.T) store.Store

// Run runs the whole suite against stores from open.
func Run(t *testing.T, open Opener) {
	tests := []struct {
		name string
		fn   func(t *testing.T, open Opener)
	}{
		{"ImportPlan", testImportPlan},
		{"ImportPlanTwice", testImportPlanTwice},
		{"ImportPlanKeyByHash", testImportPlanKeyByHash},
		{"ImportPlanScope", testImportPlanScope},
		{"ImportPlanInvalid", testImportPlanInvalid},
		{"ImportPlanReplace", testImportPlanReplace},
		{"ImportPlanConcurrentSameKey", testImportPlanConcurrent},
		{"ListPlans", testListPlans},
		{"UpdatePlan", testUpdatePlan},
		{"DeletePlan", testDeletePlan},
		{"ListTargets", testListTargets},
		{"CreateObservations", testCreateObservations},
		{"CreateObservationsAllOrNothing", testCreateObservationsAllOrNothing},
		{"SupersedeObservation", testSupersede},
		{"ListObservationsFilter", testListObservationsFilter},
		{"ListObservationsParallel", testListObservationsParallel},
		{"ListObservationsSlim", testListObservationsSlim},
		{"PlanHeads", testPlanHeads},
		{"ConcurrentWriters", testConcurrentWriters},
		{"Units", testUnits},
		{"Tokens", testTokens},
		{"Users", testUsers},
		{"UserTokens", testUserTokens},
		{"TokensWithoutUserMakeUsers", testTokensMakeUsers},
		{"TokensWithoutUserConcurrent", testTokensMakeUsersConcurrent},
		{"Audit", testAudit},
		{"AuditAppendOnly", testAuditAppendOnly},
		{"Backup", testBackup},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) { tc.fn(t, open) })
	}
}

var (
	cli   = store.Actor{Name: "cli"}
	admin = store.Actor{TokenID: 7, Name: "督查室", Role: store.RoleAdmin}
)

func ctx(t *testing.T) context.Context { return t.Context() }

// SamplePlan is a small plan shaped like the Changsha one: a part with two
// tasks, three targets and a milestone. Each call returns a new copy.
func SamplePlan() *plan.Plan {
	return &plan.Plan{
		Title:         "长沙市新型基础设施建设三年行动计划（2020—2022年）",
		DocNumber:     "长政办发〔2020〕23号",
		Issuer:        "长沙市人民政府办公厅",
		Issued:        "2020-06-01",
		EffectiveFrom: "2020-06-01",
		EffectiveTo:   "2022-12-31",
		Sections: []*plan.Section{
			{ID: "1", Number: "一、", Title: "总体要求", Text: "以习近平新时代中国特色社会主义思想为指导"},
			{ID: "2", Number: "二、", Title: "重点任务", Children: []*plan.Section{
				{
					ID: "2.1", Number: "（一）", Title: "加快5G网络建设",
					LeadUnits: []string{"市工信局"}, CoUnits: []string{"市通信管理局", "各区县（市）人民政府"},
					Targets: []plan.Target{
						{Subject: "5G基站", Comparator: plan.GE, Value: 40000, Unit: "个", Deadline: "2022-12-31", Quote: "新建5G基站4万个", Kind: plan.KindFlow},
						{Subject: "5G用户", Comparator: plan.GE, Value: 500, Unit: "万户", Deadline: "2022-12-31", Cumulative: true, Quote: "5G用户达到500万户", Kind: plan.KindStock},
					},
					Milestones: []plan.Milestone{{Text: "实现城区5G全覆盖", Deadline: "2021-12-31", Quote: "2021年底前实现城区5G全覆盖"}},
				},
				{
					ID: "2.2", Number: "（二）", Title: "建设数据中心",
					LeadUnits: []string{"市发改委"},
					Targets: []plan.Target{
						{Subject: "数据中心机架", Comparator: plan.GE, Value: 50000, Unit: "架", Deadline: "2022-12-31", Quote: "数据中心机架达到5万架", Kind: plan.KindStock},
					},
				},
			}},
		},
	}
}

const sampleSource = "长沙市人民政府办公厅文件\n长政办发〔2020〕23号\n……新建5G基站4万个……"

func importSample(t *testing.T, s store.Store) store.PlanRecord {
	t.Helper()
	rec, created, err := s.ImportPlan(ctx(t), store.PlanImport{Plan: SamplePlan(), Source: sampleSource, SourceName: "changsha.txt"}, cli)
	if err != nil || !created {
		t.Fatalf("ImportPlan: created=%v err=%v", created, err)
	}
	return rec
}

func wantCode(t *testing.T, err error, code string) {
	t.Helper()
	if got := store.ErrorCode(err); got != code {
		t.Fatalf("error code = %q (%v), want %q", got, err, code)
	}
}

func f64(v float64) *float64 { return &v }

func obs(planID int64, target string, v float64, end plan.Date) plan.Observation {
	return plan.Observation{
		PlanID: planID, TargetID: target, Value: f64(v), ValueText: fmt.Sprint(v), Unit: "个",
		PeriodStart: "2020-01-01", PeriodEnd: end, Kind: plan.ObsFlow, Scope: "长沙市",
		SourceURL: "http://gxj.changsha.gov.cn/x.html", SourceDate: "2021-01-05", Quote: "全市新建5G基站", ReportedBy: "市工信局",
	}
}

func targetIDs(p *plan.Plan) []string {
	ids := []string{}
	p.Walk(func(s *plan.Section) {
		for _, tg := range s.Targets {
			ids = append(ids, tg.ID)
		}
	})
	return ids
}

func jsonOf(t *testing.T, v any) string {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func testImportPlan(t *testing.T, open Opener) {
	s := open(t)
	in := SamplePlan()
	rec, created, err := s.ImportPlan(ctx(t), store.PlanImport{Plan: in, Source: sampleSource, SourceName: "changsha.txt"}, cli)
	if err != nil || !created {
		t.Fatalf("ImportPlan: created=%v err=%v", created, err)
	}
	if rec.ID <= 0 || rec.Key != "长政办发〔2020〕23号" || rec.Scope != "长沙市" || rec.ImportedAt.IsZero() {
		t.Fatalf("record: id=%d key=%q scope=%q imported=%v", rec.ID, rec.Key, rec.Scope, rec.ImportedAt)
	}
	if got, want := targetIDs(rec.Plan), []string{"2.1-1", "2.1-2", "2.2-1"}; !reflect.DeepEqual(got, want) {
		t.Fatalf("target ids = %v, want %v", got, want)
	}
	if got := targetIDs(in); !reflect.DeepEqual(got, []string{"", "", ""}) {
		t.Fatalf("ImportPlan changed the caller's plan: ids %v", got)
	}
	got, err := s.FindPlanByID(ctx(t), rec.ID)
	if err != nil {
		t.Fatal(err)
	}
	if jsonOf(t, got.Plan) != jsonOf(t, rec.Plan) {
		t.Fatalf("stored plan differs:\n got %s\nwant %s", jsonOf(t, got.Plan), jsonOf(t, rec.Plan))
	}
	if got.Source != sampleSource || got.SourceName != "changsha.txt" || got.Key != rec.Key || got.Scope != rec.Scope {
		t.Fatalf("stored record: %+v", got)
	}
	if !got.ImportedAt.Equal(rec.ImportedAt) {
		t.Fatalf("imported_at %v, want %v", got.ImportedAt, rec.ImportedAt)
	}
	if _, err := s.FindPlanByID(ctx(t), rec.ID+100); store.ErrorCode(err) != store.ENotFound {
		t.Fatalf("FindPlanByID(missing) = %v, want not_found", err)
	}
}

func testImportPlanTwice(t *testing.T, open Opener) {
	s := open(t)
	first := importSample(t, s)
	audit, _ := s.ListAudit(ctx(t), store.AuditFilter{})
	changed := SamplePlan()
	changed.Title = "改过的标题"
	again, created, err := s.ImportPlan(ctx(t), store.PlanImport{Plan: changed, Source: "other text", SourceName: "b.txt"}, cli)
	if err != nil {
		t.Fatal(err)
	}
	if created || again.ID != first.ID || again.Plan.Title != first.Plan.Title || again.Source != sampleSource {
		t.Fatalf("re-import without Replace: created=%v id=%d title=%q; want the stored plan unchanged", created, again.ID, again.Plan.Title)
	}
	plans, _ := s.ListPlans(ctx(t))
	audit2, _ := s.ListAudit(ctx(t), store.AuditFilter{})
	if len(plans) != 1 || len(audit2) != len(audit) {
		t.Fatalf("re-import wrote something: %d plans, audit %d -> %d", len(plans), len(audit), len(audit2))
	}
}

func testImportPlanKeyByHash(t *testing.T, open Opener) {
	s := open(t)
	p := SamplePlan()
	p.DocNumber = ""
	rec, _, err := s.ImportPlan(ctx(t), store.PlanImport{Plan: p, Source: "正文甲"}, cli)
	if err != nil {
		t.Fatal(err)
	}
	sum := sha256.Sum256([]byte("正文甲"))
	if want := "sha256:" + hex.EncodeToString(sum[:]); rec.Key != want {
		t.Fatalf("key = %q, want %q", rec.Key, want)
	}
	_, created, err := s.ImportPlan(ctx(t), store.PlanImport{Plan: SamplePlanNoNumber(), Source: "正文甲"}, cli)
	if err != nil || created {
		t.Fatalf("same text again: created=%v err=%v, want the stored plan", created, err)
	}
	other, created, err := s.ImportPlan(ctx(t), store.PlanImport{Plan: SamplePlanNoNumber(), Source: "正文乙"}, cli)
	if err != nil || !created || other.ID == rec.ID {
		t.Fatalf("other text: created=%v id=%d err=%v, want a new plan", created, other.ID, err)
	}
}

// SamplePlanNoNumber is SamplePlan without a document number.
func SamplePlanNoNumber() *plan.Plan {
	p := SamplePlan()
	p.DocNumber = ""
	return p
}

func testImportPlanScope(t *testing.T, open Opener) {
	s := open(t)
	cases := []struct {
		issuer, scope, want string
	}{
		{"长沙市人民政府办公厅", "", "长沙市"},
		{"湖南省人民政府", "", "湖南省"},
		{"海盐县人民政府办公室", "", "海盐县"},
		{"长沙市人民政府办公厅", "岳麓区", "岳麓区"},
	}
	for i, c := range cases {
		p := SamplePlanNoNumber()
		p.Issuer = c.issuer
		rec, _, err := s.ImportPlan(ctx(t), store.PlanImport{Plan: p, Source: fmt.Sprint("scope ", i), Scope: c.scope}, cli)
		if err != nil {
			t.Fatal(err)
		}
		got, _ := s.FindPlanByID(ctx(t), rec.ID)
		if rec.Scope != c.want || got.Scope != c.want {
			t.Errorf("issuer %q scope %q: got %q (stored %q), want %q", c.issuer, c.scope, rec.Scope, got.Scope, c.want)
		}
	}
}

func testImportPlanInvalid(t *testing.T, open Opener) {
	s := open(t)
	dup := SamplePlan()
	dup.Sections[1].Children[1].ID = "2.1"
	noID := SamplePlan()
	noID.Sections[0].ID = ""
	badDate := SamplePlan()
	badDate.Sections[1].Children[0].Targets[0].Deadline = "2022年底"
	nullSection := SamplePlan()
	nullSection.Sections[1].Children = append(nullSection.Sections[1].Children, nil)
	separator := SamplePlan()
	separator.Sections[1].Children[0].Targets[1].Quote = "5G用户\x1f达到500万户"
	for name, p := range map[string]*plan.Plan{"nil": nil, "duplicate section id": dup, "section without id": noID,
		"bad deadline": badDate, "null section": nullSection, "U+001F in a quote": separator} {
		_, _, err := s.ImportPlan(ctx(t), store.PlanImport{Plan: p, Source: name}, cli)
		if store.ErrorCode(err) != store.EInvalid {
			t.Errorf("%s: err = %v, want invalid", name, err)
		}
	}
	plans, _ := s.ListPlans(ctx(t))
	targets, _ := s.ListTargets(ctx(t), 0)
	audit, _ := s.ListAudit(ctx(t), store.AuditFilter{})
	if len(plans)+len(targets)+len(audit) != 0 {
		t.Fatalf("a rejected import left %d plans, %d targets, %d audit entries", len(plans), len(targets), len(audit))
	}
}

func testImportPlanReplace(t *testing.T, open Opener) {
	s := open(t)
	rec := importSample(t, s)
	o1 := obs(rec.ID, "2.1-1", 30490, "2021-11-30") // 5G基站: same section and subject after
	o2 := obs(rec.ID, "2.1-2", 260, "2021-12-31")   // 5G用户: subject renamed, same quote
	o3 := obs(rec.ID, "2.2-1", 20000, "2021-12-31") // 数据中心机架: gone
	o4 := obs(rec.ID, "", 1, "2021-12-31")          // context stays context
	o4.Kind = plan.ObsEvent
	saved, err := s.CreateObservations(ctx(t), []plan.Observation{o1, o2, o3, o4}, cli)
	if err != nil {
		t.Fatal(err)
	}

	p := SamplePlan()
	t21 := p.Sections[1].Children[0]
	t21.Targets[1].Subject = "5G终端用户"
	t21.Targets = append([]plan.Target{{Subject: "千兆光纤用户", Comparator: plan.GE, Value: 100, Unit: "万户", Deadline: "2022-12-31", Quote: "千兆光纤用户100万户"}}, t21.Targets...)
	p.Sections[1].Children[1].Targets = nil
	p.Title = "长沙市新型基础设施建设三年行动计划（修订）"
	again, created, err := s.ImportPlan(ctx(t), store.PlanImport{Plan: p, Source: sampleSource + "修订", Replace: true}, admin)
	if err != nil {
		t.Fatal(err)
	}
	if created || again.ID != rec.ID {
		t.Fatalf("replace: created=%v id=%d, want the same plan %d", created, again.ID, rec.ID)
	}
	got, _ := s.FindPlanByID(ctx(t), rec.ID)
	if got.Plan.Title != p.Title || got.Source != sampleSource+"修订" {
		t.Fatalf("replace kept the old plan: title %q", got.Plan.Title)
	}
	if ids := targetIDs(got.Plan); !reflect.DeepEqual(ids, []string{"2.1-1", "2.1-2", "2.1-3"}) {
		t.Fatalf("target ids after replace = %v", ids)
	}
	tr, _ := s.ListTargets(ctx(t), rec.ID)
	if len(tr) != 3 || tr[0].Target.Subject != "千兆光纤用户" {
		t.Fatalf("ListTargets after replace: %+v", tr)
	}
	want := map[int64]string{saved[0].ID: "2.1-2", saved[1].ID: "2.1-3", saved[2].ID: "", saved[3].ID: ""}
	for id, target := range want {
		o, err := s.FindObservationByID(ctx(t), id)
		if err != nil {
			t.Fatal(err)
		}
		if o.TargetID != target {
			t.Errorf("observation %d: target %q, want %q", id, o.TargetID, target)
		}
	}
	detached, _ := s.FindObservationByID(ctx(t), saved[2].ID)
	if !strings.Contains(detached.Note, "2.2-1") || !strings.Contains(detached.Note, "数据中心机架") {
		t.Errorf("detached observation note %q should name its old target 2.2-1 数据中心机架", detached.Note)
	}
	if ctxObs, _ := s.FindObservationByID(ctx(t), saved[3].ID); ctxObs.Note != "" {
		t.Errorf("context observation got a note %q", ctxObs.Note)
	}
	all, _ := s.ListObservations(ctx(t), store.ObservationFilter{PlanID: rec.ID})
	if len(all) != 4 {
		t.Fatalf("replace lost observations: %d left of 4", len(all))
	}
	entries, _ := s.ListAudit(ctx(t), store.AuditFilter{Entity: fmt.Sprint("plan:", rec.ID)})
	if len(entries) != 2 || entries[0].Action != "plan.replace" || !strings.Contains(string(entries[0].After), "2.2-1") {
		t.Fatalf("audit of replace: %+v", entries)
	}
}

func testImportPlanConcurrent(t *testing.T, open Opener) {
	s := open(t)
	const n = 6
	var wg sync.WaitGroup
	ids := make([]int64, n)
	createds := make([]bool, n)
	errs := make([]error, n)
	for i := range n {
		wg.Go(func() {
			rec, created, err := s.ImportPlan(context.Background(), store.PlanImport{Plan: SamplePlan(), Source: sampleSource}, cli)
			ids[i], createds[i], errs[i] = rec.ID, created, err
		})
	}
	wg.Wait()
	made := 0
	for i := range n {
		if errs[i] != nil {
			t.Fatalf("import %d: %v", i, errs[i])
		}
		if createds[i] {
			made++
		}
		if ids[i] != ids[0] {
			t.Fatalf("imports of one key gave plans %v", ids)
		}
	}
	if made != 1 {
		t.Fatalf("%d of %d concurrent imports of one key said created, want 1", made, n)
	}
}

func testListPlans(t *testing.T, open Opener) {
	s := open(t)
	if plans, err := s.ListPlans(ctx(t)); err != nil || len(plans) != 0 {
		t.Fatalf("empty store: %v %v", plans, err)
	}
	a := importSample(t, s)
	b, _, err := s.ImportPlan(ctx(t), store.PlanImport{Plan: SamplePlanNoNumber(), Source: "乙"}, cli)
	if err != nil {
		t.Fatal(err)
	}
	plans, err := s.ListPlans(ctx(t))
	if err != nil {
		t.Fatal(err)
	}
	if len(plans) != 2 || plans[0].ID != a.ID || plans[1].ID != b.ID {
		t.Fatalf("ListPlans = %d plans, want %d then %d", len(plans), a.ID, b.ID)
	}
	for _, p := range plans {
		if p.Source != "" {
			t.Errorf("ListPlans returned the source of plan %d", p.ID)
		}
		if ids := targetIDs(p.Plan); len(ids) != 3 || ids[0] != "2.1-1" {
			t.Errorf("plan %d targets %v", p.ID, ids)
		}
	}
}

func testUpdatePlan(t *testing.T, open Opener) {
	s := open(t)
	rec := importSample(t, s)
	saved, err := s.CreateObservations(ctx(t), []plan.Observation{obs(rec.ID, "2.1-2", 300, "2021-12-31")}, cli)
	if err != nil {
		t.Fatal(err)
	}
	p := rec.Plan
	task := p.Sections[1].Children[0]
	task.Targets[1].Subject = "5G移动用户" // a correction keeps the target's ID
	task.Targets[0].Value = 45000
	task.Targets = append(task.Targets, plan.Target{Subject: "5G应用场景", Comparator: plan.GE, Value: 100, Unit: "个", Deadline: "2022-12-31"})
	task.LeadUnits = []string{"市工业和信息化局"}
	corr := []store.Correction{{Path: "sections/2.1/targets/2.1-1/value", Old: "40000", New: "45000", Notes: "原文为4.5万"}}
	if err := s.UpdatePlan(ctx(t), rec.ID, p, corr, admin); err != nil {
		t.Fatal(err)
	}
	got, err := s.FindPlanByID(ctx(t), rec.ID)
	if err != nil {
		t.Fatal(err)
	}
	if ids := targetIDs(got.Plan); !reflect.DeepEqual(ids, []string{"2.1-1", "2.1-2", "2.1-3", "2.2-1"}) {
		t.Fatalf("ids after update = %v", ids)
	}
	if len(got.Corrections) != 1 || got.Corrections[0].By != "督查室#7" || got.Corrections[0].At.IsZero() || got.Corrections[0].New != "45000" {
		t.Fatalf("corrections = %+v", got.Corrections)
	}
	tr, _ := s.ListTargets(ctx(t), rec.ID)
	if tr[0].Target.Value != 45000 || tr[0].LeadUnits[0] != "市工业和信息化局" || tr[1].Target.Subject != "5G移动用户" {
		t.Fatalf("targets after update: %+v", tr[:2])
	}
	o, _ := s.FindObservationByID(ctx(t), saved[0].ID)
	if o.TargetID != "2.1-2" {
		t.Fatalf("observation moved to %q by a subject correction", o.TargetID)
	}
	// A second round appends.
	if err := s.UpdatePlan(ctx(t), rec.ID, got.Plan, []store.Correction{{Path: "title", Old: "a", New: "b"}}, admin); err != nil {
		t.Fatal(err)
	}
	got, _ = s.FindPlanByID(ctx(t), rec.ID)
	if len(got.Corrections) != 2 {
		t.Fatalf("corrections after a second update: %d, want 2", len(got.Corrections))
	}
	wantCode(t, s.UpdatePlan(ctx(t), rec.ID+99, got.Plan, nil, admin), store.ENotFound)
	dup := got.Plan
	dup.Sections[1].Children[1].Targets[0].ID = "2.1-1"
	wantCode(t, s.UpdatePlan(ctx(t), rec.ID, dup, nil, admin), store.EInvalid)
}

func testDeletePlan(t *testing.T, open Opener) {
	s := open(t)
	rec := importSample(t, s)
	keep, _, err := s.ImportPlan(ctx(t), store.PlanImport{Plan: SamplePlanNoNumber(), Source: "另一个"}, cli)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.CreateObservations(ctx(t), []plan.Observation{obs(rec.ID, "2.1-1", 1, "2021-01-31"), obs(keep.ID, "2.1-1", 2, "2021-01-31")}, cli); err != nil {
		t.Fatal(err)
	}
	if err := s.DeletePlan(ctx(t), rec.ID, admin); err != nil {
		t.Fatal(err)
	}
	if _, err := s.FindPlanByID(ctx(t), rec.ID); store.ErrorCode(err) != store.ENotFound {
		t.Fatalf("deleted plan still found: %v", err)
	}
	tr, _ := s.ListTargets(ctx(t), 0)
	left, _ := s.ListObservations(ctx(t), store.ObservationFilter{IncludeSuperseded: true})
	if len(tr) != 3 || len(left) != 1 || left[0].PlanID != keep.ID {
		t.Fatalf("after delete: %d targets, %d observations; want only the other plan's 3 and 1", len(tr), len(left))
	}
	entries, _ := s.ListAudit(ctx(t), store.AuditFilter{Entity: fmt.Sprint("plan:", rec.ID)})
	if len(entries) != 2 || entries[0].Action != "plan.delete" || entries[1].Action != "plan.import" {
		t.Fatalf("audit of a deleted plan: %+v", entries)
	}
	wantCode(t, s.DeletePlan(ctx(t), rec.ID, admin), store.ENotFound)
	// The key is free again.
	if _, created, err := s.ImportPlan(ctx(t), store.PlanImport{Plan: SamplePlan(), Source: sampleSource}, cli); err != nil || !created {
		t.Fatalf("re-import after delete: created=%v err=%v", created, err)
	}
}

func testListTargets(t *testing.T, open Opener) {
	s := open(t)
	a := importSample(t, s)
	b, _, err := s.ImportPlan(ctx(t), store.PlanImport{Plan: SamplePlanNoNumber(), Source: "乙"}, cli)
	if err != nil {
		t.Fatal(err)
	}
	all, err := s.ListTargets(ctx(t), 0)
	if err != nil {
		t.Fatal(err)
	}
	one, err := s.ListTargets(ctx(t), b.ID)
	if err != nil {
		t.Fatal(err)
	}
	if len(all) != 6 || len(one) != 3 || one[0].PlanID != b.ID || all[0].PlanID != a.ID {
		t.Fatalf("ListTargets: %d for all, %d for plan %d", len(all), len(one), b.ID)
	}
	r := all[0]
	want := store.TargetRow{
		PlanID: a.ID, PlanTitle: SamplePlan().Title, SectionID: "2.1",
		SectionPath: []string{"重点任务", "加快5G网络建设"}, TaskTitle: "加快5G网络建设",
		LeadUnits: []string{"市工信局"}, CoUnits: []string{"市通信管理局", "各区县（市）人民政府"},
		Target: plan.Target{ID: "2.1-1", Subject: "5G基站", Comparator: plan.GE, Value: 40000, Unit: "个", Deadline: "2022-12-31", Quote: "新建5G基站4万个", Kind: plan.KindFlow},
	}
	if !reflect.DeepEqual(r, want) {
		t.Fatalf("first target row:\n got %+v\nwant %+v", r, want)
	}
	if !all[1].Target.Cumulative || all[2].CoUnits == nil || len(all[2].CoUnits) != 0 {
		t.Fatalf("cumulative or empty co-units lost: %+v %+v", all[1].Target, all[2].CoUnits)
	}
	if none, err := s.ListTargets(ctx(t), b.ID+99); err != nil || len(none) != 0 {
		t.Fatalf("targets of a missing plan: %v %v", none, err)
	}
}

func testCreateObservations(t *testing.T, open Opener) {
	s := open(t)
	rec := importSample(t, s)
	before := time.Now().Add(-time.Second)
	in := []plan.Observation{
		obs(rec.ID, "2.1-1", 30490, "2021-11-30"),
		{PlanID: rec.ID, SectionID: "2.1", ValueText: "投运", Kind: plan.ObsEvent, PeriodEnd: "2021-06-30", Quote: "首个5G独立组网投运", Note: "背景"},
	}
	out, err := s.CreateObservations(ctx(t), in, admin)
	if err != nil {
		t.Fatal(err)
	}
	if len(out) != 2 || out[0].ID <= 0 || out[1].ID <= out[0].ID {
		t.Fatalf("ids: %+v", out)
	}
	for i, o := range out {
		if o.CreatedBy != "督查室#7" || o.CreatedAt.Before(before) || o.CreatedAt.After(time.Now().Add(time.Second)) {
			t.Errorf("observation %d: created %v by %q", i, o.CreatedAt, o.CreatedBy)
		}
		got, err := s.FindObservationByID(ctx(t), o.ID)
		if err != nil {
			t.Fatal(err)
		}
		if jsonOf(t, got) != jsonOf(t, o) {
			t.Errorf("observation %d read back differs:\n got %s\nwant %s", i, jsonOf(t, got), jsonOf(t, o))
		}
	}
	if got, _ := s.FindObservationByID(ctx(t), out[1].ID); got.Value != nil {
		t.Errorf("a qualitative observation came back with value %v", *got.Value)
	}
	if in[0].ID != 0 {
		t.Errorf("CreateObservations changed the caller's slice")
	}
	_, err = s.FindObservationByID(ctx(t), out[1].ID+10)
	wantCode(t, err, store.ENotFound)
	if empty, err := s.CreateObservations(ctx(t), nil, cli); err != nil || len(empty) != 0 {
		t.Fatalf("no observations: %v %v", empty, err)
	}
}

func testCreateObservationsAllOrNothing(t *testing.T, open Opener) {
	s := open(t)
	rec := importSample(t, s)
	good := obs(rec.ID, "2.1-1", 1, "2021-01-31")
	badKind := good
	badKind.Kind = "guess"
	badDate := good
	badDate.PeriodEnd = "2021-13-01"
	control := good
	control.Quote = "全市\x1f新建"
	backwards := good
	backwards.PeriodStart, backwards.PeriodEnd = "2021-06-01", "2021-01-01"
	cases := []struct {
		name  string
		bad   plan.Observation
		code  string
		field string
	}{
		{"missing plan", obs(rec.ID+50, "", 1, "2021-01-31"), store.ENotFound, "plan"},
		{"missing target", obs(rec.ID, "9.9-1", 1, "2021-01-31"), store.EInvalid, "9.9-1"},
		{"unknown kind", badKind, store.EInvalid, "kind"},
		{"bad date", badDate, store.EInvalid, "period_end"},
		{"end before start", backwards, store.EInvalid, "period_end"},
		{"control character", control, store.EInvalid, "U+001F"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := s.CreateObservations(ctx(t), []plan.Observation{good, good, c.bad, good}, cli)
			wantCode(t, err, c.code)
			if !strings.Contains(err.Error(), "observation 2") || !strings.Contains(err.Error(), c.field) {
				t.Errorf("error %q should name observation 2 and %q", err, c.field)
			}
			all, _ := s.ListObservations(ctx(t), store.ObservationFilter{IncludeSuperseded: true})
			audit, _ := s.ListAudit(ctx(t), store.AuditFilter{})
			if len(all) != 0 || len(audit) != 1 {
				t.Fatalf("a rejected batch left %d observations and %d audit entries", len(all), len(audit))
			}
		})
	}
}

func testSupersede(t *testing.T, open Opener) {
	s := open(t)
	rec := importSample(t, s)
	out, err := s.CreateObservations(ctx(t), []plan.Observation{obs(rec.ID, "2.1-1", 30490, "2021-11-30"), obs(rec.ID, "2.1-1", 5000, "2020-12-31")}, cli)
	if err != nil {
		t.Fatal(err)
	}
	old := out[0]
	fix := obs(0, "", 30940, "2021-11-30") // plan and target default to the old one's
	fix.Note = "原数据录入有误"
	fixed, err := s.SupersedeObservation(ctx(t), old.ID, fix, admin)
	if err != nil {
		t.Fatal(err)
	}
	if fixed.ID == old.ID || fixed.Supersedes != old.ID || fixed.PlanID != rec.ID || fixed.TargetID != "2.1-1" || *fixed.Value != 30940 {
		t.Fatalf("correction: %+v", fixed)
	}
	gotOld, _ := s.FindObservationByID(ctx(t), old.ID)
	if gotOld.SupersededBy != fixed.ID || *gotOld.Value != 30490 {
		t.Fatalf("old observation after correction: superseded_by %d value %v", gotOld.SupersededBy, *gotOld.Value)
	}
	live, _ := s.ListObservations(ctx(t), store.ObservationFilter{PlanID: rec.ID})
	if len(live) != 2 || live[0].ID != out[1].ID || live[1].ID != fixed.ID {
		t.Fatalf("live observations: %+v", live)
	}
	all, _ := s.ListObservations(ctx(t), store.ObservationFilter{PlanID: rec.ID, IncludeSuperseded: true})
	if len(all) != 3 || all[0].ID != old.ID || all[0].SupersededBy != fixed.ID {
		t.Fatalf("all observations: %+v", all)
	}
	_, err = s.SupersedeObservation(ctx(t), old.ID, fix, admin)
	wantCode(t, err, store.EConflict)
	_, err = s.SupersedeObservation(ctx(t), fixed.ID+100, fix, admin)
	wantCode(t, err, store.ENotFound)
	bad := fix
	bad.TargetID = "7.7-7"
	_, err = s.SupersedeObservation(ctx(t), fixed.ID, bad, admin)
	wantCode(t, err, store.EInvalid)
	// A correction of the correction chains.
	again, err := s.SupersedeObservation(ctx(t), fixed.ID, fix, admin)
	if err != nil || again.Supersedes != fixed.ID {
		t.Fatalf("correcting the correction: %+v %v", again, err)
	}
	entries, _ := s.ListAudit(ctx(t), store.AuditFilter{Entity: fmt.Sprint("observation:", fixed.ID)})
	if len(entries) != 1 || entries[0].Action != "observation.supersede" || !strings.Contains(string(entries[0].Before), "30490") {
		t.Fatalf("audit of the correction: %+v", entries)
	}
}

func testListObservationsFilter(t *testing.T, open Opener) {
	s := open(t)
	a := importSample(t, s)
	b, _, err := s.ImportPlan(ctx(t), store.PlanImport{Plan: SamplePlanNoNumber(), Source: "乙"}, cli)
	if err != nil {
		t.Fatal(err)
	}
	_, err = s.CreateObservations(ctx(t), []plan.Observation{
		obs(a.ID, "2.1-1", 1, "2021-01-31"), obs(a.ID, "2.1-2", 2, "2021-01-31"), obs(a.ID, "", 3, "2021-01-31"),
		obs(b.ID, "2.1-1", 4, "2021-01-31"),
	}, cli)
	if err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		f    store.ObservationFilter
		want []float64
	}{
		{store.ObservationFilter{}, []float64{1, 2, 3, 4}},
		{store.ObservationFilter{PlanID: a.ID}, []float64{1, 2, 3}},
		{store.ObservationFilter{PlanID: a.ID, TargetID: "2.1-1"}, []float64{1}},
		{store.ObservationFilter{TargetID: "2.1-1"}, []float64{1, 4}},
		{store.ObservationFilter{PlanID: b.ID + 10}, []float64{}},
	}
	for _, c := range cases {
		got, err := s.ListObservations(ctx(t), c.f)
		if err != nil {
			t.Fatal(err)
		}
		vals := []float64{}
		for _, o := range got {
			vals = append(vals, *o.Value)
		}
		if !reflect.DeepEqual(vals, c.want) {
			t.Errorf("filter %+v: values %v, want %v", c.f, vals, c.want)
		}
	}
}

// testConcurrentWriters: many goroutines writing at once lose nothing.
func testConcurrentWriters(t *testing.T, open Opener) {
	s := open(t)
	rec := importSample(t, s)
	const workers, each = 8, 200
	var wg sync.WaitGroup
	errs := make(chan error, workers)
	for w := range workers {
		wg.Go(func() {
			for i := range each {
				o := obs(rec.ID, "2.1-1", float64(w*each+i), "2021-01-31")
				if _, err := s.CreateObservations(context.Background(), []plan.Observation{o}, cli); err != nil {
					errs <- fmt.Errorf("worker %d write %d: %w", w, i, err)
					return
				}
			}
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Fatal(err)
	}
	all, err := s.ListObservations(ctx(t), store.ObservationFilter{PlanID: rec.ID})
	if err != nil {
		t.Fatal(err)
	}
	seen := map[float64]bool{}
	for _, o := range all {
		seen[*o.Value] = true
	}
	if len(all) != workers*each || len(seen) != workers*each {
		t.Fatalf("%d observations (%d distinct) after %d concurrent writes", len(all), len(seen), workers*each)
	}
	// Each writer rewrote the target's facts; none may have lost another's.
	checkSlim(t, s, "after concurrent writes", []store.ObservationFilter{{}, {PlanID: rec.ID}})
	checkChunked(t, s, rec.ID, "2.1-1", workers*each)
	audit, _ := s.ListAudit(ctx(t), store.AuditFilter{})
	if len(audit) != workers*each+1 {
		t.Fatalf("%d audit entries, want %d", len(audit), workers*each+1)
	}
}

func testUnits(t *testing.T, open Opener) {
	s := open(t)
	u, err := s.CreateUnit(ctx(t), " 市工业和信息化局 ", []string{"市工信局", "市工信局", "长沙市工信局", ""}, admin)
	if err != nil {
		t.Fatal(err)
	}
	if u.ID <= 0 || u.Name != "市工业和信息化局" || !reflect.DeepEqual(u.Aliases, []string{"市工信局", "长沙市工信局"}) {
		t.Fatalf("unit: %+v", u)
	}
	for in, want := range map[string]string{"市工信局": "市工业和信息化局", "市工业和信息化局": "市工业和信息化局", " 长沙市工信局": "市工业和信息化局", "市发改委": "市发改委"} {
		got, err := s.ResolveUnit(ctx(t), in)
		if err != nil || got != want {
			t.Errorf("ResolveUnit(%q) = %q, %v; want %q", in, got, err, want)
		}
	}
	_, err = s.CreateUnit(ctx(t), "市工信局", nil, admin)
	wantCode(t, err, store.EConflict)
	_, err = s.CreateUnit(ctx(t), "市发展和改革委员会", []string{"市工信局"}, admin)
	wantCode(t, err, store.EConflict)
	_, err = s.CreateUnit(ctx(t), "  ", nil, admin)
	wantCode(t, err, store.EInvalid)
	dev, err := s.CreateUnit(ctx(t), "市发展和改革委员会", nil, admin)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.AddUnitAlias(ctx(t), dev.ID, "市发改委", admin); err != nil {
		t.Fatal(err)
	}
	if err := s.AddUnitAlias(ctx(t), dev.ID, "市发改委", admin); err != nil {
		t.Fatalf("adding an alias twice: %v", err)
	}
	wantCode(t, s.AddUnitAlias(ctx(t), dev.ID, "市工信局", admin), store.EConflict)
	wantCode(t, s.AddUnitAlias(ctx(t), dev.ID, "市工业和信息化局", admin), store.EConflict)
	wantCode(t, s.AddUnitAlias(ctx(t), dev.ID+99, "某局", admin), store.ENotFound)
	if got, _ := s.ResolveUnit(ctx(t), "市发改委"); got != "市发展和改革委员会" {
		t.Errorf("new alias resolves to %q", got)
	}
	units, err := s.ListUnits(ctx(t))
	if err != nil {
		t.Fatal(err)
	}
	if len(units) != 2 || units[0].ID != dev.ID || !reflect.DeepEqual(units[0].Aliases, []string{"市发改委"}) || len(units[1].Aliases) != 2 {
		t.Fatalf("ListUnits: %+v", units)
	}
	entries, _ := s.ListAudit(ctx(t), store.AuditFilter{Entity: fmt.Sprint("unit:", dev.ID)})
	if len(entries) != 2 || entries[0].Action != "unit.alias" {
		t.Fatalf("unit audit: %+v", entries)
	}
}

func testTokens(t *testing.T, open Opener) {
	s := open(t)
	if _, err := s.CreateUnit(ctx(t), "市工业和信息化局", []string{"市工信局"}, cli); err != nil {
		t.Fatal(err)
	}
	adm, secret, err := s.CreateToken(ctx(t), store.Token{Name: "督查室", Role: store.RoleAdmin}, cli)
	if err != nil {
		t.Fatal(err)
	}
	if adm.ID <= 0 || adm.CreatedAt.IsZero() || !strings.HasPrefix(secret, "pw_") || len(secret) < 40 {
		t.Fatalf("token %+v secret %q", adm, secret)
	}
	rep, secret2, err := s.CreateToken(ctx(t), store.Token{Name: "工信局填报", Role: store.RoleReporter, Unit: "市工信局"}, cli)
	if err != nil {
		t.Fatal(err)
	}
	if rep.Unit != "市工业和信息化局" || secret2 == secret {
		t.Fatalf("reporter token: %+v", rep)
	}
	got, err := s.AuthenticateToken(ctx(t), secret2)
	if err != nil || got.ID != rep.ID || got.Role != store.RoleReporter || got.Unit != "市工业和信息化局" {
		t.Fatalf("AuthenticateToken: %+v %v", got, err)
	}
	for _, bad := range []string{"", "pw_", secret + "x", "Bearer " + secret, strings.ToUpper(secret)} {
		_, err := s.AuthenticateToken(ctx(t), bad)
		wantCode(t, err, store.EUnauthorized)
	}
	if err := s.RevokeToken(ctx(t), rep.ID, cli); err != nil {
		t.Fatal(err)
	}
	_, err = s.AuthenticateToken(ctx(t), secret2)
	wantCode(t, err, store.EUnauthorized)
	if err := s.RevokeToken(ctx(t), rep.ID, cli); err != nil {
		t.Fatalf("revoking twice: %v", err)
	}
	wantCode(t, s.RevokeToken(ctx(t), rep.ID+99, cli), store.ENotFound)
	if _, err := s.AuthenticateToken(ctx(t), secret); err != nil {
		t.Fatalf("revoking one token broke another: %v", err)
	}
	list, err := s.ListTokens(ctx(t))
	if err != nil {
		t.Fatal(err)
	}
	if len(list) != 2 || list[0].Revoked || !list[1].Revoked || list[1].Name != "工信局填报" {
		t.Fatalf("ListTokens: %+v", list)
	}
	for _, bad := range []store.Token{{Name: "", Role: store.RoleAdmin}, {Name: "x", Role: "root"}, {Name: "x", Role: store.RoleReporter}} {
		_, _, err := s.CreateToken(ctx(t), bad, cli)
		wantCode(t, err, store.EInvalid)
	}
	audit, _ := s.ListAudit(ctx(t), store.AuditFilter{})
	for _, e := range audit {
		if strings.Contains(string(e.After)+string(e.Before), secret[3:]) {
			t.Fatalf("the audit log holds a token secret: %+v", e)
		}
	}
	revokes, _ := s.ListAudit(ctx(t), store.AuditFilter{Entity: fmt.Sprint("token:", rep.ID)})
	if len(revokes) != 2 || revokes[0].Action != "token.revoke" {
		t.Fatalf("token audit: %+v", revokes)
	}
}

func testAudit(t *testing.T, open Opener) {
	s := open(t)
	rec := importSample(t, s)
	out, err := s.CreateObservations(ctx(t), []plan.Observation{obs(rec.ID, "2.1-1", 1, "2021-01-31"), obs(rec.ID, "2.1-1", 2, "2021-02-28")}, admin)
	if err != nil {
		t.Fatal(err)
	}
	all, err := s.ListAudit(ctx(t), store.AuditFilter{})
	if err != nil {
		t.Fatal(err)
	}
	if len(all) != 3 {
		t.Fatalf("%d audit entries, want 3: %+v", len(all), all)
	}
	newest := all[0]
	if newest.Action != "observation.create" || newest.Entity != fmt.Sprint("observation:", out[1].ID) || newest.Actor != "督查室#7" || newest.At.IsZero() || newest.Before != nil {
		t.Fatalf("newest entry: %+v", newest)
	}
	var after plan.Observation
	if err := json.Unmarshal(newest.After, &after); err != nil || after.ID != out[1].ID || *after.Value != 2 {
		t.Fatalf("entry's after %s: %v", newest.After, err)
	}
	first := all[2]
	if first.Action != "plan.import" || first.Entity != fmt.Sprint("plan:", rec.ID) || first.Actor != "cli" || !strings.Contains(string(first.After), rec.Key) {
		t.Fatalf("oldest entry: %+v", first)
	}
	if all[0].ID <= all[1].ID || all[1].ID <= all[2].ID {
		t.Fatalf("not newest first: %d %d %d", all[0].ID, all[1].ID, all[2].ID)
	}
	two, _ := s.ListAudit(ctx(t), store.AuditFilter{Limit: 2})
	if len(two) != 2 || two[0].ID != all[0].ID {
		t.Fatalf("limit 2: %+v", two)
	}
	one, _ := s.ListAudit(ctx(t), store.AuditFilter{Entity: fmt.Sprint("observation:", out[0].ID)})
	if len(one) != 1 || one[0].ID != all[1].ID {
		t.Fatalf("entity filter: %+v", one)
	}
}

// testAuditAppendOnly proves the database itself refuses to change the
// audit log, whoever asks.
func testAuditAppendOnly(t *testing.T, open Opener) {
	s := open(t)
	importSample(t, s)
	raw, ok := s.(interface{ SQL() *sql.DB })
	if !ok {
		t.Skip("store does not expose SQL()")
	}
	db := raw.SQL()
	for _, q := range []string{`UPDATE audit_log SET actor = 'someone else'`, `DELETE FROM audit_log`} {
		if _, err := db.ExecContext(ctx(t), q); err == nil || !strings.Contains(err.Error(), "append-only") {
			t.Errorf("%s: err = %v, want the append-only refusal", q, err)
		}
	}
	entries, _ := s.ListAudit(ctx(t), store.AuditFilter{})
	if len(entries) != 1 || entries[0].Actor != "cli" {
		t.Fatalf("audit log changed: %+v", entries)
	}
}

// testBackup: a store either backs up into a file that is then there, or
// says (invalid) that backups are taken another way.
func testBackup(t *testing.T, open Opener) {
	s := open(t)
	importSample(t, s)
	path := filepath.Join(t.TempDir(), "backup.db")
	err := s.Backup(ctx(t), path)
	if store.ErrorCode(err) == store.EInvalid {
		if !strings.Contains(err.Error(), "pg_dump") {
			t.Fatalf("a store that cannot back up should say what to use: %v", err)
		}
		return
	}
	if err != nil {
		t.Fatal(err)
	}
	wantCode(t, s.Backup(ctx(t), path), store.EInvalid) // never overwrites
}

// testListObservationsParallel: a large list is read in id ranges on
// several connections (sqlstore.DB.ParallelReadFrom); it must be the same
// list, in the same order, as one read whole.
func testListObservationsParallel(t *testing.T, open Opener) {
	s := open(t)
	db, ok := s.(*sqlstore.DB)
	if !ok {
		t.Skip("not a sqlstore")
	}
	var plans []int64
	for n := range 3 {
		rec, _, err := s.ImportPlan(ctx(t), store.PlanImport{Plan: SamplePlanNoNumber(), Source: fmt.Sprint("plan ", n)}, cli)
		if err != nil {
			t.Fatal(err)
		}
		plans = append(plans, rec.ID)
	}
	var batch []plan.Observation
	for i := range 997 {
		batch = append(batch, obs(plans[i%3], "2.1-1", float64(i), "2021-01-31"))
	}
	out, err := s.CreateObservations(ctx(t), batch, cli)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.SupersedeObservation(ctx(t), out[5].ID, obs(0, "", 5.5, "2021-01-31"), cli); err != nil {
		t.Fatal(err)
	}
	defer func(was int) { db.ParallelReadFrom = was }(db.ParallelReadFrom)
	for _, f := range []store.ObservationFilter{{}, {IncludeSuperseded: true}, {PlanID: plans[2]}, {PlanID: plans[2], IncludeSuperseded: true}} {
		db.ParallelReadFrom = 1 << 30
		serial, err := s.ListObservations(ctx(t), f)
		if err != nil {
			t.Fatal(err)
		}
		db.ParallelReadFrom = 10
		parallel, err := s.ListObservations(ctx(t), f)
		if err != nil {
			t.Fatal(err)
		}
		if len(serial) < 300 || jsonOf(t, serial) != jsonOf(t, parallel) {
			t.Fatalf("filter %+v: parallel read (%d) differs from serial (%d)", f, len(parallel), len(serial))
		}
	}
}
