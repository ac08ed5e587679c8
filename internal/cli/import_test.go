package cli

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/text/encoding/simplifiedchinese"

	"github.com/planwatch/planwatch/internal/demo"
	"github.com/planwatch/planwatch/internal/store"
)

func TestImportPlanTwice(t *testing.T) {
	db, planFile := testDB(t)
	out := mustRun(t, "import", "plan", planFile, "--db", db)
	for _, want := range []string{"计划 1", "长政办发〔2020〕23号", "长沙市", "targets", "milestones"} {
		if !strings.Contains(out, want) {
			t.Errorf("first import output lacks %q:\n%s", want, out)
		}
	}
	ctx := context.Background()
	before, err := inspect(t, db).ListAudit(ctx, store.AuditFilter{})
	if err != nil {
		t.Fatal(err)
	}

	out = mustRun(t, "import", "plan", "--db", db, planFile)
	if !strings.Contains(out, "已存在，未更改") || !strings.Contains(out, "计划 1") {
		t.Errorf("second import output:\n%s", out)
	}
	st := inspect(t, db)
	plans, _ := st.ListPlans(ctx)
	after, _ := st.ListAudit(ctx, store.AuditFilter{})
	if len(plans) != 1 || len(after) != len(before) {
		t.Errorf("second import changed the database: %d plans, audit %d -> %d entries", len(plans), len(before), len(after))
	}
}

func TestImportPlanErrors(t *testing.T) {
	db, _ := testDB(t)
	empty := filepath.Join(t.TempDir(), "empty.txt")
	os.WriteFile(empty, nil, 0o644)
	notPlan := writeFile(t, "letter.txt", "各位同事：\n明天下午三点开会，请准时参加。\n")
	for _, c := range []struct {
		args []string
		code int
		want string
	}{
		{[]string{"import", "plan", "--db", db}, 2, "want one plan file"},
		{[]string{"import", "plan", "--db", db, "/no/such/plan.txt"}, 1, "no such file"},
		{[]string{"import", "plan", "--db", db, empty}, 1, "empty.txt"},
		{[]string{"import", "plan", "--db", db, notPlan}, 1, "letter.txt: invalid: no numbered tasks, targets or milestones found"},
		{[]string{"import", "thing"}, 2, `unknown import kind "thing"`},
		{[]string{"import", "plan", "--bogus"}, 2, "flag provided but not defined"},
	} {
		code, _, errs := runCLI(t, c.args...)
		if code != c.code || !strings.Contains(errs, c.want) {
			t.Errorf("%v: exit %d %q; want exit %d with %q", c.args, code, errs, c.code, c.want)
		}
	}
}

const obsHeader = "target,task,subject,value,unit,period_start,period_end,kind,scope,source_url,quote\n"

