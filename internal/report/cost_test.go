package report

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/partnerbook/partnerbook/internal/book"
	"github.com/partnerbook/partnerbook/internal/civil"
	"github.com/partnerbook/partnerbook/internal/commission"
	"github.com/partnerbook/partnerbook/internal/diag"
	"github.com/partnerbook/partnerbook/internal/domain"
	"github.com/partnerbook/partnerbook/internal/money"
	"github.com/partnerbook/partnerbook/internal/terms"
)

const costProgram = `
[program]
name = "Test Co"
currency = "USD"
start = 2026-01-01
margin_cap = "15%"
[input.deals]
file = "deals.xlsx"
[[partner]]
id = "acme"
name = "Acme"
type = "referral"
  [[partner.terms]]
  from = 2026-01-01
  referral = { percent = "10%" }
[[partner]]
id = "beta"
name = "Beta"
type = "reseller"
  [[partner.terms]]
  from = 2026-01-01
  wholesale = { discount = "20%" }
`

// costLedger is a ledger whose payouts of the months given issued the lines given (line
// ID -> amount), each line in the payout of its partner and month.
type costIssue struct{ month, line, amount string }

func costLedger(t *testing.T, issues ...costIssue) *domain.Ledger {
	t.Helper()
	led := domain.NewLedger()
	payouts := map[string]*domain.IssuedPayout{}
	for _, is := range issues {
		m, err := civil.ParseMonth(is.month)
		if err != nil {
			t.Fatal(err)
		}
		pid := is.line[:len("acme")]
		id := book.MakePayoutID(m.String(), pid)
		p := payouts[id]
		if p == nil {
			p = &domain.IssuedPayout{ID: id, PartnerID: pid, Period: m, Status: book.StatusDue, Due: m.Last().AddDays(30),
				Paid: m.Last().AddDays(5)}
			payouts[id] = p
			led.Payouts = append(led.Payouts, p)
			led.Periods[m] = true
		}
		a := money.MustAmount(is.amount)
		p.AddLine(is.line, a)
		p.Amount = p.Amount.Add(a)
		if p.Amount.Sign() < 0 {
			p.Status = book.StatusReceivable
		}
		led.Issue(is.line, id, a)
	}
	return led
}

func costRun(t *testing.T, period string, deals []*domain.Deal, led *domain.Ledger) (*commission.Result, *JSON) {
	t.Helper()
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "deals.xlsx"), nil, 0o644)
	var probs diag.List
	prog := terms.Parse("p.toml", dir, costProgram, &probs)
	if probs.HasErrors() {
		t.Fatal(probs.Errors())
	}
	m, err := civil.ParseMonth(period)
	if err != nil {
		t.Fatal(err)
	}
	res := commission.Compute(commission.Input{Program: prog, Deals: deals, Ledger: led, Period: m, AsOf: m.Last()})
	if res.Problems.HasErrors() {
		t.Fatal(res.Problems.Errors())
	}
	return res, Build(res, res.Problems.All()).JSON()
}

func partnerJSON(t *testing.T, j *JSON, id string) PartnerJSON {
	t.Helper()
	for _, p := range j.Partners {
		if p.ID == id {
			return p
		}
	}
	t.Fatalf("no partner %s in report.json", id)
	return PartnerJSON{}
}

func TestCorrectedLineCostsOnce(t *testing.T) {
	// Acme's 10% fee on D1 was issued in September at 100.00 (value 1,000); October's
	// export says 1,200: a correction of +20.00 is paid. The deal costs 120.00, once,
	// in October and in November after the correction was issued too.
	d1 := deal("D1", "won", "Won", "1200", "2026-09-01", "2026-09-05", "Partner: Acme")
	led := costLedger(t, costIssue{"2026-09", "acme:D1:referral", "100.00"})
	_, oct := costRun(t, "2026-10", []*domain.Deal{d1}, led)
	acme := partnerJSON(t, oct, "acme")
	if acme.Payout != "20.00" {
		t.Fatalf("October payout %s, want the correction 20.00", acme.Payout)
	}
	if acme.Cost != "120.00" || oct.Totals["partner_cost"] != "120.00" || acme.Margin != "0.10" {
		t.Errorf("October: acme cost %s, total cost %s, margin %s; want 120.00, 120.00, 0.10",
			acme.Cost, oct.Totals["partner_cost"], acme.Margin)
	}

	led = costLedger(t, costIssue{"2026-09", "acme:D1:referral", "100.00"}, costIssue{"2026-10", "acme:D1:referral:adj:2026-10", "20.00"})
	_, nov := costRun(t, "2026-11", []*domain.Deal{d1}, led)
	acme = partnerJSON(t, nov, "acme")
	if acme.Cost != "120.00" || nov.Totals["partner_cost"] != "120.00" || acme.Margin != "0.10" {
		t.Errorf("November: acme cost %s, total cost %s, margin %s; want 120.00, 120.00, 0.10",
			acme.Cost, nov.Totals["partner_cost"], acme.Margin)
	}
}

