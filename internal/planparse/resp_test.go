package planparse

import (
	"reflect"
	"strings"
	"testing"

	"github.com/planwatch/planwatch/internal/plan"
)

// halfWidth rewrites the full-width punctuation of s as ASCII, as many
// web pages and PDF extractions deliver it.
func halfWidth(s string) string {
	return strings.NewReplacer("（", "(", "）", ")", "：", ":", "；", ";", "，", ",", "．", ".").Replace(s)
}

// task finds the section with the given ID or fails the test.
func task(t *testing.T, p *plan.Plan, id string) *plan.Section {
	t.Helper()
	var found *plan.Section
	p.Walk(func(s *plan.Section) {
		if s.ID == id {
			found = s
		}
	})
	if found == nil {
		var ids []string
		p.Walk(func(s *plan.Section) { ids = append(ids, s.ID+" "+s.Number+s.Title) })
		t.Fatalf("no section %s; have:\n%s", id, strings.Join(ids, "\n"))
	}
	return found
}

func sameUnits(got, want []string) bool {
	if len(got) == 0 && len(want) == 0 {
		return true
	}
	return reflect.DeepEqual(got, want)
}

func TestResponsibilityStyles(t *testing.T) {
	cases := []struct {
		name     string
		text     string
		id       string
		lead, co []string
		notInTxt string // text that must have been cut from the task text
	}{
		{
			name: "first listed leads, stated rule",
			text: "一、主要任务\n1. 推进5G网络规模建设\n新建5G基站4万个以上。（责任单位：市工业和信息化局、市自然资源规划局、各区县市人民政府和园区管委会，列首位的为牵头单位，下同）\n2. 发展工业互联网\n打造平台。（责任单位：市工业和信息化局、相关区县市人民政府和园区管委会）",
			id:   "1.1", lead: []string{"市工业和信息化局"}, co: []string{"市自然资源规划局", "各区县市人民政府和园区管委会"},
			notInTxt: "责任单位",
		},
		{
			name: "下同 carries to a later bare note",
			text: "一、主要任务\n1. 推进5G网络规模建设\n新建5G基站4万个以上。（责任单位：市工业和信息化局、市自然资源规划局，列首位的为牵头单位，下同）\n2. 发展工业互联网\n打造平台。（责任单位：市数据资源局、相关区县市人民政府和园区管委会）",
			id:   "1.2", lead: []string{"市数据资源局"}, co: []string{"相关区县市人民政府和园区管委会"},
		},
		{
			name: "labelled lead and owner in one bracket",
			text: "一、任务\n1. 建设平台\n建成平台。（牵头单位：市发展改革委；责任单位：市财政局、市科技局）",
			id:   "1.1", lead: []string{"市发展改革委"}, co: []string{"市财政局", "市科技局"}, notInTxt: "牵头",
		},
		{
			name: "labelled lead and co on one line without brackets",
			text: "一、任务\n1. 建设平台\n建成平台。\n牵头单位：市发展改革委  配合单位：市财政局、市科技局",
			id:   "1.1", lead: []string{"市发展改革委"}, co: []string{"市财政局", "市科技局"}, notInTxt: "配合",
		},
		{
			name: "labelled lead and co separated by a comma",
			text: "一、任务\n1. 建设平台\n建成平台。（牵头单位：市发展改革委，配合单位：市财政局）",
			id:   "1.1", lead: []string{"市发展改革委"}, co: []string{"市财政局"},
		},
		{
			name: "lead and owner lines after the item",
			text: "一、目标\n1.努力实现地区生产总值增长6.2%左右。\n\n牵头单位：区发改局\n\n责任单位：立山经济开发区，全区经济运行各专班\n\n2.规模上工业增加值增长5%左右。\n\n牵头单位：区工信局",
			id:   "1.1", lead: []string{"区发改局"}, co: []string{"立山经济开发区", "全区经济运行各专班"},
		},
		{
			name: "A牵头，B、C配合",
			text: "一、任务\n1. 整治企业\n全面整治。（市生态环境局牵头，市公安局、市自然资源局配合）",
			id:   "1.1", lead: []string{"市生态环境局"}, co: []string{"市公安局", "市自然资源局"},
		},
		{
			name: "two leads, 参与, 〔〕 brackets with nested parentheses and a carry-forward clause",
			text: "二、工作任务\n1.制定准入清单。完成编制工作。〔市生态环境局牵头，市发展和改革局、工业和信息化局参与，各县、区人民政府（管委会）负责落实。以下各项工作均需各县、区人民政府（管委会）落实，不再列出。〕\n2.排查整治企业。基本完成整治。（市生态环境局、市场监管局牵头，市公安局参与）\n三、保障措施\n（一）加强领导\n各地要加强领导。",
			id:   "1.2", lead: []string{"市生态环境局", "市场监管局"}, co: []string{"市公安局", "各县", "区人民政府（管委会）"},
		},
		{
			name: "责任单位 with a lead marked in the list",
			text: "一、任务\n1. 建设平台\n建成平台。（责任单位：市科技局、市发展改革委（牵头）、市财政局）",
			id:   "1.1", lead: []string{"市发展改革委"}, co: []string{"市科技局", "市财政局"},
		},
		{
			name: "bare list of units at the end of a task",
			text: "一、任务\n1. 建设平台\n建成“两山”（岳麓山大学科技城、马栏山视频文创园）平台。（市科技局、市教育局、湘江新区管委会）",
			id:   "1.1", lead: []string{"市科技局"}, co: []string{"市教育局", "湘江新区管委会"}, notInTxt: "市教育局",
		},
		{
			name: "由A牵头，会同B、C",
			text: "一、任务\n1. 建设平台\n建成平台。（由市发展改革委牵头，会同市财政局、市科技局）",
			id:   "1.1", lead: []string{"市发展改革委"}, co: []string{"市财政局", "市科技局"},
		},
		{
			name: "A负责，B配合",
			text: "一、任务\n1. 建设平台\n建成平台。（市数据资源局负责，市财政局配合）",
			id:   "1.1", lead: []string{"市数据资源局"}, co: []string{"市财政局"},
		},
		{
			name: "由A牵头，会同B、C in running text stays in the text",
			text: "一、任务\n1. 建设平台\n由市发展改革委牵头，会同市财政局、市科技局共同研究制定实施细则。",
			id:   "1.1", lead: []string{"市发展改革委"}, co: []string{"市财政局", "市科技局"},
		},
		{
			name: "a sentence that only assigns is a note",
			text: "一、任务\n1. 建设平台\n建成平台。市数据资源局负责，市财政局配合。",
			id:   "1.1", lead: []string{"市数据资源局"}, co: []string{"市财政局"}, notInTxt: "配合",
		},
		{
			name: "a duty in prose is not an assignment",
			text: "一、保障措施\n（一）加强统筹\n市发展改革委要强化统筹协调，各任务牵头部门要加强对接。",
			id:   "1.1", lead: nil, co: nil,
		},
		{
			name: "short labels 主办/协办",
			text: "一、任务\n1. 建设平台\n建成平台。（主办：市发展改革委；协办：市财政局、市科技局）",
			id:   "1.1", lead: []string{"市发展改革委"}, co: []string{"市财政局", "市科技局"}, notInTxt: "协办",
		},
		{
			name: "bare list with the lead marked",
			text: "一、任务\n1. 建设平台\n建成平台。（市科技局、市发展改革委（牵头）、市财政局）",
			id:   "1.1", lead: []string{"市发展改革委"}, co: []string{"市科技局", "市财政局"}, notInTxt: "市财政局",
		},
		{
			name: "A负责 alone",
			text: "一、任务\n1. 建设平台\n建成平台。（市数据资源局负责）",
			id:   "1.1", lead: []string{"市数据资源局"}, co: nil, notInTxt: "负责",
		},
		{
			name: "按职责分工负责",
			text: "一、任务\n1. 建设5G网络\n建成基站。（省通信管理局牵头，省工业和信息化厅、省发展改革委按职责分工负责）",
			id:   "1.1", lead: []string{"省通信管理局"}, co: []string{"省工业和信息化厅", "省发展改革委"},
		},
		{
			name: "会同…等部门 in running text",
			text: "一、保障措施\n（一）加强组织领导。建立联席会议制度，由省发展改革委牵头，会同省工业和信息化厅等部门统筹推进。",
			id:   "1.1", lead: []string{"省发展改革委"}, co: []string{"省工业和信息化厅"},
		},
		{
			name: "labelled lines among other fields",
			text: "一、任务\n1.全年实施重点项目300个。\n责任领导：张三\n牵头单位：市发改委\n责任单位：市财政局、市自然资源局，各区县（市）人民政府\n完成时限：2024年12月底\n2.新开工项目100个以上。",
			id:   "1.1", lead: []string{"市发改委"}, co: []string{"市财政局", "市自然资源局", "各区县（市）人民政府"},
		},
		{
			name: "units separated by spaces",
			text: "一、任务\n1. 建设平台\n建成平台。\n牵头单位：市发改委\n责任单位：市财政局 市科技局  各区县人民政府",
			id:   "1.1", lead: []string{"市发改委"}, co: []string{"市财政局", "市科技局", "各区县人民政府"},
		},
		{
			name: "several units 负责 with no lead named",
			text: "一、任务\n1. 建设平台\n建成平台。（市发改委、市财政局按职责分工负责）",
			id:   "1.1", lead: []string{"市发改委"}, co: []string{"市财政局"},
		},
		{
			name: "责任单位 label over prose verbs",
			text: "一、任务\n1. 建设平台\n建成平台。（责任单位：市发改委牵头，市财政局、市科技局配合）",
			id:   "1.1", lead: []string{"市发改委"}, co: []string{"市财政局", "市科技局"},
		},
		{
			name: "note cut off after its leads",
			text: "一、任务\n1.排查整治企业。基本完成整治任务。（市生态环境局、发展和改革局牵头督导，市公安局、自然资源局、",
			id:   "1.1", lead: []string{"市生态环境局", "发展和改革局"}, co: []string{"市公安局", "自然资源局"}, notInTxt: "公安",
		},
		{
			name: "部门分工 prose line",
			text: "一、预期目标\n1.地区生产总值增长6%以上。\n分管省领导：林克庆\n部门分工：省发展改革委牵头，各地、各部门配合。",
			id:   "1.1", lead: []string{"省发展改革委"}, co: []string{"各地", "各部门"},
		},
		{
			name: "责任单位 with no rule stated: first leads",
			text: "一、任务\n1. 建设平台\n建成平台。\n责任单位：县财政局、县税务局",
			id:   "1.1", lead: []string{"县财政局"}, co: []string{"县税务局"},
		},
		{
			name: "rule inside the first unit's brackets",
			text: "一、任务\n1.全县生产总值增长7.5%左右。 责任单位：县发改局（首位单位为牵头单位，下同）、县财政局、县税务局",
			id:   "1.1", lead: []string{"县发改局"}, co: []string{"县财政局", "县税务局"}, notInTxt: "首位",
		},
		{
			name: "责任单位: unit without verb, then 配合 units",
			text: "一、任务\n1. 配齐教师\n配齐心理健康教师。（责任单位：县教育局，县卫健局、县团委配合）",
			id:   "1.1", lead: []string{"县教育局"}, co: []string{"县卫健局", "县团委"},
		},
		{
			name: "责任单位 line: unit, then 协办 unit",
			text: "一、任务\n1. 建设平台\n建成平台。\n责任单位：市数据局，市财政局协办",
			id:   "1.1", lead: []string{"市数据局"}, co: []string{"市财政局"},
		},
		{
			name: "a remark after a list is not its note",
			text: "一、任务\n1. 建设站点\n建成站点20个。\n注：涉及各乡镇的任务，由各乡镇人民政府负责。",
			id:   "1.1", lead: nil, co: nil,
		},
		{
			name: "a remark in brackets is not a note",
			text: "一、任务\n1. 建设基站\n建设5G基站1300个（含微站和室分基站）。",
			id:   "1.1", lead: nil, co: nil,
		},
	}
	for _, c := range cases {
		for _, width := range []string{"full", "half"} {
			t.Run(c.name+"/"+width, func(t *testing.T) {
				text := c.text
				if width == "half" {
					text = halfWidth(text)
				}
				p := ParseText(text)
				s := task(t, p, c.id)
				lead, co := c.lead, c.co
				if width == "half" {
					lead = splitUnits(halfWidth(strings.Join(lead, "、")))
					co = splitUnits(halfWidth(strings.Join(co, "、")))
				}
				if !sameUnits(s.LeadUnits, lead) || !sameUnits(s.CoUnits, co) {
					t.Errorf("section %s:\nlead %q, want %q\nco   %q, want %q", c.id, s.LeadUnits, lead, s.CoUnits, co)
				}
				if c.notInTxt != "" && (strings.Contains(s.Text, c.notInTxt) || strings.Contains(s.Title, c.notInTxt)) {
					t.Errorf("note left in the task: title %q text %q", s.Title, s.Text)
				}
			})
		}
	}
}

