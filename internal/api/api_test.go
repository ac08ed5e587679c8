package api_test

import (
	"bytes"
	"context"
	"encoding/json"
	"github.com/planwatch/planwatch/internal/store/postgres/pgtest"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	_ "github.com/jackc/pgx/v5/stdlib"
	"golang.org/x/text/encoding/simplifiedchinese"

	"github.com/planwatch/planwatch/internal/api"
	"github.com/planwatch/planwatch/internal/plan"
	"github.com/planwatch/planwatch/internal/planparse"
	"github.com/planwatch/planwatch/internal/server"
	"github.com/planwatch/planwatch/internal/status"
	"github.com/planwatch/planwatch/internal/store"
	"github.com/planwatch/planwatch/internal/store/postgres"
	"github.com/planwatch/planwatch/internal/store/sqlite"
)

// fixture is a temporary SQLite store holding one small plan whose tasks
// have the responsibility patterns that matter for permissions, a unit
// with an alias, and one token per kind of caller.
type fixture struct {
	st      store.Store
	dir     string
	handler http.Handler
	planID  int64
	secrets map[string]string // "admin", "gxj" (市工业和信息化局), "yuelu" (岳麓区人民政府)
	target  map[string]string // section ID -> its first target's ID
}

// testPlan: task 1.1 is led by 市工业和信息化局 with the districts as a
// collective co-unit; task 1.2 names it as co-unit by its alias 市工信局;
// task 1.3 is another unit's.
func testPlan() *plan.Plan {
	target := func(subject string, v float64) []plan.Target {
		return []plan.Target{{Subject: subject, Comparator: plan.GE, Value: v, Unit: "个", Deadline: "2022-12-31", Kind: plan.KindFlow, Quote: "新建" + subject}}
	}
	return &plan.Plan{
		Title: "测试市新型基础设施建设三年行动计划（2020—2022年）", DocNumber: "测政发〔2020〕1号", Issuer: "测试市人民政府",
		Issued: "2020-06-01",
		Sections: []*plan.Section{{ID: "1", Number: "一、", Title: "主要任务", Children: []*plan.Section{
			{ID: "1.1", Number: "（一）", Title: "5G网络", LeadUnits: []string{"市工业和信息化局"}, CoUnits: []string{"各区县市人民政府和园区管委会"}, Targets: target("5G基站", 40000)},
			{ID: "1.2", Number: "（二）", Title: "数据中心", LeadUnits: []string{"市发展改革委"}, CoUnits: []string{"市工信局"}, Targets: target("数据中心机架", 3000)},
			{ID: "1.3", Number: "（三）", Title: "智慧教育", LeadUnits: []string{"市教育局"}, Targets: target("智慧校园", 100)},
		}}},
	}
}

// opener opens an empty store for one test; dir is where its files are
// ("" for a server database).
type opener func(t testing.TB) (st store.Store, dir string)

