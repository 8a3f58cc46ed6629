// Package cli maps the command line onto the pipeline and the pipeline's outcome onto
// messages and exit codes; it is the one place that decides either.
package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/partnerbook/partnerbook/internal/book"
	"github.com/partnerbook/partnerbook/internal/diag"
	"github.com/partnerbook/partnerbook/internal/money"
	"github.com/partnerbook/partnerbook/internal/pipeline"
	"github.com/partnerbook/partnerbook/internal/render/html"
	"github.com/partnerbook/partnerbook/internal/report"
)

// Exit codes.
const (
	ExitOK    = 0 // done, warnings allowed
	ExitInput = 1 // input errors (or output could not be written): nothing written
	ExitUsage = 2 // bad command line

	ExitInterrupted = 130 // stopped by Ctrl-C (SIGINT) or SIGTERM: nothing written
)

const usage = `partnerbook turns a partner program into exact payouts, statements and reports.

Usage:
  partnerbook run      [-c partnerbook.toml] [--period 2026-10] [--out out] [--as-of 2026-10-31] [--strict] [--quiet]
                       [--templates DIR] [--echarts FILE] [--shard i/n]
  partnerbook assemble [--period 2026-10] [--out out] SHARD_DIR...
  partnerbook validate [-c partnerbook.toml] [--period 2026-10] [--strict]
  partnerbook explain  [-c partnerbook.toml] --partner ID [--deal ID] [--period 2026-10]
  partnerbook ledger   [-c partnerbook.toml] [--period 2026-10] [--out out]
  partnerbook init     --deals export.xlsx [--payments FILE] [--preset NAME] [--sheet NAME]
  partnerbook version
  partnerbook help COMMAND   (or COMMAND --help): a command's usage with an example

Commands:
  run       compute the period and write out/<period>/ (all or nothing)
  assemble  combine the folders of run --shard i/n into out/<period>/
  validate  check every input and report all problems; writes nothing
  explain   show how each amount of a partner (or one deal) was computed
  ledger    list the ledger's months, their amounts and whether each seal holds
  init      print a starter partnerbook.toml from a real CRM export
  version   print the version

Exit status: 0 done (warnings allowed), 1 input errors (nothing written), 2 usage error,
130 interrupted (nothing written).
--strict turns warnings into errors. Paths inside the TOML are relative to the TOML file.
`

// Main runs the command line and returns the exit code.
func Main(args []string, stdout, stderr io.Writer) int {
	return MainContext(context.Background(), args, stdout, stderr)
}

// MainContext is Main for a run that ctx can interrupt (the command wires it to
// SIGINT and SIGTERM): run then removes what it had begun to write and exits 130.
func MainContext(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		return ExitUsage
	}
	cmd, rest := args[0], args[1:]
	if h, ok := commandHelp[cmd]; ok && wantsHelp(rest) {
		fmt.Fprint(stdout, h)
		return ExitOK
	}
	if cmd == "help" && len(rest) > 0 {
		if h, ok := commandHelp[rest[0]]; ok {
			fmt.Fprint(stdout, h)
			return ExitOK
		}
		fmt.Fprintf(stderr, "partnerbook help: unknown command %q\n\n%s", rest[0], usage)
		return ExitUsage
	}
	switch cmd {
	case "run":
		return run(ctx, rest, stdout, stderr, true)
	case "validate":
		return run(ctx, rest, stdout, stderr, false)
	case "assemble":
		return assemble(ctx, rest, stdout, stderr)
	case "explain":
		return explain(ctx, rest, stdout, stderr)
	case "ledger":
		return ledgerCmd(rest, stdout, stderr)
	case "init":
		return initCmd(rest, stdout, stderr)
	case "version", "--version", "-version":
		fmt.Fprintf(stdout, "partnerbook %s\n", pipeline.Version)
		return ExitOK
	case "help", "-h", "--help", "-help":
		fmt.Fprint(stdout, usage)
		return ExitOK
	}
	fmt.Fprintf(stderr, "partnerbook: unknown command %q\n\n%s", cmd, usage)
	return ExitUsage
}

