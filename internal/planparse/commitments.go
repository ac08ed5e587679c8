package planparse

import (
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/planwatch/planwatch/internal/cndate"
	"github.com/planwatch/planwatch/internal/plan"
)

// readCommitments reads the targets and milestones stated in body, the text
// of one section without its responsibility notes and without the text of
// its child sections. docYear is the document's year, for relative dates
// such as "年底前"; inherited is a deadline stated by the heading of the
// section (or an ancestor), used where a sentence and its paragraph give none.
//
// The body is read paragraph by paragraph (a line, or a table cell), each
// paragraph sentence by sentence (。；!?) and each sentence clause by
// clause (，：). A deadline phrase ("到2022年", "9月底前") holds for its own
// clause and for every later clause of its paragraph until the next one;
// one in parentheses ("（6月底前）") holds for its own item only; a year's
// end written later in a sentence also dates the sentence's earlier
// undated figures. Where a paragraph has none, the inherited deadline
// holds. A sentence that speaks of the past or present ("截至2020年底",
// "目前", "已建成", "2019年全市完成…") states no commitment until a new
// deadline phrase looks forward again. Indicator tables ("| 指标 | 单位 |
// 2025年 |") give one target per target-year cell (commit_table.go).
func readCommitments(body string, docYear int, inherited plan.Date) ([]plan.Target, []plan.Milestone) {
	return readCommitmentsDue(body, docYear, inherited, "")
}

// readCommitmentsDue is readCommitments for a task that names its own
// deadline apart from its sentences (a table row's 完成时限 cell, a
// "完成时限：" line): due dates every paragraph as if each opened with it,
// so its undated figures and completions take it, while a deadline
// phrase written in a sentence still holds for what follows it.
func readCommitmentsDue(body string, docYear int, inherited, due plan.Date) ([]plan.Target, []plan.Milestone) {
	return readCommitmentsFrom(body, docYear, docYear, inherited, due)
}

// readCommitmentsFrom is readCommitmentsDue for a plan whose period starts
// in startYear ("（2024—2026年）"), which "三年内" counts from.
func readCommitmentsFrom(body string, docYear, startYear int, inherited, due plan.Date) ([]plan.Target, []plan.Milestone) {
	r := commitReader{body: body, docYear: docYear, startYear: startYear, inherited: inherited, due: due}
	// Most texts hold neither kind of phrase: look once, not per clause.
	_, _, r.seasons = cndate.NextSeason(body, 0)
	_, r.years = cndate.NextYears(body, 0, startYear)
	r.read()
	return r.targets, r.milestones
}

// commitReader carries the state of one readCommitments call.
type commitReader struct {
	body      string
	docYear   int
	startYear int // the plan period's first year, for "三年内"
	// seasons and years report that body holds a season phrase ("汛前")
	// or a span of years ("三年内") at all.
	seasons, years bool
	inherited      plan.Date
	due            plan.Date // the task's own deadline, in force from each paragraph's start

	targets    []plan.Target
	milestones []plan.Milestone

	// Paragraph state.
	current plan.Date // deadline in force from an earlier sentence of the paragraph
	// Sentence state.
	sentenceDue plan.Date // deadline in force from an earlier clause of the sentence
	// opening reports that no clause of the sentence has said more than
	// a deadline phrase yet: a deadline read now opens the sentence.
	opening bool
	// afterSemicolon reports that the previous sentence of the paragraph
	// ended with a semicolon: a deadline that opened one of its clauses
	// still holds, unless the new sentence is a numbered item.
	afterSemicolon bool
	clauseDue      plan.Date // the current clause's last deadline, or sentenceDue
	past           bool      // the sentence reports the past or present
	// pastParagraph: the paragraph opened with a year before the
	// document's ("2024年，全市完成投资…。累计建成…"), a report on the
	// past that runs on over its full stops until the plan's own time
	// comes up; opening is true until the paragraph's first clause is read.
	pastParagraph, opening1 bool
	label                   string // "婴幼儿照护服务托位:" heading the sentence's items
	lastKind                string // kind of the sentence's previous target
	// lastSubject is the subject of the sentence's previous target.
	lastSubject string
	undated     []int // targets of the sentence with no deadline of their paragraph
	// clauseStart is the deadline in force when the current clause began.
	clauseStart plan.Date
	// pendingStart is where a clause holding only a deadline phrase
	// began ("到2022年，"), so that the next clause's milestone can quote it.
	pendingStart int
}

