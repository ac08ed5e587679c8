package storetest

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"sync"
	"testing"

	"github.com/planwatch/planwatch/internal/store"
)

func testUsers(t *testing.T, open Opener) {
	s := open(t)
	if _, err := s.CreateUnit(ctx(t), "市工业和信息化局", []string{"市工信局"}, cli); err != nil {
		t.Fatal(err)
	}
	adm, err := s.CreateUser(ctx(t), store.User{Name: " 督查室 王五 ", Role: store.RoleAdmin}, cli)
	if err != nil {
		t.Fatal(err)
	}
	if adm.ID <= 0 || adm.Name != "督查室 王五" || adm.CreatedAt.IsZero() || adm.Disabled {
		t.Fatalf("CreateUser admin: %+v", adm)
	}
	rep, err := s.CreateUser(ctx(t), store.User{Name: "市工信局 张三", Role: store.RoleReporter, Unit: "市工信局"}, cli)
	if err != nil {
		t.Fatal(err)
	}
	if rep.Unit != "市工业和信息化局" {
		t.Fatalf("a reporter's unit alias was not resolved: %+v", rep)
	}
	_, err = s.CreateUser(ctx(t), store.User{Name: "市工信局 张三 ", Role: store.RoleAdmin}, cli)
	wantCode(t, err, store.EConflict)
	for _, bad := range []store.User{
		{Name: "  ", Role: store.RoleAdmin},
		{Name: "x", Role: "root"},
		{Name: "x", Role: store.RoleReporter},
		{Name: "x", Role: store.RoleReporter, Unit: " "},
	} {
		_, err := s.CreateUser(ctx(t), bad, cli)
		wantCode(t, err, store.EInvalid)
	}
	users, err := s.ListUsers(ctx(t))
	if err != nil {
		t.Fatal(err)
	}
	if len(users) != 2 || users[0].ID != adm.ID || users[1].ID != rep.ID || users[1].Unit != "市工业和信息化局" {
		t.Fatalf("ListUsers: %+v", users)
	}
	entries, _ := s.ListAudit(ctx(t), store.AuditFilter{Entity: fmt.Sprint("user:", rep.ID)})
	if len(entries) != 1 || entries[0].Action != "user.create" || entries[0].Actor != "cli" {
		t.Fatalf("user audit: %+v", entries)
	}
	wantCode(t, s.DisableUser(ctx(t), rep.ID+99, cli), store.ENotFound)
}

func testUserTokens(t *testing.T, open Opener) {
	s := open(t)
	if _, err := s.CreateUnit(ctx(t), "市工业和信息化局", []string{"市工信局"}, cli); err != nil {
		t.Fatal(err)
	}
	zs, err := s.CreateUser(ctx(t), store.User{Name: "市工信局 张三", Role: store.RoleReporter, Unit: "市工业和信息化局"}, cli)
	if err != nil {
		t.Fatal(err)
	}
	ww, err := s.CreateUser(ctx(t), store.User{Name: "督查室 王五", Role: store.RoleAdmin}, cli)
	if err != nil {
		t.Fatal(err)
	}
	laptop, secret1, err := s.CreateToken(ctx(t), store.Token{UserID: zs.ID, Name: "张三笔记本"}, admin)
	if err != nil {
		t.Fatal(err)
	}
	if laptop.UserID != zs.ID || laptop.User != zs.Name || laptop.Role != store.RoleReporter || laptop.Unit != "市工业和信息化局" || laptop.Name != "张三笔记本" {
		t.Fatalf("token for a user: %+v", laptop)
	}
	// No name: the token is named after its user. A unit given as an alias
	// of the user's unit is the same unit.
	phone, secret2, err := s.CreateToken(ctx(t), store.Token{UserID: zs.ID, Role: store.RoleReporter, Unit: "市工信局"}, admin)
	if err != nil {
		t.Fatal(err)
	}
	if phone.Name != zs.Name || phone.UserID != zs.ID {
		t.Fatalf("second token for a user: %+v", phone)
	}
	_, secret3, err := s.CreateToken(ctx(t), store.Token{UserID: ww.ID}, cli)
	if err != nil {
		t.Fatal(err)
	}
	for _, bad := range []struct {
		tok  store.Token
		code string
	}{
		{store.Token{UserID: zs.ID, Role: store.RoleAdmin}, store.EInvalid},
		{store.Token{UserID: zs.ID, Unit: "市发展改革委"}, store.EInvalid},
		{store.Token{UserID: ww.ID, Role: store.RoleReporter, Unit: "市工业和信息化局"}, store.EInvalid},
		{store.Token{UserID: ww.ID + 99}, store.ENotFound},
	} {
		_, _, err := s.CreateToken(ctx(t), bad.tok, cli)
		wantCode(t, err, bad.code)
	}
	got, err := s.AuthenticateToken(ctx(t), secret2)
	if err != nil || got.UserID != zs.ID || got.User != zs.Name || got.Unit != "市工业和信息化局" {
		t.Fatalf("AuthenticateToken: %+v %v", got, err)
	}

	if err := s.DisableUser(ctx(t), zs.ID, admin); err != nil {
		t.Fatal(err)
	}
	for _, secret := range []string{secret1, secret2} {
		_, err := s.AuthenticateToken(ctx(t), secret)
		wantCode(t, err, store.EUnauthorized)
	}
	if _, err := s.AuthenticateToken(ctx(t), secret3); err != nil {
		t.Fatalf("disabling one user stopped another's token: %v", err)
	}
	if err := s.DisableUser(ctx(t), zs.ID, admin); err != nil {
		t.Fatalf("disabling twice: %v", err)
	}
	_, _, err = s.CreateToken(ctx(t), store.Token{UserID: zs.ID}, admin)
	wantCode(t, err, store.EInvalid)
	// Nor may a token by name alone slip a disabled user a new credential.
	_, _, err = s.CreateToken(ctx(t), store.Token{Name: zs.Name, Role: store.RoleReporter, Unit: "市工信局"}, admin)
	wantCode(t, err, store.EInvalid)

	users, _ := s.ListUsers(ctx(t))
	if len(users) != 2 || !users[0].Disabled || users[1].Disabled {
		t.Fatalf("ListUsers after disable: %+v", users)
	}
	toks, _ := s.ListTokens(ctx(t))
	if len(toks) != 3 || toks[0].User != zs.Name || toks[2].User != ww.Name || toks[2].Role != store.RoleAdmin {
		t.Fatalf("ListTokens: %+v", toks)
	}
	entries, _ := s.ListAudit(ctx(t), store.AuditFilter{Entity: fmt.Sprint("user:", zs.ID)})
	if len(entries) != 2 || entries[0].Action != "user.disable" || entries[0].Actor != "督查室#7" {
		t.Fatalf("disable audit: %+v", entries)
	}
	var before, after store.User
	if json.Unmarshal(entries[0].Before, &before) != nil || json.Unmarshal(entries[0].After, &after) != nil || before.Disabled || !after.Disabled || after.ID != zs.ID {
		t.Fatalf("disable audit before/after: %s / %s", entries[0].Before, entries[0].After)
	}
	tokAudit, _ := s.ListAudit(ctx(t), store.AuditFilter{Entity: fmt.Sprint("token:", laptop.ID)})
	if len(tokAudit) != 1 || !json.Valid(tokAudit[0].After) {
		t.Fatalf("token audit: %+v", tokAudit)
	}
	var logged store.Token
	json.Unmarshal(tokAudit[0].After, &logged)
	if logged.UserID != zs.ID {
		t.Fatalf("token audit does not name the user: %s", tokAudit[0].After)
	}
}

