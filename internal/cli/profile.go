package cli

import (
	"fmt"
	"io"
	"os"
	"runtime"
	"runtime/pprof"
)

// profile starts the profiles named by PARTNERBOOK_CPUPROFILE and
// PARTNERBOOK_MEMPROFILE (files to write, for `go tool pprof`), for measuring a
// run at scale (bench/README.md); the returned func writes them. They are not
// flags, so that help stays about the product.
func profile(stderr io.Writer) func() {
	var stops []func()
	if p := os.Getenv("PARTNERBOOK_CPUPROFILE"); p != "" {
		f, err := os.Create(p)
		if err == nil {
			err = pprof.StartCPUProfile(f)
		}
		if err != nil {
			fmt.Fprintf(stderr, "partnerbook: cpu profile: %v\n", err)
		} else {
			stops = append(stops, func() { pprof.StopCPUProfile(); f.Close() })
		}
	}
	if p := os.Getenv("PARTNERBOOK_MEMPROFILE"); p != "" {
		stops = append(stops, func() {
			f, err := os.Create(p)
			if err == nil {
				runtime.GC()
				err = pprof.Lookup("allocs").WriteTo(f, 0)
				f.Close()
			}
			if err != nil {
				fmt.Fprintf(stderr, "partnerbook: memory profile: %v\n", err)
			}
		})
	}
	return func() {
		for _, s := range stops {
			s()
		}
	}
}
