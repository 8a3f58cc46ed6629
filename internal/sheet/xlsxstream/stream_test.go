package xlsxstream

import (
	"archive/zip"
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"
)

// excelizeRows is what excelize's Rows iterator returns for a sheet, by row number
// (the rows a sheet does not write come back empty).
func excelizeRows(path, sheet string) (map[int][]string, int, error) {
	f, err := excelize.OpenFile(path, excelize.Options{RawCellValue: true})
	if err != nil {
		return nil, 0, err
	}
	defer f.Close()
	rows, err := f.Rows(sheet)
	if err != nil {
		return nil, 0, err
	}
	defer rows.Close()
	out := map[int][]string{}
	n := 0
	for rows.Next() {
		n++
		cols, err := rows.Columns()
		if err != nil {
			return out, n, err
		}
		if len(cols) > 0 {
			out[n] = cols
		}
	}
	return out, n, rows.Error()
}

// streamRows is the same read with this package.
func streamRows(path, sheet string) (map[int][]string, error) {
	b, err := Open(path)
	if err != nil {
		return nil, err
	}
	defer b.Close()
	rows, err := b.Rows(sheet)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[int][]string{}
	for rows.Next() {
		if c := rows.Cells(); len(c) > 0 {
			out[rows.Row()] = slices.Clone(c)
		}
	}
	return out, rows.Err()
}

// sameAsExcelize compares every cell of every sheet of the workbook at path.
func sameAsExcelize(t *testing.T, path string) {
	t.Helper()
	b, err := Open(path)
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	sheets := b.Sheets()
	b.Close()
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if want := f.GetSheetList(); !slices.Equal(names(sheets), want) {
		t.Errorf("%s: sheets %q, excelize lists %q", path, names(sheets), want)
	}
	f.Close()
	for _, s := range sheets {
		want, _, werr := excelizeRows(path, s.Name)
		if werr != nil {
			t.Fatalf("%s %q: excelize: %v", path, s.Name, werr)
		}
		got, err := streamRows(path, s.Name)
		if err != nil {
			t.Fatalf("%s %q: %v", path, s.Name, err)
		}
		if d := diffRows(got, want); d != "" {
			t.Errorf("%s %q: %s", path, s.Name, d)
		}
		sameHidden(t, path, s.Name)
	}
}

func names(ss []Sheet) []string {
	var out []string
	for _, s := range ss {
		out = append(out, s.Name)
	}
	return out
}

func diffRows(got, want map[int][]string) string {
	for r, w := range want {
		if g := got[r]; !slices.Equal(g, w) {
			return fmt.Sprintf("row %d: got %q, excelize %q", r, g, w)
		}
	}
	for r, g := range got {
		if _, ok := want[r]; !ok {
			return fmt.Sprintf("row %d: got %q, excelize has none", r, g)
		}
	}
	return ""
}

func TestFixturesMatchExcelize(t *testing.T) {
	var files []string
	for _, glob := range []string{"../../../sample-data/*.xlsx", "../../../sample-data/*/*.xlsx", "../../*/testdata/*.xlsx", "../../*/testdata/*/*.xlsx"} {
		m, _ := filepath.Glob(glob)
		files = append(files, m...)
	}
	if len(files) < 3 {
		t.Fatalf("found only %d fixture workbooks: %q", len(files), files)
	}
	for _, f := range files {
		t.Run(filepath.Base(f), func(t *testing.T) { sameAsExcelize(t, f) })
	}
}

