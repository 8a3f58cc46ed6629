package crm

import (
	"strings"
	"testing"

	"github.com/partnerbook/partnerbook/internal/diag"
	"github.com/partnerbook/partnerbook/internal/terms"
)

// A European Excel CSV: ';' between the fields, dates as DD.MM.YYYY, Windows-1252
// text. It failed with "column "id" not found; the header row has: "id;name;..."";
// it is read with ';', and its "1,500" (one and a half, or fifteen hundred?) is refused.
func TestSemicolonCSVExport(t *testing.T) {
	deals := "id;name;client;stage;status;value;currency;created;closed;tags\r\n" +
		"D1;Deal one;Cli\xe9nt A;Won;won;1500;EUR;01.08.2026;10.10.2026;Partner: Acme\r\n" +
		"D2;Deal two;ClientB;Won;won;1,500;EUR;01.08.2026;15.10.2026;Partner: Beta\r\n"
	payments := "Deal ID;Date;Amount;Currency\r\nD1;20.10.2026;500;EUR\r\nD1;21.10.2026;\"1.234,56\";EUR\r\n"
	p := program(t, "", map[string]string{"deals.csv": deals, "payments.csv": payments})
	p.Deals.DateFormat, _ = terms.DateLayout("DD.MM.YYYY")
	p.Payments.DateFormat = p.Deals.DateFormat
	var probs diag.List
	ds := ReadDeals(p.Deals, "deals.csv", &probs)
	pays := ReadPayments(p.Payments, "payments.csv", &probs)
	var got []string
	for _, x := range diag.Sorted(probs.Errors()) {
		got = append(got, x.String())
	}
	want := []string{
		`deals.csv row 3 column "value": "1,500" is ambiguous: the file separates its fields with ";", as spreadsheets do where a comma is the decimal separator, so it may be 1.500 rather than 1500`,
		`payments.csv row 3 column "Amount": "1.234,56" is not an amount: it has a decimal comma, which is not read; export the amounts with a decimal point`,
	}
	if len(got) != len(want) {
		t.Fatalf("errors:\n%s", strings.Join(got, "\n"))
	}
	for i, w := range want {
		if !strings.HasPrefix(got[i], w) {
			t.Errorf("error %d:\n%s\nwant it to start\n%s", i, got[i], w)
		}
	}
	// 1,500.00 EUR at 1.0725 is $1,608.75; 500.00 EUR is $536.25.
	if len(ds) != 2 || ds[0].Client != "Cliént A" || ds[0].Value.String() != "1608.75" || ds[0].Closed.String() != "2026-10-10" || ds[0].Tags[0] != "Partner: Acme" {
		t.Errorf("deals %+v", ds)
	}
	if len(pays) != 1 || pays[0].Amount.String() != "536.25" || pays[0].Date.String() != "2026-10-20" {
		t.Errorf("payments %+v", pays)
	}
}
