package pipeline

import (
	"fmt"

	"github.com/partnerbook/partnerbook/internal/civil"
	"github.com/partnerbook/partnerbook/internal/commission"
	"github.com/partnerbook/partnerbook/internal/diag"
	"github.com/partnerbook/partnerbook/internal/domain"
	"github.com/partnerbook/partnerbook/internal/ledger"
	"github.com/partnerbook/partnerbook/internal/terms"
)

// ledgerSource is where the run's ledger comes from: the program's [input.ledger], its
// other inputs (never ledger copies) and the run's output folder of earlier periods.
func ledgerSource(prog *domain.Program, cfg Config) ledger.Source {
	src := ledger.Source{Program: cfg.ProgramFile, Dir: prog.Dir, Patterns: prog.Ledger.Patterns,
		Files: prog.Ledger.Files, OutDir: cfg.OutDir, AcceptUnsealed: prog.Ledger.AcceptUnsealed,
		NewLedgerFrom: prog.Ledger.NewLedgerFrom}
	for _, f := range []string{prog.Deals.File, prog.Payments.File} {
		if f != "" {
			src.Inputs = append(src.Inputs, f)
		}
	}
	return src
}

// LedgerReport is the ledger chain of a period with every problem found reading it.
type LedgerReport struct {
	Program  *domain.Program
	Chain    *ledger.Chain
	Problems []diag.Problem // sorted
}

// Ledger reads the program file and its ledger only, for `partnerbook ledger`: the
// chain of monthly workbooks before the period and the state of each one's seal.
// A program file that cannot be read is a *diag.Failed; ledger problems are reported
// in the LedgerReport, errors and warnings alike.
func Ledger(cfg Config) (*LedgerReport, error) {
	var probs diag.List
	var period civil.Month
	if cfg.Period != "" {
		p, err := civil.ParseMonth(cfg.Period)
		if err != nil {
			return nil, &UsageError{fmt.Sprintf("--period: %v", err)}
		}
		period = p
	}
	prog := terms.Load(cfg.ProgramFile, &probs)
	if prog == nil {
		return nil, fail(&probs, false)
	}
	if period.IsZero() {
		period = prog.Period
	}
	if period.IsZero() {
		probs.Errorf(diag.Pos{File: cfg.ProgramFile}, "no period: set period in [program] or pass --period YYYY-MM")
		return nil, fail(&probs, false)
	}
	_, chain := ledger.Load(ledgerSource(prog, cfg), period, &probs)
	if cfg.Strict {
		probs.Strict()
	}
	return &LedgerReport{Program: prog, Chain: chain, Problems: diag.Sorted(probs.All())}, nil
}

// reproduces checks a run of a period the ledger already holds a workbook of: its
// payouts (IDs, amounts, statuses, lines and their amounts) must be that workbook's, or
// its lines would be issued twice or never. When the ledger holds later months too,
// only a run that reproduces the period may go on.
func reproduces(res *commission.Result, chain *ledger.Chain, probs *diag.List) {
	if chain == nil || len(chain.Own) == 0 {
		return
	}
	own := chain.Own[0]
	var ran []*domain.IssuedPayout
	for _, p := range res.Payouts {
		ip := &domain.IssuedPayout{ID: p.ID, Amount: p.Amount, Status: p.Status}
		for _, l := range p.Lines {
			ip.AddLine(l.ID, l.Amount)
		}
		ran = append(ran, ip)
	}
	diff := ledger.PayoutsDiff(own.Payouts, ran, "this run", own.Name)
	if diff == "" {
		return
	}
	at := diag.Pos{File: own.Name}
	if n := len(chain.Later); n > 0 {
		latest := chain.Later[n-1].Period
		probs.Errorf(at, "the ledger already holds %s: a run of %s can only reproduce it; this run does not (%s): the change comes as correction lines in the next period to run, %s",
			latest, res.Period, diff, latest.Add(1))
		return
	}
	probs.Errorf(at, "this run of %s does not reproduce the ledger's workbook of it (%s): if finance has not imported %s yet, remove it from the ledger and run again; otherwise the change comes as correction lines in the next period, %s",
		res.Period, diff, own.Name, res.Period.Add(1))
}
