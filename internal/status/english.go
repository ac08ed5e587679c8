package status

import (
	"math"
	"strconv"
	"strings"

	"github.com/planwatch/planwatch/internal/plan"
)

// English explains a verdict in English, from its fields, for the English
// pages and exports. Verdict.Explanation stays the Chinese of record: it
// also says where a late completion or a near deadline was seen, which
// English leaves to the status and dates shown beside it.
func English(v Verdict, t plan.Target, asOf plan.Date) string {
	var b strings.Builder
	passed := !t.Deadline.IsZero() && asOf >= t.Deadline
	limit := t.Comparator == plan.LE || t.Comparator == plan.LT
	if v.Status == NoData || v.Counted == nil {
		b.WriteString("No countable figure as of " + string(asOf))
		if passed {
			b.WriteString(", and the deadline " + string(t.Deadline) + " has passed: ask the lead unit to report")
		}
		excludedEN(&b, v.Excluded)
		b.WriteString(".")
		return b.String()
	}
	switch v.Kind {
	case plan.KindFlow:
		b.WriteString("Added since the plan began: ")
	case plan.KindStock:
		b.WriteString("Level reached: ")
	default:
		b.WriteString("Latest figure: ")
	}
	b.WriteString(fmtNum(*v.Counted) + t.Unit)
	if v.DataDate != "" && v.DataDate != asOf {
		b.WriteString(" (figures to " + string(v.DataDate) + ")")
	}
	b.WriteString("; target " + cmpWordEN(t.Comparator) + fmtNum(t.Value) + t.Unit)
	if v.Share != nil && !limit {
		b.WriteString(", " + sharePct(*v.Share) + " of it")
	}
	if v.Expected != nil && !limit {
		b.WriteString("; the schedule expects " + pct(*v.Expected) + " by now")
	}
	b.WriteString(". " + statusEN(v, t, limit))
	if v.Projected != nil && v.Status != Achieved && v.Status != Missed && !t.Deadline.IsZero() {
		p := *v.Projected
		if math.Abs(p) >= 100 {
			p = math.Round(p)
		}
		b.WriteString("; at this pace about " + fmtNum(p) + t.Unit + " by " + string(t.Deadline))
	}
	if v.Stale {
		b.WriteString("; nothing countable was reported after " + string(v.DataDate) + ", so the verdict rests on old figures: ask for reports")
	}
	excludedEN(&b, v.Excluded)
	b.WriteString(".")
	return b.String()
}

func statusEN(v Verdict, t plan.Target, limit bool) string {
	switch v.Status {
	case Achieved:
		if limit {
			return "Within the limit: achieved"
		}
		return "Achieved"
	case Missed:
		if limit {
			return "Over the limit at the deadline " + string(t.Deadline) + ": missed"
		}
		return "Not met by the deadline " + string(t.Deadline) + ": missed"
	case AtRisk, OffTrack:
		word := "At risk"
		if v.Status == OffTrack {
			word = "Off track"
		}
		switch {
		case limit && v.Share != nil && *v.Share > 1:
			return word + ": over the limit by " + pct(*v.Share-1)
		case limit:
			return word + ": near the limit"
		case v.Expected != nil && v.Share != nil:
			return word + ": " + points(*v.Expected-*v.Share) + " points behind schedule"
		}
		return word
	}
	if t.Deadline.IsZero() {
		return "Not yet met (no deadline, so no schedule to judge by)"
	}
	if v.Expected == nil {
		return "Not yet met (the plan gives no start date, so no schedule to judge by)"
	}
	return "On track"
}

func excludedEN(b *strings.Builder, ex []Excluded) {
	if len(ex) == 0 {
		return
	}
	var seen []string
	for _, e := range ex {
		if l := ReasonLabelEN(e.Reason); !contains(seen, l) {
			seen = append(seen, l)
		}
	}
	n := strconv.Itoa(len(ex)) + " reports"
	if len(ex) == 1 {
		n = "1 report"
	}
	b.WriteString("; " + n + " not counted (" + strings.Join(seen, ", ") + ")")
}

func contains(ss []string, s string) bool {
	for _, x := range ss {
		if x == s {
			return true
		}
	}
	return false
}

// ReasonLabelEN is the short English name of an exclusion reason code.
func ReasonLabelEN(reason string) string {
	switch reason {
	case ReasonUnit:
		return "unit does not fit"
	case ReasonScope:
		return "another jurisdiction"
	case ReasonKind:
		return "not a figure"
	case ReasonSuperseded:
		return "corrected later"
	case ReasonOutsidePeriod:
		return "outside the plan period"
	case ReasonNoValue:
		return "no value"
	case ReasonOverlap:
		return "overlaps a period counted"
	case ReasonAfterAsOf:
		return "after the as-of date"
	}
	return reason
}

func cmpWordEN(c string) string {
	switch c {
	case plan.GT:
		return "over "
	case plan.Approx:
		return "about "
	case plan.LE:
		return "at most "
	case plan.LT:
		return "under "
	case plan.GE:
		return "at least "
	}
	return ""
}
