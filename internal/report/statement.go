package report

import (
	"sort"
	"strings"

	"github.com/partnerbook/partnerbook/internal/book"
	"github.com/partnerbook/partnerbook/internal/civil"
	"github.com/partnerbook/partnerbook/internal/commission"
	"github.com/partnerbook/partnerbook/internal/domain"
	"github.com/partnerbook/partnerbook/internal/money"
)

// Statement is everything one partner's monthly statement shows, and nothing about any
// other partner: renderers get this value only, so a statement cannot leak another
// partner's data by construction. It holds copies (strings, amounts, dates and rows),
// never the program or the computed result, so an edited e-mail template cannot reach
// another partner's terms or campaign shares either.
type Statement struct {
	Firm          string
	Currency      string
	Policy        money.Policy
	Period        civil.Month
	AsOf          civil.Date
	Partner       PartnerInfo
	MinimumPayout money.Amount // below it a payout is carried forward
	PayoutID      string       // "" when there is no payout row this period
	Payout        *PayoutRow   // nil when there is none
	Lines         []LineRow    // the payout's lines
	Pending       []LineRow    // earned but not yet payable (after-hold, quarterly)

	Outstanding []IssuedRow // earlier payouts still unpaid (Due or Receivable with no paid date)
	PaidSince   []IssuedRow // earlier payouts paid since the last statement; Paid is zero when finance typed "Paid" without a date

	DealsPeriod []DealRow // created or closed in the period
	DealsYTD    []DealRow // created or closed this calendar year up to the period end
	Leads       []DealRow // campaign leads allocated to the partner this year
}

// PartnerInfo is who a statement or payout is for.
type PartnerInfo struct {
	ID, Name, Email string
	Type, Status    string // "referral", "active"
	Contact         string // the person addressed ("Zoë Martin"); "" when the program names none
}

// Greeting is who the e-mail greets: the contact's first name ("Zoë"), else the
// partner's name.
func (p PartnerInfo) Greeting() string {
	if f := strings.Fields(p.Contact); len(f) > 0 {
		return f[0]
	}
	return p.Name
}

// PayoutRow is one partner's payout of the period: a row of the Payouts sheet.
type PayoutRow struct {
	ID        string
	Partner   PartnerInfo
	Period    civil.Month
	Opening   money.Amount
	Earned    money.Amount
	Clawbacks money.Amount
	Charges   money.Amount
	Amount    money.Amount
	Status    book.PayoutStatus
	OwedToUs  money.Amount // -Amount for a Receivable ("you owe us: $5,800.40"), else zero
	Due       civil.Date   // zero when carried forward or nil
	Lines     []LineRow    // sorted by eligible date, then ID
}

// LineRow is one commission line as people read it: a row of the Lines sheet or of a
// statement, its rate and description already worded (Describe).
type LineRow struct {
	ID          string
	PayoutID    string // "" for a pending line
	PartnerID   string
	DealID      string // "" for campaign lines
	CampaignID  string // for campaign lines
	Client      string
	Rule        string // "referral", "clawback", "revenue-share", "wholesale", "campaign-cost"
	Basis       money.Amount
	Rate        string // the percent applied to Basis ("15%"); "" for flat fees, clawbacks and corrections (see Describe)
	Amount      money.Amount
	Event       civil.Date
	Eligible    civil.Date
	Description string
	Opening     bool // carried forward from an earlier payout
}

// IssuedRow is a payout of an earlier period, as the ledger has it.
type IssuedRow struct {
	ID        string
	Period    civil.Month
	Amount    money.Amount
	Status    book.PayoutStatus
	Due       civil.Date
	Paid      civil.Date // zero until finance fills it in (or retyped the status "Paid" without a date)
	Reference string
	DaysLate  int // unpaid Due or Receivable past its due date as of the run; 0 otherwise
}

// DealRow is a CRM deal as a partner sees it.
type DealRow struct {
	ID, Name, Client string
	Stage            string // as the CRM wrote it
	StatusText       string // as the CRM wrote it
	Status           string // "open", "won" or "lost"
	Won              bool
	Value            money.Amount
	Created          civil.Date
	Closed           civil.Date // won or lost date; zero while open
	CampaignID       string     // campaign leads: the campaign
	CampaignName     string
}

// PayoutRows words every payout of r once, in r.Payouts order. The statements, the
// finance files and the workbook show the same rows: built from one PayoutRows they
// share them (read-only) instead of each holding its own copy of every line.
func PayoutRows(r *commission.Result) []*PayoutRow {
	row := lineRows(r.Program)
	out := make([]*PayoutRow, len(r.Payouts))
	for i, po := range r.Payouts {
		out[i] = payoutRow(po, row)
	}
	return out
}

