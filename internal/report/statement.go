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

// Statements builds one statement per partner with a payout row, deals or leads in the
// period, in partner id order.
func Statements(r *commission.Result) []*Statement {
	return StatementsFrom(r, PayoutRows(r))
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

// StatementsFrom is Statements with the payout rows already worded by PayoutRows(r).
func StatementsFrom(r *commission.Result, rows []*PayoutRow) []*Statement {
	p := r.Program
	yearStart := civil.New(r.Period.Year(), 1, 1)
	end := r.Period.Last()
	inYear := func(d civil.Date) bool { return !d.IsZero() && !d.Before(yearStart) && !d.After(end) }
	touches := func(d *commission.Deal, in func(civil.Date) bool) bool {
		return in(d.Created) || (d.Status != domain.Open && in(d.Closed))
	}
	row := lineRows(p)
	// Each partner's lines, deals and ledger payouts, found in one pass each, so a
	// program of a thousand partners does not scan everything a thousand times.
	pending := map[string][]LineRow{}
	for _, l := range r.Lines {
		if l.State == commission.Pending {
			pending[l.PartnerID] = append(pending[l.PartnerID], row(l, ""))
		}
	}
	dealsOf := map[string][]*commission.Deal{}
	for _, d := range r.Deals {
		if d.Partner != nil {
			dealsOf[d.Partner.ID] = append(dealsOf[d.Partner.ID], d)
		}
	}
	ledgerOf := map[string][]*domain.IssuedPayout{}
	for _, lp := range r.Ledger.Payouts {
		ledgerOf[lp.PartnerID] = append(ledgerOf[lp.PartnerID], lp)
	}
	payoutOf := map[string]*PayoutRow{}
	for i, po := range r.Payouts {
		payoutOf[po.Partner.ID] = rows[i]
	}
	var out []*Statement
	ids := make([]string, 0, len(p.Partners))
	for _, x := range p.Partners {
		ids = append(ids, x.ID)
	}
	sort.Strings(ids)
	for _, id := range ids {
		s := &Statement{Firm: p.Name, Currency: p.Currency, Policy: p.Policy, Period: r.Period, AsOf: r.AsOf,
			Partner: partnerInfo(p.Partner(id)), MinimumPayout: p.MinimumPayout}
		var deals, ytd, leads []*commission.Deal
		if po := payoutOf[id]; po != nil {
			s.Payout = po
			s.PayoutID, s.Lines = po.ID, po.Lines
		}
		s.Pending = pending[id]
		last := lastStatement(ledgerOf[id], r.Period)
		for _, lp := range ledgerOf[id] {
			// The ledger is as it stood on as-of (commission.Compute clears a paid date
			// after it): a payout paid since is still outstanding here.
			switch {
			case lp.Paid.IsZero() && (lp.Status == book.StatusDue || lp.Status == book.StatusReceivable):
				row := issuedRow(lp)
				row.Due = commission.DueOf(lp, p) // a blank due date, as the overdue list has it
				if row.Due.Before(r.AsOf) {
					row.DaysLate = row.Due.DaysUntil(r.AsOf)
				}
				s.Outstanding = append(s.Outstanding, row)
			case paidSince(lp, last, r.AsOf):
				s.PaidSince = append(s.PaidSince, issuedRow(lp))
			}
		}
		for _, d := range dealsOf[id] {
			// Campaign leads dealt to the partner are listed as leads, not again as its deals.
			if d.Campaign != nil && d.LeadOwner == id {
				if touches(d, inYear) {
					leads = append(leads, d)
				}
				continue
			}
			if touches(d, r.Period.Contains) {
				deals = append(deals, d)
			}
			if touches(d, inYear) {
				ytd = append(ytd, d)
			}
		}
		if s.Payout == nil && len(deals) == 0 && !anyIn(leads, r.Period) {
			continue
		}
		s.DealsPeriod, s.DealsYTD, s.Leads = dealRows(deals), dealRows(ytd), dealRows(leads)
		out = append(out, s)
	}
	return out
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
	for _, l := range po.Lines {
		out.Lines = append(out.Lines, row(l, po.ID))
	}
	return out
}

func issuedRow(p *domain.IssuedPayout) IssuedRow {
	return IssuedRow{ID: p.ID, Period: p.Period, Amount: p.Amount, Status: p.Status, Due: p.Due, Paid: p.Paid, Reference: p.Reference}
}

// dealRows copies deals, ordered by created date then id, the order a partner recognises.
func dealRows(ds []*commission.Deal) []DealRow {
	sort.SliceStable(ds, func(i, j int) bool {
		if c := ds[i].Created.Compare(ds[j].Created); c != 0 {
			return c < 0
		}
		return ds[i].ID < ds[j].ID
	})
	var out []DealRow
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

func anyIn(ds []*commission.Deal, m civil.Month) bool {
	for _, d := range ds {
		if m.Contains(d.Created) {
			return true
		}
	}
	return false
}
