package export

import (
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"

	"github.com/planwatch/planwatch/internal/ledger"
	"github.com/planwatch/planwatch/internal/status"
)

// Sheet names, Chinese and English.
const (
	SheetLedger   = "督办台账"
	SheetUnits    = "单位汇总"
	SheetLedgerEN = "Ledger"
	SheetUnitsEN  = "By unit"
)

// font is SimSun: present on every Chinese Windows and in WPS, and the
// face supervision offices print in.
const font = "宋体"

// statusFill is each status's cell colour (Excel's own good/neutral/bad
// palette); the cell always says the status in words too.
var statusFill = map[string]string{
	status.Achieved: "C6EFCE",
	status.OnTrack:  "E2EFDA",
	status.AtRisk:   "FFEB9C",
	status.OffTrack: "F8CBAD",
	status.Missed:   "FFC7CE",
	status.NoData:   "E7E6E6",
}

var lightFill = map[string]string{
	status.Green: "C6EFCE", status.Amber: "FFEB9C", status.Red: "FFC7CE", status.Grey: "E7E6E6",
}

// styles are the workbook's cell styles, made once.
type styles struct {
	title, header, text, number, whole, percent, note int
	status, light                                     map[string]int
}

func border() []excelize.Border {
	var b []excelize.Border
	for _, side := range []string{"left", "right", "top", "bottom"} {
		b = append(b, excelize.Border{Type: side, Color: "808080", Style: 1})
	}
	return b
}

func newStyles(f *excelize.File) (*styles, error) {
	var s styles
	var err error
	mk := func(st *excelize.Style) int {
		if err != nil {
			return 0
		}
		var id int
		id, err = f.NewStyle(st)
		return id
	}
	body := func() *excelize.Style {
		return &excelize.Style{
			Border:    border(),
			Font:      &excelize.Font{Family: font, Size: 10},
			Alignment: &excelize.Alignment{Vertical: "top", WrapText: true},
		}
	}
	s.title = mk(&excelize.Style{
		Font:      &excelize.Font{Family: font, Size: 14, Bold: true},
		Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "center"},
	})
	h := body()
	h.Font.Bold = true
	h.Fill = excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"D9E1F2"}}
	h.Alignment = &excelize.Alignment{Horizontal: "center", Vertical: "center", WrapText: true}
	s.header = mk(h)
	s.text = mk(body())
	n := body()
	n.CustomNumFmt = ptr("#,##0.##")
	n.Alignment.Horizontal = "right"
	s.number = mk(n)
	// Whole numbers get a format without decimals: Excel and WPS show
	// 40000 under #,##0.## as "40,000." with a dangling point.
	wn := body()
	wn.CustomNumFmt = ptr("#,##0")
	wn.Alignment.Horizontal = "right"
	s.whole = mk(wn)
	p := body()
	p.CustomNumFmt = ptr("0.0%")
	p.Alignment.Horizontal = "right"
	s.percent = mk(p)
	s.note = mk(&excelize.Style{
		Font:      &excelize.Font{Family: font, Size: 9, Color: "404040"},
		Alignment: &excelize.Alignment{Vertical: "top", WrapText: true},
	})
	s.status = map[string]int{}
	for code, color := range statusFill {
		st := body()
		st.Fill = excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{color}}
		st.Alignment.Horizontal = "center"
		st.Font.Bold = true
		s.status[code] = mk(st)
	}
	s.light = map[string]int{}
	for code, color := range lightFill {
		st := body()
		st.Fill = excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{color}}
		st.Alignment.Horizontal = "center"
		s.light[code] = mk(st)
	}
	return &s, err
}

func ptr[T any](v T) *T { return &v }

// numberFor is the style of a number cell: without decimals when the
// number shows as a whole one at two decimals.
func (s *styles) numberFor(c cell) int {
	if c.num != nil && math.Round(*c.num*100) == math.Round(*c.num)*100 {
		return s.whole
	}
	return s.number
}

// sheetWriter writes one sheet and remembers what sizing needs.
type sheetWriter struct {
	f      *excelize.File
	name   string
	err    error
	widths []float64         // widest display width per column
	cells  map[[2]int]string // text shown at {column, row}, for row heights
}

