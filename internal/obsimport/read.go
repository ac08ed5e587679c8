package obsimport

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"
	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/unicode"

	"github.com/planwatch/planwatch/internal/plan"
	"github.com/planwatch/planwatch/internal/store"
)

// Error is a rejected file: where, and why.
type Error struct {
	File   string
	Line   int    // CSV line or XLSX row, from 1; 0 for the whole file
	Column string // "3" (CSV) or "C" (XLSX); empty for the whole row
	Name   string // the column's header as written
	Reason string
}

func (e *Error) Error() string {
	switch {
	case e.Line == 0:
		return fmt.Sprintf("%s: %s", e.File, e.Reason)
	case e.Column == "":
		return fmt.Sprintf("%s line %d: %s", e.File, e.Line, e.Reason)
	}
	return fmt.Sprintf("%s line %d column %s (%s): %s", e.File, e.Line, e.Column, e.Name, e.Reason)
}

// Unwrap lets store.ErrorCode report a rejected file as invalid input.
func (e *Error) Unwrap() error { return &store.Error{Code: store.EInvalid, Message: e.Error()} }

// Options are what a file is checked against.
type Options struct {
	PlanID int64
	// Plan is the stored plan, with target IDs set; rows must name its
	// targets and tasks.
	Plan *plan.Plan
}

// Column keys, and the header spellings that mean them.
const (
	colTarget      = "target"
	colTask        = "task"
	colSubject     = "subject"
	colValue       = "value"
	colUnit        = "unit"
	colPeriodStart = "period_start"
	colPeriodEnd   = "period_end"
	colKind        = "kind"
	colScope       = "scope"
	colSourceURL   = "source_url"
	colSourceDate  = "source_date"
	colQuote       = "quote"
	colReportedBy  = "reported_by"
	colNote        = "note"
	colIgnored     = "-"
)

var headerAliases = map[string]string{
	"target": colTarget, "target_id": colTarget, "目标编号": colTarget,
	"task": colTask, "task_id": colTask, "任务": colTask, "任务编号": colTask,
	"subject": colSubject, "指标": colSubject, "目标": colSubject,
	"value": colValue, "数值": colValue, "完成值": colValue,
	"unit": colUnit, "单位": colUnit, "计量单位": colUnit,
	"period_start": colPeriodStart, "开始日期": colPeriodStart,
	"period_end": colPeriodEnd, "截止日期": colPeriodEnd,
	"kind": colKind, "类型": colKind,
	"scope": colScope, "范围": colScope,
	"source_url": colSourceURL, "来源链接": colSourceURL,
	"source_date": colSourceDate, "来源日期": colSourceDate,
	"quote": colQuote, "原文": colQuote,
	"reported_by": colReportedBy, "填报单位": colReportedBy,
	"note": colNote, "备注": colNote,
	"序号": colIgnored, "no": colIgnored,
}

var requiredColumns = []string{colValue, colUnit, colPeriodEnd, colKind}

var kindAliases = map[string]string{
	plan.ObsFlow: plan.ObsFlow, "新增": plan.ObsFlow, "增量": plan.ObsFlow,
	plan.ObsStock: plan.ObsStock, "累计": plan.ObsStock, "存量": plan.ObsStock,
	plan.ObsRate: plan.ObsRate, "比率": plan.ObsRate, "比例": plan.ObsRate, "占比": plan.ObsRate,
	plan.ObsTarget: plan.ObsTarget, "目标": plan.ObsTarget, "预期": plan.ObsTarget, "计划": plan.ObsTarget,
	plan.ObsEvent: plan.ObsEvent, "事件": plan.ObsEvent,
	plan.ObsStatus: plan.ObsStatus, "状态": plan.ObsStatus,
}

// cell is one field with where it was read.
type cell struct {
	text string
	raw  string // XLSX unformatted value (date serials); empty for CSV
	col  string
}

