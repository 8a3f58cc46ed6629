package sheet

import (
	"bytes"
	"errors"
	"io"

	"github.com/partnerbook/partnerbook/internal/sheet/xlsxstream"
)

// streaming is false only in tests that compare the streaming reader with encoding/xml.
var streaming = true

// errWorkbook is an error about the workbook as a whole (its shared strings), met
// while opening a sheet: Open words it as an unreadable workbook.
type errWorkbook struct{ err error }

func (e errWorkbook) Error() string { return e.err.Error() }

// errSheet is an error about the sheet as a whole (a row stored twice), met before any
// of its data rows is handed out: it is worded as a sheet that cannot be read.
type errSheet struct{ err error }

func (e errSheet) Error() string { return e.err.Error() }

// errDisorder says a row is stored after a row with the same or a higher number.
var errDisorder = errors.New("rows out of order")

// openSource opens the rows of a sheet. They are read by the streaming reader
// (internal/sheet/xlsxstream), several times faster than encoding/xml; whatever it does
// not read (xlsxstream.ErrUnsupported) or reads otherwise than this package is read
// with encoding/xml (xlsxRows), from the row where the streaming reader stopped.
// shared, when not nil, is the workbook opened by the streaming reader already (a Book):
// it is used and left open.
func (w *workbook) openSource(path string, s wbSheet, shared *xlsxstream.Book) (*sheetRows, error) {
	src := &sheetRows{wb: w, sheet: s}
	if streaming {
		src.openStream(path, shared)
	}
	if src.stream == nil {
		x, err := w.openXML(s)
		if err != nil {
			return nil, err
		}
		src.xml = x
	}
	return src, nil
}

// openStream opens the sheet with the streaming reader, from shared when not nil; it is
// left nil when that does not read the sheet.
func (s *sheetRows) openStream(path string, shared *xlsxstream.Book) {
	b := shared
	if b == nil {
		var err error
		if b, err = xlsxstream.Open(path); err != nil {
			return
		}
	}
	release := func() {
		if shared == nil {
			b.Close()
		}
	}
	if p, ok := b.SheetPart(s.sheet.name); !ok || p != s.sheet.target {
		release()
		return
	}
	b.Wrap = func(r io.Reader) io.Reader {
		s.watch = s.wb.watchMerges(s.sheet.target, r)
		return s.watch
	}
	r, err := b.Rows(s.sheet.name)
	b.Wrap = nil // a Book's next sheet is watched for its own merged cells, if at all
	if err != nil {
		release()
		return
	}
	s.stream = r
	s.hcols = r.HiddenColumns()
	if shared == nil {
		s.book = b
	}
	s.store.shared = r.SharedString
}

// sheetRows hands out the rows of a workbook sheet in row-number order, inflating the
// sheet once. Rows up to the header (the first that is not blank) are handed out as
// they are read when no row stored later can come before the header: the sheet stores
// every row numbered before it, as when the header is row 1. The rest are read to the
// end of the sheet, or to the first error, before any is handed out: when a row turns
// out to be stored after one with the same or a higher number, no data row has been
// handed out yet, and the sheet is read again whole and sorted, as spreadsheet
// programs place each row by its number. So a sheet whose header is all a caller reads
// costs its first rows, and the others cost one pass.
type sheetRows struct {
	wb    *workbook
	sheet wbSheet

	// The rows in the order the sheet stores them: the streaming reader while it
	// reads them as xlsxRows would, then xlsxRows from the row where it stopped.
	book    *xlsxstream.Book // opened for this sheet alone: closed with it
	stream  *xlsxstream.Rows
	watch   io.Reader // the streaming reader's part, passed through the merged-cell watch
	xml     *xlsxRows
	last    int // number of the last row kept
	seen    int // rows read, in increasing order: seen == last when they are 1 to last
	xmlPrev int // number of the last row xlsxRows read, kept or not

	header   int  // number of the header row, once handed out
	readAll  bool // the rows after the header are read
	store    rowStore
	err      error    // what ended the rows kept, handed out after them
	sorted   []rawRow // the rows sorted by number, once they are found out of order
	inSorted bool
	cur      rawRow
	hcols    [][2]int // the hidden columns, as the reader of the rows found them

	// counted is told how many rows are read ahead of the caller so far (Options.Rows).
	counted func(n int64)
}

func (s *sheetRows) next() (*rawRow, error) {
	if s.inSorted {
		if len(s.sorted) == 0 {
			return nil, nil
		}
		s.cur, s.sorted = s.sorted[0], s.sorted[1:]
		return &s.cur, nil
	}
	if s.header == 0 && !s.readAll {
		for {
			more, err := s.read()
			if err == errDisorder {
				return s.resort()
			}
			if err != nil || !more {
				return nil, err
			}
			if !s.store.take(&s.cur) {
				continue
			}
			if blank(s.cur.cells) {
				return &s.cur, nil
			}
			if s.seen == s.cur.num {
				// Every row numbered before this one is read: no row stored later can
				// come before it, so it is the header whatever follows.
				s.header = s.cur.num
				return &s.cur, nil
			}
			// A row numbered before this one may still follow: read the whole sheet
			// before handing out any of it.
			s.store.untake()
			break
		}
	}
	if !s.readAll {
		s.readAll = true
		n := int64(0)
		for {
			more, err := s.read()
			if err == errDisorder {
				return s.resort()
			}
			if err != nil {
				s.err = err
				break
			}
			if !more {
				break
			}
			if n++; n%rowStep == 0 && s.counted != nil {
				s.counted(n)
			}
		}
		s.closeReaders()
		s.store.seal()
	}
	if s.store.take(&s.cur) {
		return &s.cur, nil
	}
	err := s.err
	s.err = nil
	return nil, err
}

