package pdf

import (
	"bytes"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/partnerbook/partnerbook/internal/book"
	"github.com/partnerbook/partnerbook/internal/civil"
	"github.com/partnerbook/partnerbook/internal/money"
	"github.com/partnerbook/partnerbook/internal/report"
)

func rate(s string) money.Rate { return money.MustRate(s) }

// ratePtr is a ratio of any size, e.g. "4.2079".
func ratePtr(s string) *money.Rate { r := amt(s).Ratio(money.FromInt(1)); return &r }

// sampleReport is an owner report with nPartners partners (at least 4) and
// the given warnings.
func sampleReport(nPartners int, warnings []string) *report.Report {
	period := civil.NewMonth(2026, time.October)
	rep := &report.Report{
		Program: "Partnerbook Consulting Ltd", Period: period, AsOf: stAsOf, Currency: "USD", Policy: usd,
		From: civil.New(2025, time.November, 1), To: civil.New(2026, time.October, 31),
		Totals: report.Totals{
			Due: amt("14210.55"), Carried: amt("45.10"), Receivable: amt("-420.00"), Payouts: 5,
			PartnerRevenue: amt("412883.10"), AllRevenue: amt("1000550.00"), PartnerShare: rate("41.2656%"),
			PartnerCost: amt("98120.40"), Return: ratePtr("4.2079"), Overdue: amt("2310.40"), OverdueOwedToUs: amt("640.25"),
		},
		DedicatedRoleRecommended: true, DedicatedRoleShare: rate("30%"), MarginCap: rate("25%"),
		Quarter: report.Quarter{Name: "2026-Q4", From: civil.New(2026, time.October, 1), To: civil.New(2026, time.October, 31), Top: []string{"lodz", "acme", "zoe"}, ToReview: []string{"cafe"}},
		Recruitment: report.Recruitment{
			ByStatus:      []report.Count{{Label: "target", N: 3}, {Label: "active", N: 9}, {Label: "paused", N: 1}, {Label: "ended", N: 2}},
			TargetsByType: []report.Count{{Label: "referral", N: 2}, {Label: "reseller", N: 1}, {Label: "co-marketing", N: 0}, {Label: "strategic", N: 0}},
		},
		Warnings: warnings,
	}
	base := []*report.PartnerRow{
		{ID: "lodz", Name: "Łódź Analytics", Type: "referral", Status: "active", Owner: "Dana Lee", Leads: 42, Proposals: 17, WonOfLeads: 8, Won: 9,
			WonValue: amt("184220.50"), Revenue: amt("160450.10"), Cost: amt("24100.00"), Return: ratePtr("6.6577"),
			PeriodPayout: amt("1851.85"), PeriodStatus: string(book.StatusDue), QuarterRevenue: amt("40100.00"), QuarterProposals: 4, Review: report.Top, ReviewReason: "top revenue this quarter"},
		{ID: "acme", Name: "Acme Reselling Corporation of North America and the Caribbean", Type: "reseller", Status: "active", Owner: "Sam Okafor",
			Leads: 30, Proposals: 12, WonOfLeads: 4, Won: 5, WonValue: amt("98000.00"), Revenue: amt("120000.00"), Cost: amt("-29400.00"),
			PeriodPayout: amt("-420.00"), PeriodStatus: string(book.StatusReceivable), QuarterRevenue: amt("31000.00"), QuarterProposals: 2, Review: report.Top, ReviewReason: "top revenue this quarter"},
		{ID: "zoe", Name: "Zoë Martin", Type: "referral", Status: "active", Owner: "Dana Lee", Leads: 12, Proposals: 6, WonOfLeads: 2, Won: 2,
			WonValue: amt("75220.55"), Revenue: amt("75220.55"), Cost: amt("11283.08"), Return: ratePtr("6.6667"),
			PeriodPayout: amt("45.10"), PeriodStatus: string(book.StatusCarried), QuarterRevenue: amt("9000.00"), QuarterProposals: 1, Review: report.Top, ReviewReason: "top revenue this quarter"},
		{ID: "cafe", Name: "Café Olé S.A.", Type: "co-marketing", Status: "active", Owner: "", Leads: 3, Proposals: 0, Won: 0,
			WonValue: money.Zero, Revenue: amt("1200.00"), Cost: amt("500.00"), Return: ratePtr("2.4"),
			Review: report.Review, ReviewReason: "no proposals this quarter: review or end"},
	}
	rep.Partners = base
	for i := len(base); i < nPartners; i++ {
		rev := money.FromInt(int64(50000 - i*1000))
		rep.Partners = append(rep.Partners, &report.PartnerRow{ID: fmt.Sprintf("p%02d", i), Name: fmt.Sprintf("Partner %02d Ærøskøbing", i),
			Type: "referral", Status: "target", Owner: "Sam Okafor", Leads: i, Proposals: i / 2, WonOfLeads: i / 4, Won: i / 4,
			WonValue: rev, Revenue: rev, Review: report.Keep})
	}
	for _, typ := range []string{"referral", "reseller", "co-marketing", "strategic"} {
		t := &report.TypeRow{Type: typ}
		for _, p := range rep.Partners {
			if p.Type == typ {
				t.Partners++
				t.Leads += p.Leads
				t.Proposals += p.Proposals
				t.WonOfLeads += p.WonOfLeads
				t.Won += p.Won
				t.WonValue = t.WonValue.Add(p.WonValue)
				t.Revenue = t.Revenue.Add(p.Revenue)
			}
		}
		rep.Types = append(rep.Types, t)
	}
	for i := 0; i < 12; i++ {
		rep.Months = append(rep.Months, &report.MonthRow{Month: period.Add(i - 11), PartnerRevenue: money.FromInt(int64(20000 + 1700*i)),
			AllRevenue: money.FromInt(int64(70000 + 900*i)), Leads: 5 + i, Won: i / 3})
	}
	rep.Campaigns = []*report.CampaignRow{{ID: "webinar-q4", Name: "Autumn webinar", Date: civil.New(2026, time.October, 22), Cost: amt("200.00"),
		Leads: 7, LeadsUs: 3, Won: 2, LeadsByParty: []report.Count{{Label: report.Us, N: 3}, {Label: "lodz", N: 2}, {Label: "cafe", N: 2}}, Revenue: amt("8400.00")}}
	rep.MarginExceptions = []*report.MarginRow{{Partner: "zoe", Deal: "D-0771", Client: "Brücke & Söhne GmbH", Won: civil.New(2026, time.June, 3),
		Cost: amt("3300.00"), FirstYear: amt("10000.00"), Ratio: rate("33%")}}
	rep.Overdue = []*report.OverdueRow{{Payout: "PB-2026-08-lodz", Partner: "lodz", Amount: amt("2310.40"), Due: civil.New(2026, time.September, 30), DaysLate: 33},
		{Payout: "PB-2026-09-zoe", Partner: "zoe", Amount: amt("640.25"), OwedToUs: true, Due: civil.New(2026, time.October, 31), DaysLate: 2}}
	rep.Owners = []*report.OwnerRow{{Owner: "(no owner)", Partners: []string{"cafe"}}, {Owner: "Dana Lee", Partners: []string{"lodz", "zoe"}}}
	var sam []string
	for _, p := range rep.Partners {
		if p.Owner == "Sam Okafor" {
			sam = append(sam, p.ID)
		}
	}
	rep.Owners = append(rep.Owners, &report.OwnerRow{Owner: "Sam Okafor", Partners: sam})
	return rep
}

