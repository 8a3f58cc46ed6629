package sheet

import (
	"bytes"
	"fmt"
	"io"
	"sort"
	"strconv"
	"strings"

	"github.com/partnerbook/partnerbook/internal/diag"
)

// Merged cells: a spreadsheet shows the value of a merged range across all its cells,
// but the file stores it only in the range's first cell; the others are empty. A deal's
// tags merged over three rows are, for any program reading the file, the first deal's
// tags only. The list of merged ranges (<mergeCells>) comes after the rows in the sheet
// XML, so it is picked up as the rows are read (watchMerges: the rest of the part is read
// after the rows), and checked before the first data row is handed out, as a
// workbook's rows below the header are all read before any of them is.

// cellRange is a rectangle of cells, 1-based and inclusive.
type cellRange struct{ c1, r1, c2, r2 int }

func (r cellRange) String() string {
	return fmt.Sprintf("%s%d:%s%d", colName(r.c1), r.r1, colName(r.c2), r.r2)
}

// maxMergeList caps the bytes of a sheet's merged-cell list kept to be read: about
// two million ranges, far beyond any real sheet.
const maxMergeList = 64 << 20

// mergeScan passes a sheet part through and keeps its <mergeCells> element.
type mergeScan struct {
	r       io.Reader
	tail    []byte // the last bytes read before the element, to find its name across reads
	found   bool   // the element has started: the bytes from its name on are kept in list
	ended   bool   // the element has ended, or list grew past maxMergeList
	tooLong bool
	list    []byte
	opened  bool // the start tag is whole in list, ending before list[start]
	start   int
	checked int // list[:checked] holds no '>' (before opened) or no end tag (after)
	join    [2 * mergeKeep]byte
}

// watchMerges wraps the reader of a sheet part so that reading it through also finds
// the sheet's merged ranges, for mergedRanges.
func (w *workbook) watchMerges(part string, r io.Reader) io.Reader {
	m := &mergeScan{r: r}
	if w.merges == nil {
		w.merges = map[string]*mergeScan{}
	}
	w.merges[part] = m
	return m
}

func (m *mergeScan) Read(p []byte) (int, error) {
	n, err := m.r.Read(p)
	if n > 0 && !m.ended {
		m.feed(p[:n])
	}
	return n, err
}

var mergeCellsName = []byte("mergeCells")

// mergeKeep is how many bytes of one read are kept to find a name that the next read
// completes: a namespace prefix, the name and the byte after it.
const mergeKeep = 80

func (m *mergeScan) feed(b []byte) {
	if !m.found {
		head := b[:min(len(b), mergeKeep)]
		joined := append(append(m.join[:0], m.tail...), head...)
		if i := tagNameAt(joined, mergeCellsName, 0); i >= 0 {
			m.list = append(append(m.list, joined[i:]...), b[len(head):]...)
		} else if i := tagNameAt(b, mergeCellsName, 0); i >= 0 {
			m.list = append(m.list, b[i:]...)
		} else {
			if len(b) < mergeKeep {
				m.tail = append(m.tail[:0], joined[max(0, len(joined)-mergeKeep):]...)
			} else {
				m.tail = append(m.tail[:0], b[len(b)-mergeKeep:]...)
			}
			return
		}
		m.found, m.tail = true, nil
	} else {
		m.list = append(m.list, b...)
	}
	if len(m.list) > maxMergeList {
		m.ended, m.tooLong = true, true
		return
	}
	// The element ends at once when it is empty (<mergeCells/>), else at its end tag.
	if !m.opened {
		gt := bytes.IndexByte(m.list[m.checked:], '>')
		if gt < 0 {
			m.checked = len(m.list)
			return
		}
		gt += m.checked
		if m.list[gt-1] == '/' {
			m.ended = true
			return
		}
		m.opened, m.start, m.checked = true, gt+1, gt+1
	}
	from := max(m.start, m.checked-len(mergeCellsName))
	if bytes.Contains(m.list[from:], []byte("mergeCells>")) {
		m.ended = true
	}
	m.checked = len(m.list)
}

// tagNameAt finds the first place from i where name is the name of a start tag ("<name"
// or "<prefix:name" followed by a space, '>' or '/'); -1 when none. The search is for
// the name from its fourth byte ("geCells"): the letter m is common in sheet XML and g
// is not, which makes the search several times faster.
func tagNameAt(b, name []byte, i int) int {
	const skip = 3
	for i+skip < len(b) {
		j := bytes.Index(b[i+skip:], name[skip:])
		if j < 0 {
			return -1
		}
		j += i
		i = j + 1
		if !bytes.Equal(b[j:j+skip], name[:skip]) {
			continue
		}
		if end := j + len(name); end < len(b) {
			switch b[end] {
			case ' ', '\t', '\r', '\n', '>', '/':
			default:
				continue
			}
		} else {
			continue
		}
		if j > 0 && b[j-1] == '<' {
			return j
		}
		if j > 0 && b[j-1] == ':' {
			// A prefix: letters up to '<', no second colon.
			for k := j - 2; k >= 0 && k >= j-64; k-- {
				if b[k] == '<' {
					if k < j-2 {
						return j
					}
					break
				}
				if c := b[k]; c == ':' || c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '>' || c == '/' {
					break
				}
			}
		}
	}
	return -1
}

