package sheet

import (
	"archive/zip"
	"bytes"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/partnerbook/partnerbook/internal/diag"
)

// readAll opens a file and returns "row:first cell" for every data row, the warnings
// and the error that ended the read.
func readAll(t *testing.T, path string, o Options) (rows []string, warns []string, err error) {
	t.Helper()
	tb, err := OpenWith(path, filepath.Base(path), o)
	if err != nil {
		return nil, nil, err
	}
	defer tb.Close()
	for {
		more, err := tb.Next()
		if err != nil {
			return rows, warnStrings(tb.Warnings()), err
		}
		if !more {
			break
		}
		rows = append(rows, fmt.Sprintf("%d:%s", tb.Row(), strings.Join(tb.Current(), "|")))
	}
	return rows, warnStrings(tb.Warnings()), nil
}

func warnStrings(ps []diag.Problem) []string {
	var out []string
	for _, p := range ps {
		out = append(out, p.String())
	}
	return out
}

func writeFile(t *testing.T, name string, data []byte) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(p, data, 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestFooterRowsOnlyTrailingAndOnlyWhenAsked(t *testing.T) {
	for _, tc := range []struct {
		name    string
		csv     string
		footers bool
		rows    string
		warns   string
	}{
		{
			name:    "salesforce trailer after a blank row",
			csv:     "Id,Amount\nA,1\nB,2\n\n\"Grand Totals (2 records)\",3\n\n\"Confidential Information - Do Not Distribute\"\n\"Copyright (c) 2000-2026 salesforce.com, inc. All rights reserved.\"\n",
			footers: true,
			rows:    "2:A|1 3:B|2",
			warns:   `r.csv row 5: report footer skipped: "Grand Totals (2 records)"; r.csv row 7: report footer skipped: "Confidential Information - Do Not Distribute"; r.csv row 8: report footer skipped: "Copyright (c) 2000-2026 salesforce.com, inc. All rights reserved."`,
		},
		{
			name:    "footer lines right after the data, with a report title line",
			csv:     "Id,Amount\nA,1\nGrand Totals (1 records),1\nOpportunity report\nCopyright 2026\n",
			footers: true,
			rows:    "2:A|1",
			warns:   `r.csv row 3: report footer skipped: "Grand Totals (1 records)"; r.csv row 4: report footer skipped: "Opportunity report"; r.csv row 5: report footer skipped: "Copyright 2026"`,
		},
		{
			name:    "a Grand total deal in the middle of the data is a deal",
			csv:     "Id,Amount\nA,1\nGrand total Ltd renewal,2\n\nConfidential project,4\nB,3\n",
			footers: true,
			rows:    "2:A|1 3:Grand total Ltd renewal|2 5:Confidential project|4 6:B|3",
		},
		{
			name:    "a footer-like row followed by data after a blank row is data",
			csv:     "Id,Amount\nA,1\nCopyright Inc,2\n\nB,3\n",
			footers: true,
			rows:    "2:A|1 3:Copyright Inc|2 5:B|3",
		},
		{
			name:    "a last deal whose first cell reads like a footer is a deal",
			csv:     "Id,Client,Amount,Stage\nA,X,1,Won\nCopyright Clearance Center,Y,2,Won\n",
			footers: true,
			rows:    "2:A|X|1|Won 3:Copyright Clearance Center|Y|2|Won",
		},
		{
			name: "without the option every row is data",
			csv:  "Id,Amount\nA,1\n\nGrand Totals (1 records),1\nConfidential\n",
			rows: "2:A|1 4:Grand Totals (1 records)|1 5:Confidential",
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			rows, warns, err := readAll(t, writeFile(t, "r.csv", []byte(tc.csv)), Options{Footers: tc.footers})
			if err != nil {
				t.Fatal(err)
			}
			if got := strings.Join(rows, " "); got != tc.rows {
				t.Errorf("rows %q, want %q", got, tc.rows)
			}
			if got := strings.Join(warns, "; "); got != tc.warns {
				t.Errorf("warnings %q, want %q", got, tc.warns)
			}
		})
	}
}

