package crm

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/partnerbook/partnerbook/internal/diag"
	"github.com/partnerbook/partnerbook/internal/domain"
)

// A payments or deals sheet with rows hidden by hand or by a filter is refused: the
// user may have hidden them to leave them out, yet the file holds them and they would
// count. A hidden column that is read is a warning.
func TestHiddenRowsInDealsAndPaymentsAreRefused(t *testing.T) {
	dir := t.TempDir()
	f := excelize.NewFile()
	f.SetSheetRow("Sheet1", "A1", &[]any{"Deal ID", "Date", "Amount"})
	f.SetSheetRow("Sheet1", "A2", &[]any{"D1", "2026-10-06", 1000})
	f.SetSheetRow("Sheet1", "A3", &[]any{"D1", "2026-10-07", 1000})
	f.SetSheetRow("Sheet1", "A4", &[]any{"D2", "2026-10-08", 2000})
	f.SetRowVisible("Sheet1", 3, false)
	pay := filepath.Join(dir, "payments.xlsx")
	if err := f.SaveAs(pay); err != nil {
		t.Fatal(err)
	}
	in := domain.PaymentsInput{File: pay, Columns: map[string]string{"deal": "Deal ID", "date": "Date", "amount": "Amount"}}
	in.Money.Currency = "USD"
	var probs diag.List
	ReadPayments(in, "payments.xlsx", &probs)
	checkProblems(t, &probs, []string{`payments.xlsx: sheet "Sheet1" row 3: this row is hidden in the sheet, by hand or by a filter: a hidden row may be meant to be left out, but the file still holds it. To have them read, unhide them`})
	if !probs.HasErrors() {
		t.Error("a hidden payment row is not an error")
	}

	g := excelize.NewFile()
	g.SetSheetRow("Sheet1", "A1", &[]any{"id", "name", "client", "stage", "status", "value", "created", "closed", "tags"})
	for i, id := range []string{"D1", "D2", "D3"} {
		cell, _ := excelize.CoordinatesToCellName(1, i+2)
		g.SetSheetRow("Sheet1", cell, &[]any{id, "n", "c", "Won", "won", 100, "2026-09-01", "2026-10-01", "Partner: Acme"})
	}
	g.SetRowVisible("Sheet1", 2, false)
	g.SetRowVisible("Sheet1", 4, false)
	g.SetColVisible("Sheet1", "I", false)
	g.AutoFilter("Sheet1", "A1:I4", nil)
	deals := filepath.Join(dir, "deals.xlsx")
	if err := g.SaveAs(deals); err != nil {
		t.Fatal(err)
	}
	din := domain.DealsInput{File: deals, Won: []string{"won"}, Lost: []string{"lost"}, Columns: map[string]string{"id": "id", "name": "name", "client": "client",
		"stage": "stage", "status": "status", "value": "value", "created": "created", "closed": "closed", "tags": "tags"}}
	din.Money.Currency = "USD"
	probs = diag.List{}
	ReadDeals(din, "deals.xlsx", &probs)
	checkProblems(t, &probs, []string{
		`deals.xlsx: sheet "Sheet1" row 1 column "tags": column I is hidden in the sheet but is read`,
		`deals.xlsx: sheet "Sheet1" row 2: 2 rows (2, 4) are hidden in the sheet, by hand or by a filter`,
	})
	for _, p := range probs.All() {
		if strings.Contains(p.String(), "column I") && p.Severity != diag.Warning {
			t.Errorf("a hidden column is more than a warning: %s", p)
		}
	}
}
