// Package ledger reads payout workbooks of earlier runs, as finance returns them with
// paid dates, to know which lines were issued, which were carried and what is unpaid.
package ledger

import (
	"fmt"
	"path/filepath"
	"sort"
	"strings"

	"github.com/partnerbook/partnerbook/internal/book"
	"github.com/partnerbook/partnerbook/internal/civil"
	"github.com/partnerbook/partnerbook/internal/diag"
	"github.com/partnerbook/partnerbook/internal/domain"
	"github.com/partnerbook/partnerbook/internal/money"
)

// Read reads the ledger files for a run of period: payouts of that period or later are
// ignored so a re-run reproduces the period. display maps a path to its name in messages.
// It checks each workbook (its seal, its Summary) but not the chain of months: Load does.
// The files are taken as chosen: a workbook without a seal is read with a warning, as
// Load reads one of a month the program accepts unsealed.
func Read(files []string, period civil.Month, display func(string) string, probs *diag.List) *domain.Ledger {
	var wbs []*Workbook
	for _, f := range files {
		wbs = append(wbs, readWorkbook(f, display(f), probs))
	}
	checkUnsealed(wbs, func(civil.Month) bool { return true }, "", probs)
	return merge(wbs, period, probs)
}

// checkUnsealed reports the ledger's workbooks without a seal. Partnerbook seals every
// payouts.xlsx it writes, so one without a seal either lost it (its visible sheets
// copied into a new workbook leave the hidden Seal sheet behind; deleting the Summary
// too leaves nothing to check) or was written by a partnerbook that did not seal yet.
// Its edits cannot be detected: a deleted payout would be paid again. So it is an
// error, unless the ledger holds the sealed workbook of its month too (then it is a
// copy, finance's with paid dates, and the chain checks it is one issue with the sealed
// one) or accept says its month is accepted unsealed (a warning). One of a month at or
// after a sealed workbook's cannot predate sealing: an error whatever accept says.
// program names the setting's file in messages.
func checkUnsealed(wbs []*Workbook, accept func(civil.Month) bool, program string, probs *diag.List) {
	var first *Workbook // the sealed workbook of the earliest month
	sealedMonth := map[civil.Month]bool{}
	for _, wb := range wbs {
		if wb.sealed && !wb.Period.IsZero() && (first == nil || wb.Period.Compare(first.Period) < 0 ||
			wb.Period == first.Period && wb.Name < first.Name) {
			first = wb
		}
		if wb.Seal == Sealed {
			sealedMonth[wb.Period] = true
		}
	}
	for _, wb := range wbs {
		if wb.sealed || wb.Seal != Unsealed || (!wb.Period.IsZero() && sealedMonth[wb.Period]) {
			continue
		}
		at := diag.Pos{File: wb.Name}
		if first == nil || wb.Period.IsZero() || wb.Period.Compare(first.Period) < 0 {
			if !wb.Period.IsZero() && accept(wb.Period) {
				probs.Warnf(at, "no seal (accepted unsealed as written before partnerbook sealed its workbooks): edits beyond %q and %q cannot be detected in it", book.PaidDate, book.PaymentRef)
				continue
			}
			month, restore, how := "its month", "out/<period>/payouts.xlsx", "name its month in [input.ledger] accept_unsealed"
			if !wb.Period.IsZero() {
				month = wb.Period.String()
				restore = "out/" + month + "/payouts.xlsx"
				how = fmt.Sprintf("add accept_unsealed = [%q] to [input.ledger]", month)
				if program != "" {
					how += " in " + program
				}
			}
			probs.Errorf(at, "%s has no seal: partnerbook seals every payouts.xlsx it writes, and copying a workbook's visible sheets into a new one leaves its hidden Seal sheet behind, "+
				"so an edit to it, such as a deleted payout, would go unseen and that payout would be paid again: put the workbook of %s as partnerbook wrote it in the ledger "+
				"(the file given to finance, or %s of its run) and type its paid dates and payment references again; "+
				"only if it was written by a partnerbook that did not seal its workbooks yet, check its payouts and lines against what was issued and paid, then %s: it is read as it is now",
				wb.Name, month, restore, how)
			wb.Chain = "no seal, not accepted unsealed"
			continue
		}
		probs.Errorf(at, "%s has no seal, but the ledger's workbooks from %s on are sealed (%s is the first): partnerbook seals every payouts.xlsx it writes, "+
			"so this one lost its Seal sheet (were its sheets copied into a new workbook?) and an edit to it, such as a deleted payout, would go unseen and be paid again: "+
			"put the workbook of %s as partnerbook wrote it in the ledger (the file given to finance, or out/%s/payouts.xlsx of its run) and type its paid dates and payment references again",
			wb.Name, first.Period, first.Name, wb.Period, wb.Period)
		wb.Chain = "no seal after sealed months"
	}
}

