package pdf

import (
	"errors"
	"fmt"

	"github.com/johnfercher/maroto/v2/pkg/components/col"
	"github.com/johnfercher/maroto/v2/pkg/components/row"
	"github.com/johnfercher/maroto/v2/pkg/components/text"
	"github.com/johnfercher/maroto/v2/pkg/consts/align"
	"github.com/johnfercher/maroto/v2/pkg/consts/border"
	"github.com/johnfercher/maroto/v2/pkg/consts/fontstyle"
	"github.com/johnfercher/maroto/v2/pkg/core"
	"github.com/johnfercher/maroto/v2/pkg/props"
)

// GridSize is the number of grid units a table row is divided into.
const GridSize = 12

// Column describes one table column.
type Column struct {
	Header string
	Width  int // grid units out of GridSize
	Align  Align
}

// Table is a simple finance table: a header row, body rows of preformatted
// strings, and an optional bold totals row.
type Table struct {
	// Caption is printed above the table and, suffixed with
	// " (continued)", above the repeated header on later pages.
	Caption string
	Columns []Column
	Rows    [][]string
	// Total, if set, is the last row, ruled and bold. It never ends up
	// alone at the top of a page.
	Total []string
}

func (t Table) validate() error {
	if len(t.Columns) == 0 {
		return errors.New("pdf: table has no columns")
	}
	sum := 0
	for i, c := range t.Columns {
		if c.Width <= 0 {
			return fmt.Errorf("pdf: table column %d has width %d", i, c.Width)
		}
		sum += c.Width
	}
	if sum > GridSize {
		return fmt.Errorf("pdf: table column widths add up to %d, more than %d", sum, GridSize)
	}
	for i, r := range t.Rows {
		if len(r) != len(t.Columns) {
			return fmt.Errorf("pdf: table row %d has %d cells, want %d", i, len(r), len(t.Columns))
		}
	}
	if t.Total != nil && len(t.Total) != len(t.Columns) {
		return fmt.Errorf("pdf: table total has %d cells, want %d", len(t.Total), len(t.Columns))
	}
	return nil
}

// AddTable adds t, breaking it across pages as needed. Each page the table
// spans starts with the caption (marked "continued") and the header row;
// the header is never left at the bottom of a page without a body row.
func (d *Document) AddTable(t Table) error {
	if err := t.validate(); err != nil {
		return d.fail(err)
	}
	if d.done {
		return d.fail(errors.New("pdf: document already generated"))
	}
	rowW := d.probe.cell.Width
	mk := func(r core.Row) measured { return measured{r, d.measure(r)} }
	head := func(cont bool) []measured {
		var out []measured
		if t.Caption != "" {
			c := t.Caption
			if cont {
				c += " (continued)"
			}
			out = append(out, mk(row.New().Add(text.NewCol(GridSize, cleanText(c),
				pad(textProp(sizeHeading, fontstyle.Bold, colorAccent, align.Left), 0, 1.6, 0)))))
		}
		return append(out, mk(t.headerRow(rowW)))
	}
	if len(t.Caption) > 0 {
		d.Spacer(4)
	}
	var total *measured
	if t.Total != nil {
		m := mk(t.bodyRow(rowW, t.Total, -1, true, true))
		total = &m
	}
	body := func(i int) measured {
		last := i == len(t.Rows)-1
		return mk(t.bodyRow(rowW, t.Rows[i], i, false, last && total == nil))
	}
	if err := d.paginate(t.Caption, head, len(t.Rows), body, total); err != nil {
		return d.fail(err)
	}
	d.Spacer(5)
	return nil
}

// measured is a row with the height maroto will give it.
type measured struct {
	r core.Row
	h float64
}

