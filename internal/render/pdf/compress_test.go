package pdf

import (
	"bytes"
	"compress/zlib"
	"fmt"
	"io"
	"os/exec"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/phpdave11/gofpdf"
)

// trickyText is page text that spells PDF structure. Core-font text is
// written into the page stream as-is (newlines included), so a rewriter that
// searched for "endstream" or "obj" instead of using /Length would cut the
// stream short.
const trickyText = "a\nendstream\nendobj\n9 0 obj\n<</Length 3>>\nstream\nxref\n0 1\ntrailer\nstartxref\n1\n%%EOF\n) ( \\"

// gofpdfDoc writes a three-page document with gofpdf directly, with or
// without gofpdf's own page compression.
func gofpdfDoc(t testing.TB, compress bool) []byte {
	t.Helper()
	p := gofpdf.New("P", "mm", "A4", "")
	p.SetCompression(compress)
	p.SetFont("Helvetica", "", 11)
	for i := range 3 {
		p.AddPage()
		p.Text(20, 20, fmt.Sprintf("page %d", i+1))
		for j, line := range strings.Split(trickyText, "\n") {
			p.Text(20, 30+float64(j)*6, line)
		}
		p.Text(20, 150, trickyText) // newlines inside one string literal
		p.LinkString(20, 200, 40, 10, "https://example.com/endstream?obj=1")
	}
	var buf bytes.Buffer
	if err := p.Output(&buf); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestCompressPagesIsGofpdfsCompression(t *testing.T) {
	raw := gofpdfDoc(t, false)
	if !bytes.Contains(raw, []byte("\nendstream\nendobj\n9 0 obj")) {
		t.Fatal("the uncompressed page stream does not carry the tricky text verbatim; the test proves nothing")
	}
	got, err := compressPages(raw)
	if err != nil {
		t.Fatal(err)
	}
	if want := gofpdfDoc(t, true); !bytes.Equal(got, want) {
		t.Fatalf("compressPages output (%d bytes) differs from gofpdf's compressed output (%d bytes)", len(got), len(want))
	}
	checkXref(t, got)
	text := run(t, "pdftotext", writeTemp(t, got), "-")
	for _, want := range []string{"page 3", "endstream", "startxref", "%%EOF"} {
		if !strings.Contains(text, want) {
			t.Errorf("extracted text lacks %q", want)
		}
	}
	qpdfCheck(t, got)
}

// Statements rendered with compressPages are the files gofpdf writes when it
// compresses the pages itself.
func TestStatementPagesAsGofpdfCompressesThem(t *testing.T) {
	hostile := sampleStatement(3)
	hostile.Partner.Name = trickyText + " Łódź 🚀"
	hostile.Lines[1].Client = "endstream endobj startxref"
	for name, st := range map[string]*stmt{
		"typical":  {s: sampleStatement(typicalExtra)},
		"ten page": {s: longStatement(100)},
		"hostile":  {s: hostile},
	} {
		got, err := (&stmt{s: st.s}).render()
		if err != nil {
			t.Fatal(err)
		}
		want, err := (&stmt{s: st.s, gofpdfCompression: true}).render()
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got, want) {
			t.Errorf("%s: %d bytes, gofpdf's compression gives %d", name, len(got), len(want))
		}
		if n, pages := len(pageStreamRE.FindAll(got, -1)), len(pdfPages(t, got)); n != pages {
			t.Errorf("%s: %d compressed page streams for %d pages", name, n, pages)
		}
		checkXref(t, got)
		qpdfCheck(t, got)
	}
}

// pageStreamRE matches a compressed page content stream right after its page.
var pageStreamRE = regexp.MustCompile(`/Contents \d+ 0 R>>\nendobj\n\d+ 0 obj\n<</Filter /FlateDecode /Length (\d+)>>\nstream\n`)

