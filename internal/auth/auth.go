// Package auth decides who a request is and what it may write: admins
// everything, reporters only targets of tasks their unit leads or co-leads,
// anonymous callers read-only (when allowed).
//
// A request is authenticated in one of two ways:
//
//   - API clients send "Authorization: Bearer <secret>", the secret that
//     `planwatch token create` or POST /api/tokens printed once.
//   - Browsers carry a session cookie set by the dashboard's login page
//     through Login. The cookie holds a random session id, never the token
//     secret: the id maps, in this process's memory, to the secret. So a
//     leaked cookie dies with Logout or a restart, and revoking the token
//     ends every session of it at once (the secret is re-checked against the
//     store on each request). The cost is that a restart logs everyone out,
//     which a supervision office can live with.
//
// Cookie-authenticated writes are exposed to cross-site request forgery;
// CSRF rejects them unless they carry the session's token (CSRFToken) and
// come from the same origin. Bearer requests carry no ambient credential and
// need neither.
package auth

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"strings"

	"github.com/planwatch/planwatch/internal/store"
)

// How an identity was established.
const (
	ViaBearer  = "bearer"
	ViaSession = "session"
)

// Identity is the caller of a request; the zero Identity is anonymous.
type Identity struct {
	Token store.Token
	Known bool
	// Via is ViaBearer or ViaSession for a known identity, "" for anonymous.
	Via string
	// SessionID is the browser session the identity came from (Via == ViaSession).
	SessionID string
}

// Actor returns the identity as the store's audit actor.
func (id Identity) Actor() store.Actor {
	if !id.Known {
		return store.Actor{Name: "anonymous"}
	}
	return store.Actor{TokenID: id.Token.ID, Name: id.Token.Name, Role: id.Token.Role, Unit: id.Token.Unit}
}

// IsAdmin reports whether id is a known admin.
func (id Identity) IsAdmin() bool { return id.Known && id.Token.Role == store.RoleAdmin }

// FromContext returns the identity the middleware put on ctx.
func FromContext(ctx context.Context) Identity {
	id, _ := ctx.Value(ctxKey{}).(Identity)
	return id
}

type ctxKey struct{}

// WithIdentity returns ctx carrying id.
func WithIdentity(ctx context.Context, id Identity) context.Context {
	return context.WithValue(ctx, ctxKey{}, id)
}

// Middleware authenticates "Authorization: Bearer <secret>" or the session
// cookie and puts the Identity on the request context. A bad or revoked
// bearer secret is answered 401 at once, so a client with a typo learns it
// instead of silently reading as anonymous; a stale session cookie is
// cleared and the request goes on as anonymous, so a browser falls back to
// the public pages.
//
// Each call creates its own session table; wrap the whole server (API and
// dashboard) once, so a login on one is seen by the other. Wrapping again
// inside is harmless: an inner Middleware reuses the outer one's table and
// identity.
func Middleware(st store.Store) func(http.Handler) http.Handler {
	sessions := newSessionTable()
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if _, ok := r.Context().Value(envKey{}).(*env); ok {
				next.ServeHTTP(w, r)
				return
			}
			ctx := context.WithValue(r.Context(), envKey{}, &env{store: st, sessions: sessions})
			id, err := identify(ctx, st, sessions, r)
			if err != nil {
				if store.ErrorCode(err) == store.EUnauthorized {
					writeError(w, http.StatusUnauthorized, store.EUnauthorized, "令牌无效或已吊销 (invalid or revoked token)")
					return
				}
				writeError(w, http.StatusInternalServerError, store.EInternal, "internal error")
				return
			}
			if id.Via == "" {
				if c, err := r.Cookie(SessionCookie); err == nil && c.Value != "" {
					clearCookie(w, r)
				}
			}
			next.ServeHTTP(w, r.WithContext(WithIdentity(ctx, id)))
		})
	}
}

// identify returns the caller of r: bearer first, then the session cookie.
func identify(ctx context.Context, st store.Store, sessions *sessionTable, r *http.Request) (Identity, error) {
	if h := r.Header.Get("Authorization"); h != "" {
		secret, ok := strings.CutPrefix(h, "Bearer ")
		secret = strings.TrimSpace(secret)
		if !ok || secret == "" {
			return Identity{}, store.Errorf(store.EUnauthorized, "Authorization header must be \"Bearer <secret>\"")
		}
		tok, err := st.AuthenticateToken(ctx, secret)
		if err != nil {
			return Identity{}, err
		}
		return Identity{Token: tok, Known: true, Via: ViaBearer}, nil
	}
	c, err := r.Cookie(SessionCookie)
	if err != nil || c.Value == "" {
		return Identity{}, nil
	}
	s, ok := sessions.get(c.Value)
	if !ok {
		return Identity{}, nil
	}
	tok, err := st.AuthenticateToken(ctx, s.secret)
	if store.ErrorCode(err) == store.EUnauthorized {
		// The token was revoked since login: the session goes with it.
		sessions.delete(c.Value)
		return Identity{}, nil
	}
	if err != nil {
		return Identity{}, err
	}
	return Identity{Token: tok, Known: true, Via: ViaSession, SessionID: c.Value}, nil
}

