package pipeline

import (
	"fmt"

	"github.com/partnerbook/partnerbook/internal/civil"
	"github.com/partnerbook/partnerbook/internal/diag"
	"github.com/partnerbook/partnerbook/internal/domain"
	"github.com/partnerbook/partnerbook/internal/ledger"
	"github.com/partnerbook/partnerbook/internal/terms"
)

// ledgerSource is where the run's ledger comes from: the program's [input.ledger], its
// other inputs (never ledger copies) and the run's output folder of earlier periods.
func ledgerSource(prog *domain.Program, cfg Config) ledger.Source {
	src := ledger.Source{Program: cfg.ProgramFile, Dir: prog.Dir, Patterns: prog.Ledger.Patterns,
		Files: prog.Ledger.Files, OutDir: cfg.OutDir}
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
