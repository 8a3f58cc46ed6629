// Package xlsx writes payouts.xlsx, the workbook finance imports and hands back with
// paid dates; its layout is package book's.
package xlsx

import (
	"archive/zip"
	"bytes"
	"fmt"
	"io"
	"slices"
	"sort"
	"strings"

	"github.com/xuri/excelize/v2"

	"github.com/partnerbook/partnerbook/internal/book"
	"github.com/partnerbook/partnerbook/internal/civil"
	"github.com/partnerbook/partnerbook/internal/money"
	"github.com/partnerbook/partnerbook/internal/report"
)

// Write renders the period's payouts and their lines. after is the ledger workbook the
// run read last (the zero Link for a run with no ledger): the seal records it, so a
// later run can tell when it is missing from the ledger.
func Write(w io.Writer, r *report.Book, after book.Link) error {
	f := excelize.NewFile()
	defer f.Close()
	wb := &workbook{f: f, r: r}
	if err := wb.styles(); err != nil {
		return err
	}
	if err := wb.payouts(); err != nil {
		return err
	}
	if err := wb.lines(); err != nil {
		return err
	}
	seal := Seal(r, after)
	if err := wb.summary(seal); err != nil {
		return err
	}
	if err := wb.seal(seal); err != nil {
		return err
	}
	// The document properties carry the period end, never the wall clock, so a re-run
	// writes the same bytes.
	stamp := r.Period.Last().Time().Format("2006-01-02T15:04:05Z")
	if err := f.SetDocProps(&excelize.DocProperties{
		Creator: "partnerbook", LastModifiedBy: "partnerbook", Created: stamp, Modified: stamp,
		Title: fmt.Sprintf("%s payouts %s", r.Program, r.Period),
	}); err != nil {
		return err
	}
	if err := f.DeleteSheet("Sheet1"); err != nil {
		return err
	}
	if idx, err := f.GetSheetIndex(book.PayoutsSheet); err == nil {
		f.SetActiveSheet(idx)
	}
	var buf bytes.Buffer
	if err := f.Write(&buf); err != nil {
		return err
	}
	return inNameOrder(buf.Bytes(), w)
}

// inNameOrder copies the zip archive data to w with its entries in name order, each
// with its header and compressed bytes as they were. excelize writes the parts of
// streamed sheets in the order of a map, so a workbook with two streamed sheets (Lines
// and Seal) would otherwise come out in different bytes from one run to the next.
func inNameOrder(data []byte, w io.Writer) error {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return err
	}
	files := slices.Clone(zr.File)
	slices.SortFunc(files, func(a, b *zip.File) int { return strings.Compare(a.Name, b.Name) })
	zw := zip.NewWriter(w)
	for _, f := range files {
		fw, err := zw.CreateRaw(&f.FileHeader)
		if err != nil {
			return err
		}
		r, err := f.OpenRaw()
		if err != nil {
			return err
		}
		if _, err := io.Copy(fw, r); err != nil {
			return err
		}
	}
	return zw.Close()
}

type workbook struct {
	f                     *excelize.File
	r                     *report.Book
	money, date, text, hd int
	pct                   map[int]int // percent style by number of decimals
}

func (wb *workbook) styles() error {
	var err error
	cf := money.NumberFormat(wb.r.Currency, wb.r.Policy.Places)
	if wb.money, err = wb.f.NewStyle(&excelize.Style{CustomNumFmt: &cf}); err != nil {
		return err
	}
	df := "yyyy-mm-dd"
	if wb.date, err = wb.f.NewStyle(&excelize.Style{CustomNumFmt: &df}); err != nil {
		return err
	}
	if wb.text, err = wb.f.NewStyle(&excelize.Style{NumFmt: 49}); err != nil {
		return err
	}
	wb.pct = map[int]int{}
	wb.hd, err = wb.f.NewStyle(&excelize.Style{
		Font: &excelize.Font{Bold: true},
		Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"DDE4EE"}},
	})
	return err
}

// sheet starts a sheet with a frozen, filtered header row.
func (wb *workbook) sheet(name string, header []string, widths []float64, rows int) error {
	f := wb.f
	if _, err := f.NewSheet(name); err != nil {
		return err
	}
	for i, h := range header {
		cell, _ := excelize.CoordinatesToCellName(i+1, 1)
		if err := f.SetCellStr(name, cell, h); err != nil {
			return err
		}
		col, _ := excelize.ColumnNumberToName(i + 1)
		if err := f.SetColWidth(name, col, col, widths[i]); err != nil {
			return err
		}
	}
	last, _ := excelize.CoordinatesToCellName(len(header), 1)
	if err := f.SetCellStyle(name, "A1", last, wb.hd); err != nil {
		return err
	}
	if err := f.SetPanes(name, &excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"}); err != nil {
		return err
	}
	end, _ := excelize.CoordinatesToCellName(len(header), max(rows+1, 2))
	return f.AutoFilter(name, "A1:"+end, nil)
}

