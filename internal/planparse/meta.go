package planparse

import (
	"regexp"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/planwatch/planwatch/internal/cndate"
	"github.com/planwatch/planwatch/internal/cnnum"
	"github.com/planwatch/planwatch/internal/plan"
)

// header is the part of a document before its first numbered heading: red
// header, 文号, notice, signature, plan title and preamble. Long lines that
// lost their breaks are cut at spaces so that each piece of the header is
// looked at on its own.
type header struct {
	lines []string
	// titleEnd is the index of the line after the plan title, 0 if none.
	titleEnd int
}

func newHeader(lines []string) *header {
	h := &header{}
	for _, l := range lines {
		if l == "" {
			continue
		}
		if lostBreaks(l) {
			for _, piece := range strings.Split(l, " ") {
				if piece = strings.TrimSpace(piece); piece != "" {
					h.lines = append(h.lines, piece)
				}
			}
			continue
		}
		h.lines = append(h.lines, l)
	}
	return h
}

// lostBreaks reports whether a header line holds several lines run
// together with spaces: a sentence ends and a space follows inside it.
// A title with stray PDF spaces has no sentence end, so it stays whole.
func lostBreaks(l string) bool {
	if isTableLine(l) {
		return false
	}
	for _, sep := range []string{"。 ", ": ", "： ", "； ", "; "} {
		if strings.Contains(l, sep) && strings.Count(l, " ") >= 2 {
			return true
		}
	}
	return false
}

// docNumberRe matches a 文号 at the start of a line: issuer abbreviation,
// year in 〔〕 or [] (any width, stray spaces allowed), serial and 号.
var docNumberRe = regexp.MustCompile(`^\p{Han}{1,12}\s*[〔\[［【(（]\s*(?:19|20|１９|２０)[0-9０-９]{2}\s*[〕\]］】)）]\s*第?\s*[0-9０-９]{1,5}\s*号`)

// yearRangeRe matches a bracketed plan period such as "（2020—2022年）".
var yearRangeRe = regexp.MustCompile(`\s*[（(]\s*(?:19|20)\d{2}\s*年?\s*[—–\-－~～至到]+\s*(?:19|20)\d{2}\s*年?\s*[）)]\s*$`)

// titleSuffixes are the document-type words that end a plan title.
var titleSuffixes = []string{"计划", "方案", "要点", "规划", "意见", "办法", "细则", "措施", "清单", "纲要", "分工", "分解", "安排", "任务", "实施", "行动", "分解表", "任务表", "清单表", "台账"}

// hasTitleSuffix reports whether s ends in a document-type word.
func hasTitleSuffix(s string) bool {
	for _, suf := range titleSuffixes {
		if strings.HasSuffix(s, suf) {
			return true
		}
	}
	return false
}

var (
	effectiveFromRe  = regexp.MustCompile(`自\s*([0-9０-９〇零一二三四五六七八九十]{4}\s*年[^起]{2,14}?日)\s*起`)
	effectiveToRe    = regexp.MustCompile(`有效期(?:为|限)?(?:至|到|截至)\s*([0-9０-９〇零一二三四五六七八九十]{4}\s*年[^，,。；;]{2,14}?日)`)
	effectiveToEndRe = regexp.MustCompile(`有效期(?:为|限)?(?:至|到|截至)\s*((?:19|20)\d{2})\s*年\s*(?:年底|底|末|年末)`)
	validYearsRe     = regexp.MustCompile(`有效期(?:为|限)?\s*([0-9一二两三四五六七八九十]{1,3})\s*年`)
	fromIssueRe      = regexp.MustCompile(`自(?:印发|发布|公布)之日起(?:施行|执行|实施|生效)`)
	tableDateRe      = regexp.MustCompile(`(?:发文日期|成文日期|印发日期|发布日期)\s*\|\s*([^|]+)\|`)
	tableIssuerRe    = regexp.MustCompile(`(?:发文机关|发布机构|发布单位|发文单位)\s*\|\s*([^|]+)\|`)
	tableNumberRe    = regexp.MustCompile(`(?:发文字号|文号)\s*\|\s*([^|]+)\|`)
)

