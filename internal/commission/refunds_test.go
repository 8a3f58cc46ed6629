package commission

import (
	"strings"
	"testing"

	"github.com/partnerbook/partnerbook/internal/diag"
	"github.com/partnerbook/partnerbook/internal/domain"
	"github.com/partnerbook/partnerbook/internal/money"
)

// csvPayments reads the payments as rows 2, 3, … of payments.csv, amounts in "Amount".
func csvPayments(p *domain.Program, pays ...*domain.Payment) []*domain.Payment {
	p.Payments.File = "payments.csv"
	p.Payments.Preset = "generic"
	p.Payments.Columns = map[string]string{"deal": "Deal ID", "date": "Date", "amount": "Amount"}
	sheet := domain.Sheet(diag.Pos{File: "payments.csv"})
	for i, x := range pays {
		x.At = domain.PlaceIn(sheet, i+2)
	}
	return pays
}

// wantRefused wants exactly one error, at pos, whose message holds every part.
func wantRefused(t *testing.T, res *Result, pos string, parts ...string) {
	t.Helper()
	var errs []diag.Problem
	for _, p := range res.Problems.All() {
		if p.Severity == diag.Error {
			errs = append(errs, p)
		}
	}
	if len(errs) != 1 {
		t.Fatalf("errors %v, want one", errs)
	}
	if got := errs[0].Pos.String(); got != pos {
		t.Errorf("error at %q, want %q", got, pos)
	}
	for _, s := range parts {
		if !strings.Contains(errs[0].Msg, s) {
			t.Errorf("error %q does not say %q", errs[0].Msg, s)
		}
	}
}

func noErrors(t *testing.T, res *Result) {
	t.Helper()
	if res.Problems.HasErrors() {
		t.Fatalf("errors: %v", res.Problems.All())
	}
}

func TestRefundLargerThanPaymentsIsRefused(t *testing.T) {
	// 1,000 paid, 1,500 refunded: the share refund (-75) would take back more than the
	// share paid (50), and the partner would owe money for a client it brought.
	prog := program(t, sharer)
	pays := csvPayments(prog, pay("D1", "2026-10-06", "1000.00"), pay("D1", "2026-10-07", "-1500.00"))
	deals := []*domain.Deal{won("D1", "1000.00", "2026-09-01", "2026-10-05", "Partner: Acme")}
	res := run{prog: prog, deals: deals, pays: pays, period: "2026-10"}.compute(t)
	wantRefused(t, res, `payments.csv row 3 column "Amount"`, `deal "D1"`, "$1,500.00", "$1,000.00", "2026-10-07")
}

func TestRefundBeforeFirstPaymentIsRefused(t *testing.T) {
	// A 200 refund dated the day before the 1,000 payment: outside the window that
	// payment opens, its share refund (-10) would be dropped silently.
	prog := program(t, sharer)
	pays := csvPayments(prog, pay("D1", "2026-10-05", "-200.00"), pay("D1", "2026-10-06", "1000.00"))
	deals := []*domain.Deal{won("D1", "1000.00", "2026-09-01", "2026-10-05", "Partner: Acme")}
	res := run{prog: prog, deals: deals, pays: pays, period: "2026-10"}.compute(t)
	wantRefused(t, res, `payments.csv row 2 column "Amount"`, `deal "D1"`, "before any payment", "first payment: 2026-10-06")
}

func TestRefundsUpToThePaymentsAreTaken(t *testing.T) {
	// Refunds equal to the payments (in three parts, with a payment and its refund on
	// one day) are no error: share 1.53 + 0.50, refunds -1.52 and -0.51 (half-up).
	prog := program(t, sharer, func(p *domain.Program) { p.MinimumPayout = amt("0") })
	pays := csvPayments(prog,
		pay("D1", "2026-10-06", "30.30"),
		pay("D1", "2026-10-07", "-10.10"), pay("D1", "2026-10-07", "10.00"), pay("D1", "2026-10-07", "-10.00"),
		pay("D1", "2026-10-08", "-20.20"))
	deals := []*domain.Deal{won("D1", "1000.00", "2026-09-01", "2026-10-05", "Partner: Acme")}
	res := run{prog: prog, deals: deals, pays: pays, period: "2026-10"}.compute(t)
	noErrors(t, res)
	wantAmount(t, "share refund", line(t, res, "acme:D1:revenue-share-refund:2026-10-08").Amount, "-1.01")
}

func TestFullRefundAtALaterRateIsTaken(t *testing.T) {
	// €1,000 paid at 1.10, all refunded at 1.12: nothing more than was paid. The refund
	// gives back what the payment brought in, $1,100 at its rate: the share refund is
	// the 55 share paid, not 5% of $1,120.
	prog := program(t, sharer, func(p *domain.Program) { p.MinimumPayout = amt("0") })
	paid, back := pay("D1", "2026-10-06", "1100.00"), pay("D1", "2026-11-02", "-1120.00")
	paid.FX = &domain.Conversion{Original: amt("1000.00"), Currency: "EUR", Rate: money.MustFXRate("1.10")}
	back.FX = &domain.Conversion{Original: amt("-1000.00"), Currency: "EUR", Rate: money.MustFXRate("1.12")}
	deals := []*domain.Deal{won("D1", "1000.00", "2026-09-01", "2026-10-05", "Partner: Acme")}
	res := run{prog: prog, deals: deals, pays: csvPayments(prog, paid, back), period: "2026-11"}.compute(t)
	noErrors(t, res)
	wantAmount(t, "share refund", line(t, res, "acme:D1:revenue-share-refund:2026-11-02").Amount, "-55.00")
}

