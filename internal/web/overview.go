package web

import (
	"encoding/json"
	"fmt"
	"net/http"
	"sort"

	"github.com/planwatch/planwatch/internal/ledger"
	"github.com/planwatch/planwatch/internal/plan"
	"github.com/planwatch/planwatch/internal/status"
)

// upcomingDays is how far ahead the overview lists what falls due.
const upcomingDays = 90

// recentMax is how many targets' latest reports the overview lists.
const recentMax = 10

// milestoneDue is a milestone with the task it belongs to.
type milestoneDue struct {
	SectionID string
	Task      string
	Lead      []string
	plan.Milestone
}

// sectionCount is one bar of the by-section chart.
type sectionCount struct {
	Title  string
	Counts map[string]int
}

type overviewData struct {
	AsOf      plan.Date
	Light     string
	Counts    counts
	Due       []ledger.Row
	DueMiles  []milestoneDue
	Overdue   []ledger.Row
	Worst     []ledger.TaskRollup
	Context   []plan.Observation
	Recent    []ledger.Row
	Sections  []sectionCount
	ChartJSON string
	Statuses  []string
	// Why says in words what set the light, from the counts.
	Why string
}

// chartStatuses is the order statuses appear in charts and legends.
var chartStatuses = []string{status.Achieved, status.OnTrack, status.AtRisk, status.OffTrack, status.Missed, status.NoData}

// overviewPage answers "how does this plan stand, and why" in one screen.
func (a *app) overviewPage(w http.ResponseWriter, r *http.Request, p *page) error {
	rec, asOf, l, err := a.judgedPlan(r)
	if err != nil {
		return err
	}
	d := overviewData{AsOf: asOf, Light: l.Plan.Light, Counts: countRollup(l.Plan), Context: l.Context, Statuses: chartStatuses}
	horizon := addDays(asOf, upcomingDays)
	for _, row := range l.Rows {
		dl := row.Target.Deadline
		switch {
		case dl.IsZero():
		case dl < asOf && row.Verdict.Status != status.Achieved:
			d.Overdue = append(d.Overdue, row)
		case dl >= asOf && dl <= horizon && row.Verdict.Status != status.Achieved:
			d.Due = append(d.Due, row)
		}
	}
	sortRowsByDeadline(d.Due)
	sortRowsByDeadline(d.Overdue)
	rec.Plan.Walk(func(s *plan.Section) {
		for _, m := range s.Milestones {
			if !m.Deadline.IsZero() && m.Deadline >= asOf && m.Deadline <= horizon {
				d.DueMiles = append(d.DueMiles, milestoneDue{SectionID: s.ID, Task: s.Title, Lead: s.LeadUnits, Milestone: m})
			}
		}
	})
	sort.SliceStable(d.DueMiles, func(i, j int) bool { return d.DueMiles[i].Deadline < d.DueMiles[j].Deadline })

	// The tasks pulling the plan down, worst first: the "why" of the light.
	for _, t := range l.Tasks {
		c := countRollup(t.Rollup)
		if c.Behind+c.Missed > 0 {
			d.Worst = append(d.Worst, t)
		}
	}
	sort.SliceStable(d.Worst, func(i, j int) bool {
		ci, cj := countRollup(d.Worst[i].Rollup), countRollup(d.Worst[j].Rollup)
		return ci.Missed*2+ci.OffTrack*2+ci.AtRisk > cj.Missed*2+cj.OffTrack*2+cj.AtRisk
	})
	if len(d.Worst) > 8 {
		d.Worst = d.Worst[:8]
	}

	// What evidence came in lately: each target's newest report, newest first.
	for _, row := range l.Rows {
		if row.Latest != nil {
			d.Recent = append(d.Recent, row)
		}
	}
	sort.SliceStable(d.Recent, func(i, j int) bool {
		a, b := d.Recent[i].Latest, d.Recent[j].Latest
		if a.PeriodEnd != b.PeriodEnd {
			return a.PeriodEnd > b.PeriodEnd
		}
		return a.CreatedAt.After(b.CreatedAt)
	})
	if len(d.Recent) > recentMax {
		d.Recent = d.Recent[:recentMax]
	}
	sort.SliceStable(d.Context, func(i, j int) bool { return d.Context[i].PeriodEnd > d.Context[j].PeriodEnd })
	d.Why = lightReason(p, d.Light, d.Counts)
	d.Sections = bySection(l.Rows)
	d.ChartJSON = overviewChart(p, d)
	p.template = "overview"
	p.Title = rec.Plan.Title
	p.nav(rec, "overview", asOf)
	p.Data = d
	return nil
}

