package sheet

import (
	"fmt"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/partnerbook/partnerbook/internal/diag"
)

// tableDump reads a workbook to its end with the streaming reader or with encoding/xml:
// the header, then every row with its number, cells and kinds, then the error if any.
func tableDump(t *testing.T, path, sheet string, stream bool) (out []string) {
	t.Helper()
	defer func(was bool) { streaming = was }(streaming)
	streaming = stream
	tb, err := OpenWith(path, "book.xlsx", Options{Sheet: sheet})
	if err != nil {
		return []string{"open: " + err.Error()}
	}
	defer tb.Close()
	out = []string{fmt.Sprintf("header %d %q 1904=%v", tb.Row(), tb.Headers(), tb.date1904)}
	defer func() { out = append(out, fmt.Sprintf("hidden columns %v", tb.hcolsOf())) }()
	for {
		more, err := tb.Next()
		if err != nil {
			return append(out, "error: "+err.Error())
		}
		if !more {
			return out
		}
		line := fmt.Sprintf("%d %q %v", tb.Row(), tb.Current(), tb.kinds)
		if tb.Hidden() {
			line += " hidden"
		}
		for c := range len(tb.Current()) + 8 {
			if tb.Formula(c) {
				line += fmt.Sprintf(" formula@%d", c)
			}
		}
		out = append(out, line)
	}
}

// sameTables fails unless both readers give the same rows; it returns them.
func sameTables(t *testing.T, path, sheet string) []string {
	t.Helper()
	got, want := tableDump(t, path, sheet, true), tableDump(t, path, sheet, false)
	for i := range max(len(got), len(want)) {
		var g, w string
		if i < len(got) {
			g = got[i]
		}
		if i < len(want) {
			w = want[i]
		}
		if g != w {
			t.Fatalf("line %d of %d/%d differs:\nstream:       %s\nencoding/xml: %s", i, len(got), len(want), g, w)
		}
	}
	return got
}

func TestStreamReadsFixturesAsEncodingXML(t *testing.T) {
	for _, c := range []struct{ file, sheet string }{
		{"../../sample-data/deals.xlsx", "Opportunities"},
		{"../../sample-data/deals.xlsx", ""},
		{"../../sample-data/payments.xlsx", ""},
		{"../../sample-data/ledger/payouts-2026-09.xlsx", ""},
		{"../../sample-data/ledger/payouts-2026-09.xlsx", "Lines"},
	} {
		t.Run(filepath.Base(c.file)+"/"+c.sheet, func(t *testing.T) {
			if rows := sameTables(t, c.file, c.sheet); len(rows) < 3 {
				t.Errorf("only %q", rows)
			}
		})
	}
}

