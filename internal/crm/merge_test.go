package crm

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/partnerbook/partnerbook/internal/diag"
)

// A deals workbook whose "Partner: Acme" tags cell is merged over three deals shows
// the tag on all three in a spreadsheet, but the file holds it on the first only:
// reading it would leave two deals unattributed without a word. It is refused, naming
// the range and how to unmerge it.
func TestMergedTagsCellIsRefused(t *testing.T) {
	p := program(t, "", map[string]string{"deals.csv": dealsHeader, "payments.csv": "Deal ID,Date,Amount\n"})
	f := excelize.NewFile()
	defer f.Close()
	rows := [][]any{
		{"id", "name", "client", "stage", "status", "value", "currency", "created", "closed", "tags"},
		{"D1", "Deal one", "ClientA", "Won", "won", 1000, "USD", "2026-08-01", "2026-09-10", "Partner: Acme"},
		{"D3", "Deal three", "ClientC", "Won", "won", 3000, "USD", "2026-08-01", "2026-09-12"},
		{"D4", "Deal four", "ClientD", "Won", "won", 4000, "USD", "2026-08-01", "2026-09-13"},
		{"D2", "Deal two", "ClientB", "Won", "won", 2000, "USD", "2026-08-01", "2026-09-15", "Partner: Beta"},
	}
	for i, r := range rows {
		cell, _ := excelize.CoordinatesToCellName(1, i+1)
		f.SetSheetRow("Sheet1", cell, &r)
	}
	if err := f.MergeCell("Sheet1", "J2", "J4"); err != nil {
		t.Fatal(err)
	}
	p.Deals.File = filepath.Join(t.TempDir(), "deals.xlsx")
	if err := f.SaveAs(p.Deals.File); err != nil {
		t.Fatal(err)
	}
	var probs diag.List
	ReadDeals(p.Deals, "deals.xlsx", &probs)
	got := messages(&probs)
	if len(got) != 1 || !strings.HasPrefix(got[0], `deals.xlsx: sheet "Sheet1" row 2 column "tags": cells J2:J4 are merged`) || !probs.HasErrors() {
		t.Errorf("problems: %q", got)
	}
}
