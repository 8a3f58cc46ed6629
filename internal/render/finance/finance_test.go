package finance

import (
	"bytes"
	"encoding/csv"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/partnerbook/partnerbook/internal/book"
	"github.com/partnerbook/partnerbook/internal/civil"
	"github.com/partnerbook/partnerbook/internal/money"
	"github.com/partnerbook/partnerbook/internal/report"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata/")

var oct = civil.NewMonth(2026, time.October)

// program is a USD program that asks for every finance file.
func program() *report.Finance {
	return &report.Finance{Firm: "Northwind Digital", Currency: "USD", Policy: money.Policy{Places: 2},
		Period: oct, BillDate: oct.Last(), Formats: append([]string(nil), Formats...),
		Xero:       report.Ledgers{Account: "6100", Sales: "4000", Tax: "Tax Exempt", DateFormat: "MM/DD/YYYY"},
		QuickBooks: report.Ledgers{Account: "Commissions & fees", Sales: "Partner charges", DateFormat: "MM/DD/YYYY"}}
}

var addr = report.Address{Lines: []string{"1 Main Street"}, City: "Springfield", Region: "IL", PostalCode: "62701", Country: "US"}

// payout makes a payout of partner id whose lines are amounts (the payout is their sum).
func payout(id string, payee report.Payee, amounts ...string) *report.FinancePayout {
	p := &report.FinancePayout{PayoutRow: report.PayoutRow{ID: book.MakePayoutID("2026-10", id),
		Partner: report.PartnerInfo{ID: id, Name: payee.Name}, Period: oct, Due: civil.New(2026, 11, 30)}, Payee: payee}
	for i, a := range amounts {
		amt := money.MustAmount(a)
		p.Amount = p.Amount.Add(amt)
		p.Lines = append(p.Lines, report.LineRow{ID: fmt.Sprintf("%s:D%d:referral", id, i+1), Amount: amt,
			Description: fmt.Sprintf("fee on deal D%d", i+1)})
	}
	p.Status = book.StatusDue
	if p.Amount.Sign() < 0 {
		p.Status = book.StatusReceivable
	}
	return p
}

func wisePayee(name, currency string) report.Payee {
	return report.Payee{Method: "wise", Currency: currency, Name: name, Email: "ap@" + strings.ToLower(strings.Fields(name)[0]) + ".example",
		Receiver: "business", IBAN: "DE89370400440532013000", Address: addr}
}

// sample is a program with one payout of each kind the files treat differently.
func sample() *report.Finance {
	f := program()
	gbp := wisePayee("Leeds Media Ltd", "GBP")
	gbp.SortCode, gbp.AccountNumber, gbp.IBAN = "123456", "12345678", ""
	usd := wisePayee("Springfield Partners LLC", "USD")
	usd.RoutingNumber, usd.AccountNumber, usd.IBAN = "026009593", "1234567890", ""
	noIBAN := wisePayee("Bergen Byrå AS", "NOK")
	noIBAN.IBAN = ""
	f.Payouts = []*report.FinancePayout{
		payout("acme", wisePayee("Acme Consulting GmbH", "EUR"), "5000.00", "1396.91", "-250.00"),
		payout("bergen", noIBAN, "300.00"),
		payout("brightpath", report.Payee{Currency: "USD", Name: "BrightPath Advisors"}, "4290.00"),
		payout("evil", report.Payee{Method: "paypal", Currency: "USD", Name: "Evil \"=HYPERLINK()\" Corp", PayPal: "evil-1@evil.example"}, "100.00"),
		payout("leeds", gbp, "120.50"),
		payout("manual-co", report.Payee{Method: "manual", Currency: "USD", Name: "Manual Co"}, "150.00"),
		payout("reseller-one", report.Payee{Method: "bank", Currency: "USD", Name: "Reseller One Inc.", TaxID: "12-3456789", Address: addr}, "25.00", "-3600.00"),
		payout("springfield", usd, "999.99"),
		payout("zoe", report.Payee{Method: "paypal", Currency: "EUR", Name: "Zoë Martin", PayPal: "zoe@zoe-martin.example"}, "1500.00", "-600.00"),
	}
	return f
}

func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		os.MkdirAll(filepath.Dir(path), 0o755)
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./internal/render/finance -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs from the golden:\n got:\n%s\nwant:\n%s\n(review, then run with -update if intended)", name, got, want)
	}
}

