package cli

import (
	"context"
	"fmt"
	"strconv"
	"strings"

	"github.com/planwatch/planwatch/internal/store"
)

// runToken manages API tokens: create, list, revoke.
func runToken(ctx context.Context, env Env, args []string) error {
	const synopsis = "create --user NAME_OR_ID [--name N] | create --role admin|reporter [--unit NAME] --name N | list | revoke ID  [--db FILE|URL]"
	return dispatch(ctx, env, args, "token", synopsis, []subcommand{{"create", tokenCreate}, {"list", tokenList}, {"revoke", tokenRevoke}})
}

func tokenCreate(ctx context.Context, env Env, args []string) error {
	const synopsis = "--user NAME_OR_ID [--name N] | --role admin|reporter [--unit NAME] --name N  [--db FILE|URL]"
	fs := newFlagSet(env, "token create", synopsis)
	db := dbFlag(fs, defaultDB)
	user := fs.String("user", "", "the user who holds the token, by name or ID (planwatch user list); role and unit are the user's")
	role := fs.String("role", "", "admin (every write) or reporter (observations of its unit's tasks); without --user")
	unit := fs.String("unit", "", "the reporter's unit (a name or alias in the unit registry); without --user")
	name := fs.String("name", "", "what the token is for, e.g. 市工信局-张三 or 张三的笔记本 (with --user, default the user's name)")
	pos, err := parseArgs(fs, args)
	if err != nil {
		return err
	}
	if *user != "" {
		return tokenCreateForUser(ctx, env, *db, *user, *name, *role, *unit, pos)
	}
	if err := checkRoleFlags(pos, *name, *role, *unit); err != nil {
		return err
	}
	st, err := openStore(ctx, *db)
	if err != nil {
		return err
	}
	defer st.Close()
	u := *unit
	if u != "" {
		if u, err = st.ResolveUnit(ctx, u); err != nil {
			return fmt.Errorf("resolve unit %s: %w", *unit, err)
		}
	}
	if u != "" && !knownUnit(ctx, st, u) {
		fmt.Fprintf(env.Stderr, "注意 (note): 单位“%s”不在单位名录中，请核对名称，或先 planwatch unit add\n", u)
	}
	tok, secret, err := st.CreateToken(ctx, store.Token{Name: *name, Role: *role, Unit: u}, cliActor())
	if err != nil {
		return fmt.Errorf("create token: %w", err)
	}
	printNewToken(env, tok, secret)
	return nil
}

// tokenCreateForUser issues a token to an existing user; --role and
// --unit, if given anyway, must be the user's.
func tokenCreateForUser(ctx context.Context, env Env, db, ref, name, role, unit string, pos []string) error {
	if len(pos) > 0 {
		return fmt.Errorf("%w: unexpected argument %q", errUsage, pos[0])
	}
	if role != "" && role != store.RoleAdmin && role != store.RoleReporter {
		return fmt.Errorf("%w: --role must be admin or reporter, not %q", errUsage, role)
	}
	st, err := openStore(ctx, db)
	if err != nil {
		return err
	}
	defer st.Close()
	u, err := findUser(ctx, st, ref)
	if err != nil {
		return fmt.Errorf("create token: %w", err)
	}
	tok, secret, err := st.CreateToken(ctx, store.Token{UserID: u.ID, Name: name, Role: role, Unit: unit}, cliActor())
	if err != nil {
		return fmt.Errorf("create token for user %s: %w", u.Name, err)
	}
	printNewToken(env, tok, secret)
	return nil
}

func printNewToken(env Env, tok store.Token, secret string) {
	fmt.Fprintf(env.Stdout, "令牌 %d 已创建 (token created): %s %s %s，用户 (user) %s\n", tok.ID, tok.Name, tok.Role, tok.Unit, tok.User)
	fmt.Fprintf(env.Stdout, "密钥只显示这一次 (secret, shown once):\n%s\n", secret)
}

func tokenList(ctx context.Context, env Env, args []string) error {
	fs := newFlagSet(env, "token list", "[--db FILE|URL]")
	db := dbFlag(fs, defaultDB)
	if _, err := parseArgs(fs, args); err != nil {
		return err
	}
	users, toks, err := usersAndTokens(ctx, *db)
	if err != nil {
		return fmt.Errorf("list tokens: %w", err)
	}
	disabled := map[int64]bool{}
	for _, u := range users {
		disabled[u.ID] = u.Disabled
	}
	tb := table{header: []string{"ID", "名称 name", "用户 user", "角色 role", "单位 unit", "创建 created", "状态 state"}}
	for _, t := range toks {
		state := "有效 live"
		switch {
		case t.Revoked:
			state = "已撤销 revoked"
		case disabled[t.UserID]:
			// Still unrevoked, but it does not authenticate.
			state = "用户已停用 user disabled"
		}
		tb.add(strconv.FormatInt(t.ID, 10), t.Name, t.User, t.Role, t.Unit, t.CreatedAt.Format("2006-01-02 15:04"), state)
	}
	return tb.write(env.Stdout)
}

func tokenRevoke(ctx context.Context, env Env, args []string) error {
	id, err := actOnID(ctx, env, args, "token revoke", "token", func(ctx context.Context, st store.Store, id int64) error {
		return st.RevokeToken(ctx, id, cliActor())
	})
	if err != nil {
		return err
	}
	fmt.Fprintf(env.Stdout, "令牌 %d 已撤销 (token revoked)\n", id)
	return nil
}

// actOnID runs a subcommand whose one argument is the ID of a what
// ("token", "user"): it reads the ID, opens the store and calls act.
func actOnID(ctx context.Context, env Env, args []string, name, what string, act func(context.Context, store.Store, int64) error) (int64, error) {
	fs := newFlagSet(env, name, "ID [--db FILE|URL]")
	db := dbFlag(fs, defaultDB)
	pos, err := parseArgs(fs, args)
	if err != nil {
		return 0, err
	}
	if len(pos) != 1 {
		return 0, fmt.Errorf("%w: want one %s ID", errUsage, what)
	}
	id, err := strconv.ParseInt(pos[0], 10, 64)
	if err != nil || id <= 0 {
		return 0, fmt.Errorf("%w: %s ID %q is not a positive number", errUsage, what, pos[0])
	}
	st, err := openStore(ctx, *db)
	if err != nil {
		return 0, err
	}
	defer st.Close()
	if err := act(ctx, st, id); err != nil {
		return 0, fmt.Errorf("%s %s %d: %w", strings.Fields(name)[1], what, id, err)
	}
	return id, nil
}

// knownUnit reports whether name is a canonical unit of the registry; a
// reporter token for a misspelt unit would match no task.
func knownUnit(ctx context.Context, st store.Store, name string) bool {
	units, err := st.ListUnits(ctx)
	if err != nil {
		return true // the token is still valid; only the hint is lost
	}
	for _, u := range units {
		if u.Name == name {
			return true
		}
	}
	return false
}
