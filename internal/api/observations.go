package api

import (
	"bytes"
	"fmt"
	"io"
	"math"
	"net/http"
	"strings"

	"github.com/planwatch/planwatch/internal/auth"
	"github.com/planwatch/planwatch/internal/plan"
	"github.com/planwatch/planwatch/internal/store"
)

// maxBatch bounds one POST: a unit's monthly report is tens of figures.
const maxBatch = 1000

func (a *API) listObservations(w http.ResponseWriter, r *http.Request) error {
	planID, err := queryID(r, "plan_id")
	if err != nil {
		return err
	}
	withOld, err := queryBool(r, "include_superseded")
	if err != nil {
		return err
	}
	targetID := r.URL.Query().Get("target_id")
	if targetID != "" && planID == 0 {
		return invalidf("plan_id", "按目标筛选时必须同时给出计划 (required with target_id)")
	}
	obs, err := a.Store.ListObservations(r.Context(), store.ObservationFilter{PlanID: planID, TargetID: targetID, IncludeSuperseded: withOld})
	if err != nil {
		return fmt.Errorf("list observations: %w", err)
	}
	writeJSON(w, http.StatusOK, map[string]any{"observations": nonNil(obs)})
	return nil
}

// observationInput is an observation as a client sends it. Dates are
// strings here so a malformed one is reported with its field's name;
// ID, timestamps and the supersede links are the server's to set.
type observationInput struct {
	PlanID      int64    `json:"plan_id"`
	TargetID    string   `json:"target_id"`
	SectionID   string   `json:"section_id"`
	Value       *float64 `json:"value"`
	ValueText   string   `json:"value_text"`
	Unit        string   `json:"unit"`
	PeriodStart string   `json:"period_start"`
	PeriodEnd   string   `json:"period_end"`
	Kind        string   `json:"kind"`
	Scope       string   `json:"scope"`
	SourceURL   string   `json:"source_url"`
	SourceDate  string   `json:"source_date"`
	Quote       string   `json:"quote"`
	ReportedBy  string   `json:"reported_by"`
	Note        string   `json:"note"`
}

var observationKinds = []string{plan.ObsFlow, plan.ObsStock, plan.ObsRate, plan.ObsTarget, plan.ObsEvent, plan.ObsStatus}

// toObservation validates in; field errors are prefixed with where, e.g.
// "observations[2].period_end".
func (in observationInput) toObservation(where string, id auth.Identity) (plan.Observation, error) {
	field := func(name string) string { return where + name }
	if in.PlanID <= 0 {
		return plan.Observation{}, invalidf(field("plan_id"), "必填，应为计划编号 (required)")
	}
	kindOK := false
	for _, k := range observationKinds {
		kindOK = kindOK || in.Kind == k
	}
	if !kindOK {
		return plan.Observation{}, invalidf(field("kind"), "应为 %s 之一，收到 %q (want one of %s)", strings.Join(observationKinds, "、"), in.Kind, strings.Join(observationKinds, ", "))
	}
	start, err := plan.ParseDate(in.PeriodStart)
	if err != nil {
		return plan.Observation{}, invalidf(field("period_start"), "日期格式应为 YYYY-MM-DD，收到 %q (want YYYY-MM-DD)", in.PeriodStart)
	}
	end, err := plan.ParseDate(in.PeriodEnd)
	if err != nil {
		return plan.Observation{}, invalidf(field("period_end"), "日期格式应为 YYYY-MM-DD，收到 %q (want YYYY-MM-DD)", in.PeriodEnd)
	}
	if end.IsZero() {
		return plan.Observation{}, invalidf(field("period_end"), "必填：数据截至日期 (required)")
	}
	if !start.IsZero() && end.Before(start) {
		return plan.Observation{}, invalidf(field("period_end"), "%s 早于 period_start %s (before period_start)", end, start)
	}
	if in.Kind == plan.ObsFlow && start.IsZero() {
		return plan.Observation{}, invalidf(field("period_start"), "新增量须给出统计起始日期 (required for kind flow)")
	}
	if plan.CountableKind(in.Kind) && in.Value == nil {
		return plan.Observation{}, invalidf(field("value"), "%s 类数据必须有数值 (required for kind %s)", in.Kind, in.Kind)
	}
	if in.Value != nil && (math.IsNaN(*in.Value) || math.IsInf(*in.Value, 0)) {
		return plan.Observation{}, invalidf(field("value"), "不是有限数值 (not a finite number)")
	}
	if strings.TrimSpace(in.SourceURL) == "" && strings.TrimSpace(in.Quote) == "" {
		return plan.Observation{}, invalidf(field("source_url"), "请给出来源链接或原文摘录 quote (evidence required: source_url or quote)")
	}
	reportedBy := strings.TrimSpace(in.ReportedBy)
	if reportedBy == "" {
		reportedBy = id.Token.Unit
	}
	if reportedBy == "" {
		reportedBy = id.Token.Name
	}
	return plan.Observation{
		PlanID: in.PlanID, TargetID: strings.TrimSpace(in.TargetID), SectionID: strings.TrimSpace(in.SectionID),
		Value: in.Value, ValueText: in.ValueText, Unit: in.Unit,
		PeriodStart: start, PeriodEnd: end, Kind: in.Kind, Scope: in.Scope,
		SourceURL: in.SourceURL, SourceDate: in.SourceDate, Quote: in.Quote,
		ReportedBy: reportedBy, Note: in.Note,
	}, nil
}

