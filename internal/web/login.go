package web

import (
	"net/http"
	"strings"

	"github.com/planwatch/planwatch/internal/auth"
	"github.com/planwatch/planwatch/internal/store"
)

// loginPage signs a browser in with a token secret (auth's session helper)
// and goes back to the page that asked for it.
func (a *app) loginPage(w http.ResponseWriter, r *http.Request, p *page) error {
	next := safeNext(r.FormValue("next"))
	var msg string
	if r.Method == http.MethodPost {
		tok, err := auth.SetSession(w, r, strings.TrimSpace(r.PostFormValue("token")))
		switch {
		case err == nil:
			a.log.Info("dashboard login", "token", tok.Name, "role", tok.Role)
			http.Redirect(w, r, next, http.StatusSeeOther)
			return errHandled
		case store.ErrorCode(err) == store.EUnauthorized:
			msg = p.T("login.bad")
			p.Status = http.StatusUnauthorized
		default:
			return err
		}
	}
	p.template = "login"
	p.Title = p.T("login.title")
	p.Data = struct{ Next, Error string }{next, msg}
	return nil
}

// logout ends the session and returns to the plans list.
func (a *app) logout(w http.ResponseWriter, r *http.Request) {
	if err := auth.CheckCSRF(r); err != nil {
		a.fail(w, r, a.newPage(r), err)
		return
	}
	auth.ClearSession(w, r)
	http.Redirect(w, r, "/", http.StatusSeeOther)
}

// safeNext keeps post-login redirects on this site: a path, never a URL
// with a host (which would make the login page an open redirect).
func safeNext(next string) string {
	if !strings.HasPrefix(next, "/") || strings.HasPrefix(next, "//") || strings.HasPrefix(next, "/\\") {
		return "/"
	}
	return next
}
