package pdf

import (
	"errors"
	"fmt"
	"sort"
	"strings"

	"github.com/johnfercher/go-tree/node"
	"github.com/johnfercher/maroto/v2/pkg/components/col"
	"github.com/johnfercher/maroto/v2/pkg/components/line"
	"github.com/johnfercher/maroto/v2/pkg/components/row"
	"github.com/johnfercher/maroto/v2/pkg/components/text"
	"github.com/johnfercher/maroto/v2/pkg/consts/align"
	"github.com/johnfercher/maroto/v2/pkg/consts/fontstyle"
	"github.com/johnfercher/maroto/v2/pkg/consts/linestyle"
	"github.com/johnfercher/maroto/v2/pkg/consts/orientation"
	"github.com/johnfercher/maroto/v2/pkg/core"
	"github.com/johnfercher/maroto/v2/pkg/core/entity"
	"github.com/johnfercher/maroto/v2/pkg/props"
	"github.com/partnerbook/partnerbook/internal/book"
	"github.com/partnerbook/partnerbook/internal/civil"
	"github.com/partnerbook/partnerbook/internal/money"
	"github.com/partnerbook/partnerbook/internal/report"
)

// Statement renders one partner's statement (CONTRACT 4.3). It reads nothing
// but s, so it cannot show another partner's data.
func Statement(s *report.Statement) ([]byte, error) {
	if s == nil {
		return nil, errors.New("pdf: nil statement")
	}
	if s.Partner.ID == "" {
		return nil, errors.New("pdf: statement has no partner")
	}
	if s.AsOf.IsZero() {
		return nil, fmt.Errorf("pdf: statement for %s has no as-of date", s.Partner.ID)
	}
	r := &stmt{s: s}
	b, err := r.render()
	if err != nil {
		return nil, fmt.Errorf("pdf: statement for %s: %w", s.Partner.ID, err)
	}
	return b, nil
}

type stmt struct {
	s *report.Statement
	d *Document
}

func (r *stmt) money(a money.Amount) string { return r.s.Policy.Display(a, r.s.Currency) }

func (r *stmt) render() ([]byte, error) {
	s := r.s
	title := "Partner statement " + monthName(s.Period) + " for " + s.Partner.Name
	if s.PayoutID != "" {
		title = "Partner statement " + s.PayoutID
	}
	d, err := New(Options{
		RunDate: s.AsOf.Time(),
		Title:   title,
		Author:  s.Firm,
		Subject: "Partner statement for " + s.Partner.Name + ", " + monthName(s.Period),
	})
	if err != nil {
		return nil, err
	}
	r.d = d
	payout := s.PayoutID
	if payout == "" || s.Payout == nil {
		payout = "no payout this period"
	}
	d.addHead(s.Firm, "Partner statement", [][2]labelValue{
		{{"Partner", s.Partner.Name}, {"Payout", payout}},
		{{"Period", monthName(s.Period)}, {"Issued", s.AsOf.String()}},
	})
	r.summary()
	r.outstanding()
	r.paidSince()
	if err := r.lines(); err != nil {
		return nil, err
	}
	r.pending()
	r.deals("Your deals this period", s.DealsPeriod)
	r.deals("Your deals this year", s.DealsYTD)
	r.leads()
	if len(s.Lines)+len(s.Pending) > 0 {
		d.Spacer(6)
		d.addText("Questions about a line? Quote its line ID (printed under each line) when you contact us.", sizeSmall, false, colorMuted)
	}
	return d.Bytes()
}

func (r *stmt) summary() {
	s, d := r.s, r.d
	p := s.Payout
	if p == nil {
		d.addText(fmt.Sprintf("There is no payout for %s. This statement lists your deals and leads.", monthName(s.Period)), sizeBody, true, colorInk)
		d.Spacer(3)
		return
	}
	due := "—"
	if !p.Due.IsZero() {
		due = p.Due.String()
	}
	_ = d.AddSummary("Summary", []Field{
		{Label: "Opening balance (carried forward)", Value: r.money(p.Opening)},
		{Label: "Earned", Value: r.money(p.Earned)},
		{Label: "Clawbacks", Value: r.money(p.Clawbacks)},
		{Label: "Charges", Value: r.money(p.Charges)},
		{Label: "Payout amount", Value: r.money(p.Amount), Emphasis: true},
		{Label: "Status", Value: string(p.Status)},
		{Label: "Due date", Value: due},
	})
	d.gap = 0 // the sentence belongs to the box
	d.Spacer(2.5)
	d.addText(r.sentence(), sizeBody+0.5, true, colorInk)
	d.Spacer(2)
}

