package planparse

import (
	"strings"
	"unicode/utf8"
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
	skip        map[int]bool
	headerCells int
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
	c := &tableCols{number: -1, lead: -1, co: -1, owner: -1, skip: map[int]bool{}, headerCells: len(cs)}
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
		case strings.Contains(cell, "领导") || strings.Contains(cell, "责任人") || strings.Contains(cell, "备注"):
			c.skip[i] = true
		}
	}
	if !units {
		return nil
	}
	return c
}

// tableRow reads one row as a task, or nil when the row is not numbered.
func tableRow(l string, c *tableCols) *node {
	cs := cells(l)
	numCol := c.number
	if numCol < 0 {
		numCol = 0
	}
	if numCol >= len(cs) {
		return nil
	}
	num, n := arabicValue(cs[numCol])
	if n == 0 || n != len(cs[numCol]) || num == 0 {
		if v, k := hanValue(cs[numCol]); k == 0 || k != len(cs[numCol]) || v == 0 {
			return nil
		}
	}
	nd := &node{kind: kindArabic, sec: newSection("", cs[numCol], "")}
	var texts []string
	var a assignment
	for i, cell := range cs {
		if i == numCol || c.skip[i] || cell == "" {
			continue
		}
		switch i {
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
	if len(texts) > 0 {
		nd.heading = texts[0]
		nd.body = append(nd.body, texts[1:]...)
	}
	return nd
}
