package report

import "github.com/partnerbook/partnerbook/internal/money"

// JSON is report.json: the owner report's figures for spreadsheets, BI tools and
// scripts. Amounts and ratios are decimal strings so no reader turns them into floats.
type JSON struct {
	Program                  string            `json:"program"`
	Period                   string            `json:"period"`
	AsOf                     string            `json:"as_of"`
	Currency                 string            `json:"currency"`
	Window                   [2]string         `json:"window"`
	Totals                   map[string]string `json:"totals"`
	DedicatedRoleRecommended bool              `json:"dedicated_role_recommended"`
	Partners                 []PartnerJSON     `json:"partners"`
	Types                    []TypeJSON        `json:"types"`
	Months                   []MonthJSON       `json:"months"`
	Quarter                  QuarterJSON       `json:"quarterly_review"`
	Recruitment              RecruitmentJSON   `json:"recruitment"`
	Campaigns                []CampaignJSON    `json:"campaigns"`
	MarginExceptions         []MarginJSON      `json:"margin_exceptions"`
	Overdue                  []OverdueJSON     `json:"overdue"`
	Owners                   []OwnerJSON       `json:"owners"`
	Warnings                 []string          `json:"warnings"`
}

type PartnerJSON struct {
	ID           string `json:"id"`
	Name         string `json:"name"`
	Type         string `json:"type"`
	Status       string `json:"status"`
	Owner        string `json:"owner"`
	Leads        int    `json:"leads"`
	Proposals    int    `json:"proposals"`
	WonOfLeads   int    `json:"won_of_leads"`
	Won          int    `json:"won"`
	WonValue     string `json:"won_value"`
	Revenue      string `json:"revenue"`
	Payout       string `json:"payout"`
	PayoutStatus string `json:"payout_status"`
	Cost         string `json:"cost"`
	Return       string `json:"return"`
	Margin       string `json:"margin"`
	Overdue      string `json:"overdue"`
	OverdueOwed  string `json:"overdue_owed_to_us"`
	Review       string `json:"review"` // top, keep, review, ended or recruit (see README)
}

type TypeJSON struct {
	Type       string `json:"type"`
	Partners   int    `json:"partners"`
	Leads      int    `json:"leads"`
	Proposals  int    `json:"proposals"`
	WonOfLeads int    `json:"won_of_leads"`
	Won        int    `json:"won"`
	WonValue   string `json:"won_value"`
	Revenue    string `json:"revenue"`
}

type MonthJSON struct {
	Month          string `json:"month"`
	PartnerRevenue string `json:"partner_revenue"`
	AllRevenue     string `json:"all_revenue"`
	Leads          int    `json:"leads"`
	Won            int    `json:"won"`
}

type QuarterJSON struct {
	Quarter  string   `json:"quarter"`
	Top      []string `json:"top"`
	ToReview []string `json:"review"`
}

type RecruitmentJSON struct {
	ByStatus      map[string]int `json:"partners_by_status"`
	TargetsByType map[string]int `json:"targets_by_type"`
}

type CampaignJSON struct {
	ID      string         `json:"id"`
	Name    string         `json:"name"`
	Date    string         `json:"date"`
	Cost    string         `json:"cost"`
	Leads   int            `json:"leads"`
	ByParty map[string]int `json:"leads_by_party"`
	Won     int            `json:"won"`
	Revenue string         `json:"revenue"`
}

type MarginJSON struct {
	Partner   string `json:"partner"`
	Deal      string `json:"deal"`
	Ratio     string `json:"ratio"`
	Cost      string `json:"cost"`
	FirstYear string `json:"first_year_value"`
}

type OverdueJSON struct {
	Payout   string `json:"payout"`
	Partner  string `json:"partner"`
	Amount   string `json:"amount"` // signed like every report.json amount: negative when the partner owes us
	OwedToUs bool   `json:"owed_to_us"`
	Due      string `json:"due"`
	DaysLate int    `json:"days_late"`
}

type OwnerJSON struct {
	Owner    string   `json:"owner"`
	Partners []string `json:"partners"`
}

