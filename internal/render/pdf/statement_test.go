package pdf

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/partnerbook/partnerbook/internal/book"
	"github.com/partnerbook/partnerbook/internal/civil"
	"github.com/partnerbook/partnerbook/internal/money"
	"github.com/partnerbook/partnerbook/internal/report"
)

var (
	stPeriod = civil.NewMonth(2026, time.October)
	stAsOf   = civil.New(2026, time.November, 2)
	stDue    = civil.New(2026, time.November, 30)
	usd      = money.Policy{Places: 2, Mode: money.HalfUp}
)

func amt(s string) money.Amount { return money.MustAmount(s) }

func lodz() report.PartnerInfo {
	return report.PartnerInfo{ID: "lodz", Name: "Łódź Analytics", Type: "referral", Status: "active", Email: "ap@lodz.example"}
}

func deal(id, name, client, stage, status string, st string, value string, created, closed civil.Date) report.DealRow {
	return report.DealRow{ID: id, Name: name, Client: client, Stage: stage, StatusText: status, Status: st, Won: st == "won",
		Value: amt(value), Created: created, Closed: closed}
}

// sampleStatement is a typical statement: a carried line, fees, a revenue
// share, a clawback and a campaign charge adding up to $1,851.85, plus
// extra revenue-share lines (n > 5) so that long statements can be built.
func sampleStatement(extra int) *report.Statement {
	p := lodz()
	d := func(day int) civil.Date { return civil.New(2026, time.October, day) }
	lines := []report.LineRow{
		{ID: "lodz:D-0990:referral", DealID: "D-0990", Client: "Brücke & Söhne GmbH", Rule: "referral",
			Basis: amt("642.00"), Rate: "10%", Amount: amt("64.20"), Event: civil.New(2026, time.August, 14), Eligible: civil.New(2026, time.August, 14),
			Description: "10% of deal value 642.00; payable when signed", Opening: true},
		{ID: "lodz:D-1042:referral", DealID: "D-1042", Client: "Zoë Martin Consulting", Rule: "referral",
			Basis: amt("10000.00"), Rate: "15%", Amount: amt("1500.00"), Event: d(3), Eligible: d(3),
			Description: "15% of deal value 10000.00; payable when signed"},
		{ID: "lodz:D-0871:revenue-share:2026-10-12", DealID: "D-0871", Client: "Ærøskøbing Færgeri ApS", Rule: "revenue-share",
			Basis: amt("4126.50"), Rate: "10%", Amount: amt("412.65"), Event: d(12), Eligible: d(12),
			Description: "10% of the payment of 4126.50 on 2026-10-12, in the 12-month window to 2027-03-31"},
		{ID: "lodz:D-0950:referral-clawback:2026-10-20", DealID: "D-0950", Client: "Café Olé S.A.", Rule: "clawback",
			Basis: amt("-500.00"), Rate: "15%", Amount: amt("-75.00"), Event: d(20), Eligible: d(20),
			Description: "refund of 500.00 on 2026-10-20 (refunds 100% of deal value 500.00) within 90 days of winning: fee taken back in proportion"},
		{ID: "lodz:campaign:webinar-q4:cost", CampaignID: "webinar-q4", Rule: "campaign-cost",
			Basis: amt("200.00"), Rate: "25%", Amount: amt("-50.00"), Event: d(22), Eligible: d(22),
			Description: `25% share of the cost 200.00 of campaign "Autumn webinar", paid by us`},
	}
	total := amt("1851.85")
	earned := amt("1912.65")
	for i := 0; i < extra; i++ {
		a := money.FromInt(int64(1000+i*37)).MulFrac(money.FromInt(1), money.FromInt(100))
		a = usd.Round(a)
		lines = append(lines, report.LineRow{
			ID: fmt.Sprintf("lodz:D-%04d:revenue-share:2026-10-%02d", 2000+i, 1+i%28), DealID: fmt.Sprintf("D-%04d", 2000+i),
			Client: []string{"Acme Corp", "Łódź Logistics sp. z o.o.", "Brücke & Söhne GmbH", "Northern Lights Renewable Energy Cooperative of Greater Manchester"}[i%4],
			Rule:   "revenue-share", Basis: a.MulInt(10), Rate: "10%", Amount: a,
			Event: d(1 + i%28), Eligible: d(1 + i%28),
			Description: fmt.Sprintf("10%% of the payment of %s on 2026-10-%02d, for the life of the client", a.MulInt(10).Fixed(2), 1+i%28),
		})
		total = total.Add(a)
		earned = earned.Add(a)
	}
	payout := &report.PayoutRow{ID: "PB-2026-10-lodz", Partner: p, Period: stPeriod, Opening: amt("64.20"), Earned: earned,
		Clawbacks: amt("-75.00"), Charges: amt("-50.00"), Amount: total, Status: book.StatusDue, Due: stDue, Lines: lines}
	won := deal("D-1042", "Analytics platform rollout", "Zoë Martin Consulting", "Closed won", "Won", "won", "10000.00", civil.New(2026, time.September, 2), civil.New(2026, time.October, 3))
	open := deal("D-1077", "Data warehouse migration, phase 2", "Northern Lights Renewable Energy Cooperative of Greater Manchester", "Proposal", "Open", "open", "48500.00", civil.New(2026, time.October, 9), civil.Date{})
	lost := deal("D-1080", "", "Café Olé S.A.", "Qualification", "Lost", "lost", "7250.50", civil.New(2026, time.October, 15), civil.New(2026, time.October, 28))
	older := deal("D-0871", "Fleet telemetry", "Ærøskøbing Færgeri ApS", "Closed won", "Won", "won", "36000.00", civil.New(2026, time.March, 4), civil.New(2026, time.April, 30))
	lead := deal("D-1090", "Webinar sign-up: ACME", "Acme Corp", "New", "Open", "open", "0", civil.New(2026, time.October, 23), civil.Date{})
	lead.CampaignID, lead.CampaignName = "webinar-q4", "Autumn webinar"
	pendingShare := report.LineRow{ID: "lodz:D-0871:revenue-share:2026-10-29", DealID: "D-0871", Client: "Ærøskøbing Færgeri ApS", Rule: "revenue-share",
		Basis: amt("3000.00"), Rate: "10%", Amount: amt("300.00"), Event: civil.New(2026, time.October, 29), Eligible: civil.New(2026, time.December, 31),
		Description: "10% of the payment of 3000.00 on 2026-10-29, in the 12-month window to 2027-03-31; settled quarterly"}
	pendingFee := report.LineRow{ID: "lodz:D-1077:referral", DealID: "D-1077", Client: "Northern Lights Renewable Energy Cooperative of Greater Manchester", Rule: "referral",
		Basis: amt("12000.00"), Rate: "15%", Amount: amt("1800.00"), Event: civil.New(2026, time.October, 30), Eligible: civil.New(2026, time.November, 29),
		Description: "15% of deal value 12000.00; payable after a 30-day hold"}
	return &report.Statement{
		Firm: "Partnerbook Consulting Ltd", Currency: "USD", Policy: usd, Period: stPeriod, AsOf: stAsOf, Partner: p,
		PayoutID: payout.ID, Payout: payout, Lines: lines, Pending: []report.LineRow{pendingShare, pendingFee},
		Outstanding: []report.IssuedRow{
			{ID: "PB-2026-08-lodz", Period: civil.NewMonth(2026, time.August),
				Amount: amt("2310.40"), Status: book.StatusDue, Due: civil.New(2026, time.September, 30), DaysLate: 33},
			{ID: "PB-2026-09-lodz", Period: civil.NewMonth(2026, time.September),
				Amount: amt("-420.00"), Status: book.StatusReceivable, Due: civil.New(2026, time.October, 31)},
		},
		PaidSince: []report.IssuedRow{
			{ID: "PB-2026-07-lodz", Period: civil.NewMonth(2026, time.July),
				Amount: amt("12345.67"), Status: book.StatusDue, Due: civil.New(2026, time.August, 31), Paid: civil.New(2026, time.October, 5), Reference: "SEPA-2026-10-05-000123"},
		},
		DealsPeriod: []report.DealRow{won, open, lost, lead},
		DealsYTD:    []report.DealRow{older, won, open, lost, lead},
		Leads:       []report.DealRow{lead},
	}
}