// TestWrittenWorkbooksMatchExcelize writes workbooks with excelize that cover the kinds
// of cells an export has, and compares them cell by cell.
func TestWrittenWorkbooksMatchExcelize(t *testing.T) {
	day := time.Date(2026, 3, 14, 15, 22, 0, 0, time.UTC)
	cases := []struct {
		name  string
		build func(f *excelize.File) error
	}{
		{"shared strings, numbers, dates, formulas", func(f *excelize.File) error {
			rows := [][]any{
				{"Deal ID", "Amount", "Won", "Flag", "Formula"},
				{"OPP-1", 1234.5, day, true, nil},
				{"OPP-2", -0.1, day.AddDate(0, 1, 0), false, nil},
				{"  spaced  ", 1e21, "", nil, nil},
				{"Ünïcødé & <xml> \"quotes\"", 12345678901234567, "_x000D_ literal", nil, nil},
			}
			for i, r := range rows {
				if err := f.SetSheetRow("Sheet1", fmt.Sprintf("A%d", i+1), &r); err != nil {
					return err
				}
			}
			if err := f.SetCellFormula("Sheet1", "E2", "B2*2"); err != nil {
				return err
			}
			return f.SetCellFormula("Sheet1", "G3", `"x"&A3`)
		}},
		{"sparse columns and empty rows", func(f *excelize.File) error {
			for _, c := range [][2]string{{"A1", "head"}, {"C1", "gap"}, {"AA5", "far"}, {"B9", "x"}, {"XFD9", "last column"}} {
				if err := f.SetCellValue("Sheet1", c[0], c[1]); err != nil {
					return err
				}
			}
			return f.SetCellStyle("Sheet1", "A3", "D3", 0)
		}},
		{"rich text", func(f *excelize.File) error {
			if err := f.SetCellValue("Sheet1", "A1", "plain"); err != nil {
				return err
			}
			return f.SetCellRichText("Sheet1", "B1", []excelize.RichTextRun{
				{Text: "bold ", Font: &excelize.Font{Bold: true, Size: 11, Color: "FF0000"}},
				{Text: "and plain"},
			})
		}},
		{"hidden first sheet and 1904 dates", func(f *excelize.File) error {
			i, err := f.NewSheet("Visible")
			if err != nil {
				return err
			}
			f.SetActiveSheet(i)
			if err := f.SetSheetVisible("Sheet1", false); err != nil {
				return err
			}
			d := true
			if err := f.SetWorkbookProps(&excelize.WorkbookPropsOptions{Date1904: &d}); err != nil {
				return err
			}
			if err := f.SetCellValue("Sheet1", "A1", "secret"); err != nil {
				return err
			}
			return f.SetCellValue("Visible", "B2", day)
		}},
		{"stream writer: inline strings and rich text", func(f *excelize.File) error {
			sw, err := f.NewStreamWriter("Sheet1")
			if err != nil {
				return err
			}
			if err := sw.SetRow("A1", []any{"Deal ID", "Value", "When", "Ok"}); err != nil {
				return err
			}
			if err := sw.SetRow("A3", []any{"OPP-7", 99.95, day, true, []excelize.RichTextRun{{Text: "rich "}, {Text: "run", Font: &excelize.Font{Italic: true}}}}); err != nil {
				return err
			}
			if err := sw.SetRow("B4", []any{" lead space", excelize.Cell{Formula: "1+1"}}); err != nil {
				return err
			}
			return sw.Flush()
		}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			f := excelize.NewFile()
			if err := c.build(f); err != nil {
				t.Fatal(err)
			}
			path := filepath.Join(t.TempDir(), "book.xlsx")
			if err := f.SaveAs(path); err != nil {
				t.Fatal(err)
			}
			f.Close()
			sameAsExcelize(t, path)
		})
	}
}

func TestSheetsAndDate1904(t *testing.T) {
	f := excelize.NewFile()
	i, _ := f.NewSheet("Deals")
	f.SetActiveSheet(i)
	f.SetSheetVisible("Sheet1", false)
	d := true
	f.SetWorkbookProps(&excelize.WorkbookPropsOptions{Date1904: &d})
	path := filepath.Join(t.TempDir(), "book.xlsx")
	if err := f.SaveAs(path); err != nil {
		t.Fatal(err)
	}
	b, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	want := []Sheet{{Name: "Sheet1", State: "hidden"}, {Name: "Deals"}}
	if got := b.Sheets(); !slices.Equal(got, want) {
		t.Errorf("sheets %+v, want %+v", got, want)
	}
	if !b.Date1904() {
		t.Error("date1904 not read")
	}
	if _, err := b.Rows("Nope"); err == nil || errors.Is(err, ErrUnsupported) || !strings.Contains(err.Error(), `"Nope"`) {
		t.Errorf("unknown sheet: %v", err)
	}
}

