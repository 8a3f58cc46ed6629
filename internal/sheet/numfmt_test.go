package sheet

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/partnerbook/partnerbook/internal/diag"
)

func TestDateFormat(t *testing.T) {
	for _, c := range []struct {
		code string
		date bool
	}{
		{"dd/mm/yyyy", true},
		{"[$-409]mmm d, yyyy", true},
		{"[$-F800]dddd\\,\\ mmmm\\ dd\\,\\ yyyy", true},
		{"yyyy-mm-dd;@", true},
		{"m/d/yy h:mm", true},
		{"hh:mm AM/PM", true},
		{"[h]:mm", true}, // elapsed hours: a time, not an amount
		{"[mm]:ss", true},
		{"mm:ss.0", true},
		{"[DBNum1][$-804]yyyy\"年\"m\"月\"d\"日\"", true},
		{"0.00", false},
		{"General", false},
		{"@", false},
		{"#,##0.00", false},
		{"[Red]0.00", false},
		{"[$$-409]#,##0.00", false},
		{"[$€-2] #,##0.00", false},
		{"_(\"$\"* #,##0.00_);_(\"$\"* \\(#,##0.00\\);_(\"$\"* \"-\"??_);_(@_)", false},
		{"0.00 \"days\"", false},   // quoted text is not a token
		{"\"yyyy\" 0", false},      // nor before the number
		{"#,##0.00 \\h", false},    // an escaped h is a literal
		{"0.00;dd/mm/yyyy", false}, // a positive number shows as a number
		{"0.00E+00", false},
		{"0%", false},
		{"# ?/?", false},
		{"", false},
	} {
		t.Run(c.code, func(t *testing.T) {
			if got := DateFormat(c.code); got != c.date {
				t.Errorf("DateFormat(%q) = %v, want %v", c.code, got, c.date)
			}
		})
	}
}

func TestBuiltinDateFormats(t *testing.T) {
	var dates []string
	for id := 0; id < 164; id++ {
		if builtinDate(id) {
			dates = append(dates, fmt.Sprint(id))
		}
	}
	want := "14 15 16 17 18 19 20 21 22 27 28 29 30 31 32 33 34 35 36 45 46 47 50 51 52 53 54 55 56 57 58"
	if got := strings.Join(dates, " "); got != want {
		t.Errorf("built-in date formats %s\nwant %s", got, want)
	}
}

// styledBook writes a workbook whose Amount and Date cells carry the number formats
// named in each row ("" leaves the cell unstyled, a number is a built-in format id).
func styledBook(t *testing.T, date1904 bool, rows [][4]any) string {
	t.Helper()
	f := excelize.NewFile()
	if date1904 {
		yes := true
		if err := f.SetWorkbookProps(&excelize.WorkbookPropsOptions{Date1904: &yes}); err != nil {
			t.Fatal(err)
		}
	}
	style := func(format any) int {
		var s excelize.Style
		switch v := format.(type) {
		case string:
			s.CustomNumFmt = &v
		case int:
			s.NumFmt = v
		}
		id, err := f.NewStyle(&s)
		if err != nil {
			t.Fatal(err)
		}
		return id
	}
	f.SetSheetRow("Sheet1", "A1", &[]any{"Case", "Amount", "Date"})
	for i, r := range rows {
		n := i + 2
		f.SetCellValue("Sheet1", fmt.Sprintf("A%d", n), fmt.Sprintf("%v / %v", r[2], r[3]))
		for j, col := range []string{"B", "C"} {
			cell := fmt.Sprintf("%s%d", col, n)
			if err := f.SetCellValue("Sheet1", cell, r[j]); err != nil {
				t.Fatal(err)
			}
			// A time.Time gets excelize's own date format; a format given replaces it.
			if r[2+j] != nil && r[2+j] != "" {
				f.SetCellStyle("Sheet1", cell, cell, style(r[2+j]))
			}
		}
	}
	p := filepath.Join(t.TempDir(), "book.xlsx")
	if err := f.SaveAs(p); err != nil {
		t.Fatal(err)
	}
	return p
}

// readAmountsAndDates reads every row's Amount and Date with both row readers (they
// must agree), as "amount date" or the positioned errors.
func readAmountsAndDates(t *testing.T, p string) []string {
	t.Helper()
	var out [2][]string
	for i, stream := range []bool{true, false} {
		func() {
			defer func(was bool) { streaming = was }(streaming)
			streaming = stream
			tb, err := Open(p, "book.xlsx", "")
			if err != nil {
				t.Fatal(err)
			}
			defer tb.Close()
			for {
				more, err := tb.Next()
				if err != nil {
					t.Fatal(err)
				}
				if !more {
					break
				}
				var probs diag.List
				a, aerr := tb.AmountCell(1)
				if aerr != nil {
					probs.Errorf(tb.Pos(1), "%v", aerr)
				}
				d, derr := tb.DateCell(2, "")
				if derr != nil {
					probs.Errorf(tb.Pos(2), "%v", derr)
				}
				got := fmt.Sprintf("%s %s [%v %v]", a, d, tb.Kind(1), tb.Kind(2))
				if len(probs.All()) > 0 {
					got = strings.Join(warnStrings(probs.All()), "\n") + fmt.Sprintf(" [%v %v]", tb.Kind(1), tb.Kind(2))
				}
				out[i] = append(out[i], got)
			}
		}()
	}
	if strings.Join(out[0], "\n") != strings.Join(out[1], "\n") {
		t.Fatalf("the readers differ:\nstream:       %q\nencoding/xml: %q", out[0], out[1])
	}
	return out[0]
}

