package cnnum

import (
	"math"
	"strings"
	"unicode/utf8"
)

// Quantity is a number read from text together with its measure word.
type Quantity struct {
	// Value is the amount with any multiplier applied: "4万个" is 40000,
	// "1.5亿元" is 150000000. For a range ("8—10个") it is the lower
	// bound; for a ratio ("1:1.6") the second term.
	Value float64
	// Unit is the measure word as written after the number, without the
	// multiplier: "个", "元" (from 亿元), "吨" (from 万吨), "%",
	// "个百分点". Empty when none follows.
	Unit string
	// Start and End are the byte span of number, multiplier and unit.
	Start, End int
	// NumEnd is where the number (with its multiplier) ends, before the unit.
	NumEnd int
	// Chinese reports a number written in Chinese numerals ("三千").
	Chinese bool
	// High is the upper bound of a range ("8—10个" has High 10), else 0.
	High float64
	// Ratio reports a ratio. Value is the term that is not 1: "1:1.6"
	// (one to so many, 床人比) gives 1.6, "2.5:1" (so many to one, 之比)
	// gives 2.5; with neither term 1 ("3:2") it is the quotient A/B. So
	// a ratio stated either way compares as one number, Unit stays "".
	Ratio bool
	// Decimal reports a decimal point in the number as written.
	Decimal bool
	// More reports "余" or "多" after the number ("1万余人"): a little
	// more than Value.
	More bool
}

// QuantityAt reads a quantity starting at byte i of s: "4万个", "1.5亿元",
// "三千家", "60%", "百分之六十", "4,000人", "８—10个", "1:1.6". It reports
// false when no number starts at i, when i is inside a longer number, or
// when the digits belong to a name written with Latin letters ("5G",
// "IPv6", "PM2.5", "4K").
func QuantityAt(s string, i int) (Quantity, bool) {
	if i < 0 || i >= len(s) {
		return Quantity{}, false
	}
	if i > 0 {
		p, _ := utf8.DecodeLastRuneInString(s[:i])
		if IsDigit(p) || isLatin(p) || p == '.' && i > 1 && IsDigit(lastRune(s[:i-1])) {
			return Quantity{}, false
		}
		if p == '点' && IsChineseNumeral(lastRune(s[:i-len("点")])) {
			return Quantity{}, false // the decimals of "一点二亿"
		}
	}
	q := Quantity{Start: i}
	j := i
	percentWord := ""
	for _, w := range [...]string{"百分之", "千分之"} {
		if hasPrefix(s[j:], w) {
			percentWord = w
			j += len(w)
			break
		}
	}
	r, _ := utf8.DecodeRuneInString(s[j:])
	switch {
	case percentWord == "百分之" && hasPrefix(s[j:], "百"):
		q.Value, q.Chinese = 100, true // "百分之百"
		j += len("百")
	case IsDigit(r):
		v, n := Arabic(s[j:])
		q.Value = v
		q.Decimal = containsDot(s[j : j+n])
		j += n
	case isChineseStart(r):
		v, n := Chinese(s[j:])
		if n == 0 {
			return Quantity{}, false
		}
		q.Value, q.Chinese = v, true
		q.Decimal = strings.Contains(s[j:j+n], "点")
		j += n
	default:
		return Quantity{}, false
	}
	if percentWord == "" && hasPrefix(s[j:], "分之") {
		if f, end, ok := fractionOf(q.Value, s, j+len("分之")); ok {
			// "三分之一以上": a share, written as a percentage.
			q.Value, q.Chinese, q.Decimal, q.Unit = f, true, f != math.Trunc(f), "%"
			q.NumEnd, q.End = end, end
			return q, true
		}
	}
	if percentWord != "" {
		q.Unit = "%"
		if percentWord == "千分之" {
			q.Unit = "‰"
		}
		q.NumEnd, q.End = j, j
		return q, true
	}
	if !q.Chinese {
		j = readRange(s, j, &q)
		j = readMultiplier(s, j, &q)
	}
	// "1万余人", "300多家": more than the figure; the 余/多 stands between
	// the number and its unit.
	for _, w := range [...]string{"余", "多"} {
		if hasPrefix(s[j:], w) && unitAt(s[j+len(w):]) != "" {
			j += len(w)
			q.More = true
			break
		}
	}
	q.NumEnd = j
	// Digits run into Latin letters: a name ("5G", "4K", "3D"), unless the
	// letters are a unit of measure ("100PB", "10Gbps").
	if r, _ := utf8.DecodeRuneInString(s[j:]); isLatin(r) {
		k := j
		for k < len(s) && isLatin(rune(s[k])) {
			k++
		}
		if !latinUnits[s[j:k]] {
			return Quantity{}, false
		}
		q.Unit = s[j:k]
		q.End = k
		return q, true
	}
	// "10/10万": a rate per so many (孕产妇死亡率), the unit is "/10万".
	if hasPrefix(s[j:], "/") || hasPrefix(s[j:], "／") {
		k := j + len("/")
		if s[j] != '/' {
			k = j + len("／")
		}
		start := k
		for k < len(s) {
			r, size := utf8.DecodeRuneInString(s[k:])
			if !IsDigit(r) && r != '万' && r != '千' && r != '百' && r != '亿' {
				break
			}
			k += size
		}
		per := s[start:k]
		if k > start && (strings.ContainsAny(per, "万千百亿") || per == "100" || per == "1000" || per == "10000") {
			q.Unit = "/" + per
			q.End = k
			return q, true
		}
	}
	u := unitAt(s[j:])
	if u == "" && j < len(s) && s[j] == ' ' {
		// PDF extraction puts spaces between a number and its unit.
		if u = unitAt(s[j+1:]); u != "" {
			j++
		}
	}
	if u != "" {
		q.Unit = u
		j += len(u)
		// "500万台（套）": a second classifier in brackets is part of the
		// unit as written; the status engine drops it when it compares.
		if alt := altClassifier(s[j:]); alt != "" {
			q.Unit += alt
			j += len(alt)
		}
	}
	// Spellings of the same unit are normalised: "％" is "%".
	switch q.Unit {
	case "％":
		q.Unit = "%"
	case "百分点":
		q.Unit = "个百分点"
	}
	q.End = j
	return q, true
}

