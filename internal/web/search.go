package web

import (
	"net/http"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/planwatch/planwatch/internal/plan"
	"github.com/planwatch/planwatch/internal/store"
)

// maxHits bounds each result group so a one-character query stays readable.
const maxHits = 50

type searchHit struct {
	PlanID    int64
	PlanTitle string
	SectionID string
	Title     string
	Detail    string
	TargetID  string
}

type searchData struct {
	Q                     string
	Plans, Tasks, Targets []searchHit
	Units                 []string
	Searched, TooMany     bool
}

// searchPage finds q in plan titles, task titles and texts, unit names and
// target subjects and quotes.
func (a *app) searchPage(w http.ResponseWriter, r *http.Request, p *page) error {
	q := strings.TrimSpace(r.URL.Query().Get("q"))
	d := searchData{Q: q}
	p.template = "search"
	p.Title = p.T("search.title")
	p.Data = &d
	if q == "" {
		return nil
	}
	if utf8.RuneCountInString(q) > 100 {
		return store.Errorf(store.EInvalid, "%s", p.T("search.toolong"))
	}
	d.Searched = true
	ctx := r.Context()
	recs, err := a.d.Store.ListPlans(ctx)
	if err != nil {
		return err
	}
	has := func(s string) bool { return strings.Contains(strings.ToLower(s), strings.ToLower(q)) }
	add := func(list *[]searchHit, h searchHit) {
		if len(*list) >= maxHits {
			d.TooMany = true
			return
		}
		*list = append(*list, h)
	}
	units := map[string]bool{}
	for _, rec := range recs {
		if has(rec.Plan.Title) || has(rec.Plan.DocNumber) || has(rec.Plan.Issuer) {
			add(&d.Plans, searchHit{PlanID: rec.ID, PlanTitle: rec.Plan.Title, Detail: rec.Plan.DocNumber})
		}
		// ListPlans leaves out nothing but Source, so the tree is here.
		rec.Plan.Walk(func(s *plan.Section) {
			if has(s.Title) || has(s.Text) {
				add(&d.Tasks, searchHit{PlanID: rec.ID, PlanTitle: rec.Plan.Title, SectionID: s.ID, Title: s.Number + " " + s.Title, Detail: snippet(s.Text, q)})
			}
			for _, u := range append(append([]string{}, s.LeadUnits...), s.CoUnits...) {
				if has(u) {
					units[u] = true
				}
			}
			for _, t := range s.Targets {
				if has(t.Subject) || has(t.Quote) {
					add(&d.Targets, searchHit{PlanID: rec.ID, PlanTitle: rec.Plan.Title, SectionID: s.ID, TargetID: t.ID, Title: t.Subject, Detail: t.Quote})
				}
			}
		})
	}
	registry, err := a.d.Store.ListUnits(ctx)
	if err != nil {
		return err
	}
	for _, u := range registry {
		if has(u.Name) {
			units[u.Name] = true
		}
		for _, al := range u.Aliases {
			if has(al) {
				units[u.Name] = true
			}
		}
	}
	for u := range units {
		d.Units = append(d.Units, u)
	}
	slices.Sort(d.Units)
	return nil
}

// snippet is up to 40 characters of text around the first match of q.
func snippet(text, q string) string {
	rs := []rune(text)
	i := strings.Index(strings.ToLower(text), strings.ToLower(q))
	if i < 0 {
		if len(rs) > 80 {
			return string(rs[:80]) + "…"
		}
		return text
	}
	at := utf8.RuneCountInString(text[:i])
	from, to := max(0, at-20), min(len(rs), at+utf8.RuneCountInString(q)+20)
	s := string(rs[from:to])
	if from > 0 {
		s = "…" + s
	}
	if to < len(rs) {
		s += "…"
	}
	return s
}