// sentence says in plain words what happens to the payout.
func (r *stmt) sentence() string {
	p := r.s.Payout
	amt := r.money(p.Amount)
	switch p.Status {
	case book.StatusDue:
		if p.Due.IsZero() {
			return fmt.Sprintf("We will pay %s.", amt)
		}
		return fmt.Sprintf("We will pay %s by %s.", amt, p.Due)
	case book.StatusCarried:
		return fmt.Sprintf("%s is below our minimum payout of %s, so nothing is paid this period: the amount is carried forward to your next statement.", amt, r.money(r.s.MinimumPayout))
	case book.StatusReceivable:
		return fmt.Sprintf("You owe us %s; an invoice follows.", r.money(p.Amount.Neg()))
	case book.StatusNil:
		return fmt.Sprintf("The lines of this payout net to %s: nothing is payable and nothing is owed.", amt)
	case book.StatusPaid:
		return fmt.Sprintf("%s has been paid.", amt)
	}
	return fmt.Sprintf("Payout amount %s, status %s.", amt, p.Status)
}

func (r *stmt) outstanding() {
	if len(r.s.Outstanding) == 0 {
		return
	}
	t := flexTable{
		Caption: "Earlier payouts not yet settled",
		Columns: []flexCol{
			{Header: "Payout", Weight: 1},
			{Header: "Period", Fit: true},
			{Header: "Status", Weight: 0.6},
			{Header: "Due date", Fit: true},
			{Header: "Amount", Fit: true, Align: AlignRight},
		},
	}
	for _, p := range r.s.Outstanding {
		t.Rows = append(t.Rows, flexRow{Cells: []string{p.ID, p.Period.String(), r.ledgerStatus(p), dateOrDash(p.Due), r.money(p.Amount)}})
	}
	r.d.addFlexTable(t)
}

// ledgerStatus adds how late an unpaid Due payout is, as of the statement.
func (r *stmt) ledgerStatus(p report.IssuedRow) string {
	st := string(p.Status)
	if p.Status == book.StatusDue && p.Paid.IsZero() && !p.Due.IsZero() && p.Due.Before(r.s.AsOf) {
		n := p.Due.DaysUntil(r.s.AsOf)
		st += "\n" + plural(n, "day") + " overdue"
	}
	return st
}

func (r *stmt) paidSince() {
	if len(r.s.PaidSince) == 0 {
		return
	}
	t := flexTable{
		Caption: "Paid since the last statement",
		Columns: []flexCol{
			{Header: "Payout", Weight: 1},
			{Header: "Period", Fit: true},
			{Header: "Paid on", Fit: true},
			{Header: "Reference", Weight: 1},
			{Header: "Amount", Fit: true, Align: AlignRight},
		},
	}
	for _, p := range r.s.PaidSince {
		ref := p.Reference
		if ref == "" {
			ref = "—"
		}
		t.Rows = append(t.Rows, flexRow{Cells: []string{p.ID, p.Period.String(), dateOrDash(p.Paid), ref, r.money(p.Amount)}})
	}
	r.d.addFlexTable(t)
}

// lineSource is the deal or campaign a line comes from.
func lineSource(l report.LineRow) string {
	switch {
	case l.DealID != "":
		return l.DealID
	case l.CampaignID != "":
		return l.CampaignID
	}
	return "—"
}

func lineNote(l report.LineRow) string {
	note := "Line " + l.ID
	if l.Description != "" {
		note += " · " + l.Description
	}
	return note
}

