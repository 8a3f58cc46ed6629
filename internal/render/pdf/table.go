package pdf

import (
	"errors"
	"fmt"
	"sort"
	"strings"

	"github.com/johnfercher/go-tree/node"
	"github.com/johnfercher/maroto/v2/pkg/components/col"
	"github.com/johnfercher/maroto/v2/pkg/components/row"
	"github.com/johnfercher/maroto/v2/pkg/consts/align"
	"github.com/johnfercher/maroto/v2/pkg/consts/fontstyle"
	"github.com/johnfercher/maroto/v2/pkg/consts/linestyle"
	"github.com/johnfercher/maroto/v2/pkg/consts/orientation"
	"github.com/johnfercher/maroto/v2/pkg/core"
	"github.com/johnfercher/maroto/v2/pkg/core/entity"
	"github.com/johnfercher/maroto/v2/pkg/props"
)

// GridSize is the number of grid units maroto divides a row into.
const GridSize = 12

// measured is a row with the height maroto will give it.
type measured struct {
	r core.Row
	h float64
}

// keepTogetherRows is the most body rows a table has to be kept on one page.
const keepTogetherRows = 6

// paginate lays out a table: head(false) first, head(true) at the top of
// every further page, then the body rows, each no taller than a page less the
// head. The head never ends a page without a body row, and the total (which
// may be nil) never stands alone on a page unless the last row fills one. It
// cannot fail: a table of any length goes on over pages. A table of at most
// keepTogetherRows rows that fits on a page is never split.
func (d *Document) paginate(head func(cont bool) []measured, rows []measured, total *measured) {
	emit := func(ms []measured) {
		for _, m := range ms {
			d.push(m.r, m.h)
		}
	}
	hd := head(false)
	need := sumHeights(hd)
	if len(rows) > 0 {
		need += rows[0].h
	}
	if len(rows) <= 1 && total != nil {
		need += total.h
	}
	// A short table is read at a glance: it moves whole to the next page rather than
	// split, when it fits on one.
	if len(rows) <= keepTogetherRows {
		whole := sumHeights(hd) + sumHeights(rows)
		if total != nil {
			whole += total.h
		}
		if whole <= d.avail-fitSlack {
			need = whole
		}
	}
	d.ensure(need)
	emit(hd)
	if len(rows) > 0 {
		d.push(rows[0].r, rows[0].h)
	}
	contH := sumHeights(head(true))
	fits := func(h float64) bool { return d.used+h <= d.avail-fitSlack }
	for i := 1; i < len(rows); i++ {
		b := rows[i]
		keep := b.h
		if i == len(rows)-1 && total != nil && contH+b.h+total.h <= d.avail-fitSlack {
			keep += total.h // don't strand the total on its own page
		}
		if !fits(keep) {
			d.breakPage()
			emit(head(true))
		}
		d.push(b.r, b.h)
	}
	if total != nil {
		if !fits(total.h) {
			d.breakPage()
			emit(head(true))
		}
		d.push(total.r, total.h)
	}
}

// flexCol is a column of a flexTable.
type flexCol struct {
	Header string
	Align  Align
	// Fit makes the column as wide as its widest cell (or header word);
	// the other columns share what is left in proportion to Weight.
	Fit    bool
	Weight float64
	// Whole prints every line of a cell, continuing the row on the next page
	// if need be (a list of a thousand partners). Other cells are cut with an
	// ellipsis after maxCellLines lines: a name of thousands of characters
	// says what it needs in its first lines.
	Whole bool
}

// maxCellLines bounds a cell of a column that is not Whole.
const maxCellLines = 12

// flexRow is one body row. A cell may hold "main\nsub": sub is set small
// and muted under main. Note is a small line under the whole row, from
// column NoteFrom to the right edge.
type flexRow struct {
	Cells []string
	Note  string
}

// flexTable is the documents' table: column widths in millimetres (a date
// or an amount needs about 1.4 twelfths of the page; seven columns of finance
// data do not fit a 12-unit grid), sub-lines and row notes. It goes on over
// as many pages as it needs: caption and header repeat on every page, the
// header never ends a page, the total never stands alone, and a row too tall
// for a page is continued on the next one.
type flexTable struct {
	Caption  string
	Columns  []flexCol
	Rows     []flexRow
	Total    []string
	NoteFrom int
	Size     float64 // body font size; 0 means sizeBody
	Empty    string  // printed under the caption when there are no rows
}

