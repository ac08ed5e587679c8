package planparse

import (
	"strings"
	"unicode/utf8"

	"github.com/planwatch/planwatch/internal/cndate"
	"github.com/planwatch/planwatch/internal/cnnum"
	"github.com/planwatch/planwatch/internal/plan"
)

// Plans often state their targets in an indicator table (主要指标表):
//
//	| 指标 | 单位 | 2020年（基期） | 2022年 | 2025年 | 属性 |
//	| 5G基站数 | 万个 | 0.5 | 1 | 2.5 | 预期性 |
//
// Extracted as text such a table is a run of "|" lines. Each value in a
// column headed by a target year is a target of its row's indicator, due
// at the end of that year; base-year and status columns (基期, 现状, a
// year before the document's) are not targets.

// indicatorTable is the column layout of an indicator table.
type indicatorTable struct {
	name  int         // column of the indicator's name
	unit  int         // column of its unit, -1 if none
	years map[int]int // column -> target year
}

// isPipeRow reports whether line is a row of a "|" table.
func isPipeRow(line string) bool {
	return strings.Count(line, "|") >= 2
}

// readIndicatorHeader recognises the header row of an indicator table: a
// column for the indicator and at least one column headed by a target year.
func (r *commitReader) readIndicatorHeader(line string) *indicatorTable {
	t := &indicatorTable{name: -1, unit: -1, years: map[int]int{}}
	for i, cell := range indicatorCells(line) {
		text := strings.TrimSpace(cell.text)
		if utf8.RuneCountInString(text) > 14 {
			return nil // header cells name columns; this row holds text
		}
		switch {
		case text == "":
		case strings.Contains(text, "指标") && !strings.Contains(text, "属性") || text == "项目" || text == "名称":
			if t.name < 0 {
				t.name = i
			}
		case text == "单位" || text == "计量单位" || text == "指标单位":
			t.unit = i
		default:
			y := leadingYear(text)
			if y == 0 || baseColumnWordsSet.in(text) {
				continue
			}
			if r.docYear > 0 && y < r.docYear {
				continue // a base year or a past year: status, not target
			}
			t.years[i] = y
		}
	}
	if t.name < 0 || len(t.years) == 0 {
		return nil
	}
	return t
}

// baseColumnWords head columns of base or current values.
var baseColumnWords = [...]string{"基期", "基数", "基准", "现状", "现值", "完成", "实际", "基础值"}

// leadingYear finds a year (1990-2100) written in a header cell:
// "2025年", "2025", "2025年目标", "目标值（2025年）".
func leadingYear(s string) int {
	for _, m := range cndate.Find(s, 0) {
		if m.Year >= 1990 && m.Year <= 2100 {
			return m.Year
		}
	}
	// A bare "2025" with no 年.
	v, n := cnnum.Arabic(strings.TrimSpace(s))
	if n > 0 && n == len(strings.TrimSpace(s)) && v >= 1990 && v <= 2100 && v == float64(int(v)) {
		return int(v)
	}
	return 0
}

var baseColumnWordsSet = newWordSet(baseColumnWords[:]...)

// indicatorCell is one cell of a table line, with its span in the body.
type indicatorCell struct {
	text       string
	start, end int // byte span of the trimmed text, relative to the line
}

// indicatorCells cuts a "|" line into its cells; the empty cells outside the
// outer pipes are dropped.
func indicatorCells(line string) []indicatorCell {
	var out []indicatorCell
	start := 0
	for i := 0; i <= len(line); i++ {
		if i < len(line) && line[i] != '|' {
			continue
		}
		s, e := start, i
		for s < e && (line[s] == ' ' || line[s] == '\t') {
			s++
		}
		for e > s && (line[e-1] == ' ' || line[e-1] == '\t') {
			e--
		}
		out = append(out, indicatorCell{text: line[s:e], start: s, end: e})
		start = i + 1
	}
	if len(out) > 0 && out[0].text == "" {
		out = out[1:]
	}
	if len(out) > 0 && out[len(out)-1].text == "" {
		out = out[:len(out)-1]
	}
	return out
}

