package commission

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/partnerbook/partnerbook/internal/book"
	"github.com/partnerbook/partnerbook/internal/diag"
	"github.com/partnerbook/partnerbook/internal/domain"
	"github.com/partnerbook/partnerbook/internal/money"
)

// acme: 15% of the deal value when signed, capped at 5,000, clawed back within 90 days.
var acme = partner("acme", "Acme Consulting", domain.Referral, func() *domain.Terms {
	t := from("2025-01-01")
	t.Referral = percentFee("15%", domain.PaySigned)
	limit := amt("5000.00")
	t.Referral.Cap = &limit
	t.ClawbackDays = 90
	return t
}())

func TestReferralPercentRoundsOnce(t *testing.T) {
	// 15% of 12,345.67 = 1,851.8505 -> 1,851.85 (half-up at the cent).
	res := run{prog: program(t, acme), period: "2026-10",
		deals: []*domain.Deal{won("D1", "12345.67", "2026-09-01", "2026-10-05", "Partner: Acme Consulting")}}.compute(t)
	l := line(t, res, "acme:D1:referral")
	wantAmount(t, "fee", l.Amount, "1851.85")
	if l.Eligible != d("2026-10-05") || l.State != Payable {
		t.Errorf("eligible %s state %s, want 2026-10-05 payable", l.Eligible, l.State)
	}
	p := res.PayoutOf("acme")
	wantAmount(t, "payout", p.Amount, "1851.85")
	if p.Status != book.StatusDue || p.Due != d("2026-11-30") || p.ID != "PB-2026-10-acme" {
		t.Errorf("payout %s %s due %s, want PB-2026-10-acme Due 2026-11-30", p.ID, p.Status, p.Due)
	}
}

func TestReferralCap(t *testing.T) {
	// 15% of 40,000 = 6,000, capped at 5,000; 15% of 33,333.33 = 4,999.9995 -> 5,000.00 (just under: no cap).
	res := run{prog: program(t, acme), period: "2026-10", deals: []*domain.Deal{
		won("BIG", "40000", "2026-09-01", "2026-10-05", "Partner: Acme Consulting"),
		won("EDGE", "33333.33", "2026-09-01", "2026-10-06", "Partner: Acme Consulting"),
	}}.compute(t)
	wantAmount(t, "capped fee", line(t, res, "acme:BIG:referral").Amount, "5000.00")
	edge := line(t, res, "acme:EDGE:referral")
	wantAmount(t, "uncapped fee", edge.Amount, "5000.00")
	edgeFacts, bigFacts := edge.Facts.(*ReferralFacts), line(t, res, "acme:BIG:referral").Facts.(*ReferralFacts)
	if edgeFacts.Capped || !bigFacts.Capped || !bigFacts.Cap.Equal(amt("5000")) {
		t.Errorf("capped: EDGE %+v, BIG %+v; want false, true at 5000", edgeFacts, bigFacts)
	}
}

func TestReferralFlatSigned(t *testing.T) {
	fee := amt("1000.00")
	terms := from("2026-01-01")
	terms.Referral = &domain.ReferralTerms{Flat: &fee, PayOn: domain.PaySigned}
	prog := program(t, partner("zoe", "Zoë Martin Consulting", domain.Referral, terms))
	res := run{prog: prog, period: "2026-10", deals: []*domain.Deal{won("F1", "250", "2026-10-01", "2026-10-31", "partner: zoë martin consulting")}}.compute(t)
	l := line(t, res, "zoe:F1:referral")
	wantAmount(t, "flat fee", l.Amount, "1000.00")
	if l.Eligible != d("2026-10-31") || l.State != Payable {
		t.Errorf("won on the period's last day: eligible %s %s, want payable", l.Eligible, l.State)
	}
}

func TestReferralFirstPayment(t *testing.T) {
	terms := from("2026-01-01")
	terms.Referral = percentFee("10%", domain.PayFirstPayment)
	prog := program(t, partner("acme", "Acme", domain.Referral, terms))
	deals := []*domain.Deal{
		won("P1", "5000", "2026-08-01", "2026-09-01", "Partner: Acme"),
		won("P2", "5000", "2026-08-01", "2026-09-01", "Partner: Acme"),
	}
	pays := []*domain.Payment{pay("P1", "2026-11-03", "1000"), pay("P1", "2026-10-03", "-10"), pay("P1", "2026-10-20", "500")}
	res := run{prog: prog, deals: deals, pays: pays, period: "2026-10"}.compute(t)
	l := line(t, res, "acme:P1:referral")
	wantAmount(t, "fee", l.Amount, "500.00")
	if l.Eligible != d("2026-10-20") {
		t.Errorf("eligible %s, want the first positive payment 2026-10-20", l.Eligible)
	}
	noLine(t, res, "acme:P2:referral") // no payment yet: nothing to pay
}

// holdPartner: 10% payable after a 90-day hold, clawed back within 120 days.
var holdPartner = partner("acme", "Acme", domain.Referral, func() *domain.Terms {
	t := from("2026-01-01")
	t.Referral = percentFee("10%", domain.PayAfterHold)
	t.ClawbackDays = 120
	return t
}())

