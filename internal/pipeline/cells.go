package pipeline

import (
	"fmt"

	"github.com/partnerbook/partnerbook/internal/book"
	"github.com/partnerbook/partnerbook/internal/commission"
	"github.com/partnerbook/partnerbook/internal/diag"
	"github.com/partnerbook/partnerbook/internal/money"
	"github.com/partnerbook/partnerbook/internal/report"
)

// cellDigits refuses a run in which an amount payouts.xlsx writes to a number cell
// has more significant digits than a spreadsheet cell keeps (money.CellDigits): the
// cell would hold it cut (19875018273840.84 becomes 19875018273840.8), finance would
// import the cut figure, and the next run would refuse the workbook as edited. The
// payouts' amounts and the lines' bases and amounts are named one by one; the
// Summary's totals are checked when every amount fits, since they add them up.
func cellDigits(res *commission.Result, unpaid []report.UnpaidRow, probs *diag.List) {
	cur := res.Program.Currency
	refuse := func(pos diag.Pos, what string, a money.Amount) {
		probs.Errorf(pos, "%s is %s, %d significant digits: a spreadsheet cell holds %d, so payouts.xlsx would hold %s and the amount finance imports would be wrong; nothing is written for a run with such an amount",
			what, res.Program.Policy.Display(a, cur), a.Significant(), money.CellDigits, a.CellText())
	}
	bad := false
	// The Summary sheet's totals, as xlsx writes them.
	total := map[book.PayoutStatus]money.Amount{}
	lines := money.Zero
	for _, p := range res.Payouts {
		total[p.Status] = total[p.Status].Add(p.Amount)
		pos := p.Partner.Pos
		for _, f := range []struct {
			name string
			a    money.Amount
		}{{"amount", p.Amount}, {"earned amount", p.Earned}, {"opening balance", p.Opening}, {"clawbacks total", p.Clawbacks}, {"charges total", p.Charges}} {
			if !f.a.FitsCell() {
				refuse(pos, fmt.Sprintf("the %s of payout %s (partner %s)", f.name, p.ID, p.Partner.ID), f.a)
				bad = true
			}
		}
		for _, l := range p.Lines {
			lines = lines.Add(l.Amount)
			if !l.Amount.FitsCell() {
				refuse(pos, fmt.Sprintf("the amount of line %s of payout %s", l.ID, p.ID), l.Amount)
				bad = true
			}
			if !l.Basis.FitsCell() {
				refuse(pos, fmt.Sprintf("the basis of line %s of payout %s", l.ID, p.ID), l.Basis)
				bad = true
			}
		}
	}
	if bad {
		return
	}
	var overdue, owed, unpaidSum money.Amount
	for _, o := range res.Overdue {
		if o.Status == book.StatusReceivable {
			owed = owed.Add(o.Amount.Neg())
		} else {
			overdue = overdue.Add(o.Amount)
		}
	}
	for _, u := range unpaid {
		unpaidSum = unpaidSum.Add(u.Amount)
	}
	for _, f := range []struct {
		name string
		a    money.Amount
	}{
		{"the total of the Due payouts", total[book.StatusDue]},
		{"the total of the carried payouts", total[book.StatusCarried]},
		{"the total of the Receivable payouts", total[book.StatusReceivable]},
		{"the total of all payouts", money.Sum(total[book.StatusDue], total[book.StatusCarried], total[book.StatusReceivable])},
		{"the total of the lines", lines},
		{"the total of the overdue payouts of earlier periods", overdue},
		{"the total owed to us from earlier periods", owed},
		{"the total of the Due payouts in no payment file", unpaidSum},
	} {
		if !f.a.FitsCell() {
			refuse(diag.Pos{}, "in payouts.xlsx's Summary sheet, "+f.name, f.a)
		}
	}
}
