package crm

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/partnerbook/partnerbook/internal/civil"
	"github.com/partnerbook/partnerbook/internal/diag"
	"github.com/partnerbook/partnerbook/internal/domain"
	"github.com/partnerbook/partnerbook/internal/terms"
)

// program writes program.toml (USD, with [fx.EUR] for 2026-10) and the given files
// into a folder and loads it; extra is appended to [input.payments].
func program(t *testing.T, payments string, files map[string]string) *domain.Program {
	t.Helper()
	dir := t.TempDir()
	for name, text := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	toml := `[program]
name = "Test Co"
currency = "USD"
rounding = "half-up"

[fx.EUR]
"2026-10" = "1.0725"

[input.deals]
file = "deals.csv"
[input.deals.columns]
currency = "currency"

[input.payments]
file = "payments.csv"
` + payments
	path := filepath.Join(dir, "program.toml")
	if err := os.WriteFile(path, []byte(toml), 0o644); err != nil {
		t.Fatal(err)
	}
	var probs diag.List
	p := terms.Load(path, &probs)
	if probs.HasErrors() {
		t.Fatalf("program: %v", probs.All())
	}
	return p
}

const dealsHeader = "id,name,client,stage,status,value,currency,created,closed,tags\n"

// messages are the problems as the user sees them.
func messages(probs *diag.List) []string {
	var out []string
	for _, p := range probs.All() {
		out = append(out, p.String())
	}
	return out
}

func TestDealCurrencies(t *testing.T) {
	for _, c := range []struct {
		name, row string
		value     string // program currency, after conversion
		original  string // "" = no conversion
		errs      []string
	}{
		{name: "program currency", row: "D1,,Acme,,won,1000.00,USD,2026-10-01,2026-10-14,", value: "1000"},
		{name: "no currency cell", row: "D1,,Acme,,won,1000.00,,2026-10-01,2026-10-14,", value: "1000"},
		{name: "EUR at the won month's rate", row: "D1,,Acme,,won,1000.00,EUR,2026-09-01,2026-10-14,", value: "1072.5", original: "1000.00 EUR at 1.0725 in 2026-10"},
		{name: "lower-case code, half rounded up once", row: "D1,,Acme,,won,2.00,eur,2026-09-01,2026-10-14,", value: "2.15", original: "2.00 EUR at 1.0725 in 2026-10"}, // 2.145
		{name: "matching sign", row: `D1,,Acme,,won,"€1,000.00",EUR,2026-09-01,2026-10-14,`, value: "1072.5", original: "1000.00 EUR at 1.0725 in 2026-10"},
		{name: "dollar sign in a USD row", row: `D1,,Acme,,won,"$1,000.00",USD,2026-09-01,2026-10-14,`, value: "1000"},
		{name: "open deal at its created month", row: "D1,,Acme,,open,200.00,EUR,2026-10-02,,", value: "214.5", original: "200.00 EUR at 1.0725 in 2026-10"},
		{name: "no rate for the month",
			row:  "D1,,Acme,,won,1000.00,EUR,2026-10-01,2026-11-03,",
			errs: []string{`deals.csv row 2 column "value": no exchange rate for EUR in 2026-11 (deal "D1" dated 2026-11-03): add [fx.EUR] "2026-11" = "..." to program.toml, the value of 1 EUR in USD`}},
		{name: "no rate for the currency",
			row:  "D1,,Acme,,won,1000.00,GBP,2026-10-01,2026-10-03,",
			errs: []string{`deals.csv row 2 column "value": no exchange rate for GBP in 2026-10 (deal "D1" dated 2026-10-03): add [fx.GBP] "2026-10" = "..." to program.toml, the value of 1 GBP in USD`}},
		{name: "not ISO 4217",
			row:  "D1,,Acme,,won,1000.00,EURO,2026-10-01,2026-10-03,",
			errs: []string{`deals.csv row 2 column "currency": currency "EURO" is not an ISO 4217 currency code (such as USD or EUR)`}},
		{name: "euro sign in a USD program",
			row:  `D1,,Acme,,won,"€1,000.00",,2026-10-01,2026-10-03,`,
			errs: []string{`deals.csv row 2 column "value": amount "€1,000.00" is written in EUR, but the program currency is USD and the row names no currency`}},
		{name: "euro sign in a GBP row",
			row:  `D1,,Acme,,won,€1000,GBP,2026-10-01,2026-10-03,`,
			errs: []string{`deals.csv row 2 column "value": amount "€1000" is written in EUR, but the row's currency is GBP`}},
		{name: "code after the amount disagrees",
			row:  `D1,,Acme,,won,"1,000.00 EUR",USD,2026-10-01,2026-10-03,`,
			errs: []string{`deals.csv row 2 column "value": amount "1,000.00 EUR" is written in EUR, but the row's currency is USD`}},
	} {
		t.Run(c.name, func(t *testing.T) {
			p := program(t, "", map[string]string{"deals.csv": dealsHeader + c.row + "\n", "payments.csv": "Deal ID,Date,Amount\n"})
			var probs diag.List
			deals := ReadDeals(p.Deals, "deals.csv", &probs)
			got := messages(&probs)
			if fmt.Sprint(got) != fmt.Sprint(c.errs) {
				t.Fatalf("problems %q, want %q", got, c.errs)
			}
			if c.errs != nil {
				return
			}
			d := deals[0]
			if d.Value.String() != c.value {
				t.Errorf("value %s, want %s", d.Value, c.value)
			}
			orig := ""
			if d.FX != nil {
				orig = fmt.Sprintf("%s %s at %s in %s", d.FX.Original.Fixed(2), d.FX.Currency, d.FX.Rate, d.FX.Month)
			}
			if orig != c.original {
				t.Errorf("conversion %q, want %q", orig, c.original)
			}
		})
	}
}

