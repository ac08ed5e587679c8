package cli

import (
	"context"
	"strings"
	"testing"
)

func TestTokenLifecycle(t *testing.T) {
	db, _ := testDB(t)
	ctx := context.Background()
	mustRun(t, "unit", "add", "市工业和信息化局", "--alias", "市工信局", "--db", db)

	out := mustRun(t, "token", "create", "--db", db, "--role", "reporter", "--unit", "市工信局", "--name", "张三")
	if _, _, errs := runCLI(t, "token", "create", "--db", db, "--role", "reporter", "--unit", "市工信厅", "--name", "李四"); !strings.Contains(errs, "不在单位名录中") {
		t.Errorf("a unit outside the registry gives no hint: %q", errs)
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	secret := lines[len(lines)-1]
	tok, err := inspect(t, db).AuthenticateToken(ctx, secret)
	if err != nil {
		t.Fatalf("printed secret %q does not authenticate: %v", secret, err)
	}
	if tok.Unit != "市工业和信息化局" || tok.Role != "reporter" {
		t.Errorf("token %+v: want the alias resolved to the canonical unit", tok)
	}

	list := mustRun(t, "token", "list", "--db", db)
	if !strings.Contains(list, "张三") || !strings.Contains(list, "有效") || strings.Contains(list, secret) {
		t.Errorf("token list (must not show secrets):\n%s", list)
	}
	mustRun(t, "token", "revoke", "1", "--db", db)
	mustRun(t, "token", "revoke", "2", "--db", db)
	if _, err := inspect(t, db).AuthenticateToken(ctx, secret); err == nil {
		t.Error("revoked token still authenticates")
	}
	if list := mustRun(t, "token", "list", "--db", db); !strings.Contains(list, "已撤销") {
		t.Errorf("token list after revoke:\n%s", list)
	}

	for _, c := range []struct {
		args []string
		code int
		want string
	}{
		{[]string{"token", "create", "--db", db, "--role", "reporter", "--name", "x"}, 2, "needs --unit"},
		{[]string{"token", "create", "--db", db, "--role", "boss", "--name", "x"}, 2, "admin or reporter"},
		{[]string{"token", "create", "--db", db, "--role", "admin"}, 2, "--name is required"},
		{[]string{"token", "revoke", "abc", "--db", db}, 2, "not a positive number"},
		{[]string{"token", "revoke", "99", "--db", db}, 1, "revoke token 99"},
		{[]string{"token", "frob"}, 2, "unknown token command"},
	} {
		code, _, errs := runCLI(t, c.args...)
		if code != c.code || !strings.Contains(errs, c.want) {
			t.Errorf("%v: exit %d %q; want %d with %q", c.args, code, errs, c.code, c.want)
		}
	}
}

func TestUnitCommands(t *testing.T) {
	db, _ := testDB(t)
	ctx := context.Background()
	out := mustRun(t, "unit", "add", "市发展改革委", "--alias", "市发改委", "--db", db)
	if !strings.Contains(out, "市发展改革委 = 市发改委") {
		t.Errorf("unit add output: %s", out)
	}
	mustRun(t, "unit", "alias", "1", "市发展和改革委员会", "--db", db)
	if got, _ := inspect(t, db).ResolveUnit(ctx, "市发展和改革委员会"); got != "市发展改革委" {
		t.Errorf("alias resolves to %q", got)
	}
	list := mustRun(t, "unit", "list", "--db", db)
	if !strings.Contains(list, "市发改委") || !strings.Contains(list, "市发展和改革委员会") {
		t.Errorf("unit list:\n%s", list)
	}
	if code, _, errs := runCLI(t, "unit", "alias", "1", "--db", db); code != 2 || !strings.Contains(errs, "want a unit ID and an alias") {
		t.Errorf("alias without alias: exit %d %q", code, errs)
	}
	if code, _, _ := runCLI(t, "unit", "add", "市发展改革委", "--db", db); code != 1 {
		t.Errorf("adding an existing unit again: exit %d, want 1", code)
	}
}

func TestBackup(t *testing.T) {
	db, planFile := testDB(t)
	mustRun(t, "import", "plan", planFile, "--db", db)
	copyPath := db + ".bak"
	mustRun(t, "backup", copyPath, "--db", db)
	plans, err := inspect(t, copyPath).ListPlans(context.Background())
	if err != nil || len(plans) != 1 {
		t.Fatalf("backup copy: %d plans, %v", len(plans), err)
	}
	if code, _, _ := runCLI(t, "backup", "--db", db); code != 2 {
		t.Errorf("backup without a file: exit %d, want 2", code)
	}
}