const (
	flexSubGap  = 0.35 // between a cell's main text and its sub-line
	flexNoteGap = 0.5  // between the cells and the row note
	minFlexW    = 16.0 // narrowest flexible column, mm
)

type flexLayout struct {
	size, sub float64
	x, w      []float64 // column offsets and widths, mm from the table's left edge
	width     float64   // the table's width
}

func (t *flexTable) validate() error {
	if len(t.Columns) == 0 {
		return errors.New("pdf: table has no columns")
	}
	for i, r := range t.Rows {
		if len(r.Cells) != len(t.Columns) {
			return fmt.Errorf("pdf: table %q row %d has %d cells, want %d", t.Caption, i, len(r.Cells), len(t.Columns))
		}
	}
	if t.Total != nil && len(t.Total) != len(t.Columns) {
		return fmt.Errorf("pdf: table %q total has %d cells, want %d", t.Caption, len(t.Total), len(t.Columns))
	}
	if t.NoteFrom < 0 || t.NoteFrom >= len(t.Columns) {
		return fmt.Errorf("pdf: table %q notes start at column %d of %d", t.Caption, t.NoteFrom, len(t.Columns))
	}
	return nil
}

// layout sizes the columns for a table rowW mm wide at most. Fit columns get
// their content width; flexible ones share the rest. A table with no
// flexible column is only as wide as its content.
func (t *flexTable) layout(rowW float64) flexLayout {
	size := t.Size
	if size == 0 {
		size = sizeBody
	}
	l := flexLayout{size: size, sub: size - 1.5, x: make([]float64, len(t.Columns)), w: make([]float64, len(t.Columns))}
	fixed, weights := 0.0, 0.0
	for j, c := range t.Columns {
		if !c.Fit {
			weights += max(c.Weight, 0.1)
			continue
		}
		content := 0.0
		measure := func(cell string, bold bool) {
			main, sub, _ := strings.Cut(cell, "\n")
			content = max(content, stringWidth(cleanText(main), bold, size))
			if sub != "" {
				content = max(content, stringWidth(cleanText(sub), false, l.sub))
			}
		}
		for _, r := range t.Rows {
			measure(r.Cells[j], false)
		}
		if t.Total != nil {
			measure(t.Total[j], true)
		}
		// The header may wrap between words, but not when keeping it on
		// one line costs little.
		head := stringWidth(cleanText(c.Header), true, size)
		if head > 1.35*content && head > content+12 {
			head = 0
			for _, w := range strings.Fields(c.Header) {
				head = max(head, stringWidth(w, true, size))
			}
		}
		l.w[j] = max(content, head) + 2*cellPadX + 0.3
		fixed += l.w[j]
	}
	// Too much fixed content: cap the widest fit columns (their text will
	// wrap) so that the narrow ones (dates, amounts) keep their width and
	// every flexible column keeps a readable one.
	target := max(rowW-minFlexW*float64(countFlex(t.Columns)), rowW/2)
	if fixed > target {
		var ws []float64
		for j, c := range t.Columns {
			if c.Fit {
				ws = append(ws, l.w[j])
			}
		}
		limit := waterLevel(ws, target)
		fixed = 0
		for j, c := range t.Columns {
			if c.Fit {
				l.w[j] = min(l.w[j], limit)
				fixed += l.w[j]
			}
		}
	}
	rest := max(rowW-fixed, 0)
	for j, c := range t.Columns {
		if !c.Fit {
			l.w[j] = rest * max(c.Weight, 0.1) / weights
		}
	}
	x := 0.0
	for j := range l.w {
		l.x[j] = x
		x += l.w[j]
	}
	l.width = min(x, rowW)
	return l
}

// waterLevel is the cap c for which the widths ws, each cut down to c, add
// up to total.
func waterLevel(ws []float64, total float64) float64 {
	sorted := append([]float64(nil), ws...)
	sort.Float64s(sorted)
	left := total
	for i, w := range sorted {
		n := float64(len(sorted) - i)
		if w*n >= left {
			return max(left/n, 0)
		}
		left -= w
	}
	return sorted[len(sorted)-1]
}