// cells writes one row of typed values: string (always text, so "=..." is never a
// formula), money.Amount, civil.Date, money.Rate, int, or nil for an empty cell.
func (wb *workbook) row(sheet string, r int, vals ...any) error {
	f := wb.f
	for i, v := range vals {
		cell, _ := excelize.CoordinatesToCellName(i+1, r)
		var err error
		switch x := v.(type) {
		case nil:
		case string:
			if x != "" {
				err = f.SetCellStr(sheet, cell, x)
			}
		case money.Amount:
			if err = f.SetCellFloat(sheet, cell, x.Float64(), -1, 64); err == nil {
				err = f.SetCellStyle(sheet, cell, cell, wb.money)
			}
		case civil.Date:
			if !x.IsZero() {
				if err = f.SetCellInt(sheet, cell, int64(Serial(x))); err == nil {
					err = f.SetCellStyle(sheet, cell, cell, wb.date)
				}
			}
		case money.Rate:
			var style int
			if style, err = wb.percentStyle(x); err == nil {
				if err = f.SetCellFloat(sheet, cell, x.Float64(), -1, 64); err == nil {
					err = f.SetCellStyle(sheet, cell, cell, style)
				}
			}
		case int:
			err = f.SetCellInt(sheet, cell, int64(x))
		default:
			err = fmt.Errorf("xlsx: cannot write %T", v)
		}
		if err != nil {
			return err
		}
	}
	return nil
}

// percentStyle shows r with the decimals money.Rate.Percent gives it ("30%",
// "12.5%"): a format like "0.##%" would show "30.%". The cell holds a float, which
// keeps about 15 significant digits, so no more than 13 decimals are shown.
func (wb *workbook) percentStyle(r money.Rate) (int, error) {
	_, frac, _ := strings.Cut(strings.TrimSuffix(r.Percent(), "%"), ".")
	n := min(len(frac), 13)
	if s, ok := wb.pct[n]; ok {
		return s, nil
	}
	pf := "0%"
	if n > 0 {
		pf = "0." + strings.Repeat("0", n) + "%"
	}
	s, err := wb.f.NewStyle(&excelize.Style{CustomNumFmt: &pf})
	if err == nil {
		wb.pct[n] = s
	}
	return s, err
}

// Serial is the Excel serial number of a date (days since 1899-12-30).
func Serial(d civil.Date) int {
	return civil.New(1899, 12, 30).DaysUntil(d)
}

func (wb *workbook) payouts() error {
	r := wb.r
	name := book.PayoutsSheet
	if err := wb.sheet(name, book.PayoutColumns, []float64{24, 14, 28, 30, 9, 9, 13, 13, 13, 13, 14, 16, 12, 12, 22}, len(r.Payouts)); err != nil {
		return err
	}
	for i, p := range r.Payouts {
		if err := wb.row(name, i+2, p.ID, p.Partner.ID, p.Partner.Name, p.Partner.Email, p.Period.String(),
			r.Currency, p.Opening, p.Earned, p.Clawbacks, p.Charges, p.Amount, string(p.Status), p.Due); err != nil {
			return err
		}
	}
	// Finance types paid dates here; format the empty column as dates so they stay dates.
	last := max(len(r.Payouts)+1, 2)
	if err := wb.f.SetCellStyle(name, "N2", fmt.Sprintf("N%d", last), wb.date); err != nil {
		return err
	}
	return wb.f.SetCellStyle(name, "O2", fmt.Sprintf("O%d", last), wb.text)
}

