package ledger

import (
	"fmt"
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
	// AcceptUnsealed are the months whose workbook without a seal the program accepts
	// ([input.ledger] accept_unsealed); any other unsealed workbook is refused.
	AcceptUnsealed []civil.Month
	// NewLedgerFrom is the first month of a new ledger ([input.ledger] new_ledger_from):
	// runs of months before it in the output folder belong to a ledger closed before it
	// (its balances settled), so a first run does not read them. Zero for none.
	NewLedgerFrom civil.Month
}

// Chain is the ledger as a sequence of months, for a run of Period.
type Chain struct {
	Period    civil.Month
	Workbooks []*Workbook // sorted by period, then name
	Missing   []civil.Month
	Skipped   []Skipped // files beside the ledger that the patterns did not read
	// Own are the ledger's workbooks of Period itself (copies of one issue): the run
	// must reproduce them. Later are its workbooks of months after Period.
	Own, Later []*Workbook
	// After is the latest workbook before Period, which the run's workbook is issued
	// after; the zero Link when the ledger has none (a first run).
	After book.Link
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
//
// The payouts of months before period are the ledger's: once the Ledger holds each of
// their lines (its ID, amount and payout) and the workbooks are checked against each
// other, Load lets go of those payouts' own Lines and Amounts, which a run of a year
// of months would otherwise hold twice. The run's own month and later ones keep them:
// the run is checked against them.
func Load(src Source, period civil.Month, probs *diag.List) (*domain.Ledger, *Chain) {
	led, c := loadChain(src, period, probs)
	for _, wb := range c.Workbooks {
		for _, p := range wb.Payouts {
			if p.Period.Compare(period) < 0 {
				p.Lines, p.Amounts = nil, nil
			}
		}
	}
	return led, c
}

func loadChain(src Source, period civil.Month, probs *diag.List) (*domain.Ledger, *Chain) {
	display := Display(src.Dir)
	c := &Chain{Period: period}
	for _, f := range src.Files {
		c.Workbooks = append(c.Workbooks, readWorkbook(f, display(f), probs))
	}
	checkUnsealed(c.Workbooks, acceptUnsealed(src, c.Workbooks, display, probs), display(src.Program), probs)
	sort.SliceStable(c.Workbooks, func(i, j int) bool {
		a, b := c.Workbooks[i], c.Workbooks[j]
		if x := a.Period.Compare(b.Period); x != 0 {
			return x < 0
		}
		return a.Name < b.Name
	})
	c.Skipped = skipped(src, display)
	led := merge(oneIssue(c.Workbooks, probs), period, probs)

	have := map[civil.Month][]*Workbook{}
	var first civil.Month
	for _, wb := range c.Workbooks {
		switch {
		case wb.Period.IsZero():
			continue
		case wb.Period == period:
			c.Own = append(c.Own, wb)
		case wb.Period.Compare(period) > 0:
			c.Later = append(c.Later, wb)
		}
		if wb.Period.Compare(period) >= 0 {
			continue
		}
		// Sorted by period: the last month before period is the run's predecessor, by
		// its sealed copy when it has one.
		if l := (book.Link{Period: wb.Period.String(), Digest: wb.Digest}); l.Period != c.After.Period || c.After.Digest == "" {
			c.After = l
		}
		have[wb.Period] = append(have[wb.Period], wb)
		if first.IsZero() || wb.Period.Compare(first) < 0 {
			first = wb.Period
		}
	}
	at := diag.Pos{File: display(src.Program)}
	for m := first; !first.IsZero() && m.Compare(period) < 0; m = m.Add(1) {
		if len(have[m]) == 0 {
			c.Missing = append(c.Missing, m)
		}
	}
	broken := predecessors(c, src, display, probs)
	if len(c.Later) > 0 && len(c.Own) == 0 && !broken {
		probs.Errorf(at, "the ledger already holds %s (%s): a run of %s can only reproduce the ledger's workbook of %s, and it holds none; put the workbook of %s finance imported back in the ledger, or run %s: what changed comes as correction lines there",
			c.Later[len(c.Later)-1].Period, names(c.Later), period, period, period, c.Later[len(c.Later)-1].Period.Add(1))
	}
	if first.IsZero() {
		// No ledger before the period: a first run, unless a copy sits beside it.
		if len(c.Skipped) > 0 && !broken {
			probs.Errorf(at, "[input.ledger] files reads no workbook before %s, but %s: without it every earlier line is paid again",
				period, skippedList(c.Skipped))
		}
		if !broken {
			firstRunAfterRuns(src, period, display, at, probs)
		}
		return led, c
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
				b.WriteString("; " + copyAdvice(src, e, m, display))
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
			// The copy replaces the ledger's workbook of its month, not another month's.
			into := "to " + ledgerCopy(src, m, display)
			if len(have[m]) == 1 {
				into = "over " + have[m][0].Name
			} else if into == "to " {
				into = "into the ledger in place of " + names(have[m])
			}
			probs.Errorf(at, "%s is a run of %s that differs from the ledger's %s: put the workbook finance imported in the ledger (copy %s %s if it is that one, else move it out of %s)",
				e.name, m, names(have[m]), e.name, into, filepath.Dir(e.name))
		}
	}
	return led, c
}