func sampleWarnings(n int) []string {
	ws := []string{
		`deals.xlsx: sheet "Opportunities" row 19: tag "Partner: Unknown Co" names no partner`,
		`partners.toml: partner "zoe": referral 20% plus 12-month revenue share 10% exceed the margin cap 25%`,
		`deals.xlsx: sheet "Opportunities" row 233: won deal D-0771 of partner "acme" has no terms in force on 2026-06-03; ` +
			`its lines are not computed. Check the partner's terms versions in partners.toml, which currently cover 2025-01-01 to 2026-05-31 ` +
			`and from 2026-07-01, and add a version for the gap or move the won date if the CRM has it wrong: https://example.com/very/long/path/without/any/spaces/at/all/0123456789abcdef0123456789abcdef`,
	}
	var out []string
	for i := 0; i < n; i++ {
		w := ws[i%len(ws)]
		if i >= len(ws) {
			w = fmt.Sprintf("payments.csv: row %d: %s", 100+i, w)
		}
		out = append(out, w)
	}
	return out
}

func renderOwner(t testing.TB, rep *report.Report) []byte {
	t.Helper()
	b, err := OwnerReport(rep)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestOwnerReportContents(t *testing.T) {
	ws := sampleWarnings(3)
	rep := sampleReport(6, ws)
	b := renderOwner(t, rep)
	writeSample(t, "owner-report.pdf", b)
	pages := pdfPages(t, b)
	text := squash(strings.Join(pages, "\n"))
	for _, want := range []string{
		"Owner report", "October 2026", "2025-11-01 to 2026-10-31", "2026-Q4",
		"Partner-sourced revenue $412,883.10", "All revenue $1,000,550.00", "Partner-sourced share of all revenue 41.3%",
		"Return: revenue per USD 1 paid to partners 4.21", "Payouts due this period $14,210.55", "Carried forward (below the minimum) $45.10",
		"Receivables, owed to us $420.00", "Overdue we owe, earlier periods $2,310.40 (1 payout)", "Overdue owed to us, earlier periods $640.25 (1 payout)",
		"Revenue by partner, 12 months", "Partner funnel, leads created in the 12 months", "Partner-sourced revenue by month", "Oct 2026",
		"Partners, 12 months", "Łódź Analytics 42 17 8 $184,220.50 $160,450.10 $1,851.85 6.66 top", "9 deals", "referral · active · Dana", "$420.00 —", "owed to us",
		"Café Olé S.A.", "co-marketing · active · no",
		"Quarterly review 2026-Q4: top partners by revenue", "Quarterly review 2026-Q4: review or end", "no proposals this quarter: review or end",
		"Margin exceptions: partner cost above 25% of first-year value", "Zoë Martin D-0771 Brücke & Söhne GmbH 2026-06-03 $3,300.00 $10,000.00 33%",
		"Overdue payouts", "PB-2026-08-lodz Łódź Analytics 2026-09-30 33 us $2,310.40", "PB-2026-09-zoe Zoë Martin 2026-10-31 2 the partner $640.25",
		"Recruitment: partners by status", "active 9", "Recruitment: targets by type", "reseller 1",
		"Campaign results", "Autumn webinar $200.00 7 3 4 2 $8,400.00", "Leads by party: us 3 · Łódź Analytics 2 · Café Olé S.A. 2",
		"Partner owners", "Dana Lee 2 Łódź Analytics, Zoë Martin",
		"Warnings of this run (3)",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("owner report lacks %q", want)
		}
	}
	if want := "Partner-sourced revenue is 41.3% of all revenue, at or above the 30% threshold: a dedicated partnerships role is recommended."; !strings.Contains(flat(text), flat(want)) {
		t.Errorf("owner report lacks the verdict %q", want)
	}
	assertWarnings(t, text, ws)
	for i, pg := range pdfWords(t, b) {
		assertLayout(t, i+1, pg)
	}
}