func newFlags(name string, stderr io.Writer) *flag.FlagSet {
	fs := flag.NewFlagSet("partnerbook "+name, flag.ContinueOnError)
	fs.SetOutput(stderr)
	// A flag error shows the command's own usage, with flags spelled --long as in the
	// README, not the flag package's single-dash listing.
	if h, ok := commandHelp[name]; ok {
		fs.Usage = func() { fmt.Fprint(stderr, "\n"+h) }
	}
	return fs
}

// parse reports usage problems, including stray arguments.
func parse(fs *flag.FlagSet, args []string, stderr io.Writer) bool {
	if err := fs.Parse(args); err != nil {
		return false
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(stderr, "%s: unexpected argument %q (flags only)\n", fs.Name(), fs.Arg(0))
		return false
	}
	return true
}

func run(ctx context.Context, args []string, stdout, stderr io.Writer, write bool) int {
	name := "validate"
	if write {
		name = "run"
	}
	fs := newFlags(name, stderr)
	cfg := pipeline.Config{}
	fs.StringVar(&cfg.ProgramFile, "c", "partnerbook.toml", "the program `file`")
	fs.StringVar(&cfg.Period, "period", "", "the `YYYY-MM` to run (default: program.period)")
	fs.BoolVar(&cfg.Strict, "strict", false, "treat warnings as errors")
	allWarnings := false
	fs.BoolVar(&allWarnings, "all-warnings", false, "print every warning, however many")
	quiet := false
	if write {
		fs.StringVar(&cfg.OutDir, "out", "out", "the output `folder`; results go to <folder>/<period>/")
		fs.StringVar(&cfg.AsOf, "as-of", "", "the run `date` for overdue checks (default: the period's last day)")
		fs.BoolVar(&quiet, "quiet", false, "print only the summary and problems")
		fs.StringVar(&cfg.Templates, "templates", "", "a `folder` with edited e-mail templates (default: the built-in ones)")
		fs.StringVar(&cfg.Echarts, "echarts", "", "an echarts.min.js `file` to inline instead of the built-in copy")
		fs.Func("shard", "write only shard `i/n` of the statements and e-mails, into <folder>/<period>.shard-i-of-n/", func(v string) (err error) {
			cfg.Shard, err = pipeline.ParseShard(v)
			return err
		})
	}
	if !parse(fs, args, stderr) {
		return ExitUsage
	}
	defer profile(stderr)()
	progress := progressFor(stderr, quiet)
	cfg.Progress = progress.pipeline()
	var out *pipeline.Outcome
	var err error
	if write {
		// Run notices the interruption at its next output step and removes its
		// temporary folder before returning; a run that already committed reports so.
		cfg.Context = ctx
		out, err = pipeline.Run(cfg)
		progress.done()
		if err != nil && ctx.Err() != nil {
			return interrupted(stderr, true)
		}
	} else if out, err = load(ctx, cfg); ctx.Err() != nil && err != nil {
		return interrupted(stderr, false)
	}
	progress.done()
	if err != nil {
		return fail(err, stderr, write, allWarnings)
	}
	printWarnings(stderr, out.Warnings, allWarnings, reportList(out.Dir, out.Files))
	summary(stdout, out, write)
	return ExitOK
}

// load is pipeline.Load that returns ctx's error as soon as ctx ends: it writes
// nothing, so there is nothing to wait for.
func load(ctx context.Context, cfg pipeline.Config) (*pipeline.Outcome, error) {
	type loaded struct {
		out *pipeline.Outcome
		err error
	}
	done := make(chan loaded, 1)
	go func() {
		out, err := pipeline.Load(cfg)
		done <- loaded{out, err}
	}()
	select {
	case l := <-done:
		return l.out, l.err
	case <-ctx.Done():
		return nil, ctx.Err()
	}
}

func interrupted(stderr io.Writer, writing bool) int {
	if writing {
		fmt.Fprintln(stderr, "partnerbook: interrupted; nothing was written")
	} else {
		fmt.Fprintln(stderr, "partnerbook: interrupted")
	}
	return ExitInterrupted
}

