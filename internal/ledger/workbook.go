package ledger

import (
	"fmt"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"

	"github.com/partnerbook/partnerbook/internal/book"
	"github.com/partnerbook/partnerbook/internal/civil"
	"github.com/partnerbook/partnerbook/internal/diag"
	"github.com/partnerbook/partnerbook/internal/domain"
	"github.com/partnerbook/partnerbook/internal/money"
	"github.com/partnerbook/partnerbook/internal/sheet"
	"github.com/partnerbook/partnerbook/internal/sheet/xlsxstream"
)

// SealState tells whether a workbook's seal was found and held.
type SealState string

// Seal states.
const (
	Sealed   SealState = "sealed ok"
	Unsealed SealState = "unsealed"
	Broken   SealState = "broken"
)

// Workbook is one ledger file as read.
type Workbook struct {
	Path    string
	Name    string      // as shown in messages
	Period  civil.Month // zero when the workbook names none
	Seal    SealState
	Reason  string // why the seal is broken, or what was edited
	Digest  string // the seal's digest ("" when unsealed)
	Payouts []*domain.IssuedPayout
	// Leads are the campaign lead owners the seal records; LeadsRecorded is false for a
	// workbook whose seal predates them (v1) or that has no intact seal.
	Leads         []*domain.LeadRecord
	LeadsRecorded bool
	// Won are the won dates the seal records, by deal; WonRecorded is false for a
	// workbook whose seal predates them (before v4) or that has no intact seal. Such a
	// workbook's won dates are read from its Lines sheet instead: LinesWon, the Event
	// date of each deal's referral fee or wholesale charge.
	Won         []WonRecord
	WonRecorded bool
	LinesWon    map[string]civil.Date
	// After is the ledger workbook the run that wrote this one had read last (the zero
	// Link for a first run); nil when the seal predates the record (v1, v2) or is not intact.
	After *book.Link
	// Chain says what is wrong with the workbook's place in the ledger's chain of months
	// ("" when nothing is): such as a first run sealed while the ledger held earlier months.
	Chain string

	// sealed says a partnerbook that seals wrote the workbook: it has a Seal sheet, or
	// its Summary names a seal, whether or not the seal holds.
	sealed bool
}

// sheetAt places the cells of a sheet read, by row and column, after the sheet is
// closed: the rows of a large sheet keep a row number each, not a place per cell.
type sheetAt struct {
	file, sheet string
	headers     map[string]string // column key -> its header, as messages name the column
}

func newSheetAt(t *sheet.Table, cols map[string]int) *sheetAt {
	at := t.Pos(-1)
	s := &sheetAt{file: at.File, sheet: at.Sheet, headers: make(map[string]string, len(cols))}
	for k, c := range cols {
		s.headers[k] = t.Pos(c).Column
	}
	return s
}

// pos is the place of the cell of column key in row ("" as the column when the sheet
// lacks it).
func (s *sheetAt) pos(row int, key string) diag.Pos {
	return diag.Pos{File: s.file, Sheet: s.sheet, Row: row, Column: s.headers[key]}
}

// payoutRow is a Payouts row as read: the payout and the cells the seal covers.
type payoutRow struct {
	p     *domain.IssuedPayout
	texts []string // the cells of payoutCells, as read
	row   int
	at    *sheetAt
	// dueRead says the Due date cell was read as a date or is empty (p.Due): false
	// when it was refused, with its error reported.
	dueRead bool
}

// payoutCells are the Payouts columns a payoutRow keeps: Payout ID and the sealed ones.
var payoutCells = append([]string{book.PayoutID}, sealedPayoutColumns...)

// text is the cell of column c (one of payoutCells) as read.
func (r *payoutRow) text(c string) string { return r.texts[slices.Index(payoutCells, c)] }

// pos is the place of the cell of column c.
func (r *payoutRow) pos(c string) diag.Pos { return r.at.pos(r.row, c) }

// lineRow is a Lines row as read, of the payout of r.
type lineRow struct {
	id         string
	amountText string // the Amount cell as read
	amount     money.Amount
	r          *payoutRow
	row        int
	at         *sheetAt
}

// pos is the place of the cell of column c.
func (l *lineRow) pos(c string) diag.Pos { return l.at.pos(l.row, c) }

