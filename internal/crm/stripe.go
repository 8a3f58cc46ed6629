package crm

import (
	"fmt"
	"sort"
	"strings"

	"github.com/partnerbook/partnerbook/internal/diag"
	"github.com/partnerbook/partnerbook/internal/domain"
	"github.com/partnerbook/partnerbook/internal/money"
	"github.com/partnerbook/partnerbook/internal/sheet"
)

// stripeOldDate is the date header of older Stripe exports.
const stripeOldDate = "Created (UTC)"

// readStripe reads a Stripe Dashboard payments export: one row per charge. Only
// captured, paid charges are money received; the rest are skipped and counted in one
// warning. A charge's "Amount Refunded" is a refund: a negative payment dated
// "Refunded date (UTC)", converted at the charge's rate. A dispute the charge lost is
// money taken back too: a negative payment of its "Disputed Amount" dated "Dispute Date
// (UTC)". A charge with a dispute still open is left out until Stripe decides it (see
// readDispute). Timestamps are UTC; their calendar day is the date.
func readStripe(t *sheet.Table, in domain.PaymentsInput, probs *diag.List) []*domain.Payment {
	mapping := presentColumns(t, in, "currency", "client", "captured", "id", "disputed_amount", "dispute_status", "dispute_date")
	if _, found := t.Column(mapping["date"]); !found && !in.Explicit["date"] {
		if _, old := t.Column(stripeOldDate); old {
			mapping["date"] = stripeOldDate
		}
	}
	required := []string{"date", "amount", "status", "amount_refunded", "refunded_date"}
	cols := t.Resolve(probs, mapping, required, []string{"deal", "client", "currency", "captured", "id", "disputed_amount", "dispute_status", "dispute_date"})
	for _, k := range required {
		if _, ok := cols[k]; !ok {
			return nil
		}
	}
	if _, ok := cols["deal"]; !ok {
		if _, ok := cols["client"]; !ok {
			probs.Errorf(t.Pos(-1), "no column matches a charge to a deal: map [input.payments.columns] deal = \"deal_id (metadata)\" (a metadata column) or client = \"Customer Email\"; the header row has: %s",
				strings.Join(t.Headers(), ", "))
			return nil
		}
	}
	whole := t.Pos(-1)
	whole.Row, whole.Column = 0, ""
	if _, ok := cols["dispute_status"]; !ok {
		probs.Warnf(whole, "the export has no %q column, so disputes cannot be seen: a charge lost in a dispute (a chargeback) would count as money received; export the payments with the dispute columns (%q, %q, %q)",
			in.Columns["dispute_status"], in.Columns["disputed_amount"], in.Columns["dispute_status"], in.Columns["dispute_date"])
	}
	var out []*domain.Payment
	skipped := map[string]int{}
	idRow := map[string]int{}
	wait := newLater("charge") // its refund goes with it
	sheetAt := domain.Sheet(t.Pos(-1))
	// Dates go through the same checks as every payment date: a number cell or a bare
	// number is refused, not read as a day count.
	dates := newDateReader(t, "[input.payments]", in.DateFormat, "")
	t.Each(probs, func() {
		status, _ := t.Cell(cols, "status")
		captured, capCol := t.Cell(cols, "captured")
		switch st := sheet.Norm(status); {
		case st == "failed":
			skipped["failed"]++
			return
		case capCol >= 0 && !strings.EqualFold(captured, "true"):
			skipped["uncaptured"]++
			return
		case st != "paid" && st != "refunded" && st != "partially refunded" && st != "disputed":
			if st == "" {
				st = "without a status"
			}
			skipped[st]++
			return
		}
		p := &domain.Payment{At: domain.PlaceIn(sheetAt, t.Row())}
		// The charge id keys the payment's lines, so a corrected date or amount gives
		// a correction, not a second line; one id on two rows would count it twice.
		if id, col := t.Cell(cols, "id"); id != "" {
			if err := lineKeyPart("payment id", id); err != nil {
				probs.Errorf(t.Pos(col), "%v", err)
				return
			}
			if first, dup := idRow[id]; dup {
				probs.Errorf(t.Pos(col), "duplicate payment id %q (also row %d)", id, first)
				return
			}
			id = strings.Clone(id) // not the sheet row it was read from
			idRow[id], p.ID = t.Row(), id
		}
		if !paymentParty(t, cols, p, probs) {
			return
		}
		var ok bool
		if p.Date, ok = dates.required(cols, "date", "charge", probs); !ok {
			return
		}
		cur, named, ok := rowCurrency(t, cols, in.Money, probs)
		if !ok {
			return
		}
		s, col := t.Cell(cols, "amount")
		if s == "" {
			probs.Errorf(t.Pos(col), "missing amount")
			return
		}
		var err error
		if p.Amount, err = amountIn(t, col, s, cur, named); err != nil {
			probs.Errorf(t.Pos(col), "%v", err)
			return
		}
		if p.Amount.Sign() < 0 {
			probs.Errorf(t.Pos(col), "charge amount %q is negative: Stripe writes refunds in \"Amount Refunded\"", s)
			return
		}
		charged := p.Amount
		refunded, ok := stripeRefunded(t, cols, cur, named, charged, probs)
		if !ok {
			return
		}
		disp, ok := readDispute(t, cols, in, dates, p, cur, named, charged, refunded, probs)
		if !ok {
			return
		}
		if wait.takes(in.Money, p.Amount, cur, p.Date) {
			return
		}
		// A charge with a dispute still open is held; what was refunded of it was
		// given back for good and counts.
		if !disp.open {
			if p.Amount, p.FX, ok = convert(in.Money, p.Amount, cur, p.Date, t.Pos(col), func() string { return "charge dated " + p.Date.String() }, probs); !ok {
				return
			}
			out = append(out, p)
		}

		if !refunded.IsZero() {
			// The refunded total of a charge is one refund keyed by the charge: a later,
			// larger refund of the same charge corrects its lines.
			ds, dcol := t.Cell(cols, "refunded_date")
			if ds == "" {
				probs.Errorf(t.Pos(dcol), "charge refunded %s has no refund date: the refund cannot be dated", refunded.Fixed(2))
				return
			}
			r, ok := takenBack(t, dates, in.Money, p, cur, refunded, ds, dcol, cols["amount_refunded"], "refund", probs)
			if !ok {
				return
			}
			out = append(out, r)
		}
		if disp.lost {
			r, ok := takenBack(t, dates, in.Money, p, cur, disp.amount, disp.date, disp.dateCol, disp.amountCol, "dispute", probs)
			if !ok {
				return
			}
			out = append(out, r)
		}
	})
	dates.done(probs)
	wait.warn(whole, in.Money, probs)
	if n, words := skippedWords(skipped); n > 0 {
		where := t.Pos(-1)
		where.Row = 0
		probs.Warnf(where, "skipped %d %s that %s not paid: %s", n, plural(n, "charge", "charges"), plural(n, "was", "were"), words)
	}
	return out
}