func files(t *testing.T, f *report.Finance) map[string][]byte {
	t.Helper()
	fs, err := Files(f)
	if err != nil {
		t.Fatalf("Files = %v", err)
	}
	out := map[string][]byte{}
	for _, x := range fs {
		if _, dup := out[x.Name]; dup {
			t.Errorf("file %s written twice", x.Name)
		}
		out[x.Name] = x.Data
	}
	return out
}

func TestGoldenFiles(t *testing.T) {
	got := files(t, sample())
	want := []string{"paypal-payouts-USD.csv", "quickbooks-bills.csv", "quickbooks-invoices.csv",
		"wise-batch-USD-business-aba.csv", "wise-batch-USD-business-iban.csv", "wise-batch-USD-business-sort-code.csv",
		"xero-bills.csv", "xero-invoices.csv"}
	if len(got) != len(want) {
		var names []string
		for n := range got {
			names = append(names, n)
		}
		t.Errorf("files = %v, want %v", names, want)
	}
	for _, n := range want {
		golden(t, n, got[n])
	}
}

// readCSV reads a file back as the services would.
func readCSV(t *testing.T, name string, data []byte) [][]string {
	t.Helper()
	r := csv.NewReader(bytes.NewReader(data))
	rows, err := r.ReadAll()
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	return rows
}