// PayoutHeads are r's payout rows without their lines, in r.Payouts order: what the
// finance check reads (who is paid how much, and how), without wording a line.
func PayoutHeads(r *commission.Result) []*PayoutRow {
	out := make([]*PayoutRow, len(r.Payouts))
	for i, po := range r.Payouts {
		out[i] = payoutRow(po, nil)
	}
	return out
}

// Statements are a run's statements: one per partner with a payout row, deals or leads
// in the period, in partner id order. PlanStatements finds who gets one and what each
// lists; Statement builds one when it is rendered, so a run holds the statements being
// rendered instead of every partner's deal rows at once.
//
// Planned statements point into the computed result. DetachDeals and DetachPayouts copy
// what they show (the rows of the year's deals and leads, the pending lines worded, the
// payout rows) so that the result can be let go before the statements are rendered.
type Statements struct {
	head     Statement // what every statement shares: firm, currency, policy, period, as-of, minimum payout
	word     func(*commission.Line, string) LineRow
	partners []partnerStatement
}

// partnerStatement is what one partner's statement is made of: pointers into the
// result until detached, copies after.
type partnerStatement struct {
	info        PartnerInfo
	outstanding []IssuedRow
	paidSince   []IssuedRow

	payout *commission.Payout // until DetachPayouts; nil when the partner has no payout row
	row    *PayoutRow         // after DetachPayouts

	pending     []*commission.Line // until DetachDeals
	deals       []*commission.Deal // created or closed this year up to the period end, by created date then id
	leads       []*commission.Deal // campaign leads allocated to the partner this year, in the same order
	copied      bool               // DetachDeals made the rows below
	pendingRows []LineRow
	dealRows    []DealRow
	leadRows    []DealRow
}

// BuildStatements builds every statement of r at once.
func BuildStatements(r *commission.Result) []*Statement {
	return PlanStatements(r).All()
}

// PlanStatements finds which partners get a statement (a payout row, deals or leads in
// the period) and gathers what each lists, without building any.
func PlanStatements(r *commission.Result) *Statements {
	p := r.Program
	yearStart := civil.New(r.Period.Year(), 1, 1)
	end := r.Period.Last()
	inYear := func(d civil.Date) bool { return !d.IsZero() && !d.Before(yearStart) && !d.After(end) }
	ids := make([]string, 0, len(p.Partners))
	for _, x := range p.Partners {
		ids = append(ids, x.ID)
	}
	sort.Strings(ids)
	all := make([]partnerStatement, len(ids))
	index := make(map[string]int, len(ids))
	for i, id := range ids {
		all[i].info = partnerInfo(p.Partner(id))
		index[id] = i
	}
	of := func(id string) *partnerStatement {
		if i, ok := index[id]; ok {
			return &all[i]
		}
		return nil
	}
	// Each partner's lines, deals and ledger payouts, found in one pass each, so a
	// program of a thousand partners does not scan everything a thousand times.
	for _, po := range r.Payouts {
		if x := of(po.Partner.ID); x != nil {
			x.payout = po
		}
	}
	for _, l := range r.Lines {
		if l.State == commission.Pending {
			if x := of(l.PartnerID); x != nil {
				x.pending = append(x.pending, l)
			}
		}
	}
	inPeriod := make([]bool, len(all)) // the partner has a deal of the period, or a lead created in it
	for _, d := range r.Deals {
		if d.Partner == nil || !touches(d.Created, d.Status == domain.Open, d.Closed, inYear) {
			continue
		}
		n, ok := index[d.Partner.ID]
		if !ok {
			continue
		}
		x := &all[n]
		// Campaign leads dealt to the partner are listed as leads, not again as its deals.
		if d.Campaign != nil && d.LeadOwner == d.Partner.ID {
			x.leads = append(x.leads, d)
			inPeriod[n] = inPeriod[n] || r.Period.Contains(d.Created)
			continue
		}
		x.deals = append(x.deals, d)
		inPeriod[n] = inPeriod[n] || touches(d.Created, d.Status == domain.Open, d.Closed, r.Period.Contains)
	}
	ledgerOf := map[string][]*domain.IssuedPayout{}
	for _, lp := range r.Ledger.Payouts {
		ledgerOf[lp.PartnerID] = append(ledgerOf[lp.PartnerID], lp)
	}
	out := &Statements{word: lineRows(p), head: Statement{Firm: p.Name, Currency: p.Currency, Policy: p.Policy,
		Period: r.Period, AsOf: r.AsOf, MinimumPayout: p.MinimumPayout}}
	for i := range all {
		x := all[i]
		if x.payout == nil && !inPeriod[i] {
			continue
		}
		byCreated(x.deals)
		byCreated(x.leads)
		led := ledgerOf[x.info.ID]
		last := lastStatement(led, r.Period)
		for _, lp := range led {
			// The ledger is as it stood on as-of (commission.Compute clears a paid date
			// after it): a payout paid since is still outstanding here.
			switch {
			case lp.Paid.IsZero() && (lp.Status == book.StatusDue || lp.Status == book.StatusReceivable):
				row := issuedRow(lp)
				row.Due = commission.DueOf(lp, p) // a blank due date, as the overdue list has it
				if row.Due.Before(r.AsOf) {
					row.DaysLate = row.Due.DaysUntil(r.AsOf)
				}
				x.outstanding = append(x.outstanding, row)
			case paidSince(lp, last, r.AsOf):
				x.paidSince = append(x.paidSince, issuedRow(lp))
			}
		}
		out.partners = append(out.partners, x)
	}
	return out
}

