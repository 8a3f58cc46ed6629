package report

import (
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/partnerbook/partnerbook/internal/civil"
	"github.com/partnerbook/partnerbook/internal/commission"
	"github.com/partnerbook/partnerbook/internal/diag"
	"github.com/partnerbook/partnerbook/internal/domain"
	"github.com/partnerbook/partnerbook/internal/money"
	"github.com/partnerbook/partnerbook/internal/terms"
)

const programText = `
[program]
name = "Test Co"
currency = "USD"
start = 2026-01-01
minimum_payout = "100.00"
dedicated_role_share = "20%"
[input.deals]
file = "deals.xlsx"
[input.deals.stages]
proposal = ["Proposal Sent"]
[input.payments]
file = "payments.xlsx"
[[partner]]
id = "acme"
name = "Acme"
type = "referral"
owner = "Sam Ortiz"
email = "a@acme.example"
  [[partner.terms]]
  from = 2026-01-01
  referral = { percent = "10%" }
[[partner]]
id = "initech"
name = "Initech"
type = "strategic"
  [[partner.terms]]
  from = 2026-01-01
  revenue_share = { percent = "10%", months = 12 }
[[partner]]
id = "globex"
name = "Globex"
type = "co-marketing"
[[partner]]
id = "soon"
name = "Soon Ltd"
type = "reseller"
status = "target"
[[campaign]]
id = "web"
date = 2026-09-18
cost = "3000.00"
paid_by = "us"
shares = { us = "50%", globex = "50%" }
tag = "Campaign: Web"
`

func date(s string) civil.Date {
	d, err := civil.Parse(s)
	if err != nil {
		panic(err)
	}
	return d
}

func deal(id, status, stage, value, created, closed string, tags ...string) *domain.Deal {
	d := &domain.Deal{ID: id, Client: "Client " + id, Stage: stage, StatusText: status, Created: date(created), Tags: tags}
	if value != "" {
		d.Value = money.MustAmount(value)
	}
	switch status {
	case "won":
		d.Status = domain.Won
	case "lost":
		d.Status = domain.Lost
	}
	if closed != "" {
		d.Closed = date(closed)
	}
	return d
}

func pay(id, day, amount string) *domain.Payment {
	return &domain.Payment{Deal: id, Date: date(day), Amount: money.MustAmount(amount)}
}

func scenario(t *testing.T) *commission.Result {
	t.Helper()
	return scenarioWith(t, nil, nil)
}

// scenarioWith is scenario with more deals and ledger payouts.
func scenarioWith(t *testing.T, moreDeals []*domain.Deal, morePayouts []*domain.IssuedPayout) *commission.Result {
	t.Helper()
	dir := t.TempDir()
	for _, f := range []string{"deals.xlsx", "payments.xlsx"} {
		os.WriteFile(filepath.Join(dir, f), nil, 0o644)
	}
	var probs diag.List
	prog := terms.Parse("p.toml", dir, programText, &probs)
	if probs.HasErrors() {
		t.Fatal(probs.Errors())
	}
	deals := []*domain.Deal{
		deal("A1", "won", "Won", "10000", "2026-09-01", "2026-10-05", "Partner: Acme"),
		deal("A2", "open", "Proposal Sent", "", "2026-10-02", "", "Partner: Acme"),
		deal("A3", "lost", "Proposal Sent", "100", "2025-06-01", "2025-07-01", "Partner: Acme"),
		deal("I1", "won", "Won", "20000", "2026-02-01", "2026-03-01", "Partner: Initech"),
		deal("X1", "won", "Won", "5000", "2026-04-01", "2026-05-01"),
		deal("L1", "won", "Won", "3000", "2026-09-19", "2026-10-01", "Campaign: Web"),
		deal("L2", "open", "New", "", "2026-09-20", "", "Campaign: Web"),
	}
	pays := []*domain.Payment{
		pay("A1", "2026-10-10", "10000"),
		pay("I1", "2026-03-15", "5000"), pay("I1", "2026-09-15", "5000"),
		pay("X1", "2026-05-10", "5000"),
		pay("L1", "2026-10-15", "3000"),
		pay("Z9", "2026-10-20", "1000"),
	}
	led := &domain.Ledger{Payouts: []*domain.IssuedPayout{
		{ID: "PB-2026-08-acme", PartnerID: "acme", Status: "Due", Amount: money.MustAmount("70"), Due: date("2026-09-29")},
		{ID: "PB-2026-09-acme", PartnerID: "acme", Status: "Due", Amount: money.MustAmount("80"), Due: date("2026-10-30"), Paid: date("2026-10-12")},
		// Paid on the last day of September, after September's statement was made.
		{ID: "PB-2026-09-initech", Period: civil.NewMonth(2026, 9), PartnerID: "initech", Status: "Due", Amount: money.MustAmount("90"), Due: date("2026-10-30"), Paid: date("2026-09-30")},
		// Paid in August: the September statement already said so.
		{ID: "PB-2026-07-initech", Period: civil.NewMonth(2026, 7), PartnerID: "initech", Status: "Due", Amount: money.MustAmount("60"), Due: date("2026-08-30"), Paid: date("2026-08-15")},
	}}
	deals = append(deals, moreDeals...)
	led.Payouts = append(led.Payouts, morePayouts...)
	m, _ := civil.ParseMonth("2026-10")
	return commission.Compute(commission.Input{Program: prog, Deals: deals, Payments: pays, Ledger: led, Period: m, AsOf: m.Last()})
}

