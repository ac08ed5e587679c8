package web

import (
	"net/http"
	"strconv"
	"strings"

	"github.com/planwatch/planwatch/internal/auth"
	"github.com/planwatch/planwatch/internal/store"
)

type adminData struct {
	Units  []store.Unit
	Users  []userRow
	Tokens []store.Token
	// Disabled holds the IDs of disabled users: their unrevoked tokens
	// are listed as not working.
	Disabled map[int64]bool
	// Secret is a new token's secret, shown on this one response only.
	Secret   string
	NewToken *store.Token
	Done     string
	// DoneWhat is the plan data Done names (a unit, a user), shown marked
	// as Chinese so that an English screen reader switches voice for it.
	DoneWhat string
	Errors   map[string]string
	Form     map[string]string
}

// userRow is a user with the number of its live tokens.
type userRow struct {
	store.User
	LiveTokens int
}

// adminPage creates units, aliases, users and tokens; admins only.
func (a *app) adminPage(w http.ResponseWriter, r *http.Request, p *page) error {
	if !p.Ident.Known {
		http.Redirect(w, r, "/login?next=/admin", http.StatusSeeOther)
		return errHandled
	}
	if !p.IsAdmin() {
		return store.Errorf(store.EForbidden, "%s", p.T("admin.forbidden"))
	}
	ctx := r.Context()
	d := adminData{Errors: map[string]string{}, Form: map[string]string{}}
	if r.Method == http.MethodPost {
		get := func(k string) string {
			v := strings.TrimSpace(r.PostFormValue(k))
			d.Form[k] = v
			return v
		}
		actor := p.Ident.Actor()
		var err error
		switch r.PostFormValue("action") {
		case "unit":
			name := get("unit_name")
			aliases := splitUnits(get("unit_aliases"))
			if name == "" {
				d.Errors["unit_name"] = p.T("admin.err.name")
				break
			}
			if _, err = a.d.Store.CreateUnit(ctx, name, aliases, actor); err == nil {
				d.Done, d.DoneWhat = p.T("admin.done.unit"), name
			}
		case "alias":
			id, perr := strconv.ParseInt(get("alias_unit"), 10, 64)
			alias := get("alias")
			if perr != nil || id <= 0 {
				d.Errors["alias_unit"] = p.T("admin.err.unit")
			}
			if alias == "" {
				d.Errors["alias"] = p.T("admin.err.name")
			}
			if len(d.Errors) == 0 {
				if err = a.d.Store.AddUnitAlias(ctx, id, alias, actor); err == nil {
					d.Done, d.DoneWhat = p.T("admin.done.alias"), alias
				}
			}
		case "user":
			u := store.User{Name: get("user_name"), Role: get("user_role"), Unit: get("user_unit")}
			if u.Name == "" {
				d.Errors["user_name"] = p.T("admin.err.name")
			}
			switch {
			case u.Role != store.RoleAdmin && u.Role != store.RoleReporter:
				d.Errors["user_role"] = p.T("admin.err.role")
			case u.Role == store.RoleReporter && u.Unit == "":
				d.Errors["user_unit"] = p.T("admin.err.unit")
			case u.Role == store.RoleReporter && auth.IsCollectiveUnit(u.Unit):
				d.Errors["user_unit"] = p.T("admin.err.collective")
			case u.Role == store.RoleAdmin:
				u.Unit = "" // the unit field is for reporters; an admin writes everywhere
			}
			if len(d.Errors) == 0 {
				var nu store.User
				if nu, err = a.d.Store.CreateUser(ctx, u, actor); err == nil {
					d.Done, d.DoneWhat = p.T("admin.done.user"), nu.Name
					d.Form = map[string]string{}
				}
			}
		case "disable":
			id, perr := postedID(r, "user_id")
			if perr != nil {
				return perr
			}
			if id == p.Ident.Token.UserID {
				// Disabling one's own user would lock the page's user out mid-task.
				d.Errors["form"] = p.T("admin.err.selfuser")
				break
			}
			if err = a.d.Store.DisableUser(ctx, id, actor); err == nil {
				d.Done = p.T("admin.done.disable") + strconv.FormatInt(id, 10)
			}
		case "token":
			t := store.Token{Name: get("token_name"), Role: get("token_role"), Unit: get("token_unit")}
			if ref := get("token_user"); ref != "" {
				// The user's role and unit are the token's; the fields below
				// the choice are for a token without one.
				id, perr := strconv.ParseInt(ref, 10, 64)
				if perr != nil || id <= 0 {
					d.Errors["token_user"] = p.T("admin.err.user")
				}
				t = store.Token{UserID: id, Name: t.Name}
			} else {
				if t.Name == "" {
					d.Errors["token_name"] = p.T("admin.err.name")
				}
				if t.Role != store.RoleAdmin && t.Role != store.RoleReporter {
					d.Errors["token_role"] = p.T("admin.err.role")
				}
				if t.Role == store.RoleReporter && t.Unit == "" {
					d.Errors["token_unit"] = p.T("admin.err.unit")
				}
			}
			if len(d.Errors) == 0 {
				var tok store.Token
				if tok, d.Secret, err = a.d.Store.CreateToken(ctx, t, actor); err == nil {
					d.NewToken = &tok
					d.Form = map[string]string{}
					// The secret must not be cached anywhere on the way back.
					w.Header().Set("Cache-Control", "no-store")
				}
			}
		case "revoke":
			id, perr := postedID(r, "token_id")
			if perr != nil {
				return perr
			}
			if id == p.Ident.Token.ID {
				// Revoking one's own token would lock the page's user out mid-task.
				d.Errors["form"] = p.T("admin.err.self")
				break
			}
			if err = a.d.Store.RevokeToken(ctx, id, actor); err == nil {
				d.Done = p.T("admin.done.revoke") + strconv.FormatInt(id, 10)
			}
		default:
			return store.Errorf(store.EInvalid, "action %q", r.PostFormValue("action"))
		}
		switch store.ErrorCode(err) {
		case "":
		case store.EInvalid, store.EConflict, store.ENotFound:
			d.Errors["form"] = store.ErrorMessage(err)
		default:
			return err
		}
		if len(d.Errors) > 0 {
			p.Status = http.StatusUnprocessableEntity
		}
	}
	var err error
	if d.Units, err = a.d.Store.ListUnits(ctx); err != nil {
		return err
	}
	if d.Tokens, err = a.d.Store.ListTokens(ctx); err != nil {
		return err
	}
	users, err := a.d.Store.ListUsers(ctx)
	if err != nil {
		return err
	}
	live := map[int64]int{}
	for _, t := range d.Tokens {
		if !t.Revoked {
			live[t.UserID]++
		}
	}
	d.Disabled = map[int64]bool{}
	for _, u := range users {
		d.Users = append(d.Users, userRow{User: u, LiveTokens: live[u.ID]})
		d.Disabled[u.ID] = u.Disabled
	}
	p.template = "admin"
	p.Title = p.T("admin.title")
	p.Data = &d
	return nil
}

// splitUnits splits a list of unit names written with 、，, ; or spaces.
func splitUnits(s string) []string {
	f := strings.FieldsFunc(s, func(r rune) bool {
		switch r {
		case '、', '，', ',', '；', ';', ' ', '\u3000', '\n', '\t':
			return true
		}
		return false
	})
	out := f[:0]
	for _, x := range f {
		if x = strings.TrimSpace(x); x != "" {
			out = append(out, x)
		}
	}
	return out
}

// postedID reads the positive ID a form posts in field; a button's
// hidden field holds it, so anything else is a forged request.
func postedID(r *http.Request, field string) (int64, error) {
	id, err := strconv.ParseInt(r.PostFormValue(field), 10, 64)
	if err != nil || id <= 0 {
		return 0, store.Errorf(store.EInvalid, "%s %q", field, r.PostFormValue(field))
	}
	return id, nil
}
