package ledger

import (
	"os"
	"path/filepath"
	"strconv"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/partnerbook/partnerbook/internal/book"
	"github.com/partnerbook/partnerbook/internal/diag"
	"github.com/partnerbook/partnerbook/internal/money"
)

// FuzzEditNeverPaysMore starts from a sealed workbook and edits one cell (the fuzzer
// chooses the sheet, row, column and new value, as text or as a number). Unless the
// edit is a Paid date or Payment reference, either the read is refused with an error
// or the issued lines and their amounts, and the carried lines, are unchanged: no edit
// makes more money payable.
func FuzzEditNeverPaysMore(f *testing.F) {
	dir := f.TempDir()
	orig := write(f, filepath.Join(dir, "orig.xlsx"), bookOf(f, "2026-09"))
	var probs diag.List
	base := Read([]string{orig}, month(f, "2026-10"), Display(dir), &probs)
	if probs.HasErrors() {
		f.Fatalf("the sealed workbook is refused: %v", probs.All())
	}
	data, err := os.ReadFile(orig)
	if err != nil {
		f.Fatal(err)
	}
	sheets := []string{book.PayoutsSheet, book.LinesSheet, book.SummarySheet, book.SealSheet}
	// Seeds name 0-based rows and columns: row 1 is acme's payout, column 11 its Status.
	f.Add(uint8(0), uint8(1), uint8(11), "carried forward", false) // acme's status
	f.Add(uint8(0), uint8(1), uint8(4), "2026-08", false)          // acme's period
	f.Add(uint8(0), uint8(2), uint8(1), "acme", false)             // lodz's partner id
	f.Add(uint8(1), uint8(1), uint8(8), "0", true)                 // a line amount
	f.Add(uint8(1), uint8(2), uint8(1), "PB-2026-09-lodz", false)  // a line's payout
	f.Add(uint8(2), uint8(6), uint8(2), "0", true)                 // Summary Due total
	f.Add(uint8(3), uint8(2), uint8(10), "1", false)               // the seal's amount
	f.Add(uint8(1), uint8(1), uint8(11), "renamed", false)         // a description
	f.Add(uint8(0), uint8(5), uint8(0), "PB-2026-09-new", false)   // an added row
	f.Fuzz(func(t *testing.T, sheetN, row, col uint8, value string, number bool) {
		sheet := sheets[int(sheetN)%len(sheets)]
		r, c := int(row)%12+1, int(col)%16+1
		if sheet == book.PayoutsSheet && r > 1 && (c == 14 || c == 15) {
			t.Skip("Paid date and Payment reference are finance's to edit")
		}
		path := filepath.Join(t.TempDir(), "sep.xlsx")
		if err := os.WriteFile(path, data, 0o644); err != nil {
			t.Fatal(err)
		}
		x, err := excelize.OpenFile(path)
		if err != nil {
			t.Fatal(err)
		}
		ref, _ := excelize.CoordinatesToCellName(c, r)
		if v, perr := strconv.ParseFloat(value, 64); number && perr == nil {
			err = x.SetCellFloat(sheet, ref, v, -1, 64)
		} else {
			err = x.SetCellStr(sheet, ref, value)
		}
		if err != nil {
			t.Skip(err)
		}
		if err := x.Save(); err != nil {
			t.Fatal(err)
		}
		x.Close()
		var probs diag.List
		l := Read([]string{path}, month(t, "2026-10"), Display(dir), &probs)
		if probs.HasErrors() {
			return // refused: nothing is paid from it
		}
		if l.IssuedCount() != base.IssuedCount() || l.CarriedCount() != base.CarriedCount() {
			t.Fatalf("%s!%s = %q: issued %v carried %v, was %v %v", sheet, ref, value, l.IssuedLines(), l.CarriedLines(), base.IssuedLines(), base.CarriedLines())
		}
		base.EachIssued(func(id, by string, a money.Amount) {
			if got := l.IssuedAmount(id); l.IssuedBy(id) == "" || !got.Equal(a) || l.IssuedBy(id) != by {
				t.Fatalf("%s!%s = %q: line %s issued %s by %q, was %s by %q", sheet, ref, value, id, got, l.IssuedBy(id), a, by)
			}
		})
		for _, id := range base.CarriedLines() {
			if l.CarriedBy(id) != base.CarriedBy(id) {
				t.Fatalf("%s!%s = %q: line %s carried by %q, was %q", sheet, ref, value, id, l.CarriedBy(id), base.CarriedBy(id))
			}
		}
	})
}