func (r *stmt) lines() error {
	s := r.s
	if s.Payout == nil {
		return nil
	}
	t := flexTable{
		Caption: "Lines of this payout",
		Columns: []flexCol{
			{Header: "Date", Fit: true},
			{Header: "Deal", Fit: true},
			{Header: "Client", Weight: 1.4},
			{Header: "Rule", Fit: true},
			{Header: "Basis", Fit: true, Align: AlignRight},
			{Header: "Rate", Fit: true, Align: AlignRight},
			{Header: "Amount", Fit: true, Align: AlignRight},
		},
		NoteFrom: 1,
		Empty:    "None.",
	}
	sum := money.Zero
	for _, l := range s.Lines {
		date := dateOrDash(l.Eligible)
		if l.Opening {
			date += "\ncarried forward"
		}
		rate := l.Rate
		if rate == "" {
			rate = "—"
		}
		t.Rows = append(t.Rows, flexRow{
			Cells: []string{date, lineSource(l), dash(l.Client), l.Rule, r.money(l.Basis), rate, r.money(l.Amount)},
			Note:  lineNote(l),
		})
		sum = sum.Add(l.Amount)
	}
	// The total is what the partner is paid: if the lines do not add up to
	// the payout, the statement would contradict itself.
	if !sum.Equal(s.Payout.Amount) {
		return fmt.Errorf("lines add up to %s but payout %s is %s", sum, s.PayoutID, s.Payout.Amount)
	}
	if len(s.Lines) > 0 {
		t.Total = []string{"Total", "", "", "", "", "", r.money(sum)}
	}
	r.d.addFlexTable(t)
	return nil
}

func (r *stmt) pending() {
	if len(r.s.Pending) == 0 {
		return
	}
	t := flexTable{
		Caption: "Earned, not yet payable",
		Columns: []flexCol{
			{Header: "Payable from", Fit: true},
			{Header: "Deal", Fit: true},
			{Header: "Client", Weight: 1.4},
			{Header: "Rule", Fit: true},
			{Header: "Amount", Fit: true, Align: AlignRight},
		},
		NoteFrom: 1,
	}
	sum := money.Zero
	for _, l := range r.s.Pending {
		t.Rows = append(t.Rows, flexRow{
			Cells: []string{dateOrDash(l.Eligible), lineSource(l), dash(l.Client), l.Rule, r.money(l.Amount)},
			Note:  lineNote(l),
		})
		sum = sum.Add(l.Amount)
	}
	t.Total = []string{"Total", "", "", "", r.money(sum)}
	r.d.addFlexTable(t)
}

// dealName is the deal's name over its ID.
func dealName(d report.DealRow) string {
	if strings.TrimSpace(d.Name) == "" || d.Name == d.ID {
		return d.ID
	}
	return d.Name + "\n" + d.ID
}

// dealStage is the CRM stage, with the status under it when it says more.
func dealStage(d report.DealRow) string {
	stage, status := strings.TrimSpace(d.Stage), strings.TrimSpace(d.StatusText)
	if status == "" {
		status = d.Status
	}
	switch {
	case stage == "":
		return status
	case strings.EqualFold(stage, status) || strings.Contains(strings.ToLower(stage), d.Status):
		return stage
	}
	return stage + "\n" + status
}

func (r *stmt) deals(caption string, deals []report.DealRow) {
	if len(deals) == 0 {
		return
	}
	t := flexTable{
		Caption: caption,
		Columns: []flexCol{
			{Header: "Created", Fit: true},
			{Header: "Deal", Weight: 1.3},
			{Header: "Client", Weight: 1.1},
			{Header: "Stage", Weight: 0.8},
			{Header: "Won on", Fit: true},
			{Header: "Value", Fit: true, Align: AlignRight},
		},
	}
	for _, x := range deals {
		won := "—"
		if x.Won {
			won = dateOrDash(x.Closed)
		}
		t.Rows = append(t.Rows, flexRow{Cells: []string{dateOrDash(x.Created), dealName(x), dash(x.Client), dealStage(x), won, r.money(x.Value)}})
	}
	r.d.addFlexTable(t)
}

func (r *stmt) leads() {
	if len(r.s.Leads) == 0 {
		return
	}
	t := flexTable{
		Caption: "Campaign leads allocated to you",
		Columns: []flexCol{
			{Header: "Created", Fit: true},
			{Header: "Lead", Weight: 1.2},
			{Header: "Client", Weight: 1},
			{Header: "Campaign", Weight: 1},
			{Header: "Status", Weight: 0.7},
		},
	}
	for _, x := range r.s.Leads {
		camp := "—"
		if x.CampaignID != "" {
			camp = x.CampaignName
			if camp == "" {
				camp = x.CampaignID
			}
		}
		t.Rows = append(t.Rows, flexRow{Cells: []string{dateOrDash(x.Created), dealName(x), dash(x.Client), camp, dealStage(x)}})
	}
	r.d.addFlexTable(t)
}

