package cli

import (
	"context"
	"flag"
	"fmt"
	"strconv"
	"strings"
)

// runUnit manages the unit registry: add, alias, list.
func runUnit(ctx context.Context, env Env, args []string) error {
	const synopsis = "add NAME [--alias A]... | alias ID ALIAS | list  [--db FILE|URL]"
	return dispatch(ctx, env, args, "unit", synopsis, []subcommand{{"add", unitAdd}, {"alias", unitAlias}, {"list", unitList}})
}

// subcommand is one verb of a command with several (unit add, token list).
type subcommand struct {
	name string
	run  func(ctx context.Context, env Env, args []string) error
}

// dispatch runs the subcommand args[0] names, or prints the command's
// usage for -h, --help or nothing.
func dispatch(ctx context.Context, env Env, args []string, command, synopsis string, subs []subcommand) error {
	names := make([]string, len(subs))
	for i, sc := range subs {
		names[i] = sc.name
	}
	want := strings.Join(names[:len(names)-1], ", ") + " or " + names[len(names)-1]
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" {
		newFlagSet(env, command, synopsis).Usage()
		if len(args) == 0 {
			return fmt.Errorf("%w: want %s", errUsage, want)
		}
		return nil
	}
	for _, sc := range subs {
		if sc.name == args[0] {
			return sc.run(ctx, env, args[1:])
		}
	}
	return fmt.Errorf("%w: unknown %s command %q (want %s)", errUsage, command, args[0], want)
}

// stringsFlag collects a repeated flag.
type stringsFlag []string

func (s *stringsFlag) String() string { return strings.Join(*s, ",") }
func (s *stringsFlag) Set(v string) error {
	if strings.TrimSpace(v) == "" {
		return fmt.Errorf("empty alias")
	}
	*s = append(*s, strings.TrimSpace(v))
	return nil
}

var _ flag.Value = (*stringsFlag)(nil)

func unitAdd(ctx context.Context, env Env, args []string) error {
	fs := newFlagSet(env, "unit add", "NAME [--alias A]... [--db FILE|URL]")
	db := dbFlag(fs, defaultDB)
	var aliases stringsFlag
	fs.Var(&aliases, "alias", "another spelling of the unit, e.g. 市工信局 (repeatable)")
	pos, err := parseArgs(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 || strings.TrimSpace(pos[0]) == "" {
		return fmt.Errorf("%w: want one unit name", errUsage)
	}
	st, err := openStore(ctx, *db)
	if err != nil {
		return err
	}
	defer st.Close()
	u, err := st.CreateUnit(ctx, strings.TrimSpace(pos[0]), aliases, cliActor())
	if err != nil {
		return fmt.Errorf("add unit %s: %w", pos[0], err)
	}
	fmt.Fprintf(env.Stdout, "单位 %d 已添加 (unit added): %s", u.ID, u.Name)
	if len(u.Aliases) > 0 {
		fmt.Fprintf(env.Stdout, " = %s", strings.Join(u.Aliases, " = "))
	}
	fmt.Fprintln(env.Stdout)
	return nil
}

func unitAlias(ctx context.Context, env Env, args []string) error {
	fs := newFlagSet(env, "unit alias", "ID ALIAS [--db FILE|URL]")
	db := dbFlag(fs, defaultDB)
	pos, err := parseArgs(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 2 {
		return fmt.Errorf("%w: want a unit ID and an alias", errUsage)
	}
	id, err := strconv.ParseInt(pos[0], 10, 64)
	if err != nil || id <= 0 {
		return fmt.Errorf("%w: unit ID %q is not a positive number (see planwatch unit list)", errUsage, pos[0])
	}
	alias := strings.TrimSpace(pos[1])
	if alias == "" {
		return fmt.Errorf("%w: empty alias", errUsage)
	}
	st, err := openStore(ctx, *db)
	if err != nil {
		return err
	}
	defer st.Close()
	if err := st.AddUnitAlias(ctx, id, alias, cliActor()); err != nil {
		return fmt.Errorf("add alias %s to unit %d: %w", alias, id, err)
	}
	fmt.Fprintf(env.Stdout, "别名已添加 (alias added): %s -> 单位 %d\n", alias, id)
	return nil
}

func unitList(ctx context.Context, env Env, args []string) error {
	fs := newFlagSet(env, "unit list", "[--db FILE|URL]")
	db := dbFlag(fs, defaultDB)
	if _, err := parseArgs(fs, args); err != nil {
		return err
	}
	st, err := openStore(ctx, *db)
	if err != nil {
		return err
	}
	defer st.Close()
	units, err := st.ListUnits(ctx)
	if err != nil {
		return fmt.Errorf("list units: %w", err)
	}
	tb := table{header: []string{"ID", "单位 unit", "别名 aliases"}}
	for _, u := range units {
		tb.add(strconv.FormatInt(u.ID, 10), u.Name, strings.Join(u.Aliases, "、"))
	}
	return tb.write(env.Stdout)
}
