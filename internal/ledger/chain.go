package ledger

import (
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/partnerbook/partnerbook/internal/book"
	"github.com/partnerbook/partnerbook/internal/civil"
	"github.com/partnerbook/partnerbook/internal/diag"
	"github.com/partnerbook/partnerbook/internal/domain"
	"github.com/partnerbook/partnerbook/internal/money"
	"github.com/partnerbook/partnerbook/internal/sheet"
)

// Source is where a run's ledger comes from.
type Source struct {
	Program  string   // the program file, for messages about [input.ledger]
	Dir      string   // the program's folder: patterns are relative to it
	Patterns []string // [input.ledger] files, as written
	Files    []string // the files they matched
	Inputs   []string // the program's other input files (deals, payments): never ledger copies
	OutDir   string   // the run's output folder, whose <period>/payouts.xlsx are earlier runs; "" for none
}

// Chain is the ledger as a sequence of months, for a run of Period.
type Chain struct {
	Period    civil.Month
	Workbooks []*Workbook // sorted by period, then name
	Missing   []civil.Month
	Skipped   []Skipped // files beside the ledger that the patterns did not read
}

// Skipped is a file beside the ledger that it does not read, and what to do about it.
type Skipped struct {
	Path, Name, Hint string
}

// Load reads the ledger of a run of period and checks it is a sequence: every month
// from its first to the one before period has a workbook. A gap, a copy saved in
// another format beside the ledger while months are missing, or an earlier run's
// workbook in the output folder the ledger lacks, is an error: that month would be paid
// again.
func Load(src Source, period civil.Month, probs *diag.List) (*domain.Ledger, *Chain) {
	display := Display(src.Dir)
	c := &Chain{Period: period}
	for _, f := range src.Files {
		c.Workbooks = append(c.Workbooks, readWorkbook(f, display(f), probs))
	}
	sort.SliceStable(c.Workbooks, func(i, j int) bool {
		a, b := c.Workbooks[i], c.Workbooks[j]
		if x := a.Period.Compare(b.Period); x != 0 {
			return x < 0
		}
		return a.Name < b.Name
	})
	c.Skipped = skipped(src, display)
	led := merge(c.Workbooks, period, probs)

	have := map[civil.Month][]*Workbook{}
	var first civil.Month
	for _, wb := range c.Workbooks {
		if wb.Period.IsZero() || wb.Period.Compare(period) >= 0 {
			continue
		}
		have[wb.Period] = append(have[wb.Period], wb)
		if first.IsZero() || wb.Period.Compare(first) < 0 {
			first = wb.Period
		}
	}
	at := diag.Pos{File: display(src.Program)}
	if first.IsZero() {
		// No ledger before the period: a first run, unless a copy sits beside it.
		if len(c.Skipped) > 0 {
			probs.Errorf(at, "[input.ledger] files reads no workbook before %s, but %s: without it every earlier line is paid again",
				period, skippedList(c.Skipped))
		}
		return led, c
	}
	for m := first; m.Compare(period) < 0; m = m.Add(1) {
		if len(have[m]) == 0 {
			c.Missing = append(c.Missing, m)
		}
	}
	earlier := earlierRuns(src.OutDir, first, period, display)
	if len(c.Missing) > 0 {
		var b strings.Builder
		b.WriteString("the ledger has no workbook of " + months(c.Missing) + ", so its lines would be paid again")
		b.WriteString("; [input.ledger] files found " + names(c.Workbooks))
		if len(c.Skipped) > 0 {
			b.WriteString("; beside them " + skippedList(c.Skipped))
		}
		for _, m := range c.Missing {
			if e, ok := earlier[m]; ok {
				b.WriteString("; copy " + e.name + " into the ledger folder")
			}
		}
		probs.Errorf(at, "%s", b.String())
	} else if len(c.Skipped) > 0 {
		probs.Warnf(at, "[input.ledger] files does not read %s", skippedList(c.Skipped))
	}
	// An earlier run in the output folder whose seal no ledger workbook of its month has
	// is a version finance may have imported instead of the ledger's.
	for _, m := range sortedMonths(earlier) {
		e := earlier[m]
		if len(have[m]) == 0 || e.digest == "" {
			continue
		}
		match := false
		for _, wb := range have[m] {
			match = match || wb.Digest == e.digest || sameFile(wb.Path, e.path)
		}
		if !match {
			probs.Errorf(at, "%s is a run of %s that differs from the ledger's %s: put the workbook finance imported in the ledger (copy %s into the ledger folder if it is that one, else move it out of %s)",
				e.name, m, names(have[m]), e.name, filepath.Dir(e.name))
		}
	}
	return led, c
}

// earlier is an earlier run's payouts.xlsx in the output folder.
type earlier struct {
	path, name, digest string
}

