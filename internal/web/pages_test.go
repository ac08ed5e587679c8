package web_test

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"testing"

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
		{p, []string{"计划总览", "截至2021年6月30日", "量化目标", "未来90天到期", "计划层面的相关报送"}},
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
