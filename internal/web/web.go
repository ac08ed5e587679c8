// Package web serves the server-rendered dashboard at /: Chinese first,
// English by a switch, every page readable without JavaScript (charts
// excepted) and every asset embedded, because users sit on offline
// government intranets.
package web

import (
	"context"
	"fmt"
	"log/slog"
	"net/http"
	"time"

	"github.com/planwatch/planwatch/internal/ledger"
	"github.com/planwatch/planwatch/internal/status"
	"github.com/planwatch/planwatch/internal/store"
)

// Deps is what the pages need.
type Deps struct {
	Store          store.Store
	Status         status.Config
	Logger         *slog.Logger
	AllowAnonymous bool
	// Now gives the default as-of date; nil means time.Now.
	Now func() time.Time
	// BuildLedger judges the targets; nil means ledger.Build. Tests and
	// embedders may substitute their own.
	BuildLedger func(ctx context.Context, st store.Store, opts ledger.Options) (*ledger.Ledger, error)
}

// app holds the parsed templates and assets shared by every page handler.
type app struct {
	d      Deps
	log    *slog.Logger
	pages  map[string]*pageTemplate
	assets *assetSet
}

// New parses and checks the templates and returns the dashboard handler.
func New(d Deps) (http.Handler, error) {
	if d.Store == nil {
		return nil, fmt.Errorf("web: no store")
	}
	if d.Logger == nil {
		d.Logger = slog.Default()
	}
	if d.Now == nil {
		d.Now = time.Now
	}
	if d.BuildLedger == nil {
		d.BuildLedger = ledger.Build
	}
	if d.Status == (status.Config{}) {
		d.Status = status.DefaultConfig()
	}
	assets, err := loadAssets()
	if err != nil {
		return nil, fmt.Errorf("web: assets: %w", err)
	}
	a := &app{d: d, log: d.Logger, assets: assets}
	if a.pages, err = a.parseTemplates(); err != nil {
		return nil, fmt.Errorf("web: templates: %w", err)
	}
	return a.routes(), nil
}

// routes is the dashboard's whole URL map.
func (a *app) routes() http.Handler {
	mux := http.NewServeMux()
	mux.Handle("GET /static/", a.assets)
	mux.HandleFunc("GET /{$}", a.view(a.plansPage))
	mux.HandleFunc("GET /search", a.view(a.searchPage))
	mux.HandleFunc("GET /plans/{id}", a.view(a.overviewPage))
	mux.HandleFunc("GET /plans/{id}/tree", a.view(a.treePage))
	mux.HandleFunc("GET /plans/{id}/matrix", a.view(a.matrixPage))
	mux.HandleFunc("GET /plans/{id}/deadlines", a.view(a.deadlinesPage))
	mux.HandleFunc("GET /plans/{id}/ledger", a.view(a.ledgerPage))
	mux.HandleFunc("GET /plans/{id}/targets/{tid}", a.view(a.targetPage))
	mux.HandleFunc("GET /plans/{id}/targets/{tid}/report", a.view(a.reportPage))
	mux.HandleFunc("POST /plans/{id}/targets/{tid}/report", a.view(a.reportPage))
	mux.HandleFunc("GET /units/{name}", a.view(a.unitPage))
	mux.HandleFunc("GET /import", a.view(a.importPage))
	mux.HandleFunc("POST /import", a.view(a.importPage))
	mux.HandleFunc("GET /login", a.view(a.loginPage))
	mux.HandleFunc("POST /login", a.view(a.loginPage))
	mux.HandleFunc("POST /logout", a.logout)
	mux.HandleFunc("GET /admin", a.view(a.adminPage))
	mux.HandleFunc("POST /admin", a.view(a.adminPage))
	mux.HandleFunc("/", a.view(a.notFoundPage))
	return withLang(mux)
}
