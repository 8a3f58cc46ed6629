package pdf

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/xml"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"
)

// needTool skips (locally) or fails (CI) when a poppler tool is missing.
func needTool(t testing.TB, name string) string {
	t.Helper()
	p, err := exec.LookPath(name)
	if err != nil {
		if os.Getenv("CI") != "" {
			t.Fatalf("%s not installed (apt-get install poppler-utils)", name)
		}
		t.Skipf("%s not installed (apt-get install poppler-utils)", name)
	}
	return p
}

func writeTemp(t testing.TB, b []byte) string {
	t.Helper()
	f := filepath.Join(t.TempDir(), "doc.pdf")
	if err := os.WriteFile(f, b, 0o644); err != nil {
		t.Fatal(err)
	}
	return f
}

func run(t testing.TB, tool string, args ...string) string {
	t.Helper()
	out, err := exec.Command(needTool(t, tool), args...).CombinedOutput()
	if err != nil {
		t.Fatalf("%s %v: %v\n%s", tool, args, err, out)
	}
	return string(out)
}

// pdfPages returns the text of each page as laid out by pdftotext -layout.
func pdfPages(t testing.TB, b []byte) []string {
	t.Helper()
	out := run(t, "pdftotext", "-layout", writeTemp(t, b), "-")
	pages := strings.Split(out, "\f")
	if n := len(pages); n > 0 && strings.TrimSpace(pages[n-1]) == "" {
		pages = pages[:n-1]
	}
	return pages
}

type bboxWord struct {
	XMin float64 `xml:"xMin,attr"`
	YMin float64 `xml:"yMin,attr"`
	XMax float64 `xml:"xMax,attr"`
	YMax float64 `xml:"yMax,attr"`
	Text string  `xml:",chardata"`
}

type bboxPage struct {
	Width  float64    `xml:"width,attr"`
	Height float64    `xml:"height,attr"`
	Words  []bboxWord `xml:"word"`
}

// pdfWords returns every word with its box (in pt) per page.
func pdfWords(t testing.TB, b []byte) []bboxPage {
	t.Helper()
	out := run(t, "pdftotext", "-bbox", writeTemp(t, b), "-")
	var doc struct {
		Pages []bboxPage `xml:"body>doc>page"`
	}
	dec := xml.NewDecoder(strings.NewReader(out))
	dec.Strict = false
	dec.Entity = xml.HTMLEntity
	if err := dec.Decode(&doc); err != nil {
		t.Fatalf("parse pdftotext -bbox: %v", err)
	}
	return doc.Pages
}

// assertLayout checks that words stay within the page margins (the page
// number lives in the bottom margin) and do not overlap each other. Boxes
// from pdftotext include ascent and descent, so wrapped lines legitimately
// overlap a little; only substantial overlaps count.
func assertLayout(t *testing.T, page int, pg bboxPage) {
	t.Helper()
	const mm = 72 / 25.4
	const tol = 0.5
	for _, w := range pg.Words {
		if w.XMin < marginX*mm-tol || w.XMax > pg.Width-marginX*mm+tol || w.YMin < marginTop*mm-tol-3 {
			t.Errorf("page %d: %q at (%.1f,%.1f)-(%.1f,%.1f) is outside the margins", page, w.Text, w.XMin, w.YMin, w.XMax, w.YMax)
		}
		if w.YMax > pg.Height-marginBottom*mm+tol && !regexp.MustCompile(`^(Page|of|\d+)$`).MatchString(w.Text) {
			t.Errorf("page %d: %q at y=%.1f runs into the bottom margin", page, w.Text, w.YMax)
		}
	}
	for a := 0; a < len(pg.Words); a++ {
		for b := a + 1; b < len(pg.Words); b++ {
			p, q := pg.Words[a], pg.Words[b]
			ix := min(p.XMax, q.XMax) - max(p.XMin, q.XMin)
			iy := min(p.YMax, q.YMax) - max(p.YMin, q.YMin)
			if ix <= 0 || iy <= 0 {
				continue
			}
			small := min((p.XMax-p.XMin)*(p.YMax-p.YMin), (q.XMax-q.XMin)*(q.YMax-q.YMin))
			if ix*iy > 0.25*small {
				t.Errorf("page %d: %q and %q overlap", page, p.Text, q.Text)
			}
		}
	}
}

func TestOptionsRequireRunDate(t *testing.T) {
	if _, err := New(Options{}); err == nil {
		t.Fatal("expected an error without RunDate")
	}
}

func TestBytesTwice(t *testing.T) {
	d, err := New(Options{RunDate: testRunDate})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := d.Bytes(); err != nil {
		t.Fatal(err)
	}
	if _, err := d.Bytes(); err == nil {
		t.Fatal("second Bytes call should fail")
	}
}

