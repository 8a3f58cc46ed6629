package report

import (
	"github.com/partnerbook/partnerbook/internal/book"
	"github.com/partnerbook/partnerbook/internal/civil"
	"github.com/partnerbook/partnerbook/internal/commission"
	"github.com/partnerbook/partnerbook/internal/money"
)

// Book is what payouts.xlsx holds: the period's payouts with their lines, worded, and
// the control totals finance ticks off.
type Book struct {
	Program  string
	Currency string
	Policy   money.Policy
	Period   civil.Month
	AsOf     civil.Date
	Payouts  []*PayoutRow   // sorted by partner id
	Overdue  []money.Amount // amounts of earlier Due payouts past their due date, unpaid
	// OverdueOwedToUs are earlier Receivables past their due date, unpaid, as positive
	// amounts: what partners are late paying us.
	OverdueOwedToUs []money.Amount

	// PaymentFiles are the payment batch files the run writes (wise-batch,
	// paypal-payouts); when there are any, Unpaid lists the Due payouts none of
	// them carries, for finance to pay by hand.
	PaymentFiles []string
	Unpaid       []UnpaidRow

	// Leads are the campaign lead owners the run reports, by deal ID: the workbook
	// seals them so the next run keeps each lead's owner.
	Leads []book.SealedLead
	// Won are the won dates the run used, by deal ID: the workbook seals them so the
	// next run keeps each deal's won date.
	Won []book.SealedWon
}

// UnpaidRow is a Due payout in no payment file, and why.
type UnpaidRow struct {
	PayoutID, PartnerID, Partner string
	Amount                       money.Amount
	Reason                       string
}

// BuildBook copies a run's payouts for the workbook.
func BuildBook(r *commission.Result) *Book {
	return BookFrom(r, PayoutRows(r))
}

// BookFrom is BuildBook with the payout rows already worded by PayoutRows(r).
func BookFrom(r *commission.Result, rows []*PayoutRow) *Book {
	p := r.Program
	b := &Book{Program: p.Name, Currency: p.Currency, Policy: p.Policy, Period: r.Period, AsOf: r.AsOf}
	b.Payouts = append(b.Payouts, rows...)
	for _, l := range r.Leads {
		b.Leads = append(b.Leads, book.SealedLead{Deal: l.Deal, Campaign: l.Campaign, Owner: l.Owner, By: l.By, Period: l.Since.String()})
	}
	if len(r.Won) > 0 {
		b.Won = make([]book.SealedWon, len(r.Won))
		for i, w := range r.Won {
			b.Won[i] = book.SealedWon{Deal: w.Deal, Date: w.Date.String()}
		}
	}
	for _, o := range r.Overdue {
		if o.Status == book.StatusReceivable {
			b.OverdueOwedToUs = append(b.OverdueOwedToUs, o.Amount.Neg())
		} else {
			b.Overdue = append(b.Overdue, o.Amount)
		}
	}
	return b
}
