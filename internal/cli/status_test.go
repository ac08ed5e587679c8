package cli

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/planwatch/planwatch/internal/ledger"
	"github.com/planwatch/planwatch/internal/status"
)

// statusDB has the Changsha plan and one Changsha-wide 5G flow.
func statusDB(t *testing.T) string {
	t.Helper()
	db, planFile := testDB(t)
	mustRun(t, "import", "plan", planFile, "--db", db)
	obs := writeFile(t, "obs.csv", obsHeader+
		"2.1.1-1,,,30490,个,2020-01-01,2020-11-30,flow,长沙市,http://example.cn/1,完成5G基站建设30490个\n")
	mustRun(t, "import", "observations", obs, "--plan", "1", "--db", db)
	return db
}

func TestStatusAsOf(t *testing.T) {
	db := statusDB(t)
	end := mustRun(t, "status", "--db", db, "--as-of", "2022-12-31")
	early := mustRun(t, "status", "--db", db, "--as-of", "2020-12-31")
	line := func(out string) string {
		for _, l := range strings.Split(out, "\n") {
			if strings.HasPrefix(l, "2.1.1-1 ") {
				return l
			}
		}
		t.Fatalf("no row for 2.1.1-1 in\n%s", out)
		return ""
	}
	if l := line(end); !strings.Contains(l, "30490个") || !strings.Contains(l, "76.2%") || !strings.Contains(l, statusLabels[status.Missed]) {
		t.Errorf("as of 2022-12-31, 30490 of 40000 at the deadline is missed: %s", l)
	}
	if l := line(early); !strings.Contains(l, "30490个") || strings.Contains(l, statusLabels[status.Missed]) || !strings.Contains(l, statusLabels[status.Achieved]+"") && !strings.Contains(l, statusLabels[status.OnTrack]) {
		t.Errorf("as of 2020-12-31 the same figure is ahead of schedule: %s", l)
	}
	for _, want := range []string{"截至 2022-12-31", "汇总", "共 ", "市工业和信息化局"} {
		if !strings.Contains(end, want) {
			t.Errorf("status output lacks %q", want)
		}
	}
}

func TestStatusJSONAndUnitFilter(t *testing.T) {
	db := statusDB(t)
	var l ledger.Ledger
	if err := json.Unmarshal([]byte(mustRun(t, "status", "--db", db, "--as-of", "2021-06-30", "--json")), &l); err != nil {
		t.Fatal(err)
	}
	if l.AsOf != "2021-06-30" || len(l.Rows) == 0 || l.Plan.Total != len(l.Rows) {
		t.Errorf("json ledger: as_of %s, %d rows, total %d", l.AsOf, len(l.Rows), l.Plan.Total)
	}
	all := len(l.Rows)
	var edu ledger.Ledger
	json.Unmarshal([]byte(mustRun(t, "status", "--db", db, "--unit", "市教育局", "--json")), &edu)
	if len(edu.Rows) == 0 || len(edu.Rows) >= all {
		t.Errorf("--unit 市教育局: %d of %d rows", len(edu.Rows), all)
	}
	for _, r := range edu.Rows {
		if !strings.Contains(strings.Join(append(r.LeadUnits, r.CoUnits...), ","), "市教育局") {
			t.Errorf("--unit 市教育局 shows %s led by %v", r.Target.ID, r.LeadUnits)
		}
	}
	if code, _, errs := runCLI(t, "status", "--db", db, "--as-of", "31/12/2022"); code != 2 || !strings.Contains(errs, "--as-of") {
		t.Errorf("bad --as-of: exit %d %q", code, errs)
	}
}

// Columns line up on a terminal where a Chinese character takes two cells.
func TestTableAlignsCJK(t *testing.T) {
	var b strings.Builder
	tb := table{header: []string{"编号", "任务", "状态"}}
	tb.add("2.1.1-1", "推进5G网络规模建设", "已完成")
	tb.add("10.2-3", "IPv6", "暂无数据")
	if err := tb.write(&b); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(b.String()), "\n")
	col := func(l, cell string) int { return displayWidth(l[:strings.Index(l, cell)]) }
	if a, b, c := col(lines[0], "状态"), col(lines[1], "已完成"), col(lines[2], "暂无数据"); a != b || b != c {
		t.Errorf("third column starts at cells %d, %d, %d:\n%s", a, b, c, strings.Join(lines, "\n"))
	}
	if got := displayWidth("5G基站"); got != 6 {
		t.Errorf("displayWidth(5G基站) = %d, want 6", got)
	}
	if got := clip("新建5G基站4万个以上", 10); displayWidth(got) > 10 || !strings.HasSuffix(got, "…") {
		t.Errorf("clip = %q", got)
	}
}

func TestStatusSeveralPlansNamesThePlan(t *testing.T) {
	db := statusDB(t)
	other := writeFile(t, "b.txt", "乙市充电设施建设实施方案\n\n一、主要任务\n\n1. 建设充电桩\n\n到2022年，新建充电桩500个。（责任单位：市发展改革委）\n")
	mustRun(t, "import", "plan", other, "--db", db)
	out := mustRun(t, "status", "--db", db, "--as-of", "2022-12-31")
	if !strings.Contains(out, "\n1/2.1.1-1 ") || !strings.Contains(out, "\n2/") {
		t.Errorf("with two plans every ID names its plan:\n%s", out)
	}
	if !strings.Contains(out, "计划 1 长沙市推进新型基础设施建设") || !strings.Contains(out, "计划 2 乙市充电设施建设实施方案: 共 1 个目标") {
		t.Errorf("with two plans each has its roll-up:\n%s", out)
	}
	if out := mustRun(t, "status", "--db", db, "--plan", "1"); strings.Contains(out, "1/2.1.1-1") {
		t.Errorf("one plan needs no plan prefix:\n%s", out)
	}
}

func TestStatusThresholdsAreConfigurable(t *testing.T) {
	db := statusDB(t)
	row := func(out string) string {
		for _, l := range strings.Split(out, "\n") {
			if strings.HasPrefix(l, "2.1.1-1 ") {
				return l
			}
		}
		t.Fatalf("no row for 2.1.1-1 in\n%s", out)
		return ""
	}
	// Mid-2022, 76% done against about 79% expected: a few points behind,
	// on track by the default 10-point threshold, at risk by a 1-point one.
	def := row(mustRun(t, "status", "--db", db, "--as-of", "2022-06-30"))
	strict := row(mustRun(t, "status", "--db", db, "--as-of", "2022-06-30", "--at-risk-gap", "0.01"))
	if !strings.Contains(def, statusLabels[status.OnTrack]) {
		t.Errorf("default thresholds: %s", def)
	}
	if !strings.Contains(strict, statusLabels[status.AtRisk]) {
		t.Errorf("--at-risk-gap 0.01: %s", strict)
	}
	if code, _, errOut := runCLI(t, "status", "--db", db, "--at-risk-gap", "0.5", "--off-track-gap", "0.2"); code != 2 || !strings.Contains(errOut, "off-track-gap") {
		t.Errorf("off-track below at-risk: exit %d, %s", code, errOut)
	}
}