// checkXref checks, independently of parseXref, that startxref points at the
// table, every entry at "n 0 obj", and every stream's /Length at its end.
func checkXref(t *testing.T, b []byte) {
	t.Helper()
	m := regexp.MustCompile(`startxref\n(\d+)\n%%EOF\n$`).FindSubmatch(b)
	if m == nil {
		t.Fatal("no startxref at the end")
	}
	at, _ := strconv.Atoi(string(m[1]))
	h := regexp.MustCompile(`^xref\n0 (\d+)\n`).FindSubmatch(b[at:])
	if h == nil {
		t.Fatalf("startxref %d does not point at an xref table", at)
	}
	n, _ := strconv.Atoi(string(h[1]))
	if !bytes.Contains(b, []byte(fmt.Sprintf("trailer\n<<\n/Size %d\n", n))) {
		t.Errorf("trailer /Size is not %d", n)
	}
	entries := b[at+len(h[0]):]
	streams := regexp.MustCompile(`^<<[^>]*?/Length (\d+)[^>]*>>\nstream\n`)
	for i := 1; i < n; i++ {
		e := string(entries[i*20 : (i+1)*20])
		off, err := strconv.Atoi(e[:10])
		if err != nil || e[10:] != " 00000 n \n" {
			t.Fatalf("xref entry %d: %q", i, e)
		}
		head := fmt.Sprintf("%d 0 obj\n", i)
		if !bytes.HasPrefix(b[off:], []byte(head)) {
			t.Fatalf("xref entry %d points at %q", i, b[off:min(off+20, len(b))])
		}
		body := b[off+len(head):]
		if sm := streams.FindSubmatch(body); sm != nil {
			l, _ := strconv.Atoi(string(sm[1]))
			if !bytes.HasPrefix(body[len(sm[0])+l:], []byte("\nendstream\nendobj\n")) {
				t.Errorf("object %d: /Length %d does not end at endstream", i, l)
			}
		}
	}
}

func qpdfCheck(t *testing.T, b []byte) {
	t.Helper()
	if _, err := exec.LookPath("qpdf"); err != nil {
		return // optional: poppler already parsed the file
	}
	if out, err := exec.Command("qpdf", "--check", writeTemp(t, b)).CombinedOutput(); err != nil {
		t.Errorf("qpdf --check: %v\n%s", err, out)
	}
}

// A maroto document through Document.Bytes: text extraction still returns
// text that spells PDF structure, and the page streams inflate to what
// gofpdf wrote.
func TestDocumentPageStreamsInflateToTheirText(t *testing.T) {
	d, err := New(Options{RunDate: testRunDate})
	if err != nil {
		t.Fatal(err)
	}
	words := strings.Fields(trickyText)
	for i := range 80 {
		d.addText(fmt.Sprintf("line %d %s", i, strings.Join(words, " ")), sizeBody, i%2 == 0, colorInk)
	}
	b, err := d.Bytes()
	if err != nil {
		t.Fatal(err)
	}
	checkXref(t, b)
	qpdfCheck(t, b)
	pages := pdfPages(t, b)
	if len(pages) < 2 {
		t.Fatalf("want several pages, got %d", len(pages))
	}
	all := squash(strings.Join(pages, "\n"))
	for _, i := range []int{0, 41, 79} {
		if want := fmt.Sprintf("line %d %s", i, strings.Join(words, " ")); !strings.Contains(all, want) {
			t.Errorf("extracted text lacks %q", want)
		}
	}
	// Every page stream is FlateDecode and inflates to a content stream.
	found := 0
	for _, m := range pageStreamRE.FindAllSubmatchIndex(b, -1) {
		l, _ := strconv.Atoi(string(b[m[2]:m[3]]))
		r, err := zlib.NewReader(bytes.NewReader(b[m[1] : m[1]+l]))
		if err != nil {
			t.Fatal(err)
		}
		data, err := io.ReadAll(r)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.HasPrefix(data, []byte("0 J")) && !bytes.Contains(data, []byte(" Tf")) {
			t.Errorf("page stream inflates to %q…", data[:min(len(data), 40)])
		}
		found++
	}
	if found != len(pages) {
		t.Errorf("found %d compressed page streams for %d pages", found, len(pages))
	}
}

