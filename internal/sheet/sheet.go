// Package sheet reads a worksheet (.xlsx, or .csv) row by row behind a header, so
// every value it hands out knows its file, sheet, row and column.
package sheet

import (
	"errors"
	"fmt"
	"math"
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
	"github.com/partnerbook/partnerbook/internal/sheet/xlsxstream"
)

var floatRe = regexp.MustCompile(`^-?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$`)

// unzipLimit caps how far a workbook may inflate (and how large a CSV may be): a real
// export is a few MB, and a crafted zip bomb must fail fast instead of filling memory.
const unzipLimit = 1 << 30

// Options say how to read a sheet.
type Options struct {
	// Sheet is the worksheet to read; "" reads the first visible sheet (a warning
	// names it when hidden sheets come before it).
	Sheet string
	// Encoding is the text encoding of a CSV file: "utf-8", "utf-16", "windows-1252"
	// or "latin-1". "" reads a byte-order mark (UTF-8, UTF-16 LE/BE) and otherwise
	// UTF-8, falling back to Windows-1252 with a warning when the bytes are not UTF-8.
	// Workbooks ignore it.
	Encoding string
	// Footers skips the trailer of a Salesforce report: once the data ends, rows that
	// start with "Grand Total", "Confidential" or "Copyright" (and one-cell lines
	// among them) are skipped with a warning each. Anywhere else such a row is data.
	Footers bool
	// Rows, when set, is told how many rows are read, in steps, for a progress bar: the
	// rows of a workbook as they are read ahead of Each, the data rows of a CSV file as
	// Each hands them out. No row is counted twice.
	Rows func(n int64)
	// Delimiter separates the fields of a CSV file: ',' or ';'. 0 reads ';' when the
	// header line has ';' and no ',' outside quotes (Excel's CSV where a comma is the
	// decimal separator), else ','. With ';', amounts like "1,500" are ambiguous (see
	// AmountText). Workbooks ignore it.
	Delimiter rune
	// RefuseHidden refuses a workbook sheet whose data rows are hidden (by hand, by a
	// filter, in a collapsed group): whoever hid them may mean them to be left out,
	// though they are in the file. One error at the end of the sheet names them. A
	// hidden column that is read is a warning.
	RefuseHidden bool
}

// rowStep is how many rows Each counts before telling Options.Rows.
const rowStep = 4096

// Table is a sheet read row by row, with its header resolved.
type Table struct {
	file     string // as shown in messages
	sheet    string
	date1904 bool
	headers  []string       // as written
	index    map[string]int // lower-case trimmed header -> column
	src      rowSource
	row      int // 1-based row number of the current row
	cur      []string
	kinds    []Kind
	formulas []int // columns of the current row's cells that hold a formula
	footers  bool
	rows     func(n int64) // Options.Rows
	told     int64         // rows Options.Rows was told of
	csv      bool          // a CSV file: a field beyond the header is a shifted row
	queue    []rawRow      // rows read ahead while looking past a footer
	known    int           // how many queued rows are known to be data
	pendErr  error         // an error met while reading ahead
	warnings []diag.Problem
	reported int // warnings already handed to Each's list
	// The text amounts' decimal separator: the first amount read with a decimal comma,
	// and the amounts read before it whose comma may have been one ("1,000").
	decimalComma *textAmount
	commaGroups  []textAmount
	commaMore    int // comma amounts read before it beyond those kept
	closer       func()
	headerRow    int          // the row number of the header
	used         map[int]bool // columns looked up by their header: the ones read
	merges       []cellRange  // a workbook sheet's merged ranges
	mergesOf     func() ([]cellRange, error)
	mergesSeen   bool        // checkMerges has run
	dups         []dupColumn // headers read that the sheet holds more than once
	delimiter    rune        // of a CSV file
	refuseHidden bool        // Options.RefuseHidden
	hidden       bool        // the current row is hidden
	hiddenRows   []int       // the first hidden data rows, with RefuseHidden
	hiddenCount  int         // hidden data rows in all
	hcolsOf      func() [][2]int
}

// rowSource hands out the rows that have cells, in row-number order; nil at the end.
type rowSource interface {
	next() (*rawRow, error)
}

// Open reads the header of the named sheet (or the first visible sheet).
func Open(path, display, sheet string) (*Table, error) {
	return OpenWith(path, display, Options{Sheet: sheet})
}

