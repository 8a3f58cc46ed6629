// Package report aggregates a computed run into what the owner reads: funnel, revenue,
// partner share, quarterly review, recruitment, campaigns, margin and overdue. Pure.
package report

import (
	"fmt"
	"sort"
	"strings"

	"github.com/partnerbook/partnerbook/internal/book"
	"github.com/partnerbook/partnerbook/internal/civil"
	"github.com/partnerbook/partnerbook/internal/commission"
	"github.com/partnerbook/partnerbook/internal/diag"
	"github.com/partnerbook/partnerbook/internal/domain"
	"github.com/partnerbook/partnerbook/internal/money"
)

// Review verdicts of the quarterly review, the Review column and report.json's
// "review" values.
const (
	Top     = "top"     // among the TopN partners by revenue this quarter
	Keep    = "keep"    // active or paused, nothing to act on
	Review  = "review"  // active with no proposals this quarter: grow, fix or end
	Ended   = "ended"   // the partnership has ended: nothing to review
	Recruit = "recruit" // a target, not yet a partner: recruit
)

// Us is the party of CampaignRow.LeadsByParty that stands for the firm itself.
const Us = domain.Us

// TopN is how many partners the quarterly review calls top.
const TopN = 3

// Report is the owner's view of a run.
type Report struct {
	Program  string
	Period   civil.Month
	AsOf     civil.Date
	Currency string
	Policy   money.Policy
	From, To civil.Date // the reporting window: the 12 months ending with the period

	Totals                   Totals
	DedicatedRoleRecommended bool
	DedicatedRoleShare       money.Rate
	MarginCap                money.Rate
	Partners                 []*PartnerRow // by revenue, then id
	Types                    []*TypeRow    // referral, reseller, co-marketing, strategic
	Months                   []*MonthRow   // oldest first
	Quarter                  Quarter
	Recruitment              Recruitment
	Campaigns                []*CampaignRow
	MarginExceptions         []*MarginRow
	Overdue                  []*OverdueRow
	Owners                   []*OwnerRow
	Warnings                 []string
	// TopPartners is how many partners the owner report's and the dashboard's
	// per-partner tables and charts list before summing the rest into one row;
	// 0 means DefaultTopPartners. report.json and payouts.xlsx always list every partner.
	TopPartners int
}

// Totals are the headline figures.
type Totals struct {
	Due, Carried, Receivable money.Amount // this period's payouts by status; Receivable is negative (ledger sign)
	Payouts                  int          // rows in payouts.xlsx
	PartnerRevenue           money.Amount // in the window, partner-sourced (incl. co-marketing leads we own)
	AllRevenue               money.Amount // in the window, every payment
	PartnerShare             money.Rate   // PartnerRevenue / AllRevenue, to 12 places; shown by ShareText
	PartnerCost              money.Amount // fees and shares net of clawbacks, eligible in the window
	Return                   *money.Rate  // PartnerRevenue per unit of PartnerCost; nil when cost <= 0
	Overdue                  money.Amount // earlier Due payouts we have not paid by their due date
	OverdueOwedToUs          money.Amount // earlier Receivables partners have not paid us by their due date, positive
}

// PartnerRow is one partner's line of the owner report.
type PartnerRow struct {
	ID, Name, Type, Status, Owner, Email string
	Leads                                int          // deals created in the window
	Proposals                            int          // of those leads, how many reached a proposal
	WonOfLeads                           int          // of those leads, how many are won
	Won                                  int          // deals won in the window, whenever created
	WonValue, Revenue                    money.Amount // of the deals won in the window; payments in the window
	Cost                                 money.Amount // fees and shares net of clawbacks, eligible in the window
	Return                               *money.Rate  // Revenue / Cost, nil when Cost <= 0
	PeriodPayout                         money.Amount // this period's payout amount
	PeriodStatus                         string       // this period's payout status, "" if none
	Paid                                 money.Amount // ledger payouts we paid the partner in the window
	PaidOwedToUs                         money.Amount // ledger receivables the partner paid us in the window, positive
	Overdue                              money.Amount // earlier Due payouts unpaid past their due date
	OverdueOwedToUs                      money.Amount // earlier Receivables unpaid past their due date, positive
	QuarterRevenue                       money.Amount
	QuarterProposals                     int
	Review                               string
	ReviewReason                         string
	MarginRatio                          *money.Rate  // partner cost over first-year value of deals won in the window
	MarginCost, MarginFirstYear          money.Amount // the two sides of MarginRatio
	MonthRevenue                         []money.Amount
}

