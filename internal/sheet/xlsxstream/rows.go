package xlsxstream

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"io"
)

// Excel's limits, as excelize checks them.
const (
	maxRows    = 1048576
	maxColumns = 16384
)

// OrderError is a sheet whose rows, or the cells of a row, are not in increasing order.
// Excel never writes one; excelize would merge such rows or cells silently, so they are
// refused rather than read as something else.
type OrderError struct {
	Row  int    // the row that is out of place
	Cell string // the cell that is out of place, "" when the row itself is
	Prev int    // the row, or column, before it
}

func (e *OrderError) Error() string {
	if e.Cell != "" {
		return fmt.Sprintf("cell %s comes after column %s of row %d: cells out of order", e.Cell, columnName(e.Prev), e.Row)
	}
	return fmt.Sprintf("row %d comes after row %d: rows out of order", e.Row, e.Prev)
}

// Rows reads the rows of a sheet in order.
type Rows struct {
	sc     *scanner
	rc     io.ReadCloser
	sst    *sst
	row    int
	hidden bool // the current row is hidden
	done   bool
	err    error
	hcols  [][2]int // the hidden columns, from <cols>: ranges of 1-based columns

	fast   int      // cells read by fastCell
	cells  []string // laid out by build, when asked for
	built  bool
	types  []Type
	styles []int
	fcols  []int // columns (from 0) of the current row's cells that hold a formula
	odd    bool
	arena  []byte
	pend   []pending
	vbuf   []byte
	si     siParser
	capt   []byte
	fcheck formula
}

// pending is a cell value of the current row: a shared string or arena[a:b].
type pending struct {
	col   int
	sst   int
	a, b  int
	typ   Type
	style int // the cell's s attribute: an index into the cellXfs of styles.xml
}

// Type is what a cell's t attribute says it holds.
type Type uint8

const (
	TypeNumber  Type = iota // no t, or t="n"
	TypeShared              // t="s": the value is a shared string's text
	TypeStr                 // t="str": a formula's text result, as stored
	TypeInline              // t="inlineStr" with an <is>: its text, _xHHHH_ escapes resolved
	TypeInlineV             // t="inlineStr" without an <is>: the <v> as stored
	TypeBool                // t="b": the value as stored ("1", "0")
	TypeError               // t="e"
	TypeDate                // t="d": ISO 8601 text as stored
	TypeOther               // any other t
)

func typeOf(t []byte, hasIS bool) Type {
	switch string(t) {
	case "", "n":
		return TypeNumber
	case "s":
		return TypeShared
	case "str":
		return TypeStr
	case "inlineStr":
		if hasIS {
			return TypeInline
		}
		return TypeInlineV
	case "b":
		return TypeBool
	case "e":
		return TypeError
	case "d":
		return TypeDate
	}
	return TypeOther
}

// start reads the worksheet up to its <sheetData>.
func (r *Rows) start() error {
	sc := r.sc
	root, rootClosed := false, false
	for {
		k, err := sc.next()
		if err != nil {
			return err
		}
		switch k {
		case tokEOF:
			r.done = true
			return nil
		case tokEnd:
			if len(sc.stack) == 0 {
				rootClosed = true
			}
		case tokStart:
			if rootClosed {
				return unsupported("a second root element")
			}
			depth := len(sc.stack)
			if sc.selfClose {
				depth++
			}
			if !root {
				root = true
				if string(sc.local) != "worksheet" {
					return unsupported("root element <%s>", sc.name)
				}
				for i := range sc.attrs {
					if bytes.Contains(sc.attrVal(&sc.attrs[i]), []byte(nsStrict)) {
						return unsupported("a strict OOXML worksheet")
					}
				}
				if sc.selfClose {
					rootClosed = true
				}
				continue
			}
			switch string(sc.local) {
			case "col":
				if depth == 3 && len(sc.stack) >= 2 {
					if err := r.col(); err != nil {
						return err
					}
				}
			case "row":
				return unsupported("<row> outside <sheetData>")
			case "sheetData":
				if depth != 2 {
					return unsupported("<sheetData> nested in another element")
				}
				if sc.selfClose {
					r.done = true
				}
				return nil
			}
		}
	}
}