func TestPaymentCurrencies(t *testing.T) {
	files := map[string]string{"deals.csv": dealsHeader,
		"payments.csv": "Deal ID,Date,Amount,Currency\n" +
			"D1,2026-10-05,500.00,USD\n" +
			"D1,2026-10-06,100.00,EUR\n" +
			"D1,2026-10-20,-40.00,EUR\n" +
			"D1,2026-11-02,10.00,EUR\n" +
			"D1,2026-10-07,£5.00,USD\n"}
	p := program(t, "", files)
	var probs diag.List
	pays := ReadPayments(p.Payments, "payments.csv", &probs)
	want := []string{
		`payments.csv row 5 column "Amount": no exchange rate for EUR in 2026-11 (payment dated 2026-11-02): add [fx.EUR] "2026-11" = "..." to program.toml, the value of 1 EUR in USD`,
		`payments.csv row 6 column "Amount": amount "£5.00" is written in GBP, but the row's currency is USD`,
	}
	if got := messages(&probs); fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("problems %q\nwant %q", got, want)
	}
	var got []string
	for _, x := range pays {
		s := x.Date.String() + " " + x.Amount.Fixed(2)
		if x.FX != nil {
			s += fmt.Sprintf(" (%s %s × %s)", x.FX.Original.Fixed(2), x.FX.Currency, x.FX.Rate)
		}
		got = append(got, s)
	}
	wantPays := []string{"2026-10-05 500.00", "2026-10-06 107.25 (100.00 EUR × 1.0725)", "2026-10-20 -42.90 (-40.00 EUR × 1.0725)"}
	if strings.Join(got, "|") != strings.Join(wantPays, "|") {
		t.Errorf("payments %q\nwant %q", got, wantPays)
	}
}

// Run for October, a payment and a refund (a negative row) dated in November with no
// November rate wait for the November run; an October row without its rate would
// still be refused.
func TestPaymentsAfterThePeriodWaitForTheirRate(t *testing.T) {
	files := map[string]string{"deals.csv": dealsHeader,
		"payments.csv": "Deal ID,Date,Amount,Currency\n" +
			"D1,2026-10-06,100.00,EUR\n" +
			"D1,2026-11-02,10.00,EUR\n" +
			"D1,2026-11-09,-10.00,EUR\n" +
			"D1,2026-11-10,25.00,USD\n"}
	p := program(t, "", files)
	p.Payments.Money.Until = civil.NewMonth(2026, 10).Last()
	var probs diag.List
	pays := ReadPayments(p.Payments, "payments.csv", &probs)
	want := []string{`payments.csv: 2 payments in EUR dated after 2026-10-31 have no exchange rate yet: left out of this run (they cannot be payable in 2026-10); the run of 2026-11 needs [fx.EUR] "2026-11" in program.toml`}
	if got := messages(&probs); fmt.Sprint(got) != fmt.Sprint(want) || probs.HasErrors() {
		t.Errorf("problems %q\nwant %q", got, want)
	}
	var got []string
	for _, x := range pays {
		got = append(got, x.Date.String()+" "+x.Amount.Fixed(2))
	}
	if w := "2026-10-06 107.25|2026-11-10 25.00"; strings.Join(got, "|") != w {
		t.Errorf("payments %q, want %q", got, w)
	}
}

func TestSplitCurrency(t *testing.T) {
	for _, c := range []struct{ in, rest, sign string }{
		{"1,000.00", "1,000.00", ""},
		{"€1,000.00", "1,000.00", "€"},
		{"-$12.00", "-12.00", "$"},
		{"$-12.00", "-12.00", "$"},
		{"(A$5.00)", "(5.00)", "A$"},
		{"1.000,00 €", "1.000,00", "€"},
		{"CHF 250", "250", "CHF"},
		{"250 SEK", "250", "SEK"},
		{"250 ABC", "250 ABC", ""},
	} {
		rest, sign, _ := splitCurrency(c.in)
		if rest != c.rest || sign != c.sign {
			t.Errorf("splitCurrency(%q) = %q, %q; want %q, %q", c.in, rest, sign, c.rest, c.sign)
		}
	}
}

// Deal and payment ids become parts of line IDs, joined by ":": an id holding one is
// refused, so it can never read as another deal's line or as a correction.
func TestIDsWithColonsAreRefused(t *testing.T) {
	p := program(t, "[input.payments.columns]\nid = \"id\"\n", map[string]string{
		"deals.csv":    dealsHeader + "D1:2,N,C,Won,won,100,USD,2026-10-01,2026-10-02,\nD2,N,C,Won,won,100,USD,2026-10-01,2026-10-02,\n",
		"payments.csv": "id,Deal ID,Date,Amount\nch:1,D2,2026-10-03,50\nch_2,D2,2026-10-04,50\n",
	})
	var probs diag.List
	deals := ReadDeals(p.Deals, "deals.csv", &probs)
	pays := ReadPayments(p.Payments, "payments.csv", &probs)
	want := []string{
		`deals.csv row 2 column "id": deal ID "D1:2" contains ":", which line IDs use to join their parts: export the id without it`,
		`payments.csv row 2 column "id": payment id "ch:1" contains ":", which line IDs use to join their parts: export the id without it`,
	}
	if got := messages(&probs); strings.Join(got, "\n") != strings.Join(want, "\n") || len(deals) != 1 || len(pays) != 1 {
		t.Errorf("deals %d, payments %d, problems:\n%s\nwant:\n%s", len(deals), len(pays), strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}
