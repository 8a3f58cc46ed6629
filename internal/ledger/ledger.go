// Package ledger reads payout workbooks of earlier runs, as finance returns them with
// paid dates, to know which lines were issued, which were carried and what is unpaid.
package ledger

import (
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

// summaryPeriod reads the period a workbook was written for from its Summary sheet.
func summaryPeriod(path, name string) (civil.Month, bool) {
	t, err := sheet.Open(path, name, book.SummarySheet)
	if err != nil {
		return civil.Month{}, false
	}
	defer t.Close()
	var m civil.Month
	found := false
	var ignore diag.List
	t.Each(&ignore, func() {
		row := t.Current()
		if !found && len(row) > 1 && strings.TrimSpace(row[0]) == book.Period {
			m, err = civil.ParseMonth(strings.TrimSpace(row[1]))
			found = err == nil
		}
	})
	return m, found
}

// Read reads the ledger files for a run of period: payouts of that period or later are
// ignored so a re-run reproduces the period. display maps a path to its name in messages.
func Read(files []string, period civil.Month, display func(string) string, probs *diag.List) *domain.Ledger {
	byID := map[string]*domain.IssuedPayout{}
	periods := map[civil.Month]bool{}
	for _, f := range files {
		if m, ok := summaryPeriod(f, display(f)); ok {
			periods[m] = true
		}
		for _, p := range readFile(f, display(f), probs) {
			periods[p.Period] = true
			if p.Period.Compare(period) >= 0 {
				continue
			}
			prev, dup := byID[p.ID]
			if !dup {
				byID[p.ID] = p
				continue
			}
			// The same payout in two files (a copy finance kept): one with a paid date wins.
			if !prev.Amount.Equal(p.Amount) {
				probs.Warnf(p.Pos, "payout %s also appears in %s with amount %s; using the one with a paid date", p.ID, prev.Pos.File, prev.Amount)
			}
			if prev.Paid.IsZero() && !p.Paid.IsZero() {
				byID[p.ID] = p
			}
		}
	}
	l := &domain.Ledger{Issued: map[string]string{}, Amount: map[string]money.Amount{}, Carried: map[string]string{}, Periods: periods}
	for _, p := range byID {
		l.Payouts = append(l.Payouts, p)
	}
	// Sorted so every report built from the ledger lists payouts the same way.
	sort.Slice(l.Payouts, func(i, j int) bool {
		a, b := l.Payouts[i], l.Payouts[j]
		if c := a.Period.Compare(b.Period); c != 0 {
			return c < 0
		}
		return a.ID < b.ID
	})
	for _, p := range l.Payouts {
		for _, id := range p.Lines {
			if !p.Issued() {
				l.Carried[id] = p.ID
				continue
			}
			if other, twice := l.Issued[id]; twice {
				probs.Warnf(p.Pos, "line %s is issued by both %s and %s: check it was not paid twice", id, other, p.ID)
				continue
			}
			l.Issued[id] = p.ID
			l.Amount[id] = p.Amounts[id]
		}
	}
	for id := range l.Carried {
		if _, later := l.Issued[id]; later {
			delete(l.Carried, id)
		}
	}
	return l
}

func readFile(path, name string, probs *diag.List) []*domain.IssuedPayout {
	t, err := sheet.Open(path, name, book.PayoutsSheet)
	if err != nil {
		probs.Errorf(diag.Pos{}, "%v (is it a payouts.xlsx written by partnerbook?)", err)
		return nil
	}
	want := map[string]string{}
	for _, c := range []string{book.PayoutID, book.PartnerID, book.Partner, book.Period, book.Currency, book.Amount, book.Status, book.DueDate, book.PaidDate, book.PaymentRef} {
		want[c] = c
	}
	req := []string{book.PayoutID, book.PartnerID, book.Period, book.Amount, book.Status, book.PaidDate}
	opt := []string{book.Partner, book.Currency, book.DueDate, book.PaymentRef}
	var before diag.List
	cols := t.Resolve(&before, want, req, opt)
	probs.Merge(&before)
	if before.HasErrors() {
		t.Close()
		return nil
	}
	byID := map[string]*domain.IssuedPayout{}
	var out []*domain.IssuedPayout
	t.Each(probs, func() {
		p := &domain.IssuedPayout{Pos: t.Pos(-1)}
		var col int
		var s string
		p.ID, col = t.Cell(cols, book.PayoutID)
		if p.ID == "" {
			probs.Errorf(t.Pos(col), "missing payout ID")
			return
		}
		if _, dup := byID[p.ID]; dup {
			probs.Errorf(t.Pos(col), "payout %s appears twice", p.ID)
			return
		}
		p.PartnerID, _ = t.Cell(cols, book.PartnerID)
		p.Partner, _ = t.Cell(cols, book.Partner)
		p.Currency, _ = t.Cell(cols, book.Currency)
		s, col = t.Cell(cols, book.Period)
		if p.Period, err = civil.ParseMonth(s); err != nil {
			probs.Errorf(t.Pos(col), "%v", err)
			return
		}
		s, col = t.Cell(cols, book.Amount)
		if p.Amount, err = sheet.Amount(s); err != nil {
			probs.Errorf(t.Pos(col), "%v", err)
			return
		}
		s, col = t.Cell(cols, book.Status)
		// "carried  forward" typed by hand must still mean carried, never issued.
		var known bool
		if p.Status, known = book.ParseStatus(s); !known {
			probs.Warnf(t.Pos(col), "unknown status %q: its lines count as issued", p.Status)
		}
		if s, col = t.Cell(cols, book.DueDate); s != "" {
			if p.Due, err = t.Date(s, ""); err != nil {
				probs.Errorf(t.Pos(col), "%v", err)
			}
		}
		if s, col = t.Cell(cols, book.PaidDate); s != "" {
			if p.Paid, err = t.Date(s, ""); err != nil {
				probs.Errorf(t.Pos(col), "%v", err)
			}
		}
		if !p.Paid.IsZero() && p.Status == book.StatusCarried {
			probs.Warnf(t.Pos(col), "payout %s is marked paid but its status is %q", p.ID, p.Status)
		}
		p.Reference, _ = t.Cell(cols, book.PaymentRef)
		byID[p.ID] = p
		out = append(out, p)
	})
	t.Close()

	lt, err := sheet.Open(path, name, book.LinesSheet)
	if err != nil {
		probs.Errorf(diag.Pos{}, "%v", err)
		return out
	}
	defer lt.Close()
	lineCols := []string{book.LineID, book.PayoutID, book.Amount}
	lc := lt.Resolve(probs, map[string]string{book.LineID: book.LineID, book.PayoutID: book.PayoutID, book.Amount: book.Amount}, lineCols, nil)
	if len(lc) < len(lineCols) {
		return out
	}
	lt.Each(probs, func() {
		id, col := lt.Cell(lc, book.LineID)
		pid, pcol := lt.Cell(lc, book.PayoutID)
		s, acol := lt.Cell(lc, book.Amount)
		if id == "" {
			probs.Errorf(lt.Pos(col), "missing line ID")
			return
		}
		p, ok := byID[pid]
		if !ok {
			probs.Errorf(lt.Pos(pcol), "line %s names payout %q, which is not in the Payouts sheet", id, pid)
			return
		}
		a, err := sheet.Amount(s)
		if err != nil {
			probs.Errorf(lt.Pos(acol), "%v", err)
			return
		}
		if p.Amounts == nil {
			p.Amounts = map[string]money.Amount{}
		}
		if _, dup := p.Amounts[id]; dup {
			probs.Errorf(lt.Pos(col), "line %s appears twice in payout %s", id, pid)
			return
		}
		p.Lines = append(p.Lines, id)
		p.Amounts[id] = a
		p.LineSum = p.LineSum.Add(a)
	})
	// A payout whose lines do not add up to its amount was edited (a deleted or changed
	// row): trusting it could pay a line twice or never, so it stops the run.
	for _, p := range out {
		if !p.LineSum.Equal(p.Amount) {
			probs.Errorf(p.Pos, "payout %s has amount %s but its lines in the Lines sheet add up to %s: was a row deleted or changed? Restore the workbook as partnerbook wrote it (finance edits only %q and %q)",
				p.ID, p.Amount, p.LineSum, book.PaidDate, book.PaymentRef)
		}
	}
	return out
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