func (w *sheetWriter) set(col, row int, c cell, style int) {
	if w.err != nil {
		return
	}
	ref, err := excelize.CoordinatesToCellName(col, row)
	if err != nil {
		w.err = err
		return
	}
	switch {
	case c.num != nil:
		w.err = w.f.SetCellFloat(w.name, ref, *c.num, -1, 64)
	case c.text != "":
		w.err = w.f.SetCellStr(w.name, ref, c.text)
	}
	if w.err == nil && style != 0 {
		w.err = w.f.SetCellStyle(w.name, ref, ref, style)
	}
	shown := c.text
	if dw := displayWidth(longestLine(shown)); col-1 < len(w.widths) && dw > w.widths[col-1] {
		w.widths[col-1] = dw
	}
	if w.cells == nil {
		w.cells = map[[2]int]string{}
	}
	w.cells[[2]int{col, row}] = shown
}

func longestLine(s string) string {
	best := ""
	for _, l := range strings.Split(s, "\n") {
		if displayWidth(l) > displayWidth(best) {
			best = l
		}
	}
	return best
}

// fit sets column widths to the widest text (within min and max), and
// row heights to the lines wrapped text needs at those widths: Excel and
// WPS do not grow rows for wrapped text written by a program.
func (w *sheetWriter) fit(maxWidths []float64, firstRow int) {
	if w.err != nil {
		return
	}
	final := make([]float64, len(w.widths))
	for i, dw := range w.widths {
		width := math.Max(dw+2, 6)
		if i < len(maxWidths) && width > maxWidths[i] {
			width = maxWidths[i]
		}
		final[i] = width
		name, _ := excelize.ColumnNumberToName(i + 1)
		if w.err = w.f.SetColWidth(w.name, name, name, width); w.err != nil {
			return
		}
	}
	lines := map[int]int{}
	for k, text := range w.cells {
		col, row := k[0], k[1]
		if row < firstRow || text == "" {
			continue
		}
		n := 0
		for _, l := range strings.Split(text, "\n") {
			n += int(math.Max(1, math.Ceil(displayWidth(l)/math.Max(final[col-1]-1, 1))))
		}
		if n > lines[row] {
			lines[row] = n
		}
	}
	for row, n := range lines {
		h := math.Min(float64(n)*13.5+4, 409)
		if w.err = w.f.SetRowHeight(w.name, row, h); w.err != nil {
			return
		}
	}
}

func writeXLSX(out io.Writer, l *ledger.Ledger, en bool) error {
	f := excelize.NewFile()
	defer f.Close()
	st, err := newStyles(f)
	if err != nil {
		return fmt.Errorf("styles: %w", err)
	}
	ledgerName, unitsName := SheetLedger, SheetUnits
	if en {
		ledgerName, unitsName = SheetLedgerEN, SheetUnitsEN
	}
	if err := f.SetSheetName("Sheet1", ledgerName); err != nil {
		return err
	}
	if err := writeLedgerSheet(f, ledgerName, l, en, st); err != nil {
		return fmt.Errorf("sheet %s: %w", ledgerName, err)
	}
	if _, err := f.NewSheet(unitsName); err != nil {
		return err
	}
	if err := writeUnitsSheet(f, unitsName, l, en, st); err != nil {
		return fmt.Errorf("sheet %s: %w", unitsName, err)
	}
	f.SetActiveSheet(0)
	if err := f.SetDocProps(&excelize.DocProperties{Title: title(l, en), Creator: "planwatch"}); err != nil {
		return err
	}
	_, err = f.WriteTo(out)
	return err
}

// title names what the sheet shows: the plan (when one) and the date.
func title(l *ledger.Ledger, en bool) string {
	plan := ""
	for i, r := range l.Rows {
		if i > 0 && r.PlanID != l.Rows[0].PlanID {
			plan = ""
			break
		}
		plan = r.PlanTitle
	}
	if en {
		t := "Supervision ledger as of " + string(l.AsOf)
		if plan != "" {
			t = plan + " — " + t
		}
		return t
	}
	t := "督办台账（截至" + string(l.AsOf) + "）"
	if plan != "" {
		t = plan + " " + t
	}
	return t
}

