// Package sheet reads a worksheet (.xlsx, or .csv) row by row behind a header, so
// every value it hands out knows its file, sheet, row and column.
package sheet

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/partnerbook/partnerbook/internal/civil"
	"github.com/partnerbook/partnerbook/internal/diag"
	"github.com/partnerbook/partnerbook/internal/money"
)

var floatRe = regexp.MustCompile(`^-?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$`)

// unzipLimit caps how far a workbook may inflate: a real export is a few MB, and a
// crafted zip bomb must fail fast instead of filling the disk.
const unzipLimit = 1 << 30

// table is a sheet read row by row, with its header resolved.
type Table struct {
	file     string // as shown in messages
	sheet    string
	date1904 bool
	headers  []string       // as written
	index    map[string]int // lower-case trimmed header -> column
	rows     rowSource
	row      int // 1-based row number of the current row
	cur      []string
	closer   func()
}

type rowSource interface {
	Next() bool
	Columns() ([]string, error)
}

// Open reads the header of the named sheet (or the first sheet).
func Open(path, display, sheet string) (*Table, error) {
	name := display
	if strings.EqualFold(filepath.Ext(path), ".csv") {
		return openCSV(path, name)
	}
	f, err := excelize.OpenFile(path, excelize.Options{RawCellValue: true, UnzipSizeLimit: unzipLimit, UnzipXMLSizeLimit: unzipLimit / 4})
	if err != nil {
		var pe *os.PathError
		if errors.As(err, &pe) {
			return nil, fmt.Errorf("%s: cannot open: %v", name, pe.Err)
		}
		return nil, fmt.Errorf("%s: not a readable .xlsx workbook (%v)", name, err)
	}
	sheets := f.GetSheetList()
	if sheet == "" {
		if len(sheets) == 0 {
			f.Close()
			return nil, fmt.Errorf("%s: the workbook has no sheets", name)
		}
		sheet = sheets[0]
	}
	found := false
	for _, s := range sheets {
		if s == sheet {
			found = true
		}
	}
	if !found {
		f.Close()
		return nil, fmt.Errorf("%s: no sheet %q (sheets: %s)", name, sheet, quoteList(sheets))
	}
	props, err := f.GetWorkbookProps()
	if err != nil {
		f.Close()
		return nil, fmt.Errorf("%s: not a readable .xlsx workbook (%v)", name, err)
	}
	rows, err := f.Rows(sheet)
	if err != nil {
		f.Close()
		return nil, fmt.Errorf("%s: sheet %q cannot be read (%v)", name, sheet, err)
	}
	t := &Table{file: name, sheet: sheet, rows: xlsxRows{rows}, closer: func() { rows.Close(); f.Close() }}
	if props.Date1904 != nil && *props.Date1904 {
		t.date1904 = true
	}
	return t, t.readHeader()
}

type xlsxRows struct{ r *excelize.Rows }

func (x xlsxRows) Next() bool                 { return x.r.Next() }
func (x xlsxRows) Columns() ([]string, error) { return x.r.Columns() }

type csvRows struct {
	r   *csv.Reader
	cur []string
	err error
}

func (c *csvRows) Next() bool {
	c.cur, c.err = c.r.Read()
	return c.err == nil
}

func (c *csvRows) Columns() ([]string, error) { return c.cur, nil }

func openCSV(path, name string) (*Table, error) {
	fh, err := os.Open(path)
	if err != nil {
		var pe *os.PathError
		if errors.As(err, &pe) {
			err = pe.Err
		}
		return nil, fmt.Errorf("%s: cannot open: %v", name, err)
	}
	r := csv.NewReader(fh)
	r.FieldsPerRecord = -1
	src := &csvRows{r: r}
	t := &Table{file: name, rows: src, closer: func() { fh.Close() }}
	if err := t.readHeader(); err != nil {
		return nil, err
	}
	if src.err != nil && src.err != io.EOF {
		t.Close()
		return nil, fmt.Errorf("%s: %v", name, src.err)
	}
	return t, nil
}

// readHeader takes the first non-empty row as the header.
func (t *Table) readHeader() error {
	for t.rows.Next() {
		t.row++
		cols, err := t.rows.Columns()
		if err != nil {
			t.Close()
			return fmt.Errorf("%s: row %d cannot be read (%v)", t.where(), t.row, err)
		}
		if blank(cols) {
			continue
		}
		// A CSV saved by Excel starts with a byte-order mark; it is not part of the header.
		cols[0] = strings.TrimPrefix(cols[0], "\ufeff")
		t.headers = cols
		t.index = map[string]int{}
		for i, h := range cols {
			k := Norm(h)
			if _, dup := t.index[k]; !dup && k != "" {
				t.index[k] = i
			}
		}
		return nil
	}
	t.Close()
	return fmt.Errorf("%s: the sheet is empty (no header row)", t.where())
}

func (t *Table) where() string {
	if t.sheet == "" {
		return t.file
	}
	return fmt.Sprintf("%s: sheet %q", t.file, t.sheet)
}

// Headers is the header row as written.
func (t *Table) Headers() []string { return append([]string(nil), t.headers...) }

// Current is the current row's cells.
func (t *Table) Current() []string { return t.cur }

// Row is the 1-based number of the current row.
func (t *Table) Row() int { return t.row }

// Sheet is the sheet being read ("" for CSV).
func (t *Table) Sheet() string { return t.sheet }

// Close releases the workbook and its temporary files.
func (t *Table) Close() {
	if t.closer != nil {
		t.closer()
		t.closer = nil
	}
}

// Norm is how headers and CRM words are compared: trimmed and lower-case.
func Norm(s string) string {
	return strings.ToLower(strings.TrimSpace(strings.TrimPrefix(s, "\ufeff")))
}

