package commission

import "github.com/partnerbook/partnerbook/internal/money"

// paidBasis is what a clawback of a deal without a value (a blank or zero value, as
// flat-fee deals often have) measures the refunds against: the deal's payments dated
// on or before the refund, instead of taking the whole fee back for any refund. The
// measure stays in the deal's own currency (measured) when those payments were all
// written in it too; else it falls back to the program currency. refunded is the
// window's refunds so far in the program currency; back, refund and measured are the
// clawback's figures so far.
//
// With no payments either, the share refunded cannot be known: the deal is refused at
// its value cell, and the basis returned is zero.
func (c *calc) paidBasis(d *Deal, rf dayTotal, refunded, back, refund money.Amount, measured string) (basis, backOut, refundOut money.Amount, measuredOut string) {
	if measured != "" {
		if sum, ok := paidThrough(d, rf, measured); ok && sum.Sign() > 0 {
			return sum, back, refund, measured
		}
	}
	sum, _ := paidThrough(d, rf, "")
	if sum.Sign() <= 0 {
		c.probs.Errorf(inColumn(d.Pos(), c.prog.Deals.Columns["value"]), "won deal %q has no value and no payments on or before its refund of %s on %s: what share of the deal was refunded, and so how much of the referral fee to take back, cannot be told; enter the deal's value in the CRM or add its payments",
			d.ID, c.pol.Display(rf.amount.Neg(), c.prog.Currency), rf.date)
		return money.Zero, back, refund, measured
	}
	return sum, refunded, rf.amount.Neg(), ""
}

// paidThrough sums the deal's payments (not refunds) dated on or before the refund's
// day: in currency cur as written when every one was written in it (ok false
// otherwise), or in the program currency when cur is "".
func paidThrough(d *Deal, rf dayTotal, cur string) (sum money.Amount, ok bool) {
	sum = money.Zero
	for _, p := range d.Payments {
		if p.Date.After(rf.date) {
			break // by date
		}
		if p.Amount.Sign() <= 0 {
			continue
		}
		a := p.Amount
		if cur != "" {
			if p.FX == nil || p.FX.Currency != cur {
				return money.Zero, false
			}
			a = p.FX.Original
		}
		sum = sum.Add(a)
	}
	return sum, true
}
