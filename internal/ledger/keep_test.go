package ledger

import (
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/partnerbook/partnerbook/internal/book"
	"github.com/partnerbook/partnerbook/internal/civil"
	"github.com/partnerbook/partnerbook/internal/diag"
	"github.com/partnerbook/partnerbook/internal/domain"
	"github.com/partnerbook/partnerbook/internal/money"
	"github.com/partnerbook/partnerbook/internal/report"
)

// What a run keeps of a ledger month is every line as the workbook has it: amounts of
// more places than the currency's cents, IDs of thousands of bytes and in any script,
// revenue shares' start dates and a carried line's record, read back exactly after the
// payouts' own lists of lines are let go.
func TestLoadKeepsEveryLineExactly(t *testing.T) {
	m := month(t, "2026-09")
	bk := &report.Book{Program: "Test program", Currency: "USD", Policy: money.Policy{Places: 2}, Period: m, AsOf: m.Last()}
	long := "D-" + strings.Repeat("très-long-交易-", 150) // about 2,800 bytes
	type line struct{ id, amount, deal string }
	payouts := []struct {
		partner string
		status  book.PayoutStatus
		lines   []line
	}{
		{"acme", book.StatusDue, []line{
			{"acme:D1:referral", "1200.055", "D1"},
			{"acme:D2:referral", "0.125", "D2"},
			{"acme:D3:revenue-share:2026-09-14", "12.3456789", "D3"},
			{"acme:D3:revenue-share:2026-09-03", "7.10", "D3"},
			{"acme:" + long + ":referral", "-9999.99", long},
			{"acme:" + long + ":revenue-share:2026-09-21", "0.01", long},
		}},
		{"zoë", book.StatusReceivable, []line{
			{"zoë:Déal-伙伴:wholesale", "-400.004", "Déal-伙伴"},
			{"zoë:Déal-伙伴:revenue-share:2026-09-30", "3.3", "Déal-伙伴"},
		}},
		{"lodz", book.StatusCarried, []line{
			{"lodz:Ł1:referral", "60.005", "Ł1"},
		}},
	}
	want := map[string]string{} // line ID -> payout and amount, as written
	for _, p := range payouts {
		row := &report.PayoutRow{ID: book.MakePayoutID("2026-09", p.partner), Partner: report.PartnerInfo{ID: p.partner, Name: strings.ToUpper(p.partner)},
			Period: m, Status: p.status}
		if p.status != book.StatusCarried {
			row.Due = m.Last().AddDays(30)
		}
		for _, l := range p.lines {
			a := amt(t, l.amount)
			row.Lines = append(row.Lines, report.LineRow{ID: l.id, PayoutID: row.ID, PartnerID: p.partner, DealID: l.deal, Client: "Client " + l.deal,
				Rule: "referral", Amount: a, Event: m.First().AddDays(4), Eligible: m.First().AddDays(5)})
			row.Amount = row.Amount.Add(a)
			want[l.id] = row.ID + " " + a.String()
		}
		bk.Payouts = append(bk.Payouts, row)
	}
	dir := t.TempDir()
	f := write(t, filepath.Join(dir, "ledger", "payouts-2026-09.xlsx"), bk)
	var probs diag.List
	led, c := Load(Source{Program: filepath.Join(dir, "partnerbook.toml"), Dir: dir, Patterns: []string{"ledger/*.xlsx"}, Files: []string{f}},
		month(t, "2026-10"), &probs)
	if probs.HasErrors() {
		t.Fatal(texts(probs.Errors()))
	}
	got := map[string]string{}
	for _, id := range led.IssuedLines() {
		got[id] = led.IssuedBy(id) + " " + led.IssuedAmount(id).String()
	}
	for _, id := range led.CarriedLines() {
		got[id] = led.CarriedBy(id) + " " + led.CarriedAmount(id).String()
	}
	for id, w := range want {
		if got[id] != w {
			t.Errorf("line %.60q reads as %q, want %q", id, got[id], w)
		}
	}
	if len(got) != len(want) || led.IssuedCount() != 8 || led.CarriedCount() != 1 {
		t.Errorf("%d lines (%d issued, %d carried), want %d: %v", len(got), led.IssuedCount(), led.CarriedCount(), len(want), got)
	}
	if ids := led.IssuedLines(); !slices.IsSorted(ids) {
		t.Errorf("issued lines out of order: %q", ids)
	}
	byID := map[string]*domain.IssuedPayout{}
	for _, p := range led.Payouts {
		byID[p.ID] = p
		if len(p.Lines) != 0 || len(p.Amounts) != 0 {
			t.Errorf("payout %s still holds its %d lines after the ledger took them", p.ID, len(p.Lines))
		}
	}
	if len(c.Workbooks) != 1 || len(c.Workbooks[0].Payouts) != 3 {
		t.Fatalf("workbooks %v", c.Workbooks)
	}
	day := func(s string) civil.Date {
		d, err := civil.Parse(s)
		if err != nil {
			t.Fatal(err)
		}
		return d
	}
	starts := func(id string) string { return fmt.Sprint(byID[id].ShareStarts) }
	if got, want := starts("PB-2026-09-acme"), fmt.Sprint([]domain.ShareStart{{Deal: long, Day: day("2026-09-21")}, {Deal: "D3", Day: day("2026-09-03")}}); got != want {
		t.Errorf("acme's revenue shares start %.200s, want %.200s", got, want)
	}
	if got, want := starts("PB-2026-09-zoë"), fmt.Sprint([]domain.ShareStart{{Deal: "Déal-伙伴", Day: day("2026-09-30")}}); got != want {
		t.Errorf("zoë's revenue shares start %s, want %s", got, want)
	}
	if rec := byID["PB-2026-09-lodz"].Records["lodz:Ł1:referral"]; rec.Deal != "Ł1" || rec.Client != "Client Ł1" || rec.Event != day("2026-09-05") || rec.Eligible != day("2026-09-06") {
		t.Errorf("carried line's record %+v", rec)
	}
}
