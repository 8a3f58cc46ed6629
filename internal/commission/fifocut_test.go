package commission

import (
	"testing"

	"github.com/partnerbook/partnerbook/internal/domain"
	"github.com/partnerbook/partnerbook/internal/money"
)

// shareOnly: 10% of payments for 12 months, nothing else.
var shareOnly = partner("acme", "Acme", domain.Referral, func() *domain.Terms {
	t := from("2026-01-01")
	t.RevenueShare = share("10%", 12, domain.SettleMonthly)
	return t
}())

// euroShareProgram is a USD program with EUR rates 1.10 to 1.40 from August to November.
func euroShareProgram(t *testing.T) *domain.Program {
	return program(t, shareOnly, func(p *domain.Program) {
		p.MinimumPayout = amt("0")
		p.Rates = domain.Rates{"EUR": {}}
		for m, r := range map[string]string{"2026-08": "1.10", "2026-09": "1.20", "2026-10": "1.30", "2026-11": "1.40"} {
			p.Rates["EUR"][civilMonth(t, m)] = money.MustFXRate(r)
		}
	})
}

// euroPayment is a row of amount euros on date, at the program's rate of its month.
func euroPayment(t *testing.T, prog *domain.Program, deal, date, amount string) *domain.Payment {
	p := pay(deal, date, "0")
	rate, _ := prog.Rates.Rate("EUR", civilMonth(t, date[:7]))
	p.Amount, p.FX = eur(amount, rate.String(), date[:7])
	return p
}

// A euro deal paid €1,000 on 08-05 at 1.10 ($110 share) and €1,000 on 09-05 at 1.20
// ($120), with €1,000 refunded on 09-20 (the August payment, -$110). An export cut to
// October holds only October's €500 refund: it refunds half of the September payment,
// -$60, not the August one the ledger's September refund already gave back (-$55).
// November's €500 refund is the rest of it, -$60 again: the share nets to zero, as
// with the full export.
func TestCutExportRefundSkipsPaymentsTheLedgerAlreadyRefunded(t *testing.T) {
	prog := euroShareProgram(t)
	deal := won("D1", "0", "2026-08-01", "2026-08-01", "Partner: Acme")
	deal.Value, deal.FX = eur("2000.00", "1.10", "2026-08")
	led := domain.NewLedger()
	led.Payouts = []*domain.IssuedPayout{
		{ID: "PB-2026-08-acme", PartnerID: "acme", Period: civilMonth(t, "2026-08"), ShareStarts: []domain.ShareStart{{Deal: "D1", Day: d("2026-08-05")}}},
		{ID: "PB-2026-09-acme", PartnerID: "acme", Period: civilMonth(t, "2026-09"), ShareStarts: []domain.ShareStart{{Deal: "D1", Day: d("2026-09-05")}}},
	}
	led.Periods[civilMonth(t, "2026-08")], led.Periods[civilMonth(t, "2026-09")] = true, true
	led.Issue("acme:D1:revenue-share:2026-08-05", "PB-2026-08-acme", amt("110.00"))
	led.Issue("acme:D1:revenue-share:2026-09-05", "PB-2026-09-acme", amt("120.00"))
	led.Issue("acme:D1:revenue-share-refund:2026-09-20", "PB-2026-09-acme", amt("-110.00"))
	led.Compact()

	for _, c := range []struct {
		name string
		pays func() []*domain.Payment
	}{
		{"export cut to October", func() []*domain.Payment {
			return []*domain.Payment{euroPayment(t, prog, "D1", "2026-10-10", "-500.00")}
		}},
		{"full export", func() []*domain.Payment {
			return []*domain.Payment{euroPayment(t, prog, "D1", "2026-08-05", "1000.00"), euroPayment(t, prog, "D1", "2026-09-05", "1000.00"),
				euroPayment(t, prog, "D1", "2026-09-20", "-1000.00"), euroPayment(t, prog, "D1", "2026-10-10", "-500.00")}
		}},
	} {
		t.Run(c.name, func(t *testing.T) {
			res := run{prog: prog, deals: []*domain.Deal{deal}, pays: csvPayments(prog, c.pays()...), led: led, period: "2026-10"}.compute(t)
			noErrors(t, res)
			l := line(t, res, "acme:D1:revenue-share-refund:2026-10-10")
			wantAmount(t, "October share refund", l.Amount, "-60.00")
			wantAmount(t, "its basis", l.Basis, "-600.00")
			fx := l.Facts.(*RevenueShareFacts).Converted
			if len(fx) != 1 || !fx[0].Original.Equal(amt("-500.00")) || fx[0].Rate.String() != "1.2" || fx[0].Paid != d("2026-09-05") {
				t.Errorf("conversions %+v: want -€500.00 at 1.2, the rate of the payment on 2026-09-05", fx)
			}
		})
	}

	led.Payouts = append(led.Payouts, &domain.IssuedPayout{ID: "PB-2026-10-acme", PartnerID: "acme", Period: civilMonth(t, "2026-10")})
	led.Periods[civilMonth(t, "2026-10")] = true
	led.Issue("acme:D1:revenue-share-refund:2026-10-10", "PB-2026-10-acme", amt("-60.00"))
	led.Compact()
	res := run{prog: prog, deals: []*domain.Deal{deal}, pays: csvPayments(prog, euroPayment(t, prog, "D1", "2026-11-10", "-500.00")), led: led, period: "2026-11"}.compute(t)
	noErrors(t, res)
	wantAmount(t, "November share refund", line(t, res, "acme:D1:revenue-share-refund:2026-11-10").Amount, "-60.00")
}