// flat drops all white space, so that wrapped text can be compared.
func flat(s string) string { return strings.Join(strings.Fields(s), "") }

// assertWarnings checks every warning is printed in full (wrapped, and
// over several rows when very long).
func assertWarnings(t *testing.T, text string, ws []string) {
	t.Helper()
	text = flat(text)
	for i, w := range ws {
		for _, part := range chunkText(w, maxWarningRunes) {
			if !strings.Contains(text, flat(part)) {
				t.Errorf("warning %d missing: %q", i+1, part)
			}
		}
	}
}

func TestOwnerReportManyPartnersAndWarnings(t *testing.T) {
	ws := sampleWarnings(120)
	ws = append(ws, strings.Repeat("a very long warning ", 400))
	rep := sampleReport(60, ws)
	b := renderOwner(t, rep)
	writeSample(t, "owner-report-large.pdf", b)
	pages := pdfPages(t, b)
	text := squash(strings.Join(pages, "\n"))
	for _, p := range rep.Partners[:report.DefaultTopPartners] {
		if !strings.Contains(text, p.Name) {
			t.Errorf("partner table lacks %q", p.Name)
		}
	}
	if want := fmt.Sprintf("%d more partners", 60-report.DefaultTopPartners); !strings.Contains(text, want) {
		t.Errorf("partner table lacks %q", want)
	}
	nonZero := 0
	for _, p := range rep.Partners {
		if !p.Revenue.IsZero() {
			nonZero++
		}
	}
	if !strings.Contains(text, fmt.Sprintf("%d other partners", nonZero-chartTop)) {
		t.Error("revenue chart does not sum the partners beyond the top 10")
	}
	if !strings.Contains(text, fmt.Sprintf("Warnings of this run (%d)", len(ws))) {
		t.Error("warning count missing")
	}
	assertWarnings(t, text, ws)
	for i, p := range pages {
		if want := fmt.Sprintf("Page %d of %d", i+1, len(pages)); !strings.Contains(p, want) {
			t.Errorf("page %d lacks %q", i+1, want)
		}
	}
	for i, pg := range pdfWords(t, b) {
		assertLayout(t, i+1, pg)
	}
}

