package planparse

import (
	"strings"
	"testing"

	"github.com/planwatch/planwatch/internal/plan"
)

// A 任务分工 table pasted from Word or WPS as text: cells split by tabs in
// some rows and by runs of spaces in others.
func TestFlattenedTable(t *testing.T) {
	header := "某县数字乡村建设任务分工方案\n一、工作目标\n到2025年，建成数字乡村示范村10个。\n二、任务分工\n"
	note := "\n注：涉及各乡镇的任务，由各乡镇人民政府负责组织实施。\n三、保障措施\n加强组织领导。"
	cases := []struct {
		name string
		rows string
	}{
		{"tabs", "序号\t工作任务\t责任单位\t协办单位\t时间节点\n" +
			"1\t新建村级综合服务站80个\t县农业农村局\t县民政局、县财政局\t2025年6月底前\n" +
			"2\t完成全县益农信息社整合\t县商务局\t县供销社\t2025年3月底前\n"},
		{"spaces", "序号  工作任务   责任单位  协办单位  时间节点\n" +
			"1  新建村级综合服务站80个  县农业农村局   县民政局、县财政局  2025年6月底前\n" +
			"2   完成全县益农信息社整合  县商务局  县供销社  2025年3月底前\n"},
		{"mixed, wrapped cell", "序号\t工作任务\t责任单位\t协办单位\t时间节点\n" +
			"1  新建村级综合服务站  县农业农村局  县民政局、县财政局  2025年6月底前\n" +
			"80个\n" +
			"2\t完成全县益农信息社整合\t县商务局\t县供销社\t2025年3月底前\n"},
		{"ideographic spaces", "序号\u3000\u3000工作任务\u3000\u3000责任单位\u3000\u3000协办单位\u3000\u3000时间节点\n" +
			"1\u3000\u3000新建村级综合服务站80个\u3000\u3000县农业农村局\u3000\u3000县民政局、县财政局\u3000\u30002025年6月底前\n" +
			"2\u3000\u3000完成全县益农信息社整合\u3000\u3000县商务局\u3000\u3000县供销社\u3000\u30002025年3月底前\n"},
		{"pipes", "| 序号 | 工作任务 | 责任单位 | 协办单位 | 时间节点 |\n" +
			"| 1 | 新建村级综合服务站80个 | 县农业农村局 | 县民政局、县财政局 | 2025年6月底前 |\n" +
			"| 2 | 完成全县益农信息社整合 | 县商务局 | 县供销社 | 2025年3月底前 |\n"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			p := ParseText(header + c.rows + note)
			sec := task(t, p, "2")
			if len(sec.LeadUnits)+len(sec.CoUnits) != 0 {
				t.Errorf("the 注 line after the table gave the section units: lead %q co %q", sec.LeadUnits, sec.CoUnits)
			}
			if len(sec.Children) != 2 {
				t.Fatalf("section 2 has %d rows, want 2: %s", len(sec.Children), outline(p))
			}
			r1, r2 := task(t, p, "2.1"), task(t, p, "2.2")
			if r1.Number != "1" || !strings.HasPrefix(r1.Title, "新建村级综合服务站") {
				t.Errorf("row 1 number %q title %q", r1.Number, r1.Title)
			}
			if !sameUnits(r1.LeadUnits, []string{"县农业农村局"}) || !sameUnits(r1.CoUnits, []string{"县民政局", "县财政局"}) {
				t.Errorf("row 1 lead %q co %q", r1.LeadUnits, r1.CoUnits)
			}
			if len(r1.Targets) != 1 || r1.Targets[0].Value != 80 || r1.Targets[0].Unit != "个" || r1.Targets[0].Deadline != "2025-06-30" {
				t.Errorf("row 1 targets %+v, want 80 个 by 2025-06-30 (its 时间节点 cell)", r1.Targets)
			}
			if len(r2.Milestones) != 1 || r2.Milestones[0].Deadline != "2025-03-31" {
				t.Errorf("row 2 milestones %+v, want one by 2025-03-31", r2.Milestones)
			}
			if s := task(t, p, "3"); s.Title != "保障措施" {
				t.Errorf("the heading after the table: %q", s.Title)
			}
		})
	}
}

