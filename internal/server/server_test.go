package server

import (
	"bytes"
	"context"
	"errors"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/planwatch/planwatch/internal/store"
)

// noTokens is a store that knows one token; the middleware chain asks it
// nothing else.
type noTokens struct{ store.Store }

func (noTokens) AuthenticateToken(_ context.Context, secret string) (store.Token, error) {
	if secret == "pw_reporter" {
		return store.Token{ID: 7, Name: "工信局报送", Role: store.RoleReporter, Unit: "市工业和信息化局"}, nil
	}
	return store.Token{}, store.Errorf(store.EUnauthorized, "unknown token")
}

func testChain(t *testing.T, mux *http.ServeMux) (http.Handler, *bytes.Buffer) {
	t.Helper()
	var logs bytes.Buffer
	log := slog.New(slog.NewJSONHandler(&logs, nil))
	return Chain(mux, noTokens{}, log), &logs
}

func TestPanicBecomes500AndServerKeepsServing(t *testing.T) {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /boom", func(w http.ResponseWriter, r *http.Request) { panic("handler bug") })
	mux.HandleFunc("GET /ok", func(w http.ResponseWriter, r *http.Request) { io.WriteString(w, "fine") })
	h, logs := testChain(t, mux)
	srv := httptest.NewServer(h)
	defer srv.Close()

	resp, err := srv.Client().Get(srv.URL + "/boom")
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 500 || !strings.Contains(string(body), `"code":"internal"`) || strings.Contains(string(body), "handler bug") {
		t.Errorf("panic answered %d %s; want 500 envelope without the panic text", resp.StatusCode, body)
	}
	if !strings.Contains(logs.String(), "handler bug") {
		t.Errorf("the panic was not logged: %s", logs.String())
	}
	for i := 0; i < 3; i++ {
		resp, err := srv.Client().Get(srv.URL + "/ok")
		if err != nil {
			t.Fatalf("after a panic the server stopped serving: %v", err)
		}
		b, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != 200 || string(b) != "fine" {
			t.Fatalf("after a panic: %d %q", resp.StatusCode, b)
		}
	}
}

func TestSecurityHeaders(t *testing.T) {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /", func(w http.ResponseWriter, r *http.Request) {})
	h, _ := testChain(t, mux)
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest("GET", "/", nil))
	csp := rec.Header().Get("Content-Security-Policy")
	for _, want := range []string{"default-src 'self'", "frame-ancestors 'none'", "script-src 'self'"} {
		if !strings.Contains(csp, want) {
			t.Errorf("CSP %q lacks %q", csp, want)
		}
	}
	if strings.Contains(csp, "http") || strings.Contains(csp, "*") || strings.Contains(csp, "unsafe") {
		t.Errorf("CSP %q allows more than this origin", csp)
	}
	if got := rec.Header().Get("X-Content-Type-Options"); got != "nosniff" {
		t.Errorf("X-Content-Type-Options = %q", got)
	}
	if got := rec.Header().Get("Referrer-Policy"); got == "" {
		t.Error("no Referrer-Policy")
	}
}

func TestBodyLimits(t *testing.T) {
	mux := http.NewServeMux()
	read := func(w http.ResponseWriter, r *http.Request) {
		if _, err := io.ReadAll(r.Body); err != nil {
			var mb *http.MaxBytesError
			if errors.As(err, &mb) {
				w.WriteHeader(http.StatusRequestEntityTooLarge)
				return
			}
			w.WriteHeader(400)
		}
	}
	mux.HandleFunc("POST /api/observations", read)
	mux.HandleFunc("POST /api/plans", read)
	h, _ := testChain(t, mux)
	srv := httptest.NewServer(h)
	defer srv.Close()

	tests := []struct {
		name    string
		path    string
		size    int
		chunked bool
		want    int
	}{
		{"observation within 1 MB", "/api/observations", MaxBodyBytes, false, 200},
		{"observation over 1 MB", "/api/observations", MaxBodyBytes + 1, false, 413},
		{"observation over 1 MB without Content-Length", "/api/observations", MaxBodyBytes + 1, true, 413},
		{"plan upload of 5 MB", "/api/plans", 5 << 20, false, 200},
		{"plan upload over 10 MB", "/api/plans", MaxUploadBytes + 1, false, 413},
		{"plan upload over 10 MB without Content-Length", "/api/plans", MaxUploadBytes + 1, true, 413},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var body io.Reader = bytes.NewReader(bytes.Repeat([]byte("x"), tt.size))
			if tt.chunked {
				body = io.MultiReader(body) // hides the length: sent chunked
			}
			req, _ := http.NewRequest("POST", srv.URL+tt.path, body)
			resp, err := srv.Client().Do(req)
			if err != nil {
				t.Fatal(err)
			}
			resp.Body.Close()
			if resp.StatusCode != tt.want {
				t.Errorf("status %d, want %d", resp.StatusCode, tt.want)
			}
		})
	}
}

