package ledger

import (
	"fmt"
	"slices"
	"sort"
	"strings"

	"github.com/partnerbook/partnerbook/internal/book"
	"github.com/partnerbook/partnerbook/internal/civil"
	"github.com/partnerbook/partnerbook/internal/diag"
	"github.com/partnerbook/partnerbook/internal/money"
	"github.com/partnerbook/partnerbook/internal/sheet"
)

// readSeal reads the Seal sheet of the workbook at path; nil (with an error) when it was
// edited.
func readSeal(path, name string, probs *diag.List) *book.Seal {
	return sealFrom(openerOf(path, name, nil), name, probs)
}

// sealFrom reads the Seal sheet opened by open; nil (with an error) when it was edited.
func sealFrom(open opener, name string, probs *diag.List) *book.Seal {
	t, err := open(book.SealSheet)
	if err != nil {
		probs.Err(err)
		return nil
	}
	defer t.Close()
	want := map[string]string{}
	for _, c := range book.SealColumns {
		want[c] = c
	}
	var before diag.List
	// A v1 seal (written before lead owners were recorded) lacks the lead columns; in a
	// v2 seal with leads, a missing one leaves its records empty and the digest tells.
	var leadCols []string
	for _, c := range book.SealColumns[len(book.SealColumnsV1):] {
		if _, ok := t.Column(c); ok {
			leadCols = append(leadCols, c)
		}
	}
	cols := t.Resolve(&before, want, book.SealColumnsV1, leadCols)
	if before.HasErrors() {
		probs.Errorf(diag.Pos{File: name, Sheet: book.SealSheet, Row: t.Row()}, "the Seal sheet's header was edited: restore the workbook as partnerbook wrote it")
		return nil
	}
	s := &book.Seal{}
	workbooks, afters := 0, 0
	bad := false
	// A line's columns, looked up once: the seal has a row per line.
	colOf := func(c string) int {
		if i, ok := cols[c]; ok {
			return i
		}
		return -1
	}
	recordCol, idCol, payoutCol, partnerCol, amountCol := colOf(book.SealRecord), colOf(book.SealID), colOf(book.PayoutID), colOf(book.PartnerID), colOf(book.Amount)
	wonCol := colOf(book.WonDate)
	t.Each(probs, func() {
		cur := t.Current()
		cell := func(i int) string { // as t.Cell reads it
			if i < 0 || i >= len(cur) {
				return ""
			}
			return strings.TrimSpace(cur[i])
		}
		v := func(c string) string { x, _ := t.Cell(cols, c); return x }
		switch kind := cell(recordCol); kind {
		case book.SealWorkbook:
			workbooks++
			s.Version, s.Period, s.Currency, s.Digest = v(book.SealID), v(book.Period), v(book.Currency), v(book.SealDigest)
			if s.Version != book.SealVersion && s.Version != book.SealVersionV3 && s.Version != book.SealVersionV2 && s.Version != book.SealVersionV1 {
				probs.Errorf(t.Pos(cols[book.SealID]), "seal version %q is not %q: restore the workbook as partnerbook wrote it", v(book.SealID), book.SealVersion)
				bad = true
			}
		case book.SealAfter:
			afters++
			s.After = book.Link{Period: v(book.Period), Digest: v(book.SealDigest)}
		case book.SealPayout:
			s.Payouts = append(s.Payouts, book.SealedPayout{ID: v(book.SealID), PartnerID: v(book.PartnerID), Period: v(book.Period),
				Status: v(book.Status), Currency: v(book.Currency), Opening: v(book.Opening), Earned: v(book.Earned),
				Clawbacks: v(book.Clawbacks), Charges: v(book.Charges), Amount: v(book.Amount), Due: v(book.DueDate),
				LinesDigest: v(book.SealDigest)})
		case book.SealLine:
			if len(s.Lines) == cap(s.Lines) {
				// Doubled, not grown by a quarter as append grows a large slice: a
				// seal of many lines would otherwise allocate five times their size.
				s.Lines = slices.Grow(s.Lines, max(len(s.Lines), 64))
			}
			s.Lines = append(s.Lines, book.SealedLine{ID: cell(idCol), PayoutID: cell(payoutCol), PartnerID: cell(partnerCol), Amount: cell(amountCol)})
		case book.SealLead:
			s.Leads = append(s.Leads, book.SealedLead{Deal: v(book.SealID), Campaign: v(book.Campaign), Owner: v(book.PartnerID),
				By: v(book.DealtBy), Period: v(book.Period)})
		case book.SealWon:
			if len(s.Won) == cap(s.Won) {
				s.Won = slices.Grow(s.Won, max(len(s.Won), 64)) // doubled, as the lines
			}
			s.Won = append(s.Won, book.SealedWon{Deal: cell(idCol), Date: cell(wonCol)})
		default:
			probs.Errorf(t.Pos(cols[book.SealRecord]), "the Seal sheet has a row of unknown kind %q: restore the workbook as partnerbook wrote it", kind)
			bad = true
		}
	})
	if workbooks != 1 {
		probs.Errorf(diag.Pos{File: name, Sheet: book.SealSheet}, "the Seal sheet has %d workbook records, not one: restore the workbook as partnerbook wrote it", workbooks)
		return nil
	}
	if bad {
		return nil
	}
	// A v3 seal names the workbook it was issued after exactly once (an empty one for a
	// first run); earlier versions never did.
	if want := map[bool]int{true: 1, false: 0}[s.RecordsAfter()]; afters != want {
		probs.Errorf(diag.Pos{File: name, Sheet: book.SealSheet}, "the Seal sheet of version %q has %d %q records, not %d: restore the workbook as partnerbook wrote it",
			s.Version, afters, book.SealAfter, want)
		return nil
	}
	if s.Version == book.SealVersionV1 && len(s.Leads) > 0 {
		probs.Errorf(diag.Pos{File: name, Sheet: book.SealSheet}, "the Seal sheet of version %q has lead records, which that version never wrote: restore the workbook as partnerbook wrote it", s.Version)
		return nil
	}
	if !s.RecordsWon() && len(s.Won) > 0 {
		probs.Errorf(diag.Pos{File: name, Sheet: book.SealSheet}, "the Seal sheet of version %q has won-date records, which that version never wrote: restore the workbook as partnerbook wrote it", s.Version)
		return nil
	}
	if got := s.Compute(); got != s.Digest {
		probs.Errorf(diag.Pos{File: name, Sheet: book.SealSheet}, "the Seal sheet was edited (its digest does not match its contents): restore the workbook as partnerbook wrote it")
		return nil
	}
	return s
}

