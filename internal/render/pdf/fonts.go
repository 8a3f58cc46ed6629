package pdf

import (
	"bytes"
	"time"

	"github.com/johnfercher/maroto/v2/pkg/consts/fontstyle"
	"github.com/johnfercher/maroto/v2/pkg/core/entity"
	"github.com/phpdave11/gofpdf"
	"golang.org/x/image/font/gofont/gobold"
	"golang.org/x/image/font/gofont/goregular"
)

// FontFamily is the family name under which the embedded Go fonts are
// registered. It is deliberately not "arial"/"helvetica": maroto routes those
// names through gofpdf's cp1252 core fonts, which cannot show "Łódź".
const FontFamily = "gosans"

// The Go fonts (golang.org/x/image, BSD licence) cover Latin-1, Latin
// Extended-A, Greek and Cyrillic (WGL4) with tabular digits, which is what a
// right-aligned money column needs. They contain no CJK glyphs: such runes
// render as the font's empty .notdef box (measured with the default advance
// width) but keep their Unicode mapping, so the PDF stays valid and text
// extraction still returns them. Italic is left out on purpose: gofpdf
// parses, JSON-hashes and embeds every registered face for every document,
// used or not, and a third face measured +2 ms (+33%) per statement.

// modDateSentinel is what gofpdf writes as /ModDate; Document.Bytes swaps it
// for the run date. gofpdf only exposes the modification date as a
// process-wide default (maroto has no per-document setter), and a global that
// changed per document would race between goroutines.
var modDateSentinel = time.Date(2000, time.January, 1, 0, 0, 0, 0, time.UTC)

func init() {
	// Done at init, before any goroutine can create an Fpdf, because these
	// setters write unsynchronised package globals that gofpdf.New reads.
	// Without catalog sort gofpdf emits fonts/images in map order, so two
	// renders of the same document differ byte-wise.
	gofpdf.SetDefaultCatalogSort(true)
	gofpdf.SetDefaultCreationDate(modDateSentinel)
	gofpdf.SetDefaultModificationDate(modDateSentinel)
}

// customFonts returns fresh copies of the font files for one document.
// gofpdf keeps sub-slices of the bytes it is given and, when subsetting,
// pads tables to 4 bytes with append() (generateChecksum), which writes
// into the caller's array whenever a table length is not a multiple of 4.
// Sharing one slice between concurrently rendered documents is then a data
// race (maroto #550, jung-kurt/gofpdf #316). The Go fonts happen not to
// trigger it (-race stays quiet without the copy), but the copy costs ~20 µs
// and makes a later font swap safe.
func customFonts() []*entity.CustomFont {
	return []*entity.CustomFont{
		{Family: FontFamily, Style: fontstyle.Normal, Bytes: bytes.Clone(goregular.TTF)},
		{Family: FontFamily, Style: fontstyle.Bold, Bytes: bytes.Clone(gobold.TTF)},
	}
}