func (r *commitReader) read() {
	body := r.body
	var table *indicatorTable
	for ls := 0; ls <= len(body); {
		le := strings.IndexByte(body[ls:], '\n')
		if le < 0 {
			le = len(body)
		} else {
			le += ls
		}
		line := body[ls:le]
		var header *indicatorTable
		if isPipeRow(line) {
			header = r.readIndicatorHeader(line)
		}
		switch {
		case !isPipeRow(line):
			table = nil
			r.paragraph(ls, le)
		case header != nil:
			table = header
		case table != nil && r.readIndicatorRow(table, line):
		default:
			// A row of a task table: each cell is a paragraph.
			start := ls
			for i := ls; i <= le; i++ {
				if i == le || body[i] == '|' {
					r.paragraph(start, i)
					start = i + 1
				}
			}
		}
		ls = le + 1
	}
}

// paragraph reads body[ps:pe].
func (r *commitReader) paragraph(ps, pe int) {
	r.current = r.due
	r.label = ""
	r.past = false
	r.pastParagraph, r.opening1 = false, true
	r.afterSemicolon = false
	start := ps
	for i := ps; i <= pe; {
		if i < pe {
			c, size := runeAt(r.body[:pe], i)
			if !sentenceEnd(c) {
				i += size
				continue
			}
			r.sentence(start, i)
			r.afterSemicolon = c == '；' || c == ';'
			if c != '；' && c != ';' {
				// A report on the past runs on over its semicolons
				// ("2022年，全市实现…；一般公共预算收入完成…"), and
				// past the full stop only when it opened the paragraph.
				r.past = r.past && r.pastParagraph
			}
			i += size
			start = i
			continue
		}
		r.sentence(start, pe)
		break
	}
}

func sentenceEnd(c rune) bool {
	switch c {
	case '。', '；', ';', '！', '？', '!', '?':
		return true
	}
	return false
}

// sentence reads body[ss:se] clause by clause.
func (r *commitReader) sentence(ss, se int) {
	r.lastKind = ""
	r.lastSubject = ""
	r.undated = r.undated[:0]
	r.pendingStart = -1
	item := false
	if first := commitSkipSpaces(r.body, ss, se); first < se && clauseItemNumber(r.body[first:se]) > 0 {
		// "1.…；2.8月底前完成…；3.…": each numbered item is a subject
		// of its own, so a deadline opening one dates that item only.
		item = true
	}
	if !r.afterSemicolon || item {
		r.sentenceDue = r.current
	}
	r.opening = !item
	start := ss
	depth := 0 // inside （…） a comma does not end a clause
	for i := ss; i <= se; {
		if i < se {
			c, size := runeAt(r.body[:se], i)
			if depth == 0 && (c == '（' || c == '(') {
				if end, closeSize := breakdownBracket(r.body[:se], i+size); end > 0 {
					// "新建管网20公里（其中主干管8公里）": the breakdown is
					// a clause of its own, so the total before it stays
					// the clause's figure.
					r.clause(start, i, false)
					r.clause(i+size, end, false)
					i = end + closeSize
					start = i
					continue
				}
			}
			switch c {
			case '（', '(', '“', '《', '〔', '[', '【':
				depth++
			case '）', ')', '”', '》', '〕', ']', '】':
				if depth > 0 {
					depth--
				}
			}
			if depth > 0 || !r.clauseEnd(c, i, se) {
				i += size
				continue
			}
			r.clause(start, i, c == ':' || c == '：')
			i += size
			start = i
			continue
		}
		r.clause(start, se, false)
		break
	}
}