// Next reads the next row; false at the end of the sheet or on an error (see Err).
func (r *Rows) Next() bool {
	if r.done || r.err != nil {
		return false
	}
	if err := r.next(); err != nil {
		r.err = err
		return false
	}
	return !r.done
}

// Row is the 1-based number of the current row. Rows the sheet does not write (empty
// ones) are skipped: the next row's number can be more than one higher.
func (r *Rows) Row() int { return r.row }

// Cells are the current row's values by column from A, as excelize's Rows().Columns()
// returns them with RawCellValue: numbers as stored, shared and inline strings as text,
// booleans "1"/"0", errors and formula results as stored. Trailing empty cells are left
// out. The slice is reused by Next; the strings are not, and may be kept.
func (r *Rows) Cells() []string {
	if !r.built {
		r.build()
	}
	return r.cells
}

// Types are the types of the current row's cells, index by index with Cells (a column
// the row leaves out is TypeNumber). The slice is reused by Next.
func (r *Rows) Types() []Type {
	if !r.built {
		r.build()
	}
	return r.types
}

// Styles are the style indexes (the s attribute, 0 when absent) of the current row's
// cells, index by index with Cells: an index into the cell formats (cellXfs) of the
// workbook's styles part, which say which numbers are dates. The slice is reused by Next.
func (r *Rows) Styles() []int {
	if !r.built {
		r.build()
	}
	return r.styles
}

// Formulas are the columns (0 for A) of the current row's cells that hold a formula,
// in order; Cells has their values as last calculated ("" when never). The slice is
// reused by Next.
func (r *Rows) Formulas() []int { return r.fcols }

// Hidden says the current row is hidden (hidden="1"): by hand, by a filter or in a
// collapsed outline group.
func (r *Rows) Hidden() bool { return r.hidden }

// HiddenColumns are the columns the sheet hides (<col hidden="1">), as ranges of
// 1-based columns, first and last included, in the order the sheet lists them.
func (r *Rows) HiddenColumns() [][2]int { return r.hcols }

// col reads a <col> of the sheet's <cols>, whose start tag was just read.
func (r *Rows) col() error {
	sc := r.sc
	var lo, hi int
	hidden := false
	for i := range sc.attrs {
		a := &sc.attrs[i]
		v := sc.attrVal(a)
		var ok bool
		switch string(a.local) {
		case "min":
			lo, ok = atoiStrict(v)
		case "max":
			hi, ok = atoiStrict(v)
		case "hidden":
			hidden, ok = parseBool(v)
		default:
			continue
		}
		if !ok {
			return unsupported("<col %s=%q>", a.local, v)
		}
	}
	if hidden && lo >= 1 && hi >= lo {
		r.hcols = append(r.hcols, [2]int{lo, min(hi, maxColumns)})
	}
	return nil
}

// parseBool reads an xsd:boolean as Excel writes it; anything else is left to a
// stricter reader.
func parseBool(v []byte) (bool, bool) {
	switch string(v) {
	case "1", "true":
		return true, true
	case "0", "false":
		return false, true
	}
	return false, false
}

// Odd says the current row holds a cell that Cells shows as excelize does, though a
// stricter reader may refuse or show it otherwise: a cell of an unknown type (empty
// ones included), a shared string cell with an empty <v>, or a string with an _xHHHH_
// escape of a lone surrogate half (left out).
func (r *Rows) Odd() bool { return r.odd }

// Err is the error that ended the rows, if any: ErrUnsupported (read the sheet with
// excelize instead), *OrderError, or a read error.
func (r *Rows) Err() error { return r.err }

// Close releases the sheet.
func (r *Rows) Close() error {
	if r.rc == nil {
		return nil
	}
	err := r.rc.Close()
	r.rc = nil
	return err
}

