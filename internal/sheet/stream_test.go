package sheet

import (
	"archive/zip"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// readAll reads a table to its end the way the CRM and payment readers do.
func readAll(t *testing.T, tb *Table) []string {
	t.Helper()
	defer tb.Close()
	out := []string{fmt.Sprintf("header %d %q 1904=%v", tb.Row(), tb.Headers(), tb.date1904)}
	for {
		more, err := tb.Next()
		if err != nil {
			return append(out, "error: "+err.Error())
		}
		if !more {
			return out
		}
		out = append(out, fmt.Sprintf("%d %q", tb.Row(), tb.Current()))
	}
}

func TestStreamTableReadsAsExcelizeTable(t *testing.T) {
	for _, c := range []struct{ file, sheet string }{
		{"../../sample-data/deals.xlsx", "Opportunities"},
		{"../../sample-data/payments.xlsx", ""},
		{"../../sample-data/ledger/payouts-2026-09.xlsx", ""},
	} {
		t.Run(filepath.Base(c.file), func(t *testing.T) {
			want, err := Open(c.file, "x.xlsx", c.sheet)
			if err != nil {
				t.Fatal(err)
			}
			got, ok := openStream(c.file, "x.xlsx", c.sheet)
			if !ok {
				t.Fatal("the streaming reader refused the sample workbook")
			}
			if err := got.readHeader(); err != nil {
				t.Fatal(err)
			}
			w, g := readAll(t, want), readAll(t, got)
			if len(w) < 3 || !slices.Equal(g, w) {
				t.Errorf("streamed %d lines, excelize %d; first difference:\n%s", len(g), len(w), firstDiff(g, w))
			}
		})
	}
}

func firstDiff(a, b []string) string {
	for i := range max(len(a), len(b)) {
		var x, y string
		if i < len(a) {
			x = a[i]
		}
		if i < len(b) {
			y = b[i]
		}
		if x != y {
			return fmt.Sprintf("stream:   %s\nexcelize: %s", x, y)
		}
	}
	return ""
}

// sheetBook writes a one-sheet workbook ("Data") whose sheetData is rows.
func sheetBook(t *testing.T, rows string) string {
	path := filepath.Join(t.TempDir(), "hand.xlsx")
	out, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	zw := zip.NewWriter(out)
	for _, p := range [][2]string{
		{"[Content_Types].xml", `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>`},
		{"_rels/.rels", `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`},
		{"xl/workbook.xml", `<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Data" sheetId="1" r:id="rId1"/></sheets></workbook>`},
		{"xl/_rels/workbook.xml.rels", `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>`},
		{"xl/worksheets/sheet1.xml", `<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>` + rows + `</sheetData></worksheet>`},
	} {
		w, _ := zw.Create(p[0])
		w.Write([]byte(p[1]))
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	out.Close()
	return path
}

func TestStreamTableFallsBackMidSheet(t *testing.T) {
	// Row 5 holds an element the streaming reader does not know: the rows before it are
	// streamed, the rest read by excelize, and the table is the same as excelize's.
	path := sheetBook(t, `<row r="2"><c r="A2" t="inlineStr"><is><t>Deal ID</t></is></c><c r="B2" t="inlineStr"><is><t>Amount</t></is></c></row>`+
		`<row r="3"><c r="A3" t="inlineStr"><is><t>D-1</t></is></c><c r="B3"><v>10.5</v></c></row>`+
		`<row r="5"><c r="A5" t="inlineStr"><is><t>D-2</t></is></c><c r="B5"><v>7</v><extLst/></c></row>`+
		`<row r="6"><c r="A6" t="inlineStr"><is><t>D-3</t></is></c><c r="B6"><v>1</v></c></row>`)
	want, err := Open(path, "hand.xlsx", "")
	if err != nil {
		t.Fatal(err)
	}
	got, ok := openStream(path, "hand.xlsx", "")
	if !ok {
		t.Fatal("refused before the first row")
	}
	if err := got.readHeader(); err != nil {
		t.Fatal(err)
	}
	w, g := readAll(t, want), readAll(t, got)
	if !slices.Equal(g, w) || len(w) != 4 || !strings.Contains(w[3], `6 ["D-3" "1"]`) {
		t.Errorf("streamed %q\nexcelize %q", g, w)
	}
}

func TestStreamTableReportsRowsOutOfOrder(t *testing.T) {
	path := sheetBook(t, `<row r="1"><c r="A1"><v>1</v></c></row><row r="5"><c r="A5"><v>5</v></c></row><row r="3"><c r="A3"><v>3</v></c></row>`)
	got, ok := openStream(path, "hand.xlsx", "")
	if !ok {
		t.Fatal("refused")
	}
	if err := got.readHeader(); err != nil {
		t.Fatal(err)
	}
	lines := readAll(t, got)
	want := `error: hand.xlsx: sheet "Data": row 6 cannot be read (row 3 comes after row 5: rows out of order)`
	if lines[len(lines)-1] != want {
		t.Errorf("got %q, want last line %q", lines, want)
	}
}