// fail prints an error and returns its exit code. Only a command that writes
// (writing) says that nothing was written; validate and explain never write.
func fail(err error, stderr io.Writer, writing, allWarnings bool) int {
	nothing := ""
	if writing {
		nothing = "; nothing was written"
	}
	if errors.Is(err, html.ErrEchartsScriptMissing) {
		fmt.Fprintf(stderr, "partnerbook: the dashboard's chart script is missing: run go generate ./... or pass --echarts FILE%s\n", nothing)
		return ExitInput
	}
	var f *diag.Failed
	if errors.As(err, &f) {
		// Errors first, then warnings, each list printed in full up to 200 and counted
		// by kind beyond: the error that stopped the run is never lost among warnings.
		var errs, warns []string
		for _, p := range f.Problems {
			if p.Severity == diag.Warning {
				warns = append(warns, p.String())
			} else {
				errs = append(errs, p.String())
			}
		}
		printProblems(stderr, "error", "errors", errs, allWarnings, "")
		printWarnings(stderr, warns, allWarnings, "")
		fmt.Fprintf(stderr, "partnerbook: %v%s\n", err, nothing)
		return ExitInput
	}
	if pipeline.IsUsage(err) {
		fmt.Fprintf(stderr, "partnerbook: %v\n", err)
		return ExitUsage
	}
	fmt.Fprintf(stderr, "partnerbook: %v%s\n", err, nothing)
	return ExitInput
}

// summary is read from the report, which a run keeps to the end: one row per partner
// with its payout of the period, and the overdue payouts.
func summary(w io.Writer, out *pipeline.Outcome, wrote bool) {
	r := out.Report
	disp := func(a money.Amount) string { return r.Policy.Display(a, r.Currency) }
	count := map[book.PayoutStatus]int{}
	total := map[book.PayoutStatus]money.Amount{}
	payouts := 0
	for _, x := range r.Partners {
		if x.PeriodStatus == "" {
			continue // no payout row this period
		}
		s := book.PayoutStatus(x.PeriodStatus)
		count[s]++
		total[s] = total[s].Add(x.PeriodPayout)
		payouts++
	}
	overdue, owedLate, nOwed := money.Zero, money.Zero, 0
	for _, o := range r.Overdue {
		if o.OwedToUs {
			owedLate, nOwed = owedLate.Add(o.Amount), nOwed+1
		} else {
			overdue = overdue.Add(o.Amount)
		}
	}
	fmt.Fprintf(w, "%s: period %s, as of %s\n", r.Program, r.Period, r.AsOf)
	parts := []string{}
	for _, s := range []book.PayoutStatus{book.StatusDue, book.StatusCarried, book.StatusReceivable, book.StatusNil} {
		if count[s] > 0 {
			parts = append(parts, fmt.Sprintf("%d %s", count[s], strings.ToLower(string(s))))
		}
	}
	if len(parts) == 0 {
		parts = append(parts, "none")
	}
	// Nothing is paid by a run: it says what is due, and what partners owe us as a
	// positive amount, worded as every other document words it.
	fmt.Fprintf(w, "  payouts:        %s (%d in all)\n", strings.Join(parts, ", "), payouts)
	fmt.Fprintf(w, "  total due:      %s\n", disp(total[book.StatusDue]))
	fmt.Fprintf(w, "  carried:        %s\n", disp(total[book.StatusCarried]))
	fmt.Fprintf(w, "  %-16s%s\n", report.OwedToUs+":", disp(total[book.StatusReceivable].Neg()))
	if n := len(r.Overdue) - nOwed; n > 0 {
		fmt.Fprintf(w, "  overdue:        %d earlier payout(s) we owe, %s\n", n, disp(overdue))
	}
	if nOwed > 0 {
		fmt.Fprintf(w, "  overdue:        %d earlier receivable(s) %s, %s\n", nOwed, report.OwedToUs, disp(owedLate))
	}
	fmt.Fprintf(w, "  warnings:       %d\n", len(out.Warnings))
	if wrote {
		fmt.Fprintf(w, "  wrote:          %s (%d files)\n", out.Dir, len(out.Files))
	} else {
		fmt.Fprintf(w, "  inputs are valid; nothing written\n")
	}
}

func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	st, err := f.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0
}
