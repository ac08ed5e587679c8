// Package cnnum reads numbers and quantities as Chinese official documents
// write them: Arabic digits (half- or full-width, with thousands commas and
// a multiplier such as 万 or 亿), Chinese numerals (三千, 两万五千,
// 二〇二二), percentages (60%, 百分之六十), and the comparator words and
// measure words around a number. It works on byte offsets into the
// caller's string so that callers can quote the source exactly, and uses no
// regular expressions: it runs on every sentence of every plan.
package cnnum

import "unicode/utf8"

// Digit reports the value of r when r is an Arabic digit, half- or
// full-width.
func Digit(r rune) (int, bool) {
	switch {
	case r >= '0' && r <= '9':
		return int(r - '0'), true
	case r >= '０' && r <= '９':
		return int(r - '０'), true
	}
	return 0, false
}

// IsDigit reports whether r is an Arabic digit, half- or full-width.
func IsDigit(r rune) bool {
	_, ok := Digit(r)
	return ok
}

// ChineseDigit reports the value of a Chinese digit character (零〇一二两…九,
// and the financial forms 壹贰叁…).
func ChineseDigit(r rune) (int, bool) {
	switch r {
	case '零', '〇', 'Ｏ', '○':
		return 0, true
	case '一', '壹', '幺':
		return 1, true
	case '二', '两', '贰', '貳':
		return 2, true
	case '三', '叁', '參':
		return 3, true
	case '四', '肆':
		return 4, true
	case '五', '伍':
		return 5, true
	case '六', '陆', '陸':
		return 6, true
	case '七', '柒':
		return 7, true
	case '八', '捌':
		return 8, true
	case '九', '玖':
		return 9, true
	}
	return 0, false
}

// chineseUnit is the power of ten of a Chinese numeral unit character.
func chineseUnit(r rune) (float64, bool) {
	switch r {
	case '十', '拾':
		return 10, true
	case '百', '佰':
		return 100, true
	case '千', '仟':
		return 1000, true
	case '万', '萬':
		return 1e4, true
	case '亿', '億':
		return 1e8, true
	}
	return 0, false
}

// IsChineseNumeral reports whether r can be part of a Chinese numeral.
func IsChineseNumeral(r rune) bool {
	if _, ok := ChineseDigit(r); ok {
		return true
	}
	_, ok := chineseUnit(r)
	return ok
}

// Arabic reads an Arabic number at the start of s: digits (half- or
// full-width), an optional thousands grouping with commas ("4,000") and
// an optional decimal part ("2.39"). It returns the value and the number of
// bytes read; n is 0 when s does not start with a digit. A decimal point
// must be followed by a digit, so "1." (an item number) reads as 1 with n=1.
func Arabic(s string) (v float64, n int) {
	i := 0
	intPart := 0.0
	digits := 0
	for i < len(s) {
		r, size := utf8.DecodeRuneInString(s[i:])
		d, ok := Digit(r)
		if ok {
			intPart = intPart*10 + float64(d)
			digits++
			i += size
			continue
		}
		// A comma groups thousands only when exactly three digits follow
		// and what came before is a plausible group (1-3 digits first).
		if r == ',' && digits > 0 && groupFollows(s[i+1:]) {
			i++
			continue
		}
		break
	}
	if digits == 0 {
		return 0, 0
	}
	v = intPart
	if i < len(s) && (s[i] == '.' || hasPrefix(s[i:], "．")) {
		size := 1
		if s[i] != '.' {
			size = len("．")
		}
		frac, scale := 0.0, 1.0
		j := i + size
		fd := 0
		for j < len(s) {
			r, sz := utf8.DecodeRuneInString(s[j:])
			d, ok := Digit(r)
			if !ok {
				break
			}
			frac = frac*10 + float64(d)
			scale *= 10
			fd++
			j += sz
		}
		if fd > 0 {
			v += frac / scale
			i = j
		}
	}
	return v, i
}