// lines writes the Lines sheet, the largest (a line per payment and rule), through
// excelize's StreamWriter: rows go to a temporary file as they are written instead of
// a cell structure in memory per cell. Column widths, panes, the filter and the
// dimension are set on the sheet first; the StreamWriter carries them over.
func (wb *workbook) lines() error {
	r := wb.r
	f := wb.f
	name := book.LinesSheet
	n := 0
	for _, p := range r.Payouts {
		n += len(p.Lines)
	}
	header := book.LineColumns
	widths := []float64{44, 24, 14, 12, 26, 15, 14, 10, 13, 12, 13, 70}
	if _, err := f.NewSheet(name); err != nil {
		return err
	}
	for i := range header {
		col, _ := excelize.ColumnNumberToName(i + 1)
		if err := f.SetColWidth(name, col, col, widths[i]); err != nil {
			return err
		}
	}
	if err := f.SetPanes(name, &excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"}); err != nil {
		return err
	}
	end, _ := excelize.CoordinatesToCellName(len(header), max(n+1, 2))
	if err := f.AutoFilter(name, "A1:"+end, nil); err != nil {
		return err
	}
	if err := f.SetSheetDimension(name, "A1:"+end); err != nil {
		return err
	}
	sw, err := f.NewStreamWriter(name)
	if err != nil {
		return err
	}
	cells := make([]any, len(header))
	for i, h := range header {
		cells[i] = excelize.Cell{StyleID: wb.hd, Value: h}
	}
	if err := sw.SetRow("A1", cells); err != nil {
		return err
	}
	row := 2
	for _, p := range r.Payouts {
		for _, l := range p.Lines {
			var rate any = l.Rate
			if rt, err := money.ParseRate(l.Rate); err == nil {
				rate = rt
			}
			deal := l.DealID
			if deal == "" && l.CampaignID != "" {
				deal = "campaign:" + l.CampaignID
			}
			desc := l.Description
			if l.Opening {
				desc += " (carried forward from an earlier period)"
			}
			vals := []any{l.ID, l.PayoutID, l.PartnerID, deal, l.Client, l.Rule, l.Basis, rate, l.Amount, l.Event, l.Eligible, desc}
			for i, v := range vals {
				if cells[i], err = wb.streamCell(v); err != nil {
					return err
				}
			}
			cell, _ := excelize.CoordinatesToCellName(1, row)
			if err := sw.SetRow(cell, cells); err != nil {
				return err
			}
			row++
		}
	}
	return sw.Flush()
}

// streamCell is a value as row writes it, for the StreamWriter: nil for an empty
// cell, strings always as text.
func (wb *workbook) streamCell(v any) (any, error) {
	switch x := v.(type) {
	case nil:
		return nil, nil
	case string:
		if x == "" {
			return nil, nil
		}
		return excelize.Cell{Value: x}, nil
	case money.Amount:
		return excelize.Cell{StyleID: wb.money, Value: x.Float64()}, nil
	case civil.Date:
		if x.IsZero() {
			return nil, nil
		}
		return excelize.Cell{StyleID: wb.date, Value: Serial(x)}, nil
	case money.Rate:
		style, err := wb.percentStyle(x)
		if err != nil {
			return nil, err
		}
		return excelize.Cell{StyleID: style, Value: x.Float64()}, nil
	case int:
		return x, nil
	}
	return nil, fmt.Errorf("xlsx: cannot write %T", v)
}

// summary holds control totals finance ticks off before importing.
func (wb *workbook) summary(seal *book.Seal) error {
	r := wb.r
	name := book.SummarySheet
	if _, err := wb.f.NewSheet(name); err != nil {
		return err
	}
	count := map[book.PayoutStatus]int{}
	total := map[book.PayoutStatus]money.Amount{}
	lines, lineSum := 0, money.Zero
	for _, p := range r.Payouts {
		count[p.Status]++
		total[p.Status] = total[p.Status].Add(p.Amount)
		lines += len(p.Lines)
		for _, l := range p.Lines {
			lineSum = lineSum.Add(l.Amount)
		}
	}
	overdue, overdueOwed := money.Sum(r.Overdue...), money.Sum(r.OverdueOwedToUs...)
	rows := [][]any{
		{"Program", r.Program},
		{book.Period, r.Period.String()},
		{"As of", r.AsOf},
		{"Currency", r.Currency},
		{},
		{"Status", "Payouts", "Amount"},
	}
	for _, s := range []book.PayoutStatus{book.StatusDue, book.StatusCarried, book.StatusReceivable, book.StatusNil} {
		rows = append(rows, []any{string(s), count[s], total[s]})
	}
	rows = append(rows,
		[]any{"All payouts", len(r.Payouts), money.Sum(total[book.StatusDue], total[book.StatusCarried], total[book.StatusReceivable])},
		[]any{},
		[]any{"Lines in this workbook", lines, lineSum},
		[]any{"Overdue from earlier periods, we owe", len(r.Overdue), overdue},
		[]any{"Overdue from earlier periods, " + report.OwedToUs, len(r.OverdueOwedToUs), overdueOwed},
		[]any{},
		[]any{"To pay now (Due)", nil, total[book.StatusDue]},
		[]any{"Owed to us (Receivable)", nil, total[book.StatusReceivable].Neg()},
		[]any{},
		[]any{book.SealRow, seal.Digest},
	)
	unpaidHeader := 0
	if len(r.PaymentFiles) > 0 {
		// Due payouts that no payment batch carries: finance pays these by hand.
		unpaid := money.Zero
		for _, u := range r.Unpaid {
			unpaid = unpaid.Add(u.Amount)
		}
		rows = append(rows, []any{},
			[]any{"Not in any payment file (" + strings.Join(r.PaymentFiles, ", ") + ")", len(r.Unpaid), unpaid})
		if len(r.Unpaid) > 0 {
			rows = append(rows, []any{book.PayoutID, book.Partner, book.Amount, "Reason"})
			unpaidHeader = len(rows)
			for _, u := range r.Unpaid {
				rows = append(rows, []any{u.PayoutID, u.Partner, u.Amount, u.Reason})
			}
		}
	}
	for i, vals := range rows {
		if err := wb.row(name, i+1, vals...); err != nil {
			return err
		}
	}
	if err := wb.f.SetCellStyle(name, "A6", "C6", wb.hd); err != nil {
		return err
	}
	if unpaidHeader > 0 {
		if err := wb.f.SetCellStyle(name, fmt.Sprintf("A%d", unpaidHeader), fmt.Sprintf("D%d", unpaidHeader), wb.hd); err != nil {
			return err
		}
	}
	return wb.f.SetColWidth(name, "A", "A", 34)
}

