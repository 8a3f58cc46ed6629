package pdf

import (
	"strings"

	"github.com/johnfercher/maroto/v2/pkg/consts/align"
	"github.com/johnfercher/maroto/v2/pkg/consts/fontstyle"
	"github.com/johnfercher/maroto/v2/pkg/props"
)

// A restrained palette: print-safe, legible in greyscale, no pure black text
// (softer on the eye in long tables).
var (
	colorInk    = props.Color{Red: 33, Green: 37, Blue: 41}
	colorMuted  = props.Color{Red: 100, Green: 108, Blue: 118}
	colorAccent = props.Color{Red: 24, Green: 54, Blue: 92}
	colorWhite  = props.Color{Red: 255, Green: 255, Blue: 255}
	colorZebra  = props.Color{Red: 242, Green: 245, Blue: 249}
	colorBox    = props.Color{Red: 244, Green: 246, Blue: 250}
	colorRule   = props.Color{Red: 196, Green: 203, Blue: 212}
)

// Palette is the series colour order used by the charts.
var Palette = []props.Color{
	{Red: 24, Green: 54, Blue: 92},   // navy
	{Red: 42, Green: 125, Blue: 140}, // teal
	{Red: 214, Green: 144, Blue: 44}, // amber
	{Red: 110, Green: 130, Blue: 160},
	{Red: 158, Green: 83, Blue: 101},
	{Red: 96, Green: 152, Blue: 96},
	{Red: 150, Green: 150, Blue: 150},
}

const (
	sizeBody    = 9.0
	sizeSmall   = 7.5
	sizeHeading = 11.0
	sizeTitle   = 15.0

	// cellPadX/Y are the table cell paddings in mm. The top padding is a
	// little smaller than the bottom one because maroto puts the baseline a
	// full font height below the top, leaving internal leading above the
	// capitals but letting descenders eat into the bottom padding.
	cellPadX      = 1.6
	cellPadTop    = 0.9
	cellPadBottom = 1.5
	// cellLineGap is extra leading between wrapped lines; maroto's default
	// of zero sets lines one em apart, which looks cramped.
	cellLineGap = 0.6
)

// Align is the horizontal alignment of a table column.
type Align int

// Column alignments. Money and counts should be AlignRight so that decimal
// points line up (the Go fonts have tabular digits).
const (
	AlignLeft Align = iota
	AlignRight
	AlignCenter
)

func (a Align) maroto() align.Type {
	switch a {
	case AlignRight:
		return align.Right
	case AlignCenter:
		return align.Center
	default:
		return align.Left
	}
}

func textProp(size float64, style fontstyle.Type, c props.Color, a align.Type) props.Text {
	col := c
	return props.Text{
		Family: FontFamily,
		Style:  style,
		Size:   size,
		Color:  &col,
		Align:  a,
	}
}

// SafeText makes arbitrary input safe to hand to maroto text components;
// the helpers in this package apply it themselves, callers building custom
// rows for Document.Add should too. It
//   - replaces runes above U+FFFF (emoji, rare CJK) with U+FFFD: gofpdf
//     v1.4.3 indexes a 65536-entry width table with the rune and panics at
//     Output ("index out of range [65536]") on anything larger;
//   - turns control characters into spaces, since maroto only breaks lines
//     at ' ' and would print the rest as missing glyphs;
//   - keeps empty cells one line tall (a non-breaking space), so a row of
//     blanks does not collapse.
func SafeText(s string) string {
	s = strings.Map(func(r rune) rune {
		switch {
		case r < ' ' || r == 0x7f:
			return ' '
		case r > 0xffff:
			return '\ufffd'
		}
		return r
	}, s)
	if strings.TrimSpace(s) == "" {
		return "\u00a0"
	}
	return s
}

func cleanText(s string) string { return SafeText(s) }

// em is the font size in mm; maroto advances one em per text line.
func em(size float64) float64 { return size * 25.4 / 72 }
