package web_test

import (
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
)

// BenchmarkPages renders every demo page through the full handler stack
// (middleware, auth, ledger, templates), without the network.
func BenchmarkPages(b *testing.B) {
	e := newEnv(b, true)
	tr := e.firstTarget(b, "市工业和信息化局")
	p := fmt.Sprintf("/plans/%d", e.planID)
	pages := map[string]string{
		"plans":     "/",
		"overview":  p + "?as_of=2022-12-31",
		"tree":      p + "/tree?as_of=2022-12-31",
		"target":    p + "/targets/" + tr.Target.ID + "?as_of=2022-12-31",
		"ledger":    p + "/ledger?as_of=2022-12-31",
		"matrix":    p + "/matrix",
		"deadlines": p + "/deadlines?as_of=2022-12-31",
		"unit":      "/units/" + url.PathEscape("市工业和信息化局"),
		"search":    "/search?q=" + url.QueryEscape("基站"),
		"import":    "/import",
	}
	for name, path := range pages {
		b.Run(name, func(b *testing.B) {
			for b.Loop() {
				req := httptest.NewRequest(http.MethodGet, path, nil)
				req.Header.Set("Accept-Encoding", "gzip")
				w := httptest.NewRecorder()
				e.handler.ServeHTTP(w, req)
				if w.Code != http.StatusOK {
					b.Fatalf("%s: status %d", path, w.Code)
				}
			}
		})
	}
}

// TestOverviewWeight reports what a first visit to the overview downloads
// (HTML, CSS, JS, ECharts), raw and gzipped, and holds it to the budget.
func TestOverviewWeight(t *testing.T) {
	e := newEnv(t, true)
	fetch := func(path string, gz bool) int {
		req, _ := http.NewRequest(http.MethodGet, e.srv.URL+path, nil)
		if gz {
			req.Header.Set("Accept-Encoding", "gzip")
		}
		resp, err := http.DefaultTransport.RoundTrip(req)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		n, _ := io.Copy(io.Discard, resp.Body)
		return int(n)
	}
	page := fmt.Sprintf("/plans/%d?as_of=2022-12-31", e.planID)
	_, body := get(t, e.client(), e.srv.URL+page)
	paths := []string{page}
	for _, m := range assetRE.FindAllStringSubmatch(body, -1) {
		paths = append(paths, m[1])
	}
	var raw, gz int
	var parts []string
	for _, p := range paths {
		r, g := fetch(p, false), fetch(p, true)
		raw += r
		gz += g
		parts = append(parts, fmt.Sprintf("%s %d/%d", p[strings.LastIndex(p, "/")+1:], r, g))
	}
	t.Logf("overview weight raw %d bytes, gzipped %d bytes (%s)", raw, gz, strings.Join(parts, ", "))
	if raw > 1_500_000 {
		t.Errorf("overview with its assets is %d bytes raw, over the 1.5 MB budget", raw)
	}
}