func TestAfterHoldEndsOnPeriodLastDay(t *testing.T) {
	// Won 2026-07-02 + 90 days = 2026-09-30: payable in the September run, pending in August.
	deals := []*domain.Deal{won("H1", "8000", "2026-06-01", "2026-07-02", "Partner: Acme")}
	sep := run{prog: program(t, holdPartner), deals: deals, period: "2026-09"}.compute(t)
	l := line(t, sep, "acme:H1:referral")
	wantAmount(t, "fee", l.Amount, "800.00")
	if l.Eligible != d("2026-09-30") || l.State != Payable {
		t.Errorf("eligible %s %s, want 2026-09-30 payable", l.Eligible, l.State)
	}
	aug := run{prog: program(t, holdPartner), deals: deals, period: "2026-08"}.compute(t)
	if s := line(t, aug, "acme:H1:referral").State; s != Pending {
		t.Errorf("in August the fee is %s, want pending", s)
	}
	if aug.PayoutOf("acme") != nil {
		t.Errorf("August has a payout for a fee still on hold")
	}
}

func TestAfterHoldRefundInsideHoldCancelsFee(t *testing.T) {
	deals := []*domain.Deal{
		won("R1", "8000", "2026-06-01", "2026-07-02", "Partner: Acme"), // refund on the hold's last day
		won("R2", "8000", "2026-06-01", "2026-07-02", "Partner: Acme"), // refund the day after
	}
	pays := []*domain.Payment{
		pay("R1", "2026-07-10", "8000"), pay("R1", "2026-09-30", "-8000"),
		pay("R2", "2026-07-10", "8000"), pay("R2", "2026-10-01", "-2000"),
	}
	res := run{prog: program(t, holdPartner), deals: deals, pays: pays, period: "2026-10"}.compute(t)
	noLine(t, res, "acme:R1:referral")
	noLine(t, res, "acme:R1:clawback:2026-09-30")
	// R2: fee 800 paid at the hold end; the refund of 2,000 (25%) on day 91 is inside the
	// 120-day clawback window: -200.
	wantAmount(t, "fee", line(t, res, "acme:R2:referral").Amount, "800.00")
	wantAmount(t, "clawback", line(t, res, "acme:R2:clawback:2026-10-01").Amount, "-200.00")
}

func TestAfterHoldNeedsDealStillWon(t *testing.T) {
	lost := won("L1", "8000", "2026-06-01", "2026-07-02", "Partner: Acme")
	lost.Status = domain.Lost
	res := run{prog: program(t, holdPartner), deals: []*domain.Deal{lost}, period: "2026-10"}.compute(t)
	noLine(t, res, "acme:L1:referral")
}

func TestClawbackWindowEdges(t *testing.T) {
	// Won 2026-06-01 with clawback_days 90: the window's last day is 2026-08-30.
	// Fee 15% of 10,000 = 1,500. A 4,000 refund is 40% of the value: -600.
	deals := []*domain.Deal{
		won("IN", "10000", "2026-05-01", "2026-06-01", "Partner: Acme Consulting"),
		won("OUT", "10000", "2026-05-01", "2026-06-01", "Partner: Acme Consulting"),
	}
	pays := []*domain.Payment{
		pay("IN", "2026-06-05", "10000"), pay("IN", "2026-08-30", "-4000"),
		pay("OUT", "2026-06-05", "10000"), pay("OUT", "2026-08-31", "-4000"),
	}
	res := run{prog: program(t, acme), deals: deals, pays: pays, period: "2026-08"}.compute(t)
	c := line(t, res, "acme:IN:clawback:2026-08-30")
	wantAmount(t, "clawback one day inside", c.Amount, "-600.00")
	if c.Kind != Clawback || c.Eligible != d("2026-08-30") {
		t.Errorf("clawback kind %v eligible %s", c.Kind, c.Eligible)
	}
	noLine(t, res, "acme:OUT:clawback:2026-08-31")
	p := res.PayoutOf("acme")
	// Both fees (1,500 each) and the clawback are payable in August 2026 (start is 2026-01-01).
	wantAmount(t, "earned", p.Earned, "3000.00")
	wantAmount(t, "clawbacks", p.Clawbacks, "-600.00")
	wantAmount(t, "amount", p.Amount, "2400.00")
}

