// Command partnerbook turns a partner program into payouts, statements and reports.
package main

import (
	"os"

	"github.com/partnerbook/partnerbook/internal/cli"
)

func main() {
	os.Exit(cli.Main(os.Args[1:], os.Stdout, os.Stderr))
}
