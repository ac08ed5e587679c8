package obsimport

import (
	"fmt"
	"math"
	"strconv"
	"strings"

	"golang.org/x/text/width"
)

// Qualifier says how a reported number relates to the true figure.
type Qualifier string

// Qualifiers a value can carry ("约30000" is approximate, ">20000" a lower bound).
const (
	Exact       Qualifier = ""
	Approximate Qualifier = "approximate"
	LowerBound  Qualifier = "lower_bound"
	UpperBound  Qualifier = "upper_bound"
)

// Value is a parsed reported figure.
type Value struct {
	Number    float64
	Qualifier Qualifier
	// Plain is true when the text was a bare number, so nothing is lost
	// by dropping it.
	Plain bool
}

// Prefixes and suffixes as reporters write them, longest first so that
// "超过" wins over "超".
var (
	lowerPrefixes  = []string{"不少于", "不低于", "超过", "突破", "多于", "大于", ">=", "≥", "超", "逾", "过", ">", "+"}
	upperPrefixes  = []string{"不超过", "不高于", "少于", "低于", "小于", "<=", "≤", "<"}
	approxPrefixes = []string{"大约", "约", "近", "~", "≈"}
	lowerSuffixes  = []string{"以上", "余", "多", "+"}
	upperSuffixes  = []string{"以下", "以内"}
	multipliers    = []struct {
		word string
		f    float64
	}{{"千万", 1e7}, {"百万", 1e6}, {"万", 1e4}, {"亿", 1e8}, {"千", 1e3}}
)

// valueNoise removes thousands separators and spaces and folds the
// comparison signs IMEs type in full width.
var valueNoise = strings.NewReplacer(",", "", "，", "", " ", "", "　", "", "＞", ">", "＜", "<", "～", "~")

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}

// ParseValue reads a reported number such as "30490", "3.5万", "约30000",
// ">20000", "2500余" or "99.99%". unit, if the text ends with it
// ("30490个"), is stripped first.
func ParseValue(s, unit string) (Value, error) {
	orig := strings.TrimSpace(s)
	if n, err := strconv.ParseFloat(orig, 64); err == nil && !math.IsNaN(n) && !math.IsInf(n, 0) {
		return Value{Number: n, Plain: true}, nil // most figures: nothing to unwrap
	}
	t := orig
	if !isASCII(t) {
		t = width.Narrow.String(t)
	}
	t = valueNoise.Replace(t)
	if t == "" {
		return Value{}, fmt.Errorf("empty value")
	}
	u := width.Narrow.String(strings.TrimSpace(unit))
	v := Value{}
	strip := func(list []string, q Qualifier, prefix bool) bool {
		for _, w := range list {
			if prefix && strings.HasPrefix(t, w) {
				t, v.Qualifier = strings.TrimPrefix(t, w), q
				return true
			}
			if !prefix && strings.HasSuffix(t, w) {
				t, v.Qualifier = strings.TrimSuffix(t, w), q
				return true
			}
		}
		return false
	}
	_ = strip(upperPrefixes, UpperBound, true) || strip(lowerPrefixes, LowerBound, true) || strip(approxPrefixes, Approximate, true)
	// Peel the tail: "4万个以上" is 以上, then the unit, then 万.
	mult := 1.0
	for changed := true; changed; {
		changed = false
		if u != "" && u != "%" && strings.HasSuffix(t, u) {
			t, changed = strings.TrimSuffix(t, u), true
		}
		if strings.HasSuffix(t, "%") {
			t, changed = strings.TrimSuffix(t, "%"), true
		}
		if strip(lowerSuffixes, LowerBound, false) || strip(upperSuffixes, UpperBound, false) {
			changed = true
		}
		if mult == 1 {
			for _, m := range multipliers {
				if strings.HasSuffix(t, m.word) {
					t, mult, changed = strings.TrimSuffix(t, m.word), m.f, true
					break
				}
			}
		}
	}
	n, err := strconv.ParseFloat(t, 64)
	if err != nil || math.IsNaN(n) || math.IsInf(n, 0) {
		return Value{}, fmt.Errorf("%q is not a number (write e.g. 30490, 3.5万, 约30000 or >20000)", orig)
	}
	v.Number = n * mult
	_, plainErr := strconv.ParseFloat(orig, 64)
	v.Plain = plainErr == nil
	return v, nil
}