func TestClawbackCumulativeNeverExceedsFee(t *testing.T) {
	// Fee 15% of 3,333.33 = 499.9995 -> 500.00. Refunds of 1,111.11 three times, then 100:
	// cumulative targets 500 × 1/3 = 166.67 (166.666...), × 2/3 = 333.33, × 3/3 = 500.00 (capped at 100%).
	deals := []*domain.Deal{won("C", "3333.33", "2026-05-01", "2026-06-01", "Partner: Acme Consulting")}
	pays := []*domain.Payment{pay("C", "2026-06-02", "3333.33"),
		pay("C", "2026-06-10", "-1111.11"), pay("C", "2026-06-11", "-1111.11"), pay("C", "2026-06-12", "-1111.11"), pay("C", "2026-06-13", "-100")}
	res := run{prog: program(t, acme), deals: deals, pays: pays, period: "2026-06"}.compute(t)
	wantAmount(t, "fee", line(t, res, "acme:C:referral").Amount, "500.00")
	wantAmount(t, "1st", line(t, res, "acme:C:clawback:2026-06-10").Amount, "-166.67")
	wantAmount(t, "2nd", line(t, res, "acme:C:clawback:2026-06-11").Amount, "-166.66")
	wantAmount(t, "3rd", line(t, res, "acme:C:clawback:2026-06-12").Amount, "-166.67")
	noLine(t, res, "acme:C:clawback:2026-06-13")
	wantAmount(t, "payout", res.PayoutOf("acme").Amount, "0.00")
	if s := res.PayoutOf("acme").Status; s != book.StatusNil {
		t.Errorf("status %q, want Nil", s)
	}
}

// strategic: Initech shares 10% for 12 months, monthly; Hooli 10% for life, quarterly.
func strategic(p *domain.Program) {
	initech, hooli := from("2025-01-01"), from("2025-01-01")
	initech.RevenueShare = share("10%", 12, domain.SettleMonthly)
	hooli.RevenueShare = share("10%", 0, domain.SettleQuarterly)
	partner("initech", "Initech", domain.Strategic, initech)(p)
	partner("hooli", "Hooli", domain.Strategic, hooli)(p)
}

func TestRevenueShareWindow(t *testing.T) {
	// First payment 2025-11-15, 12 months: the window's last day is 2026-11-14.
	deals := []*domain.Deal{won("S", "12000", "2025-10-01", "2025-11-01", "Partner: Initech")}
	pays := []*domain.Payment{
		pay("S", "2025-11-15", "1000.00"),
		pay("S", "2026-10-05", "1234.56"),
		pay("S", "2026-10-05", "-500.25"), // a refund: 10% = -50.025 -> -50.03 half-up
		pay("S", "2026-11-14", "1000"),    // last day inside
		pay("S", "2026-11-15", "1000"),    // first day outside
	}
	res := run{prog: program(t, strategic), deals: deals, pays: pays, period: "2026-11"}.compute(t)
	if l := line(t, res, "initech:S:revenue-share:2025-11-15"); l.State != History {
		t.Errorf("a share eligible before program.start is %s, want history", l.State)
	}
	wantAmount(t, "share", line(t, res, "initech:S:revenue-share:2026-10-05").Amount, "123.46")
	r := line(t, res, "initech:S:revenue-share-refund:2026-10-05")
	wantAmount(t, "refund share", r.Amount, "-50.03")
	if r.Kind != Clawback {
		t.Errorf("refund share kind %v, want clawback", r.Kind)
	}
	wantAmount(t, "last day", line(t, res, "initech:S:revenue-share:2026-11-14").Amount, "100.00")
	noLine(t, res, "initech:S:revenue-share:2026-11-15")
}

func TestRoundingHalfEven(t *testing.T) {
	prog := program(t, halfEven, strategic)
	deals := []*domain.Deal{won("S", "12000", "2026-01-01", "2026-01-10", "Partner: Initech")}
	pays := []*domain.Payment{pay("S", "2026-02-01", "1000"), pay("S", "2026-02-05", "-500.25"), pay("S", "2026-02-06", "-500.35")}
	res := run{prog: prog, deals: deals, pays: pays, period: "2026-02"}.compute(t)
	// -50.025 -> -50.02 (to even); -50.035 -> -50.04 (to even).
	wantAmount(t, "half-even", line(t, res, "initech:S:revenue-share-refund:2026-02-05").Amount, "-50.02")
	wantAmount(t, "half-even", line(t, res, "initech:S:revenue-share-refund:2026-02-06").Amount, "-50.04")
}

func TestRevenueShareQuarterly(t *testing.T) {
	deals := []*domain.Deal{won("Q", "5000", "2026-06-01", "2026-07-01", "Partner: Hooli")}
	pays := []*domain.Payment{pay("Q", "2026-08-10", "1000"), pay("Q", "2026-09-30", "1000"), pay("Q", "2026-10-01", "1000")}
	aug := run{prog: program(t, strategic), deals: deals, pays: pays, period: "2026-08"}.compute(t)
	l := line(t, aug, "hooli:Q:revenue-share:2026-08-10")
	if l.Eligible != d("2026-09-30") || l.State != Pending {
		t.Errorf("August payment: eligible %s %s, want 2026-09-30 pending", l.Eligible, l.State)
	}
	sep := run{prog: program(t, strategic), deals: deals, pays: pays, period: "2026-09"}.compute(t)
	p := sep.PayoutOf("hooli")
	wantAmount(t, "Q3 settlement", p.Amount, "200.00")
	if s := line(t, sep, "hooli:Q:revenue-share:2026-10-01").State; s != Pending {
		t.Errorf("an October payment is %s in September, want pending", s)
	}
	// Life of client: a payment years later still earns.
	pays = append(pays, pay("Q", "2030-01-01", "1000"))
	later := run{prog: program(t, strategic), deals: deals, pays: pays, period: "2030-03"}.compute(t)
	wantAmount(t, "life of client", line(t, later, "hooli:Q:revenue-share:2030-01-01").Amount, "100.00")
}

