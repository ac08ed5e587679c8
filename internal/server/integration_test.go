package server_test

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

	"github.com/planwatch/planwatch/internal/demo"
	"github.com/planwatch/planwatch/internal/server"
	"github.com/planwatch/planwatch/internal/status"
	"github.com/planwatch/planwatch/internal/store"
	"github.com/planwatch/planwatch/internal/store/sqlite"
)

// TestBrowserSession logs in on the dashboard and checks that the session
// reaches the API, that its writes need the page's CSRF token, and that
// logging out ends it.
func TestBrowserSession(t *testing.T) {
	ctx := context.Background()
	st, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "demo.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	res, err := demo.Setup(ctx, st)
	if err != nil {
		t.Fatal(err)
	}
	var admin string
	for _, tok := range res.Tokens {
		if tok.Role == store.RoleAdmin {
			admin = tok.Secret
		}
	}
	srv, err := server.New(server.Config{Store: st, Status: status.DefaultConfig(), Logger: slog.New(slog.DiscardHandler), AllowAnonymous: true})
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(srv.Handler())
	defer ts.Close()
	jar, _ := cookiejar.New(nil)
	browser := &http.Client{Jar: jar}

	send := func(method, path string, form url.Values, header map[string]string) (int, string) {
		t.Helper()
		var body io.Reader
		if form != nil {
			body = strings.NewReader(form.Encode())
		}
		req, _ := http.NewRequest(method, ts.URL+path, body)
		if form != nil {
			req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		}
		for k, v := range header {
			req.Header.Set(k, v)
		}
		resp, err := browser.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		return resp.StatusCode, string(b)
	}

	if code, _ := send("GET", "/api/audit", nil, nil); code != 401 {
		t.Fatalf("audit before login: %d, want 401", code)
	}
	if code, body := send("POST", "/login", url.Values{"token": {"pw_wrong"}}, nil); code != 401 {
		t.Errorf("login with a wrong secret: %d\n%.300s", code, body)
	}
	if code, body := send("POST", "/login", url.Values{"token": {admin}}, nil); code != 200 {
		t.Fatalf("login: %d\n%.300s", code, body)
	}
	for _, c := range jar.Cookies(mustURL(ts.URL)) {
		if strings.Contains(c.Value, admin) {
			t.Fatal("the session cookie carries the token secret")
		}
	}
	if code, _ := send("GET", "/api/audit", nil, nil); code != 200 {
		t.Fatalf("API with the dashboard session: %d, want 200", code)
	}

	// The admin page carries the session's CSRF token in its forms.
	_, page := send("GET", "/admin", nil, nil)
	m := regexp.MustCompile(`name="csrf_token" value="([^"]+)"`).FindStringSubmatch(page)
	if m == nil {
		t.Fatalf("no CSRF token on the admin page:\n%.500s", page)
	}
	csrf := m[1]
	unit := `{"name":"市测试局"}`
	post := func(header map[string]string) int {
		req, _ := http.NewRequest("POST", ts.URL+"/api/units", strings.NewReader(unit))
		req.Header.Set("Content-Type", "application/json")
		for k, v := range header {
			req.Header.Set(k, v)
		}
		resp, err := browser.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		return resp.StatusCode
	}
	if code := post(nil); code != 403 {
		t.Errorf("cookie write without the CSRF token: %d, want 403", code)
	}
	if code := post(map[string]string{"X-CSRF-Token": csrf, "Origin": "http://evil.example"}); code != 403 {
		t.Errorf("cookie write from another origin: %d, want 403", code)
	}
	if code := post(map[string]string{"X-CSRF-Token": csrf}); code != 201 {
		t.Errorf("cookie write with the CSRF token: %d, want 201", code)
	}

	if code, _ := send("POST", "/logout", url.Values{}, nil); code != 403 {
		t.Errorf("logout without the CSRF token: %d, want 403", code)
	}
	if code, _ := send("POST", "/logout", url.Values{"csrf_token": {csrf}}, nil); code != 200 {
		t.Errorf("logout: %d", code)
	}
	if code, _ := send("GET", "/api/audit", nil, nil); code != 401 {
		t.Errorf("audit after logout: %d, want 401", code)
	}
}

func mustURL(s string) *url.URL {
	u, err := url.Parse(s)
	if err != nil {
		panic(err)
	}
	return u
}
