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
// not kept and cannot be shown again. The token belongs to tk.UserID's
// user or, when that is 0, to the user of its name, role and unit, created
// here if there is none; so callers from before users existed keep working.
// A unit is resolved to its canonical name.
func (db *DB) CreateToken(ctx context.Context, tk store.Token, by store.Actor) (store.Token, string, error) {
	tk.Name = strings.TrimSpace(tk.Name)
	tk.Unit = strings.TrimSpace(tk.Unit)
	if tk.UserID == 0 {
		u, err := checkUser(store.User{Name: tk.Name, Role: tk.Role, Unit: tk.Unit}, "token")
		if err != nil {
			return store.Token{}, "", fmt.Errorf("create token %q: %w", tk.Name, err)
		}
		tk.Name, tk.Unit = u.Name, u.Unit
	}
	raw := make([]byte, 32)
	if _, err := rand.Read(raw); err != nil {
		return store.Token{}, "", fmt.Errorf("create token: %w", err)
	}
	secret := tokenPrefix + base64.RawURLEncoding.EncodeToString(raw)
	var out store.Token
	var err error
	for attempt := 1; attempt <= 3; attempt++ {
		err = db.createToken(ctx, tk, secret, by, &out)
		// A user of this name made by a concurrent transaction: the next
		// attempt finds it.
		if err == nil || db.Dialect.Unique == nil || !db.Dialect.Unique(err) {
			break
		}
	}
	if err != nil {
		return store.Token{}, "", fmt.Errorf("create token %q: %w", tk.Name, err)
	}
	return out, secret, nil
}

// createToken is one attempt of CreateToken, in one transaction.
func (db *DB) createToken(ctx context.Context, tk store.Token, secret string, by store.Actor, out *store.Token) error {
	return db.write(ctx, "create token", func(t *tx) error {
		in := tk
		var err error
		if in.Unit, err = t.canonicalUnit(ctx, in.Unit); err != nil {
			return err
		}
		var u store.User
		if in.UserID != 0 {
			if u, err = t.userForToken(ctx, in); err != nil {
				return err
			}
		} else if u, err = t.userNamed(ctx, in.Name, in.Role, in.Unit, by); err != nil {
			return err
		}
		if in.Name == "" {
			in.Name = u.Name
		}
		in.Role, in.Unit, in.UserID, in.User = u.Role, u.Unit, u.ID, u.Name
		in.CreatedAt, in.Revoked = db.now(), false
		var userID any
		if u.ID != 0 {
			userID = u.ID
		}
		id, err := t.insertID(ctx, `INSERT INTO tokens (name, role, unit, secret_hash, created_at, user_id) VALUES (?, ?, ?, ?, ?, ?)`,
			in.Name, in.Role, in.Unit, hashSecret(secret), db.Dialect.TimeArg(in.CreatedAt), userID)
		if err != nil {
			return err
		}
		in.ID = id
		if u.ID == 0 {
			// A user of this name with another role or unit exists: the new
			// one is named after this token, as the 0002 migration names them.
			u.Name = fmt.Sprintf("%s（令牌%d）", u.Name, id)
			if u, err = db.insertUser(ctx, t, u, by); err != nil {
				return err
			}
			if _, err := t.exec(ctx, `UPDATE tokens SET user_id = ? WHERE id = ?`, u.ID, id); err != nil {
				return err
			}
			in.UserID, in.User = u.ID, u.Name
		}
		*out = in
		return db.audit(ctx, t, by, "token.create", entity("token", id), nil, in)
	})
}

// userForToken returns the user a token names by ID, if the token's role
// and unit, when given, agree with it.
func (t *tx) userForToken(ctx context.Context, tk store.Token) (store.User, error) {
	u, err := t.findUser(ctx, tk.UserID)
	switch {
	case err != nil:
		return u, err
	case u.Disabled:
		return u, store.Errorf(store.EInvalid, "user %q is disabled", u.Name)
	case tk.Role != "" && tk.Role != u.Role:
		return u, store.Errorf(store.EInvalid, "role %q: user %q is %s", tk.Role, u.Name, u.Role)
	case tk.Unit != "" && tk.Unit != u.Unit:
		return u, store.Errorf(store.EInvalid, "unit %q: user %q reports for %q", tk.Unit, u.Name, u.Unit)
	}
	return u, nil
}

