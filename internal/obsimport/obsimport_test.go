package obsimport

import (
	"bytes"
	"errors"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/unicode"

	"github.com/planwatch/planwatch/internal/plan"
	"github.com/planwatch/planwatch/internal/store"
)

func fixturePlan() Options {
	p := &plan.Plan{Title: "长沙市推进新型基础设施建设三年行动计划", Sections: []*plan.Section{{
		ID: "2", Title: "重点任务", Children: []*plan.Section{{
			ID: "2.1", Title: "实施通信网络基础设施建设行动", Children: []*plan.Section{
				{ID: "2.1.1", Title: "推进5G网络规模建设", LeadUnits: []string{"市工业和信息化局"}, Targets: []plan.Target{
					{ID: "2.1.1-1", Subject: "新建5G基站", Comparator: plan.GE, Value: 40000, Unit: "个", Quote: "新建5G基站4万个以上"},
					{ID: "2.1.1-2", Subject: "5G示范应用场景", Comparator: plan.GE, Value: 10, Unit: "个", Quote: "打造10个以上5G示范应用场景"},
				}},
				{ID: "2.1.2", Title: "加快发展工业互联网", Targets: []plan.Target{
					{ID: "2.1.2-1", Subject: "省级以上工业互联网平台", Value: 10, Unit: "个"},
					{ID: "2.1.2-2", Subject: "工业APP", Value: 3000, Unit: "个", Cumulative: true},
				}},
				{ID: "2.1.3", Title: "推动下一代互联网升级改造"},
			}}}}}}
	return Options{PlanID: 7, Plan: p}
}

const goodCSV = "\ufefftarget,task,subject,value,unit,period_start,period_end,kind,scope,source_url,source_date,quote,reported_by,note\n" +
	"2.1.1-1,,,30490,个,2020-01-01,2020-11-30,flow,长沙市,http://example.cn/a,2021-01-18,\"1—11月,长沙完成5G基站建设30490个\",市工信局,\n" +
	",2.1.2,工业APP,>20000,个,,2022年9月16日,stock,长沙市,,,工业APP数量突破2万个,市工信局,下限\n" +
	",推进5G网络规模建设,,约3万,个,,2020/12/31,target,长沙市,http://example.cn/b,,,,\n" +
	",,,投运,,,2021-12-26,event,,http://example.cn/c,,,,\n" +
	"\n" +
	",2.1.3,,,,,2022-12,status,,,,IPv6改造基本完成,,\n"

func TestReadGoodCSV(t *testing.T) {
	obs, err := Read("good.csv", []byte(goodCSV), fixturePlan())
	if err != nil {
		t.Fatal(err)
	}
	if len(obs) != 5 {
		t.Fatalf("got %d observations, want 5 (blank line skipped)", len(obs))
	}
	o := obs[0]
	if o.PlanID != 7 || o.TargetID != "2.1.1-1" || o.SectionID != "2.1.1" || *o.Value != 30490 || o.ValueText != "" ||
		o.Kind != plan.ObsFlow || o.PeriodStart != "2020-01-01" || o.PeriodEnd != "2020-11-30" || o.Scope != "长沙市" ||
		o.Quote != "1—11月,长沙完成5G基站建设30490个" || o.ReportedBy != "市工信局" {
		t.Errorf("row 1 = %+v", o)
	}
	if o := obs[1]; o.TargetID != "2.1.2-2" || *o.Value != 20000 || o.ValueText != ">20000" || o.PeriodEnd != "2022-09-16" || o.Note != "下限" {
		t.Errorf("row 2 (task+subject, lower bound) = %+v", o)
	}
	if o := obs[2]; o.TargetID != "" || o.SectionID != "2.1.1" || *o.Value != 30000 || o.ValueText != "约3万" || o.PeriodEnd != "2020-12-31" {
		t.Errorf("row 3 (task context, approx) = %+v", o)
	}
	if o := obs[3]; o.Value != nil || o.ValueText != "投运" || o.Kind != plan.ObsEvent || o.TargetID != "" || o.SectionID != "" {
		t.Errorf("row 4 (plan-level event) = %+v", o)
	}
	if o := obs[4]; o.PeriodEnd != "2022-12-31" || o.Value != nil || o.SectionID != "2.1.3" {
		t.Errorf("row 6 (month as period end) = %+v", o)
	}
}