func TestFooterWarningsReachEach(t *testing.T) {
	p := writeFile(t, "r.csv", []byte("Id\nA\n\nGrand Totals (1 records)\n"))
	tb, err := OpenWith(p, "r.csv", Options{Footers: true})
	if err != nil {
		t.Fatal(err)
	}
	defer tb.Close()
	var probs diag.List
	n := 0
	tb.Each(&probs, func() { n++ })
	if n != 1 || len(probs.Warnings()) != 1 || probs.Warnings()[0].String() != `r.csv row 4: report footer skipped: "Grand Totals (1 records)"` {
		t.Errorf("rows %d, problems %v", n, probs.All())
	}
}

// newWorkbook writes rows (from A1) to Sheet1 of a new workbook.
func newWorkbook(t *testing.T, rows [][]any) string {
	t.Helper()
	f := excelize.NewFile()
	for i, r := range rows {
		cell, _ := excelize.CoordinatesToCellName(1, i+1)
		if err := f.SetSheetRow("Sheet1", cell, &r); err != nil {
			t.Fatal(err)
		}
	}
	p := filepath.Join(t.TempDir(), "book.xlsx")
	if err := f.SaveAs(p); err != nil {
		t.Fatal(err)
	}
	return p
}

// editPart rewrites one part of a workbook, as a hand-edited or odd generator's file.
func editPart(t *testing.T, path, part string, edit func(string) string) {
	t.Helper()
	zr, err := zip.OpenReader(path)
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	found := false
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		data, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			t.Fatal(err)
		}
		if f.Name == part {
			found = true
			data = []byte(edit(string(data)))
		}
		w, err := zw.Create(f.Name)
		if err != nil {
			t.Fatal(err)
		}
		w.Write(data)
	}
	zr.Close()
	if !found {
		t.Fatalf("no part %s", part)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
}

// sheetData replaces the rows of Sheet1 with hand-written XML (inline strings).
func sheetData(rows string) func(string) string {
	return func(s string) string {
		i := strings.Index(s, "<sheetData")
		j := strings.Index(s, "</sheetData>")
		if i < 0 {
			panic("no sheetData")
		}
		if j < 0 {
			j = strings.Index(s[i:], "/>") + i
			return s[:i] + "<sheetData>" + rows + "</sheetData>" + s[j+2:]
		}
		return s[:i] + "<sheetData>" + rows + s[j:]
	}
}

func is(ref, text string) string {
	return fmt.Sprintf(`<c r="%s" t="inlineStr"><is><t>%s</t></is></c>`, ref, text)
}

