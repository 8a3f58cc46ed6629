package sheet

import (
	"strconv"
	"strings"
	"testing"

	"github.com/partnerbook/partnerbook/internal/diag"
)

// With Options.RefuseHidden, the data rows a sheet hides (by hand, or by a filter:
// both write hidden="1") are one error naming them, and a hidden column that is read
// is a warning; both readers agree, and without the option nothing is said.
func TestHiddenRowsAreRefused(t *testing.T) {
	header := `<row r="1">` + is("A1", "Id") + is("B1", "Amount") + is("C1", "Note") + `</row>`
	var rows strings.Builder
	for r := 2; r <= 12; r++ {
		h := ""
		if r%2 == 1 {
			h = ` hidden="1"`
		}
		rows.WriteString(`<row r="` + itoa(r) + `"` + h + `>` + is("A"+itoa(r), "D"+itoa(r)) + `<c r="B` + itoa(r) + `"><v>1</v></c></row>`)
	}
	rows.WriteString(`<row r="13" hidden="1"/>`) // blank: not data
	p := newWorkbook(t, [][]any{{"x"}})
	editPart(t, p, "xl/worksheets/sheet1.xml", func(s string) string {
		s = sheetData(header + rows.String())(s)
		return strings.Replace(s, "<sheetData>", `<cols><col min="2" max="3" width="9" hidden="1" customWidth="1"/></cols><sheetData>`, 1)
	})
	if got := sameTables(t, p, ""); !strings.HasSuffix(got[2], " hidden") || strings.HasSuffix(got[1], " hidden") || got[len(got)-1] != "hidden columns [[2 3]]" {
		t.Fatalf("dump %q", got)
	}
	for _, stream := range []bool{true, false} {
		for _, refuse := range []bool{true, false} {
			func() {
				defer func(was bool) { streaming = was }(streaming)
				streaming = stream
				tb, err := OpenWith(p, "payments.xlsx", Options{RefuseHidden: refuse})
				if err != nil {
					t.Fatal(err)
				}
				defer tb.Close()
				var probs diag.List
				cols := tb.Resolve(&probs, map[string]string{"id": "Id", "amount": "Amount"}, []string{"id", "amount"}, nil)
				n := 0
				tb.Each(&probs, func() { n++ })
				var got []string
				for _, x := range probs.All() {
					got = append(got, x.String())
				}
				want := []string{
					`payments.xlsx: sheet "Sheet1" row 1 column "Amount": column B is hidden in the sheet but is read: check its values, which the spreadsheet does not show (unhide it to see them)`,
					`payments.xlsx: sheet "Sheet1" row 3: 5 rows (3, 5, 7, 9, 11) are hidden in the sheet, by hand or by a filter: a hidden row may be meant to be left out, but the file still holds it. To have them read, unhide them (select the rows around them, right-click, Unhide) or clear the filter (Data > Clear); to leave rows out, delete them`,
				}
				if !refuse {
					want = nil
				}
				if n != 11 || len(cols) != 2 || strings.Join(got, "\n") != strings.Join(want, "\n") {
					t.Errorf("stream %v refuse %v: %d rows, problems:\n%s", stream, refuse, n, strings.Join(got, "\n"))
				}
				if refuse && !probs.HasErrors() {
					t.Errorf("hidden rows are not an error")
				}
			}()
		}
	}
}

func itoa(n int) string { return strconv.Itoa(n) }
