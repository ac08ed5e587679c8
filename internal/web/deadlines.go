package web

import (
	"net/http"
	"sort"

	"github.com/planwatch/planwatch/internal/ledger"
	"github.com/planwatch/planwatch/internal/plan"
	"github.com/planwatch/planwatch/internal/status"
)

// dueItem is a target or a milestone on the timeline.
type dueItem struct {
	Deadline plan.Date
	Row      *ledger.Row   // a target, or
	Mile     *milestoneDue // a milestone
	Past     bool
}

// monthGroup is the timeline's items falling due in one month.
type monthGroup struct {
	Month string // "2022-06"
	Items []dueItem
}

// deadlinesPage is the timeline of targets and milestones by deadline,
// with the overdue list first because that is what the office chases.
func (a *app) deadlinesPage(w http.ResponseWriter, r *http.Request, p *page) error {
	rec, asOf, l, err := a.judgedPlan(r)
	if err != nil {
		return err
	}
	var items []dueItem
	var overdue []ledger.Row
	var undated int
	for i := range l.Rows {
		row := &l.Rows[i]
		if row.Target.Deadline.IsZero() {
			undated++
			continue
		}
		items = append(items, dueItem{Deadline: row.Target.Deadline, Row: row, Past: row.Target.Deadline < asOf})
		if row.Target.Deadline < asOf && row.Verdict.Status != status.Achieved {
			overdue = append(overdue, *row)
		}
	}
	rec.Plan.Walk(func(s *plan.Section) {
		for _, m := range s.Milestones {
			if m.Deadline.IsZero() {
				continue
			}
			md := &milestoneDue{SectionID: s.ID, Task: s.Title, Lead: s.LeadUnits, Milestone: m}
			items = append(items, dueItem{Deadline: m.Deadline, Mile: md, Past: m.Deadline < asOf})
		}
	})
	sort.SliceStable(items, func(i, j int) bool { return items[i].Deadline < items[j].Deadline })
	var months []monthGroup
	for _, it := range items {
		m := string(it.Deadline)[:7]
		if len(months) == 0 || months[len(months)-1].Month != m {
			months = append(months, monthGroup{Month: m})
		}
		months[len(months)-1].Items = append(months[len(months)-1].Items, it)
	}
	sortRowsByDeadline(overdue)
	p.template = "deadlines"
	p.Title = p.T("nav.deadlines") + " · " + rec.Plan.Title
	p.nav(rec, "deadlines", asOf)
	p.Data = struct {
		AsOf    plan.Date
		Overdue []ledger.Row
		Months  []monthGroup
		Undated int
	}{asOf, overdue, months, undated}
	return nil
}

// MonthLabel shows "2022-06" as 2022年6月 or Jun 2022.
func (p *page) MonthLabel(m string) string {
	d := displayDate(p.Lang, plan.Date(m+"-01"))
	if p.Lang == langEN {
		return d[2:] // "1 Jun 2022" -> "Jun 2022"
	}
	return d[:len(d)-len("1日")]
}