func TestBuild(t *testing.T) {
	res := scenario(t)
	rep := Build(res, diag.Sorted(res.Problems.Warnings()))
	j := rep.JSON()
	// All revenue in the window 2025-11-01..2026-10-31: 10,000 + 10,000 + 5,000 + 3,000 + 1,000 (unmatched).
	// Partner-sourced: Acme 10,000, Initech 10,000, our campaign lead L1 3,000.
	// Cost: Acme's fee 1,000 + Initech's shares 500 + 500 (Globex's campaign charge is not a cost).
	want := map[string]string{
		"all_revenue": "29000.00", "partner_revenue": "23000.00", "partner_share": "0.79",
		"due": "2000.00", "receivable": "-1500.00", "carried": "0.00",
		"partner_cost": "2000.00", "return": "11.50", "overdue": "70.00",
	}
	for k, v := range want {
		if j.Totals[k] != v {
			t.Errorf("totals[%s] = %q, want %q", k, j.Totals[k], v)
		}
	}
	if !j.DedicatedRoleRecommended {
		t.Errorf("79%% partner-sourced revenue does not recommend a dedicated role")
	}
	if j.Window != [2]string{"2025-11-01", "2026-10-31"} {
		t.Errorf("window %v", j.Window)
	}
	byID := map[string]PartnerJSON{}
	var order []string
	for _, p := range j.Partners {
		byID[p.ID] = p
		order = append(order, p.ID)
	}
	// Sorted by revenue (Acme and Initech tie at 10,000: id decides), then the rest by id.
	if got := strings.Join(order, ","); got != "acme,initech,globex,soon" {
		t.Errorf("partner order %s", got)
	}
	a := byID["acme"]
	// A3 was created before the window; A2 is at a proposal stage; A1 is won.
	if a.Leads != 2 || a.Proposals != 2 || a.Won != 1 || a.WonValue != "10000.00" || a.Revenue != "10000.00" ||
		a.Payout != "1000.00" || a.PayoutStatus != "Due" || a.Cost != "1000.00" || a.Return != "10.00" || a.Review != Top || a.Owner != "Sam Ortiz" {
		t.Errorf("acme row %+v", a)
	}
	if a.Overdue != "70.00" {
		t.Errorf("acme overdue %q, want 70.00 (August unpaid; September paid)", a.Overdue)
	}
	i := byID["initech"]
	if i.Leads != 1 || i.Revenue != "10000.00" || i.Cost != "1000.00" || i.Review != Review || i.Margin != "" {
		t.Errorf("initech row %+v (strategic: no margin; no proposal this quarter: review)", i)
	}
	g := byID["globex"]
	// Globex owes its campaign share: a charge, not a cost.
	if g.Leads != 1 || g.Cost != "0.00" || g.Return != "" || g.PayoutStatus != "Receivable" || g.Review != Review {
		t.Errorf("globex row %+v", g)
	}
	if s := byID["soon"]; s.Review != Recruit || s.Status != "target" {
		t.Errorf("target row %+v", s)
	}
	if strings.Join(j.Quarter.Top, ",") != "acme" || strings.Join(j.Quarter.ToReview, ",") != "globex,initech" {
		t.Errorf("quarter top %v review %v", j.Quarter.Top, j.Quarter.ToReview)
	}
	if j.Recruitment.ByStatus["active"] != 3 || j.Recruitment.ByStatus["target"] != 1 || j.Recruitment.TargetsByType["reseller"] != 1 {
		t.Errorf("recruitment %+v", j.Recruitment)
	}
	c := j.Campaigns[0]
	if c.Leads != 2 || c.ByParty["us"] != 1 || c.ByParty["globex"] != 1 || c.Won != 1 || c.Revenue != "3000.00" || c.Cost != "3000.00" {
		t.Errorf("campaign %+v", c)
	}
	if len(j.Overdue) != 1 || j.Overdue[0].Payout != "PB-2026-08-acme" || j.Overdue[0].DaysLate != 32 {
		t.Errorf("overdue %+v", j.Overdue)
	}
	var months []string
	for _, m := range j.Months {
		if m.AllRevenue != "0.00" {
			months = append(months, m.Month+"="+m.PartnerRevenue+"/"+m.AllRevenue)
		}
	}
	if got := strings.Join(months, " "); got != "2026-03=5000.00/5000.00 2026-05=0.00/5000.00 2026-09=5000.00/5000.00 2026-10=13000.00/14000.00" {
		t.Errorf("months %s", got)
	}
	if len(j.Owners) != 2 || j.Owners[0].Owner != "(no owner)" || strings.Join(j.Owners[0].Partners, ",") != "globex,initech,soon" ||
		j.Owners[1].Owner != "Sam Ortiz" || strings.Join(j.Owners[1].Partners, ",") != "acme" {
		t.Errorf("owners %+v", j.Owners)
	}
	found := false
	for _, w := range j.Warnings {
		found = found || strings.Contains(w, `payment for unknown deal "Z9"`)
	}
	if !found {
		t.Errorf("warnings lack the unknown deal: %v", j.Warnings)
	}
}

