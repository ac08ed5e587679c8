package planparse

import (
	"testing"

	"github.com/planwatch/planwatch/internal/plan"
)

// checkTargets reads body and compares the targets found with want on
// value, unit, comparator and deadline ("none": no deadline).
func checkTargets(t *testing.T, body string, docYear int, inherited plan.Date, want []targetWant) {
	t.Helper()
	got, _ := readCommitments(body, docYear, inherited)
	assertQuotes(t, body, got)
	if len(got) != len(want) {
		t.Fatalf("got %d targets, want %d:\n%s", len(got), len(want), dumpTargets(got))
	}
	for k, w := range want {
		g := got[k]
		if g.Value != w.value || g.Unit != w.unit || w.cmp != "" && g.Comparator != w.cmp {
			t.Errorf("target %d: %s %v %q, want %s %v %q", k, g.Comparator, g.Value, g.Unit, w.cmp, w.value, w.unit)
		}
		if w.deadline == "none" && g.Deadline != "" || w.deadline != "" && w.deadline != "none" && g.Deadline != w.deadline {
			t.Errorf("target %d (%v): deadline %q, want %q", k, g.Value, g.Deadline, w.deadline)
		}
		if w.quote != "" && g.Quote != w.quote {
			t.Errorf("target %d (%v): quote %q, want %q", k, g.Value, g.Quote, w.quote)
		}
	}
}

// Figures as plans write them in Chinese numerals with 点, and limits in
// time units.
func TestReadCommitmentsDecimalsAndTimeUnits(t *testing.T) {
	tests := []struct {
		name, body string
		want       []targetWant
	}{
		{"a Chinese decimal before 亿", "县财政安排乡村振兴衔接资金不少于三点六亿元。",
			[]targetWant{{value: 3.6e8, unit: "元", cmp: ">="}}},
		{"a Chinese decimal percent", "全县规模以上工业增加值增速高于全市平均水平百分之零点五以上。",
			[]targetWant{{value: 0.5, unit: "%", cmp: ">="}}},
		{"a limit in seconds", "群众来电平均接通时长缩短至15秒以内。",
			[]targetWant{{value: 15, unit: "秒", cmp: "<=", quote: "群众来电平均接通时长缩短至15秒以内"}}},
		{"a limit in hours with 个", "企业开办全流程压减到4个小时以内。",
			[]targetWant{{value: 4, unit: "个小时", cmp: "<="}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) { checkTargets(t, tt.body, 2025, "", tt.want) })
	}
}