// userNamed returns the user a token without a user ID belongs to: the one
// of its exact name, role and unit (or that name disambiguated by the
// migration or an earlier token, "张三（令牌7）"), created if there is none.
// A user with ID 0 comes back when the name is taken by a user of another
// role or unit; the caller names the new user after the token.
func (t *tx) userNamed(ctx context.Context, name, role, unit string, by store.Actor) (store.User, error) {
	usable := func(u store.User) (store.User, error) {
		if u.Disabled {
			return u, store.Errorf(store.EInvalid, "user %q is disabled", u.Name)
		}
		return u, nil
	}
	// One statement for the plain name, so that under PostgreSQL's read
	// committed a user another transaction just committed is seen whole.
	u, err := scanUser(t.queryRow(ctx, `SELECT `+userCols+` FROM users WHERE name = ?`, name))
	switch {
	case errors.Is(err, sql.ErrNoRows):
		// Two transactions may both get here; the second fails on the
		// unique name and CreateToken runs it again, when it finds the user.
		return t.db.insertUser(ctx, t, store.User{Name: name, Role: role, Unit: unit}, by)
	case err != nil:
		return store.User{}, err
	case u.Role == role && u.Unit == unit:
		return usable(u)
	}
	rows, err := t.query(ctx, `SELECT `+userCols+` FROM users WHERE role = ? AND unit = ? ORDER BY id`, role, unit)
	if err != nil {
		return store.User{}, err
	}
	defer rows.Close()
	for rows.Next() {
		u, err := scanUser(rows)
		if err != nil {
			return store.User{}, err
		}
		if isSuffixed(u.Name, name) {
			return usable(u)
		}
	}
	if err := rows.Err(); err != nil {
		return store.User{}, err
	}
	return store.User{Name: name, Role: role, Unit: unit}, nil
}

// isSuffixed reports whether full is name disambiguated by a token ID,
// "张三（令牌7）".
func isSuffixed(full, name string) bool {
	rest, ok := strings.CutPrefix(full, name+"（令牌")
	if !ok {
		return false
	}
	num, ok := strings.CutSuffix(rest, "）")
	if !ok || num == "" {
		return false
	}
	for _, c := range num {
		if c < '0' || c > '9' {
			return false
		}
	}
	return true
}

// selectTokens reads tokens with their users; role and unit come from the
// user, whose word they are.
const selectTokens = `SELECT t.id, t.name, u.role, u.unit, t.created_at, t.revoked_at, u.id, u.name, u.disabled_at
	FROM tokens t JOIN users u ON u.id = t.user_id`

// scanToken reads a row of selectTokens and whether its user is disabled.
func scanToken(sc interface{ Scan(...any) error }) (store.Token, bool, error) {
	var tk store.Token
	var revoked, disabled time.Time
	err := sc.Scan(&tk.ID, &tk.Name, &tk.Role, &tk.Unit, timeCol{&tk.CreatedAt}, timeCol{&revoked}, &tk.UserID, &tk.User, timeCol{&disabled})
	tk.Revoked = !revoked.IsZero()
	return tk, !disabled.IsZero(), err
}

// AuthenticateToken returns the live token of an enabled user whose secret
// this is.
func (db *DB) AuthenticateToken(ctx context.Context, secret string) (store.Token, error) {
	if !strings.HasPrefix(secret, tokenPrefix) {
		return store.Token{}, store.Errorf(store.EUnauthorized, "not a planwatch token")
	}
	tk, disabled, err := scanToken(db.queryRow(ctx, selectTokens+` WHERE t.secret_hash = ?`, hashSecret(secret)))
	switch {
	case errors.Is(err, sql.ErrNoRows):
		return store.Token{}, store.Errorf(store.EUnauthorized, "unknown token")
	case err != nil:
		return store.Token{}, fmt.Errorf("authenticate token: %w", err)
	case tk.Revoked:
		return store.Token{}, store.Errorf(store.EUnauthorized, "token %q was revoked", tk.Name)
	case disabled:
		return store.Token{}, store.Errorf(store.EUnauthorized, "user %q of token %q is disabled", tk.User, tk.Name)
	}
	return tk, nil
}

// RevokeToken makes a token unusable; revoking it again changes nothing.
func (db *DB) RevokeToken(ctx context.Context, id int64, by store.Actor) error {
	err := db.write(ctx, "revoke token", func(t *tx) error {
		tk, _, err := scanToken(t.queryRow(ctx, selectTokens+` WHERE t.id = ?`, id))
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
	rows, err := db.query(ctx, selectTokens+` ORDER BY t.id`)
	if err != nil {
		return nil, fmt.Errorf("list tokens: %w", err)
	}
	defer rows.Close()
	out := []store.Token{}
	for rows.Next() {
		tk, _, err := scanToken(rows)
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