// Package parts of a minimal workbook written by hand, so tests control the sheet XML.
const (
	contentTypes = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>`
	rootRels = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`
	workbookXML = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Data" sheetId="1" r:id="rId1"/></sheets></workbook>`
	workbookRels = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>`
	testSST = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="5" uniqueCount="5"><si><t>zero</t></si><si><t xml:space="preserve"> one </t></si><si><r><rPr><b/><sz val="11"/></rPr><t>rich </t></r><r><t>two</t></r></si><si><t>ph</t><rPh sb="0" eb="1"><t>PH</t></rPh><phoneticPr fontId="1"/></si><si><t>esc_x0041__x005F_x0042_</t></si></sst>`
	sheetHead = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>`
	sheetTail = `</sheetData></worksheet>`
)

// handBook writes a workbook whose only sheet, "Data", is sheetXML.
func handBook(t testing.TB, sheetXML, sst string) string {
	path := filepath.Join(t.TempDir(), "hand.xlsx")
	out, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	zw := zip.NewWriter(out)
	parts := [][2]string{{"[Content_Types].xml", contentTypes}, {"_rels/.rels", rootRels}, {"xl/workbook.xml", workbookXML},
		{"xl/_rels/workbook.xml.rels", workbookRels}, {"xl/worksheets/sheet1.xml", sheetXML}}
	if sst != "" {
		parts = append(parts, [2]string{"xl/sharedStrings.xml", sst})
	}
	for _, p := range parts {
		w, err := zw.Create(p[0])
		if err != nil {
			t.Fatal(err)
		}
		w.Write([]byte(p[1]))
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	out.Close()
	return path
}

// TestHandWrittenSheets covers what excelize does not write itself.
func TestHandWrittenSheets(t *testing.T) {
	cases := []struct {
		name, rows string
		want       map[int][]string
	}{
		{"cell types", `<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v> 1 </v></c><c r="C1" t="s"><v>2</v></c><c r="D1" t="s"><v>3</v></c><c r="E1" t="s"><v>4</v></c></row>` +
			`<row r="2"><c r="A2" t="b"><v>1</v></c><c r="B2" t="e"><v>#DIV/0!</v></c><c r="C2" t="str"><f>A1</f><v>zero</v></c><c r="D2" t="d"><v>2026-03-14T00:00:00Z</v></c><c r="E2" t="n"><v>1.5E-3</v></c></row>`,
			map[int][]string{1: {"zero", " one ", "rich two", "ph", "escA_x0042_"}, 2: {"1", "#DIV/0!", "zero", "2026-03-14T00:00:00Z", "1.5E-3"}}},
		{"inline strings", `<row r="3"><c r="A3" t="inlineStr"><is><t>in&amp;line</t></is></c><c r="B3" t="inlineStr"><is><r><t>a</t></r><r><rPr><i/></rPr><t xml:space="preserve"> b</t></r></is></c><c r="C3" t="inlineStr"><v>v only</v></c></row>`,
			map[int][]string{3: {"in&line", "a b", "v only"}}},
		{"no references", `<row><c><v>1</v></c><c/><c><v>3</v></c></row><row><c t="inlineStr"><is><t>x</t></is></c></row>`,
			map[int][]string{1: {"1", "", "3"}, 2: {"x"}}},
		{"text forms", "<row r=\"1\"><c r=\"A1\" t=\"str\"><v><![CDATA[<cdata> & ]]></v></c><c r=\"B1\" t=\"str\"><v>a<!-- note -->b</v></c><c r=\"C1\" t=\"str\"><v>line\r\nend&#x41;&#66;</v></c></row>",
			map[int][]string{1: {"<cdata> & ", "ab", "line\nendAB"}}},
		{"empty formula cell and trailing empties", `<row r="2"><c r="A2"><f>1+1</f></c><c r="C2"/><c r="D2" t="s"></c></row><row r="4"/>`,
			map[int][]string{2: {""}}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			path := handBook(t, sheetHead+c.rows+sheetTail, testSST)
			got, err := streamRows(path, "Data")
			if err != nil {
				t.Fatal(err)
			}
			if d := diffRows(got, c.want); d != "" {
				t.Errorf("want: %s", d)
			}
			want, _, err := excelizeRows(path, "Data")
			if err != nil {
				t.Fatal(err)
			}
			if d := diffRows(got, want); d != "" {
				t.Errorf("excelize: %s", d)
			}
		})
	}
}

