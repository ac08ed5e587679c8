package api

import (
	"net/http"

	"github.com/planwatch/planwatch/internal/auth"
	"github.com/planwatch/planwatch/internal/store"
)

// route is one entry of the URL map. read marks routes that anonymous
// callers may use when anonymous access is on; writes check roles inside.
type route struct {
	pattern string
	h       handler
	read    bool
}

// routes is the whole API URL map. openapi.json describes every entry;
// TestOpenAPICoversRoutes keeps the two in step.
func (a *API) routes() []route {
	return []route{
		{"GET /api/healthz", a.healthz, false},
		{"GET /api/openapi.json", a.openAPI, false},

		{"GET /api/plans", a.listPlans, true},
		{"POST /api/plans", a.importPlan, false},
		{"GET /api/plans/{id}", a.getPlan, true},
		{"GET /api/plans/{id}/targets", a.listPlanTargets, true},
		{"GET /api/plans/{id}/status", a.planStatus, true},
		{"GET /api/plans/{id}/{export}", a.exportPlan, true}, // export.xlsx, export.csv, export.json

		{"GET /api/targets/{plan}/{target}", a.getTarget, true},

		{"GET /api/units", a.listUnits, true},
		{"POST /api/units", a.createUnit, false},
		{"GET /api/units/{name}/status", a.unitStatus, true},

		{"GET /api/observations", a.listObservations, true},
		{"POST /api/observations", a.createObservations, false},
		{"POST /api/observations/{id}/supersede", a.supersedeObservation, false},

		{"GET /api/tokens", a.listTokens, false},
		{"POST /api/tokens", a.createToken, false},
		{"DELETE /api/tokens/{id}", a.revokeToken, false},

		{"GET /api/users", a.listUsers, false},
		{"POST /api/users", a.createUser, false},
		{"POST /api/users/{id}/disable", a.disableUser, false},

		{"GET /api/audit", a.listAudit, false},
	}
}

// readAccess refuses anonymous reads when anonymous access is off.
func (a *API) readAccess(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if !a.AllowAnonymous && !auth.FromContext(r.Context()).Known {
			a.writeError(w, r, store.Errorf(store.EUnauthorized, "此服务不允许匿名访问，请提供令牌 (anonymous access is off; send a token)"))
			return
		}
		next.ServeHTTP(w, r)
	})
}
