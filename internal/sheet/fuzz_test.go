package sheet

import (
	"bytes"
	"encoding/csv"
	"errors"
	"io"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"
)

// FuzzCSV reads arbitrary bytes as a CSV file: no panic, every row numbered, numbers
// rising, cells valid UTF-8 without an invented U+FFFD, and UTF-8 input read back as
// encoding/csv reads it.
func FuzzCSV(f *testing.F) {
	for _, s := range []string{
		"Id,Amount\nA,1\n",
		"\xef\xbb\xbfId,Amount\r\nA,\"1,000.00\"\r\n",
		"Id\n\n\nA\n\"two\nlines\"\n",
		"Id,Amount\nA,1\n\nGrand Totals (1 records),1\nConfidential\n",
		"Client\nCaf\xe9\n",
		"Client\nCafé\nCaf\xe9\n",
		"\xff\xfeI\x00d\x00\n\x00A\x00\n\x00",
		"\xfe\xff\x00I\x00d\x00\n",
		"a,\"b\nc",
		"\"\"\"\n",
		"Id\nA\x81B\n",
	} {
		f.Add([]byte(s), false)
	}
	f.Fuzz(func(t *testing.T, data []byte, footers bool) {
		// Every way of reading the bytes, through the table.
		for _, enc := range []string{"", "windows-1252", "latin-1", "utf-16"} {
			tb, err := csvTable(data, "f.csv", Options{Encoding: enc, Footers: footers})
			if err != nil {
				continue
			}
			last := tb.Row()
			if last < 1 {
				t.Fatalf("%s: header has row %d", enc, last)
			}
			for _, h := range tb.Headers() {
				checkText(t, data, h)
			}
			for {
				more, err := tb.Next()
				if err != nil || !more {
					break
				}
				if tb.Row() <= last {
					t.Fatalf("%s: row %d after row %d", enc, tb.Row(), last)
				}
				last = tb.Row()
				for _, c := range tb.Current() {
					checkText(t, data, c)
				}
			}
			for _, w := range tb.Warnings() {
				if w.Pos.File != "f.csv" {
					t.Fatalf("warning without its file: %v", w)
				}
			}
			tb.Close()
		}

		// Valid UTF-8 without a byte-order mark comes back exactly as encoding/csv reads it.
		if !utf8.Valid(data) || bytes.HasPrefix(data, []byte("\xef\xbb\xbf")) {
			return
		}
		src, _, err := decodeCSV(data, "f.csv", "")
		if err != nil {
			t.Fatalf("valid UTF-8 refused: %v", err)
		}
		ref := csv.NewReader(bytes.NewReader(data))
		ref.FieldsPerRecord = -1
		last := 0
		for {
			want, werr := ref.Read()
			got, gerr := src.next()
			if werr == io.EOF {
				if gerr != nil || got != nil {
					t.Fatalf("extra row %v %v", got, gerr)
				}
				return
			}
			var pe *csv.ParseError
			if errors.As(werr, &pe) {
				if gerr == nil {
					t.Fatalf("parse error %v not reported", werr)
				}
				return
			}
			if gerr != nil || got == nil {
				t.Fatalf("row missing: want %q, got %v", want, gerr)
			}
			if got.num <= last {
				t.Fatalf("row %d after row %d", got.num, last)
			}
			last = got.num
			if strings.Join(got.cells, "\x00") != strings.Join(want, "\x00") {
				t.Fatalf("row %d = %q, want %q", got.num, got.cells, want)
			}
		}
	})
}

func checkText(t *testing.T, input []byte, s string) {
	t.Helper()
	if !utf8.ValidString(s) {
		t.Fatalf("cell %q is not valid UTF-8", s)
	}
	if strings.ContainsRune(s, utf8.RuneError) && !bytes.Contains(input, []byte("\xef\xbf\xbd")) &&
		!bytes.Contains(input, []byte{0xfd, 0xff}) && !bytes.Contains(input, []byte{0xff, 0xfd}) {
		t.Fatalf("cell %q holds U+FFFD the input does not", s)
	}
}

// FuzzXLSX writes cells with excelize and reads them back: the texts must be what
// was written, in the columns and rows they were written to.
func FuzzXLSX(f *testing.F) {
	for _, s := range [][3]string{
		{"Id", "Café Łódź", "東京 🙂"},
		{" padded ", "line\nbreak", "tab\there"},
		{"_x0041_", "_x005F_x0041_", "a_x00_b_x"},
		{"=SUM(A1)", "1.000", "TRUE"},
		{"\r\n", "\r", "<&>\"'"},
		{"", "only second", ""},
	} {
		f.Add(s[0], s[1], s[2])
	}
	f.Fuzz(func(t *testing.T, a, b, c string) {
		in := []string{a, b, c}
		for _, s := range in {
			if !utf8.ValidString(s) || len(s) > 32767 || strings.ContainsFunc(s, badXMLRune) {
				return // not text a workbook cell can hold
			}
			if escapeRe.MatchString(s) {
				// excelize's SetCellStr stores "_x0041_" unescaped, and Excel (like this
				// reader and excelize's own) reads it back as "A": the writer's gap.
				return
			}
		}
		x := excelize.NewFile()
		// The first row is a header so that blank fuzzed rows are still read.
		x.SetSheetRow("Sheet1", "A1", &[]any{"h1", "h2", "h3"})
		for i, s := range in {
			cell, _ := excelize.CoordinatesToCellName(i+1, 2)
			if err := x.SetCellStr("Sheet1", cell, s); err != nil {
				t.Fatal(err)
			}
		}
		p := filepath.Join(t.TempDir(), "f.xlsx")
		if err := x.SaveAs(p); err != nil {
			t.Fatal(err)
		}
		tb, err := Open(p, "f.xlsx", "")
		if err != nil {
			t.Fatal(err)
		}
		defer tb.Close()
		more, err := tb.Next()
		if err != nil {
			t.Fatal(err)
		}
		if blank(in) {
			if more {
				t.Fatalf("blank row read as row %d: %q", tb.Row(), tb.Current())
			}
			return
		}
		var got []string
		if more {
			if tb.Row() != 2 {
				t.Fatalf("row %d, want 2", tb.Row())
			}
			got = tb.Current()
		}
		for i, s := range in {
			g := ""
			if i < len(got) {
				g = got[i]
			}
			if g != s {
				t.Fatalf("column %d: read %q, wrote %q", i+1, g, s)
			}
			if s != "" && tb.Kind(i) != Text {
				t.Fatalf("column %d: kind %v", i+1, tb.Kind(i))
			}
		}
		if more, _ := tb.Next(); more {
			t.Fatalf("extra row %d: %q", tb.Row(), tb.Current())
		}
	})
}

var escapeRe = regexp.MustCompile(`_x[0-9A-Fa-f]{4}_`)

// badXMLRune is a character XML 1.0 cannot carry, which excelize does not escape.
func badXMLRune(r rune) bool {
	return (r < 0x20 && r != '\t' && r != '\n' && r != '\r') || r == 0xfffe || r == 0xffff || (r >= 0xd800 && r <= 0xdfff)
}
