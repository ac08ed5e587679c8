package store

import (
	"strings"
	"testing"

	"github.com/planwatch/planwatch/internal/plan"
)

func TestScopeFromIssuer(t *testing.T) {
	cases := map[string]string{
		"长沙市人民政府办公厅":         "长沙市",
		"湖南省人民政府":            "湖南省",
		"海盐县人民政府办公室":         "海盐县",
		"立山区人民政府":            "立山区",
		"广东省人民政府":            "广东省",
		"鄂尔多斯市人民政府办公室":       "鄂尔多斯市",
		"广西壮族自治区人民政府":        "广西壮族自治区",
		"长沙市工业和信息化局":         "长沙市",
		"中共长沙市委办公厅":          "长沙市",
		"湖南省发展和改革委员会":        "湖南省",
		"长沙市人民政府 长沙市工业和信息化局": "长沙市",
		"长沙市人民政府、湖南省人民政府":    "长沙市",
		"":    "",
		"国务院": "",
	}
	for in, want := range cases {
		if got := ScopeFromIssuer(in); got != want {
			t.Errorf("ScopeFromIssuer(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestPlanKey(t *testing.T) {
	p := &plan.Plan{DocNumber: "濮政办〔 2020〕38号"}
	if got := PlanKey(p, "text"); got != "濮政办〔2020〕38号" {
		t.Errorf("a document number with a stray space keys as %q", got)
	}
	a := PlanKey(&plan.Plan{}, "text a")
	if !strings.HasPrefix(a, "sha256:") || a == PlanKey(&plan.Plan{}, "text b") || a != PlanKey(&plan.Plan{Title: "x"}, "text a") {
		t.Errorf("keys by source hash: %q", a)
	}
	if PlanKey(&plan.Plan{Title: "a"}, "") == PlanKey(&plan.Plan{Title: "b"}, "") {
		t.Error("two plans without number or source share a key")
	}
}
