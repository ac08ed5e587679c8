package export

import (
	"math"
	"strconv"
	"strings"

	"github.com/planwatch/planwatch/internal/ledger"
	"github.com/planwatch/planwatch/internal/plan"
	"github.com/planwatch/planwatch/internal/status"
)

// cellKind says how a cell is written: text, a plain number, a share
// shown as a percentage, or a status shown in words and colour.
type cellKind int

const (
	kindText cellKind = iota
	kindNumber
	kindPercent
	kindStatus
)

type cell struct {
	kind   cellKind
	text   string   // the text shown; for numbers, as CSV writes it
	num    *float64 // numbers and percentages (a share, 0.762)
	status string   // kindStatus: the status code, for the colour
}

func textCell(s string) cell { return cell{kind: kindText, text: s} }

func numCell(f *float64) cell {
	if f == nil {
		return cell{kind: kindNumber}
	}
	return cell{kind: kindNumber, text: fmtNum(*f), num: f}
}

func pctCell(f *float64) cell {
	if f == nil {
		return cell{kind: kindPercent}
	}
	return cell{kind: kindPercent, text: strconv.FormatFloat(round1(*f*100), 'f', 1, 64) + "%", num: f}
}

// shareCell is a share done: short of the target it rounds down, so that
// 99.99% never reads as a finished 100.0%. The number is rounded down
// too: a spreadsheet rounds the 0.0% it shows to nearest, and would show
// 0.9996 as 100.0% beside a status saying the target is not reached.
func shareCell(f *float64) cell {
	c := pctCell(f)
	if f != nil && *f < 1 {
		shown := math.Floor(*f*1000+1e-6) / 1000
		c.text = strconv.FormatFloat(shown*100, 'f', 1, 64) + "%"
		c.num = &shown
	}
	return c
}

// column is one column of the ledger sheet.
type column struct {
	zh, en string
	// max is the widest the column gets, in character widths; longer
	// text wraps.
	max float64
	// value reads the column from a row; n is the row's 1-based number.
	value func(r *ledger.Row, n int, en bool) cell
}

// ledgerColumns are the columns of the 督办台账, in order.
var ledgerColumns = []column{
	{"序号", "No.", 6, func(_ *ledger.Row, n int, _ bool) cell { f := float64(n); return numCell(&f) }},
	{"章节", "Section", 30, func(r *ledger.Row, _ int, _ bool) cell { return textCell(sectionPath(r)) }},
	{"任务", "Task", 30, func(r *ledger.Row, _ int, _ bool) cell { return textCell(r.TaskTitle) }},
	{"牵头单位", "Lead units", 20, func(r *ledger.Row, _ int, _ bool) cell { return textCell(strings.Join(r.LeadUnits, "、")) }},
	{"配合单位", "Co-units", 24, func(r *ledger.Row, _ int, _ bool) cell { return textCell(strings.Join(r.CoUnits, "、")) }},
	{"目标", "Target", 36, func(r *ledger.Row, _ int, _ bool) cell { return textCell(targetQuote(r.Target)) }},
	{"比较", "Comparator", 8, func(r *ledger.Row, _ int, en bool) cell { return textCell(comparatorLabel(r.Target.Comparator, en)) }},
	{"目标值", "Target value", 12, func(r *ledger.Row, _ int, _ bool) cell { v := r.Target.Value; return numCell(&v) }},
	{"单位", "Unit", 10, func(r *ledger.Row, _ int, _ bool) cell { return textCell(r.Target.Unit) }},
	{"完成时限", "Deadline", 12, func(r *ledger.Row, _ int, _ bool) cell { return textCell(string(r.Target.Deadline)) }},
	{"当前值", "Current value", 12, func(r *ledger.Row, _ int, _ bool) cell { return numCell(r.Verdict.Counted) }},
	{"完成比例", "Share done", 10, func(r *ledger.Row, _ int, _ bool) cell { return shareCell(r.Verdict.Share) }},
	{"序时进度", "Expected by now", 10, func(r *ledger.Row, _ int, _ bool) cell { return pctCell(r.Verdict.Expected) }},
	{"状态", "Status", 12, func(r *ledger.Row, _ int, en bool) cell {
		return cell{kind: kindStatus, text: StatusLabel(r.Verdict.Status, en), status: r.Verdict.Status}
	}},
	{"最新依据", "Latest evidence", 40, func(r *ledger.Row, _ int, en bool) cell { return textCell(latestEvidence(r, en)) }},
	{"研判说明", explanationEN, 50, func(r *ledger.Row, _ int, _ bool) cell { return textCell(r.Verdict.Explanation) }},
}

// explanationEN names the explanation column, which an English ledger
// fills with status.English: that needs the ledger's as-of date.
const explanationEN = "Explanation"

func header(cols []column, en bool) []string {
	h := make([]string, len(cols))
	for i, c := range cols {
		h[i] = c.zh
		if en {
			h[i] = c.en
		}
	}
	return h
}

// planColumn names each row's plan; it is shown only when the ledger
// covers more than one plan, where the section alone is ambiguous.
var planColumn = column{"计划", "Plan", 30, func(r *ledger.Row, _ int, _ bool) cell { return textCell(r.PlanTitle) }}

// columnsFor returns the columns for l: ledgerColumns, with the plan
// after the row number when l spans plans.
func columnsFor(l *ledger.Ledger) []column {
	for _, r := range l.Rows {
		if r.PlanID != l.Rows[0].PlanID {
			return append([]column{ledgerColumns[0], planColumn}, ledgerColumns[1:]...)
		}
	}
	return ledgerColumns
}

