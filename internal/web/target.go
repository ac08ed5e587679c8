package web

import (
	"encoding/json"
	"net/http"
	"sort"

	"github.com/planwatch/planwatch/internal/auth"
	"github.com/planwatch/planwatch/internal/ledger"
	"github.com/planwatch/planwatch/internal/plan"
	"github.com/planwatch/planwatch/internal/store"
)

type targetData struct {
	AsOf      plan.Date
	Row       *ledger.Row
	Start     plan.Date
	History   []plan.Observation
	CanReport bool
	ChartJSON string
	Cmp       string
}

// findRow returns the ledger row of target tid or ENotFound.
func findRow(l *ledger.Ledger, tid string) (*ledger.Row, error) {
	if row := rowsByTarget(l)[tid]; row != nil {
		return row, nil
	}
	return nil, store.Errorf(store.ENotFound, "target %q", tid)
}

// targetPage shows one target: its curve against schedule, the evidence
// counted, what was not counted and why, and every correction.
func (a *app) targetPage(w http.ResponseWriter, r *http.Request, p *page) error {
	rec, asOf, l, err := a.judgedPlan(r)
	if err != nil {
		return err
	}
	row, err := findRow(l, r.PathValue("tid"))
	if err != nil {
		return err
	}
	all, err := a.d.Store.ListObservations(r.Context(), store.ObservationFilter{PlanID: rec.ID, TargetID: row.Target.ID, IncludeSuperseded: true})
	if err != nil {
		return err
	}
	var history []plan.Observation
	for _, o := range all {
		if o.Supersedes != 0 || o.SupersededBy != 0 {
			history = append(history, o)
		}
	}
	sort.SliceStable(history, func(i, j int) bool { return history[i].CreatedAt.Before(history[j].CreatedAt) })
	d := targetData{
		AsOf: asOf, Row: row, Start: rec.Start(), History: history,
		CanReport: auth.CanWriteTarget(r.Context(), p.Ident, row.LeadUnits, row.CoUnits, a.d.Store.ResolveUnit),
		Cmp:       comparatorText(p.Lang, row.Target.Comparator),
	}
	d.ChartJSON = targetChart(p, d)
	p.template = "target"
	p.Title = row.Target.Subject + " · " + rec.Plan.Title
	p.nav(rec, "tree", asOf)
	p.Data = d
	return nil
}

type seriesChart struct {
	Kind     string      `json:"kind"`
	Counted  [][2]any    `json:"counted"`
	Expected [][2]any    `json:"expected,omitempty"`
	Target   float64     `json:"target"`
	AsOf     string      `json:"as_of"`
	Labels   chartLabels `json:"labels"`
}

type chartLabels struct {
	Counted  string `json:"counted"`
	Expected string `json:"expected"`
	Target   string `json:"target"`
	AsOf     string `json:"as_of"`
}

// targetChart is the counted value over time against the linear schedule
// from the plan's start to the deadline and the target line. A ceiling
// ("<=") has no schedule to follow, so only its line is drawn.
func targetChart(p *page, d targetData) string {
	t := d.Row.Target
	c := seriesChart{Kind: "target", Target: t.Value, AsOf: string(d.AsOf), Labels: chartLabels{
		Counted: p.T("target.chart.counted"), Expected: p.T("target.chart.expected"),
		Target: p.T("target.chart.target"), AsOf: p.T("common.asof"),
	}}
	c.Counted = [][2]any{}
	for _, pt := range d.Row.Verdict.Series {
		c.Counted = append(c.Counted, [2]any{string(pt.Date), pt.Value})
	}
	if !d.Start.IsZero() && !t.Deadline.IsZero() && d.Start < t.Deadline && (t.Comparator == plan.GE || t.Comparator == plan.GT || t.Comparator == plan.Approx) {
		c.Expected = [][2]any{{string(d.Start), 0.0}, {string(t.Deadline), t.Value}}
	}
	b, _ := json.Marshal(c)
	return string(b)
}
