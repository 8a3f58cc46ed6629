// Command partnerbook turns a partner program into payouts, statements and reports.
package main

import (
	"context"
	"os"
	"os/signal"
	"syscall"

	"github.com/partnerbook/partnerbook/internal/cli"
)

func main() {
	os.Exit(runMain(os.Args[1:]))
}

// runMain runs the command line with Ctrl-C (SIGINT) and SIGTERM turned into a
// clean stop: the run removes what it had begun to write and exits 130. A second
// signal ends the program at once; the next run then removes the leftovers.
func runMain(args []string) int {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	go func() {
		<-ctx.Done()
		stop()
	}()
	return cli.MainContext(ctx, args, os.Stdout, os.Stderr)
}