func TestOwnerReportEmpty(t *testing.T) {
	rep := &report.Report{Program: "Partnerbook Consulting Ltd", Period: civil.NewMonth(2026, time.October), AsOf: stAsOf,
		Currency: "EUR", Policy: usd, DedicatedRoleShare: rate("30%"), MarginCap: rate("25%"), Quarter: report.Quarter{Name: "2026-Q4"}}
	text := squash(strings.Join(pdfPages(t, renderOwner(t, rep)), "\n"))
	for _, want := range []string{"no revenue in the window, so no recommendation", "No partner-sourced revenue in the window.",
		"No partners.", "None: the run produced no warnings.", "€0.00"} {
		if !strings.Contains(text, want) {
			t.Errorf("empty owner report lacks %q", want)
		}
	}
	if _, err := OwnerReport(nil); err == nil {
		t.Error("nil report should fail")
	}
}

func TestOwnerReportDeterministic(t *testing.T) {
	a := renderOwner(t, sampleReport(20, sampleWarnings(30)))
	b := renderOwner(t, sampleReport(20, sampleWarnings(30)))
	if !bytes.Equal(a, b) {
		t.Fatal("two renders of the same owner report differ")
	}
}

func TestPercent1(t *testing.T) {
	for in, want := range map[string]string{"41.2656%": "41.3%", "0%": "0%", "100%": "100%", "33%": "33%", "0.04%": "0%", "0.05%": "0.1%"} {
		if got := percent1(rate(in)); got != want {
			t.Errorf("percent1(%s) = %s, want %s", in, got, want)
		}
	}
	big := money.FromInt(5).Ratio(money.FromInt(2)) // 250%
	if got := percent1(big); got != "250%" {
		t.Errorf("percent1(2.5) = %s", got)
	}
	if got := percent1(money.FromInt(-1).Ratio(money.FromInt(8))); got != "-12.5%" {
		t.Errorf("percent1(-0.125) = %s", got)
	}
}

func TestOwnerReportVerdictBelowThreshold(t *testing.T) {
	rep := sampleReport(4, nil)
	rep.DedicatedRoleRecommended = false
	rep.Totals.PartnerShare = amt("0.12").Ratio(money.FromInt(1))
	text := flat(strings.Join(pdfPages(t, renderOwner(t, rep)), "\n"))
	if want := "Partner-sourced revenue is 12% of all revenue, below the 30% threshold: a dedicated partnerships role is not called for yet."; !strings.Contains(text, flat(want)) {
		t.Errorf("owner report lacks %q", want)
	}
}

// The table by partner type follows the leads created in the window, as the funnel and
// the partners table do: its won column counts the won of those leads, and the deals
// won in the window are counted beside their value.
func TestOwnerReportTypesFollowTheLeads(t *testing.T) {
	rep := sampleReport(6, nil)
	text := squash(strings.Join(pdfPages(t, renderOwner(t, rep)), "\n"))
	for _, want := range []string{
		"By partner type, 12 months",
		// referral: Łódź 42/17/8 (9 won in the window), Zoë 12/6/2 (2), two more 4/2/1 and 5/2/1 (1 each)
		"referral 4 63 27 12 $350,441.05 $326,670.65", "13 deals",
		"reseller 1 30 12 4 $98,000.00 $120,000.00", "5 deals",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("owner report lacks %q", want)
		}
	}
}
