// Package pipeline runs partnerbook's stages in order: read the program and inputs,
// compute the money, render every output and commit the output folder.
package pipeline

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime/debug"

	"github.com/partnerbook/partnerbook/internal/civil"
	"github.com/partnerbook/partnerbook/internal/commission"
	"github.com/partnerbook/partnerbook/internal/crm"
	"github.com/partnerbook/partnerbook/internal/diag"
	"github.com/partnerbook/partnerbook/internal/domain"
	"github.com/partnerbook/partnerbook/internal/ledger"
	"github.com/partnerbook/partnerbook/internal/output"
	"github.com/partnerbook/partnerbook/internal/render/finance"
	"github.com/partnerbook/partnerbook/internal/render/html"
	"github.com/partnerbook/partnerbook/internal/render/xlsx"
	"github.com/partnerbook/partnerbook/internal/report"
	"github.com/partnerbook/partnerbook/internal/terms"
)

// Version is the program's version, recorded in the manifest.
const Version = "0.1.0"

// Config is a run as the command line asked for it.
type Config struct {
	ProgramFile string
	Period      string // "" = the program's period
	AsOf        string // "" = the period's last day
	OutDir      string // the folder that receives <period>/
	Strict      bool
	Templates   string          // folder of edited e-mail templates; "" = built-in
	Echarts     string          // echarts.min.js to use instead of the built-in copy; "" = built-in
	Progress    Progress        // told of each stage and long stages' counts; nil for none
	Shard       Shard           // write only this shard's statements and e-mails (zero: all)
	Context     context.Context // cancelling it (Ctrl-C) stops Run before anything is committed; nil = never
}

// Outcome is what a run did.
type Outcome struct {
	Result     *commission.Result
	Report     *report.Report
	Statements []*report.Statement
	Finance    *report.Finance    // what the finance files are made of
	Unpaid     []report.UnpaidRow // Due payouts in no payment file, when the run writes any
	Warnings   []diag.Problem
	Chain      *ledger.Chain // the ledger's workbooks; its After is sealed into payouts.xlsx
	Dir        string        // the period folder written (run only)
	Files      []output.File // written files

	rows []*report.PayoutRow // this period's payouts worded, shared by Statements, Finance and payouts.xlsx
}

