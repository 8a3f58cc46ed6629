package xlsxstream

import (
	"errors"
	"fmt"
	"slices"
	"testing"

	"github.com/xuri/excelize/v2"
)

// streamHidden is what this package reads of the rows and columns a sheet hides: the
// numbers of the hidden rows it hands out, and the hidden columns, each listed.
func streamHidden(path, sheet string) (rows, cols []int, last int, err error) {
	b, err := Open(path)
	if err != nil {
		return nil, nil, 0, err
	}
	defer b.Close()
	r, err := b.Rows(sheet)
	if err != nil {
		return nil, nil, 0, err
	}
	defer r.Close()
	for _, c := range r.HiddenColumns() {
		for i := c[0]; i <= c[1] && i <= 64; i++ {
			cols = append(cols, i)
		}
	}
	for r.Next() {
		last = r.Row()
		if r.Hidden() {
			rows = append(rows, r.Row())
		}
	}
	slices.Sort(cols)
	return rows, slices.Compact(cols), last, r.Err()
}

// excelizeHidden is the same as excelize reads it (GetRowVisible, GetColVisible), for
// rows up to last and the first 64 columns; ok is false when excelize cannot read the
// whole sheet that way (its row iterator may still read it).
func excelizeHidden(path, sheet string, last int) (rows, cols []int, ok bool) {
	f, err := excelize.OpenFile(path)
	if err != nil {
		return nil, nil, false
	}
	defer f.Close()
	for r := 1; r <= last; r++ {
		v, err := f.GetRowVisible(sheet, r)
		if err != nil {
			return nil, nil, false
		}
		if !v {
			rows = append(rows, r)
		}
	}
	for c := 1; c <= 64; c++ {
		name, _ := excelize.ColumnNumberToName(c)
		v, err := f.GetColVisible(sheet, name)
		if err != nil {
			return nil, nil, false
		}
		if !v {
			cols = append(cols, c)
		}
	}
	return rows, cols, true
}

// sameHidden fails unless this package and excelize agree on the hidden rows and
// columns of a sheet this package reads without error.
func sameHidden(t *testing.T, path, sheet string) {
	t.Helper()
	rows, cols, last, err := streamHidden(path, sheet)
	var oe *OrderError
	if errors.Is(err, ErrUnsupported) || errors.As(err, &oe) {
		return
	}
	if err != nil {
		t.Fatalf("%s %q: %v", path, sheet, err)
	}
	wrows, wcols, ok := excelizeHidden(path, sheet, last)
	if !ok {
		return
	}
	if !slices.Equal(rows, wrows) || !slices.Equal(cols, wcols) {
		t.Fatalf("%s %q: hidden rows %v columns %v, excelize %v and %v", path, sheet, rows, cols, wrows, wcols)
	}
}

var hiddenSheets = []string{
	sheetHead + `<row r="1"><c r="A1" t="s"><v>0</v></c></row><row r="2" hidden="1"><c r="A2"><v>1</v></c></row><row r="3" hidden="0"><c r="A3"><v>2</v></c></row><row r="4" hidden="true" customHeight="1" ht="0"><c r="A4"><v>3</v></c></row><row r="6" hidden="false"/><row r="7" hidden="1"/>` + sheetTail,
	`<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><cols><col min="2" max="3" width="0" hidden="1" customWidth="1"/><col min="5" max="5" hidden="0"/><col min="7" max="9" hidden="true"/></cols><sheetData><row r="1" spans="1:3" hidden="1"><c r="A1"><v>1</v></c></row><row r="2"><c r="C2"><v>2</v></c></row></sheetData><autoFilter ref="A1:C2"/></worksheet>`,
	sheetHead + `<row r="1" hidden="yes"><c r="A1"><v>1</v></c></row>` + sheetTail,
	sheetHead + `<row r="1" hidden="1" hidden="0"><c r="A1"><v>1</v></c></row>` + sheetTail,
	`<worksheet><cols><col min="x" max="2" hidden="1"/></cols><sheetData/></worksheet>`,
}

func TestHiddenRowsAndColumnsMatchExcelize(t *testing.T) {
	for i, s := range hiddenSheets {
		t.Run(fmt.Sprint(i), func(t *testing.T) { sameHidden(t, handBook(t, s, testSST), "Data") })
	}
	// What each reads: rows 2, 4 and 7 and columns B, C, G to I hidden.
	rows, cols, _, err := streamHidden(handBook(t, hiddenSheets[0], testSST), "Data")
	if err != nil || !slices.Equal(rows, []int{2, 4, 7}) || cols != nil {
		t.Errorf("rows %v cols %v, %v", rows, cols, err)
	}
	rows, cols, _, err = streamHidden(handBook(t, hiddenSheets[1], testSST), "Data")
	if err != nil || !slices.Equal(rows, []int{1}) || !slices.Equal(cols, []int{2, 3, 7, 8, 9}) {
		t.Errorf("rows %v cols %v, %v", rows, cols, err)
	}
	for _, s := range hiddenSheets[2:] {
		if _, _, _, err := streamHidden(handBook(t, s, testSST), "Data"); !errors.Is(err, ErrUnsupported) {
			t.Errorf("%s: %v, want ErrUnsupported", s, err)
		}
	}
	// Rows hidden by excelize itself, as a filter or a user hides them.
	f := excelize.NewFile()
	for r := 1; r <= 6; r++ {
		f.SetCellValue("Sheet1", fmt.Sprintf("A%d", r), r)
	}
	f.SetRowVisible("Sheet1", 3, false)
	f.SetRowVisible("Sheet1", 5, false)
	f.SetColVisible("Sheet1", "B:C", false)
	f.AutoFilter("Sheet1", "A1:A6", nil)
	path := t.TempDir() + "/x.xlsx"
	if err := f.SaveAs(path); err != nil {
		t.Fatal(err)
	}
	sameHidden(t, path, "Sheet1")
	if rows, cols, _, err := streamHidden(path, "Sheet1"); err != nil || !slices.Equal(rows, []int{3, 5}) || !slices.Equal(cols, []int{2, 3}) {
		t.Errorf("excelize-written: rows %v cols %v, %v", rows, cols, err)
	}
}

// FuzzHidden reads fuzzed rows with hidden attributes: what the reader reads without
// error must hide the rows excelize hides.
func FuzzHidden(f *testing.F) {
	for _, s := range hiddenSheets {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, sheet string) {
		sameHidden(t, handBook(t, sheet, testSST), "Data")
	})
}