// readIndicatorRow reads the targets of one row of an indicator table. It
// reports whether the row was an indicator row (so that its cells are not
// read again as prose).
func (r *commitReader) readIndicatorRow(tab *indicatorTable, line string) bool {
	cs := indicatorCells(line)
	if tab.name >= len(cs) {
		return false
	}
	name := cs[tab.name].text
	if name == "" {
		return false
	}
	unitText := ""
	if tab.unit >= 0 && tab.unit < len(cs) {
		unitText = cs[tab.unit].text
	}
	subject, parenUnit := splitNameUnit(name)
	if unitText == "" {
		unitText = parenUnit
	}
	mult, unit := unitMultiplier(unitText)
	quote := strings.TrimSpace(strings.Trim(strings.TrimSpace(line), "|"))
	found := false
	for _, year := range orderedYears(tab.years) {
		if year.col >= len(cs) {
			continue
		}
		c := cs[year.col]
		v, cellUnit, cmp, ok := readValueCell(c.text)
		if !ok {
			continue
		}
		t := plan.Target{
			Subject:    subject,
			Comparator: cmp,
			Value:      v * mult,
			Unit:       unit,
			Deadline:   cndate.YearEnd(year.year),
			Cumulative: strings.Contains(subject, "累计"),
			Quote:      quote,
		}
		if cellUnit != "" {
			t.Value, t.Unit = v, cellUnit
		}
		t.Kind = tableKind(t)
		r.targets = append(r.targets, t)
		found = true
	}
	return found
}

type yearCol struct{ col, year int }

// orderedYears lists the year columns left to right.
func orderedYears(m map[int]int) []yearCol {
	out := make([]yearCol, 0, len(m))
	for c, y := range m {
		out = append(out, yearCol{c, y})
	}
	for i := 1; i < len(out); i++ {
		for j := i; j > 0 && out[j].col < out[j-1].col; j-- {
			out[j], out[j-1] = out[j-1], out[j]
		}
	}
	return out
}

// splitNameUnit cuts "5G基站数（万个）" into its name and the unit in its
// closing parentheses.
func splitNameUnit(name string) (string, string) {
	for _, p := range [...][2]string{{"（", "）"}, {"(", ")"}} {
		if !strings.HasSuffix(name, p[1]) {
			continue
		}
		k := strings.LastIndex(name, p[0])
		if k <= 0 {
			continue
		}
		u := name[k+len(p[0]) : len(name)-len(p[1])]
		if utf8.RuneCountInString(u) <= 6 {
			return strings.TrimSpace(name[:k]), strings.TrimSpace(u)
		}
	}
	return name, ""
}

// unitMultiplier splits a unit cell ("万个", "亿元", "%") into the
// multiplier it carries and the measure word.
func unitMultiplier(u string) (float64, string) {
	u = strings.TrimSpace(u)
	if u == "—" || u == "-" || u == "/" {
		return 1, ""
	}
	mult := 1.0
	for {
		switch {
		case strings.HasPrefix(u, "亿"):
			mult *= 1e8
			u = u[len("亿"):]
			continue
		case strings.HasPrefix(u, "万") && u != "万":
			mult *= 1e4
			u = u[len("万"):]
			continue
		case strings.HasPrefix(u, "百万"):
			mult *= 1e6
			u = u[len("百万"):]
			continue
		}
		break
	}
	if u == "％" {
		u = "%"
	}
	return mult, u
}

// readValueCell reads a target value cell: "2.5", "≥90", "90以上",
// "≤1.3", ">95%", "约50". Cells with words ("预期性", "—") are not values.
func readValueCell(s string) (v float64, unit, cmp string, ok bool) {
	s = strings.TrimSpace(s)
	cmp = cnnum.GE
	for _, p := range [...]struct{ sym, cmp string }{
		{"≥", cnnum.GE}, {">=", cnnum.GE}, {"≤", cnnum.LE}, {"<=", cnnum.LE},
		{">", cnnum.GT}, {"＞", cnnum.GT}, {"<", cnnum.LE}, {"＜", cnnum.LE}, {"约", cnnum.Approx},
	} {
		if strings.HasPrefix(s, p.sym) {
			cmp, s = p.cmp, strings.TrimSpace(s[len(p.sym):])
			break
		}
	}
	q, found := cnnum.QuantityAt(s, 0)
	if !found || q.Chinese {
		return 0, "", "", false
	}
	after, end := cnnum.ComparatorAfter(s, q.End)
	if after != "" {
		cmp = cnnum.Combine(cmp, after)
	}
	if strings.TrimSpace(s[end:]) != "" {
		return 0, "", "", false // "5G基站" or prose: not a value cell
	}
	return q.Value, q.Unit, cmp, true
}

func tableKind(t plan.Target) string {
	switch {
	case rateUnits[t.Unit] || rateWordsSet.in(t.Subject):
		return plan.KindRate
	case flowVerbsSet.in(t.Subject) && !t.Cumulative:
		return plan.KindFlow
	}
	return plan.KindStock
}