// sealedPayoutColumns are the Payouts columns the seal covers, besides Payout ID, in
// the order verify lists a SealedPayout's values.
var sealedPayoutColumns = []string{book.PartnerID, book.Period, book.Status, book.Currency, book.Opening,
	book.Earned, book.Clawbacks, book.Charges, book.Amount, book.DueDate}

// readWorkbook reads one ledger file: its payouts and lines, checked against its seal
// when it has one, and against its Summary sheet.
func readWorkbook(path, name string, probs *diag.List) *Workbook {
	wb := &Workbook{Path: path, Name: name, Seal: Unsealed}
	at := diag.Pos{File: name}
	if ext := strings.ToLower(filepath.Ext(path)); ext != ".xlsx" && ext != ".xlsm" {
		probs.Errorf(at, "a ledger workbook must be the payouts.xlsx partnerbook wrote, not a %s copy: save it as .xlsx", ext)
		wb.Seal, wb.Reason = Broken, "not an .xlsx workbook"
		return wb
	}
	// One opening of the workbook serves every sheet read: its shared strings, the
	// seal's text, are read once. A workbook it cannot open is opened sheet by sheet as
	// before, to the same errors.
	bk, _ := sheet.OpenBook(path, name)
	if bk != nil {
		defer bk.Close()
	}
	open := openerOf(path, name, bk)
	has, summary, err := sheetsAndSummary(path, bk)
	if err != nil {
		probs.Errorf(at, "not a readable .xlsx workbook (%v): is it a payouts.xlsx written by partnerbook?", err)
		wb.Seal, wb.Reason = Broken, "unreadable"
		return wb
	}

	errsBefore := len(probs.Errors())
	var seal *book.Seal
	if has[book.SealSheet] {
		seal = sealFrom(open, name, probs)
		if seal == nil {
			wb.Seal, wb.Reason = Broken, "the Seal sheet was edited"
		} else {
			wb.Seal, wb.Digest = Sealed, strings.Clone(seal.Digest)
			wb.Leads, wb.LeadsRecorded = leadRecords(seal, name, probs), seal.Version != book.SealVersionV1
			if seal.RecordsWon() {
				wb.Won, wb.WonRecorded = wonRecords(seal, name, probs), true
			}
			if seal.RecordsAfter() {
				after := book.Link{Period: strings.Clone(seal.After.Period), Digest: strings.Clone(seal.After.Digest)}
				wb.After = &after
			}
		}
	}
	sumPeriod, sumSeal := summaryValues(summary)
	switch {
	case seal != nil && sumSeal.text != "" && sumSeal.text != seal.Digest:
		probs.Errorf(sumSeal.pos(name), "the Summary names seal %q but the Seal sheet has %q: restore the workbook as partnerbook wrote it", sumSeal.text, seal.Digest)
		wb.Seal, wb.Reason = Broken, "the Summary and the Seal sheet disagree"
	case !has[book.SealSheet] && sumSeal.text != "":
		probs.Errorf(sumSeal.pos(name), "the workbook's Seal sheet was removed (the Summary still names seal %q): restore the workbook as partnerbook wrote it", sumSeal.text)
		wb.Seal, wb.Reason = Broken, "the Seal sheet was removed"
	}
	// A workbook without a seal is a warning, or an error when the ledger holds a sealed
	// month before it: see checkUnsealed.
	wb.sealed = has[book.SealSheet] || sumSeal.text != ""

	// The workbook's period: the seal's, else the Summary's, else its payouts'.
	if seal != nil {
		wb.Period, _ = civil.ParseMonth(seal.Period)
	}
	if m, err := civil.ParseMonth(sumPeriod.text); sumPeriod.text != "" && err == nil {
		if !wb.Period.IsZero() && m != wb.Period {
			probs.Errorf(sumPeriod.pos(name), "the Summary's period %s is not the sealed period %s", m, wb.Period)
		}
		if wb.Period.IsZero() {
			wb.Period = m
		}
	}

	// Problems with finance's paid dates are no edit of what the seal covers: they are
	// reported after the seal's state is decided.
	var paid diag.List
	rows, cols := readPayouts(open, seal != nil, probs, &paid)
	defer probs.Merge(&paid)
	if rows == nil && cols == nil {
		wb.Seal, wb.Reason = brokenIf(wb, "the Payouts sheet cannot be read")
		return wb
	}
	byID := map[string]*payoutRow{}
	for _, r := range rows {
		byID[r.p.ID] = r
		wb.Payouts = append(wb.Payouts, r.p)
		if wb.Period.IsZero() {
			wb.Period = r.p.Period
		}
		if r.p.Period != wb.Period {
			probs.Errorf(r.pos(book.Period), "payout %s is of %s but the workbook is of %s", r.p.ID, r.p.Period, wb.Period)
		}
	}
	hint := 0
	if seal != nil {
		hint = len(seal.Lines)
	}
	if !wb.WonRecorded {
		wb.LinesWon = map[string]civil.Date{}
	}
	lines := readLines(open, byID, hint, wb.LinesWon, probs)
	if seal != nil {
		verify(wb, seal, rows, lines, probs)
	}
	// An edit the seal caught already explains any sum or Summary total it upsets.
	if len(probs.Errors()) == errsBefore {
		checkSums(rows, probs)
		checkSummary(name, summary, rows, lines, probs)
	}
	if wb.Seal == Sealed && len(probs.Errors()) > errsBefore {
		wb.Seal, wb.Reason = Broken, "edited beyond the paid-date columns"
	}
	if paid.HasErrors() && wb.Reason == "" {
		wb.Reason = "a Paid date is refused"
	}
	if wb.Seal != Sealed {
		wb.Leads, wb.LeadsRecorded = nil, false
		wb.Won, wb.WonRecorded = nil, false
	}
	return wb
}