// acceptUnsealed is whether the program accepts a month's workbook without a seal. A
// month it accepts that has no such workbook is a warning: a mistyped month accepts
// nothing, and a workbook restored with its seal needs no acceptance.
func acceptUnsealed(src Source, wbs []*Workbook, display func(string) string, probs *diag.List) func(civil.Month) bool {
	accepted := map[civil.Month]bool{}
	for _, m := range src.AcceptUnsealed {
		accepted[m] = true
	}
	unsealed := map[civil.Month]bool{}
	for _, wb := range wbs {
		if !wb.sealed && wb.Seal == Unsealed {
			unsealed[wb.Period] = true
		}
	}
	for _, m := range src.AcceptUnsealed {
		if !unsealed[m] {
			probs.Warnf(diag.Pos{File: display(src.Program)}, "[input.ledger] accept_unsealed lists %s, but the ledger holds no workbook of %s without a seal: remove it from the list", m, m)
		}
	}
	return func(m civil.Month) bool { return accepted[m] }
}

// firstRunAfterRuns checks a first run (no ledger workbook before period) against the
// output folder: a payouts.xlsx of an earlier month there is a run of this program the
// ledger does not read. Read without it, this run pays again every line it issued and
// drops what it carried forward or left unpaid: an error, unless the program starts a
// new ledger after it ([input.ledger] new_ledger_from), which is a warning.
func firstRunAfterRuns(src Source, period civil.Month, display func(string) string, at diag.Pos, probs *diag.List) {
	earlier := earlierRuns(src.OutDir, civil.Month{}, period, display)
	if len(earlier) == 0 {
		return
	}
	ms := sortedMonths(earlier)
	var list []string
	for _, m := range ms {
		list = append(list, earlier[m].name)
	}
	latest := ms[len(ms)-1]
	nl := src.NewLedgerFrom
	if !nl.IsZero() && latest.Compare(nl) < 0 {
		probs.Warnf(at, "[input.ledger] new_ledger_from = %q: this first run of a new ledger does not read the earlier runs in the output folder (%s): what they carried forward or left unpaid is settled outside it",
			nl.String(), strings.Join(list, ", "))
		return
	}
	var ignore diag.List
	last := readWorkbook(earlier[latest].path, earlier[latest].name, &ignore)
	carried, _ := domain.OpenPayouts(last.Payouts)
	var b strings.Builder
	fmt.Fprintf(&b, "[input.ledger] files reads no workbook before %s, but the output folder holds earlier runs of the program: %s; ", period, strings.Join(list, ", "))
	b.WriteString("run without them, this run would pay again every line they issued and drop what they carried forward")
	if len(carried) > 0 {
		fmt.Fprintf(&b, " (%s)", domain.DescribePayouts(carried, 10))
	}
	b.WriteString(" or left unpaid. If they are this ledger's months, copy each as finance returned it (with its paid dates) into the ledger under a name of its own month (every month's workbook is named payouts.xlsx: copied as it is, each would replace the one before): ")
	for i, m := range ms {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString(copyTo(src, earlier[m], m, display))
	}
	b.WriteString(". ")
	fmt.Fprintf(&b, "If this run starts a new ledger (for a new currency, say), settle what the old one owes first (pay or collect its unpaid payouts, and pay out its carried balances), then set new_ledger_from = %q in [input.ledger]", period.String())
	if !nl.IsZero() {
		fmt.Fprintf(&b, " (new_ledger_from = %q is not after %s)", nl.String(), latest)
	}
	// Without start in the new ledger, its first run pays again what the old one paid.
	fmt.Fprintf(&b, " and start = %s in [program], so that lines the old ledger paid are not paid again", period.First())
	probs.Errorf(at, "%s", b.String())
}

