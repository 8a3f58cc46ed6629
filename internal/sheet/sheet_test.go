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
	// Text in scientific notation has lost the digits it does not show; a number cell's
	// exponent (Amount) has not.
	for _, sci := range []string{"1.23457E+11", "1.5E-3", "2e3", "-4.1E+07"} {
		if a, err := AmountText(sci); err == nil || !strings.Contains(err.Error(), "scientific notation") {
			t.Errorf("AmountText(%q) = %s, %v; want refused", sci, a, err)
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

// In a sheet whose text amounts use a decimal comma, "1,000" may be one, not a
// thousand: refused where it is read after the decimal comma, and reported at its row
// when read before it (the first 100 each, the rest counted).
func TestCommaThousandsInADecimalCommaSheet(t *testing.T) {
	var b strings.Builder
	b.WriteString("Amount\n")
	for range 103 {
		b.WriteString("\"1,000\"\n") // rows 2 to 104
	}
	b.WriteString("\"12,50\"\n\"$2,500\"\n\"3,000.00\"\n") // rows 105, 106, 107
	path := filepath.Join(t.TempDir(), "pay.csv")
	if err := os.WriteFile(path, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	tb, err := Open(path, "pay.csv", "")
	if err != nil {
		t.Fatal(err)
	}
	defer tb.Close()
	var probs diag.List
	read := map[int]string{}
	tb.Each(&probs, func() {
		a, err := tb.AmountCell(0)
		if err != nil {
			probs.Errorf(tb.Pos(0), "%v", err)
			return
		}
		read[tb.Row()] = a.String()
	})
	var errs []string
	for _, p := range diag.Sorted(probs.Errors()) {
		errs = append(errs, p.String())
	}
	if len(errs) != 103 {
		t.Fatalf("%d errors, want 100 + 1 for the rows before the decimal comma, and 2 after:\n%s", len(errs), strings.Join(errs, "\n"))
	}
	want := []string{
		`pay.csv row 2 column "Amount": "1,000" is ambiguous: the file writes amounts with a decimal comma (row 105 column "Amount": "12,50"), so it may be 1.000 rather than 1000; write it without a thousands separator, with a decimal point (1000.00 or 1.00), or export the amounts with a decimal point`,
		`pay.csv row 101 column "Amount": "1,000" is ambiguous`,
		`pay.csv row 101 column "Amount": 3 more amounts after this one, before row 105, have a comma before three digits and are ambiguous too`,
		`pay.csv row 105 column "Amount": "12,50" is not an amount`,
		`pay.csv row 106 column "Amount": "$2,500" is ambiguous: the file writes amounts with a decimal comma (row 105 column "Amount": "12,50"), so it may be 2.500 rather than 2500; write it without a thousands separator, with a decimal point (2500.00 or 2.50)`,
	}
	for i, w := range want {
		j := map[int]int{0: 0, 1: 99, 2: 100, 3: 101, 4: 102}[i]
		if !strings.HasPrefix(errs[j], w) {
			t.Errorf("error %d:\n%s\nwant it to start\n%s", j, errs[j], w)
		}
	}
	// "3,000.00" has a decimal point: a thousands separator whatever the file.
	if read[107] != "3000" {
		t.Errorf("row 107 read %q, want 3000", read[107])
	}
}
