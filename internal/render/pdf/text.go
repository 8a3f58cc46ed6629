package pdf

import (
	"strings"

	"github.com/johnfercher/go-tree/node"
	"github.com/johnfercher/maroto/v2/pkg/components/col"
	"github.com/johnfercher/maroto/v2/pkg/consts/breakline"
	"github.com/johnfercher/maroto/v2/pkg/consts/fontstyle"
	"github.com/johnfercher/maroto/v2/pkg/core"
	"github.com/johnfercher/maroto/v2/pkg/core/entity"
	"github.com/johnfercher/maroto/v2/pkg/props"
)

// textBox is maroto's text component (pkg/components/text) with its height
// worked out here. maroto's own component measures through the provider,
// and every such measurement selects the font in gofpdf, which writes the
// selection into the page being built: a row was measured when added, again
// while its page was drawn, and each time the document's first page grew by
// a few dozen bytes that then had to be formatted and compressed (a
// generated partner's nine-page statement carried about 7,000 such no-op
// selections on its first page). textBox counts lines with the same greedy,
// space-based breaking as maroto and the same font widths (textUnits), so its height
// is the one maroto computes, to the bit; drawing still goes through the
// provider, so the text is placed exactly as before.
type textBox struct {
	value string
	prop  props.Text
	// lines is the line count at width w (mm), kept because a table row is
	// measured when it is added and again while it is drawn.
	w     float64
	lines int
}

// newText is text.New with textBox's measuring.
func newText(value string, p props.Text) core.Component {
	return &textBox{value: value, prop: p, lines: -1}
}

// textCol is text.NewCol with textBox's measuring.
func textCol(size int, value string, p props.Text) core.Col {
	return col.New(size).Add(newText(value, p))
}

func (t *textBox) SetConfig(cfg *entity.Config) {
	t.prop.MakeValid(cfg.DefaultFont)
	t.lines = -1
}

func (t *textBox) GetStructure() *node.Node[core.Structure] {
	return node.New(core.Structure{Type: "text", Value: t.value, Details: t.prop.ToMap()})
}

// GetHeight is maroto's Text.GetHeight: lines of one em (maroto's font height)
// with the vertical padding between them, plus the top and bottom padding.
func (t *textBox) GetHeight(p core.Provider, cell *entity.Cell) float64 {
	width := cell.Width - t.prop.Left - t.prop.Right
	if t.lines < 0 || t.w != width {
		t.lines, t.w = t.countLines(p, width), width
	}
	fontHeight := t.prop.Size / (72.0 / 25.4)
	textHeight := float64(t.lines)*fontHeight + float64(t.lines-1)*t.prop.VerticalPadding
	return textHeight + t.prop.Top + t.prop.Bottom
}

func (t *textBox) countLines(p core.Provider, width float64) int {
	bold := t.prop.Style == fontstyle.Bold
	if !strings.EqualFold(t.prop.Family, FontFamily) || (!bold && t.prop.Style != fontstyle.Normal) ||
		t.prop.BreakLineStrategy == breakline.DashStrategy {
		// Not a face glyphUnits knows: ask maroto.
		return p.GetLinesQuantity(t.value, &t.prop, width)
	}
	return lineCount(t.value, bold, t.prop.Size, width)
}

func (t *textBox) Render(p core.Provider, cell *entity.Cell) {
	p.AddText(t.value, cell, &t.prop)
}

// lineCount is the number of lines maroto breaks s into in a column width mm
// wide (its getLinesBreakingLineFromSpace): words split at ' ', empty words
// dropped, a word moved to a new line when the line so far plus a space and
// the word would be wider than the column. Widths are summed in the same
// order as maroto sums them, so the count is the same at every boundary.
func lineCount(s string, bold bool, size, width float64) int {
	space := textUnits(" ", bold)
	lines, cur := 0, 0.0
	for len(s) > 0 {
		word := s
		if i := strings.IndexByte(s, ' '); i >= 0 {
			word, s = s[:i], s[i+1:]
		} else {
			s = ""
		}
		if word == "" {
			continue
		}
		units := textUnits(word, bold)
		piece := units
		if lines > 0 {
			piece += space
		}
		if w := unitsMM(piece, size); cur+w <= width {
			if lines == 0 {
				lines = 1
			}
			cur += w
		} else {
			lines++
			cur = unitsMM(units, size)
		}
	}
	return lines
}