// verify compares the Payouts and Lines sheets with the seal: only the paid-date
// columns (and columns the seal does not cover) may differ.
func verify(wb *Workbook, s *book.Seal, rows []*payoutRow, lines []lineRow, probs *diag.List) {
	name := wb.Name
	edited := func(pos diag.Pos, id, got, orig string) {
		probs.Errorf(pos, "payout %s: %q is not what partnerbook wrote (%q): only %q and %q may be edited; restore the original value",
			id, got, orig, book.PaidDate, book.PaymentRef)
	}
	sealed := map[string]book.SealedPayout{}
	for _, sp := range s.Payouts {
		sealed[sp.ID] = sp
	}
	seen := map[string]bool{}
	for _, r := range rows {
		id := r.p.ID
		sp, ok := sealed[id]
		if !ok {
			probs.Errorf(r.pos(book.PayoutID), "payout %s is not in the workbook's seal (it sealed %s): a row was added or its Payout ID retyped; restore the workbook as partnerbook wrote it", id, sealedIDs(s))
			continue
		}
		seen[id] = true
		// The sealed values, in the order of sealedPayoutColumns.
		orig := [...]string{sp.PartnerID, sp.Period, sp.Status, sp.Currency, sp.Opening, sp.Earned, sp.Clawbacks,
			sp.Charges, sp.Amount, sp.Due}
		for i, c := range sealedPayoutColumns {
			text, o := r.text(c), orig[i]
			switch {
			case c == book.DueDate && !r.dueRead:
				// Refused as no date already.
			case c == book.DueDate:
				// The day read, in the workbook's date system, against the day sealed.
				if day, err := civil.Parse(o); (o == "" && !r.p.Due.IsZero()) || (o != "" && (err != nil || day != r.p.Due)) {
					edited(r.pos(c), id, text, o)
				}
			case !sameValue(c, text, o):
				edited(r.pos(c), id, text, o)
			}
		}
	}
	for _, sp := range s.Payouts {
		if !seen[sp.ID] {
			probs.Errorf(diag.Pos{File: name, Sheet: book.PayoutsSheet}, "payout %s (partner %q, %s %s %s) was deleted from the Payouts sheet: restore its row (and its lines) as partnerbook wrote them",
				sp.ID, sp.PartnerID, sp.Status, sp.Currency, sp.Amount)
		}
	}

	// The seal's lines by ID (the last of an ID that is sealed twice), and whether a
	// line of the sheet has each ID.
	sealedLine := make(map[string]int, len(s.Lines))
	for i, sl := range s.Lines {
		sealedLine[sl.ID] = i
	}
	seenLine := make([]bool, len(s.Lines))
	byPayout := map[string][]book.SealedLine{}
	for i := range lines {
		l := &lines[i]
		at, ok := sealedLine[l.id]
		if !ok {
			probs.Errorf(l.pos(book.LineID), "line %s is not in the workbook's seal: a row was added or its Line ID retyped; restore the workbook as partnerbook wrote it", l.id)
			continue
		}
		sl := &s.Lines[at]
		seenLine[at] = true
		payout, partner := l.r.p.ID, l.r.p.PartnerID
		if payout != sl.PayoutID {
			probs.Errorf(l.pos(book.PayoutID), "line %s: %q is not what partnerbook wrote (%q): restore the original value", l.id, payout, sl.PayoutID)
		}
		if orig, err := money.ParseAmount(sl.Amount); err != nil || !orig.Equal(l.amount) {
			probs.Errorf(l.pos(book.Amount), "line %s of payout %s: %q is not what partnerbook wrote (%q): restore the original value", l.id, sl.PayoutID, l.amountText, sl.Amount)
		}
		byPayout[payout] = append(byPayout[payout], book.SealedLine{ID: l.id, PayoutID: payout, PartnerID: partner, Amount: l.amount.String()})
	}
	for _, sl := range s.Lines {
		if !seenLine[sealedLine[sl.ID]] {
			probs.Errorf(diag.Pos{File: name, Sheet: book.LinesSheet}, "line %s of payout %s (amount %s) was deleted from the Lines sheet: restore its row as partnerbook wrote it", sl.ID, sl.PayoutID, sl.Amount)
		}
	}
	// The lines digest of each payout, recomputed from the sheet: the last word on
	// whether its lines are the ones it issued.
	for _, r := range rows {
		sp, ok := sealed[r.p.ID]
		if ok && book.LinesDigest(byPayout[r.p.ID]) != sp.LinesDigest {
			probs.Errorf(r.p.Pos, "the lines of payout %s in the Lines sheet are not the ones it issued (their digest does not match the seal): restore the workbook as partnerbook wrote it", r.p.ID)
		}
	}
}

func sealedIDs(s *book.Seal) string {
	ids := make([]string, 0, len(s.Payouts))
	for _, p := range s.Payouts {
		ids = append(ids, p.ID)
	}
	sort.Strings(ids)
	if len(ids) == 0 {
		return "no payouts"
	}
	return fmt.Sprint(ids)
}

// sameValue compares a cell as read with its sealed text, by meaning: amounts as
// decimals, statuses as words, periods as months (due dates are compared as the days
// read, in verify), so a spreadsheet program's own way of
// writing a number is no edit.
func sameValue(col, got, orig string) bool {
	if got == orig {
		return true
	}
	switch col {
	case book.Status:
		g, _ := book.ParseStatus(got)
		o, _ := book.ParseStatus(orig)
		// Finance may mark a Due payout "Paid": both issue its lines.
		return g == o || (o == book.StatusDue && g == book.StatusPaid)
	case book.Opening, book.Earned, book.Clawbacks, book.Charges, book.Amount:
		g, err1 := sheet.Amount(got)
		o, err2 := money.ParseAmount(orig)
		return err1 == nil && err2 == nil && g.Equal(o)
	case book.Period:
		g, err := civil.ParseMonth(got)
		return err == nil && g.String() == orig
	}
	return false
}
