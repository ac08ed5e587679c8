package web

import (
	"io"
	"io/fs"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"regexp"
	"strings"
	"testing"

	"github.com/planwatch/planwatch/internal/plan"
)

// TestEveryMessageKeyExists scans the templates and handlers for the keys
// they use and checks both languages have them; families built with
// printf ("status.%s") are checked against their known members.
func TestEveryMessageKeyExists(t *testing.T) {
	families := map[string][]string{
		"status.%s":    {"achieved", "on_track", "at_risk", "off_track", "missed", "no_data"},
		"light.%s":     {"green", "amber", "red", "grey"},
		"nav.%s":       {"overview", "tree", "deadlines", "matrix", "ledger"},
		"role.%s":      {"admin", "reporter"},
		"obs.%s":       {"flow", "stock", "rate", "target", "event", "status"},
		"kind.%s":      {"flow", "stock", "rate"},
		"cmp.%s":       {">=", ">", "<=", "<", "~"},
		"report.%s":    {"value", "period_start", "period_end", "scope", "source_url", "source_date", "note"},
		"admin.%s":     {"token_name", "token_unit", "unit_name", "unit_aliases", "alias", "user_name", "user_unit"},
		"light.why.%s": {"green", "amber", "red", "grey"},
	}
	re := regexp.MustCompile(`(?:\.T |p\.T\(|message\(lang, |printf )"([a-z_.]+(?:%s)?)`)
	var keys []string
	check := func(name string, b []byte) {
		for _, m := range re.FindAllStringSubmatch(string(b), -1) {
			k := m[1]
			if strings.HasSuffix(k, "%s") {
				members, ok := families[k]
				if !ok {
					t.Errorf("%s: key family %q has no known members in this test", name, k)
				}
				for _, x := range members {
					keys = append(keys, strings.Replace(k, "%s", x, 1))
				}
				continue
			}
			if strings.HasSuffix(k, ".") { // "status." + s, "cmp." + c
				continue
			}
			keys = append(keys, k)
		}
	}
	fs.WalkDir(templateFS, "templates", func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			b, _ := templateFS.ReadFile(p)
			check(p, b)
		}
		return nil
	})
	for _, f := range []string{"web.go", "render.go", "format.go", "data.go", "plans.go", "overview.go", "tree.go", "target.go", "ledgerpage.go", "unit.go", "matrix.go", "deadlines.go", "search.go", "login.go", "report.go", "admin.go", "importpage.go"} {
		b, err := readSource(f)
		if err != nil {
			t.Fatal(err)
		}
		check(f, b)
	}
	if len(keys) < 100 {
		t.Fatalf("found only %d keys; the scan is broken", len(keys))
	}
	for _, k := range keys {
		m, ok := messages[k]
		if !ok {
			t.Errorf("message %q is used but not defined", k)
			continue
		}
		if m[0] == "" || m[1] == "" {
			t.Errorf("message %q lacks a language: %q", k, m)
		}
	}
}

func TestTemplateErrorGivesA500PageNotHalfAPage(t *testing.T) {
	a := &app{log: slog.New(slog.NewTextHandler(io.Discard, nil))}
	var err error
	if a.assets, err = loadAssets(); err != nil {
		t.Fatal(err)
	}
	if a.pages, err = a.parseTemplates(); err != nil {
		t.Fatal(err)
	}
	r := httptest.NewRequest(http.MethodGet, "/plans/1", nil)
	w := httptest.NewRecorder()
	// The overview template given data of the wrong shape fails mid-page.
	p := a.newPage(r)
	p.template, p.Title, p.Data = "overview", "x", struct{ Nothing int }{}
	a.render(w, r, p)
	if w.Code != http.StatusInternalServerError {
		t.Fatalf("status %d, want 500", w.Code)
	}
	body := w.Body.String()
	if !strings.Contains(body, "服务器内部错误") || strings.Contains(body, "计划总览") {
		t.Errorf("the 500 page holds part of the failed page:\n%s", body)
	}
	if strings.Count(body, "</html>") != 1 {
		t.Error("the response is not one whole page")
	}
}

