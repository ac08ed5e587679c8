package auth

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"github.com/planwatch/planwatch/internal/store"
)

// tokenStore answers only what auth asks of a store; any other method
// panics through the nil embedded interface, which the tests would catch.
type tokenStore struct {
	store.Store
	tokens map[string]store.Token // secret -> token
}

func (s *tokenStore) AuthenticateToken(ctx context.Context, secret string) (store.Token, error) {
	t, ok := s.tokens[secret]
	if !ok || t.Revoked {
		return store.Token{}, store.Errorf(store.EUnauthorized, "unknown token")
	}
	return t, nil
}

var aliases = map[string]string{"市工信局": "市工业和信息化局"}

func resolve(ctx context.Context, name string) (string, error) {
	if c, ok := aliases[name]; ok {
		return c, nil
	}
	return name, nil
}

func reporter(unit string) Identity {
	return Identity{Known: true, Token: store.Token{ID: 2, Name: "r", Role: store.RoleReporter, Unit: unit}}
}

func TestCanWriteTarget(t *testing.T) {
	lead := []string{"市工业和信息化局"}
	co := []string{"市发展改革委", "各区县市人民政府和园区管委会"}
	tests := []struct {
		name     string
		id       Identity
		lead, co []string
		want     bool
	}{
		{"anonymous", Identity{}, lead, co, false},
		{"admin", Identity{Known: true, Token: store.Token{Role: store.RoleAdmin}}, nil, nil, true},
		{"reporter of the lead unit", reporter("市工业和信息化局"), lead, co, true},
		{"reporter whose token names an alias", reporter("市工信局"), lead, co, true},
		{"plan writes the alias, token the canonical name", reporter("市工业和信息化局"), []string{"市工信局"}, nil, true},
		{"reporter of a co unit", reporter("市发展改革委"), lead, co, true},
		{"reporter of another unit", reporter("市教育局"), lead, co, false},
		{"a district is not 各区县市", reporter("岳麓区人民政府"), lead, co, false},
		{"collective token unit matches nothing", reporter("各区县市人民政府和园区管委会"), lead, co, false},
		{"reporter without unit", reporter(""), lead, co, false},
		{"unknown role", Identity{Known: true, Token: store.Token{Role: "viewer", Unit: "市工业和信息化局"}}, lead, co, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := CanWriteTarget(context.Background(), tt.id, tt.lead, tt.co, resolve); got != tt.want {
				t.Errorf("CanWriteTarget = %v, want %v", got, tt.want)
			}
		})
	}
}

func TestCanWriteTargetDeniesOnResolveError(t *testing.T) {
	failing := func(context.Context, string) (string, error) { return "", store.Errorf(store.EInternal, "db down") }
	if CanWriteTarget(context.Background(), reporter("市工业和信息化局"), []string{"市工业和信息化局"}, nil, failing) {
		t.Fatal("a failing resolver must deny")
	}
}

func TestCollectiveAliasNeverMatches(t *testing.T) {
	// Someone aliased the collective name to one district by mistake.
	bad := func(ctx context.Context, name string) (string, error) {
		if name == "各区县市人民政府和园区管委会" {
			return "岳麓区人民政府", nil
		}
		return name, nil
	}
	if CanWriteTarget(context.Background(), reporter("岳麓区人民政府"), []string{"各区县市人民政府和园区管委会"}, nil, bad) {
		t.Fatal("a collective name matched a specific district")
	}
}

func newTestServer(t *testing.T) *httptest.Server {
	t.Helper()
	st := &tokenStore{tokens: map[string]store.Token{
		"admin-secret": {ID: 1, Name: "admin", Role: store.RoleAdmin},
		"gone":         {ID: 3, Name: "old", Role: store.RoleAdmin, Revoked: true},
	}}
	mux := http.NewServeMux()
	mux.HandleFunc("GET /whoami", func(w http.ResponseWriter, r *http.Request) {
		id := FromContext(r.Context())
		w.Write([]byte(id.Via + ":" + id.Token.Name + ":" + CSRFToken(r)))
	})
	mux.HandleFunc("POST /login", func(w http.ResponseWriter, r *http.Request) {
		if _, err := SetSession(w, r, r.PostFormValue("secret")); err != nil {
			http.Error(w, store.ErrorMessage(err), http.StatusUnauthorized)
		}
	})
	mux.HandleFunc("POST /logout", func(w http.ResponseWriter, r *http.Request) { ClearSession(w, r) })
	mux.Handle("POST /admin", RequireRole(store.RoleAdmin)(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {})))
	srv := httptest.NewServer(Middleware(st)(CSRF(mux)))
	t.Cleanup(srv.Close)
	return srv
}

func do(t *testing.T, c *http.Client, method, u string, form url.Values, hdr map[string]string) (int, string, *http.Response) {
	t.Helper()
	var body *strings.Reader
	if form != nil {
		body = strings.NewReader(form.Encode())
	} else {
		body = strings.NewReader("")
	}
	req, _ := http.NewRequest(method, u, body)
	if form != nil {
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	}
	for k, v := range hdr {
		req.Header.Set(k, v)
	}
	resp, err := c.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b), resp
}