// WonRecord is a deal's won date as a workbook's seal records it.
type WonRecord struct {
	Deal string
	Date civil.Date
}

// wonRecords are the seal's won dates. A record without a deal or a date, or a deal
// recorded twice, cannot be from partnerbook (the seal held, so it was written so): an
// error.
func wonRecords(s *book.Seal, name string, probs *diag.List) []WonRecord {
	out := make([]WonRecord, 0, len(s.Won))
	for i, w := range s.Won {
		day, err := civil.Parse(w.Date)
		if w.Deal == "" || err != nil || (i > 0 && s.Won[i-1].Deal >= w.Deal) {
			probs.Errorf(diag.Pos{File: name, Sheet: book.SealSheet}, "the Seal sheet's won-date record %q (%q) is not one partnerbook writes: restore the workbook as partnerbook wrote it", w.Deal, w.Date)
			continue
		}
		out = append(out, WonRecord{Deal: strings.Clone(w.Deal), Date: day}) // kept for the run
	}
	return out
}

// leadRecords are the seal's lead owners. A record without a deal, campaign or owner,
// or a deal recorded twice, cannot be from partnerbook (the seal held, so it was
// written so): an error.
func leadRecords(s *book.Seal, name string, probs *diag.List) []*domain.LeadRecord {
	at := diag.Pos{File: name, Sheet: book.SealSheet}
	seen := map[string]bool{}
	var out []*domain.LeadRecord
	for _, l := range s.Leads {
		since, err := civil.ParseMonth(l.Period)
		if l.Deal == "" || l.Campaign == "" || l.Owner == "" || err != nil || seen[l.Deal] {
			probs.Errorf(at, "the Seal sheet's lead record %q (campaign %q, owner %q, %q) is not one partnerbook writes: restore the workbook as partnerbook wrote it", l.Deal, l.Campaign, l.Owner, l.Period)
			continue
		}
		seen[l.Deal] = true
		// Kept for the whole run: copied out of the workbook's shared strings.
		out = append(out, &domain.LeadRecord{Deal: strings.Clone(l.Deal), Campaign: strings.Clone(l.Campaign), Owner: strings.Clone(l.Owner),
			By: strings.Clone(l.By), Since: since, Workbook: name})
	}
	return out
}

func brokenIf(wb *Workbook, reason string) (SealState, string) {
	if wb.Seal == Broken {
		return wb.Seal, wb.Reason
	}
	return Broken, reason
}

// summaryCell is a value of the Summary sheet with its place.
type summaryCell struct {
	text     string
	row, col int
}

func (c summaryCell) pos(file string) diag.Pos {
	name, _ := excelize.ColumnNumberToName(c.col)
	return diag.Pos{File: file, Sheet: book.SummarySheet, Row: c.row, Column: name}
}

