package api

import (
	"context"
	_ "embed"
	"net/http"
	"time"
)

// healthz answers 200 when the store answers a trivial query, so a
// monitor notices a locked or vanished database, not only a dead process.
func (a *API) healthz(w http.ResponseWriter, r *http.Request) error {
	ctx, cancel := context.WithTimeout(r.Context(), 2*time.Second)
	defer cancel()
	if _, err := a.Store.ListUnits(ctx); err != nil {
		a.log.ErrorContext(r.Context(), "health check", "err", err)
		writeJSON(w, http.StatusServiceUnavailable, map[string]any{"error": map[string]string{"code": "internal", "message": "存储不可用 (store unavailable)"}})
		return nil
	}
	writeJSON(w, http.StatusOK, map[string]string{"status": "ok"})
	return nil
}

//go:embed openapi.json
var openAPIDoc []byte

func (a *API) openAPI(w http.ResponseWriter, r *http.Request) error {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Write(openAPIDoc)
	return nil
}
