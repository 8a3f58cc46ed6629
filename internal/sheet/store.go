package sheet

import (
	"bytes"
	"encoding/binary"
	"strconv"
	"unicode/utf8"
)

// rowStore keeps the rows of a sheet between reading them and handing them out, at
// little more than the size of their text: each row is a record in a chunk of text (its
// number, then for each cell with a value its column, kind and text, or the index of
// a shared string), and a row handed out is cut from slabs of cells and kinds instead
// of two allocations of its own. A chunk is let go once its rows are handed out.
//
// A record is: uvarint row number times two, plus one for a hidden row; per cell uvarint (column − previous column, ≥ 1),
// a kind byte (sharedFlag: the value is a shared string) and uvarint length and the
// text, or uvarint shared-string index; then a 0, the uvarint count of the row's
// formula cells and their columns (from 0), each a uvarint.
type rowStore struct {
	buf    []byte   // the chunk being written
	chunks []string // chunks written, oldest first; "" once handed out
	shared func(int) string

	mark, col, cells int // the row being written: where it starts, its last column, cells
	scratch          []byte

	// Reading.
	ci, off int // chunk and offset of the next record
	lastOff int // offset of the record taken last, in chunk ci
	vals    []cellVal
	cslab   []string
	kslab   []Kind
}

type cellVal struct {
	col int
	v   string
	k   Kind
}

const (
	chunkSize  = 1 << 20
	sharedFlag = 0x80
	slabCells  = 8192
)

// begin starts the record of a row.
func (st *rowStore) begin(num int, hidden bool) {
	if st.buf == nil {
		st.buf = make([]byte, 0, chunkSize+chunkSize/8)
	}
	st.mark, st.col, st.cells = len(st.buf), 0, 0
	h := uint64(0)
	if hidden {
		h = 1
	}
	st.buf = binary.AppendUvarint(st.buf, uint64(num)<<1|h)
}

func (st *rowStore) head(col int, k byte) {
	st.buf = binary.AppendUvarint(st.buf, uint64(col-st.col))
	st.buf = append(st.buf, k)
	st.col = col
	st.cells++
}

// text adds a cell (column 1 is A) with its text.
func (st *rowStore) text(col int, k Kind, v []byte) {
	st.head(col, byte(k))
	st.buf = binary.AppendUvarint(st.buf, uint64(len(v)))
	st.buf = append(st.buf, v...)
}

func (st *rowStore) str(col int, k Kind, v string) {
	st.head(col, byte(k))
	st.buf = binary.AppendUvarint(st.buf, uint64(len(v)))
	st.buf = append(st.buf, v...)
}

// sharedText adds a text cell whose value is shared string i.
func (st *rowStore) sharedText(col, i int) {
	st.head(col, byte(Text)|sharedFlag)
	st.buf = binary.AppendUvarint(st.buf, uint64(i))
}

// ooxml adds a text cell whose value has Excel's _xHHHH_ escapes still in it.
func (st *rowStore) ooxml(col int, v []byte) {
	st.scratch = appendUnescapedOOXML(st.scratch[:0], v)
	st.text(col, Text, st.scratch)
}

// end finishes the row, with the columns (from 0) of its cells that hold a formula:
// a row without cells or formulas is not kept. It says whether it was kept.
func (st *rowStore) end(formulas []int) bool {
	if st.cells == 0 && len(formulas) == 0 {
		st.buf = st.buf[:st.mark]
		return false
	}
	st.buf = append(st.buf, 0)
	st.buf = binary.AppendUvarint(st.buf, uint64(len(formulas)))
	for _, c := range formulas {
		st.buf = binary.AppendUvarint(st.buf, uint64(c))
	}
	if len(st.buf) >= chunkSize {
		st.seal()
	}
	return true
}

// abort drops the row being written.
func (st *rowStore) abort() { st.buf = st.buf[:st.mark] }

// row keeps a row read with encoding/xml.
func (st *rowStore) row(r *rawRow) bool {
	st.begin(r.num, r.hidden)
	for i, k := range r.kinds {
		if k != Blank {
			st.str(i+1, k, r.cells[i])
		}
	}
	return st.end(r.formulas)
}

func (st *rowStore) seal() {
	if len(st.buf) > 0 {
		st.chunks = append(st.chunks, string(st.buf))
		st.buf = st.buf[:0]
	}
}

// drop forgets every row.
func (st *rowStore) drop() {
	*st = rowStore{shared: st.shared}
}

// take hands out the oldest row kept, or false when there is none.
func (st *rowStore) take(r *rawRow) bool {
	for st.ci < len(st.chunks) && st.off >= len(st.chunks[st.ci]) {
		st.chunks[st.ci] = ""
		st.ci, st.off = st.ci+1, 0
	}
	if st.ci == len(st.chunks) {
		if len(st.buf) == 0 {
			return false
		}
		st.seal()
	}
	c := st.chunks[st.ci]
	p := st.off
	st.lastOff = p
	num, p := uvarint(c, p)
	st.vals = st.vals[:0]
	col := 0
	for {
		var d uint64
		d, p = uvarint(c, p)
		if d == 0 {
			break
		}
		col += int(d)
		k := c[p]
		p++
		var n uint64
		n, p = uvarint(c, p)
		v := cellVal{col: col, k: Kind(k &^ sharedFlag)}
		if k&sharedFlag != 0 {
			v.v = st.shared(int(n))
		} else {
			v.v = c[p : p+int(n)]
			p += int(n)
		}
		st.vals = append(st.vals, v)
	}
	nf, p := uvarint(c, p)
	r.formulas = nil
	if nf > 0 {
		r.formulas = make([]int, nf)
		for i := range r.formulas {
			var f uint64
			f, p = uvarint(c, p)
			r.formulas[i] = int(f)
		}
	}
	st.off = p
	w := col
	if len(st.cslab) < w {
		n := max(w, slabCells)
		st.cslab, st.kslab = make([]string, n), make([]Kind, n)
	}
	r.num, r.hidden, r.cells, r.kinds = int(num>>1), num&1 == 1, st.cslab[:w:w], st.kslab[:w:w]
	st.cslab, st.kslab = st.cslab[w:], st.kslab[w:]
	for _, v := range st.vals {
		r.cells[v.col-1], r.kinds[v.col-1] = v.v, v.k
	}
	return true
}

// untake puts back the row taken last, to be taken again.
func (st *rowStore) untake() { st.off = st.lastOff }

func uvarint(s string, p int) (uint64, int) {
	var x uint64
	for shift := 0; ; shift += 7 {
		b := s[p]
		p++
		if b < 0x80 {
			return x | uint64(b)<<shift, p
		}
		x |= uint64(b&0x7f) << shift
	}
}

// appendUnescapedOOXML is unescapeOOXML for bytes, appended to dst.
func appendUnescapedOOXML(dst, s []byte) []byte {
	if !bytes.Contains(s, []byte("_x")) {
		return append(dst, s...)
	}
	for i := 0; i < len(s); {
		if i+7 <= len(s) && s[i] == '_' && s[i+1] == 'x' && s[i+6] == '_' {
			if n, err := strconv.ParseUint(string(s[i+2:i+6]), 16, 16); err == nil {
				dst = utf8.AppendRune(dst, rune(n))
				i += 7
				continue
			}
		}
		dst = append(dst, s[i])
		i++
	}
	return dst
}
