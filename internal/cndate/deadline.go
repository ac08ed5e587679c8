package cndate

import (
	"time"
	"unicode/utf8"

	"github.com/planwatch/planwatch/internal/cnnum"
	"github.com/planwatch/planwatch/internal/plan"
)

// Match is one date expression found in a text.
type Match struct {
	// Date is the last day the expression allows: "到2022年" is
	// 2022-12-31, "9月底前" the last day of September, "上半年" 06-30.
	Date plan.Date
	// Start and End are the byte span of the expression in the text,
	// including a leading "到"/"至"/"于"/"截至" and a trailing "前".
	Start, End int
	// Explicit reports that the wording marks a point in time to be met
	// (到…, …底, …末, …前, 年内, a month, a quarter, a half-year, a
	// five-year-plan period). A bare "2022年" is not explicit: it may be a
	// baseline ("比2015年"), a past year or the year of a title.
	Explicit bool
	// Status reports that the expression opens a statement of the state
	// of affairs at that date ("截至2020年底"), not a commitment.
	Status bool
	// Year is the year as written; 0 when it came from the reference year.
	Year int
	// Day reports that a day of the month was written ("12月20日前"):
	// the date is exact, not the end of a month or year.
	Day bool
}

// Deadline returns the date of the first explicit deadline expression in s
// ("到2022年底" → 2022-12-31, "9月底前" → refYear-09-30).
func Deadline(s string, refYear int) (plan.Date, bool) {
	for from := 0; ; {
		m, ok := Next(s, from, refYear)
		if !ok {
			return "", false
		}
		if m.Explicit && !m.Status {
			return m.Date, true
		}
		from = m.End
	}
}

// Find returns every date expression in s, in order.
func Find(s string, refYear int) []Match {
	var out []Match
	for from := 0; ; {
		m, ok := Next(s, from, refYear)
		if !ok {
			return out
		}
		out = append(out, m)
		from = m.End
	}
}

// Next returns the first date expression in s at or after byte offset
// from. Relative expressions ("年底前", "9月底前", "上半年") take their
// year from refYear; with refYear 0 they are not reported.
func Next(s string, from, refYear int) (Match, bool) {
	if from < 0 {
		from = 0
	}
	for i := from; i < len(s); {
		r, size := scanRune(s, i)
		if !mayStart(r) {
			// Most characters start no date; deciding here saves matchAt
			// decoding the same character again on every position.
			i += size
			continue
		}
		if m, ok := matchAt(s, i, refYear); ok {
			if m.End > m.Start && !recurring(s, m.Start) {
				extendPrefix(s, &m)
				return m, true
			}
			if m.End > i {
				i = m.End
				continue
			}
		}
		i += size
	}
	return Match{}, false
}

// matchAt tries to read a date expression starting at byte i of s.
func matchAt(s string, i, refYear int) (Match, bool) {
	r, _ := utf8.DecodeRuneInString(s[i:])
	if !mayStart(r) {
		return Match{}, false
	}
	if startsNumber(r) && !afterDigit(s, i) && !afterChineseDigit(s, i) {
		if m, ok := yearPhrase(s, i); ok {
			return m, true
		}
		if refYear > 0 {
			if m, ok := monthPhrase(s, i, refYear, i); ok {
				m.Explicit = m.Explicit || hasDeadlinePrefix(s, i)
				return m, true
			}
		}
		if m, ok := planPeriod(s, i); ok {
			return m, true
		}
	}
	if r == '“' || r == '"' {
		if m, ok := planPeriod(s, i); ok {
			return m, true
		}
	}
	if refYear > 0 {
		if m, ok := relativePhrase(s, i, refYear); ok {
			return m, true
		}
	}
	return Match{}, false
}

func afterChineseDigit(s string, i int) bool {
	if i == 0 {
		return false
	}
	r, _ := utf8.DecodeLastRuneInString(s[:i])
	return cnnum.IsChineseNumeral(r)
}