// issuerSuffixes end the names of bodies that issue plans.
var issuerSuffixes = []string{"人民政府", "政府", "办公厅", "办公室", "委员会", "局", "委", "厅", "办", "管委会", "领导小组", "指挥部"}

func issuerLike(s string) bool {
	n := utf8.RuneCountInString(s)
	if n < 3 || n > 30 || strings.ContainsAny(s, "。，,；;：:《》“”0123456789") {
		return false
	}
	for _, suf := range issuerSuffixes {
		if strings.HasSuffix(s, suf) {
			return true
		}
	}
	return false
}

// readMeta fills p's title, 文号, issuer and dates from the header and the
// whole text.
func readMeta(p *plan.Plan, h *header, all []string) {
	lines := h.lines
	for _, l := range lines {
		if p.DocNumber == "" {
			if m := docNumberRe.FindString(l); m != "" {
				p.DocNumber = strings.TrimSpace(m)
			}
		}
	}
	for _, l := range lines {
		// A red header run together with what follows: "…办公厅文件长政办发〔2020〕23号…".
		if p.DocNumber != "" {
			break
		}
		for _, sep := range []string{"文件", "的通知"} {
			head, rest, ok := strings.Cut(l, sep)
			if !ok || (sep == "文件" && !issuerLike(head)) {
				continue
			}
			if m := docNumberRe.FindString(strings.TrimSpace(rest)); m != "" && p.DocNumber == "" {
				p.DocNumber = strings.TrimSpace(m)
			}
		}
	}
	readTitle(p, h)
	// Signature: an issuing body directly above a date, or both on a line.
	for i, l := range lines {
		if d, ok := signedDate(l); ok && p.Issued.IsZero() {
			if i > 0 && issuerLike(lines[i-1]) && p.Issuer == "" {
				p.Issuer = lines[i-1]
			}
			p.Issued = d
		}
	}
	if p.Issued.IsZero() {
		for _, l := range lines {
			if d, issuer, ok := inlineSignature(l); ok {
				p.Issued = d
				if p.Issuer == "" {
					p.Issuer = issuer
				}
				break
			}
		}
	}
	for _, l := range lines {
		if p.Issuer != "" {
			break
		}
		if body, _, ok := strings.Cut(l, "文件"); ok && issuerLike(strings.TrimSpace(body)) {
			p.Issuer = strings.TrimSpace(body)
		}
	}
	for i, l := range lines {
		if p.Issuer != "" {
			break
		}
		if head, _, ok := strings.Cut(l, "关于"); ok && strings.Contains(l, "通知") {
			if head = strings.TrimSpace(head); issuerLike(head) {
				p.Issuer = head
			} else if head == "" && i > 0 && issuerLike(lines[i-1]) {
				p.Issuer = lines[i-1]
			}
		}
	}
	// The printing block at the end: "长沙市人民政府办公厅 2020年7月20日印发".
	for i := len(all) - 1; i >= 0 && i >= len(all)-40; i-- {
		l := all[i]
		if l == "" {
			continue
		}
		d, before, ok := printedDate(l)
		if !ok {
			continue
		}
		if p.Issued.IsZero() {
			p.Issued = d
		}
		if p.Issuer == "" && issuerLike(before) {
			p.Issuer = before
		}
		for j := i - 1; j >= 0 && j >= i-3 && before == ""; j-- {
			if all[j] == "" {
				continue
			}
			if p.Issuer == "" && issuerLike(all[j]) {
				p.Issuer = all[j]
			}
			break
		}
		break
	}
	if p.Issued.IsZero() {
		endSignature(p, all)
	}
	for _, l := range all {
		if !isTableLine(l) || !(strings.Contains(l, "日期") || strings.Contains(l, "文号") || strings.Contains(l, "发布") || strings.Contains(l, "发文")) {
			continue
		}
		if m := tableDateRe.FindStringSubmatch(l); m != nil && p.Issued.IsZero() {
			if d, ok := cndate.ParseFull(strings.TrimSpace(m[1])); ok {
				p.Issued = d
			}
		}
		if m := tableNumberRe.FindStringSubmatch(l); m != nil && p.DocNumber == "" {
			p.DocNumber = strings.TrimSpace(m[1])
		}
		if m := tableIssuerRe.FindStringSubmatch(l); m != nil && p.Issuer == "" {
			p.Issuer = strings.TrimSpace(m[1])
		}
	}
	readEffective(p, all)
}

