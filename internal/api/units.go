package api

import (
	"fmt"
	"net/http"
	"strings"

	"github.com/planwatch/planwatch/internal/auth"
	"github.com/planwatch/planwatch/internal/ledger"
	"github.com/planwatch/planwatch/internal/store"
)

func (a *API) listUnits(w http.ResponseWriter, r *http.Request) error {
	units, err := a.Store.ListUnits(r.Context())
	if err != nil {
		return fmt.Errorf("list units: %w", err)
	}
	writeJSON(w, http.StatusOK, map[string]any{"units": nonNil(units)})
	return nil
}

type unitRequest struct {
	Name    string   `json:"name"`
	Aliases []string `json:"aliases"`
}

func (a *API) createUnit(w http.ResponseWriter, r *http.Request) error {
	id := auth.FromContext(r.Context())
	if err := auth.Require(id, store.RoleAdmin); err != nil {
		return err
	}
	var req unitRequest
	if err := decodeJSON(r, &req); err != nil {
		return err
	}
	req.Name = strings.TrimSpace(req.Name)
	if req.Name == "" {
		return invalidf("name", "单位名称不能为空 (required)")
	}
	for i, al := range req.Aliases {
		req.Aliases[i] = strings.TrimSpace(al)
		if req.Aliases[i] == "" {
			return invalidf(fmt.Sprintf("aliases[%d]", i), "别名不能为空 (empty alias)")
		}
	}
	u, err := a.Store.CreateUnit(r.Context(), req.Name, req.Aliases, id.Actor())
	if err != nil {
		return fmt.Errorf("create unit %s: %w", req.Name, err)
	}
	writeJSON(w, http.StatusCreated, u)
	return nil
}

// unitStatus is a unit's targets across all plans, judged, with its roll-up.
func (a *API) unitStatus(w http.ResponseWriter, r *http.Request) error {
	name := strings.TrimSpace(r.PathValue("name"))
	if name == "" {
		return invalidf("name", "单位名称不能为空 (required)")
	}
	asOf, err := a.asOf(r)
	if err != nil {
		return err
	}
	planID, err := queryID(r, "plan_id")
	if err != nil {
		return err
	}
	canon, err := a.Store.ResolveUnit(r.Context(), name)
	if err != nil {
		return fmt.Errorf("resolve unit %s: %w", name, err)
	}
	l, err := ledger.Build(r.Context(), a.Store, ledger.Options{PlanID: planID, Unit: canon, AsOf: asOf, Config: a.Status})
	if err != nil {
		return fmt.Errorf("status of unit %s: %w", canon, err)
	}
	if len(l.Rows) == 0 && !a.knownUnit(r, canon) {
		return store.Errorf(store.ENotFound, "没有单位 %s，也没有它负责的目标 (unknown unit %q)", name, name)
	}
	writeJSON(w, http.StatusOK, map[string]any{"unit": canon, "ledger": l})
	return nil
}

func (a *API) knownUnit(r *http.Request, canon string) bool {
	units, err := a.Store.ListUnits(r.Context())
	if err != nil {
		return false
	}
	for _, u := range units {
		if u.Name == canon {
			return true
		}
	}
	return false
}
