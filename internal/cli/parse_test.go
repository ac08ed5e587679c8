package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"strings"
	"testing"

	"github.com/planwatch/planwatch/internal/plan"
)

const parseSample = "某市推进5G建设行动计划\n一、主要任务\n1. 推进5G网络建设\n新建5G基站4万个以上。（责任单位：市工信局、市通管办）\n"

func TestParseOutline(t *testing.T) {
	file := writeFile(t, "plan.txt", parseSample)
	out := mustRun(t, "parse", file)
	for _, want := range []string{"标题：某市推进5G建设行动计划", "一、 主要任务", "  1. 推进5G网络建设", "牵头：市工信局", "配合：市通管办", "文号：（未识别）"} {
		if !strings.Contains(out, want) {
			t.Errorf("outline lacks %q:\n%s", want, out)
		}
	}
}

func TestParseJSONOneAndMany(t *testing.T) {
	a := writeFile(t, "a.txt", parseSample)
	b := writeFile(t, "b.txt", strings.Replace(parseSample, "某市", "另一市", 1))

	var one plan.Plan
	if err := json.Unmarshal([]byte(mustRun(t, "parse", "--json", a)), &one); err != nil {
		t.Fatal(err)
	}
	if one.Title != "某市推进5G建设行动计划" || len(one.Sections) != 1 || one.Sections[0].Children[0].LeadUnits[0] != "市工信局" {
		t.Errorf("plan %+v", one)
	}

	var many []plan.Plan
	if err := json.Unmarshal([]byte(mustRun(t, "parse", "--json", a, b)), &many); err != nil {
		t.Fatal(err)
	}
	if len(many) != 2 || many[1].Title != "另一市推进5G建设行动计划" {
		t.Errorf("got %d plans: %+v", len(many), many)
	}
	// Empty lists are [] in the published schema, never null.
	out := mustRun(t, "parse", "--json", a)
	for _, field := range []string{"sections", "lead_units", "co_units", "targets", "milestones", "children"} {
		if strings.Contains(out, `"`+field+`": null`) {
			t.Errorf("%s is null in JSON:\n%s", field, out)
		}
	}
}

func TestParseStdin(t *testing.T) {
	var out, errb bytes.Buffer
	code := Main(context.Background(), []string{"parse", "-"}, strings.NewReader(parseSample), &out, &errb)
	if code != 0 || !strings.Contains(out.String(), "牵头：市工信局") {
		t.Errorf("exit %d\n%s\n%s", code, out.String(), errb.String())
	}
}

func TestParseErrorsNameTheFile(t *testing.T) {
	empty := writeFile(t, "empty.txt", "")
	code, _, errs := runCLI(t, "parse", empty)
	if code != 1 || !strings.Contains(errs, "empty.txt") || !strings.Contains(errs, "no text") {
		t.Errorf("empty file: exit %d, stderr %q", code, errs)
	}
	code, _, errs = runCLI(t, "parse", "/nonexistent/plan.txt")
	if code != 1 || !strings.Contains(errs, "/nonexistent/plan.txt") {
		t.Errorf("missing file: exit %d, stderr %q", code, errs)
	}
	if code, _, _ := runCLI(t, "parse"); code != 2 {
		t.Errorf("no file: exit %d, want 2", code)
	}
}