// signedDate reports the date of a line that holds only a date, as the
// date under a signature does.
func signedDate(l string) (plan.Date, bool) {
	if d, ok := cndate.ParseFull(l); ok {
		return d, true
	}
	return "", false
}

// inlineSignature finds a signature run into the text around it, as in
// text that lost its breaks: "…请认真组织实施。东湖区人民政府2022年5月10日东湖区…".
// The words between the last punctuation and the date must name a body.
func inlineSignature(l string) (plan.Date, string, bool) {
	for off := 0; off < len(l); {
		d, start, end, ok := cndate.FindFull(l[off:])
		if !ok {
			break
		}
		before := strings.TrimSpace(l[:off+start])
		if i := strings.LastIndexAny(before, "。：:；;，, 」》”"); i >= 0 {
			_, size := utf8.DecodeRuneInString(before[i:])
			before = before[i+size:]
		}
		if issuerLike(before) {
			return d, before, true
		}
		off += end
	}
	return "", "", false
}

// printedDate reads the printing line "（长沙市人民政府办公厅）2020年7月20日印发"
// and returns its date and the words before the date.
func printedDate(l string) (plan.Date, string, bool) {
	if !strings.HasSuffix(l, "印发") {
		return "", "", false
	}
	// In text that lost its breaks the printing line ends a long line
	// ("…各民主党派市委。长沙市人民政府办公厅2020年7月20日印发"): look at its end.
	if n := utf8.RuneCountInString(l); n > 60 {
		cut := len(l)
		for i := 0; i < 40; i++ {
			_, size := utf8.DecodeLastRuneInString(l[:cut])
			cut -= size
		}
		l = l[cut:]
	}
	d, start, end, ok := cndate.FindFull(l)
	if !ok || strings.TrimSpace(l[end:]) != "印发" {
		return "", "", false
	}
	before := strings.TrimSpace(l[:start])
	if i := strings.LastIndexAny(before, "。：:；;，, "); i >= 0 {
		_, size := utf8.DecodeRuneInString(before[i:])
		before = strings.TrimSpace(before[i+size:])
	}
	return d, before, true
}

// readTitle takes the plan's own title: the last header line (joined with
// the line above it and a period line below it, when the title was broken)
// that ends in a document-type word. Without one it takes the 《…》 of the
// notice title "关于印发《…》的通知", or the words between 关于印发 and 的通知.
func readTitle(p *plan.Plan, h *header) {
	lines := h.lines
	for i, l := range lines {
		if !titleLine(l) {
			continue
		}
		t := l
		if i > 0 && titleFragment(lines[i-1]) && !titleLine(lines[i-1]) {
			t = lines[i-1] + t
		}
		end := i + 1
		if i+1 < len(lines) && yearRangeRe.MatchString(" "+lines[i+1]) && utf8.RuneCountInString(lines[i+1]) <= 16 {
			t += lines[i+1]
			end = i + 2
		}
		p.Title = t
		h.titleEnd = end
	}
	if p.Title != "" {
		return
	}
	for i, l := range lines {
		k := strings.Index(l, "关于印发")
		if k < 0 {
			continue
		}
		s := l[k+len("关于印发"):]
		if !strings.Contains(s, "通知") && i+1 < len(lines) {
			s += lines[i+1]
		}
		if open := strings.Index(s, "《"); open >= 0 {
			if t := outerGuillemet(s[open:]); t != "" {
				p.Title = t
				return
			}
		}
		if t, _, ok := strings.Cut(s, "的通知"); ok && t != "" {
			p.Title = strings.TrimSpace(t)
			return
		}
	}
}