// merge builds the ledger of a run of period from the workbooks read.
func merge(wbs []*Workbook, period civil.Month, probs *diag.List) *domain.Ledger {
	byID := map[string]*domain.IssuedPayout{}
	periods := map[civil.Month]bool{}
	for _, wb := range wbs {
		if !wb.Period.IsZero() {
			periods[wb.Period] = true
		}
		for _, p := range wb.Payouts {
			periods[p.Period] = true
			if p.Period.Compare(period) >= 0 {
				continue
			}
			prev, dup := byID[p.ID]
			if !dup {
				byID[p.ID] = p
				continue
			}
			// The same payout in two files is a copy finance kept: one with a paid date
			// wins. Two different versions of it (a re-run with other inputs) cannot both
			// be what finance imported, and picking one could pay lines twice or never.
			if diff := payoutDiff(prev, p); diff != "" {
				probs.Errorf(p.Pos, "payout %s also appears in %s, %s: two versions of one month's workbook; keep the one finance imported in the ledger and move the other out",
					p.ID, prev.Pos.File, diff)
				continue
			}
			if prev.Paid.IsZero() && !p.Paid.IsZero() {
				byID[p.ID] = p
			}
		}
	}
	l := domain.NewLedger()
	l.Periods = periods
	mergeLeads(l, wbs, period)
	mergeWon(l, wbs, period)
	n := 0
	for _, p := range byID {
		l.Payouts = append(l.Payouts, p)
		n += len(p.Lines)
	}
	// Sorted so every report built from the ledger lists payouts the same way.
	sort.Slice(l.Payouts, func(i, j int) bool {
		a, b := l.Payouts[i], l.Payouts[j]
		if c := a.Period.Compare(b.Period); c != 0 {
			return c < 0
		}
		return a.ID < b.ID
	})
	l.Reserve(n)
	for _, p := range l.Payouts {
		for i, id := range p.Lines {
			if !p.Issued() {
				l.Carry(id, p.ID, p.Amounts[i]) // a line issued stays issued
				continue
			}
			if other := l.IssuedBy(id); other != "" {
				probs.Warnf(p.Pos, "line %s is issued by both %s and %s: check it was not paid twice", id, other, p.ID)
				continue
			}
			l.Issue(id, p.ID, p.Amounts[i])
		}
	}
	l.Compact()
	return l
}

// workbooksBefore are the workbooks of months before period, oldest first; of one month's
// copies, those first preferred puts before others (nil: none), then by name.
func workbooksBefore(wbs []*Workbook, period civil.Month, first func(a, b *Workbook) bool) []*Workbook {
	var before []*Workbook
	for _, wb := range wbs {
		if !wb.Period.IsZero() && wb.Period.Compare(period) < 0 {
			before = append(before, wb)
		}
	}
	sort.SliceStable(before, func(i, j int) bool {
		a, b := before[i], before[j]
		if c := a.Period.Compare(b.Period); c != 0 {
			return c < 0
		}
		if first != nil && first(a, b) != first(b, a) {
			return first(a, b)
		}
		return a.Name < b.Name
	})
	return before
}