func TestReadChineseHeadersGB18030(t *testing.T) {
	text := "序号,目标编号,数值,单位,开始日期,截止日期,类型,范围,来源链接,来源日期,原文,填报单位,备注\r\n" +
		"1,2.1.1-1,\"30,490\",个,2020-01-01,2020-11-30,新增,长沙市,http://example.cn/a,2021-01-18,完成5G基站建设30490个,市工业和信息化局,\r\n"
	gb, err := simplifiedchinese.GB18030.NewEncoder().String(text)
	if err != nil {
		t.Fatal(err)
	}
	obs, err := Read("excel.csv", []byte(gb), fixturePlan())
	if err != nil {
		t.Fatal(err)
	}
	if len(obs) != 1 || *obs[0].Value != 30490 || obs[0].Kind != plan.ObsFlow || obs[0].Quote != "完成5G基站建设30490个" || obs[0].ReportedBy != "市工业和信息化局" {
		t.Fatalf("got %+v", obs)
	}
}

func TestReadRejects(t *testing.T) {
	head := "target,task,subject,value,unit,period_start,period_end,kind,scope,source_url,quote\n"
	ok := "2.1.1-1,,,100,个,2020-01-01,2020-03-31,flow,长沙市,http://x.cn,\n"
	cases := []struct {
		name, body, want string
	}{
		{"missing column", "target,value,unit,kind\n2.1.1-1,1,个,flow\n", "bad.csv line 1: missing required column period_end"},
		{"unknown column", "target,vaule,value,unit,period_end,kind\n", "bad.csv line 1 column 2 (vaule): unknown column"},
		{"duplicate column", "value,数值,unit,period_end,kind\n", "bad.csv line 1 column 2 (数值): column value given twice"},
		{"bad number", head + ok + "2.1.1-1,,,三万左右,个,,2020-12-31,flow,,http://x.cn,\n", `bad.csv line 3 column 4 (value): "三万左右" is not a number`},
		{"missing value", head + ok + "2.1.1-1,,,,个,,2020-12-31,stock,,http://x.cn,\n", "bad.csv line 3 column 4 (value): value is required for a stock figure"},
		{"missing unit", head + "2.1.1-1,,,5,,,2020-12-31,flow,,http://x.cn,\n", "bad.csv line 2 column 5 (unit): unit is required"},
		{"bad date", head + "2.1.1-1,,,5,个,,2020-13-01,flow,,http://x.cn,\n", `bad.csv line 2 column 7 (period_end): "2020-13-01" is not a calendar date`},
		{"no end date", head + "2.1.1-1,,,5,个,,,flow,,http://x.cn,\n", "bad.csv line 2 column 7 (period_end): period_end is required"},
		{"start after end", head + "2.1.1-1,,,5,个,2021-01-01,2020-12-31,flow,,http://x.cn,\n", "bad.csv line 2 column 6 (period_start): period_start 2021-01-01 is after period_end 2020-12-31"},
		{"bad kind", head + "2.1.1-1,,,5,个,,2020-12-31,total,,http://x.cn,\n", `bad.csv line 2 column 8 (kind): kind "total" is not one of`},
		{"unknown target", head + ok + ok + "2.1.1-9,,,5,个,,2020-12-31,flow,,http://x.cn,\n", "bad.csv line 4 column 1 (target): target 2.1.1-9 is not in plan 7 (task 2.1.1 has 2.1.1-1, 2.1.1-2)"},
		{"unknown task", head + ",9.9,基站,5,个,,2020-12-31,flow,,http://x.cn,\n", `bad.csv line 2 column 2 (task): no task "9.9" in plan 7`},
		{"ambiguous subject", head + ",,5G,5,个,,2020-12-31,flow,,http://x.cn,\n", `bad.csv line 2 column 3 (subject): "5G" matches several targets`},
		{"no evidence", head + "2.1.1-1,,,5,个,,2020-12-31,flow,,,\n", "bad.csv line 2 column 10 (source_url): evidence is required"},
		{"quoted newline keeps line numbers", head + "2.1.1-1,,,5,个,,2020-12-31,flow,,http://x.cn,\"two\nlines\"\n2.1.1-1,,,x,个,,2020-12-31,flow,,http://x.cn,\n", "bad.csv line 4 column 4 (value)"},
		{"header only", head, "bad.csv: no observations below the header"},
		{"empty", "", "bad.csv: empty file"},
		{"malformed quotes", head + "2.1.1-1,,,5,个,,2020-12-31,flow,,\"http://x.cn,\n", "bad.csv line 2: malformed CSV"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			obs, err := Read("bad.csv", []byte(c.body), fixturePlan())
			if err == nil {
				t.Fatalf("accepted %d rows, want error %q", len(obs), c.want)
			}
			if obs != nil {
				t.Errorf("returned %d observations with the error; want none", len(obs))
			}
			if !strings.Contains(err.Error(), c.want) {
				t.Errorf("error %q\nwant it to contain %q", err, c.want)
			}
			if store.ErrorCode(err) != store.EInvalid {
				t.Errorf("error code %q, want invalid", store.ErrorCode(err))
			}
		})
	}
}