// OpenWith opens a .xlsx or .csv file and reads its header row.
func OpenWith(path, display string, o Options) (*Table, error) {
	name := display
	if strings.EqualFold(filepath.Ext(path), ".csv") {
		data, err := readCSV(path, name)
		if err != nil {
			return nil, err
		}
		return csvTable(data, name, o)
	}
	wb, err := openXLSX(path, name)
	if err != nil {
		return nil, err
	}
	t, err := wb.table(path, name, o, nil, false)
	if t == nil {
		wb.Close()
	}
	return t, err
}

// openXLSX opens a workbook, with an error worded for display.
func openXLSX(path, display string) (*workbook, error) {
	wb, err := openWorkbook(path)
	if err != nil {
		var pe *os.PathError
		if errors.As(err, &pe) {
			return nil, diag.At(diag.Pos{File: display}, "cannot open: %v", pe.Err)
		}
		return nil, diag.At(diag.Pos{File: display}, "not a readable .xlsx workbook (%v)", err)
	}
	return wb, nil
}

// table opens a sheet of wb as o says and reads its header. Its rows are read with
// shared, the workbook opened by the streaming reader, when that is not nil; otherwise
// the table opens the streaming reader itself. Closing the table closes wb too unless
// the table is a Book's (inBook). A nil table comes with an error; a table can come
// with an error too (the header could not be read), closed.
func (wb *workbook) table(path, name string, o Options, shared *xlsxstream.Book, inBook bool) (*Table, error) {
	var names []string
	for _, s := range wb.sheets {
		names = append(names, s.name)
	}
	t := &Table{file: name, date1904: wb.date1904, footers: o.Footers, rows: o.Rows, refuseHidden: o.RefuseHidden}
	var chosen *wbSheet
	if o.Sheet == "" {
		var hidden []string
		for i := range wb.sheets {
			if !wb.sheets[i].hidden() {
				chosen = &wb.sheets[i]
				break
			}
			hidden = append(hidden, wb.sheets[i].name)
		}
		if chosen == nil {
			if len(names) == 0 {
				return nil, diag.At(diag.Pos{File: name}, "the workbook has no sheets")
			}
			return nil, diag.At(diag.Pos{File: name}, "every sheet is hidden (%s): set sheet to the one to read", quoteList(names))
		}
		if len(hidden) > 0 {
			t.sheet = chosen.name
			t.warn(0, "reading sheet %q, the first visible sheet; hidden before it: %s (set sheet to read another)", chosen.name, quoteList(hidden))
		}
	} else {
		for i := range wb.sheets {
			if wb.sheets[i].name == o.Sheet {
				chosen = &wb.sheets[i]
			}
		}
		if chosen == nil {
			return nil, diag.At(diag.Pos{File: name}, "no sheet %q (sheets: %s)", o.Sheet, quoteList(names))
		}
	}
	t.sheet = chosen.name
	rows, err := wb.openSource(path, *chosen, shared)
	if err != nil {
		var we errWorkbook
		if errors.As(err, &we) {
			return nil, diag.At(diag.Pos{File: name}, "not a readable .xlsx workbook (%v)", we.err)
		}
		return nil, diag.At(diag.Pos{File: name}, "sheet %q cannot be read: %v", chosen.name, err)
	}
	rows.counted = func(n int64) { t.tell(n, false) }
	t.src = rows
	if inBook {
		t.closer = rows.close
	} else {
		t.closer = func() { rows.close(); wb.Close() }
	}
	t.mergesOf = func() ([]cellRange, error) { return wb.mergedRanges(chosen.target) }
	t.hcolsOf = func() [][2]int { return rows.hcols }
	return t, t.readHeader()
}

// Book is a .xlsx workbook opened once to read several of its sheets: its package, its
// styles and its shared strings are read once for all of them, not once per sheet (the
// shared strings of a large workbook are most of what opening a sheet costs). It is not
// for use by several goroutines at once.
type Book struct {
	path, display string
	wb            *workbook
	stream        *xlsxstream.Book // nil when the streaming reader does not open the workbook
}

// OpenBook opens a .xlsx workbook to read its sheets with Table; its errors are Open's.
func OpenBook(path, display string) (*Book, error) {
	wb, err := openXLSX(path, display)
	if err != nil {
		return nil, err
	}
	b := &Book{path: path, display: display, wb: wb}
	if streaming {
		if sb, err := xlsxstream.Open(path); err == nil {
			b.stream = sb
		}
	}
	return b, nil
}