func TestStatementsHoldOnlyTheirPartner(t *testing.T) {
	res := scenario(t)
	sts := BuildStatements(res)
	owner := map[string]string{} // deal or ledger payout -> partner id
	for _, d := range res.Deals {
		if d.Partner != nil {
			owner[d.ID] = d.Partner.ID
		}
	}
	for _, p := range res.Ledger.Payouts {
		owner[p.ID] = p.PartnerID
	}
	var ids []string
	for _, s := range sts {
		ids = append(ids, s.Partner.ID)
		for _, l := range s.Lines {
			if l.PartnerID != s.Partner.ID {
				t.Errorf("statement of %s holds a line of %s", s.Partner.ID, l.PartnerID)
			}
		}
		for _, list := range [][]DealRow{s.DealsPeriod, s.DealsYTD, s.Leads} {
			for _, d := range list {
				if owner[d.ID] != s.Partner.ID {
					t.Errorf("statement of %s holds deal %s of %q", s.Partner.ID, d.ID, owner[d.ID])
				}
			}
		}
		for _, p := range append(append([]IssuedRow{}, s.Outstanding...), s.PaidSince...) {
			if owner[p.ID] != s.Partner.ID {
				t.Errorf("statement of %s holds payout %s of %q", s.Partner.ID, p.ID, owner[p.ID])
			}
		}
	}
	// The target partner has nothing this period: no statement.
	if got := strings.Join(ids, ","); got != "acme,globex,initech" {
		t.Errorf("statements for %s", got)
	}
	a := sts[0]
	if len(a.Outstanding) != 1 || a.Outstanding[0].ID != "PB-2026-08-acme" || len(a.PaidSince) != 1 || a.PaidSince[0].ID != "PB-2026-09-acme" {
		t.Errorf("acme outstanding %v paid since %v", a.Outstanding, a.PaidSince)
	}
	var period, ytd []string
	for _, d := range a.DealsPeriod {
		period = append(period, d.ID)
	}
	for _, d := range a.DealsYTD {
		ytd = append(ytd, d.ID)
	}
	if strings.Join(period, ",") != "A1,A2" || strings.Join(ytd, ",") != "A1,A2" {
		t.Errorf("acme deals period %v ytd %v", period, ytd)
	}
	if i := sts[2]; len(i.PaidSince) != 1 || i.PaidSince[0].ID != "PB-2026-09-initech" {
		t.Errorf("initech paid since %v, want only PB-2026-09-initech", i.PaidSince)
	}
	if g := sts[1]; len(g.Leads) != 1 || g.Leads[0].ID != "L2" || len(g.DealsYTD) != 0 || len(g.DealsPeriod) != 0 {
		t.Errorf("globex leads %v, deals %v / %v (a lead is listed once, as a lead)", g.Leads, g.DealsPeriod, g.DealsYTD)
	}
}