// earlierRuns finds out/<month>/payouts.xlsx for first <= month < period.
func earlierRuns(out string, first, period civil.Month, display func(string) string) map[civil.Month]earlier {
	found := map[civil.Month]earlier{}
	if out == "" {
		return found
	}
	ents, err := os.ReadDir(out)
	if err != nil {
		return found
	}
	for _, e := range ents {
		m, err := civil.ParseMonth(e.Name())
		if err != nil || !e.IsDir() || m.Compare(first) < 0 || m.Compare(period) >= 0 {
			continue
		}
		p := filepath.Join(out, e.Name(), "payouts.xlsx")
		if _, err := os.Stat(p); err != nil {
			continue
		}
		var ignore diag.List
		digest := ""
		if s := readSeal(p, display(p), &ignore); s != nil {
			digest = s.Digest
		}
		found[m] = earlier{p, display(p), digest}
	}
	return found
}

func sameFile(a, b string) bool {
	x, err1 := os.Stat(a)
	y, err2 := os.Stat(b)
	return err1 == nil && err2 == nil && os.SameFile(x, y)
}

// spreadsheet extensions a payouts workbook may have been saved as.
var copyExts = map[string]string{".ods": "save it as .xlsx", ".fods": "save it as .xlsx", ".xls": "save it as .xlsx",
	".csv": "save it as .xlsx", ".numbers": "save it as .xlsx", ".xlsx": "add it to [input.ledger] files", ".xlsm": "add it to [input.ledger] files"}

// skipped lists the files in the ledger's folders that its patterns did not read but
// may be payout workbooks: other formats, or .xlsx/.csv with a Payout ID column.
func skipped(src Source, display func(string) string) []Skipped {
	read := map[string]bool{}
	dirs := map[string]bool{}
	for _, f := range src.Files {
		read[filepath.Clean(f)] = true
		dirs[filepath.Dir(f)] = true
	}
	for _, f := range src.Inputs {
		read[filepath.Clean(f)] = true
	}
	for _, pat := range src.Patterns {
		if !filepath.IsAbs(pat) {
			pat = filepath.Join(src.Dir, pat)
		}
		d := filepath.Dir(pat)
		if !strings.ContainsAny(d, "*?[") {
			dirs[d] = true
		}
	}
	var out []Skipped
	for _, d := range sortedKeys(dirs) {
		ents, err := os.ReadDir(d)
		if err != nil {
			continue
		}
		for _, e := range ents {
			p := filepath.Join(d, e.Name())
			ext := strings.ToLower(filepath.Ext(e.Name()))
			hint, ok := copyExts[ext]
			if !ok || e.IsDir() || strings.HasPrefix(e.Name(), "~$") || strings.HasPrefix(e.Name(), ".~lock") || read[filepath.Clean(p)] {
				continue
			}
			if (ext == ".xlsx" || ext == ".xlsm" || ext == ".csv") && !hasPayoutID(p, ext) {
				continue
			}
			out = append(out, Skipped{Path: p, Name: display(p), Hint: hint})
		}
	}
	return out
}

// hasPayoutID reports whether a file has a Payouts sheet (or, for a CSV, a header)
// with a Payout ID column.
func hasPayoutID(path, ext string) bool {
	name := book.PayoutsSheet
	if ext == ".csv" {
		name = ""
	}
	t, err := sheet.Open(path, path, name)
	if err != nil {
		return false
	}
	defer t.Close()
	_, ok := t.Column(book.PayoutID)
	return ok
}

func skippedList(s []Skipped) string {
	parts := make([]string, len(s))
	for i, x := range s {
		parts[i] = x.Name + " (" + x.Hint + ")"
	}
	return strings.Join(parts, ", ")
}

func names(wbs []*Workbook) string {
	if len(wbs) == 0 {
		return "nothing"
	}
	parts := make([]string, len(wbs))
	for i, wb := range wbs {
		parts[i] = wb.Name
		if !wb.Period.IsZero() {
			parts[i] += " (" + wb.Period.String() + ")"
		}
	}
	return strings.Join(parts, ", ")
}

func months(ms []civil.Month) string {
	parts := make([]string, len(ms))
	for i, m := range ms {
		parts[i] = m.String()
	}
	return strings.Join(parts, ", ")
}

func sortedKeys(m map[string]bool) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

func sortedMonths(m map[civil.Month]earlier) []civil.Month {
	out := make([]civil.Month, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Compare(out[j]) < 0 })
	return out
}

// Totals are a workbook's amounts by what finance did with them.
type Totals struct {
	Payouts    int
	Due        money.Amount // Due (or Paid) payouts
	Paid       money.Amount // of those, with a paid date
	Unpaid     money.Amount // of those, without one
	Receivable money.Amount
	Carried    money.Amount
}

// Totals sums the workbook's payouts.
func (wb *Workbook) Totals() Totals {
	var t Totals
	for _, p := range wb.Payouts {
		t.Payouts++
		switch p.Status {
		case book.StatusDue, book.StatusPaid:
			t.Due = t.Due.Add(p.Amount)
			if p.Paid.IsZero() && p.Status != book.StatusPaid {
				t.Unpaid = t.Unpaid.Add(p.Amount)
			} else {
				t.Paid = t.Paid.Add(p.Amount)
			}
		case book.StatusReceivable:
			t.Receivable = t.Receivable.Add(p.Amount)
		case book.StatusCarried:
			t.Carried = t.Carried.Add(p.Amount)
		}
	}
	return t
}
