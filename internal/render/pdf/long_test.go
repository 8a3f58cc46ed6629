package pdf

import (
	"fmt"
	"regexp"
	"strings"
	"testing"

	"github.com/partnerbook/partnerbook/internal/report"
)

// longName is a name of at least n characters that starts with start and
// ends with end; words, or one unbroken word when words is false.
func longName(start, end string, n int, words bool) string {
	var b strings.Builder
	b.WriteString(start)
	for i := 0; b.Len() < n; i++ {
		if words {
			fmt.Fprintf(&b, " Holding%03d", i)
		} else {
			fmt.Fprintf(&b, "X%03d", i)
		}
	}
	b.WriteString(" " + end)
	return b.String()
}

// checkPages asserts every page is numbered "Page i of n", the page count is
// within [lo, hi] and every word stays inside the margins without overlaps.
func checkPages(t *testing.T, b []byte, lo, hi int) string {
	t.Helper()
	pages := pdfPages(t, b)
	if len(pages) < lo || len(pages) > hi {
		t.Errorf("%d pages, want %d to %d", len(pages), lo, hi)
	}
	for i, p := range pages {
		if want := fmt.Sprintf("Page %d of %d", i+1, len(pages)); !strings.Contains(p, want) {
			t.Errorf("page %d lacks %q", i+1, want)
		}
	}
	for i, pg := range pdfWords(t, b) {
		assertLayout(t, i+1, pg)
	}
	return strings.Join(pages, "\n")
}

// Names of 1,500+ characters wrap in their column and are cut with an
// ellipsis after maxCellLines lines. Nothing fails.
func TestStatementLongNames(t *testing.T) {
	for _, tc := range []struct {
		name   string
		length int
		words  bool
		lo, hi int
	}{
		{"1,500 characters in words", 1500, true, 2, 3},
		{"1,500 characters without a space", 1500, false, 2, 3},
		{"100,000 characters", 100000, true, 2, 3},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := sampleStatement(0)
			client := longName("Alphaclient", "Omegaclient", tc.length, tc.words)
			deal := longName("Alphadeal", "Omegadeal", tc.length, tc.words)
			s.Lines[1].Client = client
			s.DealsPeriod[0].Name = deal
			b, err := Statement(s)
			if err != nil {
				t.Fatalf("Statement: %v", err)
			}
			writeSample(t, "partner-statement-long-names-"+strings.Fields(tc.name)[0]+".pdf", b)
			text := flat(checkPages(t, b, tc.lo, tc.hi))
			for _, want := range []string{"Alphaclient", "Alphadeal", "…", "Total$1,851.85"} {
				if !strings.Contains(text, want) {
					t.Errorf("statement lacks %q", want)
				}
			}
			for _, cut := range []string{"Omegaclient", "Omegadeal"} {
				if strings.Contains(text, cut) {
					t.Errorf("statement prints %q: the name was not cut short", cut)
				}
			}
			if n := strings.Count(text, "referral$10,000.0015%$1,500.00"); n != 1 {
				t.Errorf("the long line's amounts print %d times, want once", n)
			}
		})
	}
}

// A partner or firm name of 1,500+ characters is cut with an ellipsis in the
// head, where the document's title belongs on its first page.
func TestStatementLongPartnerName(t *testing.T) {
	s := sampleStatement(0)
	s.Partner.Name = longName("Alphapartner", "Omegapartner", 1600, true)
	s.Firm = longName("Alphafirm", "Omegafirm", 1600, true)
	b, err := Statement(s)
	if err != nil {
		t.Fatalf("Statement: %v", err)
	}
	pages := pdfPages(t, b)
	first := flat(pages[0])
	for _, want := range []string{"Alphapartner", "Alphafirm", "…", "Payoutamount$1,851.85"} {
		if !strings.Contains(first, want) {
			t.Errorf("first page lacks %q", want)
		}
	}
	checkPages(t, b, 2, 4)
}

var ownersHeaderRe = regexp.MustCompile(`Owner\s+Count\s+Partners`)

// One owner with 1,000 partners is one row far taller than a page: it goes
// on over pages under the repeated caption and header, every name printed.
func TestOwnerReportThousandPartnersUnderOneOwner(t *testing.T) {
	rep := sampleReport(4, nil)
	var ids []string
	for i := 0; i < 1000; i++ {
		id := fmt.Sprintf("p%04d", i)
		rep.Partners = append(rep.Partners, &report.PartnerRow{ID: id, Name: fmt.Sprintf("Partner %04d Ærøskøbing", i), Owner: "Sam Okafor"})
		ids = append(ids, id)
	}
	rep.Owners = []*report.OwnerRow{{Owner: "Sam Okafor", Partners: ids}, {Owner: "Dana Lee", Partners: []string{"lodz", "zoe"}}}
	b, err := OwnerReport(rep)
	if err != nil {
		t.Fatalf("OwnerReport: %v", err)
	}
	writeSample(t, "owner-report-1000-partners-one-owner.pdf", b)
	text := checkPages(t, b, 8, 80) // the partners table lists the top 50; the owners table every name
	i := strings.Index(text, "Partner owners")
	if i < 0 {
		t.Fatal("no Partner owners table")
	}
	owners := flat(text[i:])
	for k := 0; k < 1000; k++ {
		if name := fmt.Sprintf("Partner%04dÆrøskøbing", k); strings.Count(owners, name) != 1 {
			t.Errorf("%s appears %d times in the owners table, want once", name, strings.Count(owners, name))
		}
	}
	if !strings.Contains(owners, "SamOkafor1,000") || !strings.Contains(owners, "DanaLee2ŁódźAnalytics,ZoëMartin") {
		t.Error("owner rows lack their owner and count")
	}
	if n := len(ownersHeaderRe.FindAllString(text[i:], -1)); n < 2 {
		t.Errorf("owners header printed %d times; the table should repeat it on every page it spans", n)
	}
	if !strings.Contains(text[i:], "Partner owners (continued)") {
		t.Error("no continued caption")
	}
}

// Partner names of 1,500+ characters in the owner report: the table wraps
// them, the chart cuts its labels short.
func TestOwnerReportLongPartnerName(t *testing.T) {
	rep := sampleReport(6, nil)
	rep.Partners[0].Name = longName("Alphapartner", "Omegapartner", 1600, true)
	rep.Partners[1].Name = longName("Betapartner", "Zetapartner", 1600, false)
	b, err := OwnerReport(rep)
	if err != nil {
		t.Fatalf("OwnerReport: %v", err)
	}
	text := flat(checkPages(t, b, 3, 12))
	for _, want := range []string{"Alphapartner", "Omegapartner", "Betapartner", "Zetapartner", "…"} {
		if !strings.Contains(text, want) {
			t.Errorf("owner report lacks %q", want)
		}
	}
}
