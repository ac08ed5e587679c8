package planparse

import (
	"regexp"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/planwatch/planwatch/internal/cndate"
	"github.com/planwatch/planwatch/internal/plan"
)

// maxDepth bounds the section tree; deeper numbering in real plans does
// not occur, and a hostile text must not build a tree that blows the stack
// of whoever walks it.
const maxDepth = 12

// node is a section being built, with what is needed to finish it.
type node struct {
	sec      *plan.Section
	kind     markerKind
	heading  string // the heading line after its number, notes removed
	body     []string
	assign   assignment
	parent   *node
	children []*node
	// table rows bring their units from columns.
	tableLead, tableCo []string
	// row: a table row, whose task cell is read for targets even when
	// short; due: its 完成时限 cell, the deadline of what the row states.
	row bool
	due string
	// A project table's row: its start and completion dates (开工时间,
	// 竣工时间) and its year's planned investment in yuan, with the cell.
	start, finish string
	invest        float64
	investQuote   string
}

// ParseText reads an already decoded plan text. It never fails: a text
// without numbered headings gives a plan whose only section is its
// preamble.
//
// The text before the first numbered heading that follows the plan title
// (the preamble) is kept as a section with ID "0", empty number and empty
// title, so that what it says (targets, too) is not lost; it is present
// only when the preamble is not empty. The notice, signature, 抄送 and
// 印发 blocks are metadata, never sections.
func ParseText(text string) *plan.Plan {
	lines := normalizeLines(text)
	first := firstHeading(lines)
	var noticeBody []string
	if from, to, ok := appendixBody(lines, first); ok {
		noticeBody, first = lines[first:from], to
	}
	h := newHeader(lines[:first])
	p := &plan.Plan{Sections: []*plan.Section{}}
	readMeta(p, h, lines)

	root := &node{}
	var preamble []string
	switch {
	case noticeBody != nil:
		// The notice's own numbered requirements are not the plan's
		// sections, but a date they set is still a commitment.
		preamble = preambleLines(noticeBody)
	case h.titleEnd > 0:
		preamble = preambleLines(h.lines[h.titleEnd:])
	default:
		preamble = preambleLines(h.lines[noticeEnd(h.lines):])
	}
	body := lines[first:]
	body = body[:tailStart(body)]
	buildTree(root, body)

	f := &finisher{p: p, year: docYear(p), start: periodStart(p)}
	if len(preamble) > 0 {
		pre := &node{sec: newSection("0", "", "")}
		pre.body = preamble
		f.node(pre, "")
		p.Sections = append(p.Sections, pre.sec)
	}
	for i, c := range root.children {
		f.tree(c, strconv.Itoa(i+1), "")
		p.Sections = append(p.Sections, c.sec)
	}
	assignByTaskNumber(p.Sections)
	return p
}

// taskRefRe matches an item of a closing 任务分工 section that names the
// tasks it assigns by number: "第3项任务：", "第7、8项任务：", "第2至4项".
var taskRefRe = regexp.MustCompile(`^第\s*(\d+(?:\s*[、，,和及至到—\-]\s*\d+)*)\s*项(?:重点)?(?:任务|工作)?`)

// assignByTaskNumber gives the tasks of a plan the units that a later 任务
// 分工 section assigns them by number ("第1项任务：A牵头，B、C参与"), as
// plans do that keep their task list free of notes. The Kth task is the
// Kth numbered item under the first section before it whose title names
// tasks (重点任务, 主要任务); a task that has units of its own keeps them.
func assignByTaskNumber(top []*plan.Section) {
	for si, s := range top {
		if !strings.Contains(s.Title, "分工") {
			continue
		}
		var tasks []*plan.Section
		for _, t := range top[:si] {
			if strings.Contains(t.Title, "任务") {
				tasks = t.Children
				break
			}
		}
		if len(tasks) == 0 {
			return
		}
		for _, item := range s.Children {
			m := taskRefRe.FindStringSubmatch(item.Title)
			if m == nil {
				continue
			}
			lead, co := item.LeadUnits, item.CoUnits
			if len(lead) == 0 {
				// "第7、8项任务：A牵头，B参与" kept whole as the title.
				_, note, _ := strings.Cut(item.Title, "：")
				var a assignment
				readProse(note, &a)
				lead, co = a.units()
			}
			if len(lead) == 0 {
				continue
			}
			for _, k := range taskNumbers(m[1]) {
				if k < 1 || k > len(tasks) || len(tasks[k-1].LeadUnits) > 0 {
					continue
				}
				tasks[k-1].LeadUnits = append([]string{}, lead...)
				tasks[k-1].CoUnits = append([]string{}, co...)
			}
		}
		return
	}
}