func openSQLite(t testing.TB) (store.Store, string) {
	t.Helper()
	dir := t.TempDir()
	st, err := sqlite.Open(context.Background(), filepath.Join(dir, "test.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	return st, dir
}

// openPostgres opens a store in a schema of its own on the server
// PLANWATCH_TEST_PG names, dropped when the test ends.
func openPostgres(t testing.TB) (store.Store, string) {
	t.Helper()
	st, err := postgres.Open(context.Background(), pgtest.FreshURL(t, "api"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	return st, ""
}

// eachStore runs test on SQLite, and on PostgreSQL when PLANWATCH_TEST_PG
// is set: the API must behave the same on both.
func eachStore(t *testing.T, test func(*testing.T, opener)) {
	t.Run("sqlite", func(t *testing.T) { test(t, openSQLite) })
	if os.Getenv("PLANWATCH_TEST_PG") != "" {
		t.Run("postgres", func(t *testing.T) { test(t, openPostgres) })
	}
}

func newFixture(t testing.TB, open opener, allowAnonymous bool) *fixture {
	t.Helper()
	ctx := context.Background()
	st, dir := open(t)
	by := store.Actor{Name: "test", Role: store.RoleAdmin}
	rec, _, err := st.ImportPlan(ctx, store.PlanImport{Plan: testPlan(), Source: "测试", SourceName: "test.txt", Scope: "测试市"}, by)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := st.CreateUnit(ctx, "市工业和信息化局", []string{"市工信局"}, by); err != nil {
		t.Fatal(err)
	}
	f := &fixture{st: st, dir: dir, planID: rec.ID, secrets: map[string]string{}, target: map[string]string{}}
	for key, tok := range map[string]store.Token{
		"admin": {Name: "管理员", Role: store.RoleAdmin},
		"gxj":   {Name: "工信局报送", Role: store.RoleReporter, Unit: "市工信局"},
		"yuelu": {Name: "岳麓区报送", Role: store.RoleReporter, Unit: "岳麓区人民政府"},
	} {
		_, secret, err := st.CreateToken(ctx, tok, by)
		if err != nil {
			t.Fatal(err)
		}
		f.secrets[key] = secret
	}
	rows, err := st.ListTargets(ctx, rec.ID)
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range rows {
		if f.target[r.SectionID] == "" {
			f.target[r.SectionID] = r.Target.ID
		}
	}
	if len(f.target) != 3 {
		t.Fatalf("targets by task = %v, want 3 tasks with targets", f.target)
	}
	a := api.New(api.Deps{
		Store: st, Status: status.DefaultConfig(), Logger: slog.New(slog.DiscardHandler), AllowAnonymous: allowAnonymous,
		Parse: planparse.Parse, Decode: planparse.Decode,
	})
	f.handler = server.Chain(a, st, slog.New(slog.DiscardHandler))
	return f
}

// scenario is one request and what a user would notice about the answer.
type scenario struct {
	name       string
	method     string
	path       string // "{plan}" and "{t1.1}" etc. are replaced
	as         string // key into fixture.secrets; "" anonymous; "bogus" a wrong secret
	body       string
	header     map[string]string
	wantStatus int
	want       []string // substrings of the body
	notWant    []string
}

func (f *fixture) expand(s string) string {
	s = strings.ReplaceAll(s, "{plan}", jsonNum(f.planID))
	for sec, id := range f.target {
		s = strings.ReplaceAll(s, "{t"+sec+"}", id)
	}
	return s
}

func jsonNum(n int64) string { b, _ := json.Marshal(n); return string(b) }

func (f *fixture) do(t *testing.T, sc scenario) (int, string) {
	t.Helper()
	req := httptest.NewRequest(sc.method, f.expand(sc.path), strings.NewReader(f.expand(sc.body)))
	if sc.body != "" {
		req.Header.Set("Content-Type", "application/json")
	}
	switch sc.as {
	case "":
	case "bogus":
		req.Header.Set("Authorization", "Bearer pw_not-a-real-secret")
	default:
		req.Header.Set("Authorization", "Bearer "+f.secrets[sc.as])
	}
	for k, v := range sc.header {
		req.Header.Set(k, v)
	}
	rec := httptest.NewRecorder()
	f.handler.ServeHTTP(rec, req)
	return rec.Code, rec.Body.String()
}

func (f *fixture) run(t *testing.T, scenarios []scenario) {
	t.Helper()
	for _, sc := range scenarios {
		t.Run(sc.name, func(t *testing.T) {
			code, body := f.do(t, sc)
			if code != sc.wantStatus {
				t.Errorf("%s %s as %q: status %d, want %d\n%s", sc.method, sc.path, sc.as, code, sc.wantStatus, body)
			}
			for _, w := range sc.want {
				if w = f.expand(w); !strings.Contains(body, w) {
					t.Errorf("body lacks %q:\n%s", w, body)
				}
			}
			for _, w := range sc.notWant {
				if w = f.expand(w); strings.Contains(body, w) {
					t.Errorf("body contains %q:\n%s", w, body)
				}
			}
			if code >= 400 && !strings.Contains(body, `"error"`) {
				t.Errorf("error without the envelope: %s", body)
			}
		})
	}
}

func obsBody(target string, value string) string {
	return `{"plan_id":{plan},"target_id":"` + target + `","kind":"flow","value":` + value + `,"unit":"个","period_start":"2020-01-01","period_end":"2020-12-31","scope":"测试市","source_url":"https://example.gov.cn/a.html","quote":"全年新建` + value + `个"}`
}

func TestReadsAndPermissions(t *testing.T) { eachStore(t, testReadsAndPermissions) }

func testReadsAndPermissions(t *testing.T, open opener) {
	f := newFixture(t, open, true)
	f.run(t, []scenario{
		{name: "anonymous lists plans", method: "GET", path: "/api/plans", wantStatus: 200, want: []string{"测试市新型基础设施建设三年行动计划", `"targets": 3`}},
		{name: "anonymous reads the tree", method: "GET", path: "/api/plans/{plan}", wantStatus: 200, want: []string{`"lead_units"`, "市工业和信息化局", "{t1.1}"}},
		{name: "anonymous reads targets", method: "GET", path: "/api/plans/{plan}/targets", wantStatus: 200, want: []string{"5G基站", "数据中心机架"}},
		{name: "anonymous reads a target", method: "GET", path: "/api/targets/{plan}/{t1.1}?as_of=2021-06-30", wantStatus: 200, want: []string{`"verdict"`, `"no_data"`, `"as_of": "2021-06-30"`}},
		{name: "anonymous lists units", method: "GET", path: "/api/units", wantStatus: 200, want: []string{"市工信局"}},
		{name: "health", method: "GET", path: "/api/healthz", wantStatus: 200, want: []string{"ok"}},
		{name: "unknown plan", method: "GET", path: "/api/plans/9999", wantStatus: 404, want: []string{`"not_found"`}},
		{name: "unknown target", method: "GET", path: "/api/targets/{plan}/9.9-9", wantStatus: 404, want: []string{`"not_found"`, "9.9-9"}},
		{name: "plan id not a number names the parameter", method: "GET", path: "/api/plans/abc", wantStatus: 400, want: []string{"id:"}},
		{name: "bad as_of names the parameter", method: "GET", path: "/api/targets/{plan}/{t1.1}?as_of=2021-13-01", wantStatus: 400, want: []string{"as_of"}},
		{name: "no such route", method: "GET", path: "/api/nothing", wantStatus: 404, want: []string{`"not_found"`}},
		{name: "wrong secret is 401, not anonymous", method: "GET", path: "/api/plans", as: "bogus", wantStatus: 401, want: []string{`"unauthorized"`}},

		{name: "anonymous write", method: "POST", path: "/api/observations", body: obsBody("{t1.1}", "100"), wantStatus: 401, want: []string{`"unauthorized"`}},
		{name: "anonymous plan import", method: "POST", path: "/api/plans", body: `{"text":"x"}`, wantStatus: 401},
		{name: "reporter on a task its unit leads", method: "POST", path: "/api/observations", as: "gxj", body: obsBody("{t1.1}", "12000"), wantStatus: 201, want: []string{`"id"`, `"reported_by": "市工业和信息化局"`}},
		{name: "reporter on a task it co-leads under an alias", method: "POST", path: "/api/observations", as: "gxj", body: obsBody("{t1.2}", "800"), wantStatus: 201},
		{name: "reporter on another unit's task", method: "POST", path: "/api/observations", as: "gxj", body: obsBody("{t1.3}", "5"), wantStatus: 403, want: []string{`"forbidden"`, "市教育局"}},
		{name: "a district is not 各区县市人民政府和园区管委会", method: "POST", path: "/api/observations", as: "yuelu", body: obsBody("{t1.1}", "300"), wantStatus: 403},
		{name: "reporter context on its own task", method: "POST", path: "/api/observations", as: "gxj", body: `{"plan_id":{plan},"section_id":"1.1","kind":"event","period_end":"2020-09-01","quote":"首批5G基站开通"}`, wantStatus: 201},
		{name: "reporter context for the whole plan", method: "POST", path: "/api/observations", as: "gxj", body: `{"plan_id":{plan},"kind":"event","period_end":"2020-09-01","quote":"x"}`, wantStatus: 403},
		{name: "admin on any task", method: "POST", path: "/api/observations", as: "admin", body: obsBody("{t1.3}", "5"), wantStatus: 201},
		{name: "the reported figure counts", method: "GET", path: "/api/targets/{plan}/{t1.1}?as_of=2021-01-31", wantStatus: 200, want: []string{"12000", `"used"`}, notWant: []string{`"no_data"`}},
		{name: "reporter cannot add units", method: "POST", path: "/api/units", as: "gxj", body: `{"name":"市教育局"}`, wantStatus: 403},
		{name: "reporter cannot read the audit log", method: "GET", path: "/api/audit", as: "gxj", wantStatus: 403},
		{name: "reporter cannot list tokens", method: "GET", path: "/api/tokens", as: "gxj", wantStatus: 403},
		{name: "reporter cannot import plans", method: "POST", path: "/api/plans", as: "gxj", body: `{"text":"x"}`, wantStatus: 403},
		{name: "anonymous cannot read the audit log", method: "GET", path: "/api/audit", wantStatus: 401},
	})
}

func TestBatchIsAllOrNothing(t *testing.T) { eachStore(t, testBatchIsAllOrNothing) }

func testBatchIsAllOrNothing(t *testing.T, open opener) {
	f := newFixture(t, open, true)
	mixed := "[" + obsBody("{t1.1}", "1") + "," + obsBody("{t1.3}", "2") + "]"
	f.run(t, []scenario{
		{name: "one forbidden row refuses the batch", method: "POST", path: "/api/observations", as: "gxj", body: mixed, wantStatus: 403, want: []string{"[1]."}},
		{name: "nothing was stored", method: "GET", path: "/api/observations?plan_id={plan}", wantStatus: 200, want: []string{`"observations": []`}},
		{name: "a valid batch", method: "POST", path: "/api/observations", as: "admin", body: mixed, wantStatus: 201},
		{name: "both stored", method: "GET", path: "/api/observations?plan_id={plan}&target_id={t1.3}", wantStatus: 200, want: []string{`"value": 2`}},
	})
}

func TestValidationNamesTheField(t *testing.T) { eachStore(t, testValidationNamesTheField) }

func testValidationNamesTheField(t *testing.T, open opener) {
	f := newFixture(t, open, true)
	good := obsBody("{t1.1}", "1")
	f.run(t, []scenario{
		{name: "value of the wrong type", method: "POST", path: "/api/observations", as: "admin", body: strings.Replace(good, `"value":1`, `"value":"一万"`, 1), wantStatus: 400, want: []string{"value"}},
		{name: "plan_id of the wrong type", method: "POST", path: "/api/observations", as: "admin", body: strings.Replace(good, `"plan_id":{plan}`, `"plan_id":"x"`, 1), wantStatus: 400, want: []string{"plan_id"}},
		{name: "unknown field", method: "POST", path: "/api/observations", as: "admin", body: strings.Replace(good, `"unit"`, `"colour":"red","unit"`, 1), wantStatus: 400, want: []string{"colour"}},
		{name: "bad date", method: "POST", path: "/api/observations", as: "admin", body: strings.Replace(good, `"period_end":"2020-12-31"`, `"period_end":"2020年底"`, 1), wantStatus: 400, want: []string{"period_end"}},
		{name: "end before start", method: "POST", path: "/api/observations", as: "admin", body: strings.Replace(good, `"period_end":"2020-12-31"`, `"period_end":"2019-12-31"`, 1), wantStatus: 400, want: []string{"period_end"}},
		{name: "unknown kind", method: "POST", path: "/api/observations", as: "admin", body: strings.Replace(good, `"kind":"flow"`, `"kind":"guess"`, 1), wantStatus: 400, want: []string{"kind"}},
		{name: "figure without value", method: "POST", path: "/api/observations", as: "admin", body: strings.Replace(good, `"value":1,`, ``, 1), wantStatus: 400, want: []string{"value"}},
		{name: "no evidence", method: "POST", path: "/api/observations", as: "admin", body: `{"plan_id":{plan},"target_id":"{t1.1}","kind":"stock","value":1,"period_end":"2020-12-31"}`, wantStatus: 400, want: []string{"source_url"}},
		{name: "unknown target", method: "POST", path: "/api/observations", as: "admin", body: strings.Replace(good, `"target_id":"{t1.1}"`, `"target_id":"7.7-7"`, 1), wantStatus: 400, want: []string{"target_id"}},
		{name: "unknown plan", method: "POST", path: "/api/observations", as: "admin", body: strings.Replace(good, `"plan_id":{plan}`, `"plan_id":424242`, 1), wantStatus: 400, want: []string{"plan_id"}},
		{name: "broken JSON", method: "POST", path: "/api/observations", as: "admin", body: `{"plan_id":1,`, wantStatus: 400, want: []string{"JSON"}},
		{name: "empty body", method: "POST", path: "/api/observations", as: "admin", body: ``, wantStatus: 400},
		{name: "two values in one body", method: "POST", path: "/api/observations", as: "admin", body: good + good, wantStatus: 400},
		{name: "batch position in the message", method: "POST", path: "/api/observations", as: "admin", body: "[" + good + "," + strings.Replace(good, `"kind":"flow"`, `"kind":""`, 1) + "]", wantStatus: 400, want: []string{"[1].kind"}},
		{name: "token role", method: "POST", path: "/api/tokens", as: "admin", body: `{"name":"x","role":"boss"}`, wantStatus: 400, want: []string{"role"}},
		{name: "reporter token without unit", method: "POST", path: "/api/tokens", as: "admin", body: `{"name":"x","role":"reporter"}`, wantStatus: 400, want: []string{"unit"}},
		{name: "reporter token for a collective unit", method: "POST", path: "/api/tokens", as: "admin", body: `{"name":"x","role":"reporter","unit":"各区县市人民政府和园区管委会"}`, wantStatus: 400, want: []string{"unit"}},
		{name: "unit without name", method: "POST", path: "/api/units", as: "admin", body: `{"name":"  "}`, wantStatus: 400, want: []string{"name"}},
		{name: "audit limit", method: "GET", path: "/api/audit?limit=0", as: "admin", wantStatus: 400, want: []string{"limit"}},
	})
}

func TestCorrectionKeepsBoth(t *testing.T) { eachStore(t, testCorrectionKeepsBoth) }

func testCorrectionKeepsBoth(t *testing.T, open opener) {
	f := newFixture(t, open, true)
	code, body := f.do(t, scenario{method: "POST", path: "/api/observations", as: "gxj", body: obsBody("{t1.1}", "12000")})
	if code != 201 {
		t.Fatalf("create: %d %s", code, body)
	}
	var created struct{ Observations []plan.Observation }
	if err := json.Unmarshal([]byte(body), &created); err != nil || len(created.Observations) != 1 {
		t.Fatalf("create answer %s: %v", body, err)
	}
	oldID := jsonNum(created.Observations[0].ID)
	correction := `{"kind":"flow","value":12500,"unit":"个","period_start":"2020-01-01","period_end":"2020-12-31","scope":"测试市","quote":"更正：全年新建12500个","note":"统计口径更正"}`
	f.run(t, []scenario{
		{name: "another unit cannot correct it", method: "POST", path: "/api/observations/" + oldID + "/supersede", as: "yuelu", body: correction, wantStatus: 403},
		{name: "the reporting unit corrects it", method: "POST", path: "/api/observations/" + oldID + "/supersede", as: "gxj", body: correction, wantStatus: 201, want: []string{`"supersedes": ` + oldID, "12500", `"target_id": "{t1.1}"`}},
		{name: "correcting it twice is a conflict", method: "POST", path: "/api/observations/" + oldID + "/supersede", as: "gxj", body: correction, wantStatus: 409},
		{name: "both are kept", method: "GET", path: "/api/observations?plan_id={plan}&target_id={t1.1}&include_superseded=true", wantStatus: 200, want: []string{"12000", "12500", `"superseded_by"`}},
		{name: "the default list shows the correction only", method: "GET", path: "/api/observations?plan_id={plan}&target_id={t1.1}", wantStatus: 200, want: []string{"12500"}, notWant: []string{`"value": 12000`}},
		{name: "the target shows both, counting the correction", method: "GET", path: "/api/targets/{plan}/{t1.1}?as_of=2021-01-31", wantStatus: 200, want: []string{`"counted": 12500`, `"value": 12000`}},
		{name: "unknown observation", method: "POST", path: "/api/observations/99999/supersede", as: "admin", body: correction, wantStatus: 404},
	})
}

func TestEveryWriteIsAudited(t *testing.T) { eachStore(t, testEveryWriteIsAudited) }

func testEveryWriteIsAudited(t *testing.T, open opener) {
	f := newFixture(t, open, true)
	writes := []scenario{
		{name: "observation", method: "POST", path: "/api/observations", as: "gxj", body: obsBody("{t1.1}", "100"), wantStatus: 201},
		{name: "unit", method: "POST", path: "/api/units", as: "admin", body: `{"name":"市教育局","aliases":["教育局"]}`, wantStatus: 201},
		{name: "token", method: "POST", path: "/api/tokens", as: "admin", body: `{"name":"教育局报送","role":"reporter","unit":"教育局"}`, wantStatus: 201, want: []string{`"unit": "市教育局"`, `"secret"`}},
		{name: "plan", method: "POST", path: "/api/plans", as: "admin", body: `{"text":"某市数字经济行动计划\n一、主要任务\n（一）建设数据中心。到2022年，新建数据中心机架2000个。（责任单位：市发展改革委）","name":"b.txt"}`, wantStatus: 201, want: []string{"某市数字经济行动计划", `"created": true`, "2000"}},
		{name: "same plan again is not a new plan", method: "POST", path: "/api/plans", as: "admin", body: `{"text":"某市数字经济行动计划\n一、主要任务\n（一）建设数据中心。到2022年，新建数据中心机架2000个。（责任单位：市发展改革委）","name":"b.txt"}`, wantStatus: 200, want: []string{`"created": false`}},
		{name: "empty plan", method: "POST", path: "/api/plans", as: "admin", body: `{"text":"  ","name":"c.txt"}`, wantStatus: 400, want: []string{"text"}},
		{name: "text that is no plan", method: "POST", path: "/api/plans", as: "admin", body: `{"text":"今天天气很好。","name":"bad.txt"}`, wantStatus: 400, want: []string{"bad.txt"}},
	}
	f.run(t, writes)

	code, body := f.do(t, scenario{method: "GET", path: "/api/observations?plan_id={plan}&target_id={t1.1}"})
	var list struct{ Observations []plan.Observation }
	if code != 200 || json.Unmarshal([]byte(body), &list) != nil || len(list.Observations) != 1 {
		t.Fatalf("list: %d %s", code, body)
	}
	obsID := jsonNum(list.Observations[0].ID)
	f.run(t, []scenario{
		{name: "correction", method: "POST", path: "/api/observations/" + obsID + "/supersede", as: "admin", body: `{"kind":"flow","value":90,"period_start":"2020-01-01","period_end":"2020-12-31","quote":"q"}`, wantStatus: 201},
	})

	code, body = f.do(t, scenario{method: "GET", path: "/api/audit?limit=1000", as: "admin"})
	if code != 200 {
		t.Fatalf("audit: %d %s", code, body)
	}
	var audit struct{ Audit []store.AuditEntry }
	if err := json.Unmarshal([]byte(body), &audit); err != nil {
		t.Fatal(err)
	}
	byAction := map[string]store.AuditEntry{}
	for _, e := range audit.Audit {
		if e.Actor != "test" { // the fixture's own set-up
			byAction[e.Action] = e
		}
	}
	for _, action := range []string{"observation.create", "unit.create", "token.create", "plan.import", "observation.supersede"} {
		e, ok := byAction[action]
		if !ok {
			t.Errorf("no audit entry for %s; have %v", action, keys(byAction))
			continue
		}
		if len(e.After) == 0 || string(e.After) == "null" {
			t.Errorf("%s: audit entry without the state after", action)
		}
		if e.Actor == "" || e.Actor == "anonymous" {
			t.Errorf("%s: audit actor %q", action, e.Actor)
		}
	}
	if e := byAction["observation.supersede"]; len(e.Before) == 0 || !strings.Contains(string(e.Before), "100") {
		t.Errorf("supersede audit entry lacks the state before: %s", e.Before)
	}
	if e := byAction["observation.create"]; !strings.HasPrefix(e.Actor, "工信局报送") {
		t.Errorf("observation.create actor = %q, want the reporter token's name", e.Actor)
	}
}

func keys[V any](m map[string]V) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	return out
}

func TestTokensAreStoredHashed(t *testing.T) {
	f := newFixture(t, openSQLite, true)
	code, body := f.do(t, scenario{method: "POST", path: "/api/tokens", as: "admin", body: `{"name":"新管理员","role":"admin"}`})
	if code != 201 {
		t.Fatalf("create token: %d %s", code, body)
	}
	var created struct {
		Token  store.Token
		Secret string
	}
	if err := json.Unmarshal([]byte(body), &created); err != nil || len(created.Secret) < 20 {
		t.Fatalf("create token answer %s: %v", body, err)
	}
	// The new secret works...
	f.secrets["new"] = created.Secret
	f.run(t, []scenario{{name: "new token works", method: "GET", path: "/api/tokens", as: "new", wantStatus: 200, want: []string{"新管理员"}, notWant: []string{created.Secret}}})
	// ...and appears nowhere on disk, in the database or its WAL, nor in the audit log.
	files, _ := filepath.Glob(filepath.Join(f.dir, "*"))
	if len(files) == 0 {
		t.Fatal("no database files found")
	}
	for _, name := range files {
		b, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		for key, secret := range f.secrets {
			if bytes.Contains(b, []byte(secret)) {
				t.Errorf("%s contains the %s token's secret", filepath.Base(name), key)
			}
		}
	}
	_, audit := f.do(t, scenario{method: "GET", path: "/api/audit", as: "admin"})
	if strings.Contains(audit, created.Secret) {
		t.Error("the audit log contains a secret")
	}
	// Revoked, it stops working at once.
	f.run(t, []scenario{
		{name: "revoke", method: "DELETE", path: "/api/tokens/" + jsonNum(created.Token.ID), as: "admin", wantStatus: 204},
		{name: "revoked token", method: "GET", path: "/api/plans", as: "new", wantStatus: 401},
		{name: "revoke unknown", method: "DELETE", path: "/api/tokens/4242", as: "admin", wantStatus: 404},
	})
}

func TestAnonymousAccessOff(t *testing.T) { eachStore(t, testAnonymousAccessOff) }

func testAnonymousAccessOff(t *testing.T, open opener) {
	f := newFixture(t, open, false)
	f.run(t, []scenario{
		{name: "anonymous read refused", method: "GET", path: "/api/plans", wantStatus: 401, want: []string{`"unauthorized"`}},
		{name: "anonymous target refused", method: "GET", path: "/api/targets/{plan}/{t1.1}", wantStatus: 401},
		{name: "reporter reads", method: "GET", path: "/api/plans", as: "gxj", wantStatus: 200},
		{name: "health stays open for monitors", method: "GET", path: "/api/healthz", wantStatus: 200},
	})
}

func TestOversizeBody(t *testing.T) { eachStore(t, testOversizeBody) }

func testOversizeBody(t *testing.T, open opener) {
	f := newFixture(t, open, true)
	big := `{"plan_id":1,"quote":"` + strings.Repeat("长", 400_000) + `"}` // 1.2 MB
	f.run(t, []scenario{
		{name: "observation over 1 MB", method: "POST", path: "/api/observations", as: "admin", body: big, wantStatus: 413},
		{name: "plan text under 10 MB is read", method: "POST", path: "/api/plans", as: "admin", body: `{"text":"大计划\n一、任务\n` + strings.Repeat("长", 1_000_000) + `","name":"big.txt"}`, wantStatus: 201},
	})
}

func TestCSRFOnCookieWrites(t *testing.T) { eachStore(t, testCSRFOnCookieWrites) }

func testCSRFOnCookieWrites(t *testing.T, open opener) {
	f := newFixture(t, open, true)
	// A browser post from another site carries no bearer token; the
	// cross-origin check refuses it before anything is read.
	f.run(t, []scenario{
		{name: "cross-site post", method: "POST", path: "/api/observations", as: "admin", body: obsBody("{t1.1}", "1"), header: map[string]string{"Sec-Fetch-Site": "cross-site"}, wantStatus: 403},
	})
}

func TestRouteShapes(t *testing.T) { eachStore(t, testRouteShapes) }

func testRouteShapes(t *testing.T, open opener) {
	f := newFixture(t, open, true)
	f.run(t, []scenario{
		{name: "export of an unknown format", method: "GET", path: "/api/plans/{plan}/export.pdf", wantStatus: 404},
		{name: "method not allowed", method: "PUT", path: "/api/plans", wantStatus: 405, want: []string{"GET, HEAD, POST"}},
	})
	_ = io.Discard
}

// TestImportRealPlan uploads the Changsha plan as a GB18030 file, the way
// a Windows user's Notepad saves it, and reads its targets back.
func TestImportRealPlan(t *testing.T) { eachStore(t, testImportRealPlan) }

func testImportRealPlan(t *testing.T, open opener) {
	f := newFixture(t, open, true)
	text, err := os.ReadFile("../../../shared/plans/changsha_xinjijian_2020.txt")
	if err != nil {
		t.Skipf("shared plans not beside the repository: %v", err)
	}
	gbk, err := simplifiedchinese.GB18030.NewEncoder().Bytes(text)
	if err != nil {
		t.Fatal(err)
	}
	req := httptest.NewRequest("POST", "/api/plans?name=changsha.txt&scope=长沙市", bytes.NewReader(gbk))
	req.Header.Set("Content-Type", "text/plain")
	req.Header.Set("Authorization", "Bearer "+f.secrets["admin"])
	rec := httptest.NewRecorder()
	f.handler.ServeHTTP(rec, req)
	if rec.Code != 201 {
		t.Fatalf("upload: %d %s", rec.Code, rec.Body.String())
	}
	var got struct {
		Plan store.PlanRecord
	}
	if err := json.Unmarshal(rec.Body.Bytes(), &got); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(got.Plan.Plan.Title, "长沙") || got.Plan.Scope != "长沙市" {
		t.Errorf("title %q scope %q", got.Plan.Plan.Title, got.Plan.Scope)
	}
	f.run(t, []scenario{
		{name: "its tree, read from GB18030", method: "GET", path: "/api/plans/" + jsonNum(got.Plan.ID), wantStatus: 200, want: []string{"市工业和信息化局", "5G", "中国铁塔长沙分公司"}},
		{name: "its targets", method: "GET", path: "/api/plans/" + jsonNum(got.Plan.ID) + "/targets", wantStatus: 200, want: []string{`"targets"`}},
	})
}

func TestStatusLedgers(t *testing.T) { eachStore(t, testStatusLedgers) }

func testStatusLedgers(t *testing.T, open opener) {
	f := newFixture(t, open, true)
	f.run(t, []scenario{
		{name: "a figure for 5G", method: "POST", path: "/api/observations", as: "gxj", body: obsBody("{t1.1}", "30000"), wantStatus: 201},
		{name: "plan ledger as of a date", method: "GET", path: "/api/plans/{plan}/status?as_of=2021-01-31", wantStatus: 200, want: []string{`"as_of": "2021-01-31"`, `"rows"`, "{t1.1}", "30000", `"no_data"`, `"units"`}},
		{name: "plan ledger filtered by unit", method: "GET", path: "/api/plans/{plan}/status?as_of=2021-01-31&unit=市教育局", wantStatus: 200, want: []string{"{t1.3}"}, notWant: []string{`"target_id": "{t1.1}"`}},
		{name: "ledger of an unknown plan", method: "GET", path: "/api/plans/777/status", wantStatus: 404},
		{name: "ledger with a bad date", method: "GET", path: "/api/plans/{plan}/status?as_of=yesterday", wantStatus: 400, want: []string{"as_of"}},
		{name: "unit status by alias", method: "GET", path: "/api/units/市工信局/status?as_of=2021-01-31", wantStatus: 200, want: []string{`"unit": "市工业和信息化局"`, "{t1.1}", "{t1.2}"}, notWant: []string{`"target_id": "{t1.3}"`}},
		{name: "unit status of an unknown unit", method: "GET", path: "/api/units/不存在局/status", wantStatus: 404},
	})
}

func TestExports(t *testing.T) { eachStore(t, testExports) }

func testExports(t *testing.T, open opener) {
	f := newFixture(t, open, true)
	f.run(t, []scenario{
		{name: "a figure", method: "POST", path: "/api/observations", as: "gxj", body: obsBody("{t1.1}", "30000"), wantStatus: 201},
		{name: "csv", method: "GET", path: "/api/plans/{plan}/export.csv?as_of=2021-01-31", wantStatus: 200, want: []string{"\ufeff", "5G基站", "30000", "市工业和信息化局"}},
		{name: "json", method: "GET", path: "/api/plans/{plan}/export.json?as_of=2021-01-31", wantStatus: 200, want: []string{`"as_of": "2021-01-31"`, "{t1.1}"}},
		{name: "english csv", method: "GET", path: "/api/plans/{plan}/export.csv?as_of=2021-01-31&lang=en", wantStatus: 200, want: []string{"30000"}},
		{name: "unknown language", method: "GET", path: "/api/plans/{plan}/export.csv?lang=fr", wantStatus: 400, want: []string{"lang"}},
		{name: "export of an unknown plan", method: "GET", path: "/api/plans/4040/export.csv", wantStatus: 404},
	})
	req := httptest.NewRequest("GET", f.expand("/api/plans/{plan}/export.xlsx?as_of=2021-01-31"), nil)
	rec := httptest.NewRecorder()
	f.handler.ServeHTTP(rec, req)
	if rec.Code != 200 || !bytes.HasPrefix(rec.Body.Bytes(), []byte("PK")) {
		t.Fatalf("xlsx: %d, starts %q; want a zip (xlsx) file", rec.Code, rec.Body.Bytes()[:min(8, rec.Body.Len())])
	}
	if ct := rec.Header().Get("Content-Type"); !strings.Contains(ct, "spreadsheetml") {
		t.Errorf("xlsx Content-Type %q", ct)
	}
	if cd := rec.Header().Get("Content-Disposition"); !strings.Contains(cd, "attachment") || !strings.Contains(cd, "2021-01-31") {
		t.Errorf("xlsx Content-Disposition %q", cd)
	}
}