func countFlex(cols []flexCol) int {
	n := 0
	for _, c := range cols {
		if !c.Fit {
			n++
		}
	}
	return n
}

// addFlexTable adds t; errors are recorded in d and reported by Bytes.
func (d *Document) addFlexTable(t flexTable) {
	if err := t.validate(); err != nil {
		d.fail(err)
		return
	}
	if d.done {
		d.fail(errors.New("pdf: document already generated"))
		return
	}
	rowW := d.probe.cell.Width
	l := t.layout(rowW)
	mk := func(c *tableLine) measured {
		r := row.New().Add(col.New(GridSize).Add(c))
		return measured{r, d.measure(r)}
	}
	caption := func(cont bool) []measured {
		if t.Caption == "" {
			return nil
		}
		c := t.Caption
		if cont {
			c += " (continued)"
		}
		r := row.New().Add(textCol(GridSize, clampText(c, true, sizeHeading, rowW, maxCaptionLines),
			pad(textProp(sizeHeading, fontstyle.Bold, colorAccent, align.Left), 0, 1.6, 0)))
		return []measured{{r, d.measure(r)}}
	}
	head := func(cont bool) []measured {
		out := caption(cont)
		if len(t.Rows) == 0 {
			return out
		}
		return append(out, mk(t.line(l, rowW, roleHeader, flexRow{}, 0)))
	}
	d.Spacer(4)
	if len(t.Rows) == 0 {
		ms := caption(false)
		if t.Empty != "" {
			p := pad(textProp(sizeBody, fontstyle.Normal, colorMuted, align.Left), 0.5, 1.2, 0)
			r := row.New().Add(textCol(GridSize, clampText(t.Empty, false, sizeBody, rowW, maxCaptionLines), p))
			ms = append(ms, measured{r, d.measure(r)})
		}
		d.ensure(sumHeights(ms))
		for _, m := range ms {
			d.push(m.r, m.h)
		}
		d.Spacer(5)
		return
	}
	var total *measured
	if t.Total != nil {
		m := mk(t.line(l, rowW, roleTotal, flexRow{Cells: t.Total}, 0))
		total = &m
	}
	// The most a row may take: a page less the repeated caption and header.
	maxH := d.avail - max(sumHeights(head(false)), sumHeights(head(true))) - 1
	last := len(t.Rows) - 1
	rows := make([]measured, 0, len(t.Rows))
	for i, r := range t.Rows {
		role := roleBody
		if i == last && total == nil {
			role = roleLast
		}
		rows = append(rows, t.pieces(l, r, maxH, func(r flexRow, last bool) measured {
			if !last {
				return mk(t.line(l, rowW, roleBody, r, i))
			}
			return mk(t.line(l, rowW, role, r, i))
		})...)
	}
	d.paginate(head, rows, total)
	d.Spacer(5)
}

// Bounds on text that could otherwise make a block taller than a page.
const (
	maxCaptionLines = 3  // table captions and empty-table notes
	maxSubLines     = 6  // a cell's small second line
	maxNoteLines    = 12 // a row's note
)