// breakdownBracket returns where the bracket opened just before body[i:]
// closes, and the closing rune's size, when it holds a breakdown of the
// figure before it ("其中…", "含…", "包括…"); else 0.
func breakdownBracket(body string, i int) (end, size int) {
	rest := body[i:]
	if _, ok := hasPrefixAny(rest, "其中", "含", "包括", "包含"); !ok {
		return 0, 0
	}
	for j, c := range rest {
		switch c {
		case '（', '(':
			return 0, 0 // nested: leave it to the ordinary reading
		case '）', ')':
			return i + j, utf8.RuneLen(c)
		}
	}
	return 0, 0
}

// clauseEnd reports whether the rune c at byte i ends a clause. A comma
// between digits groups thousands ("4,000") and a colon between digits
// writes a ratio ("1:1.6"); neither ends a clause.
func (r *commitReader) clauseEnd(c rune, i, se int) bool {
	switch c {
	case '，', '：':
		return true
	case ',', ':':
		before, _ := utf8.DecodeLastRuneInString(r.body[:i])
		after, _ := utf8.DecodeRuneInString(r.body[i+1 : se])
		return !(commitDigit(before) && commitDigit(after))
	}
	return false
}

func commitDigit(c rune) bool { return c >= '0' && c <= '9' || c >= '０' && c <= '９' }

// clause reads body[cs:ce]; colon reports that a colon ended it, making
// a number-free clause the label of the items after it.
func (r *commitReader) clause(cs, ce int, colon bool) {
	first := commitSkipSpaces(r.body, cs, ce)
	cs = skipLead(r.body, cs, ce)
	if first < ce && clauseItemNumber(r.body[first:ce]) > 0 {
		r.label = "" // a new item: the previous item's label is done
	}
	ce = trimTrail(r.body, cs, ce)
	if cs >= ce {
		return
	}
	text := r.body[cs:ce]

	// Dates: the clause's own deadlines, and whether it looks back.
	marks, onlyDate := r.readDates(cs, ce)
	r.opening1 = false
	r.clauseStart = r.sentenceDue
	if hasPastMarker(text) {
		r.past = true
	}
	// How far a deadline carries depends on where it is written: one
	// opening the sentence ("到2025年，…", "2024年底前完成…；") holds
	// for the rest of the paragraph; one opening a later clause
	// ("…试点，6月底前完成核实。") for the rest of its sentence; one
	// inside a clause ("对企业10月底前实现全覆盖") for its clause only.
	// A step dated on its way to the goal does not date the goal.
	r.clauseDue = r.sentenceDue
	if last, ok := lastDeadline(marks); ok {
		r.clauseDue = last
		// "…45公里，其中6月底前完成20公里；改造…": a stage of the
		// figure before it dates that stage only.
		if opensClause(r.body, cs, marks) && !hasPrefixStr(text, "其中") {
			r.sentenceDue = last
			if r.opening {
				r.current = last
			}
		}
	}
	if !onlyDate {
		defer func() { r.opening = false }()
	}
	if onlyDate {
		r.pendingStart = cs
		r.backfill()
		return
	}

	found := r.readTargets(cs, ce, marks)
	r.backfill()
	if found > 0 {
		r.pendingStart = -1
		return
	}
	if colon {
		r.label = text
		return
	}
	r.readMilestone(cs, ce, marks)
	r.pendingStart = -1
}

// dateMark is a date expression met in a clause.
type dateMark struct {
	start, end int       // byte span in the body
	date       plan.Date // the date it means
	deadline   bool      // it dates the commitments around it
	// aside: written in parentheses ("（6月底前）"), it dates its own item
	// only and does not carry on to the next clauses.
	aside bool
	day   bool // a day of the month is written ("12月20日前")
	// season: "汛前", "春节前", dated only by the task's own deadline.
	season bool
}