// outerGuillemet returns the text inside the 《…》 at the start of s,
// allowing nested 《》 (and 〈〉) inside.
func outerGuillemet(s string) string {
	depth := 0
	for i, r := range s {
		switch r {
		case '《':
			depth++
		case '》':
			depth--
			if depth == 0 {
				return s[len("《"):i]
			}
		}
	}
	return ""
}

// titleLine reports whether l can be a plan title.
func titleLine(l string) bool {
	n := utf8.RuneCountInString(l)
	if n < 5 || n > 80 || strings.ContainsAny(l, "。，,；;：:|") {
		return false
	}
	// "关于加快5G发展的实施意见" is a plan title; "关于印发…的通知" is not.
	if strings.Contains(l, "印发") || strings.Contains(l, "转发") || strings.Contains(l, "通知") || strings.HasPrefix(l, "《") || docNumberRe.MatchString(l) {
		return false
	}
	if _, ok := parseMarker(l); ok {
		return false
	}
	core := strings.TrimSpace(yearRangeRe.ReplaceAllString(l, ""))
	// "…实施方案（试行）", "…行动计划（2023年版）".
	for _, tail := range []string{"（试行）", "(试行)", "（暂行）", "(暂行)", "（修订）", "(修订)", "（征求意见稿）", "(征求意见稿)"} {
		core = strings.TrimSpace(strings.TrimSuffix(core, tail))
	}
	if i := strings.LastIndexAny(core, "（("); i > 0 && (strings.HasSuffix(core, "版）") || strings.HasSuffix(core, "版)")) {
		core = strings.TrimSpace(core[:i])
	}
	return hasTitleSuffix(core)
}

// titleFragment reports whether l can be the first line of a title broken
// in two.
func titleFragment(l string) bool {
	n := utf8.RuneCountInString(l)
	if n < 4 || n > 40 || strings.ContainsAny(l, "。，,；;：:|《》()（）") {
		return false
	}
	if strings.Contains(l, "关于") || strings.HasSuffix(l, "文件") || issuerLike(l) || docNumberRe.MatchString(l) {
		return false
	}
	if _, ok := cndate.ParseFull(l); ok {
		return false
	}
	_, ok := parseMarker(l)
	return !ok
}

// readEffective reads "自2020年8月1日起施行，有效期至2022年12月31日" and
// "有效期X年" anywhere in the text.
func readEffective(p *plan.Plan, all []string) {
	for _, l := range all {
		if !strings.Contains(l, "有效期") && !(strings.Contains(l, "起") && (strings.Contains(l, "施行") || strings.Contains(l, "执行") || strings.Contains(l, "实施") || strings.Contains(l, "生效"))) {
			continue
		}
		if p.EffectiveFrom.IsZero() {
			if m := effectiveFromRe.FindStringSubmatch(l); m != nil {
				if d, ok := cndate.ParseFull(m[1]); ok {
					p.EffectiveFrom = d
				}
			} else if fromIssueRe.MatchString(l) && !p.Issued.IsZero() {
				p.EffectiveFrom = p.Issued
			}
		}
		if p.EffectiveTo.IsZero() {
			if m := effectiveToRe.FindStringSubmatch(l); m != nil {
				if d, ok := cndate.ParseFull(m[1]); ok {
					p.EffectiveTo = d
				}
			} else if m := effectiveToEndRe.FindStringSubmatch(l); m != nil {
				y, _ := strconv.Atoi(m[1])
				p.EffectiveTo = cndate.YearEnd(y)
			} else if m := validYearsRe.FindStringSubmatch(l); m != nil && !p.EffectiveFrom.IsZero() {
				if years := smallNumber(m[1]); years > 0 && years < 50 {
					from := p.EffectiveFrom.Time()
					p.EffectiveTo = plan.DateOf(from.AddDate(years, 0, -1))
				}
			}
		}
	}
}

