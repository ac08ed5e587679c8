package planparse

import (
	"fmt"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/planwatch/planwatch/internal/plan"
)

// checkTargets reads body and compares the targets found with want on
// value, unit, comparator and deadline ("none": no deadline).
func checkTargets(t *testing.T, body string, docYear int, inherited plan.Date, want []targetWant) {
	t.Helper()
	got, _ := readCommitments(body, docYear, inherited)
	assertQuotes(t, body, got)
	if len(got) != len(want) {
		t.Fatalf("got %d targets, want %d:\n%s", len(got), len(want), dumpTargets(got))
	}
	for k, w := range want {
		g := got[k]
		if g.Value != w.value || g.Unit != w.unit || w.cmp != "" && g.Comparator != w.cmp {
			t.Errorf("target %d: %s %v %q, want %s %v %q", k, g.Comparator, g.Value, g.Unit, w.cmp, w.value, w.unit)
		}
		if w.deadline == "none" && g.Deadline != "" || w.deadline != "" && w.deadline != "none" && g.Deadline != w.deadline {
			t.Errorf("target %d (%v): deadline %q, want %q", k, g.Value, g.Deadline, w.deadline)
		}
		if w.quote != "" && g.Quote != w.quote {
			t.Errorf("target %d (%v): quote %q, want %q", k, g.Value, g.Quote, w.quote)
		}
	}
}

// Figures as plans write them in Chinese numerals with 点, and limits in
// time units.
func TestReadCommitmentsDecimalsAndTimeUnits(t *testing.T) {
	tests := []struct {
		name, body string
		want       []targetWant
	}{
		{"a Chinese decimal before 亿", "县财政安排乡村振兴衔接资金不少于三点六亿元。",
			[]targetWant{{value: 3.6e8, unit: "元", cmp: ">="}}},
		{"a Chinese decimal percent", "全县规模以上工业增加值增速高于全市平均水平百分之零点五以上。",
			[]targetWant{{value: 0.5, unit: "%", cmp: ">="}}},
		{"a limit in seconds", "群众来电平均接通时长缩短至15秒以内。",
			[]targetWant{{value: 15, unit: "秒", cmp: "<=", quote: "群众来电平均接通时长缩短至15秒以内"}}},
		{"a limit in hours with 个", "企业开办全流程压减到4个小时以内。",
			[]targetWant{{value: 4, unit: "个小时", cmp: "<="}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) { checkTargets(t, tt.body, 2025, "", tt.want) })
	}
}

// A stage introduced by 其中 dates that stage only; the clauses after the
// semicolon keep the sentence's own deadline.
func TestReadCommitmentsStageDeadlineStaysInItsClause(t *testing.T) {
	checkTargets(t, "2025年新建农村公路50公里，其中9月底前完成30公里；改造危桥6座，实现行政村通客车率100%。", 2025, "", []targetWant{
		{value: 50, unit: "公里", deadline: "2025-12-31"},
		{value: 30, unit: "公里", deadline: "2025-09-30"},
		{value: 6, unit: "座", deadline: "2025-12-31"},
		{value: 100, unit: "%", deadline: "2025-12-31"},
	})
}

// "春节前", "开学前", "汛前" set deadlines no calendar date stands for: the
// figure they head takes the task's own deadline or none, never the date
// of the sentence before.
func TestReadCommitmentsSeasonDeadline(t *testing.T) {
	body := "3月底前完成困难群众底数排查，春节前走访慰问困难群众不少于1200户。\n开学前完成校园周边道路改造8条。"
	got, _ := readCommitmentsDue(body, 2025, "", "")
	if len(got) != 2 {
		t.Fatalf("got %d targets, want 2:\n%s", len(got), dumpTargets(got))
	}
	for _, g := range got {
		if g.Deadline != "" {
			t.Errorf("%q dated %s; a season phrase must not take a neighbour's date", g.Quote, g.Deadline)
		}
	}
	got, _ = readCommitmentsDue(body, 2025, "", "2025-06-30")
	for _, g := range got {
		if g.Deadline != "2025-06-30" {
			t.Errorf("%q dated %q, want the task's own deadline 2025-06-30", g.Quote, g.Deadline)
		}
	}
}

