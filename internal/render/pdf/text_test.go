package pdf

import (
	"bytes"
	"compress/zlib"
	"fmt"
	"io"
	"math/rand"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/johnfercher/maroto/v2/pkg/components/text"
	"github.com/johnfercher/maroto/v2/pkg/consts/align"
	"github.com/johnfercher/maroto/v2/pkg/consts/fontstyle"
	"github.com/johnfercher/maroto/v2/pkg/core/entity"
	"github.com/phpdave11/gofpdf"
	"golang.org/x/image/font/gofont/gobold"
	"golang.org/x/image/font/gofont/goregular"
)

// textSamples are strings of the kinds documents hold: words of Latin,
// Greek, Cyrillic and CJK (not in the font), runs of spaces, empty and
// blank strings, long unbroken identifiers and runes above U+FFFF.
func textSamples() []string {
	rng := rand.New(rand.NewSource(1))
	words := []string{"Łódź", "Analytics", "Zoë", "Ærøskøbing", "Færgeri", "ApS", "Ελλάδα", "Москва", "東京", "—", "·", "…",
		"$1,851.85", "2026-10-31", "OPP-0004432", "lodz:D-0871:revenue-share:2026-10-12", "a", "I", "WWWWW", "iiiii", "\u00a0", "\ufffd", "🚀"}
	out := []string{"", " ", "   ", "\u00a0", "Total", "Payout amount", "  two  spaces  ", "trailing ", " leading"}
	for i := 0; i < 400; i++ {
		var b strings.Builder
		for n := rng.Intn(30); n >= 0; n-- {
			b.WriteString(words[rng.Intn(len(words))])
			b.WriteString([]string{" ", " ", " ", "  ", ""}[rng.Intn(5)])
		}
		out = append(out, b.String())
	}
	return out
}

// The widths computed from the glyph table are gofpdf's own, bit for bit.
func TestStringWidthIsGofpdfs(t *testing.T) {
	p := gofpdf.New("P", "mm", "A4", "")
	p.AddUTF8FontFromBytes(FontFamily, "", bytes.Clone(goregular.TTF))
	p.AddUTF8FontFromBytes(FontFamily, "B", bytes.Clone(gobold.TTF))
	for _, s := range textSamples() {
		if strings.ContainsRune(s, 0x10000) {
			continue
		}
		for _, bold := range []bool{false, true} {
			for _, size := range []float64{sizeSmall, sizeSmall - 1.5, sizeBody, sizeBody + 0.5, sizeHeading, sizeTitle} {
				style := ""
				if bold {
					style = "B"
				}
				p.SetFont(FontFamily, style, size)
				if got, want := stringWidth(s, bold, size), p.GetStringWidth(s); got != want {
					t.Fatalf("stringWidth(%q, bold %v, %v pt) = %v, gofpdf says %v", s, bold, size, got, want)
				}
			}
		}
	}
}

// A textBox is exactly as tall as maroto's text component with the same
// text and properties, at every width, including widths at which a line
// just fits.
func TestTextBoxHeightIsMarotos(t *testing.T) {
	d, err := New(Options{RunDate: time.Date(2026, 11, 2, 0, 0, 0, 0, time.UTC)})
	if err != nil {
		t.Fatal(err)
	}
	checked, boundary := 0, 0
	for i, s := range textSamples() {
		style, size := fontstyle.Normal, sizeBody
		if i%3 == 1 {
			style, size = fontstyle.Bold, sizeHeading
		}
		if i%3 == 2 {
			size = sizeSmall
		}
		p := pad(textProp(size, style, colorInk, align.Left), cellPadTop, 0.4, cellPadX)
		p.VerticalPadding = cellLineGap
		bold := style == fontstyle.Bold
		widths := []float64{5, 17.3, 24, 40, 61.5, 120, 178}
		// Widths at which a line of the first words exactly fits.
		for _, n := range []int{1, 2, 3} {
			if f := strings.Fields(s); len(f) >= n {
				w := stringWidth(strings.Join(f[:n], " "), bold, size) + p.Left + p.Right
				widths = append(widths, w, w-1e-9, w+1e-9)
				boundary++
			}
		}
		for _, w := range widths {
			cell := &entity.Cell{Width: w, Height: 100}
			ours, theirs := newText(s, p), text.New(s, p)
			ours.SetConfig(d.cfg)
			theirs.SetConfig(d.cfg)
			got, want := ours.GetHeight(d.probe.provider, cell), theirs.GetHeight(d.probe.provider, cell)
			if got != want {
				t.Fatalf("%q at %v mm, %v %v pt: textBox height %v, maroto's %v", s, w, style, size, got, want)
			}
			checked++
		}
	}
	if checked < 4000 || boundary < 800 {
		t.Fatalf("only %d cases (%d at line boundaries)", checked, boundary)
	}
}

// Measuring a row no longer writes into the page being built: gofpdf
// selects the font only when text is drawn.
func TestMeasuringDrawsNothing(t *testing.T) {
	d, err := New(Options{RunDate: time.Date(2026, 11, 2, 0, 0, 0, 0, time.UTC)})
	if err != nil {
		t.Fatal(err)
	}
	for i := 0; i < 200; i++ {
		d.addText(fmt.Sprintf("Paragraph %d of a document that measures every row it adds.", i), sizeBody, i%2 == 0, colorInk)
	}
	b, err := d.Bytes()
	if err != nil {
		t.Fatal(err)
	}
	stream := firstPageStream(t, b)
	// Each paragraph line is drawn after maroto selects its font three
	// times; measuring added several more selections per row before.
	texts, fonts := bytes.Count(stream, []byte(" Tj ET")), bytes.Count(stream, []byte(" Tf ET"))
	if texts == 0 || fonts > 3*texts+3 {
		t.Fatalf("first page draws %d texts with %d font selections", texts, fonts)
	}
}

var contentsRe = regexp.MustCompile(`/Contents (\d+) 0 R`)

// firstPageStream is the decompressed content stream of a PDF's first page.
func firstPageStream(t *testing.T, b []byte) []byte {
	t.Helper()
	m := contentsRe.FindSubmatch(b)
	if m == nil {
		t.Fatal("no page contents")
	}
	obj := bytes.Index(b, []byte("\n"+string(m[1])+" 0 obj"))
	start := bytes.Index(b[obj:], []byte("stream\n"))
	end := bytes.Index(b[obj:], []byte("\nendstream"))
	if obj < 0 || start < 0 || end < start {
		t.Fatalf("no stream for object %s", m[1])
	}
	r, err := zlib.NewReader(bytes.NewReader(b[obj+start+len("stream\n") : obj+end]))
	if err != nil {
		t.Fatal(err)
	}
	out, err := io.ReadAll(r)
	if err != nil {
		t.Fatal(err)
	}
	return out
}
