package planparse

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/planwatch/planwatch/internal/plan"
)

// sharedPlans is where CI puts the real plan texts, beside the repository.
const sharedPlans = "../../../shared/plans"

func parseFile(t *testing.T, name string) *plan.Plan {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(sharedPlans, name))
	if err != nil {
		t.Skipf("real plan texts not available: %v", err)
	}
	if strings.HasPrefix(name, "dev/") {
		// The first four "# " lines record provenance, not document text.
		lines := strings.SplitN(string(data), "\n", 5)
		data = []byte(lines[len(lines)-1])
	}
	p, err := Parse(name, data)
	if err != nil {
		t.Fatalf("parse %s: %v", name, err)
	}
	return p
}

// outline renders the tree as "id number title" lines for comparison.
func outline(p *plan.Plan) string {
	var b strings.Builder
	p.Walk(func(s *plan.Section) {
		b.WriteString(s.ID + " " + s.Number + " " + s.Title + "\n")
	})
	return b.String()
}

func TestNumberingLevels(t *testing.T) {
	cases := []struct {
		name, text, want string
	}{
		{
			name: "four levels, full width",
			text: "一、总体要求\n（一）指导思想\n1．推进建设\n（1）建设基站\n①宏基站\n②微基站\n（2）建设机房\n2、发展互联网\n（二）目标\n二、主要任务",
			want: "1 一、 总体要求\n1.1 （一） 指导思想\n1.1.1 1． 推进建设\n1.1.1.1 （1） 建设基站\n1.1.1.1.1 ① 宏基站\n1.1.1.1.2 ② 微基站\n1.1.1.2 （2） 建设机房\n1.1.2 2、 发展互联网\n1.2 （二） 目标\n2 二、 主要任务\n",
		},
		{
			name: "half width with PDF spaces",
			text: "一、总体要求\n( 一 ) 指导思想\n1 . 推进建设\n(1)建设基站\n二、主要任务",
			want: "1 一、 总体要求\n1.1 ( 一 ) 指导思想\n1.1.1 1 . 推进建设\n1.1.1.1 (1) 建设基站\n2 二、 主要任务\n",
		},
		{
			name: "a skipped level nests under the higher style",
			text: "一、目标\n1.增长6%。\n2.增长5%。\n二、任务\n（一）产业\n1.做强产业。\n（二）环境\n三、保障",
			want: "1 一、 目标\n1.1 1. 增长6%\n1.2 2. 增长5%\n2 二、 任务\n2.1 （一） 产业\n2.1.1 1. 做强产业\n2.2 （二） 环境\n3 三、 保障\n",
		},
		{
			name: "chapters and articles",
			text: "第一章 总则\n第一条 为推进建设，制定本办法。\n第二条 本办法适用于全市。\n第二章 任务\n第三条 建设基站。\n（一）宏基站；\n（二）微基站。",
			want: "1 第一章 总则\n1.1 第一条 为推进建设，制定本办法\n1.2 第二条 本办法适用于全市\n2 第二章 任务\n2.1 第三条 建设基站\n2.1.1 （一） 宏基站\n2.1.2 （二） 微基站\n",
		},
		{
			name: "第一， ordinals",
			text: "一、任务\n第一，加强领导。各地要加强领导。\n第二，强化保障。",
			want: "1 一、 任务\n1.1 第一， 加强领导\n1.2 第二， 强化保障\n",
		},
		{
			name: "decimals and numbered dates are not headings",
			text: "一、任务\n1.5亿元用于建设。\n2.0行动计划全面实施。\n2020、2021年持续推进。\n十四五期间完成。\n一、二季度完成招标。\n一、二级医院全覆盖。",
			want: "1 一、 任务\n",
		},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if got := outline(ParseText(c.text)); got != c.want {
				t.Errorf("got\n%s\nwant\n%s", got, c.want)
			}
		})
	}
}

func TestRunInHeading(t *testing.T) {
	p := ParseText("一、保障措施\n（一）加强统筹协调。建立健全工作推进机制。市发展改革委要强化统筹。\n（二）创新支持方式：加大投入。")
	s := task(t, p, "1.1")
	if s.Title != "加强统筹协调" || s.Text != "建立健全工作推进机制。市发展改革委要强化统筹。" {
		t.Errorf("run-in heading: title %q text %q", s.Title, s.Text)
	}
	if s := task(t, p, "1.2"); s.Title != "创新支持方式" || s.Text != "加大投入。" {
		t.Errorf("label before a colon: title %q text %q", s.Title, s.Text)
	}
}