// mergeLeads overlays the lead owners of the workbooks before period, oldest first, so
// a later month's record of a lead wins. The latest workbook decides whether owners are
// recorded at all: one written before they were (or unsealed) leaves LeadsUnrecorded set.
func mergeLeads(l *domain.Ledger, wbs []*Workbook, period civil.Month) {
	before := workbooksBefore(wbs, period, nil)
	for _, wb := range before {
		for _, r := range wb.Leads {
			l.Leads[r.Deal] = r
		}
	}
	if n := len(before); n > 0 && !before[n-1].LeadsRecorded {
		l.LeadsUnrecorded = before[n-1].Name
	}
}

// mergeWon gathers the won dates of the workbooks before period, oldest first, so the
// first date recorded for a deal wins (each run records the dates it kept, so later
// workbooks repeat it). A workbook whose seal records none gives the Event dates of its
// referral fees and wholesale charges instead. The latest workbook decides whether won
// dates are recorded at all: one that records none leaves WonUnrecorded set.
func mergeWon(l *domain.Ledger, wbs []*Workbook, period civil.Month) {
	// Of one month's copies (finance's beside the one partnerbook wrote), one whose
	// seal records won dates first.
	before := workbooksBefore(wbs, period, func(a, b *Workbook) bool { return a.WonRecorded && !b.WonRecorded })
	l.Won = &domain.WonDates{}
	for _, wb := range before {
		if wb.WonRecorded {
			for _, r := range wb.Won {
				l.Won.Add(r.Deal, r.Date, wb.Name, false)
			}
			continue
		}
		deals := make([]string, 0, len(wb.LinesWon))
		for d := range wb.LinesWon {
			deals = append(deals, d)
		}
		sort.Strings(deals)
		for _, d := range deals {
			l.Won.Add(d, wb.LinesWon[d], wb.Name, true)
		}
	}
	l.Won.Sort()
	if n := len(before); n > 0 {
		last, recorded := before[n-1], false
		for _, wb := range before {
			recorded = recorded || (wb.Period == last.Period && wb.WonRecorded)
		}
		if !recorded {
			l.WonUnrecorded = last.Name
		}
	}
	// The ledger holds them now: the workbooks, kept for the chain's report, let go.
	for _, wb := range wbs {
		wb.Won, wb.LinesWon = nil, nil
	}
}

// Display shortens a path for messages: relative to base when inside it.
func Display(base string) func(string) string {
	return func(p string) string {
		if r, err := filepath.Rel(base, p); err == nil && !strings.HasPrefix(r, "..") {
			return r
		}
		return p
	}
}

// payoutDiff says how two copies of one payout differ in what they issued ("" when
// they agree): amount, status or lines.
func payoutDiff(a, b *domain.IssuedPayout) string {
	switch {
	case !a.Amount.Equal(b.Amount):
		return fmt.Sprintf("with amount %s here and %s there", b.Amount, a.Amount)
	case a.Issued() != b.Issued() || asIssued(a.Status) != asIssued(b.Status):
		return fmt.Sprintf("with status %q here and %q there", b.Status, a.Status)
	case len(a.Lines) != len(b.Lines):
		return fmt.Sprintf("with %d lines here and %d there", len(b.Lines), len(a.Lines))
	}
	as := make(map[string]money.Amount, len(a.Lines))
	for i, id := range a.Lines {
		as[id] = a.Amounts[i]
	}
	for i, id := range b.Lines {
		amt, ok := as[id]
		if !ok {
			return fmt.Sprintf("with line %s here only", id)
		}
		if !amt.Equal(b.Amounts[i]) {
			return fmt.Sprintf("with line %s at %s here and %s there", id, b.Amounts[i], amt)
		}
	}
	return ""
}

// asIssued is a status as partnerbook issued it: finance marking a Due payout Paid is
// no change to what was issued.
func asIssued(s book.PayoutStatus) book.PayoutStatus {
	if s == book.StatusPaid {
		return book.StatusDue
	}
	return s
}
