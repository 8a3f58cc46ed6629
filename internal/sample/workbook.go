package sample

import (
	"fmt"
	"os"
	"slices"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/partnerbook/partnerbook/internal/book"
	"github.com/partnerbook/partnerbook/internal/civil"
	"github.com/partnerbook/partnerbook/internal/render/xlsx"
)

// dealColumns is GoHighLevel's opportunities export, as configured in the sample's TOML.
var dealColumns = []string{"Opportunity ID", "Opportunity name", "Contact Name", "Company Name", "phone", "email",
	"pipeline", "stage", "Lead Value", "source", "assigned", "Created on", "Updated on", "lost reason name",
	"Notes", "tags", "status"}

// exportedAt stamps the sample workbooks' document properties: a fixed time, so
// regenerating writes the same bytes.
const exportedAt = "2026-10-31T18:00:00Z"

// newBook starts a workbook whose only sheet is name.
func newBook(name string) (*excelize.File, error) {
	f := excelize.NewFile()
	if err := f.SetSheetName("Sheet1", name); err != nil {
		f.Close()
		return nil, err
	}
	return f, nil
}

// save writes f to path with fixed document properties (excelize's SaveAs would stamp
// the clock and create the file with mode 0777).
func save(f *excelize.File, path string, props *excelize.DocProperties) error {
	if err := f.SetDocProps(props); err != nil {
		return err
	}
	out, err := os.Create(path)
	if err != nil {
		return err
	}
	if err := f.Write(out); err != nil {
		out.Close()
		return err
	}
	return out.Close()
}

func exportProps(title string) *excelize.DocProperties {
	return &excelize.DocProperties{Creator: "partnerbook sample", LastModifiedBy: "partnerbook sample",
		Created: exportedAt, Modified: exportedAt, Title: title}
}

// writeRow sets one row of cells from column A.
func writeRow(f *excelize.File, sheet string, row int, vals []any) error {
	cell, err := excelize.CoordinatesToCellName(1, row)
	if err != nil {
		return err
	}
	return f.SetSheetRow(sheet, cell, &vals)
}

// writeDeals writes the opportunities export. GoHighLevel writes dates as ISO UTC text;
// rows edited in Excel before the export carry real Excel dates instead.
func writeDeals(path string, deals []*deal) error {
	const sheet = "Opportunities"
	f, err := newBook(sheet)
	if err != nil {
		return err
	}
	defer f.Close()
	dateFmt := "yyyy-mm-dd hh:mm"
	dateStyle, err := f.NewStyle(&excelize.Style{CustomNumFmt: &dateFmt})
	if err != nil {
		return err
	}
	if err := writeRow(f, sheet, 1, toAny(dealColumns)); err != nil {
		return err
	}
	created := slices.Index(dealColumns, "Created on") + 1
	for i, d := range deals {
		r := i + 2
		var value any
		if d.value >= 0 {
			value = float64(d.value) / 100
		}
		var c, u any = d.created.Format(time.RFC3339), d.updated.Format(time.RFC3339)
		if d.excelDates {
			c, u = serialTime(d.created), serialTime(d.updated)
		}
		vals := []any{d.id, d.name, d.contact, d.company, d.phone, d.email, d.pipeline, d.stage, value,
			d.source, d.assigned, c, u, d.lostReason, d.notes, d.tags, d.status}
		if err := writeRow(f, sheet, r, vals); err != nil {
			return err
		}
		if d.excelDates {
			from, _ := excelize.CoordinatesToCellName(created, r)
			to, _ := excelize.CoordinatesToCellName(created+1, r)
			if err := f.SetCellStyle(sheet, from, to, dateStyle); err != nil {
				return err
			}
		}
	}
	for i, w := range []float64{12, 44, 20, 30, 18, 32, 14, 16, 11, 16, 13, 21, 21, 20, 30, 56, 10} {
		col, _ := excelize.ColumnNumberToName(i + 1)
		if err := f.SetColWidth(sheet, col, col, w); err != nil {
			return err
		}
	}
	return save(f, path, exportProps("Opportunities export"))
}

// writePayments writes the accounting system's payments list.
func writePayments(path string, pays []payment) error {
	const sheet = "Payments"
	f, err := newBook(sheet)
	if err != nil {
		return err
	}
	defer f.Close()
	dateFmt, moneyFmt := "yyyy-mm-dd", "#,##0.00"
	dateStyle, err := f.NewStyle(&excelize.Style{CustomNumFmt: &dateFmt})
	if err != nil {
		return err
	}
	moneyStyle, err := f.NewStyle(&excelize.Style{CustomNumFmt: &moneyFmt})
	if err != nil {
		return err
	}
	if err := writeRow(f, sheet, 1, []any{"Deal ID", "Date", "Amount", "Reference"}); err != nil {
		return err
	}
	for i, p := range pays {
		if err := writeRow(f, sheet, i+2, []any{p.deal, xlsx.Serial(p.date), float64(p.amount) / 100, p.ref}); err != nil {
			return err
		}
	}
	last := len(pays) + 1
	if err := f.SetCellStyle(sheet, "B2", fmt.Sprintf("B%d", last), dateStyle); err != nil {
		return err
	}
	if err := f.SetCellStyle(sheet, "C2", fmt.Sprintf("C%d", last), moneyStyle); err != nil {
		return err
	}
	if err := f.SetColWidth(sheet, "A", "C", 12); err != nil {
		return err
	}
	if err := f.SetColWidth(sheet, "D", "D", 24); err != nil {
		return err
	}
	return save(f, path, exportProps("Client payments"))
}

// serialTime is an instant as an Excel date-time serial number.
func serialTime(t time.Time) float64 {
	days := xlsx.Serial(civil.Of(t))
	secs := t.Sub(civil.Of(t).Time()).Seconds()
	return float64(days) + secs/86400
}

func toAny(xs []string) []any {
	out := make([]any, len(xs))
	for i, x := range xs {
		out[i] = x
	}
	return out
}

// markPaid is what finance does to a payouts.xlsx: it fills "Paid date" and "Payment
// reference" of the Due payouts it paid, except those in unpaid, and saves the copy.
func markPaid(from, to string, unpaid []string) error {
	f, err := excelize.OpenFile(from)
	if err != nil {
		return err
	}
	defer f.Close()
	sheet := book.PayoutsSheet
	rows, err := f.GetRows(sheet)
	if err != nil {
		return err
	}
	col := func(name string) int { return slices.Index(book.PayoutColumns, name) }
	partnerCol, statusCol := col(book.PartnerID), col(book.Status)
	paidCol, refCol := col(book.PaidDate)+1, col(book.PaymentRef)+1
	for i, row := range rows[1:] {
		if len(row) <= statusCol || row[statusCol] != string(book.StatusDue) || slices.Contains(unpaid, row[partnerCol]) {
			continue
		}
		r := i + 2
		paid, _ := excelize.CoordinatesToCellName(paidCol, r)
		ref, _ := excelize.CoordinatesToCellName(refCol, r)
		// The writer formats the Paid date column as dates, so the serial shows as one.
		if err := f.SetCellInt(sheet, paid, int64(xlsx.Serial(paidOn))); err != nil {
			return err
		}
		if err := f.SetCellStr(sheet, ref, fmt.Sprintf("WISE-%s-%s", ledgerPeriod, row[partnerCol])); err != nil {
			return err
		}
	}
	stamp := paidOn.Time().Add(16*time.Hour + 20*time.Minute).Format(time.RFC3339)
	props, err := f.GetDocProps()
	if err != nil {
		return err
	}
	props.LastModifiedBy, props.Modified = "Finance", stamp
	return save(f, to, props)
}