// touches reports whether a deal was created, or won or lost (not open), on a day in.
func touches(created civil.Date, open bool, closed civil.Date, in func(civil.Date) bool) bool {
	return in(created) || (!open && in(closed))
}

// Len is the number of statements.
func (s *Statements) Len() int { return len(s.partners) }

// Partner is whom the i-th statement is for.
func (s *Statements) Partner(i int) PartnerInfo { return s.partners[i].info }

// Statement builds the i-th statement. Statements built from the same Statements may
// share rows; renderers only read them.
func (s *Statements) Statement(i int) *Statement {
	x := &s.partners[i]
	st := s.head
	st.Partner, st.Outstanding, st.PaidSince = x.info, x.outstanding, x.paidSince
	row, pending, ytd, leads := x.row, x.pendingRows, x.dealRows, x.leadRows
	if x.payout != nil {
		row = payoutRow(x.payout, s.word)
	}
	if !x.copied {
		pending, ytd, leads = s.copyOf(x)
	}
	if row != nil {
		st.Payout = row
		st.PayoutID, st.Lines = row.ID, row.Lines
	}
	st.Pending = pending
	in := st.Period.Contains
	for _, d := range ytd {
		if touches(d.Created, d.Status == domain.Open.String(), d.Closed, in) {
			st.DealsPeriod = append(st.DealsPeriod, d)
		}
	}
	st.DealsYTD, st.Leads = ytd, leads
	return &st
}

// All builds every statement.
func (s *Statements) All() []*Statement {
	out := make([]*Statement, s.Len())
	for i := range out {
		out[i] = s.Statement(i)
	}
	return out
}

// DetachDeals copies the rows of the deals and leads the statements list, and their
// pending lines worded, out of the result they were planned from. Each partner's deals
// and lines are let go as soon as they are copied, so a caller that no longer holds
// the result's deals frees them while the rows are made.
func (s *Statements) DetachDeals() {
	for i := range s.partners {
		x := &s.partners[i]
		if x.copied {
			continue
		}
		x.pendingRows, x.dealRows, x.leadRows = s.copyOf(x)
		x.pending, x.deals, x.leads = nil, nil, nil
		x.copied = true
	}
}

// DetachPayouts has the statements show rows, the PayoutRows of the result they were
// planned from, shared and not copied, instead of wording the result's payouts. After
// it and DetachDeals the statements hold nothing of the result.
func (s *Statements) DetachPayouts(rows []*PayoutRow) {
	byID := make(map[string]*PayoutRow, len(rows))
	for _, r := range rows {
		byID[r.ID] = r
	}
	for i := range s.partners {
		x := &s.partners[i]
		if x.payout == nil {
			continue
		}
		if x.row = byID[x.payout.ID]; x.row == nil {
			x.row = payoutRow(x.payout, s.word)
		}
		x.payout = nil
	}
}

// copyOf words and copies the pending lines, deals and leads x points to.
func (s *Statements) copyOf(x *partnerStatement) (pending []LineRow, ytd, leads []DealRow) {
	if len(x.pending) > 0 {
		pending = make([]LineRow, len(x.pending))
		for i, l := range x.pending {
			pending[i] = s.word(l, "")
		}
	}
	return pending, dealRows(x.deals), dealRows(x.leads)
}