func TestCutExportRefundLargerThanPaymentsIsRefused(t *testing.T) {
	// October paid 1,000 (share 50) and refunded 800 (share -40); November's export
	// holds only a 300 refund: 1,100 refunded of 1,000 paid, the share -5 in all.
	prog := program(t, sharer)
	led := octoberLedger(map[string]string{
		"acme:D1:referral":                        "100.00",
		"acme:D1:revenue-share:2026-10-06":        "50.00",
		"acme:D1:clawback:2026-10-20":             "-80.00",
		"acme:D1:revenue-share-refund:2026-10-20": "-40.00",
	})
	pays := csvPayments(prog, pay("D1", "2026-11-10", "-300.00"))
	deals := []*domain.Deal{won("D1", "1000.00", "2026-09-01", "2026-10-05", "Partner: Acme")}
	res := run{prog: prog, deals: deals, pays: pays, led: led, period: "2026-11"}.compute(t)
	wantRefused(t, res, `payments.csv row 2 column "Amount"`, `deal "D1"`, "-$5.00", "$10.00 issued by the ledger", "-$15.00 from this export")

	// A 200 refund leaves 50 - 40 - 10 = 0: taken.
	pays = csvPayments(prog, pay("D1", "2026-11-10", "-200.00"))
	res = run{prog: prog, deals: deals, pays: pays, led: led, period: "2026-11"}.compute(t)
	noErrors(t, res)
	wantAmount(t, "share refund", line(t, res, "acme:D1:revenue-share-refund:2026-11-10").Amount, "-10.00")
}

// referrer: 10% of the deal value when signed, clawed back within 90 days; no revenue
// share.
var referrer = partner("gamma", "Gamma", domain.Referral, func() *domain.Terms {
	t := from("2026-01-01")
	t.Referral = percentFee("10%", domain.PaySigned)
	t.ClawbackDays = 90
	return t
}())

func TestCutExportRefundOfAReferralOnlyDealIsTaken(t *testing.T) {
	// September: D3 paid 1,000, its 100 referral fee issued. October's export, cut to
	// October, holds only a 500 refund. It was refused as "dated before any payment of
	// the deal": the ledger's fee says the deal was in an earlier run. Without a revenue
	// share the refund moves only the clawback: half the fee, 50.
	prog := program(t, referrer, func(p *domain.Program) { p.MinimumPayout = amt("0") })
	led := domain.NewLedger()
	led.Payouts = []*domain.IssuedPayout{{ID: "PB-2026-09-gamma", PartnerID: "gamma", Period: civilMonth(t, "2026-09")}}
	led.Periods[civilMonth(t, "2026-09")] = true
	led.Issue("gamma:D3:referral", "PB-2026-09-gamma", amt("100.00"))
	led.Compact()
	deals := []*domain.Deal{won("D3", "1000.00", "2026-09-01", "2026-09-05", "Partner: Gamma")}
	pays := csvPayments(prog, pay("D3", "2026-10-10", "-500.00"))
	res := run{prog: prog, deals: deals, pays: pays, led: led, period: "2026-10"}.compute(t)
	noErrors(t, res)
	wantAmount(t, "clawback", line(t, res, "gamma:D3:clawback:2026-10-10").Amount, "-50.00")
	wantAmount(t, "payout", res.PayoutOf("gamma").Amount, "-50.00")

	// Refunds past the deal value take back the fee once, never more: 1,500 refunded
	// of a 1,000 deal takes back 100.
	pays = csvPayments(prog, pay("D3", "2026-10-10", "-1500.00"))
	res = run{prog: prog, deals: deals, pays: pays, led: led, period: "2026-10"}.compute(t)
	noErrors(t, res)
	wantAmount(t, "clawback", line(t, res, "gamma:D3:clawback:2026-10-10").Amount, "-100.00")

	// The same refund of a deal the ledger has no line of: the export holds the deal's
	// whole history, and the refund is before any payment of it.
	res = run{prog: prog, deals: deals, pays: pays, period: "2026-10"}.compute(t)
	wantRefused(t, res, `payments.csv row 2 column "Amount"`, `deal "D3" of partner "gamma"`, "before any payment of the deal (first payment: none in the export)")
}

func TestRefundBeforeTheShareWindowOfADealInTheLedgerIsRefused(t *testing.T) {
	// September issued D1's referral fee (signed), no payment yet. October's export holds
	// a 200 refund on 10-05 and the 1,000 payment on 10-06: the ledger's fee lets the
	// export be cut, but no payment opens the window before 10-06, and the refund's
	// share refund (-10) would be dropped.
	prog := program(t, sharer)
	led := domain.NewLedger()
	led.Payouts = []*domain.IssuedPayout{{ID: "PB-2026-09-acme", PartnerID: "acme", Period: civilMonth(t, "2026-09")}}
	led.Periods[civilMonth(t, "2026-09")] = true
	led.Issue("acme:D1:referral", "PB-2026-09-acme", amt("100.00"))
	led.Compact()
	deals := []*domain.Deal{won("D1", "1000.00", "2026-09-01", "2026-09-05", "Partner: Acme")}
	pays := csvPayments(prog, pay("D1", "2026-10-05", "-200.00"), pay("D1", "2026-10-06", "1000.00"))
	res := run{prog: prog, deals: deals, pays: pays, led: led, period: "2026-10"}.compute(t)
	wantRefused(t, res, `payments.csv row 2 column "Amount"`, `deal "D1" of partner "acme": the refund of $200.00 on 2026-10-05 is dated before any payment of the deal (first payment: 2026-10-06)`)
}