type row struct {
	line  int
	xlsx  bool // columns are named by letter
	cells []cell
}

// Read parses a CSV or XLSX file (chosen by the .xlsx extension or the
// zip signature) into observations of opts.PlanID. Any bad row rejects
// the whole file with an *Error.
func Read(name string, data []byte, opts Options) ([]plan.Observation, error) {
	rows, err := ReadRows(name, data, opts)
	if err != nil {
		return nil, err
	}
	obs := make([]plan.Observation, len(rows))
	for i, r := range rows {
		obs[i] = r.Observation
	}
	return obs, nil
}

// Row is an observation with the line (CSV) or row (XLSX) it came from,
// for errors found after reading, such as a duplicate of a stored figure.
type Row struct {
	Line        int
	Observation plan.Observation
}

// ReadRows is Read keeping each observation's line.
func ReadRows(name string, data []byte, opts Options) ([]Row, error) {
	if opts.Plan == nil {
		return nil, fmt.Errorf("%s: no plan to check against", name)
	}
	var rows []row
	var err error
	if strings.EqualFold(filepath.Ext(name), ".xls") || bytes.HasPrefix(data, []byte("\xd0\xcf\x11\xe0")) {
		return nil, &Error{File: name, Reason: "old Excel 97-2003 (.xls) workbook: save it as .xlsx (Excel 工作簿) or CSV and import that"}
	}
	if strings.EqualFold(filepath.Ext(name), ".xlsx") || bytes.HasPrefix(data, []byte("PK\x03\x04")) {
		rows, err = readXLSX(name, data)
	} else {
		rows, err = readCSV(name, data)
	}
	if err != nil {
		return nil, err
	}
	return convert(name, rows, newPlanIndex(opts))
}

func readCSV(name string, data []byte) ([]row, error) {
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	comma := ','
	if bytes.HasPrefix(data, []byte("\xff\xfe")) || bytes.HasPrefix(data, []byte("\xfe\xff")) {
		// Excel's "Unicode 文本" export: UTF-16 with a BOM, tab-separated.
		dec, err := unicode.UTF16(unicode.LittleEndian, unicode.UseBOM).NewDecoder().Bytes(data)
		if err != nil {
			return nil, &Error{File: name, Reason: "unreadable UTF-16 text: " + err.Error()}
		}
		data, comma = dec, '\t'
	}
	if !utf8.Valid(data) {
		dec, err := simplifiedchinese.GB18030.NewDecoder().Bytes(data)
		if err != nil {
			return nil, &Error{File: name, Reason: "neither UTF-8 nor GB18030 text: save the file as CSV (UTF-8) or Excel's CSV"}
		}
		data = dec
	}
	if len(bytes.TrimSpace(data)) == 0 {
		return nil, &Error{File: name, Reason: "empty file"}
	}
	r := csv.NewReader(bytes.NewReader(data))
	r.Comma = comma
	r.FieldsPerRecord = -1
	var rows []row
	for {
		rec, err := r.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			var pe *csv.ParseError
			if errors.As(err, &pe) {
				return nil, &Error{File: name, Line: pe.Line, Reason: "malformed CSV: " + pe.Err.Error()}
			}
			return nil, &Error{File: name, Reason: err.Error()}
		}
		line, _ := r.FieldPos(0)
		rw := row{line: line, cells: make([]cell, len(rec))}
		for i, f := range rec {
			rw.cells[i] = cell{text: f, col: strconv.Itoa(i + 1)}
		}
		rows = append(rows, rw)
	}
	return rows, nil
}

