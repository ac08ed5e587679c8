// Package cndate reads Chinese date expressions: full dates as documents
// are signed ("2020年7月20日", "二〇二〇年七月二十日") and the deadline
// phrases of action plans ("到2022年底", "9月底前", "上半年", "一季度",
// "“十四五”期间") against a reference year. Positions are byte offsets into
// the caller's string, so callers can cut and quote the text exactly.
package cndate

import (
	"strings"
	"time"
	"unicode/utf8"

	"github.com/planwatch/planwatch/internal/cnnum"
	"github.com/planwatch/planwatch/internal/plan"
)

// ParseFull reads s, which must hold one full date and nothing else but
// spaces: "2020年7月20日", "二〇二〇年七月二十日", "2020-07-20",
// "2020.7.20", "2020/07/20". It reports false for anything else or for a
// date that does not exist (2月30日).
func ParseFull(s string) (plan.Date, bool) {
	s = strings.TrimSpace(s)
	d, start, end, ok := FindFull(s)
	if !ok || start != 0 || end != len(s) {
		return "", false
	}
	return d, true
}

// FindFull finds the first full date in s and returns it with its byte span.
func FindFull(s string) (d plan.Date, start, end int, ok bool) {
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		if startsNumber(r) && !afterDigit(s, i) {
			if d, n, ok := fullAt(s[i:]); ok {
				return d, i, i + n, true
			}
		}
		i += size
	}
	return "", 0, 0, false
}

func startsNumber(r rune) bool {
	if cnnum.IsDigit(r) {
		return true
	}
	_, ok := cnnum.ChineseDigit(r)
	return ok || r == '十'
}

// afterDigit reports whether s[i] continues a number begun before it.
func afterDigit(s string, i int) bool {
	if i == 0 {
		return false
	}
	r, _ := utf8.DecodeLastRuneInString(s[:i])
	return cnnum.IsDigit(r)
}

// fullAt reads a full date at the start of s.
func fullAt(s string) (plan.Date, int, bool) {
	y, n := yearNumber(s)
	if n == 0 {
		return "", 0, false
	}
	i := n
	i += spaces(s[i:])
	var sep string
	switch {
	case hasPrefix(s[i:], "年"):
		sep = "年"
	case hasPrefix(s[i:], "-"), hasPrefix(s[i:], "."), hasPrefix(s[i:], "/"):
		sep = s[i : i+1]
	default:
		return "", 0, false
	}
	i += len(sep)
	i += spaces(s[i:])
	m, k := smallNumber(s[i:])
	if k == 0 || m < 1 || m > 12 {
		return "", 0, false
	}
	i += k
	i += spaces(s[i:])
	if sep == "年" {
		if !hasPrefix(s[i:], "月") {
			return "", 0, false
		}
		i += len("月")
	} else {
		if !hasPrefix(s[i:], sep) {
			return "", 0, false
		}
		i += len(sep)
	}
	i += spaces(s[i:])
	day, k := smallNumber(s[i:])
	if k == 0 || day < 1 || day > 31 {
		return "", 0, false
	}
	i += k
	if sep == "年" {
		i += spaces(s[i:])
		switch {
		case hasPrefix(s[i:], "日"):
			i += len("日")
		case hasPrefix(s[i:], "号"):
			i += len("号")
		default:
			return "", 0, false
		}
	} else if i < len(s) {
		r, _ := utf8.DecodeRuneInString(s[i:])
		if cnnum.IsDigit(r) {
			return "", 0, false
		}
	}
	if day > daysIn(y, time.Month(m)) {
		return "", 0, false
	}
	return plan.MakeDate(y, time.Month(m), day), i, true
}

// yearNumber reads a four-digit year, Arabic or Chinese ("二〇二二").
func yearNumber(s string) (int, int) {
	r, _ := utf8.DecodeRuneInString(s)
	if cnnum.IsDigit(r) {
		v, n := 0, 0
		for n < len(s) {
			r, size := utf8.DecodeRuneInString(s[n:])
			d, ok := cnnum.Digit(r)
			if !ok {
				break
			}
			v = v*10 + d
			n += size
		}
		if v < 1900 || v > 2200 {
			return 0, 0
		}
		return v, n
	}
	// Chinese years are written digit by digit: 二〇二二.
	y, i, digits := 0, 0, 0
	for i < len(s) && digits < 4 {
		r, size := utf8.DecodeRuneInString(s[i:])
		d, ok := cnnum.ChineseDigit(r)
		if !ok || r == '两' {
			break
		}
		y = y*10 + d
		digits++
		i += size
	}
	if digits != 4 || y < 1900 || y > 2200 {
		return 0, 0
	}
	return y, i
}

// smallNumber reads a month or day number: Arabic digits or a Chinese
// numeral up to 三十一.
func smallNumber(s string) (int, int) {
	r, _ := utf8.DecodeRuneInString(s)
	if cnnum.IsDigit(r) {
		i, v := 0, 0
		for i < len(s) && i < 6 {
			r, size := utf8.DecodeRuneInString(s[i:])
			d, ok := cnnum.Digit(r)
			if !ok {
				break
			}
			v = v*10 + d
			i += size
		}
		if v > 99 {
			return 0, 0
		}
		return v, i
	}
	v, n := cnnum.Chinese(s)
	if n == 0 || v > 31 || v != float64(int(v)) {
		return 0, 0
	}
	return int(v), n
}

func spaces(s string) int {
	i := 0
	for i < len(s) {
		r, size := utf8.DecodeRuneInString(s[i:])
		if r != ' ' && r != '\u3000' && r != '\u00a0' && r != '\t' {
			break
		}
		i += size
	}
	return i
}

func hasPrefix(s, p string) bool { return len(s) >= len(p) && s[:len(p)] == p }

func daysIn(y int, m time.Month) int {
	return time.Date(y, m+1, 0, 0, 0, 0, 0, time.UTC).Day()
}

// MonthEnd returns the last day of month m of year y.
func MonthEnd(y int, m time.Month) plan.Date {
	return plan.MakeDate(y, m, daysIn(y, m))
}

// YearEnd returns 31 December of year y.
func YearEnd(y int) plan.Date { return plan.MakeDate(y, time.December, 31) }