func TestSectionTextExcludesChildren(t *testing.T) {
	p := ParseText("一、任务\n总的要求。\n（一）基站\n建设基站。\n（二）机房\n建设机房。")
	if s := task(t, p, "1"); s.Text != "总的要求。" {
		t.Errorf("parent text %q", s.Text)
	}
	if s := task(t, p, "1.2"); s.Text != "建设机房。" {
		t.Errorf("child text %q", s.Text)
	}
}

func TestNoticeIsNotSections(t *testing.T) {
	p := parseFile(t, "changsha_xinjijian_2020.txt")
	if len(p.Sections) != 4 {
		t.Fatalf("top sections: %s", outline(p))
	}
	pre := p.Sections[0]
	if pre.ID != "0" || pre.Number != "" || pre.Title != "" || !strings.HasPrefix(pre.Text, "新型基础设施是以新发展理念为引领") {
		t.Errorf("preamble section %+v", pre)
	}
	for _, bad := range []string{"现印发给你们", "此件主动公开", "抄送", "印发"} {
		p.Walk(func(s *plan.Section) {
			if strings.Contains(s.Text, bad) || strings.Contains(s.Title, bad) {
				t.Errorf("section %s holds header or closing block text %q", s.ID, bad)
			}
		})
	}
	last := task(t, p, "3.6")
	if !strings.HasSuffix(last.Text, "有效期至2022年12月31日。") {
		t.Errorf("last section ends %q", last.Text[max(0, len(last.Text)-60):])
	}
}

func TestPDFBrokenParagraphsRejoined(t *testing.T) {
	p := parseFile(t, "changsha_xinjijian_2020.txt")
	for id, want := range map[string]string{
		"1.2":   "工业互联网、区块链等新技术",
		"2.2.1": "有效提升政府治理能力",
		"2.3.1": "原",
	} {
		s := task(t, p, id)
		if !strings.Contains(s.Text, want) || strings.Contains(s.Text, "\n") {
			t.Errorf("section %s text not rejoined around %q: %q", id, want, s.Text)
		}
	}
	// A bare heading is never joined to the paragraph below it.
	if s := task(t, p, "2.1.1"); s.Title != "推进5G网络规模建设" {
		t.Errorf("heading title %q", s.Title)
	}
}

func TestLostLineBreaks(t *testing.T) {
	text := "各镇人民政府: 现印发给你们,请认真贯彻执行。 海盐县人民政府办公室 2022年4月18日 (此件公开发布) 政府工作报告2022年重点工作责任分解 一、王丹县长牵头重点工作 1.全县生产总值增长7.5%左右;一般公共预算收入增长8.5%。 责任单位:县发改局(首位单位为牵头单位,下同)、县财政局 2.落实过紧日子要求,投入1.5亿元,努力降低行政运行成本。 责任单位:县财政局 二、曹惠明常务副县长牵头重点工作 1.坚持集体学法。 责任单位:县司法局"
	p := ParseText(text)
	want := "1 一、 王丹县长牵头重点工作\n1.1 1. 全县生产总值增长7.5%左右;一般公共预算收入增长8.5%\n1.2 2. 落实过紧日子要求,投入1.5亿元,努力降低行政运行成本\n2 二、 曹惠明常务副县长牵头重点工作\n2.1 1. 坚持集体学法\n"
	if got := outline(p); got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
	if s := task(t, p, "1.2"); !sameUnits(s.LeadUnits, []string{"县财政局"}) {
		t.Errorf("1.2 lead %q", s.LeadUnits)
	}
	if p.Title != "政府工作报告2022年重点工作责任分解" || p.Issuer != "海盐县人民政府办公室" || p.Issued != "2022-04-18" {
		t.Errorf("metadata %q %q %q", p.Title, p.Issuer, p.Issued)
	}
}

func TestListInsideSentenceNotSplit(t *testing.T) {
	long := strings.Repeat("加快推进新型基础设施建设，", 12)
	text := "一、任务\n（一）建设\n" + long + "重点包括：1.建设基站；2.建设机房；（1）宏站；（2）微站。" + long + "完成。"
	p := ParseText(text)
	if got := outline(p); got != "1 一、 任务\n1.1 （一） 建设\n" {
		t.Errorf("a list inside a sentence was split:\n%s", got)
	}
}

func TestDeepNestingIsBounded(t *testing.T) {
	var b strings.Builder
	kinds := []string{"第一章 a", "第一节 b", "第一条 c", "一、d", "（一）e", "1.f", "（1）g", "1）h", "①i", "第一，j"}
	for i := 0; i < 100; i++ {
		for _, k := range kinds {
			b.WriteString(k + "\n")
		}
	}
	p := ParseText(b.String())
	deepest := 0
	p.Walk(func(s *plan.Section) { deepest = max(deepest, strings.Count(s.ID, ".")+1) })
	if deepest > maxDepth {
		t.Errorf("tree depth %d exceeds %d", deepest, maxDepth)
	}
	if len(p.Sections) != 100 {
		t.Errorf("%d chapters, want 100", len(p.Sections))
	}
}

