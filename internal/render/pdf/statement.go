package pdf

import (
	"errors"
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

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

	gofpdfCompression bool // see Options
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

		gofpdfCompression: r.gofpdfCompression,
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
	amount := Field{Label: "Payout amount", Value: r.money(p.Amount), Emphasis: true}
	if p.Status == book.StatusReceivable {
		amount = Field{Label: upperFirst(report.YouOweUs), Value: r.money(p.Amount.Neg()), Emphasis: true}
	}
	_ = d.AddSummary("Summary", []Field{
		{Label: "Opening balance (carried forward)", Value: r.money(p.Opening)},
		{Label: "Earned", Value: r.money(p.Earned)},
		{Label: "Clawbacks", Value: r.money(p.Clawbacks)},
		{Label: "Charges", Value: r.money(p.Charges)},
		amount,
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
		return fmt.Sprintf("%s: %s by %s; an invoice follows.", upperFirst(report.YouOweUs), r.money(p.Amount.Neg()), p.Due)
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
	// Amounts are positive; the status says who owes whom, as on the summary.
	for _, p := range r.s.Outstanding {
		amount := p.Amount
		if p.Status == book.StatusReceivable {
			amount = amount.Neg()
		}
		t.Rows = append(t.Rows, flexRow{Cells: []string{p.ID, p.Period.String(), r.ledgerStatus(p), dateOrDash(p.Due), r.money(amount)}})
	}
	r.d.addFlexTable(t)
}

// ledgerStatus says who owes whom, and how late an unpaid payout is as of the statement.
func (r *stmt) ledgerStatus(p report.IssuedRow) string {
	st := string(p.Status)
	switch p.Status {
	case book.StatusDue:
		st += ", we owe you"
	case book.StatusReceivable:
		st += ", " + report.YouOweUs
	}
	if p.DaysLate > 0 {
		st += "\n" + plural(p.DaysLate, "day") + " overdue"
	}
	return st
}

// upperFirst capitalises the first letter of a sentence.
func upperFirst(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	return string(unicode.ToUpper(r)) + s[n:]
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
		// Finance may retype the status "Paid" and leave the date blank.
		paid := "date not given"
		if !p.Paid.IsZero() {
			paid = p.Paid.String()
		}
		// A receivable the partner paid reads from its side, its amount positive, as
		// the summary words what it owes.
		amount := r.money(p.Amount)
		if p.Amount.Sign() < 0 {
			amount = report.YouPaidUs + " " + r.money(p.Amount.Neg())
		}
		t.Rows = append(t.Rows, flexRow{Cells: []string{p.ID, p.Period.String(), paid, ref, amount}})
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
	return fmt.Sprintf("%s %d", m.Month(), m.Year())
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