// summaryValues finds the Summary's period and seal digest.
func summaryValues(rows [][]string) (period, seal summaryCell) {
	for i, r := range rows {
		if len(r) < 2 {
			continue
		}
		switch strings.TrimSpace(r[0]) {
		case book.Period:
			period = summaryCell{strings.TrimSpace(r[1]), i + 1, 2}
		case book.SealRow:
			seal = summaryCell{strings.TrimSpace(r[1]), i + 1, 2}
		}
	}
	return period, seal
}

// opener opens a sheet of the workbook being read.
type opener func(sheet string) (*sheet.Table, error)

// openerOf opens the sheets of path (name in messages) from bk, or one by one when bk
// is nil.
func openerOf(path, name string, bk *sheet.Book) opener {
	if bk != nil {
		return bk.Table
	}
	return func(s string) (*sheet.Table, error) { return sheet.Open(path, name, s) }
}

// readPayouts reads the Payouts sheet. A sealed workbook must keep every sealed column.
// Problems with the paid dates finance typed go to paid.
func readPayouts(open opener, sealed bool, probs, paid *diag.List) ([]*payoutRow, map[string]int) {
	t, err := open(book.PayoutsSheet)
	if err != nil {
		probs.Err(fmt.Errorf("%w (is it a payouts.xlsx written by partnerbook?)", err))
		return nil, nil
	}
	defer t.Close()
	want := map[string]string{}
	for _, c := range book.PayoutColumns {
		want[c] = c
	}
	req := []string{book.PayoutID, book.PartnerID, book.Period, book.Amount, book.Status, book.PaidDate}
	opt := []string{book.Partner, book.Currency, book.DueDate, book.PaymentRef, book.Opening, book.Earned, book.Clawbacks, book.Charges}
	if sealed {
		req = append(req, book.Currency, book.DueDate, book.Opening, book.Earned, book.Clawbacks, book.Charges)
		opt = []string{book.Partner, book.PaymentRef}
	}
	var before diag.List
	cols := t.Resolve(&before, want, req, opt)
	probs.Merge(&before)
	if before.HasErrors() {
		return nil, nil
	}
	seen := map[string]bool{}
	var out []*payoutRow
	at := newSheetAt(t, cols)
	t.Each(probs, func() {
		p := &domain.IssuedPayout{Pos: t.Pos(-1)}
		r := &payoutRow{p: p, texts: make([]string, len(payoutCells)), row: t.Row(), at: at}
		for i, c := range payoutCells {
			r.texts[i], _ = t.Cell(cols, c)
		}
		cell := func(c string) (string, diag.Pos) { return r.text(c), r.pos(c) }
		var s string
		var pos diag.Pos
		p.ID, pos = cell(book.PayoutID)
		if p.ID == "" {
			probs.Errorf(pos, "missing payout ID")
			return
		}
		if seen[p.ID] {
			probs.Errorf(pos, "payout %s appears twice", p.ID)
			return
		}
		seen[p.ID] = true
		p.PartnerID, _ = cell(book.PartnerID)
		p.Partner, _ = t.Cell(cols, book.Partner)
		p.Currency, _ = cell(book.Currency)
		s, pos = cell(book.Period)
		if p.Period, err = civil.ParseMonth(s); err != nil {
			probs.Errorf(pos, "%v", err)
			return
		}
		// Payout ID, Partner ID and Period must agree: a column sorted on its own
		// would otherwise hand one partner's payout to another.
		if want := book.MakePayoutID(p.Period.String(), p.PartnerID); p.ID != want {
			probs.Errorf(r.pos(book.PartnerID), "payout %s does not match its Partner ID %q and Period %s (that would be %s): was one column sorted or retyped alone? Restore the workbook as partnerbook wrote it",
				p.ID, p.PartnerID, p.Period, want)
			return
		}
		s, pos = cell(book.Amount)
		if p.Amount, err = sheet.Amount(s); err != nil {
			probs.Errorf(pos, "%v", err)
			return
		}
		s, pos = cell(book.Status)
		var known bool
		if p.Status, known = book.ParseStatus(s); !known {
			if sealed {
				probs.Errorf(pos, "unknown status %q", s)
			} else {
				probs.Warnf(pos, "unknown status %q: its lines count as issued", p.Status)
			}
		}
		_, col := t.Cell(cols, book.DueDate)
		if p.Due, err = dateCell(t, col, p.ID, book.DueDate); err != nil {
			probs.Errorf(r.pos(book.DueDate), "%v", err)
		}
		r.dueRead = err == nil
		_, col = t.Cell(cols, book.PaidDate)
		if p.Paid, err = dateCell(t, col, p.ID, book.PaidDate); err != nil {
			paid.Errorf(t.Pos(col), "%v", err)
		}
		// A carried payout's lines are paid with the partner's next payout: paid now as
		// well, they would be paid twice. A date filled down the column past it looks
		// the same as a payment, so neither is guessed.
		if !p.Paid.IsZero() && p.Status == book.StatusCarried {
			paid.Errorf(t.Pos(col), "payout %s was carried forward (below the minimum payout: its lines, %s, are paid with the partner's next payout, as its Opening) but has a Paid date, %s: "+
				"if finance did not pay it, clear the Paid date; if it did, the next payout would pay those lines again: recover %s from the partner first, then clear the Paid date",
				p.ID, p.Amount, p.Paid, p.Amount)
		}
		p.Reference, _ = t.Cell(cols, book.PaymentRef)
		// The payout is kept for the whole run: its text is copied out of the sheet's,
		// so that (and the workbook's shared strings) can be let go.
		p.ID, p.PartnerID, p.Partner, p.Currency, p.Reference = strings.Clone(p.ID), strings.Clone(p.PartnerID),
			strings.Clone(p.Partner), strings.Clone(p.Currency), strings.Clone(p.Reference)
		if !known {
			p.Status = book.PayoutStatus(strings.Clone(string(p.Status)))
		}
		out = append(out, r)
	})
	return out, cols
}

