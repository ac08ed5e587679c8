package api

import (
	"fmt"
	"net/http"
	"strings"

	"github.com/planwatch/planwatch/internal/auth"
	"github.com/planwatch/planwatch/internal/store"
)

func (a *API) listUsers(w http.ResponseWriter, r *http.Request) error {
	if err := auth.Require(auth.FromContext(r.Context()), store.RoleAdmin); err != nil {
		return err
	}
	users, err := a.Store.ListUsers(r.Context())
	if err != nil {
		return fmt.Errorf("list users: %w", err)
	}
	writeJSON(w, http.StatusOK, map[string]any{"users": nonNil(users)})
	return nil
}

type userRequest struct {
	Name string `json:"name"`
	Role string `json:"role"`
	Unit string `json:"unit"`
}

func (a *API) createUser(w http.ResponseWriter, r *http.Request) error {
	id := auth.FromContext(r.Context())
	if err := auth.Require(id, store.RoleAdmin); err != nil {
		return err
	}
	var req userRequest
	if err := decodeJSON(r, &req); err != nil {
		return err
	}
	req.Name = strings.TrimSpace(req.Name)
	if req.Name == "" {
		return invalidf("name", "用户名称不能为空 (required)")
	}
	unit, err := a.checkRoleUnit(r, req.Role, req.Unit)
	if err != nil {
		return err
	}
	u, err := a.Store.CreateUser(r.Context(), store.User{Name: req.Name, Role: req.Role, Unit: unit}, id.Actor())
	if err != nil {
		return fmt.Errorf("create user %s: %w", req.Name, err)
	}
	writeJSON(w, http.StatusCreated, map[string]any{"user": u})
	return nil
}

// checkRoleUnit checks a role and unit given for a new user or token and
// returns the unit's canonical name: an admin has no unit, a reporter one
// concrete unit (a collective name such as 各区县市人民政府 would let it
// write for every district).
func (a *API) checkRoleUnit(r *http.Request, role, unit string) (string, error) {
	unit = strings.TrimSpace(unit)
	switch role {
	case store.RoleAdmin:
		if unit != "" {
			return "", invalidf("unit", "管理员不属于单位 (admins have no unit)")
		}
		return "", nil
	case store.RoleReporter:
		if unit == "" {
			return "", invalidf("unit", "报送员必须指定单位 (reporters need a unit)")
		}
		if auth.IsCollectiveUnit(unit) {
			return "", invalidf("unit", "%s 是泛指，请指定具体单位 (a collective name, name one unit)", unit)
		}
		canon, err := a.Store.ResolveUnit(r.Context(), unit)
		if err != nil {
			return "", fmt.Errorf("resolve unit %s: %w", unit, err)
		}
		return canon, nil
	}
	return "", invalidf("role", "应为 admin 或 reporter，收到 %q (want admin or reporter)", role)
}

func (a *API) disableUser(w http.ResponseWriter, r *http.Request) error {
	id := auth.FromContext(r.Context())
	if err := auth.Require(id, store.RoleAdmin); err != nil {
		return err
	}
	userID, err := pathID(r, "id")
	if err != nil {
		return err
	}
	if userID == id.Token.UserID {
		// It would stop the very token this request came with.
		return invalidf("id", "不能停用当前令牌所属的用户 (you cannot disable your own user)")
	}
	if err := a.Store.DisableUser(r.Context(), userID, id.Actor()); err != nil {
		return fmt.Errorf("disable user %d: %w", userID, err)
	}
	w.WriteHeader(http.StatusNoContent)
	return nil
}
