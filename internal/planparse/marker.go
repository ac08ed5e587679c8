package planparse

import (
	"strings"
	"unicode/utf8"
)

// markerKind is one numbering style. The order of the constants is the
// conventional depth of the style in Chinese official documents (GB/T
// 9704: 一、 then （一） then 1. then （1）); it is used only when a style
// appears for the first time under a parent, to decide whether it opens a
// deeper level or closes deeper ones.
type markerKind int

const (
	kindNone        markerKind = iota
	kindChapter                // 第一章, 第一部分, 第一篇
	kindSection                // 第一节
	kindArticle                // 第一条
	kindHan                    // 一、
	kindParenHan               // （一）
	kindArabic                 // 1. 1、 1．
	kindParenArabic            // （1）
	kindArabicClose            // 1） 1)
	kindCircled                // ①
	kindOrdinal                // 第一，
	kindCount
)

// marker is a heading number found at the start of a line.
type marker struct {
	kind markerKind
	num  int
	// n is the byte length of the marker including the spaces after it.
	n int
}

// hanValue reads a Chinese numeral of up to 99 (一, 十, 十二, 二十, 九十九)
// at the start of s and returns its value and byte length.
func hanValue(s string) (int, int) {
	val, cur, n := 0, 0, 0
	seenTen := false
	for n < len(s) {
		r, size := utf8.DecodeRuneInString(s[n:])
		d := strings.IndexRune("〇一二三四五六七八九", r)
		switch {
		case r == '十':
			if seenTen {
				return val, n
			}
			seenTen = true
			if cur == 0 {
				cur = 1
			}
			val = cur * 10
			cur = 0
		case d >= 0 && r == '〇':
			return val + cur, n
		case d >= 0:
			if cur != 0 {
				return val + cur, n
			}
			cur = runeDigit(d)
		default:
			return val + cur, n
		}
		n += size
		if val+cur > 99 {
			return 0, 0
		}
	}
	return val + cur, n
}

// runeDigit converts an index into "〇一二三四五六七八九" (counted in runes
// by strings.IndexRune as bytes) to its digit value.
func runeDigit(byteIndex int) int { return byteIndex / 3 }

// arabicValue reads up to three ASCII or full-width digits.
func arabicValue(s string) (int, int) {
	val, n, digits := 0, 0, 0
	for n < len(s) && digits < 4 {
		r, size := utf8.DecodeRuneInString(s[n:])
		var d int
		switch {
		case r >= '0' && r <= '9':
			d = int(r - '0')
		case r >= '０' && r <= '９':
			d = int(r - '０')
		default:
			return val, n
		}
		val = val*10 + d
		n += size
		digits++
	}
	if digits > 3 {
		return 0, 0
	}
	return val, n
}

func isArabicDigit(r rune) bool { return (r >= '0' && r <= '9') || (r >= '０' && r <= '９') }

// skipSpaces returns the byte length of the spaces at the start of s.
func skipSpaces(s string) int {
	n := 0
	for n < len(s) && s[n] == ' ' {
		n++
	}
	return n
}

func hasPrefixAny(s string, prefixes ...string) (string, bool) {
	for _, p := range prefixes {
		if strings.HasPrefix(s, p) {
			return p, true
		}
	}
	return "", false
}

// circled lists ①..⑳ in order.
const circled = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"