// Load reads and checks every input and computes the result, writing nothing.
// Input errors come back as *diag.Failed listing every problem found.
func Load(cfg Config) (*Outcome, error) {
	var probs diag.List
	stage := stager(cfg.Progress)

	// 1. The flags that name the period and the run date, before any file is read.
	var period civil.Month
	var asOf civil.Date
	if cfg.Period != "" {
		p, err := civil.ParseMonth(cfg.Period)
		if err != nil {
			return nil, &UsageError{fmt.Sprintf("--period: %v", err)}
		}
		period = p
	}
	if cfg.AsOf != "" {
		d, err := civil.Parse(cfg.AsOf)
		if err != nil {
			return nil, &UsageError{fmt.Sprintf("--as-of: %v", err)}
		}
		asOf = d
	}

	// 2. The program file: partners, terms, campaigns, input locations; its period
	// unless --period named one.
	stage("reading " + cfg.ProgramFile)
	prog := terms.Load(cfg.ProgramFile, &probs)
	if prog == nil {
		return nil, fail(&probs, cfg.Strict)
	}
	if period.IsZero() {
		period = prog.Period
	}
	if period.IsZero() {
		probs.Errorf(diag.Pos{File: prog.File}, "no period to run: set period in [program] or pass --period YYYY-MM")
	}
	if asOf.IsZero() {
		asOf = period.Last()
	}
	// A run happens in or after its period: an as-of day before the period starts is a
	// typo (--as-of 2026-09-01 for 2026-10) that would date statements before their lines.
	if !period.IsZero() && asOf.Before(period.First()) {
		return nil, &UsageError{fmt.Sprintf("--as-of %s is before period %s starts: give a day in or after the period", asOf, period)}
	}

	// 3. The CRM export and the client payments, read even when the program file has
	// errors elsewhere so that one pass reports every problem.
	// Rows after the period whose month has no rate yet wait for a later run.
	var deals, waiting []*domain.Deal
	var pays []*domain.Payment
	if !period.IsZero() {
		prog.Deals.Money.Until, prog.Payments.Money.Until = period.Last(), period.Last()
	}
	if prog.Deals.File != "" {
		stage("reading deals " + prog.Deals.Name)
		deals, waiting = crm.ReadDealsLater(prog.Deals, prog.Deals.Name, &probs, counter(cfg.Progress, "deal rows", 0))
	}
	if prog.Payments.File != "" {
		stage("reading payments " + prog.Payments.Name)
		pays = crm.ReadPayments(prog.Payments, prog.Payments.Name, &probs, counter(cfg.Progress, "payment rows", 0))
		pays = setAside(pays, waiting, period, prog.Payments.Name, &probs)
	}

	// 4. The ledger: what earlier payouts issued and what finance marked paid.
	stage(fmt.Sprintf("reading %d ledger file(s)", len(prog.Ledger.Files)))
	led, chain := ledger.Load(ledgerSource(prog, cfg), period, &probs)
	if probs.HasErrors() {
		return nil, fail(&probs, cfg.Strict)
	}

	// 5. The money rules. From here on the heap holds every deal and payment and only
	// grows, by the lines, statements and report built on them: the collector runs at
	// a lower percentage so the process stays closer to what is live (bench/README.md).
	defer holdGC()()
	stage("computing " + period.String())
	res := commission.Compute(commission.Input{Program: prog, Deals: deals, Payments: pays, Ledger: led, Period: period, AsOf: asOf,
		Progress: counter(cfg.Progress, "won deals", 0)})
	probs.Merge(&res.Problems)
	// A period the ledger already holds is reproduced, never issued a second time.
	reproduces(res, chain, &probs)

	// 6. The statements and the owner's figures, from the computed result only.
	// The payout rows are worded once and shared by the statements, the finance files
	// and payouts.xlsx: a million lines held once, not three times.
	rows := report.PayoutRows(res)
	out := &Outcome{Result: res, Chain: chain, Statements: report.StatementsFrom(res, rows), Finance: report.FinanceFrom(res, rows), rows: rows}
	documentWarnings(out, &probs)
	financeWarnings(out, &probs)
	if cfg.Strict {
		probs.Strict()
	}
	if probs.HasErrors() {
		return nil, fail(&probs, false)
	}
	res.Problems = probs
	out.Warnings = diag.Sorted(probs.Warnings())
	out.Report = report.Build(res, out.Warnings)
	return out, nil
}

// computeGC is the GC percentage while the money rules, statements and report are
// computed: the heap is then mostly live data that only grows, so collecting
// at 25% growth instead of 100% lowers the peak for a few more collections.
const computeGC = 25

// holdGC sets computeGC unless GOGC is set; the returned func restores the percentage.
func holdGC() func() {
	if os.Getenv("GOGC") != "" {
		return func() {}
	}
	old := debug.SetGCPercent(computeGC)
	return func() { debug.SetGCPercent(old) }
}

func fail(probs *diag.List, strict bool) error {
	if strict {
		probs.Strict()
	}
	return &diag.Failed{Problems: diag.Sorted(probs.All())}
}