func TestRowsStoredOutOfOrderOrTwice(t *testing.T) {
	header := `<row r="1">` + is("A1", "Id") + is("B1", "Amount") + `</row>`
	for _, tc := range []struct {
		name string
		xml  string
		rows string
		err  string
	}{
		{
			name: "rows out of order are read in row order with their own numbers",
			xml: header + `<row r="4">` + is("A4", "D") + `<c r="B4"><v>4</v></c></row>` +
				`<row r="2">` + is("A2", "B") + `<c r="B2"><v>2</v></c></row>` +
				`<row r="3">` + is("A3", "C") + `<c r="B3"><v>3</v></c></row>`,
			rows: "2:B|2 3:C|3 4:D|4",
		},
		{
			name: "cells out of order in a row are placed by their column",
			xml:  header + `<row r="2"><c r="B2"><v>7</v></c>` + is("A2", "X") + `</row>`,
			rows: "2:X|7",
		},
		{
			name: "rows and cells without references follow the one before",
			xml:  header + `<row><c t="inlineStr"><is><t>Y</t></is></c><c><v>8</v></c></row>`,
			rows: "2:Y|8",
		},
		{
			name: "a row number stored twice is refused",
			xml:  header + `<row r="2">` + is("A2", "B") + `</row><row r="2">` + is("A2", "C") + `</row>`,
			err:  `book.xlsx: sheet "Sheet1" cannot be read: row 2 is stored twice in the sheet; open and save the workbook again in a spreadsheet program`,
		},
		{
			name: "a row number stored twice, out of order, is refused",
			xml:  header + `<row r="3">` + is("A3", "B") + `</row><row r="2">` + is("A2", "C") + `</row><row r="3">` + is("A3", "D") + `</row>`,
			err:  `book.xlsx: sheet "Sheet1" cannot be read: row 3 is stored twice in the sheet; open and save the workbook again in a spreadsheet program`,
		},
		{
			name: "a header stored after the rows below it is the header",
			xml:  `<row r="3">` + is("A3", "C") + `</row><row r="2">` + is("A2", "B") + `</row>` + header,
			rows: "2:B 3:C",
		},
		{
			name: "a row stored after the header but numbered before it is the header",
			xml: `<row r="3">` + is("A3", "Title") + `</row><row r="4">` + is("A4", "D") + `</row>` +
				`<row r="1">` + is("A1", "Id") + `</row>`,
			rows: "3:Title 4:D",
		},
		{
			name: "rows out of order after blank rows and the header",
			xml: `<row r="1"/><row r="2"><c r="A2" t="inlineStr"><is><t> </t></is></c></row>` +
				`<row r="3">` + is("A3", "Id") + `</row><row r="5">` + is("A5", "E") + `</row><row r="4">` + is("A4", "D") + `</row>`,
			rows: "4:D 5:E",
		},
		{
			name: "a row stored twice after the header is refused before any row is read",
			xml:  header + `<row r="2">` + is("A2", "B") + `</row><row r="3">` + is("A3", "C") + `</row><row r="3">` + is("A3", "D") + `</row>`,
			err:  `book.xlsx: sheet "Sheet1" cannot be read: row 3 is stored twice in the sheet; open and save the workbook again in a spreadsheet program`,
		},
		{
			name: "a cell stored twice is refused",
			xml:  header + `<row r="2">` + is("A2", "B") + is("A2", "C") + `</row>`,
			err:  `book.xlsx: sheet "Sheet1": cell A2 is stored twice in the sheet; open and save the workbook again in a spreadsheet program`,
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p := newWorkbook(t, nil)
			editPart(t, p, "xl/worksheets/sheet1.xml", sheetData(tc.xml))
			for _, stream := range []bool{true, false} {
				streaming = stream
				rows, _, err := readAll(t, p, Options{})
				streaming = true
				if tc.err != "" {
					if err == nil || err.Error() != tc.err || len(rows) > 0 {
						t.Errorf("streaming %v: err %v, want %s (rows %q)", stream, err, tc.err, rows)
					}
					continue
				}
				if err != nil {
					t.Fatal(err)
				}
				if got := strings.Join(rows, " "); got != tc.rows {
					t.Errorf("streaming %v: rows %q, want %q", stream, got, tc.rows)
				}
			}
		})
	}
}

