package api

import (
	"fmt"
	"net/http"
	"strings"

	"github.com/planwatch/planwatch/internal/auth"
	"github.com/planwatch/planwatch/internal/store"
)

func (a *API) listTokens(w http.ResponseWriter, r *http.Request) error {
	if err := auth.Require(auth.FromContext(r.Context()), store.RoleAdmin); err != nil {
		return err
	}
	toks, err := a.Store.ListTokens(r.Context())
	if err != nil {
		return fmt.Errorf("list tokens: %w", err)
	}
	writeJSON(w, http.StatusOK, map[string]any{"tokens": nonNil(toks)})
	return nil
}

type tokenRequest struct {
	Name   string `json:"name"`
	Role   string `json:"role"`
	Unit   string `json:"unit"`
	UserID int64  `json:"user_id"`
}

func (a *API) createToken(w http.ResponseWriter, r *http.Request) error {
	id := auth.FromContext(r.Context())
	if err := auth.Require(id, store.RoleAdmin); err != nil {
		return err
	}
	var req tokenRequest
	if err := decodeJSON(r, &req); err != nil {
		return err
	}
	req.Name, req.Unit = strings.TrimSpace(req.Name), strings.TrimSpace(req.Unit)
	switch {
	case req.UserID < 0:
		return invalidf("user_id", "应为正整数 (want a positive integer)")
	case req.UserID > 0:
		// The user's role and unit are the token's; given anyway, the store
		// checks they agree.
		if req.Role != "" && req.Role != store.RoleAdmin && req.Role != store.RoleReporter {
			return invalidf("role", "应为 admin 或 reporter，收到 %q (want admin or reporter)", req.Role)
		}
	default:
		if req.Name == "" {
			return invalidf("name", "令牌名称不能为空 (required)")
		}
		unit, err := a.checkRoleUnit(r, req.Role, req.Unit)
		if err != nil {
			return err
		}
		req.Unit = unit
	}
	tok, secret, err := a.Store.CreateToken(r.Context(), store.Token{Name: req.Name, Role: req.Role, Unit: req.Unit, UserID: req.UserID}, id.Actor())
	if err != nil {
		return fmt.Errorf("create token %s: %w", req.Name, err)
	}
	// The secret is shown this once; the store keeps only its hash.
	writeJSON(w, http.StatusCreated, map[string]any{"token": tok, "secret": secret})
	return nil
}

func (a *API) revokeToken(w http.ResponseWriter, r *http.Request) error {
	id := auth.FromContext(r.Context())
	if err := auth.Require(id, store.RoleAdmin); err != nil {
		return err
	}
	tokID, err := pathID(r, "id")
	if err != nil {
		return err
	}
	if err := a.Store.RevokeToken(r.Context(), tokID, id.Actor()); err != nil {
		return fmt.Errorf("revoke token %d: %w", tokID, err)
	}
	w.WriteHeader(http.StatusNoContent)
	return nil
}