func (r *Rows) next() error {
	sc := r.sc
	for {
		k, err := sc.next()
		if err != nil {
			return err
		}
		switch k {
		case tokText:
			continue
		case tokEnd: // </sheetData>: excelize reads no further
			r.done = true
			return nil
		case tokEOF:
			return unsupported("unexpected end of sheet")
		}
		if string(sc.local) != "row" {
			return unsupported("<%s> in <sheetData>", sc.name)
		}
		num, seen, hidden, seenH := r.row+1, false, false, false
		for i := range sc.attrs {
			a := &sc.attrs[i]
			if string(a.local) == "hidden" {
				if seenH {
					return unsupported("a row with two hidden attributes")
				}
				seenH = true
				var ok bool
				if hidden, ok = parseBool(sc.attrVal(a)); !ok {
					return unsupported("row hidden=%q", sc.attrVal(a))
				}
				continue
			}
			if string(a.local) != "r" {
				continue
			}
			if seen {
				return unsupported("a row with two r attributes")
			}
			seen = true
			n, ok := atoiStrict(sc.attrVal(a))
			if !ok || n < 1 || n > maxRows {
				return unsupported("row number %q", sc.attrVal(a))
			}
			num = n
		}
		if num <= r.row {
			return &OrderError{Row: num, Prev: r.row}
		}
		if err := r.readRow(num); err != nil {
			return err
		}
		r.row, r.hidden = num, hidden
		return nil
	}
}

func (r *Rows) readRow(num int) error {
	sc := r.sc
	r.arena, r.pend, r.odd, r.fcols = r.arena[:0], r.pend[:0], false, r.fcols[:0]
	col := 0
	if !sc.selfClose {
	cells:
		for {
			if c, ok, err := r.fastCell(num, col); ok {
				if err != nil {
					return err
				}
				col = c
				continue
			}
			k, err := sc.next()
			if err != nil {
				return err
			}
			switch k {
			case tokText:
				continue
			case tokEnd:
				break cells
			case tokEOF:
				return unsupported("unexpected end of sheet")
			}
			if string(sc.local) != "c" {
				return unsupported("<%s> in a row", sc.name)
			}
			if col, err = r.readCell(num, col); err != nil {
				return err
			}
		}
	}
	r.built = false
	return nil
}

// build lays the current row's values out by column, as excelize does, in one string
// per row; only Cells, Types and Styles need them.
func (r *Rows) build() {
	r.built = true
	row := string(r.arena)
	r.cells, r.types, r.styles = r.cells[:0], r.types[:0], r.styles[:0]
	for _, p := range r.pend {
		for len(r.cells) < p.col-1 {
			r.cells = append(r.cells, "")
			r.types = append(r.types, TypeNumber)
			r.styles = append(r.styles, 0)
		}
		r.types = append(r.types, p.typ)
		r.styles = append(r.styles, p.style)
		if p.sst >= 0 {
			r.cells = append(r.cells, r.sst.get(p.sst))
		} else {
			r.cells = append(r.cells, row[p.a:p.b])
		}
	}
}

// RawCell is a cell of the current row as the sheet stores it, before Cells lays the
// row out: for reading rows without a string per row.
type RawCell struct {
	Col    int  // 1 for column A
	Type   Type // as in Types
	Style  int  // as in Styles
	Shared int  // the shared string that is the value (see SharedString); -1 when Text is
	Text   []byte
}

// Stored is how many cells of the current row hold a value or a formula: the cells Raw
// hands out, in column order. Cells lays the same cells out (an empty one as "").
func (r *Rows) Stored() int { return len(r.pend) }

// Raw is the i-th stored cell of the current row. Its Text is valid until Next.
func (r *Rows) Raw(i int) RawCell {
	p := &r.pend[i]
	c := RawCell{Col: p.col, Type: p.typ, Style: p.style, Shared: p.sst}
	if p.sst < 0 {
		c.Text = r.arena[p.a:p.b:p.b]
	}
	return c
}