func TestTableRowsAreTasks(t *testing.T) {
	p := parseFile(t, "dev/26_linan_minshengshishi_2022.txt")
	if len(p.Sections) != 3 {
		t.Fatalf("sections:\n%s", outline(p))
	}
	s := p.Sections[0]
	if s.Number != "1" || !strings.HasPrefix(s.Title, "新建成公办中小学") || !sameUnits(s.LeadUnits, []string{"教育局"}) || len(s.CoUnits) != 13 {
		t.Errorf("row 1: %q %q lead %q co %q", s.Number, s.Title, s.LeadUnits, s.CoUnits)
	}
	if !strings.Contains(s.Text, "1.4月底前职教中心") {
		t.Errorf("row 1 text %q", s.Text)
	}
	if p.Issued != "2022-07-14" {
		t.Errorf("issued %q from the 发文日期 cell", p.Issued)
	}
}

func TestJSONHasNoNullSlices(t *testing.T) {
	p := ParseText("一、任务\n1. 建设\n建设基站。")
	p.Walk(func(s *plan.Section) {
		if s.LeadUnits == nil || s.CoUnits == nil || s.Targets == nil || s.Milestones == nil || s.Children == nil {
			t.Errorf("section %s has a nil slice", s.ID)
		}
	})
	if ParseText("只有一句话。").Sections == nil {
		t.Error("nil sections")
	}
}

func TestItemNumberRunIntoDecimal(t *testing.T) {
	// "4.5G+…" continues the count 1–3 of the part before; read alone it
	// would be the decimal 4.5.
	text := "一、任务\n（一）网络\n1.建设站址。\n2.开放资源。\n3.保障电力。\n（二）应用\n4.5G+工业互联网。建成工厂3家。\n5.5G+智慧医疗。建成专网。\n二、保障\n（一）资金\n1.5亿元专项资金用于奖补。"
	want := "1 一、 任务\n1.1 （一） 网络\n1.1.1 1. 建设站址\n1.1.2 2. 开放资源\n1.1.3 3. 保障电力\n1.2 （二） 应用\n1.2.1 4. 5G+工业互联网\n1.2.2 5. 5G+智慧医疗\n2 二、 保障\n2.1 （一） 资金\n"
	if got := outline(ParseText(text)); got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
}

func TestNoticeTitleNotJoinedToNumber(t *testing.T) {
	text := "某县人民政府办公室关于印发《2024年县政府工作报告重点工作任务分工方案》的通知\n\n某政办发〔2024〕5号\n\n各乡镇：\n\n现印发给你们。\n\n某县人民政府办公室\n\n2024年3月8日\n\n2024年县政府工作报告重点工作任务分工方案\n\n一、目标\n1、增长6.5%左右。"
	p := ParseText(text)
	if p.DocNumber != "某政办发〔2024〕5号" || p.Title != "2024年县政府工作报告重点工作任务分工方案" || p.Issued != "2024-03-08" {
		t.Errorf("metadata %q %q %q", p.DocNumber, p.Title, p.Issued)
	}
}

func TestOneLineHeader(t *testing.T) {
	text := "东湖区人民政府关于印发东湖区城市更新行动实施方案的通知东政发〔2022〕15号各街道办事处：现将《东湖区城市更新行动实施方案》印发给你们，请认真组织实施。东湖区人民政府2022年5月10日东湖区城市更新行动实施方案为改善居民居住条件，制定本方案。一、总体要求（一）指导思想。坚持以人民为中心。"
	p := ParseText(text)
	if p.DocNumber != "东政发〔2022〕15号" || p.Issued != "2022-05-10" || p.Issuer != "东湖区人民政府" {
		t.Errorf("metadata %q %q %q", p.DocNumber, p.Issued, p.Issuer)
	}
}

func TestNoticeNotPreambleWithoutTitle(t *testing.T) {
	text := "某市人民政府办公室关于印发《某市数字经济行动方案》的通知\n各区人民政府：\n《某市数字经济行动方案》已经市政府同意，现印发给你们，请认真执行。\n某市人民政府办公室\n2021年5月6日\n为加快数字经济发展，制定本方案。\n一、目标\n到2025年建成平台。"
	p := ParseText(text)
	if p.Title != "某市数字经济行动方案" {
		t.Errorf("title %q", p.Title)
	}
	if pre := p.Sections[0]; pre.ID != "0" || pre.Text != "为加快数字经济发展，制定本方案。" {
		t.Errorf("preamble %q", pre.Text)
	}
}