// reseller: Resell Co keeps a 20% wholesale discount.
var reseller = partner("resell", "Resell Co", domain.Reseller, func() *domain.Terms {
	t := from("2026-01-01")
	t.Wholesale = &domain.WholesaleTerms{Discount: money.MustRate("20%")}
	return t
}())

func TestWholesaleReceivable(t *testing.T) {
	// The reseller bills 10,000.01 and owes us 80%: 8,000.008 -> -8,000.01.
	res := run{prog: program(t, reseller), period: "2026-10",
		deals: []*domain.Deal{won("W", "10000.01", "2026-09-01", "2026-10-10", "Partner: Resell Co")}}.compute(t)
	l := line(t, res, "resell:W:wholesale")
	wantAmount(t, "wholesale", l.Amount, "-8000.01")
	p := res.PayoutOf("resell")
	wantAmount(t, "charges", p.Charges, "-8000.01")
	if p.Status != book.StatusReceivable {
		t.Errorf("status %q, want Receivable", p.Status)
	}
}

// campaignProgram is a webinar of us, Globex and Wayne Media that payer paid for,
// its leads dealt out by owner.
func campaignProgram(t *testing.T, payer string, owner domain.LeadOwner) part {
	return func(p *domain.Program) {
		partner("globex", "Globex", domain.CoMarketing)(p)
		partner("wayne", "Wayne Media", domain.CoMarketing)(p)
		p.Campaigns = append(p.Campaigns, &domain.Campaign{ID: "web", Name: "Webinar", Date: d("2026-09-18"),
			Cost: amt("3000.01"), PaidBy: payer, Tag: "Campaign: Webinar", LeadOwner: owner,
			Shares: []domain.Share{{Party: domain.Us, Rate: money.MustRate("50%")},
				{Party: "globex", Rate: money.MustRate("30%")}, {Party: "wayne", Rate: money.MustRate("20%")}}})
	}
}

func TestCampaignCostShares(t *testing.T) {
	// We paid 3,000.01: Globex owes 30% = 900.003 -> 900.00; Wayne owes 20% = 600.002 -> 600.00.
	res := run{prog: program(t, campaignProgram(t, "us", domain.Rotate)), period: "2026-09"}.compute(t)
	wantAmount(t, "globex", line(t, res, "globex:campaign:web:cost").Amount, "-900.00")
	wantAmount(t, "wayne", line(t, res, "wayne:campaign:web:cost").Amount, "-600.00")
	if k := line(t, res, "globex:campaign:web:cost").Kind; k != Charge {
		t.Errorf("kind %v, want charge", k)
	}
	// Globex paid: we owe Globex our 50% = 1,500.005 -> 1,500.01; Wayne settles with Globex.
	res = run{prog: program(t, campaignProgram(t, "globex", domain.Rotate)), period: "2026-09"}.compute(t)
	l := line(t, res, "globex:campaign:web:cost")
	wantAmount(t, "our share", l.Amount, "1500.01")
	if l.Kind != Earned {
		t.Errorf("kind %v, want earned", l.Kind)
	}
	noLine(t, res, "wayne:campaign:web:cost")
}

func TestCampaignLeadsRotate(t *testing.T) {
	tag := "Campaign: Webinar"
	deals := []*domain.Deal{
		open("L3", "2026-09-20", tag),
		open("L1", "2026-09-19", tag),
		open("L2", "2026-09-19", tag, "Partner: Globex", "Partner: Wayne Media"), // both parties: ownership decides
		open("L4", "2026-09-21", tag),
		open("L5", "2026-09-22", tag),
	}
	res := run{prog: program(t, campaignProgram(t, "us", domain.Rotate)), deals: deals, period: "2026-09"}.compute(t)
	if res.Problems.HasErrors() {
		t.Fatalf("errors: %v", res.Problems.Errors())
	}
	// Order (created, id): L1, L2, L3, L4, L5 over us, globex, wayne.
	want := map[string]string{"L1": "us", "L2": "globex", "L3": "wayne", "L4": "us", "L5": "globex"}
	for _, x := range res.Deals {
		if x.LeadOwner != want[x.ID] {
			t.Errorf("lead %s owned by %q, want %q", x.ID, x.LeadOwner, want[x.ID])
		}
		if (x.LeadOwner == "us") != (x.Partner == nil) {
			t.Errorf("lead %s: owner %q but partner %v", x.ID, x.LeadOwner, x.Partner)
		}
	}
}