// yearPhrase reads "2022年…", "二〇二二年…" and ranges "2020—2022年…".
func yearPhrase(s string, i int) (Match, bool) {
	y, n := yearNumber(s[i:])
	if n == 0 {
		return Match{}, false
	}
	j := i + n
	j += spaces(s[j:])
	// A range "2020—2022年" or "2020-2022年" ends in its second year.
	for _, dash := range []string{"—", "–", "－", "-", "～", "~", "至", "到"} {
		if hasPrefix(s[j:], dash) {
			k := j + len(dash)
			k += spaces(s[k:])
			if y2, n2 := yearNumber(s[k:]); n2 > 0 && y2 >= y {
				y, j = y2, k+n2
				j += spaces(s[j:])
			}
			break
		}
	}
	if !hasPrefix(s[j:], "年") {
		return Match{}, false
	}
	if hasPrefix(s[j:], "年度") {
		return Match{Date: YearEnd(y), Start: i, End: j + len("年度"), Year: y}, true
	}
	afterYear := j + len("年")
	m := Match{Date: YearEnd(y), Start: i, End: afterYear, Year: y}
	k := afterYear + spaces(s[afterYear:])
	if mm, ok := monthPhrase(s, k, y, i); ok {
		mm.Year = y
		// "2020年9月底", "2020年9月" mark a point to meet; a full date
		// ("2020年7月20日") does so only with 前 or 到: alone it is the
		// date of an event, such as the signing.
		mm.Explicit = mm.Explicit || !mm.Day
		return mm, true
	}
	if mm, ok := partOfYear(s, k, y, i); ok {
		mm.Year = y
		return mm, true
	}
	// "2022年底", "2022年年底前", "2022年末", "2022年前", "2022年内".
	t := afterYear
	if hasPrefix(s[t:], "年") && (hasPrefix(s[t+len("年"):], "底") || hasPrefix(s[t+len("年"):], "末")) {
		t += len("年")
	}
	switch {
	case hasPrefix(s[t:], "底"), hasPrefix(s[t:], "末"), hasPrefix(s[t:], "内"):
		m.End = t + len("底")
		m.Explicit = true
	}
	m.End, m.Explicit = before(s, m.End, m.Explicit)
	return m, true
}

// before swallows a trailing "前", "以前" or "之前" and reports the phrase
// explicit when it had one.
func before(s string, end int, explicit bool) (int, bool) {
	for _, w := range []string{"以前", "之前", "前"} {
		if hasPrefix(s[end:], w) {
			// "前三季度" belongs to what follows, not to a deadline.
			if w == "前" && (hasPrefix(s[end+len(w):], "三季度") || hasPrefix(s[end+len(w):], "两年")) {
				return end, explicit
			}
			return end + len(w), true
		}
	}
	return end, explicit
}

// monthPhrase reads "9月底前", "9月30日前", "九月底", "6月份", "11月中旬"
// at byte k of s in year y; start is the span start to report (k unless a
// year was written before it).
func monthPhrase(s string, k, y, start int) (Match, bool) {
	mo, n := smallNumber(s[k:])
	if n == 0 || mo < 1 || mo > 12 {
		return Match{}, false
	}
	j := k + n
	j += spaces(s[j:])
	if !hasPrefix(s[j:], "月") {
		return Match{}, false
	}
	j += len("月")
	month := time.Month(mo)
	m := Match{Date: MonthEnd(y, month), Start: start, End: j}
	explicit := false
	switch {
	case hasPrefix(s[j:], "底"), hasPrefix(s[j:], "末"), hasPrefix(s[j:], "份"):
		m.End = j + len("底")
		explicit = true
	case hasPrefix(s[j:], "上旬"):
		m.Date, m.End, explicit = plan.MakeDate(y, month, 10), j+len("上旬"), true
	case hasPrefix(s[j:], "中旬"):
		m.Date, m.End, explicit = plan.MakeDate(y, month, 20), j+len("中旬"), true
	case hasPrefix(s[j:], "下旬"):
		m.End, explicit = j+len("下旬"), true
	default:
		d := j + spaces(s[j:])
		day, dn := smallNumber(s[d:])
		if dn > 0 && day >= 1 && day <= daysIn(y, month) {
			e := d + dn
			e += spaces(s[e:])
			if hasPrefix(s[e:], "日") || hasPrefix(s[e:], "号") {
				m.Date = plan.MakeDate(y, month, day)
				m.End = e + len("日")
				m.Day = true
			}
		}
	}
	m.End, explicit = before(s, m.End, explicit)
	m.Explicit = explicit
	// A bare "9月" with no year is too weak on its own; the caller
	// upgrades it when "到"/"于" stands before it.
	return m, true
}