// taskNumbers reads "7、8", "2至4" into the numbers they name.
func taskNumbers(s string) []int {
	var out []int
	span := false
	for _, tok := range taskNumberRe.FindAllString(s, -1) {
		n, err := strconv.Atoi(tok)
		if err != nil {
			span = len(out) > 0 // 至, 到, a dash: a span to the next number
			continue
		}
		if span {
			for k := out[len(out)-1] + 1; k < n && k-out[len(out)-1] < 50; k++ {
				out = append(out, k)
			}
			span = false
		}
		out = append(out, n)
	}
	return out
}

var taskNumberRe = regexp.MustCompile(`\d+|至|到|—|-`)

func newSection(id, number, title string) *plan.Section {
	return &plan.Section{
		ID: id, Number: number, Title: title,
		LeadUnits: []string{}, CoUnits: []string{},
		Targets: []plan.Target{}, Milestones: []plan.Milestone{},
		Children: []*plan.Section{},
	}
}

// firstHeading returns the index of the first line that opens the plan's
// numbered body. A numbered line inside the notice (before the plan title,
// when the plan has one) would be caught too, which is rare enough.
func firstHeading(lines []string) int {
	attachments := false
	for i, l := range lines {
		if strings.HasPrefix(l, "附件") {
			// "附件：1.某某实施方案 2.某某措施" lists documents, not tasks.
			attachments = true
			continue
		}
		if m, ok := parseMarker(l); ok {
			if attachments && hasTitleSuffix(strings.TrimSpace(l[m.n:])) {
				continue
			}
			return i
		}
		if l != "" {
			attachments = false // the list ended
		}
		if isTableLine(l) && tableHeader(l) != nil {
			return i
		}
	}
	return len(lines)
}

// appendixMarkRe matches the line that opens an attachment: "附件",
// "附件2", "附件：" standing alone above the attachment's title.
var appendixMarkRe = regexp.MustCompile(`^附件\s*[0-9０-９一二三四五六七八九十]{0,2}\s*[:：]?$`)

// appendixBody finds a plan sent as the attachment of a notice whose own
// body is numbered ("…通知如下：一、各牵头单位要…二、…", signature, then
// "附件" and the task list). The notice's numbering must not become the
// plan's sections: when the numbered lines from first follow the notice
// sentence directly, are closed by a signature date, and an attachment
// marker with a numbered body comes after it, the notice body is
// lines[first:from] and the plan's first heading is at to.
func appendixBody(lines []string, first int) (from, to int, ok bool) {
	if !noticeOpensBody(lines[:first]) {
		return 0, 0, false
	}
	signed := -1
	for i := first; i < len(lines); i++ {
		l := lines[i]
		if signed < 0 {
			if _, ok := signedDate(l); ok {
				signed = i
			}
			continue
		}
		if !appendixMarkRe.MatchString(l) {
			continue
		}
		for j := i + 1; j < len(lines) && j <= i+6; j++ {
			if _, isHead := parseMarker(lines[j]); isHead {
				return signed, j, true
			}
			if isTableLine(lines[j]) && tableHeader(lines[j]) != nil {
				return signed, j, true // the list as a table
			}
		}
	}
	return 0, 0, false
}