func TestCampaignLeadsFirstTouch(t *testing.T) {
	tag := "Campaign: Webinar"
	a := open("A", "2026-09-19", tag)
	a.FirstTouch = "Wayne Media"
	b := open("B", "2026-09-19", tag)
	b.FirstTouch = "google ads"
	c := open("C", "2026-09-19", tag)
	c.FirstTouch = "partner: globex"
	res := run{prog: program(t, campaignProgram(t, "us", domain.FirstTouch)), deals: []*domain.Deal{a, b, c}, period: "2026-09"}.compute(t)
	want := map[string]string{"A": "wayne", "B": "us", "C": "globex"}
	for _, x := range res.Deals {
		if x.LeadOwner != want[x.ID] {
			t.Errorf("lead %s owned by %q, want %q", x.ID, x.LeadOwner, want[x.ID])
		}
	}
}

func TestTermsVersionByWonDate(t *testing.T) {
	old, cur := from("2025-01-01"), from("2026-07-01")
	old.To = d("2026-06-30")
	old.Referral, cur.Referral = percentFee("10%", domain.PaySigned), percentFee("15%", domain.PaySigned)
	prog := program(t, partner("acme", "Acme", domain.Referral, old, cur))
	deals := []*domain.Deal{
		won("OLD", "1000", "2026-05-01", "2026-06-30", "Partner: Acme"),
		won("NEW", "1000", "2026-05-01", "2026-07-01", "Partner: Acme"),
		won("PRE", "1000", "2024-05-01", "2024-12-31", "Partner: Acme"),
	}
	res := run{prog: prog, deals: deals, period: "2026-07"}.compute(t)
	wantAmount(t, "old terms", line(t, res, "acme:OLD:referral").Amount, "100.00")
	wantAmount(t, "new terms", line(t, res, "acme:NEW:referral").Amount, "150.00")
	noLine(t, res, "acme:PRE:referral")
	if !hasProblem(res, diag.Warning, `won deal "PRE" of partner "acme" has no terms in force on 2024-12-31`) {
		t.Errorf("no warning for a won deal without terms: %v", res.Problems.All())
	}
}

func TestMinimumPayoutCarriesForward(t *testing.T) {
	// September: fee 80 < 100 -> carried. October, with September's workbook in the
	// ledger as carried: opening 80 + new fee 50 = 130, due.
	terms := from("2026-01-01")
	terms.Referral = percentFee("10%", domain.PaySigned)
	prog := program(t, partner("acme", "Acme", domain.Referral, terms))
	deals := []*domain.Deal{won("A", "800", "2026-09-01", "2026-09-10", "Partner: Acme")}
	sep := run{prog: prog, deals: deals, period: "2026-09"}.compute(t)
	if p := sep.PayoutOf("acme"); p.Status != book.StatusCarried || !p.Due.IsZero() {
		t.Fatalf("September: %s due %s, want Carried forward with no due date", p.Status, p.Due)
	}
	led := &domain.Ledger{
		Payouts: []*domain.IssuedPayout{{ID: "PB-2026-09-acme", PartnerID: "acme", Status: book.StatusCarried, Amount: amt("80"), Lines: []string{"acme:A:referral"}}},
	}
	led.Carry("acme:A:referral", "PB-2026-09-acme", money.Amount{})
	deals = append(deals, won("B", "500", "2026-10-01", "2026-10-02", "Partner: Acme"))
	oct := run{prog: prog, deals: deals, period: "2026-10", led: led}.compute(t)
	p := oct.PayoutOf("acme")
	wantAmount(t, "opening", p.Opening, "80.00")
	wantAmount(t, "earned", p.Earned, "50.00")
	wantAmount(t, "amount", p.Amount, "130.00")
	if p.Status != book.StatusDue {
		t.Errorf("status %q, want Due", p.Status)
	}
}

func TestLedgerNeverPaysTwiceAndPaysLateLines(t *testing.T) {
	prog := program(t, acme)
	deals := []*domain.Deal{won("A", "1000", "2026-09-01", "2026-09-10", "Partner: Acme Consulting")}
	led := &domain.Ledger{
		Payouts: []*domain.IssuedPayout{{ID: "PB-2026-09-acme", PartnerID: "acme", Status: book.StatusDue, Due: d("2026-10-30"), Amount: amt("150"), Lines: []string{"acme:A:referral"}}},
	}
	led.Issue("acme:A:referral", "PB-2026-09-acme", amt("150.00"))
	// A deal won in August that reached the CRM export only now (back-dated).
	deals = append(deals, won("LATE", "2000", "2026-08-01", "2026-08-20", "Partner: Acme Consulting"))
	res := run{prog: prog, deals: deals, period: "2026-10", led: led, asOf: "2026-11-02"}.compute(t)
	if l := line(t, res, "acme:A:referral"); l.State != Issued || l.IssuedBy != "PB-2026-09-acme" {
		t.Errorf("issued line is %s by %q", l.State, l.IssuedBy)
	}
	p := res.PayoutOf("acme")
	if len(p.Lines) != 1 || p.Lines[0].ID != "acme:LATE:referral" {
		t.Fatalf("October pays %v, want only the late line", p.Lines)
	}
	wantAmount(t, "late fee", p.Amount, "300.00")
	// The September payout is unpaid and was due 2026-10-30, before the as-of date.
	if len(res.Overdue) != 1 || res.Overdue[0].ID != "PB-2026-09-acme" {
		t.Errorf("overdue = %v, want PB-2026-09-acme", res.Overdue)
	}
	led.Payouts[0].Paid = d("2026-10-29")
	res = run{prog: prog, deals: deals, period: "2026-10", led: led, asOf: "2026-11-02"}.compute(t)
	if len(res.Overdue) != 0 {
		t.Errorf("a paid payout is overdue")
	}
}