// testTokensMakeUsers: callers from before users existed pass no user ID;
// their tokens get users of the same name, role and unit.
func testTokensMakeUsers(t *testing.T, open Opener) {
	s := open(t)
	a, _, err := s.CreateToken(ctx(t), store.Token{Name: "张三", Role: store.RoleReporter, Unit: "市工业和信息化局"}, cli)
	if err != nil {
		t.Fatal(err)
	}
	b, _, err := s.CreateToken(ctx(t), store.Token{Name: "张三", Role: store.RoleReporter, Unit: "市工业和信息化局"}, cli)
	if err != nil {
		t.Fatal(err)
	}
	if a.UserID == 0 || a.UserID != b.UserID || a.User != "张三" {
		t.Fatalf("two tokens of one name, role and unit: %+v %+v; want one user", a, b)
	}
	// The same name as an admin is another user, named after its token.
	c, _, err := s.CreateToken(ctx(t), store.Token{Name: "张三", Role: store.RoleAdmin}, cli)
	if err != nil {
		t.Fatal(err)
	}
	if want := fmt.Sprintf("张三（令牌%d）", c.ID); c.UserID == a.UserID || c.User != want || c.Role != store.RoleAdmin {
		t.Fatalf("same name, other role: %+v; want a new user %q", c, want)
	}
	d, _, err := s.CreateToken(ctx(t), store.Token{Name: "张三", Role: store.RoleAdmin}, cli)
	if err != nil {
		t.Fatal(err)
	}
	if d.UserID != c.UserID {
		t.Fatalf("a later admin token 张三 made another user: %+v, want user %d", d, c.UserID)
	}
	users, _ := s.ListUsers(ctx(t))
	if len(users) != 2 {
		t.Fatalf("ListUsers: %+v", users)
	}
	entries, _ := s.ListAudit(ctx(t), store.AuditFilter{Entity: fmt.Sprint("user:", c.UserID)})
	if len(entries) != 1 || entries[0].Action != "user.create" {
		t.Fatalf("a user made for a token is not audited: %+v", entries)
	}
}

