package sheet

import (
	"fmt"
	"strings"

	"github.com/partnerbook/partnerbook/internal/diag"
)

// A header the sheet holds twice (compared as Column compares them: trimmed, any
// case) names two columns, and only the first is read. When the copies hold the same
// value on every row, nothing is lost: a warning says which is read. When they differ
// on a row, the one read may be the wrong one (an empty "tags" beside "TAGS" holding
// the partner tag): an error names both columns and the first row that differs.

// dupColumn is a header read by Resolve that the sheet holds more than once.
type dupColumn struct {
	key     string // the logical name it is read as ("tags")
	header  string // as the mapping names it
	cols    []int  // every column with that header, the one read first
	differs bool   // a row that differs was reported
}

// findDups notes the columns of a resolved mapping whose header appears again.
func (t *Table) findDups(cols map[string]string, keys []string, out map[string]int) {
	seen := map[int]bool{}
	for _, k := range keys {
		first, ok := out[k]
		if !ok || seen[first] {
			continue
		}
		seen[first] = true
		d := dupColumn{key: k, header: cols[k], cols: []int{first}}
		h := Norm(t.headers[first])
		for i := first + 1; i < len(t.headers); i++ {
			if Norm(t.headers[i]) == h {
				d.cols = append(d.cols, i)
			}
		}
		if len(d.cols) > 1 {
			t.dups = append(t.dups, d)
		}
	}
}

// compareDups reports the first row on which the copies of a header differ.
func (t *Table) compareDups() {
	for i := range t.dups {
		d := &t.dups[i]
		if d.differs {
			continue
		}
		v := t.text(d.cols[0])
		for _, c := range d.cols[1:] {
			if w := t.text(c); w != v {
				d.differs = true
				t.fail(t.row, d.cols[0], "the header %q appears %s (%s) and the copies differ from this row on: %q in column %s, %q in column %s; only column %s is read (as %s): delete the copy that is wrong or make them agree",
					d.header, times(len(d.cols)), t.dupColumns(d.cols), v, colName(d.cols[0]+1), w, colName(c+1), colName(d.cols[0]+1), d.key)
				break
			}
		}
	}
}

// dupsAgree warns, once the sheet is read, of the copies that agree on every row.
func (t *Table) dupsAgree() {
	for _, d := range t.dups {
		if !d.differs {
			t.warnings = append(t.warnings, diag.Problem{Pos: diag.Pos{File: t.file, Sheet: t.sheet, Row: t.headerRow}, Severity: diag.Warning,
				Msg: fmt.Sprintf("the header %q appears %s (%s); the copies agree on every row and column %s is read as %s",
					d.header, times(len(d.cols)), t.dupColumns(d.cols), colName(d.cols[0]+1), d.key)})
		}
	}
	t.dups = nil
}

// dupColumns names columns by letter and header: `columns I "tags" and K "TAGS"`.
func (t *Table) dupColumns(cols []int) string {
	var parts []string
	for _, c := range cols {
		parts = append(parts, fmt.Sprintf("%s %q", colName(c+1), strings.TrimSpace(t.headers[c])))
	}
	return "columns " + strings.Join(parts[:len(parts)-1], ", ") + " and " + parts[len(parts)-1]
}

func times(n int) string {
	if n == 2 {
		return "twice"
	}
	return fmt.Sprintf("%d times", n)
}