func TestBearer(t *testing.T) {
	srv := newTestServer(t)
	c := srv.Client()
	if code, body, _ := do(t, c, "GET", srv.URL+"/whoami", nil, map[string]string{"Authorization": "Bearer admin-secret"}); code != 200 || !strings.HasPrefix(body, "bearer:admin:") {
		t.Errorf("valid bearer: %d %q", code, body)
	}
	for _, h := range []string{"Bearer wrong", "Bearer gone", "Basic abc", "Bearer "} {
		if code, body, _ := do(t, c, "GET", srv.URL+"/whoami", nil, map[string]string{"Authorization": h}); code != 401 || !strings.Contains(body, `"unauthorized"`) {
			t.Errorf("%q: %d %q, want 401 envelope", h, code, body)
		}
	}
	if code, body, _ := do(t, c, "GET", srv.URL+"/whoami", nil, nil); code != 200 || body != "::" {
		t.Errorf("anonymous: %d %q", code, body)
	}
	if code, _, _ := do(t, c, "POST", srv.URL+"/admin", nil, nil); code != 401 {
		t.Errorf("anonymous admin post: %d, want 401", code)
	}
	if code, _, _ := do(t, c, "POST", srv.URL+"/admin", nil, map[string]string{"Authorization": "Bearer admin-secret"}); code != 200 {
		t.Errorf("admin post with bearer (no CSRF token needed): %d, want 200", code)
	}
}

func TestSessionLoginCSRFLogout(t *testing.T) {
	srv := newTestServer(t)
	c := srv.Client()
	jar := &cookieJar{}
	c.Jar = jar

	if code, _, _ := do(t, c, "POST", srv.URL+"/login", url.Values{"secret": {"wrong"}}, nil); code != 401 {
		t.Fatalf("login with a wrong secret: %d", code)
	}
	code, _, resp := do(t, c, "POST", srv.URL+"/login", url.Values{"secret": {"admin-secret"}}, nil)
	if code != 200 {
		t.Fatalf("login: %d", code)
	}
	var sc *http.Cookie
	for _, ck := range resp.Cookies() {
		if ck.Name == SessionCookie {
			sc = ck
		}
	}
	if sc == nil || !sc.HttpOnly || sc.SameSite != http.SameSiteLaxMode || sc.Value == "admin-secret" || strings.Contains(sc.Value, "admin") {
		t.Fatalf("session cookie %+v: want HttpOnly, SameSite=Lax, not the secret", sc)
	}

	_, body, _ := do(t, c, "GET", srv.URL+"/whoami", nil, nil)
	parts := strings.SplitN(body, ":", 3)
	if len(parts) != 3 || parts[0] != ViaSession || parts[1] != "admin" || len(parts[2]) < 20 {
		t.Fatalf("whoami after login = %q", body)
	}
	csrf := parts[2]

	if code, _, _ := do(t, c, "POST", srv.URL+"/admin", url.Values{}, nil); code != 403 {
		t.Errorf("session post without CSRF token: %d, want 403", code)
	}
	if code, _, _ := do(t, c, "POST", srv.URL+"/admin", url.Values{CSRFField: {"forged"}}, nil); code != 403 {
		t.Errorf("session post with a wrong CSRF token: %d, want 403", code)
	}
	if code, _, _ := do(t, c, "POST", srv.URL+"/admin", url.Values{CSRFField: {csrf}}, map[string]string{"Sec-Fetch-Site": "cross-site"}); code != 403 {
		t.Errorf("cross-site post even with the token: %d, want 403", code)
	}
	if code, _, _ := do(t, c, "POST", srv.URL+"/admin", url.Values{CSRFField: {csrf}}, map[string]string{"Origin": "http://evil.example"}); code != 403 {
		t.Errorf("post from another Origin: %d, want 403", code)
	}
	if code, _, _ := do(t, c, "POST", srv.URL+"/admin", url.Values{CSRFField: {csrf}}, map[string]string{"Sec-Fetch-Site": "same-origin"}); code != 200 {
		t.Errorf("same-origin post with the form token: %d, want 200", code)
	}
	if code, _, _ := do(t, c, "POST", srv.URL+"/admin", nil, map[string]string{CSRFHeader: csrf}); code != 200 {
		t.Errorf("post with the header token: %d, want 200", code)
	}

	if code, _, _ := do(t, c, "POST", srv.URL+"/logout", url.Values{CSRFField: {csrf}}, nil); code != 200 {
		t.Fatalf("logout: %d", code)
	}
	// Replaying the old cookie after logout must not work.
	req, _ := http.NewRequest("GET", srv.URL+"/whoami", nil)
	req.AddCookie(sc)
	r3, err := srv.Client().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	got, _ := io.ReadAll(r3.Body)
	r3.Body.Close()
	if string(got) != "::" {
		t.Errorf("old session cookie after logout identifies %q, want anonymous", got)
	}
}

// cookieJar is a one-host jar; net/http/cookiejar would do too, but this
// keeps the test's cookie handling visible.
type cookieJar struct{ cookies map[string]*http.Cookie }

func (j *cookieJar) SetCookies(u *url.URL, cs []*http.Cookie) {
	if j.cookies == nil {
		j.cookies = map[string]*http.Cookie{}
	}
	for _, c := range cs {
		if c.MaxAge < 0 {
			delete(j.cookies, c.Name)
			continue
		}
		j.cookies[c.Name] = c
	}
}

func (j *cookieJar) Cookies(u *url.URL) []*http.Cookie {
	var out []*http.Cookie
	for _, c := range j.cookies {
		out = append(out, c)
	}
	return out
}
