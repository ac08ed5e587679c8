package api

import (
	"fmt"
	"net/http"
	"strings"

	"github.com/planwatch/planwatch/internal/plan"
	"github.com/planwatch/planwatch/internal/status"
	"github.com/planwatch/planwatch/internal/store"
)

// targetDetail is one target with everything a supervisor checks before
// chasing a unit: the verdict and its reasons, every observation
// (superseded ones included, so corrections are visible), the task's
// context reports, and the corrections made to the parsed plan.
type targetDetail struct {
	Target       store.TargetRow    `json:"target"`
	AsOf         plan.Date          `json:"as_of"`
	Verdict      status.Verdict     `json:"verdict"`
	Observations []plan.Observation `json:"observations"`
	Context      []plan.Observation `json:"context"`
	Corrections  []store.Correction `json:"corrections"`
}

func (a *API) getTarget(w http.ResponseWriter, r *http.Request) error {
	planID, err := pathID(r, "plan")
	if err != nil {
		return err
	}
	targetID := r.PathValue("target")
	asOf, err := a.asOf(r)
	if err != nil {
		return err
	}
	rec, err := a.Store.FindPlanByID(r.Context(), planID)
	if err != nil {
		return fmt.Errorf("plan %d: %w", planID, err)
	}
	row, err := a.findTarget(r, planID, targetID)
	if err != nil {
		return err
	}
	obs, err := a.Store.ListObservations(r.Context(), store.ObservationFilter{PlanID: planID, TargetID: targetID, IncludeSuperseded: true})
	if err != nil {
		return fmt.Errorf("observations of %d/%s: %w", planID, targetID, err)
	}
	all, err := a.Store.ListObservations(r.Context(), store.ObservationFilter{PlanID: planID})
	if err != nil {
		return fmt.Errorf("observations of plan %d: %w", planID, err)
	}
	d := targetDetail{
		Target:       row,
		AsOf:         asOf,
		Verdict:      status.Judge(status.Input{Target: row.Target, Start: rec.Start(), Scope: rec.Scope, Observations: obs}, asOf, a.Status),
		Observations: nonNil(obs),
		Context:      []plan.Observation{},
		Corrections:  []store.Correction{},
	}
	for _, o := range all {
		if o.TargetID == "" && (o.SectionID == row.SectionID || o.SectionID == "") {
			d.Context = append(d.Context, o)
		}
	}
	for _, c := range rec.Corrections {
		if correctionConcerns(c.Path, row.SectionID, targetID) {
			d.Corrections = append(d.Corrections, c)
		}
	}
	writeJSON(w, http.StatusOK, d)
	return nil
}

// findTarget returns the target row targetID of plan planID, or ENotFound.
func (a *API) findTarget(r *http.Request, planID int64, targetID string) (store.TargetRow, error) {
	rows, err := a.Store.ListTargets(r.Context(), planID)
	if err != nil {
		return store.TargetRow{}, fmt.Errorf("targets of plan %d: %w", planID, err)
	}
	for _, row := range rows {
		if row.Target.ID == targetID {
			return row, nil
		}
	}
	return store.TargetRow{}, store.Errorf(store.ENotFound, "计划 %d 没有目标 %s (plan %d has no target %q)", planID, targetID, planID, targetID)
}

// correctionConcerns reports whether a correction at path changed the
// target or its task's responsibilities ("sections/2.1.1/lead_units",
// "sections/2.1.1/targets/2.1.1-1/value").
func correctionConcerns(path, sectionID, targetID string) bool {
	if strings.Contains(path, "/targets/"+targetID+"/") || strings.HasSuffix(path, "/targets/"+targetID) {
		return true
	}
	prefix := "sections/" + sectionID + "/"
	rest, ok := strings.CutPrefix(path, prefix)
	return ok && !strings.HasPrefix(rest, "targets/")
}

func nonNil[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}