// "N年内" counts from the first year of the plan's period, not from the
// year the document was issued: a 2025–2027 plan numbered in 2024 means
// "by the end of 2026" by 两年内.
func TestYearsWithinCountFromPlanPeriod(t *testing.T) {
	p := ParseText("某政办发〔2024〕9号\n某县托育服务提升行动方案（2025—2027年）\n一、主要目标\n两年内新增普惠托位600个，用三年时间实现每千人口托位数达到4.5个。")
	sec := task(t, p, "1")
	if len(sec.Targets) != 2 {
		t.Fatalf("targets:\n%s", dumpTargets(sec.Targets))
	}
	if d := sec.Targets[0].Deadline; d != "2026-12-31" {
		t.Errorf("两年内 dated %q, want 2026-12-31", d)
	}
	if d := sec.Targets[1].Deadline; d != "2027-12-31" {
		t.Errorf("用三年时间 dated %q, want 2027-12-31", d)
	}
}

// Counts written the other ways plans put them: after a list closed by
// 等, with the floor before the verb, and a share of a practice a ban
// word names.
func TestReadCommitmentsCountForms(t *testing.T) {
	tests := []struct {
		name, body string
		want       []targetWant
	}{
		{"a count after 等 names the work", "整治城南、城北等4个片区积水点，年底前全部销号。",
			[]targetWant{{value: 4, unit: "个", cmp: ""}}},
		{"a floor before the verb", "各社区至少预留1处应急避难场所。",
			[]targetWant{{value: 1, unit: "处", cmp: ">="}}},
		{"a share after a ban word", "全县餐饮门店不再主动提供塑料吸管的比例达到90%以上。",
			[]targetWant{{value: 90, unit: "%", cmp: ">="}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) { checkTargets(t, tt.body, 2025, "", tt.want) })
	}
}

// A count after 等 in a cited list of documents, and a threshold inside
// a ban, stay non-targets.
func TestReadCommitmentsCountFormsNonTargets(t *testing.T) {
	for _, body := range []string{
		"县政府印发人才引进、住房保障等5个配套文件。",
		"按照《关于加快发展养老服务业的意见》等3个文件要求推进。",
		"城区范围内禁止新建每小时20蒸吨以下燃煤锅炉。",
	} {
		if got, _ := readCommitments(body, 2025, ""); len(got) > 0 {
			t.Errorf("%q: want no targets, got:\n%s", body, dumpTargets(got))
		}
	}
}

// Conditions are not commitments: a threshold choosing who qualifies, a
// duration each person must serve, the design figures of a named
// facility. The figures a plan sets to reach stay.
func TestReadCommitmentsConditionsAreNoTargets(t *testing.T) {
	for _, body := range []string{
		"优先支持常住人口五千人以上的行政村建设村级养老服务站。",
		"重点在户籍人口规模两万人以上的集镇布点建设。",
		"每名驻村干部驻村时间原则上不少于两年。",
		"专家团队每批次驻点指导时长不少于3个月。",
		"新建城北污水处理厂（设计规模5万吨/日）。",
		"建设石门应急水源工程（库容120万立方米）。",
		"实施城西水厂扩建，设计供水能力10万吨/日。",
		"新建公共建筑屋面绿化须符合绿化覆盖率30%以上的标准。",
	} {
		if got, _ := readCommitments(body, 2025, ""); len(got) > 0 {
			t.Errorf("%q: want no targets, got:\n%s", body, dumpTargets(got))
		}
	}
	tests := []struct {
		name, body string
		want       []targetWant
	}{
		{"an average time to bring down", "门诊患者平均候诊时间不超过15分钟。",
			[]targetWant{{value: 15, unit: "分钟", cmp: "<="}}},
		{"a capacity outside parentheses is a level to reach", "建成应急备用水源2处，总库容达到300万立方米。",
			[]targetWant{{value: 2, unit: "处"}, {value: 3e6, unit: "立方米", cmp: ">="}}},
		{"a population served is reached, not a class", "家庭医生签约服务覆盖人口达到30万人以上。",
			[]targetWant{{value: 300000, unit: "人", cmp: ">="}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) { checkTargets(t, tt.body, 2025, "", tt.want) })
	}
}

