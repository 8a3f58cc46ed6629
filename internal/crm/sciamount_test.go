package crm

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/partnerbook/partnerbook/internal/diag"
	"github.com/partnerbook/partnerbook/internal/domain"
)

// A spreadsheet shows a large number in a narrow column as "1.23457E+11" and saves a
// CSV file that way: the amount read back would be 123,457,000,000 whatever was paid.
// Text in scientific notation is refused at its row and column, for payments and deal
// values; a number cell stored with an exponent holds the whole number and is read.
func TestScientificNotationTextAmountsAreRefused(t *testing.T) {
	files := map[string]string{
		"deals.csv": dealsHeader + "D1,One,C1,Won,won,1.5E+3,USD,2026-09-01,2026-10-05,Partner: Acme\n" +
			"D2,Two,C2,Won,won,2500,USD,2026-09-01,2026-10-05,Partner: Acme\n",
		"payments.csv": "Deal ID,Date,Amount\nD1,2026-10-06,1000\nD1,2026-10-07,1.23457E+11\nD2,2026-10-08,$2.5e3\nD2,2026-10-09,12.50\n",
	}
	p := program(t, "[input.payments.columns]\ndeal = \"Deal ID\"\ndate = \"Date\"\namount = \"Amount\"\n", files)
	var probs diag.List
	pays := ReadPayments(p.Payments, "payments.csv", &probs)
	var got []string
	for _, x := range pays {
		got = append(got, x.Deal+"="+x.Amount.String())
	}
	if strings.Join(got, " ") != "D1=1000 D2=12.5" {
		t.Errorf("payments read: %q", got)
	}
	want := []string{
		`payments.csv row 3 column "Amount": "1.23457E+11" is written in scientific notation, so the digits it does not show are lost (a spreadsheet writes a large number so when it saves a CSV file); format the column as a number without an exponent (0.00) and export again, or read the .xlsx workbook`,
		`payments.csv row 4 column "Amount": "2.5e3" is written in scientific notation`,
	}
	checkProblems(t, &probs, want)

	probs = diag.List{}
	deals := ReadDeals(p.Deals, "deals.csv", &probs)
	if len(deals) != 2 || !deals[0].Value.IsZero() || deals[1].Value.String() != "2500" {
		t.Errorf("deals %+v", deals)
	}
	checkProblems(t, &probs, []string{`deals.csv row 2 column "value": "1.5E+3" is written in scientific notation`})

	// A number cell stored as 1.23457E+11 is that number, exactly: read as it is.
	path := filepath.Join(t.TempDir(), "payments.xlsx")
	f := excelize.NewFile()
	f.SetSheetRow("Sheet1", "A1", &[]any{"Deal ID", "Date", "Amount"})
	f.SetSheetRow("Sheet1", "A2", &[]any{"D1", "2026-10-06", 1.23457e11})
	if err := f.SaveAs(path); err != nil {
		t.Fatal(err)
	}
	in := domain.PaymentsInput{File: path, Columns: map[string]string{"deal": "Deal ID", "date": "Date", "amount": "Amount"}, Money: p.Payments.Money}
	probs = diag.List{}
	pays = ReadPayments(in, "payments.xlsx", &probs)
	if probs.HasErrors() || len(pays) != 1 || pays[0].Amount.String() != "123457000000" {
		t.Errorf("number cell: %+v, %v", pays, probs.All())
	}
}

// checkProblems fails unless the problems are, in order, the wanted messages or start
// with them.
func checkProblems(t *testing.T, probs *diag.List, want []string) {
	t.Helper()
	all := diag.Sorted(probs.All())
	if len(all) != len(want) {
		t.Fatalf("problems %q, want %q", all, want)
	}
	for i, w := range want {
		if g := all[i].String(); !strings.HasPrefix(g, w) {
			t.Errorf("problem %d:\n got %s\nwant %s", i, g, w)
		}
	}
}
