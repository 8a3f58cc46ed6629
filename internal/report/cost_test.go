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
