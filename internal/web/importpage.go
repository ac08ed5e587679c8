package web

import (
	"errors"
	"io"
	"net/http"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/planwatch/planwatch/internal/cndate"
	"github.com/planwatch/planwatch/internal/plan"
	"github.com/planwatch/planwatch/internal/planparse"
	"github.com/planwatch/planwatch/internal/store"
)

// maxPasteBytes bounds pasted or uploaded plan text (the server caps bodies too).
const maxPasteBytes = 8 << 20

// importSection is a section of the preview with its editable fields.
type importSection struct {
	*plan.Section
	Depth   int
	Lead    string
	Co      string
	Targets []importTarget
}

type importTarget struct {
	plan.Target
	Field string // form field prefix, "t.2.1.1.0"
	Value string
}

// segment is a piece of the source text, marked when a field was read from it.
type segment struct {
	Text  string
	Field string // the form field the mark links to; "" for plain text
	Kind  string // "unit", "target", "milestone"
}

type importData struct {
	Source      string
	SourceName  string
	Scope       string
	Plan        *plan.Plan
	Sections    []importSection
	Segments    []segment
	Errors      map[string]string
	Preview     bool
	Targets     int
	Comparators []string
}

// importPage: paste or upload a plan, see what was read beside the source,
// correct any field, and (admins) save it with the corrections recorded.
func (a *app) importPage(w http.ResponseWriter, r *http.Request, p *page) error {
	p.template = "import"
	p.Title = p.T("import.title")
	d := &importData{Errors: map[string]string{}, Comparators: []string{plan.GE, plan.GT, plan.LE, plan.LT, plan.Approx}}
	p.Data = d
	if r.Method != http.MethodPost {
		return nil
	}
	if !p.Ident.Known {
		http.Redirect(w, r, "/login?next=/import", http.StatusSeeOther)
		return errHandled
	}
	text, name, err := readPlanInput(r, p)
	if err != nil {
		d.Errors["source"] = err.Error()
		p.Status = http.StatusUnprocessableEntity
		return nil
	}
	d.Source, d.SourceName = text, name
	d.Scope = strings.TrimSpace(r.PostFormValue("scope"))
	parsed := planparse.ParseText(text)
	d.Plan = parsed
	// On a re-submitted preview or a save, the form holds the user's
	// corrections of the same parse; apply them.
	var corr []store.Correction
	if r.PostFormValue("step") == "review" {
		corr = applyCorrections(r, parsed, p.Ident.Token.Name, time.Now().UTC())
	}
	if r.PostFormValue("action") == "save" {
		if !p.IsAdmin() {
			return store.Errorf(store.EForbidden, "%s", p.T("import.forbidden"))
		}
		switch {
		case planparse.Empty(parsed):
			d.Errors["form"] = p.T("import.err.notplan")
		case strings.TrimSpace(parsed.Title) == "":
			d.Errors["title"] = p.T("import.err.title")
		default:
			rec, created, err := a.d.Store.ImportPlan(r.Context(), store.PlanImport{
				Plan: parsed, Source: text, SourceName: name, Scope: d.Scope, Corrections: corr,
			}, p.Ident.Actor())
			switch {
			case err == nil && !created:
				d.Errors["form"] = p.T("import.err.exists")
			case err == nil:
				a.log.Info("plan imported from dashboard", "plan", rec.ID, "corrections", len(corr), "by", p.Ident.Token.Name)
				http.Redirect(w, r, "/plans/"+strconv.FormatInt(rec.ID, 10)+"/tree", http.StatusSeeOther)
				return errHandled
			case store.ErrorCode(err) == store.EInvalid || store.ErrorCode(err) == store.EConflict:
				d.Errors["form"] = store.ErrorMessage(err)
			default:
				return err
			}
		}
		p.Status = http.StatusUnprocessableEntity
	}
	d.Preview = true
	d.Sections = previewSections(parsed)
	for _, s := range d.Sections {
		d.Targets += len(s.Targets)
	}
	refYear := 0
	if !parsed.Issued.IsZero() {
		refYear = parsed.Issued.Time().Year()
	}
	d.Segments = markSource(text, d.Sections, refYear)
	return nil
}

// readPlanInput takes the uploaded file if there is one, else the pasted text.
func readPlanInput(r *http.Request, p *page) (text, name string, err error) {
	if f, hdr, ferr := r.FormFile("file"); ferr == nil {
		defer f.Close()
		data, err := io.ReadAll(io.LimitReader(f, maxPasteBytes+1))
		if err != nil {
			return "", "", err
		}
		if len(data) > maxPasteBytes {
			return "", "", errors.New(hdr.Filename + ": " + p.T("import.err.toolarge"))
		}
		text, err := planparse.Decode(data)
		if err != nil {
			return "", "", errors.New(hdr.Filename + ": " + err.Error())
		}
		return text, hdr.Filename, nil
	}
	text = r.PostFormValue("source")
	if strings.TrimSpace(text) == "" {
		return "", "", errors.New(p.T("import.err.empty"))
	}
	if len(text) > maxPasteBytes {
		return "", "", errors.New(p.T("import.err.toolarge"))
	}
	name = strings.TrimSpace(r.PostFormValue("source_name"))
	if name == "" {
		name = "pasted.txt"
	}
	return strings.ReplaceAll(text, "\r\n", "\n"), name, nil
}