// opensClause reports whether the clause's last deadline phrase stands at
// its head, with nothing but filler ("力争", "确保") or other date phrases
// before it.
func opensClause(body string, cs int, marks []dateMark) bool {
	last := -1
	for k := len(marks) - 1; k >= 0; k-- {
		if marks[k].deadline && !marks[k].aside {
			last = k
			break
		}
	}
	if last < 0 {
		return false
	}
	from := cs
	for _, m := range marks[:last+1] {
		if !allFiller(body[from:m.start]) {
			return false
		}
		from = m.end
	}
	return true
}

// lastDeadline returns the date of the clause's last deadline phrase not
// in parentheses; ok is false when there is none. A season phrase
// ("汛前") counts, its date possibly zero.
func lastDeadline(marks []dateMark) (plan.Date, bool) {
	for k := len(marks) - 1; k >= 0; k-- {
		if marks[k].deadline && !marks[k].aside {
			return marks[k].date, marks[k].season || !marks[k].date.IsZero()
		}
	}
	return "", false
}

// deadlineAt is the deadline of a target whose number starts at byte p of
// the clause being read: the nearest deadline phrase before it in its
// clause, else one written after it in its clause ("完成改造50个（6月底
// 前）"), else the one in force from earlier clauses of the paragraph,
// else the inherited one. It reports whether the deadline came from the
// paragraph.
func (r *commitReader) deadlineAt(p int, marks []dateMark) (plan.Date, bool) {
	// Marks are in text order: those ending by p come first.
	k := sort.Search(len(marks), func(k int) bool { return marks[k].end > p })
	for j := k - 1; j >= 0 && j >= k-searchBack; j-- {
		if marks[j].deadline {
			return marks[j].date, true
		}
	}
	for j := k; j < len(marks) && j < k+searchBack; j++ {
		if marks[j].deadline {
			return marks[j].date, true
		}
	}
	if !r.clauseStart.IsZero() {
		return r.clauseStart, true
	}
	return r.inherited, false
}

// searchBack bounds how many date expressions around a number are tried
// for its deadline, so that a clause of thousands of dates stays linear.
const searchBack = 8

// backfill dates the sentence's earlier targets that had no deadline of
// their paragraph when a later clause of the same sentence states one:
// "软件业务收入年均增长12%以上，到2025年达到1200亿元" dates both figures.
//
// Only a year's end is carried back: a month's ("其中上半年完成4个",
// "6月底前交付500套") dates a stage, not the whole.
func (r *commitReader) backfill() {
	if r.clauseDue.IsZero() || len(r.undated) == 0 {
		return
	}
	if !hasSuffixStr(string(r.clauseDue), "-12-31") {
		return
	}
	for _, k := range r.undated {
		r.targets[k].Deadline = r.clauseDue
	}
	r.undated = r.undated[:0]
}

// refYear is the year relative phrases ("年底前", "9月底前") count from:
// the document's, or when its metadata gave none, the year of the
// deadline in force ("2022年9月底前完成首批…，年底前完成全部…").
func (r *commitReader) refYear() int {
	if r.docYear > 0 {
		return r.docYear
	}
	for _, d := range [...]plan.Date{r.current, r.inherited} {
		if !d.IsZero() {
			return d.Time().Year()
		}
	}
	return 0
}