// altClassifier returns a bracketed classifier that opens s ("（套）",
// "(个)"), or "".
func altClassifier(s string) string {
	for _, br := range [...][2]string{{"（", "）"}, {"(", ")"}} {
		if !hasPrefix(s, br[0]) {
			continue
		}
		r, size := utf8.DecodeRuneInString(s[len(br[0]):])
		if strings.ContainsRune("套个台件处座家辆张", r) && hasPrefix(s[len(br[0])+size:], br[1]) {
			return s[:len(br[0])+size+len(br[1])]
		}
	}
	return ""
}

func lastRune(s string) rune {
	r, _ := utf8.DecodeLastRuneInString(s)
	return r
}

func containsDot(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] == '.' {
			return true
		}
	}
	return hasSub(s, "．")
}

func hasSub(s, sub string) bool {
	for i := 0; i+len(sub) <= len(s); i++ {
		if s[i:i+len(sub)] == sub {
			return true
		}
	}
	return false
}

func isLatin(r rune) bool { return r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' }

// isChineseStart reports whether a Chinese numeral may start with r; a
// number never starts with 万 or 亿 alone, and starts with 百 or 千 only
// as "百亿", "千万" (Chinese tells "千亿级", a class, apart).
func isChineseStart(r rune) bool {
	if _, ok := ChineseDigit(r); ok {
		return true
	}
	return r == '十' || r == '百' || r == '千'
}

// fractionOf reads the numerator at s[j:] of a fraction whose
// denominator den was just read ("三分之一", "四分之三", "3分之1") and gives
// the share as a percentage rounded to hundredths (33.33), with the end of
// its text.
func fractionOf(den float64, s string, j int) (pct float64, end int, ok bool) {
	var num float64
	var n int
	if r, _ := utf8.DecodeRuneInString(s[j:]); IsDigit(r) {
		num, n = Arabic(s[j:])
	} else {
		num, n = Chinese(s[j:])
	}
	if n == 0 || den < 2 || num <= 0 || num > den {
		return 0, 0, false
	}
	return math.Round(num/den*10000) / 100, j + n, true
}

// readRange reads the upper bound of "8—10" or "8-10" after the first
// number, and the second term of a ratio "1:1.6".
func readRange(s string, j int, q *Quantity) int {
	// "8%—10%": a range of percentages writes the sign on both bounds.
	// Read past the first sign only when the second bound carries it too,
	// so that "增长8%，…" and "8%-10个" stay as they are.
	from := j
	for _, pct := range [...]string{"%", "％"} {
		if hasPrefix(s[j:], pct) {
			from = j + len(pct)
			break
		}
	}
	for _, dash := range [...]string{"—", "–", "－", "-", "～", "~", "至"} {
		if from == j || !hasPrefix(s[from:], dash) {
			continue
		}
		k := from + len(dash)
		if hasPrefix(s[k:], "—") {
			k += len("—")
		}
		v, n := Arabic(s[k:])
		if n > 0 && v > q.Value && (hasPrefix(s[k+n:], "%") || hasPrefix(s[k+n:], "％")) {
			q.High = v
			return k + n
		}
		break
	}
	for _, dash := range [...]string{"—", "–", "－", "-", "～", "~", "至"} {
		if !hasPrefix(s[j:], dash) {
			continue
		}
		k := j + len(dash)
		if hasPrefix(s[k:], "—") { // "——" is a double dash
			k += len("—")
		}
		v, n := Arabic(s[k:])
		if n > 0 && v > q.Value {
			q.High = v
			return k + n
		}
		return j
	}
	for _, colon := range [...]string{":", "："} {
		if !hasPrefix(s[j:], colon) {
			continue
		}
		k := j + len(colon)
		v, n := Arabic(s[k:])
		if n > 0 {
			if q.Value != 1 && v != 0 {
				v = q.Value / v
			}
			q.Value, q.Ratio = v, true
			q.Decimal = q.Decimal || containsDot(s[k:k+n])
			return k + n
		}
	}
	return j
}

// readMultiplier applies 万, 亿, 千, 百 written after Arabic digits
// ("4万", "1.5亿", "3千万"). 千 before 瓦, 伏, 米 or 克 is part of the unit
// ("1000千伏", "30万千瓦"), not a multiplier; 百 multiplies only before
// 万 or 亿 ("3百万").
func readMultiplier(s string, j int, q *Quantity) int {
	mult := 1.0
	for {
		switch {
		case hasPrefix(s[j:], "亿"):
			mult *= 1e8
			j += len("亿")
			continue
		case hasPrefix(s[j:], "万"):
			mult *= 1e4
			j += len("万")
			continue
		case hasPrefix(s[j:], "千") && !kiloUnit(s[j+len("千"):]):
			mult *= 1e3
			j += len("千")
			continue
		case hasPrefix(s[j:], "百") && (hasPrefix(s[j+len("百"):], "万") || hasPrefix(s[j+len("百"):], "亿")):
			mult *= 100
			j += len("百")
			continue
		}
		break
	}
	q.Value *= mult
	if q.High > 0 {
		q.High *= mult
	}
	return j
}

func kiloUnit(s string) bool {
	for _, u := range [...]string{"瓦", "伏", "米", "克", "帕", "赫", "卡", "字节", "兆"} {
		if hasPrefix(s, u) {
			return true
		}
	}
	return false
}

// latinUnits are units written in Latin letters that follow a number in a
// target; other letter runs after digits make a name ("5G", "4K").
var latinUnits = map[string]bool{
	"PB": true, "TB": true, "EB": true, "GB": true, "P": true,
	"PFlops": true, "Pflops": true, "EFlops": true, "PFLOPS": true, "EFLOPS": true,
	"TFLOPS": true, "TFlops": true,
	"Gbps": true, "Mbps": true, "Tbps": true, "MW": true, "kW": true,
	"kWh": true, "km": true, "TEU": true, "GW": true, "GWh": true, "MWh": true,
}

// units are the measure words recognised after a number, longest first
// within each leading character so that "个百分点" wins over "个".
var units = [...]string{
	"个百分点", "百分点", "个工作日", "工作日", "个月", "个", "家", "所", "座", "项", "户",
	"人次", "场次", "架次", "车次", "班次", "家次", "户次", "台套", "台次", "批次", "吉瓦时", "兆瓦时", "吉瓦", "人", "名", "位", "张", "床", "平方公里", "平方米", "立方米", "公里", "千米",
	"米", "亩", "公顷", "吨标准煤", "吨", "蒸吨", "千瓦时", "千瓦", "兆瓦", "千伏安",
	"千伏", "伏", "元", "美元", "辆", "台", "套", "条", "例", "次", "场", "期", "批", "篇",
	"部", "件", "册", "块", "片", "栋", "幢", "间", "处", "棵", "株", "头", "只", "艘",
	"架", "列", "根", "盏", "道", "支", "队", "届", "门", "种", "类", "款", "本", "份",
	"天", "小时", "分钟", "年", "月", "日", "号", "季度", "周", "倍", "番", "标箱", "微克每立方米",
	"微克/立方米", "毫克/升", "%", "％", "‰", "级", "星", "岁", "周岁", "分", "篮", "箱",
	"千克", "公斤", "斤", "克", "升", "标准箱", "羽", "尾", "立方", "平方", "方", "度", "对", "轮", "节", "组",
	"核", // processor cores of computing power ("新增云计算能力500核")
	// Time limits on services ("压缩至30秒以内", "2个小时内办结").
	"秒", "毫秒", "个小时", "个季度", "个星期", "学时", "课时",
	"毫米", "厘米", "平方千米", "分贝",
}

// unitAt returns the longest known measure word at the start of s.
func unitAt(s string) string {
	best := ""
	for _, u := range units {
		if len(u) > len(best) && hasPrefix(s, u) {
			best = u
		}
	}
	if best == "核" && hasPrefix(s, "核心") {
		return "" // "3核心区": a core, not cores
	}
	return best
}