func TestMarginException(t *testing.T) {
	terms := from("2026-01-01")
	terms.Referral = percentFee("20%", domain.PaySigned)
	terms.RevenueShare = share("10%", 12, domain.SettleMonthly)
	prog := program(t, partner("greedy", "Greedy", domain.Referral, terms), strategic)
	deals := []*domain.Deal{
		won("M", "10000", "2026-01-01", "2026-02-01", "Partner: Greedy"),
		won("S", "10000", "2026-01-01", "2026-02-01", "Partner: Initech"),
	}
	pays := []*domain.Payment{pay("M", "2026-03-01", "12000"), pay("S", "2026-03-01", "12000")}
	res := run{prog: prog, deals: deals, pays: pays, period: "2026-10"}.compute(t)
	// Cost 2,000 + 1,200 = 3,200 over first-year value max(10,000, 12,000) = 0.266667 > 25%.
	if len(res.Margins) != 1 {
		t.Fatalf("margins %d, want 1 (strategic partners are exempt)", len(res.Margins))
	}
	m := res.Margins[0]
	wantAmount(t, "cost", m.Cost, "3200")
	wantAmount(t, "first-year value", m.FirstYear, "12000")
	if m.Ratio.Fixed(4) != "0.2667" || !m.Exception {
		t.Errorf("ratio %s exception %v, want 0.2667 true", m.Ratio.Fixed(4), m.Exception)
	}
	if !hasProblem(res, diag.Warning, `terms of partner "greedy" from 2026-01-01 give away 30% of first-year value`) {
		t.Errorf("no terms warning: %v", res.Problems.All())
	}
}

func TestAttributionProblems(t *testing.T) {
	prog := program(t, acme, reseller)
	deals := []*domain.Deal{
		won("TWO", "1000", "2026-10-01", "2026-10-02", "Partner: Acme Consulting", "Partner: Resell Co"),
		won("UNK", "1000", "2026-10-01", "2026-10-02", "Partner: Unknown Co"),
		won("TYPE", "1000", "2026-10-01", "2026-10-02", "PARTNER: ACME CONSULTING", "Partner type: Reseller"),
		won("COL", "1000", "2026-10-01", "2026-10-02"),
	}
	deals[3].Partner = "resell"
	res := run{prog: prog, deals: deals, period: "2026-10"}.compute(t)
	if !hasProblem(res, diag.Error, `deal "TWO" carries the tags of partners "acme" and "resell"`) {
		t.Errorf("no error for two partner tags: %v", res.Problems.All())
	}
	if !hasProblem(res, diag.Warning, `tag "Partner: Unknown Co" names no partner`) {
		t.Errorf("no warning for an unknown partner tag")
	}
	if !hasProblem(res, diag.Warning, `deal "TYPE" is tagged "Partner type: Reseller" but partner "acme" is of type referral`) {
		t.Errorf("no warning for a type mismatch: %v", res.Problems.All())
	}
	for _, x := range res.Deals {
		switch x.ID {
		case "UNK":
			if x.Partner != nil {
				t.Errorf("unknown tag attributed to %s", x.Partner.ID)
			}
		case "TYPE":
			if x.Partner == nil || x.Partner.ID != "acme" {
				t.Errorf("mixed-case tag not attributed to acme")
			}
		case "COL":
			if x.Partner == nil || x.Partner.ID != "resell" {
				t.Errorf("partner column not attributed to resell")
			}
		}
	}
}

// The order of payment rows in the export must not change a line, a state or a payout:
// lines are sorted with a unique last key and payments are grouped by date.
func TestPaymentOrderDoesNotMatter(t *testing.T) {
	prog := program(t, acme, reseller, strategic)
	deals := []*domain.Deal{
		won("A", "1000", "2026-09-01", "2026-10-10", "Partner: Acme Consulting"),
		won("B", "5000", "2026-09-01", "2026-10-11", "Partner: Resell Co"),
		won("C", "7000", "2026-09-01", "2026-10-12", "Partner: Hooli"),
	}
	pays := []*domain.Payment{pay("C", "2026-10-15", "700"), pay("C", "2026-10-16", "-100"), pay("A", "2026-10-17", "1000"),
		pay("C", "2026-10-15", "0.05"), pay("A", "2026-10-18", "-250")}
	reversed := slices.Clone(pays)
	slices.Reverse(reversed)
	dump := func(res *Result) string {
		var b strings.Builder
		for _, l := range res.Lines {
			fmt.Fprintf(&b, "%s %s %s %s\n", l.ID, l.Amount, l.Eligible, l.State)
		}
		for _, p := range res.Payouts {
			fmt.Fprintf(&b, "%s %s %s\n", p.ID, p.Amount, p.Status)
		}
		return b.String()
	}
	a := dump(run{prog: prog, deals: deals, pays: pays, period: "2026-10"}.compute(t))
	b := dump(run{prog: prog, deals: deals, pays: reversed, period: "2026-10"}.compute(t))
	if a != b {
		t.Errorf("payment order changed the result:\n%s\nvs\n%s", a, b)
	}
	// Hooli's 10% revenue share of the two payments on Oct 15 is one line.
	wantAmount(t, "share of Oct 15", line(t, mustCompute(t, prog, deals, reversed), "hooli:C:revenue-share:2026-10-15").Amount, "70.01")
}