// dateCell reads the Due or Paid date (what) of payout id in column col of the current
// row: a number cell with a date format (Excel's built-in date formats or a custom one,
// in the workbook's 1900 or 1904 date system), a date cell, or ISO text (2026-10-12,
// or a timestamp, whose day is taken). An empty cell is no date. A plain number is
// refused, not read as a count of days since 1900: the spreadsheet shows it as a number
// and a stray amount would become a day nobody typed. So are TRUE/FALSE, error values,
// text in any other form (12/10/2026: October or December?) and formulas, whose value
// changes whenever the workbook is recalculated (=TODAY()).
func dateCell(t *sheet.Table, col int, id, what string) (civil.Date, error) {
	if t.Formula(col) {
		return civil.Date{}, fmt.Errorf("payout %s: the %s is a formula (its value changes when the workbook is recalculated): type the date itself, in a date-formatted cell or as YYYY-MM-DD", id, what)
	}
	s, _ := t.Cell(map[string]int{what: col}, what)
	if s == "" {
		return civil.Date{}, nil
	}
	retype := "format the cell as a date and type the date again, or type it as YYYY-MM-DD"
	switch t.Kind(col) {
	case sheet.Number:
		return civil.Date{}, fmt.Errorf("payout %s: the %s %s is a number, not a date: %s", id, what, s, retype)
	case sheet.Bool:
		return civil.Date{}, fmt.Errorf("payout %s: the %s %q is a TRUE/FALSE cell, not a date: %s", id, what, s, retype)
	case sheet.ErrorValue:
		return civil.Date{}, fmt.Errorf("payout %s: the %s %q is an error value, not a date: %s", id, what, s, retype)
	case sheet.Text:
		if _, err := strconv.ParseFloat(s, 64); err == nil && strings.ContainsAny(s, "0123456789") {
			return civil.Date{}, fmt.Errorf("payout %s: the %s %q is a number, not a date: %s", id, what, s, retype)
		}
	}
	d, err := t.DateCell(col, "")
	if err != nil {
		if t.Kind(col) == sheet.DateNumber {
			return civil.Date{}, fmt.Errorf("payout %s: the %s: %v: %s", id, what, err, retype)
		}
		return civil.Date{}, fmt.Errorf("payout %s: the %s %q is not a date partnerbook reads: type it in a date-formatted cell, or as YYYY-MM-DD", id, what, s)
	}
	return d, nil
}

// lineOf is a line of a payout.
type lineOf struct {
	id string
	p  *domain.IssuedPayout
}

