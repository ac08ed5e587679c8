package planparse

import (
	"strings"
	"unicode/utf8"

	"github.com/planwatch/planwatch/internal/plan"
)

// completionVerbs mark a clause that commits to something being done by
// its deadline ("完成建设并投入运行", "基本形成", "竣工交付", "开工").
var completionVerbs = [...]string{
	"完成", "建成", "投入运行", "投入使用", "投运", "投产", "实现", "基本形成", "初步形成",
	"全面形成", "全覆盖",
	"竣工", "完工", "交付", "开工", "启动", "上线", "开通", "通车", "出台", "印发",
	"挂牌", "落地", "验收", "基本构建", "建立", "揭牌", "达标", "封顶", "组建", "成立", "交付使用",
	"设立", "贯通", "发布", "颁布", "建设完成", "到位", "取消",
}

// submission reports words that open with handing something in: "报市
// 安委办", "报送总结", "上报", "提交".
func submission(words string) bool {
	words = strings.TrimLeft(words, " ")
	for _, v := range [...]string{"报", "上报", "提交", "呈报"} {
		if hasPrefixStr(words, v) && !hasPrefixStr(words, "报告") {
			return true
		}
	}
	return false
}

var completionVerbsSet = newWordSet(completionVerbs[:]...)

// vagueWords mark a clause that states a direction or a degree, not a
// completion that can be checked: "进一步优化", "加快推进", "一批".
var vagueWords = [...]string{
	"进一步", "加快", "持续", "不断", "稳步", "逐步", "积极", "大力", "深入", "明显", "显著",
	"有效", "一批", "若干", "一系列", "位居", "前列", "领先", "提升", "提高", "增强",
	"报送", "报告", "上报", "有效期", "施行", "印发给", "目标任务", "见效", "纳入", "鼓励",
	"参与", "分解为", "支持", "引导", "同步",
}

var vagueWordsSet = newWordSet(vagueWords[:]...)

// projectNouns are works whose name holds a word of degree; and 同步
// before a completion verb dates a work alongside another ("同步开工建设
// 调蓄池"), where before an activity it is vague ("同步推进").
var projectNouns = strings.NewReplacer("提升改造", "改造", "提质改造", "改造", "提升工程", "工程", "提质工程", "工程",
	"同步开工", "开工", "同步建成", "建成", "同步完成", "完成", "同步投运", "投运", "同步投入使用", "投入使用")

// notDoneWords mark a clause about what was not done or about reporting
// on it ("对工作推进不力、未按时限完成任务的单位", "对项目完成情况进行评
// 议"): accountability and review, not a commitment.
var notDoneWords = [...]string{"不力", "未按", "未能", "未完成", "完成情况", "滞后", "问责"}

// draftVerbs make a dated commitment when what they make is a document
// that can be checked: "制定…实施方案", "编制…清单".
var draftVerbs = [...]string{"制定", "编制", "修订", "出台"}

var draftNouns = [...]string{"方案", "清单", "办法", "规划", "计划", "细则", "标准", "目录", "指南", "意见", "制度"}

func drafted(text string) bool {
	return draftVerbsSet.in(text) && draftNounsSet.in(text)
}

var draftNounsSet = newWordSet(draftNouns[:]...)

var draftVerbsSet = newWordSet(draftVerbs[:]...)

var notDoneWordsSet = newWordSet(notDoneWords[:]...)

// notDoneReport reports whether a clause holding a word of failure is
// about failure: "全年工作完成情况于12月20日前报市民政局" is not, the
// report on what was done is itself due that day; other words still are.
func notDoneReport(text string, submitted bool) bool {
	if !submitted {
		return true
	}
	return notDoneWordsSet.in(strings.ReplaceAll(text, "完成情况", ""))
}

// subsidyWords mark support measures ("按投资额的10%给予奖补"), which
// are policies rather than things to be done by a date.
var subsidyWords = [...]string{"给予", "奖补", "补助", "补贴", "奖励"}

// readMilestone records body[cs:ce] as a milestone when it is a dated
// qualitative commitment: a deadline of its own or of its paragraph (not
// only the inherited one of the heading, which would date every sentence
// of a section), a completion verb, and nothing vague.
func (r *commitReader) readMilestone(cs, ce int, marks []dateMark) {
	deadline := r.clauseStart
	submitted := false
	for _, m := range marks {
		if m.deadline {
			deadline = m.date // the clause's own first deadline phrase
			// "于2024年12月20日前报市安委办": a submission due on an
			// exact day is a dated step anyone can check, and its day
			// is the deadline even after a "全年…" that opens the clause.
			for _, d := range marks {
				if d.deadline && d.day && submission(r.body[d.end:ce]) {
					deadline, submitted = d.date, true
					break
				}
			}
			break
		}
	}
	if r.past || deadline.IsZero() {
		return
	}
	text := r.body[cs:ce]
	// "提升改造", "提质改造" name a works project, not a degree.
	checked := text
	if containsStr(text, "改造") || containsStr(text, "工程") || containsStr(text, "同步") {
		checked = projectNouns.Replace(text)
	}
	if !submitted && (!completionVerbsSet.in(text) && !drafted(text) || vagueWordsSet.in(checked)) ||
		notDoneWordsSet.in(text) && notDoneReport(text, submitted) ||
		frequencyWordsSet.in(text) || subsidyWordsSet.in(text) {
		return
	}
	if qualityList(text) {
		return
	}
	words := text
	for _, m := range marks {
		if m.start == cs || allFiller(r.body[cs:m.start]) {
			words = r.body[m.end:ce]
		}
	}
	words = strings.TrimLeft(words, " ，,、")
	if len([]rune(words)) < 2 {
		return
	}
	qs := cs
	if r.pendingStart >= 0 {
		qs = r.pendingStart
	}
	r.milestones = append(r.milestones, plan.Milestone{
		Text:     words,
		Deadline: deadline,
		Quote:    strings.TrimSpace(r.body[qs:ce]),
	})
}

var subsidyWordsSet = newWordSet(subsidyWords[:]...)

// qualityList reports a run of three or more short qualities before a
// 的 ("建成安全可靠、优质高效、绿色低碳、智能互动的现代化智慧电网"): the
// clause describes what a system should be like, which no date can check.
func qualityList(text string) bool {
	k := strings.Index(text, "的")
	if k < 0 {
		return false
	}
	items := strings.Split(text[:k], "、")
	if len(items) < 3 {
		return false
	}
	for _, it := range items[1:] {
		if n := utf8.RuneCountInString(it); n < 2 || n > 5 {
			return false
		}
	}
	return true
}
