package auth

import (
	"crypto/rand"
	"crypto/subtle"
	"encoding/base64"
	"net/http"
	"sync"
	"time"

	"github.com/planwatch/planwatch/internal/store"
)

// SessionCookie is the name of the dashboard's session cookie.
const SessionCookie = "planwatch_session"

// CSRFField is the form field (and CSRFHeader the header) that carries the
// session's CSRF token on a cookie-authenticated write.
const (
	CSRFField  = "csrf_token"
	CSRFHeader = "X-CSRF-Token"
)

// SessionTTL is how long a login lasts: one working day and then some,
// so a morning login survives until the evening's ledger is sent.
const SessionTTL = 12 * time.Hour

// maxSessions bounds the table so a login loop cannot exhaust memory.
const maxSessions = 10000

type session struct {
	secret  string // the token secret, kept only in memory
	csrf    string
	expires time.Time
}

type sessionTable struct {
	mu sync.Mutex
	m  map[string]session
}

func newSessionTable() *sessionTable { return &sessionTable{m: make(map[string]session)} }

func (t *sessionTable) get(id string) (session, bool) {
	t.mu.Lock()
	defer t.mu.Unlock()
	s, ok := t.m[id]
	if !ok {
		return session{}, false
	}
	if time.Now().After(s.expires) {
		delete(t.m, id)
		return session{}, false
	}
	return s, true
}

func (t *sessionTable) put(id string, s session) {
	t.mu.Lock()
	defer t.mu.Unlock()
	if len(t.m) >= maxSessions {
		now := time.Now()
		for k, v := range t.m {
			if now.After(v.expires) {
				delete(t.m, k)
			}
		}
	}
	if len(t.m) >= maxSessions {
		// Still full of live sessions: drop the one closest to expiry
		// rather than refuse a legitimate login.
		var oldest string
		for k, v := range t.m {
			if oldest == "" || v.expires.Before(t.m[oldest].expires) {
				oldest = k
			}
		}
		delete(t.m, oldest)
	}
	t.m[id] = s
}

func (t *sessionTable) delete(id string) {
	t.mu.Lock()
	defer t.mu.Unlock()
	delete(t.m, id)
}

// env is what Middleware leaves on the context for SetSession, ClearSession
// and CSRFToken.
type env struct {
	store    store.Store
	sessions *sessionTable
}

type envKey struct{}

func randomID() string {
	b := make([]byte, 32)
	_, _ = rand.Read(b) // crypto/rand.Read never fails on supported platforms
	return base64.RawURLEncoding.EncodeToString(b)
}

// SetSession logs a browser in: it checks secret against the store and, if
// it is a live token, starts a session and sets the session cookie
// (HttpOnly, SameSite=Lax, Secure when the request came over TLS). Any
// session the browser already had ends, so a fixed session id cannot be
// carried across a login. A wrong or revoked secret gives a coded
// EUnauthorized error whose message can be shown on the login page.
// r must have passed through Middleware.
func SetSession(w http.ResponseWriter, r *http.Request, secret string) (store.Token, error) {
	e, ok := r.Context().Value(envKey{}).(*env)
	if !ok {
		return store.Token{}, errNoMiddleware
	}
	if secret == "" {
		return store.Token{}, store.Errorf(store.EUnauthorized, "请输入令牌 (token required)")
	}
	tok, err := e.store.AuthenticateToken(r.Context(), secret)
	if store.ErrorCode(err) == store.EUnauthorized {
		return store.Token{}, store.Errorf(store.EUnauthorized, "令牌无效或已吊销 (invalid or revoked token)")
	}
	if err != nil {
		return store.Token{}, err
	}
	if c, err := r.Cookie(SessionCookie); err == nil {
		e.sessions.delete(c.Value)
	}
	id := randomID()
	e.sessions.put(id, session{secret: secret, csrf: randomID(), expires: time.Now().Add(SessionTTL)})
	http.SetCookie(w, &http.Cookie{
		Name:     SessionCookie,
		Value:    id,
		Path:     "/",
		MaxAge:   int(SessionTTL / time.Second),
		HttpOnly: true,
		Secure:   r.TLS != nil,
		SameSite: http.SameSiteLaxMode,
	})
	return tok, nil
}

// ClearSession logs a browser out: the session ends on the server and the
// cookie is removed. It is safe to call without a session.
func ClearSession(w http.ResponseWriter, r *http.Request) {
	if e, ok := r.Context().Value(envKey{}).(*env); ok {
		if c, err := r.Cookie(SessionCookie); err == nil {
			e.sessions.delete(c.Value)
		}
	}
	clearCookie(w, r)
}

func clearCookie(w http.ResponseWriter, r *http.Request) {
	http.SetCookie(w, &http.Cookie{
		Name:     SessionCookie,
		Value:    "",
		Path:     "/",
		MaxAge:   -1,
		HttpOnly: true,
		Secure:   r.TLS != nil,
		SameSite: http.SameSiteLaxMode,
	})
}

// CSRFToken returns the CSRF token of the request's session, to be put in
// every form that posts (<input type="hidden" name="csrf_token">) or sent
// as the X-CSRF-Token header by scripts. It is "" when the request has no
// session (anonymous pages, the login form), where CSRF only checks origin.
func CSRFToken(r *http.Request) string {
	id := FromContext(r.Context())
	if id.Via != ViaSession {
		return ""
	}
	e, ok := r.Context().Value(envKey{}).(*env)
	if !ok {
		return ""
	}
	s, ok := e.sessions.get(id.SessionID)
	if !ok {
		return ""
	}
	return s.csrf
}

// CheckCSRF returns nil when r may change state: safe methods (GET, HEAD,
// OPTIONS) always; otherwise r must not come from another origin
// (Sec-Fetch-Site, else Origin against Host) and, when its identity came
// from the session cookie, must carry the session's token in the
// csrf_token form field or the X-CSRF-Token header. The error is a coded
// EForbidden. r must have passed through Middleware.
func CheckCSRF(r *http.Request) error {
	switch r.Method {
	case http.MethodGet, http.MethodHead, http.MethodOptions:
		return nil
	}
	if err := http.NewCrossOriginProtection().Check(r); err != nil {
		return store.Errorf(store.EForbidden, "拒绝跨站请求 (cross-origin request rejected)")
	}
	if FromContext(r.Context()).Via != ViaSession {
		return nil
	}
	want := CSRFToken(r)
	got := r.Header.Get(CSRFHeader)
	if got == "" {
		got = r.PostFormValue(CSRFField)
	}
	if want == "" || subtle.ConstantTimeCompare([]byte(got), []byte(want)) != 1 {
		return store.Errorf(store.EForbidden, "页面已过期，请刷新后重试 (missing or stale CSRF token)")
	}
	return nil
}

// CSRF is middleware applying CheckCSRF to every request; rejected
// requests get 403 with the JSON error envelope. It must sit inside
// Middleware. The server wraps everything in it, so the dashboard's
// handlers need only put CSRFToken into their forms.
func CSRF(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if err := CheckCSRF(r); err != nil {
			writeError(w, http.StatusForbidden, store.EForbidden, store.ErrorMessage(err))
			return
		}
		next.ServeHTTP(w, r)
	})
}
