package web_test

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/planwatch/planwatch/internal/plan"
	"github.com/planwatch/planwatch/internal/store"
)

// firstTarget returns a target of the demo plan led by unit (any unit when "").
func (e *env) firstTarget(t testing.TB, unit string) store.TargetRow {
	t.Helper()
	rows, err := e.st.ListTargets(context.Background(), e.planID)
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range rows {
		if unit == "" {
			return r
		}
		for _, u := range r.LeadUnits {
			if c, _ := e.st.ResolveUnit(context.Background(), u); c == unit {
				return r
			}
		}
	}
	t.Fatalf("no target led by %q", unit)
	return store.TargetRow{}
}

func TestEveryPageRendersInChinese(t *testing.T) {
	e := newEnv(t, true)
	c := e.client()
	tr := e.firstTarget(t, "")
	p := fmt.Sprintf("/plans/%d", e.planID)
	cases := []struct {
		path string
		want []string
	}{
		{"/", []string{"行动计划", "长沙", "按序时推进"}},
		{p, []string{"计划总览", "截至2021年6月30日", "量化目标", "未来90天到期", "计划层面的相关报送", "最新报送", "30490"}},
		{p + "?as_of=2022-12-31", []string{"截至2022年12月31日"}},
		{p + "/tree", []string{"任务分解", "牵头", "<progress"}},
		{p + "/targets/" + tr.Target.ID, []string{tr.Target.Subject, "计入的证据", "未计入的报送", "更正记录"}},
		{p + "/ledger", []string{"督办台账", "序号", "export.xlsx", "export.csv"}},
		{p + "/matrix", []string{"责任矩阵", "市工业和信息化局"}},
		{p + "/deadlines", []string{"时间节点", "按完成时限排列"}},
		{"/units/市工信局", []string{"市工业和信息化局", "牵头的目标"}},
		{"/search?q=5G", []string{"搜索", "5G"}},
		{"/import", []string{"导入计划", "上传文件"}},
		{"/login", []string{"访问令牌"}},
	}
	for _, tc := range cases {
		t.Run(tc.path, func(t *testing.T) {
			code, body := get(t, c, e.srv.URL+tc.path)
			if code != http.StatusOK {
				t.Fatalf("status %d\n%s", code, body)
			}
			for _, w := range tc.want {
				if !strings.Contains(body, w) {
					t.Errorf("page lacks %q", w)
				}
			}
			for _, bad := range []string{"status.", "overview.", "col.", "<no value>", "%!"} {
				if strings.Contains(body, ">"+bad) || strings.Contains(body, " "+bad) {
					t.Errorf("page shows an untranslated key or template gap %q", bad)
				}
			}
		})
	}
}

func TestMatrixMarksLeadAndCoUnitsPerTask(t *testing.T) {
	e := newEnv(t, true)
	_, body := get(t, e.client(), fmt.Sprintf("%s/plans/%d/matrix", e.srv.URL, e.planID))
	tr := e.firstTarget(t, "市工业和信息化局")
	// The header names the task columns in order; find the column of the task.
	head := body[strings.Index(body, "<thead>"):strings.Index(body, "</thead>")]
	cols := regexp.MustCompile(`tree#s-([0-9.]+)"`).FindAllStringSubmatch(head, -1)
	col := -1
	for i, m := range cols {
		if m[1] == tr.SectionID {
			col = i
		}
	}
	if col < 0 {
		t.Fatalf("task %s has no column", tr.SectionID)
	}
	rowRE := regexp.MustCompile(`(?s)<tr><th scope="row"><a href="[^"]+">市工业和信息化局</a></th>(.*?)</tr>`)
	m := rowRE.FindStringSubmatch(body)
	if m == nil {
		t.Fatal("no row for 市工业和信息化局")
	}
	cells := regexp.MustCompile(`<td class="cell-([a-z]*)">`).FindAllStringSubmatch(m[1], -1)
	if len(cells) != len(cols) {
		t.Fatalf("row has %d task cells for %d columns", len(cells), len(cols))
	}
	if cells[col][1] != "lead" {
		t.Errorf("市工业和信息化局 in task %s is %q, want lead", tr.SectionID, cells[col][1])
	}
}

