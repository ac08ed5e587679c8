// Package api serves planwatch's JSON API under /api/. The URL map is in
// routes.go; each resource has a file of its own; respond.go alone turns
// errors into HTTP statuses and the {"error":{"code","message"}} envelope.
package api

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"time"

	"github.com/planwatch/planwatch/internal/ledger"
	"github.com/planwatch/planwatch/internal/plan"
	"github.com/planwatch/planwatch/internal/status"
	"github.com/planwatch/planwatch/internal/store"
)

// Deps is what the API handlers need.
type Deps struct {
	Store          store.Store
	Status         status.Config
	Logger         *slog.Logger
	AllowAnonymous bool // anonymous read-only access

	// Parse reads a plan text (name is the file name, for messages); the
	// server passes planparse.Parse. Nil answers POST /api/plans with 500.
	Parse func(name, text string) (*plan.Plan, error)
	// Export writes the ledger of one plan as format ("xlsx", "csv",
	// "json"); the server passes the export package. Nil: 500.
	Export func(ctx context.Context, w io.Writer, format string, rec store.PlanRecord, l *ledger.Ledger) error
	// Now is the clock for the default as-of date; nil means time.Now.
	Now func() time.Time
}

// API is the /api/ handler.
type API struct {
	Deps
	log *slog.Logger
	mux *http.ServeMux
}

// New returns the handler for /api/.
func New(d Deps) http.Handler {
	if d.Logger == nil {
		d.Logger = slog.Default()
	}
	if d.Now == nil {
		d.Now = time.Now
	}
	if d.Status == (status.Config{}) {
		d.Status = status.DefaultConfig()
	}
	a := &API{Deps: d, log: d.Logger, mux: http.NewServeMux()}
	for _, rt := range a.routes() {
		h := a.serve(rt.h)
		if rt.read {
			h = a.readAccess(h)
		}
		a.mux.Handle(rt.pattern, h)
	}
	a.mux.Handle("/api/", a.serve(func(w http.ResponseWriter, r *http.Request) error {
		return store.Errorf(store.ENotFound, "没有这个接口 (no API route %s %s)", r.Method, r.URL.Path)
	}))
	return a
}

func (a *API) ServeHTTP(w http.ResponseWriter, r *http.Request) { a.mux.ServeHTTP(w, r) }

// today is the default as-of date.
func (a *API) today() plan.Date { return plan.DateOf(a.Now()) }
