package planparse

import (
	"regexp"
	"strings"
	"unicode/utf8"
)

// Responsibility notes name who does a task. The styles read here:
//
//	（责任单位：A、B，列首位的为牵头单位，下同）   first listed leads
//	（牵头单位：A；责任单位：B、C）, 牵头单位：A 配合单位：B
//	（A牵头，B、C配合）, 〔A牵头，B参与，C负责落实〕, 由A牵头，会同B
//	责任单位：A（牵头）、B
//	部门分工：A牵头，B、C配合。
//	（A、B、C） at the end of a task, when every item names a unit
//
// A "责任单位" list with no lead marked anywhere in the note gives its
// first unit as lead and the rest as co-units, whether or not the document
// states the "列首位的为牵头单位" rule: that is what the rule says where it
// is stated, and where it is not the order of a Chinese unit list is still
// by rank, so the first is the best guess at the lead.
//
// Units are kept exactly as written and split only on 、，,；; outside
// brackets (and on spaces when every piece names a unit): "和" and "及"
// join parts of one name as often as they join two units
// ("各区县市人民政府和园区管委会", "住房和城乡建设局"), so they never split.

// role is how a label or verb casts the units it names.
type role int

const (
	roleNone   role = iota
	roleLead        // 牵头单位
	roleCo          // 配合单位
	roleOwner       // 责任单位: first leads unless a lead is named
	roleProse       // 部门分工: the units carry their own verbs
	rolePerson      // 分管领导: a person, not a unit
)

var labels = []struct {
	word string
	role role
}{
	{"牵头单位", roleLead}, {"牵头部门", roleLead}, {"主责单位", roleLead}, {"主责部门", roleLead},
	{"主办单位", roleLead}, {"主要责任单位", roleLead}, {"牵头责任单位", roleLead},
	{"配合单位", roleCo}, {"配合部门", roleCo}, {"协办单位", roleCo}, {"协同单位", roleCo},
	{"参与单位", roleCo}, {"协作单位", roleCo}, {"协助单位", roleCo}, {"参加单位", roleCo},
	{"责任单位", roleOwner}, {"责任部门", roleOwner}, {"承办单位", roleOwner}, {"实施单位", roleOwner},
	{"落实单位", roleOwner}, {"责任主体", roleOwner},
	{"部门分工", roleProse}, {"责任分工", roleProse}, {"任务分工", roleProse},
	// Short labels last, so that "牵头单位：" is read as such; a label
	// counts only with its colon.
	{"牵头", roleLead}, {"主办", roleLead}, {"主责", roleLead}, {"配合", roleCo}, {"协办", roleCo},
	{"参与", roleCo}, {"责任", roleOwner},
	{"分管省领导", rolePerson}, {"分管市领导", rolePerson}, {"分管县领导", rolePerson}, {"分管区领导", rolePerson},
	{"分管领导", rolePerson}, {"责任领导", rolePerson}, {"牵头领导", rolePerson}, {"责任人", rolePerson},
}

// labelAt reports the label that starts s, followed by a colon, and the
// byte length of label and colon.
func labelAt(s string) (int, bool) {
	switch firstRune(s) {
	case '牵', '主', '配', '协', '参', '责', '承', '实', '落', '部', '任', '分':
	default:
		return 0, false
	}
	for i, l := range labels {
		if !strings.HasPrefix(s, l.word) {
			continue
		}
		n := len(l.word)
		n += skipSpaces(s[n:])
		if _, ok := hasPrefixAny(s[n:], "：", ":"); ok {
			return i, true
		}
	}
	return 0, false
}

// labelEnd returns the byte length of label i with its colon at s.
func labelEnd(s string, i int) int {
	n := len(labels[i].word)
	n += skipSpaces(s[n:])
	c, _ := hasPrefixAny(s[n:], "：", ":")
	return n + len(c)
}

// assignment is what one or more notes of a task say.
type assignment struct {
	lead, co []string
	owner    [][]string // 责任单位 lists, roles not yet decided
	// carry holds units a "以下…均需X落实，不再一一列出" clause adds to
	// every task from here on.
	carry []string
	// due is what a due label in a line of labels says ("完成时限：2025年
	// 12月底前" after "牵头单位：A　责任单位：B"), for the task's deadline.
	due string
}

// allUnits lists every unit the assignment names, in any role.
func (a *assignment) allUnits() []string {
	out := append(append([]string{}, a.lead...), a.co...)
	for _, list := range a.owner {
		out = append(out, list...)
	}
	return out
}

func (a *assignment) empty() bool {
	return len(a.lead) == 0 && len(a.co) == 0 && len(a.owner) == 0 && len(a.carry) == 0
}

