package pdf

import (
	"errors"
	"fmt"
	"math"
	"strconv"
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

// Charts are drawn as vector strokes through maroto's own line primitive
// instead of embedding a PNG from a chart library: they stay sharp at any
// zoom, use the document font for labels, add no dependency and keep the
// output reproducible. maroto names every embedded image with a random UUID
// and gofpdf orders images by name, so a document with two different images
// (say a logo and a chart) came out differently in 3 of 10 render pairs.

// Bar is one bar or funnel stage.
type Bar struct {
	Label string
	// Value is a decimal string (e.g. from the money package) or any
	// number strconv.ParseFloat accepts; it only sets the bar length.
	Value string
	// Display is printed as the value; Value is used when empty.
	Display string
}

func (b Bar) display() string {
	if b.Display != "" {
		return b.Display
	}
	return b.Value
}

// BarChart is a horizontal bar chart; negative values extend left of a
// zero axis.
type BarChart struct {
	Title string
	Bars  []Bar
}

// Funnel shows stages as centred bars scaled to the first stage, with each
// stage's share of the first.
type Funnel struct {
	Title  string
	Stages []Bar
}

const (
	chartRowH = 7.0 // mm per bar row
	chartBarH = 4.2 // bar thickness
	// maxLabelLines bounds a chart label (a partner's name) so that no
	// name makes a chart row taller than a page.
	maxLabelLines = 3
)

var colorNegative = props.Color{Red: 176, Green: 64, Blue: 64}

func parseValues(bars []Bar, allowNeg bool) ([]float64, error) {
	if len(bars) == 0 {
		return nil, errors.New("pdf: chart has no data")
	}
	vs := make([]float64, len(bars))
	for i, b := range bars {
		v, err := strconv.ParseFloat(b.Value, 64)
		if err != nil || math.IsNaN(v) || math.IsInf(v, 0) {
			return nil, fmt.Errorf("pdf: chart value %q for %q is not a finite number", b.Value, b.Label)
		}
		if v < 0 && !allowNeg {
			return nil, fmt.Errorf("pdf: chart value %q for %q is negative", b.Value, b.Label)
		}
		vs[i] = v
	}
	return vs, nil
}

// chartText vertically centres a single line in a chartRowH row; a
// wrapped label grows the row downwards and the bar stays centred.
func chartText(size float64, style fontstyle.Type, c props.Color, a align.Type) props.Text {
	top := chartRowH/2 - 0.65*em(size)
	return pad(textProp(size, style, c, a), top, chartRowH-top-em(size), cellPadX)
}

// AddBarChart adds c.
func (d *Document) AddBarChart(c BarChart) error {
	vs, err := parseValues(c.Bars, true)
	if err != nil {
		return d.fail(err)
	}
	lo, hi := 0.0, 0.0
	for _, v := range vs {
		lo, hi = math.Min(lo, v), math.Max(hi, v)
	}
	span := hi - lo
	if span == 0 {
		span = 1
	}
	frac := func(v float64) float64 { return (v - lo) / span }
	zero := frac(0)
	rows := make([]core.Row, 0, len(vs))
	for i, v := range vs {
		clr := Palette[0]
		if v < 0 {
			clr = colorNegative
		}
		a, b := math.Min(zero, frac(v)), math.Max(zero, frac(v))
		rows = append(rows, row.New().Add(
			textCol(3, d.label(c.Bars[i].Label, 3), chartText(sizeBody, fontstyle.Normal, colorInk, align.Right)),
			col.New(7).Add(&shape{height: chartRowH, thick: chartBarH, axis: zero, segs: []segment{{a, b, clr}}}),
			textCol(2, d.label(c.Bars[i].display(), 2), chartText(sizeBody, fontstyle.Normal, colorInk, align.Right)),
		))
	}
	return d.addChart(c.Title, rows)
}

// AddFunnel adds f. Stage shares are relative to the first stage.
func (d *Document) AddFunnel(f Funnel) error {
	vs, err := parseValues(f.Stages, false)
	if err != nil {
		return d.fail(err)
	}
	top := 0.0
	for _, v := range vs {
		top = math.Max(top, v)
	}
	rows := make([]core.Row, 0, len(vs))
	for i, v := range vs {
		w := 0.0
		if top > 0 {
			w = v / top
		}
		share := "–"
		if vs[0] > 0 {
			share = strings.TrimSuffix(strconv.FormatFloat(100*v/vs[0], 'f', 1, 64), ".0") + "%"
		}
		rows = append(rows, row.New().Add(
			textCol(3, d.label(f.Stages[i].Label, 3), chartText(sizeBody, fontstyle.Normal, colorInk, align.Right)),
			col.New(6).Add(&shape{height: chartRowH, thick: chartBarH + 1, axis: -1, segs: []segment{{(1 - w) / 2, (1 + w) / 2, Palette[0]}}}),
			textCol(2, d.label(f.Stages[i].display(), 2), chartText(sizeBody, fontstyle.Normal, colorInk, align.Right)),
			textCol(1, share, chartText(sizeSmall, fontstyle.Normal, colorMuted, align.Right)),
		))
	}
	return d.addChart(f.Title, rows)
}

// label is s for a chart column cols twelfths wide, cut short if long.
func (d *Document) label(s string, cols int) string {
	return clampText(s, false, sizeBody, d.probe.cell.Width*float64(cols)/GridSize-2*cellPadX, maxLabelLines)
}

// addChart keeps the title with the first row, then flows.
func (d *Document) addChart(title string, rows []core.Row) error {
	if title != "" {
		d.Spacer(4)
		t := row.New().Add(textCol(GridSize, clampText(title, true, sizeHeading, d.probe.cell.Width, maxCaptionLines), pad(textProp(sizeHeading, fontstyle.Bold, colorAccent, align.Left), 0, 2, 0)))
		d.ensure(d.measure(t) + d.measure(rows[0]))
		rows = append([]core.Row{t}, rows...)
	}
	err := d.Add(rows...)
	d.Spacer(5)
	return err
}

type segment struct {
	from, to float64 // fractions of the cell width
	color    props.Color
}

// shape is a maroto component drawing horizontal bars (thick strokes with
// butt caps, so they end exactly where the value does) and an optional
// vertical zero axis.
type shape struct {
	height float64
	thick  float64
	axis   float64 // fraction of the width; < 0 for none
	segs   []segment
}

func (s *shape) GetHeight(core.Provider, *entity.Cell) float64 { return s.height }
func (s *shape) SetConfig(*entity.Config)                      {}

func (s *shape) GetStructure() *node.Node[core.Structure] {
	return node.New(core.Structure{Type: "pdf.shape"})
}

func (s *shape) Render(p core.Provider, cell *entity.Cell) {
	for _, sg := range s.segs {
		if sg.to-sg.from <= 0 {
			continue
		}
		c := sg.color
		p.AddLine(&entity.Cell{X: cell.X + sg.from*cell.Width, Y: cell.Y, Width: (sg.to - sg.from) * cell.Width, Height: cell.Height},
			&props.Line{Color: &c, Style: linestyle.Solid, Thickness: s.thick, Orientation: orientation.Horizontal, OffsetPercent: 50, SizePercent: 100})
	}
	if s.axis >= 0 {
		c := colorMuted
		p.AddLine(&entity.Cell{X: cell.X + s.axis*cell.Width, Y: cell.Y, Width: 0, Height: cell.Height},
			&props.Line{Color: &c, Style: linestyle.Solid, Thickness: 0.25, Orientation: orientation.Vertical, OffsetPercent: 0, SizePercent: 100})
	}
}
