package report

import (
	"sort"

	"github.com/partnerbook/partnerbook/internal/book"
	"github.com/partnerbook/partnerbook/internal/civil"
	"github.com/partnerbook/partnerbook/internal/commission"
	"github.com/partnerbook/partnerbook/internal/crm"
	"github.com/partnerbook/partnerbook/internal/ledger"
	"github.com/partnerbook/partnerbook/internal/money"
	"github.com/partnerbook/partnerbook/internal/terms"
)

// Statement is everything one partner's monthly statement shows, and nothing about any
// other partner: renderers get this value only, so a statement cannot leak another
// partner's data by construction.
type Statement struct {
	Firm          string
	Currency      string
	Policy        money.Policy
	Period        civil.Month
	AsOf          civil.Date
	Partner       *terms.Partner
	MinimumPayout money.Amount       // below it a payout is carried forward
	PayoutID      string             // "" when there is no payout row this period
	Payout        *commission.Payout // nil when there is none
	Lines         []*commission.Line // the payout's lines
	Pending       []*commission.Line // earned but not yet payable (after-hold, quarterly)

	Outstanding []*ledger.Payout // earlier payouts still unpaid (Due or Receivable with no paid date)
	PaidSince   []*ledger.Payout // earlier payouts paid since the last statement

	DealsPeriod []*commission.Deal // created or closed in the period
	DealsYTD    []*commission.Deal // created or closed this calendar year up to the period end
	Leads       []*commission.Deal // campaign leads allocated to the partner this year
}

// Statements builds one statement per partner with a payout row, deals or leads in the
// period, in partner id order.
func Statements(r *commission.Result) []*Statement {
	p := r.Program
	yearStart := civil.Date{Year: r.Period.Year, Month: 1, Day: 1}
	end := r.Period.Last()
	inYear := func(d civil.Date) bool { return !d.IsZero() && !d.Before(yearStart) && !d.After(end) }
	touches := func(d *commission.Deal, in func(civil.Date) bool) bool {
		return in(d.Created) || (d.Status != crm.Open && in(d.Closed))
	}
	// Each partner's lines, deals and ledger payouts, found in one pass each, so a
	// program of a thousand partners does not scan everything a thousand times.
	pending := map[string][]*commission.Line{}
	for _, l := range r.Lines {
		if l.State == commission.Pending {
			pending[l.PartnerID] = append(pending[l.PartnerID], l)
		}
	}
	dealsOf := map[string][]*commission.Deal{}
	for _, d := range r.Deals {
		if d.Partner != nil {
			dealsOf[d.Partner.ID] = append(dealsOf[d.Partner.ID], d)
		}
	}
	ledgerOf := map[string][]*ledger.Payout{}
	for _, lp := range r.Ledger.Payouts {
		ledgerOf[lp.PartnerID] = append(ledgerOf[lp.PartnerID], lp)
	}
	payoutOf := map[string]*commission.Payout{}
	for _, po := range r.Payouts {
		payoutOf[po.Partner.ID] = po
	}
	prev := r.Period.Add(-1)
	var out []*Statement
	ids := make([]string, 0, len(p.Partners))
	for _, x := range p.Partners {
		ids = append(ids, x.ID)
	}
	sort.Strings(ids)
	for _, id := range ids {
		part := p.Partner(id)
		s := &Statement{Firm: p.Name, Currency: p.Currency, Policy: p.Policy, Period: r.Period, AsOf: r.AsOf, Partner: part,
			MinimumPayout: p.MinimumPayout}
		if po := payoutOf[id]; po != nil {
			s.Payout, s.PayoutID, s.Lines = po, po.ID, po.Lines
		}
		s.Pending = pending[id]
		for _, lp := range ledgerOf[id] {
			switch {
			case lp.Paid.IsZero() && (lp.Status == book.StatusDue || lp.Status == book.StatusReceivable):
				s.Outstanding = append(s.Outstanding, lp)
			// Paid since the last statement: the previous period's payouts were all unpaid
			// when that statement was made, whatever their paid date says; older ones
			// count when paid after the previous period ended.
			case !lp.Paid.IsZero() && !lp.Paid.After(r.AsOf) && (lp.Period == prev || lp.Paid.After(prev.Last())):
				s.PaidSince = append(s.PaidSince, lp)
			}
		}
		for _, d := range dealsOf[id] {
			// Campaign leads dealt to the partner are listed as leads, not again as its deals.
			if d.Campaign != nil && d.LeadOwner == id {
				if touches(d, inYear) {
					s.Leads = append(s.Leads, d)
				}
				continue
			}
			if touches(d, r.Period.Contains) {
				s.DealsPeriod = append(s.DealsPeriod, d)
			}
			if touches(d, inYear) {
				s.DealsYTD = append(s.DealsYTD, d)
			}
		}
		if s.Payout == nil && len(s.DealsPeriod) == 0 && !anyIn(s.Leads, r.Period) {
			continue
		}
		for _, list := range [][]*commission.Deal{s.DealsPeriod, s.DealsYTD, s.Leads} {
			sortDeals(list)
		}
		out = append(out, s)
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

// sortDeals orders by created date then id, the order a partner recognises.
func sortDeals(ds []*commission.Deal) {
	sort.SliceStable(ds, func(i, j int) bool {
		if c := ds[i].Created.Compare(ds[j].Created); c != 0 {
			return c < 0
		}
		return ds[i].ID < ds[j].ID
	})
}
