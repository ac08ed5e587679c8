package obsimport

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"

	"golang.org/x/text/width"

	"github.com/planwatch/planwatch/internal/plan"
)

var (
	dayRe   = regexp.MustCompile(`^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$`)
	monthRe = regexp.MustCompile(`^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*月?$`)
)

// ParseDate reads 2022-12-31, 2022/12/31, 2022.12.31 or 2022年12月31日.
// A month alone (2022-12, 2022年12月) gives its first day, or its last
// when end is true, since a period ending "2022年12月" runs to the 31st.
func ParseDate(s string, end bool) (plan.Date, error) {
	t := strings.TrimSpace(s)
	if len(t) == 10 && t[4] == '-' && t[7] == '-' {
		if d, err := plan.ParseDate(t); err == nil {
			return d, nil // ISO, as most files write it
		}
	}
	if !isASCII(t) {
		t = width.Narrow.String(t)
	}
	if m := dayRe.FindStringSubmatch(t); m != nil {
		y, _ := strconv.Atoi(m[1])
		mo, _ := strconv.Atoi(m[2])
		d, _ := strconv.Atoi(m[3])
		tm := time.Date(y, time.Month(mo), d, 0, 0, 0, 0, time.UTC)
		if mo < 1 || mo > 12 || tm.Day() != d {
			return "", fmt.Errorf("%q is not a calendar date", s)
		}
		return plan.DateOf(tm), nil
	}
	if m := monthRe.FindStringSubmatch(t); m != nil {
		y, _ := strconv.Atoi(m[1])
		mo, _ := strconv.Atoi(m[2])
		if mo < 1 || mo > 12 {
			return "", fmt.Errorf("%q is not a calendar month", s)
		}
		if end {
			return plan.MakeDate(y, time.Month(mo)+1, 0), nil
		}
		return plan.MakeDate(y, time.Month(mo), 1), nil
	}
	return "", fmt.Errorf("%q is not a date (write 2022-12-31, 2022/12/31 or 2022年12月31日)", s)
}