// readObservations reads one observation object or an array of them.
func readObservations(r *http.Request) ([]observationInput, bool, error) {
	b, err := io.ReadAll(r.Body)
	if err != nil {
		return nil, false, err
	}
	trimmed := bytes.TrimSpace(b)
	r.Body = io.NopCloser(bytes.NewReader(trimmed))
	if len(trimmed) > 0 && trimmed[0] == '[' {
		var ins []observationInput
		if err := decodeJSON(r, &ins); err != nil {
			return nil, true, err
		}
		return ins, true, nil
	}
	var in observationInput
	if err := decodeJSON(r, &in); err != nil {
		return nil, false, err
	}
	return []observationInput{in}, false, nil
}

func (a *API) createObservations(w http.ResponseWriter, r *http.Request) error {
	id := auth.FromContext(r.Context())
	if err := auth.Require(id, store.RoleAdmin, store.RoleReporter); err != nil {
		return err
	}
	ins, batch, err := readObservations(r)
	if err != nil {
		return err
	}
	if len(ins) == 0 {
		return invalidf("body", "没有观测数据 (empty array)")
	}
	if len(ins) > maxBatch {
		return invalidf("body", "一次最多 %d 条，收到 %d 条 (at most %d per request)", maxBatch, len(ins), maxBatch)
	}
	perm := a.newPermissions(r, id)
	obs := make([]plan.Observation, 0, len(ins))
	for i, in := range ins {
		where := ""
		if batch {
			where = fmt.Sprintf("[%d].", i)
		}
		o, err := in.toObservation(where, id)
		if err != nil {
			return err
		}
		if err := perm.check(o, where); err != nil {
			return err
		}
		obs = append(obs, o)
	}
	saved, err := a.Store.CreateObservations(r.Context(), obs, id.Actor())
	if err != nil {
		return fmt.Errorf("create observations: %w", err)
	}
	writeJSON(w, http.StatusCreated, map[string]any{"observations": saved})
	return nil
}

func (a *API) supersedeObservation(w http.ResponseWriter, r *http.Request) error {
	id := auth.FromContext(r.Context())
	if err := auth.Require(id, store.RoleAdmin, store.RoleReporter); err != nil {
		return err
	}
	oldID, err := pathID(r, "id")
	if err != nil {
		return err
	}
	var in observationInput
	if err := decodeJSON(r, &in); err != nil {
		return err
	}
	old, err := a.Store.FindObservationByID(r.Context(), oldID)
	if err != nil {
		return fmt.Errorf("observation %d: %w", oldID, err)
	}
	if old.SupersededBy != 0 {
		return store.Errorf(store.EConflict, "观测 %d 已被 %d 更正，请更正最新的一条 (already superseded by %d)", oldID, old.SupersededBy, old.SupersededBy)
	}
	// A correction belongs where the original was unless it says otherwise.
	if in.PlanID == 0 {
		in.PlanID = old.PlanID
	}
	if in.PlanID != old.PlanID {
		return invalidf("plan_id", "更正必须与原观测属于同一计划 %d (a correction stays in plan %d)", old.PlanID, old.PlanID)
	}
	if in.TargetID == "" && in.SectionID == "" {
		in.TargetID, in.SectionID = old.TargetID, old.SectionID
	}
	corrected, err := in.toObservation("", id)
	if err != nil {
		return err
	}
	perm := a.newPermissions(r, id)
	if err := perm.check(old, ""); err != nil {
		return err
	}
	if err := perm.check(corrected, ""); err != nil {
		return err
	}
	saved, err := a.Store.SupersedeObservation(r.Context(), oldID, corrected, id.Actor())
	if err != nil {
		return fmt.Errorf("supersede observation %d: %w", oldID, err)
	}
	writeJSON(w, http.StatusCreated, saved)
	return nil
}