// mergedRanges is the merged ranges found while a sheet part was read, of more
// than one cell, in row then column order. A range whose reference is not one is left
// out (a spreadsheet program drops it too).
func (w *workbook) mergedRanges(part string) ([]cellRange, error) {
	m := w.merges[part]
	delete(w.merges, part)
	if m == nil || !m.found {
		return nil, nil
	}
	if m.tooLong {
		return nil, fmt.Errorf("the sheet's list of merged cells is larger than %d MB: unmerge the cells", maxMergeList>>20)
	}
	list := m.list
	if gt := bytes.IndexByte(list, '>'); gt > 0 && list[gt-1] == '/' {
		return nil, nil // <mergeCells/>
	}
	if end := bytes.Index(list[1:], []byte("mergeCells>")); end >= 0 {
		list = list[:end+1]
	}
	var out []cellRange
	name := []byte("mergeCell")
	for i := tagNameAt(list, name, 0); i >= 0; i = tagNameAt(list, name, i+1) {
		end := bytes.IndexByte(list[i:], '>')
		if end < 0 {
			break
		}
		ref, ok := attr(string(list[i+len(name):i+end+1]), "ref")
		if !ok {
			continue
		}
		if r, ok := parseRange(ref); ok && (r.c1 != r.c2 || r.r1 != r.r2) {
			out = append(out, r)
		}
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].r1 != out[j].r1 {
			return out[i].r1 < out[j].r1
		}
		return out[i].c1 < out[j].c1
	})
	return out, nil
}

// parseRange reads "I2:I4" (or "$I$2:$I$4", or one cell "I2").
func parseRange(ref string) (cellRange, bool) {
	a, b, two := strings.Cut(strings.ReplaceAll(strings.TrimSpace(ref), "$", ""), ":")
	if !two {
		b = a
	}
	c1, r1, ok1 := parseCell(a)
	c2, r2, ok2 := parseCell(b)
	if !ok1 || !ok2 {
		return cellRange{}, false
	}
	return cellRange{min(c1, c2), min(r1, r2), max(c1, c2), max(r1, r2)}, true
}

// parseCell reads a cell reference such as "AB12".
func parseCell(ref string) (col, row int, ok bool) {
	i := 0
	for i < len(ref) && (ref[i] >= 'A' && ref[i] <= 'Z' || ref[i] >= 'a' && ref[i] <= 'z') {
		i++
	}
	if i == 0 || i == len(ref) {
		return 0, 0, false
	}
	col, err := colOf(ref[:i])
	if err != nil {
		return 0, 0, false
	}
	row, err = strconv.Atoi(ref[i:])
	if err != nil || row < 1 || row > maxRows || ref[i] == '+' || ref[i] == '-' {
		return 0, 0, false
	}
	return col, row, true
}

// maxMergeErrors is how many merged ranges are named one by one; the rest are counted.
const maxMergeErrors = 10

// checkMerges refuses the merged ranges that reach below the header row into a
// column the program reads (one it looked up by its header): in the rows below the
// range's first, the file holds nothing where a spreadsheet shows the merged value.
// Merged cells above the header, in the header row alone, or in columns not read
// change nothing that is read.
func (t *Table) checkMerges() {
	var bad []cellRange
	for _, r := range t.merges {
		if r.r2 <= t.headerRow {
			continue
		}
		for c := r.c1; c <= r.c2; c++ {
			if t.used[c-1] {
				bad = append(bad, r)
				break
			}
		}
	}
	for i, r := range bad {
		col := -1
		for c := r.c1; c <= r.c2 && col < 0; c++ {
			if t.used[c-1] {
				col = c - 1
			}
		}
		pos := diag.Pos{File: t.file, Sheet: t.sheet, Row: r.r1}
		if col < len(t.headers) {
			pos.Column = strings.TrimSpace(t.headers[col])
		}
		if i == maxMergeErrors {
			t.warnings = append(t.warnings, diag.Problem{Pos: pos, Severity: diag.Error,
				Msg: fmt.Sprintf("%d more merged ranges cover data rows in columns that are read (from %s on): unmerge them too", len(bad)-i, r)})
			return
		}
		t.warnings = append(t.warnings, diag.Problem{Pos: pos, Severity: diag.Error,
			Msg: fmt.Sprintf("cells %s are merged: a spreadsheet shows one value across them, but the file holds it only in %s%d and the other cells read as empty; unmerge the cells and put the value in every row (Excel: Unmerge Cells, then Find & Select > Go To Special > Blanks, type = and the cell above, Ctrl+Enter; LibreOffice: Unmerge Cells, then Sheet > Fill Cells > Fill Down)",
				r, colName(r.c1), r.r1)})
	}
}