// pieces is r as it is printed, each row built and measured by build (last
// marks the piece that ends r): one row, or when r is taller than maxH (a
// name of thousands of characters, a thousand partners under one owner)
// several rows no taller than maxH, each taking the next lines of every
// cell. A cell's sub-line follows its last lines; the note ends the last
// piece.
func (t *flexTable) pieces(l flexLayout, r flexRow, maxH float64, build func(r flexRow, last bool) measured) []measured {
	if whole := build(r, true); whole.h <= maxH {
		return []measured{whole}
	}
	lines := make([][]string, len(r.Cells))
	subs := make([]string, len(r.Cells))
	most := 0
	for j, c := range r.Cells {
		main, sub, _ := strings.Cut(c, "\n")
		textW := l.w[j] - 2*cellPadX
		lim := maxCellLines
		if t.Columns[j].Whole {
			lim = 0
		}
		lines[j] = wrapLines(clampText(main, false, l.size, textW, lim), false, l.size, textW)
		if sub != "" {
			subs[j] = clampText(sub, false, l.sub, textW, maxSubLines)
		}
		most = max(most, len(lines[j]))
	}
	note := r.Note
	if note != "" {
		note = clampText(note, false, l.sub, l.width-l.x[t.NoteFrom]-2*cellPadX, maxNoteLines)
	}
	cut := func(per int) []measured {
		n := (most + per - 1) / per
		out := make([]measured, n)
		for k := range out {
			cells := make([]string, len(r.Cells))
			for j := range cells {
				from, to := min(k*per, len(lines[j])), min((k+1)*per, len(lines[j]))
				cells[j] = strings.Join(lines[j][from:to], " ")
				ends := max((len(lines[j])+per-1)/per, 1) - 1
				if k == ends && subs[j] != "" {
					cells[j] += "\n" + subs[j]
				}
			}
			piece := flexRow{Cells: cells}
			if k == n-1 {
				piece.Note = note
			}
			out[k] = build(piece, k == n-1)
		}
		return out
	}
	lineH := em(l.size) + cellLineGap
	per := max(int((maxH-cellPadTop-cellPadBottom)/lineH), 1)
	for {
		ps := cut(per)
		fits := true
		for _, p := range ps {
			if p.h > maxH {
				fits = false
				break
			}
		}
		// At one line a piece the sub-lines and note are clamped short
		// enough to fit; whatever remains is printed as it is.
		if fits || per == 1 {
			return ps
		}
		per = max(min(per*9/10, per-1), 1)
	}
}

func sumHeights(ms []measured) float64 {
	h := 0.0
	for _, m := range ms {
		h += m.h
	}
	return h
}

// Row roles for flexTable.line.
const (
	roleHeader = iota
	roleBody
	roleLast // the last body row, closed by a hairline
	roleTotal
)

// line builds the component of the header, a body row (i counts rows for
// the zebra stripes) or the total.
func (t *flexTable) line(l flexLayout, rowW float64, role int, r flexRow, i int) *tableLine {
	tl := &tableLine{rowW: rowW, l: l}
	cells, note := r.Cells, r.Note
	bold, color := false, colorInk
	switch role {
	case roleHeader:
		cells, note = nil, ""
		for _, c := range t.Columns {
			cells = append(cells, c.Header)
		}
		bold, color = true, colorWhite
		fill := colorAccent
		tl.fill = &fill
	case roleTotal:
		bold = true
		rule := colorAccent
		tl.ruleTop, tl.ruleTopW = &rule, 0.35
		tl.extraTop = 0.6
	case roleLast:
		rule := colorRule
		tl.ruleBottom = &rule
	}
	if role != roleHeader && role != roleTotal && i%2 == 1 {
		fill := colorZebra
		tl.fill = &fill
	}
	style := fontstyle.Normal
	if bold {
		style = fontstyle.Bold
	}
	for j, c := range t.Columns {
		main, sub, _ := strings.Cut(cells[j], "\n")
		textW := l.w[j] - 2*cellPadX
		p := pad(textProp(l.size, style, color, c.Align.maroto()), cellPadTop+tl.extraTop, 0, cellPadX)
		p.VerticalPadding = cellLineGap
		lim := maxCellLines
		if c.Whole || role == roleHeader {
			lim = 0
		}
		tc := flexCell{main: newText(clampText(main, bold, l.size, textW, lim), p)}
		if sub != "" {
			sp := pad(textProp(l.sub, fontstyle.Normal, colorMuted, c.Align.maroto()), flexSubGap, 0, cellPadX)
			sp.VerticalPadding = cellLineGap / 2
			tc.sub = newText(splitLongWords(cleanText(sub), false, l.sub, textW), sp)
		}
		tl.cells = append(tl.cells, tc)
	}
	if note != "" {
		tl.noteFrom, tl.noteX = t.NoteFrom, l.x[t.NoteFrom]
		np := pad(textProp(l.sub, fontstyle.Normal, colorMuted, align.Left), flexNoteGap, 0, cellPadX)
		np.VerticalPadding = cellLineGap / 2
		tl.note = newText(splitLongWords(cleanText(note), false, l.sub, l.width-tl.noteX-2*cellPadX), np)
	}
	return tl
}