func TestNumberFormatsTellDatesFromAmounts(t *testing.T) {
	newYear := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	const notDate = `: 46023 is a number, not a date: format the column as dates in the spreadsheet, or write dates as YYYY-MM-DD`
	for _, c := range []struct {
		name           string
		amount, date   any
		aFmt, dFmt     any
		want, want1904 string
	}{
		{"date written by excelize", 1396.91, newYear, "", nil,
			"1396.91 2026-01-01 [number date number]", ""},
		{"dd/mm/yyyy", 1396.91, 46023, "#,##0.00", "dd/mm/yyyy",
			"1396.91 2026-01-01 [number date number]", "1396.91 2030-01-02 [number date number]"},
		{"locale tag", 5, 46023, 0, "[$-409]mmm d, yyyy",
			"5 2026-01-01 [number date number]", "5 2030-01-02 [number date number]"},
		{"built-in 14", 5, 46023, 4, 14,
			"5 2026-01-01 [number date number]", "5 2030-01-02 [number date number]"},
		{"built-in 22, a time of day", 5, 46023.75, 4, 22,
			"5 2026-01-01 [number date number]", "5 2030-01-02 [number date number]"},
		{"0.00 is a number", 5, 46023, 0, "0.00",
			`book.xlsx: sheet "Sheet1" row 2 column "Date"` + notDate + " [number number]", ""},
		{"unstyled number", 5, 46023, 0, 0,
			`book.xlsx: sheet "Sheet1" row 2 column "Date"` + notDate + " [number number]", ""},
		{"date in the amount column", newYear, "2026-01-05", nil, "",
			`book.xlsx: sheet "Sheet1" row 2 column "Amount": 46023 is a date cell (2026-01-01), not an amount: format the cell as a number [date number text]`,
			`book.xlsx: sheet "Sheet1" row 2 column "Amount": 44561 is a date cell (2026-01-01), not an amount: format the cell as a number [date number text]`},
		{"custom date in the amount column", 46023, "2026-01-05", "dd/mm/yyyy", "",
			`book.xlsx: sheet "Sheet1" row 2 column "Amount": 46023 is a date cell (2026-01-01), not an amount: format the cell as a number [date number text]`,
			`book.xlsx: sheet "Sheet1" row 2 column "Amount": 46023 is a date cell (2030-01-02), not an amount: format the cell as a number [date number text]`},
		{"elapsed hours in the amount column", 0.5, "2026-01-05", "[h]:mm", "",
			`book.xlsx: sheet "Sheet1" row 2 column "Amount": 0.5 is a time cell, not an amount: format the cell as a number [date number text]`, ""},
		{"quoted letters are no date", 46023, "2026-01-05", "0 \"days\"", "",
			"46023 2026-01-05 [number text]", ""},
		{"date format on text", "1,396.91", "2026-01-05", "dd/mm/yyyy", "dd/mm/yyyy",
			"1396.91 2026-01-05 [text text]", ""},
	} {
		t.Run(c.name, func(t *testing.T) {
			for _, d1904 := range []bool{false, true} {
				want := c.want
				if d1904 && c.want1904 != "" {
					want = c.want1904
				}
				got := readAmountsAndDates(t, styledBook(t, d1904, [][4]any{{c.amount, c.date, c.aFmt, c.dFmt}}))
				if len(got) != 1 || got[0] != want {
					t.Errorf("1904=%v:\n got %q\nwant %q", d1904, got, want)
				}
			}
		})
	}
}