func TestRowNumbers(t *testing.T) {
	path := handBook(t, sheetHead+`<row r="2"><c r="B2"><v>1</v></c></row><row r="7" spans="1:1"/><row><c r="A8"><v>8</v></c></row>`+sheetTail, "")
	b, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	rows, err := b.Rows("Data")
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for rows.Next() {
		got = append(got, fmt.Sprintf("%d:%q", rows.Row(), rows.Cells()))
	}
	want := []string{`2:["" "1"]`, `7:[]`, `8:["8"]`}
	if rows.Err() != nil || !slices.Equal(got, want) {
		t.Errorf("got %v (%v), want %v", got, rows.Err(), want)
	}
}

func TestOutOfOrder(t *testing.T) {
	cases := []struct{ name, rows, msg string }{
		{"row before the previous", `<row r="5"><c r="A5"><v>1</v></c></row><row r="3"><c r="A3"><v>2</v></c></row>`, "row 3 comes after row 5: rows out of order"},
		{"duplicate row", `<row r="2"><c r="A2"><v>1</v></c></row><row r="2"/>`, "row 2 comes after row 2: rows out of order"},
		{"cells out of order", `<row r="4"><c r="C4"><v>1</v></c><c r="A4"><v>2</v></c></row>`, "cell A4 comes after column C of row 4: cells out of order"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := streamRows(handBook(t, sheetHead+c.rows+sheetTail, ""), "Data")
			var oe *OrderError
			if !errors.As(err, &oe) || err.Error() != c.msg {
				t.Errorf("got %v, want %q", err, c.msg)
			}
		})
	}
}

func TestUnsupported(t *testing.T) {
	strict := strings.Replace(sheetHead, "http://schemas.openxmlformats.org/spreadsheetml/2006/main", "http://purl.oclc.org/ooxml/spreadsheetml/main", 1)
	cases := []struct{ name, sheet, sst string }{
		{"strict namespace", strict + `<row r="1"/>` + sheetTail, ""},
		{"shared string without a table", sheetHead + `<row r="1"><c r="A1" t="s"><v>0</v></c></row>` + sheetTail, ""},
		{"shared string index out of range", sheetHead + `<row r="1"><c r="A1" t="s"><v>9</v></c></row>` + sheetTail, testSST},
		{"unknown entity", sheetHead + `<row r="1"><c r="A1" t="str"><v>&nbsp;</v></c></row>` + sheetTail, ""},
		{"truncated", sheetHead + `<row r="1"><c r="A1"><v>1</v></c></row><row r="2"><c r="A2"><v>`, ""},
		{"mismatched tags", sheetHead + `<row r="1"><c r="A1"><v>1</c></v></row>` + sheetTail, ""},
		{"doctype", `<!DOCTYPE x>` + sheetHead + sheetTail, ""},
		{"latin-1", strings.Replace(sheetHead, "UTF-8", "ISO-8859-1", 1) + sheetTail, ""},
		{"bad formula attribute", sheetHead + `<row r="1"><c r="A1"><f si="x">1</f><v>1</v></c></row>` + sheetTail, ""},
		{"bad rich text size", sheetHead + `<row r="1"><c r="A1" t="inlineStr"><is><r><rPr><sz val="big"/></rPr><t>x</t></r></is></c></row>` + sheetTail, ""},
		{"row beyond Excel's last", sheetHead + `<row r="1048577"/>` + sheetTail, ""},
		{"lower-case reference", sheetHead + `<row r="1"><c r="a1"><v>1</v></c></row>` + sheetTail, ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := streamRows(handBook(t, c.sheet, c.sst), "Data")
			if !errors.Is(err, ErrUnsupported) {
				t.Errorf("got %v, want ErrUnsupported", err)
			}
		})
	}
	t.Run("not a zip", func(t *testing.T) {
		path := filepath.Join(t.TempDir(), "enc.xlsx")
		os.WriteFile(path, []byte("\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1 an encrypted workbook is an OLE file"), 0o644)
		if _, err := Open(path); !errors.Is(err, ErrUnsupported) {
			t.Errorf("got %v, want ErrUnsupported", err)
		}
	})
}

