package terms

import (
	"strings"
	"testing"
)

// The program's currency must be an ISO 4217 code in use; its minor units set
// the rounding.
func TestProgramCurrency(t *testing.T) {
	for _, c := range []struct {
		name, currency string
		places         int32
		wantErr        string
	}{
		{"euro", "EUR", 2, ""},
		{"yen has no minor unit", "JPY", 0, ""},
		{"dinar has three", "KWD", 3, ""},
		{"made-up code", "ABC", 0, `p.toml:3:1: "ABC" is not an ISO 4217 code of a currency in use`},
		{"lower case", "eur", 0, `p.toml:3:1: "eur" is not an ISO 4217 currency code`},
	} {
		t.Run(c.name, func(t *testing.T) {
			p, probs := parse(t, strings.Replace(base, `currency = "EUR"`, `currency = "`+c.currency+`"`, 1))
			var got []string
			for _, e := range probs.Errors() {
				got = append(got, e.String())
			}
			all := strings.Join(got, "\n")
			if c.wantErr == "" {
				if all != "" || p.Policy.Places != c.places {
					t.Errorf("places %d, errors %q; want %d places and no error", p.Policy.Places, all, c.places)
				}
				return
			}
			if !strings.Contains(all, c.wantErr) {
				t.Errorf("errors:\n%s\nwant %q", all, c.wantErr)
			}
		})
	}
}

// A money setting finer than the program currency's minor unit is refused where it is
// written: a yen fee capped at 1000.50 was rounded to ¥1,001, above the cap. Trailing
// zeros are no finer ("1000.00" is ¥1,000).
func TestMoneySettingsWithinMinorUnit(t *testing.T) {
	const partner = `
[[partner]]
id = "acme"
name = "Acme"
type = "referral"
  [[partner.terms]]
  from = 2026-01-01
  to = 2026-12-31
  referral = { percent = "10%", cap = "1000.50" }
  [[partner.terms]]
  from = 2027-01-01
  referral = { flat = "500.5" }
[[partner]]
id = "beta"
name = "Beta"
type = "referral"
  [[partner.terms]]
  from = 2026-01-01
  referral = { flat = "2000.00", cap = "3000" }
[[campaign]]
id = "fair"
date = 2026-10-01
cost = "12000.25"
paid_by = "us"
tag = "Fair"
shares = { us = "100%" }
`
	text := strings.Replace(base, `currency = "EUR"`, `currency = "JPY"`+"\nminimum_payout = \"5000.5\"", 1)
	_, probs := parse(t, text+partner)
	var got []string
	for _, e := range probs.Errors() {
		if strings.Contains(e.Msg, "more decimals") {
			got = append(got, e.Pos.String()+": "+e.Msg[:strings.Index(e.Msg, " has more")])
		}
	}
	want := []string{
		`p.toml:4:1: "minimum_payout" = "5000.5"`,
		`p.toml:19:33: "cap" = "1000.50"`,
		`p.toml:22:16: "flat" = "500.5"`,
		`p.toml:33:1: "cost" = "12000.25"`,
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("errors:\n%s\nwant\n%s\nall: %v", strings.Join(got, "\n"), strings.Join(want, "\n"), probs.All())
	}
	for _, e := range probs.Errors() {
		if strings.Contains(e.Msg, `"cap"`) && !strings.Contains(e.Msg, "it is an amount in JPY, whatever currency a deal, payment or payee is in (they are converted to JPY), and is paid in whole minor units of JPY; write it in whole JPY") {
			t.Errorf("message %q does not say the cap is in JPY", e.Msg)
		}
	}

	// The same settings in EUR have at most two decimals: no error.
	_, probs = parse(t, strings.Replace(base, `currency = "EUR"`, `currency = "EUR"`+"\nminimum_payout = \"5000.5\"", 1)+partner)
	for _, e := range probs.Errors() {
		if strings.Contains(e.Msg, "more decimals") {
			t.Errorf("EUR: %v", e)
		}
	}
}
