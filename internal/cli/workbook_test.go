package cli

import (
	"bytes"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/partnerbook/partnerbook/internal/book"
)

func runOK(t *testing.T, args ...string) string {
	t.Helper()
	code, stdout, stderr := cli(args...)
	if code != 0 {
		t.Fatalf("%v: exit %d\nstdout:\n%s\nstderr:\n%s", args, code, stdout, stderr)
	}
	return stdout + stderr
}

func openBook(t *testing.T, path string) *excelize.File {
	t.Helper()
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { f.Close() })
	return f
}

// rowOf finds the row (1-based) whose first cell is id.
func rowOf(t *testing.T, f *excelize.File, sheet, id string) int {
	t.Helper()
	rows, err := f.GetRows(sheet)
	must(t, err)
	for i, r := range rows {
		if len(r) > 0 && r[0] == id {
			return i + 1
		}
	}
	t.Fatalf("no row %q in %s", id, sheet)
	return 0
}

func cellAt(t *testing.T, f *excelize.File, sheet string, col int, row int) (raw string, typ excelize.CellType) {
	t.Helper()
	name, _ := excelize.CoordinatesToCellName(col, row)
	raw, err := f.GetCellValue(sheet, name, excelize.Options{RawCellValue: true})
	must(t, err)
	typ, err = f.GetCellType(sheet, name)
	must(t, err)
	return raw, typ
}

func colOf(t *testing.T, header []string, name string) int {
	for i, h := range header {
		if h == name {
			return i + 1
		}
	}
	t.Fatalf("no column %q", name)
	return 0
}

func TestWorkbookCells(t *testing.T) {
	cfg := goodFixture().write(t)
	out := filepath.Join(t.TempDir(), "out")
	runOK(t, "run", "-c", cfg, "--out", out)
	f := openBook(t, filepath.Join(out, "2026-10", "payouts.xlsx"))

	if got := f.GetSheetList(); strings.Join(got, ",") != "Payouts,Lines,Summary,Seal" {
		t.Errorf("sheets %v", got)
	}
	// The seal is hidden: finance sees the three sheets it works with.
	if visible, err := f.GetSheetVisible(book.SealSheet); err != nil || visible {
		t.Errorf("Seal sheet visible = %v (%v), want hidden", visible, err)
	}
	rows, _ := f.GetRows(book.PayoutsSheet)
	if strings.Join(rows[0], "|") != strings.Join(book.PayoutColumns, "|") {
		t.Errorf("Payouts header %q", rows[0])
	}
	r := rowOf(t, f, book.PayoutsSheet, "PB-2026-10-acme")
	amount, typ := cellAt(t, f, book.PayoutsSheet, colOf(t, book.PayoutColumns, book.Amount), r)
	// 10% of 12,000.50 + 10% of 900 = 1,200.05 + 90.00.
	// A cell without a type attribute is a number in SpreadsheetML.
	if amount != "1290.05" || (typ != excelize.CellTypeNumber && typ != excelize.CellTypeUnset) {
		t.Errorf("acme Amount = %q (%v), want number 1290.05", amount, typ)
	}
	shown, _ := f.GetCellValue(book.PayoutsSheet, "K"+itoa(r))
	if shown != "$1,290.05" {
		t.Errorf("acme Amount shows %q, want $1,290.05", shown)
	}
	due, _ := cellAt(t, f, book.PayoutsSheet, colOf(t, book.PayoutColumns, book.DueDate), r)
	if due != "46356" { // 2026-11-30 as an Excel serial
		t.Errorf("Due date raw %q, want serial 46356", due)
	}
	if shownDue, _ := f.GetCellValue(book.PayoutsSheet, "M"+itoa(r)); shownDue != "2026-11-30" {
		t.Errorf("Due date shows %q", shownDue)
	}
	lr := rowOf(t, f, book.PayoutsSheet, "PB-2026-10-lodz")
	if st, _ := f.GetCellValue(book.PayoutsSheet, "L"+itoa(lr)); st != string(book.StatusReceivable) {
		t.Errorf("lodz status %q", st)
	}
	if name, _ := f.GetCellValue(book.PayoutsSheet, "C"+itoa(lr)); name != "Łódź Analytics" {
		t.Errorf("lodz name %q", name)
	}

	// A client name that looks like a formula is stored as text.
	lrow := rowOf(t, f, book.LinesSheet, "acme:D4:referral")
	cl := colOf(t, book.LineColumns, book.Client)
	cell, _ := excelize.CoordinatesToCellName(cl, lrow)
	if formula, _ := f.GetCellFormula(book.LinesSheet, cell); formula != "" {
		t.Errorf("client cell holds the formula %q", formula)
	}
	if v, typ := cellAt(t, f, book.LinesSheet, cl, lrow); v != "=cmd|' /C calc'!A0" || (typ != excelize.CellTypeSharedString && typ != excelize.CellTypeInlineString) {
		t.Errorf("client cell %q (%v), want the text", v, typ)
	}

	// Header frozen and filtered on both sheets.
	for _, s := range []string{book.PayoutsSheet, book.LinesSheet} {
		panes, err := f.GetPanes(s)
		must(t, err)
		if !panes.Freeze || panes.YSplit != 1 {
			t.Errorf("%s header not frozen: %+v", s, panes)
		}
	}
	if !bytes.Contains(sheetXML(t, filepath.Join(out, "2026-10", "payouts.xlsx"), "xl/worksheets/sheet2.xml"), []byte("<autoFilter")) {
		t.Errorf("Payouts sheet has no autofilter")
	}
}

func itoa(n int) string { return strconv.Itoa(n) }

func TestRunIsByteIdentical(t *testing.T) {
	cfg := goodFixture().write(t)
	a := filepath.Join(t.TempDir(), "a")
	b := filepath.Join(t.TempDir(), "b")
	runOK(t, "run", "-c", cfg, "--out", a)
	runOK(t, "run", "-c", cfg, "--out", b)
	runOK(t, "run", "-c", cfg, "--out", b) // a re-run replaces the folder
	for _, name := range []string{"payouts.xlsx", "manifest.json"} {
		x, _ := os.ReadFile(filepath.Join(a, "2026-10", name))
		y, _ := os.ReadFile(filepath.Join(b, "2026-10", name))
		if len(x) == 0 || !bytes.Equal(x, y) {
			t.Errorf("%s differs between identical runs (%d vs %d bytes)", name, len(x), len(y))
		}
	}
	if got := outDirs(t, b); len(got) != 1 {
		t.Errorf("out holds %v after a re-run, want only 2026-10", got)
	}
}
