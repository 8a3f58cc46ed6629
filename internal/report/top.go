package report

import (
	"github.com/partnerbook/partnerbook/internal/book"
	"github.com/partnerbook/partnerbook/internal/money"
)

// DefaultTopPartners is how many partners the owner report and the dashboard list
// in each per-partner table or chart when the program does not say: past it, a
// table or chart of 10,000 partners is neither readable nor quick to open. The
// rest are summed into one row, so every total still agrees with the full figures.
const DefaultTopPartners = 50

// Top is how many partners per-partner tables and charts list (see TopPartners).
func (rep *Report) Top() int {
	if rep.TopPartners > 0 {
		return rep.TopPartners
	}
	return DefaultTopPartners
}

// Split cuts rows, already in the order they are shown, into the first Top()
// partners and the rest.
func (rep *Report) Split(rows []*PartnerRow) (top, rest []*PartnerRow) {
	n := rep.Top()
	if len(rows) <= n {
		return rows, nil
	}
	return rows[:n], rows[n:]
}

// Others is the sum of partner rows: the one row that stands for the partners a
// table or chart does not list. Counts and amounts are sums; Return and
// MarginRatio are the ratios of the sums; this period's payouts are also summed by
// status.
type Others struct {
	PartnerRow
	Partners                 int
	Due, Carried, Receivable money.Amount // this period's payouts by status; Receivable is negative (ledger sign)
}

// Sum adds up rows.
func Sum(rows []*PartnerRow) *Others {
	o := &Others{Partners: len(rows)}
	s := &o.PartnerRow
	for _, p := range rows {
		s.Leads += p.Leads
		s.Proposals += p.Proposals
		s.WonOfLeads += p.WonOfLeads
		s.Won += p.Won
		s.WonValue = s.WonValue.Add(p.WonValue)
		s.Revenue = s.Revenue.Add(p.Revenue)
		s.Cost = s.Cost.Add(p.Cost)
		s.PeriodPayout = s.PeriodPayout.Add(p.PeriodPayout)
		s.Paid = s.Paid.Add(p.Paid)
		s.PaidOwedToUs = s.PaidOwedToUs.Add(p.PaidOwedToUs)
		s.Overdue = s.Overdue.Add(p.Overdue)
		s.OverdueOwedToUs = s.OverdueOwedToUs.Add(p.OverdueOwedToUs)
		s.QuarterRevenue = s.QuarterRevenue.Add(p.QuarterRevenue)
		s.QuarterProposals += p.QuarterProposals
		s.MarginCost = s.MarginCost.Add(p.MarginCost)
		s.MarginFirstYear = s.MarginFirstYear.Add(p.MarginFirstYear)
		for i, m := range p.MonthRevenue {
			for len(s.MonthRevenue) <= i {
				s.MonthRevenue = append(s.MonthRevenue, money.Zero)
			}
			s.MonthRevenue[i] = s.MonthRevenue[i].Add(m)
		}
		switch p.PeriodStatus {
		case string(book.StatusDue):
			o.Due = o.Due.Add(p.PeriodPayout)
		case string(book.StatusCarried):
			o.Carried = o.Carried.Add(p.PeriodPayout)
		case string(book.StatusReceivable):
			o.Receivable = o.Receivable.Add(p.PeriodPayout)
		}
	}
	if s.Cost.Sign() > 0 {
		r := s.Revenue.Ratio(s.Cost)
		s.Return = &r
	}
	if s.MarginFirstYear.Sign() > 0 {
		r := s.MarginCost.Ratio(s.MarginFirstYear)
		s.MarginRatio = &r
	}
	return o
}

// MaxListedWarnings is how many warnings the owner report and the dashboard list; past
// it they say how many more there are. report.json and the run's own output list them
// all. A run with hundreds of thousands of warnings (payments on deals that are not
// won, say) would otherwise make documents of hundreds of megabytes nobody reads.
const MaxListedWarnings = 10000

// ListedWarnings are the warnings the documents list, and how many they leave out.
func (r *Report) ListedWarnings() (listed []string, more int) {
	if len(r.Warnings) <= MaxListedWarnings {
		return r.Warnings, 0
	}
	return r.Warnings[:MaxListedWarnings], len(r.Warnings) - MaxListedWarnings
}
