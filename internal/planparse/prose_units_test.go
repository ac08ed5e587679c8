package planparse

import (
	"fmt"
	"strings"
	"testing"
)

// Lead and co-units written into the running text of a task, in every
// pairing of a lead verb with a co verb, keep both lists; the figure in
// the same sentence is still read.
func TestProseLeadWithCoUnits(t *testing.T) {
	cases := []struct {
		name, body string
		lead, co   []string
	}{
		{
			name: "由A牵头，B、C配合, then what is done",
			body: "由县住建局牵头，县财政局、县城管局配合，年底前完成老旧小区改造20个。",
			lead: []string{"县住建局"}, co: []string{"县财政局", "县城管局"},
		},
		{
			name: "由A牵头，会同B、C and the action in the same clause",
			body: "由县发展改革局牵头，会同县统计局、县财政局建立季度监测制度，年底前监测企业覆盖率达到90%。",
			lead: []string{"县发展改革局"}, co: []string{"县统计局", "县财政局"},
		},
		{
			name: "A牵头，B、C参与 without 由",
			body: "县教育局牵头，县卫生健康局、团县委参与，开展青少年近视防控，筛查覆盖率达到95%。",
			lead: []string{"县教育局"}, co: []string{"县卫生健康局", "团县委"},
		},
		{
			name: "A负责，B、C协助",
			body: "县应急管理局负责，县消防救援大队、县气象局协助，汛期前完成应急避难场所建设15处。",
			lead: []string{"县应急管理局"}, co: []string{"县消防救援大队", "县气象局"},
		},
		{
			name: "由A会同B、C负责",
			body: "由县卫生健康局会同县医保局、县财政局负责，年内建成县域医共体3个。",
			lead: []string{"县卫生健康局"}, co: []string{"县医保局", "县财政局"},
		},
		{
			name: "由A会同B、C and the action, no lead verb",
			body: "由县市场监管局会同县商务局、县公安局开展专项整治，检查经营主体500家以上。",
			lead: []string{"县市场监管局"}, co: []string{"县商务局", "县公安局"},
		},
		{
			name: "A为牵头单位，B、C为配合单位",
			body: "县水利局为牵头单位，县农业农村局、县财政局为配合单位，完成小型水库除险加固12座。",
			lead: []string{"县水利局"}, co: []string{"县农业农村局", "县财政局"},
		},
		{
			name: "该项工作由A牵头，B配合，C负责具体实施 closing a paragraph",
			body: "新建社区食堂30个。该项工作由县民政局牵头，县市场监管局配合，各乡镇人民政府负责具体实施。",
			lead: []string{"县民政局"}, co: []string{"县市场监管局", "各乡镇人民政府"},
		},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			p := ParseText("某县民生工作方案\n一、重点任务\n（一）推进民生项目。" + tc.body)
			sec := task(t, p, "1.1")
			if strings.Join(sec.LeadUnits, ",") != strings.Join(tc.lead, ",") || strings.Join(sec.CoUnits, ",") != strings.Join(tc.co, ",") {
				t.Errorf("lead %v co %v, want lead %v co %v", sec.LeadUnits, sec.CoUnits, tc.lead, tc.co)
			}
			if len(sec.Targets) == 0 {
				t.Errorf("the figure in %q was lost", tc.body)
			}
		})
	}
}

// "A负责" alone names who does a step, not a lead with co-units: no units
// are made up from a sentence that only mentions one body doing a thing.
func TestProseOwnerAloneIsNotReadAsLead(t *testing.T) {
	p := ParseText("某县方案\n一、任务\n（一）强化考核。考核结果由县委组织部负责运用，年底前考核覆盖率达到100%。")
	sec := task(t, p, "1.1")
	if len(sec.CoUnits) != 0 {
		t.Errorf("co %v from a sentence naming no co-unit", sec.CoUnits)
	}
}