// TypeRow is the funnel and revenue of one partner type.
type TypeRow struct {
	Type                              string
	Partners                          int
	Leads, Proposals, WonOfLeads, Won int // as PartnerRow
	WonValue, Revenue                 money.Amount
}

// MonthRow is one month of the window.
type MonthRow struct {
	Month          civil.Month
	PartnerRevenue money.Amount
	AllRevenue     money.Amount
	Leads, Won     int
}

// Quarter is the quarterly review of the period's quarter.
type Quarter struct {
	Name     string // 2026-Q4
	From, To civil.Date
	Top      []string // partner ids, best first
	ToReview []string // active partners with no proposals this quarter
}

// Recruitment counts partners by status and targets by type.
type Recruitment struct {
	ByStatus      []Count
	TargetsByType []Count
}

// Count is a labelled number.
type Count struct {
	Label string
	N     int
}

// CampaignRow is a campaign's results.
type CampaignRow struct {
	ID, Name            string
	Date                civil.Date
	Cost                money.Amount
	Leads, LeadsUs, Won int
	LeadsByParty        []Count
	Revenue             money.Amount // payments of its leads, all time
}

// MarginRow is a deal whose partner cost exceeds the margin cap.
type MarginRow struct {
	Partner, Deal, Client string
	Won                   civil.Date
	Cost, FirstYear       money.Amount
	Ratio                 money.Rate
}

// OverdueRow is an unpaid payout past its due date: one we owe the partner, or, when
// OwedToUs, a Receivable the partner owes us.
type OverdueRow struct {
	Payout, Partner string
	Amount          money.Amount // positive either way
	OwedToUs        bool
	Due             civil.Date
	DaysLate        int
}

// OwnerRow lists the partners one person owns.
type OwnerRow struct {
	Owner    string
	Partners []string
}

