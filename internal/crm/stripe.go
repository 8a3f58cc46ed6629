package crm

import (
	"fmt"
	"sort"
	"strings"

	"github.com/partnerbook/partnerbook/internal/diag"
	"github.com/partnerbook/partnerbook/internal/domain"
	"github.com/partnerbook/partnerbook/internal/sheet"
)

// stripeOldDate is the date header of older Stripe exports.
const stripeOldDate = "Created (UTC)"

// readStripe reads a Stripe Dashboard payments export: one row per charge. Only
// captured, paid charges are money received; the rest are skipped and counted in one
// warning. A charge's "Amount Refunded" is a refund: a negative payment dated
// "Refunded date (UTC)", converted at the charge's rate. Timestamps are UTC; their calendar day is the date.
func readStripe(t *sheet.Table, in domain.PaymentsInput, probs *diag.List) []*domain.Payment {
	mapping := presentColumns(t, in, "currency", "client", "captured", "id")
	if _, found := t.Column(mapping["date"]); !found && !in.Explicit["date"] {
		if _, old := t.Column(stripeOldDate); old {
			mapping["date"] = stripeOldDate
		}
	}
	required := []string{"date", "amount", "status", "amount_refunded", "refunded_date"}
	cols := t.Resolve(probs, mapping, required, []string{"deal", "client", "currency", "captured", "id"})
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
		case st != "paid" && st != "refunded" && st != "partially refunded":
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
		s, col := t.Cell(cols, "date")
		var err error
		if s == "" {
			probs.Errorf(t.Pos(col), "missing charge date")
			return
		}
		if p.Date, err = dates.read(s, col); err != nil {
			probs.Errorf(t.Pos(col), "%v", err)
			return
		}
		cur, named, ok := rowCurrency(t, cols, in.Money, probs)
		if !ok {
			return
		}
		s, col = t.Cell(cols, "amount")
		if s == "" {
			probs.Errorf(t.Pos(col), "missing amount")
			return
		}
		if p.Amount, err = amountIn(t, col, s, cur, named); err != nil {
			probs.Errorf(t.Pos(col), "%v", err)
			return
		}
		if p.Amount.Sign() < 0 {
			probs.Errorf(t.Pos(col), "charge amount %q is negative: Stripe writes refunds in \"Amount Refunded\"", s)
			return
		}
		charged := p.Amount
		if wait.takes(in.Money, p.Amount, cur, p.Date) {
			return
		}
		if p.Amount, p.FX, ok = convert(in.Money, p.Amount, cur, p.Date, t.Pos(col), func() string { return "charge dated " + p.Date.String() }, probs); !ok {
			return
		}
		out = append(out, p)

		s, col = t.Cell(cols, "amount_refunded")
		if s == "" {
			return
		}
		refunded, err := amountIn(t, col, s, cur, named)
		if err != nil {
			probs.Errorf(t.Pos(col), "%v", err)
			return
		}
		switch {
		case refunded.Sign() < 0:
			probs.Errorf(t.Pos(col), "refunded amount %q is negative", s)
			return
		case refunded.Cmp(charged) > 0:
			probs.Errorf(t.Pos(col), "refunded amount %q is more than the charge %q", s, strings.TrimSpace(t.Current()[cols["amount"]]))
			return
		case refunded.IsZero():
			return
		}
		// The refunded total of a charge is one refund keyed by the charge: a later,
		// larger refund of the same charge corrects its lines.
		r := &domain.Payment{Deal: p.Deal, Client: p.Client, At: p.At}
		if p.ID != "" {
			r.ID = p.ID + ":refund"
		}
		ds, dcol := t.Cell(cols, "refunded_date")
		if ds == "" {
			probs.Errorf(t.Pos(dcol), "charge refunded %s has no refund date: the refund cannot be dated", s)
			return
		}
		if r.Date, err = dates.read(ds, dcol); err != nil {
			probs.Errorf(t.Pos(dcol), "%v", err)
			return
		}
		if r.Date.Before(p.Date) {
			probs.Errorf(t.Pos(dcol), "refund date %s is before the charge date %s", r.Date, p.Date)
			return
		}
		// A refund converts at its charge's rate: the money returned is the money
		// received, so a fully refunded charge nets to nothing.
		if r.Amount, r.FX, ok = convert(in.Money, refunded, cur, p.Date, t.Pos(col), func() string { return "refund of the charge dated " + p.Date.String() }, probs); !ok {
			return
		}
		r.Amount = r.Amount.Neg()
		if r.FX != nil {
			r.FX.Original, r.FX.Charge = r.FX.Original.Neg(), p.Date
		}
		out = append(out, r)
	})
	whole := t.Pos(-1)
	whole.Row, whole.Column = 0, ""
	wait.warn(whole, in.Money, probs)
	if n, words := skippedWords(skipped); n > 0 {
		where := t.Pos(-1)
		where.Row = 0
		probs.Warnf(where, "skipped %d %s that %s not paid: %s", n, plural(n, "charge", "charges"), plural(n, "was", "were"), words)
	}
	return out
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
