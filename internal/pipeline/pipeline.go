// Package pipeline runs partnerbook's stages in order: read the program and inputs,
// compute the money, render every output and commit the output folder.
package pipeline

import (
	"context"
	"errors"
	"fmt"
	"io"
	"math"
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
	// Keep makes Run return the computed result and the statements in its Outcome. By
	// default Run lets go of each once the outputs that read it are written, so that a
	// large run does not hold every deal, payment and line to the end.
	Keep bool
}

// Outcome is what a run did.
type Outcome struct {
	// Result is the computed run. Run lets it go once the documents' inputs are copied
	// out of it (nil then), unless Config.Keep; Load always keeps it. Its Problems are
	// moved into Warnings.
	Result *commission.Result
	Report *report.Report
	// Statements are who gets a statement and what each shows, built one at a time when
	// rendered. Run lets them go once they are written (nil then), unless Config.Keep.
	Statements *report.Statements
	Unpaid     []report.UnpaidRow // Due payouts in no payment file, when the run writes any
	Warnings   []string           // every warning of the run, sorted and worded: the report's Warnings
	Chain      *ledger.Chain      // the ledger's workbooks; its After is sealed into payouts.xlsx
	Dir        string             // the period folder written (run only)
	Files      []output.File      // written files
}

// Load reads and checks every input and computes the result, writing nothing.
// Input errors come back as *diag.Failed listing every problem found.
func Load(cfg Config) (*Outcome, error) {
	var probs diag.List
	stage := stager(cfg.Progress)
	// Reading a large export keeps its rows until the sheet is read while the deals
	// are built: the soft limit applies from the first file on (see holdLimit).
	defer holdLimit(0)()

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
	// Deals and payments are most of what is live here; lines, margins and the report
	// add less than as much again.
	defer holdGC()()
	defer holdLimit(1.8)()
	stage("computing " + period.String())
	res := commission.Compute(commission.Input{Program: prog, Deals: deals, Payments: pays, Ledger: led, Period: period, AsOf: asOf,
		Progress: counter(cfg.Progress, "won deals", 0)})
	probs.Merge(&res.Problems)
	res.Problems = diag.List{} // merged: the run's problems are kept once
	// A period the ledger already holds is reproduced, never issued a second time.
	reproduces(res, chain, &probs)

	// 6. Who gets a statement, and the finance files' check, from the computed result
	// only. Nothing is worded here: each statement is built when it is rendered, and
	// Run words the payout lines for the documents that show them.
	out := &Outcome{Result: res, Chain: chain, Statements: report.PlanStatements(res)}
	documentWarnings(out, &probs)
	financeWarnings(out, report.FinanceFrom(res, report.PayoutHeads(res)), &probs)
	cellDigits(res, out.Unpaid, &probs)
	if cfg.Strict {
		probs.Strict()
	}
	if probs.HasErrors() {
		return nil, fail(&probs, false)
	}
	// The warnings, sorted, are worded once by the report: the one list the run keeps.
	warnings := probs.Warnings()
	probs = diag.List{}
	diag.Sort(warnings)
	out.Report = report.Build(res, warnings)
	out.Warnings = out.Report.Warnings
	return out, nil
}

// computeGC is the GC percentage while the money rules, statements and report are
// computed: the heap is then mostly live data that only grows, so collecting
// at 25% growth instead of 100% lowers the peak for a few more collections.
const computeGC = 25

// computeLimit is the least soft memory limit while the inputs are read, the money
// rules computed and payouts.xlsx written, the stages where a large program's heap
// peaks. Near it the collector runs more often instead of letting the heap grow by
// its percentage (bench/README.md, "Where the targets stand").
const computeLimit = 900 << 20

// holdGC sets computeGC unless GOGC is set; the returned func restores the percentage.
func holdGC() func() {
	if os.Getenv("GOGC") != "" {
		return func() {}
	}
	old := debug.SetGCPercent(computeGC)
	return func() { debug.SetGCPercent(old) }
}