// FuzzStream mutates the sheet XML of a workbook: the reader must not panic, and what
// it reads without error must be exactly what excelize reads.
func FuzzStream(f *testing.F) {
	f.Add(sheetHead + `<row r="1"><c r="A1" t="s"><v>2</v></c><c r="C1" t="inlineStr"><is><r><rPr><sz val="11"/></rPr><t>x</t></r></is></c></row><row r="3"><c r="B3"><f>1</f><v>2</v></c><c r="D3" t="b"><v>1</v></c></row>` + sheetTail)
	f.Add(sheetHead + "<row><c t=\"str\"><v><![CDATA[a]]>&amp;b<!---->c\r\n</v></c><c r=\"E1\" s=\"3\" t=\"e\"><v>#N/A</v></c></row>" + sheetTail)
	f.Add(`<worksheet><dimension ref="A1"/><sheetData><row r="2" spans="1:2"><c r="A2" t="s"><v>4</v></c></row></sheetData><ext/></worksheet>`)
	f.Fuzz(func(t *testing.T, sheet string) {
		path := handBook(t, sheet, testSST)
		got, err := streamRows(path, "Data")
		var oe *OrderError
		if errors.Is(err, ErrUnsupported) || errors.As(err, &oe) {
			return
		}
		if err != nil {
			t.Fatalf("unexpected error: %v", err)
		}
		want, _, werr := excelizeRows(path, "Data")
		if werr != nil {
			t.Fatalf("read without error, excelize says %v", werr)
		}
		if d := diffRows(got, want); d != "" {
			t.Fatalf("%s", d)
		}
		sameHidden(t, path, "Data")
	})
}

// TestMutatedSheetsMatchExcelize is a fixed-seed run of random edits to a sheet (bytes
// changed, cut, or XML fragments inserted), for the checks of FuzzStream on every test run.
func TestMutatedSheetsMatchExcelize(t *testing.T) {
	seed := sheetHead + `<row r="1"><c r="A1" t="s"><v>2</v></c><c r="C1" t="inlineStr"><is><r><rPr><sz val="11"/></rPr><t>x</t></r></is></c></row>` +
		`<row r="3"><c r="B3"><f>1</f><v>2</v></c><c r="D3" t="b"><v>1</v></c><c r="E3" t="str"><v>a&amp;b</v></c></row>` + sheetTail
	frags := []string{"<", ">", "/", "&", `"`, `r="5"`, ` hidden="1"`, ` hidden="0"`, ` hidden="true"`, "<c>", "</c>", "<row>", "</row>", "<v>", " ", "]]>", "<!--", "-->", "x:", "<![CDATA[", "\r", "\xff", "&#0;", `t="s"`}
	rng := rand.New(rand.NewPCG(1, 2))
	read := 0
	for i := 0; i < 400; i++ {
		b := []byte(seed)
		for k := 0; k < 1+rng.IntN(2) && len(b) > 1; k++ {
			j := rng.IntN(len(b))
			switch rng.IntN(4) {
			case 0:
				b[j] = byte(rng.IntN(256))
			case 1:
				b = append(b[:j], b[j+1:]...)
			default:
				b = append(b[:j], append([]byte(frags[rng.IntN(len(frags))]), b[j:]...)...)
			}
		}
		path := handBook(t, string(b), testSST)
		got, err := streamRows(path, "Data")
		var oe *OrderError
		if errors.Is(err, ErrUnsupported) || errors.As(err, &oe) {
			continue
		}
		if err != nil {
			t.Fatalf("%q: unexpected error %v", b, err)
		}
		read++
		want, _, werr := excelizeRows(path, "Data")
		if werr != nil {
			t.Fatalf("%q: read without error, excelize says %v", b, werr)
		}
		if d := diffRows(got, want); d != "" {
			t.Fatalf("%q: %s", b, d)
		}
		sameHidden(t, path, "Data")
	}
	if read < 40 {
		t.Errorf("only %d of 400 mutated sheets were read: the reader refuses too much", read)
	}
}

