package web

import (
	"net/http"
	"strings"

	"github.com/planwatch/planwatch/internal/ledger"
	"github.com/planwatch/planwatch/internal/plan"
	"github.com/planwatch/planwatch/internal/store"
)

// unitRow is a target the unit leads (Lead) or supports.
type unitRow struct {
	ledger.Row
	Lead bool
}

// unitPage shows everything a unit leads or co-leads, across plans.
func (a *app) unitPage(w http.ResponseWriter, r *http.Request, p *page) error {
	ctx := r.Context()
	name := strings.TrimSpace(r.PathValue("name"))
	canon, err := a.d.Store.ResolveUnit(ctx, name)
	if err != nil {
		return err
	}
	asOf, err := a.asOf(r)
	if err != nil {
		return err
	}
	// Across every plan, and the page shows no evidence text: a slim read.
	l, err := a.d.BuildLedger(ctx, a.d.Store, ledger.Options{Unit: canon, AsOf: asOf, Config: a.d.Status, Brief: true})
	if err != nil {
		return err
	}
	resolve := a.resolver()
	isUnit := func(names []string) (bool, error) {
		for _, n := range names {
			c, err := resolve(ctx, n)
			if err != nil {
				return false, err
			}
			if c == canon {
				return true, nil
			}
		}
		return false, nil
	}
	var lead, co []unitRow
	for _, row := range l.Rows {
		isLead, err := isUnit(row.LeadUnits)
		if err != nil {
			return err
		}
		if isLead {
			lead = append(lead, unitRow{Row: row, Lead: true})
			continue
		}
		isCo, err := isUnit(row.CoUnits)
		if err != nil {
			return err
		}
		if isCo {
			co = append(co, unitRow{Row: row})
		}
	}
	if len(lead)+len(co) == 0 {
		return store.Errorf(store.ENotFound, "%s: %s", p.T("unit.none"), name)
	}
	var rollup *ledger.UnitRollup
	for i := range l.Units {
		if l.Units[i].Unit == canon {
			rollup = &l.Units[i]
		}
	}
	p.template = "unit"
	p.Title = canon
	p.Data = struct {
		Name     string
		AsOf     plan.Date
		Lead, Co []unitRow
		Rollup   *ledger.UnitRollup
	}{canon, asOf, lead, co, rollup}
	return nil
}
