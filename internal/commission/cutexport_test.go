package commission

import (
	"testing"

	"github.com/partnerbook/partnerbook/internal/civil"
	"github.com/partnerbook/partnerbook/internal/domain"
)

// sharer: 10% of the deal value when signed, 5% of payments for 12 months, clawed back
// within 90 days.
var sharer = partner("acme", "Acme", domain.Referral, func() *domain.Terms {
	t := from("2026-01-01")
	t.Referral = percentFee("10%", domain.PaySigned)
	t.RevenueShare = share("5%", 12, domain.SettleMonthly)
	t.ClawbackDays = 90
	return t
}())

// octoberLedger is what October issued for deal D1 (won 2026-10-05 for 1,000, first
// paid on 2026-10-06).
func octoberLedger(amounts map[string]string) *domain.Ledger {
	l := domain.NewLedger()
	l.Payouts = []*domain.IssuedPayout{{ID: "PB-2026-10-acme", PartnerID: "acme", Period: civil.NewMonth(2026, 10),
		ShareStarts: []domain.ShareStart{{Deal: "D1", Day: d("2026-10-06")}}}}
	l.Periods[civil.NewMonth(2026, 10)] = true
	for id, a := range amounts {
		l.Issue(id, "PB-2026-10-acme", amt(a))
	}
	l.Compact()
	return l
}

func TestCutExportClawbackCountsTheLedgersClawbacks(t *testing.T) {
	// October: 2,000 paid, 800 refunded: 80 of the 100 fee taken back. November's
	// export holds November only: a 300 refund. Refunded so far, 1,100 of the 1,000
	// deal value: the fee is all taken back, 20 more, never 30 (110 of a 100 fee).
	deals := []*domain.Deal{won("D1", "1000.00", "2026-09-01", "2026-10-05", "Partner: Acme")}
	led := octoberLedger(map[string]string{
		"acme:D1:referral":                        "100.00",
		"acme:D1:revenue-share:2026-10-06":        "100.00",
		"acme:D1:clawback:2026-10-20":             "-80.00",
		"acme:D1:revenue-share-refund:2026-10-20": "-40.00",
	})
	pays := []*domain.Payment{pay("D1", "2026-11-10", "-300.00")}
	res := run{prog: program(t, sharer, func(p *domain.Program) { p.MinimumPayout = amt("0") }), deals: deals, pays: pays, led: led, period: "2026-11"}.compute(t)
	wantAmount(t, "November clawback", line(t, res, "acme:D1:clawback:2026-11-10").Amount, "-20.00")
	wantAmount(t, "November share refund", line(t, res, "acme:D1:revenue-share-refund:2026-11-10").Amount, "-15.00")
	wantAmount(t, "payout", res.PayoutOf("acme").Amount, "-35.00")

	// With the fee all taken back, a further refund takes nothing more.
	led.Issue("acme:D1:clawback:2026-11-10", "PB-2026-11-acme", amt("-20.00"))
	led.Issue("acme:D1:revenue-share-refund:2026-11-10", "PB-2026-11-acme", amt("-15.00"))
	led.Compact()
	pays = []*domain.Payment{pay("D1", "2026-12-01", "-100.00")}
	res = run{prog: program(t, sharer), deals: deals, pays: pays, led: led, period: "2026-12"}.compute(t)
	noLine(t, res, "acme:D1:clawback:2026-12-01")
}

func TestCutExportClawbackCountsCorrectionsAndCarriedClawbacks(t *testing.T) {
	// October's 50 clawback was corrected to 60 in November; a 30 clawback was carried.
	// December's export holds one refund of 200: 100 - 60 - 30 = 10 left of the fee.
	deals := []*domain.Deal{won("D1", "1000.00", "2026-09-01", "2026-10-05", "Partner: Acme")}
	led := octoberLedger(map[string]string{
		"acme:D1:referral":                        "100.00",
		"acme:D1:revenue-share:2026-10-06":        "100.00",
		"acme:D1:clawback:2026-10-20":             "-50.00",
		"acme:D1:clawback:2026-10-20:adj:2026-11": "-10.00",
	})
	led.Carry("acme:D1:clawback:2026-11-02", "PB-2026-11-acme", amt("-30.00"))
	led.Compact()
	pays := []*domain.Payment{pay("D1", "2026-12-01", "-200.00")}
	res := run{prog: program(t, sharer), deals: deals, pays: pays, led: led, period: "2026-12"}.compute(t)
	wantAmount(t, "December clawback", line(t, res, "acme:D1:clawback:2026-12-01").Amount, "-10.00")
}

func TestCutExportRefundOnlyGivesShareRefund(t *testing.T) {
	// October: paid 1,000 on 10-06 (share 50), refunded 300 (clawback 30, share -15).
	// November's export holds only November: a 200 refund, no payment. The window
	// opened on 10-06, as the ledger says: share refund -10, clawback 50 - 30 = 20.
	deals := []*domain.Deal{won("D1", "1000.00", "2026-09-01", "2026-10-05", "Partner: Acme")}
	led := octoberLedger(map[string]string{
		"acme:D1:referral":                        "100.00",
		"acme:D1:revenue-share:2026-10-06":        "50.00",
		"acme:D1:clawback:2026-10-20":             "-30.00",
		"acme:D1:revenue-share-refund:2026-10-20": "-15.00",
	})
	pays := []*domain.Payment{pay("D1", "2026-11-10", "-200.00")}
	res := run{prog: program(t, sharer, func(p *domain.Program) { p.MinimumPayout = amt("0") }), deals: deals, pays: pays, led: led, period: "2026-11"}.compute(t)
	wantAmount(t, "share refund", line(t, res, "acme:D1:revenue-share-refund:2026-11-10").Amount, "-10.00")
	wantAmount(t, "clawback", line(t, res, "acme:D1:clawback:2026-11-10").Amount, "-20.00")
	wantAmount(t, "payout", res.PayoutOf("acme").Amount, "-30.00")
	if res.Problems.HasErrors() {
		t.Errorf("errors: %v", res.Problems.All())
	}
}