// readLines reads the Lines sheet into the payouts of byID. hint is how many lines
// the sheet is expected to hold (the seal's count), to size the rows read.
// won, when not nil, receives the Event date of each deal's referral fee or wholesale
// charge: its won date, for a workbook whose seal records none.
func readLines(open opener, byID map[string]*payoutRow, hint int, won map[string]civil.Date, probs *diag.List) []lineRow {
	lt, err := open(book.LinesSheet)
	if err != nil {
		probs.Err(err)
		return nil
	}
	defer lt.Close()
	want := map[string]string{book.LineID: book.LineID, book.PayoutID: book.PayoutID, book.Amount: book.Amount, book.PartnerID: book.PartnerID}
	req := []string{book.LineID, book.PayoutID, book.Amount}
	opt := []string{book.PartnerID}
	// The descriptive columns a carried line and a revenue share's date are read from,
	// when the sheet still has them: the seal does not cover them.
	for _, c := range []string{book.DealID, book.Client, book.EventDate, book.EligibleDate} {
		if _, ok := lt.Column(c); ok {
			want[c] = c
			opt = append(opt, c)
		}
	}
	var before diag.List
	lc := lt.Resolve(&before, want, req, opt)
	probs.Merge(&before)
	if before.HasErrors() {
		return nil
	}
	at := newSheetAt(lt, lc)
	out := make([]lineRow, 0, hint)
	seen := make(map[lineOf]bool, hint)     // the lines read
	lines := map[*domain.IssuedPayout]int{} // how many lines each payout has
	starts := map[shareOf]civil.Date{}      // the earliest payment date of each payout's revenue shares of a deal
	lt.Each(probs, func() {
		l := lineRow{row: lt.Row(), at: at}
		l.id, _ = lt.Cell(lc, book.LineID)
		payout, _ := lt.Cell(lc, book.PayoutID)
		partner, _ := lt.Cell(lc, book.PartnerID)
		l.amountText, _ = lt.Cell(lc, book.Amount)
		if l.id == "" {
			probs.Errorf(l.pos(book.LineID), "missing line ID")
			return
		}
		r, ok := byID[payout]
		if !ok {
			probs.Errorf(l.pos(book.PayoutID), "line %s names payout %q, which is not in the Payouts sheet", l.id, payout)
			return
		}
		p := r.p
		if _, has := lc[book.PartnerID]; has && partner != p.PartnerID {
			probs.Errorf(l.pos(book.PartnerID), "line %s of payout %s names partner %q, but the payout is %q's: was one column sorted or retyped alone?", l.id, p.ID, partner, p.PartnerID)
			return
		}
		l.r = r
		a, err := sheet.Amount(l.amountText)
		if err != nil {
			probs.Errorf(l.pos(book.Amount), "%v", err)
			return
		}
		l.amount = a
		if seen[lineOf{l.id, p}] {
			probs.Errorf(l.pos(book.LineID), "line %s appears twice in payout %s", l.id, p.ID)
			return
		}
		// The ID is kept for the whole run: copied out of the sheet's text, so that
		// text (every cell of the sheet) can be let go.
		l.id = strings.Clone(l.id)
		seen[lineOf{l.id, p}] = true
		lines[p]++
		p.LineSum = p.LineSum.Add(a)
		if deal, day, ok := shareDay(l.id, p.PartnerID, lt, lc); ok {
			k := shareOf{p, deal}
			if first, seen := starts[k]; !seen || day.Before(first) {
				starts[k] = day
			}
		}
		if won != nil {
			if deal, day, ok := wonDay(l.id, p.PartnerID, lt, lc); ok {
				if _, seen := won[deal]; !seen {
					won[strings.Clone(deal)] = day
				}
			}
		}
		if p.Status == book.StatusCarried {
			if p.Records == nil {
				p.Records = map[string]domain.LineRecord{}
			}
			p.Records[l.id] = lineRecord(lt, lc)
		}
		out = append(out, l)
	})
	// Every payout's line IDs and amounts, in sheet order, in two arrays of exactly the
	// lines read: they are kept for the whole run.
	ids, amounts := make([]string, len(out)), make([]money.Amount, len(out))
	next := 0
	for _, l := range out {
		p := l.r.p
		if n, ok := lines[p]; ok {
			p.Lines, p.Amounts = ids[next:next:next+n], amounts[next:next:next+n]
			next += n
			delete(lines, p)
		}
		p.AddLine(l.id, l.amount)
	}
	keepShareStarts(starts)
	return out
}