// testTokensMakeUsersConcurrent: tokens of one new name made at once (two
// admins at two desks) all succeed and share one user.
func testTokensMakeUsersConcurrent(t *testing.T, open Opener) {
	s := open(t)
	const workers = 6
	var wg sync.WaitGroup
	ids := make([]int64, workers)
	errs := make([]error, workers)
	for w := range workers {
		wg.Go(func() {
			tok, _, err := s.CreateToken(context.Background(), store.Token{Name: "王五", Role: store.RoleReporter, Unit: "市教育局"}, cli)
			ids[w], errs[w] = tok.UserID, err
		})
	}
	wg.Wait()
	for w, err := range errs {
		if err != nil {
			t.Fatalf("worker %d: %v", w, err)
		}
		if ids[w] != ids[0] {
			t.Fatalf("concurrent tokens of one name got users %v, want one", ids)
		}
	}
	if users, _ := s.ListUsers(ctx(t)); len(users) != 1 {
		t.Fatalf("users: %+v", users)
	}
}

// Upgrade checks that a database made by planwatch schema version 1
// (before users) opens with the current code and keeps working: its
// tokens still authenticate, and each now has a user. raw is a connection
// to an empty database; schema1 is that backend's 0001 migration; open
// opens the same database with the current code, which migrates it.
func Upgrade(t *testing.T, raw *sql.DB, schema1 string, open func(t *testing.T) store.Store) {
	c := context.Background()
	// What Migrate did when 0001 was the last migration.
	for _, q := range []string{
		schema1,
		`CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)`,
		`INSERT INTO schema_migrations (version, name, applied_at) VALUES (1, '0001_init.sql', '2026-01-01T00:00:00.000000Z')`,
	} {
		if _, err := raw.ExecContext(c, q); err != nil {
			t.Fatalf("build a version 1 database: %v", err)
		}
	}
	hash := func(secret string) string {
		sum := sha256.Sum256([]byte(secret))
		return hex.EncodeToString(sum[:])
	}
	// Literal values only, so one statement serves both placeholder styles;
	// ids come from the database so that its sequences stay in step.
	old := []struct{ name, role, unit, secret, revoked string }{
		{"督查室", "admin", "", "pw_old_admin", "NULL"},
		{"张三", "reporter", "市工业和信息化局", "pw_old_zs_laptop", "NULL"},
		{"张三", "reporter", "市工业和信息化局", "pw_old_zs_phone", "NULL"},
		{"张三", "admin", "", "pw_old_zs_admin", "NULL"},
		{"李四", "reporter", "市发展改革委", "pw_old_ls", "'2026-02-01T00:00:00.000000Z'"},
	}
	for i, o := range old {
		q := fmt.Sprintf(`INSERT INTO tokens (name, role, unit, secret_hash, created_at, revoked_at) VALUES ('%s', '%s', '%s', '%s', '2026-01-0%dT08:00:00.000000Z', %s)`,
			o.name, o.role, o.unit, hash(o.secret), i+1, o.revoked)
		if _, err := raw.ExecContext(c, q); err != nil {
			t.Fatalf("add a version 1 token: %v", err)
		}
	}
	raw.Close()

	s := open(t)
	want := map[string]struct{ user, role, unit string }{
		"pw_old_admin":     {"督查室", "admin", ""},
		"pw_old_zs_laptop": {"张三", "reporter", "市工业和信息化局"},
		"pw_old_zs_phone":  {"张三", "reporter", "市工业和信息化局"},
		"pw_old_zs_admin":  {"张三（令牌4）", "admin", ""},
	}
	for secret, w := range want {
		tok, err := s.AuthenticateToken(ctx(t), secret)
		if err != nil {
			t.Fatalf("a version 1 token no longer authenticates: %v", err)
		}
		if tok.User != w.user || tok.UserID == 0 || tok.Role != w.role || tok.Unit != w.unit {
			t.Errorf("token %s after the upgrade: %+v, want user %q %s %q", secret, tok, w.user, w.role, w.unit)
		}
	}
	if _, err := s.AuthenticateToken(ctx(t), "pw_old_ls"); store.ErrorCode(err) != store.EUnauthorized {
		t.Errorf("a revoked version 1 token authenticates after the upgrade: %v", err)
	}
	users, err := s.ListUsers(ctx(t))
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, u := range users {
		names = append(names, u.Name)
	}
	if fmt.Sprint(names) != "[督查室 张三 张三（令牌4） 李四]" {
		t.Fatalf("users after the upgrade: %v", names)
	}
	// New writes go on: ids follow the old rows, and a token of an old
	// name, role and unit joins the user the upgrade made.
	tok, _, err := s.CreateToken(ctx(t), store.Token{Name: "张三", Role: store.RoleReporter, Unit: "市工业和信息化局"}, cli)
	if err != nil {
		t.Fatalf("create a token after the upgrade: %v", err)
	}
	if tok.ID != 6 || tok.UserID != users[1].ID {
		t.Fatalf("new token after the upgrade: %+v, want id 6 of user %d", tok, users[1].ID)
	}
	if err := s.DisableUser(ctx(t), users[1].ID, cli); err != nil {
		t.Fatal(err)
	}
	if _, err := s.AuthenticateToken(ctx(t), "pw_old_zs_phone"); store.ErrorCode(err) != store.EUnauthorized {
		t.Fatalf("an old token of a disabled user authenticates: %v", err)
	}
}
