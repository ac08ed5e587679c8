package export

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/planwatch/planwatch/internal/ledger"
	"github.com/planwatch/planwatch/internal/plan"
	"github.com/planwatch/planwatch/internal/status"
	"github.com/planwatch/planwatch/internal/store"
)

func val(v float64) *float64 { return &v }

// sample is a judged two-target ledger of the Changsha plan as of the
// end of 2022: the 5G target missed, the AI target without data.
func sample() *ledger.Ledger {
	const asOf = "2022-12-31"
	fiveG := plan.Target{ID: "1.1-1", Subject: "5G基站", Comparator: plan.GE, Value: 40000, Unit: "个",
		Deadline: "2022-12-31", Quote: "新建5G基站4万个"}
	evidence := plan.Observation{ID: 1, PlanID: 1, TargetID: "1.1-1", Kind: plan.ObsFlow, Value: val(30490), Unit: "个",
		PeriodStart: "2020-01-01", PeriodEnd: "2020-11-30",
		SourceURL: "http://www.hn.chinanews.com/news/sxdt/2021/0118/409376.html", SourceDate: "2021-01-18"}
	v1 := status.Judge(status.Input{Target: fiveG, Start: "2020-01-01", Scope: "长沙市",
		Observations: []plan.Observation{evidence}}, asOf, status.DefaultConfig())
	ai := plan.Target{ID: "2.1-1", Subject: "人工智能核心企业", Comparator: plan.GE, Value: 40, Unit: "家",
		Deadline: "2022-12-31", Cumulative: true, Quote: "=引进人工智能核心企业40家"}
	province := plan.Observation{ID: 2, PlanID: 1, TargetID: "2.1-1", Kind: plan.ObsStock, Value: val(64), Unit: "家",
		Scope: "湖南省", PeriodEnd: "2022-06-30"}
	v2 := status.Judge(status.Input{Target: ai, Start: "2020-01-01", Scope: "长沙市",
		Observations: []plan.Observation{province}}, asOf, status.DefaultConfig())
	title := "长沙市推进新型基础设施建设三年（2020—2022年）行动计划"
	rows := []ledger.Row{
		{TargetRow: store.TargetRow{PlanID: 1, PlanTitle: title, SectionID: "1.1",
			SectionPath: []string{"重点任务", "建设信息基础设施", "加快5G网络建设"}, TaskTitle: "加快5G网络建设",
			LeadUnits: []string{"市工业和信息化局"}, CoUnits: []string{"市通信管理办公室", "各区县（市）人民政府"}, Target: fiveG},
			Verdict: v1, Latest: &evidence},
		{TargetRow: store.TargetRow{PlanID: 1, PlanTitle: title, SectionID: "2.1",
			SectionPath: []string{"重点任务", "发展人工智能"}, TaskTitle: "发展人工智能",
			LeadUnits: []string{"市科技局"}, Target: ai}, Verdict: v2, Latest: &province},
	}
	return &ledger.Ledger{
		AsOf: asOf, Rows: rows,
		Plan: status.Roll([]status.Verdict{v1, v2}),
		Units: []ledger.UnitRollup{
			{Unit: "市工业和信息化局", Lead: status.Roll([]status.Verdict{v1}), Co: status.Roll(nil)},
			{Unit: "市科技局", Lead: status.Roll([]status.Verdict{v2}), Co: status.Roll(nil)},
		},
		Tasks: []ledger.TaskRollup{}, Context: []plan.Observation{},
		Config: status.Config{AtRiskGap: 0.1, OffTrackGap: 0.3},
	}
}

var zhHeader = []string{"序号", "章节", "任务", "牵头单位", "配合单位", "目标", "比较", "目标值", "单位", "完成时限",
	"当前值", "完成比例", "序时进度", "状态", "最新依据", "研判说明"}

func col(name string) int {
	for i, h := range zhHeader {
		if h == name {
			return i
		}
	}
	panic("no column " + name)
}

func readCSV(t *testing.T, b []byte) [][]string {
	t.Helper()
	if !bytes.HasPrefix(b, []byte("\xEF\xBB\xBF")) {
		t.Fatal("CSV lacks the UTF-8 byte-order mark Excel needs for Chinese")
	}
	r := csv.NewReader(bytes.NewReader(b[3:]))
	recs, err := r.ReadAll()
	if err != nil {
		t.Fatalf("CSV does not read back: %v", err)
	}
	return recs
}