func previewSections(p *plan.Plan) []importSection {
	var out []importSection
	var walk func([]*plan.Section, int)
	walk = func(ss []*plan.Section, depth int) {
		for _, s := range ss {
			is := importSection{Section: s, Depth: depth, Lead: strings.Join(s.LeadUnits, "、"), Co: strings.Join(s.CoUnits, "、")}
			for i, t := range s.Targets {
				is.Targets = append(is.Targets, importTarget{Target: t, Field: targetField(s.ID, i), Value: formatNum(t.Value)})
			}
			out = append(out, is)
			walk(s.Children, depth+1)
		}
	}
	walk(p.Sections, 0)
	return out
}

func targetField(sectionID string, i int) string { return "t." + sectionID + "." + strconv.Itoa(i) }

// applyCorrections changes p where the form differs from the parse and
// returns one Correction per changed field. Target paths use the ID the
// store will assign ("<section>-<n>", n from 1).
func applyCorrections(r *http.Request, p *plan.Plan, by string, at time.Time) []store.Correction {
	var out []store.Correction
	change := func(path, old, new string) bool {
		if new == old {
			return false
		}
		out = append(out, store.Correction{Path: path, Old: old, New: new, By: by, At: at})
		return true
	}
	form := func(k string) (string, bool) {
		if _, ok := r.PostForm[k]; !ok {
			return "", false
		}
		return strings.TrimSpace(r.PostFormValue(k)), true
	}
	if v, ok := form("title"); ok && change("title", p.Title, v) {
		p.Title = v
	}
	if v, ok := form("doc_number"); ok && change("doc_number", p.DocNumber, v) {
		p.DocNumber = v
	}
	p.Walk(func(s *plan.Section) {
		if v, ok := form("s." + s.ID + ".lead"); ok && change("sections/"+s.ID+"/lead_units", strings.Join(s.LeadUnits, "、"), strings.Join(splitUnits(v), "、")) {
			s.LeadUnits = splitUnits(v)
		}
		if v, ok := form("s." + s.ID + ".co"); ok && change("sections/"+s.ID+"/co_units", strings.Join(s.CoUnits, "、"), strings.Join(splitUnits(v), "、")) {
			s.CoUnits = splitUnits(v)
		}
		for i := range s.Targets {
			t := &s.Targets[i]
			f := targetField(s.ID, i)
			base := "sections/" + s.ID + "/targets/" + s.ID + "-" + strconv.Itoa(i+1) + "/"
			if v, ok := form(f + ".cmp"); ok && (v == plan.GE || v == plan.GT || v == plan.LE || v == plan.LT || v == plan.Approx) && change(base+"comparator", t.Comparator, v) {
				t.Comparator = v
			}
			if v, ok := form(f + ".value"); ok {
				if n, err := strconv.ParseFloat(v, 64); err == nil && change(base+"value", formatNum(t.Value), formatNum(n)) {
					t.Value = n
				}
			}
			if v, ok := form(f + ".unit"); ok && change(base+"unit", t.Unit, v) {
				t.Unit = v
			}
			if v, ok := form(f + ".deadline"); ok {
				if dl, err := plan.ParseDate(v); err == nil && change(base+"deadline", string(t.Deadline), string(dl)) {
					t.Deadline = dl
				}
			}
		}
	})
	return out
}

// span is a located field in the source text, in byte offsets.
type span struct {
	from, to    int
	field, kind string
}

// markSource finds where each target, milestone, deadline and unit was
// read from. Sections are located in order by their titles; each field is
// searched for within its own section's stretch of text (up to the next
// section), so a unit named in several tasks is marked at each task.
// Deadlines are the date expressions of the stretch that give one of its
// targets' deadlines ("到2022年底"); a date inside a marked quote stays
// part of that quote's mark.
func markSource(text string, secs []importSection, refYear int) []segment {
	starts := make([]int, len(secs))
	cursor := 0
	for i, s := range secs {
		if s.Title != "" {
			if j := strings.Index(text[cursor:], s.Title); j >= 0 {
				cursor += j
			}
		}
		starts[i] = cursor
	}
	var spans []span
	for i, s := range secs {
		from, to := starts[i], len(text)
		if i+1 < len(secs) && starts[i+1] > from {
			to = starts[i+1]
		}
		region := text[from:to]
		find := func(needle, field, kind string) {
			if needle == "" {
				return
			}
			if j := strings.Index(region, needle); j >= 0 {
				spans = append(spans, span{from + j, from + j + len(needle), field, kind})
			}
		}
		for _, t := range s.Targets {
			find(t.Quote, t.Field+".value", "target")
		}
		for _, m := range s.Milestones {
			find(m.Quote, "", "milestone")
		}
		for _, u := range s.LeadUnits {
			find(u, "s."+s.ID+".lead", "unit")
		}
		for _, u := range s.CoUnits {
			find(u, "s."+s.ID+".co", "unit")
		}
		if len(s.Targets) > 0 && refYear > 0 {
			for _, m := range cndate.Find(region, refYear) {
				if !m.Explicit || m.Status {
					continue
				}
				for _, t := range s.Targets {
					if t.Deadline == m.Date {
						spans = append(spans, span{from + m.Start, from + m.End, t.Field + ".deadline", "deadline"})
						break
					}
				}
			}
		}
	}
	sort.SliceStable(spans, func(i, j int) bool { return spans[i].from < spans[j].from })
	var segs []segment
	at := 0
	for _, sp := range spans {
		if sp.from < at {
			continue // overlaps a mark already placed
		}
		if sp.from > at {
			segs = append(segs, segment{Text: text[at:sp.from]})
		}
		segs = append(segs, segment{Text: text[sp.from:sp.to], Field: sp.field, Kind: sp.kind})
		at = sp.to
	}
	if at < len(text) {
		segs = append(segs, segment{Text: text[at:]})
	}
	return segs
}
