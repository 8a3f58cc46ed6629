package cli

import (
	"fmt"
	"io"
	"time"

	"github.com/schollz/progressbar/v3"

	"github.com/partnerbook/partnerbook/internal/pipeline"
)

// terminal reports whether w is a terminal; tests replace it.
var terminal = isTerminal

// progressFor is what a command shows while it works on stderr: on a terminal, a
// "… stage" line per stage and a bar for each long stage; with --quiet or on a pipe or
// file, nothing (the summary and problems are printed either way).
func progressFor(stderr io.Writer, quiet bool) *termProgress {
	if quiet || !terminal(stderr) {
		return nil
	}
	return &termProgress{w: stderr}
}

// termProgress draws the bars. One bar is open at a time: a new stage closes it.
type termProgress struct {
	w   io.Writer
	bar *progressbar.ProgressBar
}

// pipeline returns p as the pipeline's Progress; nil stays nil, so that the pipeline
// sees no progress at all rather than a nil pointer in an interface.
func (p *termProgress) pipeline() pipeline.Progress {
	if p == nil {
		return nil
	}
	return p
}

func (p *termProgress) Stage(name string) {
	p.done()
	fmt.Fprintf(p.w, "… %s\n", name)
}

// Counter opens a bar with the count, the rate and the time left; with no total,
// a counter with the rate.
func (p *termProgress) Counter(name string, total int64) func(int64) {
	p.done()
	if total <= 0 {
		total = -1
	}
	bar := progressbar.NewOptions64(total,
		progressbar.OptionSetWriter(p.w),
		progressbar.OptionSetDescription("  "+name),
		progressbar.OptionShowCount(),
		progressbar.OptionShowIts(),
		progressbar.OptionSetItsString(name),
		progressbar.OptionSetPredictTime(true),
		progressbar.OptionSetWidth(30),
		progressbar.OptionThrottle(100*time.Millisecond),
		progressbar.OptionShowElapsedTimeOnFinish(),
		progressbar.OptionOnCompletion(func() { fmt.Fprintln(p.w) }),
	)
	p.bar = bar
	return func(n int64) { bar.Add64(n) }
}

// done closes the open bar, if any.
func (p *termProgress) done() {
	if p == nil || p.bar == nil {
		return
	}
	p.bar.Finish()
	p.bar = nil
}