// shareOf is a payout's revenue-share lines of a deal.
type shareOf struct {
	p    *domain.IssuedPayout
	deal string
}

// keepShareStarts gives each payout its revenue shares' start dates, sorted by deal.
// They are kept for the whole run: all of a sheet's in one array, their deal IDs in one
// string, neither with room to spare, and nothing of the sheet's text.
func keepShareStarts(starts map[shareOf]civil.Date) {
	if len(starts) == 0 {
		return
	}
	keys := make([]shareOf, 0, len(starts))
	size := 0
	for k := range starts {
		keys = append(keys, k)
		size += len(k.deal)
	}
	// By payout, then deal: each payout's dates end up side by side.
	slices.SortFunc(keys, func(a, b shareOf) int {
		if a.p != b.p {
			return strings.Compare(a.p.ID, b.p.ID)
		}
		return strings.Compare(a.deal, b.deal)
	})
	var text strings.Builder
	text.Grow(size)
	for _, k := range keys {
		text.WriteString(k.deal)
	}
	all, deals := make([]domain.ShareStart, len(keys)), text.String()
	for i, k := range keys {
		all[i] = domain.ShareStart{Deal: deals[:len(k.deal)], Day: starts[k]}
		deals = deals[len(k.deal):]
	}
	for i := 0; i < len(all); {
		j := i + 1
		for j < len(all) && keys[j].p == keys[i].p {
			j++
		}
		keys[i].p.ShareStarts = all[i:j:j]
		i = j
	}
}

// shareDay reads the deal and payment date of a revenue-share line of partner pid
// ("<pid>:<deal>:revenue-share:<date>"): the date its ID is keyed by, or for a line
// keyed by a payment id ("...:revenue-share:pay:<id>") its Event date cell. ok is false
// for any other line, a refund's or a correction's among them (a correction's line is
// in the ledger too).
func shareDay(id, pid string, lt *sheet.Table, lc map[string]int) (deal string, day civil.Date, ok bool) {
	const marker = ":revenue-share:"
	rest := id
	if len(id) > len(pid) && id[len(pid)] == ':' && strings.HasPrefix(id, pid) {
		rest = id[len(pid)+1:]
	}
	i := strings.LastIndex(rest, marker)
	if i < 0 || strings.Contains(rest, ":adj:") {
		return "", civil.Date{}, false
	}
	deal, key := rest[:i], rest[i+len(marker):]
	if d, err := civil.Parse(key); err == nil {
		return deal, d, true
	}
	col, has := lc[book.EventDate]
	if !strings.HasPrefix(key, "pay:") || !has || lt.Formula(col) {
		return "", civil.Date{}, false
	}
	d, err := lt.DateCell(col, "")
	return deal, d, err == nil
}

// wonDay reads the deal and won date of a referral fee or wholesale charge of partner
// pid ("<pid>:<deal>:referral", "<pid>:<deal>:wholesale"): the line's Event date cell,
// the deal's won date the line was computed on. ok is false for any other line, a
// correction's among them, and for a cell that is no date.
func wonDay(id, pid string, lt *sheet.Table, lc map[string]int) (deal string, day civil.Date, ok bool) {
	if len(id) <= len(pid) || id[len(pid)] != ':' || !strings.HasPrefix(id, pid) {
		return "", civil.Date{}, false
	}
	rest := id[len(pid)+1:]
	for _, suffix := range []string{":referral", ":wholesale"} {
		if d, found := strings.CutSuffix(rest, suffix); found && d != "" {
			col, has := lc[book.EventDate]
			if !has || lt.Formula(col) {
				return "", civil.Date{}, false
			}
			day, err := lt.DateCell(col, "")
			return d, day, err == nil && !day.IsZero()
		}
	}
	return "", civil.Date{}, false
}

// lineRecord is the current Lines row's deal, client and dates as written: a cell that
// is no date gives the zero date, as these columns are not sealed and only shown.
func lineRecord(lt *sheet.Table, lc map[string]int) domain.LineRecord {
	var r domain.LineRecord
	r.Deal, _ = lt.Cell(lc, book.DealID)
	r.Client, _ = lt.Cell(lc, book.Client)
	r.Deal, r.Client = strings.Clone(r.Deal), strings.Clone(r.Client) // kept for the run
	for c, d := range map[string]*civil.Date{book.EventDate: &r.Event, book.EligibleDate: &r.Eligible} {
		if col, ok := lc[c]; ok && !lt.Formula(col) {
			*d, _ = lt.DateCell(col, "")
		}
	}
	return r
}