// SharedString is the text of a shared string a RawCell refers to.
func (r *Rows) SharedString(i int) string { return r.sst.get(i) }

// readCell reads a <c> whose start tag was just read; prev is the column of the cell
// before it, and the cell's column is returned.
func (r *Rows) readCell(rowNum, prev int) (int, error) {
	sc := r.sc
	a := cellAttrs{col: prev + 1}
	for i := range sc.attrs {
		at := &sc.attrs[i]
		if err := a.set(at.local, sc.attrVal(at)); err != nil {
			return 0, err
		}
	}
	if a.typ != nil {
		r.capt = append(r.capt[:0], a.typ...) // attrs are overwritten by the next token
		a.typ = r.capt
	}
	hasV, hasF, hasIS := false, false, false
	r.vbuf = r.vbuf[:0]
	if !sc.selfClose {
	children:
		for {
			k, err := sc.next()
			if err != nil {
				return 0, err
			}
			switch k {
			case tokText:
				continue
			case tokEnd:
				break children
			case tokEOF:
				return 0, unsupported("unexpected end of sheet")
			}
			switch string(sc.local) {
			case "v":
				if hasV {
					return 0, unsupported("a cell with two values")
				}
				hasV = true
				if r.vbuf, err = readText(sc, r.vbuf, "v"); err != nil {
					return 0, err
				}
			case "f":
				hasF = true
				var buf []byte
				if buf, err = sc.capture(r.si.capt[:0]); err != nil {
					return 0, err
				}
				r.si.capt = buf
				if err := xml.Unmarshal(buf, &r.fcheck); err != nil {
					return 0, unsupported("formula: %v", err)
				}
			case "is":
				if hasIS {
					return 0, unsupported("a cell with two inline strings")
				}
				hasIS = true
				if err := r.si.parse(sc); err != nil {
					return 0, err
				}
			default:
				return 0, unsupported("<%s> in a cell", sc.name)
			}
		}
	}
	return r.addCell(rowNum, &a, hasV, hasF, hasIS)
}

// cellAttrs are the attributes of a <c> that matter: its column, style and type.
type cellAttrs struct {
	col, style          int
	typ                 []byte
	seenR, seenS, seenT bool
}

func (a *cellAttrs) set(name, v []byte) error {
	switch string(name) {
	case "r":
		if a.seenR {
			return unsupported("a cell with two r attributes")
		}
		a.seenR = true
		c, ok := parseRef(v)
		if !ok {
			return unsupported("cell reference %q", v)
		}
		a.col = c
	case "s":
		if a.seenS {
			return unsupported("a cell with two s attributes")
		}
		a.seenS = true
		if len(v) == 0 || len(v) > 18 || !allDigits(v) {
			return unsupported("cell style %q", v)
		}
		for _, c := range v {
			a.style = a.style*10 + int(c-'0')
		}
	case "t":
		if a.seenT {
			return unsupported("a cell with two t attributes")
		}
		a.seenT = true
		a.typ = v
	}
	return nil
}