// oneIssue checks that the workbooks of one month are copies of one issue (finance's
// copy with paid dates beside the one partnerbook wrote), not two runs of it: the same
// seal when both are sealed, else the same payouts, amounts, statuses and lines. It
// returns the workbooks to merge: a second version is left out, its error reported.
func oneIssue(wbs []*Workbook, probs *diag.List) []*Workbook {
	first := map[civil.Month]*Workbook{}
	var out []*Workbook
	for _, wb := range wbs {
		ref, seen := first[wb.Period]
		if wb.Period.IsZero() || !seen {
			first[wb.Period] = wb
			out = append(out, wb)
			continue
		}
		if diff := issueDiff(ref, wb); diff != "" {
			probs.Errorf(diag.Pos{File: wb.Name}, "%s and %s are two versions of %s (%s): keep the one finance imported in the ledger and move the other out",
				ref.Name, wb.Name, wb.Period, diff)
			continue
		}
		out = append(out, wb)
	}
	return out
}

// issueDiff says how workbook b differs from a in what it issued ("" when they are one
// issue), b's side first.
func issueDiff(a, b *Workbook) string {
	if a.Digest != "" && a.Digest == b.Digest {
		return ""
	}
	diff := PayoutsDiff(a.Payouts, b.Payouts, b.Name, a.Name)
	if diff == "" && a.Digest != "" && b.Digest != "" {
		return "their seals differ"
	}
	return diff
}

// PayoutsDiff names the first payout that differs between two sets of one month's
// payouts, sorted by payout ID ("" when they agree): an ID in one set only, or an
// amount, status (Due and Paid alike), line or line amount; here and there name b and a.
func PayoutsDiff(a, b []*domain.IssuedPayout, here, there string) string {
	byID := map[string]*domain.IssuedPayout{}
	for _, p := range a {
		byID[p.ID] = p
	}
	inB := map[string]bool{}
	for _, p := range sortedPayouts(b) {
		inB[p.ID] = true
		q, ok := byID[p.ID]
		if !ok {
			return fmt.Sprintf("payout %s (%s %s, %s) is in %s only", p.ID, p.Status, p.Amount, lineCount(p), here)
		}
		if d := payoutDiff(q, p); d != "" {
			return fmt.Sprintf("payout %s %s", p.ID, strings.NewReplacer("here", "in "+here, "there", "in "+there).Replace(d))
		}
	}
	for _, p := range sortedPayouts(a) {
		if !inB[p.ID] {
			return fmt.Sprintf("payout %s (%s %s, %s) is in %s only", p.ID, p.Status, p.Amount, lineCount(p), there)
		}
	}
	return ""
}

func lineCount(p *domain.IssuedPayout) string {
	if len(p.Lines) == 1 {
		return "1 line"
	}
	return fmt.Sprintf("%d lines", len(p.Lines))
}

func sortedPayouts(ps []*domain.IssuedPayout) []*domain.IssuedPayout {
	out := append([]*domain.IssuedPayout(nil), ps...)
	sort.Slice(out, func(i, j int) bool { return out[i].ID < out[j].ID })
	return out
}

