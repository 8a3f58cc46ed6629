package cli

import (
	"fmt"
	"io"

	"github.com/partnerbook/partnerbook/internal/diag"
	"github.com/partnerbook/partnerbook/internal/pipeline"
)

// ledgerCmd reports the ledger chain before the period: each month's workbook, its
// payouts and amounts, and whether its seal holds. Exit 1 when the chain has errors.
func ledgerCmd(args []string, stdout, stderr io.Writer) int {
	fs := newFlags("ledger", stderr)
	cfg := pipeline.Config{}
	fs.StringVar(&cfg.ProgramFile, "c", "partnerbook.toml", "the program `file`")
	fs.StringVar(&cfg.Period, "period", "", "the `YYYY-MM` to run next (default: program.period)")
	fs.StringVar(&cfg.OutDir, "out", "out", "the output `folder` of earlier runs")
	fs.BoolVar(&cfg.Strict, "strict", false, "treat warnings as errors")
	if !parse(fs, args, stderr) {
		return ExitUsage
	}
	rep, err := pipeline.Ledger(cfg)
	if err != nil {
		return fail(err, stderr, false, false)
	}
	p := rep.Program
	c := rep.Chain
	fmt.Fprintf(stdout, "%s: ledger before %s\n", p.Name, c.Period)
	if len(c.Workbooks) == 0 {
		fmt.Fprintf(stdout, "  no ledger workbook: the run of %s is a first run\n", c.Period)
	}
	fmt.Fprintf(stdout, "  %-8s  %-36s  %7s  %14s  %14s  %14s  %14s  %s\n", "month", "file", "payouts", "due", "paid", "unpaid", "receivable", "seal")
	for _, wb := range c.Workbooks {
		t := wb.Totals()
		m := "?"
		if !wb.Period.IsZero() {
			m = wb.Period.String()
		}
		seal := string(wb.Seal)
		if wb.Reason != "" {
			seal += ": " + wb.Reason
		}
		if wb.Chain != "" {
			seal += "; " + wb.Chain
		}
		fmt.Fprintf(stdout, "  %-8s  %-36s  %7d  %14s  %14s  %14s  %14s  %s\n", m, wb.Name, t.Payouts,
			p.Policy.Display(t.Due, p.Currency), p.Policy.Display(t.Paid, p.Currency),
			p.Policy.Display(t.Unpaid, p.Currency), p.Policy.Display(t.Receivable, p.Currency), seal)
	}
	for _, m := range c.Missing {
		fmt.Fprintf(stdout, "  %-8s  MISSING\n", m)
	}
	for _, s := range c.Skipped {
		fmt.Fprintf(stdout, "  not read: %s (%s)\n", s.Name, s.Hint)
	}
	errs := 0
	for _, pr := range rep.Problems {
		kind := "warning"
		if pr.Severity == diag.Error {
			kind = "error"
			errs++
		}
		fmt.Fprintf(stderr, "%s: %s\n", kind, pr)
	}
	if errs > 0 {
		fmt.Fprintf(stderr, "partnerbook: the ledger has %d error(s): a run would refuse it\n", errs)
		return ExitInput
	}
	return ExitOK
}