// monthName is "October 2026".
func monthName(m civil.Month) string {
	if m.IsZero() {
		return ""
	}
	return fmt.Sprintf("%s %d", m.Month, m.Year)
}

func dateOrDash(d civil.Date) string {
	if d.IsZero() {
		return "—"
	}
	return d.String()
}

func dash(s string) string {
	if strings.TrimSpace(s) == "" {
		return "—"
	}
	return s
}

func plural(n int, word string) string {
	if n == 1 {
		return fmt.Sprintf("1 %s", word)
	}
	return fmt.Sprintf("%d %ss", n, word)
}

// ---------------------------------------------------------------------------
// Building blocks used by Statement and OwnerReport. They live here because
// this change may not touch the existing files; they belong with table.go
// and blocks.go.
// ---------------------------------------------------------------------------

// addHead is AddTitleBlock with caller-chosen labels: meta holds rows of
// {left, right} label/value pairs; the first left value is set large.
func (d *Document) addHead(company, title string, meta [][2]labelValue) {
	rows := []core.Row{
		row.New().Add(
			text.NewCol(7, cleanText(company), pad(textProp(sizeTitle, fontstyle.Bold, colorAccent, align.Left), 0, 1.5, 0)),
			text.NewCol(5, cleanText(title), pad(textProp(sizeTitle, fontstyle.Bold, colorInk, align.Right), 0, 1.5, 0)),
		),
	}
	unit := d.probe.cell.Width / GridSize
	for i, m := range meta {
		if m[0].value == "" && m[1].value == "" {
			continue
		}
		left, right := m[0], m[1]
		// Long unbroken values (IDs) are split rather than run into the
		// neighbouring column.
		left.value = splitLongWords(cleanText(left.value), i == 0, sizeHeading, 5*unit)
		right.value = splitLongWords(cleanText(right.value), false, sizeBody, 4*unit)
		rows = append(rows, row.New().Add(metaCols(left, align.Left, i == 0)...).Add(metaCols(right, align.Right, false)...))
	}
	accent := colorAccent
	rows = append(rows, row.New(4).Add(col.New(12).Add(line.New(props.Line{
		Color: &accent, Style: linestyle.Solid, Thickness: 0.5, OffsetPercent: 60, SizePercent: 100,
	}))))
	_ = d.Add(rows...)
	d.Spacer(3)
}

// addText adds a paragraph across the page; it wraps.
func (d *Document) addText(s string, size float64, bold bool, c props.Color) {
	style := fontstyle.Normal
	if bold {
		style = fontstyle.Bold
	}
	p := pad(textProp(size, style, c, align.Left), 0, 1.2, 0)
	p.VerticalPadding = 0.8
	_ = d.Add(row.New().Add(text.NewCol(GridSize, splitLongWords(cleanText(s), bold, size, d.probe.cell.Width), p)))
}

// flexCol is a column of a flexTable.
type flexCol struct {
	Header string
	Align  Align
	// Fit makes the column as wide as its widest cell (or header word);
	// the other columns share what is left in proportion to Weight.
	Fit    bool
	Weight float64
}

// flexRow is one body row. A cell may hold "main\nsub": sub is set small
// and muted under main. Note is a small line under the whole row, from
// column NoteFrom to the right edge.
type flexRow struct {
	Cells []string
	Note  string
}

// flexTable is Table with column widths in millimetres rather than twelfths
// of the page (a date or an amount needs about 1.4 twelfths; seven columns
// of finance data do not fit the 12-unit grid), sub-lines and row notes.
// It paginates like AddTable: caption and header repeat on every page, the
// header never ends a page, and the total never stands alone.
type flexTable struct {
	Caption  string
	Columns  []flexCol
	Rows     []flexRow
	Total    []string
	NoteFrom int
	Size     float64 // body font size; 0 means sizeBody
	Empty    string  // printed under the caption when there are no rows
}

const (
	flexSubGap  = 0.35 // between a cell's main text and its sub-line
	flexNoteGap = 0.5  // between the cells and the row note
	minFlexW    = 16.0 // narrowest flexible column, mm
)