// addCell adds the cell whose children were read (its value in r.vbuf, its inline
// string in r.si.out) to the row.
func (r *Rows) addCell(rowNum int, a *cellAttrs, hasV, hasF, hasIS bool) (int, error) {
	typ, col := a.typ, a.col
	p := pending{col: col, sst: -1, a: len(r.arena), typ: typeOf(typ, hasIS), style: a.style}
	r.odd = r.odd || p.typ == TypeOther
	switch string(typ) {
	case "s":
		r.odd = r.odd || hasV && len(r.vbuf) == 0
		if len(r.vbuf) > 0 {
			v := bytes.TrimSpace(r.vbuf)
			i, ok := atoiStrict(v)
			if len(v) == 1 && v[0] == '0' {
				i, ok = 0, true
			}
			if !ok || i >= r.sst.len() {
				return 0, unsupported("shared string index %q", r.vbuf)
			}
			p.sst = i
			r.odd = r.odd || r.sst.odd[i]
		}
	case "inlineStr":
		if hasIS {
			var dropped bool
			r.arena, dropped = appendUnescaped(r.arena, r.si.out)
			r.odd = r.odd || dropped
		} else {
			r.arena = append(r.arena, r.vbuf...)
		}
	default:
		r.arena = append(r.arena, r.vbuf...)
	}
	p.b = len(r.arena)
	if p.sst >= 0 && r.sst.get(p.sst) == "" {
		p.sst = -1
	}
	if p.sst < 0 && p.a == p.b && !hasF {
		return col, nil // excelize leaves empty cells out
	}
	if len(r.pend) > 0 && col <= r.pend[len(r.pend)-1].col {
		return 0, &OrderError{Row: rowNum, Cell: columnName(col) + fmt.Sprint(rowNum), Prev: r.pend[len(r.pend)-1].col}
	}
	r.pend = append(r.pend, p)
	if hasF {
		r.fcols = append(r.fcols, col-1)
	}
	return col, nil
}

// formula is what excelize decodes of a <f>, to refuse what it cannot decode.
type formula struct {
	Content string `xml:",chardata"`
	T       string `xml:"t,attr,omitempty"`
	Aca     bool   `xml:"aca,attr,omitempty"`
	Ref     string `xml:"ref,attr,omitempty"`
	Dt2D    bool   `xml:"dt2D,attr,omitempty"`
	Dtr     bool   `xml:"dtr,attr,omitempty"`
	Del1    bool   `xml:"del1,attr,omitempty"`
	Del2    bool   `xml:"del2,attr,omitempty"`
	R1      string `xml:"r1,attr,omitempty"`
	R2      string `xml:"r2,attr,omitempty"`
	Ca      bool   `xml:"ca,attr,omitempty"`
	Si      *int   `xml:"si,attr"`
	Bx      bool   `xml:"bx,attr,omitempty"`
}

// readText appends the text of a <v> or <t> (elem) whose start tag was just read;
// an element inside it, or the end of the part, is more than this reader handles.
func readText(sc *scanner, dst []byte, elem string) ([]byte, error) {
	if sc.selfClose {
		return dst, nil
	}
	for {
		k, err := sc.next()
		if err != nil {
			return dst, err
		}
		switch k {
		case tokText:
			dst = append(dst, sc.text...)
		case tokStart:
			return dst, unsupported("an element inside <%s>", elem)
		case tokEnd:
			return dst, nil
		case tokEOF:
			return dst, unsupported("unexpected end inside <%s>", elem)
		}
	}
}

func allDigits(b []byte) bool {
	for _, c := range b {
		if c < '0' || c > '9' {
			return false
		}
	}
	return true
}

// atoiStrict reads a positive decimal number without sign or leading zeros.
func atoiStrict(b []byte) (int, bool) {
	if len(b) == 0 || len(b) > 9 || b[0] == '0' || !allDigits(b) {
		return 0, false
	}
	n := 0
	for _, c := range b {
		n = n*10 + int(c-'0')
	}
	return n, true
}

// parseRef reads the column of a cell reference such as "AB12"; the row part must be
// a valid row number (excelize checks it) but does not place the cell.
func parseRef(b []byte) (int, bool) {
	i, col := 0, 0
	for i < len(b) && b[i] >= 'A' && b[i] <= 'Z' {
		col = col*26 + int(b[i]-'A'+1)
		i++
		if i > 3 {
			return 0, false
		}
	}
	if i == 0 || col > maxColumns {
		return 0, false
	}
	n, ok := atoiStrict(b[i:])
	return col, ok && n <= maxRows
}

func columnName(col int) string {
	var b []byte
	for col > 0 {
		col--
		b = append([]byte{byte('A' + col%26)}, b...)
		col /= 26
	}
	return string(b)
}
