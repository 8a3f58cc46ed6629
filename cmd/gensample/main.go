// Command gensample (re)writes sample-data/, the sample partner program that the README
// runs: go run ./cmd/gensample [-dir sample-data].
package main

import (
	"flag"
	"fmt"
	"os"

	"github.com/partnerbook/partnerbook/internal/sample"
)

func main() {
	dir := flag.String("dir", "sample-data", "the `folder` to write")
	flag.Parse()
	if err := sample.Generate(*dir); err != nil {
		fmt.Fprintf(os.Stderr, "gensample: %v\n", err)
		os.Exit(1)
	}
	fmt.Printf("wrote %s\n", *dir)
}