// readDates finds the date expressions of body[cs:ce]: which of them date
// the commitments (years before the document's do not: they are
// baselines, cut-offs or the past), and whether the clause holds nothing
// but a deadline phrase and filler ("力争到2022年").
func (r *commitReader) readDates(cs, ce int) ([]dateMark, bool) {
	text := r.body[cs:ce]
	var marks []dateMark
	any := false
	for from := 0; ; {
		m, ok := cndate.Next(text, from, r.refYear())
		if !ok {
			break
		}
		from = m.End
		mark := dateMark{start: cs + m.Start, end: cs + m.End, date: m.Date, day: m.Day}
		if insideTitle(text[:m.Start]) {
			// "《某县2024年度绩效考核办法》": the year of a cited title.
			marks = append(marks, mark)
			continue
		}
		if p, _ := utf8.DecodeLastRuneInString(text[:m.Start]); p == '（' || p == '(' {
			mark.aside = true
		}
		switch {
		case m.Status:
			r.past = true
		case r.docYear > 0 && m.Year > 0 && m.Year < r.docYear:
			// A year before the document's: a baseline ("比2015年"), a
			// cut-off ("2000年底前建成的小区") or a report on the past
			// ("2019年全市完成…" at the head of a clause).
			if !m.Explicit && leadsClause(text, m.Start) {
				r.past = true
				r.pastParagraph = r.pastParagraph || r.opening1
			}
		case m.Explicit || bareYearDeadline(text, m):
			mark.deadline = true
			any = true
			r.past, r.pastParagraph = false, false
		case r.docYear > 0 && m.Date.Time().Year() >= r.docYear:
			// "今年再新建3000个" after "截至2022年底…": the sentence turns
			// from the past to the plan's own time.
			r.past, r.pastParagraph = false, false
		}
		marks = append(marks, mark)
	}
	// "三年内": by the end of the plan period's third year.
	for from := 0; r.years; {
		m, ok := cndate.NextYears(text, from, r.startYear)
		if !ok {
			break
		}
		from = m.End
		marks = insertMark(marks, dateMark{start: cs + m.Start, end: cs + m.End, date: m.Date, deadline: true})
		any = true
	}
	// "汛前", "春节前": a deadline no calendar date stands for. It holds
	// where it is written as a date would, so a neighbour's date does not
	// reach across it; it dates by the task's own deadline, or not at all.
	for from := 0; r.seasons; {
		s, e, ok := cndate.NextSeason(text, from)
		if !ok {
			break
		}
		from = e
		marks = insertMark(marks, dateMark{start: cs + s, end: cs + e, date: r.due, deadline: true, season: true})
		any = true
	}
	onlyDate := any && isFillerOnly(text, marks, cs)
	return marks, onlyDate
}

// insertMark adds m to marks, which stay in text order.
func insertMark(marks []dateMark, m dateMark) []dateMark {
	k := sort.Search(len(marks), func(k int) bool { return marks[k].start >= m.start })
	marks = append(marks, dateMark{})
	copy(marks[k+1:], marks[k:])
	marks[k] = m
	return marks
}

// bareYearDeadline reports whether a year written without 到/底/前 still
// dates the clause: "2022年，完成…", "2022年启动…", "每个街道2022年加装
// 电梯…". It does not when a comparison or a period start stands before it
// ("比2015年", "自2020年") or when it names a year's worth of something
// ("2023年重点工作").
func bareYearDeadline(text string, m cndate.Match) bool {
	if m.Year == 0 || !hasSuffixStr(text[m.Start:m.End], "年") && !hasSuffixStr(text[m.Start:m.End], "年度") {
		return false // only a bare year; "2022年4月18日" alone is an event's date
	}
	before := text[max(0, m.Start-60):m.Start] // the last twenty characters or so
	if containsStr(before, "关于") || containsStr(before, "印发") {
		return false // the year in a document's title
	}
	for _, w := range [...]string{"比", "较", "同", "与", "自", "从", "《", "“", "（", "("} {
		if hasSuffixStr(before, w) {
			return false
		}
	}
	after := text[m.End:]
	for _, w := range [...]string{"以来", "起", "开始", "重点", "工作", "度", "的", "政府", "省", "市", "）", ")", "》", "”", "行动", "工作计划", "方案", "是", "为", "将"} {
		if hasPrefixStr(after, w) {
			return false
		}
	}
	return true
}

