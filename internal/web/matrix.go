package web

import (
	"net/http"

	"github.com/planwatch/planwatch/internal/plan"
)

// matrixTask is one column of the responsibility matrix.
type matrixTask struct {
	ID, Number, Title string
}

// matrixRow is one unit with its role in each task ("lead", "co" or "").
type matrixRow struct {
	Unit  string
	Roles []string
	Lead  int
	Co    int
}

// matrixPage shows units × tasks: who leads (牵头) and who supports (配合).
func (a *app) matrixPage(w http.ResponseWriter, r *http.Request, p *page) error {
	rec, err := a.planFromPath(r)
	if err != nil {
		return err
	}
	ctx := r.Context()
	var tasks []matrixTask
	var sections []*plan.Section
	rec.Plan.Walk(func(s *plan.Section) {
		if len(s.LeadUnits)+len(s.CoUnits) > 0 {
			tasks = append(tasks, matrixTask{ID: s.ID, Number: s.Number, Title: s.Title})
			sections = append(sections, s)
		}
	})
	idx := map[string]int{}
	var rows []matrixRow
	resolve := a.resolver()
	mark := func(name string, col int, role string) error {
		canon, err := resolve(ctx, name)
		if err != nil {
			return err
		}
		i, ok := idx[canon]
		if !ok {
			i = len(rows)
			idx[canon] = i
			rows = append(rows, matrixRow{Unit: canon, Roles: make([]string, len(tasks))})
		}
		if rows[i].Roles[col] == "lead" {
			return nil // a unit named as both lead and co is a lead
		}
		rows[i].Roles[col] = role
		return nil
	}
	for col, s := range sections {
		for _, u := range s.LeadUnits {
			if err := mark(u, col, "lead"); err != nil {
				return err
			}
		}
		for _, u := range s.CoUnits {
			if err := mark(u, col, "co"); err != nil {
				return err
			}
		}
	}
	for i := range rows {
		for _, role := range rows[i].Roles {
			switch role {
			case "lead":
				rows[i].Lead++
			case "co":
				rows[i].Co++
			}
		}
	}
	p.template = "matrix"
	p.Title = p.T("nav.matrix") + " · " + rec.Plan.Title
	p.nav(rec, "matrix", "")
	p.Data = struct {
		Tasks []matrixTask
		Rows  []matrixRow
	}{tasks, rows}
	return nil
}
