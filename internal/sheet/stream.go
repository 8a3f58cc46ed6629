package sheet

import (
	"strings"

	"github.com/partnerbook/partnerbook/internal/sheet/xlsxstream"
)

// streaming is false only in tests that compare the streaming reader with encoding/xml.
var streaming = true

// errWorkbook is an error about the workbook as a whole (its shared strings), met
// while opening a sheet: Open words it as an unreadable workbook.
type errWorkbook struct{ err error }

func (e errWorkbook) Error() string { return e.err.Error() }

// openSource opens the rows of a sheet. Rows stored in order (almost every workbook)
// are read by the streaming reader (internal/sheet/xlsxstream), several times faster
// than encoding/xml; rows stored out of order, and whatever the streaming reader does
// not read (xlsxstream.ErrUnsupported) or reads otherwise than this package, are read
// with encoding/xml (xlsxRows), from the row where the streaming reader stopped.
func (w *workbook) openSource(path string, s wbSheet) (rowSource, func(), error) {
	ordered, err := w.rowsInOrder(s.target)
	if err != nil {
		return nil, nil, err
	}
	if ordered && streaming {
		if src := w.openStream(path, s); src != nil {
			return src, src.close, nil
		}
	}
	rows, err := w.openScanned(s, ordered)
	if err != nil {
		return nil, nil, err
	}
	return rows, rows.Close, nil
}

// openStream opens the sheet with the streaming reader; nil when it does not read it.
func (w *workbook) openStream(path string, s wbSheet) *streamRows {
	b, err := xlsxstream.Open(path)
	if err != nil {
		return nil
	}
	if p, ok := b.SheetPart(s.name); !ok || p != s.target {
		b.Close()
		return nil
	}
	r, err := b.Rows(s.name)
	if err != nil {
		b.Close()
		return nil
	}
	return &streamRows{wb: w, sheet: s, book: b, rows: r}
}

// streamRows hands out the rows of the streaming reader with the cells and kinds
// xlsxRows would give them. When the streaming reader stops short, or meets a cell
// it reads otherwise than xlsxRows (an unknown type, a boolean that is not 0 or 1),
// the rest of the sheet is read by xlsxRows, past the rows already handed out.
type streamRows struct {
	wb    *workbook
	sheet wbSheet
	book  *xlsxstream.Book
	rows  *xlsxstream.Rows
	last  int       // number of the last row handed out
	old   *xlsxRows // the encoding/xml reader, once the streaming one gave up
}

func (s *streamRows) next() (*rawRow, error) {
	if s.old == nil {
		if !s.rows.Next() {
			if s.rows.Err() == nil {
				return nil, nil
			}
		} else if r, ok := s.convert(); ok {
			s.last = r.num
			return r, nil
		}
		if err := s.fallback(); err != nil {
			return nil, err
		}
	}
	for {
		r, err := s.old.next()
		if err != nil || r == nil || r.num > s.last {
			return r, err
		}
	}
}

// convert is the current row of the streaming reader as xlsxRows reads it; false when
// a cell needs xlsxRows to be read (or refused) as it always was.
func (s *streamRows) convert() (*rawRow, bool) {
	if s.rows.Odd() {
		return nil, false
	}
	vals, types, styles := s.rows.Cells(), s.rows.Types(), s.rows.Styles()
	r := &rawRow{num: s.rows.Row()}
	n := 0 // cells up to the last one that is not blank
	for i, v := range vals {
		if v == "" {
			continue
		}
		var k Kind
		switch types[i] {
		case xlsxstream.TypeShared, xlsxstream.TypeInline:
			k = Text
		case xlsxstream.TypeStr, xlsxstream.TypeInlineV:
			v, k = unescapeOOXML(v), Text
		case xlsxstream.TypeBool:
			switch strings.TrimSpace(v) {
			case "1", "true":
				v, k = "TRUE", Bool
			case "0", "false":
				v, k = "FALSE", Bool
			case "":
				continue
			default:
				return nil, false
			}
		case xlsxstream.TypeError:
			k = ErrorValue
		case xlsxstream.TypeDate:
			v, k = strings.TrimSpace(v), ISODate
		case xlsxstream.TypeNumber:
			if v = strings.TrimSpace(v); v == "" {
				continue
			}
			k = Number
			if s.wb.isDate(styles[i]) {
				k = DateNumber
			}
		default:
			return nil, false
		}
		if r.cells == nil {
			r.cells, r.kinds = make([]string, len(vals)), make([]Kind, len(vals))
		}
		r.cells[i], r.kinds[i] = v, k
		n = i + 1
	}
	r.cells, r.kinds = r.cells[:n:n], r.kinds[:n:n]
	if f := s.rows.Formulas(); len(f) > 0 {
		r.formulas = append([]int(nil), f...)
	}
	return r, true
}

// fallback reads the rest of the sheet with encoding/xml.
func (s *streamRows) fallback() error {
	s.rows.Close()
	s.book.Close()
	old, err := s.wb.openScanned(s.sheet, true)
	if err != nil {
		return err
	}
	s.old = old
	return nil
}

func (s *streamRows) close() {
	if s.old != nil {
		s.old.Close()
		return
	}
	s.rows.Close()
	s.book.Close()
}
