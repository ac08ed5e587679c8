package cnnum

import "unicode/utf8"

// Comparators, as in plan.GE and friends; cnnum keeps its own copy so that
// it depends on nothing.
const (
	GE     = ">="
	GT     = ">"
	LE     = "<="
	Approx = "~"
)

// prefixWords are comparator words written before a number, longer words
// first so that "不超过" is not read as "超过". "低于" and "少于" before a
// number state a ceiling in plans ("PM2.5浓度低于35"), so they read "<="
// rather than a strict "<": a figure equal to the limit is not a breach
// anyone reports.
var prefixWords = [...]struct{ word, cmp string }{
	{"力争达到", GE}, {"不少于", GE}, {"不低于", GE}, {"不小于", GE}, {"提高到", GE},
	{"提高至", GE}, {"提升到", GE}, {"提升至", GE}, {"增加到", GE}, {"增加至", GE},
	{"增长到", GE}, {"增长至", GE}, {"扩大到", GE}, {"扩大至", GE}, {"稳定在", GE},
	{"保持在", GE}, {"扩充到", GE}, {"扩充至", GE}, {"保持", GE}, {"达到", GE}, {"至少", GE}, {"增至", GE}, {"达", GE},
	{"不超过", LE}, {"不高于", LE}, {"不多于", LE}, {"不大于", LE}, {"控制在", LE},
	{"下降到", LE}, {"下降至", LE}, {"降低到", LE}, {"降低至", LE}, {"减少到", LE},
	{"减少至", LE}, {"压减至", LE}, {"压减到", LE}, {"压缩至", LE}, {"压缩到", LE},
	{"缩短至", LE}, {"缩短到", LE}, {"降至", LE}, {"降到", LE}, {"低于", LE}, {"少于", LE},
	{"小于", LE},
	{"超过", GT}, {"突破", GT}, {"高于", GT}, {"多于", GT}, {"大于", GT}, {"超", GT}, {"逾", GT},
	{"大约", Approx}, {"接近", Approx}, {"约", Approx}, {"近", Approx},
}

// suffixWords follow the number and its unit.
var suffixWords = [...]struct{ word, cmp string }{
	{"及以上", GE}, {"以上", GE}, {"及以下", LE}, {"以下", LE}, {"以内", LE},
	{"之内", LE}, {"左右", Approx}, {"上下", Approx},
}

// ComparatorBefore looks for a comparator word ending at byte i of s
// (spaces between are allowed). It returns the comparator and where the
// word starts; cmp is "" when there is none.
func ComparatorBefore(s string, i int) (cmp string, start int) {
	j := i - trailingSpaces(s[:i])
	for _, p := range prefixWords {
		if j >= len(p.word) && s[j-len(p.word):j] == p.word {
			// "不超过" must not be read as "超过": the longer words come
			// first in the table, so the first hit is the right one.
			return p.cmp, j - len(p.word)
		}
	}
	return "", i
}

// ComparatorAfter looks for a comparator word starting at byte j of s
// (after the unit). It returns the comparator and where the word ends.
func ComparatorAfter(s string, j int) (cmp string, end int) {
	for _, w := range suffixWords {
		if hasPrefix(s[j:], w.word) {
			return w.cmp, j + len(w.word)
		}
	}
	return "", j
}

// Combine decides the comparator of a target from the word before its
// number and the word after it. A suffix of approximation or of a ceiling
// wins ("控制在29以下", "约5%左右"); a strict prefix wins over "以上"
// ("超过1300个以上" is still "more than"); a plainly stated amount is a
// floor, as plans state what is to be reached at least.
func Combine(before, after string) string {
	switch {
	case after == Approx || after == LE:
		return after
	case before == GT || before == LE || before == Approx:
		return before
	case after == GE || before == GE:
		return GE
	}
	return GE
}

func trailingSpaces(s string) int {
	n := 0
	for n < len(s) {
		r, size := utf8.DecodeLastRuneInString(s[:len(s)-n])
		if r != ' ' && r != '\u3000' && r != '\u00a0' {
			break
		}
		n += size
	}
	return n
}