func mustCompute(t *testing.T, prog *domain.Program, deals []*domain.Deal, pays []*domain.Payment) *Result {
	return run{prog: prog, deals: deals, pays: pays, period: "2026-10"}.compute(t)
}

// Hand-computed payouts: the parts add up to the amount, and the amount is the sum of
// the partner's payable lines (read from the lines, not from the payout).
func TestPayoutInvariant(t *testing.T) {
	prog := program(t, acme, reseller, strategic, campaignProgram(t, "us", domain.Rotate))
	deals := []*domain.Deal{
		won("A", "1234.57", "2026-09-01", "2026-10-10", "Partner: Acme Consulting"),
		won("B", "5000.03", "2026-09-01", "2026-10-11", "Partner: Resell Co"),
		won("C", "7000", "2026-09-01", "2026-10-12", "Partner: Initech"),
	}
	pays := []*domain.Payment{pay("A", "2026-10-15", "1234.57"), pay("A", "2026-10-20", "-333.33"), pay("C", "2026-10-15", "700.05")}
	res := run{prog: prog, deals: deals, pays: pays, period: "2026-10"}.compute(t)
	want := map[string][5]string{ // earned, clawbacks, charges, amount, status
		// 15% of 1,234.57 = 185.1855 -> 185.19; refund 333.33 of 1,234.57 takes back
		// 185.19 x 0.2699995 = 50.0012 -> 50.00.
		"PB-2026-10-acme": {"185.19", "-50.00", "0", "135.19", "Due"},
		// We paid the 3,000.01 webinar: 30% = 900.003 -> 900.00, 20% = 600.002 -> 600.00.
		"PB-2026-10-globex": {"0", "0", "-900.00", "-900.00", "Receivable"},
		"PB-2026-10-wayne":  {"0", "0", "-600.00", "-600.00", "Receivable"},
		// 10% of 700.05 = 70.005 -> 70.01 (half up), under the 100.00 minimum.
		"PB-2026-10-initech": {"70.01", "0", "0", "70.01", "Carried forward"},
		// The reseller owes 80% of 5,000.03 = 4,000.024 -> 4,000.02.
		"PB-2026-10-resell": {"0", "0", "-4000.02", "-4000.02", "Receivable"},
	}
	if len(res.Payouts) != len(want) {
		t.Fatalf("%d payouts, want %d", len(res.Payouts), len(want))
	}
	for _, p := range res.Payouts {
		w, ok := want[p.ID]
		if !ok {
			t.Errorf("unexpected payout %s", p.ID)
			continue
		}
		wantAmount(t, p.ID+" earned", p.Earned, w[0])
		wantAmount(t, p.ID+" clawbacks", p.Clawbacks, w[1])
		wantAmount(t, p.ID+" charges", p.Charges, w[2])
		wantAmount(t, p.ID+" amount", p.Amount, w[3])
		if string(p.Status) != w[4] {
			t.Errorf("%s status %s, want %s", p.ID, p.Status, w[4])
		}
		wantAmount(t, p.ID+" parts", p.Opening.Add(p.Earned).Add(p.Clawbacks).Add(p.Charges), w[3])
		lines := money.Zero
		for _, l := range res.Lines {
			if l.PartnerID == p.Partner.ID && l.State == Payable {
				lines = lines.Add(l.Amount)
			}
		}
		wantAmount(t, p.ID+" payable lines", lines, w[3])
	}
}

func TestClawbackOfAHistoryFeeIsHistory(t *testing.T) {
	// The fee was eligible 2025-12-15, before program.start 2026-01-01: never paid by
	// partnerbook, so a refund in January takes nothing back.
	deals := []*domain.Deal{won("OLD", "10000", "2025-11-01", "2025-12-15", "Partner: Acme Consulting")}
	pays := []*domain.Payment{pay("OLD", "2025-12-20", "10000"), pay("OLD", "2026-01-10", "-5000")}
	res := run{prog: program(t, acme), deals: deals, pays: pays, period: "2026-01"}.compute(t)
	if l := line(t, res, "acme:OLD:referral"); l.State != History {
		t.Errorf("fee state %s", l.State)
	}
	noLine(t, res, "acme:OLD:clawback:2026-01-10")
}