// predecessors checks that the workbook each sealed workbook was issued after is in the
// ledger with the seal it had: without it, every line that workbook issued is paid
// again. It reports whether one is missing or differs. The ledger's earliest workbook,
// when its seal predates the record, leaves the chain's start unchecked: a warning.
func predecessors(c *Chain, src Source, display func(string) string, probs *diag.List) bool {
	byMonth := map[civil.Month][]*Workbook{}
	var earliest *Workbook
	for _, wb := range c.Workbooks {
		if wb.Period.IsZero() {
			continue
		}
		byMonth[wb.Period] = append(byMonth[wb.Period], wb)
		if earliest == nil {
			earliest = wb
		}
	}
	gap := map[civil.Month]bool{}
	for _, m := range c.Missing {
		gap[m] = true
	}
	broken := false
	for _, wb := range c.Workbooks {
		if wb.Seal != Sealed || wb.After == nil || wb.After.Period == "" {
			continue
		}
		at := diag.Pos{File: wb.Name, Sheet: book.SealSheet}
		m, err := civil.ParseMonth(wb.After.Period)
		if err != nil {
			probs.Errorf(at, "the seal names %q as the workbook it was issued after, which is no month: restore the workbook as partnerbook wrote it", wb.After.Period)
			broken = true
			continue
		}
		prev := byMonth[m]
		if len(prev) == 0 {
			if gap[m] {
				continue // the ledger's gap is reported as such
			}
			broken = true
			var b strings.Builder
			want := predecessorName(wb, m)
			fmt.Fprintf(&b, "%s (%s) was issued after the workbook of %s, which the ledger does not hold, so every line that one issued would be paid again: restore %s to the ledger; it was issued before %s",
				wb.Name, wb.Period, m, want, wb.Name)
			if e, ok := earlierRuns(src.OutDir, m, m.Add(1), display)[m]; ok && (e.digest == wb.After.Digest || wb.After.Digest == "") {
				b.WriteString("; " + e.name + " is that workbook: " + copyAdvice(src, e, m, display))
			}
			if !strings.Contains(filepath.Base(wb.Name), wb.Period.String()) {
				// A name without its month is what the next month's copy replaces.
				if to := ledgerCopy(src, wb.Period, display); to != "" && to != wb.Name {
					fmt.Fprintf(&b, "; and rename %s to %s, so that the next month's payouts.xlsx does not replace it", wb.Name, to)
				}
			}
			if len(c.Skipped) > 0 {
				b.WriteString("; [input.ledger] files does not read " + skippedList(c.Skipped))
			}
			probs.Errorf(at, "%s", b.String())
			continue
		}
		if wb.After.Digest == "" {
			continue // issued after an unsealed workbook: its month is all that can be checked
		}
		match := false
		for _, p := range prev {
			match = match || p.Digest == wb.After.Digest
		}
		if !match {
			broken = true
			probs.Errorf(at, "%s (%s) was issued after another workbook of %s than the ledger's %s (its seal differs): put the workbook of %s finance imported in the ledger",
				wb.Name, wb.Period, m, names(prev), m)
		}
	}
	for _, wb := range c.Workbooks {
		if wb.Seal == Sealed && wb.After != nil && wb.After.Period == "" && firstRunAmid(c, wb, probs) {
			broken = true
		}
	}
	if earliest != nil && earliest.Seal == Sealed && earliest.After == nil {
		probs.Warnf(diag.Pos{File: earliest.Name, Sheet: book.SealSheet}, "the ledger's earliest workbook was sealed before workbooks recorded the one they were issued after: whether a workbook before %s is missing from the ledger cannot be checked", earliest.Period)
	}
	return broken
}