// handStyles is a styles part as programs other than excelize write it: formatCode16,
// a custom code that overrides a built-in id (14 as 0.00), a cell format without a numFmtId.
const handStyles = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:x16r2="http://schemas.microsoft.com/office/spreadsheetml/2015/02/main">
<numFmts count="3"><numFmt numFmtId="164" formatCode="0.00" x16r2:formatCode16="yyyy\-mm\-dd"/><numFmt numFmtId="14" formatCode="0.00"/><numFmt numFmtId="165" formatCode="&quot;Day&quot; 0"/></numFmts>
<fonts count="1"><font/></fonts><fills count="1"><fill/></fills><borders count="1"><border/></borders>
<cellStyleXfs count="1"><xf/></cellStyleXfs>
<cellXfs count="5"><xf/><xf numFmtId="164" applyNumberFormat="1"/><xf numFmtId="14"/><xf numFmtId="165"/><xf numFmtId="15"/></cellXfs>
</styleSheet>`

// TestHandWrittenCellFormats reads the cell formats of handStyles.
func TestHandWrittenCellFormats(t *testing.T) {
	header := `<row r="1">` + is("A1", "Case") + is("B1", "Amount") + is("C1", "Date") + `</row>`
	rows := header +
		`<row r="2">` + is("A2", "formatCode16") + `<c r="B2"><v>1</v></c><c r="C2" s="1"><v>46023</v></c></row>` +
		`<row r="3">` + is("A3", "custom code for id 14") + `<c r="B3" s="2"><v>2</v></c><c r="C3" s="2"><v>46023</v></c></row>` +
		`<row r="4">` + is("A4", "quoted day") + `<c r="B4" s="3"><v>3</v></c><c r="C4" s="4"><v>46023</v></c></row>` +
		`<row r="5">` + is("A5", "formula result") + `<c r="B5" s="4"><f>46000+23</f><v>46023</v></c><c r="C5" s="4"><f>46000+23</f><v>46023</v></c></row>` +
		// A style index with spaces stops the streaming reader; encoding/xml reads the rest.
		`<row r="6">` + is("A6", "style beyond the formats") + `<c r="B6" s="9"><v>6</v></c><c r="C6" s=" 4 "><v>46023</v></c></row>`
	p := newWorkbook(t, nil)
	editPart(t, p, "xl/worksheets/sheet1.xml", sheetData(rows))
	editPart(t, p, "xl/styles.xml", func(string) string { return handStyles })
	got := readAmountsAndDates(t, p)
	notDate := `46023 is a number, not a date: format the column as dates in the spreadsheet, or write dates as YYYY-MM-DD`
	want := []string{
		"1 2026-01-01 [number date number]",
		`book.xlsx: sheet "Sheet1" row 3 column "Date": ` + notDate + ` [number number]`,
		"3 2026-01-01 [number date number]",
		`book.xlsx: sheet "Sheet1" row 5 column "Amount": 46023 is a date cell (2026-01-01), not an amount: format the cell as a number [date number date number]`,
		"6 2026-01-01 [number date number]",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}

	// The styles part in the workbook kinds of the differential test.
	sameTables(t, p, "")

	// A styles part that is not XML: dates cannot be told from numbers, so the
	// workbook is not read.
	editPart(t, p, "xl/styles.xml", func(string) string { return "<styleSheet><cellXfs>" })
	if _, err := Open(p, "book.xlsx", ""); err == nil || !strings.Contains(err.Error(), "book.xlsx: not a readable .xlsx workbook (the cell formats (xl/styles.xml) cannot be read") {
		t.Errorf("open with broken styles: %v", err)
	}
}

// TestDateCellInSampleAmountColumn is the reviewer's case: OPP-10219's Lead Value in
// the sample export made a date cell was read as 46,023 dollars.
func TestDateCellInSampleAmountColumn(t *testing.T) {
	data, err := os.ReadFile("../../sample-data/deals.xlsx")
	if err != nil {
		t.Fatal(err)
	}
	p := filepath.Join(t.TempDir(), "deals.xlsx")
	if err := os.WriteFile(p, data, 0o644); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenFile(p)
	if err != nil {
		t.Fatal(err)
	}
	rows, err := f.GetRows("Opportunities")
	if err != nil {
		t.Fatal(err)
	}
	target, valueCol := 0, -1
	for i, h := range rows[0] {
		if h == "Lead Value" {
			valueCol = i
		}
	}
	for i, r := range rows {
		if len(r) > 0 && r[0] == "OPP-10219" {
			target = i + 1
		}
	}
	if target == 0 || valueCol < 0 {
		t.Fatalf("no OPP-10219 or Lead Value in the sample (row %d, column %d)", target, valueCol)
	}
	cell, _ := excelize.CoordinatesToCellName(valueCol+1, target)
	if err := f.SetCellValue("Opportunities", cell, time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)); err != nil {
		t.Fatal(err)
	}
	if err := f.SaveAs(p); err != nil {
		t.Fatal(err)
	}
	f.Close()

	for _, stream := range []bool{true, false} {
		func() {
			defer func(was bool) { streaming = was }(streaming)
			streaming = stream
			tb, err := Open(p, "deals.xlsx", "Opportunities")
			if err != nil {
				t.Fatal(err)
			}
			defer tb.Close()
			col, _ := tb.Column("Lead Value")
			var refused []string
			read := 0
			for {
				more, err := tb.Next()
				if err != nil {
					t.Fatal(err)
				}
				if !more {
					break
				}
				if tb.Kind(col) == Blank {
					continue
				}
				if _, err := tb.AmountCell(col); err != nil {
					var probs diag.List
					probs.Errorf(tb.Pos(col), "%v", err)
					refused = append(refused, probs.All()[0].String())
				} else {
					read++
				}
			}
			want := fmt.Sprintf(`deals.xlsx: sheet "Opportunities" row %d column "Lead Value": 46023 is a date cell (2026-01-01), not an amount: format the cell as a number`, target)
			if len(refused) != 1 || refused[0] != want || read < 300 {
				t.Errorf("stream=%v: %d amounts read, refused %q\nwant one refused: %s", stream, read, refused, want)
			}
		}()
	}
}