func TestRevenueShareWindowFromMonthEnd(t *testing.T) {
	terms := from("2026-01-01")
	terms.RevenueShare = share("10%", 1, domain.SettleMonthly)
	prog := program(t, partner("m", "M", domain.Strategic, terms))
	// First payment Jan 31, one month: the window runs through Feb 28 (Jan 31 + 1 month
	// clamps to Feb 28, which is still inside); Mar 1 is outside.
	deals := []*domain.Deal{won("W", "1000", "2026-01-01", "2026-01-05", "Partner: M")}
	pays := []*domain.Payment{pay("W", "2026-01-31", "100"), pay("W", "2026-02-28", "200"), pay("W", "2026-03-01", "300")}
	res := run{prog: prog, deals: deals, pays: pays, period: "2026-03"}.compute(t)
	wantAmount(t, "Feb 28", line(t, res, "m:W:revenue-share:2026-02-28").Amount, "20.00")
	noLine(t, res, "m:W:revenue-share:2026-03-01")
}

func TestPaymentsMatchedByClient(t *testing.T) {
	prog := program(t, strategic)
	// Two won deals of one client: a payment goes to the latest deal won on or before it.
	a := won("A", "1000", "2026-01-01", "2026-02-01", "Partner: Initech")
	b := won("B", "1000", "2026-05-01", "2026-06-01", "Partner: Initech")
	a.Client, b.Client = "Umbrella Corp", "Umbrella Corp"
	pays := []*domain.Payment{
		{Client: "umbrella corp", Date: d("2026-03-01"), Amount: amt("100")},
		{Client: "Umbrella Corp", Date: d("2026-07-01"), Amount: amt("200")},
		{Client: "Nobody Inc", Date: d("2026-07-01"), Amount: amt("300")},
	}
	res := run{prog: prog, deals: []*domain.Deal{a, b}, pays: pays, period: "2026-07"}.compute(t)
	wantAmount(t, "A's share", line(t, res, "initech:A:revenue-share:2026-03-01").Amount, "10.00")
	wantAmount(t, "B's share", line(t, res, "initech:B:revenue-share:2026-07-01").Amount, "20.00")
	if len(res.Unmatched) != 1 || !hasProblem(res, diag.Warning, `payment from "Nobody Inc" matches no won deal of that client`) {
		t.Errorf("unmatched %v, problems %v", res.Unmatched, res.Problems.All())
	}
}

// TestRevenueShareSumsEachDayOfManyPayments pays a life-of-client share of 30
// months of payments, some days with two payments and some with a refund: more days
// than a deal usually has, which are summed through an index.
func TestRevenueShareSumsEachDayOfManyPayments(t *testing.T) {
	deals := []*domain.Deal{won("S", "12000", "2025-01-01", "2025-01-10", "Partner: Hooli")}
	var pays []*domain.Payment
	shares, refunds := map[string]string{}, map[string]string{}
	for m := 0; m < 30; m++ {
		day := d("2025-02-03").AddMonths(m).String()
		pays = append(pays, pay("S", day, "1000"))
		shares[day] = "100.00"
		if m%3 == 0 {
			pays = append(pays, pay("S", day, "234.55")) // 10% of 1,234.55 = 123.455 -> 123.46
			shares[day] = "123.46"
		}
		if m%4 == 0 {
			pays = append(pays, pay("S", day, "-10.05"), pay("S", day, "-0.10")) // -1.015 -> -1.02
			refunds[day] = "-1.02"
		}
	}
	res := run{prog: program(t, strategic), deals: deals, pays: pays, period: "2026-10"}.compute(t)
	n := 0
	for _, l := range res.Lines {
		if l.Rule == RuleRevenueShare {
			n++
		}
	}
	if n != len(shares)+len(refunds) {
		t.Errorf("%d revenue-share lines, want %d (one per day and sign)", n, len(shares)+len(refunds))
	}
	for day, want := range shares {
		wantAmount(t, "share of "+day, line(t, res, "hooli:S:revenue-share:"+day).Amount, want)
	}
	for day, want := range refunds {
		wantAmount(t, "refund share of "+day, line(t, res, "hooli:S:revenue-share-refund:"+day).Amount, want)
	}
}

// TestMarginsByWonDateThenDeal lists margins by won date, then deal ID; deals
// alike in both (an in-memory list may repeat an ID) stay in export order.
func TestMarginsByWonDateThenDeal(t *testing.T) {
	deals := []*domain.Deal{
		won("C", "1000", "2026-01-01", "2026-03-01", "Partner: Acme Consulting"),
		won("X", "2000", "2026-01-01", "2026-02-01", "Partner: Acme Consulting"),
		won("B", "3000", "2026-01-01", "2026-03-01", "Partner: Acme Consulting"),
		won("X", "4000", "2026-01-01", "2026-02-01", "Partner: Acme Consulting"),
		won("A", "5000", "2026-01-01", "2026-04-01", "Partner: Acme Consulting"),
	}
	res := run{prog: program(t, acme), deals: deals, period: "2026-10"}.compute(t)
	var got []string
	for _, m := range res.Margins {
		got = append(got, m.Deal.ID+"="+m.FirstYear.String())
	}
	if s := strings.Join(got, " "); s != "X=2000 X=4000 B=3000 C=1000 A=5000" {
		t.Errorf("margins %s", s)
	}
}
