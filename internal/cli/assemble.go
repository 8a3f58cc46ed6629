package cli

import (
	"context"
	"fmt"
	"io"

	"github.com/partnerbook/partnerbook/internal/pipeline"
)

// assemble is `partnerbook assemble [--period P] [--out out] SHARD_DIR...`: it
// combines the folders that `run --shard i/n` wrote into out/<period>/, the same
// folder, byte for byte, that one run writes.
func assemble(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs := newFlags("assemble", stderr)
	cfg := pipeline.AssembleConfig{Context: ctx}
	fs.StringVar(&cfg.Period, "period", "", "the `YYYY-MM` the shards must be of (default: theirs)")
	fs.StringVar(&cfg.OutDir, "out", "out", "the output `folder`; results go to <folder>/<period>/")
	quiet := fs.Bool("quiet", false, "print only the summary and problems")
	if err := fs.Parse(args); err != nil {
		return ExitUsage
	}
	cfg.Shards = fs.Args()
	if len(cfg.Shards) == 0 {
		fmt.Fprintf(stderr, "partnerbook assemble: name the shard folders, e.g. out/2026-10.shard-*-of-3\n")
		return ExitUsage
	}
	progress := progressFor(stderr, *quiet)
	cfg.Progress = progress.pipeline()
	a, err := pipeline.Assemble(cfg)
	progress.done()
	if err != nil {
		if ctx.Err() != nil {
			return interrupted(stderr, true)
		}
		return fail(err, stderr, true, false)
	}
	fmt.Fprintf(stdout, "assembled %d shard(s) of period %s: %d statement(s)\n", a.Shards, a.Period, a.Statements)
	fmt.Fprintf(stdout, "  wrote:          %s (%d files)\n", a.Dir, len(a.Files))
	return ExitOK
}
