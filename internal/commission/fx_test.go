package commission

import (
	"testing"

	"github.com/partnerbook/partnerbook/internal/civil"
	"github.com/partnerbook/partnerbook/internal/domain"
	"github.com/partnerbook/partnerbook/internal/money"
)

// eur is an amount written in euros, converted at rate in month (as the readers do).
func eur(original, rate, month string) (money.Amount, *domain.Conversion) {
	r, err := money.ParseFXRate(rate)
	if err != nil {
		panic(err)
	}
	m, err := civil.ParseMonth(month)
	if err != nil {
		panic(err)
	}
	a := amt(original)
	return money.Policy{Places: 2, Mode: money.HalfUp}.Round(a.Convert(r)), &domain.Conversion{Original: a, Currency: "EUR", Rate: r, Month: m}
}

// fxPartner: 10% when signed, clawed back within 60 days, 10% of payments for a year.
var fxPartner = partner("acme", "Acme", domain.Referral, func() *domain.Terms {
	t := from("2026-01-01")
	t.Referral = percentFee("10%", domain.PaySigned)
	t.RevenueShare = share("10%", 12, domain.SettleMonthly)
	t.ClawbackDays = 60
	return t
}())

// The refunded share of a deal written in euros is measured in euros: the months'
// rates differ, but €1,000 refunded of a €1,000 deal is all of it.
func TestClawbackMeasuredInTheDealsCurrency(t *testing.T) {
	cases := []struct {
		name     string
		refunds  []string // EUR, each a refund without a charge, at its own date's (October) rate
		usdBack  string   // a refund written in dollars instead, when set
		clawback string
		refund   string // the clawback's Facts: refund, refunded, deal value, currency
	}{
		{name: "full refund takes back the whole fee", refunds: []string{"-1000.00"}, clawback: "-110.00", refund: "1000.00 1000.00 1000.00 EUR"},
		{name: "half refunded takes back half", refunds: []string{"-500.00"}, clawback: "-55.00", refund: "500.00 500.00 1000.00 EUR"},
		// A refund in dollars: the share is measured in the program currency, as converted.
		{name: "refund in another currency", usdBack: "-525.00", clawback: "-52.50", refund: "525.00 525.00 1100.00 "},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			deal := won("E1", "0", "2026-08-01", "2026-08-20", "Partner: Acme")
			deal.Value, deal.FX = eur("1000.00", "1.10", "2026-08")
			charge := pay("E1", "2026-08-25", "0")
			charge.Amount, charge.FX = eur("1000.00", "1.10", "2026-08")
			pays := []*domain.Payment{charge}
			for _, r := range c.refunds {
				p := pay("E1", "2026-10-02", "0")
				p.Amount, p.FX = eur(r, "1.05", "2026-10")
				pays = append(pays, p)
			}
			if c.usdBack != "" {
				pays = append(pays, pay("E1", "2026-10-02", c.usdBack))
			}
			res := run{prog: program(t, fxPartner), deals: []*domain.Deal{deal}, pays: pays, period: "2026-10"}.compute(t)
			wantAmount(t, "referral", line(t, res, "acme:E1:referral").Amount, "110.00")
			l := line(t, res, "acme:E1:clawback:2026-10-02")
			wantAmount(t, "clawback", l.Amount, c.clawback)
			f, ok := l.Facts.(*ClawbackFacts)
			if !ok {
				t.Fatalf("clawback facts %T", l.Facts)
			}
			if got := f.Refund.Fixed(2) + " " + f.Refunded.Fixed(2) + " " + f.DealValue.Fixed(2) + " " + f.Measured; got != c.refund {
				t.Errorf("facts %q, want %q", got, c.refund)
			}
		})
	}
}