// Seal is what the workbook of r issues, issued after the ledger workbook after, for its
// hidden Seal sheet: the next run reads it back to tell finance's paid dates from any
// other edit, and a missing earlier workbook from a first run.
func Seal(r *report.Book, after book.Link) *book.Seal {
	s := &book.Seal{Period: r.Period.String(), Currency: r.Currency, After: after}
	date := func(d civil.Date) string {
		if d.IsZero() {
			return ""
		}
		return d.String()
	}
	for _, p := range r.Payouts {
		var lines []book.SealedLine
		for _, l := range p.Lines {
			lines = append(lines, book.SealedLine{ID: l.ID, PayoutID: l.PayoutID, PartnerID: l.PartnerID, Amount: l.Amount.String()})
		}
		s.Lines = append(s.Lines, lines...)
		s.Payouts = append(s.Payouts, book.SealedPayout{ID: p.ID, PartnerID: p.Partner.ID, Period: p.Period.String(),
			Status: string(p.Status), Currency: r.Currency, Opening: p.Opening.String(), Earned: p.Earned.String(),
			Clawbacks: p.Clawbacks.String(), Charges: p.Charges.String(), Amount: p.Amount.String(), Due: date(p.Due),
			LinesDigest: book.LinesDigest(lines)})
	}
	sort.Slice(s.Payouts, func(i, j int) bool { return s.Payouts[i].ID < s.Payouts[j].ID })
	sort.Slice(s.Lines, func(i, j int) bool { return s.Lines[i].ID < s.Lines[j].ID })
	s.Leads = append(s.Leads, r.Leads...)
	sort.Slice(s.Leads, func(i, j int) bool { return s.Leads[i].Deal < s.Leads[j].Deal })
	s.Won = r.Won // sorted by deal
	if !sort.SliceIsSorted(s.Won, func(i, j int) bool { return s.Won[i].Deal < s.Won[j].Deal }) {
		s.Won = append([]book.SealedWon(nil), s.Won...)
		sort.Slice(s.Won, func(i, j int) bool { return s.Won[i].Deal < s.Won[j].Deal })
	}
	s.Digest = s.Compute()
	return s
}

// seal writes the Seal sheet, hidden, through a StreamWriter like the Lines sheet: it
// has a row per line too, and held cell by cell in memory it took about 0.9 KB per
// cell (2 GB for a million deals' lines). Every cell is text (an inline string) so
// that a spreadsheet program saving the workbook keeps each value as written.
func (wb *workbook) seal(s *book.Seal) error {
	f := wb.f
	name := book.SealSheet
	if _, err := f.NewSheet(name); err != nil {
		return err
	}
	sw, err := f.NewStreamWriter(name)
	if err != nil {
		return err
	}
	var cells []any
	write := func(r int, row []string) error {
		cells = cells[:0]
		for _, v := range row {
			if v == "" {
				cells = append(cells, nil)
			} else {
				cells = append(cells, v)
			}
		}
		cell, _ := excelize.CoordinatesToCellName(1, r)
		return sw.SetRow(cell, cells)
	}
	if err := write(1, book.SealColumns); err != nil {
		return err
	}
	// The won records come one at a time: a large run records hundreds of thousands.
	r := 1
	if err := s.EachRow(func(row []string) error { r++; return write(r, row) }); err != nil {
		return err
	}
	if err := sw.Flush(); err != nil {
		return err
	}
	return f.SetSheetVisible(name, false)
}
