package pdf

import (
	"fmt"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/partnerbook/partnerbook/internal/book"
	"github.com/partnerbook/partnerbook/internal/money"
	"github.com/partnerbook/partnerbook/internal/report"
)

// manyPartners is sampleReport with n synthetic partners in all, each with its
// own amounts in cents, in revenue order; every one of them is owned by Sam
// Okafor, and every fifth active one has no proposals this quarter.
func manyPartners(n int, warnings []string) *report.Report {
	rep := sampleReport(4, warnings)
	var sam []string
	rep.Quarter.ToReview = []string{"cafe"}
	for i := len(rep.Partners); i < n; i++ {
		id := fmt.Sprintf("p%05d", i)
		rev := money.MustAmount(fmt.Sprintf("%d.%02d", 1000+(n-i)*3, i%100))
		status, payout := []string{string(book.StatusDue), string(book.StatusCarried), string(book.StatusReceivable), ""}[i%4], money.Zero
		switch status {
		case string(book.StatusDue):
			payout = money.MustAmount(fmt.Sprintf("%d.%02d", 100+i%900, (i*7)%100))
		case string(book.StatusCarried):
			payout = money.MustAmount(fmt.Sprintf("%d.%02d", i%90, (i*3)%100))
		case string(book.StatusReceivable):
			payout = money.MustAmount(fmt.Sprintf("-%d.%02d", 10+i%50, (i*11)%100))
		}
		p := &report.PartnerRow{ID: id, Name: fmt.Sprintf("P%05d", i), Type: "referral", Status: "active", Owner: "Sam Okafor",
			Leads: i % 13, Proposals: i % 5, WonOfLeads: i % 3, Won: i % 4, WonValue: money.MustAmount(fmt.Sprintf("%d.%02d", i%5000, i%97)),
			Revenue: rev, Cost: money.MustAmount(fmt.Sprintf("%d.%02d", 100+i%300, i%89)), PeriodPayout: payout, PeriodStatus: status,
			Review: report.Keep, QuarterProposals: 1}
		if i%5 == 0 {
			p.Review, p.ReviewReason, p.QuarterProposals = report.Review, "no proposals this quarter: review or end", 0
			rep.Quarter.ToReview = append(rep.Quarter.ToReview, id)
		}
		rep.Partners = append(rep.Partners, p)
		sam = append(sam, id)
	}
	rep.Totals.PartnerRevenue = money.Zero
	for _, p := range rep.Partners {
		rep.Totals.PartnerRevenue = rep.Totals.PartnerRevenue.Add(p.Revenue)
	}
	rep.Owners = []*report.OwnerRow{{Owner: "(no owner)", Partners: []string{"cafe"}}, {Owner: "Dana Lee", Partners: []string{"lodz", "zoe"}},
		{Owner: "Sam Okafor", Partners: append([]string{"acme"}, sam...)}}
	return rep
}

