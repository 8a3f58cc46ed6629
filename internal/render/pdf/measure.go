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
// space-based breaker would let them run into the next column). A private
// gofpdf instance with the same font files gives exactly the widths gofpdf
// will use when it lays out the text.
var measurer struct {
	once sync.Once
	mu   sync.Mutex
	pdf  *gofpdf.Fpdf
}

func stringWidth(s string, bold bool, size float64) float64 {
	measurer.once.Do(func() {
		p := gofpdf.New("P", "mm", "A4", "")
		p.AddUTF8FontFromBytes(FontFamily, "", bytes.Clone(goregular.TTF))
		p.AddUTF8FontFromBytes(FontFamily, "B", bytes.Clone(gobold.TTF))
		measurer.pdf = p
	})
	style := ""
	if bold {
		style = "B"
	}
	measurer.mu.Lock()
	defer measurer.mu.Unlock()
	measurer.pdf.SetFont(FontFamily, style, size)
	return measurer.pdf.GetStringWidth(s)
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