// Small counts in Chinese numerals: one closing a clause whose verb makes
// things, and one listed after an accepted count, are targets; a count of
// aspects of the work is not.
func TestReadCommitmentsSmallChineseCounts(t *testing.T) {
	tests := []struct {
		name, body string
		want       []targetWant
	}{
		{"a count closing its clause", "力争培育省级专精特新企业八家。",
			[]targetWant{{value: 8, unit: "家"}}},
		{"a second count sharing the verb", "2025年新建三个社区食堂、五个老年助餐点，并投入运营。",
			[]targetWant{{value: 3, unit: "个", deadline: "2025-12-31"}, {value: 5, unit: "个", deadline: "2025-12-31"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) { checkTargets(t, tt.body, 2025, "", tt.want) })
	}
	for _, body := range []string{
		"重点抓好四个方面工作。",
		"围绕三个领域、五项任务开展攻坚。",
	} {
		if got, _ := readCommitments(body, 2025, ""); len(got) > 0 {
			t.Errorf("%q: want no targets, got:\n%s", body, dumpTargets(got))
		}
	}
}

// A report on the year's work due on an exact day is a dated step, even
// after a "全年" opening the clause; a monthly report is a routine.
func TestReadCommitmentsReportDueOnADay(t *testing.T) {
	_, ms := readCommitments("全年目标任务完成情况于2025年11月25日前报县发展改革局。", 2025, "")
	if len(ms) != 1 || ms[0].Deadline != "2025-11-25" {
		t.Errorf("milestones %+v, want one due 2025-11-25", ms)
	}
	for _, body := range []string{
		"各责任单位于每月5日前将上月进展情况报县发展改革局。",
		"对未按时限完成任务的单位于2025年12月31日前报县政府予以通报。",
	} {
		if _, ms := readCommitments(body, 2025, ""); len(ms) != 0 {
			t.Errorf("%q: want no milestone, got %+v", body, ms)
		}
	}
}

// runeAt must agree with the utf8 package on every input, malformed
// sequences included, since the scans step by its sizes.
func TestRuneAtAgreesWithUTF8(t *testing.T) {
	for _, s := range []string{"新建5G基站4万个。", "\xe4\xb8", "\xe0\x80\xa8", "\xed\xa0\x80x", "\xef\xbf\xbd", "\xe4\xb8\xad\xe6", "a\xff年"} {
		for i := 0; i < len(s); i++ {
			r, n := runeAt(s, i)
			wr, wn := utf8.DecodeRuneInString(s[i:])
			if r != wr || n != wn {
				t.Errorf("runeAt(%q, %d) = %U %d, want %U %d", s, i, r, n, wr, wn)
			}
		}
	}
}

// A bracketed breakdown (其中/含/包括) is read as a clause of its own: the
// total before it stays a target and the part is one too; a bracket that
// only names what is counted adds nothing. And 一次性 names a product
// ("一次性用品") unless a grant word says it is a one-off payment.
func TestReadCommitmentsBreakdownsAndOneOffProducts(t *testing.T) {
	tests := []struct {
		name, body string
		want       []targetWant
	}{
		{"a total with its part in brackets", "到2026年，全县改造供水管网45公里（其中老旧主管网12公里），新建加压泵站3座。",
			[]targetWant{{value: 45, unit: "公里"}, {value: 12, unit: "公里"}, {value: 3, unit: "座"}}},
		{"包括 in half-width brackets", "全年新增停车泊位2000个(包括公共停车泊位600个)。",
			[]targetWant{{value: 2000, unit: "个"}, {value: 600, unit: "个"}}},
		{"a bracket naming what is counted", "新建5G基站1500个（含室内分布系统）。",
			[]targetWant{{value: 1500, unit: "个"}}},
		{"a share of one-off products", "宾馆酒店不主动提供一次性用品的比例达到80%以上。",
			[]targetWant{{value: 80, unit: "%", cmp: ">="}}},
		{"a one-off grant is no target", "对新认定的国家级专精特新企业一次性给予50万元奖励。", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) { checkTargets(t, tt.body, 2025, "", tt.want) })
	}
}

