package planparse

import (
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// A table copied out of Word or WPS and pasted as plain text keeps no
// pipes: its cells are separated by a tab, or, where the editor turned
// tabs into spaces, by a run of two or more spaces, and both can occur in
// the same table. Such a table is recognised by its header row (cells
// that name columns, at least one of them a unit column, see
// tableHeader) and rewritten as a "|" table, so that one reader serves
// tables from .docx, from pipes and from pasted text. Rows follow the
// header until a line that neither splits into cells nor continues the
// row above it (a cell wrapped onto the next line).

// gapCells splits a raw line (before its spaces are cleaned) at tabs and
// at runs of two or more spaces; it returns nil when the line has no such
// gap between two pieces of text.
func gapCells(raw string) []string {
	raw = strings.TrimFunc(raw, unicode.IsSpace)
	if !hasGap(raw) {
		return nil
	}
	var out []string
	cell := 0 // where the current cell starts
	for i := 0; i < len(raw); {
		r, size := utf8.DecodeRuneInString(raw[i:])
		if !cellSpace(r) {
			i += size
			continue
		}
		// A run of spaces: a cell boundary when it holds a tab or is
		// two or more wide.
		j, n, tabs := i, 0, 0
		for j < len(raw) {
			r2, s2 := utf8.DecodeRuneInString(raw[j:])
			if !cellSpace(r2) {
				break
			}
			if r2 == '\t' {
				tabs++
			}
			n++
			j += s2
		}
		if tabs > 0 || n >= 2 {
			if c := cleanSpaces(raw[cell:i]); c != "" {
				out = append(out, c)
			}
			// Each tab ends a cell, so two in a row enclose an empty
			// one; a run of spaces says nothing of how many it spans.
			for ; tabs > 1; tabs-- {
				out = append(out, "")
			}
			cell = j
		}
		i = j
	}
	if c := cleanSpaces(raw[cell:]); c != "" {
		out = append(out, c)
	}
	if len(out) < 2 {
		return nil
	}
	return out
}

func cellSpace(r rune) bool { return r == '\t' || r == ' ' || r == '\u00a0' || r == '\u3000' }

// hasGap is the cheap test that lets most lines skip gapCells.
func hasGap(s string) bool {
	return strings.IndexByte(s, '\t') >= 0 || strings.Contains(s, "  ") || strings.Contains(s, "\u3000\u3000") ||
		strings.Contains(s, "\u00a0\u00a0") || strings.Contains(s, " \u3000") || strings.Contains(s, "\u3000 ")
}

// pipeRow writes cells as a "|" table line.
func pipeRow(cs []string) string { return strings.Join(cs, " | ") + " |" }

// pipeFlatTables rewrites, in place, the flattened tables among lines
// (already cleaned) as "|" tables. gaps holds the cells of the raw lines
// that had gaps, by line index.
func pipeFlatTables(lines []string, gaps map[int][]string) {
	var cols *tableCols // a task table's columns
	indicators := false // an indicator table (指标 | 单位 | 2025年) is open
	n := 0              // cells of the header
	last := -1          // line of the table's last row
	var row []string    // its cells
	wraps := 0          // continuation lines merged into it
	blank := false      // a blank line since the last row or continuation
	flush := func() {
		if last >= 0 && wraps > 0 {
			lines[last] = pipeRow(row)
		}
	}
	for i, l := range lines {
		cs := gaps[i]
		if len(cs) > 0 && (n == 0 || len(cs) > n) {
			// Two tabs in a row are an empty cell where the count fits
			// the header; where it would not, they only aligned columns.
			cs = nonEmpty(cs)
		}
		if cols != nil {
			switch {
			case l == "":
				blank = true
				continue
			case len(cs) >= 2 && (looksNumbered(cs[0]) || len(cs) >= n):
				flush()
				lines[i] = pipeRow(cs)
				last, row, wraps, blank = i, cs, 0, false
				continue
			case last >= 0 && !blank && wraps < maxWraps && continuesRow(l):
				// A wrapped cell: the row absorbs the line.
				row = mergeWrapped(row, cs, l)
				wraps++
				lines[i] = ""
				continue
			}
			flush()
			cols, last, row, blank = nil, -1, nil, false
		}
		if indicators {
			switch {
			case l == "":
				continue
			case len(cs) >= 2:
				lines[i] = pipeRow(cs)
				continue
			case categoryRow(l):
				// "经济发展" alone: a group of indicators; kept as a
				// row so that the table reads on.
				lines[i] = l + " | |"
				continue
			}
			indicators = false
		}
		if len(cs) >= 3 {
			if c := tableHeader(pipeRow(cs)); c != nil {
				cols, n = c, len(cs)
				lines[i] = pipeRow(cs)
			} else if (&commitReader{}).readIndicatorHeader(pipeRow(cs)) != nil {
				indicators, n = true, len(cs)
				lines[i] = pipeRow(cs)
			}
		}
		if cols == nil && !indicators {
			n = 0
		}
	}
	flush()
}

// nonEmpty drops the empty cells of cs.
func nonEmpty(cs []string) []string {
	out := cs[:0:0]
	for _, c := range cs {
		if c != "" {
			out = append(out, c)
		}
	}
	return out
}

// categoryRow reports a short line that names a group of rows: not a
// heading, a remark or a sentence.
func categoryRow(l string) bool {
	if _, ok := parseMarker(l); ok || remarkLine(l) || utf8.RuneCountInString(l) > 16 {
		return false
	}
	return !strings.ContainsAny(l, "。；;，,：:")
}

// maxWraps bounds how many lines one row may wrap onto; a cell is never
// that long, and the bound keeps a hostile text linear.
const maxWraps = 20

// continuesRow reports whether line l, right under a row, is the rest of
// a wrapped cell rather than text after the table: not a numbered
// heading, not a remark (注：…), not a sentence of its own.
func continuesRow(l string) bool {
	if _, ok := parseMarker(l); ok || remarkLine(l) {
		return false
	}
	return utf8.RuneCountInString(l) <= 60
}

// remarkLine reports whether l is a remark on the text above it ("注：",
// "备注：", "说明：") rather than part of a task.
func remarkLine(l string) bool {
	for _, p := range [...]string{"注：", "注:", "备注：", "备注:", "说明：", "说明:", "注 ：", "注 :"} {
		if strings.HasPrefix(l, p) {
			return true
		}
	}
	return false
}

// mergeWrapped adds a continuation line to the row it wraps. The pieces
// of a line with gaps go to the row's cells in order from its first text
// cell; a line of one piece goes to the row's longest cell, the one most
// likely to wrap.
func mergeWrapped(row, cs []string, l string) []string {
	row = append([]string(nil), row...)
	if len(cs) < 2 {
		k := 0
		for j, c := range row {
			if len(c) > len(row[k]) {
				k = j
			}
		}
		row[k] += l
		return row
	}
	k := 0
	if len(row) > 0 && looksNumbered(row[0]) {
		k = 1
	}
	for j, c := range cs {
		if k+j < len(row) {
			row[k+j] += c
		} else {
			row = append(row, c)
		}
	}
	return row
}

// pipeCellLines rewrites tables pasted one cell per line, as Word and WPS
// copy a table into a plain-text box: a run of column names (the first
// 序号, one of them a unit column, see tableHeader) each on its own line,
// then rows that start with their number. Each row becomes one "|" line.
// A row stops the table when its first cell is not the next number or
// the lines run out.
func pipeCellLines(lines []string) []string {
	var out []string
	for i := 0; i < len(lines); i++ {
		if lines[i] != "序号" && lines[i] != "编号" {
			if out != nil {
				out = append(out, lines[i])
			}
			continue
		}
		j := i + 1
		for j < len(lines) && j-i <= 16 && lines[j] != "1" && headerCell(lines[j]) {
			j++
		}
		n := j - i
		if j >= len(lines) || lines[j] != "1" || n < 3 || tableHeader(pipeRow(lines[i:j])) == nil {
			if out != nil {
				out = append(out, lines[i])
			}
			continue
		}
		if out == nil {
			out = append(make([]string, 0, len(lines)), lines[:i]...)
		}
		out = append(out, pipeRow(lines[i:j]))
		for num := 1; j+n <= len(lines) && lines[j] == strconv.Itoa(num); num++ {
			out = append(out, pipeRow(lines[j:j+n]))
			j += n
		}
		i = j - 1
	}
	if out == nil {
		return lines
	}
	return out
}

// headerCell reports a line that can name a column: short, with no
// sentence punctuation.
func headerCell(l string) bool {
	return l != "" && utf8.RuneCountInString(l) <= 12 && !strings.ContainsAny(l, "。，；,;：:")
}