func TestCSV(t *testing.T) {
	var buf bytes.Buffer
	if err := Write(&buf, "csv", sample(), "zh"); err != nil {
		t.Fatal(err)
	}
	if bytes.Count(buf.Bytes(), []byte("\r\n")) < 3 || bytes.Contains(bytes.ReplaceAll(buf.Bytes(), []byte("\r\n"), nil), []byte("\n")) {
		t.Error("CSV lines must end in CRLF, and only CRLF")
	}
	recs := readCSV(t, buf.Bytes())
	if len(recs) != 3 {
		t.Fatalf("%d records, want header and 2 rows", len(recs))
	}
	if strings.Join(recs[0], ",") != strings.Join(zhHeader, ",") {
		t.Errorf("header %v", recs[0])
	}
	r := recs[1]
	want := map[string]string{
		"序号": "1", "章节": "重点任务 › 建设信息基础设施 › 加快5G网络建设", "任务": "加快5G网络建设",
		"牵头单位": "市工业和信息化局", "配合单位": "市通信管理办公室、各区县（市）人民政府",
		"目标": "新建5G基站4万个", "比较": "不少于", "目标值": "40000", "单位": "个", "完成时限": "2022-12-31",
		"当前值": "30490", "完成比例": "76.2%", "序时进度": "100.0%", "状态": "逾期未完成",
	}
	for k, v := range want {
		if got := r[col(k)]; got != v {
			t.Errorf("%s = %q, want %q", k, got, v)
		}
	}
	for _, s := range []string{"30490个", "2020-01-01至2020-11-30", "来源：http://www.hn.chinanews.com"} {
		if !strings.Contains(r[col("最新依据")], s) {
			t.Errorf("最新依据 %q lacks %q", r[col("最新依据")], s)
		}
	}
	if !strings.Contains(r[col("研判说明")], "已逾期未完成") {
		t.Errorf("研判说明 %q", r[col("研判说明")])
	}
	ai := recs[2]
	if ai[col("状态")] != "暂无数据" || ai[col("当前值")] != "" {
		t.Errorf("no-data row: status %q value %q", ai[col("状态")], ai[col("当前值")])
	}
	if got := ai[col("最新依据")]; !strings.HasSuffix(got, "（未计入：统计范围不符）") {
		t.Errorf("an uncounted latest figure must say so: %q", got)
	}
	if ai[col("目标")] != "'=引进人工智能核心企业40家" {
		t.Errorf("a cell starting with = must not run as a formula: %q", ai[col("目标")])
	}
}

func TestCSVEnglish(t *testing.T) {
	var buf bytes.Buffer
	if err := Write(&buf, "CSV", sample(), "en"); err != nil {
		t.Fatal(err)
	}
	recs := readCSV(t, buf.Bytes())
	if recs[0][0] != "No." || recs[0][col("状态")] != "Status" {
		t.Errorf("English header %v", recs[0])
	}
	if recs[1][col("状态")] != "Missed" || recs[2][col("状态")] != "No data" || recs[1][col("比较")] != "≥" {
		t.Errorf("English row %v", recs[1])
	}
}

