package html

import (
	"bytes"
	"fmt"
	stdhtml "html"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/partnerbook/partnerbook/internal/book"
	"github.com/partnerbook/partnerbook/internal/money"
	"github.com/partnerbook/partnerbook/internal/report"
)

// manyPartners is sampleReport with n synthetic partners instead of its own,
// in revenue order, each with its own amounts in cents, and w warnings.
func manyPartners(n, w int) *report.Report {
	rep := sampleReport()
	rep.Partners = nil
	for i := range n {
		status := []string{string(book.StatusDue), string(book.StatusCarried), string(book.StatusReceivable), ""}[i%4]
		payout := money.Zero
		switch status {
		case string(book.StatusDue):
			payout = money.MustAmount(fmt.Sprintf("%d.%02d", 100+i%900, (i*7)%100))
		case string(book.StatusCarried):
			payout = money.MustAmount(fmt.Sprintf("%d.%02d", i%90, (i*3)%100))
		case string(book.StatusReceivable):
			payout = money.MustAmount(fmt.Sprintf("-%d.%02d", 10+i%50, (i*11)%100))
		}
		cost, fy := money.MustAmount(fmt.Sprintf("%d.%02d", 10+i%400, i%100)), money.MustAmount(fmt.Sprintf("%d.00", 1000+i%3000))
		ratio := cost.Ratio(fy)
		rep.Partners = append(rep.Partners, &report.PartnerRow{ID: fmt.Sprintf("p%05d", i), Name: fmt.Sprintf("Partner %05d", i),
			Type: "referral", Status: "active", Leads: 1 + i%13, Proposals: i % 5, Won: i % 4,
			Revenue: money.MustAmount(fmt.Sprintf("%d.%02d", 1000+(n-i)*3, i%100)), PeriodPayout: payout, PeriodStatus: status,
			Paid: money.MustAmount(fmt.Sprintf("%d.%02d", i%700, (i*13)%100)), Overdue: money.MustAmount(fmt.Sprintf("%d.%02d", i%3, i%10)),
			MarginCost: cost, MarginFirstYear: fy, MarginRatio: &ratio})
	}
	rep.Warnings = nil
	for i := range w {
		rep.Warnings = append(rep.Warnings, fmt.Sprintf("deals.xlsx: sheet \"Opportunities\" row %d: tag \"Partner: Unknown %d\" names no partner", i+2, i))
	}
	return rep
}

// barValues is the values of a chart's series by name.
func barValues(t *testing.T, opt map[string]any, series string) []float64 {
	t.Helper()
	for _, s := range opt["series"].([]any) {
		m := s.(map[string]any)
		if m["name"] != series {
			continue
		}
		var out []float64
		for _, v := range m["data"].([]any) {
			out = append(out, v.(map[string]any)["value"].(float64))
		}
		return out
	}
	t.Fatalf("no series %q", series)
	return nil
}