func TestFirstVisibleSheet(t *testing.T) {
	f := excelize.NewFile()
	f.SetSheetName("Sheet1", "Pivot")
	deals, _ := f.NewSheet("Deals")
	f.SetActiveSheet(deals)
	f.SetCellStr("Pivot", "A1", "Pivot header")
	f.SetCellStr("Deals", "A1", "Id")
	f.SetCellStr("Deals", "A2", "D1")
	if err := f.SetSheetVisible("Pivot", false); err != nil {
		t.Fatal(err)
	}
	p := filepath.Join(t.TempDir(), "book.xlsx")
	if err := f.SaveAs(p); err != nil {
		t.Fatal(err)
	}
	tb, err := Open(p, "book.xlsx", "")
	if err != nil {
		t.Fatal(err)
	}
	ws := warnStrings(tb.Warnings())
	if tb.Sheet() != "Deals" || strings.Join(tb.Headers(), ",") != "Id" ||
		strings.Join(ws, ";") != `book.xlsx: sheet "Deals": reading sheet "Deals", the first visible sheet; hidden before it: "Pivot" (set sheet to read another)` {
		t.Errorf("sheet %q headers %q warnings %q", tb.Sheet(), tb.Headers(), ws)
	}
	tb.Close()

	// A hidden sheet named in the settings is read, without a note.
	tb, err = Open(p, "book.xlsx", "Pivot")
	if err != nil || tb.Headers()[0] != "Pivot header" || len(tb.Warnings()) != 0 {
		t.Errorf("named hidden sheet: %v %v", err, tb.Warnings())
	}
	tb.Close()

	editPart(t, p, "xl/workbook.xml", func(s string) string {
		return strings.Replace(s, `name="Deals"`, `name="Deals" state="veryHidden"`, 1)
	})
	if _, err := Open(p, "book.xlsx", ""); err == nil || err.Error() != `book.xlsx: every sheet is hidden ("Pivot", "Deals"): set sheet to the one to read` {
		t.Errorf("all hidden: %v", err)
	}
}

func utf16LE(s string, bom bool) []byte {
	var b []byte
	if bom {
		b = append(b, 0xff, 0xfe)
	}
	for _, r := range s {
		if r > 0xffff {
			r -= 0x10000
			hi, lo := 0xd800+(r>>10), 0xdc00+(r&0x3ff)
			b = append(b, byte(hi), byte(hi>>8), byte(lo), byte(lo>>8))
			continue
		}
		b = append(b, byte(r), byte(r>>8))
	}
	return b
}

func swap16(b []byte) []byte {
	out := append([]byte(nil), b...)
	for i := 0; i+1 < len(out); i += 2 {
		out[i], out[i+1] = out[i+1], out[i]
	}
	return out
}