// Lines with gaps that follow no table header stay text.
func TestGapsWithoutHeaderStayText(t *testing.T) {
	text := "一、任务\n新建基站  200个，改造管线  30公里。\n某某局  某某局\n"
	p := ParseText(text)
	if s := task(t, p, "1"); len(s.Children) != 0 || len(s.Targets) != 2 {
		t.Errorf("children %d targets %+v", len(s.Children), s.Targets)
	}
}

func TestGapCells(t *testing.T) {
	cases := []struct {
		in   string
		want []string
	}{
		{"a\tb\tc", []string{"a", "b", "c"}},
		{"  1  新建 5G基站   县工信局 ", []string{"1", "新建 5G基站", "县工信局"}},
		{"no gap here", nil},
		{"\t\tindented only", nil},
		{"x\u3000\u3000y", []string{"x", "y"}},
		{"0\t 0", []string{"0", "0"}},          // a tab then a space: one gap (found by FuzzParse)
		{"a \t \tb", []string{"a", "", "b"}},   // two tabs enclose an empty cell
		{"a b\t\tc", []string{"a b", "", "c"}}, // a single space stays inside a cell
		{"a  \tb", []string{"a", "b"}},         // one mixed run with one tab
	}
	for _, c := range cases {
		got := gapCells(c.in)
		if strings.Join(got, "/") != strings.Join(c.want, "/") || (got == nil) != (c.want == nil) {
			t.Errorf("gapCells(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

// A "完成时限：…" line under a task dates what the task states, as a
// table's 完成时限 column does.
func TestLabelledDeadlineLine(t *testing.T) {
	cases := []struct {
		name, line string
		want       string
	}{
		{"full-width colon", "完成时限：2023年9月底", "2023-09-30"},
		{"half-width colon", "完成时限:2023年9月底前", "2023-09-30"},
		{"时间节点 with stages", "时间节点：2023年6月底前完成方案，2023年11月底前全部建成", "2023-11-30"},
		{"no date", "完成时限：长期坚持", ""},
		{"a bare year", "完成时间：2024年", "2024-12-31"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			text := "2023年文旅消费若干措施\n一、措施\n1.培育夜间经济。新认定夜间文旅消费集聚区8个，打造精品线路30条。\n责任单位：市文旅局\n" + c.line + "\n2.其他。"
			p := ParseText(text)
			s := task(t, p, "1.1")
			if len(s.Targets) != 2 {
				t.Fatalf("targets %+v", s.Targets)
			}
			for _, tg := range s.Targets {
				if string(tg.Deadline) != c.want {
					t.Errorf("%q deadline %q, want %q", tg.Quote, tg.Deadline, c.want)
				}
			}
		})
	}
}

// A short line after a blank line under the table is text of its own, not
// the rest of the last row.
func TestFlattenedTableEndsAtBlankLine(t *testing.T) {
	text := "二、任务分工\n序号\t重点任务\t牵头单位\t配合单位\n1\t新建村级综合服务站80个\t县农业农村局\t县民政局\n\n各单位按季度报送进展。\n"
	p := ParseText(text)
	row := task(t, p, "1.1")
	if strings.Contains(row.Text+row.Title, "报送") {
		t.Errorf("the line after the table joined the row: title %q text %q", row.Title, row.Text)
	}
	if s := task(t, p, "1"); !strings.Contains(s.Text, "各单位按季度报送进展") {
		t.Errorf("section text %q, want the line after the table", s.Text)
	}
}

// An indicator table pasted as text gives one target per target-year
// cell, as its "|" form does, across a category row and an empty cell.
func TestFlattenedIndicatorTable(t *testing.T) {
	for _, sep := range []string{"\t", "  "} {
		rows := []string{
			"一、主要目标",
			"到2025年，主要指标如下：",
			strings.Join([]string{"指标", "单位", "2022年（基期）", "2025年"}, sep),
			"数字经济",
			strings.Join([]string{"5G基站数", "万个", "0.5", "2.5"}, sep),
			strings.Join([]string{"千兆光网覆盖率", "%", "30", "≥90"}, sep),
			"二、重点任务",
			"推进建设。",
		}
		p := ParseText(strings.Join(rows, "\n"))
		s := task(t, p, "1")
		if len(s.Targets) != 2 {
			t.Fatalf("sep %q: targets %+v, want 2 from the table", sep, s.Targets)
		}
		if g := s.Targets[0]; g.Value != 25000 || g.Unit != "个" || g.Deadline != "2025-12-31" {
			t.Errorf("sep %q: first target %+v", sep, g)
		}
		if g := s.Targets[1]; g.Value != 90 || g.Unit != "%" || g.Comparator != ">=" {
			t.Errorf("sep %q: second target %+v", sep, g)
		}
	}
	// Two tabs enclose an empty cell when the row then fits the header.
	text := "一、主要目标\n指标\t单位\t2025年\n数据中心电能利用效率\t\t≤1.3\n二、任务\n推进。"
	s := task(t, ParseText(text), "1")
	if len(s.Targets) != 1 || s.Targets[0].Value != 1.3 || s.Targets[0].Comparator != "<=" {
		t.Errorf("empty unit cell: targets %+v", s.Targets)
	}
}

// A table pasted one cell per line (as Word and WPS copy a table into a
// plain-text box) reads as the same table pasted with tabs: each row a
// task with its units, dated by its completion column (竣工时间).
func TestTableOneCellPerLine(t *testing.T) {
	text := "某县2025年重点项目计划\n一、重点项目\n" +
		"序号\n项目名称\n建设内容\n牵头单位\n配合单位\n竣工时间\n" +
		"1\n城东污水处理厂扩建\n新增日处理能力2万吨，配套管网15公里\n县住建局\n县财政局\n2025年10月\n" +
		"2\n县人民医院门诊楼\n建设门诊楼1栋，新增床位300张\n县卫健局\n县发改局、县财政局\n2026年6月\n" +
		"二、保障措施\n加强调度。\n"
	p := ParseText(text)
	var rows []*plan.Section
	p.Walk(func(s *plan.Section) {
		if len(s.LeadUnits) > 0 {
			rows = append(rows, s)
		}
	})
	if len(rows) != 2 {
		t.Fatalf("%d tasks with units, want the 2 rows", len(rows))
	}
	if got := strings.Join(rows[1].CoUnits, ","); rows[1].LeadUnits[0] != "县卫健局" || got != "县发改局,县财政局" {
		t.Errorf("row 2: lead %v co %v", rows[1].LeadUnits, rows[1].CoUnits)
	}
	due := map[string]plan.Date{}
	for _, r := range rows {
		for _, tg := range r.Targets {
			due[tg.Unit] = tg.Deadline
		}
	}
	if due["公里"] != "2025-10-31" || due["张"] != "2026-06-30" {
		t.Errorf("deadlines by unit %v, want 公里 2025-10-31 and 张 2026-06-30 from 竣工时间", due)
	}
}

// A project table (重点项目表) commits each project to starting by its 开工
// 时间 (unless it started before the plan's year), to completion by its 竣
// 工时间, and to its year's planned investment, in the money unit the
// header names.
func TestProjectTableMilestonesAndInvestment(t *testing.T) {
	text := "某县2025年重点项目建设计划\n2025年2月10日\n一、重点项目\n" +
		"序号 | 项目名称 | 建设内容 | 总投资（亿元） | 年度计划投资 | 责任单位 | 开工时间 | 竣工时间 |\n" +
		"1 | 县城东污水处理厂 | 新增日处理能力2万吨 | 3.5 | 1.2 | 县住建局 | 2025年4月 | 2026年9月 |\n" +
		"2 | 县中医院迁建 | 新建业务用房 | 6.0 | 2.5 | 县卫健局 | 2023年10月 | 2025年12月 |\n"
	p := ParseText(text)
	var ms []plan.Milestone
	invest := map[float64]plan.Date{}
	p.Walk(func(s *plan.Section) {
		ms = append(ms, s.Milestones...)
		for _, tg := range s.Targets {
			if tg.Unit == "元" {
				invest[tg.Value] = tg.Deadline
			}
		}
	})
	var got []string
	for _, m := range ms {
		got = append(got, string(m.Deadline)+" "+m.Text)
	}
	want := "2025-04-30 县城东污水处理厂开工,2026-09-30 县城东污水处理厂竣工,2025-12-31 县中医院迁建竣工"
	if strings.Join(got, ",") != want {
		t.Errorf("milestones %v, want %s (a project begun in 2023 has no start to commit to)", got, want)
	}
	if invest[1.2e8] != "2025-12-31" || invest[2.5e8] != "2025-12-31" || len(invest) != 2 {
		t.Errorf("investment targets %v, want 1.2 and 2.5 亿元 due 2025-12-31, and no total investment", invest)
	}
}
