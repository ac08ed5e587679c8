package planparse

import (
	"strings"
	"unicode/utf8"
)

// normalizeLines turns decoded text into trimmed paragraph lines: line
// endings unified, odd spaces made plain, paragraphs that PDF extraction
// broke mid-sentence joined again, and paragraphs that lost their line
// breaks split again before their numbered headings. Characters are never
// rewritten otherwise, so quotes cut from these lines are found in the
// source once its spaces are normalised the same way.
func normalizeLines(text string) []string {
	raw := splitRawLines(text)
	for i, l := range raw {
		if pageNumber(l) {
			raw[i] = ""
		}
	}
	raw = resplit(raw)
	return rejoin(raw)
}

// pageNumber reports whether l is a page number a PDF extraction left in
// the text ("— 3 —", "-12-", "第3页 共9页"); dropping it lets the sentence
// broken by the page join again.
func pageNumber(l string) bool {
	if l == "" || len(l) > 40 {
		return false
	}
	digits, dashes := 0, 0
	for _, r := range l {
		switch {
		case isArabicDigit(r):
			digits++
		case r == '-' || r == '—' || r == '–' || r == '－' || r == '─':
			dashes++
		case r == ' ' || r == '第' || r == '页' || r == '共' || r == '/':
		default:
			return false
		}
	}
	return digits > 0 && digits <= 4 && (dashes > 0 || strings.Contains(l, "页"))
}

// splitRawLines splits on LF, CRLF and CR and cleans each line's spaces;
// tables pasted as text (cells split by tabs or runs of spaces) become "|"
// tables first, since cleaning loses their gaps.
func splitRawLines(text string) []string {
	lines := make([]string, 0, strings.Count(text, "\n")+1)
	// Cells of lines with tab or multi-space gaps, for flattened tables.
	var gaps map[int][]string
	add := func(raw string) {
		if hasGap(raw) {
			if cs := gapCells(raw); cs != nil {
				if gaps == nil {
					gaps = map[int][]string{}
				}
				gaps[len(lines)] = cs
			}
		}
		lines = append(lines, cleanSpaces(raw))
	}
	start := 0
	for i := 0; i < len(text); i++ {
		c := text[i]
		if c != '\n' && c != '\r' {
			continue
		}
		add(text[start:i])
		if c == '\r' && i+1 < len(text) && text[i+1] == '\n' {
			i++
		}
		start = i + 1
	}
	add(text[start:])
	if gaps != nil {
		pipeFlatTables(lines, gaps)
	}
	return pipeCellLines(lines)
}

// cleanSpaces maps tabs, NBSP, the ideographic space (used for indents)
// and other wide spaces to a plain space, drops zero-width characters and
// control bytes, and trims. Runs of spaces are kept as written: they can
// matter inside a quote.
func cleanSpaces(s string) string {
	if !needsClean(s) {
		return strings.TrimSpace(s)
	}
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		switch {
		case r == '\t' || r == '\u00a0' || r == '\u3000' || (r >= '\u2000' && r <= '\u200a') || r == '\u202f' || r == '\u205f':
			b.WriteByte(' ')
		case r == '\u200b' || r == '\u200c' || r == '\u200d' || r == '\ufeff' || r == '\u2060':
		case r < 0x20 || r == 0x7f:
		default:
			b.WriteRune(r)
		}
	}
	return strings.TrimSpace(b.String())
}

// needsClean reports whether s holds a character cleanSpaces would
// change: a control byte, NBSP (C2 A0), the wide and zero-width spaces of
// U+2000–U+200D, U+202F, U+205F, U+2060, the ideographic space (E3 80 80)
// or U+FEFF (EF BB BF). Plain Chinese text, curly quotes included, holds
// none, so most lines skip the rewrite.
func needsClean(s string) bool {
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c < 0x20 || c == 0x7f:
			return true
		case c == 0xC2 && i+1 < len(s) && s[i+1] == 0xA0:
			return true
		case c == 0xE2 && i+2 < len(s) && s[i+1] == 0x80 && (s[i+2] <= 0x8D || s[i+2] == 0xAF):
			return true // U+2000–U+200D spaces and zero-widths, U+202F
		case c == 0xE2 && i+2 < len(s) && s[i+1] == 0x81 && (s[i+2] == 0x9F || s[i+2] == 0xA0):
			return true // U+205F, U+2060
		case c == 0xE3 && i+2 < len(s) && s[i+1] == 0x80 && s[i+2] == 0x80:
			return true
		case c == 0xEF && i+1 < len(s) && s[i+1] == 0xBB:
			return true
		}
	}
	return false
}