func TestSpacerNeverStartsAPage(t *testing.T) {
	d, err := New(Options{RunDate: testRunDate})
	if err != nil {
		t.Fatal(err)
	}
	d.Spacer(10)
	if err := d.AddHeading("First"); err != nil {
		t.Fatal(err)
	}
	for d.Pages() == 1 {
		d.Spacer(50) // must not produce blank pages
		if err := d.AddHeading("Filler"); err != nil {
			t.Fatal(err)
		}
	}
	d.Spacer(100) // trailing spacer: no blank last page
	b, err := d.Bytes()
	if err != nil {
		t.Fatal(err)
	}
	pages := pdfWords(t, b)
	if len(pages) != 2 {
		t.Fatalf("got %d pages, want 2", len(pages))
	}
	const mm = 72 / 25.4
	top := pages[1].Words[0].YMin
	for _, w := range pages[1].Words {
		top = min(top, w.YMin)
	}
	if top > (marginTop+3)*mm {
		t.Errorf("page 2 starts at y=%.1fpt: spacer was carried over", top)
	}
}

var testRunDate = time.Date(2025, time.April, 2, 0, 0, 0, 0, time.UTC)

func sha(b []byte) string {
	s := sha256.Sum256(b)
	return hex.EncodeToString(s[:])
}

func TestMetadataDatesAreTheRunDate(t *testing.T) {
	b := renderSt(t, sampleStatement(3))
	info := run(t, "pdfinfo", "-isodates", writeTemp(t, b))
	for _, want := range []string{"CreationDate:    2026-11-02T00:00:00", "ModDate:         2026-11-02T00:00:00",
		"Title:           Partner statement PB-2026-10-lodz", "Author:          Partnerbook Consulting Ltd"} {
		if !strings.Contains(info, want) {
			t.Errorf("pdfinfo lacks %q:\n%s", want, info)
		}
	}
}

// Concurrent renders (one Document per goroutine) must give the bytes of a
// sequential render.
func TestConcurrentStatementsAreIdentical(t *testing.T) {
	want := renderSt(t, sampleStatement(60))
	var wg sync.WaitGroup
	outs := make([][]byte, 4)
	for i := range outs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			b, err := Statement(sampleStatement(60))
			if err != nil {
				t.Error(err)
			}
			outs[i] = b
		}()
	}
	wg.Wait()
	for i, o := range outs {
		if !bytes.Equal(o, want) {
			t.Errorf("concurrent render %d differs from the sequential render", i)
		}
	}
}

// The Go fonts have no CJK glyphs (they print as empty boxes) but the text
// keeps its Unicode mapping; emoji become U+FFFD and control characters spaces.
func TestCJKAndEmojiDoNotBreakThePDF(t *testing.T) {
	s := sampleStatement(0)
	s.Lines[1].Client = "東京 Trading"
	s.Lines[2].Client = "Rocket 🚀 Corp \U00010000"
	s.Lines[3].Client = "tab\tand\rreturn"
	text := squash(strings.Join(pdfPages(t, renderSt(t, s)), "\n"))
	for _, want := range []string{"東京 Trading", "Rocket \ufffd Corp", "tab and return"} {
		if !strings.Contains(text, want) {
			t.Errorf("extracted text lacks %q", want)
		}
	}
}

func TestTableValidation(t *testing.T) {
	cols := []flexCol{{Header: "A", Weight: 1}, {Header: "B", Fit: true}}
	for _, tc := range []struct {
		name string
		t    flexTable
	}{
		{"no columns", flexTable{}},
		{"short row", flexTable{Columns: cols, Rows: []flexRow{{Cells: []string{"only one"}}}}},
		{"short total", flexTable{Columns: cols, Rows: []flexRow{{Cells: []string{"a", "b"}}}, Total: []string{"x"}}},
		{"note column out of range", flexTable{Columns: cols, NoteFrom: 2}},
	} {
		d, err := New(Options{RunDate: testRunDate})
		if err != nil {
			t.Fatal(err)
		}
		d.addFlexTable(tc.t)
		if _, err := d.Bytes(); err == nil || !strings.Contains(err.Error(), "pdf: table") {
			t.Errorf("%s: Bytes = %v, want the recorded validation error", tc.name, err)
		}
	}
}

func TestShortTableKeepsTogether(t *testing.T) {
	// Whatever room is left at the bottom of the page, a two-row table (caption,
	// head, rows, total) is never split: it moves whole to the next page.
	for left := 8.0; left <= 44; left += 3 {
		d, err := New(Options{RunDate: testRunDate})
		if err != nil {
			t.Fatal(err)
		}
		for d.avail-d.used > left {
			d.addText("Filler line", sizeBody, false, colorInk)
		}
		d.addFlexTable(flexTable{
			Caption: "Short table",
			Columns: []flexCol{{Header: "Item", Weight: 1}, {Header: "Amount", Fit: true, Align: AlignRight}},
			Rows:    []flexRow{{Cells: []string{"row one", "$1.00"}}, {Cells: []string{"row two", "$2.00"}}},
			Total:   []string{"Total", "$3.00"},
		})
		b, err := d.Bytes()
		if err != nil {
			t.Fatal(err)
		}
		for _, page := range pdfPages(t, b) {
			n := 0
			for _, w := range []string{"Short table", "row one", "row two", "$3.00"} {
				if strings.Contains(page, w) {
					n++
				}
			}
			if n != 0 && n != 4 {
				t.Errorf("with %.0f mm left the table splits across pages; one page holds %d of its 4 parts:\n%s", left, n, page)
			}
		}
	}
}