// Sheets are the names of the workbook's sheets, in order, hidden ones included.
func (b *Book) Sheets() []string {
	var names []string
	for _, s := range b.wb.sheets {
		names = append(names, s.name)
	}
	return names
}

// Table reads the header of the named sheet, as Open does. Closing the table leaves
// the book open.
func (b *Book) Table(sheet string) (*Table, error) {
	return b.wb.table(b.path, b.display, Options{Sheet: sheet}, b.stream, true)
}

// Stream is the workbook as the streaming reader opened it, for reading a small
// sheet's cells as they are stored; nil when the streaming reader does not open the
// workbook (or b is nil). The Book closes it.
func (b *Book) Stream() *xlsxstream.Book {
	if b == nil {
		return nil
	}
	return b.stream
}

// Close releases the workbook. Tables opened from it can no longer be read.
func (b *Book) Close() {
	if b.stream != nil {
		b.stream.Close()
	}
	b.wb.Close()
}

// csvTable reads CSV bytes.
func csvTable(data []byte, name string, o Options) (*Table, error) {
	src, notes, err := decodeCSV(data, name, o.Encoding)
	if err != nil {
		return nil, err
	}
	delim, err := csvDelimiter(src.data, o.Delimiter)
	if err != nil {
		return nil, diag.At(diag.Pos{File: name}, "%v", err)
	}
	src.r.Comma = delim
	t := &Table{file: name, src: src, footers: o.Footers, csv: true, rows: o.Rows, delimiter: delim}
	if delim == ';' {
		t.decimalComma = &textAmount{row: 0, col: -1, text: ";"}
	}
	for _, n := range notes {
		t.warn(n.row, "%s", n.msg)
	}
	return t, t.readHeader()
}

// warn records a warning at a row of the sheet (0: the file or sheet itself).
func (t *Table) warn(row int, format string, args ...any) {
	t.warnings = append(t.warnings, diag.Problem{Pos: diag.Pos{File: t.file, Sheet: t.sheet, Row: row}, Severity: diag.Warning, Msg: fmt.Sprintf(format, args...)})
}

// Warnings are the notes about how the sheet was read so far: the sheet chosen past
// hidden ones, the encoding guessed, report footers skipped. Each adds them to its list.
func (t *Table) Warnings() []diag.Problem { return append([]diag.Problem(nil), t.warnings...) }

func (t *Table) flush(probs *diag.List) {
	probs.Add(t.warnings[t.reported:]...)
	t.reported = len(t.warnings)
}

// readHeader takes the first non-empty row as the header.
func (t *Table) readHeader() error {
	for {
		r, err := t.src.next()
		if err != nil {
			t.Close()
			return t.readErr(err)
		}
		if r == nil {
			break
		}
		t.row = r.num
		cols := r.cells
		if blank(cols) {
			continue
		}
		// A CSV saved by Excel starts with a byte-order mark; it is not part of the header.
		cols[0] = strings.TrimPrefix(cols[0], "\ufeff")
		t.headers, t.headerRow = cols, r.num
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
	return diag.At(diag.Pos{File: t.file, Sheet: t.sheet}, "the sheet is empty (no header row)")
}

// readErr words an error met reading rows.
func (t *Table) readErr(err error) error {
	var se errSheet
	if errors.As(err, &se) {
		return diag.At(diag.Pos{File: t.file}, "sheet %q cannot be read: %v", t.sheet, se.err)
	}
	var we errWorkbook
	if errors.As(err, &we) {
		return diag.At(diag.Pos{File: t.file}, "not a readable .xlsx workbook (%v)", we.err)
	}
	return diag.At(diag.Pos{File: t.file, Sheet: t.sheet}, "%v", err)
}

// Headers is the header row as written.
func (t *Table) Headers() []string { return append([]string(nil), t.headers...) }

// Current is the current row's cells.
func (t *Table) Current() []string { return t.cur }

// Row is the 1-based number of the current row.
func (t *Table) Row() int { return t.row }

// Sheet is the sheet being read ("" for CSV).
func (t *Table) Sheet() string { return t.sheet }

// Kind is what the workbook says a column of the current row holds (Text for CSV).
func (t *Table) Kind(col int) Kind {
	if col < 0 || col >= len(t.kinds) {
		return Blank
	}
	return t.kinds[col]
}

// Formula reports whether the cell in a column of the current row holds a formula
// (never in a CSV file). Its text is the value last calculated, "" when never: a
// value that changes whenever the workbook is recalculated.
func (t *Table) Formula(col int) bool {
	for _, c := range t.formulas {
		if c == col {
			return true
		}
	}
	return false
}

// Hidden reports whether the current row is hidden in the workbook (never in a CSV file).
func (t *Table) Hidden() bool { return t.hidden }

// Close releases the workbook.
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
	if ok {
		if t.used == nil {
			t.used = map[int]bool{}
		}
		t.used[i] = true
	}
	return i, ok
}