// noticeOpensBody reports whether the last words before the first heading
// are a notice's lead-in ("…并就有关事项通知如下：", "…印发给你们，请…"),
// so the numbered lines that follow belong to the notice.
func noticeOpensBody(lines []string) bool {
	for i := len(lines) - 1; i >= 0; i-- {
		l := strings.TrimSpace(lines[i])
		if l == "" {
			continue
		}
		if !strings.HasSuffix(l, "：") && !strings.HasSuffix(l, ":") {
			return false
		}
		for _, w := range [...]string{"通知如下", "要求如下", "以下要求", "如下要求", "有关事项", "印发给你们"} {
			if strings.Contains(l, w) {
				return true
			}
		}
		return false
	}
	return false
}

// noticeEnd returns the index after the notice block (its signature date,
// or its "现印发给你们" sentence) when a plan title was not found, so that
// the notice does not pass for the plan's preamble; 0 when there is none.
func noticeEnd(lines []string) int {
	end := 0
	for i, l := range lines {
		if _, ok := signedDate(l); ok {
			end = i + 1
		}
		if strings.Contains(l, "印发给你们") || strings.Contains(l, "现印发") || strings.Contains(l, "印发给各") ||
			strings.HasPrefix(l, "（此件") || strings.HasPrefix(l, "(此件") || strings.Contains(l, "的通知") {
			end = i + 1
		}
	}
	return end
}

// preambleLines keeps the header lines after the plan title that read as
// text: not the 文号, dates, signature or disclosure remarks.
func preambleLines(lines []string) []string {
	var out []string
	for _, l := range lines {
		switch {
		case l == "", docNumberRe.MatchString(l), issuerLike(l), isTableLine(l):
			continue
		case strings.HasPrefix(l, "（此件") || strings.HasPrefix(l, "(此件"):
			continue
		}
		if _, ok := signedDate(l); ok {
			continue
		}
		out = append(out, l)
	}
	return out
}

// tailStart returns the index where the closing blocks begin (抄送, 印发
// line and the body above it, attachments lists are kept), or len(lines).
func tailStart(lines []string) int {
	for i, l := range lines {
		if l == "" {
			continue
		}
		tail := strings.HasPrefix(l, "抄送") || strings.HasPrefix(l, "主送")
		if !tail {
			_, _, tail = printedDate(l)
		}
		if !tail {
			continue
		}
		j := i
		for k := i - 1; k >= 0 && k >= i-3; k-- {
			if lines[k] == "" {
				continue
			}
			if issuerLike(lines[k]) {
				j = k
			}
			break
		}
		return j
	}
	return len(lines)
}

// buildTree reads the body lines into root's children. A new heading
// closes the open sections down to the level of its style: if an open
// ancestor uses the same style it becomes that one's sibling; otherwise it
// goes under the deepest open section whose style is conventionally
// higher, so documents that skip a level (一、 then 1.) nest correctly.
func buildTree(root *node, lines []string) {
	var cols *tableCols
	var tableParent *node // the section holding the open table
	blank := false        // a blank line since the table's last row
	cur := root
	lastArabic := 0
	for _, l := range lines {
		if l == "" {
			blank = true
			continue
		}
		if cols != nil && tableParent != nil && !strings.Contains(l, "|") && (blank || remarkLine(l)) {
			// Text after the table, past a blank line, or a remark on
			// it ("注：…"), belongs to the section holding the table, not
			// to its last row.
			cur, cols, tableParent = tableParent, nil, nil
		}
		blank = false
		if cols != nil && strings.Contains(l, "|") {
			// A row holding one cell is a heading or text between rows
			// ("| 一、经济发展 | | |").
			if cell, ok := singleCell(l); ok {
				l = cell
			}
		}
		if isTableLine(l) || (cols != nil && strings.Contains(l, "|")) {
			if c := tableHeader(l); c != nil {
				cols = c
				continue
			}
			if cols != nil {
				if n := tableRow(l, cols); n != nil {
					parent := cur
					for parent != root && parent.kind >= kindArabic {
						parent = parent.parent
					}
					attach(parent, n)
					tableParent = parent
					cur = n
					continue
				}
			}
		}
		m, ok := parseMarker(l)
		if !ok {
			m, ok = decimalHeading(l, lastArabic)
		}
		if !ok {
			cur.body = append(cur.body, l)
			continue
		}
		if m.kind == kindArabic {
			lastArabic = m.num
		}
		n := &node{kind: m.kind, sec: newSection("", strings.TrimSpace(l[:m.n]), "")}
		n.heading = l[m.n:]
		parent := placeFor(cur, root, m.kind)
		if depth(parent) >= maxDepth {
			// Too deep to be real: keep the line as text of the deepest section.
			parent.body = append(parent.body, l)
			cur = parent
			continue
		}
		attach(parent, n)
		cur = n
	}
}