// terminal reports whether r ends a sentence or a block, so that a line
// ending in it is not a paragraph broken by PDF extraction.
func terminal(r rune) bool {
	switch r {
	case '。', '！', '？', '!', '?', '；', ';', '：', ':', '…', '”', '’', '"', '）', ')', '〕', '】', ']', '」', '』', '|', '》':
		return true
	}
	return false
}

// isTableLine reports whether line is a row of a pipe-delimited table.
func isTableLine(line string) bool { return strings.Count(line, "|") >= 3 }

// rejoin joins a line to the next non-blank one when it plainly stops
// mid-sentence: it does not end in sentence or block punctuation, it reads
// as running text (it holds a comma or pause, or is long), it is not a
// bare heading, and the next line does not open a heading or a note.
// Bare headings and header lines are short and unpunctuated, so they are
// never joined.
func rejoin(lines []string) []string {
	out := make([]string, 0, len(lines))
	for i := 0; i < len(lines); i++ {
		line := lines[i]
		if line == "" {
			out = append(out, line)
			continue
		}
		var joined strings.Builder
		tail := line // the last piece joined, which decides the next join
		for {
			j := i + 1
			for j < len(lines) && lines[j] == "" && j-i <= 3 {
				j++
			}
			if j >= len(lines) || lines[j] == "" || !brokenAfter(tail) || !continues(lines[j]) {
				break
			}
			if joined.Len() == 0 {
				joined.WriteString(line)
			}
			joined.WriteString(lines[j])
			tail = lines[j]
			i = j
		}
		if joined.Len() > 0 {
			line = joined.String()
		}
		out = append(out, line)
	}
	return out
}

// fieldLine reports whether l is a labelled field such as "完成时限：2024年
// 12月底" or "责任单位：A、B": a short label of Chinese characters and a
// colon. Such lines stand alone and are never joined to their neighbours.
func fieldLine(l string) bool {
	n := 0
	for i, r := range l {
		switch {
		case r == '：' || r == ':':
			return n >= 2 && i > 0
		case r >= 0x4e00 && r <= 0x9fff:
			n++
			if n > 8 {
				return false
			}
		default:
			return false
		}
	}
	return false
}

// bareMarker reports whether line is a heading number alone ("（一）"),
// its title having gone to the next line.
func bareMarker(line string) bool {
	if len(line) > 24 {
		return false
	}
	m, ok := parseMarker(line + "题")
	return ok && m.n == len(line)
}

// brokenAfter reports whether line looks cut in the middle of a sentence.
func brokenAfter(line string) bool {
	if bareMarker(line) {
		return true
	}
	last, _ := utf8.DecodeLastRuneInString(line)
	if terminal(last) || isTableLine(line) || fieldLine(line) {
		return false
	}
	if m, ok := parseMarker(line); ok {
		// A bare heading ("1. 推进5G网络规模建设") is complete; only a
		// run-in heading that already holds a sentence can be cut.
		if !strings.ContainsAny(line[m.n:], "。；;") {
			return false
		}
	}
	if last == '，' || last == '、' || last == ',' {
		return true
	}
	// Titles, notice titles and 文号 end without punctuation but are whole.
	if strings.HasSuffix(line, "通知") || strings.HasSuffix(line, "文件") || strings.HasSuffix(line, "号") || hasTitleSuffix(line) {
		return false
	}
	if strings.ContainsAny(line, "，。、；,;") {
		return true
	}
	return utf8.RuneCountInString(line) >= 40
}

