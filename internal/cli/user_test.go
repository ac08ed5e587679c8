package cli

import (
	"context"
	"strings"
	"testing"
)

func lineWith(text, sub string) string {
	for _, l := range strings.Split(text, "\n") {
		if strings.Contains(l, sub) {
			return l
		}
	}
	return ""
}

// secretOf returns the secret a token create printed (its last line).
func secretOf(out string) string {
	lines := strings.Split(strings.TrimSpace(out), "\n")
	return lines[len(lines)-1]
}

func TestUserLifecycle(t *testing.T) {
	db, _ := testDB(t)
	ctx := context.Background()
	mustRun(t, "unit", "add", "市工业和信息化局", "--alias", "市工信局", "--db", db)

	out := mustRun(t, "user", "add", "--name", "市工信局 张三", "--role", "reporter", "--unit", "市工信局", "--db", db)
	if !strings.Contains(out, "用户 1 已添加") || !strings.Contains(out, "市工业和信息化局") {
		t.Errorf("user add output: %s", out)
	}
	mustRun(t, "user", "add", "--name", "督查室 王五", "--role", "admin", "--db", db)

	// By name, and by ID; role and unit come from the user.
	laptop := secretOf(mustRun(t, "token", "create", "--user", "市工信局 张三", "--name", "张三笔记本", "--db", db))
	phone := secretOf(mustRun(t, "token", "create", "--user", "1", "--db", db))
	for _, secret := range []string{laptop, phone} {
		tok, err := inspect(t, db).AuthenticateToken(ctx, secret)
		if err != nil || tok.UserID != 1 || tok.User != "市工信局 张三" || tok.Role != "reporter" || tok.Unit != "市工业和信息化局" {
			t.Fatalf("token for user 1: %+v %v", tok, err)
		}
	}
	list := mustRun(t, "user", "list", "--db", db)
	if !strings.Contains(list, "市工信局 张三") || !strings.Contains(list, "督查室 王五") || !strings.Contains(list, "启用") {
		t.Errorf("user list:\n%s", list)
	}
	tl := mustRun(t, "token", "list", "--db", db)
	if line := lineWith(tl, "张三笔记本"); !strings.Contains(line, "市工信局 张三") {
		t.Errorf("token list should name each token's user:\n%s", tl)
	}

	mustRun(t, "user", "disable", "1", "--db", db)
	for _, secret := range []string{laptop, phone} {
		if _, err := inspect(t, db).AuthenticateToken(ctx, secret); err == nil {
			t.Error("a disabled user's token still authenticates")
		}
	}
	if list := mustRun(t, "user", "list", "--db", db); !strings.Contains(list, "已停用") {
		t.Errorf("user list after disable:\n%s", list)
	}
	if tl := mustRun(t, "token", "list", "--db", db); !strings.Contains(tl, "用户已停用") {
		t.Errorf("token list does not show the user is disabled:\n%s", tl)
	}

	for _, c := range []struct {
		args []string
		code int
		want string
	}{
		{[]string{"user", "add", "--name", "督查室 王五", "--role", "admin", "--db", db}, 1, "exists"},
		{[]string{"user", "add", "--name", "x", "--role", "reporter", "--db", db}, 2, "needs --unit"},
		{[]string{"user", "add", "--name", "x", "--role", "admin", "--unit", "市工信局", "--db", db}, 2, "no --unit"},
		{[]string{"user", "add", "--role", "admin", "--db", db}, 2, "--name is required"},
		{[]string{"user", "add", "--name", "x", "--role", "boss", "--db", db}, 2, "admin or reporter"},
		{[]string{"user", "disable", "abc", "--db", db}, 2, "not a positive number"},
		{[]string{"user", "disable", "99", "--db", db}, 1, "user 99 not found"},
		{[]string{"user", "frob"}, 2, "unknown user command"},
		{[]string{"token", "create", "--user", "赵六", "--db", db}, 1, "no user named"},
		{[]string{"token", "create", "--user", "1", "--db", db}, 1, "disabled"},
		{[]string{"token", "create", "--user", "督查室 王五", "--role", "reporter", "--db", db}, 1, "is admin"},
	} {
		code, _, errs := runCLI(t, c.args...)
		if code != c.code || !strings.Contains(errs, c.want) {
			t.Errorf("%v: exit %d %q; want %d with %q", c.args, code, errs, c.code, c.want)
		}
	}
}

// Tokens made the old way (no --user) get a user of their name, and a
// second token of that name, role and unit joins it.
func TestTokenCreateWithoutUserMakesOne(t *testing.T) {
	db, _ := testDB(t)
	mustRun(t, "token", "create", "--role", "admin", "--name", "督查室", "--db", db)
	mustRun(t, "token", "create", "--role", "admin", "--name", "督查室", "--db", db)
	users, err := inspect(t, db).ListUsers(context.Background())
	if err != nil || len(users) != 1 || users[0].Name != "督查室" {
		t.Fatalf("users: %+v %v", users, err)
	}
	if list := mustRun(t, "user", "list", "--db", db); !strings.Contains(list, "督查室") || !strings.Contains(list, " 2 ") {
		t.Errorf("user list should count 2 live tokens:\n%s", list)
	}
}

func TestUserHelp(t *testing.T) {
	for _, args := range [][]string{{"user", "--help"}, {"user", "add", "--help"}, {"user", "list", "--help"}, {"user", "disable", "--help"}} {
		code, _, errs := runCLI(t, args...)
		if code != 0 || !strings.Contains(errs, "Usage: planwatch user") {
			t.Errorf("%v: exit %d, help %q", args, code, errs)
		}
	}
	if _, _, errs := runCLI(t, "token", "create", "--help"); !strings.Contains(errs, "-user") {
		t.Errorf("token create --help does not mention --user: %q", errs)
	}
}

// The user commands behave the same on PostgreSQL.
func TestUserCommandsOnPostgres(t *testing.T) {
	pg := freshPostgres(t)
	mustRun(t, "user", "add", "--name", "督查室 王五", "--role", "admin", "--db", pg)
	secret := secretOf(mustRun(t, "token", "create", "--user", "督查室 王五", "--db", pg))
	st, err := openStore(context.Background(), pg)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if tok, err := st.AuthenticateToken(context.Background(), secret); err != nil || tok.User != "督查室 王五" {
		t.Fatalf("token on PostgreSQL: %+v %v", tok, err)
	}
	mustRun(t, "user", "disable", "1", "--db", pg)
	if _, err := st.AuthenticateToken(context.Background(), secret); err == nil {
		t.Error("a disabled user's token authenticates on PostgreSQL")
	}
	if list := mustRun(t, "user", "list", "--db", pg); !strings.Contains(list, "已停用") {
		t.Errorf("user list on PostgreSQL:\n%s", list)
	}
}
