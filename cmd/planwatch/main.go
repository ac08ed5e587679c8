// Command planwatch parses Chinese government action plans, tracks their
// targets against reported outcomes and serves a dashboard.
package main

import (
	"context"
	"os"
	"os/signal"
	"syscall"

	"github.com/planwatch/planwatch/internal/cli"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := cli.Main(ctx, os.Args[1:], os.Stdin, os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}