// Lines of the same terms share their facts only when they convert nothing: each line
// keeps its own conversions, and the facts of its terms.
func TestSharedFactsKeepEachLinesConversions(t *testing.T) {
	resell := partner("resell", "Resell", domain.Reseller, func() *domain.Terms {
		t := from("2026-01-01")
		t.Wholesale = &domain.WholesaleTerms{Discount: money.MustRate("30%")}
		return t
	}())
	eurDeal := func(id, tag string) *domain.Deal {
		deal := won(id, "0", "2026-08-01", "2026-09-01", tag)
		deal.Value, deal.FX = eur("1000.00", "1.10", "2026-09")
		return deal
	}
	deals := []*domain.Deal{
		won("U1", "1000.00", "2026-08-01", "2026-09-01", "Partner: Acme"),
		eurDeal("E1", "Partner: Acme"),
		won("U2", "2000.00", "2026-08-01", "2026-09-02", "Partner: Acme"),
		eurDeal("W1", "Partner: Resell"),
		won("W2", "1000.00", "2026-08-01", "2026-09-01", "Partner: Resell"),
	}
	euroPay := pay("E1", "2026-09-05", "0")
	euroPay.Amount, euroPay.FX = eur("100.00", "1.10", "2026-09")
	pays := []*domain.Payment{euroPay, pay("E1", "2026-09-06", "50.00"), pay("U1", "2026-09-07", "70.00")}
	res := run{prog: program(t, fxPartner, resell), deals: deals, pays: pays, period: "2026-09"}.compute(t)

	want := map[string]string{ // line: the originals of its conversions
		"acme:U1:referral":                 "",
		"acme:U2:referral":                 "",
		"acme:E1:referral":                 "1000.00 EUR",
		"acme:E1:revenue-share:2026-09-05": "100.00 EUR",
		"acme:E1:revenue-share:2026-09-06": "",
		"acme:U1:revenue-share:2026-09-07": "",
		"resell:W1:wholesale":              "1000.00 EUR",
		"resell:W2:wholesale":              "",
	}
	for id, w := range want {
		l := line(t, res, id)
		got := ""
		for _, c := range l.Conversions() {
			got += c.Original.Fixed(2) + " " + c.Currency
		}
		if got != w {
			t.Errorf("%s converted %q, want %q", id, got, w)
		}
	}
	u1, u2, e1 := line(t, res, "acme:U1:referral").Facts, line(t, res, "acme:U2:referral").Facts, line(t, res, "acme:E1:referral").Facts
	if u1 != u2 || u1 == e1 {
		t.Errorf("fees of one terms: U1 %p, U2 %p share facts; E1 %p has its own", u1, u2, e1)
	}
	if f := e1.(*ReferralFacts); f.PayOn != domain.PaySigned || f.Flat || f.Capped {
		t.Errorf("E1 fee facts %+v", f)
	}
	for _, id := range []string{"acme:E1:revenue-share:2026-09-05", "acme:E1:revenue-share:2026-09-06", "acme:U1:revenue-share:2026-09-07"} {
		f := line(t, res, id).Facts.(*RevenueShareFacts)
		if f.Months != 12 || f.Quarterly {
			t.Errorf("%s facts %+v, want a 12-month window", id, f)
		}
	}
	if w := line(t, res, "acme:E1:revenue-share:2026-09-06").Facts.(*RevenueShareFacts).WindowEnd; w != d("2027-09-04") {
		t.Errorf("E1 window ends %s, want 2027-09-04", w)
	}
	if w := line(t, res, "acme:U1:revenue-share:2026-09-07").Facts.(*RevenueShareFacts).WindowEnd; w != d("2027-09-06") {
		t.Errorf("U1 window ends %s, want 2027-09-06", w)
	}
	if f := line(t, res, "resell:W2:wholesale").Facts.(*WholesaleFacts); f.Discount.Cmp(money.MustRate("30%")) != 0 {
		t.Errorf("W2 discount %s", f.Discount.Percent())
	}
}

