package pdf

import (
	"errors"
	"strings"

	"github.com/johnfercher/maroto/v2/pkg/components/col"
	"github.com/johnfercher/maroto/v2/pkg/components/line"
	"github.com/johnfercher/maroto/v2/pkg/components/row"
	"github.com/johnfercher/maroto/v2/pkg/consts/align"
	"github.com/johnfercher/maroto/v2/pkg/consts/border"
	"github.com/johnfercher/maroto/v2/pkg/consts/fontstyle"
	"github.com/johnfercher/maroto/v2/pkg/consts/linestyle"
	"github.com/johnfercher/maroto/v2/pkg/core"
	"github.com/johnfercher/maroto/v2/pkg/props"
)

// Bounds on the document head, so that no name makes it taller than a page.
const (
	maxTitleLines = 3 // issuer and document title
	maxMetaLines  = 4 // each label/value
	// textChunkLines is how many lines of a paragraph go into one row; a
	// longer paragraph goes on over pages.
	textChunkLines = 20
)

// addHead is the document head: the issuer top left, the title top right,
// then rows of {left, right} label/value pairs (the first left value large)
// and an accent rule. Empty pairs are left out; overlong values are cut with
// an ellipsis.
func (d *Document) addHead(company, title string, meta [][2]labelValue) {
	unit := d.probe.cell.Width / GridSize
	rows := []core.Row{
		row.New().Add(
			textCol(7, clampText(company, true, sizeTitle, 7*unit, maxTitleLines), pad(textProp(sizeTitle, fontstyle.Bold, colorAccent, align.Left), 0, 1.5, 0)),
			textCol(5, clampText(title, true, sizeTitle, 5*unit, maxTitleLines), pad(textProp(sizeTitle, fontstyle.Bold, colorInk, align.Right), 0, 1.5, 0)),
		),
	}
	for i, m := range meta {
		if m[0].value == "" && m[1].value == "" {
			continue
		}
		left, right := m[0], m[1]
		size := sizeBody
		if i == 0 {
			size = sizeHeading // metaCols sets the first value large
		}
		left.value = clampText(left.value, i == 0, size, 5*unit, maxMetaLines)
		right.value = clampText(right.value, false, sizeBody, 4*unit, maxMetaLines)
		rows = append(rows, row.New().Add(metaCols(left, align.Left, i == 0)...).Add(metaCols(right, align.Right, false)...))
	}
	accent := colorAccent
	rows = append(rows, row.New(4).Add(col.New(12).Add(line.New(props.Line{
		Color: &accent, Style: linestyle.Solid, Thickness: 0.5, OffsetPercent: 60, SizePercent: 100,
	}))))
	_ = d.Add(rows...)
	d.Spacer(3)
}

// addText adds a paragraph across the page; it wraps, and a paragraph
// longer than textChunkLines lines goes on over pages.
func (d *Document) addText(s string, size float64, bold bool, c props.Color) {
	style := fontstyle.Normal
	if bold {
		style = fontstyle.Bold
	}
	w := d.probe.cell.Width
	lines := wrapLines(splitLongWords(cleanText(s), bold, size, w), bold, size, w)
	var rows []core.Row
	for k := 0; k < len(lines); k += textChunkLines {
		p := pad(textProp(size, style, c, align.Left), 0, 0, 0)
		if k+textChunkLines >= len(lines) {
			p.Bottom = 1.2
		}
		p.VerticalPadding = 0.8
		rows = append(rows, row.New().Add(textCol(GridSize, strings.Join(lines[k:min(k+textChunkLines, len(lines))], " "), p)))
	}
	_ = d.Add(rows...)
}

type labelValue struct{ label, value string }

// metaCols renders "Label  value" as two columns occupying half the width,
// so labels on the left and right halves line up with each other.
func metaCols(lv labelValue, a align.Type, strong bool) []core.Col {
	if lv.value == "" {
		return []core.Col{col.New(6)}
	}
	style := fontstyle.Normal
	size := sizeBody
	if strong {
		style, size = fontstyle.Bold, sizeHeading
	}
	// Put the small label on the value's baseline (maroto sets the
	// baseline one em below the top padding).
	const valueTop = 0.4
	labelTop := valueTop + em(size) - em(sizeSmall)
	label := pad(textProp(sizeSmall, fontstyle.Normal, colorMuted, a), labelTop, 0.8, 0)
	value := pad(textProp(size, style, colorInk, a), valueTop, 0.8, 0)
	if a == align.Left {
		return []core.Col{textCol(1, lv.label, label), textCol(5, lv.value, value)}
	}
	// The value gets four twelfths: payout IDs carry the partner id and need the room.
	return []core.Col{textCol(2, lv.label, label), textCol(4, lv.value, value)}
}

func pad(p props.Text, top, bottom, x float64) props.Text {
	p.Top, p.Bottom, p.Left, p.Right = top, bottom, x, x
	return p
}

// AddHeading adds a section heading, never as the last line of a page.
func (d *Document) AddHeading(title string) error {
	if d.done {
		return d.fail(errors.New("pdf: document already generated"))
	}
	d.Spacer(4)
	r := row.New().Add(textCol(12, cleanText(title), pad(textProp(sizeHeading, fontstyle.Bold, colorAccent, align.Left), 0, 1.6, 0)))
	h := d.measure(r)
	// A heading alone at the bottom of a page is useless; demand room for
	// it plus a couple of body lines.
	d.ensure(h + 12)
	d.push(r, h)
	return nil
}

// Field is one label/value line of a summary box. Emphasis marks the
// bottom line (e.g. the payout): bold, above a rule.
type Field struct {
	Label    string
	Value    string
	Emphasis bool
}

// AddSummary adds a shaded box of label/value pairs, values right-aligned.
// The box spans two thirds of the page width so the values sit close to
// their labels.
func (d *Document) AddSummary(title string, fields []Field) error {
	fill := colorBox
	var rows []core.Row
	if title != "" {
		rows = append(rows, row.New().Add(
			col.New(8).Add(newText(cleanText(title), pad(textProp(sizeBody, fontstyle.Bold, colorAccent, align.Left), 2.2, 1.2, 3))).WithStyle(&props.Cell{BackgroundColor: &fill}),
		))
	}
	for i, f := range fields {
		style := fontstyle.Normal
		cell := &props.Cell{BackgroundColor: &fill}
		top, bottom := 1.0, 1.3
		if f.Emphasis {
			style = fontstyle.Bold
			rule := colorAccent
			cell = &props.Cell{BackgroundColor: &fill, BorderType: border.Top, BorderColor: &rule, BorderThickness: 0.3}
			top = 1.6
		}
		if i == len(fields)-1 {
			bottom = 2.4
		}
		rows = append(rows, row.New().Add(
			col.New(5).Add(newText(cleanText(f.Label), pad(textProp(sizeBody, style, colorInk, align.Left), top, bottom, 3))).WithStyle(cell),
			col.New(3).Add(newText(cleanText(f.Value), pad(textProp(sizeBody, style, colorInk, align.Right), top, bottom, 3))).WithStyle(cell),
		))
	}
	err := d.Add(rows...)
	d.Spacer(5)
	return err
}
