package web

import (
	"net/http"

	"github.com/planwatch/planwatch/internal/auth"

	"github.com/planwatch/planwatch/internal/ledger"
	"github.com/planwatch/planwatch/internal/plan"
)

// treeNode is a section with the verdicts of its targets.
type treeNode struct {
	*plan.Section
	Targets  []treeTarget
	Children []treeNode
}

type treeTarget struct {
	plan.Target
	Row *ledger.Row
	// CanReport shows the report link only where the write would be accepted.
	CanReport bool
}

// treePage shows the plan's section and task tree with units and progress.
func (a *app) treePage(w http.ResponseWriter, r *http.Request, p *page) error {
	rec, asOf, l, err := a.judgedPlan(r)
	if err != nil {
		return err
	}
	rows := rowsByTarget(l)
	resolve := a.resolver()
	var build func([]*plan.Section) []treeNode
	build = func(ss []*plan.Section) []treeNode {
		out := make([]treeNode, 0, len(ss))
		for _, s := range ss {
			n := treeNode{Section: s, Children: build(s.Children)}
			for _, t := range s.Targets {
				can := p.Ident.Known && auth.CanWriteTarget(r.Context(), p.Ident, s.LeadUnits, s.CoUnits, resolve)
				n.Targets = append(n.Targets, treeTarget{Target: t, Row: rows[t.ID], CanReport: can})
			}
			out = append(out, n)
		}
		return out
	}
	p.template = "tree"
	p.Title = p.T("nav.tree") + " · " + rec.Plan.Title
	p.nav(rec, "tree", asOf)
	p.Data = struct {
		AsOf  plan.Date
		Nodes []treeNode
	}{asOf, build(rec.Plan.Sections)}
	return nil
}