// ledgerTable lays out l as rows of cells under cols.
func ledgerTable(l *ledger.Ledger, cols []column, en bool) [][]cell {
	out := make([][]cell, len(l.Rows))
	for i := range l.Rows {
		r := &l.Rows[i]
		row := make([]cell, len(cols))
		for c, col := range cols {
			if en && col.en == explanationEN {
				row[c] = textCell(status.English(r.Verdict, r.Target, l.AsOf))
				continue
			}
			row[c] = col.value(r, i+1, en)
		}
		out[i] = row
	}
	return out
}

// statusLabels are the words a supervision office uses for each status.
var statusLabels = map[string][2]string{
	status.Achieved: {"已完成", "Achieved"},
	status.OnTrack:  {"进展顺利", "On track"},
	status.AtRisk:   {"存在风险", "At risk"},
	status.OffTrack: {"明显滞后", "Off track"},
	status.Missed:   {"逾期未完成", "Missed"},
	status.NoData:   {"暂无数据", "No data"},
}

// StatusLabel names a status in Chinese (or English when en).
func StatusLabel(s string, en bool) string {
	l, ok := statusLabels[s]
	if !ok {
		return s
	}
	if en {
		return l[1]
	}
	return l[0]
}

// LightLabel names a roll-up light in words, so it never relies on colour.
func LightLabel(light string, en bool) string {
	zh, e := map[string]string{status.Green: "绿", status.Amber: "黄", status.Red: "红", status.Grey: "灰"}[light],
		map[string]string{status.Green: "Green", status.Amber: "Amber", status.Red: "Red", status.Grey: "Grey"}[light]
	switch {
	case en && e != "":
		return e
	case !en && zh != "":
		return zh
	}
	return light
}

func comparatorLabel(c string, en bool) string {
	zh := map[string]string{plan.GE: "不少于", plan.GT: "超过", plan.LE: "不超过", plan.LT: "低于", plan.Approx: "约"}
	sym := map[string]string{plan.GE: "≥", plan.GT: ">", plan.LE: "≤", plan.LT: "<", plan.Approx: "≈"}
	if en {
		if s, ok := sym[c]; ok {
			return s
		}
		return c
	}
	if s, ok := zh[c]; ok {
		return s
	}
	return c
}

func sectionPath(r *ledger.Row) string {
	p := strings.Join(r.SectionPath, " › ")
	if p == "" {
		p = r.SectionID
	}
	return p
}

func targetQuote(t plan.Target) string {
	if t.Quote != "" {
		return t.Quote
	}
	return t.Subject
}

// latestEvidence is the row's latest evidence, saying so when it was not
// counted: a figure in the evidence column must not pass for progress.
func latestEvidence(r *ledger.Row, en bool) string {
	e := evidence(r.Latest, en)
	if e == "" {
		return ""
	}
	for _, x := range r.Verdict.Excluded {
		if x.Observation.ID == r.Latest.ID {
			if en {
				return e + " (not counted: " + x.Reason + ")"
			}
			return e + "（未计入：" + status.ReasonLabel(x.Reason) + "）"
		}
	}
	return e
}

// evidence reads an observation as a ledger cell: value, period, source.
func evidence(o *plan.Observation, en bool) string {
	if o == nil {
		return ""
	}
	var parts []string
	v := o.ValueText
	if v == "" && o.Value != nil {
		v = fmtNum(*o.Value)
	}
	if v != "" {
		parts = append(parts, v+o.Unit)
	}
	switch {
	case o.PeriodStart != "" && o.PeriodEnd != "" && o.PeriodStart != o.PeriodEnd:
		sep := "至"
		if en {
			sep = " to "
		}
		parts = append(parts, string(o.PeriodStart)+sep+string(o.PeriodEnd))
	case o.PeriodEnd != "":
		parts = append(parts, string(o.PeriodEnd))
	}
	src := o.SourceURL
	if o.SourceDate != "" {
		src = strings.TrimSpace(src + " " + o.SourceDate)
	}
	if src != "" {
		if en {
			parts = append(parts, "source: "+src)
		} else {
			parts = append(parts, "来源："+src)
		}
	}
	sep := "；"
	if en {
		sep = "; "
	}
	return strings.Join(parts, sep)
}

func fmtNum(f float64) string { return strconv.FormatFloat(f, 'f', -1, 64) }

func round1(f float64) float64 {
	if f < 0 {
		return -round1(-f)
	}
	return float64(int64(f*10+0.5)) / 10
}

// displayWidth counts how wide s shows in a spreadsheet cell: East Asian
// wide characters (CJK, full-width forms) take two columns, others one.
func displayWidth(s string) float64 {
	w := 0.0
	for _, r := range s {
		if isWide(r) {
			w += 2
		} else {
			w++
		}
	}
	return w
}

func isWide(r rune) bool {
	switch {
	case r >= 0x1100 && r <= 0x115F, // Hangul Jamo
		r >= 0x2E80 && r <= 0x303E, // CJK radicals, punctuation
		r >= 0x3041 && r <= 0x33FF, // kana, CJK symbols
		r >= 0x3400 && r <= 0x4DBF, // CJK extension A
		r >= 0x4E00 && r <= 0x9FFF, // CJK unified
		r >= 0xA000 && r <= 0xA4CF,
		r >= 0xAC00 && r <= 0xD7A3, // Hangul
		r >= 0xF900 && r <= 0xFAFF,
		r >= 0xFE30 && r <= 0xFE4F,
		r >= 0xFF00 && r <= 0xFF60, // full-width forms
		r >= 0xFFE0 && r <= 0xFFE6,
		r >= 0x20000 && r <= 0x3FFFD:
		return true
	}
	return false
}
