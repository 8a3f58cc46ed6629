package terms

import (
	"strings"
	"testing"

	"github.com/partnerbook/partnerbook/internal/civil"
)

const usdBase = `[program]
name = "Test Co"
currency = "USD"

[input.deals]
file = "deals.xlsx"
preset = "pipedrive"
[input.payments]
file = "payments.xlsx"
`

func TestFXRatesReachTheReaders(t *testing.T) {
	p, probs := parse(t, usdBase+`
[fx.EUR]                 # 1 EUR = rate USD
"2026-10" = "1.0725"
"2026-11" = "1.0810"
[fx.JPY]
"2026-10" = "0.0067"
`)
	if probs.HasErrors() {
		t.Fatal(probs.All())
	}
	for _, c := range []struct {
		code, month, want string
	}{
		{"EUR", "2026-10", "1.0725"},
		{"EUR", "2026-11", "1.081"},
		{"JPY", "2026-10", "0.0067"},
	} {
		m, _ := civil.ParseMonth(c.month)
		r, ok := p.Deals.Money.Rates.Rate(c.code, m)
		if !ok || r.String() != c.want {
			t.Errorf("deals rate %s %s = %s, %v; want %s", c.code, c.month, r, ok, c.want)
		}
		if r2, _ := p.Payments.Money.Rates.Rate(c.code, m); !r2.Equal(r) {
			t.Errorf("payments rate %s %s = %s, want %s", c.code, c.month, r2, r)
		}
	}
	if _, ok := p.Rates.Rate("EUR", civil.NewMonth(2026, 12)); ok {
		t.Errorf("a month the file does not state has a rate")
	}
	if p.Deals.Money.Currency != "USD" || p.Deals.Money.Policy.Places != 2 || p.Deals.Money.Source != "p.toml" {
		t.Errorf("deals money: %+v", p.Deals.Money)
	}
	if p.Deals.Columns["currency"] != "Deal - Currency" {
		t.Errorf("pipedrive currency column = %q", p.Deals.Columns["currency"])
	}
}

func TestFXErrors(t *testing.T) {
	for _, c := range []struct {
		name, fx, want string
	}{
		{"not ISO 4217", "[fx.XYZ]\n\"2026-10\" = \"1.1\"\n", `p.toml:10:1: [fx.XYZ]: "XYZ" is not an ISO 4217 currency code`},
		{"lower case", "[fx.eur]\n\"2026-10\" = \"1.1\"\n", `p.toml:10:1: [fx.eur]: "eur" is not an ISO 4217 currency code (write it in capitals: [fx.EUR])`},
		{"program currency", "[fx.USD]\n\"2026-10\" = \"1\"\n", `p.toml:10:1: [fx.USD]: USD is the program currency, which needs no rate`},
		{"not a month", "[fx.EUR]\n\"2026-10-03\" = \"1.1\"\n", `p.toml:11:1: [fx.EUR] key "2026-10-03" must be a month like "2026-10"`},
		{"a TOML number", "[fx.EUR]\n\"2026-10\" = 1.0725\n", `p.toml:11:1: [fx.EUR] "2026-10" must be a quoted rate like "1.0725" (a TOML number can lose digits), not a decimal number`},
		{"a percentage", "[fx.EUR]\n\"2026-10\" = \"107%\"\n", `p.toml:11:1: [fx.EUR] "2026-10": "107%" is not an exchange rate (write it like "1.0725")`},
		{"zero", "[fx.EUR]\n\"2026-10\" = \"0\"\n", `p.toml:11:1: [fx.EUR] "2026-10": "0" is not an exchange rate: it must be above zero`},
		{"not a table", "[fx]\nEUR = \"1.07\"\n", `p.toml:11:1: "EUR" must be a table, not a string`},
	} {
		_, probs := parse(t, usdBase+c.fx)
		got := probs.All()
		found := false
		for _, p := range got {
			found = found || p.String() == c.want
		}
		if !found {
			t.Errorf("%s: want %q, got %v", c.name, c.want, got)
		}
	}
}

func TestProgramCurrencyMustBeISO4217(t *testing.T) {
	_, probs := parse(t, strings.Replace(usdBase, `"USD"`, `"XYZ"`, 1))
	want := `p.toml:3:1: "XYZ" is not an ISO 4217 code of a currency in use`
	if all := probs.All(); len(all) != 1 || all[0].String() != want {
		t.Errorf("got %v, want %q", all, want)
	}
}

func TestPaymentPresets(t *testing.T) {
	p, probs := parse(t, usdBase+`preset = "stripe"
[input.payments.columns]
deal = "deal_id (metadata)"
`)
	if probs.HasErrors() {
		t.Fatal(probs.All())
	}
	want := map[string]string{"id": "id", "deal": "deal_id (metadata)", "client": "Customer Description", "date": "Created date (UTC)",
		"amount": "Amount", "currency": "Currency", "status": "Status", "captured": "Captured",
		"amount_refunded": "Amount Refunded", "refunded_date": "Refunded date (UTC)",
		"disputed_amount": "Disputed Amount", "dispute_status": "Dispute Status", "dispute_date": "Dispute Date (UTC)"}
	for k, h := range want {
		if p.Payments.Columns[k] != h {
			t.Errorf("stripe column %s = %q, want %q", k, p.Payments.Columns[k], h)
		}
	}
	if p.Payments.Preset != "stripe" || !p.Payments.Explicit["deal"] || p.Payments.Explicit["date"] {
		t.Errorf("preset %q explicit %v", p.Payments.Preset, p.Payments.Explicit)
	}

	_, probs = parse(t, usdBase+"preset = \"paypal\"\n")
	if all := probs.All(); len(all) != 1 || all[0].String() != `p.toml:10:1: unknown payments preset "paypal": use one of generic, stripe` {
		t.Errorf("unknown preset: %v", all)
	}
	// The Stripe columns are no keys of a generic payments file.
	_, probs = parse(t, usdBase+"[input.payments.columns]\ncaptured = \"Captured\"\n")
	if all := probs.All(); len(all) != 1 || !strings.Contains(all[0].String(), `unknown key "captured" in [input.payments.columns]`) {
		t.Errorf("stripe key in a generic file: %v", all)
	}
}
