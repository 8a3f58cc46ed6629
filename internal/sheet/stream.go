package sheet

import (
	"errors"
	"slices"

	"github.com/xuri/excelize/v2"

	"github.com/partnerbook/partnerbook/internal/sheet/xlsxstream"
)

// openStream opens an .xlsx sheet (or the first sheet, hidden or not, as Open does)
// with the streaming reader, which reads a large export many times faster than
// excelize. ok is false when the workbook is not one it reads (or the sheet is
// missing): open it with excelize then, which also words the errors.
func openStream(path, display, sheet string) (t *Table, ok bool) {
	b, err := xlsxstream.Open(path)
	if err != nil {
		return nil, false
	}
	sheets := b.Sheets()
	if sheet == "" && len(sheets) > 0 {
		sheet = sheets[0].Name
	}
	r, err := b.Rows(sheet)
	if err != nil {
		b.Close()
		return nil, false
	}
	src := &streamSource{path: path, sheet: sheet, book: b, rows: r}
	return &Table{file: display, sheet: sheet, date1904: b.Date1904(), rows: src, closer: src.close}, true
}

// streamSource is the streaming reader behind a Table. It hands out the rows a sheet
// does not write as empty ones, as excelize does, so Table counts rows the same way.
// When the streaming reader gives up part way (xlsxstream.ErrUnsupported), the rest
// of the sheet is read with excelize from the same row.
type streamSource struct {
	path, sheet string
	book        *xlsxstream.Book
	rows        *xlsxstream.Rows
	seek        int  // rows handed out
	held        bool // rows holds a row not yet handed out
	err         error

	xf *excelize.File
	xr *excelize.Rows
}

func (s *streamSource) Next() bool {
	s.seek++
	if s.xr != nil {
		return s.xr.Next()
	}
	if s.err != nil {
		return false
	}
	if s.held {
		return true // an empty row before the held one
	}
	if s.rows.Next() {
		s.held = true
		return true
	}
	err := s.rows.Err()
	if err == nil {
		return false
	}
	if errors.Is(err, xlsxstream.ErrUnsupported) {
		if s.fallback() {
			return s.xr.Next()
		}
		return false
	}
	s.err = err // rows or cells out of order: Columns reports it for this row
	return true
}

func (s *streamSource) Columns() ([]string, error) {
	if s.xr != nil {
		return s.xr.Columns()
	}
	if s.err != nil {
		return nil, s.err
	}
	if s.held && s.rows.Row() == s.seek {
		s.held = false
		return slices.Clone(s.rows.Cells()), nil
	}
	return nil, nil
}

// fallback opens the sheet with excelize and skips the rows already handed out.
func (s *streamSource) fallback() bool {
	f, err := excelize.OpenFile(s.path, excelize.Options{RawCellValue: true, UnzipSizeLimit: unzipLimit, UnzipXMLSizeLimit: unzipLimit / 4})
	if err != nil {
		s.err = err
		return false
	}
	xr, err := f.Rows(s.sheet)
	if err != nil {
		f.Close()
		s.err = err
		return false
	}
	for i := 1; i < s.seek; i++ {
		if !xr.Next() {
			break
		}
	}
	s.xf, s.xr = f, xr
	return true
}

func (s *streamSource) close() {
	s.rows.Close()
	s.book.Close()
	if s.xr != nil {
		s.xr.Close()
		s.xf.Close()
	}
}
