package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"os"
	"path/filepath"
	"strings"

	"github.com/planwatch/planwatch/internal/demo"
	"github.com/planwatch/planwatch/internal/server"
	"github.com/planwatch/planwatch/internal/store"
)

// runServe serves the dashboard and the JSON API until SIGINT or SIGTERM.
func runServe(ctx context.Context, env Env, args []string) error {
	fs := newFlagSet(env, "serve", "[--addr 127.0.0.1:8080] [--db FILE|URL] [--demo] [--no-anonymous] [--log-level info]")
	addr := fs.String("addr", "127.0.0.1:8080", "address to listen on; the default is reachable only from this computer")
	db := dbFlag(fs, defaultDB)
	withDemo := fs.Bool("demo", false, "build a fresh Changsha demo database (in a temporary directory unless --db is given) and print demo tokens")
	noAnon := fs.Bool("no-anonymous", false, "refuse reads without a token (default: anyone who can reach the server may read)")
	logLevel := fs.String("log-level", "info", "debug, info, warn or error")
	thresholds := thresholdFlags(fs)
	pos, err := parseArgs(fs, args)
	if err != nil {
		return err
	}
	cfg, err := thresholds()
	if err != nil {
		return err
	}
	if len(pos) > 0 {
		return fmt.Errorf("%w: unexpected argument %q", errUsage, pos[0])
	}
	var level slog.Level
	if err := level.UnmarshalText([]byte(*logLevel)); err != nil {
		return fmt.Errorf("%w: --log-level %q: want debug, info, warn or error", errUsage, *logLevel)
	}
	log := slog.New(slog.NewTextHandler(env.Stderr, &slog.HandlerOptions{Level: level}))

	dbGiven := false
	fs.Visit(func(f *flag.Flag) { dbGiven = dbGiven || f.Name == "db" })
	dsn := *db
	if *withDemo {
		path, cleanup, err := demoPath(*db, dbGiven)
		if err != nil {
			return err
		}
		defer cleanup()
		dsn = path
	}

	st, err := openStore(ctx, dsn)
	if err != nil {
		return err
	}
	defer st.Close()

	var tokens []demo.Token
	if *withDemo {
		if tokens, err = loadDemo(ctx, st); err != nil {
			return err
		}
	}

	srv, err := server.New(server.Config{Store: st, Status: cfg, Logger: log, AllowAnonymous: !*noAnon})
	if err != nil {
		return err
	}
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		return fmt.Errorf("listen on %s: %w", *addr, err)
	}
	url := "http://" + ln.Addr().String()
	fmt.Fprintf(env.Stdout, "planwatch 正在 %s 提供服务 (serving; Ctrl+C to stop)\n", url)
	if *withDemo {
		printDemo(env.Stdout, dsn, tokens)
	}
	if !*noAnon && !isLoopback(ln.Addr()) {
		log.Warn("anonymous read access is on and the server is reachable from the network; use --no-anonymous to require tokens", "addr", ln.Addr().String())
	}
	return srv.Serve(ctx, ln)
}

// demoPath returns the SQLite file for --demo: a fresh temporary one
// removed on exit, or the --db file, which must not exist yet so a demo
// never overwrites real data.
func demoPath(db string, given bool) (string, func(), error) {
	if !given {
		dir, err := os.MkdirTemp("", "planwatch-demo-")
		if err != nil {
			return "", nil, fmt.Errorf("demo: temporary directory: %w", err)
		}
		return filepath.Join(dir, "demo.db"), func() { os.RemoveAll(dir) }, nil
	}
	if isPostgresURL(db) {
		return "", nil, fmt.Errorf("%w: --demo builds a SQLite file; give --db a file name, not a postgres URL", errUsage)
	}
	if _, err := os.Stat(db); err == nil {
		return "", nil, fmt.Errorf("%w: --demo needs a new file, and %s exists (remove it or choose another --db)", errUsage, db)
	} else if !errors.Is(err, os.ErrNotExist) {
		return "", nil, fmt.Errorf("demo: %s: %w", db, err)
	}
	return db, func() {}, nil
}

// loadDemo imports the Changsha plan, its outcomes, the unit registry and
// the demo tokens, so a newcomer can try every role at once.
func loadDemo(ctx context.Context, st store.Store) ([]demo.Token, error) {
	res, err := demo.Setup(ctx, st)
	if err != nil {
		return nil, fmt.Errorf("demo: %w", err)
	}
	return res.Tokens, nil
}

func printDemo(w io.Writer, dsn string, tokens []demo.Token) {
	var b strings.Builder
	fmt.Fprintf(&b, "示例数据库 (demo database): %s\n", dsn)
	b.WriteString("示例令牌 (demo tokens; log in on the dashboard or send \"Authorization: Bearer <secret>\"):\n")
	for _, t := range tokens {
		who := t.Role
		if t.Unit != "" {
			who += " " + t.Unit
		}
		fmt.Fprintf(&b, "  %s\n    %s\n    %s\n", t.Name, who, t.Secret)
	}
	io.WriteString(w, b.String())
}

func isLoopback(a net.Addr) bool {
	tcp, ok := a.(*net.TCPAddr)
	return ok && tcp.IP.IsLoopback()
}