func TestSkipsAndUnpaid(t *testing.T) {
	skips, unpaid := Check(sample())
	var got []string
	for _, s := range skips {
		got = append(got, s.Field+": "+s.Message())
	}
	want := []string{
		`iban: partner "bergen" is left out of wise-batch: payee "iban" is missing (NOK transfers go to an IBAN)`,
		`method: partner "brightpath" has a Due payout but no [partner.payee] method: it is in no payment file`,
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("skips =\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	var rows []string
	for _, u := range unpaid {
		rows = append(rows, fmt.Sprintf("%s %s %s", u.PayoutID, u.Amount, u.Reason))
	}
	wantRows := []string{
		`PB-2026-10-bergen 300 partner "bergen" is left out of wise-batch: payee "iban" is missing (NOK transfers go to an IBAN)`,
		`PB-2026-10-brightpath 4290 no [partner.payee] method`,
		`PB-2026-10-manual-co 150 paid by hand (method manual)`,
	}
	if strings.Join(rows, "\n") != strings.Join(wantRows, "\n") {
		t.Errorf("unpaid =\n%s\nwant\n%s", strings.Join(rows, "\n"), strings.Join(wantRows, "\n"))
	}
}

func TestWiseRequiredFields(t *testing.T) {
	for _, c := range []struct {
		name  string
		edit  func(*report.Payee)
		field string
	}{
		{"no receiver", func(p *report.Payee) { p.Receiver = "" }, "receiver"},
		{"GBP without sort code or IBAN", func(p *report.Payee) { p.Currency, p.IBAN = "GBP", "" }, "sort_code"},
		{"GBP without account number", func(p *report.Payee) { p.Currency, p.IBAN, p.SortCode = "GBP", "", "123456" }, "account_number"},
		{"USD without routing number", func(p *report.Payee) { p.Currency = "USD" }, "routing_number"},
		{"AUD without BSB", func(p *report.Payee) { p.Currency = "AUD" }, "bsb"},
		{"AUD without account", func(p *report.Payee) { p.Currency, p.BSB = "AUD", "062000" }, "account_number"},
		{"no layout for INR", func(p *report.Payee) { p.Currency = "INR" }, "currency"},
		{"no city from USD", func(p *report.Payee) { p.Address.City = "" }, "address.city"},
		{"no street from USD", func(p *report.Payee) { p.Address.Lines = nil }, "address.lines"},
	} {
		t.Run(c.name, func(t *testing.T) {
			f := program()
			py := wisePayee("Acme GmbH", "EUR")
			py.Address = report.Address{Lines: []string{"Hauptstr. 1"}, City: "Berlin", PostalCode: "10115", Country: "DE"}
			c.edit(&py)
			f.Payouts = []*report.FinancePayout{payout("acme", py, "100.00")}
			skips, unpaid := Check(f)
			if len(skips) != 1 || skips[0].Field != c.field || skips[0].Format != WiseBatch {
				t.Fatalf("skips = %+v, want one wise-batch skip of %q", skips, c.field)
			}
			if !strings.Contains(skips[0].Message(), `"acme"`) || len(unpaid) != 1 {
				t.Errorf("message %q, unpaid %v", skips[0].Message(), unpaid)
			}
			if fs := files(t, f); len(fs) != 4 { // bills and (empty) invoices are still written; no wise file
				for n := range fs {
					if strings.HasPrefix(n, WiseBatch) {
						t.Errorf("wrote %s for a skipped payout", n)
					}
				}
			}
		})
	}
}

// A partner paid in another currency: the batch names both and converts nothing.
func TestWiseStatesSourceAndTarget(t *testing.T) {
	f := program()
	f.Payouts = []*report.FinancePayout{payout("acme", wisePayee("Acme GmbH", "EUR"), "1234.56")}
	fs := files(t, f)
	rows := readCSV(t, "wise", fs["wise-batch-USD-business-iban.csv"])
	col := index(rows[0])
	r := rows[1]
	for k, want := range map[string]string{"amount": "1234.56", "amountCurrency": "source", "sourceCurrency": "USD",
		"targetCurrency": "EUR", "IBAN": "DE89370400440532013000", "receiverType": "INSTITUTION", "paymentReference": "PB-2026-10-acme"} {
		if got := r[col[k]]; got != want {
			t.Errorf("%s = %q, want %q", k, got, want)
		}
	}
}

// Paid in the program's currency, the partner receives exactly the payout: the amount
// fixes the target, so Wise charges its fee on top instead of taking it out of the
// payment (amountCurrency "source" would pay the partner less than the statement says).
func TestWiseSameCurrencyFixesTarget(t *testing.T) {
	f := program()
	f.Currency = "EUR"
	py := wisePayee("Acme GmbH", "EUR")
	py.Address = report.Address{}
	f.Payouts = []*report.FinancePayout{payout("acme", py, "1500.00", "500.00")}
	rows := readCSV(t, "wise", files(t, f)["wise-batch-EUR-business-iban.csv"])
	if len(rows) != 2 {
		t.Fatalf("rows = %q", rows)
	}
	col := index(rows[0])
	for k, want := range map[string]string{"amountCurrency": "target", "amount": "2000.00", "sourceCurrency": "EUR", "targetCurrency": "EUR"} {
		if got := rows[1][col[k]]; got != want {
			t.Errorf("%s = %q, want %q", k, got, want)
		}
	}
}

func index(header []string) map[string]int {
	m := map[string]int{}
	for i, h := range header {
		m[h] = i
	}
	return m
}

// Every text cell is safe to open in a spreadsheet; amounts are numbers and may be
// negative. Free text (descriptions, memos, notes) is guarded with an apostrophe.
func TestNoFormulaCells(t *testing.T) {
	f := sample()
	f.Payouts[0].Lines[0].ID = "=1+2"
	f.Payouts[0].Lines[0].Description = "+1 fee"
	amountCols := map[string]bool{"*UnitAmount": true, "Line Amount": true, "ItemRate": true, "ItemAmount": true, "amount": true}
	guarded := 0
	for name, data := range files(t, f) {
		rows := readCSV(t, name, data)
		header := rows[0]
		if strings.HasPrefix(name, PayPalPayouts) {
			header = []string{"recipient", "amount"}
			rows = append([][]string{header}, rows...)
		}
		for i, r := range rows[1:] {
			for j, c := range r {
				if j < len(header) && amountCols[header[j]] {
					continue
				}
				if c != "" && strings.ContainsRune("=+-@\t\r", rune(c[0])) {
					t.Errorf("%s row %d column %d: %q would be a formula", name, i+2, j+1, c)
				}
				if strings.HasPrefix(c, "'=1+2: +1 fee") {
					guarded++
				}
			}
		}
	}
	if guarded != 2 { // the line is on acme's bill in xero-bills and quickbooks-bills
		t.Errorf("guarded description found %d times, want 2", guarded)
	}
	if got := text("=1+2"); got != "'=1+2" {
		t.Errorf("text(=1+2) = %q", got)
	}
}

// The services match payee names, e-mails, PayPal recipients, addresses and account
// codes exactly (Wise needs the account holder's name), so they are written as given,
// never with a guard; one that a spreadsheet would take for a formula (which the
// program file refuses) stops the files instead of being written either way.
func TestExactFieldsAreWrittenExactly(t *testing.T) {
	f := sample()
	got := files(t, f)
	w := readCSV(t, "xero", got["xero-bills.csv"])
	found := false
	for _, r := range w[1:] {
		if r[0] == `Evil "=HYPERLINK()" Corp` {
			found = true
		}
	}
	if !found {
		t.Errorf("xero-bills has no contact named exactly Evil \"=HYPERLINK()\" Corp")
	}
	if pp := readCSV(t, "paypal", got["paypal-payouts-USD.csv"]); pp[0][0] != "evil-1@evil.example" {
		t.Errorf("paypal recipient %q", pp[0][0])
	}
	for _, c := range []struct {
		name string
		edit func(*report.Finance)
		want string
	}{
		{"payee name", func(f *report.Finance) { f.Payouts[3].Payee.Name = "=HYPERLINK()" }, `partner "evil": payee name "=HYPERLINK()" begins with "="`},
		{"wise e-mail", func(f *report.Finance) { f.Payouts[0].Payee.Email = "-2+3@evil.example" }, `partner "acme": payee email "-2+3@evil.example" begins with "-"`},
		{"paypal", func(f *report.Finance) { f.Payouts[3].Payee.PayPal = "+1@evil.example" }, `payee paypal "+1@evil.example"`},
		{"address", func(f *report.Finance) { f.Payouts[0].Payee.Address.Lines = []string{"@home"} }, `payee address.lines "@home"`},
		{"account code", func(f *report.Finance) { f.Xero.Account = "-6100" }, `[output.xero] account_code "-6100" begins with "-"`},
	} {
		f := sample()
		c.edit(f)
		out, err := Files(f)
		if err == nil || !strings.Contains(err.Error(), c.want) || out != nil {
			t.Errorf("%s: Files = %d files, %v; want no files and an error with %s", c.name, len(out), err, c.want)
		}
	}
	// PayPal's file pays the PayPal recipient and carries no name or e-mail of the
	// payee: alone, it writes a payee named "@Home Media" (the partner's name, which
	// the program file takes when no file carries it).
	f = sample()
	f.Formats = []string{PayPalPayouts}
	f.Payouts[3].Payee.Name, f.Payouts[3].Payee.Email = "@Home Media", "+ap@athome.example"
	got = files(t, f)
	if pp := readCSV(t, "paypal", got["paypal-payouts-USD.csv"]); pp[0][0] != "evil-1@evil.example" {
		t.Errorf("paypal recipient %q", pp[0][0])
	}
}

// The finance files write amounts as decimal text, so an amount of more digits than a
// spreadsheet cell keeps (the run refuses it before the workbook, see package
// pipeline) is never cut here: each file that carries the payout has it whole.
func TestAmountsAreWrittenAsExactText(t *testing.T) {
	f := program()
	f.Payouts = []*report.FinancePayout{
		payout("big", wisePayee("Big Deal GmbH", "EUR"), "19875018273840.84"),
		payout("pp", report.Payee{Method: "paypal", Currency: "USD", Name: "PP", PayPal: "pp@pp.example"}, "19875018273840.84"),
		payout("owes", report.Payee{Method: "bank", Currency: "USD", Name: "Owes Inc.", Address: addr}, "-19875018273840.84"),
	}
	for _, name := range []string{XeroBills, XeroInvoices, QuickBooksBills, QuickBooksInvoices, WiseBatch, PayPalPayouts} {
		found := false
		for fname, data := range files(t, f) {
			if strings.HasPrefix(fname, name) {
				found = true
				if !strings.Contains(string(data), "19875018273840.84") {
					t.Errorf("%s lacks 19875018273840.84:\n%s", fname, data)
				}
			}
		}
		if !found {
			t.Errorf("no %s file", name)
		}
	}
}
