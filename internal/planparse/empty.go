package planparse

import "github.com/planwatch/planwatch/internal/plan"

// Empty reports whether Parse found nothing of a plan in its text: no
// numbered heading, no unit, no target and no milestone. Parse never
// fails and keeps a text without headings as its preamble section "0",
// so a caller that must refuse what is not a plan (an import, the API)
// asks this instead of counting sections.
func Empty(p *plan.Plan) bool {
	if p == nil {
		return true
	}
	for _, s := range p.Sections {
		if s.ID != "0" || !emptySection(s) {
			return false
		}
	}
	return true
}

func emptySection(s *plan.Section) bool {
	if len(s.LeadUnits)+len(s.CoUnits)+len(s.Targets)+len(s.Milestones) > 0 {
		return false
	}
	for _, c := range s.Children {
		if !emptySection(c) {
			return false
		}
	}
	return true
}
