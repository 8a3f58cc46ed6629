package crm

import (
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/partnerbook/partnerbook/internal/diag"
	"github.com/partnerbook/partnerbook/internal/domain"
)

// Excel in a US locale opening a day-first CSV turns "06/10/2026" (6 October) into the
// date cell 10 June and leaves "13/10/2026" as text. A date column that holds both date
// cells and text dates in date_format's numeric order is refused, naming a date cell's
// row and a text date's row; the same holds the other way round for a month-first
// date_format opened in a day-first locale.
func TestDateColumnMixingDateCellsAndTextDates(t *testing.T) {
	cases := []struct {
		name, layout string
		dates        []any // the Date cells of rows 2, 3, ...
		want         string
		read         string // the dates read, when nothing is refused
	}{
		{"day first: a swapped date cell and text", "02/01/2006",
			[]any{time.Date(2026, 6, 10, 0, 0, 0, 0, time.UTC), "13/10/2026", time.Date(2026, 11, 10, 0, 0, 0, 0, time.UTC)},
			`payments.xlsx: sheet "Sheet1" row 2 column "Date": the column holds date cells, such as 2026-06-10 in this row (if it was written "06/10/2026", it meant 2026-10-06), and dates written as text day first, such as "13/10/2026" in row 3: a spreadsheet in a month-first locale (US) opening a CSV file turns a text date it can read month first into a date cell with day and month swapped, and leaves the others as text. Export the file again from the system it came from, or import the CSV with this column as text (Excel: Data > From Text/CSV, column data type Text; LibreOffice: column type Text). In a sheet kept by hand, make row 3's date a date cell, or type it as ISO text, 2026-10-13: ISO text dates mix freely with date cells`,
			""},
		{"month first, text before the date cell", "01/02/2006",
			[]any{"10/13/2026", time.Date(2026, 10, 6, 0, 0, 0, 0, time.UTC)},
			`payments.xlsx: sheet "Sheet1" row 3 column "Date": the column holds date cells, such as 2026-10-06 in this row (if it was written "06/10/2026", it meant 2026-06-10), and dates written as text month first, such as "10/13/2026" in row 2: a spreadsheet in a day-first locale (UK, most of Europe)`,
			""},
		{"date cells only", "02/01/2006",
			[]any{time.Date(2026, 6, 10, 0, 0, 0, 0, time.UTC), time.Date(2026, 10, 13, 0, 0, 0, 0, time.UTC)}, "", "2026-06-10 2026-10-13"},
		{"text only", "02/01/2006", []any{"06/10/2026", "13/10/2026"}, "", "2026-10-06 2026-10-13"},
		{"ISO text beside date cells", "02/01/2006",
			[]any{time.Date(2026, 6, 10, 0, 0, 0, 0, time.UTC), "2026-10-13"}, "", "2026-06-10 2026-10-13"},
		{"month names cannot be swapped", "Jan 2, 2006",
			[]any{time.Date(2026, 6, 10, 0, 0, 0, 0, time.UTC), "Oct 13, 2026"}, "", "2026-06-10 2026-10-13"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			f := excelize.NewFile()
			date, _ := f.NewStyle(&excelize.Style{NumFmt: 14})
			f.SetSheetRow("Sheet1", "A1", &[]any{"Deal ID", "Date", "Amount"})
			for i, d := range c.dates {
				row := i + 2
				cell, _ := excelize.CoordinatesToCellName(1, row)
				f.SetSheetRow("Sheet1", cell, &[]any{"D1", d, 100})
				if _, ok := d.(time.Time); ok {
					b, _ := excelize.CoordinatesToCellName(2, row)
					f.SetCellStyle("Sheet1", b, b, date)
				}
			}
			path := filepath.Join(t.TempDir(), "payments.xlsx")
			if err := f.SaveAs(path); err != nil {
				t.Fatal(err)
			}
			in := domain.PaymentsInput{File: path, DateFormat: c.layout, Columns: map[string]string{"deal": "Deal ID", "date": "Date", "amount": "Amount"}}
			in.Money.Currency = "USD"
			var probs diag.List
			pays := ReadPayments(in, "payments.xlsx", &probs)
			if c.want == "" {
				var got []string
				for _, p := range pays {
					got = append(got, p.Date.String())
				}
				if len(probs.All()) != 0 || strings.Join(got, " ") != c.read {
					t.Errorf("read %q, problems %v", got, probs.All())
				}
				return
			}
			errs := probs.Errors()
			if len(errs) != 1 || !strings.HasPrefix(errs[0].String(), c.want) {
				t.Errorf("problems %v\nwant %s", probs.All(), c.want)
			}
		})
	}
}
