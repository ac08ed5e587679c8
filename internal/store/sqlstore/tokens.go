package sqlstore

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"database/sql"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/planwatch/planwatch/internal/store"
)

// tokenPrefix marks planwatch secrets, so that one pasted into the wrong
// place is recognisable (and findable by secret scanners).
const tokenPrefix = "pw_"

// hashSecret is what the database keeps instead of the secret. The secret
// has 256 random bits, so a plain SHA-256 is enough: there is nothing to
// guess, and looking tokens up by hash needs no constant-time compare.
func hashSecret(secret string) string {
	sum := sha256.Sum256([]byte(secret))
	return hex.EncodeToString(sum[:])
}

// CreateToken stores a new token and returns it with its secret, which is
// not kept and cannot be shown again. A reporter's unit is resolved to its
// canonical name.
func (db *DB) CreateToken(ctx context.Context, tk store.Token, by store.Actor) (store.Token, string, error) {
	tk.Name = strings.TrimSpace(tk.Name)
	tk.Unit = strings.TrimSpace(tk.Unit)
	switch {
	case tk.Name == "":
		return store.Token{}, "", store.Errorf(store.EInvalid, "token name is empty")
	case tk.Role != store.RoleAdmin && tk.Role != store.RoleReporter:
		return store.Token{}, "", store.Errorf(store.EInvalid, "role %q: want %s or %s", tk.Role, store.RoleAdmin, store.RoleReporter)
	case tk.Role == store.RoleReporter && tk.Unit == "":
		return store.Token{}, "", store.Errorf(store.EInvalid, "a reporter token needs the unit it reports for")
	}
	raw := make([]byte, 32)
	if _, err := rand.Read(raw); err != nil {
		return store.Token{}, "", fmt.Errorf("create token: %w", err)
	}
	secret := tokenPrefix + base64.RawURLEncoding.EncodeToString(raw)
	err := db.write(ctx, "create token", func(t *tx) error {
		if tk.Unit != "" {
			var canon string
			err := t.queryRow(ctx, `SELECT name FROM units WHERE name = ?
				UNION ALL SELECT u.name FROM unit_aliases a JOIN units u ON u.id = a.unit_id WHERE a.alias = ?`, tk.Unit, tk.Unit).Scan(&canon)
			if err == nil {
				tk.Unit = canon
			} else if !errors.Is(err, sql.ErrNoRows) {
				return err
			}
		}
		tk.CreatedAt, tk.Revoked = db.now(), false
		id, err := t.insertID(ctx, `INSERT INTO tokens (name, role, unit, secret_hash, created_at) VALUES (?, ?, ?, ?, ?)`,
			tk.Name, tk.Role, tk.Unit, hashSecret(secret), db.Dialect.TimeArg(tk.CreatedAt))
		if err != nil {
			return err
		}
		tk.ID = id
		return db.audit(ctx, t, by, "token.create", entity("token", id), nil, tk)
	})
	if err != nil {
		return store.Token{}, "", fmt.Errorf("create token %q: %w", tk.Name, err)
	}
	return tk, secret, nil
}

const tokenCols = `id, name, role, unit, created_at, revoked_at`

func scanToken(sc interface{ Scan(...any) error }) (store.Token, error) {
	var tk store.Token
	var revoked time.Time
	err := sc.Scan(&tk.ID, &tk.Name, &tk.Role, &tk.Unit, timeCol{&tk.CreatedAt}, timeCol{&revoked})
	tk.Revoked = !revoked.IsZero()
	return tk, err
}

// AuthenticateToken returns the live token whose secret this is.
func (db *DB) AuthenticateToken(ctx context.Context, secret string) (store.Token, error) {
	if !strings.HasPrefix(secret, tokenPrefix) {
		return store.Token{}, store.Errorf(store.EUnauthorized, "not a planwatch token")
	}
	tk, err := scanToken(db.queryRow(ctx, `SELECT `+tokenCols+` FROM tokens WHERE secret_hash = ?`, hashSecret(secret)))
	switch {
	case errors.Is(err, sql.ErrNoRows):
		return store.Token{}, store.Errorf(store.EUnauthorized, "unknown token")
	case err != nil:
		return store.Token{}, fmt.Errorf("authenticate token: %w", err)
	case tk.Revoked:
		return store.Token{}, store.Errorf(store.EUnauthorized, "token %q was revoked", tk.Name)
	}
	return tk, nil
}

// RevokeToken makes a token unusable; revoking it again changes nothing.
func (db *DB) RevokeToken(ctx context.Context, id int64, by store.Actor) error {
	err := db.write(ctx, "revoke token", func(t *tx) error {
		tk, err := scanToken(t.queryRow(ctx, `SELECT `+tokenCols+` FROM tokens WHERE id = ?`, id))
		if errors.Is(err, sql.ErrNoRows) {
			return store.Errorf(store.ENotFound, "token %d not found", id)
		}
		if err != nil || tk.Revoked {
			return err
		}
		if _, err := t.exec(ctx, `UPDATE tokens SET revoked_at = ? WHERE id = ?`, db.Dialect.TimeArg(db.now()), id); err != nil {
			return err
		}
		after := tk
		after.Revoked = true
		return db.audit(ctx, t, by, "token.revoke", entity("token", id), tk, after)
	})
	if err != nil {
		return fmt.Errorf("revoke token %d: %w", id, err)
	}
	return nil
}

// ListTokens returns every token, revoked ones included, oldest first.
func (db *DB) ListTokens(ctx context.Context) ([]store.Token, error) {
	rows, err := db.query(ctx, `SELECT `+tokenCols+` FROM tokens ORDER BY id`)
	if err != nil {
		return nil, fmt.Errorf("list tokens: %w", err)
	}
	defer rows.Close()
	out := []store.Token{}
	for rows.Next() {
		tk, err := scanToken(rows)
		if err != nil {
			return nil, fmt.Errorf("list tokens: %w", err)
		}
		out = append(out, tk)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("list tokens: %w", err)
	}
	return out, nil
}