// stripeRefunded is the charge's "Amount Refunded", in the charge's currency: zero when
// empty; ok is false (an error reported) when it is negative or more than the charge.
func stripeRefunded(t *sheet.Table, cols map[string]int, cur string, named bool, charged money.Amount, probs *diag.List) (money.Amount, bool) {
	s, col := t.Cell(cols, "amount_refunded")
	if s == "" {
		return money.Zero, true
	}
	refunded, err := amountIn(t, col, s, cur, named)
	switch {
	case err != nil:
		probs.Errorf(t.Pos(col), "%v", err)
		return money.Zero, false
	case refunded.Sign() < 0:
		probs.Errorf(t.Pos(col), "refunded amount %q is negative", s)
		return money.Zero, false
	case refunded.Cmp(charged) > 0:
		probs.Errorf(t.Pos(col), "refunded amount %q is more than the charge %q", s, strings.TrimSpace(t.Current()[cols["amount"]]))
		return money.Zero, false
	}
	return refunded, true
}

// takenBack is money of charge p given back to the client: a refund (its "Amount
// Refunded") or a lost dispute (its "Disputed Amount"), amount in the charge's currency
// cur, dated s (column dcol). It is a negative payment keyed "<charge id>:<kind>",
// converted at the charge's rate: the money taken back is the money the charge brought
// in, so a charge given back in full nets to nothing.
func takenBack(t *sheet.Table, dates *dateReader, m domain.Money, p *domain.Payment, cur string, amount money.Amount, s string, dcol, acol int, kind string, probs *diag.List) (*domain.Payment, bool) {
	r := &domain.Payment{Deal: p.Deal, Client: p.Client, At: p.At}
	if p.ID != "" {
		r.ID = p.ID + ":" + kind
	}
	var err error
	if r.Date, err = dates.read(s, dcol); err != nil {
		probs.Errorf(t.Pos(dcol), "%v", err)
		return nil, false
	}
	if r.Date.Before(p.Date) {
		probs.Errorf(t.Pos(dcol), "%s date %s is before the charge date %s", kind, r.Date, p.Date)
		return nil, false
	}
	var ok bool
	if r.Amount, r.FX, ok = convert(m, amount, cur, p.Date, t.Pos(acol), func() string { return kind + " of the charge dated " + p.Date.String() }, probs); !ok {
		return nil, false
	}
	r.Amount = r.Amount.Neg()
	if r.FX != nil {
		r.FX.Original, r.FX.Charge = r.FX.Original.Neg(), p.Date
	}
	return r, true
}