// Output gofpdf does not write the way compressPages expects is an error,
// never a panic or a silently broken file.
func TestCompressPagesRejectsUnexpectedLayout(t *testing.T) {
	raw := gofpdfDoc(t, false)
	at := bytes.LastIndex(raw, []byte("\nxref\n")) + 1
	mut := func(f func(b []byte) []byte) []byte { return f(bytes.Clone(raw)) }
	firstEntry := at + len("xref\n0 ") + bytes.IndexByte(raw[at+len("xref\n0 "):], '\n') + 1 + 20
	for name, b := range map[string][]byte{
		"empty":     {},
		"truncated": raw[:len(raw)-10],
		"no eof":    raw[:len(raw)-1],
		"startxref off by one": mut(func(b []byte) []byte {
			return bytes.Replace(b, []byte(fmt.Sprintf("startxref\n%d\n", at)), []byte(fmt.Sprintf("startxref\n%d\n", at+1)), 1)
		}),
		"entry off by one":   mut(func(b []byte) []byte { b[firstEntry+9]++; return b }),
		"entry not a number": mut(func(b []byte) []byte { b[firstEntry+3] = 'x'; return b }),
		"count too large":    mut(func(b []byte) []byte { return bytes.Replace(b, []byte("xref\n0 "), []byte("xref\n0 9"), 1) }),
		"page length too short": mut(func(b []byte) []byte {
			return bytes.Replace(b, []byte("R>>\nendobj\n4 0 obj\n<</Length "), []byte("R>>\nendobj\n4 0 obj\n<</Length 1"), 1)
		}),
		"already compressed": gofpdfDoc(t, true),
		"only eof":           []byte("\nstartxref\n%%EOF\n"),
		"encrypted":          encryptedDoc(t),
	} {
		if _, err := compressPages(b); err == nil {
			t.Errorf("%s: no error", name)
		}
	}
}

func encryptedDoc(t *testing.T) []byte {
	p := gofpdf.New("P", "mm", "A4", "")
	p.SetCompression(false)
	p.SetProtection(gofpdf.CnProtectPrint, "", "owner")
	p.SetFont("Helvetica", "", 11)
	p.AddPage()
	p.Text(20, 20, "secret")
	var buf bytes.Buffer
	if err := p.Output(&buf); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// Writers taken from and returned to the shared set on many goroutines give
// the bytes of a fresh writer.
func TestDeflateConcurrentIsFresh(t *testing.T) {
	inputs := make([][]byte, 16)
	want := make([][]byte, len(inputs))
	for i := range inputs {
		inputs[i] = []byte(strings.Repeat(fmt.Sprintf("BT /F1 9.00 Tf %d Td (row %d) Tj ET\n", i*7, i), 200+i*50))
		var buf bytes.Buffer
		w, _ := zlib.NewWriterLevel(&buf, zlib.BestSpeed)
		w.Write(inputs[i])
		w.Close()
		want[i] = buf.Bytes()
	}
	var wg sync.WaitGroup
	for g := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for k := range 50 {
				i := (g*5 + k) % len(inputs)
				var buf bytes.Buffer
				if err := deflate(&buf, inputs[i]); err != nil {
					t.Error(err)
					return
				}
				if !bytes.Equal(buf.Bytes(), want[i]) {
					t.Errorf("goroutine %d, input %d: deflate differs from a fresh writer", g, i)
					return
				}
			}
		}()
	}
	wg.Wait()
}

func FuzzCompressPages(f *testing.F) {
	f.Add(gofpdfDoc(f, false))
	f.Add([]byte("%PDF-1.3\n1 0 obj\n<<>>\nendobj\nxref\n0 2\n0000000000 65535 f \n0000000009 00000 n \ntrailer\n<<\n/Size 2\n>>\nstartxref\n30\n%%EOF\n"))
	f.Fuzz(func(t *testing.T, b []byte) {
		out, err := compressPages(b)
		if err != nil {
			return
		}
		if _, err := parseXref(out); err != nil {
			t.Fatalf("output does not parse: %v", err)
		}
	})
}