// 取消 completes an abolition that can be checked ("全面取消…"); 同步 before
// a completion verb dates a work alongside the one before it, while 同步
// before an activity stays vague.
func TestReadMilestonesAbolitionAndAlongside(t *testing.T) {
	tests := []struct {
		body string
		want []string // milestone deadlines, in order
	}{
		{"2025年9月底前全面取消政府投资项目施工图审查备案环节。", []string{"2025-09-30"}},
		{"2025年8月底前建成东区污水处理厂，同步建成配套管网。", []string{"2025-08-31", "2025-08-31"}},
		{"2025年底前同步推进老旧小区改造和管网更新。", nil},
		{"对连续两年考核不合格的单位，取消年度评优资格。", nil},
	}
	for _, tt := range tests {
		_, ms := readCommitments(tt.body, 2025, "")
		var got []string
		for _, m := range ms {
			got = append(got, string(m.Deadline))
		}
		if strings.Join(got, ",") != strings.Join(tt.want, ",") {
			t.Errorf("%s: milestones %v (%+v), want deadlines %v", tt.body, got, ms, tt.want)
		}
	}
}

// A range of percentages is a floor at its lower bound, as "8—10个" is; a
// fraction in words is a share; a share of votes a decision needs is a
// rule of procedure.
func TestReadCommitmentsPercentRangesFractionsAndConsent(t *testing.T) {
	tests := []struct {
		name, body string
		want       []targetWant
	}{
		{"a range of percentages", "全县文旅综合收入年均增长12%—15%。",
			[]targetWant{{value: 12, unit: "%", cmp: ">="}}},
		{"a range with a half-width dash", "科技型中小企业数量年均增长5%-8%，新认定高新技术企业30家。",
			[]targetWant{{value: 5, unit: "%", cmp: ">="}, {value: 30, unit: "家"}}},
		{"a growth rate, then a count", "地区生产总值增长6%，新增城镇就业8000人。",
			[]targetWant{{value: 6, unit: "%"}, {value: 8000, unit: "人"}}},
		{"a fraction in words", "县域内住院率达到四分之三以上。",
			[]targetWant{{value: 75, unit: "%", cmp: ">="}}},
		{"a fraction that rounds", "乡镇卫生院中医馆覆盖率达到三分之二以上。",
			[]targetWant{{value: 66.67, unit: "%", cmp: ">="}}},
		{"a consent threshold", "加装电梯须经本单元三分之二以上业主同意。", nil},
		{"a vote threshold", "年度计划经职工代表大会过半数、三分之二以上代表表决通过后实施。", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) { checkTargets(t, tt.body, 2025, "", tt.want) })
	}
}

// A paragraph that opens with a year before the document's reports the
// past to its end, full stops included, until the plan's own time comes
// up again.
func TestPastParagraphRunsOnUntilThePlansTime(t *testing.T) {
	checkTargets(t, "2024年，全县新建农村公路120公里，完成投资8.6亿元。累计建成5G基站2100个，行政村通5G率达到95%。2025年，新建农村公路60公里。", 2025, "", []targetWant{
		{value: 60, unit: "公里", deadline: "2025-12-31"},
	})
	checkTargets(t, "2024年，全县新建农村公路120公里。到2026年，累计建成5G基站3000个。", 2025, "", []targetWant{
		{value: 3000, unit: "个", deadline: "2026-12-31"},
	})
}

// A lead-in that dates a list ("到2026年，…。主要目标如下：") dates the
// numbered sections after it that name no date of their own.
func TestLeadInDatesTheListAfterIt(t *testing.T) {
	text := "某县工作方案\n一、工作目标\n到2026年，全县数字乡村建设取得明显成效。主要目标如下：\n" +
		"（一）网络覆盖。行政村千兆光网通达率达到100%。\n（二）应用普及。建成数字乡村示范村20个。2025年底前建成县级数字乡村服务平台1个。\n" +
		"二、重点任务\n（一）推进网络建设。新建5G基站300个。\n"
	p := ParseText(text)
	var due []string
	p.Walk(func(s *plan.Section) {
		for _, tg := range s.Targets {
			due = append(due, fmt.Sprint(tg.Value)+" "+string(tg.Deadline))
		}
	})
	if got := strings.Join(due, ","); got != "100 2026-12-31,20 2026-12-31,1 2025-12-31,300 " {
		t.Errorf("targets by deadline %s, want the list's two dated 2026 (its own 2025 kept) and the next section's undated", got)
	}
}