// The ledger's revenue share of a payment this cut export no longer holds, when the
// ledger cannot say the payment's date and currency: keyed by a payment id (its date
// is not in its ID), or of a deal written in the program currency (the payment's
// currency is not recorded). October's €1,000 refund, at 1.00, gave back $100 at its
// own rate: -$10 share with exit 0 on the $110 paid in August at 1.10. It is refused,
// naming the refund's row and the ledger's line, as what it gives back cannot be known.
func TestCutExportRefundOfPaymentsOfUnknownRateIsRefused(t *testing.T) {
	type cut struct {
		name, line, rate string
		euroDeal         bool
	}
	var cases []cut
	for _, rate := range []string{"1.00", "1.30"} { // down: -$10 share kept; up: refused as -$20
		cases = append(cases, cut{"payment ids at " + rate, "acme:D1:revenue-share:pay:P1", rate, true},
			cut{"deal in the program currency at " + rate, "acme:D1:revenue-share:2026-08-05", rate, false})
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			prog := euroShareProgram(t)
			prog.Rates["EUR"][civilMonth(t, "2026-10")] = money.MustFXRate(c.rate)
			deal := won("D1", "1100.00", "2026-08-01", "2026-08-01", "Partner: Acme")
			if c.euroDeal {
				deal.Value, deal.FX = eur("1000.00", "1.10", "2026-08")
			}
			led := domain.NewLedger()
			led.Payouts = []*domain.IssuedPayout{{ID: "PB-2026-08-acme", PartnerID: "acme", Period: civilMonth(t, "2026-08"),
				ShareStarts: []domain.ShareStart{{Deal: "D1", Day: d("2026-08-05")}}}}
			led.Periods[civilMonth(t, "2026-08")] = true
			led.Issue(c.line, "PB-2026-08-acme", amt("110.00"))
			led.Compact()
			refund := euroPayment(t, prog, "D1", "2026-10-10", "-1000.00")
			if c.euroDeal {
				refund.ID = "R1"
			}
			res := run{prog: prog, deals: []*domain.Deal{deal}, pays: csvPayments(prog, refund), led: led, period: "2026-10"}.compute(t)
			wantRefused(t, res, `payments.csv row 2 column "Amount"`, `deal "D1" of partner "acme": the refund of €1,000.00 on 2026-10-10 gives back payments this export no longer holds`, c.line)
		})
	}
}