// Resolve finds the columns of a mapping (logical name -> header); headers the sheet
// lacks are one error that lists the headers it has, so a typo is easy to spot.
func (t *Table) Resolve(probs *diag.List, cols map[string]string, required []string, optional []string) map[string]int {
	t.flush(probs) // how the file was read, before what was found in it
	out := map[string]int{}
	var absent []string
	keys := append(append([]string{}, required...), optional...)
	defer t.findDups(cols, keys, out)
	for _, k := range keys {
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
			"column %s not found; the header row has: %s%s", strings.Join(absent, ", "), quoteList(t.headers), t.delimiterHint())
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

// Next moves to the next data row; blank rows are passed over. With Options.Footers,
// a report's trailer is skipped (each row with a warning) once the data has ended.
func (t *Table) Next() (bool, error) {
	for {
		r, err := t.pull()
		if err != nil {
			return false, t.readErr(err)
		}
		if !t.mergesSeen {
			// A workbook's rows below the header are read whole before the first is
			// handed out, and its merged ranges with them.
			t.mergesSeen = true
			if t.mergesOf != nil {
				if t.merges, err = t.mergesOf(); err != nil {
					return false, diag.At(diag.Pos{File: t.file, Sheet: t.sheet}, "%v", err)
				}
			}
			t.checkMerges()
			t.checkHiddenColumns()
		}
		if r == nil {
			t.dupsAgree()
			t.refuseHiddenRows()
			return false, nil
		}
		if blank(r.cells) {
			continue
		}
		if r.hidden && t.refuseHidden {
			if len(t.hiddenRows) < shownHiddenRows {
				t.hiddenRows = append(t.hiddenRows, r.num)
			}
			t.hiddenCount++
		}
		known := t.known > 0
		if known {
			t.known--
		}
		if t.footers && !known && footerStart(r.cells) && t.trailer(*r) {
			t.dupsAgree()
			t.refuseHiddenRows()
			return false, nil
		}
		t.row, t.cur, t.kinds, t.formulas, t.hidden = r.num, r.cells, r.kinds, r.formulas, r.hidden
		t.beyondHeader()
		if len(t.dups) > 0 {
			t.compareDups()
		}
		return true, nil
	}
}

// shownHiddenRows is how many hidden rows the error names; the rest are counted.
const shownHiddenRows = 5

// refuseHiddenRows reports, once the sheet is read, the data rows it hides, with
// Options.RefuseHidden: they are in the file, so they would be read, but the spreadsheet
// does not show them, and whoever hid them (or set the filter that hides them) may mean
// them to be left out.
func (t *Table) refuseHiddenRows() {
	if t.hiddenCount == 0 {
		return
	}
	rows := make([]string, len(t.hiddenRows))
	for i, r := range t.hiddenRows {
		rows[i] = strconv.Itoa(r)
	}
	which := "this row is"
	if t.hiddenCount > 1 {
		more := ""
		if t.hiddenCount > len(rows) {
			more = ", ..."
		}
		which = fmt.Sprintf("%d rows (%s%s) are", t.hiddenCount, strings.Join(rows, ", "), more)
	}
	t.warnings = append(t.warnings, diag.Problem{Pos: diag.Pos{File: t.file, Sheet: t.sheet, Row: t.hiddenRows[0]}, Severity: diag.Error,
		Msg: fmt.Sprintf("%s hidden in the sheet, by hand or by a filter: a hidden row may be meant to be left out, but the file still holds it. "+
			"To have them read, unhide them (select the rows around them, right-click, Unhide) or clear the filter (Data > Clear); to leave rows out, delete them", which)})
	t.hiddenCount, t.hiddenRows = 0, nil
}

// checkHiddenColumns warns, with Options.RefuseHidden, of each hidden column that is
// read: the spreadsheet does not show it, but its values count.
func (t *Table) checkHiddenColumns() {
	if !t.refuseHidden || t.hcolsOf == nil {
		return
	}
	warned := map[int]bool{}
	for _, r := range t.hcolsOf() {
		for c := r[0]; c <= r[1] && c <= len(t.headers); c++ {
			if !t.used[c-1] || warned[c] {
				continue
			}
			warned[c] = true
			pos := diag.Pos{File: t.file, Sheet: t.sheet, Row: t.headerRow, Column: strings.TrimSpace(t.headers[c-1])}
			t.warnings = append(t.warnings, diag.Problem{Pos: pos, Severity: diag.Warning,
				Msg: fmt.Sprintf("column %s is hidden in the sheet but is read: check its values, which the spreadsheet does not show (unhide it to see them)", colName(c))})
		}
	}
}

// beyondHeader reports a value in a column the header does not name. In a CSV it
// means the row's fields shifted (an unquoted comma in a cell), so every later cell
// of the row is misread: an error. In a workbook it is a note beside the table: a
// warning, since it is not read.
func (t *Table) beyondHeader() {
	for i := len(t.headers); i < len(t.cur); i++ {
		if strings.TrimSpace(t.cur[i]) == "" {
			continue
		}
		pos := diag.Pos{File: t.file, Sheet: t.sheet, Row: t.row}
		if t.csv {
			t.warnings = append(t.warnings, diag.Problem{Pos: pos, Severity: diag.Error,
				Msg: fmt.Sprintf("the row has %d fields but the header has %d (%q is field %d): a cell with an unquoted comma shifts the row; quote that cell and export again", len(t.cur), len(t.headers), t.cur[i], i+1)})
			return
		}
		t.warn(t.row, "column %s has %q but no header: it is not read", colName(i+1), t.cur[i])
		return
	}
}

func (t *Table) pull() (*rawRow, error) {
	if len(t.queue) > 0 {
		r := t.queue[0]
		t.queue = t.queue[1:]
		return &r, nil
	}
	if t.pendErr != nil {
		err := t.pendErr
		t.pendErr = nil
		return nil, err
	}
	return t.src.next()
}

// trailer reads ahead from a footer-like row: when only footer lines and blank rows
// follow to the end, they are skipped with a warning each and true is returned;
// otherwise the rows read ahead are queued to be read as data.
func (t *Table) trailer(first rawRow) bool {
	buf := []rawRow{first}
	for {
		r, err := t.pull()
		if err != nil {
			t.queue, t.pendErr = append(buf[1:], t.queue...), err
			return false
		}
		if r == nil {
			break
		}
		if !blank(r.cells) && !footerStart(r.cells) && filled(r.cells) > 1 {
			// Data follows: every row read ahead is data, and is not looked at again.
			t.queue = append(append(buf[1:], *r), t.queue...)
			t.known = len(t.queue)
			return false
		}
		buf = append(buf, *r)
	}
	for _, r := range buf {
		if !blank(r.cells) {
			t.row = r.num
			t.warn(r.num, "report footer skipped: %q", firstText(r.cells))
		}
	}
	return true
}

// footerStart reports whether a row reads like a Salesforce report trailer: a
// "Grand Totals (N records)" line (with at most a couple of sums beside it), or a
// one-cell confidentiality or copyright line. A fuller row is data, whatever its first
// cell says ("Copyright Clearance Center" is a client).
func footerStart(cols []string) bool {
	first := strings.ToLower(firstText(cols))
	switch {
	case strings.HasPrefix(first, "grand total"):
		return filled(cols) <= 3
	case strings.HasPrefix(first, "confidential"), strings.HasPrefix(first, "copyright"):
		return filled(cols) <= 1
	}
	return false
}

func firstText(cols []string) string {
	for _, c := range cols {
		if strings.TrimSpace(c) != "" {
			return strings.TrimSpace(c)
		}
	}
	return ""
}

func filled(cols []string) int {
	n := 0
	for _, c := range cols {
		if strings.TrimSpace(c) != "" {
			n++
		}
	}
	return n
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
	if f, err := strconv.ParseFloat(s, 64); err == nil && floatRe.MatchString(s) {
		if f >= 1000 && f <= 9999 && f == math.Trunc(f) {
			return civil.Date{}, fmt.Errorf("%q is a bare year, not a date", s)
		}
		if d, err := t.serialDate(s); err == nil {
			return d, nil
		}
		return civil.Date{}, fmt.Errorf("%q is not a date", s)
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

// DateCell reads the date in a column of the current row: a number cell formatted as
// a date (a serial day count, from 1900 or 1904 as the workbook says), an ISO date
// cell, or text as Date reads it. A number cell formatted as a number is refused: the
// spreadsheet shows it as a number, and reading it as a count of days since 1900 would
// turn any stray amount into a date nobody wrote. So are TRUE/FALSE and error values.
func (t *Table) DateCell(col int, layout string) (civil.Date, error) {
	s := t.text(col)
	switch t.Kind(col) {
	case Blank:
		return civil.Date{}, fmt.Errorf("no date")
	case Bool:
		return civil.Date{}, fmt.Errorf("%q is a TRUE/FALSE cell, not a date", s)
	case ErrorValue:
		return civil.Date{}, fmt.Errorf("%q is an error value, not a date", s)
	case Number:
		return civil.Date{}, fmt.Errorf("%v is a number, not a date: format the column as dates in the spreadsheet, or write dates as YYYY-MM-DD", s)
	case DateNumber:
		return t.serialDate(s)
	case Text:
		// Text that is a bare number (any CSV cell, or a number stored as text) shows as
		// that number wherever it is opened: a day count is a guess, so it is refused.
		if _, err := strconv.ParseFloat(s, 64); err == nil && floatRe.MatchString(s) {
			if tm, err := time.Parse(layout, s); layout != "" && err == nil {
				return civil.Of(tm), nil // a date_format of digits, such as YYYYMMDD
			}
			if _, err := t.Date(s, layout); err != nil && strings.Contains(err.Error(), "bare year") {
				return civil.Date{}, err
			}
			return civil.Date{}, fmt.Errorf("%q is a number, not a date: write dates as YYYY-MM-DD (or set date_format)", s)
		}
	}
	return t.Date(s, layout)
}

// serialDate reads the serial number of a date-formatted cell.
func (t *Table) serialDate(s string) (civil.Date, error) {
	f, err := strconv.ParseFloat(s, 64)
	if err != nil || !floatRe.MatchString(s) {
		return civil.Date{}, fmt.Errorf("date cell holds %q, not a serial number", s)
	}
	if f < 1 || f > 2958465 {
		return civil.Date{}, fmt.Errorf("date cell holds %v, outside the dates a spreadsheet shows (1 to 2958465 days)", s)
	}
	tm, err := excelize.ExcelDateToTime(f, t.date1904)
	if err != nil {
		return civil.Date{}, fmt.Errorf("date cell holds %v, not a date", s)
	}
	// Serials with a time part can land a hair before midnight; round to the nearest second.
	return civil.Of(tm.Round(time.Second)), nil
}

// AmountCell reads the amount in a column of the current row. A number cell is a
// number; a text cell is read as Amount reads it, except that "1.000" or "12.500"
// (one to three digits, a point, three digits) is refused as ambiguous: a thousands
// separator in many countries, a decimal point in others. TRUE/FALSE, error values
// and dates are not amounts.
func (t *Table) AmountCell(col int) (money.Amount, error) {
	s := t.text(col)
	switch t.Kind(col) {
	case Blank:
		return money.Amount{}, fmt.Errorf("no amount")
	case Bool:
		return money.Amount{}, fmt.Errorf("%q is a TRUE/FALSE cell, not an amount", s)
	case ErrorValue:
		return money.Amount{}, fmt.Errorf("%q is an error value, not an amount", s)
	case ISODate:
		return money.Amount{}, fmt.Errorf("%q is a date cell, not an amount", s)
	case DateNumber:
		if d, err := t.serialDate(s); err == nil {
			return money.Amount{}, fmt.Errorf("%v is a date cell (%s), not an amount: format the cell as a number", s, d)
		}
		// Below 1: a time of day or a duration ([h]:mm); beyond the calendar: still a date format.
		if f, err := strconv.ParseFloat(s, 64); err == nil && f >= 0 && f < 1 {
			return money.Amount{}, fmt.Errorf("%v is a time cell, not an amount: format the cell as a number", s)
		}
		return money.Amount{}, fmt.Errorf("%v is a date or time cell, not an amount: format the cell as a number", s)
	case Text:
		return t.AmountText(col, s)
	}
	return Amount(s)
}

// textAmount is a text amount read in a column of a row.
type textAmount struct {
	row, col int
	text     string
}

// keptCommaGroups is how many "1,000"-like amounts a sheet keeps to refuse by row and
// column should a decimal comma turn up later; the rest are counted.
const keptCommaGroups = 100

var (
	// decimalCommaRe is the digits of an amount written with a decimal comma: "12,50",
	// "0,5", "1.234,56", "1 234,56" (a comma before three digits is left out: "1,000").
	decimalCommaRe = regexp.MustCompile(`^(\d+,(\d{1,2}|\d{4,})|\d{1,3}([. \x{00a0}\x{202f}]\d{3})+,\d+)$`)
	// commaGroupRe is the digits of an amount whose only separator is a comma before
	// three digits: a thousands separator, or a decimal comma?
	commaGroupRe = regexp.MustCompile(`^(\d{1,3}),(\d{3})$`)
)

// AmountText reads an amount written as text in a column of the current row, as the
// package's AmountText does, and minds the sheet's decimal separator: once a text
// amount with a decimal comma ("12,50", "1.234,56") has been read, "1,000" or "2,500"
// is ambiguous (a thousand, or one?) and refused, and so are those read before it,
// each reported at its row and column when the decimal comma turns up. The amounts
// with a decimal comma are refused as before (ParseAmount reads a decimal point).
func (t *Table) AmountText(col int, s string) (money.Amount, error) {
	if strings.IndexByte(s, ',') < 0 {
		return AmountText(s)
	}
	digits := strings.TrimFunc(s, func(r rune) bool { return r < '0' || r > '9' })
	switch {
	case decimalCommaRe.MatchString(digits):
		if t.decimalComma == nil {
			t.decimalComma = &textAmount{t.row, col, s}
			for _, c := range t.commaGroups {
				t.fail(c.row, c.col, "%s", t.commaAmbiguity(c.text))
			}
			if t.commaMore > 0 {
				last := t.commaGroups[len(t.commaGroups)-1]
				t.fail(last.row, last.col, "%d more amounts after this one, before row %d, have a comma before three digits and are ambiguous too", t.commaMore, t.row)
			}
			t.commaGroups, t.commaMore = nil, 0
		}
		if a, err := AmountText(s); err == nil {
			return a, nil
		}
		return money.Amount{}, fmt.Errorf("%q is not an amount: it has a decimal comma, which is not read; export the amounts with a decimal point", s)
	case commaGroupRe.MatchString(digits):
		if t.decimalComma != nil {
			return money.Amount{}, errors.New(t.commaAmbiguity(s))
		}
		if len(t.commaGroups) < keptCommaGroups {
			t.commaGroups = append(t.commaGroups, textAmount{t.row, col, s})
		} else {
			t.commaMore++
		}
	}
	return AmountText(s)
}

// commaAmbiguity words the refusal of s, a "1,000"-like amount in a sheet that writes
// amounts with a decimal comma.
func (t *Table) commaAmbiguity(s string) string {
	m := commaGroupRe.FindStringSubmatch(strings.TrimFunc(s, func(r rune) bool { return r < '0' || r > '9' }))
	dc := t.decimalComma
	frac := strings.TrimRight(m[2], "0")
	for len(frac) < 2 {
		frac += "0"
	}
	why := fmt.Sprintf("the file writes amounts with a decimal comma (row %d column %q: %q)", dc.row, t.Pos(dc.col).Column, dc.text)
	if dc.row == 0 {
		why = `the file separates its fields with ";", as spreadsheets do where a comma is the decimal separator`
	}
	return fmt.Sprintf("%q is ambiguous: %s, so it may be %s.%s rather than %s%s; write it without a thousands separator, with a decimal point (%s%s.00 or %s.%s), or export the amounts with a decimal point",
		s, why, m[1], m[2], m[1], m[2], m[1], m[2], m[1], frac)
}

// fail records an error at a column of a row of the sheet, handed to Each's list with
// the warnings.
func (t *Table) fail(row, col int, format string, args ...any) {
	pos := diag.Pos{File: t.file, Sheet: t.sheet, Row: row}
	if col >= 0 && col < len(t.headers) {
		pos.Column = strings.TrimSpace(t.headers[col])
	}
	t.warnings = append(t.warnings, diag.Problem{Pos: pos, Severity: diag.Error, Msg: fmt.Sprintf(format, args...)})
}

// AmountText reads an amount written as text, refusing one whose only separator is a
// point before three digits ("1.000": one, or a thousand?), and one written with an
// exponent ("1.23457E+11"): that is how a spreadsheet shows a large number in a narrow
// column, and how it saves it to a CSV file, keeping six significant digits; the
// digits it left out are lost. A number cell with an exponent is read by Amount.
func AmountText(s string) (money.Amount, error) {
	if floatRe.MatchString(s) && strings.ContainsAny(s, "eE") {
		return money.Amount{}, fmt.Errorf("%q is written in scientific notation, so the digits it does not show are lost "+
			"(a spreadsheet writes a large number so when it saves a CSV file); format the column as a number without an exponent (0.00) and export again, or read the .xlsx workbook",
			s)
	}
	if m := ambiguousRe.FindStringSubmatch(s); m != nil {
		return money.Amount{}, &AmbiguousPoint{Text: s, Int: m[1], Frac: m[2]}
	}
	return Amount(s)
}

// AmbiguousPoint is the refusal of a text amount whose only separator is a point
// before three digits: Int.Frac with a decimal point, or IntFrac with a thousands
// separator.
type AmbiguousPoint struct {
	Text, Int, Frac string
}

func (e *AmbiguousPoint) Error() string { return e.In(2) }

// In words the refusal for a currency with places minor-unit digits. Two decimals
// (1.00 or 1000.00) settle it in most currencies; where amounts have three (KWD, BHD,
// OMR, JOD, TND), dropping the third digit would change the amount, so four decimals
// settle it instead (306.5310), or a number cell, which has no separator to misread.
func (e *AmbiguousPoint) In(places int32) string {
	head := fmt.Sprintf("%q is ambiguous: %s with a decimal point or %s%s with a thousands separator; ",
		e.Text, money.MustAmount(e.Int+"."+e.Frac), e.Int, e.Frac)
	if places >= 3 {
		return head + fmt.Sprintf("write it with four decimals (%s.%s0 for the amount with a decimal point, %s%s.0000 for the thousands) or as a number cell",
			e.Int, e.Frac, e.Int, e.Frac)
	}
	return head + "write it without a thousands separator or with two decimals"
}

// ambiguousRe is an amount whose only separator is a point before three digits.
var ambiguousRe = regexp.MustCompile(`^\(?[+-]?\s*[$€£¥]?\s*([1-9]\d{0,2})\.(\d{3})\)?$`)

func (t *Table) text(col int) string {
	if col < 0 || col >= len(t.cur) {
		return ""
	}
	return strings.TrimSpace(t.cur[col])
}

// Amount reads a money cell: a number, or text such as "1,234.50" or "$1,234.50".
// A number written with more than 15 significant digits is float noise when it rounds
// to fewer (0.30000000000000004 is 0.3, as a spreadsheet shows it); otherwise it holds
// more precision than a spreadsheet number keeps, and is refused.
func Amount(s string) (money.Amount, error) {
	sig := significant(s)
	if sig <= 15 {
		if a, err := money.ParseAmount(s); err == nil {
			return a, nil
		}
	}
	// A number cell stored with an exponent (1.5E-3) is still a number; hex or "Inf" is not.
	if floatRe.MatchString(s) {
		if f, err := strconv.ParseFloat(s, 64); err == nil {
			if sig > 15 && significant(strconv.FormatFloat(f, 'g', 15, 64)) >= 15 {
				return money.Amount{}, fmt.Errorf("%q has %d significant digits, more than the 15 a spreadsheet number keeps: the amount is not exact", s, sig)
			}
			return money.FromFloat(f)
		}
	}
	return money.Amount{}, fmt.Errorf("%q is not an amount", s)
}

// significant counts the significant digits of a number as written: leading zeros
// and zeros after the last non-zero digit do not count, nor does an exponent.
func significant(s string) int {
	if i := strings.IndexAny(s, "eE"); i >= 0 {
		s = s[:i]
	}
	var digits []byte
	for i := 0; i < len(s); i++ {
		if s[i] >= '0' && s[i] <= '9' {
			digits = append(digits, s[i])
		}
	}
	return len(strings.Trim(string(digits), "0"))
}

// Each calls fn for every data row. A row that cannot be read is reported to probs and
// ends the sheet.
func (t *Table) Each(probs *diag.List, fn func()) {
	defer t.flush(probs)
	n := int64(0)
	defer func() { t.tell(n, true) }()
	for {
		more, err := t.Next()
		t.flush(probs)
		if err != nil {
			probs.Err(err)
			return
		}
		if !more {
			return
		}
		fn()
		n++
		t.tell(n, false)
	}
}

// tell tells Options.Rows that n rows are read or handed out (whichever is counted
// further), in steps of rowStep unless final.
func (t *Table) tell(n int64, final bool) {
	if t.rows == nil || n <= t.told || (!final && n-t.told < rowStep) {
		return
	}
	t.rows(n - t.told)
	t.told = n
}