// holdLimit sets, unless GOMEMLIMIT is set, a soft memory limit of computeLimit or grow
// times the heap live at the last collection, whichever is larger, and never lower than
// the limit already set: grow is how much the stage may add to the live heap, so that a
// program larger than the limit was made for is not held below its own live data (the
// collector would then run nearly without pause). The returned func restores it.
func holdLimit(grow float64) func() {
	if os.Getenv("GOMEMLIMIT") != "" {
		return func() {}
	}
	old := debug.SetMemoryLimit(-1) // -1 only reads it
	limit := max(computeLimit, int64(float64(readMemory().live)*grow))
	if old != math.MaxInt64 {
		limit = max(limit, old)
	}
	debug.SetMemoryLimit(limit)
	return func() { debug.SetMemoryLimit(old) }
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
	prog, period, asOf := out.Result.Program, out.Result.Period, out.Result.AsOf
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
	dir, err := output.BeginContext(ctx, cfg.OutDir, cfg.Shard.Folder(period.String()))
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
	// The payout rows are worded once and shared by the statements, the finance files
	// and payouts.xlsx: a million lines held once, not three times. Then the result is
	// let go: the statements keep copies of what they show, and the report is built.
	// Writing the workbook adds its rows and the zip's buffers to what Load kept.
	restoreGC, restoreLimit := holdGC(), holdLimit(1.25)
	defer restoreGC() // on an early return; restoring twice is harmless
	defer restoreLimit()
	bk, fin := documentInputs(out, cfg.Keep)
	bk.PaymentFiles, bk.Unpaid = finance.PaymentFiles(fin), out.Unpaid
	if err := dir.Write("payouts.xlsx", func(w io.Writer) error { return xlsx.Write(w, bk, out.Chain.After) }); err != nil {
		return nil, fmt.Errorf("writing outputs: %w", err)
	}
	if len(fin.Formats) > 0 {
		stage("writing finance files")
		if err := financeFiles(dir, fin); err != nil {
			return nil, fmt.Errorf("writing finance files: %w", err)
		}
	}
	stage("writing report.json")
	if err := dir.WriteJSON("report.json", out.Report.JSON()); err != nil {
		return nil, fmt.Errorf("writing report.json: %w", err)
	}
	restoreGC()
	restoreLimit()
	all := out.Statements
	ids := statementIDs(all)
	mine := cfg.Shard.mine(all)
	stage(fmt.Sprintf("writing %d statements", mine.Len()))
	done := counter(cfg.Progress, "statements", int64(mine.Len()))
	if err := statements(dir, mine, mailer(prog, asOf, tmpl), done); err != nil {
		return nil, fmt.Errorf("writing statements: %w", err)
	}
	if !cfg.Keep {
		out.Statements = nil
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
	m, err := manifest(cfg, prog, period, asOf, dir.Files())
	if err != nil {
		return nil, err
	}
	if err := writeManifest(dir, cfg.Shard, m, ids); err != nil {
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
	Program  string `json:"program"`
	Version  string `json:"partnerbook_version"`
	Period   string `json:"period"`
	AsOf     string `json:"as_of"`
	Currency string `json:"currency"`
	Rounding string `json:"rounding"`
	Strict   bool   `json:"strict"`
	// Templates identifies the e-mail templates of --templates by their contents
	// ("sha256:..."); absent for the built-in ones.
	Templates string        `json:"templates,omitempty"`
	Inputs    []output.File `json:"inputs"`
	Outputs   []output.File `json:"outputs"`
}

func manifest(cfg Config, p *domain.Program, period civil.Month, asOf civil.Date, files []output.File) (*Manifest, error) {
	m := &Manifest{Program: p.Name, Version: Version, Period: period.String(), AsOf: asOf.String(),
		Currency: p.Currency, Rounding: p.Policy.Mode.String(), Strict: cfg.Strict, Outputs: files}
	tmpl, err := templatesDigest(cfg.Templates)
	if err != nil {
		return nil, err
	}
	m.Templates = tmpl
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