// TestStreamReadsGeneratedWorkbooksAsEncodingXML covers the values excelize writes:
// every cell type, sparse rows and columns, dates, formulas and escapes.
func TestStreamReadsGeneratedWorkbooksAsEncodingXML(t *testing.T) {
	f := excelize.NewFile()
	f.SetSheetRow("Sheet1", "A1", &[]any{"Id", "Name", "Amount", "Won", "Flag", "Formula", "Text formula"})
	date, _ := f.NewStyle(&excelize.Style{NumFmt: 14})
	dmy, hours, twoDec := "dd/mm/yyyy", "[h]:mm", "0.00"
	custom := []int{}
	for _, code := range []*string{&dmy, &hours, &twoDec} {
		id, _ := f.NewStyle(&excelize.Style{CustomNumFmt: code})
		custom = append(custom, id)
	}
	for i := 2; i < 400; i++ {
		row := []any{fmt.Sprintf("D-%05d", i), fmt.Sprintf("  Deal _x0041_ %d  ", i%37), float64(i) * 1.25, time.Date(2026, 1, i%28+1, 0, 0, 0, 0, time.UTC), i%3 == 0}
		if i%11 == 0 {
			row[1] = nil
		}
		if i%13 == 0 {
			row = []any{nil, nil, nil, nil, nil}
		}
		cell, _ := excelize.CoordinatesToCellName(1, i*2)
		f.SetSheetRow("Sheet1", cell, &row)
		f.SetCellStyle("Sheet1", fmt.Sprintf("D%d", i*2), fmt.Sprintf("D%d", i*2), date)
		if i%5 == 0 {
			f.SetCellFormula("Sheet1", fmt.Sprintf("F%d", i*2), fmt.Sprintf("C%d*2", i*2))
			f.SetCellFormula("Sheet1", fmt.Sprintf("G%d", i*2), `"a"&"b"`)
		}
		if i%17 == 0 {
			f.SetCellValue("Sheet1", fmt.Sprintf("K%d", i*2), "far right")
		}
		if i%7 == 0 {
			cell := fmt.Sprintf("H%d", i*2)
			f.SetCellValue("Sheet1", cell, 46000+float64(i)/4)
			f.SetCellStyle("Sheet1", cell, cell, custom[i%3])
		}
	}
	f.NewSheet("Second")
	f.SetSheetRow("Second", "B3", &[]any{"h", 1, true, "x"})
	f.SetSheetRow("Second", "B4", &[]any{"_x005F_x0041_", -0.5, false})
	f.SetSheetRow("Second", "B5", &[]any{"_xD800_ shared", "after"})
	f.SetSheetRow("Second", "B6", &[]any{"next"})
	p := filepath.Join(t.TempDir(), "gen.xlsx")
	if err := f.SaveAs(p); err != nil {
		t.Fatal(err)
	}
	rows := sameTables(t, p, "")
	if len(rows) < 300 {
		t.Errorf("%d rows", len(rows))
	}
	// Row 20 (i = 10) has its formulas in F and G, not yet calculated; row 22 none.
	for _, r := range rows {
		if strings.HasPrefix(r, "20 ") && !strings.HasSuffix(r, " formula@5 formula@6") ||
			strings.HasPrefix(r, "22 ") && strings.Contains(r, "formula@") {
			t.Errorf("formulas: %s", r)
		}
	}
	sameTables(t, p, "Second")

	// A workbook written with the streaming writer (inline strings) reads the same.
	g := excelize.NewFile()
	sw, _ := g.NewStreamWriter("Sheet1")
	sw.SetRow("A1", []any{"Id", "Amount", "Paid"})
	for i := 2; i < 200; i++ {
		sw.SetRow(fmt.Sprintf("A%d", i), []any{fmt.Sprintf("P-%d", i), float64(i) / 8, i%2 == 0})
	}
	sw.Flush()
	q := filepath.Join(t.TempDir(), "stream.xlsx")
	if err := g.SaveAs(q); err != nil {
		t.Fatal(err)
	}
	// 199 rows, and the hidden columns.
	if rows := sameTables(t, q, ""); len(rows) != 200 {
		t.Errorf("%d rows", len(rows))
	}
}