// parseMarker reads the heading number at the start of line (already
// trimmed). It accepts full- and half-width brackets and stops alike, and
// the stray spaces PDF extraction leaves ("1 . 推进", "（ 一 ）"). A decimal
// number ("1.5亿", "2.0行动计划") is not a marker, except an item number
// run into a month ("1.4月底前" is item 1, April), which tables and
// schedules are full of.
func parseMarker(line string) (marker, bool) {
	if line == "" {
		return marker{}, false
	}
	s := line
	// 第X章 / 第X节 / 第X条 / 第X，
	if strings.HasPrefix(s, "第") {
		rest := s[len("第"):]
		rest = rest[skipSpaces(rest):]
		v, n := hanValue(rest)
		if n == 0 {
			v, n = arabicValue(rest)
		}
		if n == 0 || v == 0 {
			return marker{}, false
		}
		after := rest[n:]
		after = after[skipSpaces(after):]
		kinds := []struct {
			word string
			kind markerKind
		}{{"章", kindChapter}, {"部分", kindChapter}, {"篇", kindChapter}, {"节", kindSection}, {"条", kindArticle},
			{"，", kindOrdinal}, {",", kindOrdinal}, {"、", kindOrdinal}}
		for _, k := range kinds {
			if strings.HasPrefix(after, k.word) {
				end := len(s) - len(after) + len(k.word)
				end += skipSpaces(s[end:])
				if end >= len(s) && k.kind == kindOrdinal {
					return marker{}, false
				}
				return marker{kind: k.kind, num: v, n: end}, true
			}
		}
		return marker{}, false
	}
	// （一） （1） (一) (1)
	if open, ok := hasPrefixAny(s, "（", "("); ok {
		rest := s[len(open):]
		pad := skipSpaces(rest)
		rest = rest[pad:]
		kind := kindParenHan
		v, n := hanValue(rest)
		if n == 0 {
			kind = kindParenArabic
			v, n = arabicValue(rest)
		}
		if n == 0 || v == 0 {
			return marker{}, false
		}
		after := rest[n:]
		pad2 := skipSpaces(after)
		after = after[pad2:]
		cl, ok := hasPrefixAny(after, "）", ")")
		if !ok {
			return marker{}, false
		}
		end := len(open) + pad + n + pad2 + len(cl)
		end += skipSpaces(s[end:])
		if end >= len(s) {
			return marker{}, false
		}
		return marker{kind: kind, num: v, n: end}, true
	}
	// ①
	r, size := utf8.DecodeRuneInString(s)
	if i := strings.IndexRune(circled, r); i >= 0 {
		end := size + skipSpaces(s[size:])
		if end >= len(s) {
			return marker{}, false
		}
		return marker{kind: kindCircled, num: i/3 + 1, n: end}, true
	}
	// 一、
	if v, n := hanValue(s); n > 0 && v > 0 {
		after := s[n:]
		pad := skipSpaces(after)
		after = after[pad:]
		if p, ok := hasPrefixAny(after, "、", "．", "."); ok {
			end := n + pad + len(p)
			end += skipSpaces(s[end:])
			if end >= len(s) || hanList(s[end:]) {
				return marker{}, false
			}
			return marker{kind: kindHan, num: v, n: end}, true
		}
		return marker{}, false
	}
	// 1. 1、 1． 1）
	if v, n := arabicValue(s); n > 0 && v > 0 {
		after := s[n:]
		pad := skipSpaces(after)
		after = after[pad:]
		p, ok := hasPrefixAny(after, "、", "．", ".", "）", ")")
		if !ok {
			return marker{}, false
		}
		kind := kindArabic
		if p == "）" || p == ")" {
			kind = kindArabicClose
		}
		end := n + pad + len(p)
		rest := s[end:]
		if (p == "." || p == "．") && rest != "" {
			r, _ := utf8.DecodeRuneInString(rest)
			if isArabicDigit(r) && !monthAfter(rest) {
				return marker{}, false
			}
		}
		end += skipSpaces(rest)
		if end >= len(s) {
			return marker{}, false
		}
		// "2020、2021年" or "1、2月" are lists of numbers, not items.
		r, _ := utf8.DecodeRuneInString(s[end:])
		if p == "、" && isArabicDigit(r) {
			return marker{}, false
		}
		return marker{kind: kind, num: v, n: end}, true
	}
	return marker{}, false
}

// monthAfter reports whether s starts with a month number followed by 月,
// as in the "4月底前" of "1.4月底前".
func monthAfter(s string) bool {
	v, n := arabicValue(s)
	if n == 0 || v < 1 || v > 12 {
		return false
	}
	return strings.HasPrefix(s[n:], "月")
}

// hanList reports whether s goes on with a list of Chinese numbers, as in
// "一、二季度", "一、二级医院", "一、二、三产业": then the "一、" before it
// is a number of the list, not a heading.
func hanList(s string) bool {
	v, n := hanValue(s)
	if n == 0 || v == 0 {
		return false
	}
	r, _ := utf8.DecodeRuneInString(s[n:])
	return strings.ContainsRune("、季产类级等期批线档星", r)
}