func TestOverdueReceivablesAreOwedToUs(t *testing.T) {
	// Globex was invoiced 1,234.56 for September (due 2026-10-30, unpaid as of
	// 2026-10-31) and 400.00 for August with the due date left blank (falls due
	// 2026-08-31 + 30 days = 2026-09-30). Its September invoice of 99.00 is paid.
	sep, aug := civil.NewMonth(2026, 9), civil.NewMonth(2026, 8)
	res := scenarioWith(t, nil, []*domain.IssuedPayout{
		{ID: "PB-2026-09-globex", Period: sep, PartnerID: "globex", Status: "Receivable", Amount: money.MustAmount("-1234.56"), Due: date("2026-10-30")},
		{ID: "PB-2026-08-globex", Period: aug, PartnerID: "globex", Status: "Receivable", Amount: money.MustAmount("-400.00")},
		{ID: "PB-2026-09-globex-paid", Period: sep, PartnerID: "globex", Status: "Receivable", Amount: money.MustAmount("-99.00"), Due: date("2026-10-30"), Paid: date("2026-10-20")},
	})
	j := Build(res, nil).JSON()
	for k, v := range map[string]string{"overdue": "70.00", "overdue_owed_to_us": "1634.56", "receivable": "-1500.00", "owed_to_us": "1500.00"} {
		if j.Totals[k] != v {
			t.Errorf("totals[%s] = %q, want %q", k, j.Totals[k], v)
		}
	}
	var got []string
	for _, o := range j.Overdue {
		got = append(got, fmt.Sprintf("%s %s owed_to_us=%v due %s late %d", o.Payout, o.Amount, o.OwedToUs, o.Due, o.DaysLate))
	}
	want := []string{
		"PB-2026-08-acme 70.00 owed_to_us=false due 2026-09-29 late 32",
		"PB-2026-09-globex -1234.56 owed_to_us=true due 2026-10-30 late 1",
		"PB-2026-08-globex -400.00 owed_to_us=true due 2026-09-30 late 31",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("overdue rows\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	for _, p := range j.Partners {
		if p.ID == "globex" && (p.Overdue != "0.00" || p.OverdueOwed != "1634.56") {
			t.Errorf("globex overdue %s, owed to us %s; want 0.00 and 1634.56", p.Overdue, p.OverdueOwed)
		}
	}

	// Globex's statement lists both invoices as outstanding, with the days late.
	for _, s := range BuildStatements(res) {
		if s.Partner.ID != "globex" {
			continue
		}
		got = nil
		for _, o := range s.Outstanding {
			got = append(got, fmt.Sprintf("%s %s due %s late %d", o.ID, o.Amount.Fixed(2), o.Due, o.DaysLate))
		}
		want := "PB-2026-09-globex -1234.56 due 2026-10-30 late 1, PB-2026-08-globex -400.00 due 2026-09-30 late 31"
		if strings.Join(got, ", ") != want {
			t.Errorf("globex outstanding %q, want %q", strings.Join(got, ", "), want)
		}
	}
}

func TestReviewAndFunnelWords(t *testing.T) {
	// A4 was created before the window and won inside it: it counts as won in the
	// window, not as a lead of the window nor as a won lead.
	res := scenarioWith(t, []*domain.Deal{deal("A4", "won", "Won", "500", "2025-06-01", "2026-02-01", "Partner: Acme")}, nil)
	res.Program.Partner("initech").Status = domain.Ended
	j := Build(res, nil).JSON()
	by := map[string]PartnerJSON{}
	for _, p := range j.Partners {
		by[p.ID] = p
	}
	tests := []struct {
		name, id, review                      string
		leads, proposals, wonOfLeads, wonInWd int
	}{
		{"won lead and a deal won from an older lead", "acme", Top, 2, 2, 1, 2},
		{"ended partner with revenue", "initech", Ended, 1, 1, 1, 1},
		{"target", "soon", Recruit, 0, 0, 0, 0},
		{"active, no proposals this quarter", "globex", Review, 1, 0, 0, 0},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			p := by[tc.id]
			if p.Review != tc.review || p.Leads != tc.leads || p.Proposals != tc.proposals || p.WonOfLeads != tc.wonOfLeads || p.Won != tc.wonInWd {
				t.Errorf("%s: review %q leads %d proposals %d won_of_leads %d won %d; want %q %d %d %d %d", tc.id, p.Review, p.Leads, p.Proposals,
					p.WonOfLeads, p.Won, tc.review, tc.leads, tc.proposals, tc.wonOfLeads, tc.wonInWd)
			}
		})
	}
	if strings.Join(j.Quarter.Top, ",") != "acme" {
		t.Errorf("top %v: an ended partner is not ranked", j.Quarter.Top)
	}
}

