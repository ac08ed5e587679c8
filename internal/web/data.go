package web

import (
	"context"
	"net/http"
	"net/url"
	"sort"
	"strconv"
	"strings"

	"github.com/planwatch/planwatch/internal/ledger"
	"github.com/planwatch/planwatch/internal/plan"
	"github.com/planwatch/planwatch/internal/status"
	"github.com/planwatch/planwatch/internal/store"
)

// planFromPath loads the plan named by the {id} path segment.
func (a *app) planFromPath(r *http.Request) (store.PlanRecord, error) {
	raw := r.PathValue("id")
	id, err := strconv.ParseInt(raw, 10, 64)
	if err != nil || id <= 0 {
		return store.PlanRecord{}, store.Errorf(store.ENotFound, "plan %q", raw)
	}
	return a.d.Store.FindPlanByID(r.Context(), id)
}

// asOf reads ?as_of=YYYY-MM-DD, defaulting to today.
func (a *app) asOf(r *http.Request) (plan.Date, error) {
	q := strings.TrimSpace(r.URL.Query().Get("as_of"))
	if q == "" {
		return plan.DateOf(a.d.Now()), nil
	}
	d, err := plan.ParseDate(q)
	if err != nil {
		return "", store.Errorf(store.EInvalid, "as_of: %v", err)
	}
	return d, nil
}

// planLedger judges one plan as of the request's date.
// judgedPlan is what every plan page starts from: the plan in the path,
// the as-of date in the query, and the plan judged as of that date.
func (a *app) judgedPlan(r *http.Request) (store.PlanRecord, plan.Date, *ledger.Ledger, error) {
	rec, err := a.planFromPath(r)
	if err != nil {
		return rec, "", nil, err
	}
	asOf, err := a.asOf(r)
	if err != nil {
		return rec, "", nil, err
	}
	l, err := a.planLedger(r.Context(), rec.ID, asOf)
	return rec, asOf, l, err
}

func (a *app) planLedger(ctx context.Context, planID int64, asOf plan.Date) (*ledger.Ledger, error) {
	return a.d.BuildLedger(ctx, a.d.Store, ledger.Options{PlanID: planID, AsOf: asOf, Config: a.d.Status})
}

// nav sets the plan sub-navigation on p.
func (p *page) nav(rec store.PlanRecord, active string, asOf plan.Date) {
	p.Plan = &planNav{ID: rec.ID, Title: rec.Plan.Title, Active: active, AsOf: asOf}
	if end := rec.Plan.EffectiveTo; !end.IsZero() && end < asOf {
		p.Plan.End = end
	}
}

// AsOfQuery is the as_of parameter to carry between a plan's pages.
func (n *planNav) AsOfQuery() string {
	if n == nil || n.AsOf.IsZero() {
		return ""
	}
	return "?as_of=" + string(n.AsOf)
}

// behind is the supervision office's "滞后" bucket: at risk or off track.
func behind(s string) bool { return s == status.AtRisk || s == status.OffTrack }

// counts is a roll-up in the five buckets the overview shows.
type counts struct {
	Total, Achieved, OnTrack, Behind, AtRisk, OffTrack, Missed, NoData int
}

func countRollup(r status.Rollup) counts {
	c := counts{
		Total:    r.Total,
		Achieved: r.Counts[status.Achieved],
		OnTrack:  r.Counts[status.OnTrack],
		AtRisk:   r.Counts[status.AtRisk],
		OffTrack: r.Counts[status.OffTrack],
		Missed:   r.Counts[status.Missed],
		NoData:   r.Counts[status.NoData],
	}
	c.Behind = c.AtRisk + c.OffTrack
	return c
}

// Pct is n as a whole percentage of the total.
func (c counts) Pct(n int) string {
	if c.Total == 0 {
		return "0%"
	}
	return strconv.Itoa((n*100+c.Total/2)/c.Total) + "%"
}

// rowsByTarget indexes ledger rows by target ID.
func rowsByTarget(l *ledger.Ledger) map[string]*ledger.Row {
	m := make(map[string]*ledger.Row, len(l.Rows))
	for i := range l.Rows {
		m[l.Rows[i].Target.ID] = &l.Rows[i]
	}
	return m
}

// sortRowsByDeadline orders rows by deadline, undated last, then by ID.
func sortRowsByDeadline(rows []ledger.Row) {
	sort.SliceStable(rows, func(i, j int) bool {
		di, dj := rows[i].Target.Deadline, rows[j].Target.Deadline
		if (di == "") != (dj == "") {
			return dj == ""
		}
		if di != dj {
			return di < dj
		}
		return rows[i].Target.ID < rows[j].Target.ID
	})
}

// addDays returns d plus n days.
func addDays(d plan.Date, n int) plan.Date { return plan.DateOf(d.Time().AddDate(0, 0, n)) }

// unitLink is a unit name with its page URL.
func unitURL(name string) string { return "/units/" + url.PathEscape(name) }

// resolver returns a ResolveUnit that remembers its answers for one
// request: the matrix, unit and tree pages resolve the same names often.
func (a *app) resolver() func(context.Context, string) (string, error) {
	seen := map[string]string{}
	return func(ctx context.Context, name string) (string, error) {
		if c, ok := seen[name]; ok {
			return c, nil
		}
		c, err := a.d.Store.ResolveUnit(ctx, name)
		if err == nil {
			seen[name] = c
		}
		return c, err
	}
}