// smallNumber reads "5" or "五".
func smallNumber(s string) int {
	if n, err := strconv.Atoi(s); err == nil {
		return n
	}
	v, n := cnnum.Chinese(s)
	if n == 0 {
		return 0
	}
	return int(v)
}

// docYear is the year the plan speaks from, for relative dates: the
// issue date's, else the 文号's, else the first year of the title.
func docYear(p *plan.Plan) int {
	if !p.Issued.IsZero() {
		return p.Issued.Time().Year()
	}
	if y := firstYear(p.DocNumber); y > 0 {
		return y
	}
	return firstYear(p.Title)
}

// periodRe matches a plan period "2024—2026年" or "2024-2026年".
var periodRe = regexp.MustCompile(`((?:19|20)\d{2})\s*年?\s*[—–\-－~～至到]+\s*(?:19|20)\d{2}`)

// periodStart is the first year of the plan's period, which "三年内"
// counts from: the start of a year range in the title, else the year it
// takes effect, else the document's year.
func periodStart(p *plan.Plan) int {
	if m := periodRe.FindStringSubmatch(p.Title); m != nil {
		y, _ := strconv.Atoi(m[1])
		return y
	}
	if !p.EffectiveFrom.IsZero() {
		return p.EffectiveFrom.Time().Year()
	}
	return docYear(p)
}

var yearRe = regexp.MustCompile(`(?:19|20)\d{2}`)

func firstYear(s string) int {
	m := yearRe.FindString(s)
	if m == "" {
		return 0
	}
	y, _ := strconv.Atoi(m)
	return y
}

// sectionHorizon is the deadline a section heading sets for what it holds:
// an explicit expression read by cndate ("到2025年主要目标", "上半年重点工作",
// "“十四五”期间"), else a bare year or period end ("2023年工作要点",
// "（2020—2022年）").
func sectionHorizon(title string, docYear int) plan.Date {
	if d, ok := cndate.Deadline(title, docYear); ok {
		return d
	}
	return headingDeadline(title)
}

// headingDeadlineRe matches a year (optionally a month) a heading sets as
// the horizon of what it holds: "到2025年主要目标", "2023年工作要点",
// "到2021年6月底", "（2020—2022年）" (the range's end).
var headingDeadlineRe = regexp.MustCompile(`((?:19|20)\d{2})\s*年(?:\s*(\d{1,2})\s*月)?`)

// headingDeadline returns the deadline a heading title states, if any:
// the end of the last year (or month) it names.
func headingDeadline(title string) plan.Date {
	ms := headingDeadlineRe.FindAllStringSubmatch(title, -1)
	if len(ms) == 0 {
		return ""
	}
	m := ms[len(ms)-1]
	// A range "2020—2022年" writes 年 only after the last year.
	y, _ := strconv.Atoi(m[1])
	if m[2] != "" {
		mo, _ := strconv.Atoi(m[2])
		if mo >= 1 && mo <= 12 {
			return cndate.MonthEnd(y, time.Month(mo))
		}
	}
	return cndate.YearEnd(y)
}

// endSignature reads a signature standing after the body, as 意见 and
// decisions issued without a cover notice put it: the issuing body on
// one line and the date alone on the next, among the last lines. Both
// must be there, so that a dated sentence of the body is not taken.
func endSignature(p *plan.Plan, all []string) {
	seen := 0
	for i := len(all) - 1; i > 0 && seen < 8; i-- {
		l := all[i]
		if l == "" {
			continue
		}
		seen++
		d, ok := signedDate(l)
		if !ok {
			continue
		}
		j := i - 1
		for j > 0 && all[j] == "" {
			j--
		}
		if issuerLike(all[j]) {
			p.Issued = d
			if p.Issuer == "" {
				p.Issuer = all[j]
			}
		}
		return
	}
}