// Build aggregates a run. warnings are every warning of the run, already sorted: the
// report words them once, and its Warnings are the run's one worded list.
func Build(r *commission.Result, warnings []diag.Problem) *Report {
	p := r.Program
	rep := &Report{Program: p.Name, Period: r.Period, AsOf: r.AsOf, Currency: p.Currency, Policy: p.Policy,
		To: r.Period.Last(), From: r.Period.Add(-11).First(), DedicatedRoleShare: p.DedicatedRoleShare, MarginCap: p.MarginCap}
	in := func(d civil.Date) bool { return !d.Before(rep.From) && !d.After(rep.To) }
	qStart := r.Period.QuarterStart().First()
	inQ := func(d civil.Date) bool { return !d.Before(qStart) && !d.After(rep.To) }
	rep.Quarter = Quarter{Name: quarterName(r.Period), From: qStart, To: rep.To}

	rows := map[string]*PartnerRow{}
	var order []*PartnerRow
	for _, x := range p.Partners {
		row := &PartnerRow{ID: x.ID, Name: x.Name, Type: string(x.Type), Status: string(x.Status), Owner: x.Owner, Email: x.Email,
			MonthRevenue: make([]money.Amount, 12)}
		rows[x.ID] = row
		order = append(order, row)
	}
	months := make([]*MonthRow, 12)
	for i := range months {
		months[i] = &MonthRow{Month: r.Period.Add(i - 11)}
	}
	monthIdx := func(d civil.Date) int {
		m := civil.MonthOf(d)
		for i, mr := range months {
			if mr.Month == m {
				return i
			}
		}
		return -1
	}
	proposal := map[string]bool{}
	for _, s := range p.Deals.Proposal {
		proposal[normWord(s)] = true
	}
	reachedProposal := func(d *commission.Deal) bool { return d.Status == domain.Won || proposal[normWord(d.Stage)] }

	// Funnel and revenue per deal.
	for _, d := range r.Deals {
		partnerSourced := d.Partner != nil || d.Campaign != nil
		for _, pay := range d.Payments {
			if !in(pay.Date) {
				continue
			}
			rep.Totals.AllRevenue = rep.Totals.AllRevenue.Add(pay.Amount)
			mi := monthIdx(pay.Date)
			months[mi].AllRevenue = months[mi].AllRevenue.Add(pay.Amount)
			if partnerSourced {
				rep.Totals.PartnerRevenue = rep.Totals.PartnerRevenue.Add(pay.Amount)
				months[mi].PartnerRevenue = months[mi].PartnerRevenue.Add(pay.Amount)
			}
			if d.Partner != nil {
				row := rows[d.Partner.ID]
				row.Revenue = row.Revenue.Add(pay.Amount)
				row.MonthRevenue[mi] = row.MonthRevenue[mi].Add(pay.Amount)
				if inQ(pay.Date) {
					row.QuarterRevenue = row.QuarterRevenue.Add(pay.Amount)
				}
			}
		}
		if !partnerSourced {
			continue
		}
		if in(d.Created) {
			months[monthIdx(d.Created)].Leads++
		}
		if d.Status == domain.Won && in(d.Closed) {
			months[monthIdx(d.Closed)].Won++
		}
		if d.Partner == nil {
			continue
		}
		row := rows[d.Partner.ID]
		if in(d.Created) {
			row.Leads++
			if reachedProposal(d) {
				row.Proposals++
			}
			if d.Status == domain.Won && !d.Closed.After(rep.To) {
				row.WonOfLeads++
			}
		}
		if d.Status == domain.Won && in(d.Closed) {
			row.Won++
			row.WonValue = row.WonValue.Add(d.Value)
		}
		if reachedProposal(d) && (inQ(d.Created) || (d.Status == domain.Won && inQ(d.Closed))) {
			row.QuarterProposals++
		}
	}
	for _, pay := range r.Unmatched {
		if in(pay.Date) {
			rep.Totals.AllRevenue = rep.Totals.AllRevenue.Add(pay.Amount)
			mi := monthIdx(pay.Date)
			months[mi].AllRevenue = months[mi].AllRevenue.Add(pay.Amount)
		}
	}
	rep.Months = months

	// Partner cost: what we pay partners (fees, shares, our campaign shares, net of
	// clawbacks) eligible in the window, each line once: an issued line at what the
	// inputs give now, its corrections included, and an issued line the inputs no longer
	// give at what was issued (see commission.Result.Costs). What partners owe us
	// (wholesale, their campaign shares) is not a cost, so a reseller's charges never
	// hide a referral fee.
	r.Costs(func(l *commission.Line) {
		if l.Kind == commission.Charge || !in(l.Eligible) {
			return
		}
		row := rows[l.PartnerID]
		if row == nil {
			row = &PartnerRow{} // a ledger partner no longer in the program: totals only
		}
		row.Cost = row.Cost.Add(l.Amount)
		rep.Totals.PartnerCost = rep.Totals.PartnerCost.Add(l.Amount)
	})
	for _, po := range r.Payouts {
		row := rows[po.Partner.ID]
		row.PeriodPayout, row.PeriodStatus = po.Amount, string(po.Status)
		rep.Totals.Payouts++
		switch po.Status {
		case book.StatusDue:
			rep.Totals.Due = rep.Totals.Due.Add(po.Amount)
		case book.StatusCarried:
			rep.Totals.Carried = rep.Totals.Carried.Add(po.Amount)
		case book.StatusReceivable:
			rep.Totals.Receivable = rep.Totals.Receivable.Add(po.Amount)
		}
	}
	for _, lp := range r.Ledger.Payouts {
		// Money paid each way is kept apart, never netted: a receivable the partner
		// paid is not a negative payment to it.
		if row := rows[lp.PartnerID]; row != nil && !lp.Paid.IsZero() && in(lp.Paid) {
			if lp.Amount.Sign() < 0 {
				row.PaidOwedToUs = row.PaidOwedToUs.Sub(lp.Amount)
			} else {
				row.Paid = row.Paid.Add(lp.Amount)
			}
		}
	}
	for _, o := range r.Overdue {
		x := &OverdueRow{Payout: o.ID, Partner: o.PartnerID, Amount: o.Amount, OwedToUs: o.Status == book.StatusReceivable,
			Due: commission.DueOf(o, p), DaysLate: commission.DueOf(o, p).DaysUntil(r.AsOf)}
		row := rows[o.PartnerID]
		if row == nil {
			row = &PartnerRow{} // a ledger partner no longer in the program: totals only
		}
		if x.OwedToUs {
			x.Amount = o.Amount.Neg()
			rep.Totals.OverdueOwedToUs = rep.Totals.OverdueOwedToUs.Add(x.Amount)
			row.OverdueOwedToUs = row.OverdueOwedToUs.Add(x.Amount)
		} else {
			rep.Totals.Overdue = rep.Totals.Overdue.Add(x.Amount)
			row.Overdue = row.Overdue.Add(x.Amount)
		}
		rep.Overdue = append(rep.Overdue, x)
	}

	// Margin: exceptions of deals won in the window, and each partner's overall ratio.
	cost, fy := map[string]money.Amount{}, map[string]money.Amount{}
	for _, m := range r.Margins {
		if !in(m.Deal.Closed) {
			continue
		}
		pid := m.Deal.Partner.ID
		cost[pid], fy[pid] = cost[pid].Add(m.Cost), fy[pid].Add(m.FirstYear)
		if m.Exception {
			rep.MarginExceptions = append(rep.MarginExceptions, &MarginRow{Partner: pid, Deal: m.Deal.ID, Client: m.Deal.Client,
				Won: m.Deal.Closed, Cost: m.Cost, FirstYear: m.FirstYear, Ratio: m.Ratio})
		}
	}
	for pid, f := range fy {
		rows[pid].MarginCost, rows[pid].MarginFirstYear = cost[pid], f
		if f.Sign() > 0 {
			ratio := cost[pid].Ratio(f)
			rows[pid].MarginRatio = &ratio
		}
	}

	for _, row := range order {
		if row.Cost.Sign() > 0 {
			ret := row.Revenue.Ratio(row.Cost)
			row.Return = &ret
		}
	}
	if rep.Totals.AllRevenue.Sign() > 0 {
		rep.Totals.PartnerShare = rep.Totals.PartnerRevenue.RatioTo(rep.Totals.AllRevenue, sharePlaces)
	}
	if rep.Totals.PartnerCost.Sign() > 0 {
		ret := rep.Totals.PartnerRevenue.Ratio(rep.Totals.PartnerCost)
		rep.Totals.Return = &ret
	}
	// The verdict compares the revenues exactly, not a rounded share.
	rep.DedicatedRoleRecommended = rep.Totals.AllRevenue.Sign() > 0 &&
		rep.Totals.PartnerRevenue.Cmp(rep.Totals.AllRevenue.MulRate(p.DedicatedRoleShare)) >= 0

	rep.review(order)
	rep.byType(order)
	rep.recruitment(p)
	rep.campaigns(r)
	rep.owners(order)

	// Partners by revenue, largest first; id breaks ties so the order is stable.
	sort.SliceStable(order, func(i, j int) bool {
		if c := order[i].Revenue.Cmp(order[j].Revenue); c != 0 {
			return c > 0
		}
		return order[i].ID < order[j].ID
	})
	rep.Partners = order
	if len(warnings) > 0 {
		rep.Warnings = make([]string, len(warnings))
		for i, w := range warnings {
			rep.Warnings[i] = w.String()
		}
	}
	return rep
}