func writeFile(t *testing.T, name, text string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestImportObservationsAllOrNothing(t *testing.T) {
	db, planFile := testDB(t)
	mustRun(t, "import", "plan", planFile, "--db", db)
	ctx := context.Background()

	bad := writeFile(t, "report.csv", obsHeader+
		"2.1.1-1,,,30490,个,2020-01-01,2020-11-30,flow,长沙市,http://example.cn/1,完成5G基站建设30490个\n"+
		",2.1.2,工业APP,>20000,个,,2022-09-16,stock,长沙市,http://example.cn/2,工业APP数量突破2万个\n"+
		"2.1.1-1,,,很多,个,,2021-12-31,flow,长沙市,http://example.cn/3,\n")
	code, _, errs := runCLI(t, "import", "observations", bad, "--plan", "1", "--db", db)
	if code != 1 || !strings.Contains(errs, "report.csv line 4 column 4 (value)") || !strings.Contains(errs, "nothing stored") {
		t.Fatalf("bad file: exit %d, stderr %q; want the line, column and that nothing was stored", code, errs)
	}
	if obs, _ := inspect(t, db).ListObservations(ctx, store.ObservationFilter{PlanID: 1}); len(obs) != 0 {
		t.Fatalf("a rejected file stored %d observations", len(obs))
	}

	unknown := writeFile(t, "report.csv", obsHeader+"9.9.9-1,,,1,个,,2021-12-31,stock,长沙市,http://example.cn/4,\n")
	if code, _, errs := runCLI(t, "import", "observations", unknown, "--plan", "1", "--db", db); code != 1 || !strings.Contains(errs, "line 2 column 1 (target): target 9.9.9-1 is not in plan 1") {
		t.Errorf("unknown target: exit %d %q", code, errs)
	}

	good := writeFile(t, "report.csv", obsHeader+
		"2.1.1-1,,,30490,个,2020-01-01,2020-11-30,flow,长沙市,http://example.cn/1,完成5G基站建设30490个\n"+
		",,,投运,,,2021-12-26,event,,http://example.cn/5,\n")
	if out := mustRun(t, "import", "observations", good, "--plan", "1", "--db", db, "--check"); !strings.Contains(out, "检查通过") {
		t.Errorf("--check output: %s", out)
	}
	if obs, _ := inspect(t, db).ListObservations(ctx, store.ObservationFilter{PlanID: 1}); len(obs) != 0 {
		t.Fatalf("--check stored %d observations", len(obs))
	}
	out := mustRun(t, "import", "observations", good, "--plan", "1", "--db", db)
	if !strings.Contains(out, "已导入 2 条观测") {
		t.Errorf("good file output: %s", out)
	}
	obs, _ := inspect(t, db).ListObservations(ctx, store.ObservationFilter{PlanID: 1})
	if len(obs) != 2 || obs[0].CreatedBy == "" {
		t.Errorf("stored %+v", obs)
	}

	// The same report again is refused, naming the line and the stored observation.
	code, _, errs = runCLI(t, "import", "observations", good, "--plan", "1", "--db", db)
	if code != 1 || !strings.Contains(errs, "line 2: the same figure as observation 1 already stored") {
		t.Errorf("re-import of the same file: exit %d %q", code, errs)
	}
	twice := writeFile(t, "twice.csv", obsHeader+
		"2.1.1-1,,,100,个,2021-01-01,2021-01-31,flow,长沙市,http://example.cn/9,\n"+
		"2.1.1-1,,,100,个,2021-01-01,2021-01-31,flow,长沙市,http://example.cn/9,\n")
	if code, _, errs := runCLI(t, "import", "observations", twice, "--plan", "1", "--db", db); code != 1 || !strings.Contains(errs, "twice.csv line 3: the same figure as line 2") {
		t.Errorf("a row repeated within the file: exit %d %q", code, errs)
	}
	if obs, _ := inspect(t, db).ListObservations(ctx, store.ObservationFilter{PlanID: 1}); len(obs) != 2 {
		t.Errorf("refused duplicates stored something: %d observations", len(obs))
	}
	mustRun(t, "import", "observations", twice, "--plan", "1", "--db", db, "--allow-duplicates")

	if code, _, errs := runCLI(t, "import", "observations", good, "--db", db); code != 2 || !strings.Contains(errs, "--plan") {
		t.Errorf("no --plan: exit %d %q", code, errs)
	}
	if code, _, errs := runCLI(t, "import", "observations", good, "--plan", "7", "--db", db); code != 1 || !strings.Contains(errs, "plan 7") {
		t.Errorf("unknown plan: exit %d %q", code, errs)
	}
}

// Plans without a 文号 are told apart by their text, GB18030 files included.
func TestImportPlansWithoutDocNumber(t *testing.T) {
	db, _ := testDB(t)
	a := writeFile(t, "a.txt", "甲市数据中心建设实施方案\n\n一、主要任务\n\n1. 建设数据中心\n\n到2022年，新建数据中心3个。（责任单位：市数据资源局）\n")
	gbText, err := simplifiedchinese.GB18030.NewEncoder().String("乙市充电设施建设实施方案\n\n一、主要任务\n\n1. 建设充电桩\n\n到2022年，新建充电桩500个。（责任单位：市发展改革委）\n")
	if err != nil {
		t.Fatal(err)
	}
	b := writeFile(t, "b.txt", gbText)
	mustRun(t, "import", "plan", a, "--db", db)
	out := mustRun(t, "import", "plan", b, "--db", db)
	if !strings.Contains(out, "计划 2") || !strings.Contains(out, "乙市充电设施建设实施方案") {
		t.Errorf("second plan without 文号 (GB18030):\n%s", out)
	}
	if out := mustRun(t, "import", "plan", b, "--db", db); !strings.Contains(out, "已存在") {
		t.Errorf("the GB18030 plan again:\n%s", out)
	}
	rec, err := inspect(t, db).FindPlanByID(context.Background(), 2)
	if err != nil || !strings.Contains(rec.Source, "新建充电桩500个") {
		t.Errorf("stored source is not the decoded text: %q, %v", rec.Source, err)
	}
}

// --replace takes a corrected text of the same plan (same 文号) and keeps
// the figures already reported against targets that still match.
func TestImportPlanReplace(t *testing.T) {
	db := statusDB(t)
	dir := t.TempDir()
	revised := filepath.Join(dir, "changsha_revised.txt")
	text := strings.Replace(string(mustRead(t, filepath.Join(filepath.Dir(db), "changsha.txt"))), "新建5G基站4万个以上", "新建5G基站5万个以上", 1)
	if err := os.WriteFile(revised, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	if out := mustRun(t, "import", "plan", revised, "--db", db); !strings.Contains(out, "已存在") {
		t.Fatalf("without --replace a revised text of the same 文号 must change nothing:\n%s", out)
	}
	out := mustRun(t, "import", "plan", revised, "--db", db, "--replace")
	if !strings.Contains(out, "已替换") || !strings.Contains(out, "计划 1") {
		t.Fatalf("--replace output:\n%s", out)
	}
	status := mustRun(t, "status", "--db", db, "--as-of", "2022-12-31")
	if !strings.Contains(status, "新建5G基站5万个以上") || !strings.Contains(status, "30490个") || !strings.Contains(status, "61.0%") {
		t.Errorf("after --replace the 5G target is 5万 and keeps its 30490 (61.0%%):\n%s", status)
	}
}

func mustRead(t *testing.T, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// BenchmarkImportObservations10k runs "planwatch import observations" on
// a 10,000-row CSV into a fresh SQLite database: reading, checking the
// rows and duplicates, and the one all-or-nothing write.
func BenchmarkImportObservations10k(b *testing.B) {
	dir := b.TempDir()
	planFile := filepath.Join(dir, "changsha.txt")
	os.WriteFile(planFile, demo.PlanFile, 0o644)
	var sb strings.Builder
	sb.WriteString("target,value,unit,period_start,period_end,kind,scope,source_url,quote,reported_by\n")
	for i := range 10000 {
		m := 1 + i%12
		fmt.Fprintf(&sb, "2.1.1-1,%d,个,2021-%02d-01,2021-%02d-28,flow,长沙市,http://example.cn/r/%d,第%d条,市工业和信息化局\n", 1+i%500, m, m, i, i)
	}
	csvFile := filepath.Join(dir, "obs.csv")
	os.WriteFile(csvFile, []byte(sb.String()), 0o644)
	var out, errb bytes.Buffer
	ctx := context.Background()
	for i := 0; b.Loop(); i++ {
		b.StopTimer()
		db := filepath.Join(dir, fmt.Sprintf("b%d.db", i))
		if code := Main(ctx, []string{"import", "plan", planFile, "--db", db}, nil, &out, &errb); code != 0 {
			b.Fatal(errb.String())
		}
		b.StartTimer()
		if code := Main(ctx, []string{"import", "observations", csvFile, "--plan", "1", "--db", db}, nil, &out, &errb); code != 0 {
			b.Fatal(errb.String())
		}
	}
	b.ReportMetric(float64(10000*b.N)/b.Elapsed().Seconds(), "rows/s")
}