func TestCarriedCorrectionCostsOnce(t *testing.T) {
	// The +20.00 correction was carried forward in October (below the minimum) and
	// comes back as Opening in November, with a further +10.00 (value now 1,300): the
	// deal costs 130.00.
	d1 := deal("D1", "won", "Won", "1300", "2026-09-01", "2026-09-05", "Partner: Acme")
	led := costLedger(t, costIssue{"2026-09", "acme:D1:referral", "100.00"})
	oct, _ := civil.ParseMonth("2026-10")
	carried := &domain.IssuedPayout{ID: book.MakePayoutID(oct.String(), "acme"), PartnerID: "acme", Period: oct, Status: book.StatusCarried,
		Amount: money.MustAmount("20.00")}
	carried.AddLine("acme:D1:referral:adj:2026-10", money.MustAmount("20.00"))
	led.Payouts = append(led.Payouts, carried)
	led.Periods[oct] = true
	led.Carry("acme:D1:referral:adj:2026-10", carried.ID, money.MustAmount("20.00"))
	res, nov := costRun(t, "2026-11", []*domain.Deal{d1}, led)
	if p := res.PayoutOf("acme"); p == nil || !p.Amount.Equal(money.MustAmount("30.00")) {
		t.Fatalf("November payout %v, want 30.00 (20.00 Opening and 10.00)", p)
	}
	acme := partnerJSON(t, nov, "acme")
	if acme.Cost != "130.00" || acme.Margin != "0.10" {
		t.Errorf("acme cost %s, margin %s; want 130.00, 0.10", acme.Cost, acme.Margin)
	}
}

func TestCorrectedWholesaleMargin(t *testing.T) {
	// Beta resells D2 at a 20% discount: 10,000 in September (charge -8,000.00 issued),
	// 12,000 in October (correction -1,600.00). The discount given is 2,400.00 of
	// 12,000.00: 20%, above the 15% cap.
	d2 := deal("D2", "won", "Won", "12000", "2026-09-01", "2026-09-10", "Partner: Beta")
	led := costLedger(t, costIssue{"2026-09", "beta:D2:wholesale", "-8000.00"})
	_, j := costRun(t, "2026-10", []*domain.Deal{d2}, led)
	beta := partnerJSON(t, j, "beta")
	if beta.Margin != "0.20" || beta.Cost != "0.00" {
		t.Errorf("beta margin %s, cost %s; want 0.20 and 0.00 (a charge is not a cost)", beta.Margin, beta.Cost)
	}
	if len(j.MarginExceptions) != 1 {
		t.Fatalf("margin exceptions %+v, want D2's", j.MarginExceptions)
	}
	if m := j.MarginExceptions[0]; m != (MarginJSON{"beta", "D2", "0.20", "2400.00", "12000.00"}) {
		t.Errorf("margin exception %+v, want beta D2 0.20 2400.00 of 12000.00", m)
	}
}

func TestIssuedLineOfALostDealStillCosts(t *testing.T) {
	// Acme's 100.00 fee on D1 was issued in September; in October D1 is lost. The fee
	// is not reversed, so it stays in Acme's cost for the window.
	d1 := deal("D1", "lost", "Lost", "1000", "2026-09-01", "2026-10-02", "Partner: Acme")
	led := costLedger(t, costIssue{"2026-09", "acme:D1:referral", "100.00"})
	res, j := costRun(t, "2026-10", []*domain.Deal{d1}, led)
	if res.PayoutOf("acme") != nil {
		t.Fatalf("October pays acme %s; nothing is reversed", res.PayoutOf("acme").Amount)
	}
	acme := partnerJSON(t, j, "acme")
	if acme.Cost != "100.00" || j.Totals["partner_cost"] != "100.00" {
		t.Errorf("acme cost %s, total %s; want 100.00", acme.Cost, j.Totals["partner_cost"])
	}

	// A year later the September payout is out of the window, and so is its fee.
	_, j = costRun(t, "2027-09", []*domain.Deal{d1}, led)
	if c := partnerJSON(t, j, "acme").Cost; c != "0.00" {
		t.Errorf("2027-09: acme cost %s, want 0.00 (issued before the window)", c)
	}
}