func TestDeadlinesListOverdueTargets(t *testing.T) {
	e := newEnv(t, true)
	c := e.client()
	base := fmt.Sprintf("%s/plans/%d/deadlines", e.srv.URL, e.planID)
	_, before := get(t, c, base+"?as_of=2021-06-30")
	_, after := get(t, c, base+"?as_of=2023-01-31")
	section := func(body string) string {
		i := strings.Index(body, `id="od-h"`)
		j := strings.Index(body, `id="tl-h"`)
		if i < 0 || j < i {
			t.Fatal("no overdue section")
		}
		return body[i:j]
	}
	if !strings.Contains(section(before), "没有逾期未完成的目标") {
		t.Error("targets overdue in mid-2021, before any deadline")
	}
	if !strings.Contains(section(after), "逾期未完成") || strings.Contains(section(after), "没有逾期未完成的目标") {
		t.Error("nothing overdue a month after the plan's deadlines")
	}
	if !strings.Contains(after, "2022年12月") {
		t.Error("the timeline has no December 2022 group")
	}
}

func TestSearchFindsUnitsByAliasAndTargets(t *testing.T) {
	e := newEnv(t, true)
	c := e.client()
	_, body := get(t, c, e.srv.URL+"/search?q="+url.QueryEscape("市工信局"))
	if !strings.Contains(body, `href="/units/`+url.PathEscape("市工业和信息化局")+`"`) {
		t.Error("searching the alias 市工信局 does not find 市工业和信息化局")
	}
	_, body = get(t, c, e.srv.URL+"/search?q="+url.QueryEscape("基站"))
	if !strings.Contains(body, "新建5G基站") {
		t.Error("searching 基站 does not find the 5G base-station target")
	}
	_, body = get(t, c, e.srv.URL+"/search?q="+url.QueryEscape("<script>"))
	if strings.Contains(body, "<script>\"") || strings.Contains(body, "“<script>”") {
		t.Error("the query is echoed unescaped")
	}
}

func TestTargetPageShowsExclusionsAndCorrections(t *testing.T) {
	e := newEnv(t, true)
	ctx := context.Background()
	tr := e.firstTarget(t, "市工业和信息化局")
	u := fmt.Sprintf("%s/plans/%d/targets/%s?as_of=2022-12-31", e.srv.URL, e.planID, tr.Target.ID)
	_, body := get(t, e.client(), u)
	// The demo's Hunan-wide figures are shown, with why they do not count.
	if !strings.Contains(body, "湖南省") || !strings.Contains(body, "未计入原因") {
		t.Error("province-wide reports are not shown as context with a reason")
	}
	v, w := 100.0, 120.0
	actor := store.Actor{Name: "测试", Role: store.RoleAdmin}
	obs, err := e.st.CreateObservations(ctx, []plan.Observation{{PlanID: e.planID, TargetID: tr.Target.ID, Value: &v, Unit: tr.Target.Unit,
		Kind: plan.ObsStock, PeriodEnd: "2022-06-30", Scope: "长沙市", SourceURL: "https://example.gov.cn/a", Quote: "原始数字", ReportedBy: "测试"}}, actor)
	if err != nil {
		t.Fatal(err)
	}
	corr := obs[0]
	corr.ID, corr.Value, corr.Quote, corr.Note = 0, &w, "更正后的数字", "统计口径更正"
	fixed, err := e.st.SupersedeObservation(ctx, obs[0].ID, corr, actor)
	if err != nil {
		t.Fatal(err)
	}
	_, body = get(t, e.client(), u)
	i := strings.Index(body, `id="hist-h"`)
	if i < 0 {
		t.Fatal("no corrections section")
	}
	hist := body[i:]
	for _, want := range []string{
		fmt.Sprintf("已被更正为 #%d", fixed.ID),
		fmt.Sprintf("更正了 #%d", obs[0].ID),
		"统计口径更正",
		`class="superseded"`,
	} {
		if !strings.Contains(hist, want) {
			t.Errorf("corrections history lacks %q", want)
		}
	}
}

// A plan judged after its period offers its state at the period's end.
func TestFinishedPlanLinksToItsEnd(t *testing.T) {
	e := newEnv(t, true)
	c := e.client()
	base := fmt.Sprintf("%s/plans/%d", e.srv.URL, e.planID)
	_, during := get(t, c, base+"?as_of=2021-06-30")
	_, after := get(t, c, base+"?as_of=2024-06-30")
	if strings.Contains(during, "计划期已于") {
		t.Error("mid-plan page says the period ended")
	}
	if !strings.Contains(after, "计划期已于2022年12月31日结束") || !strings.Contains(after, `href="?as_of=2022-12-31"`) {
		t.Error("a page judged in 2024 has no link to the state at the plan's end, 2022-12-31")
	}
}
