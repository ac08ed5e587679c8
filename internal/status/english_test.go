package status

import (
	"slices"
	"strings"
	"testing"
	"unicode"

	"github.com/planwatch/planwatch/internal/plan"
)

func TestEnglishExplanations(t *testing.T) {
	fiveG := plan.Target{ID: "1", Comparator: plan.GE, Value: 40000, Unit: "个", Deadline: "2022-12-31", Kind: plan.KindFlow}
	limit := plan.Target{ID: "2", Comparator: plan.LE, Value: 5.5, Unit: "%", Deadline: "2022-12-31", Kind: plan.KindRate}
	obs := func(id int64, v float64, unit, scope string, start, end plan.Date) plan.Observation {
		return plan.Observation{ID: id, Value: &v, Unit: unit, Scope: scope, Kind: plan.ObsFlow, PeriodStart: start, PeriodEnd: end}
	}
	tests := []struct {
		name string
		in   Input
		asOf plan.Date
		want []string
	}{
		{"missed, with a report from another jurisdiction", Input{Target: fiveG, Start: "2020-08-01", Scope: "长沙市", Observations: []plan.Observation{
			obs(1, 30490, "个", "长沙市", "2020-01-01", "2022-11-30"), obs(2, 73000, "个", "湖南省", "2020-01-01", "2022-11-30")}},
			"2022-12-31", []string{"Added since the plan began: 30490个", "target at least 40000个, 76.2% of it",
				"Not met by the deadline 2022-12-31: missed", "1 report not counted (another jurisdiction)"}},
		{"behind schedule", Input{Target: fiveG, Start: "2020-01-01", Scope: "长沙市", Observations: []plan.Observation{
			obs(1, 10000, "个", "", "2020-01-01", "2021-06-30")}},
			"2021-06-30", []string{"25% of it", "the schedule expects", "points behind schedule", "at this pace about"}},
		{"nothing countable after the deadline", Input{Target: fiveG, Start: "2020-01-01", Scope: "长沙市"},
			"2023-03-31", []string{"No countable figure as of 2023-03-31", "the deadline 2022-12-31 has passed"}},
		{"a limit kept before its deadline", Input{Target: limit, Start: "2020-01-01", Scope: "长沙市", Observations: []plan.Observation{
			{ID: 1, Value: ptr(4.8), Unit: "%", Kind: plan.ObsRate, PeriodEnd: "2021-12-31"}}},
			"2022-03-31", []string{"Latest figure: 4.8%", "target at most 5.5%", "On track"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			v := Judge(tt.in, tt.asOf, DefaultConfig())
			en := English(v, tt.in.Target, tt.asOf)
			for _, w := range tt.want {
				if !strings.Contains(en, w) {
					t.Errorf("%s verdict, English %q lacks %q (Chinese: %s)", v.Status, en, w, v.Explanation)
				}
			}
			if han := hanOutside(en, tt.in.Target.Unit); han != "" {
				t.Errorf("English explanation holds Chinese %q: %s", han, en)
			}
		})
	}
}

// hanOutside returns the Chinese characters of s other than those of the
// echoed strings (the target's unit, and dates as given).
func hanOutside(s string, echoed ...string) string {
	// Longest first: an echoed "0" must not cut into an echoed "0年".
	slices.SortFunc(echoed, func(a, b string) int { return len(b) - len(a) })
	for _, e := range echoed {
		if e != "" {
			s = strings.ReplaceAll(s, e, "")
		}
	}
	var out []rune
	for _, r := range s {
		if unicode.Is(unicode.Han, r) {
			out = append(out, r)
		}
	}
	return string(out)
}