// handRows are sheets excelize does not write: each reads the same either way, some
// through the encoding/xml reader once the streaming one stops.
var handRows = []string{
	`<row r="2" hidden="1">` + is("A2", "a") + `</row><row r="3" hidden="0">` + is("A3", "b") + `</row><row r="4" hidden="true">` + is("A4", "c") + `</row><row r="5" hidden="1"/>`,
	`<row r="2">` + is("A2", "a") + `</row><row r="3" hidden=" True ">` + is("A3", "b") + `</row><row r="4" hidden="yes">` + is("A4", "c") + `</row>`,
	`<row r="2">` + is("A2", "a") + `</row><row r="4" hidden="1">` + is("A4", "c") + `</row><row r="3">` + is("A3", "b") + `</row>`,
	`<row r="2"><c r="A2" t="b"><v>1</v></c><c r="B2" t="b"><v> 0 </v></c><c r="C2" t="b"><v>true</v></c><c r="D2" t="b"><v/></c></row>`,
	`<row r="2"><c r="A2" t="b"><v>2</v></c></row>`,
	`<row r="2">` + is("A2", "ok") + `</row><row r="3"><c r="A3" t="b"><v>yes</v></c></row><row r="4">` + is("A4", "after") + `</row>`,
	`<row r="2"><c r="A2" t="e"><v>#N/A</v></c><c r="B2" t="e"><v> </v></c><c r="C2" t="d"><v> 2026-01-02 </v></c><c r="D2" t="d"><v>  </v></c></row>`,
	`<row r="2"><c r="A2"><v> 12 </v></c><c r="B2" t="n"><v>  </v></c><c r="C2" t="str"><v>_x0041_b</v></c><c r="D2" t="str"><v></v></c><c r="E2"><f>1+1</f></c></row>`,
	`<row r="2"><c r="A2" t="inlineStr"><v>_x0042_ v</v></c><c r="B2" t="inlineStr"><is><t>_x0043_ is</t></is></c><c r="C2" t="inlineStr"><is><t></t></is></c><c r="D2" t="inlineStr"><is><r><t>a</t></r><r><t>b</t></r></is></c></row>`,
	`<row r="2"><c r="A2" t="zz"><v>1</v></c></row>`,
	`<row r="2">` + is("A2", "x") + `</row><row r="3"><c r="A3" t="s"><v></v></c></row>`,
	`<row r="2">` + is("A2", "x") + `</row><row r="3"><c r="A3" t="s"><v>99</v></c></row>`,
	`<row r="2">` + is("A2", "x") + `</row><row r="3"><c r="B3"><v>7</v></c>` + is("A3", "X") + `</row><row r="4">` + is("A4", "y") + `</row>`,
	`<row r="2">` + is("A2", "B") + is("A2", "C") + `</row>`,
	`<row r="2"><c r="A2"><f>1</f></c><c r="A2"><v>3</v></c></row>`,
	`<row r="2"><c r="a2"><v>1</v></c><c r="c2"><v>3</v></c></row>`,
	`<row><c><v>1</v></c><c/><c><v>3</v></c></row><row><c t="inlineStr"><is><t>Y</t></is></c></row>`,
	`<row r="3">` + is("A3", "x") + `</row><row r="2">` + is("A2", "y") + `</row>`,
	`<row r="2">` + is("A2", "x") + `</row><row r="2">` + is("A2", "y") + `</row>`,
	`<row r="2">` + is("A2", "x") + `</row><foo/><row r="3">` + is("A3", "y") + `</row>`,
	`<row r="2">` + is("A2", "x") + `</row><row r="3"><c r="A3"><v>1<x/></v></c></row><row r="5">` + is("A5", "z") + `</row>`,
	`<row r="2" spans="1:3"><c r="C2" s="1"><v>5</v></c><c r="XFD2"><v>6</v></c></row>`,
	`<row r="2"><c r="A2" t="inlineStr"><is><t>_xD800_ lone</t></is></c></row>`,
	// Cell formats of handStyles: 1 a date (formatCode16), 2 id 14 made 0.00, 4 built-in 15.
	`<row r="2"><c r="A2" s="1"><v>46023</v></c><c r="B2" s="2"><v>46023</v></c><c r="C2" s="3" t="n"><v>1</v></c><c r="D2" s="4"><f>1</f><v>2</v></c><c r="E2" s="4" t="s"><v>0</v></c><c r="F2" s="99"><v>3</v></c></row>`,
	`<row r="2"><c r="A2" s="4" t="b"><v>1</v></c><c r="B2" s="4" t="str"><v>46023</v></c><c r="C2" s="4" t="d"><v>2026-01-01</v></c><c r="D2" s="04"><v>5</v></c><c r="E2" s=""><v>5</v></c></row>`,
}

func TestStreamReadsHandWrittenSheetsAsEncodingXML(t *testing.T) {
	header := `<row r="1">` + is("A1", "Id") + is("B1", "Amount") + `</row>`
	for i, rows := range handRows {
		t.Run(fmt.Sprint(i), func(t *testing.T) {
			p := newWorkbook(t, [][]any{{"shared"}})
			editPart(t, p, "xl/worksheets/sheet1.xml", sheetData(header+rows))
			editPart(t, p, "xl/styles.xml", func(string) string { return handStyles })
			sameTables(t, p, "")
		})
	}
}

// FuzzStreamMatchesEncodingXML reads fuzzed sheet XML both ways.
func FuzzStreamMatchesEncodingXML(f *testing.F) {
	for _, r := range handRows {
		f.Add(r)
	}
	f.Fuzz(func(t *testing.T, rows string) {
		if strings.Contains(rows, "</sheetData>") {
			return
		}
		p := newWorkbook(t, [][]any{{"Id", "Amount"}, {"shared", "strings"}})
		editPart(t, p, "xl/worksheets/sheet1.xml", sheetData(`<row r="1">`+is("A1", "Id")+`</row>`+rows))
		editPart(t, p, "xl/styles.xml", func(string) string { return handStyles })
		sameTables(t, p, "")
	})
}

