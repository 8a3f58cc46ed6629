package sheet

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/partnerbook/partnerbook/internal/diag"
	"github.com/partnerbook/partnerbook/internal/money"
)

func TestReadsRealDatesAndTextDates(t *testing.T) {
	path := filepath.Join(t.TempDir(), "report.xlsx")
	f := excelize.NewFile()
	rows := [][]any{
		{},
		{" Opportunity ID ", "Close Date", "Amount"},
		{"A", time.Date(2026, 10, 31, 0, 0, 0, 0, time.UTC), 1234.5},
		{"B", "2026-03-14T23:22:08Z", "$1,000.00"},
		{},
		{"C", "10/02/2026", 0.1 + 0.2},
	}
	for i, r := range rows {
		cell, _ := excelize.CoordinatesToCellName(1, i+1)
		if err := f.SetSheetRow("Sheet1", cell, &r); err != nil {
			t.Fatal(err)
		}
	}
	if err := f.SaveAs(path); err != nil {
		t.Fatal(err)
	}
	tb, err := Open(path, "report.xlsx", "")
	if err != nil {
		t.Fatal(err)
	}
	defer tb.Close()
	var probs diag.List
	cols := tb.Resolve(&probs, map[string]string{"id": "opportunity id", "date": "CLOSE DATE", "amount": "Amount"}, []string{"id", "date", "amount"}, nil)
	if probs.HasErrors() || len(cols) != 3 {
		t.Fatalf("resolve: %v %v", probs.All(), cols)
	}
	var got []string
	for {
		more, err := tb.Next()
		if err != nil {
			t.Fatal(err)
		}
		if !more {
			break
		}
		id, _ := tb.Cell(cols, "id")
		ds, _ := tb.Cell(cols, "date")
		d, err := tb.Date(ds, "01/02/2006")
		if err != nil {
			t.Fatalf("row %d: %v", tb.Row(), err)
		}
		_, ac := tb.Cell(cols, "amount")
		a, err := tb.AmountCell(ac)
		if err != nil {
			t.Fatalf("row %d: %v", tb.Row(), err)
		}
		got = append(got, fmt.Sprintf("%d:%s %s %s", tb.Row(), id, d, a))
	}
	want := "3:A 2026-10-31 1234.5|4:B 2026-03-14 1000|6:C 2026-10-02 0.3"
	if strings.Join(got, "|") != want {
		t.Errorf("rows %q, want %q", strings.Join(got, "|"), want)
	}
}

func TestMissingColumnListsHeaders(t *testing.T) {
	path := filepath.Join(t.TempDir(), "d.csv")
	os.WriteFile(path, []byte("\ufeffDeal ID,Date\nD1,2026-01-01\n"), 0o644)
	tb, err := Open(path, "d.csv", "")
	if err != nil {
		t.Fatal(err)
	}
	defer tb.Close()
	var probs diag.List
	tb.Resolve(&probs, map[string]string{"deal": "Deal ID", "amount": "Amount"}, []string{"deal", "amount"}, nil)
	errs := probs.Errors()
	if len(errs) != 1 || errs[0].String() != `d.csv row 1: column "Amount" (amount) not found; the header row has: "Deal ID", "Date"` {
		t.Errorf("errors %v", errs)
	}
}

func TestDateErrors(t *testing.T) {
	tb := &Table{}
	for _, bad := range []string{"2026-02-30", "31/12/2026", "yesterday", "0", "99999999"} {
		if _, err := tb.Date(bad, ""); err == nil {
			t.Errorf("Date(%q) accepted", bad)
		}
	}
	if d, err := tb.Date("45000", ""); err != nil || d.String() != "2023-03-15" {
		t.Errorf("serial 45000 = %s, %v", d, err)
	}
	tb.date1904 = true
	if d, err := tb.Date("45000", ""); err != nil || d.String() != "2027-03-16" {
		t.Errorf("1904 serial 45000 = %s, %v", d, err)
	}
}

func TestAmountCells(t *testing.T) {
	for in, want := range map[string]string{"1.5E-3": "0.0015", "1234.5600000000001": "1234.56", "$1,000.00": "1000", "-12": "-12"} {
		if a, err := Amount(in); err != nil || !a.Equal(money.MustAmount(want)) {
			t.Errorf("Amount(%q) = %s, %v; want %s", in, a, err, want)
		}
	}
	for _, bad := range []string{"0x1p4", "Inf", "NaN", "1e400", "12,5OO", "1_000"} {
		if a, err := Amount(bad); err == nil {
			t.Errorf("Amount(%q) = %s, want an error", bad, a)
		}
	}
}

func TestNotAWorkbook(t *testing.T) {
	path := filepath.Join(t.TempDir(), "x.xlsx")
	os.WriteFile(path, []byte("not a zip"), 0o644)
	if _, err := Open(path, "x.xlsx", ""); err == nil || !strings.Contains(err.Error(), "x.xlsx: not a readable .xlsx workbook") {
		t.Errorf("err %v", err)
	}
	if _, err := Open(filepath.Join(t.TempDir(), "none.xlsx"), "none.xlsx", ""); err == nil || !strings.Contains(err.Error(), "none.xlsx: cannot open") {
		t.Errorf("err %v", err)
	}
}

// Errors opening a sheet carry the file (and sheet) as a position, not inside the text.
func TestOpenErrorsArePositioned(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "deals.xlsx")
	f := excelize.NewFile()
	if err := f.SaveAs(path); err != nil {
		t.Fatal(err)
	}
	for name, open := range map[string]func() error{
		"missing file":  func() error { _, err := Open(filepath.Join(dir, "nope.xlsx"), "nope.xlsx", ""); return err },
		"missing sheet": func() error { _, err := Open(path, "deals.xlsx", "Deals"); return err },
	} {
		var probs diag.List
		probs.Err(open())
		errs := probs.Errors()
		if len(errs) != 1 || errs[0].Pos.File == "" || strings.Contains(errs[0].Msg, ".xlsx:") {
			t.Errorf("%s: %+v, want the file as the position", name, errs)
		}
	}
}