func renderSt(t testing.TB, s *report.Statement) []byte {
	t.Helper()
	b, err := Statement(s)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// writeSample keeps a copy for eyeballing when PDF_SAMPLE_DIR is set.
func writeSample(t testing.TB, name string, b []byte) {
	if dir := os.Getenv("PDF_SAMPLE_DIR"); dir != "" {
		if err := os.WriteFile(filepath.Join(dir, name), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// squash collapses the runs of spaces pdftotext -layout puts between columns.
func squash(s string) string { return regexp.MustCompile(`[ \t]+`).ReplaceAllString(s, " ") }

func TestStatementContents(t *testing.T) {
	b := renderSt(t, sampleStatement(0))
	writeSample(t, "partner-statement.pdf", b)
	pages := pdfPages(t, b)
	text := squash(strings.Join(pages, "\n"))
	for _, want := range []string{
		"Partnerbook Consulting Ltd", "Partner statement", "Łódź Analytics", "October 2026", "PB-2026-10-lodz", "2026-11-02",
		"Opening balance (carried forward) $64.20", "Earned $1,912.65", "Clawbacks -$75.00", "Charges -$50.00",
		"Payout amount $1,851.85", "Status Due", "Due date 2026-11-30",
		"We will pay $1,851.85 by 2026-11-30.",
		"Earlier payouts not yet settled", "PB-2026-08-lodz 2026-08 Due, we owe you 2026-09-30 $2,310.40", "33 days overdue", "PB-2026-09-lodz 2026-09 Receivable, you owe us 2026-10-31 $420.00",
		"Paid since the last statement", "PB-2026-07-lodz 2026-07 2026-10-05 SEPA-2026-10-05-000123 $12,345.67",
		"Lines of this payout", "2026-10-03 D-1042 Zoë Martin Consulting referral $10,000.00 15% $1,500.00",
		"carried forward", "Line lodz:D-1042:referral · 15% of deal value 10000.00; payable when signed",
		"webinar-q4", "campaign-cost $200.00 25% -$50.00",
		"Total $1,851.85",
		"Earned, not yet payable", "2026-12-31 D-0871", "$300.00", "payable after a 30-day hold",
		"Your deals this period", "Your deals this year", "Analytics platform rollout", "$48,500.00", "Fleet telemetry",
		"Campaign leads allocated to you", "Autumn webinar",
		"Page 1 of", "Page 2 of",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("statement lacks %q", want)
		}
	}
	if len(pages) != 2 {
		t.Errorf("typical statement has %d pages, want 2", len(pages))
	}
	for i, pg := range pdfWords(t, b) {
		assertLayout(t, i+1, pg)
	}
}

func TestStatementPaidWithoutDate(t *testing.T) {
	s := sampleStatement(0)
	s.PaidSince = append(s.PaidSince, report.IssuedRow{ID: "PB-2026-09-lodz", Period: civil.NewMonth(2026, time.September),
		Amount: amt("880.00"), Status: book.StatusPaid, Due: civil.New(2026, time.October, 31)})
	b := renderSt(t, s)
	text := squash(strings.Join(pdfPages(t, b), "\n"))
	if want := "PB-2026-09-lodz 2026-09 date not given — $880.00"; !strings.Contains(text, want) {
		t.Errorf("statement lacks %q", want)
	}
	for i, pg := range pdfWords(t, b) {
		assertLayout(t, i+1, pg)
	}
}

// A receivable the partner paid showed "-$800.00" under "Paid since the last
// statement"; the statement words the partner's money from its side.
func TestStatementPaidReceivable(t *testing.T) {
	s := sampleStatement(0)
	s.PaidSince = append(s.PaidSince, report.IssuedRow{ID: "PB-2026-09-lodz", Period: civil.NewMonth(2026, time.September),
		Amount: amt("-800.00"), Status: book.StatusReceivable, Due: civil.New(2026, time.October, 31), Paid: civil.New(2026, time.October, 20), Reference: "INV-77"})
	b := renderSt(t, s)
	text := squash(strings.Join(pdfPages(t, b), "\n"))
	if want := "PB-2026-09-lodz 2026-09 2026-10-20 INV-77 you paid us $800.00"; !strings.Contains(text, want) {
		t.Errorf("statement lacks %q", want)
	}
	if strings.Contains(text, "-$800.00") {
		t.Errorf("statement shows the receivable as -$800.00")
	}
	for i, pg := range pdfWords(t, b) {
		assertLayout(t, i+1, pg)
	}
}

func TestStatementSentences(t *testing.T) {
	for _, tc := range []struct {
		status book.PayoutStatus
		amount string
		due    civil.Date
		want   string
	}{
		{book.StatusCarried, "45.10", civil.Date{}, "$45.10 is below our minimum payout"},
		{book.StatusReceivable, "-1200.00", stDue, "You owe us: $1,200.00 by 2026-11-30; an invoice follows"},
		{book.StatusNil, "0", civil.Date{}, "nothing is payable and nothing is owed"},
	} {
		s := sampleStatement(0)
		a := amt(tc.amount)
		s.Lines = []report.LineRow{{ID: "lodz:x", DealID: "D-1", Client: "C", Rule: "referral", Basis: a, Rate: "flat", Amount: a, Eligible: civil.New(2026, time.October, 1)}}
		s.Payout.Lines = s.Lines
		s.Payout.Opening, s.Payout.Earned, s.Payout.Clawbacks, s.Payout.Charges = money.Zero, a, money.Zero, money.Zero
		s.Payout.Amount, s.Payout.Status, s.Payout.Due = a, tc.status, tc.due
		text := squash(strings.Join(pdfPages(t, renderSt(t, s)), "\n"))
		if !strings.Contains(text, tc.want) {
			t.Errorf("%s: statement lacks %q", tc.status, tc.want)
		}
		if tc.due.IsZero() && !strings.Contains(text, "Due date —") {
			t.Errorf("%s: no due date should print as a dash", tc.status)
		}
	}
}

func TestStatementWithoutPayout(t *testing.T) {
	s := sampleStatement(0)
	s.Payout, s.PayoutID, s.Lines, s.Pending, s.Outstanding, s.PaidSince = nil, "", nil, nil, nil, nil
	b := renderSt(t, s)
	writeSample(t, "partner-statement-no-payout.pdf", b)
	text := squash(strings.Join(pdfPages(t, b), "\n"))
	for _, want := range []string{"no payout this period", "There is no payout for October 2026.", "Your deals this period", "Campaign leads allocated to you"} {
		if !strings.Contains(text, want) {
			t.Errorf("statement lacks %q", want)
		}
	}
	for _, unwanted := range []string{"Lines of this payout", "Summary", "Earlier payouts"} {
		if strings.Contains(text, unwanted) {
			t.Errorf("statement without payout shows %q", unwanted)
		}
	}
}

func TestStatementTotalMustMatchPayout(t *testing.T) {
	s := sampleStatement(0)
	s.Payout.Amount = amt("1851.86")
	if _, err := Statement(s); err == nil || !strings.Contains(err.Error(), "add up to") {
		t.Fatalf("err = %v, want a mismatch error", err)
	}
	if _, err := Statement(&report.Statement{}); err == nil {
		t.Fatal("statement without partner should fail")
	}
}

var linesHeaderRe = regexp.MustCompile(`Date\s+Deal\s+Client\s+Rule\s+Basis\s+Rate\s+Amount`)

func TestStatement500Lines(t *testing.T) {
	s := sampleStatement(495)
	b := renderSt(t, s)
	writeSample(t, "partner-statement-500-lines.pdf", b)
	pages := pdfPages(t, b)
	if len(pages) < 10 {
		t.Fatalf("500 lines rendered on %d pages", len(pages))
	}
	seen := map[string]int{}
	idRe := regexp.MustCompile(`Line (lodz:\S+)`)
	lastLinesPage := 0
	for i, p := range pages {
		if want := fmt.Sprintf("Page %d of %d", i+1, len(pages)); !strings.Contains(p, want) {
			t.Errorf("page %d lacks %q", i+1, want)
		}
		for _, m := range idRe.FindAllStringSubmatch(p, -1) {
			seen[m[1]]++
		}
		if idRe.MatchString(p) && strings.Contains(p, "lodz:D-") {
			lastLinesPage = i
		}
	}
	// Every page that carries lines of the payout starts them with the header.
	for i := 0; i <= lastLinesPage; i++ {
		p := pages[i]
		if !idRe.MatchString(p) {
			continue
		}
		loc := linesHeaderRe.FindStringIndex(p)
		if loc == nil {
			t.Errorf("page %d has lines but no lines header", i+1)
			continue
		}
		if first := idRe.FindStringIndex(p); first[0] < loc[0] {
			t.Errorf("page %d has lines above the header", i+1)
		}
		if i > 0 && !strings.Contains(p, "Lines of this payout (continued)") {
			t.Errorf("page %d lacks the continued caption", i+1)
		}
	}
	for _, l := range s.Lines {
		if seen[l.ID] != 1 {
			t.Errorf("line %s appears %d times", l.ID, seen[l.ID])
		}
	}
	want := "Total " + usd.Display(s.Payout.Amount, "USD")
	text := squash(strings.Join(pages, "\n"))
	if !strings.Contains(text, want) {
		t.Errorf("statement lacks %q", want)
	}
	if !strings.Contains(text, "Payout amount "+usd.Display(s.Payout.Amount, "USD")) {
		t.Errorf("summary lacks the payout amount %s", usd.Display(s.Payout.Amount, "USD"))
	}
	for i, pg := range pdfWords(t, b) {
		assertLayout(t, i+1, pg)
	}
}

func TestStatementDeterministic(t *testing.T) {
	a := renderSt(t, sampleStatement(60))
	b := renderSt(t, sampleStatement(60))
	if !bytes.Equal(a, b) {
		t.Fatal("two renders of the same statement differ")
	}
}

// typicalExtra makes sampleStatement a full two-page statement: 15 lines,
// 2 pending, 2 outstanding, 1 paid, 9 deals and a lead.
const typicalExtra = 10

func TestTypicalStatementIsTwoPages(t *testing.T) {
	if n := len(pdfPages(t, renderSt(t, sampleStatement(typicalExtra)))); n != 2 {
		t.Fatalf("the benchmark's typical statement has %d pages, want 2", n)
	}
}

// BenchmarkStatementTypical renders a typical two-page statement.
func BenchmarkStatementTypical(b *testing.B) {
	s := sampleStatement(typicalExtra)
	b.ReportAllocs()
	cpu := cpuTime()
	for b.Loop() {
		if _, err := Statement(s); err != nil {
			b.Fatal(err)
		}
	}
	reportStatement(b, cpuTime()-cpu, 2)
}

// TestStatementHostileText feeds long unbroken IDs, long names, emoji and
// control characters: the statement must still render with every word
// inside its column and the page.
func TestStatementHostileText(t *testing.T) {
	s := sampleStatement(3)
	s.Partner.Name = "Łódź Analytics 🚀 " + strings.Repeat("Very Long Partner Name ", 8) + "\tTab\nNewline"
	s.Partner.ID = strings.Repeat("lodz", 10)
	s.PayoutID = "PB-2026-10-" + s.Partner.ID
	s.Payout.ID = s.PayoutID
	s.Firm = strings.Repeat("Partnerbook Consulting ", 4) + "Ltd"
	l := &s.Lines[1]
	l.DealID = "OPPORTUNITY-2026-" + strings.Repeat("0123456789", 6)
	l.Client = ""
	l.ID = s.Partner.ID + ":" + l.DealID + ":referral"
	l.Description = strings.Repeat("a long description that keeps going ", 60)
	s.Lines[2].Rule = "some-custom-rule-with-a-very-long-name-that-never-breaks"
	s.DealsPeriod[0].Name = strings.Repeat("Name", 40)
	b := renderSt(t, s)
	writeSample(t, "partner-statement-hostile-text.pdf", b)
	text := strings.Join(pdfPages(t, b), "\n")
	if !strings.Contains(flat(text), flat("Total "+usd.Display(s.Payout.Amount, "USD"))) {
		t.Error("total missing")
	}
	for i, pg := range pdfWords(t, b) {
		assertLayout(t, i+1, pg)
	}
}

// TestNewDocsDeterministicAcrossProcesses re-runs the test binary (fresh
// map seeds, fresh heap) and compares hashes of a statement and a report.
func TestNewDocsDeterministicAcrossProcesses(t *testing.T) {
	hashes := func() string {
		return fmt.Sprintf("HASH %s %s", sha(renderSt(t, sampleStatement(40))), sha(renderOwner(t, sampleReport(20, sampleWarnings(10)))))
	}
	if os.Getenv("PDF_NEWDOCS_CHILD") != "" {
		fmt.Println(hashes())
		return
	}
	want := hashes()
	cmd := exec.Command(os.Args[0], "-test.run=^TestNewDocsDeterministicAcrossProcesses$", "-test.count=1")
	cmd.Env = append(os.Environ(), "PDF_NEWDOCS_CHILD=1")
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("child: %v\n%s", err, out)
	}
	if !strings.Contains(string(out), want) {
		t.Fatalf("child process rendered different bytes:\nparent %s\nchild  %s", want, out)
	}
}