func TestCSVEncodings(t *testing.T) {
	const text = "Client,Amount\nCafé Łódź 東京 🙂,1\n"
	const want = "2:Café Łódź 東京 🙂|1"
	cp1252 := []byte("Client,Amount\nCaf\xe9 \x80 \x93ok\x94,1\n")
	for _, tc := range []struct {
		name  string
		data  []byte
		enc   string
		rows  string
		warns string
		err   string
	}{
		{name: "utf-8", data: []byte(text), rows: want},
		{name: "utf-8 with BOM", data: append([]byte("\xef\xbb\xbf"), text...), rows: want},
		{name: "utf-8 with BOM and setting", data: append([]byte("\xef\xbb\xbf"), text...), enc: "UTF-8", rows: want},
		{name: "utf-16 LE with BOM", data: utf16LE(text, true), rows: want},
		{name: "utf-16 BE with BOM", data: swap16(utf16LE(text, true)), rows: want},
		{name: "utf-16 without BOM by setting", data: utf16LE(text, false), enc: "utf-16", rows: want},
		{name: "windows-1252 by setting", data: cp1252, enc: "windows-1252", rows: "2:Café € “ok”|1"},
		{name: "latin-1 by setting", data: []byte("Client,Amount\nCaf\xe9 \xbd,1\n"), enc: "latin-1", rows: "2:Café ½|1"},
		{
			name: "not utf-8 and no setting: windows-1252 with a warning", data: []byte("Client,Amount\nplain,1\n\n\"Caf\xe9\nline two\",2\nNa\xefve,3\n"),
			rows:  "2:plain|1 4:Café\nline two|2 5:Naïve|3",
			warns: `x.csv row 4: not UTF-8 text (the first such row): the file is read as Windows-1252; set encoding = "windows-1252" or "latin-1" to say which it is`,
		},
		{name: "mixed encodings are refused", data: []byte("Client\nCafé\nCaf\xe9\n"), err: `x.csv: row 3 is not UTF-8 text but row 2 is: the file mixes encodings; save it again as UTF-8, or set encoding`},
		{name: "invalid utf-8 with the setting is refused", data: []byte("Client\nok\nCaf\xe9\n"), enc: "utf-8", err: `x.csv: row 3 is not valid UTF-8 text`},
		{name: "a BOM against the setting is refused", data: append([]byte("\xef\xbb\xbf"), text...), enc: "windows-1252", err: `x.csv: the file starts with a UTF-8 byte-order mark but encoding = "windows-1252"`},
		{name: "undefined windows-1252 byte", data: []byte("Client\nok\nA\x81B\n"), enc: "windows-1252", err: `x.csv: row 3 has a byte that Windows-1252 leaves undefined (0x81, 0x8D, 0x8F, 0x90 or 0x9D); if the file is Latin-1, set encoding = "latin-1"`},
		{name: "lone surrogate in utf-16", data: append(utf16LE("Client\nok\n", true), 0x00, 0xd8, 'x', 0), err: `x.csv: line 3 is not valid UTF-16 (a lone surrogate)`},
		{name: "odd utf-16 length", data: append(utf16LE("Client\n", true), 'x'), err: `x.csv: the file ends in half a UTF-16 character`},
		{name: "unknown encoding", data: []byte(text), enc: "ebcdic", err: `x.csv: unknown encoding "ebcdic" (use utf-8, utf-16, windows-1252, latin-1)`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			rows, warns, err := readAll(t, writeFile(t, "x.csv", tc.data), Options{Encoding: tc.enc})
			if tc.err != "" {
				if err == nil || err.Error() != tc.err {
					t.Errorf("err %v, want %s", err, tc.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			got := strings.Join(rows, " ")
			if got != tc.rows || strings.ContainsRune(got, '\uFFFD') {
				t.Errorf("rows %q, want %q", got, tc.rows)
			}
			if g := strings.Join(warns, "; "); g != tc.warns {
				t.Errorf("warnings %q, want %q", g, tc.warns)
			}
		})
	}
}

func TestCSVRowNumbersMatchASpreadsheet(t *testing.T) {
	p := writeFile(t, "n.csv", []byte("\nId,Note\n\nA,\"two\r\nlines\"\nB,x\n\n\nC,\"bad \"quote\"\n"))
	rows, _, err := readAll(t, p, Options{})
	if got := strings.Join(rows, " "); got != "4:A|two\nlines 5:B|x" {
		t.Errorf("rows %q", got)
	}
	if err == nil || err.Error() != `n.csv: row 8: extraneous or missing " in quoted-field` {
		t.Errorf("err %v", err)
	}
}

func TestAmbiguousAndMistypedValues(t *testing.T) {
	p := newWorkbook(t, [][]any{
		{"Case", "Amount", "Date"},
		{"text 1.000", "1.000", "2026-01-05"},
		{"text 12.500", "$12.500", "2026-01-05"},
		{"text 0.125", "0.125", "2026-01-05"},
		{"text 1,000.500", "1,000.500", "2026-01-05"},
		{"number 12.5", 12.5, time.Date(2025, 12, 9, 0, 0, 0, 0, time.UTC)},
		{"boolean", true, false},
		{"bare year text", 1, "2026"},
		{"bare year number", 1, 2026},
		{"17 digits", 1, "2026-01-05"},
		{"float noise", 1, "2026-01-05"},
		{"error value", "x", "x"},
		{"date cell amount", time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC), "2026-01-05"},
		{"number date", 1, 46000},
		{"date-time cell", 1, time.Date(2026, 1, 5, 23, 59, 59, 0, time.UTC)},
	})
	editPart(t, p, "xl/worksheets/sheet1.xml", func(s string) string {
		// An error value, as a formula that failed leaves it; numbers as written by
		// programs that print a float's every digit (excelize stops at 15).
		for cell, xml := range map[string]string{
			"B12": `<c r="B12" t="e"><v>#N/A</v></c>`,
			"B10": `<c r="B10"><v>1234567890.1234567</v></c>`,
			"B11": `<c r="B11"><v>0.30000000000000004</v></c>`,
		} {
			s = regexp.MustCompile(`<c r="`+cell+`"[^>]*>.*?</c>`).ReplaceAllString(s, xml)
		}
		return s
	})
	tb, err := Open(p, "book.xlsx", "")
	if err != nil {
		t.Fatal(err)
	}
	defer tb.Close()
	want := map[string]string{
		"text 1.000":       `book.xlsx: sheet "Sheet1" row 2 column "Amount": "1.000" is ambiguous: 1 with a decimal point or 1000 with a thousands separator; write it without a thousands separator or with two decimals`,
		"text 12.500":      `book.xlsx: sheet "Sheet1" row 3 column "Amount": "$12.500" is ambiguous: 12.5 with a decimal point or 12500 with a thousands separator; write it without a thousands separator or with two decimals`,
		"text 0.125":       "0.125 2026-01-05",
		"text 1,000.500":   "1000.5 2026-01-05",
		"number 12.5":      "12.5 2025-12-09",
		"boolean":          `book.xlsx: sheet "Sheet1" row 7 column "Amount": "TRUE" is a TRUE/FALSE cell, not an amount` + "\n" + `book.xlsx: sheet "Sheet1" row 7 column "Date": "FALSE" is a TRUE/FALSE cell, not a date`,
		"bare year text":   `book.xlsx: sheet "Sheet1" row 8 column "Date": "2026" is a bare year, not a date`,
		"bare year number": `book.xlsx: sheet "Sheet1" row 9 column "Date": 2026 is a number, not a date: format the column as dates in the spreadsheet, or write dates as YYYY-MM-DD`,
		"17 digits":        `book.xlsx: sheet "Sheet1" row 10 column "Amount": "1234567890.1234567" has 17 significant digits, more than the 15 a spreadsheet number keeps: the amount is not exact`,
		"float noise":      "0.3 2026-01-05",
		"error value":      `book.xlsx: sheet "Sheet1" row 12 column "Amount": "#N/A" is an error value, not an amount` + "\n" + `book.xlsx: sheet "Sheet1" row 12 column "Date": "x" is not a date (expected YYYY-MM-DD, a real Excel date, or set date_format)`,
		"date cell amount": `book.xlsx: sheet "Sheet1" row 13 column "Amount": 46023 is a date cell (2026-01-01), not an amount: format the cell as a number`,
		"number date":      `book.xlsx: sheet "Sheet1" row 14 column "Date": 46000 is a number, not a date: format the column as dates in the spreadsheet, or write dates as YYYY-MM-DD`,
		"date-time cell":   "1 2026-01-05",
	}
	seen := 0
	for {
		more, err := tb.Next()
		if err != nil {
			t.Fatal(err)
		}
		if !more {
			break
		}
		seen++
		name := tb.Current()[0]
		var probs diag.List
		a, aerr := tb.AmountCell(1)
		if aerr != nil {
			probs.Errorf(tb.Pos(1), "%v", aerr)
		}
		d, derr := tb.DateCell(2, "")
		if derr != nil {
			probs.Errorf(tb.Pos(2), "%v", derr)
		}
		got := a.String() + " " + d.String()
		if len(probs.All()) > 0 {
			got = strings.Join(warnStrings(probs.All()), "\n")
		}
		if got != want[name] {
			t.Errorf("%s:\n got %s\nwant %s", name, got, want[name])
		}
	}
	if seen != len(want) {
		t.Errorf("read %d rows, want %d", seen, len(want))
	}
}

func TestManyFooterLikeRowsBeforeDataStayLinear(t *testing.T) {
	var b strings.Builder
	b.WriteString("Id,Amount\n")
	const n = 50000
	for i := 0; i < n; i++ {
		b.WriteString("Copyright deal,1\n")
	}
	b.WriteString("Last,2\n")
	tb, err := csvTable([]byte(b.String()), "m.csv", Options{Footers: true})
	if err != nil {
		t.Fatal(err)
	}
	rows := 0
	for {
		more, err := tb.Next()
		if err != nil {
			t.Fatal(err)
		}
		if !more {
			break
		}
		rows++
	}
	if rows != n+1 || tb.Row() != n+2 || len(tb.Warnings()) != 0 {
		t.Errorf("rows %d, last row %d, warnings %d", rows, tb.Row(), len(tb.Warnings()))
	}
}

func TestResolveReportsHowTheFileWasRead(t *testing.T) {
	tb, err := csvTable([]byte("Client\nCaf\xe9\n"), "w.csv", Options{})
	if err != nil {
		t.Fatal(err)
	}
	var probs diag.List
	tb.Resolve(&probs, map[string]string{"client": "Client"}, []string{"client"}, nil)
	tb.Each(&probs, func() {})
	if ws := warnStrings(probs.All()); len(ws) != 1 || !strings.HasPrefix(ws[0], "w.csv row 2: not UTF-8 text") {
		t.Errorf("problems %q", ws)
	}
}

// A CSV row with more fields than the header (an unquoted comma in a cell) shifts every
// later cell: an error naming the row. In a workbook, a value beside the table is a
// warning, as it is not read.
func TestValuesBeyondTheHeader(t *testing.T) {
	csvPath := writeFile(t, "deals.csv", []byte("id,tags,value\nD1,vip,100\nD2,vip, Partner: Beta,200\nD3,,300\n"))
	var probs diag.List
	tb, err := OpenWith(csvPath, "deals.csv", Options{})
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	tb.Each(&probs, func() { n++ })
	tb.Close()
	errs := probs.Errors()
	want := `deals.csv row 3: the row has 4 fields but the header has 3 ("200" is field 4)`
	if n != 3 || len(errs) != 1 || !strings.HasPrefix(errs[0].String(), want) {
		t.Errorf("rows %d, errors %v, want one starting %q", n, errs, want)
	}

	xlsxPath := newWorkbook(t, [][]any{{"id", "value"}, {"D1", 100, "note to self"}, {"D2", 200}})
	probs = diag.List{}
	tb, err = OpenWith(xlsxPath, "deals.xlsx", Options{})
	if err != nil {
		t.Fatal(err)
	}
	tb.Each(&probs, func() {})
	tb.Close()
	if probs.HasErrors() || len(probs.Warnings()) != 1 || !strings.Contains(probs.Warnings()[0].String(), `row 2: column C has "note to self" but no header`) {
		t.Errorf("workbook problems %v", probs.All())
	}
}

// A bare number in a CSV date column shows as that number in any program: reading it
// as a day count since 1900 is a guess, so it is refused; a date_format of digits reads.
func TestNumbersInCSVDateColumns(t *testing.T) {
	path := writeFile(t, "deals.csv", []byte("id,created\nD1,46023\nD2,2026\nD3,2026-01-01\nD4,20260101\n"))
	for _, tc := range []struct {
		layout string
		want   []string
	}{
		{"", []string{`"46023" is a number, not a date`, `"2026" is a bare year, not a date`, "2026-01-01", `"20260101" is a number, not a date`}},
		{"20060102", []string{`"46023" is a number, not a date`, `"2026" is a bare year, not a date`, "2026-01-01", "2026-01-01"}},
	} {
		tb, err := OpenWith(path, "deals.csv", Options{})
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for {
			more, err := tb.Next()
			if err != nil || !more {
				break
			}
			d, err := tb.DateCell(1, tc.layout)
			if err != nil {
				got = append(got, err.Error())
			} else {
				got = append(got, d.String())
			}
		}
		tb.Close()
		for i, w := range tc.want {
			if i >= len(got) || !strings.HasPrefix(got[i], w) {
				t.Errorf("layout %q: %v, want %v", tc.layout, got, tc.want)
				break
			}
		}
	}
}