// decimalHeading reads a line such as "4.5G+工业互联网。…" as item 4 when
// the last "N." item was 3 (plans often number items on across parts):
// read alone it looks like the decimal 4.5, and a paragraph that opens
// with a decimal is rare while a 5G plan's "5G+" items are common.
func decimalHeading(l string, lastArabic int) (marker, bool) {
	v, n := arabicValue(l)
	if n == 0 || v < 2 || v != lastArabic+1 || n >= len(l) {
		return marker{}, false
	}
	switch {
	case l[n] == '.':
		return marker{kind: kindArabic, num: v, n: n + 1}, true
	case strings.HasPrefix(l[n:], "．"):
		return marker{kind: kindArabic, num: v, n: n + len("．")}, true
	}
	return marker{}, false
}

func attach(parent, n *node) {
	n.parent = parent
	parent.children = append(parent.children, n)
}

func depth(n *node) int {
	d := 0
	for ; n.parent != nil; n = n.parent {
		d++
	}
	return d
}

// placeFor returns the section a heading of kind k goes under.
func placeFor(cur, root *node, k markerKind) *node {
	for a := cur; a != root; a = a.parent {
		if a.kind == k {
			return a.parent
		}
	}
	p := cur
	for p != root && p.kind >= k {
		p = p.parent
	}
	return p
}

// finisher completes the sections of one plan in document order; carry
// holds the units a "以下…不再一一列出" clause has added to every task
// from there on.
type finisher struct {
	p     *plan.Plan
	year  int
	start int // the plan period's first year
	carry []string
}

// tree gives n and its descendants their IDs, titles, texts, units,
// targets and milestones.
func (f *finisher) tree(n *node, id string, inherited plan.Date) {
	n.sec.ID = id
	inherited = f.node(n, inherited)
	for i, c := range n.children {
		f.tree(c, id+"."+strconv.Itoa(i+1), inherited)
		n.sec.Children = append(n.sec.Children, c.sec)
	}
}