type flexLayout struct {
	size, sub float64
	x, w      []float64 // column offsets and widths, mm from the table's left edge
	width     float64   // the table's width
}

func (t *flexTable) validate() error {
	if len(t.Columns) == 0 {
		return errors.New("pdf: table has no columns")
	}
	for i, r := range t.Rows {
		if len(r.Cells) != len(t.Columns) {
			return fmt.Errorf("pdf: table %q row %d has %d cells, want %d", t.Caption, i, len(r.Cells), len(t.Columns))
		}
	}
	if t.Total != nil && len(t.Total) != len(t.Columns) {
		return fmt.Errorf("pdf: table %q total has %d cells, want %d", t.Caption, len(t.Total), len(t.Columns))
	}
	if t.NoteFrom < 0 || t.NoteFrom >= len(t.Columns) {
		return fmt.Errorf("pdf: table %q notes start at column %d of %d", t.Caption, t.NoteFrom, len(t.Columns))
	}
	return nil
}

// layout sizes the columns for a table rowW mm wide at most. Fit columns get
// their content width; flexible ones share the rest. A table with no
// flexible column is only as wide as its content.
func (t *flexTable) layout(rowW float64) flexLayout {
	size := t.Size
	if size == 0 {
		size = sizeBody
	}
	l := flexLayout{size: size, sub: size - 1.5, x: make([]float64, len(t.Columns)), w: make([]float64, len(t.Columns))}
	fixed, weights := 0.0, 0.0
	for j, c := range t.Columns {
		if !c.Fit {
			weights += max(c.Weight, 0.1)
			continue
		}
		content := 0.0
		measure := func(cell string, bold bool) {
			main, sub, _ := strings.Cut(cell, "\n")
			content = max(content, stringWidth(cleanText(main), bold, size))
			if sub != "" {
				content = max(content, stringWidth(cleanText(sub), false, l.sub))
			}
		}
		for _, r := range t.Rows {
			measure(r.Cells[j], false)
		}
		if t.Total != nil {
			measure(t.Total[j], true)
		}
		// The header may wrap between words, but not when keeping it on
		// one line costs little.
		head := stringWidth(cleanText(c.Header), true, size)
		if head > 1.35*content && head > content+12 {
			head = 0
			for _, w := range strings.Fields(c.Header) {
				head = max(head, stringWidth(w, true, size))
			}
		}
		l.w[j] = max(content, head) + 2*cellPadX + 0.3
		fixed += l.w[j]
	}
	// Too much fixed content: cap the widest fit columns (their text will
	// wrap) so that the narrow ones (dates, amounts) keep their width and
	// every flexible column keeps a readable one.
	target := max(rowW-minFlexW*float64(countFlex(t.Columns)), rowW/2)
	if fixed > target {
		var ws []float64
		for j, c := range t.Columns {
			if c.Fit {
				ws = append(ws, l.w[j])
			}
		}
		limit := waterLevel(ws, target)
		fixed = 0
		for j, c := range t.Columns {
			if c.Fit {
				l.w[j] = min(l.w[j], limit)
				fixed += l.w[j]
			}
		}
	}
	rest := max(rowW-fixed, 0)
	for j, c := range t.Columns {
		if !c.Fit {
			l.w[j] = rest * max(c.Weight, 0.1) / weights
		}
	}
	x := 0.0
	for j := range l.w {
		l.x[j] = x
		x += l.w[j]
	}
	l.width = min(x, rowW)
	return l
}

// waterLevel is the cap c for which the widths ws, each cut down to c, add
// up to total.
func waterLevel(ws []float64, total float64) float64 {
	sorted := append([]float64(nil), ws...)
	sort.Float64s(sorted)
	left := total
	for i, w := range sorted {
		n := float64(len(sorted) - i)
		if w*n >= left {
			return max(left/n, 0)
		}
		left -= w
	}
	return sorted[len(sorted)-1]
}

func countFlex(cols []flexCol) int {
	n := 0
	for _, c := range cols {
		if !c.Fit {
			n++
		}
	}
	return n
}