// leadsClause reports whether only filler stands before byte i of text.
func leadsClause(text string, i int) bool {
	rest := text[:i]
	for rest != "" {
		w := leadingFiller(rest)
		if w == 0 {
			return false
		}
		rest = rest[w:]
	}
	return true
}

// isFillerOnly reports whether text (starting at byte cs of the body) holds
// nothing outside the date spans but filler words.
func isFillerOnly(text string, marks []dateMark, cs int) bool {
	pos := 0
	for _, m := range marks {
		if !allFiller(text[pos : m.start-cs]) {
			return false
		}
		pos = m.end - cs
	}
	return allFiller(text[pos:])
}

func allFiller(s string) bool {
	for s != "" {
		w := leadingFiller(s)
		if w == 0 {
			return false
		}
		s = s[w:]
	}
	return true
}

// fillerWords may stand around a deadline phrase in a clause of its own.
var fillerWords = [...]string{
	" ", "　", "力争", "争取", "计划", "预计", "确保", "努力", "目标是", "目标", "前", "底",
	"全年", "其中", "同时", "并", "再", "通过", "经过", "用", "时间", "左右", "内", "之内",
	"、", "（", "）", "(", ")",
}

func leadingFiller(s string) int {
	for _, w := range fillerWords {
		if hasPrefixStr(s, w) {
			return len(w)
		}
	}
	return 0
}

// pastMarkers mark a sentence that reports what was, or what is, rather
// than what is to be done.
var pastMarkers = [...]string{
	"截至", "截止", "目前", "现有", "已有", "已建成", "已累计", "已完成", "已达", "已经建成",
	"已经完成", "已实现", "已开通", "已形成", "已培育", "已引进", "已创建", "已覆盖", "已新建",
	"已投入", "已投运", "全市共有", "现共有", "去年", "过去", "以来", "年来", "近年来", "上年度", "上一年度",
}

// pastLeads marks, in a bitset over the Basic Multilingual Plane, the
// first characters of the past markers, and pastByLead lists the markers
// that start with each: one pass over a clause finds them without a map
// lookup per character or a search per marker. Some leads (以, 年, 上) are
// among the commonest characters of the genre, so each checks only its own
// markers.
var pastLeads, pastByLead = func() (bits [1 << 16 / 64]uint64, by map[rune][]string) {
	by = make(map[rune][]string)
	for _, w := range pastMarkers {
		r, _ := utf8.DecodeRuneInString(w)
		bits[r>>6] |= 1 << (r & 63)
		by[r] = append(by[r], w)
	}
	return bits, by
}()

func hasPastMarker(text string) bool {
	for i, c := range text {
		if c >= 1<<16 || pastLeads[c>>6]&(1<<(c&63)) == 0 {
			continue
		}
		rest := text[i:]
		for _, w := range pastByLead[c] {
			if hasPrefixStr(rest, w) {
				if w == "现有" && hasPrefixStr(rest, "现有基础") {
					continue
				}
				return true
			}
		}
	}
	return false
}

// skipLead moves cs past spaces, item numbers ("1.", "（2）", "①") and
// leading separators, so quotes start at the words.
func skipLead(body string, cs, ce int) int {
	for cs < ce {
		c, size := utf8.DecodeRuneInString(body[cs:ce])
		switch {
		case c == ' ' || c == '\u3000' || c == '\t' || c == '、' || c == '\u00a0':
			cs += size
			continue
		case c >= '①' && c <= '⑳':
			cs += size
			continue
		}
		if n := clauseItemNumber(body[cs:ce]); n > 0 {
			cs += n
			continue
		}
		break
	}
	return cs
}

