package cndate

import (
	"strings"
	"unicode/utf8"

	"github.com/planwatch/planwatch/internal/cnnum"
)

// seasonWords set a deadline by a season or an event of the year rather
// than by the calendar: the flood season opens on different days in
// different places, 春节 moves with the lunar calendar, a school year starts
// when the local bureau says. No date can stand for them, so they are
// found but not dated. Longer words come before the words they end with.
var seasonWords = [...]string{
	"主汛期前", "汛期前", "入汛前", "汛前", "雨季前", "台风季前",
	"春节前", "元旦前", "国庆节前", "国庆前", "中秋节前", "清明节前", "清明前", "端午节前",
	"秋季开学前", "春季开学前", "开学前",
	"供暖季前", "采暖季前", "采暖期前", "供暖前", "入冬前", "冬季前", "入夏前",
	"春耕前", "夏收前", "秋收前", "麦收前", "三夏前",
}

// NextSeason finds the first phrase at or after byte from of s that sets a
// deadline by a season or event ("汛前", "春节前", "秋季开学前") and
// returns its byte span.
func NextSeason(s string, from int) (start, end int, ok bool) {
	// Every word ends in 前: look only where one stands, and take the
	// longest word ending there.
	for k := from; k < len(s); {
		i := strings.Index(s[k:], "前")
		if i < 0 {
			break
		}
		end = k + i + len("前")
		if !seasonEnd(s[:k+i]) {
			k = end
			continue
		}
		for _, w := range seasonWords {
			if end-len(w) >= from && strings.HasSuffix(s[:end], w) {
				return end - len(w), end, true
			}
		}
		k = end
	}
	return 0, 0, false
}

// seasonEnd reports whether s ends in a character that stands before 前
// in one of seasonWords, so that "年底前", "日前" are passed over at once.
func seasonEnd(s string) bool {
	r, _ := utf8.DecodeLastRuneInString(s)
	switch r {
	case '汛', '期', '季', '节', '旦', '庆', '明', '学', '暖', '冬', '夏', '耕', '收':
		return true
	}
	return false
}

// NextYears finds the first span of years counted from the plan's start
// at or after byte from of s: "三年内", "3年之内", "两年时间内", "用三年
// 时间". Such a plan means "by the end of its Nth year", so the date is the
// end of startYear+N-1 ("三年内" in a 2024–2026 plan is 2026-12-31).
// "近三年内" and "每三年" look back or recur and are not read.
func NextYears(s string, from, startYear int) (Match, bool) {
	if startYear <= 0 {
		return Match{}, false
	}
	for from < len(s) {
		k := strings.Index(s[from:], "年")
		if k < 0 {
			return Match{}, false
		}
		at := from + k
		from = at + len("年")
		if !hasPrefix(s[from:], "内") && !hasPrefix(s[from:], "之内") && !hasPrefix(s[from:], "时间") {
			continue
		}
		n, start := countBefore(s, at)
		if n < 1 || n > 10 {
			continue
		}
		end := from
		switch {
		case hasPrefix(s[end:], "之内"):
			end += len("之内")
		case hasPrefix(s[end:], "内"):
			end += len("内")
		case hasPrefix(s[end:], "时间内"):
			end += len("时间内")
		case hasPrefix(s[end:], "时间") && start >= len("用") && s[start-len("用"):start] == "用":
			end += len("时间")
			start -= len("用")
		default:
			continue
		}
		if start > 0 {
			p, _ := utf8.DecodeLastRuneInString(s[:start])
			if p == '近' || p == '每' || p == '前' || p == '后' || p == '第' || p == '.' {
				continue
			}
		}
		return Match{Date: YearEnd(startYear + n - 1), Start: start, End: end, Explicit: true}, true
	}
	return Match{}, false
}

// countBefore reads the count of years written just before byte at of s
// ("三" or "3" before 年) and returns it with the byte where it starts.
func countBefore(s string, at int) (n, start int) {
	start = at
	for start > 0 {
		r, size := utf8.DecodeLastRuneInString(s[:start])
		if !cnnum.IsDigit(r) && !cnnum.IsChineseNumeral(r) {
			break
		}
		start -= size
	}
	if start == at {
		return 0, at
	}
	word := s[start:at]
	if v, k := cnnum.Arabic(word); k == len(word) {
		return int(v), start
	}
	if v, k := cnnum.Chinese(word); k == len(word) {
		return int(v), start
	}
	return 0, at
}