// addFlexTable adds t; errors are recorded in d and reported by Bytes.
func (d *Document) addFlexTable(t flexTable) {
	if err := t.validate(); err != nil {
		d.fail(err)
		return
	}
	if d.done {
		d.fail(errors.New("pdf: document already generated"))
		return
	}
	rowW := d.probe.cell.Width
	l := t.layout(rowW)
	mk := func(c *tableLine) measured {
		r := row.New().Add(col.New(GridSize).Add(c))
		return measured{r, d.measure(r)}
	}
	caption := func(cont bool) []measured {
		if t.Caption == "" {
			return nil
		}
		c := t.Caption
		if cont {
			c += " (continued)"
		}
		r := row.New().Add(text.NewCol(GridSize, cleanText(c), pad(textProp(sizeHeading, fontstyle.Bold, colorAccent, align.Left), 0, 1.6, 0)))
		return []measured{{r, d.measure(r)}}
	}
	head := func(cont bool) []measured {
		out := caption(cont)
		if len(t.Rows) == 0 {
			return out
		}
		return append(out, mk(t.line(l, rowW, roleHeader, flexRow{}, 0)))
	}
	d.Spacer(4)
	if len(t.Rows) == 0 {
		ms := caption(false)
		if t.Empty != "" {
			p := pad(textProp(sizeBody, fontstyle.Normal, colorMuted, align.Left), 0.5, 1.2, 0)
			r := row.New().Add(text.NewCol(GridSize, cleanText(t.Empty), p))
			ms = append(ms, measured{r, d.measure(r)})
		}
		h := 0.0
		for _, m := range ms {
			h += m.h
		}
		d.ensure(h)
		for _, m := range ms {
			d.push(m.r, m.h)
		}
		d.Spacer(5)
		return
	}
	var total *measured
	if t.Total != nil {
		m := mk(t.line(l, rowW, roleTotal, flexRow{Cells: t.Total}, 0))
		total = &m
	}
	last := len(t.Rows) - 1
	body := func(i int) measured {
		role := roleBody
		if i == last && total == nil {
			role = roleLast
		}
		return mk(t.line(l, rowW, role, t.Rows[i], i))
	}
	if err := d.paginate(t.Caption, head, len(t.Rows), body, total); err != nil {
		d.fail(err)
		return
	}
	d.Spacer(5)
}

// Row roles for flexTable.line.
const (
	roleHeader = iota
	roleBody
	roleLast // the last body row, closed by a hairline
	roleTotal
)

// line builds the component of the header, a body row (i counts rows for
// the zebra stripes) or the total.
func (t *flexTable) line(l flexLayout, rowW float64, role int, r flexRow, i int) *tableLine {
	tl := &tableLine{rowW: rowW, l: l}
	cells, note := r.Cells, r.Note
	bold, color := false, colorInk
	switch role {
	case roleHeader:
		cells, note = nil, ""
		for _, c := range t.Columns {
			cells = append(cells, c.Header)
		}
		bold, color = true, colorWhite
		fill := colorAccent
		tl.fill = &fill
	case roleTotal:
		bold = true
		rule := colorAccent
		tl.ruleTop, tl.ruleTopW = &rule, 0.35
		tl.extraTop = 0.6
	case roleLast:
		rule := colorRule
		tl.ruleBottom = &rule
	}
	if role != roleHeader && role != roleTotal && i%2 == 1 {
		fill := colorZebra
		tl.fill = &fill
	}
	style := fontstyle.Normal
	if bold {
		style = fontstyle.Bold
	}
	for j, c := range t.Columns {
		main, sub, _ := strings.Cut(cells[j], "\n")
		textW := l.w[j] - 2*cellPadX
		p := pad(textProp(l.size, style, color, c.Align.maroto()), cellPadTop+tl.extraTop, 0, cellPadX)
		p.VerticalPadding = cellLineGap
		tc := flexCell{main: text.New(splitLongWords(cleanText(main), bold, l.size, textW), p)}
		if sub != "" {
			sp := pad(textProp(l.sub, fontstyle.Normal, colorMuted, c.Align.maroto()), flexSubGap, 0, cellPadX)
			sp.VerticalPadding = cellLineGap / 2
			tc.sub = text.New(splitLongWords(cleanText(sub), false, l.sub, textW), sp)
		}
		tl.cells = append(tl.cells, tc)
	}
	if note != "" {
		tl.noteFrom, tl.noteX = t.NoteFrom, l.x[t.NoteFrom]
		np := pad(textProp(l.sub, fontstyle.Normal, colorMuted, align.Left), flexNoteGap, 0, cellPadX)
		np.VerticalPadding = cellLineGap / 2
		tl.note = text.New(splitLongWords(cleanText(note), false, l.sub, l.width-tl.noteX-2*cellPadX), np)
	}
	return tl
}