// paginate lays out a table of n body rows: head(false) first, and head(true) at the
// top of every further page. The header never ends a page without its first body
// row, and the total row never stands alone on a page. total may be nil.
func (d *Document) paginate(name string, head func(cont bool) []measured, n int, body func(i int) measured, total *measured) error {
	sum := func(ms []measured) float64 {
		h := 0.0
		for _, m := range ms {
			h += m.h
		}
		return h
	}
	emit := func(ms []measured) {
		for _, m := range ms {
			d.push(m.r, m.h)
		}
	}
	hd := head(false)
	need := sum(hd)
	var first measured
	if n > 0 {
		first = body(0)
		need += first.h
	}
	if n <= 1 && total != nil {
		need += total.h
	}
	if need > d.avail-fitSlack {
		return fmt.Errorf("pdf: table %q: header and first row do not fit on one page", name)
	}
	d.ensure(need)
	emit(hd)
	if n > 0 {
		d.push(first.r, first.h)
	}
	contH := sum(head(true))
	for i := 1; i < n; i++ {
		b := body(i)
		keep := b.h
		if i == n-1 && total != nil {
			keep += total.h // don't strand the total on its own page
		}
		if contH+keep > d.avail-fitSlack {
			return fmt.Errorf("pdf: table %q row %d is taller than a page", name, i)
		}
		if d.used+keep > d.avail-fitSlack {
			d.breakPage()
			emit(head(true))
		}
		d.push(b.r, b.h)
	}
	if total != nil {
		d.push(total.r, total.h)
	}
	return nil
}

// cellProp is shared by header, body and total cells so that the columns
// line up exactly.
func cellProp(c Column, style fontstyle.Type, color props.Color) props.Text {
	p := pad(textProp(sizeBody, style, color, c.Align.maroto()), cellPadTop, cellPadBottom, cellPadX)
	p.VerticalPadding = cellLineGap
	return p
}

// colWidth is the text width inside a cell of c, in mm.
func colWidth(rowW float64, c Column) float64 {
	return rowW*float64(c.Width)/GridSize - 2*cellPadX
}

func (t Table) headerRow(rowW float64) core.Row {
	fill := colorAccent
	style := &props.Cell{BackgroundColor: &fill}
	cols := make([]core.Col, len(t.Columns))
	for i, c := range t.Columns {
		s := splitLongWords(cleanText(c.Header), true, sizeBody, colWidth(rowW, c))
		cols[i] = col.New(c.Width).Add(text.New(s, cellProp(c, fontstyle.Bold, colorWhite))).WithStyle(style)
	}
	return row.New().Add(cols...)
}

// bodyRow builds row i (i < 0 for the total). Striping is done per column
// rather than per row so the fill stops where the table does when the
// column widths add up to less than the full grid.
func (t Table) bodyRow(rowW float64, cells []string, i int, isTotal, isLast bool) core.Row {
	var style *props.Cell
	switch {
	case isTotal:
		rule := colorAccent
		style = &props.Cell{BorderType: border.Top, BorderColor: &rule, BorderThickness: 0.35}
	case i%2 == 1:
		fill := colorZebra
		style = &props.Cell{BackgroundColor: &fill}
	}
	if isLast && !isTotal {
		// Close the table with a hairline; a total row is closed by its
		// own rule above instead.
		rule := colorRule
		s := props.Cell{BorderType: border.Bottom, BorderColor: &rule, BorderThickness: 0.2}
		if style != nil {
			s.BackgroundColor = style.BackgroundColor
		}
		style = &s
	}
	fs := fontstyle.Normal
	if isTotal {
		fs = fontstyle.Bold
	}
	cols := make([]core.Col, len(t.Columns))
	for j, c := range t.Columns {
		s := splitLongWords(cleanText(cells[j]), isTotal, sizeBody, colWidth(rowW, c))
		p := cellProp(c, fs, colorInk)
		if isTotal {
			p.Top += 0.6 // breathing room under the rule
		}
		cl := col.New(c.Width).Add(text.New(s, p))
		if style != nil {
			cl = cl.WithStyle(style)
		}
		cols[j] = cl
	}
	return row.New().Add(cols...)
}
