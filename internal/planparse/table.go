package planparse

import (
	"strings"
	"unicode/utf8"

	"github.com/planwatch/planwatch/internal/cnnum"
)

// Plans of the 民生实事 and 任务分解 kind are often tables. Extracted as
// text a table row is a line of cells separated by "|"; its header row
// names the columns ("序号 | 实事项目 | 工作举措及实施计划 | 责任单位 |
// 配合单位"). Each numbered row becomes a task: the first text column is
// its title, the other text columns its text, and the unit columns give
// its units.

// tableCols says which columns of a table hold what.
type tableCols struct {
	number      int // 序号, -1 if none
	lead, co    int // 牵头单位 / 配合单位 columns, -1 if none
	owner       int // 责任单位 column, -1 if none
	due         int // 完成时限 column, -1 if none
	dueName     string
	skip        map[int]bool
	headerCells int
	// A project table (重点项目表) dates each project's start and
	// completion (开工时间, 竣工时间) and may plan its year's investment
	// (年度计划投资) in the money unit its header names (总投资（亿元）).
	start      int // 开工时间 column, -1 if none
	invest     int // 年度（计划）投资 column, -1 if none
	moneyScale float64
}

// cells splits a table line on "|", trimming each cell; the empty cells
// the outer pipes make are dropped.
func cells(l string) []string {
	parts := strings.Split(l, "|")
	if len(parts) > 0 && strings.TrimSpace(parts[0]) == "" {
		parts = parts[1:]
	}
	if len(parts) > 0 && strings.TrimSpace(parts[len(parts)-1]) == "" {
		parts = parts[:len(parts)-1]
	}
	for i := range parts {
		parts[i] = strings.TrimSpace(parts[i])
	}
	return parts
}

// tableHeader recognises a header row with at least one unit column.
func tableHeader(l string) *tableCols {
	cs := cells(l)
	c := &tableCols{number: -1, lead: -1, co: -1, owner: -1, due: -1, skip: map[int]bool{}, headerCells: len(cs), start: -1, invest: -1}
	units := false
	for i, cell := range cs {
		if utf8.RuneCountInString(cell) > 12 {
			// Header cells are names of columns, not text.
			return nil
		}
		switch {
		case cell == "序号" || cell == "编号" || cell == "序":
			c.number = i
		case strings.Contains(cell, "牵头"):
			c.lead, units = i, true
		case strings.Contains(cell, "配合") || strings.Contains(cell, "协办") || strings.Contains(cell, "参与"):
			c.co, units = i, true
		case strings.Contains(cell, "责任单位") || strings.Contains(cell, "责任部门") || strings.Contains(cell, "主体"):
			c.owner, units = i, true
		case strings.Contains(cell, "时限") || strings.Contains(cell, "时间节点") || strings.Contains(cell, "完成时间") ||
			strings.Contains(cell, "完成期限") || cell == "时间" || strings.Contains(cell, "竣工时间") || strings.Contains(cell, "建成时间"):
			c.due, c.dueName = i, cell
		case strings.Contains(cell, "领导") || strings.Contains(cell, "责任人") || strings.Contains(cell, "备注"):
			c.skip[i] = true
		case strings.Contains(cell, "开工时间") || strings.Contains(cell, "开工日期"):
			c.start = i
		case strings.Contains(cell, "投资") && strings.Contains(cell, "年度"):
			c.invest = i
		}
		if strings.Contains(cell, "投资") {
			switch {
			case strings.Contains(cell, "亿元"):
				c.moneyScale = 1e8
			case strings.Contains(cell, "万元"):
				c.moneyScale = 1e4
			}
		}
	}
	if !units {
		return nil
	}
	return c
}