// TestPayoutRowsAreWordedOnce checks that statements, finance payouts and the workbook
// built from one PayoutRows show what each builds on its own, and share the lines
// instead of copying them: statements detached onto the rows are the statements built
// from the result.
func TestPayoutRowsAreWordedOnce(t *testing.T) {
	res := scenario(t)
	rows := PayoutRows(res)
	if len(rows) == 0 || len(rows) != len(res.Payouts) {
		t.Fatalf("%d payout rows for %d payouts", len(rows), len(res.Payouts))
	}
	planned := PlanStatements(res)
	planned.DetachDeals()
	planned.DetachPayouts(rows)
	sts, fin, bk := planned.All(), FinanceFrom(res, rows), BookFrom(res, rows)
	if !reflect.DeepEqual(sts, BuildStatements(res)) {
		t.Error("detached statements differ from BuildStatements")
	}
	if !reflect.DeepEqual(fin, BuildFinance(res)) {
		t.Error("finance from shared rows differs from BuildFinance")
	}
	if !reflect.DeepEqual(bk, BuildBook(res)) {
		t.Error("book from shared rows differs from BuildBook")
	}
	byID := map[string]*PayoutRow{}
	for i, r := range rows {
		if r.ID != res.Payouts[i].ID || bk.Payouts[i] != r {
			t.Errorf("row %d is %s, book has %s; want payout %s", i, r.ID, bk.Payouts[i].ID, res.Payouts[i].ID)
		}
		byID[r.ID] = r
	}
	shared := 0
	for _, s := range sts {
		if s.Payout == nil {
			continue
		}
		if byID[s.PayoutID] != s.Payout {
			t.Errorf("statement of %s has its own copy of payout %s", s.Partner.ID, s.PayoutID)
		}
		shared++
	}
	for _, f := range fin.Payouts {
		if len(f.Lines) > 0 && &f.Lines[0] != &byID[f.ID].Lines[0] {
			t.Errorf("finance payout %s copies its lines", f.ID)
		}
		shared++
	}
	if shared < 2 {
		t.Fatalf("scenario shares %d rows; want statements and finance payouts to check", shared)
	}
}

// TestStatementDealsFollowTheExport checks each statement's deal lists against the
// export read directly: the period's deals are those of the year's that were created,
// won or lost in the period, each list by created date then id.
func TestStatementDealsFollowTheExport(t *testing.T) {
	res := scenario(t)
	yearStart := civil.New(res.Period.Year(), 1, 1)
	inYear := func(d civil.Date) bool { return !d.IsZero() && !d.Before(yearStart) && !d.After(res.Period.Last()) }
	want := func(partner string, in func(civil.Date) bool) []string {
		var ds []*commission.Deal
		for _, d := range res.Deals {
			if d.Partner == nil || d.Partner.ID != partner || (d.Campaign != nil && d.LeadOwner == partner) {
				continue
			}
			if in(d.Created) || (d.Status != domain.Open && in(d.Closed)) {
				ds = append(ds, d)
			}
		}
		sort.SliceStable(ds, func(i, j int) bool {
			if ds[i].Created != ds[j].Created {
				return ds[i].Created.Before(ds[j].Created)
			}
			return ds[i].ID < ds[j].ID
		})
		var ids []string
		for _, d := range ds {
			ids = append(ids, d.ID)
		}
		return ids
	}
	ids := func(rows []DealRow) []string {
		var out []string
		for _, r := range rows {
			out = append(out, r.ID)
		}
		return out
	}
	yearOnly := 0
	for _, s := range BuildStatements(res) {
		period, ytd := want(s.Partner.ID, res.Period.Contains), want(s.Partner.ID, inYear)
		if got := ids(s.DealsPeriod); !slices.Equal(got, period) {
			t.Errorf("%s: deals of the period %v, want %v", s.Partner.ID, got, period)
		}
		if got := ids(s.DealsYTD); !slices.Equal(got, ytd) {
			t.Errorf("%s: deals of the year %v, want %v", s.Partner.ID, got, ytd)
		}
		yearOnly += len(ytd) - len(period)
	}
	if yearOnly == 0 {
		t.Fatal("no statement lists a deal of the year outside the period: the case proves nothing")
	}
}
