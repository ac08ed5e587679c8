package web

import (
	"net/http"

	"github.com/planwatch/planwatch/internal/ledger"
	"github.com/planwatch/planwatch/internal/plan"
)

// ledgerPage is the 督办台账: one row per target, printable on A4 landscape.
// The xlsx and csv downloads are the API's export endpoints
// (/api/plans/{id}/export.xlsx), so the files match what scripts fetch.
func (a *app) ledgerPage(w http.ResponseWriter, r *http.Request, p *page) error {
	rec, asOf, l, err := a.judgedPlan(r)
	if err != nil {
		return err
	}
	p.template = "ledger"
	p.Title = p.T("nav.ledger") + " · " + rec.Plan.Title
	p.nav(rec, "ledger", asOf)
	p.Data = struct {
		AsOf   plan.Date
		Rows   []ledger.Row
		Counts counts
	}{asOf, l.Rows, countRollup(l.Plan)}
	return nil
}