// JSON converts the report; lists keep their report order (each is sorted in Build).
func (r *Report) JSON() *JSON {
	f := r.Policy.Format
	ratio := func(x *money.Rate) string {
		if x == nil {
			return ""
		}
		return x.Fixed(2)
	}
	j := &JSON{Program: r.Program, Period: r.Period.String(), AsOf: r.AsOf.String(), Currency: r.Currency,
		Window: [2]string{r.From.String(), r.To.String()}, DedicatedRoleRecommended: r.DedicatedRoleRecommended,
		Partners: []PartnerJSON{}, Types: []TypeJSON{}, Months: []MonthJSON{}, Campaigns: []CampaignJSON{},
		MarginExceptions: []MarginJSON{}, Overdue: []OverdueJSON{}, Owners: []OwnerJSON{}, Warnings: nonNil(r.Warnings)}
	t := r.Totals
	j.Totals = map[string]string{
		"due": f(t.Due), "carried": f(t.Carried), "receivable": f(t.Receivable),
		"partner_revenue": f(t.PartnerRevenue), "all_revenue": f(t.AllRevenue), "partner_share": r.ShareFraction(),
		"partner_cost": f(t.PartnerCost), "return": ratio(t.Return), "overdue": f(t.Overdue),
		"owed_to_us": f(t.Receivable.Neg()), "overdue_owed_to_us": f(t.OverdueOwedToUs),
	}
	for _, p := range r.Partners {
		j.Partners = append(j.Partners, PartnerJSON{ID: p.ID, Name: p.Name, Type: p.Type, Status: p.Status, Owner: p.Owner,
			Leads: p.Leads, Proposals: p.Proposals, WonOfLeads: p.WonOfLeads, Won: p.Won, WonValue: f(p.WonValue), Revenue: f(p.Revenue),
			Payout: f(p.PeriodPayout), PayoutStatus: p.PeriodStatus, Cost: f(p.Cost), Return: ratio(p.Return),
			Margin: ratio(p.MarginRatio), Overdue: f(p.Overdue), OverdueOwed: f(p.OverdueOwedToUs), Review: p.Review})
	}
	for _, x := range r.Types {
		j.Types = append(j.Types, TypeJSON{x.Type, x.Partners, x.Leads, x.Proposals, x.WonOfLeads, x.Won, f(x.WonValue), f(x.Revenue)})
	}
	for _, m := range r.Months {
		j.Months = append(j.Months, MonthJSON{m.Month.String(), f(m.PartnerRevenue), f(m.AllRevenue), m.Leads, m.Won})
	}
	j.Quarter = QuarterJSON{Quarter: r.Quarter.Name, Top: nonNil(r.Quarter.Top), ToReview: nonNil(r.Quarter.ToReview)}
	j.Recruitment = RecruitmentJSON{ByStatus: map[string]int{}, TargetsByType: map[string]int{}}
	for _, c := range r.Recruitment.ByStatus {
		j.Recruitment.ByStatus[c.Label] = c.N
	}
	for _, c := range r.Recruitment.TargetsByType {
		j.Recruitment.TargetsByType[c.Label] = c.N
	}
	for _, c := range r.Campaigns {
		cj := CampaignJSON{ID: c.ID, Name: c.Name, Date: c.Date.String(), Cost: f(c.Cost), Leads: c.Leads, Won: c.Won,
			Revenue: f(c.Revenue), ByParty: map[string]int{}}
		for _, p := range c.LeadsByParty {
			cj.ByParty[p.Label] = p.N
		}
		j.Campaigns = append(j.Campaigns, cj)
	}
	for _, m := range r.MarginExceptions {
		j.MarginExceptions = append(j.MarginExceptions, MarginJSON{m.Partner, m.Deal, m.Ratio.Fixed(2), f(m.Cost), f(m.FirstYear)})
	}
	for _, o := range r.Overdue {
		amount := o.Amount
		if o.OwedToUs {
			amount = amount.Neg()
		}
		j.Overdue = append(j.Overdue, OverdueJSON{o.Payout, o.Partner, f(amount), o.OwedToUs, o.Due.String(), o.DaysLate})
	}
	for _, o := range r.Owners {
		j.Owners = append(j.Owners, OwnerJSON{o.Owner, o.Partners})
	}
	return j
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}