func TestReadXLSX(t *testing.T) {
	f := excelize.NewFile()
	sh := f.GetSheetName(0)
	rows := [][]any{
		{"目标编号", "数值", "单位", "开始日期", "截止日期", "类型", "范围", "来源链接", "原文"},
		{"2.1.1-1", 30490, "个", nil, nil, "flow", "长沙市", "http://example.cn/a", "完成5G基站建设30490个"},
		{"2.1.2-2", "2万余", "个", nil, "2022年9月16日", "stock", "长沙市", "http://example.cn/b", ""},
		{"2.1.2-2", "abc", "个", nil, "2022-09-16", "stock", "长沙市", "http://example.cn/b", ""},
	}
	for i, r := range rows {
		cellName, _ := excelize.CoordinatesToCellName(1, i+1)
		if err := f.SetSheetRow(sh, cellName, &r); err != nil {
			t.Fatal(err)
		}
	}
	// Real date cells, as Excel stores them: a serial number with a date format.
	style, _ := f.NewStyle(&excelize.Style{NumFmt: 14})
	for _, c := range []string{"D2", "E2"} {
		f.SetCellStyle(sh, c, c, style)
	}
	f.SetCellValue(sh, "D2", mustDate(t, "2020-01-01"))
	f.SetCellValue(sh, "E2", mustDate(t, "2020-11-30"))
	var buf bytes.Buffer
	if err := f.Write(&buf); err != nil {
		t.Fatal(err)
	}

	_, err := Read("report.xlsx", buf.Bytes(), fixturePlan())
	var e *Error
	if !errors.As(err, &e) || e.Line != 4 || e.Column != "B" || e.Name != "数值" {
		t.Fatalf("bad row 4: err = %v, want line 4 column B (数值)", err)
	}

	f.RemoveRow(sh, 4)
	buf.Reset()
	f.Write(&buf)
	obs, err := Read("report.xlsx", buf.Bytes(), fixturePlan())
	if err != nil {
		t.Fatal(err)
	}
	if len(obs) != 2 {
		t.Fatalf("got %d rows", len(obs))
	}
	if o := obs[0]; *o.Value != 30490 || o.PeriodStart != "2020-01-01" || o.PeriodEnd != "2020-11-30" || o.Quote != "完成5G基站建设30490个" {
		t.Errorf("row 2 = %+v", o)
	}
	if o := obs[1]; *o.Value != 20000 || o.ValueText != "2万余" || o.PeriodEnd != "2022-09-16" {
		t.Errorf("row 3 = %+v", o)
	}
}

func mustDate(t *testing.T, s string) any {
	t.Helper()
	d, err := plan.ParseDate(s)
	if err != nil {
		t.Fatal(err)
	}
	return d.Time()
}

