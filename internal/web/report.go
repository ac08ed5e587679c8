package web

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/planwatch/planwatch/internal/auth"
	"github.com/planwatch/planwatch/internal/plan"
	"github.com/planwatch/planwatch/internal/store"
)

// reportForm is the observation entry form with a message per field.
type reportForm struct {
	Value, PeriodStart, PeriodEnd, Kind, Scope, SourceURL, SourceDate, Quote, Note string
	Errors                                                                         map[string]string
}

// reportPage lets a reporter enter a figure for a target their unit owns.
// The form is shown only where the write would be accepted.
func (a *app) reportPage(w http.ResponseWriter, r *http.Request, p *page) error {
	rec, err := a.planFromPath(r)
	if err != nil {
		return err
	}
	ctx := r.Context()
	targets, err := a.d.Store.ListTargets(ctx, rec.ID)
	if err != nil {
		return err
	}
	tid := r.PathValue("tid")
	var row *store.TargetRow
	for i := range targets {
		if targets[i].Target.ID == tid {
			row = &targets[i]
		}
	}
	if row == nil {
		return store.Errorf(store.ENotFound, "target %q", tid)
	}
	if !p.Ident.Known {
		http.Redirect(w, r, "/login?next="+url.QueryEscape(r.URL.Path), http.StatusSeeOther)
		return errHandled
	}
	if !auth.CanWriteTarget(ctx, p.Ident, row.LeadUnits, row.CoUnits, a.d.Store.ResolveUnit) {
		return store.Errorf(store.EForbidden, "%s", p.T("report.forbidden"))
	}
	f := reportForm{Kind: defaultObsKind(row.Target.Kind), Scope: rec.Scope, PeriodEnd: string(plan.DateOf(a.d.Now()))}
	if r.Method == http.MethodPost {
		f = readReportForm(r)
		obs, ok := f.validate(p, rec, row)
		if ok {
			if _, err := a.d.Store.CreateObservations(ctx, []plan.Observation{obs}, p.Ident.Actor()); err != nil {
				if store.ErrorCode(err) != store.EInvalid {
					return err
				}
				f.Errors["form"] = store.ErrorMessage(err)
			} else {
				a.log.Info("observation reported", "plan", rec.ID, "target", tid, "by", p.Ident.Token.Name)
				http.Redirect(w, r, "/plans/"+strconv.FormatInt(rec.ID, 10)+"/targets/"+url.PathEscape(tid)+"?reported=1", http.StatusSeeOther)
				return errHandled
			}
		}
		p.Status = http.StatusUnprocessableEntity
	}
	p.template = "report"
	p.Title = p.T("report.title") + " · " + row.Target.Subject
	p.nav(rec, "tree", "")
	p.Data = struct {
		Row  *store.TargetRow
		Form reportForm
		Cmp  string
	}{row, f, comparatorText(p.Lang, row.Target.Comparator)}
	return nil
}

// defaultObsKind suggests the observation kind matching the target's.
func defaultObsKind(targetKind string) string {
	switch targetKind {
	case plan.KindStock:
		return plan.ObsStock
	case plan.KindRate:
		return plan.ObsRate
	}
	return plan.ObsFlow
}

func readReportForm(r *http.Request) reportForm {
	get := func(k string) string { return strings.TrimSpace(r.PostFormValue(k)) }
	return reportForm{
		Value: get("value"), PeriodStart: get("period_start"), PeriodEnd: get("period_end"),
		Kind: get("kind"), Scope: get("scope"), SourceURL: get("source_url"), SourceDate: get("source_date"),
		Quote: get("quote"), Note: get("note"), Errors: map[string]string{},
	}
}

// validate checks every field and says what is wrong beside each one.
func (f *reportForm) validate(p *page, rec store.PlanRecord, row *store.TargetRow) (plan.Observation, bool) {
	if f.Errors == nil {
		f.Errors = map[string]string{}
	}
	o := plan.Observation{PlanID: rec.ID, TargetID: row.Target.ID, SectionID: row.SectionID, Unit: row.Target.Unit,
		Kind: f.Kind, Scope: f.Scope, SourceURL: f.SourceURL, SourceDate: f.SourceDate, Quote: f.Quote, Note: f.Note,
		ReportedBy: p.Ident.Token.Unit}
	if o.ReportedBy == "" {
		o.ReportedBy = p.Ident.Token.Name
	}
	v, err := strconv.ParseFloat(strings.ReplaceAll(f.Value, ",", ""), 64)
	switch {
	case f.Value == "":
		f.Errors["value"] = p.T("report.err.value_required")
	case err != nil:
		f.Errors["value"] = p.T("report.err.value_number")
	case v < 0:
		f.Errors["value"] = p.T("report.err.value_negative")
	default:
		o.Value = &v
		o.ValueText = f.Value
	}
	if !plan.CountableKind(f.Kind) {
		f.Errors["kind"] = p.T("report.err.kind")
	}
	end, err := plan.ParseDate(f.PeriodEnd)
	switch {
	case f.PeriodEnd == "":
		f.Errors["period_end"] = p.T("report.err.date_required")
	case err != nil:
		f.Errors["period_end"] = p.T("report.err.date")
	case end > plan.DateOf(p.a.d.Now()):
		f.Errors["period_end"] = p.T("report.err.future")
	}
	o.PeriodEnd = end
	start, err := plan.ParseDate(f.PeriodStart)
	switch {
	case err != nil:
		f.Errors["period_start"] = p.T("report.err.date")
	case f.Kind == plan.ObsFlow && start.IsZero():
		f.Errors["period_start"] = p.T("report.err.start_required")
	case !start.IsZero() && !end.IsZero() && end < start:
		f.Errors["period_start"] = p.T("report.err.order")
	}
	o.PeriodStart = start
	if f.SourceURL == "" {
		f.Errors["source_url"] = p.T("report.err.source_required")
	} else if u, err := url.Parse(f.SourceURL); strings.Contains(f.SourceURL, "://") && (err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "") {
		// Intranet sources are often a document name, not a URL; a URL
		// must be one a browser can open.
		f.Errors["source_url"] = p.T("report.err.source_url")
	}
	if f.SourceDate != "" {
		if _, err := plan.ParseDate(f.SourceDate); err != nil {
			f.Errors["source_date"] = p.T("report.err.date")
		}
	}
	if len([]rune(f.Quote)) > 2000 {
		f.Errors["quote"] = p.T("report.err.quote_long")
	}
	return o, len(f.Errors) == 0
}
