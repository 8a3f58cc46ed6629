package terms

import (
	"reflect"
	"strings"
	"testing"

	"github.com/partnerbook/partnerbook/internal/domain"
)

const partnerHead = `
[[partner]]
id = "acme"
name = "Acme"
type = "referral"
`

func TestPayeeIsRead(t *testing.T) {
	p, probs := parse(t, base+partnerHead+`
  [partner.payee]
  method = "wise"
  currency = "GBP"
  name = "Acme Consulting Ltd"
  receiver = "business"
  iban = "gb82 west 1234 5698 7654 32"
  bic = "westgb2l"
  sort_code = "12-34-56"
  account_number = "12345678"
  tax_id = "GB123456789"
  address = { lines = ["1 High Street"], city = "Leeds", postal_code = "LS1 1AA", country = "GB" }
`)
	if errs := probs.Errors(); len(errs) > 0 {
		t.Fatalf("errors: %v", errs)
	}
	got := p.Partners[0].Payee
	if got == nil {
		t.Fatal("no payee")
	}
	want := domain.Payee{Method: domain.PayWise, Currency: "GBP", Name: "Acme Consulting Ltd", Receiver: domain.Business,
		IBAN: "GB82WEST12345698765432", BIC: "WESTGB2L", SortCode: "123456", AccountNumber: "12345678", TaxID: "GB123456789",
		Address: domain.Address{Lines: []string{"1 High Street"}, City: "Leeds", PostalCode: "LS1 1AA", Country: "GB"}}
	if got.Pos.Line != 16 {
		t.Errorf("payee at line %d, want 16", got.Pos.Line)
	}
	got.Pos = want.Pos
	if !reflect.DeepEqual(*got, want) {
		t.Errorf("payee = %+v\nwant %+v", *got, want)
	}
}

func TestPayeeProblemsArePositioned(t *testing.T) {
	for _, c := range []struct {
		name, line, want string
	}{
		{"iban checksum", `iban = "DE89370400440532013001"`, `p.toml:18:3: IBAN "DE89370400440532013001" fails its check digits (mod 97)`},
		{"iban length", `iban = "DE8937040044053201300"`, `p.toml:18:3: IBAN "DE8937040044053201300" has 21 characters: DE IBANs have 22`},
		{"iban shape", `iban = "12345"`, `p.toml:18:3: IBAN "12345" is not an IBAN`},
		{"email", `email = "acme.example"`, `p.toml:18:3: "acme.example" is not an e-mail address`},
		{"currency", `currency = "euro"`, `p.toml:18:3: "euro" is not an ISO 4217 currency code`},
		{"receiver", `receiver = "company"`, `p.toml:18:3: "receiver" is "company": must be one of person, business`},
		{"sort code", `sort_code = "12-34-5"`, `p.toml:18:3: "12-34-5" is not a sort code (6 digits)`},
		{"routing check digit", `routing_number = "026009594"`, `p.toml:18:3: routing number "026009594" fails its check digit`},
		{"bsb", `bsb = "06200"`, `p.toml:18:3: "06200" is not a BSB (6 digits)`},
		{"paypal", `paypal = "not an id"`, `p.toml:18:3: "not an id" is neither an e-mail address nor a PayPal PayerID`},
		{"bic", `bic = "DEUT"`, `p.toml:18:3: "DEUT" is not a BIC`},
		{"country", `address = { country = "Germany" }`, `p.toml:18:15: "Germany" is not a two-letter country code`},
		{"unknown key", `ibna = "x"`, `p.toml:18:3: unknown key "ibna" in [partner.payee] (did you mean "iban"?)`},
	} {
		t.Run(c.name, func(t *testing.T) {
			_, probs := parse(t, base+partnerHead+"\n  [partner.payee]\n  method = \"wise\"\n  "+c.line+"\n")
			var got []string
			for _, p := range probs.Errors() {
				got = append(got, p.String())
			}
			if len(got) != 1 || !strings.HasPrefix(got[0], c.want) {
				t.Errorf("errors = %q, want one starting %q", got, c.want)
			}
		})
	}
}

func TestPayeeMethodRequired(t *testing.T) {
	_, probs := parse(t, base+partnerHead+"\n  [partner.payee]\n  currency = \"EUR\"\n")
	errs := probs.Errors()
	if len(errs) != 1 || !strings.Contains(errs[0].String(), `missing required key "method" in [partner.payee]`) || errs[0].Pos.Line != 16 {
		t.Errorf("errors = %v, want the missing method at line 16", errs)
	}
}

func TestValidIBANs(t *testing.T) {
	for _, iban := range []string{"GB82WEST12345698765432", "DE89370400440532013000", "NL91ABNA0417164300", "FR1420041010050500013M02606"} {
		if err := checkIBAN(iban); err != nil {
			t.Errorf("checkIBAN(%s) = %v, want nil", iban, err)
		}
	}
}

func TestOutputTable(t *testing.T) {
	p, probs := parse(t, base+`
[output]
finance = ["xero-bills", "wise-batch", "quickbooks-invoices"]
[output.xero]
account_code = "6100"
tax_type = "Tax Exempt"
lines = "summary"
[output.quickbooks]
item = "Partner charges"
date_format = "YYYY-MM-DD"
`)
	if errs := probs.Errors(); len(errs) > 0 {
		t.Fatalf("errors: %v", errs)
	}
	o := p.Output
	if len(o.Finance) != 3 || !o.Wants(domain.WiseBatch) || o.Wants(domain.PayPalPayouts) {
		t.Errorf("finance = %v", o.Finance)
	}
	if o.Xero.Account != "6100" || o.Xero.Tax != "Tax Exempt" || o.Xero.Lines != domain.LinesSummary || o.Xero.DateFormat != domain.DayMonthYear {
		t.Errorf("xero = %+v", o.Xero)
	}
	if o.QuickBooks.Sales != "Partner charges" || o.QuickBooks.DateFormat != domain.ISODate || o.QuickBooks.Lines != domain.LinesDetail {
		t.Errorf("quickbooks = %+v", o.QuickBooks)
	}
}

func TestOutputProblems(t *testing.T) {
	for _, c := range []struct{ name, text, want string }{
		{"unknown file", "[output]\nfinance = [\"sage-bills\"]\n", `p.toml:12:1: unknown finance file "sage-bills": use xero-bills,`},
		{"twice", "[output]\nfinance = [\"wise-batch\", \"wise-batch\"]\n", `p.toml:12:1: finance file "wise-batch" is named twice`},
		{"no xero table", "[output]\nfinance = [\"xero-bills\"]\n", `p.toml:12:1: finance files for xero need an [output.xero] table`},
		{"no account", "[output]\nfinance = [\"xero-bills\"]\n[output.xero]\ntax_type = \"Tax Exempt\"\n", `p.toml:13:1: missing required key "account_code" in [output.xero]`},
		{"bad date format", "[output]\nfinance = [\"quickbooks-bills\"]\n[output.quickbooks]\naccount = \"Commissions\"\ndate_format = \"D.M.Y\"\n", `p.toml:15:1: "date_format" is "D.M.Y": must be one of DD/MM/YYYY, MM/DD/YYYY, YYYY-MM-DD`},
	} {
		t.Run(c.name, func(t *testing.T) {
			_, probs := parse(t, base+"\n"+c.text)
			var got []string
			for _, p := range probs.Errors() {
				got = append(got, p.String())
			}
			if len(got) != 1 || !strings.HasPrefix(got[0], c.want) {
				t.Errorf("errors = %q, want one starting %q", got, c.want)
			}
		})
	}
}
