package planparse

import (
	"strings"
	"testing"

	"github.com/planwatch/planwatch/internal/plan"
)

// A carry-forward clause cut out of the middle of a sentence must not glue
// its neighbours into a quote the document does not contain (FuzzParse
// found "全市覆盖率达到90%" in "全市以下均需各区县落实，不再列出覆盖率达到90%").
func TestCarryClauseNeverJoinsAQuote(t *testing.T) {
	for _, text := range []string{
		"一、主要目标\n到2025年，全市以下均需各区县落实，不再列出覆盖率达到90%。\n",
		"一、主要目标\n到2025年,全市以下均需各区县落实,不再列出覆盖率达到90%.\n",
	} {
		p := ParseText(text)
		n := 0
		p.Walk(func(s *plan.Section) {
			for _, tg := range s.Targets {
				n++
				if !strings.Contains(text, tg.Quote) {
					t.Errorf("quote %q is not in the text %q", tg.Quote, text)
				}
			}
		})
		if n == 0 {
			t.Errorf("no target read from %q", text)
		}
	}
}
