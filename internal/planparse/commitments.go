package planparse

import "github.com/planwatch/planwatch/internal/plan"

// readCommitments reads the targets and milestones stated in body, the text
// of one section without its responsibility notes and without the text of
// its child sections. docYear is the document's year, for relative dates
// such as "年底前"; inherited is a deadline stated by the heading of the
// section (or an ancestor), used where a sentence and its paragraph give none.
func readCommitments(body string, docYear int, inherited plan.Date) ([]plan.Target, []plan.Milestone) {
	return nil, nil
}