type flexCell struct{ main, sub core.Component }

// tableLine is one table row drawn as a single maroto component, so that
// columns can have any width. It draws its own background and rules with
// maroto's line primitive (a stroke as thick as the row is a filled box).
type tableLine struct {
	rowW       float64 // the width the layout was made for
	l          flexLayout
	cells      []flexCell
	note       core.Component
	noteFrom   int
	noteX      float64
	fill       *props.Color
	ruleTop    *props.Color
	ruleTopW   float64
	ruleBottom *props.Color
	extraTop   float64
}

func (tl *tableLine) SetConfig(cfg *entity.Config) {
	for _, c := range tl.cells {
		c.main.SetConfig(cfg)
		if c.sub != nil {
			c.sub.SetConfig(cfg)
		}
	}
	if tl.note != nil {
		tl.note.SetConfig(cfg)
	}
}

func (tl *tableLine) GetStructure() *node.Node[core.Structure] {
	return node.New(core.Structure{Type: "pdf.tableLine"})
}

// sub returns the cell of column j (or of the note for j < 0) inside c.
func (tl *tableLine) sub(c *entity.Cell, j int) *entity.Cell {
	k := c.Width / tl.rowW
	if j < 0 {
		return &entity.Cell{X: c.X + tl.noteX*k, Y: c.Y, Width: (tl.l.width - tl.noteX) * k, Height: c.Height}
	}
	return &entity.Cell{X: c.X + tl.l.x[j]*k, Y: c.Y, Width: tl.l.w[j] * k, Height: c.Height}
}

// cellsHeight is the height of the tallest cell without bottom padding,
// among the cells left of the note (before) and the cells above it (above).
func (tl *tableLine) cellsHeight(p core.Provider, c *entity.Cell) (before, above float64) {
	for j, fc := range tl.cells {
		sc := tl.sub(c, j)
		ch := fc.main.GetHeight(p, sc)
		if fc.sub != nil {
			ch += fc.sub.GetHeight(p, sc)
		}
		if tl.note != nil && j < tl.noteFrom {
			before = max(before, ch)
		} else {
			above = max(above, ch)
		}
	}
	return before, above
}

func (tl *tableLine) GetHeight(p core.Provider, c *entity.Cell) float64 {
	before, above := tl.cellsHeight(p, c)
	if tl.note != nil {
		above += tl.note.GetHeight(p, tl.sub(c, -1))
	}
	return max(before, above) + cellPadBottom
}

func (tl *tableLine) Render(p core.Provider, c *entity.Cell) {
	k := c.Width / tl.rowW
	width := tl.l.width * k
	if tl.fill != nil {
		p.AddLine(&entity.Cell{X: c.X, Y: c.Y, Width: width, Height: c.Height},
			&props.Line{Color: tl.fill, Style: linestyle.Solid, Thickness: c.Height, Orientation: orientation.Horizontal, OffsetPercent: 50, SizePercent: 100})
	}
	if tl.ruleTop != nil {
		p.AddLine(&entity.Cell{X: c.X, Y: c.Y, Width: width, Height: c.Height},
			&props.Line{Color: tl.ruleTop, Style: linestyle.Solid, Thickness: tl.ruleTopW, Orientation: orientation.Horizontal, OffsetPercent: 0, SizePercent: 100})
	}
	if tl.ruleBottom != nil {
		p.AddLine(&entity.Cell{X: c.X, Y: c.Y, Width: width, Height: c.Height},
			&props.Line{Color: tl.ruleBottom, Style: linestyle.Solid, Thickness: 0.2, Orientation: orientation.Horizontal, OffsetPercent: 100, SizePercent: 100})
	}
	for j, fc := range tl.cells {
		sc := tl.sub(c, j)
		fc.main.Render(p, sc)
		if fc.sub != nil {
			below := *sc
			below.Y += fc.main.GetHeight(p, sc)
			fc.sub.Render(p, &below)
		}
	}
	if tl.note != nil {
		nc := tl.sub(c, -1)
		_, above := tl.cellsHeight(p, c)
		nc.Y += above
		tl.note.Render(p, nc)
	}
}