// permissions checks observations against the caller's unit, loading each
// plan's targets once per request.
type permissions struct {
	a       *API
	r       *http.Request
	id      auth.Identity
	targets map[int64][]store.TargetRow
	plans   map[int64]store.PlanRecord
}

func (a *API) newPermissions(r *http.Request, id auth.Identity) *permissions {
	return &permissions{a: a, r: r, id: id, targets: map[int64][]store.TargetRow{}, plans: map[int64]store.PlanRecord{}}
}

// check returns nil when the caller may write o; admins may write
// anything, reporters only figures on a target (or context on a task) of
// a task their unit leads or co-leads.
func (p *permissions) check(o plan.Observation, where string) error {
	ctx := p.r.Context()
	var lead, co []string
	switch {
	case o.TargetID != "":
		rows, err := p.planTargets(o.PlanID)
		if err != nil {
			return err
		}
		found := false
		for _, row := range rows {
			if row.Target.ID == o.TargetID {
				lead, co, found = row.LeadUnits, row.CoUnits, true
				break
			}
		}
		if !found {
			return invalidf(where+"target_id", "计划 %d 没有目标 %s (no such target in plan %d)", o.PlanID, o.TargetID, o.PlanID)
		}
	case o.SectionID != "":
		rec, err := p.plan(o.PlanID)
		if err != nil {
			return err
		}
		var sec *plan.Section
		rec.Plan.Walk(func(s *plan.Section) {
			if s.ID == o.SectionID {
				sec = s
			}
		})
		if sec == nil {
			return invalidf(where+"section_id", "计划 %d 没有任务 %s (no such section in plan %d)", o.PlanID, o.SectionID, o.PlanID)
		}
		lead, co = sec.LeadUnits, sec.CoUnits
	default:
		if _, err := p.plan(o.PlanID); err != nil {
			return err
		}
		if p.id.IsAdmin() {
			return nil
		}
		return store.Errorf(store.EForbidden, "%starget_id: 报送单位只能报送本单位牵头或配合任务的目标数据 (reporters must name a target or task of their unit)", where)
	}
	if auth.CanWriteTarget(ctx, p.id, lead, co, p.a.Store.ResolveUnit) {
		return nil
	}
	return store.Errorf(store.EForbidden, "%s%s 不是该任务的牵头或配合单位（牵头：%s；配合：%s），不能报送 (not a responsible unit of this task)",
		where, p.id.Token.Unit, strings.Join(lead, "、"), strings.Join(co, "、"))
}

func (p *permissions) plan(id int64) (store.PlanRecord, error) {
	if rec, ok := p.plans[id]; ok {
		return rec, nil
	}
	rec, err := p.a.Store.FindPlanByID(p.r.Context(), id)
	if store.ErrorCode(err) == store.ENotFound {
		return rec, invalidf("plan_id", "没有编号为 %d 的计划 (no plan %d)", id, id)
	}
	if err != nil {
		return rec, fmt.Errorf("plan %d: %w", id, err)
	}
	p.plans[id] = rec
	return rec, nil
}

func (p *permissions) planTargets(id int64) ([]store.TargetRow, error) {
	if rows, ok := p.targets[id]; ok {
		return rows, nil
	}
	rows, err := p.a.Store.ListTargets(p.r.Context(), id)
	if err != nil {
		return nil, fmt.Errorf("targets of plan %d: %w", id, err)
	}
	if len(rows) == 0 {
		// No targets: an unknown plan deserves its own message. Loading
		// the whole plan only here keeps the common case to one query.
		if _, err := p.plan(id); err != nil {
			return nil, err
		}
	}
	p.targets[id] = rows
	return rows, nil
}