// With more partners than report.DefaultTopPartners the partners table lists the
// top ones and sums the rest in one row, and its totals still cover every partner
// to the cent; the review list is cut the same way; the owners table and the
// warnings list everything, over as many pages as they need.
func TestOwnerReportManyPartners(t *testing.T) {
	for _, tc := range []struct {
		name     string
		partners int
		warnings int
		layout   bool // check every page's layout (slow on hundreds of pages)
	}{
		{"1,000 partners", 1000, 300, true},
		{"10,000 partners and 10,000 warnings", 10000, 10000, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ws := sampleWarnings(tc.warnings)
			rep := manyPartners(tc.partners, ws)
			start := time.Now()
			b := renderOwner(t, rep)
			t.Logf("%s: rendered in %v, %d KB", tc.name, time.Since(start).Round(time.Millisecond), len(b)/1024)
			writeSample(t, fmt.Sprintf("owner-report-%d-partners.pdf", tc.partners), b)
			var text string
			if tc.layout {
				text = checkPages(t, b, 10, 400)
			} else {
				text = strings.Join(pdfPages(t, b), "\n")
			}
			flatText := flat(text)
			top := report.DefaultTopPartners
			i := strings.Index(flatText, "Partners,12months")
			j := strings.Index(flatText, "Bypartnertype")
			if i < 0 || j < i {
				t.Fatal("no partners table")
			}
			partners := flatText[i:j]
			for k, p := range rep.Partners[4:] {
				k += 4
				listed := strings.Contains(partners, flat(p.Name))
				if listed != (k < top) {
					t.Errorf("partner %d %q listed %v, want %v", k, p.Name, listed, k < top)
				}
			}
			rest := rep.Partners[top:]
			var leads, props, wonOf, won int
			wonValue, revenue, due, carried, owed := money.Zero, money.Zero, money.Zero, money.Zero, money.Zero
			for _, p := range rest {
				leads, props, wonOf, won = leads+p.Leads, props+p.Proposals, wonOf+p.WonOfLeads, won+p.Won
				wonValue, revenue = wonValue.Add(p.WonValue), revenue.Add(p.Revenue)
				switch p.PeriodStatus {
				case string(book.StatusDue):
					due = due.Add(p.PeriodPayout)
				case string(book.StatusCarried):
					carried = carried.Add(p.PeriodPayout)
				case string(book.StatusReceivable):
					owed = owed.Sub(p.PeriodPayout)
				}
			}
			d := func(a money.Amount) string { return usd.Display(a, "USD") }
			more := regexp.MustCompile(`(?m)^ *` + regexp.QuoteMeta(groupInt(len(rest))+" more") + `( partners)? +` +
				regexp.QuoteMeta(squash(strings.Join([]string{groupInt(leads), groupInt(props), groupInt(wonOf), d(wonValue), d(revenue), d(due)}, " "))) +
				`[^\n]*\n *(partners +)?` + regexp.QuoteMeta(plural(won, "deal")))
			if !more.MatchString(squash(text)) {
				t.Errorf("no row %q in the partners table", more)
			}
			for _, want := range []string{"Thisperiod'spayoutsofthesepartners:" + d(due) + "due," + d(carried) + "carriedforward," + d(owed) + "owedtous.",
				"thefulllistisinreport.jsonandpayouts.xlsx"} {
				if !strings.Contains(partners, flat(want)) {
					t.Errorf("partners table lacks %q", want)
				}
			}
			var tl, tp, tw int
			tv, tr := money.Zero, money.Zero
			for _, p := range rep.Partners {
				tl, tp, tw, tv, tr = tl+p.Leads, tp+p.Proposals, tw+p.WonOfLeads, tv.Add(p.WonValue), tr.Add(p.Revenue)
			}
			if want := flat("Total " + groupInt(tl) + " " + groupInt(tp) + " " + groupInt(tw) + " " + d(tv) + " " + d(tr)); !strings.Contains(partners, want) || !tr.Equal(rep.Totals.PartnerRevenue) {
				t.Errorf("partners table lacks the total %q", want)
			}

			toReview := len(rep.Quarter.ToReview)
			if want := flat(fmt.Sprintf("%s more partners to review", groupInt(toReview-top))); !strings.Contains(flatText, want) {
				t.Errorf("review list lacks %q", want)
			}

			k := strings.Index(text, "Partner owners")
			if k < 0 {
				t.Fatal("no owners table")
			}
			owners := flat(text[k:])
			if !strings.Contains(owners, "SamOkafor"+groupInt(tc.partners-3)) {
				t.Errorf("owners table lacks Sam Okafor's count %s", groupInt(tc.partners-3))
			}
			for _, p := range rep.Partners[4:] {
				if !strings.Contains(owners, flat(p.Name)+",") && !strings.Contains(owners, flat(p.Name)+"Warnings") {
					t.Errorf("owners table lacks %s", p.Name)
					break
				}
			}
			if !strings.Contains(text, fmt.Sprintf("Warnings of this run (%d)", tc.warnings)) {
				t.Errorf("no warnings caption with %d", tc.warnings)
			}
			assertWarnings(t, text, ws)
		})
	}
}

// A sample-sized report (fewer partners than the cut) has no summed row.
func TestOwnerReportFewPartnersNoSummedRow(t *testing.T) {
	text := flat(strings.Join(pdfPages(t, renderOwner(t, sampleReport(16, nil))), "\n"))
	for _, absent := range []string{"morepartner", "thefulllistisinreport.json"} {
		if strings.Contains(text, absent) {
			t.Errorf("owner report of 16 partners says %q", absent)
		}
	}
}
