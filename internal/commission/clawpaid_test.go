package commission

import (
	"testing"

	"github.com/partnerbook/partnerbook/internal/diag"
	"github.com/partnerbook/partnerbook/internal/domain"
)

// flatProgram pays acme a flat 500.00 when signed, clawed back within 90 days.
func flatProgram(t *testing.T) *domain.Program {
	terms := from("2026-01-01")
	fee := amt("500.00")
	terms.Referral = &domain.ReferralTerms{Flat: &fee, PayOn: domain.PaySigned}
	terms.ClawbackDays = 90
	prog := program(t, partner("acme", "Acme", domain.Referral, terms))
	prog.Deals.Columns = map[string]string{"value": "value"}
	return prog
}

// blankDeal is won deal D1 with no value, at row 2 of deals.csv.
func blankDeal() *domain.Deal {
	x := won("D1", "0", "2026-10-01", "2026-10-01", "Partner: Acme")
	x.At = domain.PlaceIn(domain.Sheet(diag.Pos{File: "deals.csv"}), 2)
	return x
}

// TestClawbackOfDealWithoutValueMeasuresPayments: a flat fee's deal has no value in the
// CRM. A refund of 100.00 of 10,000.00 paid took back the whole fee (refunded / 0 was
// counted as all of it); it takes back 1%.
func TestClawbackOfDealWithoutValueMeasuresPayments(t *testing.T) {
	prog := flatProgram(t)
	pays := csvPayments(prog, pay("D1", "2026-10-02", "10000.00"), pay("D1", "2026-10-20", "-100.00"),
		pay("D1", "2026-10-25", "5000.00"), pay("D1", "2026-10-26", "-7500.00"))
	res := run{prog: prog, deals: []*domain.Deal{blankDeal()}, pays: pays, period: "2026-10"}.compute(t)
	noErrors(t, res)
	wantAmount(t, "fee", line(t, res, "acme:D1:referral").Amount, "500.00")
	l := line(t, res, "acme:D1:clawback:2026-10-20")
	wantAmount(t, "first clawback", l.Amount, "-5.00")
	f := l.Facts.(*ClawbackFacts)
	if !f.Paid {
		t.Errorf("facts %+v, want measured against payments", f)
	}
	wantAmount(t, "measured against", f.DealValue, "10000.00")
	// 7,600 refunded of 15,000 paid by 2026-10-26: 500 × 7,600 / 15,000 = 253.33, less the 5.00 taken.
	wantAmount(t, "second clawback", line(t, res, "acme:D1:clawback:2026-10-26").Amount, "-248.33")
}

// TestClawbackOfDealWithoutValueOrPaymentsIsRefused: with neither a value nor payments
// (a Stripe export cut after the charge), the share refunded cannot be told.
func TestClawbackOfDealWithoutValueOrPaymentsIsRefused(t *testing.T) {
	prog := flatProgram(t)
	pays := csvPayments(prog, pay("D1", "2026-10-20", "-100.00"))
	prog.Payments.Preset = "stripe"
	res := run{prog: prog, deals: []*domain.Deal{blankDeal()}, pays: pays, period: "2026-10"}.compute(t)
	wantRefused(t, res, `deals.csv row 2 column "value"`, `won deal "D1" has no value and no payments`, "$100.00", "2026-10-20")
	noLine(t, res, "acme:D1:clawback:2026-10-20")
}