func blank(cols []string) bool {
	for _, c := range cols {
		if strings.TrimSpace(c) != "" {
			return false
		}
	}
	return true
}

// Column resolves a header; ok is false when the sheet lacks it.
func (t *Table) Column(header string) (int, bool) {
	i, ok := t.index[Norm(header)]
	return i, ok
}

// Resolve finds the columns of a mapping (logical name -> header); headers the sheet
// lacks are one error that lists the headers it has, so a typo is easy to spot.
func (t *Table) Resolve(probs *diag.List, cols map[string]string, required []string, optional []string) map[string]int {
	out := map[string]int{}
	var absent []string
	for _, k := range append(append([]string{}, required...), optional...) {
		h := cols[k]
		if h == "" {
			continue
		}
		if i, ok := t.Column(h); ok {
			out[k] = i
		} else {
			absent = append(absent, fmt.Sprintf("%q (%s)", h, k))
		}
	}
	if len(absent) > 0 {
		probs.Errorf(diag.Pos{File: t.file, Sheet: t.sheet, Row: t.row},
			"column %s not found; the header row has: %s", strings.Join(absent, ", "), quoteList(t.headers))
	}
	return out
}

func quoteList(xs []string) string {
	q := make([]string, 0, len(xs))
	for _, x := range xs {
		if strings.TrimSpace(x) != "" {
			q = append(q, strconv.Quote(x))
		}
	}
	return strings.Join(q, ", ")
}

// Next moves to the next data row; it stops at footers such as Salesforce's
// "Grand Totals (12 records)" so report trailers are not read as deals.
func (t *Table) Next() (bool, error) {
	for t.rows.Next() {
		t.row++
		cols, err := t.rows.Columns()
		if err != nil {
			return false, fmt.Errorf("%s: row %d cannot be read (%v)", t.where(), t.row, err)
		}
		if blank(cols) {
			continue
		}
		first := ""
		for _, c := range cols {
			if strings.TrimSpace(c) != "" {
				first = strings.ToLower(strings.TrimSpace(c))
				break
			}
		}
		if strings.HasPrefix(first, "grand total") || strings.HasPrefix(first, "confidential") || strings.HasPrefix(first, "copyright") {
			return false, nil
		}
		t.cur = cols
		return true, nil
	}
	if c, ok := t.rows.(*csvRows); ok && c.err != nil && c.err != io.EOF {
		return false, fmt.Errorf("%s: row %d: %v", t.where(), t.row+1, c.err)
	}
	return false, nil
}

// Pos is the place of a column of the current row (-1: the row itself).
func (t *Table) Pos(col int) diag.Pos {
	p := diag.Pos{File: t.file, Sheet: t.sheet, Row: t.row}
	if col >= 0 && col < len(t.headers) {
		p.Column = strings.TrimSpace(t.headers[col])
	}
	return p
}

// Cell is the trimmed text of a column of the current row ("" if absent).
func (t *Table) Cell(cols map[string]int, key string) (string, int) {
	i, ok := cols[key]
	if !ok {
		return "", -1
	}
	if i >= len(t.cur) {
		return "", i
	}
	return strings.TrimSpace(t.cur[i]), i
}

// Date reads a real Excel date (a serial number), an ISO date or timestamp, or text
// in the export's date_format. Timestamps keep their calendar day as written (GoHighLevel
// writes UTC), because a won date is a day on the contract, not an instant.
func (t *Table) Date(s, layout string) (civil.Date, error) {
	if f, err := strconv.ParseFloat(s, 64); err == nil {
		if f < 1 || f > 2958465 {
			return civil.Date{}, fmt.Errorf("%q is not a date", s)
		}
		tm, err := excelize.ExcelDateToTime(f, t.date1904)
		if err != nil {
			return civil.Date{}, fmt.Errorf("%q is not a date", s)
		}
		// Serials with a time part can land a hair before midnight; round to the nearest second.
		return civil.Of(tm.Round(time.Second)), nil
	}
	for _, l := range []string{"2006-01-02", time.RFC3339, "2006-01-02T15:04:05", "2006-01-02 15:04:05", "2006-01-02T15:04:05.000Z", "2006-01-02 15:04"} {
		if tm, err := time.Parse(l, s); err == nil {
			return civil.Of(tm), nil
		}
	}
	if layout != "" {
		if tm, err := time.Parse(layout, s); err == nil {
			return civil.Of(tm), nil
		}
		return civil.Date{}, fmt.Errorf("%q is not a date (expected YYYY-MM-DD or the date_format %q)", s, layout)
	}
	return civil.Date{}, fmt.Errorf("%q is not a date (expected YYYY-MM-DD, a real Excel date, or set date_format)", s)
}

// Amount reads a money cell: a number, or text such as "1,234.50" or "$1,234.50".
func Amount(s string) (money.Amount, error) {
	if a, err := money.ParseAmount(s); err == nil {
		digits := strings.TrimLeft(strings.NewReplacer("-", "", ".", "").Replace(s), "0")
		if len(digits) <= 15 {
			return a, nil
		}
	}
	// A number cell stored with an exponent (1.5E-3) is still a number; hex or "Inf" is not.
	if floatRe.MatchString(s) {
		if f, err := strconv.ParseFloat(s, 64); err == nil {
			return money.FromFloat(f)
		}
	}
	return money.Amount{}, fmt.Errorf("%q is not an amount", s)
}

// Each calls fn for every data row. A row that cannot be read is reported to probs and
// ends the sheet.
func (t *Table) Each(probs *diag.List, fn func()) {
	for {
		more, err := t.Next()
		if err != nil {
			probs.Errorf(diag.Pos{}, "%v", err)
			return
		}
		if !more {
			return
		}
		fn()
	}
}