// A euro deal paid €1,000 in September at 1.10 (share $55 at 5%) and refunded in full
// in October at 1.20. The share refund was 5% of $1,200, -$60: the full export netted
// the partner's share to -$5 with exit 0, and an export cut to October was refused as
// refunding more than was paid. A refund gives back what the payment it refunds
// brought in, at that payment's rate: -$55 in both, the share nets to 0.
func TestFullRefundAtALaterRateNetsTheShareToZero(t *testing.T) {
	prog := program(t, sharer, func(p *domain.Program) {
		p.MinimumPayout = amt("0")
		p.Rates = domain.Rates{"EUR": {civilMonth(t, "2026-09"): money.MustFXRate("1.10"), civilMonth(t, "2026-10"): money.MustFXRate("1.20")}}
	})
	deal := won("D1", "0", "2026-09-01", "2026-09-05", "Partner: Acme")
	deal.Value, deal.FX = eur("1000.00", "1.10", "2026-09")
	payment := func() *domain.Payment {
		p := pay("D1", "2026-09-06", "0")
		p.Amount, p.FX = eur("1000.00", "1.10", "2026-09")
		return p
	}
	refund := func(original string) *domain.Payment {
		p := pay("D1", "2026-10-20", "0")
		p.Amount, p.FX = eur(original, "1.20", "2026-10")
		return p
	}
	led := domain.NewLedger()
	led.Payouts = []*domain.IssuedPayout{{ID: "PB-2026-09-acme", PartnerID: "acme", Period: civilMonth(t, "2026-09"),
		ShareStarts: []domain.ShareStart{{Deal: "D1", Day: d("2026-09-06")}}}}
	led.Periods[civilMonth(t, "2026-09")] = true
	led.Issue("acme:D1:referral", "PB-2026-09-acme", amt("110.00"))
	led.Issue("acme:D1:revenue-share:2026-09-06", "PB-2026-09-acme", amt("55.00"))
	led.Compact()

	for _, c := range []struct {
		name string
		pays []*domain.Payment
	}{
		{"full export", []*domain.Payment{payment(), refund("-1000.00")}},
		{"export cut to October", []*domain.Payment{refund("-1000.00")}},
	} {
		t.Run(c.name, func(t *testing.T) {
			res := run{prog: prog, deals: []*domain.Deal{deal}, pays: csvPayments(prog, c.pays...), led: led, period: "2026-10"}.compute(t)
			noErrors(t, res)
			l := line(t, res, "acme:D1:revenue-share-refund:2026-10-20")
			wantAmount(t, "share refund", l.Amount, "-55.00")
			wantAmount(t, "its basis", l.Basis, "-1100.00")
			fx := l.Facts.(*RevenueShareFacts).Converted
			if len(fx) != 1 || !fx[0].Original.Equal(amt("-1000.00")) || fx[0].Rate.String() != "1.1" || fx[0].Paid != d("2026-09-06") {
				t.Errorf("conversions %+v: want -€1,000.00 at 1.1, the rate of the payment on 2026-09-06", fx)
			}
			wantAmount(t, "clawback", line(t, res, "acme:D1:clawback:2026-10-20").Amount, "-110.00")
			wantAmount(t, "payout", res.PayoutOf("acme").Amount, "-165.00")
		})
	}

	// Half refunded, then the rest a month later: each half gives back $550 at the
	// September rate, -$27.50 twice.
	res := run{prog: prog, deals: []*domain.Deal{deal}, pays: csvPayments(prog, payment(), refund("-500.00")), led: led, period: "2026-10"}.compute(t)
	noErrors(t, res)
	wantAmount(t, "half's share refund", line(t, res, "acme:D1:revenue-share-refund:2026-10-20").Amount, "-27.50")

	// A refund beyond the payments in euros: what no payment covers is at the refund's
	// own rate. €1,000 paid, €1,000 refunded twice in the cut export (the second of
	// money never paid): the first gives back $1,100, the second $1,200 at 1.20, and
	// the share in all is refused as negative.
	second := refund("-1000.00")
	second.Date = d("2026-10-21")
	res = run{prog: prog, deals: []*domain.Deal{deal}, pays: csvPayments(prog, refund("-1000.00"), second), led: led, period: "2026-10"}.compute(t)
	wantRefused(t, res, `payments.csv row 3 column "Amount"`, "takes the deal's revenue share to -$60.00 in all ($55.00 issued by the ledger on payments this export no longer holds, -$115.00 from this export)")
}