func TestCarryForwardOnlyToTasks(t *testing.T) {
	text := "二、工作任务\n1.制定清单。完成编制。（市生态环境局牵头，以下各项工作均需各区县人民政府负责落实，不再一一列出。）\n2.整治企业。完成整治。（市公安局牵头）\n三、保障措施\n（一）加强领导\n各地要加强领导。"
	p := ParseText(text)
	for _, id := range []string{"1.1", "1.2"} {
		if s := task(t, p, id); !contains(s.CoUnits, "各区县人民政府") {
			t.Errorf("task %s co-units %q lack the carried unit", id, s.CoUnits)
		}
	}
	if s := task(t, p, "2.1"); len(s.CoUnits) != 0 {
		t.Errorf("a section without a note got co-units %q", s.CoUnits)
	}
}

func TestNoteAttachesToDeepestTask(t *testing.T) {
	text := "一、主要任务\n（一）通信网络\n1. 推进5G\n建设基站。（责任单位：市工信局、市通管办）\n（二）信息技术\n建设平台。"
	p := ParseText(text)
	if s := task(t, p, "1.1.1"); !sameUnits(s.LeadUnits, []string{"市工信局"}) {
		t.Errorf("task 1.1.1 lead %q", s.LeadUnits)
	}
	for _, id := range []string{"1", "1.1", "1.2"} {
		if s := task(t, p, id); len(s.LeadUnits)+len(s.CoUnits) != 0 {
			t.Errorf("section %s got units %q %q", id, s.LeadUnits, s.CoUnits)
		}
	}
	if s := task(t, p, "1.1.1"); s.Text != "建设基站。" {
		t.Errorf("task text %q, want the note removed", s.Text)
	}
}

