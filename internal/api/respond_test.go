package api

import (
	"bytes"
	"context"
	"fmt"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/planwatch/planwatch/internal/store"
)

func TestErrorEnvelope(t *testing.T) {
	var logs bytes.Buffer
	a := &API{log: slog.New(slog.NewTextHandler(&logs, nil))}
	tests := []struct {
		err      error
		status   int
		code     string
		shown    string
		notShown string
	}{
		{store.Errorf(store.EInvalid, "kind: bad"), 400, "invalid", "kind: bad", ""},
		{fmt.Errorf("plan 3: %w", store.Errorf(store.ENotFound, "no plan 3")), 404, "not_found", "no plan 3", ""},
		{store.Errorf(store.EConflict, "dup"), 409, "conflict", "dup", ""},
		{store.Errorf(store.EUnauthorized, "who"), 401, "unauthorized", "who", ""},
		{store.Errorf(store.EForbidden, "no"), 403, "forbidden", "no", ""},
		{fmt.Errorf("query /var/lib/planwatch.db: disk I/O error"), 500, "internal", "internal error", "disk I/O"},
		{&http.MaxBytesError{Limit: 1 << 20}, 413, "invalid", "1048576", ""},
	}
	for _, tt := range tests {
		rec := httptest.NewRecorder()
		a.writeError(rec, httptest.NewRequest("GET", "/api/x", nil), tt.err)
		body := rec.Body.String()
		if rec.Code != tt.status || !strings.Contains(body, `"code": "`+tt.code+`"`) || !strings.Contains(body, tt.shown) {
			t.Errorf("%v: %d %s; want %d %s showing %q", tt.err, rec.Code, body, tt.status, tt.code, tt.shown)
		}
		if tt.notShown != "" && strings.Contains(body, tt.notShown) {
			t.Errorf("%v: the detail %q reached the client", tt.err, tt.notShown)
		}
	}
	if !strings.Contains(logs.String(), "disk I/O") {
		t.Error("the internal error's detail was not logged")
	}
}

func TestAbandonedRequestIsNoInternalError(t *testing.T) {
	var logs bytes.Buffer
	a := &API{log: slog.New(slog.NewTextHandler(&logs, nil))}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	r := httptest.NewRequest("GET", "/api/plans/1/status", nil).WithContext(ctx)
	a.writeError(httptest.NewRecorder(), r, fmt.Errorf("ledger: %w", context.Canceled))
	if strings.Contains(logs.String(), "level=ERROR") {
		t.Errorf("a client hanging up was logged as an error: %s", logs.String())
	}
}