func readXLSX(name string, data []byte) ([]row, error) {
	// A report is a few megabytes; the limit stops a zip bomb from
	// unpacking gigabytes (excelize's own default is 16 GB).
	f, err := excelize.OpenReader(bytes.NewReader(data), excelize.Options{UnzipSizeLimit: 512 << 20})
	if err != nil {
		return nil, &Error{File: name, Reason: "not a readable .xlsx file: " + err.Error()}
	}
	defer f.Close()
	sheets := f.GetSheetList()
	if len(sheets) == 0 {
		return nil, &Error{File: name, Reason: "the workbook has no sheet"}
	}
	formatted, err := f.GetRows(sheets[0])
	if err != nil {
		return nil, &Error{File: name, Reason: fmt.Sprintf("sheet %s: %v", sheets[0], err)}
	}
	raw, err := f.GetRows(sheets[0], excelize.Options{RawCellValue: true})
	if err != nil {
		return nil, &Error{File: name, Reason: fmt.Sprintf("sheet %s: %v", sheets[0], err)}
	}
	rows := make([]row, len(formatted))
	for i, rec := range formatted {
		rw := row{line: i + 1, xlsx: true, cells: make([]cell, len(rec))}
		for j, v := range rec {
			col, _ := excelize.ColumnNumberToName(j + 1)
			c := cell{text: v, col: col}
			if i < len(raw) && j < len(raw[i]) {
				c.raw = raw[i][j]
			}
			rw.cells[j] = c
		}
		rows[i] = rw
	}
	return rows, nil
}

func blank(r row) bool {
	for _, c := range r.cells {
		if strings.TrimSpace(c.text) != "" {
			return false
		}
	}
	return true
}

func normHeader(s string) string {
	s = strings.TrimPrefix(s, "\ufeff")
	s = strings.Trim(strings.TrimSpace(s), "*＊")
	return strings.ToLower(strings.TrimSpace(s))
}

func convert(name string, rows []row, idx *planIndex) ([]Row, error) {
	for len(rows) > 0 && blank(rows[0]) {
		rows = rows[1:]
	}
	if len(rows) == 0 {
		return nil, &Error{File: name, Reason: "empty file: the first line must name the columns"}
	}
	head := rows[0]
	pos := map[string]int{}    // column key -> index
	header := map[int]string{} // index -> header as written
	for i, c := range head.cells {
		h := normHeader(c.text)
		if h == "" {
			continue
		}
		key, ok := headerAliases[h]
		if !ok {
			return nil, &Error{File: name, Line: head.line, Column: c.col, Name: c.text,
				Reason: "unknown column (known: target, task, subject, value, unit, period_start, period_end, kind, scope, source_url, source_date, quote, reported_by, note, or their Chinese names)"}
		}
		if key == colIgnored {
			continue
		}
		if j, dup := pos[key]; dup {
			return nil, &Error{File: name, Line: head.line, Column: c.col, Name: c.text,
				Reason: fmt.Sprintf("column %s given twice (also column %s)", key, head.cells[j].col)}
		}
		pos[key] = i
		header[i] = strings.TrimSpace(c.text)
	}
	for _, k := range requiredColumns {
		if _, ok := pos[k]; !ok {
			return nil, &Error{File: name, Line: head.line, Reason: fmt.Sprintf("missing required column %s", k)}
		}
	}
	var out []Row
	for _, r := range rows[1:] {
		if blank(r) {
			continue
		}
		o, err := convertRow(name, r, pos, header, idx)
		if err != nil {
			return nil, err
		}
		out = append(out, Row{Line: r.line, Observation: o})
	}
	if len(out) == 0 {
		return nil, &Error{File: name, Reason: "no observations below the header"}
	}
	return out, nil
}

