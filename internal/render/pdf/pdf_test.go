package pdf

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/xml"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"strings"
	"sync"
	"testing"
)

var update = flag.Bool("update", false, "rewrite testdata golden hashes")

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

var headerRe = regexp.MustCompile(`Date\s+Invoice\s+Description\s+Amount\s+Share\s+Payout`)

func TestUTF8Names(t *testing.T) {
	text := strings.Join(pdfPages(t, renderStatement(t, 40)), "\n")
	for _, want := range []string{"Łódź Logistics", "Zoë", "Ærøskøbing", "Brücke & Söhne", "Café Olé", "Partner Statement", "$184,220.50", "-$12,895.44"} {
		if !strings.Contains(text, want) {
			t.Errorf("extracted text lacks %q", want)
		}
	}
}

func TestStatementIsTwoPagesWithPageNumbers(t *testing.T) {
	pages := pdfPages(t, renderStatement(t, 40))
	if len(pages) != 2 {
		t.Fatalf("typical statement has %d pages, want 2", len(pages))
	}
	for i, p := range pages {
		if want := fmt.Sprintf("Page %d of 2", i+1); !strings.Contains(p, want) {
			t.Errorf("page %d lacks %q", i+1, want)
		}
	}
}

func TestLongTableRepeatsHeaderOnEveryPage(t *testing.T) {
	const n = 500
	d, b := statementDoc(t, n)
	pages := pdfPages(t, b)
	if len(pages) < 10 {
		t.Fatalf("500-row table rendered on %d pages; expected many", len(pages))
	}
	if d.Pages() != len(pages) {
		t.Errorf("Document counted %d pages, PDF has %d: page tracking is out of sync with maroto", d.Pages(), len(pages))
	}
	if got := len(headerRe.FindAllStringIndex(strings.Join(pages, "\n"), -1)); got != len(pages) {
		t.Errorf("header row appears %d times, want once per page (%d)", got, len(pages))
	}
	invRe := regexp.MustCompile(`INV-1\d{4}`)
	seen := map[string]int{}
	for i, p := range pages {
		loc := headerRe.FindStringIndex(p)
		if loc == nil {
			t.Errorf("page %d has no table header", i+1)
			continue
		}
		if first := invRe.FindStringIndex(p); first != nil && first[0] < loc[0] {
			t.Errorf("page %d has body rows above the header", i+1)
		}
		if i > 0 && !strings.Contains(p, "Transactions (continued)") {
			t.Errorf("page %d lacks the continued caption", i+1)
		}
		if want := fmt.Sprintf("Page %d of %d", i+1, len(pages)); !strings.Contains(p, want) {
			t.Errorf("page %d lacks %q", i+1, want)
		}
		for _, inv := range invRe.FindAllString(p, -1) {
			seen[inv]++
		}
	}
	for i := 0; i < n; i++ {
		if inv := fmt.Sprintf("INV-%05d", 10000+i); seen[inv] != 1 {
			t.Errorf("%s appears %d times", inv, seen[inv])
		}
	}
	if !strings.Contains(pages[len(pages)-1], "Total") {
		t.Error("total row is not on the last page")
	}

	// Geometry: the header is the first thing on every continuation page,
	// all text stays inside the margins and no two words overlap.
	const mm = 72 / 25.4
	for i, pg := range pdfWords(t, b) {
		var headerY float64 = -1
		for _, w := range pg.Words {
			if w.Text == "Invoice" && headerY < 0 {
				headerY = w.YMin
			}
		}
		if i > 0 && (headerY < 0 || headerY > (marginTop+15)*mm) {
			t.Errorf("page %d: header at y=%.1fpt, want at the top", i+1, headerY)
		}
		assertLayout(t, i+1, pg)
	}
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

func TestOwnerReportLayout(t *testing.T) {
	b := renderOwnerReport(t)
	text := strings.Join(pdfPages(t, b), "\n")
	for _, want := range []string{"Payout by partner", "Łódź Logistics", "€120,450.10", "-€12,500.00", "Deal funnel", "45.0%", "Where revenue went", "58.3%", "東京 Trading KK"} {
		if !strings.Contains(text, want) {
			t.Errorf("owner report lacks %q", want)
		}
	}
	for i, pg := range pdfWords(t, b) {
		assertLayout(t, i+1, pg)
	}
}

func TestLongWordsStayInTheirColumn(t *testing.T) {
	d, err := New(Options{RunDate: testRunDate})
	if err != nil {
		t.Fatal(err)
	}
	long := "PAYREF-0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ-0123456789"
	if err := d.AddTable(Table{
		Columns: []Column{{Header: "Reference", Width: 2}, {Header: "Note", Width: 8}, {Header: "Amount", Width: 2, Align: AlignRight}},
		Rows:    [][]string{{long, "short", "$1,234,567,890.00"}, {"x", long + " " + long, "$1.00"}},
	}); err != nil {
		t.Fatal(err)
	}
	b, err := d.Bytes()
	if err != nil {
		t.Fatal(err)
	}
	pages := pdfWords(t, b)
	assertLayout(t, 1, pages[0])
	const mm = 72 / 25.4
	colRight := (marginX + (210-2*marginX)*2/12) * mm
	for _, w := range pages[0].Words {
		if strings.HasPrefix(long, w.Text) && len(w.Text) > 3 && w.XMin < colRight && w.XMax > colRight {
			t.Errorf("%q crosses the column edge at %.1fpt", w.Text, colRight)
		}
	}
}

func TestCJKAndEmojiDoNotBreakThePDF(t *testing.T) {
	d, err := New(Options{RunDate: testRunDate, Title: "東京 🚀"})
	if err != nil {
		t.Fatal(err)
	}
	if err := d.AddTable(Table{
		Columns: []Column{{Header: "名前", Width: 6}, {Header: "Amount", Width: 6, Align: AlignRight}},
		Rows:    [][]string{{"東京 Trading", "¥1,000"}, {"Rocket 🚀 Corp \U00010000", "€5.00"}, {"tab\tand\nnewline", ""}},
	}); err != nil {
		t.Fatal(err)
	}
	b, err := d.Bytes()
	if err != nil {
		t.Fatal(err)
	}
	// The Go fonts have no CJK glyphs (they print as empty boxes) but the
	// text keeps its Unicode mapping; emoji become U+FFFD.
	text := strings.Join(pdfPages(t, b), "\n")
	for _, want := range []string{"東京 Trading", "Rocket \ufffd Corp", "tab and newline", "€5.00"} {
		if !strings.Contains(text, want) {
			t.Errorf("extracted text lacks %q:\n%s", want, text)
		}
	}
}

func TestMetadataDatesAreTheRunDate(t *testing.T) {
	b := renderStatement(t, 3)
	info := run(t, "pdfinfo", "-isodates", writeTemp(t, b))
	for _, want := range []string{"CreationDate:    2025-04-02T00:00:00", "ModDate:         2025-04-02T00:00:00", "Title:           Partner statement PB-2025Q1-0042"} {
		if !strings.Contains(info, want) {
			t.Errorf("pdfinfo lacks %q:\n%s", want, info)
		}
	}
}

func TestDeterministicInProcess(t *testing.T) {
	a := renderStatement(t, 120)
	b := renderStatement(t, 120)
	if !bytes.Equal(a, b) {
		t.Fatal("two renders of the same statement differ")
	}
	o1, o2 := renderOwnerReport(t), renderOwnerReport(t)
	if !bytes.Equal(o1, o2) {
		t.Fatal("two renders of the same owner report differ")
	}
	// Concurrent renders (one Document per goroutine) must not interfere.
	var wg sync.WaitGroup
	outs := make([][]byte, 4)
	for i := range outs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			outs[i] = renderStatement(t, 120)
		}()
	}
	wg.Wait()
	for i, o := range outs {
		if !bytes.Equal(o, a) {
			t.Errorf("concurrent render %d differs from sequential render", i)
		}
	}
}