func TestXLSX(t *testing.T) {
	var buf bytes.Buffer
	if err := Write(&buf, "xlsx", sample(), "zh"); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(&buf)
	if err != nil {
		t.Fatalf("the workbook does not reopen: %v", err)
	}
	defer f.Close()
	if got := f.GetSheetList(); len(got) != 2 || got[0] != SheetLedger || got[1] != SheetUnits {
		t.Fatalf("sheets %v, want 督办台账 and 单位汇总", got)
	}
	get := func(sheet, ref string) string {
		t.Helper()
		v, err := f.GetCellValue(sheet, ref)
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	if a1 := get(SheetLedger, "A1"); !strings.Contains(a1, "长沙市推进新型基础设施建设") || !strings.Contains(a1, "截至2022-12-31") {
		t.Errorf("title %q", a1)
	}
	rows, err := f.GetRows(SheetLedger)
	if err != nil {
		t.Fatal(err)
	}
	if strings.Join(rows[1], ",") != strings.Join(zhHeader, ",") {
		t.Errorf("header row %v", rows[1])
	}
	r := rows[2]
	for k, v := range map[string]string{"目标": "新建5G基站4万个", "当前值": "30,490", "完成比例": "76.2%", "序时进度": "100.0%", "状态": "逾期未完成"} {
		if got := r[col(k)]; got != v {
			t.Errorf("%s = %q, want %q", k, got, v)
		}
	}
	// The status cell is filled in colour and says the status in words.
	ref, _ := excelize.CoordinatesToCellName(col("状态")+1, 3)
	sid, err := f.GetCellStyle(SheetLedger, ref)
	if err != nil {
		t.Fatal(err)
	}
	style, err := f.GetStyle(sid)
	if err != nil {
		t.Fatal(err)
	}
	if len(style.Fill.Color) == 0 || style.Fill.Color[0] != statusFill[status.Missed] {
		t.Errorf("missed status fill %v, want %s", style.Fill.Color, statusFill[status.Missed])
	}
	if len(style.Border) != 4 || style.Alignment == nil || !style.Alignment.WrapText {
		t.Errorf("status cell: borders %d, alignment %+v", len(style.Border), style.Alignment)
	}
	// The counted value is a number Excel can sum, not text.
	ref, _ = excelize.CoordinatesToCellName(col("当前值")+1, 3)
	raw, _ := f.GetCellValue(SheetLedger, ref, excelize.Options{RawCellValue: true})
	if raw != "30490" {
		t.Errorf("raw 当前值 %q, want the number 30490", raw)
	}

	// Column widths follow Chinese text: the target quote is wider than the number.
	wNo, _ := f.GetColWidth(SheetLedger, "A")
	wTarget, _ := f.GetColWidth(SheetLedger, "F")
	if wNo < 6 || wTarget <= wNo || wTarget < displayWidth("新建5G基站4万个") {
		t.Errorf("widths: 序号 %v, 目标 %v", wNo, wTarget)
	}

	panes, err := f.GetPanes(SheetLedger)
	if err != nil || !panes.Freeze || panes.YSplit != 2 {
		t.Errorf("header not frozen: %+v %v", panes, err)
	}
	pl, err := f.GetPageLayout(SheetLedger)
	if err != nil {
		t.Fatal(err)
	}
	if pl.Size == nil || *pl.Size != 9 || pl.Orientation == nil || *pl.Orientation != "landscape" || pl.FitToWidth == nil || *pl.FitToWidth != 1 {
		t.Errorf("page layout %+v, want A4 landscape fit to one page wide", pl)
	}
	props, err := f.GetSheetProps(SheetLedger)
	if err != nil || props.FitToPage == nil || !*props.FitToPage {
		t.Errorf("fit to page not set: %+v %v", props, err)
	}
	titles := false
	for _, d := range f.GetDefinedName() {
		if d.Name == "_xlnm.Print_Titles" && d.Scope == SheetLedger && strings.Contains(d.RefersTo, "$2:$2") {
			titles = true
		}
	}
	if !titles {
		t.Errorf("header row not repeated on printed pages: %+v", f.GetDefinedName())
	}

	// Below the table, the rules with the thresholds the verdicts used.
	note := rows[len(rows)-1][0]
	if !strings.HasPrefix(note, "说明：") || !strings.Contains(note, "超过10个百分点为“存在风险”") || !strings.Contains(note, "超过30个百分点") {
		t.Errorf("footnote %q", note)
	}

	units, err := f.GetRows(SheetUnits)
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, u := range units {
		if len(u) > 0 && u[0] == "市工业和信息化局" {
			found = true
			// lead: total, six statuses, light
			if u[1] != "1" || u[1+1+5] != "0" || u[1+1+4] != "1" || u[1+1+len(status.Statuses)] != "红" {
				t.Errorf("unit row %v: want 1 target, missed, red light in words", u)
			}
		}
	}
	if !found {
		t.Errorf("unit roll-up sheet lacks 市工业和信息化局: %v", units)
	}
}

func TestXLSXEnglish(t *testing.T) {
	var buf bytes.Buffer
	if err := Write(&buf, "xlsx", sample(), "en"); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(&buf)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := f.GetRows(SheetLedgerEN)
	if err != nil {
		t.Fatal(err)
	}
	if rows[1][0] != "No." || rows[2][col("状态")] != "Missed" {
		t.Errorf("English sheet rows %v / %v", rows[1], rows[2])
	}
}

func TestJSON(t *testing.T) {
	var buf bytes.Buffer
	if err := Write(&buf, "json", sample(), "zh"); err != nil {
		t.Fatal(err)
	}
	var back ledger.Ledger
	if err := json.Unmarshal(buf.Bytes(), &back); err != nil {
		t.Fatal(err)
	}
	if back.AsOf != "2022-12-31" || len(back.Rows) != 2 || back.Rows[0].Verdict.Status != status.Missed ||
		back.Rows[0].Target.Quote != "新建5G基站4万个" || back.Plan.Light != status.Red {
		t.Errorf("JSON read back %+v", back)
	}
}

func TestSeveralPlans(t *testing.T) {
	l := sample()
	l.Rows[1].PlanID, l.Rows[1].PlanTitle = 2, "长沙市数字政府建设行动计划"
	var buf bytes.Buffer
	if err := Write(&buf, "csv", l, "zh"); err != nil {
		t.Fatal(err)
	}
	recs := readCSV(t, buf.Bytes())
	if recs[0][1] != "计划" || recs[2][1] != "长沙市数字政府建设行动计划" || recs[1][1] != l.Rows[0].PlanTitle {
		t.Errorf("a ledger over several plans must name each row's plan: %v / %v", recs[0], recs[2])
	}
	buf.Reset()
	if err := Write(&buf, "xlsx", l, "zh"); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(&buf)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if v, _ := f.GetCellValue(SheetLedger, "B4"); v != "长沙市数字政府建设行动计划" {
		t.Errorf("xlsx plan cell %q", v)
	}
	if v, _ := f.GetCellValue(SheetLedger, "A1"); strings.Contains(v, "长沙市推进") {
		t.Errorf("the title of a several-plan ledger names one plan: %q", v)
	}
}

func TestEmptyLedger(t *testing.T) {
	l := &ledger.Ledger{AsOf: "2022-12-31"}
	for _, format := range Formats {
		var buf bytes.Buffer
		if err := Write(&buf, format, l, "zh"); err != nil {
			t.Errorf("%s: %v", format, err)
		}
	}
}

func TestUnknownFormat(t *testing.T) {
	var buf bytes.Buffer
	err := Write(&buf, "pdf", sample(), "zh")
	if store.ErrorCode(err) != store.EInvalid || !strings.Contains(err.Error(), "pdf") {
		t.Errorf("error %v, want invalid naming the format", err)
	}
	if buf.Len() != 0 {
		t.Error("a rejected export wrote output")
	}
	if err := Write(&buf, "csv", nil, "zh"); store.ErrorCode(err) != store.EInvalid {
		t.Errorf("nil ledger: %v", err)
	}
}

func TestDownloadNames(t *testing.T) {
	if got := FileName("xlsx", "2022-12-31", "zh"); got != "督办台账_2022-12-31.xlsx" {
		t.Errorf("FileName = %q", got)
	}
	if got := FileName("csv", "2022-12-31", "en"); got != "ledger_2022-12-31.csv" {
		t.Errorf("FileName = %q", got)
	}
	if !strings.HasPrefix(ContentType("xlsx"), "application/vnd.openxmlformats") || !strings.Contains(ContentType("csv"), "utf-8") || ContentType("pdf") != "" {
		t.Error("content types")
	}
	cd := ContentDisposition("督办台账_2022-12-31.xlsx")
	if !strings.Contains(cd, `filename="planwatch_2022-12-31.xlsx"`) {
		t.Errorf("ASCII fallback missing: %s", cd)
	}
	if !strings.Contains(cd, "filename*=UTF-8''%E7%9D%A3") {
		t.Errorf("UTF-8 name missing: %s", cd)
	}
}

func TestShareNeverRoundsUpToDone(t *testing.T) {
	if got := shareCell(val(0.9999)).text; got != "99.9%" {
		t.Errorf("share 0.9999 shows %q", got)
	}
	if got := shareCell(val(0.57)).text; got != "57.0%" {
		t.Errorf("share 0.57 shows %q", got)
	}
	if got := shareCell(val(6.6667)).text; got != "666.7%" {
		t.Errorf("share 6.6667 shows %q", got)
	}
}

func TestDisplayWidth(t *testing.T) {
	for s, want := range map[string]float64{"长沙abc": 7, "（市）": 6, "5G基站": 6, "": 0} {
		if got := displayWidth(s); got != want {
			t.Errorf("displayWidth(%q) = %v, want %v", s, got, want)
		}
	}
}

// An English ledger explains each verdict in English; a Chinese one keeps
// the engine's Chinese explanation.
func TestEnglishLedgerExplainsInEnglish(t *testing.T) {
	l := sample()
	for _, lang := range []string{"en", "zh"} {
		var buf bytes.Buffer
		if err := Write(&buf, CSV, l, lang); err != nil {
			t.Fatal(err)
		}
		for _, r := range l.Rows {
			want := r.Verdict.Explanation
			if lang == "en" {
				want = status.English(r.Verdict, r.Target, l.AsOf)
			}
			if want == "" || !strings.Contains(buf.String(), want) {
				t.Errorf("%s csv lacks the explanation %q", lang, want)
			}
		}
	}
}