func writeLedgerSheet(f *excelize.File, name string, l *ledger.Ledger, en bool, st *styles) error {
	cols := columnsFor(l)
	last, _ := excelize.ColumnNumberToName(len(cols))
	w := &sheetWriter{f: f, name: name, widths: make([]float64, len(cols))}
	if err := f.SetCellStr(name, "A1", title(l, en)); err != nil {
		return err
	}
	if err := f.MergeCell(name, "A1", last+"1"); err != nil {
		return err
	}
	if err := f.SetCellStyle(name, "A1", last+"1", st.title); err != nil {
		return err
	}
	if err := f.SetRowHeight(name, 1, 28); err != nil {
		return err
	}
	for i, h := range header(cols, en) {
		w.set(i+1, 2, textCell(h), st.header)
	}
	rows := ledgerTable(l, cols, en)
	for ri, row := range rows {
		for ci, c := range row {
			style := st.text
			switch c.kind {
			case kindNumber:
				style = st.numberFor(c)
			case kindPercent:
				style = st.percent
			case kindStatus:
				if s, ok := st.status[c.status]; ok {
					style = s
				}
			}
			w.set(ci+1, ri+3, c, style)
		}
	}
	maxW := make([]float64, len(cols))
	for i, c := range cols {
		maxW[i] = c.max
	}
	// Header words must not break mid-word: widen to them.
	for i, h := range header(cols, en) {
		if dw := displayWidth(h) + 2; dw > maxW[i] {
			maxW[i] = dw
		}
	}
	w.fit(maxW, 2)
	if w.err != nil {
		return w.err
	}
	if err := f.SetPanes(name, &excelize.Panes{Freeze: true, YSplit: 2, TopLeftCell: "A3", ActivePane: "bottomLeft"}); err != nil {
		return err
	}
	lastRow := len(rows) + 2
	if err := footnote(f, name, last, lastRow+2, rules(l.Config, en), st.note); err != nil {
		return err
	}
	if err := f.SetSheetDimension(name, fmt.Sprintf("A1:%s%d", last, lastRow+2)); err != nil {
		return err
	}
	if len(rows) > 0 {
		if err := f.AutoFilter(name, fmt.Sprintf("A2:%s%d", last, lastRow), nil); err != nil {
			return err
		}
	}
	return printSetup(f, name, "$2:$2", en)
}

// rules states how the statuses were reached, with the thresholds used,
// so that a printed ledger can be read without the program.
func rules(c status.Config, en bool) string {
	c = c.WithDefaults()
	risk, off := pts(c.AtRiskGap), pts(c.OffTrackGap)
	if en {
		return "Notes: share done = current value ÷ target value; expected by now grows linearly from the plan's start to the deadline. " +
			"More than " + risk + " points behind schedule is At risk, more than " + off + " points Off track; not reached by the deadline is Missed; " +
			"nothing countable reported is No data. Figures in another unit or scope, corrected ones and those after the as-of date are not counted; " +
			"the explanation column says which and why."
	}
	return "说明：完成比例＝当前值÷目标值；序时进度按规划起始日至完成时限线性计算。落后序时进度超过" + risk + "个百分点为“存在风险”，超过" +
		off + "个百分点为“明显滞后”；到期未达到目标为“逾期未完成”；没有可计入的数据为“暂无数据”。单位或统计范围口径不符、已被更正、" +
		"统计期晚于评估日的数据不计入，研判说明列逐条说明。"
}

func pts(f float64) string { return strconv.FormatFloat(math.Round(f*1000)/10, 'f', -1, 64) }

// footnote writes text in one merged, wrapped row across the sheet.
func footnote(f *excelize.File, sheet, lastCol string, row int, text string, style int) error {
	a, b := fmt.Sprintf("A%d", row), fmt.Sprintf("%s%d", lastCol, row)
	if err := f.SetCellStr(sheet, a, text); err != nil {
		return err
	}
	if err := f.MergeCell(sheet, a, b); err != nil {
		return err
	}
	if err := f.SetCellStyle(sheet, a, b, style); err != nil {
		return err
	}
	return f.SetRowHeight(sheet, row, 42)
}