// node completes one section and returns the deadline its children
// inherit.
func (f *finisher) node(n *node, inherited plan.Date) plan.Date {
	rawTitle, rest := splitHeading(n.heading)
	title := strings.TrimRight(extractNotes(rawTitle, &n.assign), " ：:；;，,.．、")
	// "1. 新建养老服务站8个（牵头：A；时间：10月底）": a heading that carries
	// its own note is an item of a list of tasks, read like a sentence.
	noted := title != strings.TrimRight(strings.TrimSpace(rawTitle), " ：:；;，,.．、")
	lines := n.body
	if rest != "" {
		lines = append([]string{rest}, n.body...)
	}
	body, parts := groupNotes(lines, &n.assign)
	if len(parts) > 0 {
		kids := make([]*node, 0, len(parts)+len(n.children))
		for _, pt := range parts {
			kids = append(kids, &node{sec: newSection("", "", partTitle(pt.lines)), body: pt.lines, assign: pt.assign, parent: n})
		}
		n.children = append(kids, n.children...)
	}
	if n.sec.Title == "" {
		n.sec.Title = title
	}
	n.sec.Text = strings.Join(body, "\n")
	if n.assign.empty() && len(n.tableLead)+len(n.tableCo) == 0 {
		n.sec.Text = proseAssignment(n.sec.Text, &n.assign)
	}

	lead, co := n.assign.units()
	lead = appendUnique(lead, n.tableLead...)
	co = appendUniqueExcept(co, lead, n.tableCo...)
	if len(lead) > 0 || len(co) > 0 {
		co = appendUniqueExcept(co, lead, f.carry...)
		co = appendUniqueExcept(co, lead, n.assign.carry...)
	}
	f.carry = appendUnique(f.carry, n.assign.carry...)
	n.sec.LeadUnits = appendUnique(n.sec.LeadUnits, lead...)
	n.sec.CoUnits = appendUnique(n.sec.CoUnits, co...)

	if d := sectionHorizon(n.sec.Title, f.year); d != "" {
		inherited = d
	}
	// "到2027年，…。具体目标如下：" then （一）（二）…: a lead-in that
	// dates a list dates the sections that follow it, for the children
	// only; its own text keeps the inherited date.
	childDue := inherited
	if d := leadInDue(n.sec.Text, f.year); d != "" && len(n.children) > 0 {
		childDue = d
	}
	commit := n.sec.Text
	_, labelled := cutContentLabel(strings.TrimSpace(n.heading))
	if n.row || labelled || noted || rest != "" || endsSentence(n.heading) || strings.ContainsAny(title, "，,；;") || utf8.RuneCountInString(title) > 40 {
		// A run-in heading is itself a sentence of the task, as is a
		// heading that reads as one but was cut before its full stop;
		// what it states counts ("1.努力实现地区生产总值增长6.2%左右。").
		// A bare title ("推进5G网络规模建设") is not read for targets.
		head := strings.TrimSuffix(strings.TrimSpace(n.heading), rest)
		commit = strings.TrimSpace(extractNotes(head, &assignment{}) + "\n" + n.sec.Text)
	}
	if commit != "" {
		due := dueDate(n.due, f.year)
		if n.due == "" {
			due = labelledDue(body, f.year)
		}
		if due == "" && n.assign.due != "" {
			due = dueDate(n.assign.due, f.year)
		}
		targets, milestones := readCommitmentsFrom(commit, f.year, f.start, inherited, due)
		n.sec.Targets = append(n.sec.Targets, targets...)
		n.sec.Milestones = append(n.sec.Milestones, milestones...)
	}
	if n.row {
		f.projectRow(n)
	}
	return childDue
}

// projectRow adds what a project table's row commits to: starting work by
// its 开工时间 when that falls in the plan's year or later (a project
// already started is no commitment), completing it by its 竣工时间, and
// its year's planned investment by the year's end.
func (f *finisher) projectRow(n *node) {
	name := strings.TrimSpace(n.heading)
	if name == "" {
		return
	}
	if d := dueDate(n.start, f.year); !d.IsZero() && (f.year == 0 || d.Time().Year() >= f.year) {
		n.sec.Milestones = append(n.sec.Milestones, plan.Milestone{Text: name + "开工", Deadline: d, Quote: name})
	}
	if d := dueDate(n.finish, f.year); !d.IsZero() {
		n.sec.Milestones = append(n.sec.Milestones, plan.Milestone{Text: name + "竣工", Deadline: d, Quote: name})
	}
	if n.invest > 0 && f.year > 0 {
		n.sec.Targets = append(n.sec.Targets, plan.Target{Subject: name + "年度计划投资", Comparator: plan.GE, Value: n.invest,
			Unit: "元", Deadline: cndate.YearEnd(f.year), Quote: n.investQuote, Kind: plan.KindFlow})
	}
}

// part is a stretch of a task's text that carries a note of its own.
type part struct {
	lines  []string
	assign assignment
}