// dispute is what a charge's dispute columns say.
type dispute struct {
	lost, open         bool
	amount             money.Amount // the disputed amount, in the charge's currency
	date               string       // the dispute date as written
	amountCol, dateCol int
}

// Stripe's dispute statuses (the API's words; the export may capitalise them or write
// spaces for the underscores). An inquiry (warning_*) has not taken money yet; a
// chargeback (needs_response, under_review) has, until it is won; lost keeps it taken.
// A prevented dispute was settled before it became a chargeback, and charge_refunded
// (no longer used) by refunding the charge: what was given back is in "Amount
// Refunded", like warning_closed and won, which keep the money.
var (
	disputeOpen = map[string]bool{"warning_needs_response": true, "warning_under_review": true, "needs_response": true, "under_review": true}
	disputeKept = map[string]bool{"won": true, "warning_closed": true, "prevented": true, "charge_refunded": true}
)

// readDispute reads the charge's dispute. A lost dispute is money taken back as of its
// dispute date; one without a date, an amount, or more than the charge less its
// refunds is an error naming the row and column. A dispute still open leaves the
// charge (not its refunds, given back for good) out of the run, with a warning: the
// money is not final, so nothing is paid on it, and nothing issued for it is taken
// back, until Stripe decides. A charge whose Status is Disputed needs the dispute
// columns to tell which.
func readDispute(t *sheet.Table, cols map[string]int, in domain.PaymentsInput, dates *dateReader, p *domain.Payment, cur string, named bool, charged, refunded money.Amount, probs *diag.List) (dispute, bool) {
	var d dispute
	status, scol := t.Cell(cols, "dispute_status")
	st := strings.NewReplacer(" ", "_", "-", "_").Replace(sheet.Norm(status))
	if st == "" {
		if stat, col := t.Cell(cols, "status"); sheet.Norm(stat) == "disputed" {
			probs.Errorf(t.Pos(col), "charge %sis Disputed, but the export has no dispute status for it: export the payments with the dispute columns (%q, %q, %q) to tell whether the dispute was won, lost or is open",
				chargeName(p), in.Columns["disputed_amount"], in.Columns["dispute_status"], in.Columns["dispute_date"])
			return d, false
		}
		return d, true
	}
	if !disputeOpen[st] && !disputeKept[st] && st != "lost" {
		probs.Errorf(t.Pos(scol), "unknown dispute status %q: Stripe's are needs_response, under_review, won, lost, warning_needs_response, warning_under_review, warning_closed and prevented", status)
		return d, false
	}
	if disputeKept[st] {
		return d, true
	}
	s, acol := t.Cell(cols, "disputed_amount")
	d.amountCol = acol
	if s != "" {
		a, err := amountIn(t, acol, s, cur, named)
		if err != nil {
			probs.Errorf(t.Pos(acol), "%v", err)
			return d, false
		}
		d.amount = a
	}
	d.date, d.dateCol = t.Cell(cols, "dispute_date")
	if disputeOpen[st] {
		d.open = true
		since := ""
		if d.date != "" {
			if day, err := dates.read(d.date, d.dateCol); err == nil {
				since = ", opened " + day.String()
			}
		}
		amount := ""
		if d.amount.Sign() > 0 {
			amount = " of " + d.amount.Fixed(2) + " " + cur
		}
		probs.Warnf(t.Pos(scol), "charge %s(%s %s, %s) has a dispute still open (%s%s%s): the charge is left out of this run until Stripe decides it (its refunds still count); won, it counts again as paid; lost, the disputed amount is taken back as of the dispute date; lines already issued for it stay issued",
			chargeName(p), charged.Fixed(2), cur, p.Date, st, amount, since)
		return d, true
	}
	// Lost: the disputed amount is money taken back.
	d.lost = true
	switch {
	case acol < 0:
		probs.Errorf(t.Pos(scol), "charge %slost a dispute, but the export has no %q column to say how much: export the payments with it", chargeName(p), in.Columns["disputed_amount"])
		return d, false
	case d.amount.Sign() <= 0:
		probs.Errorf(t.Pos(acol), "charge %slost a dispute of %q: a lost dispute needs the amount taken back", chargeName(p), s)
		return d, false
	case d.amount.Add(refunded).Cmp(charged) > 0:
		probs.Errorf(t.Pos(acol), "charge %slost a dispute of %s and was refunded %s, more than the charge %s: the export counts money taken back twice", chargeName(p), d.amount.Fixed(2), refunded.Fixed(2), charged.Fixed(2))
		return d, false
	case d.dateCol < 0:
		probs.Errorf(t.Pos(scol), "charge %slost a dispute of %s, but the export has no %q column to date it: export the payments with it, or map dispute_date in [input.payments.columns]", chargeName(p), d.amount.Fixed(2), in.Columns["dispute_date"])
		return d, false
	case d.date == "":
		probs.Errorf(t.Pos(d.dateCol), "charge %slost a dispute of %s but has no dispute date: the money taken back cannot be dated", chargeName(p), d.amount.Fixed(2))
		return d, false
	}
	return d, true
}

// chargeName is `"ch_1" ` for a charge with an id, else "".
func chargeName(p *domain.Payment) string {
	if p.ID == "" {
		return ""
	}
	return fmt.Sprintf("%q ", p.ID)
}

// skippedWords counts skipped charges by kind: failed, uncaptured, then the other
// statuses alphabetically ("2 failed, 1 uncaptured, 1 pending").
func skippedWords(skipped map[string]int) (int, string) {
	var kinds []string
	for k := range skipped {
		if k != "failed" && k != "uncaptured" {
			kinds = append(kinds, k)
		}
	}
	sort.Strings(kinds)
	kinds = append([]string{"failed", "uncaptured"}, kinds...)
	n := 0
	var parts []string
	for _, k := range kinds {
		if c := skipped[k]; c > 0 {
			n += c
			parts = append(parts, fmt.Sprintf("%d %s", c, k))
		}
	}
	return n, strings.Join(parts, ", ")
}