// TestCellTypes checks the type reported for each form of cell, holes included.
func TestCellTypes(t *testing.T) {
	rows := `<row r="1"><c r="A1" t="s"><v>0</v></c><c r="C1" t="str"><v>x</v></c><c r="D1" t="inlineStr"><is><t>y</t></is></c><c r="E1" t="inlineStr"><v>z</v></c></row>` +
		`<row r="2"><c r="A2" t="b"><v>1</v></c><c r="B2" t="e"><v>#N/A</v></c><c r="C2" t="d"><v>2026-01-02</v></c><c r="D2" t="n"><v>1</v></c><c r="E2"><v>2</v></c><c r="F2" t="q"><v>3</v></c></row>`
	path := handBook(t, sheetHead+rows+sheetTail, testSST)
	b, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	r, err := b.Rows("Data")
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	want := map[int][]Type{
		1: {TypeShared, TypeNumber, TypeStr, TypeInline, TypeInlineV},
		2: {TypeBool, TypeError, TypeDate, TypeNumber, TypeNumber, TypeOther},
	}
	n := 0
	for r.Next() {
		n++
		got := r.Types()
		if len(got) != len(r.Cells()) || fmt.Sprint(got) != fmt.Sprint(want[r.Row()]) {
			t.Errorf("row %d: types %v for %d cells, want %v", r.Row(), got, len(r.Cells()), want[r.Row()])
		}
	}
	if r.Err() != nil || n != 2 {
		t.Fatalf("%d rows, error %v", n, r.Err())
	}
}

func TestOddCells(t *testing.T) {
	for _, c := range []struct {
		name, rows string
		odd        bool
	}{
		{"plain", `<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="inlineStr"><is><t>_x0041_</t></is></c></row>`, false},
		{"empty cell of an unknown type", `<row r="1"><c r="A1" t="q"/></row>`, true},
		{"empty shared string index", `<row r="1"><c r="A1" t="s"><v></v></c></row>`, true},
		{"lone surrogate in an inline string", `<row r="1"><c r="A1" t="inlineStr"><is><t>_xD800_</t></is></c></row>`, true},
	} {
		t.Run(c.name, func(t *testing.T) {
			b, err := Open(handBook(t, sheetHead+c.rows+sheetTail, testSST))
			if err != nil {
				t.Fatal(err)
			}
			defer b.Close()
			r, err := b.Rows("Data")
			if err != nil {
				t.Fatal(err)
			}
			defer r.Close()
			if !r.Next() {
				t.Fatalf("no row: %v", r.Err())
			}
			if r.Odd() != c.odd {
				t.Errorf("Odd() = %v, want %v", r.Odd(), c.odd)
			}
		})
	}
}

// TestCellStyles checks the style index reported for each cell: its s attribute, 0
// when absent or for a column the row leaves out.
func TestCellStyles(t *testing.T) {
	rows := `<row r="1"><c r="A1" s="3"><v>46023</v></c><c r="C1"><v>2</v></c><c r="D1" s="12" t="s"><v>0</v></c></row>` +
		`<row r="2"><c r="B2" s="0"><v>1</v></c><c r="C2" s="107"><v>0.5</v></c></row>`
	b, err := Open(handBook(t, sheetHead+rows+sheetTail, testSST))
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	r, err := b.Rows("Data")
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	want := map[int][]int{1: {3, 0, 0, 12}, 2: {0, 0, 107}}
	n := 0
	for r.Next() {
		n++
		got := r.Styles()
		if len(got) != len(r.Cells()) || fmt.Sprint(got) != fmt.Sprint(want[r.Row()]) {
			t.Errorf("row %d: styles %v for %d cells, want %v", r.Row(), got, len(r.Cells()), want[r.Row()])
		}
	}
	if r.Err() != nil || n != 2 {
		t.Fatalf("%d rows, error %v", n, r.Err())
	}
}

// readDump reads a sheet to its end: each row's number, cells, types, styles and
// oddity, then the error; and how many cells fastCell read.
func readDump(path string, fast bool) ([]string, int) {
	defer func(was bool) { fastCells = was }(fastCells)
	fastCells = fast
	b, err := Open(path)
	if err != nil {
		return []string{"open: " + err.Error()}, 0
	}
	defer b.Close()
	rows, err := b.Rows("Data")
	if err != nil {
		return []string{"rows: " + err.Error()}, 0
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		out = append(out, fmt.Sprintf("%d %q %v %v %v", rows.Row(), rows.Cells(), rows.Types(), rows.Styles(), rows.Odd()))
	}
	return append(out, fmt.Sprint("end: ", rows.Err())), rows.fast
}

