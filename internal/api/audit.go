package api

import (
	"fmt"
	"net/http"
	"strconv"

	"github.com/planwatch/planwatch/internal/auth"
	"github.com/planwatch/planwatch/internal/store"
)

// maxAuditLimit bounds one page of the audit log.
const maxAuditLimit = 1000

func (a *API) listAudit(w http.ResponseWriter, r *http.Request) error {
	if err := auth.Require(auth.FromContext(r.Context()), store.RoleAdmin); err != nil {
		return err
	}
	limit := 100
	if s := r.URL.Query().Get("limit"); s != "" {
		n, err := strconv.Atoi(s)
		if err != nil || n <= 0 || n > maxAuditLimit {
			return invalidf("limit", "应为 1 到 %d 之间的整数，收到 %q (want 1..%d)", maxAuditLimit, s, maxAuditLimit)
		}
		limit = n
	}
	entries, err := a.Store.ListAudit(r.Context(), store.AuditFilter{Entity: r.URL.Query().Get("entity"), Limit: limit})
	if err != nil {
		return fmt.Errorf("list audit: %w", err)
	}
	writeJSON(w, http.StatusOK, map[string]any{"audit": nonNil(entries)})
	return nil
}