// With more partners than the report's top, every chart by partner shows the
// top ones and one "Others" bar of exactly the rest; the payouts table does the
// same; the page says so; every warning is still listed; the page stays small.
func TestDashboardManyPartners(t *testing.T) {
	for _, tc := range []struct {
		name               string
		partners, warnings int
		maxKB              int
	}{
		{"1,000 partners", 1000, 0, 100},
		{"10,000 partners", 10000, 0, 100},
		{"10,000 partners and 10,000 warnings", 10000, 10000, 1500},
	} {
		t.Run(tc.name, func(t *testing.T) {
			rep := manyPartners(tc.partners, tc.warnings)
			start := time.Now()
			var buf bytes.Buffer
			if err := Dashboard(&buf, rep, fakeScript); err != nil {
				t.Fatal(err)
			}
			page := buf.String()
			t.Logf("%s: dashboard %d KB (%d KB without the echarts script) in %v", tc.name, len(page)/1024,
				(len(page)-len(fakeScript))/1024, time.Since(start).Round(time.Millisecond))
			if len(page) > tc.maxKB*1024 {
				t.Errorf("dashboard is %d KB, want at most %d KB", len(page)/1024, tc.maxKB)
			}
			top := report.DefaultTopPartners
			rest := rep.Partners[top:]
			others := fmt.Sprintf("Others (%s partners)", groupInt(len(rest)))
			sum := report.Sum(rest)
			opts, _ := chartOptions(t, page)
			round := func(a money.Amount) float64 { return rep.Policy.Round(a).Float64() }

			for _, c := range []struct {
				id, series string
				want       func(p *report.PartnerRow) float64
			}{
				{chartRevenueByPartner, "Partner-sourced revenue", func(p *report.PartnerRow) float64 { return round(p.Revenue) }},
				{chartFunnelByPartner, "Leads", func(p *report.PartnerRow) float64 { return float64(p.Leads) }},
				{chartFunnelByPartner, "Won", func(p *report.PartnerRow) float64 { return float64(p.WonOfLeads) }},
				{chartPayoutsByPartner, "Paid in window, by us", func(p *report.PartnerRow) float64 { return round(p.Paid) }},
				{chartPayoutsByPartner, "Paid in window, by the partner", func(p *report.PartnerRow) float64 { return -round(p.PaidOwedToUs) }},
				{chartPayoutsByPartner, "This period (" + rep.Period.String() + ")", func(p *report.PartnerRow) float64 { return round(p.PeriodPayout) }},
			} {
				cats := categories(t, opts[c.id])
				if len(cats) != top+1 || cats[top] != others {
					t.Fatalf("%s: %d bars ending %q, want %d ending %q", c.id, len(cats), cats[len(cats)-1], top+1, others)
				}
				vals := barValues(t, opts[c.id], c.series)
				for i, p := range rep.Partners[:top] {
					if cats[i] != p.Name || vals[i] != c.want(p) {
						t.Errorf("%s bar %d: %q %v, want %q %v", c.id, i, cats[i], vals[i], p.Name, c.want(p))
					}
				}
				if got, want := vals[top], c.want(&sum.PartnerRow); got != want {
					t.Errorf("%s %s: others bar %v, want %v", c.id, c.series, got, want)
				}
			}
			// The margin chart ranks by ratio; its others bar is the ratio of the sums.
			cats := categories(t, opts[chartMarginByPartner])
			if len(cats) != top+1 || cats[top] != others {
				t.Errorf("margin chart: %d bars ending %q", len(cats), cats[len(cats)-1])
			}

			text := pageText(page)
			// The payouts table: the top rows and one summed row of exact amounts.
			row := strings.Join([]string{others, fmt.Sprintf("%s due, %s carried forward, %s owed to us; net",
				rep.Policy.Display(sum.Due, "USD"), rep.Policy.Display(sum.Carried, "USD"), rep.Policy.Display(sum.Receivable.Neg(), "USD")),
				rep.Policy.Display(sum.PeriodPayout, "USD"), rep.Policy.Display(sum.Paid, "USD"), rep.Policy.Display(sum.PaidOwedToUs, "USD"),
				rep.Policy.Display(sum.Overdue, "USD")}, " ")
			if !strings.Contains(text, row) {
				t.Errorf("payouts table lacks the row %q", row)
			}
			for _, want := range []string{
				fmt.Sprintf("The chart by partner shows the %d partners with the most revenue and sums the other %s in one \"Others\" row", top, groupInt(len(rest))),
				fmt.Sprintf("The margin chart shows the %d partners with the highest ratio", top),
				"every partner is in report.json and payouts.xlsx",
			} {
				if !strings.Contains(text, want) {
					t.Errorf("page does not say %q", want)
				}
			}
			if strings.Contains(text, rep.Partners[top].Name+" ") {
				t.Errorf("partner %q past the top is shown by name", rep.Partners[top].Name)
			}
			for _, w := range rep.Warnings {
				if !strings.Contains(page, strings.ReplaceAll(w, `"`, "&#34;")) {
					t.Fatalf("warning %q missing", w)
				}
			}
		})
	}
}

var tagRE = regexp.MustCompile(`<[^>]*>`)

// pageText is the page's visible text, cells separated by single spaces.
func pageText(page string) string {
	return strings.Join(strings.Fields(stdhtml.UnescapeString(tagRE.ReplaceAllString(page, " "))), " ")
}

// Past report.MaxListedWarnings the page lists that many warnings and says how many more
// report.json holds, so a run with a warning per row does not make a page of hundreds
// of megabytes.
func TestDashboardCapsWarnings(t *testing.T) {
	rep := manyPartners(10, report.MaxListedWarnings+2)
	var buf bytes.Buffer
	if err := Dashboard(&buf, rep, fakeScript); err != nil {
		t.Fatal(err)
	}
	page := buf.String()
	last, beyond := rep.Warnings[report.MaxListedWarnings-1], rep.Warnings[report.MaxListedWarnings]
	if !strings.Contains(page, strings.ReplaceAll(last, `"`, "&#34;")) || strings.Contains(page, strings.ReplaceAll(beyond, `"`, "&#34;")) {
		t.Errorf("the page does not list exactly the first %d warnings", report.MaxListedWarnings)
	}
	if want := "2 more warnings: report.json lists them all."; !strings.Contains(pageText(page), want) {
		t.Errorf("page does not say %q", want)
	}
	if want := fmt.Sprintf("Warnings of the run (%d)", report.MaxListedWarnings+2); !strings.Contains(pageText(page), want) {
		t.Errorf("page does not count every warning: %q", want)
	}
}
