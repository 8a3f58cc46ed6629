package domain

import (
	"fmt"
	"strings"

	"github.com/partnerbook/partnerbook/internal/book"
	"github.com/partnerbook/partnerbook/internal/money"
)

// OpenPayouts are what a ledger's payouts still owe or are owed: the carried forward
// payouts of its latest month (their lines come back as the partners' next Opening) and
// the Due and Receivable payouts of any month with no paid date (not paid, or not
// collected). A ledger that is closed for good (a new currency, a new ledger) leaves
// these to be settled outside it.
func OpenPayouts(ps []*IssuedPayout) (carried, unpaid []*IssuedPayout) {
	var latest *IssuedPayout
	for _, p := range ps {
		if latest == nil || p.Period.Compare(latest.Period) > 0 {
			latest = p
		}
	}
	for _, p := range ps {
		switch {
		case p.Status == book.StatusCarried:
			if p.Period == latest.Period && !p.Amount.IsZero() {
				carried = append(carried, p)
			}
		case p.Status == book.StatusPaid || !p.Paid.IsZero() || p.Amount.IsZero():
		default:
			unpaid = append(unpaid, p)
		}
	}
	return carried, unpaid
}

// DescribePayouts lists payouts for a message: partner, amount, status and month
// ("beta USD 50.00 carried forward in 2026-01 (PB-2026-01-beta)"), at most max of them, then how many more.
func DescribePayouts(ps []*IssuedPayout, max int) string {
	var parts []string
	for i, p := range ps {
		if i == max {
			parts = append(parts, fmt.Sprintf("and %d more", len(ps)-max))
			break
		}
		status := strings.ToLower(string(p.Status))
		if p.Status == book.StatusReceivable {
			status = "receivable (owed to us)"
		}
		amount := p.Amount.String()
		if places, err := money.CurrencyPlaces(strings.TrimSpace(p.Currency)); err == nil {
			amount = strings.TrimSpace(p.Currency) + " " + p.Amount.Fixed(places)
		}
		parts = append(parts, fmt.Sprintf("%s %s %s in %s (%s)", p.PartnerID, amount, status, p.Period, p.ID))
	}
	return strings.Join(parts, ", ")
}