func TestTableHeadingsMergedCellsAndColumns(t *testing.T) {
	text := "某区2023年重点工作任务分解表\n" +
		"| 序号 | 类别 | 重点任务 | 牵头单位 | 责任单位 | 完成时限 |\n" +
		"| 一、经济发展 | | | | | |\n" +
		"| 1 | 项目建设 | 完成固定资产投资50亿元。 | 区发改局 | 区财政局、各街道 | 2023年12月底 |\n" +
		"| 2 | 新建5G基站200个。 | 区工信局 | 区通管办 | 2023年9月底 |\n" +
		"| 二、民生保障 | | | | | |\n" +
		"| 3 | 民生 | 新增学位800个。 | 区教育局 | 区住建局 | 2023年8月底 |\n"
	p := ParseText(text)
	want := "1 一、 经济发展\n1.1 1 项目建设\n1.2 2 新建5G基站200个\n2 二、 民生保障\n2.1 3 民生\n"
	if got := outline(p); got != want {
		t.Fatalf("got\n%s\nwant\n%s", got, want)
	}
	row := task(t, p, "1.2")
	if !sameUnits(row.LeadUnits, []string{"区工信局"}) || !sameUnits(row.CoUnits, []string{"区通管办"}) || row.Text != "完成时限：2023年9月底" {
		t.Errorf("row with a merged category cell: lead %q co %q text %q", row.LeadUnits, row.CoUnits, row.Text)
	}
	if len(row.Targets) != 1 || row.Targets[0].Value != 200 || row.Targets[0].Deadline != "2023-09-30" {
		t.Errorf("row 2 targets %+v, want 200 by the 完成时限 cell 2023-09-30", row.Targets)
	}
	row = task(t, p, "1.1")
	if !sameUnits(row.LeadUnits, []string{"区发改局"}) || !sameUnits(row.CoUnits, []string{"区财政局", "各街道"}) {
		t.Errorf("row 1: lead %q co %q", row.LeadUnits, row.CoUnits)
	}
}

func TestPageNumbersDropped(t *testing.T) {
	text := "一、任务\n（一）建设\n加快推进新型基础设施建设，推动5G网络、数据中心、工业互联网\n\n— 3 —\n\n等设施建设。\n-4-\n第5页 共9页\n（二）保障"
	p := ParseText(text)
	if s := task(t, p, "1.1"); s.Text != "加快推进新型基础设施建设，推动5G网络、数据中心、工业互联网等设施建设。" {
		t.Errorf("text %q", s.Text)
	}
}

func TestHeadingNumberAloneOnItsLine(t *testing.T) {
	text := "一、\n总体要求\n（一）\n\n指导思想\n坚持新发展理念。\n1.\n推进建设\n建设基站。"
	want := "1 一、 总体要求\n1.1 （一） 指导思想\n1.1.1 1. 推进建设\n"
	if got := outline(ParseText(text)); got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
}

func TestChangshaWithoutLineBreaks(t *testing.T) {
	data, err := os.ReadFile(filepath.Join(sharedPlans, "changsha_xinjijian_2020.txt"))
	if err != nil {
		t.Skipf("real plan texts not available: %v", err)
	}
	p := ParseText(strings.ReplaceAll(string(data), "\n", ""))
	if p.DocNumber != "长政办发〔2020〕23号" || p.Issuer != "长沙市人民政府办公厅" || p.Issued != "2020-07-20" || p.EffectiveTo != "2022-12-31" {
		t.Errorf("metadata %+v", metaOf(p))
	}
	tasks := 0
	p.Walk(func(s *plan.Section) {
		if strings.HasPrefix(s.ID, "2.") && strings.Count(s.ID, ".") == 2 && len(s.LeadUnits) == 1 {
			tasks++
		}
		if strings.Contains(s.Text, "抄送") {
			t.Errorf("section %s holds the 抄送 block", s.ID)
		}
	})
	if tasks != 16 {
		t.Errorf("%d tasks with a lead under 二、主要任务, want 16:\n%s", tasks, outline(p))
	}
}

func TestTextWithoutHeadingsIsKept(t *testing.T) {
	p := ParseText("到2025年，全市新建5G基站1万个。\n各区要加强组织领导。")
	if len(p.Sections) != 1 || p.Sections[0].ID != "0" || !strings.Contains(p.Sections[0].Text, "新建5G基站1万个") {
		t.Errorf("sections:\n%s", outline(p))
	}
}