// groupFollows reports whether s starts with exactly three digits that are
// not followed by a fourth: the tail of a "4,000"-style grouping.
func groupFollows(s string) bool {
	i := 0
	for k := 0; k < 3; k++ {
		if i >= len(s) {
			return false
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if !IsDigit(r) {
			return false
		}
		i += size
	}
	if i < len(s) {
		r, _ := utf8.DecodeRuneInString(s[i:])
		if IsDigit(r) {
			return false
		}
	}
	return true
}

// Chinese reads a Chinese numeral at the start of s ("三千", "两万五千",
// "十二", "一百零五", "二〇二二" read digit by digit). It returns the value
// and the number of bytes read; n is 0 when s does not start with a Chinese
// numeral. A lone unit character ("万", "千") is not read as a number.
func Chinese(s string) (v float64, n int) {
	// Digit-by-digit form ("二〇二二"): only digits, no unit characters,
	// and at least two of them with a 〇 or more than two digits.
	total, section, cur := 0.0, 0.0, 0.0
	i := 0
	sawDigit, sawUnit, sawZeroDigit := false, false, false
	seq := 0.0
	seqLen := 0
	for i < len(s) {
		r, size := utf8.DecodeRuneInString(s[i:])
		if d, ok := ChineseDigit(r); ok {
			if r == '〇' || r == '○' || r == 'Ｏ' {
				sawZeroDigit = true
			}
			cur = float64(d)
			seq = seq*10 + float64(d)
			seqLen++
			sawDigit = true
			i += size
			continue
		}
		u, ok := chineseUnit(r)
		if !ok {
			break
		}
		if !sawDigit && !sawUnit && u != 10 {
			// "万人": a unit with no digit before it is a word, not a
			// number; but "百亿", "千万" (one hundred 亿) are numbers
			// ("突破百亿元"). "千亿级" stays a class.
			next, nsize := utf8.DecodeRuneInString(s[i+size:])
			after, _ := utf8.DecodeRuneInString(s[i+size+nsize:])
			if (u != 100 && u != 1000) || (next != '万' && next != '亿' && next != '萬' && next != '億') || after == '级' {
				break
			}
			cur = 1
		}
		if sawUnit && cur == 0 && u < 1e4 && u != 10 {
			// "三百万千瓦": 千 after a complete numeral starts the measure
			// word (千瓦, 千米, 千克), it does not add to the number.
			break
		}
		sawUnit = true
		switch {
		case u == 1e8 && section == 0 && cur == 0 && total > 0:
			total *= u // "一万亿": 亿 scales what came before it
		case u >= 1e4:
			section = (section + cur) * u
			if u == 1e8 {
				total = (total + section)
				section = 0
				// "一亿五千万": keep the 亿 part in total; 万 below adds on.
			} else {
				total += section
				section = 0
			}
		default:
			if cur == 0 && u == 10 {
				cur = 1 // "十二" is 12
			}
			section += cur * u
		}
		cur = 0
		i += size
	}
	if i == 0 {
		return 0, 0
	}
	if sawDigit || sawUnit {
		whole := total + section + cur
		if !sawUnit {
			whole = seq
		}
		if v, n, ok := chineseDecimal(s[i:], whole, sawUnit || seqLen == 1 || sawZeroDigit); ok {
			return v, i + n
		}
	}
	if !sawUnit {
		if seqLen > 1 && (sawZeroDigit || seqLen > 2) {
			return seq, i
		}
		if seqLen > 1 {
			// "二三" is not a number in prose; read only the first digit.
			r, size := utf8.DecodeRuneInString(s)
			d, _ := ChineseDigit(r)
			return float64(d), size
		}
		return seq, i
	}
	return total + section + cur, i
}

func hasPrefix(s, p string) bool { return len(s) >= len(p) && s[:len(p)] == p }

// chineseDecimal reads the part of a Chinese numeral from its 点 on:
// "点二亿" after "一" makes 1.2亿, "点五" after "零" makes 0.5. The digits
// after 点 are read one by one; a 万 or 亿 after them scales the whole
// number, as "一点二亿元" is 1.2 × 10⁸ yuan, not 1 and 2亿. wholeOK says
// the integer part read so far is a number on its own (not "二三").
func chineseDecimal(s string, whole float64, wholeOK bool) (v float64, n int, ok bool) {
	if !wholeOK || !hasPrefix(s, "点") || whole >= 1e4 {
		return 0, 0, false
	}
	i := len("点")
	frac, scale := 0.0, 1.0
	for i < len(s) {
		r, size := utf8.DecodeRuneInString(s[i:])
		d, ok := ChineseDigit(r)
		if !ok {
			break
		}
		frac = frac*10 + float64(d)
		scale *= 10
		i += size
	}
	if scale == 1 {
		return 0, 0, false // "一点" (a little) is not a number
	}
	// Scale before dividing, so that 一点二亿 is exactly 120000000.
	mult := 1.0
	if r, size := utf8.DecodeRuneInString(s[i:]); r == '万' || r == '萬' || r == '亿' || r == '億' {
		mult, _ = chineseUnit(r)
		i += size
		if r2, size2 := utf8.DecodeRuneInString(s[i:]); mult == 1e4 && (r2 == '亿' || r2 == '億') {
			mult *= 1e8 // "一点五万亿"
			i += size2
		}
	}
	return (whole*scale + frac) * mult / scale, i, true
}