// tableRow reads one data row as a task, or nil when the row is empty or
// repeats the header. A row with fewer cells than the header lost its
// leading merged cells (a category written once for several rows), so
// its cells are aligned to the header's last columns. The number is the
// 序号 cell (or the first cell when it is a number); rows numbered "1.1"
// or not at all are tasks too.
func tableRow(l string, c *tableCols) *node {
	cs := cells(l)
	numCol := -1
	if len(cs) > 0 && looksNumbered(cs[0]) && c.number <= 0 {
		numCol = 0
	}
	offset := 0
	if c.headerCells > len(cs) {
		// Cells missing: merged cells on the left, or the row cut short
		// on the right. Align so that the unit columns hold units.
		offset = c.headerCells - len(cs)
		if c.unitScore(cs, numCol, 0) >= c.unitScore(cs, numCol, offset) {
			offset = 0
		}
	}
	col := func(i int) int {
		if i == numCol {
			return max(c.number, 0)
		}
		return i + offset
	}
	if numCol < 0 {
		for i := range cs {
			if col(i) == c.number {
				numCol = i
			}
		}
	}
	nd := &node{kind: kindArabic, sec: newSection("", "", ""), row: true}
	if numCol >= 0 {
		nd.sec.Number = cs[numCol]
	}
	var texts []string
	var a assignment
	for i, cell := range cs {
		j := col(i)
		if i == numCol || c.skip[j] || cell == "" {
			continue
		}
		switch j {
		case c.due:
			nd.due = cell
			if c.projectDue() {
				nd.finish = cell
			}
		case c.start:
			nd.start = cell
		case c.invest:
			if v, n := cnnum.Arabic(cell); n == len(cell) && v > 0 && c.moneyScale > 0 {
				nd.invest, nd.investQuote = v*c.moneyScale, cell
			}
		case c.lead:
			nd.tableLead = append(nd.tableLead, unitsWithConventions(cell, &a)...)
		case c.co:
			nd.tableCo = append(nd.tableCo, unitsWithConventions(cell, &a)...)
		case c.owner:
			if c.lead >= 0 {
				nd.tableCo = append(nd.tableCo, unitsWithConventions(cell, &a)...)
			} else if c.co >= 0 {
				nd.tableLead = append(nd.tableLead, unitsWithConventions(cell, &a)...)
			} else {
				nd.assign.owner = append(nd.assign.owner, unitsWithConventions(cell, &a))
			}
		default:
			texts = append(texts, cell)
		}
	}
	if len(texts) == 0 && len(nd.tableLead)+len(nd.tableCo)+len(nd.assign.owner) == 0 {
		return nil
	}
	if len(texts) > 0 {
		nd.heading = texts[0]
		nd.body = append(nd.body, texts[1:]...)
	}
	if nd.due != "" {
		// Kept in the text for the reader; it dates the row through nd.due.
		nd.body = append(nd.body, c.dueName+"："+nd.due)
	}
	return nd
}

// projectDue reports a due column that names a project's completion
// (竣工时间, 建成时间), which makes a milestone of each row.
func (c *tableCols) projectDue() bool {
	return c.due >= 0 && (strings.Contains(c.dueName, "竣工") || strings.Contains(c.dueName, "建成"))
}

// unitScore says how well the row's cells fit the unit columns when
// shifted right by offset: a unit list in a unit column scores, text
// there costs.
func (c *tableCols) unitScore(cs []string, numCol, offset int) int {
	score := 0
	for i, cell := range cs {
		if i == numCol || cell == "" {
			continue
		}
		switch i + offset {
		case c.lead, c.co, c.owner:
			var a assignment
			if allUnitLike(unitsWithConventions(cell, &a)) {
				score++
			} else {
				score--
			}
		}
	}
	return score
}

// looksNumbered reports whether a cell holds only an item number: "1",
// "12", "1.1", "一".
func looksNumbered(cell string) bool {
	if cell == "" {
		return false
	}
	for _, r := range cell {
		if !isArabicDigit(r) && r != '.' && r != '．' && r != '-' && !strings.ContainsRune("一二三四五六七八九十", r) {
			return false
		}
	}
	return true
}

// singleCell returns the only non-empty cell of a table line, if so.
func singleCell(l string) (string, bool) {
	only := ""
	for _, cell := range cells(l) {
		if cell == "" {
			continue
		}
		if only != "" {
			return "", false
		}
		only = cell
	}
	return only, only != ""
}