// printSetup makes a sheet print on A4 landscape, all columns on one page
// width, with the header row repeated on every page and page numbers.
func printSetup(f *excelize.File, name, titleRows string, en bool) error {
	if err := f.SetPageLayout(name, &excelize.PageLayoutOptions{
		Size:        ptr(9), // A4
		Orientation: ptr("landscape"),
		FitToWidth:  ptr(1),
		FitToHeight: ptr(0), // as many pages tall as needed
	}); err != nil {
		return err
	}
	if err := f.SetSheetProps(name, &excelize.SheetPropsOptions{FitToPage: ptr(true)}); err != nil {
		return err
	}
	m := 0.4
	if err := f.SetPageMargins(name, &excelize.PageLayoutMarginsOptions{
		Left: &m, Right: &m, Top: ptr(0.5), Bottom: ptr(0.6), Header: ptr(0.2), Footer: ptr(0.25),
		Horizontally: ptr(true),
	}); err != nil {
		return err
	}
	footer := "&C第 &P 页，共 &N 页"
	if en {
		footer = "&CPage &P of &N"
	}
	if err := f.SetHeaderFooter(name, &excelize.HeaderFooterOptions{OddFooter: footer}); err != nil {
		return err
	}
	return f.SetDefinedName(&excelize.DefinedName{
		Name:     "_xlnm.Print_Titles",
		RefersTo: "'" + name + "'!" + titleRows,
		Scope:    name,
	})
}

// unitHeader heads the roll-up sheet: the unit, then its targets as lead
// and as co-unit counted by status, each with its light in words.
func unitHeader(en bool) []string {
	var h []string
	if en {
		h = append(h, "Unit")
	} else {
		h = append(h, "单位")
	}
	for _, role := range []string{"牵头", "配合"} {
		roleEN := map[string]string{"牵头": "Lead", "配合": "Co"}[role]
		if en {
			h = append(h, roleEN+": total")
		} else {
			h = append(h, role+"：合计")
		}
		for _, s := range status.Statuses {
			if en {
				h = append(h, roleEN+": "+StatusLabel(s, true))
			} else {
				h = append(h, role+"："+StatusLabel(s, false))
			}
		}
		if en {
			h = append(h, roleEN+": light")
		} else {
			h = append(h, role+"：灯号")
		}
	}
	return h
}

func rollupCells(r status.Rollup, en bool) []cell {
	total := float64(r.Total)
	cs := []cell{numCell(&total)}
	for _, s := range status.Statuses {
		n := float64(r.Counts[s])
		cs = append(cs, numCell(&n))
	}
	light := cell{kind: kindStatus, text: LightLabel(r.Light, en), status: r.Light}
	if r.Total == 0 {
		light = textCell("")
	}
	return append(cs, light)
}

func writeUnitsSheet(f *excelize.File, name string, l *ledger.Ledger, en bool, st *styles) error {
	h := unitHeader(en)
	last, _ := excelize.ColumnNumberToName(len(h))
	w := &sheetWriter{f: f, name: name, widths: make([]float64, len(h))}
	t := "按单位汇总（截至" + string(l.AsOf) + "）"
	if en {
		t = "By responsible unit, as of " + string(l.AsOf)
	}
	if err := f.SetCellStr(name, "A1", t); err != nil {
		return err
	}
	if err := f.MergeCell(name, "A1", last+"1"); err != nil {
		return err
	}
	if err := f.SetCellStyle(name, "A1", last+"1", st.title); err != nil {
		return err
	}
	for i, s := range h {
		w.set(i+1, 2, textCell(s), st.header)
	}
	put := func(row int, unit string, lead, co []cell) {
		w.set(1, row, textCell(unit), st.text)
		for i, c := range append(lead, co...) {
			style := st.numberFor(c)
			if c.kind == kindStatus {
				style = st.light[c.status]
			} else if c.num == nil {
				style = st.text
			}
			w.set(i+2, row, c, style)
		}
	}
	all := "全部目标"
	if en {
		all = "All targets"
	}
	empty := make([]cell, len(status.Statuses)+2)
	for i := range empty {
		empty[i] = textCell("")
	}
	put(3, all, rollupCells(l.Plan, en), empty)
	for i, u := range l.Units {
		put(i+4, u.Unit, rollupCells(u.Lead, en), rollupCells(u.Co, en))
	}
	maxW := make([]float64, len(h))
	maxW[0] = 30
	for i := 1; i < len(h); i++ {
		maxW[i] = 12
	}
	w.fit(maxW, 2)
	if w.err != nil {
		return w.err
	}
	if err := f.SetPanes(name, &excelize.Panes{Freeze: true, XSplit: 1, YSplit: 2, TopLeftCell: "B3", ActivePane: "bottomRight"}); err != nil {
		return err
	}
	return printSetup(f, name, "$2:$2", en)
}
