package web_test

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/planwatch/planwatch/internal/api"
	"github.com/planwatch/planwatch/internal/demo"
	"github.com/planwatch/planwatch/internal/server"
	"github.com/planwatch/planwatch/internal/status"
	"github.com/planwatch/planwatch/internal/store"
	"github.com/planwatch/planwatch/internal/store/sqlite"
	"github.com/planwatch/planwatch/internal/web"
)

// testToday is "today" for the dashboard under test: mid-plan, so the
// Changsha demo has targets on track, behind and due soon.
var testToday = time.Date(2021, 6, 30, 12, 0, 0, 0, time.UTC)

// env is the real handler stack (server middleware, auth, CSRF, API and
// dashboard) over a fresh SQLite store holding the Changsha demo.
type env struct {
	t        *testing.T
	srv      *httptest.Server
	st       store.Store
	planID   int64
	admin    string // token secrets
	reporter string // 市工业和信息化局
	handler  http.Handler
}

func newEnv(t testing.TB, anonymous bool) *env {
	t.Helper()
	ctx := context.Background()
	st, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "web.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	res, err := demo.Setup(ctx, st)
	if err != nil {
		t.Fatal(err)
	}
	e := &env{st: st, planID: res.PlanID}
	for _, tok := range res.Tokens {
		switch tok.Role {
		case store.RoleAdmin:
			e.admin = tok.Secret
		case store.RoleReporter:
			e.reporter = tok.Secret
		}
	}
	log := slog.New(slog.NewTextHandler(logWriter{t}, &slog.HandlerOptions{Level: slog.LevelWarn}))
	h, err := web.New(web.Deps{Store: st, Status: status.DefaultConfig(), Logger: log, AllowAnonymous: anonymous, Now: func() time.Time { return testToday }})
	if err != nil {
		t.Fatal(err)
	}
	mux := http.NewServeMux()
	mux.Handle("/api/", api.New(api.Deps{Store: st, Status: status.DefaultConfig(), Logger: log, AllowAnonymous: anonymous}))
	mux.Handle("/", h)
	e.handler = server.Chain(mux, st, log)
	e.srv = httptest.NewServer(e.handler)
	t.Cleanup(e.srv.Close)
	return e
}

// logWriter sends the server's warnings and errors to the test log, so a
// 500 explains itself.
type logWriter struct{ t testing.TB }

func (w logWriter) Write(b []byte) (int, error) {
	w.t.Log(strings.TrimSpace(string(b)))
	return len(b), nil
}

// client is a browser-like HTTP client with a cookie jar that does not
// follow redirects, so tests see them.
func (e *env) client() *http.Client {
	jar, _ := cookiejar.New(nil)
	return &http.Client{Jar: jar, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
}

// get fetches path and returns status and body.
func get(t testing.TB, c *http.Client, u string) (int, string) {
	t.Helper()
	resp, err := c.Get(u)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp.StatusCode, string(b)
}

// post submits a form the way a browser on the same origin does.
func post(t testing.TB, c *http.Client, u string, form url.Values) (int, string, http.Header) {
	t.Helper()
	req, err := http.NewRequest(http.MethodPost, u, strings.NewReader(form.Encode()))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Sec-Fetch-Site", "same-origin")
	resp, err := c.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b), resp.Header
}

var csrfRE = regexp.MustCompile(`name="csrf_token" value="([^"]*)"`)

// csrfFrom returns the CSRF token a page put in its forms.
func csrfFrom(t testing.TB, body string) string {
	t.Helper()
	m := csrfRE.FindStringSubmatch(body)
	if m == nil {
		t.Fatal("no csrf_token field on the page")
	}
	return m[1]
}

// login signs c in with secret through the login form.
func (e *env) login(t testing.TB, c *http.Client, secret string) {
	t.Helper()
	code, _, h := post(t, c, e.srv.URL+"/login", url.Values{"token": {secret}, "next": {"/"}})
	if code != http.StatusSeeOther || h.Get("Location") != "/" {
		t.Fatalf("login: status %d location %q", code, h.Get("Location"))
	}
}
