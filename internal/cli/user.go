package cli

import (
	"context"
	"fmt"
	"strconv"
	"strings"

	"github.com/planwatch/planwatch/internal/store"
)

// runUser manages users: the people and offices that hold tokens.
func runUser(ctx context.Context, env Env, args []string) error {
	const synopsis = "add --name N --role admin|reporter [--unit U] | list | disable ID  [--db FILE|URL]"
	return dispatch(ctx, env, args, "user", synopsis, []subcommand{{"add", userAdd}, {"list", userList}, {"disable", userDisable}})
}

func userAdd(ctx context.Context, env Env, args []string) error {
	fs := newFlagSet(env, "user add", "--name N --role admin|reporter [--unit U] [--db FILE|URL]")
	db := dbFlag(fs, defaultDB)
	name := fs.String("name", "", "the person or office, e.g. 市工信局 张三 (unique)")
	role := fs.String("role", "", "admin (every write) or reporter (observations of its unit's tasks)")
	unit := fs.String("unit", "", "the reporter's unit (a name or alias in the unit registry)")
	pos, err := parseArgs(fs, args)
	if err != nil {
		return err
	}
	*name, *unit = strings.TrimSpace(*name), strings.TrimSpace(*unit)
	if err := checkRoleFlags(pos, *name, *role, *unit); err != nil {
		return err
	}
	st, err := openStore(ctx, *db)
	if err != nil {
		return err
	}
	defer st.Close()
	u, err := st.CreateUser(ctx, store.User{Name: *name, Role: *role, Unit: *unit}, cliActor())
	if err != nil {
		return fmt.Errorf("add user: %w", err)
	}
	if u.Unit != "" && !knownUnit(ctx, st, u.Unit) {
		fmt.Fprintf(env.Stderr, "注意 (note): 单位“%s”不在单位名录中，请核对名称，或先 planwatch unit add\n", u.Unit)
	}
	fmt.Fprintf(env.Stdout, "用户 %d 已添加 (user added): %s %s %s\n", u.ID, u.Name, u.Role, u.Unit)
	fmt.Fprintf(env.Stdout, "发放令牌 (issue a token): planwatch token create --user %d\n", u.ID)
	return nil
}

// checkRoleFlags is the command line's check of --name, --role and --unit,
// so that a mistake is a usage error (exit 2) before the database is opened.
func checkRoleFlags(pos []string, name, role, unit string) error {
	switch {
	case len(pos) > 0:
		return fmt.Errorf("%w: unexpected argument %q", errUsage, pos[0])
	case name == "":
		return fmt.Errorf("%w: --name is required", errUsage)
	case role != store.RoleAdmin && role != store.RoleReporter:
		return fmt.Errorf("%w: --role must be admin or reporter, not %q", errUsage, role)
	case role == store.RoleReporter && unit == "":
		return fmt.Errorf("%w: a reporter needs --unit", errUsage)
	case role == store.RoleAdmin && unit != "":
		return fmt.Errorf("%w: an admin has no --unit", errUsage)
	}
	return nil
}

func userList(ctx context.Context, env Env, args []string) error {
	fs := newFlagSet(env, "user list", "[--db FILE|URL]")
	db := dbFlag(fs, defaultDB)
	pos, err := parseArgs(fs, args)
	if err != nil {
		return err
	}
	if len(pos) > 0 {
		return fmt.Errorf("%w: unexpected argument %q", errUsage, pos[0])
	}
	users, toks, err := usersAndTokens(ctx, *db)
	if err != nil {
		return fmt.Errorf("list users: %w", err)
	}
	live := map[int64]int{}
	for _, t := range toks {
		if !t.Revoked {
			live[t.UserID]++
		}
	}
	tb := table{header: []string{"ID", "名称 name", "角色 role", "单位 unit", "有效令牌 live tokens", "创建 created", "状态 state"}}
	for _, u := range users {
		state := "启用 enabled"
		if u.Disabled {
			state = "已停用 disabled"
		}
		tb.add(strconv.FormatInt(u.ID, 10), u.Name, u.Role, u.Unit, strconv.Itoa(live[u.ID]), u.CreatedAt.Format("2006-01-02 15:04"), state)
	}
	return tb.write(env.Stdout)
}

func userDisable(ctx context.Context, env Env, args []string) error {
	id, err := actOnID(ctx, env, args, "user disable", "user", func(ctx context.Context, st store.Store, id int64) error {
		return st.DisableUser(ctx, id, cliActor())
	})
	if err != nil {
		return err
	}
	fmt.Fprintf(env.Stdout, "用户 %d 已停用，其令牌均已失效 (user disabled; its tokens no longer work)\n", id)
	return nil
}

// findUser returns the user named ref, or else the user whose ID ref is:
// names are what people type, and a name is never mistaken for an ID.
func findUser(ctx context.Context, st store.Store, ref string) (store.User, error) {
	ref = strings.TrimSpace(ref)
	users, err := st.ListUsers(ctx)
	if err != nil {
		return store.User{}, fmt.Errorf("find user %s: %w", ref, err)
	}
	for _, u := range users {
		if u.Name == ref {
			return u, nil
		}
	}
	if id, err := strconv.ParseInt(ref, 10, 64); err == nil {
		for _, u := range users {
			if u.ID == id {
				return u, nil
			}
		}
	}
	return store.User{}, store.Errorf(store.ENotFound, "no user named or numbered %q (see planwatch user list)", ref)
}

// usersAndTokens reads both lists, which each listing shows against the
// other (a user's live tokens, a token's disabled user).
func usersAndTokens(ctx context.Context, dsn string) ([]store.User, []store.Token, error) {
	st, err := openStore(ctx, dsn)
	if err != nil {
		return nil, nil, err
	}
	defer st.Close()
	users, err := st.ListUsers(ctx)
	if err != nil {
		return nil, nil, err
	}
	toks, err := st.ListTokens(ctx)
	if err != nil {
		return nil, nil, err
	}
	return users, toks, nil
}