// groupNotes removes the notes from a task's lines, records them in a and
// returns the text left. When a task holds several notes with text
// between them ("…目录。〔A牵头，B参与〕按省的要求…锅炉。（C牵头，D参与）"),
// each note assigns the text before it: the first stays the task's own,
// every later one becomes a part (an unnumbered sub-task) with its text
// and units. Notes with no text between them ("牵头单位：A" then
// "责任单位：B") are one assignment.
func groupNotes(lines []string, a *assignment) (body []string, parts []*part) {
	var pending []string // text since the last note that named units
	var line strings.Builder
	flush := func() {
		if t := strings.TrimSpace(line.String()); t != "" {
			pending = append(pending, t)
		}
		line.Reset()
	}
	target, cur := &body, a
	noted := false
	for _, l := range lines {
		for _, sg := range splitNotes(l) {
			switch {
			case sg.note == nil:
				line.WriteString(sg.text)
				continue
			case !sg.names():
				addNote(cur, sg.note) // a carry-forward clause alone
				continue
			}
			flush()
			switch {
			case !noted:
				body = append(body, pending...)
				addNote(a, sg.note)
				noted = true
			case len(pending) == 0:
				addNote(cur, sg.note)
			default:
				pt := &part{lines: pending}
				addNote(&pt.assign, sg.note)
				parts = append(parts, pt)
				target, cur = &pt.lines, &pt.assign
			}
			pending = nil
		}
		flush()
	}
	*target = append(*target, pending...)
	return body, parts
}

// partTitle names a part by its first sentence, shortened to the whole
// clauses that fit in 40 characters when long.
func partTitle(lines []string) string {
	if len(lines) == 0 {
		return ""
	}
	t, _ := splitHeading(lines[0])
	if utf8.RuneCountInString(t) > 40 {
		cut := 0
		for i, r := range t {
			if utf8.RuneCountInString(t[:i]) > 40 {
				break
			}
			if r == '，' || r == ',' || r == '；' || r == ';' {
				cut = i
			}
		}
		if cut > 0 {
			t = t[:cut]
		}
	}
	return strings.TrimRight(t, " ：:；;，,.．、")
}

// endsSentence reports whether s ends in sentence punctuation.
func endsSentence(s string) bool {
	return strings.HasSuffix(s, "。") || strings.HasSuffix(s, "；") || strings.HasSuffix(s, ";") ||
		strings.HasSuffix(s, "！") || strings.HasSuffix(s, "？")
}

// splitHeading cuts a heading line into its title and, for a run-in
// heading ("加强统筹协调。建立健全…"), the text after the first full stop.
// The title loses its trailing punctuation.
func splitHeading(h string) (title, rest string) {
	h = strings.TrimSpace(h)
	if content, ok := cutContentLabel(h); ok {
		return splitHeading(content)
	}
	// "（二）工作目标：到2025年，…": a short label before a colon is the title.
	if i := strings.IndexAny(h, "：:"); i > 0 && utf8.RuneCountInString(h[:i]) <= 15 && !strings.ContainsAny(h[:i], "，,；;。、（(") {
		_, size := firstRuneSize(h[i:])
		if rest := strings.TrimSpace(h[i+size:]); rest != "" {
			return strings.TrimSpace(h[:i]), rest
		}
	}
	if i := strings.IndexAny(h, "。！？"); i >= 0 {
		title = h[:i]
		_, size := firstRuneSize(h[i:])
		rest = strings.TrimSpace(h[i+size:])
	} else {
		title = h
	}
	title = strings.TrimRight(title, " ：:；;，,.．、")
	return title, rest
}

// contentLabels name the field of a task list that holds the task itself
// ("1. 任务内容：新建…"): the item is titled by what follows, since every
// item bears the same label.
var contentLabels = []string{"任务内容", "工作内容", "具体任务", "任务名称", "工作任务", "主要任务", "重点任务", "工作事项", "任务事项", "事项名称"}

// cutContentLabel returns the text after a leading content label and its
// colon, when there is text after it.
func cutContentLabel(h string) (string, bool) {
	for _, l := range contentLabels {
		rest, ok := strings.CutPrefix(h, l)
		if !ok {
			continue
		}
		rest = strings.TrimSpace(rest)
		for _, colon := range []string{"：", ":"} {
			if after, ok := strings.CutPrefix(rest, colon); ok && strings.TrimSpace(after) != "" {
				return strings.TrimSpace(after), true
			}
		}
	}
	return "", false
}