// A line of labels under a task ("责任领导：…　牵头单位：…　责任单位：…　完
// 成时限：…") names the units up to the due label, and the due label dates
// the task's figures that name no date of their own; a unit closing a
// 责任单位 list with "按职责分工负责" is named without it.
func TestLabelLineWithDueAndDutyPhrase(t *testing.T) {
	text := "某区工作任务清单\n一、民生保障\n" +
		"（一）扩大就业。新增城镇就业6000人，零就业家庭动态清零。\n" +
		"分管区领导：张明　牵头单位：区人社局　责任单位：区财政局、区民政局　完成时限：2025年10月底前\n" +
		"（二）改善居住条件。改造老旧小区12个。（责任单位：区住建局、区财政局，各街道按职责分工负责）\n"
	p := ParseText(text)
	jobs := task(t, p, "1.1")
	if strings.Join(jobs.LeadUnits, ",") != "区人社局" || strings.Join(jobs.CoUnits, ",") != "区财政局,区民政局" {
		t.Errorf("lead %v co %v, want 区人社局 and 区财政局,区民政局 (the due label is no unit)", jobs.LeadUnits, jobs.CoUnits)
	}
	if len(jobs.Targets) == 0 || jobs.Targets[0].Deadline != "2025-10-31" {
		t.Errorf("targets %+v, want 6000 人 due 2025-10-31 from the label line", jobs.Targets)
	}
	homes := task(t, p, "1.2")
	if strings.Join(homes.LeadUnits, ",") != "区住建局" || strings.Join(homes.CoUnits, ",") != "区财政局,各街道" {
		t.Errorf("lead %v co %v, want 区住建局 and 区财政局,各街道", homes.LeadUnits, homes.CoUnits)
	}
}

// A bracketed note of short labels ends with when the item is due
// ("（牵头：A；责任：B；时间：9月底）"); the time is the item's deadline,
// not a unit.
func TestBracketNoteWithTimeLabel(t *testing.T) {
	p := ParseText("某镇2025年重点工作清单\n一、民生实事\n1. 新建村级养老服务站8个（牵头：社会事务办；责任：各村委会；时间：10月底）\n2. 完成农村户厕改造300户（牵头：农业服务中心；时间：全年）\n")
	first := task(t, p, "1.1")
	if strings.Join(first.LeadUnits, ",") != "社会事务办" || strings.Join(first.CoUnits, ",") != "各村委会" {
		t.Errorf("item 1: lead %v co %v, want 社会事务办 and 各村委会", first.LeadUnits, first.CoUnits)
	}
	if len(first.Targets) != 1 || first.Targets[0].Deadline != "2025-10-31" {
		t.Errorf("item 1 targets %+v, want 8 个 due 2025-10-31", first.Targets)
	}
	second := task(t, p, "1.2")
	if len(second.Targets) != 1 || second.Targets[0].Deadline != "2025-12-31" || len(second.CoUnits) != 0 {
		t.Errorf("item 2: co %v targets %+v, want 300 户 due 2025-12-31 and no co-unit", second.CoUnits, second.Targets)
	}
}

// A closing 任务分工 section that assigns tasks by number gives each task
// its units, one item covering one task or several; and a co-unit list
// split by a comma before its verb ("B、C，D参与") keeps all of them.
func TestTaskDivisionByNumber(t *testing.T) {
	text := "某市关于推进智慧城市建设的实施意见\n一、重点任务\n" +
		"1. 建设城市大脑。建成城市运行管理中心1个。\n2. 推进数字政务。政务服务事项网上可办率达到95%。\n" +
		"3. 发展智慧交通。新建智能信号路口200个。\n4. 建设智慧社区。建成智慧社区50个。\n" +
		"二、任务分工\n1. 第1项任务：市数据局牵头，市财政局、市发展改革委，各区人民政府参与。\n" +
		"2. 第2、3项任务：市政务服务中心牵头，市公安局参与。\n3. 第4项任务：市民政局牵头。\n"
	p := ParseText(text)
	want := []struct{ lead, co string }{
		{"市数据局", "市财政局,市发展改革委,各区人民政府"},
		{"市政务服务中心", "市公安局"},
		{"市政务服务中心", "市公安局"},
		{"市民政局", ""},
	}
	for k, w := range want {
		sec := task(t, p, fmt.Sprintf("1.%d", k+1))
		if strings.Join(sec.LeadUnits, ",") != w.lead || strings.Join(sec.CoUnits, ",") != w.co {
			t.Errorf("task %d: lead %v co %v, want %s / %s", k+1, sec.LeadUnits, sec.CoUnits, w.lead, w.co)
		}
	}
	if got := taskNumbers("2至4、7"); fmt.Sprint(got) != "[2 3 4 7]" {
		t.Errorf("taskNumbers(2至4、7) = %v", got)
	}
}
