package crm

import (
	"fmt"
	"path/filepath"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/partnerbook/partnerbook/internal/diag"
	"github.com/partnerbook/partnerbook/internal/domain"
)

// An amount with more decimal places than its currency's minor unit is refused at its
// row and column: the fees would be computed on a value no statement shows. The
// currency is the row's own (a JPY deal in a USD program has no decimals), and zeros
// that end the decimals do not count.
func TestAmountsBeyondTheMinorUnitAreRefused(t *testing.T) {
	files := map[string]string{
		"deals.csv": dealsHeader +
			"D1,,C1,,won,1004.455,USD,2026-10-01,2026-10-05,\n" +
			"D2,,C2,,won,1005.5,JPY,2026-10-01,2026-10-05,\n" +
			"D3,,C3,,won,¥1005,JPY,2026-10-01,2026-10-05,\n" +
			"D4,,C4,,won,1000.125,EUR,2026-10-01,2026-10-05,\n" +
			"D5,,C5,,won,1004.450,USD,2026-10-01,2026-10-05,\n" +
			"D6,,C6,,won,1000.12,EUR,2026-10-01,2026-10-05,\n",
		"payments.csv": "Deal ID,Date,Amount\nD1,2026-10-06,1100.001\nD5,2026-10-07,$1.5\n",
	}
	p := program(t, "[input.payments.columns]\ndeal = \"Deal ID\"\ndate = \"Date\"\namount = \"Amount\"\n\n[fx.JPY]\n\"2026-10\" = \"0.0067\"\n", files)
	var probs diag.List
	deals := ReadDeals(p.Deals, "deals.csv", &probs)
	checkProblems(t, &probs, []string{
		`deals.csv row 2 column "value": "1004.455" has 3 decimal places, but USD amounts have 2 decimal places: round it in the sheet (=ROUND(...,2)) or write it so`,
		`deals.csv row 3 column "value": "1005.5" has 1 decimal place, but JPY amounts have no decimal places: round it in the sheet (=ROUND(...,0)) or write it so`,
		`deals.csv row 5 column "value": "1000.125" has 3 decimal places, but EUR amounts have 2 decimal places`,
	})
	got := map[string]string{}
	for _, d := range deals {
		got[d.ID] = d.Value.String()
	}
	for id, want := range map[string]string{"D3": "6.73", "D5": "1004.45", "D6": "1072.63"} { // ¥1005 × 0.0067 = 6.7335 rounds to 6.73; €1000.12 × 1.0725 = 1072.6287
		if got[id] != want {
			t.Errorf("deal %s value %q, want %s", id, got[id], want)
		}
	}

	probs = diag.List{}
	pays := ReadPayments(p.Payments, "payments.csv", &probs)
	checkProblems(t, &probs, []string{`payments.csv row 2 column "Amount": "1100.001" has 3 decimal places, but USD amounts have 2 decimal places`})
	if len(pays) != 1 || pays[0].Amount.String() != "1.5" {
		t.Errorf("payments %+v", pays)
	}

	// Number cells, written with the 17 significant digits Excel stores: =1195.29/1.19
	// holds 1004.4453781512605 and shows 1004.45 formatted to two decimals; it is
	// refused. 1004.45 and the float noise of =1004.4+0.05 (1004.4499999999999) are read.
	path := filepath.Join(t.TempDir(), "payments.xlsx")
	f := excelize.NewFile()
	f.SetSheetRow("Sheet1", "A1", &[]any{"Deal ID", "Date", "Amount"})
	noise := 1004.4
	noise += 0.05
	for i, v := range []float64{1195.29 / 1.19, 1004.45, noise} {
		f.SetSheetRow("Sheet1", fmt.Sprintf("A%d", i+2), &[]any{"D1", fmt.Sprintf("2026-10-%02d", i+6)})
		if err := f.SetCellFloat("Sheet1", fmt.Sprintf("C%d", i+2), v, 13, 64); err != nil {
			t.Fatal(err)
		}
	}
	if err := f.SaveAs(path); err != nil {
		t.Fatal(err)
	}
	in := domain.PaymentsInput{File: path, Columns: map[string]string{"deal": "Deal ID", "date": "Date", "amount": "Amount"}, Money: p.Payments.Money}
	probs = diag.List{}
	pays = ReadPayments(in, "payments.xlsx", &probs)
	checkProblems(t, &probs, []string{`payments.xlsx: sheet "Sheet1" row 2 column "Amount": the cell holds 1004.4453781512605, but USD amounts have 2 decimal places: a sheet may show it rounded, yet it would be used unrounded; round it in the sheet (=ROUND(...,2)) or type the amount`})
	if len(pays) != 2 || pays[0].Amount.String() != "1004.45" || pays[1].Amount.String() != "1004.45" {
		t.Errorf("number cells: %+v", pays)
	}
}