func firstRuneSize(s string) (rune, int) {
	for _, r := range s {
		return r, len(string(r))
	}
	return 0, 0
}

// dueLabel reports whether label (the words before the colon of a field
// line) names a task's deadline. Offices write it many ways (完成时限,
// 整改时限, 办结时限, 完成期限, 时间节点, 完成时间), so the rule is the
// label's ending, not a list: a short label that ends in 时限, 期限 or
// 时间节点, or is 完成时间 / 实施时间.
func dueLabel(label string) bool {
	label = strings.TrimSpace(label)
	if n := utf8.RuneCountInString(label); n < 2 || n > 6 {
		return false
	}
	for _, end := range [...]string{"时限", "期限", "时间节点", "节点时间"} {
		if strings.HasSuffix(label, end) {
			return true
		}
	}
	return label == "完成时间" || label == "实施时间" || label == "时间安排"
}

// leadInDue is the deadline of a section text's last paragraph when it
// introduces a list ("到2027年，…取得显著成效。具体目标如下："): the
// paragraph ends in a colon and a deadline phrase opens it.
func leadInDue(text string, year int) plan.Date {
	text = strings.TrimSpace(text)
	if !strings.HasSuffix(text, "：") && !strings.HasSuffix(text, ":") {
		return ""
	}
	last := text[strings.LastIndex(text, "\n")+1:]
	d, ok := cndate.Deadline(last, year)
	if !ok {
		return ""
	}
	return d
}

// dueLabelIndex returns where a due label ("完成时限：") starts in a line
// of labels ("牵头单位：A　责任单位：B　完成时限：2025年底前", "牵头：A；责
// 任：B；时间：9月底"), or -1: the label stands at the line's start or
// after a space or a separator, and its colon follows it. Among other
// labels a bare 时间 or 时限 is a due label too.
func dueLabelIndex(l string) int {
	if !strings.Contains(l, "时") && !strings.Contains(l, "期") {
		return -1 // every due label has one of them
	}
	for i := 0; i < len(l); {
		j := strings.IndexAny(l[i:], "：:")
		if j < 0 {
			return -1
		}
		colon := i + j
		start := 0
		if b := strings.LastIndexFunc(l[:colon], labelBoundary); b >= 0 {
			_, size := utf8.DecodeRuneInString(l[b:])
			start = b + size
		}
		if label := strings.TrimSpace(l[start:colon]); dueLabel(label) || (label == "时间" || label == "时限" || label == "期限") && start > 0 {
			return start
		}
		_, size := utf8.DecodeRuneInString(l[colon:])
		i = colon + size
	}
	return -1
}

// labelBoundary is what stands before a label in a line of labels.
func labelBoundary(r rune) bool {
	return unicode.IsSpace(r) || r == '；' || r == ';' || r == '，' || r == ',' || r == '（' || r == '('
}

// labelledDue returns the deadline a "完成时限：…" line among a task's lines
// gives the whole task, or "" when there is none or it names no date
// ("完成时限：长期坚持").
func labelledDue(lines []string, year int) plan.Date {
	for _, l := range lines {
		// A label is at most six characters (dueLabel), so its colon is
		// near the start: searching whole paragraphs for it cost a
		// twentieth of all parsing.
		head := l[:min(len(l), 48)]
		i := strings.IndexAny(head, "：:")
		if i <= 0 || !dueLabel(l[:i]) {
			continue
		}
		_, size := utf8.DecodeRuneInString(l[i:])
		return dueDate(l[i+size:], year)
	}
	return ""
}

// dueDate reads a task's deadline as its 完成时限 states it: the latest
// deadline named, since a task given stages ("6月底前完成方案，年底前建
// 成") is done with its last one. Under that label a bare "2024年" is a
// deadline too.
func dueDate(s string, year int) plan.Date {
	var due plan.Date
	for _, m := range cndate.Find(s, year) {
		if !m.Status && m.Date > due {
			due = m.Date
		}
	}
	return due
}