// fastCellRows are cells in the shapes fastCell reads and in shapes close to them that
// it leaves to readCell.
var fastCellRows = []string{
	`<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" s="3" t="inlineStr"><is><t>in line</t></is></c><c r="C1"><v>1.5</v></c><c r="D1" t="inlineStr"><is><t xml:space="preserve"> pad </t></is></c><c r="E1" s="2"/><c r="F1"></c><c><v>7</v></c></row>`,
	`<row r="2"><c r="A2" t="str"><v>a&amp;b&#65;</v></c><c r="B2" t="inlineStr"><is><t>x_x0041_y</t></is></c><c r="C2" t="inlineStr"><is><t>&lt;t&gt;</t></is></c><c r="D2" t="b"><v>1</v></c><c r="E2" t="e"><v>#N/A</v></c></row>`,
	`<row r="3"><c r="A3" t='s'><v>1</v></c><c  r="B3"><v>2</v></c><c r = "C3"><v>3</v></c><c r="D3" ><v>4</v></c><c r="E3"><v> 5 </v> </c><c r="F3"> <v>6</v></c></row>`,
	`<row r="4"><c r="A4" t="s" t="s"><v>1</v></c></row>`,
	`<row r="5"><c r="A5" r="B5"><v>1</v></c></row>`,
	`<row r="6"><c r="a6"><v>1</v></c></row>`,
	`<row r="7"><c r="A7" s=""><v>1</v></c></row>`,
	`<row r="8"><c r="A8" s="01"><v>1</v></c><c r="B8" t="zz"><v>1</v></c><c r="C8" x="1"><v>2</v></c></row>`,
	`<row r="9"><c r="A9"><v><![CDATA[1]]></v></c><c r="B9"><v>1<!-- c -->2</v></c><c r="C9"><v>]]></v></c><c r="D9"><v>a` + "\r\n" + `b</v></c><c r="E9"><v>` + "\x01" + `</v></c></row>`,
	`<row r="10"><c r="B10"><v>1</v></c><c r="A10"><v>2</v></c></row>`,
	`<row r="11"><c r="A11" t="s"><v>99</v></c></row>`,
	`<row r="12"><c r="A12" t="inlineStr"><is><t>_xD800_</t></is></c><c r="B12" t="s"><v></v></c></row>`,
	`<row r="13"><c r="A13"><f>1+1</f><v>2</v></c><c r="B13"><v>1</v><v>2</v></c><c r="C13" t="inlineStr"><is><r><t>a</t></r></is></c></row>`,
	`<row r="14"><c r="A14"><v>1</v></c><c r="B14"><v>2</v></c`,
	`<row r="15"><x:c r="A15"><x:v>1</x:v></x:c><c r="B15"><v>2</v></x></row>`,
}

// TestFastCellsReadAsReadCell reads each row with and without fastCell: rows, types,
// styles, oddities and errors must be the same.
func TestFastCellsReadAsReadCell(t *testing.T) {
	total := 0
	for i, rows := range fastCellRows {
		path := handBook(t, sheetHead+rows+sheetTail, testSST)
		fast, n := readDump(path, true)
		slow, _ := readDump(path, false)
		total += n
		if !slices.Equal(fast, slow) {
			t.Errorf("row set %d:\nfast %q\nslow %q", i, fast, slow)
		}
	}
	if total < 15 {
		t.Errorf("fastCell read only %d cells", total)
	}
}

// FuzzFastCell is TestFastCellsReadAsReadCell on fuzzed rows.
func FuzzFastCell(f *testing.F) {
	for _, r := range fastCellRows {
		f.Add(r)
	}
	f.Fuzz(func(t *testing.T, rows string) {
		path := handBook(t, sheetHead+rows+sheetTail, testSST)
		fast, _ := readDump(path, true)
		slow, _ := readDump(path, false)
		if !slices.Equal(fast, slow) {
			t.Fatalf("fast %q\nslow %q", fast, slow)
		}
	})
}