// lastStatement approximates the period of the partner's last statement before period:
// the latest earlier ledger period with a payout row of the partner (zero if none). The
// ledger records payouts only, so a statement sent for deals or leads alone is not seen.
func lastStatement(ledger []*domain.IssuedPayout, period civil.Month) civil.Month {
	var last civil.Month
	for _, lp := range ledger {
		if lp.Period.Compare(period) < 0 && lp.Period.Compare(last) > 0 {
			last = lp.Period
		}
	}
	return last
}

// paidSince reports whether a ledger payout goes under "paid since the last statement":
// paid on or before asOf and after the end of the partner's last statement period
// (last), when that statement last listed it as unsettled. The payout of period last is
// that statement's own, never listed by it as paid, so it counts whatever its paid date.
// One retyped "Paid" without a date is listed, its date not given, when it is the
// payout of period last: so it is listed once, not in every statement after.
//
// A statement sent without a payout row (deals or leads only) leaves no trace in the
// ledger, so a payment made before it is listed again in the next statement: listed
// twice rather than never.
func paidSince(lp *domain.IssuedPayout, last civil.Month, asOf civil.Date) bool {
	if last.IsZero() {
		last = lp.Period // no earlier row: the payout's own period
	}
	if lp.Paid.IsZero() {
		return lp.Status == book.StatusPaid && lp.Period == last
	}
	return !lp.Paid.After(asOf) && (lp.Period == last || lp.Paid.After(last.Last()))
}

func partnerInfo(x *domain.Partner) PartnerInfo {
	return PartnerInfo{ID: x.ID, Name: x.Name, Email: x.Email, Type: string(x.Type), Status: string(x.Status), Contact: x.Contact}
}

// lineRows words lines in the program's currency.
func lineRows(p *domain.Program) func(l *commission.Line, payoutID string) LineRow {
	return func(l *commission.Line, payoutID string) LineRow {
		rate, desc := Describe(l, p.Policy, p.Currency)
		return LineRow{ID: l.ID, PayoutID: payoutID, PartnerID: l.PartnerID, DealID: l.DealID, CampaignID: l.CampaignID,
			Client: l.Client, Rule: string(l.Rule), Basis: l.Basis, Rate: rate, Amount: l.Amount,
			Event: l.Event, Eligible: l.Eligible, Description: desc, Opening: l.Opening}
	}
}

func payoutRow(po *commission.Payout, row func(*commission.Line, string) LineRow) *PayoutRow {
	out := &PayoutRow{ID: po.ID, Partner: partnerInfo(po.Partner), Period: po.Period, Opening: po.Opening, Earned: po.Earned,
		Clawbacks: po.Clawbacks, Charges: po.Charges, Amount: po.Amount, Status: po.Status, Due: po.Due}
	if po.Status == book.StatusReceivable {
		out.OwedToUs = po.Amount.Neg()
	}
	if row == nil || len(po.Lines) == 0 {
		return out // a head (PayoutHeads), or no lines
	}
	out.Lines = make([]LineRow, 0, len(po.Lines))
	for _, l := range po.Lines {
		out.Lines = append(out.Lines, row(l, po.ID))
	}
	return out
}

func issuedRow(p *domain.IssuedPayout) IssuedRow {
	return IssuedRow{ID: p.ID, Period: p.Period, Amount: p.Amount, Status: p.Status, Due: p.Due, Paid: p.Paid, Reference: p.Reference}
}

// byCreated orders deals by created date then id, the order a partner recognises; deals
// alike in both keep their order.
func byCreated(ds []*commission.Deal) {
	sort.SliceStable(ds, func(i, j int) bool {
		if c := ds[i].Created.Compare(ds[j].Created); c != 0 {
			return c < 0
		}
		return ds[i].ID < ds[j].ID
	})
}

// dealRows copies deals, in their order; nil for none.
func dealRows(ds []*commission.Deal) []DealRow {
	if len(ds) == 0 {
		return nil
	}
	out := make([]DealRow, 0, len(ds))
	for _, d := range ds {
		row := DealRow{ID: d.ID, Name: d.Name, Client: d.Client, Stage: d.Stage, StatusText: d.StatusText,
			Status: d.Status.String(), Won: d.Status == domain.Won, Value: d.Value, Created: d.Created, Closed: d.Closed}
		if d.Campaign != nil {
			row.CampaignID, row.CampaignName = d.Campaign.ID, d.Campaign.Name
		}
		out = append(out, row)
	}
	return out
}