// units resolves the roles: named leads win; otherwise the first unit of
// the first 责任单位 list leads. Co-units never repeat a lead.
func (a *assignment) units() (lead, co []string) {
	lead = appendUnique(nil, a.lead...)
	var rest []string
	for _, list := range a.owner {
		if len(lead) == 0 && len(list) > 0 {
			lead = append(lead, list[0])
			rest = append(rest, list[1:]...)
			continue
		}
		rest = append(rest, list...)
	}
	co = appendUniqueExcept(nil, lead, a.co...)
	co = appendUniqueExcept(co, lead, rest...)
	return lead, co
}

func appendUnique(dst []string, units ...string) []string {
	return appendUniqueExcept(dst, nil, units...)
}

func appendUniqueExcept(dst, except []string, units ...string) []string {
	for _, u := range units {
		if u == "" || contains(dst, u) || contains(except, u) {
			continue
		}
		dst = append(dst, u)
	}
	return dst
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// isOpen and isClose recognise brackets of either width.
func isOpen(r rune) bool {
	return r == '（' || r == '(' || r == '〔' || r == '【' || r == '[' || r == '［'
}

func isClose(r rune) bool {
	return r == '）' || r == ')' || r == '〕' || r == '】' || r == ']' || r == '］'
}

// extractNotes removes the responsibility notes from one paragraph and
// records what they say in a; see splitNotes.
func extractNotes(line string, a *assignment) string {
	var kept strings.Builder
	for _, sg := range splitNotes(line) {
		if sg.note != nil {
			addNote(a, sg.note)
			continue
		}
		kept.WriteString(sg.text)
	}
	return strings.TrimSpace(kept.String())
}

// segment is a piece of a paragraph: text, or a note read from it.
type segment struct {
	text string
	note *assignment
}

// names reports whether the note names any unit (a carry-forward clause
// alone does not).
func (sg segment) names() bool {
	return sg.note != nil && len(sg.note.allUnits()) > 0
}

// splitNotes cuts one paragraph into its text and its responsibility
// notes, in order. Bracketed notes are found first (anywhere in the
// paragraph; one cut off by the end of the text runs to the end); then a
// label such as "牵头单位：" outside brackets starts a note that runs to the
// end of the paragraph. A carry-forward sentence standing in the text
// ("以下任务均需…落实，不再一一列出。") is a note of its own.
func splitNotes(line string) []segment {
	if !mayHoldNote(line) {
		return []segment{{text: line}}
	}
	var out []segment
	if strings.Contains(line, "不再") && !inBrackets(line, strings.Index(line, "不再")) {
		var b assignment
		line = strings.TrimSpace(takeCarrySep(line, &b, "\n"))
		if len(b.carry) > 0 {
			out = append(out, segment{note: &b})
		}
	}
	depth, start, last := 0, 0, 0
	for i, r := range line {
		switch {
		case isOpen(r):
			if depth == 0 {
				start = i
			}
			depth++
		case isClose(r) && depth > 0:
			depth--
			if depth == 0 {
				end := i + utf8.RuneLen(r)
				inner := line[start+utf8.RuneLen(firstRune(line[start:])) : i]
				var b assignment
				if readBracketNote(inner, atParagraphEnd(line[end:]), &b) {
					out = append(out, segment{text: line[last:start]}, segment{note: &b})
					last = end
				}
			}
		}
	}
	if depth > 0 {
		inner := line[start+utf8.RuneLen(firstRune(line[start:])):]
		var b assignment
		if hasRoleWords(inner) && readBracketNote(inner, false, &b) {
			out = append(out, segment{text: line[last:start]}, segment{note: &b})
			last = len(line)
		}
	}
	rest := line[last:]
	if i := labelOutsideBrackets(rest); i >= 0 {
		var b assignment
		readable := readNote(rest[i:], &b)
		out = append(out, segment{text: rest[:i]})
		if readable {
			out = append(out, segment{note: &b})
		}
	} else {
		out = append(out, segment{text: rest})
	}
	return out
}

// inBrackets reports whether byte offset i of s lies inside brackets.
func inBrackets(s string, i int) bool {
	depth := 0
	for j, r := range s {
		if j >= i {
			break
		}
		switch {
		case isOpen(r):
			depth++
		case isClose(r) && depth > 0:
			depth--
		}
	}
	return depth > 0
}

func firstRune(s string) rune {
	r, _ := utf8.DecodeRuneInString(s)
	return r
}

// mayHoldNote is a cheap filter run on every paragraph: a note needs a
// bracket, a label or role word (whose first characters are listed here)
// or a carry-forward clause (不再…).
func mayHoldNote(line string) bool {
	for _, r := range line {
		switch r {
		case '（', '(', '〔', '【', '[', '［',
			'牵', '主', '配', '协', '参', '责', '承', '实', '落', '部', '任', '分', '会', '负', '单', '不':
			return true
		}
	}
	return false
}

// roleWords are the words every responsibility note holds one of.
var roleWords = []string{"牵头", "负责", "配合", "参与", "协助", "协办", "协同", "会同", "负责落实", "单位:", "单位：", "部门:", "部门：", "分工:", "分工："}

// hasRoleWords reports whether s holds a role word. It looks only where
// one of their first characters occurs, so plain text costs one pass.
func hasRoleWords(s string) bool {
	for i, r := range s {
		switch r {
		case '牵', '配', '参', '协', '会', '负', '单', '部', '分':
			rest := s[i:]
			for _, w := range roleWords {
				if strings.HasPrefix(rest, w) {
					return true
				}
			}
		}
	}
	return false
}

// atParagraphEnd reports whether only closing punctuation follows.
func atParagraphEnd(rest string) bool {
	return strings.Trim(rest, " 。；;，,.") == ""
}

// labelOutsideBrackets returns the byte offset of the first note label
// outside brackets in s, or -1.
func labelOutsideBrackets(s string) int {
	if !strings.Contains(s, "：") && !strings.Contains(s, ":") {
		return -1 // every label ends in a colon
	}
	depth := 0
	for i, r := range s {
		switch {
		case isOpen(r):
			depth++
		case isClose(r) && depth > 0:
			depth--
		case depth == 0:
			if li, ok := labelAt(s[i:]); ok && labels[li].role != rolePerson {
				return i
			}
		}
	}
	return -1
}

// addNote adds what one note says to what the task's earlier notes said.
// The first note that names units decides the task's lead; units of a
// later note read together with it ("牵头单位：A" then "责任单位：B, C",
// or a note in the heading and one in the text) join as co-units.
func addNote(a, b *assignment) {
	if len(a.lead) == 0 && len(a.owner) == 0 {
		mergeAssignment(a, b)
		return
	}
	a.co = append(a.co, b.lead...)
	for _, list := range b.owner {
		a.co = append(a.co, list...)
	}
	a.co = append(a.co, b.co...)
	a.carry = append(a.carry, b.carry...)
	if a.due == "" {
		a.due = b.due
	}
}

// readBracketNote decides whether the bracketed text inner is a
// responsibility note and, if so, records it in a. A bare list of unit
// names counts only at the end of the paragraph.
func readBracketNote(inner string, atEnd bool, a *assignment) bool {
	inner = strings.TrimSpace(inner)
	if inner == "" || utf8.RuneCountInString(inner) > 600 {
		return false
	}
	if _, ok := labelAt(inner); ok || labelOutsideBrackets(inner) >= 0 {
		return readNote(inner, a)
	}
	if hasRoleWords(inner) {
		var b assignment
		if readProse(inner, &b) {
			mergeAssignment(a, &b)
			return true
		}
	}
	if !atEnd {
		return false
	}
	// A bare list of bodies, the lead possibly marked: "（A（牵头）、B、C）".
	items := splitUnits(inner)
	if len(items) == 0 {
		return false
	}
	var lead, owner []string
	for _, u := range items {
		name, marked := cutLeadMark(u)
		if !bodyLike(name) {
			return false
		}
		if marked {
			lead = append(lead, name)
		} else {
			owner = append(owner, u)
		}
	}
	a.lead = append(a.lead, lead...)
	if len(owner) > 0 {
		a.owner = append(a.owner, owner)
	}
	return true
}

// cutLeadMark removes a "（牵头）" after a unit name.
func cutLeadMark(u string) (string, bool) {
	for _, mark := range []string{"（牵头）", "(牵头)", "（牵头单位）", "(牵头单位)"} {
		if l, ok := strings.CutSuffix(u, mark); ok {
			return strings.TrimSpace(l), true
		}
	}
	return u, false
}

func mergeAssignment(a, b *assignment) {
	a.lead = append(a.lead, b.lead...)
	a.co = append(a.co, b.co...)
	a.owner = append(a.owner, b.owner...)
	a.carry = append(a.carry, b.carry...)
	if a.due == "" {
		a.due = b.due
	}
}

// readNote reads a note that may hold labels ("牵头单位：A；配合单位：B").
// Text before the first label is read as prose.
func readNote(s string, a *assignment) bool {
	s = strings.TrimSpace(s)
	if k := dueLabelIndex(s); k > 0 {
		// "责任单位：A、B　完成时限：2025年底前": the deadline is no unit;
		// it dates the task.
		due := s[k:]
		if c := strings.IndexAny(due, "：:"); c >= 0 {
			_, size := utf8.DecodeRuneInString(due[c:])
			a.due = strings.TrimSpace(due[c+size:])
		}
		s = strings.TrimSpace(s[:k])
	}
	type seg struct {
		label int
		start int // of the content
		end   int
	}
	var segs []seg
	depth := 0
	headEnd := len(s)
	for i, r := range s {
		switch {
		case isOpen(r):
			depth++
		case isClose(r) && depth > 0:
			depth--
		case depth == 0:
			if li, ok := labelAt(s[i:]); ok {
				if len(segs) == 0 {
					headEnd = i
				} else {
					segs[len(segs)-1].end = i
				}
				segs = append(segs, seg{label: li, start: i + labelEnd(s[i:], li), end: len(s)})
			}
		}
	}
	found := false
	if head := strings.TrimSpace(s[:headEnd]); head != "" && hasRoleWords(head) {
		found = readProse(head, a) || found
	}
	for _, sg := range segs {
		if sg.start > sg.end {
			continue
		}
		body := s[sg.start:sg.end]
		switch labels[sg.label].role {
		case rolePerson:
			continue
		case roleProse:
			found = readProse(body, a) || found
			continue
		case roleOwner:
			if proseVerbs(body) {
				// "责任单位：A牵头，B、C配合": the units carry their own verbs.
				found = readProse(body, a) || found
				continue
			}
		}
		items := unitsWithConventions(body, a)
		if len(items) == 0 {
			continue
		}
		found = true
		switch labels[sg.label].role {
		case roleLead:
			a.lead = append(a.lead, items...)
		case roleCo:
			a.co = append(a.co, items...)
		case roleOwner:
			var owner []string
			for _, u := range items {
				if lead, ok := cutLeadMark(u); ok {
					a.lead = append(a.lead, lead)
				} else {
					owner = append(owner, u)
				}
			}
			if len(owner) > 0 {
				a.owner = append(a.owner, owner)
			}
		}
	}
	return found
}

// isConvention matches the clauses that state how a list is read rather
// than name a unit: "列首位的为牵头单位", "首位单位为牵头单位", "下同". They
// are dropped: the rule they state (first listed leads) is the rule
// applied to every 责任单位 list anyway, so "下同" needs no memory.
var conventionWords = []string{"首位", "排名第一", "第一位", "列第一", "为牵头单位", "下同"}

func isConvention(s string) bool {
	for _, w := range conventionWords {
		if strings.Contains(s, w) {
			return true
		}
	}
	return false
}

// carryRe matches "以下…均需（由）X（负责）落实，不再（一一）列出".
var carryRe = regexp.MustCompile(`以下[^。；;]{0,20}?均(?:需|由|要)([^。；;]+?)(?:负责)?(?:落实|实施|推进)[^。；;]{0,6}?[，,]\s*不再(?:一一)?(?:列出|列举|重复)[。.]?`)

// unitsWithConventions splits a unit list and drops the convention
// clauses mixed into it, including one in brackets after a unit
// ("县发改局（首位单位为牵头单位，下同）"); a carry-forward clause in it is
// recorded in a.
func unitsWithConventions(s string, a *assignment) []string {
	s = takeCarry(s, a)
	var out []string
	for _, u := range splitUnits(s) {
		if i := strings.IndexAny(u, "（("); i > 0 {
			if inner := u[i:]; isConvention(inner) {
				u = strings.TrimSpace(u[:i])
			}
		}
		if isConvention(u) {
			continue
		}
		u, _ = unitWithoutDuty(u)
		out = append(out, u)
	}
	return out
}

// carryOwnerRe matches the other way of writing it: "各区县（市）人民政府、
// 园区管委会为各项任务的责任单位，以下不再一一列出".
var carryOwnerRe = regexp.MustCompile(`([^。；;：:]{2,80}?)(?:为|是|作为)(?:各项|所有|以下|全部)?(?:任务|工作)?(?:的|之)?(?:责任单位|责任主体|落实主体|实施主体)[，,]?\s*(?:以下|下文)?(?:均)?不再(?:一一)?(?:列出|列举|重复)[。.]?`)

// takeCarry removes a carry-forward clause from s and records its units.
func takeCarry(s string, a *assignment) string { return takeCarrySep(s, a, "") }

// takeCarrySep is takeCarry putting sep where the clause was. Text keeps a
// line break there: the words on either side of a removed clause belong to
// different sentences, and a target quote must never join them into a span
// the document does not contain.
func takeCarrySep(s string, a *assignment, sep string) string {
	if !strings.Contains(s, "不再") {
		return s
	}
	for _, re := range []*regexp.Regexp{carryRe, carryOwnerRe} {
		m := re.FindStringSubmatchIndex(s)
		if m == nil {
			continue
		}
		a.carry = append(a.carry, splitUnits(strings.TrimSpace(s[m[2]:m[3]]))...)
		if m[0] == 0 || m[1] == len(s) {
			sep = ""
		}
		return s[:m[0]] + sep + s[m[1]:]
	}
	return s
}

// prose verbs, longest first so that "牵头督导" is not read as "牵头".
var leadVerbs = []string{"牵头督导", "牵头负责", "牵头落实", "牵头组织", "牵头实施", "牵头推进", "牵头抓总", "负总责", "牵头"}
var coVerbs = []string{"配合落实", "配合实施", "共同参与", "参与落实", "配合", "参与", "协助", "协办", "协同", "参加"}
var ownerVerbs = []string{"负责具体实施", "负责组织实施", "负责具体落实", "负责落实", "具体负责", "负责实施", "组织实施", "负责"}

// readProse reads "A牵头，B、C配合" style clauses, separated by ，；。
// A clause "由A牵头" or "会同B" is understood; "X负责（落实）" leads when
// nothing else in the note leads, and is a co-unit otherwise.
func readProse(s string, a *assignment) bool {
	s = takeCarry(s, a)
	var owners [][]string
	found := false
	var leads, bare []string
	for _, clause := range splitClauses(s) {
		clause = strings.TrimSpace(strings.TrimRight(clause, "。.；; "))
		if clause == "" {
			continue
		}
		if isConvention(clause) && !hasAnyVerb(clause) {
			continue
		}
		clause = strings.TrimPrefix(clause, "由")
		if i := strings.LastIndex(clause, "由"); i > 0 {
			// "该项行动由A牵头": the words before 由 name the task.
			if units, ok := cutVerb(clause[i+len("由"):], leadVerbs); ok && allUnitLike(units) {
				clause = clause[i+len("由"):]
			}
		}
		if rest, ok := strings.CutPrefix(clause, "会同"); ok {
			if items := trimVerbs(splitUnits(rest), coVerbs); len(items) > 0 {
				a.co = append(a.co, items...)
				found = true
			}
			continue
		}
		if head, tail, ok := strings.Cut(clause, "会同"); ok && endsWithAny(head, leadVerbs) {
			clause = head
			if items := trimVerbs(splitUnits(tail), coVerbs); len(items) > 0 {
				a.co = append(a.co, items...)
			}
		}
		if units, ok := cutVerb(clause, leadVerbs); ok {
			leads = append(leads, units...)
			found = found || len(units) > 0
			continue
		}
		if units, ok := cutVerb(clause, coVerbs); ok {
			a.co = append(a.co, units...)
			found = found || len(units) > 0
			continue
		}
		if units, ok := cutVerb(clause, ownerVerbs); ok && allUnitLike(units) {
			owners = append(owners, units)
			found = true
			continue
		}
		// Units with no verb after the leads: the verb was left out or
		// the note is cut off ("A牵头，B、C、" at the end of an extract).
		if units := splitUnits(clause); allUnitLike(units) {
			if len(leads) > 0 {
				a.co = append(a.co, units...)
			} else {
				bare = append(bare, units...)
			}
		}
	}
	if len(bare) > 0 && len(leads) == 0 && len(a.lead) == 0 && len(owners) == 0 && len(a.co) > 0 {
		// "责任单位：A，B配合": the units named without a verb do the
		// task and the ones marked 配合 assist, so the first of them
		// leads as in a 责任单位 list.
		a.owner = append(a.owner, bare)
		found = true
	}
	a.lead = append(a.lead, leads...)
	for _, o := range owners {
		if len(leads) == 0 && len(a.lead) == 0 {
			// "A、B按职责分工负责": no lead named, so the first listed leads
			// as in a 责任单位 list.
			a.owner = append(a.owner, o)
			continue
		}
		a.co = append(a.co, o...)
	}
	return found
}

// proseVerbs reports whether a clause of s ends in a lead or co verb.
func proseVerbs(s string) bool {
	for _, c := range splitClauses(s) {
		c = strings.TrimSpace(strings.TrimRight(c, "。.；; "))
		if endsWithAny(c, leadVerbs) || endsWithAny(c, coVerbs) {
			return true
		}
	}
	return false
}

func hasAnyVerb(s string) bool {
	return endsWithAny(s, leadVerbs) || endsWithAny(s, coVerbs) || endsWithAny(s, ownerVerbs)
}

func endsWithAny(s string, verbs []string) bool {
	for _, v := range verbs {
		if strings.HasSuffix(s, v) {
			return true
		}
	}
	return false
}

// cutVerb splits "A、B牵头" into [A B] when the clause ends in one of verbs.
func cutVerb(clause string, verbs []string) ([]string, bool) {
	for _, v := range verbs {
		if head, ok := strings.CutSuffix(clause, v); ok {
			return splitUnits(trimDutyWords(head)), true
		}
	}
	return nil, false
}

// dutyWords say how listed units share a task ("A、B按职责分工负责").
var dutyWords = []string{"共同", "分别", "按职责分工", "按照职责分工", "根据职责分工", "按职责", "按照职责", "依职责", "按职能分工", "按照职能分工", "各司其职"}

func trimDutyWords(s string) string {
	s = strings.TrimSpace(s)
	for _, q := range dutyWords {
		s = strings.TrimSpace(strings.TrimSuffix(s, q))
	}
	return s
}

// unitWithoutDuty is u without a closing "按职责分工负责" ("各乡镇按职责
// 分工负责" in a 责任单位 list names 各乡镇), and whether it had one. A
// bare 负责 is cut only after a duty phrase: it ends names too rarely to
// guess ("质量负责" is no unit, but neither is it a duty).
func unitWithoutDuty(u string) (string, bool) {
	for _, v := range ownerVerbs {
		head, ok := strings.CutSuffix(u, v)
		if !ok {
			continue
		}
		if t := trimDutyWords(head); t != strings.TrimSpace(head) && t != "" {
			return t, true
		}
	}
	return u, false
}

func trimVerbs(items []string, verbs []string) []string {
	if n := len(items); n > 0 {
		for _, v := range append(append([]string{}, verbs...), ownerVerbs...) {
			if t, ok := strings.CutSuffix(items[n-1], v); ok {
				items[n-1] = strings.TrimSpace(strings.TrimSuffix(t, "等"))
				break
			}
		}
		if items[n-1] == "" {
			items = items[:n-1]
		}
	}
	return items
}

func allUnitLike(units []string) bool {
	if len(units) == 0 {
		return false
	}
	for _, u := range units {
		if !unitLike(u) {
			return false
		}
	}
	return true
}

// splitClauses splits on ，,；;。 outside brackets.
func splitClauses(s string) []string {
	return splitOutside(s, func(r rune) bool {
		return r == '，' || r == ',' || r == '；' || r == ';' || r == '。'
	})
}

// splitUnits splits a unit list on 、，,；; outside brackets and trims each
// unit of spaces, end punctuation and a closing "等".
func splitUnits(s string) []string {
	parts := splitOutside(s, func(r rune) bool {
		return r == '、' || r == '，' || r == ',' || r == '；' || r == ';'
	})
	parts = splitOnSpaces(parts)
	out := parts[:0]
	for _, p := range parts {
		p = strings.TrimSpace(strings.Trim(p, " 。.：:"))
		if t, ok := strings.CutSuffix(p, "等"); ok && utf8.RuneCountInString(t) >= 2 {
			p = t
		}
		for _, suffix := range []string{"等单位", "等部门", "等相关单位", "等有关单位"} {
			if t, ok := strings.CutSuffix(p, suffix); ok && t != "" {
				p = t
			}
		}
		if p != "" {
			out = append(out, p)
		}
	}
	return out
}

// splitOnSpaces splits a list item written with spaces between units
// ("市发改委 市财政局", as tables exported to text have it) when every
// piece names a unit; a stray space inside one name is left alone.
func splitOnSpaces(parts []string) []string {
	var out []string
	for _, p := range parts {
		if !strings.Contains(strings.TrimSpace(p), " ") {
			out = append(out, p)
			continue
		}
		fields := strings.Fields(p)
		if len(fields) < 2 || !allUnitLike(fields) {
			out = append(out, p)
			continue
		}
		out = append(out, fields...)
	}
	return out
}

func splitOutside(s string, sep func(rune) bool) []string {
	var out []string
	depth, start := 0, 0
	for i, r := range s {
		switch {
		case isOpen(r):
			depth++
		case isClose(r) && depth > 0:
			depth--
		case depth == 0 && sep(r):
			out = append(out, s[start:i])
			start = i + utf8.RuneLen(r)
		}
	}
	return append(out, s[start:])
}

// unitSuffixes end the names of government bodies, enterprises and places
// that take on tasks.
var unitSuffixes = []string{
	"局", "委", "办", "厅", "部", "院", "政府", "管委会", "委员会", "公司", "中心", "集团", "署", "会", "处", "室",
	"所", "站", "社", "行", "队", "街道", "镇", "乡", "办事处", "分局", "馆", "校", "团", "联", "台", "园区", "各地",
	"各部门", "各单位", "单位", "部门", "区", "县", "市", "旗", "关", "中心", "组", "厂", "司",
}

// bodySuffixes end the names of government bodies and enterprises, the
// only names a bare bracketed list at the end of a task is read as.
var bodySuffixes = []string{"局", "委", "办", "厅", "部", "政府", "管委会", "委员会", "公司", "集团", "中心", "街道", "办事处", "联", "会"}

// bodyLike reports whether s names a government body or enterprise; it is
// stricter than unitLike because a bare list has no label to vouch for it
// ("含微站和室分基站" ends like a unit but is a remark).
func bodyLike(s string) bool {
	if !unitLike(s) {
		return false
	}
	for _, p := range []string{"含", "包括", "如", "即", "其中", "不含", "除"} {
		if strings.HasPrefix(s, p) {
			return false
		}
	}
	for _, suf := range bodySuffixes {
		if strings.HasSuffix(s, suf) {
			return true
		}
	}
	return false
}

// unitLike reports whether s reads as the name of a unit: short, no
// sentence punctuation, ending (before any bracketed remark) in a
// unit-like word.
func unitLike(s string) bool {
	n := utf8.RuneCountInString(s)
	if n < 2 || n > 40 || strings.ContainsAny(s, "。，,；;：:") {
		return false
	}
	for {
		r, size := utf8.DecodeLastRuneInString(s)
		if !isClose(r) {
			break
		}
		i := strings.LastIndexAny(s, "（(〔【[［")
		if i <= 0 {
			return false
		}
		_ = size
		s = strings.TrimSpace(s[:i])
	}
	for _, suf := range unitSuffixes {
		if strings.HasSuffix(s, suf) {
			return true
		}
	}
	return false
}

// proseAssignment reads who does a task from its running text, for tasks
// that carry no note: a sentence that is nothing but an assignment
// ("市发展改革委负责，市财政局配合。") is read and dropped from the text; a
// sentence "由A牵头，会同B、C制定…" gives A as lead and B, C as co-units
// and stays, since it also says what is done.
func proseAssignment(text string, a *assignment) string {
	if !hasRoleWords(text) && !strings.Contains(text, "负责") {
		return text
	}
	var kept strings.Builder
	for _, sentence := range splitSentences(text) {
		if remarkLine(strings.TrimSpace(sentence)) {
			// "注：…由各乡镇人民政府负责辖区内组织实施" states a rule
			// for the table or list above, not who does this section.
			kept.WriteString(sentence)
			continue
		}
		if !hasRoleWords(sentence) && !strings.Contains(sentence, "负责") {
			kept.WriteString(sentence)
			continue
		}
		core := strings.TrimSpace(strings.TrimRight(sentence, "。；;\n "))
		if core != "" && utf8.RuneCountInString(core) <= 80 && !strings.HasPrefix(core, "由") {
			var b assignment
			if readProse(core, &b) && allUnitLike(b.allUnits()) && onlyAssignment(core) {
				addNote(a, &b)
				continue
			}
		}
		if lead, co, ok := ledBy(sentence); ok && len(a.lead) == 0 {
			a.lead = append(a.lead, lead...)
			a.co = append(a.co, co...)
		}
		kept.WriteString(sentence)
	}
	return strings.TrimSpace(kept.String())
}

// splitSentences cuts after each 。 (keeping it) and at line ends.
func splitSentences(s string) []string {
	var out []string
	start := 0
	for i, r := range s {
		if r == '。' || r == '\n' {
			end := i + utf8.RuneLen(r)
			out = append(out, s[start:end])
			start = end
		}
	}
	if start < len(s) {
		out = append(out, s[start:])
	}
	return out
}

// onlyAssignment reports whether every clause of s ends in a role verb, so
// the sentence says nothing but who does the task.
func onlyAssignment(s string) bool {
	for _, c := range splitClauses(s) {
		c = strings.TrimSpace(c)
		if c == "" {
			continue
		}
		if !hasAnyVerb(c) && !strings.HasPrefix(c, "会同") {
			return false
		}
	}
	return true
}

// ledBy reads who leads and who assists from a sentence that also says
// what is done: "由A牵头（负责），会同B、C…", "…由A牵头，B、C配合，D负责具体
// 实施。", "A牵头，B、C参与，年内完成…", "A负责，B协助…". The co-units are the
// clauses right after the lead's that are unit lists ending in a co verb
// (or an owner verb, "D负责具体实施"), or a 会同 list.
func ledBy(s string) (lead, co []string, ok bool) {
	if strings.Contains(s, "为牵头") || strings.Contains(s, "为配合") || strings.Contains(s, "为协办") || strings.Contains(s, "为参与") {
		s = roleNouns.Replace(s)
	}
	if lead, co, ok := ledByYou(s); ok {
		return lead, co, ok
	}
	return ledByClause(s)
}

// roleNouns rewrite "A为牵头单位，B为配合单位" as the verbs it means.
var roleNouns = strings.NewReplacer("为牵头单位", "牵头", "为牵头部门", "牵头", "为配合单位", "配合", "为配合部门", "配合",
	"为协办单位", "协办", "为参与单位", "参与")

// ledByYou reads "由A牵头" anywhere in a sentence; "由A会同B、C负责"
// names B and C as co-units inside the lead's clause.
func ledByYou(s string) (lead, co []string, ok bool) {
	i := strings.Index(s, "由")
	for i >= 0 {
		rest := s[i+len("由"):]
		// The lead's name is short: look for its verb nearby only, so a
		// long sentence with many 由 stays linear.
		near := rest[:min(len(rest), 40*3+len("牵头"))]
		for _, verb := range []string{"牵头", "负责"} {
			j := strings.Index(near, verb)
			if j <= 0 || utf8.RuneCountInString(rest[:j]) > 40 {
				continue
			}
			head, with, _ := strings.Cut(rest[:j], "会同")
			units := splitUnits(head)
			if !allUnitLike(units) {
				continue
			}
			var co []string
			if with != "" {
				co = unitPrefixes(splitUnits(with))
			}
			return units, append(co, coAfter(rest[j+len(verb):])...), true
		}
		// "由A会同B、C制定方案": A leads what follows, with B and C.
		if k := strings.Index(near, "会同"); k > 0 {
			if units := splitUnits(rest[:k]); allUnitLike(units) {
				with := rest[k+len("会同"):]
				if end := strings.IndexAny(with, "，,。；;"); end >= 0 {
					with = with[:end]
				}
				return units, unitPrefixes(splitUnits(with)), true
			}
		}
		next := strings.Index(rest, "由")
		if next < 0 {
			break
		}
		i += len("由") + next
	}
	return nil, nil, false
}

// ledByClause reads a clause that is a unit list ending in a lead verb
// ("A、B牵头，C配合，…") without 由. "A负责" leads only when co-units
// follow, since "A负责" alone often just names who does one step.
func ledByClause(s string) (lead, co []string, ok bool) {
	if !strings.Contains(s, "牵头") && !strings.Contains(s, "负责") {
		return nil, nil, false
	}
	off := 0
	for _, c := range splitClauses(s) {
		at := strings.Index(s[off:], c)
		if at < 0 {
			break
		}
		off += at + len(c)
		clause := strings.TrimSpace(c)
		if units, ok := cutVerb(clause, leadVerbs); ok && allUnitLike(units) {
			return units, coAfter(s[off:]), true
		}
		if units, ok := cutVerb(clause, []string{"负责"}); ok && allUnitLike(units) {
			if co := coAfter(s[off:]); len(co) > 0 {
				return units, co, true
			}
		}
	}
	return nil, nil, false
}

// coAfter reads the co-units named right after a lead's verb, up to the
// end of the sentence: "，B、C配合", "，会同B、C制定…", "，B按职责分工负责",
// "，D负责具体实施". It stops at the first clause that is not such a list.
func coAfter(after string) []string {
	if end := strings.IndexAny(after, "。\n"); end >= 0 {
		after = after[:end]
	}
	after = strings.TrimPrefix(after, "负责")
	var co, pending []string
	for i, c := range splitClauses(after) {
		c = strings.TrimSpace(c)
		if c == "" {
			if i == 0 {
				continue
			}
			break
		}
		if rest, ok := strings.CutPrefix(c, "会同"); ok {
			// "会同B、C制定方案": the list runs on into what is done.
			co = append(co, unitPrefixes(splitUnits(rest))...)
			break
		}
		if units, ok := cutVerb(c, coVerbs); ok && allUnitLike(units) {
			co = append(append(co, pending...), units...)
			pending = nil
			continue
		}
		if units, ok := cutVerb(c, ownerVerbs); ok && allUnitLike(units) {
			co = append(append(co, pending...), units...)
			pending = nil
			continue
		}
		// "，B、C，各区县人民政府参与": a list split by a comma before its
		// verb; the units count only if a verb follows.
		if units := splitUnits(c); allUnitLike(units) {
			pending = append(pending, units...)
			continue
		}
		break
	}
	return co
}

// unitPrefixes keeps the units of a list whose last item runs on into the
// sentence ("市财政局共同研究制定" gives 市财政局): each item is cut to its
// longest unit-like prefix, and the list stops at an item without one.
func unitPrefixes(items []string) []string {
	var out []string
	for _, it := range items {
		best := ""
		n := 0
		for i := range it {
			if n > 40 {
				break
			}
			n++
			if i > 0 && unitLike(it[:i]) {
				best = it[:i]
			}
		}
		if unitLike(it) {
			best = it
		}
		if best == "" {
			break
		}
		if clean := splitUnits(best); len(clean) == 1 {
			best = clean[0]
		}
		out = append(out, best)
	}
	return out
}