// lightReason follows status.Roll's rules, so the words match the light.
func lightReason(p *page, light string, c counts) string {
	switch light {
	case status.Red:
		return fmt.Sprintf(p.T("light.why.red"), c.Missed, c.OffTrack)
	case status.Amber:
		if c.AtRisk > 0 {
			return fmt.Sprintf(p.T("light.why.amber"), c.AtRisk)
		}
		return fmt.Sprintf(p.T("light.why.amber.nodata"), c.NoData, c.Total)
	case status.Green:
		return p.T("light.why.green")
	}
	return p.T("light.why.grey")
}

// bySection counts targets by status under each section at the first
// level where the plan's targets differ (a plan whose targets all sit
// under "二、主要任务" is broken down by its sub-sections).
func bySection(rows []ledger.Row) []sectionCount {
	level := 0
	for ; level < 3; level++ {
		first, same := "", true
		for i, row := range rows {
			t := ""
			if level < len(row.SectionPath) {
				t = row.SectionPath[level]
			}
			if i == 0 {
				first = t
			} else if t != first {
				same = false
				break
			}
		}
		if !same || len(rows) == 0 {
			break
		}
	}
	var out []sectionCount
	idx := map[string]int{}
	for _, row := range rows {
		title := row.TaskTitle
		if level < len(row.SectionPath) {
			title = row.SectionPath[level]
		}
		i, ok := idx[title]
		if !ok {
			i = len(out)
			idx[title] = i
			out = append(out, sectionCount{Title: title, Counts: map[string]int{}})
		}
		out[i].Counts[row.Verdict.Status]++
	}
	return out
}

// chartSpec is what static/app.js turns into an ECharts option; the page
// builds it so labels come from the same message table as the tables.
type chartSpec struct {
	Kind       string        `json:"kind"`
	Statuses   []chartStatus `json:"statuses,omitempty"`
	Categories []string      `json:"categories,omitempty"`
	Title1     string        `json:"title1,omitempty"`
	Title2     string        `json:"title2,omitempty"`
}

type chartStatus struct {
	Key    string `json:"key"`
	Label  string `json:"label"`
	Total  int    `json:"total"`
	ByCat  []int  `json:"by_cat"`
	Colour string `json:"colour"`
}

// statusColours are the status palette of app.css (--green … --grey),
// measured by TestPaletteContrast: at least 4.5:1 on white, so a chart's
// bars pass the 3:1 asked of graphics with room to spare, and no two
// statuses look alike. The label always carries the meaning too.
var statusColours = map[string]string{
	status.Achieved: "#1b7f3b",
	status.OnTrack:  "#2f6db5",
	status.AtRisk:   "#8a5a00",
	status.OffTrack: "#b45309",
	status.Missed:   "#b42318",
	status.NoData:   "#5c636e",
}

func overviewChart(p *page, d overviewData) string {
	spec := chartSpec{Kind: "overview", Title1: p.T("overview.chart.status"), Title2: p.T("overview.chart.section")}
	for _, s := range d.Sections {
		spec.Categories = append(spec.Categories, s.Title)
	}
	for _, key := range chartStatuses {
		cs := chartStatus{Key: key, Label: p.StatusLabel(key), Colour: statusColours[key]}
		for _, s := range d.Sections {
			cs.ByCat = append(cs.ByCat, s.Counts[key])
			cs.Total += s.Counts[key]
		}
		spec.Statuses = append(spec.Statuses, cs)
	}
	b, _ := json.Marshal(spec)
	return string(b)
}