func TestChangshaEveryTaskHasUnits(t *testing.T) {
	p := parseFile(t, "changsha_xinjijian_2020.txt")
	tasks := 0
	p.Walk(func(s *plan.Section) {
		if !strings.HasPrefix(s.ID, "2.") || strings.Count(s.ID, ".") != 2 {
			return
		}
		tasks++
		if len(s.LeadUnits) != 1 {
			t.Errorf("task %s %s: lead %q", s.ID, s.Title, s.LeadUnits)
		}
		for _, u := range append(append([]string{}, s.LeadUnits...), s.CoUnits...) {
			if strings.Contains(u, "牵头") || strings.Contains(u, "下同") || strings.ContainsAny(u, "（）()：:") {
				t.Errorf("task %s: unit %q holds note wording", s.ID, u)
			}
		}
		if strings.Contains(s.Text, "责任单位") {
			t.Errorf("task %s text still holds its note", s.ID)
		}
	})
	if tasks != 16 {
		t.Errorf("found %d tasks under 二、主要任务, want 16", tasks)
	}
	first := task(t, p, "2.1.1")
	if first.LeadUnits[0] != "市工业和信息化局" || len(first.CoUnits) != 10 || first.CoUnits[9] != "各区县市人民政府和园区管委会" {
		t.Errorf("2.1.1 lead %q co %q", first.LeadUnits, first.CoUnits)
	}
}