func TestParseValue(t *testing.T) {
	cases := []struct {
		in, unit string
		want     float64
		q        Qualifier
		plain    bool
	}{
		{"30490", "个", 30490, Exact, true},
		{"30,490", "", 30490, Exact, false},
		{"３０４９０", "", 30490, Exact, false},
		{"3.5万", "", 35000, Exact, false},
		{"1.31亿", "", 131000000, Exact, false},
		{"约30000", "", 30000, Approximate, false},
		{">20000", "", 20000, LowerBound, false},
		{"突破2万", "", 20000, LowerBound, false},
		{"2500余", "家", 2500, LowerBound, false},
		{"4万个以上", "个", 40000, LowerBound, false},
		{"超过10万户", "户", 100000, LowerBound, false},
		{"不超过5%", "%", 5, UpperBound, false},
		{"99.99%", "%", 99.99, Exact, false},
		{"30490个", "个", 30490, Exact, false},
	}
	for _, c := range cases {
		v, err := ParseValue(c.in, c.unit)
		if err != nil {
			t.Errorf("ParseValue(%q): %v", c.in, err)
			continue
		}
		if v.Number != c.want || v.Qualifier != c.q || v.Plain != c.plain {
			t.Errorf("ParseValue(%q) = %+v, want %v %q plain=%v", c.in, v, c.want, c.q, c.plain)
		}
	}
	for _, bad := range []string{"", "yes", "三万", "1.2.3", "NaN", "Inf", "30490台"} {
		if v, err := ParseValue(bad, "个"); err == nil {
			t.Errorf("ParseValue(%q) = %+v, want error", bad, v)
		}
	}
}

func TestParseDate(t *testing.T) {
	cases := []struct {
		in   string
		end  bool
		want plan.Date
	}{
		{"2022-12-31", false, "2022-12-31"},
		{"2022/1/5", false, "2022-01-05"},
		{"2022.12.31", false, "2022-12-31"},
		{"2022年12月31日", false, "2022-12-31"},
		{"２０２２年２月２８日", false, "2022-02-28"},
		{"2022-02", true, "2022-02-28"},
		{"2024年2月", true, "2024-02-29"},
		{"2022-02", false, "2022-02-01"},
	}
	for _, c := range cases {
		got, err := ParseDate(c.in, c.end)
		if err != nil || got != c.want {
			t.Errorf("ParseDate(%q, %v) = %q, %v; want %q", c.in, c.end, got, err, c.want)
		}
	}
	for _, bad := range []string{"2022-02-30", "31/12/2022", "2022", "unknown", "2022-00-10"} {
		if got, err := ParseDate(bad, true); err == nil {
			t.Errorf("ParseDate(%q) = %q, want error", bad, got)
		}
	}
}

// A row that stops short of a required column points at that column's letter.
func TestReadXLSXShortRow(t *testing.T) {
	f := excelize.NewFile()
	sh := f.GetSheetName(0)
	f.SetSheetRow(sh, "A1", &[]any{"目标编号", "数值", "单位", "类型", "截止日期", "原文"})
	f.SetSheetRow(sh, "A2", &[]any{"2.1.1-1", 5, "个", "flow"})
	var buf bytes.Buffer
	if err := f.Write(&buf); err != nil {
		t.Fatal(err)
	}
	_, err := Read("short.xlsx", buf.Bytes(), fixturePlan())
	if err == nil || !strings.Contains(err.Error(), "short.xlsx line 2 column E (截止日期): period_end is required") {
		t.Errorf("got %v", err)
	}
}

func TestReadExcelUnicodeTextAndOldXLS(t *testing.T) {
	text := "目标编号\t数值\t单位\t截止日期\t类型\t原文\r\n2.1.1-1\t30490\t个\t2020-11-30\tstock\t完成5G基站建设30490个\r\n"
	u16, err := unicode.UTF16(unicode.LittleEndian, unicode.UseBOM).NewEncoder().String(text)
	if err != nil {
		t.Fatal(err)
	}
	obs, err := Read("unicode.txt", []byte(u16), fixturePlan())
	if err != nil || len(obs) != 1 || *obs[0].Value != 30490 || obs[0].Quote != "完成5G基站建设30490个" {
		t.Fatalf("UTF-16 tab-separated: %+v, %v", obs, err)
	}
	_, err = Read("old.xls", []byte("\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1rest"), fixturePlan())
	if err == nil || !strings.Contains(err.Error(), "old.xls: old Excel 97-2003 (.xls) workbook: save it as .xlsx") {
		t.Errorf(".xls: %v", err)
	}
}