func TestAccessLogHasNoSecrets(t *testing.T) {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /api/plans", func(w http.ResponseWriter, r *http.Request) {})
	h, logs := testChain(t, mux)
	req := httptest.NewRequest("GET", "/api/plans?as_of=2021-01-01", nil)
	req.AddCookie(&http.Cookie{Name: "planwatch_session", Value: "cookie-value-123"})
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	req = httptest.NewRequest("GET", "/api/plans", nil)
	req.Header.Set("Authorization", "Bearer secret-abc")
	h.ServeHTTP(httptest.NewRecorder(), req)
	req = httptest.NewRequest("GET", "/api/plans", nil)
	req.Header.Set("Authorization", "Bearer pw_reporter")
	h.ServeHTTP(httptest.NewRecorder(), req)
	out := logs.String()
	for _, want := range []string{`"method":"GET"`, `"path":"/api/plans"`, `"status":200`, `"status":401`, `"duration"`, `"caller":"anonymous"`, `"caller":"工信局报送"`} {
		if !strings.Contains(out, want) {
			t.Errorf("access log lacks %s: %s", want, out)
		}
	}
	for _, secret := range []string{"secret-abc", "cookie-value-123", "pw_reporter"} {
		if strings.Contains(out, secret) {
			t.Errorf("access log contains %q", secret)
		}
	}
}

func TestGracefulShutdownFinishesInFlightRequest(t *testing.T) {
	started := make(chan struct{})
	mux := http.NewServeMux()
	mux.HandleFunc("GET /slow", func(w http.ResponseWriter, r *http.Request) {
		close(started)
		time.Sleep(300 * time.Millisecond)
		io.WriteString(w, "done")
	})
	h, _ := testChain(t, mux)
	s := &Server{cfg: Config{Logger: slog.New(slog.DiscardHandler), ShutdownTimeout: 5 * time.Second}, handler: h}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	served := make(chan error, 1)
	go func() { served <- s.Serve(ctx, ln) }()

	type result struct {
		body string
		err  error
	}
	got := make(chan result, 1)
	go func() {
		resp, err := http.Get("http://" + ln.Addr().String() + "/slow")
		if err != nil {
			got <- result{err: err}
			return
		}
		b, err := io.ReadAll(resp.Body)
		resp.Body.Close()
		got <- result{string(b), err}
	}()
	<-started
	cancel() // SIGINT arrives while /slow is running

	r := <-got
	if r.err != nil || r.body != "done" {
		t.Fatalf("in-flight request during shutdown: %q, %v; want it to finish", r.body, r.err)
	}
	if err := <-served; err != nil {
		t.Fatalf("Serve after graceful shutdown: %v", err)
	}
	if _, err := net.DialTimeout("tcp", ln.Addr().String(), time.Second); err == nil {
		t.Error("server still accepts connections after shutdown")
	}
}

func TestEveryTimeoutIsSet(t *testing.T) {
	s := &Server{cfg: Config{Logger: slog.New(slog.DiscardHandler)}}
	hs := s.httpServer(context.Background())
	for name, d := range map[string]time.Duration{"ReadHeaderTimeout": hs.ReadHeaderTimeout, "ReadTimeout": hs.ReadTimeout, "WriteTimeout": hs.WriteTimeout, "IdleTimeout": hs.IdleTimeout} {
		if d <= 0 {
			t.Errorf("%s is not set", name)
		}
	}
	if hs.MaxHeaderBytes <= 0 || hs.MaxHeaderBytes >= http.DefaultMaxHeaderBytes {
		t.Errorf("MaxHeaderBytes = %d, want a limit below the 1 MB default", hs.MaxHeaderBytes)
	}
}
