// Package cli implements planwatch's subcommands on flag.FlagSet and wires
// the packages together. Each subcommand lives in a file of its own.
package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"strings"
)

// Env is what a subcommand gets from the process: never globals.
type Env struct {
	Stdin  io.Reader
	Stdout io.Writer
	Stderr io.Writer
}

// command is one subcommand.
type command struct {
	name    string
	summary string
	run     func(ctx context.Context, env Env, args []string) error
}

func commands() []command {
	return []command{
		{"parse", "读取计划文本，输出结构（parse a plan text into its structure）", runParse},
		{"import", "导入计划或观测数据（import a plan or observations）", runImport},
		{"status", "按日期判断各目标进展（judge every target as of a date）", runStatus},
		{"export", "导出督办台账 xlsx/csv/json（export the ledger）", runExport},
		{"serve", "启动网页与 API 服务（serve the dashboard and API）", runServe},
		{"demo", "建立长沙示例数据库（build the Changsha demo database）", runDemo},
		{"token", "管理访问令牌（create, list, revoke API tokens）", runToken},
		{"user", "管理用户（add, list, disable the people who hold tokens）", runUser},
		{"unit", "管理单位及别名（manage units and aliases）", runUnit},
		{"backup", "在线备份数据库（take an online backup）", runBackup},
	}
}

// errUsage marks an error that is the caller's: exit code 2.
var errUsage = errors.New("usage")

// Main runs planwatch with args and returns the process exit code.
func Main(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	env := Env{Stdin: stdin, Stdout: stdout, Stderr: stderr}
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" || args[0] == "help" {
		usage(stdout)
		if len(args) == 0 {
			return 2
		}
		return 0
	}
	for _, c := range commands() {
		if c.name != args[0] {
			continue
		}
		err := c.run(ctx, env, args[1:])
		switch {
		case err == nil:
			return 0
		case errors.Is(err, flag.ErrHelp):
			return 0
		case errors.Is(err, errUsage):
			fmt.Fprintf(stderr, "planwatch %s: %v\n", c.name, err)
			return 2
		default:
			fmt.Fprintf(stderr, "planwatch %s: %v\n", c.name, err)
			return 1
		}
	}
	fmt.Fprintf(stderr, "planwatch: unknown command %q\n\n", args[0])
	usage(stderr)
	return 2
}

func usage(w io.Writer) {
	var b strings.Builder
	b.WriteString("planwatch: 行动计划解析、跟踪与督办 (parse, track and supervise action plans)\n\nUsage: planwatch <command> [flags]\n\nCommands:\n")
	for _, c := range commands() {
		fmt.Fprintf(&b, "  %-8s %s\n", c.name, c.summary)
	}
	b.WriteString("\nRun 'planwatch <command> --help' for a command's flags.\n")
	io.WriteString(w, b.String())
}

// newFlagSet returns a FlagSet whose errors go to env.Stderr and whose
// usage line names the subcommand.
func newFlagSet(env Env, name, synopsis string) *flag.FlagSet {
	fs := flag.NewFlagSet("planwatch "+name, flag.ContinueOnError)
	fs.SetOutput(env.Stderr)
	fs.Usage = func() {
		fmt.Fprintf(env.Stderr, "Usage: planwatch %s %s\n\nFlags:\n", name, synopsis)
		fs.PrintDefaults()
	}
	return fs
}
