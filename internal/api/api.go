// Package api serves planwatch's JSON API under /api/. The URL map is in
// routes.go; each resource has a file of its own; respond.go alone turns
// errors into HTTP statuses and the {"error":{"code","message"}} envelope.
package api

import (
	"log/slog"
	"net/http"
	"time"

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

	// Parse reads an uploaded plan (UTF-8 or GB18030 text, or .docx;
	// name is the file name, for messages); the server passes
	// planparse.Parse. Nil answers POST /api/plans with 500.
	Parse func(name string, data []byte) (*plan.Plan, error)
	// Decode turns the upload into the text stored as the plan's source;
	// the server passes planparse.Decode. Nil keeps the bytes as they are.
	Decode func(data []byte) (string, error)
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
	return a
}

// ServeHTTP routes r. Requests no route matches get the error envelope
// too, with the mux's own verdict: 404, or 405 with its Allow header.
func (a *API) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	h, pattern := a.mux.Handler(r)
	if pattern != "" {
		// Through the mux again, which sets r's path values; Handler does not.
		a.mux.ServeHTTP(w, r)
		return
	}
	probe := &statusProbe{header: http.Header{}}
	h.ServeHTTP(probe, r)
	switch probe.code {
	case http.StatusMethodNotAllowed:
		w.Header().Set("Allow", probe.header.Get("Allow"))
		a.writeError(w, r, &statusError{status: http.StatusMethodNotAllowed, err: store.Errorf(store.EInvalid, "%s 不支持 %s 方法，可用：%s (method not allowed)", r.URL.Path, r.Method, probe.header.Get("Allow"))})
	case http.StatusNotFound:
		a.writeError(w, r, store.Errorf(store.ENotFound, "没有这个接口 (no API route %s %s)", r.Method, r.URL.Path))
	default:
		// A redirect to the cleaned path: let the mux answer.
		h.ServeHTTP(w, r)
	}
}

// statusProbe records what the mux's fallback handler would answer.
type statusProbe struct {
	header http.Header
	code   int
}

func (p *statusProbe) Header() http.Header         { return p.header }
func (p *statusProbe) Write(b []byte) (int, error) { return len(b), nil }
func (p *statusProbe) WriteHeader(code int)        { p.code = code }

// today is the default as-of date.
func (a *API) today() plan.Date { return plan.DateOf(a.Now()) }