// clauseItemNumber returns the length of an item number at the start of s:
// "1." or "1、" or "（1）" or "(1)" or "一、" or "（一）". A digit run
// followed by "." and another digit is a number ("1.5亿") unless a month
// follows ("1.4月底前" is item 1, then April).
func clauseItemNumber(s string) int {
	i := 0
	paren := false
	if hasPrefixStr(s, "（") {
		i += len("（")
		paren = true
	} else if hasPrefixStr(s, "(") {
		i++
		paren = true
	}
	j := i
	for j < len(s) {
		c, size := utf8.DecodeRuneInString(s[j:])
		if !commitDigit(c) && !isChineseDigitRune(c) {
			break
		}
		j += size
	}
	if j == i || j-i > 9 {
		return 0
	}
	rest := s[j:]
	if paren {
		switch {
		case hasPrefixStr(rest, "）"):
			return j + len("）")
		case hasPrefixStr(rest, ")"):
			return j + 1
		}
		return 0
	}
	switch {
	case hasPrefixStr(rest, "、"):
		return j + len("、")
	case hasPrefixStr(rest, "．"), hasPrefixStr(rest, "."):
		size := 1
		if rest[0] != '.' {
			size = len("．")
		}
		after := rest[size:]
		c, _ := utf8.DecodeRuneInString(after)
		if commitDigit(c) && !monthFollows(after) {
			return 0
		}
		if !commitDigit(c) {
			d, _ := utf8.DecodeRuneInString(s[i:])
			if !commitDigit(d) {
				return 0 // "三.": not how items are numbered
			}
		}
		return j + size
	}
	return 0
}

// monthFollows reports whether s starts with a month: "4月", "11月".
func monthFollows(s string) bool {
	i, v := 0, 0
	for i < len(s) && i < 2 && s[i] >= '0' && s[i] <= '9' {
		v = v*10 + int(s[i]-'0')
		i++
	}
	return i > 0 && v >= 1 && v <= 12 && hasPrefixStr(s[i:], "月")
}

func isChineseDigitRune(c rune) bool {
	switch c {
	case '一', '二', '三', '四', '五', '六', '七', '八', '九', '十':
		return true
	}
	return false
}

// trimTrail drops trailing spaces from body[cs:ce].
func trimTrail(body string, cs, ce int) int {
	for ce > cs {
		c, size := utf8.DecodeLastRuneInString(body[cs:ce])
		if c != ' ' && c != '\u3000' && c != '\t' && c != '\u00a0' {
			break
		}
		ce -= size
	}
	return ce
}

func hasPrefixStr(s, p string) bool { return len(s) >= len(p) && s[:len(p)] == p }
func hasSuffixStr(s, p string) bool { return len(s) >= len(p) && s[len(s)-len(p):] == p }

func containsStr(s, sub string) bool { return strings.Contains(s, sub) }

func commitSkipSpaces(body string, cs, ce int) int {
	for cs < ce && (body[cs] == ' ' || body[cs] == '\t') {
		cs++
	}
	return cs
}

// insideTitle reports whether a 《 before the end of s is still open.
func insideTitle(s string) bool {
	open := strings.LastIndex(s, "《")
	return open >= 0 && !strings.Contains(s[open:], "》")
}

// runeAt is utf8.DecodeRuneInString(s[i:]) with the three-byte sequences
// that make up Chinese text decoded inline: the commitment scan looks at
// every character of a plan, and the general decoder is its main cost.
func runeAt(s string, i int) (rune, int) {
	if b := s[i]; b >= 0xE0 && b < 0xF0 && i+2 < len(s) && s[i+1]&0xC0 == 0x80 && s[i+2]&0xC0 == 0x80 {
		r := rune(b&0x0F)<<12 | rune(s[i+1]&0x3F)<<6 | rune(s[i+2]&0x3F)
		if r >= 0x800 && (r < 0xD800 || r > 0xDFFF) { // not overlong, not a surrogate
			return r, 3
		}
	}
	return utf8.DecodeRuneInString(s[i:])
}
