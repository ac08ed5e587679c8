package api_test

import (
	"context"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"testing"

	"github.com/planwatch/planwatch/internal/api"
	"github.com/planwatch/planwatch/internal/demo"
	"github.com/planwatch/planwatch/internal/server"
	"github.com/planwatch/planwatch/internal/status"
	"github.com/planwatch/planwatch/internal/store/sqlite"
)

// demoHandler is the full middleware chain and API over the Changsha demo.
func demoHandler(b *testing.B) (http.Handler, demo.Result) {
	b.Helper()
	st, err := sqlite.Open(context.Background(), filepath.Join(b.TempDir(), "demo.db"))
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { st.Close() })
	res, err := demo.Setup(context.Background(), st)
	if err != nil {
		b.Fatal(err)
	}
	a := api.New(api.Deps{Store: st, Status: status.DefaultConfig(), Logger: slog.New(slog.DiscardHandler), AllowAnonymous: true})
	return server.Chain(a, st, slog.New(slog.DiscardHandler)), res
}

// BenchmarkPlanStatus is GET /api/plans/{id}/status on the demo plan: the
// request the dashboard's main page and the morning ledger make.
func BenchmarkPlanStatus(b *testing.B) {
	h, res := demoHandler(b)
	path := "/api/plans/" + jsonNum(res.PlanID) + "/status?as_of=2022-12-31"
	b.ReportAllocs()
	for b.Loop() {
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, httptest.NewRequest("GET", path, nil))
		if rec.Code != 200 {
			b.Fatalf("%d %s", rec.Code, rec.Body)
		}
	}
}

// BenchmarkCreateObservation is one reporter's POST /api/observations,
// with its permission check and audited write.
func BenchmarkCreateObservation(b *testing.B) {
	h, res := demoHandler(b)
	var secret string
	for _, t := range res.Tokens {
		if t.Role == "reporter" {
			secret = t.Secret
		}
	}
	body := `{"plan_id":` + jsonNum(res.PlanID) + `,"target_id":"2.1.1-1","kind":"stock","value":31000,"unit":"个","period_end":"2021-03-31","scope":"长沙市","quote":"累计建成5G基站31000个"}`
	b.ReportAllocs()
	for b.Loop() {
		req := httptest.NewRequest("POST", "/api/observations", strings.NewReader(body))
		req.Header.Set("Authorization", "Bearer "+secret)
		req.Header.Set("Content-Type", "application/json")
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		if rec.Code != 201 {
			b.Fatalf("%d %s", rec.Code, rec.Body)
		}
	}
}