// read reads the next row the sheet stores into the store; false at the end.
func (s *sheetRows) read() (bool, error) {
	if s.stream == nil && s.xml == nil {
		return false, nil // closed, or an error ended the rows
	}
	for s.xml == nil {
		if !s.stream.Next() {
			err := s.stream.Err()
			if err == nil {
				// The sheet's merged cells follow its rows.
				_, err := io.Copy(io.Discard, s.watch)
				return false, err
			}
			var oe *xlsxstream.OrderError
			if errors.As(err, &oe) && oe.Cell == "" {
				return false, errDisorder
			}
		} else if s.keepStreamed() {
			s.last = s.stream.Row()
			s.seen++
			return true, nil
		}
		// The rest is read by xlsxRows, from the row the streaming reader stopped in.
		s.closeReaders()
		x, err := s.wb.openXML(s.sheet)
		if err != nil {
			return false, err
		}
		s.xml = x
	}
	for {
		r, err := s.xml.read()
		s.hcols = s.xml.hcols
		if err == nil && r == nil {
			err = s.xml.drain()
		}
		if err != nil || r == nil {
			return false, err
		}
		if r.num <= s.xmlPrev {
			return false, errDisorder
		}
		s.xmlPrev = r.num
		if r.num <= s.last {
			continue // kept from the streaming reader
		}
		s.last = r.num
		s.seen++
		s.store.row(r)
		return true, nil
	}
}

// keepStreamed keeps the current row of the streaming reader with the cells and kinds
// xlsxRows would give it; false when a cell needs xlsxRows to be read (or refused) as
// it always was: an unknown type, a boolean that is not 0 or 1, what Odd reports.
func (s *sheetRows) keepStreamed() bool {
	rows := s.stream
	if rows.Odd() {
		return false
	}
	st := &s.store
	st.begin(rows.Row(), rows.Hidden())
	for i, n := 0, rows.Stored(); i < n; i++ {
		c := rows.Raw(i)
		if c.Shared >= 0 {
			st.sharedText(c.Col, c.Shared) // never "": such a cell has no Shared
			continue
		}
		v := c.Text
		if len(v) == 0 {
			continue
		}
		switch c.Type {
		case xlsxstream.TypeInline, xlsxstream.TypeShared:
			st.text(c.Col, Text, v)
		case xlsxstream.TypeStr, xlsxstream.TypeInlineV:
			st.ooxml(c.Col, v)
		case xlsxstream.TypeBool:
			switch string(bytes.TrimSpace(v)) {
			case "1", "true":
				st.str(c.Col, Bool, "TRUE")
			case "0", "false":
				st.str(c.Col, Bool, "FALSE")
			case "":
			default:
				st.abort()
				return false
			}
		case xlsxstream.TypeError:
			st.text(c.Col, ErrorValue, v)
		case xlsxstream.TypeDate:
			st.text(c.Col, ISODate, bytes.TrimSpace(v))
		case xlsxstream.TypeNumber:
			if v = bytes.TrimSpace(v); len(v) == 0 {
				continue
			}
			k := Number
			if s.wb.isDate(c.Style) {
				k = DateNumber
			}
			st.text(c.Col, k, v)
		default:
			st.abort()
			return false
		}
	}
	st.end(rows.Formulas())
	return true
}

// resort reads the whole sheet again with encoding/xml, sorted by row number, and
// hands out the rows after the header, if that was handed out.
func (s *sheetRows) resort() (*rawRow, error) {
	s.closeReaders()
	s.store.drop()
	rows, err := s.wb.readSorted(s.sheet)
	if err != nil {
		return nil, errSheet{err}
	}
	if s.header > 0 {
		// The header and the rows before it are handed out. Each row numbered before
		// the header was read before it (see next), so none of them is data.
		i := 0
		for i < len(rows) && rows[i].num <= s.header {
			i++
		}
		rows = rows[i:]
	}
	s.sorted, s.inSorted = rows, true
	return s.next()
}

func (s *sheetRows) closeReaders() {
	if s.stream != nil {
		s.stream.Close()
		if s.book != nil {
			s.book.Close() // not a Book's, which it closes
		}
		s.stream, s.book = nil, nil
	}
	if s.xml != nil {
		s.xml.Close()
		s.xml = nil
	}
}

func (s *sheetRows) close() { s.closeReaders() }