func sha(b []byte) string {
	s := sha256.Sum256(b)
	return hex.EncodeToString(s[:])
}

// TestDeterministicAcrossProcesses re-runs this test binary (fresh map
// seeds, fresh heap) and compares hashes: catches nondeterminism that a
// single process would hide.
func TestDeterministicAcrossProcesses(t *testing.T) {
	if os.Getenv("PDF_HASH_CHILD") != "" {
		fmt.Printf("HASH %s %s\n", sha(renderStatement(t, 60)), sha(renderOwnerReport(t)))
		return
	}
	want := fmt.Sprintf("HASH %s %s", sha(renderStatement(t, 60)), sha(renderOwnerReport(t)))
	cmd := exec.Command(os.Args[0], "-test.run=^TestDeterministicAcrossProcesses$", "-test.count=1")
	cmd.Env = append(os.Environ(), "PDF_HASH_CHILD=1")
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("child: %v\n%s", err, out)
	}
	if !strings.Contains(string(out), want) {
		t.Fatalf("child process rendered different bytes:\nparent %s\nchild  %s", want, out)
	}
}

// TestGoldenHash pins the bytes of the sample statement, so an upgrade of
// maroto/gofpdf or a style change that alters output is noticed. The hash
// is per GOARCH: the compiler may fuse multiply-adds on some architectures,
// which can move a coordinate by one rounding step. Run
// "go test ./internal/render/pdf -run TestGoldenHash -update" after an
// intended change.
func TestGoldenHash(t *testing.T) {
	file := filepath.Join("testdata", "statement-"+runtime.GOARCH+".sha256")
	got := sha(renderStatement(t, 40))
	if *update {
		if err := os.MkdirAll("testdata", 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(file, []byte(got+"\n"), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(file)
	if os.IsNotExist(err) {
		t.Skipf("no golden hash for %s; create it with -update", runtime.GOARCH)
	}
	if err != nil {
		t.Fatal(err)
	}
	if strings.TrimSpace(string(want)) != got {
		t.Fatalf("statement bytes changed: sha256 %s, golden %s (run with -update if intended)", got, strings.TrimSpace(string(want)))
	}
}

func TestTableValidation(t *testing.T) {
	cols := []Column{{Header: "A", Width: 6}, {Header: "B", Width: 6}}
	bad := []Table{
		{},
		{Columns: []Column{{Header: "A", Width: 7}, {Header: "B", Width: 6}}},
		{Columns: []Column{{Header: "A", Width: 0}}},
		{Columns: cols, Rows: [][]string{{"only one"}}},
		{Columns: cols, Total: []string{"x"}},
	}
	for i, tb := range bad {
		d, err := New(Options{RunDate: testRunDate})
		if err != nil {
			t.Fatal(err)
		}
		if err := d.AddTable(tb); err == nil {
			t.Errorf("table %d: expected a validation error", i)
		}
		if _, err := d.Bytes(); err == nil {
			t.Errorf("table %d: Bytes should report the recorded error", i)
		}
	}
}

func TestTooTallRowIsAnError(t *testing.T) {
	d, err := New(Options{RunDate: testRunDate})
	if err != nil {
		t.Fatal(err)
	}
	huge := strings.Repeat("word ", 4000)
	if err := d.AddTable(Table{Columns: []Column{{Header: "A", Width: 1}}, Rows: [][]string{{"a"}, {huge}}}); err == nil {
		t.Fatal("expected an error for a row taller than a page")
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
