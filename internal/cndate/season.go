package cndate

import "strings"

// seasonWords set a deadline by a season or an event of the year rather
// than by the calendar: the flood season opens on different days in
// different places, 春节 moves with the lunar calendar, a school year starts
// when the local bureau says. No date can stand for them, so they are
// found but not dated. Longer words come before the words they contain.
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
	if from >= len(s) || !strings.Contains(s[from:], "前") {
		return 0, 0, false
	}
	start = -1
	for _, w := range seasonWords {
		i := strings.Index(s[from:], w)
		if i < 0 {
			continue
		}
		// The earliest wins; at one position the longest (listed first).
		if start < 0 || from+i < start {
			start, end = from+i, from+i+len(w)
		}
	}
	return start, end, start >= 0
}
