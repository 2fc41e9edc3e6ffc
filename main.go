// Command sinchtop watches every function of a Sinch Functions project from
// a terminal: status, live request logs, metrics and billing.
package main

import (
	"context"
	"os"
	"os/signal"
	"syscall"

	"github.com/sinchtop/sinchtop/ui/cli"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := cli.Execute(ctx, os.Args[1:], os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}