// partOfYear reads "上半年", "下半年", "一季度", "第一季度", "前三季度",
// "年底" at byte k of s in year y.
func partOfYear(s string, k, y, start int) (Match, bool) {
	m := Match{Start: start, Explicit: true}
	switch {
	case hasPrefix(s[k:], "上半年"):
		m.Date, m.End = MonthEnd(y, time.June), k+len("上半年")
	case hasPrefix(s[k:], "下半年"):
		m.Date, m.End = YearEnd(y), k+len("下半年")
	default:
		j := k
		if hasPrefix(s[j:], "第") {
			j += len("第")
		} else if hasPrefix(s[j:], "前") {
			j += len("前")
		}
		q, n := smallNumber(s[j:])
		if n == 0 || q < 1 || q > 4 || !hasPrefix(s[j+n:], "季度") {
			return Match{}, false
		}
		m.Date, m.End = MonthEnd(y, time.Month(3*q)), j+n+len("季度")
		if hasPrefix(s[m.End:], "末") {
			m.End += len("末")
		}
	}
	m.End, _ = before(s, m.End, true)
	return m, true
}

// relativePhrase reads expressions with no year written: "年底前",
// "年内", "今年底", "明年", "上半年", "一季度", against refYear.
func relativePhrase(s string, i, refYear int) (Match, bool) {
	y := refYear
	j := i
	switch {
	case hasPrefix(s[j:], "今年"), hasPrefix(s[j:], "本年"), hasPrefix(s[j:], "当年"):
		j += len("今年")
	case hasPrefix(s[j:], "明年"):
		y++
		j += len("明年")
	}
	if j > i {
		if m, ok := partOfYear(s, j, y, i); ok {
			return m, true
		}
		// A bare "今年" ("做好今年政府工作") names the year, not a
		// deadline; "今年底", "今年内", "明年前" do.
		m := Match{Date: YearEnd(y), Start: i, End: j}
		if hasPrefix(s[j:], "底") || hasPrefix(s[j:], "末") || hasPrefix(s[j:], "内") || hasPrefix(s[j:], "度") {
			m.End += len("底")
			m.Explicit = true
		} else if hasPrefix(s[j:], "年底") || hasPrefix(s[j:], "年末") {
			m.End += len("年底")
			m.Explicit = true
		}
		m.End, m.Explicit = before(s, m.End, m.Explicit)
		return m, true
	}
	// A bare "年底"/"年内" must not continue a year ("2022年底" is read
	// by yearPhrase) or a longer word ("每年底", "近年来"); "上年末",
	// "去年底" are a past baseline ("不超过上年末存量的5%"), no deadline.
	if i > 0 {
		p, _ := utf8.DecodeLastRuneInString(s[:i])
		if cnnum.IsDigit(p) || cnnum.IsChineseNumeral(p) || p == '年' || p == '每' || p == '近' || p == '历' || p == '多' || p == '上' || p == '去' {
			return Match{}, false
		}
	}
	for _, w := range []string{"年底", "年末", "年内", "全年", "年度"} {
		if hasPrefix(s[i:], w) {
			if (w == "全年" || w == "年度") && !atPhraseStart(s, i) {
				// "完成年度批而未供土地处置任务", "实现全年经济…目标":
				// an adjective inside a phrase, not a time frame.
				return Match{}, false
			}
			m := Match{Date: YearEnd(y), Start: i, End: i + len(w), Explicit: true}
			m.End, _ = before(s, m.End, true)
			return m, true
		}
	}
	if r, _ := utf8.DecodeRuneInString(s[i:]); r == '上' || r == '下' || r == '第' || r == '前' || r == '一' || r == '二' || r == '三' || r == '四' || cnnum.IsDigit(r) {
		if m, ok := partOfYear(s, i, y, i); ok {
			return m, true
		}
	}
	return Match{}, false
}

