package planparse

import (
	"strings"
	"testing"

	"github.com/planwatch/planwatch/internal/plan"
)

// A notice whose own body is numbered, signed, then the task list as its
// attachment: the notice's numbering is not the plan, and each item is
// titled by its task text, not by the label every item bears.
func TestNoticeNumberedBodyThenAppendix(t *testing.T) {
	text := strings.Join([]string{
		"青川县人民政府办公室关于印发青川县2026年农村公路提质工作台账的通知",
		"各乡镇人民政府，县级有关部门：",
		"现将《青川县2026年农村公路提质工作台账》印发给你们，并提出以下要求，请一并贯彻执行，现通知如下：",
		"一、各责任单位要逐项建立推进台账，每月5日前报送上月进展。",
		"二、县交通运输局要于2026年11月30日前组织年度考核。",
		"三、联系人：县交通运输局 王敏，电话：0839-5521234。",
		"",
		"青川县人民政府办公室",
		"2026年3月2日",
		"",
		"附件",
		"青川县2026年农村公路提质工作台账",
		"一、路网完善",
		"1. 工作任务：新改建农村公路120公里，完成危桥改造8座。",
		"牵头单位：县交通运输局",
		"配合单位：县财政局、县自然资源局",
		"完成时间：2026年10月底前",
		"2. 工作任务：实施村道安全生命防护工程",
		"牵头单位：县交通运输局",
		"配合单位：县公安局",
		"完成时间：2026年8月底前",
		"二、管养提升",
		"3. 主要任务：农村公路优良中等路率达到85%以上。",
		"牵头单位：县交通运输局",
		"完成时间：2026年12月底前",
	}, "\n")
	p := ParseText(text)
	if p.Issued != "2026-03-02" {
		t.Errorf("issued = %q, want the notice's signature date 2026-03-02", p.Issued)
	}
	got := outline(p)
	want := "0  \n1 一、 路网完善\n1.1 1. 新改建农村公路120公里，完成危桥改造8座\n1.2 2. 实施村道安全生命防护工程\n2 二、 管养提升\n2.1 3. 农村公路优良中等路率达到85%以上\n"
	if got != want {
		t.Errorf("outline:\n%s\nwant:\n%s", got, want)
	}
	if len(p.Sections) < 2 {
		return
	}
	item := p.Sections[1].Children[0]
	if strings.Join(item.LeadUnits, ",") != "县交通运输局" || strings.Join(item.CoUnits, ",") != "县财政局,县自然资源局" {
		t.Errorf("1.1 units: lead %v co %v", item.LeadUnits, item.CoUnits)
	}
	var quotes []string
	for _, tg := range item.Targets {
		quotes = append(quotes, tg.Quote+"@"+string(tg.Deadline))
	}
	if len(quotes) != 2 || !strings.HasSuffix(quotes[0], "@2026-10-31") {
		t.Errorf("1.1 targets %v, want 120公里 and 8座 by 2026-10-31", quotes)
	}
	// A one-clause labelled item is still read for targets.
	last := p.Sections[2].Children[0]
	if len(last.Targets) != 1 || last.Targets[0].Value != 85 {
		t.Errorf("2.1 targets %+v, want >= 85%%", last.Targets)
	}
	// The notice's dated requirement is kept in the preamble, not lost.
	if pre := p.Sections[0]; pre.ID != "0" || !strings.Contains(pre.Text, "年度考核") {
		t.Errorf("preamble %q does not hold the notice's requirements", pre.Text)
	}
}

// A plan signed at its end and followed by an attachment table keeps its
// own numbered body: the rule applies only when the numbering follows the
// notice's lead-in directly.
func TestSignedPlanWithAttachmentKeepsBody(t *testing.T) {
	text := strings.Join([]string{
		"某县数字乡村建设实施方案",
		"为加快数字乡村建设，制定本方案。",
		"一、建设5G基站200个",
		"二、建成益农信息社50个",
		"",
		"某县人民政府",
		"2024年5月6日",
		"",
		"附件",
		"重点项目表",
		"1. 县城光纤改造",
	}, "\n")
	p := ParseText(text)
	if len(p.Sections) < 3 || p.Sections[1].Title != "建设5G基站200个" {
		t.Errorf("outline:\n%s", outline(p))
	}
}

// The same notice shape with the list as a table after "附件1".
func TestNoticeNumberedBodyThenAppendixTable(t *testing.T) {
	text := strings.Join([]string{
		"某区人民政府办公室关于印发某区2025年为民办实事项目清单的通知",
		"各街道办事处，区直各单位：",
		"现将《某区2025年为民办实事项目清单》印发给你们，并提出以下要求：",
		"一、各责任单位要倒排工期，确保按时完成。",
		"二、区政府督查室每季度通报一次进展。",
		"",
		"某区人民政府办公室",
		"2025年1月20日",
		"",
		"附件1",
		"某区2025年为民办实事项目清单",
		"序号 | 项目内容 | 牵头单位 | 配合单位 | 完成时限",
		"1 | 新建社区嵌入式托育点6个 | 区卫生健康局 | 区教育局 | 2025年10月底前",
		"2 | 改造老旧小区燃气管道35公里 | 区住房城乡建设局 | 区应急管理局 | 2025年11月底前",
	}, "\n")
	p := ParseText(text)
	var rows int
	var units []string
	p.Walk(func(s *plan.Section) {
		if strings.HasPrefix(s.Title, "一") || strings.Contains(s.Title, "倒排工期") {
			t.Errorf("the notice's requirement %q became a section", s.Title)
		}
		if len(s.Targets) > 0 && s.ID != "0" {
			rows++
			units = append(units, strings.Join(s.LeadUnits, ",")+"/"+strings.Join(s.CoUnits, ","))
		}
	})
	if rows != 2 || units[0] != "区卫生健康局/区教育局" {
		t.Errorf("rows with targets %d, units %v; want the 2 table rows\n%s", rows, units, outline(p))
	}
}