// TestLargeSheetReadsEveryRow reads a sheet larger than a chunk of the row store with
// both readers, in order and with its last row stored first (so the disorder is found
// after megabytes of rows were kept): every row comes back once, with the values and
// kinds written, and Options.Rows counts each data row once.
func TestLargeSheetReadsEveryRow(t *testing.T) {
	const n = 30000
	f := excelize.NewFile()
	sw, err := f.NewStreamWriter("Sheet1")
	if err != nil {
		t.Fatal(err)
	}
	sw.SetRow("A1", []any{"Id", "Note", "Amount", "Paid"})
	want := make([]string, 0, n)
	for i := 2; i < n+2; i++ {
		note := fmt.Sprintf("note %d %s", i, strings.Repeat("x", i%97))
		row := []any{fmt.Sprintf("R-%06d", i), note, float64(i) * 1.5, i%2 == 0}
		cells := fmt.Sprintf("[R-%06d %s %s %s]", i, note, strconvFloat(float64(i)*1.5), map[bool]string{true: "TRUE", false: "FALSE"}[i%2 == 0])
		kinds := "[text text number boolean]"
		if i%10 == 0 {
			row[1] = nil
			cells = fmt.Sprintf("[R-%06d  %s %s]", i, strconvFloat(float64(i)*1.5), map[bool]string{true: "TRUE", false: "FALSE"}[i%2 == 0])
			kinds = "[text blank number boolean]"
		}
		if err := sw.SetRow(fmt.Sprintf("A%d", i), row); err != nil {
			t.Fatal(err)
		}
		want = append(want, fmt.Sprintf("%d %s %s", i, cells, kinds))
	}
	if err := sw.Flush(); err != nil {
		t.Fatal(err)
	}
	p := filepath.Join(t.TempDir(), "large.xlsx")
	if err := f.SaveAs(p); err != nil {
		t.Fatal(err)
	}
	read := func(stream bool) ([]string, int64) {
		defer func(was bool) { streaming = was }(streaming)
		streaming = stream
		var counted int64
		tb, err := OpenWith(p, "large.xlsx", Options{Rows: func(k int64) {
			if k <= 0 {
				t.Errorf("told %d rows", k)
			}
			counted += k
		}})
		if err != nil {
			t.Fatal(err)
		}
		defer tb.Close()
		var got []string
		var probs diag.List
		tb.Each(&probs, func() {
			kinds := make([]string, len(tb.kinds))
			for i, k := range tb.kinds {
				kinds[i] = k.String()
			}
			got = append(got, fmt.Sprintf("%d [%s] [%s]", tb.Row(), strings.Join(tb.Current(), " "), strings.Join(kinds, " ")))
		})
		if probs.HasErrors() {
			t.Fatal(probs.Errors())
		}
		return got, counted
	}
	check := func(name string) {
		for _, stream := range []bool{true, false} {
			got, counted := read(stream)
			if counted != n {
				t.Errorf("%s, streaming %v: Options.Rows told %d rows, want %d", name, stream, counted, n)
			}
			if len(got) != len(want) {
				t.Fatalf("%s, streaming %v: %d rows, want %d", name, stream, len(got), len(want))
			}
			for i := range want {
				if got[i] != want[i] {
					t.Fatalf("%s, streaming %v: row %d is\n%s\nwant\n%s", name, stream, i, got[i], want[i])
				}
			}
		}
	}
	check("in order")
	editPart(t, p, "xl/worksheets/sheet1.xml", func(s string) string {
		last := strings.LastIndex(s, "<row ")
		end := strings.Index(s[last:], "</row>") + last + len("</row>")
		first := strings.Index(s, "</row>") + len("</row>") // after the header
		return s[:first] + s[last:end] + s[first:last] + s[end:]
	})
	check("last row stored first")
}

func strconvFloat(f float64) string { return strconv.FormatFloat(f, 'f', -1, 64) }