// planPeriod reads a five-year-plan period: "十四五期间", "“十四五”末",
// "十四五时期" end with the plan's last year (十四五 → 2025).
func planPeriod(s string, i int) (Match, bool) {
	j := i
	quoted := false
	if hasPrefix(s[j:], "“") {
		j += len("“")
		quoted = true
	} else if hasPrefix(s[j:], `"`) {
		j++
		quoted = true
	}
	if !hasPrefix(s[j:], "十") {
		return Match{}, false
	}
	j += len("十")
	r, size := utf8.DecodeRuneInString(s[j:])
	d, ok := cnnum.ChineseDigit(r)
	if !ok || d == 0 {
		return Match{}, false
	}
	j += size
	if !hasPrefix(s[j:], "五") {
		return Match{}, false
	}
	j += len("五")
	if quoted {
		switch {
		case hasPrefix(s[j:], "”"):
			j += len("”")
		case hasPrefix(s[j:], `"`):
			j++
		default:
			return Match{}, false
		}
	}
	n := 10 + d
	for _, w := range []string{"规划期末", "期间", "时期", "末期", "末", "期末"} {
		if hasPrefix(s[j:], w) {
			return Match{Date: YearEnd(1955 + 5*n), Start: i, End: j + len(w), Explicit: true, Year: 1955 + 5*n}, true
		}
	}
	return Match{}, false
}

// deadlinePrefixes stand before a date to make it a point to be met.
var deadlinePrefixes = []string{"截至", "截止到", "截止", "到", "至", "于", "在"}

func hasDeadlinePrefix(s string, i int) bool {
	p := i - backSpaces(s[:i])
	for _, w := range deadlinePrefixes {
		if p >= len(w) && s[p-len(w):p] == w {
			return true
		}
	}
	return false
}

// extendPrefix widens m over a "到"/"截至"-style word before it.
func extendPrefix(s string, m *Match) {
	p := m.Start - backSpaces(s[:m.Start])
	for _, w := range deadlinePrefixes {
		if p >= len(w) && s[p-len(w):p] == w {
			m.Start = p - len(w)
			if w == "截至" || w == "截止" || w == "截止到" {
				m.Status = true
			} else {
				m.Explicit = true
			}
			return
		}
	}
}

// recurring reports a "每" before the expression: "每年底" and "每月10日前"
// are routines, not deadlines.
func recurring(s string, i int) bool {
	if i == 0 {
		return false
	}
	r, _ := utf8.DecodeLastRuneInString(s[:i])
	if r == '每' {
		return true
	}
	// "每年3月底前", "每季度末": a routine within each period.
	for _, w := range []string{"每年", "每季度", "每半年"} {
		if len(s[:i]) >= len(w) && s[i-len(w):i] == w {
			return true
		}
	}
	return false
}

func backSpaces(s string) int {
	n := 0
	for len(s) > n {
		r, size := utf8.DecodeLastRuneInString(s[:len(s)-n])
		if r != ' ' && r != '\u3000' && r != '\u00a0' && r != '\t' {
			break
		}
		n += size
	}
	return n
}

// scanRune is utf8.DecodeRuneInString(s[i:]) with the three-byte
// sequences that make up Chinese text decoded inline: the scan in Next
// looks at every character, and the general decoder is its main cost.
func scanRune(s string, i int) (rune, int) {
	if b := s[i]; b >= 0xE0 && b < 0xF0 && i+2 < len(s) && s[i+1]&0xC0 == 0x80 && s[i+2]&0xC0 == 0x80 {
		r := rune(b&0x0F)<<12 | rune(s[i+1]&0x3F)<<6 | rune(s[i+2]&0x3F)
		if r >= 0x800 && (r < 0xD800 || r > 0xDFFF) { // not overlong, not a surrogate
			return r, 3
		}
	}
	return utf8.DecodeRuneInString(s[i:])
}

// mayStart reports whether a date expression can start with r; most
// characters of a text cannot, and this keeps the scan cheap.
func mayStart(r rune) bool {
	if cnnum.IsDigit(r) {
		return true
	}
	if _, ok := cnnum.ChineseDigit(r); ok {
		return true
	}
	switch r {
	case '十', '“', '"', '今', '本', '当', '明', '年', '全', '上', '下', '第', '前':
		return true
	}
	return false
}

// atPhraseStart reports whether byte i of s starts a phrase: the text
// start, or after punctuation or a space.
func atPhraseStart(s string, i int) bool {
	if i == 0 {
		return true
	}
	p, _ := utf8.DecodeLastRuneInString(s[:i])
	switch p {
	case ' ', '　', '，', ',', '。', '；', ';', '：', ':', '、', '（', '(', '\n':
		return true
	}
	// "力争全年到位资金不低于30亿元".
	for _, w := range []string{"力争", "确保", "争取", "努力", "计划", "预计"} {
		if len(s[:i]) >= len(w) && s[i-len(w):i] == w {
			return true
		}
	}
	return false
}