func TestDisplayDate(t *testing.T) {
	for _, tc := range []struct{ lang, in, want string }{
		{langZH, "2022-12-31", "2022年12月31日"},
		{langZH, "2021-06-05", "2021年6月5日"},
		{langEN, "2022-12-31", "31 Dec 2022"},
		{langZH, "", "—"},
	} {
		if got := displayDate(tc.lang, planDate(tc.in)); got != tc.want {
			t.Errorf("displayDate(%s, %q) = %q, want %q", tc.lang, tc.in, got, tc.want)
		}
	}
}

func readSource(name string) ([]byte, error) { return os.ReadFile(name) }

func planDate(s string) plan.Date { return plan.Date(s) }

// TestPagesWorkWithoutTheChartLibrary is a clone without `npm ci`: no
// echarts.min.js embedded, so no script tag for it, a note, and the
// chart's figures open as a table.
func TestPagesWorkWithoutTheChartLibrary(t *testing.T) {
	a := &app{log: slog.New(slog.NewTextHandler(io.Discard, nil))}
	var err error
	if a.assets, err = loadAssets(); err != nil {
		t.Fatal(err)
	}
	if a.pages, err = a.parseTemplates(); err != nil {
		t.Fatal(err)
	}
	delete(a.assets.byName, echartsAsset)
	r := httptest.NewRequest(http.MethodGet, "/plans/1", nil)
	w := httptest.NewRecorder()
	p := a.newPage(r)
	p.template, p.Title = "overview", "x"
	p.Plan = &planNav{ID: 1, Title: "x", Active: "overview", AsOf: "2022-12-31"}
	p.Data = overviewData{AsOf: "2022-12-31", Light: "grey", Statuses: chartStatuses, ChartJSON: "{}",
		Sections: []sectionCount{{Title: "主要任务", Counts: map[string]int{"no_data": 3}}}}
	a.render(w, r, p)
	body := w.Body.String()
	if w.Code != http.StatusOK {
		t.Fatalf("status %d\n%s", w.Code, body)
	}
	if strings.Contains(body, "echarts") {
		t.Error("the page loads echarts although it was not built in")
	}
	if !strings.Contains(body, "图表组件未随本程序构建") || !strings.Contains(body, `<details class="chart-table" open>`) {
		t.Error("no note and no open table in place of the chart")
	}
}

func TestMarkSourceLinksEachFieldToWhereItWasRead(t *testing.T) {
	text := "一、总体目标\n到2022年底，新建5G基站4万个。牵头单位：市工信局\n二、保障措施\n市工信局负责协调。"
	s1 := &plan.Section{ID: "1", Title: "总体目标", LeadUnits: []string{"市工信局"}}
	s2 := &plan.Section{ID: "2", Title: "保障措施"}
	secs := []importSection{
		{Section: s1, Targets: []importTarget{{Target: plan.Target{Quote: "新建5G基站4万个", Deadline: "2022-12-31"}, Field: "t.1.0"}}},
		{Section: s2},
	}
	var marks []string
	var joined strings.Builder
	for _, seg := range markSource(text, secs, 2020) {
		joined.WriteString(seg.Text)
		if seg.Kind != "" {
			marks = append(marks, seg.Kind+":"+seg.Field+":"+seg.Text)
		}
	}
	if joined.String() != text {
		t.Fatalf("segments do not add up to the source:\n%q", joined.String())
	}
	want := []string{
		"deadline:t.1.0.deadline:到2022年底",
		"target:t.1.0.value:新建5G基站4万个",
		"unit:s.1.lead:市工信局",
	}
	if strings.Join(marks, "|") != strings.Join(want, "|") {
		t.Errorf("marks\n%v\nwant\n%v (the unit in section 二 is not section 一's)", marks, want)
	}
}