// checkSums: a payout whose lines do not add up to its amount was edited (a deleted or
// changed row): trusting it could pay a line twice or never, so it stops the run.
func checkSums(rows []*payoutRow, probs *diag.List) {
	for _, r := range rows {
		p := r.p
		if !p.LineSum.Equal(p.Amount) {
			probs.Errorf(p.Pos, "payout %s has amount %s but its lines in the Lines sheet add up to %s: was a row deleted or changed? Restore the workbook as partnerbook wrote it (finance edits only %q and %q)",
				p.ID, p.Amount, p.LineSum, book.PaidDate, book.PaymentRef)
		}
	}
}

// checkSummary compares the Summary's control totals with the payouts and lines read.
func checkSummary(name string, rows [][]string, payouts []*payoutRow, lines []lineRow, probs *diag.List) {
	if len(rows) == 0 {
		return
	}
	count := map[book.PayoutStatus]int{}
	total := map[book.PayoutStatus]money.Amount{}
	for _, r := range payouts {
		st := r.p.Status
		if st == book.StatusPaid {
			st = book.StatusDue // finance's "Paid" is a Due payout it paid
		}
		count[st]++
		total[st] = total[st].Add(r.p.Amount)
	}
	lineSum := money.Zero
	for _, l := range lines {
		lineSum = lineSum.Add(l.amount)
	}
	check := func(i int, r []string, what string, n int, sum money.Amount) {
		if len(r) > 1 {
			if got := strings.TrimSpace(r[1]); got != strconv.Itoa(n) {
				c := summaryCell{got, i + 1, 2}
				probs.Errorf(c.pos(name), "the Summary counts %q %s but the workbook has %d", got, what, n)
			}
		}
		if len(r) > 2 {
			got := strings.TrimSpace(r[2])
			if a, err := sheet.Amount(got); err != nil || !a.Equal(sum) {
				c := summaryCell{got, i + 1, 3}
				probs.Errorf(c.pos(name), "the Summary totals %q for %s but the workbook adds up to %s: restore the workbook as partnerbook wrote it", got, what, sum)
			}
		}
	}
	for i, r := range rows {
		if len(r) == 0 {
			continue
		}
		label := strings.TrimSpace(r[0])
		if label == "Lines in this workbook" {
			check(i, r, "lines", len(lines), lineSum)
			continue
		}
		if st, ok := book.ParseStatus(label); ok && st != book.StatusPaid {
			check(i, r, fmt.Sprintf("%q payouts", st), count[st], total[st])
		}
	}
}

// sheetsAndSummary lists a workbook's sheets and reads its Summary sheet's rows (row i
// of the sheet at index i-1). The streaming reader reads only those parts (through bk
// when it is not nil); a workbook it does not handle is opened with excelize, which
// inflates every part, the Lines sheet of a large program included.
func sheetsAndSummary(path string, bk *sheet.Book) (map[string]bool, [][]string, error) {
	has := map[string]bool{}
	b := bk.Stream()
	if b == nil {
		if opened, err := xlsxstream.Open(path); err == nil {
			defer opened.Close()
			b = opened
		}
	}
	if b != nil {
		for _, s := range b.Sheets() {
			has[s.Name] = true
		}
		if !has[book.SummarySheet] {
			return has, nil, nil
		}
		if rows, err := b.Rows(book.SummarySheet); err == nil {
			var summary [][]string
			for rows.Next() {
				for len(summary) < rows.Row()-1 {
					summary = append(summary, nil)
				}
				summary = append(summary, slices.Clone(rows.Cells()))
			}
			rows.Close()
			if rows.Err() == nil {
				return has, summary, nil
			}
		}
	}
	f, err := excelize.OpenFile(path, excelize.Options{RawCellValue: true, UnzipSizeLimit: 1 << 30, UnzipXMLSizeLimit: 1 << 28})
	if err != nil {
		return nil, nil, err
	}
	defer f.Close()
	clear(has)
	for _, s := range f.GetSheetList() {
		has[s] = true
	}
	var summary [][]string
	if has[book.SummarySheet] {
		summary, _ = f.GetRows(book.SummarySheet)
	}
	return has, summary, nil
}