// continues reports whether line can be the rest of a broken sentence.
func continues(line string) bool {
	if _, ok := parseMarker(line); ok {
		return false
	}
	if _, ok := labelAt(line); ok || fieldLine(line) {
		return false
	}
	r, _ := utf8.DecodeRuneInString(line)
	switch r {
	case '（', '(', '〔', '【', '[', '|', '#', '抄', '附':
		return false
	}
	if docNumberRe.MatchString(line) {
		return false
	}
	if _, ok := signedDate(line); ok {
		return false
	}
	return !isTableLine(line)
}

// resplit splits lines that hold several numbered items because the text
// lost its line breaks: before a heading number that follows sentence
// punctuation, a closing bracket or a space, when the number continues the
// count of its style. Only long lines are split, so a short enumeration
// inside a sentence stays whole; table rows are never split. In a very
// long line (a whole document pasted without breaks) the upper styles
// split even where a bare heading runs straight into the next
// ("总体要求（一）指导思想以…"), as long as the count continues.
func resplit(lines []string) []string {
	var seq sequence
	var out []string
	for _, line := range lines {
		if m, ok := parseMarker(line); ok {
			seq.accept(m)
		}
		runes := utf8.RuneCountInString(line)
		if runes < 120 || isTableLine(line) {
			out = append(out, line)
			continue
		}
		lost := runes >= 1000
		start := 0
		prev := rune(0)
		for i, r := range line {
			if i > start && (splitBefore(prev) || (lost && runOnOK(prev))) {
				if m, ok := parseMarker(line[i:]); ok && seq.next(m) && inlineKindOK(prev, m.kind, lost) {
					out = append(out, strings.TrimSpace(line[start:i]))
					start = i
					seq.accept(m)
				} else if lost && strings.HasPrefix(line[i:], "抄送") && prev != ' ' {
					// The closing block starts its own line, so it is
					// never taken for the last section's text.
					out = append(out, strings.TrimSpace(line[start:i]))
					start = i
				}
			}
			prev = r
		}
		out = append(out, strings.TrimSpace(line[start:]))
	}
	return out
}

// sequence tracks the last number of each numbering style; a heading of a
// style resets the count of every deeper style, so "1." may follow "二、".
type sequence struct{ last [kindCount]int }

func (s *sequence) next(m marker) bool { return m.num == s.last[m.kind]+1 }

func (s *sequence) accept(m marker) {
	s.last[m.kind] = m.num
	for k := m.kind + 1; k < kindCount; k++ {
		s.last[k] = 0
	}
}

// runOnOK reports whether a heading may follow rune prev directly in a
// line that lost its breaks: after a Han character or a closing bracket
// or quote, not after a digit, letter or a point (a number goes on).
func runOnOK(prev rune) bool {
	return prev >= 0x4e00 && prev <= 0x9fff || prev == '”' || prev == '）' || prev == ')'
}

// splitBefore reports whether a heading may start after rune r.
func splitBefore(r rune) bool {
	switch r {
	case '。', '！', '？', '!', '?', '；', ';', '：', ':', '）', ')', '〕', ' ':
		return true
	}
	return false
}

// inlineKindOK reports whether a heading of kind k may be split off after
// rune prev inside a line. Inside running text the low levels are more
// often a list within the sentence ("主要包括：（1）…；（2）…"), so after a
// colon or semicolon only the upper levels split, "（1）" splits only after
// a full stop, and circled numbers and "第一，" never split. Where a
// heading runs on from the text before it (lost breaks, no punctuation),
// only the upper styles and "1." split.
func inlineKindOK(prev rune, k markerKind, lost bool) bool {
	runOn := lost && !splitBefore(prev)
	switch k {
	case kindCircled, kindArabicClose, kindOrdinal:
		return false
	case kindArabic:
		return prev != '：' && prev != ':' && prev != '；' && prev != ';'
	case kindParenArabic:
		return runOn || prev == '。' || prev == '！' || prev == '？'

	}
	return true
}