// review marks the quarter's top partners by revenue, and active partners that sent no
// proposal this quarter for review (grow, fix or end the partnership).
func (rep *Report) review(rows []*PartnerRow) {
	ranked := append([]*PartnerRow(nil), rows...)
	sort.SliceStable(ranked, func(i, j int) bool {
		if c := ranked[i].QuarterRevenue.Cmp(ranked[j].QuarterRevenue); c != 0 {
			return c > 0
		}
		return ranked[i].ID < ranked[j].ID
	})
	for _, row := range rows {
		switch row.Status {
		case string(domain.Ended):
			row.Review, row.ReviewReason = Ended, "the partnership has ended"
		case string(domain.Target):
			row.Review, row.ReviewReason = Recruit, "a target, not yet a partner"
		default:
			row.Review, row.ReviewReason = Keep, ""
		}
	}
	n := 0
	for _, row := range ranked {
		if n >= TopN || row.QuarterRevenue.Sign() <= 0 {
			break
		}
		if row.Review != Keep { // ended partners and targets are not ranked
			continue
		}
		row.Review, row.ReviewReason = Top, "top revenue this quarter"
		rep.Quarter.Top = append(rep.Quarter.Top, row.ID)
		n++
	}
	for _, row := range rows {
		if row.Status == string(domain.Active) && row.QuarterProposals == 0 && row.Review != Top {
			row.Review, row.ReviewReason = Review, "no proposals this quarter: review or end"
			rep.Quarter.ToReview = append(rep.Quarter.ToReview, row.ID)
		}
	}
	sort.Strings(rep.Quarter.ToReview)
}

