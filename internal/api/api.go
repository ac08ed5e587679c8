// Package api serves planwatch's JSON API under /api/.
package api

import (
	"log/slog"
	"net/http"

	"github.com/planwatch/planwatch/internal/status"
	"github.com/planwatch/planwatch/internal/store"
)

// Deps is what the API handlers need.
type Deps struct {
	Store          store.Store
	Status         status.Config
	Logger         *slog.Logger
	AllowAnonymous bool // anonymous read-only access
}

// New returns the handler for /api/.
func New(d Deps) http.Handler {
	return http.NotFoundHandler()
}
