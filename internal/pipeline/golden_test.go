package pipeline

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata/")

// golden compares got with testdata/name, or rewrites it with -update.
func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./internal/pipeline -run Golden -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		gl, wl := strings.Split(string(got), "\n"), strings.Split(string(want), "\n")
		for i := 0; i < len(gl) || i < len(wl); i++ {
			var g, w string
			if i < len(gl) {
				g = gl[i]
			}
			if i < len(wl) {
				w = wl[i]
			}
			if g != w {
				t.Fatalf("%s differs from the golden at line %d:\n got: %q\nwant: %q\n(review, then run with -update if intended)", name, i+1, g, w)
			}
		}
	}
}

// sheetDump is every sheet of a workbook as shown (number formats applied), one
// tab-separated line per row: the structure finance sees, not the zip bytes.
func sheetDump(t *testing.T, path string) []byte {
	t.Helper()
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var b bytes.Buffer
	for _, s := range f.GetSheetList() {
		rows, err := f.GetRows(s)
		if err != nil {
			t.Fatal(err)
		}
		b.WriteString("== " + s + "\n")
		for _, r := range rows {
			b.WriteString(strings.Join(r, "\t") + "\n")
		}
	}
	return b.Bytes()
}

// gap is a run of spaces that pdftotext -layout puts between two cells.
var gap = regexp.MustCompile(`[ \t]{2,}`)

// cells is PDF text with each line's cells separated by " | " instead of aligned by
// spaces, so a golden diff shows changed text, not every column that moved a little.
func cells(layout string) []byte {
	var b strings.Builder
	for _, line := range strings.Split(layout, "\n") {
		b.WriteString(gap.ReplaceAllString(strings.TrimSpace(line), " | ") + "\n")
	}
	return []byte(b.String())
}

// The sample run's outputs, in forms a reviewer can read as a diff.
func TestGoldenSampleRun(t *testing.T) {
	_, dir := runSample(t)
	golden(t, "sample-2026-10/payouts.txt", sheetDump(t, filepath.Join(dir, "payouts.xlsx")))
	report, _ := os.ReadFile(filepath.Join(dir, "report.json"))
	golden(t, "sample-2026-10/report.json", report)
	golden(t, "sample-2026-10/statement-acme.txt", cells(pdftotext(t, filepath.Join(dir, "statements", "acme.pdf"))))
	golden(t, "sample-2026-10/owner-report.txt", cells(pdftotext(t, filepath.Join(dir, "owner-report.pdf"))))
	eml, _ := os.ReadFile(filepath.Join(dir, "emails", "zoe-martin.eml"))
	head, _, _ := bytes.Cut(eml, []byte("Content-Type: application/pdf"))
	golden(t, "sample-2026-10/email-zoe-martin.txt", head)
	fin, err := os.ReadDir(filepath.Join(dir, "finance"))
	if err != nil || len(fin) == 0 {
		t.Fatalf("finance/: %v, %d files", err, len(fin))
	}
	for _, e := range fin {
		data, _ := os.ReadFile(filepath.Join(dir, "finance", e.Name()))
		golden(t, "sample-2026-10/finance/"+e.Name(), data)
	}
}