// firstRunAmid refuses wb, sealed as a first run (issued after no workbook), when the
// ledger holds workbooks of months before it: the run that wrote it read none of them,
// so every line they issued that its inputs still produced, it issued again. It reports
// whether it refused wb.
func firstRunAmid(c *Chain, wb *Workbook, probs *diag.List) bool {
	var before, after []*Workbook
	for _, o := range c.Workbooks {
		switch {
		case o.Period.IsZero():
		case o.Period.Compare(wb.Period) < 0:
			before = append(before, o)
		case o.Period.Compare(wb.Period) > 0:
			after = append(after, o)
		}
	}
	if len(before) == 0 {
		return false
	}
	var ms, later []civil.Month
	for _, o := range before {
		if len(ms) == 0 || ms[len(ms)-1] != o.Period {
			ms = append(ms, o.Period)
		}
	}
	for _, o := range after {
		if len(later) == 0 || later[len(later)-1] != o.Period {
			later = append(later, o.Period)
		}
	}
	// The lines both issued: paid twice if finance paid both.
	issuedBy := map[string]string{}
	for _, o := range before {
		for _, p := range o.Payouts {
			if p.Issued() {
				for _, id := range p.Lines {
					issuedBy[id] = p.ID
				}
			}
		}
	}
	n, pay, invoice, example := 0, money.Zero, money.Zero, ""
	for _, p := range sortedPayouts(wb.Payouts) {
		if !p.Issued() {
			continue
		}
		for i, id := range p.Lines {
			if by, ok := issuedBy[id]; ok {
				if n == 0 {
					example = fmt.Sprintf("such as %s in %s, issued by %s", id, p.ID, by)
				}
				n++
				if a := p.Amounts[i]; a.Sign() < 0 {
					invoice = invoice.Add(a)
				} else {
					pay = pay.Add(a)
				}
			}
		}
	}
	base := filepath.Base(wb.Name)
	var b strings.Builder
	fmt.Fprintf(&b, "%s was sealed as a first run (issued after no ledger workbook), but the ledger holds earlier months: %s (%s); it was computed without them, so it may pay again what they paid ",
		base, months(ms), workbookNames(before))
	if n == 0 {
		b.WriteString("(none of their lines is in it, but its openings and corrections can differ from a run with them)")
	} else {
		var amounts []string
		if !pay.IsZero() {
			amounts = append(amounts, pay.String()+" to pay")
		}
		if !invoice.IsZero() {
			amounts = append(amounts, invoice.String()+" to invoice")
		}
		fmt.Fprintf(&b, "(it issues %d of their lines again, %s)", n, strings.Join(append(amounts, example), ", "))
	}
	fmt.Fprintf(&b, ": re-issue %s with the full ledger: move %s out of the ledger, make [input.ledger] files read the workbooks of %s, run %s again and give finance the new payouts.xlsx in its place",
		wb.Period, base, months(ms), wb.Period)
	if len(later) > 0 {
		fmt.Fprintf(&b, ", then re-issue the ledger's later months (%s) in order", months(later))
	}
	fmt.Fprintf(&b, ". If finance paid %s already, the lines it repeats were paid twice: recover them from the partners", base)
	probs.Errorf(diag.Pos{File: wb.Name, Sheet: book.SealSheet}, "%s", b.String())
	wb.Chain = "sealed as a first run after " + months(ms)
	return true
}

// workbookNames lists workbooks by name only.
func workbookNames(wbs []*Workbook) string {
	parts := make([]string, len(wbs))
	for i, wb := range wbs {
		parts[i] = wb.Name
	}
	return strings.Join(parts, ", ")
}

// predecessorName is the likely file name of wb's predecessor of month m: wb's own name
// with its month replaced, when it has one.
func predecessorName(wb *Workbook, m civil.Month) string {
	base := filepath.Base(wb.Name)
	if strings.Contains(base, wb.Period.String()) {
		return strings.ReplaceAll(base, wb.Period.String(), m.String())
	}
	return "the workbook of " + m.String()
}

// ledgerCopy is the name a month's payouts.xlsx takes in the ledger: payouts-<month>.xlsx
// (or the month in the place of the pattern's "*") in the folder of the first
// [input.ledger] files pattern that reads that name. Every run's workbook is named
// payouts.xlsx, so copied into the ledger as it is, each month's would replace the one
// before. "" when no pattern reads such a name.
func ledgerCopy(src Source, m civil.Month, display func(string) string) string {
	for _, pat := range src.Patterns {
		full := pat
		if !filepath.IsAbs(full) {
			full = filepath.Join(src.Dir, pat)
		}
		dir, base := filepath.Split(full)
		if strings.ContainsAny(dir, "*?[") {
			continue
		}
		cands := []string{"payouts-" + m.String() + ".xlsx"}
		if strings.Count(base, "*") == 1 && !strings.ContainsAny(base, "?[") {
			cands = append(cands, strings.Replace(base, "*", m.String(), 1))
		}
		for _, n := range cands {
			p := filepath.Join(dir, n)
			if ok, _ := filepath.Match(full, p); ok {
				return display(p)
			}
		}
	}
	return ""
}

// copyTo is "copy out/2026-10/payouts.xlsx to ledger/payouts-2026-10.xlsx", the copy
// of an earlier run e of month m into the ledger under a name of its own.
func copyTo(src Source, e earlier, m civil.Month, display func(string) string) string {
	if to := ledgerCopy(src, m, display); to != "" {
		return "copy " + e.name + " to " + to
	}
	return "copy " + e.name + " into the ledger under a name of its month that [input.ledger] files reads"
}

// copyAdvice is copyTo with the reason for the name.
func copyAdvice(src Source, e earlier, m civil.Month, display func(string) string) string {
	return copyTo(src, e, m, display) + " (a name of its own: every month's workbook is named payouts.xlsx, and copied as it is it would replace another month's)"
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
			digest = strings.Clone(s.Digest) // kept for the run, not the seal it is read from
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
