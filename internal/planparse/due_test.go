package planparse

import (
	"testing"

	"github.com/planwatch/planwatch/internal/plan"
)

func TestDueLabel(t *testing.T) {
	for label, want := range map[string]bool{
		"完成时限": true, "整改时限": true, "办结时限": true, "完成期限": true, "时间节点": true,
		"完成时间": true, " 整改时限 ": true,
		"责任单位": false, "整改目标": false, "时间": false, "发布时间": false,
		"本项工作的最终完成时限": false, // a sentence, not a label
	} {
		if got := dueLabel(label); got != want {
			t.Errorf("dueLabel(%q) = %v, want %v", label, got, want)
		}
	}
}

// A rectification plan gives each item's deadline on a 整改时限 line, in
// either punctuation width; the item's targets take it.
func TestRectificationDeadlineLine(t *testing.T) {
	for _, colon := range []string{"：", ":"} {
		text := "一、整改任务\n（一）消防设施整改\n整改目标" + colon + "消防设施完好率达到98%以上。\n责任单位" + colon +
			"区应急管理局\n整改时限" + colon + "2024年10月底前\n（二）隐患排查\n整改目标" + colon + "排查企业不少于500家。\n整改时限" + colon + "2024年12月31日前\n"
		p := ParseText(text)
		var got []string
		p.Walk(func(s *plan.Section) {
			for _, tg := range s.Targets {
				got = append(got, string(tg.Deadline))
			}
		})
		if len(got) != 2 || got[0] != "2024-10-31" || got[1] != "2024-12-31" {
			t.Errorf("colon %q: deadlines %v, want [2024-10-31 2024-12-31]", colon, got)
		}
	}
}
