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
			f := l.Facts
			if got := f.Refund.Fixed(2) + " " + f.Refunded.Fixed(2) + " " + f.DealValue.Fixed(2) + " " + f.Measured; got != c.refund {
				t.Errorf("facts %q, want %q", got, c.refund)
			}
		})
	}
}