func (rep *Report) byType(rows []*PartnerRow) {
	for _, typ := range domain.PartnerTypes {
		t := &TypeRow{Type: string(typ)}
		for _, row := range rows {
			if row.Type != t.Type {
				continue
			}
			t.Partners++
			t.Leads += row.Leads
			t.Proposals += row.Proposals
			t.WonOfLeads += row.WonOfLeads
			t.Won += row.Won
			t.WonValue = t.WonValue.Add(row.WonValue)
			t.Revenue = t.Revenue.Add(row.Revenue)
		}
		rep.Types = append(rep.Types, t)
	}
}

func (rep *Report) recruitment(p *domain.Program) {
	for _, st := range domain.PartnerStatuses {
		n := 0
		for _, x := range p.Partners {
			if x.Status == st {
				n++
			}
		}
		rep.Recruitment.ByStatus = append(rep.Recruitment.ByStatus, Count{string(st), n})
	}
	for _, typ := range domain.PartnerTypes {
		n := 0
		for _, x := range p.Partners {
			if x.Status == domain.Target && x.Type == typ {
				n++
			}
		}
		rep.Recruitment.TargetsByType = append(rep.Recruitment.TargetsByType, Count{string(typ), n})
	}
}

func (rep *Report) campaigns(r *commission.Result) {
	for _, c := range r.Program.Campaigns {
		row := &CampaignRow{ID: c.ID, Name: c.Name, Date: c.Date, Cost: c.Cost}
		byParty := map[string]int{}
		for _, d := range r.Deals {
			if d.Campaign != c {
				continue
			}
			row.Leads++
			byParty[d.LeadOwner]++
			if d.LeadOwner == domain.Us {
				row.LeadsUs++
			}
			if d.Status == domain.Won {
				row.Won++
			}
			row.Revenue = row.Revenue.Add(d.Revenue())
		}
		for _, party := range c.Parties() {
			row.LeadsByParty = append(row.LeadsByParty, Count{party, byParty[party]})
		}
		rep.Campaigns = append(rep.Campaigns, row)
	}
}

func (rep *Report) owners(rows []*PartnerRow) {
	by := map[string][]string{}
	for _, row := range rows {
		owner := row.Owner
		if owner == "" {
			owner = "(no owner)"
		}
		by[owner] = append(by[owner], row.ID)
	}
	for o, ids := range by {
		sort.Strings(ids)
		rep.Owners = append(rep.Owners, &OwnerRow{Owner: o, Partners: ids})
	}
	sort.Slice(rep.Owners, func(i, j int) bool { return rep.Owners[i].Owner < rep.Owners[j].Owner })
}

func quarterName(m civil.Month) string {
	return fmt.Sprintf("%d-Q%d", m.Year(), m.Quarter())
}

func normWord(s string) string { return strings.ToLower(strings.TrimSpace(s)) }
