package pdf

import (
	"bytes"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/phpdave11/gofpdf"
	"golang.org/x/image/font/gofont/gobold"
	"golang.org/x/image/font/gofont/goregular"
)

// The provider maroto exposes can count lines but not measure a string, and
// we need string widths to split words wider than their column (maroto's
// space-based breaker would let them run into the next column). Measuring
// through the provider also has a cost per call: every measurement selects
// the font, and gofpdf writes that selection into the current page.
//
// gofpdf measures a UTF-8 string as the sum of its runes' integer widths
// from the font's width table, scaled once by the font size
// (GetStringSymbolWidth, GetStringWidth). glyphs holds that table, read
// once from a private gofpdf instance with the same font files, so widths
// computed here are exactly the ones gofpdf uses when it lays out the text,
// without a lock and without a font selection per call.
var glyphs struct {
	once  sync.Once
	units [2][]int32 // [bold] width of rune r < 1<<16, in 1/1000 em
	wide  [2]int32   // [bold] width of any rune above U+FFFF
}

func loadGlyphs() {
	p := gofpdf.New("P", "mm", "A4", "")
	p.AddUTF8FontFromBytes(FontFamily, "", bytes.Clone(goregular.TTF))
	p.AddUTF8FontFromBytes(FontFamily, "B", bytes.Clone(gobold.TTF))
	for i, style := range []string{"", "B"} {
		p.SetFont(FontFamily, style, sizeBody)
		units := make([]int32, 1<<16)
		for r := range units {
			units[r] = int32(p.GetStringSymbolWidth(string(rune(r))))
		}
		glyphs.units[i] = units
		// Past the table gofpdf uses the font's missing width; at exactly
		// U+10000 it panics, which SafeText prevents.
		glyphs.wide[i] = int32(p.GetStringSymbolWidth("\U00010001"))
	}
}

// textUnits is the width of s in 1/1000 em, as gofpdf's GetStringSymbolWidth.
func textUnits(s string, bold bool) int {
	glyphs.once.Do(loadGlyphs)
	b := 0
	if bold {
		b = 1
	}
	units, w := glyphs.units[b], 0
	for _, r := range s {
		if int(r) < len(units) {
			w += int(units[r])
		} else {
			w += int(glyphs.wide[b])
		}
	}
	return w
}

// unitsMM converts a width in 1/1000 em at size pt to mm the way gofpdf's
// GetStringWidth does (same operations in the same order, so the same bits).
func unitsMM(units int, size float64) float64 {
	return float64(units) * (size / (72.0 / 25.4)) / 1000
}

func stringWidth(s string, bold bool, size float64) float64 {
	return unitsMM(textUnits(s, bold), size)
}

// maxRuneMM bounds the width of any single glyph at size pt: the widest
// Go-font glyph is 1.11 em. A word of n runes is therefore at most
// n*maxRuneMM wide, which lets the common case skip exact measurement.
func maxRuneMM(size float64) float64 { return 1.2 * em(size) }

// splitLongWords inserts spaces into words too wide for width mm, so that
// maroto's space-based wrapping can break them instead of letting them run
// into the next column. Identifiers and e-mail addresses are the usual
// culprits; ordinary prose is returned unchanged.
func splitLongWords(s string, bold bool, size, width float64) string {
	bound := maxRuneMM(size)
	if width <= 0 || float64(utf8.RuneCountInString(s))*bound <= width {
		return s
	}
	words := strings.Split(s, " ")
	changed := false
	for i, w := range words {
		if float64(utf8.RuneCountInString(w))*bound <= width || stringWidth(w, bold, size) <= width {
			continue
		}
		// gofpdf does not kern, so widths add up rune by rune.
		var parts []string
		var cur []rune
		acc := 0.0
		for _, r := range w {
			rw := stringWidth(string(r), bold, size)
			if len(cur) > 0 && acc+rw > width {
				parts = append(parts, string(cur))
				cur, acc = cur[:0], 0
			}
			cur = append(cur, r)
			acc += rw
		}
		parts = append(parts, string(cur))
		words[i] = strings.Join(parts, " ")
		changed = true
	}
	if !changed {
		return s
	}
	return strings.Join(words, " ")
}

// wrapLines is s broken into the lines maroto prints it as in a column width
// mm wide: greedy, at spaces, empty words dropped (maroto's
// getLinesBreakingLineFromSpace). s should have been through cleanText and
// splitLongWords.
func wrapLines(s string, bold bool, size, width float64) []string {
	if stringWidth(s, bold, size) <= width {
		return []string{s}
	}
	var lines []string
	cur := 0.0
	for _, w := range strings.Split(s, " ") {
		if w == "" {
			continue
		}
		if len(lines) == 0 {
			lines = append(lines, w)
			cur = stringWidth(w, bold, size)
			continue
		}
		if piece := stringWidth(" "+w, bold, size); cur+piece <= width {
			lines[len(lines)-1] += " " + w
			cur += piece
			continue
		}
		lines = append(lines, w)
		cur = stringWidth(w, bold, size)
	}
	if len(lines) == 0 {
		return []string{s}
	}
	return lines
}

// ellipsis ends text that was cut short.
const ellipsis = "…"

// clampText prepares s for a column width mm wide (cleanText, long words
// split) and, if it wraps to more than n > 0 lines, cuts it to n lines, the
// last ending in an ellipsis. Names and labels are clamped so that no input
// can make a block taller than a page.
func clampText(s string, bold bool, size, width float64, n int) string {
	s = splitLongWords(cleanText(s), bold, size, width)
	if n <= 0 || float64(utf8.RuneCountInString(s))*maxRuneMM(size) <= width {
		return s
	}
	lines := wrapLines(s, bold, size, width)
	if len(lines) <= n {
		return s
	}
	last := []rune(lines[n-1])
	for len(last) > 0 && stringWidth(string(last)+ellipsis, bold, size) > width {
		last = last[:len(last)-1]
	}
	lines[n-1] = strings.TrimRight(string(last), " ") + ellipsis
	return strings.Join(lines[:n], " ")
}