func convertRow(name string, r row, pos map[string]int, header map[int]string, idx *planIndex) (plan.Observation, error) {
	get := func(key string) (cell, string) {
		i, ok := pos[key]
		if !ok {
			return cell{}, ""
		}
		if i >= len(r.cells) {
			col := strconv.Itoa(i + 1)
			if r.xlsx {
				col, _ = excelize.ColumnNumberToName(i + 1)
			}
			return cell{col: col}, ""
		}
		return r.cells[i], strings.TrimSpace(r.cells[i].text)
	}
	fail := func(key, reason string) error {
		c, _ := get(key)
		return &Error{File: name, Line: r.line, Column: c.col, Name: header[pos[key]], Reason: reason}
	}
	o := plan.Observation{PlanID: idx.planID}

	_, kindText := get(colKind)
	kind, ok := kindAliases[strings.ToLower(kindText)]
	switch {
	case kindText == "":
		return o, fail(colKind, "kind is required: flow, stock, rate, target, event or status")
	case !ok:
		return o, fail(colKind, fmt.Sprintf("kind %q is not one of flow, stock, rate, target, event, status", kindText))
	}
	o.Kind = kind

	_, o.Unit = get(colUnit)
	countable := plan.CountableKind(kind)
	if countable && o.Unit == "" {
		return o, fail(colUnit, "unit is required for a "+kind+" figure")
	}

	_, vt := get(colValue)
	switch {
	case vt == "" && countable:
		return o, fail(colValue, "value is required for a "+kind+" figure")
	case vt == "":
	default:
		v, err := ParseValue(vt, o.Unit)
		switch {
		case err != nil && countable:
			return o, fail(colValue, err.Error())
		case err != nil:
			o.ValueText = vt // words for an event or status ("投运")
		default:
			n := v.Number
			o.Value = &n
			if !v.Plain {
				o.ValueText = vt
			}
		}
	}

	endCell, endText := get(colPeriodEnd)
	if endText == "" {
		return o, fail(colPeriodEnd, "period_end is required: the day the figure refers to")
	}
	end, err := cellDate(endCell, endText, true)
	if err != nil {
		return o, fail(colPeriodEnd, err.Error())
	}
	o.PeriodEnd = end
	if startCell, startText := get(colPeriodStart); startText != "" {
		start, err := cellDate(startCell, startText, false)
		if err != nil {
			return o, fail(colPeriodStart, err.Error())
		}
		if end.Before(start) {
			return o, fail(colPeriodStart, fmt.Sprintf("period_start %s is after period_end %s", start, end))
		}
		o.PeriodStart = start
	}

	_, o.Scope = get(colScope)
	_, o.SourceURL = get(colSourceURL)
	_, o.SourceDate = get(colSourceDate)
	_, o.Quote = get(colQuote)
	_, o.ReportedBy = get(colReportedBy)
	_, o.Note = get(colNote)
	if o.SourceURL == "" && o.Quote == "" {
		key := colSourceURL
		if _, ok := pos[key]; !ok {
			key = colQuote
		}
		if _, ok := pos[key]; !ok {
			return o, &Error{File: name, Line: r.line, Reason: "evidence is required: add a source_url or quote column"}
		}
		return o, fail(key, "evidence is required: give source_url or quote")
	}

	_, targetID := get(colTarget)
	_, task := get(colTask)
	_, subject := get(colSubject)
	switch {
	case targetID != "":
		sec, ok := idx.targets[targetID]
		if !ok {
			return o, fail(colTarget, idx.unknownTarget(targetID))
		}
		o.TargetID, o.SectionID = targetID, sec
	case task != "" || subject != "":
		tid, sec, err := idx.find(task, subject)
		if err != nil {
			key := colSubject
			var te *taskError
			if errors.As(err, &te) || subject == "" {
				key = colTask
			}
			return o, fail(key, err.Error())
		}
		o.TargetID, o.SectionID = tid, sec
	}
	return o, nil
}

// cellDate prefers an XLSX cell's serial number, since the formatted text
// of a date cell depends on the workbook's locale.
func cellDate(c cell, text string, end bool) (plan.Date, error) {
	if c.raw != "" {
		if serial, err := strconv.ParseFloat(c.raw, 64); err == nil && serial > 1 && serial < 2958466 {
			if t, err := excelize.ExcelDateToTime(serial, false); err == nil {
				return plan.DateOf(t), nil
			}
		}
	}
	return ParseDate(text, end)
}
