package ledger

import (
	"fmt"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/partnerbook/partnerbook/internal/book"
)

// The streaming read of a workbook's sheets and Summary gives what excelize gives.
func TestSheetsAndSummaryMatchExcelize(t *testing.T) {
	path := "../../sample-data/ledger/payouts-2026-09.xlsx"
	has, summary, err := sheetsAndSummary(path, nil)
	if err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenFile(path, excelize.Options{RawCellValue: true})
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	want, err := f.GetRows(book.SummarySheet)
	if err != nil {
		t.Fatal(err)
	}
	if len(has) != len(f.GetSheetList()) || !has[book.SealSheet] || !has[book.LinesSheet] {
		t.Errorf("sheets %v, want %v", has, f.GetSheetList())
	}
	if len(summary) != len(want) || len(summary) < 10 {
		t.Fatalf("%d Summary rows, want %d", len(summary), len(want))
	}
	for i := range want {
		if fmt.Sprint(summary[i]) != fmt.Sprint(want[i]) && !(len(summary[i]) == 0 && len(want[i]) == 0) {
			t.Errorf("Summary row %d: %q, want %q", i+1, summary[i], want[i])
		}
	}
}
