package web

import (
	"net/http"

	"github.com/planwatch/planwatch/internal/plan"

	"github.com/planwatch/planwatch/internal/store"
)

// planSummary is one line of the plans list.
type planSummary struct {
	Rec    store.PlanRecord
	Counts counts
	Light  string
}

// plansPage lists every plan with its status counts as of today.
func (a *app) plansPage(w http.ResponseWriter, r *http.Request, p *page) error {
	asOf, err := a.asOf(r)
	if err != nil {
		return err
	}
	recs, err := a.d.Store.ListPlans(r.Context())
	if err != nil {
		return err
	}
	list := make([]planSummary, 0, len(recs))
	for _, rec := range recs {
		l, err := a.planLedger(r.Context(), rec.ID, asOf)
		if err != nil {
			return err
		}
		list = append(list, planSummary{Rec: rec, Counts: countRollup(l.Plan), Light: l.Plan.Light})
	}
	p.template = "plans"
	p.Title = p.T("plans.title")
	p.Data = struct {
		Plans []planSummary
		AsOf  plan.Date
	}{list, asOf}
	return nil
}
