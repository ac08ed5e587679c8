package planparse

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
)

// maxDocxXML bounds the size of an XML part read from a .docx, so a zip
// bomb cannot exhaust memory.
const maxDocxXML = 64 << 20

// docxText reads the paragraphs of a .docx: each w:p is a line, w:t is
// text, w:tab a space and w:br / w:cr a line break. Table cells (w:tc)
// end with " | " so that tables read as the pipe rows plain text has.
// Paragraphs numbered by Word's automatic numbering get their number
// written out ("一、", "（一）", "1.") from word/numbering.xml, since the
// number is not in the text and the section tree depends on it.
func docxText(data []byte) (string, error) {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return "", fmt.Errorf("zip archive: %w", err)
	}
	var doc, numbering *zip.File
	for _, f := range zr.File {
		switch f.Name {
		case "word/document.xml":
			doc = f
		case "word/numbering.xml":
			numbering = f
		}
	}
	if doc == nil {
		return "", errors.New("zip archive is not a .docx: no word/document.xml")
	}
	nums := numberingFormats{}
	if numbering != nil {
		// Broken numbering only loses the automatic numbers.
		nums, _ = readNumbering(numbering)
	}
	rc, err := doc.Open()
	if err != nil {
		return "", fmt.Errorf("docx word/document.xml: %w", err)
	}
	defer rc.Close()
	var b, para strings.Builder
	counters := map[string]*[9]int{}
	dec := xml.NewDecoder(io.LimitReader(rc, maxDocxXML))
	inText := false
	inCell := 0
	numID, ilvl := "", 0
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			return "", fmt.Errorf("docx word/document.xml: %w", err)
		}
		switch t := tok.(type) {
		case xml.StartElement:
			switch t.Name.Local {
			case "p":
				numID, ilvl = "", 0
			case "numId":
				numID = attr(t, "val")
			case "ilvl":
				ilvl, _ = strconv.Atoi(attr(t, "val"))
			case "t":
				inText = true
			case "tc":
				inCell++
			case "tab":
				para.WriteByte(' ')
			case "br", "cr":
				para.WriteByte('\n')
			}
		case xml.EndElement:
			switch t.Name.Local {
			case "t":
				inText = false
			case "p":
				if strings.TrimSpace(para.String()) != "" {
					b.WriteString(nums.marker(numID, ilvl, counters))
				}
				b.WriteString(para.String())
				para.Reset()
				if inCell > 0 {
					// Paragraphs of a cell stay on the row's line.
					b.WriteByte(' ')
				} else {
					b.WriteByte('\n')
				}
			case "tc":
				inCell--
				b.WriteString(" | ")
			case "tr":
				b.WriteByte('\n')
			}
		case xml.CharData:
			if inText {
				para.Write(t)
			}
		}
	}
	text := b.String()
	if strings.TrimSpace(text) == "" {
		return "", fmt.Errorf("docx: %w", ErrNoText)
	}
	return text, nil
}

func attr(e xml.StartElement, local string) string {
	for _, a := range e.Attr {
		if a.Name.Local == local {
			return a.Value
		}
	}
	return ""
}

// level is one level of a Word numbering definition.
type level struct {
	format string // numFmt: decimal, chineseCounting, decimalEnclosedCircle, bullet…
	text   string // lvlText: "%1、", "（%1）", "%1."
	start  int
}

// numberingFormats maps a numId to its levels.
type numberingFormats map[string]*[9]level

// readNumbering reads word/numbering.xml: abstract definitions and the
// numIds that use them.
func readNumbering(f *zip.File) (numberingFormats, error) {
	rc, err := f.Open()
	if err != nil {
		return nil, err
	}
	defer rc.Close()
	abstract := map[string]*[9]level{}
	numToAbstract := map[string]string{}
	dec := xml.NewDecoder(io.LimitReader(rc, maxDocxXML))
	var cur *[9]level
	lvl := -1
	num := ""
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, err
		}
		t, ok := tok.(xml.StartElement)
		if !ok {
			continue
		}
		switch t.Name.Local {
		case "abstractNum":
			cur = &[9]level{}
			abstract[attr(t, "abstractNumId")] = cur
			num = ""
		case "lvl":
			lvl, _ = strconv.Atoi(attr(t, "ilvl"))
			if lvl < 0 || lvl > 8 {
				lvl = -1
			}
		case "start":
			if cur != nil && lvl >= 0 {
				cur[lvl].start, _ = strconv.Atoi(attr(t, "val"))
			}
		case "numFmt":
			if cur != nil && lvl >= 0 {
				cur[lvl].format = attr(t, "val")
			}
		case "lvlText":
			if cur != nil && lvl >= 0 {
				cur[lvl].text = attr(t, "val")
			}
		case "num":
			num = attr(t, "numId")
			cur, lvl = nil, -1
		case "abstractNumId":
			if num != "" {
				numToAbstract[num] = attr(t, "val")
			}
		}
	}
	out := numberingFormats{}
	for n, a := range numToAbstract {
		if levels, ok := abstract[a]; ok {
			out[n] = levels
		}
	}
	return out, nil
}

// marker counts one numbered paragraph and returns its number as Word
// would show it, or "" when the paragraph is not numbered (or bulleted).
func (nf numberingFormats) marker(numID string, ilvl int, counters map[string]*[9]int) string {
	levels, ok := nf[numID]
	if !ok || ilvl < 0 || ilvl > 8 || levels[ilvl].format == "bullet" || levels[ilvl].format == "none" {
		return ""
	}
	c := counters[numID]
	if c == nil {
		c = &[9]int{}
		counters[numID] = c
	}
	if c[ilvl] == 0 && levels[ilvl].start > 1 {
		c[ilvl] = levels[ilvl].start - 1
	}
	c[ilvl]++
	for deeper := ilvl + 1; deeper < 9; deeper++ {
		c[deeper] = 0
	}
	text := levels[ilvl].text
	if text == "" {
		text = "%" + strconv.Itoa(ilvl+1) + "."
	}
	for l := 0; l <= ilvl; l++ {
		n := max(c[l], 1)
		text = strings.ReplaceAll(text, "%"+strconv.Itoa(l+1), formatNumber(n, levels[l].format))
	}
	return text
}

// formatNumber writes n in a Word number format.
func formatNumber(n int, format string) string {
	switch format {
	case "chineseCounting", "chineseCountingThousand", "ideographTraditional", "taiwaneseCounting", "chineseLegalSimplified":
		return hanNumber(n)
	case "decimalEnclosedCircle", "decimalEnclosedCircleChinese":
		if n >= 1 && n <= 20 {
			return string([]rune(circled)[n-1])
		}
	case "decimalFullWidth":
		return strings.Map(func(r rune) rune { return r - '0' + '０' }, strconv.Itoa(n))
	}
	return strconv.Itoa(n)
}

// hanNumber writes 1–99 as Chinese numerals (一, 十, 十一, 二十一); larger
// numbers in Arabic digits.
func hanNumber(n int) string {
	digits := []string{"", "一", "二", "三", "四", "五", "六", "七", "八", "九"}
	switch {
	case n < 1 || n > 99:
		return strconv.Itoa(n)
	case n < 10:
		return digits[n]
	case n < 20:
		return "十" + digits[n-10]
	default:
		return digits[n/10] + "十" + digits[n%10]
	}
}