func TestNotesWithTextBetweenMakeParts(t *testing.T) {
	// Each note assigns the text before it: the first is the task's own,
	// a later one with text of its own becomes an unnumbered part.
	text := "一、任务\n1.制定清单。完成编制。（市生态环境局牵头，市发展和改革局参与）按省的要求淘汰锅炉。（市场监管局牵头，市工业和信息化局参与）\n2.整治企业。"
	for _, width := range []string{"full", "half"} {
		src := text
		if width == "half" {
			src = halfWidth(text)
		}
		p := ParseText(src)
		s := task(t, p, "1.1")
		if !sameUnits(s.LeadUnits, []string{"市生态环境局"}) || !sameUnits(s.CoUnits, []string{"市发展和改革局"}) || s.Text != "完成编制。" {
			t.Errorf("%s task: lead %q co %q text %q", width, s.LeadUnits, s.CoUnits, s.Text)
		}
		pt := task(t, p, "1.1.1")
		if pt.Number != "" || pt.Title != "按省的要求淘汰锅炉" || pt.Text != "按省的要求淘汰锅炉。" ||
			!sameUnits(pt.LeadUnits, []string{"市场监管局"}) || !sameUnits(pt.CoUnits, []string{"市工业和信息化局"}) {
			t.Errorf("%s part: %q %q lead %q co %q text %q", width, pt.Number, pt.Title, pt.LeadUnits, pt.CoUnits, pt.Text)
		}
		if next := task(t, p, "1.2"); next.Title != "整治企业" {
			t.Errorf("%s next item %q", width, next.Title)
		}
	}
}