type flexCell struct{ main, sub core.Component }

// tableLine is one table row drawn as a single maroto component, so that
// columns can have any width. It draws its own background and rules with
// maroto's line primitive (a stroke as thick as the row is a filled box).
type tableLine struct {
	rowW       float64 // the width the layout was made for
	l          flexLayout
	cells      []flexCell
	note       core.Component
	noteFrom   int
	noteX      float64
	fill       *props.Color
	ruleTop    *props.Color
	ruleTopW   float64
	ruleBottom *props.Color
	extraTop   float64
}

func (tl *tableLine) SetConfig(cfg *entity.Config) {
	for _, c := range tl.cells {
		c.main.SetConfig(cfg)
		if c.sub != nil {
			c.sub.SetConfig(cfg)
		}
	}
	if tl.note != nil {
		tl.note.SetConfig(cfg)
	}
}

func (tl *tableLine) GetStructure() *node.Node[core.Structure] {
	return node.New(core.Structure{Type: "pdf.tableLine"})
}

// sub returns the cell of column j (or of the note for j < 0) inside c.
func (tl *tableLine) sub(c *entity.Cell, j int) *entity.Cell {
	k := c.Width / tl.rowW
	if j < 0 {
		return &entity.Cell{X: c.X + tl.noteX*k, Y: c.Y, Width: (tl.l.width - tl.noteX) * k, Height: c.Height}
	}
	return &entity.Cell{X: c.X + tl.l.x[j]*k, Y: c.Y, Width: tl.l.w[j] * k, Height: c.Height}
}

// cellsHeight is the height of the tallest cell without bottom padding,
// among the cells left of the note (before) and the cells above it (above).
func (tl *tableLine) cellsHeight(p core.Provider, c *entity.Cell) (before, above float64) {
	for j, fc := range tl.cells {
		sc := tl.sub(c, j)
		ch := fc.main.GetHeight(p, sc)
		if fc.sub != nil {
			ch += fc.sub.GetHeight(p, sc)
		}
		if tl.note != nil && j < tl.noteFrom {
			before = max(before, ch)
		} else {
			above = max(above, ch)
		}
	}
	return before, above
}

func (tl *tableLine) GetHeight(p core.Provider, c *entity.Cell) float64 {
	before, above := tl.cellsHeight(p, c)
	if tl.note != nil {
		above += tl.note.GetHeight(p, tl.sub(c, -1))
	}
	return max(before, above) + cellPadBottom
}

func (tl *tableLine) Render(p core.Provider, c *entity.Cell) {
	k := c.Width / tl.rowW
	width := tl.l.width * k
	if tl.fill != nil {
		p.AddLine(&entity.Cell{X: c.X, Y: c.Y, Width: width, Height: c.Height},
			&props.Line{Color: tl.fill, Style: linestyle.Solid, Thickness: c.Height, Orientation: orientation.Horizontal, OffsetPercent: 50, SizePercent: 100})
	}
	if tl.ruleTop != nil {
		p.AddLine(&entity.Cell{X: c.X, Y: c.Y, Width: width, Height: c.Height},
			&props.Line{Color: tl.ruleTop, Style: linestyle.Solid, Thickness: tl.ruleTopW, Orientation: orientation.Horizontal, OffsetPercent: 0, SizePercent: 100})
	}
	if tl.ruleBottom != nil {
		p.AddLine(&entity.Cell{X: c.X, Y: c.Y, Width: width, Height: c.Height},
			&props.Line{Color: tl.ruleBottom, Style: linestyle.Solid, Thickness: 0.2, Orientation: orientation.Horizontal, OffsetPercent: 100, SizePercent: 100})
	}
	for j, fc := range tl.cells {
		sc := tl.sub(c, j)
		fc.main.Render(p, sc)
		if fc.sub != nil {
			below := *sc
			below.Y += fc.main.GetHeight(p, sc)
			fc.sub.Render(p, &below)
		}
	}
	if tl.note != nil {
		nc := tl.sub(c, -1)
		_, above := tl.cellsHeight(p, c)
		nc.Y += above
		tl.note.Render(p, nc)
	}
}