// Run loads, computes and writes out/<period>/ atomically.
func Run(cfg Config) (*Outcome, error) {
	out, err := Load(cfg)
	if err != nil {
		return nil, err
	}
	res := out.Result
	stage := stager(cfg.Progress)
	// Templates and the chart script are checked before anything is rendered.
	tmpl, err := loadTemplates(cfg.Templates)
	if err != nil {
		return nil, err
	}
	var script []byte
	if cfg.Echarts != "" {
		if script, err = os.ReadFile(cfg.Echarts); err != nil {
			return nil, &UsageError{fmt.Sprintf("--echarts: %v", err)}
		}
	} else if script, err = html.EmbeddedEchartsScript(); err != nil {
		return nil, err
	}

	// 7. Render every output into a temporary folder.
	ctx := cfg.Context
	if ctx == nil {
		ctx = context.Background()
	}
	dir, err := output.BeginContext(ctx, cfg.OutDir, cfg.Shard.Folder(res.Period.String()))
	if err != nil {
		return nil, err
	}
	committed := false
	defer func() {
		if !committed {
			dir.Abort()
		}
	}()
	stage("writing payouts.xlsx")
	bk := report.BookFrom(res, out.rows)
	bk.PaymentFiles, bk.Unpaid = finance.PaymentFiles(out.Finance), out.Unpaid
	if err := dir.Write("payouts.xlsx", func(w io.Writer) error { return xlsx.Write(w, bk, out.Chain.After) }); err != nil {
		return nil, fmt.Errorf("writing outputs: %w", err)
	}
	if len(out.Finance.Formats) > 0 {
		stage("writing finance files")
		if err := financeFiles(dir, out); err != nil {
			return nil, fmt.Errorf("writing finance files: %w", err)
		}
	}
	stage("writing report.json")
	if err := dir.WriteJSON("report.json", out.Report.JSON()); err != nil {
		return nil, fmt.Errorf("writing report.json: %w", err)
	}
	mine := cfg.Shard.mine(out)
	stage(fmt.Sprintf("writing %d statements", len(mine.Statements)))
	done := counter(cfg.Progress, "statements", int64(len(mine.Statements)))
	if err := statements(dir, mine.Statements, mailer(mine, tmpl), done); err != nil {
		return nil, fmt.Errorf("writing statements: %w", err)
	}
	stage("writing owner-report.pdf")
	if err := ownerReport(dir, out); err != nil {
		return nil, fmt.Errorf("writing owner-report.pdf: %w", err)
	}
	stage("writing dashboard.html")
	if err := dashboard(dir, out, script); err != nil {
		return nil, fmt.Errorf("writing dashboard.html: %w", err)
	}

	// 8. The manifest, then the one rename that makes the folder visible.
	m, err := manifest(cfg, res, dir.Files())
	if err != nil {
		return nil, err
	}
	if err := writeManifest(dir, cfg.Shard, m, out.Statements); err != nil {
		return nil, err
	}
	if err := dir.Commit(); err != nil {
		return nil, err
	}
	committed = true
	out.Dir = dir.Final()
	out.Files = dir.Files()
	return out, nil
}

// UsageError is a bad flag value (exit 2).
type UsageError struct{ Msg string }

func (e *UsageError) Error() string { return e.Msg }

// IsUsage reports whether err is a usage error.
func IsUsage(err error) bool {
	var u *UsageError
	return errors.As(err, &u)
}

// Manifest is manifest.json: every input and output with its hash, and the settings.
type Manifest struct {
	Program  string        `json:"program"`
	Version  string        `json:"partnerbook_version"`
	Period   string        `json:"period"`
	AsOf     string        `json:"as_of"`
	Currency string        `json:"currency"`
	Rounding string        `json:"rounding"`
	Strict   bool          `json:"strict"`
	Inputs   []output.File `json:"inputs"`
	Outputs  []output.File `json:"outputs"`
}

func manifest(cfg Config, res *commission.Result, files []output.File) (*Manifest, error) {
	p := res.Program
	m := &Manifest{Program: p.Name, Version: Version, Period: res.Period.String(), AsOf: res.AsOf.String(),
		Currency: p.Currency, Rounding: p.Policy.Mode.String(), Strict: cfg.Strict, Outputs: files}
	inputs := []string{cfg.ProgramFile, p.Deals.File, p.Payments.File}
	inputs = append(inputs, p.Ledger.Files...)
	for _, in := range inputs {
		if in == "" {
			continue // no payments file: the program runs on deals alone
		}
		sum, err := output.Hash(in)
		if err != nil {
			return nil, fmt.Errorf("hashing input %s: %w", in, err)
		}
		st := ledger.Display(p.Dir)(in)
		if in == cfg.ProgramFile {
			st = filepath.Base(in)
		}
		m.Inputs = append(m.Inputs, output.File{Path: filepath.ToSlash(st), SHA256: sum, Size: size(in)})
	}
	return m, nil
}