// Require returns nil when id holds one of roles (any known identity when
// roles is empty), a coded EUnauthorized error for an anonymous caller and
// EForbidden for a known caller without the role.
func Require(id Identity, roles ...string) error {
	if !id.Known {
		return store.Errorf(store.EUnauthorized, "需要登录或令牌 (authentication required)")
	}
	if len(roles) == 0 {
		return nil
	}
	for _, r := range roles {
		if id.Token.Role == r {
			return nil
		}
	}
	return store.Errorf(store.EForbidden, "需要%s权限 (requires role %s)", strings.Join(roles, "或"), strings.Join(roles, " or "))
}

// RequireRole returns middleware letting through only callers holding one
// of roles; others get 401 (anonymous) or 403 with the JSON error envelope.
// It must sit inside Middleware.
func RequireRole(roles ...string) func(http.Handler) http.Handler {
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if err := Require(FromContext(r.Context()), roles...); err != nil {
				status := http.StatusForbidden
				if store.ErrorCode(err) == store.EUnauthorized {
					status = http.StatusUnauthorized
				}
				writeError(w, status, store.ErrorCode(err), store.ErrorMessage(err))
				return
			}
			next.ServeHTTP(w, r)
		})
	}
}

// CanWriteTarget reports whether id may add observations to a target of a
// task with the given lead and co units (names as written; resolve maps a
// name or alias to its canonical unit).
//
// Admins may write any target and anonymous callers none. A reporter may
// write when its unit and one of the task's units resolve to the same
// canonical unit, so "市工信局" on a token matches "市工业和信息化局" in the
// plan. A collective name ("各区县市人民政府和园区管委会", "各相关单位") names
// no unit in particular and never matches a specific one, even if someone
// registered it as an alias. Resolution errors deny: failing closed is the
// only safe answer for a write check.
func CanWriteTarget(ctx context.Context, id Identity, lead, co []string, resolve func(context.Context, string) (string, error)) bool {
	if !id.Known {
		return false
	}
	switch id.Token.Role {
	case store.RoleAdmin:
		return true
	case store.RoleReporter:
	default:
		return false
	}
	if strings.TrimSpace(id.Token.Unit) == "" || IsCollectiveUnit(id.Token.Unit) {
		return false
	}
	mine, err := resolve(ctx, strings.TrimSpace(id.Token.Unit))
	if err != nil || mine == "" {
		return false
	}
	for _, names := range [][]string{lead, co} {
		for _, n := range names {
			n = strings.TrimSpace(n)
			if n == "" || IsCollectiveUnit(n) {
				continue
			}
			canon, err := resolve(ctx, n)
			if err != nil {
				return false
			}
			if canon == mine {
				return true
			}
		}
	}
	return false
}

// IsCollectiveUnit reports whether name stands for a group of units
// ("各区县市人民政府和园区管委会", "各相关部门", "有关单位", "市直各部门")
// rather than one unit.
func IsCollectiveUnit(name string) bool {
	name = strings.TrimSpace(name)
	switch {
	case strings.HasPrefix(name, "各"), strings.HasPrefix(name, "有关"), strings.HasPrefix(name, "相关"):
		return true
	case strings.Contains(name, "各部门"), strings.Contains(name, "各单位"), strings.Contains(name, "各区"), strings.Contains(name, "各县"):
		return true
	case strings.HasSuffix(name, "等"):
		return true
	}
	return false
}

// errNoMiddleware is returned by Login when the request did not pass
// through Middleware, which owns the session table.
var errNoMiddleware = errors.New("auth: request did not pass through auth.Middleware")

// writeError writes the API's error envelope; auth cannot import api (api
// imports auth), so this small twin stays here.
func writeError(w http.ResponseWriter, status int, code, message string) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	body := map[string]map[string]string{"error": {"code": code, "message": message}}
	_ = json.NewEncoder(w).Encode(body)
}
