package report

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/partnerbook/partnerbook/internal/civil"
	"github.com/partnerbook/partnerbook/internal/commission"
	"github.com/partnerbook/partnerbook/internal/diag"
	"github.com/partnerbook/partnerbook/internal/domain"
	"github.com/partnerbook/partnerbook/internal/money"
	"github.com/partnerbook/partnerbook/internal/terms"
)

const fxProgram = `
[program]
name = "Test Co"
currency = "USD"
[input.deals]
file = "deals.xlsx"
[input.payments]
file = "payments.xlsx"
[[partner]]
id = "acme"
name = "Acme"
type = "referral"
  [[partner.terms]]
  from = 2026-01-01
  referral = { percent = "10%" }
  revenue_share = { percent = "10%", months = 0 }
  clawback_days = 90
[[partner]]
id = "flat"
name = "Flat Co"
type = "referral"
  [[partner.terms]]
  from = 2026-01-01
  referral = { flat = "500.00" }
[[partner]]
id = "resell"
name = "Resell"
type = "reseller"
  [[partner.terms]]
  from = 2026-01-01
  wholesale = { discount = "30%" }
`

// converted is an amount the export wrote in cur, as a reader leaves it: the program
// amount plus the conversion it came from.
func converted(program, original, cur, rate, month string) (money.Amount, *domain.Conversion) {
	m, _ := civil.ParseMonth(month)
	return money.MustAmount(program), &domain.Conversion{Original: money.MustAmount(original), Currency: cur, Rate: money.MustFXRate(rate), Month: m}
}

// Every line derived from a converted deal or payment shows what the export wrote,
// in its currency, and the rate; lines that do not derive from it do not.
func TestDescribeShowsConversions(t *testing.T) {
	dir := t.TempDir()
	for _, f := range []string{"deals.xlsx", "payments.xlsx"} {
		os.WriteFile(filepath.Join(dir, f), nil, 0o644)
	}
	var probs diag.List
	prog := terms.Parse("p.toml", dir, fxProgram, &probs)
	if probs.HasErrors() {
		t.Fatal(probs.Errors())
	}
	a1 := deal("A1", "won", "Won", "", "2026-09-01", "2026-10-05", "Partner: Acme")
	a1.Value, a1.FX = converted("10725.00", "10000.00", "EUR", "1.0725", "2026-10")
	f1 := deal("F1", "won", "Won", "", "2026-09-01", "2026-10-05", "Partner: Flat Co")
	f1.Value, f1.FX = converted("1072.50", "1000.00", "EUR", "1.0725", "2026-10")
	r1 := deal("R1", "won", "Won", "", "2026-09-01", "2026-10-05", "Partner: Resell")
	r1.Value, r1.FX = converted("1500000", "10000000", "JPY", "0.15", "2026-10")
	p1 := pay("A1", "2026-10-10", "0")
	p1.Amount, p1.FX = converted("1072.50", "1000.00", "EUR", "1.0725", "2026-10")
	p2 := pay("A1", "2026-10-10", "200.00") // in USD: no conversion to show
	p3 := pay("A1", "2026-10-20", "0")
	p3.Amount, p3.FX = converted("-214.50", "-200.00", "EUR", "1.0725", "2026-10")
	m, _ := civil.ParseMonth("2026-10")
	res := commission.Compute(commission.Input{Program: prog, Deals: []*domain.Deal{a1, f1, r1}, Payments: []*domain.Payment{p1, p2, p3}, Period: m, AsOf: m.Last()})
	if res.Problems.HasErrors() {
		t.Fatal(res.Problems.All())
	}
	want := map[string]string{
		"acme:A1:referral":                        "1072.50 | 10% of deal value $10,725.00; payable when signed; converted from €10,000.00 at 1 EUR = 1.0725 USD (2026-10 rate)",
		"acme:A1:revenue-share:2026-10-10":        "127.25 | 10% of the payment of $1,272.50 on 2026-10-10, for the life of the client; converted from €1,000.00 at 1 EUR = 1.0725 USD (2026-10 rate)",
		"acme:A1:revenue-share-refund:2026-10-20": "-21.45 | 10% of the refund of -$214.50 on 2026-10-20, for the life of the client; converted from -€200.00 at 1 EUR = 1.0725 USD (2026-10 rate of the payment on 2026-10-10 it refunds)",
		"acme:A1:clawback:2026-10-20":             "-21.45 | refund of €200.00 on 2026-10-20 (refunds €200.00 of deal value €10,000.00) within 90 days of winning: fee taken back in proportion; converted from €10,000.00 at 1 EUR = 1.0725 USD (2026-10 rate) and -€200.00 at 1 EUR = 1.0725 USD (2026-10 rate)",
		"flat:F1:referral":                        "500.00 | flat referral fee; payable when signed",
		"resell:R1:wholesale":                     "-1050000.00 | 70% of deal value $1,500,000.00 (the price after the partner's 30% discount), owed by the partner; converted from ¥10,000,000 at 1 JPY = 0.15 USD (2026-10 rate)",
	}
	seen := 0
	for _, l := range res.Lines {
		_, desc := Describe(l, prog.Policy, prog.Currency)
		got := l.Amount.Fixed(2) + " | " + desc
		w, ok := want[l.ID]
		if !ok {
			t.Errorf("unexpected line %s: %s", l.ID, got)
			continue
		}
		seen++
		if got != w {
			t.Errorf("%s:\n got %s\nwant %s", l.ID, got, w)
		}
	}
	if seen != len(want) {
		t.Errorf("saw %d of %d lines", seen, len(want))
	}
	// A correction of an issued converted line still says where its amount came from.
	led := domain.NewLedger()
	led.Issue("acme:A1:referral", "PB-2026-09-acme", money.MustAmount("1000.00"))
	res = commission.Compute(commission.Input{Program: prog, Deals: []*domain.Deal{a1}, Ledger: led, Period: m, AsOf: m.Last()})
	for _, l := range res.Lines {
		if _, ok := l.Facts.(*commission.CorrectionFacts); !ok {
			continue
		}
		_, desc := Describe(l, prog.Policy, prog.Currency)
		if w := "correction of acme:A1:referral: issued at $1,000.00, the inputs now give $1,072.50; converted from €10,000.00 at 1 EUR = 1.0725 USD (2026-10 rate)"; desc != w || l.Amount.Fixed(2) != "72.50" {
			t.Errorf("correction %s: %s", l.Amount.Fixed(2), desc)
		}
		return
	}
	t.Errorf("no correction line: %v", strings.Join(func() []string {
		var ids []string
		for _, l := range res.Lines {
			ids = append(ids, l.ID)
		}
		return ids
	}(), ", "))
}
