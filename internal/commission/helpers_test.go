package commission

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/partnerbook/partnerbook/internal/civil"
	"github.com/partnerbook/partnerbook/internal/crm"
	"github.com/partnerbook/partnerbook/internal/diag"
	"github.com/partnerbook/partnerbook/internal/ledger"
	"github.com/partnerbook/partnerbook/internal/money"
	"github.com/partnerbook/partnerbook/internal/terms"
)

const header = `
[program]
name = "Test Co"
currency = "USD"
period = "2026-10"
start = 2026-01-01
payout_terms_days = 30
minimum_payout = "100.00"
margin_cap = "25%"
owner = "Dana Lee"
%ROUNDING%
[input.deals]
file = "deals.xlsx"
[input.payments]
file = "payments.xlsx"
`

// program parses a test program: the common header plus partners and campaigns.
func program(t *testing.T, body string) *terms.Program {
	t.Helper()
	return programWith(t, strings.Replace(header, "%ROUNDING%", "", 1)+body)
}

func programWith(t *testing.T, text string) *terms.Program {
	t.Helper()
	dir := t.TempDir()
	for _, f := range []string{"deals.xlsx", "payments.xlsx"} {
		if err := os.WriteFile(filepath.Join(dir, f), nil, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	var probs diag.List
	p := terms.Parse("test.toml", dir, text, &probs)
	if probs.HasErrors() {
		t.Fatalf("program has errors: %v", probs.Errors())
	}
	return p
}

func d(s string) civil.Date {
	x, err := civil.Parse(s)
	if err != nil {
		panic(err)
	}
	return x
}

func amt(s string) money.Amount { return money.MustAmount(s) }

// won is a won deal with tags.
func won(id, value, created, closed string, tags ...string) *crm.Deal {
	return &crm.Deal{ID: id, Client: "Client " + id, Status: crm.Won, StatusText: "won", Value: amt(value),
		Created: d(created), Closed: d(closed), Tags: tags}
}

func open(id, created string, tags ...string) *crm.Deal {
	return &crm.Deal{ID: id, Client: "Client " + id, Status: crm.Open, StatusText: "open", Created: d(created), Tags: tags}
}

func pay(deal, date, amount string) *crm.Payment {
	return &crm.Payment{Deal: deal, Date: d(date), Amount: amt(amount)}
}

type run struct {
	prog   *terms.Program
	deals  []*crm.Deal
	pays   []*crm.Payment
	led    *ledger.Ledger
	period string
	asOf   string
}

func (r run) compute(t *testing.T) *Result {
	t.Helper()
	p, err := civil.ParseMonth(r.period)
	if err != nil {
		t.Fatal(err)
	}
	asOf := p.Last()
	if r.asOf != "" {
		asOf = d(r.asOf)
	}
	return Compute(Input{Program: r.prog, Deals: r.deals, Payments: r.pays, Ledger: r.led, Period: p, AsOf: asOf})
}

// line finds a line by ID.
func line(t *testing.T, res *Result, id string) *Line {
	t.Helper()
	for _, l := range res.Lines {
		if l.ID == id {
			return l
		}
	}
	var ids []string
	for _, l := range res.Lines {
		ids = append(ids, l.ID)
	}
	t.Fatalf("no line %q; lines: %v", id, ids)
	return nil
}

func noLine(t *testing.T, res *Result, id string) {
	t.Helper()
	for _, l := range res.Lines {
		if l.ID == id {
			t.Fatalf("line %q exists (amount %s, eligible %s), want none", id, l.Amount, l.Eligible)
		}
	}
}

func wantAmount(t *testing.T, what string, got money.Amount, want string) {
	t.Helper()
	if !got.Equal(amt(want)) {
		t.Errorf("%s = %s, want %s", what, got, want)
	}
}

func hasProblem(res *Result, sev diag.Severity, substr string) bool {
	for _, p := range res.Problems.All() {
		if p.Severity == sev && strings.Contains(p.Msg, substr) {
			return true
		}
	}
	return false
}

type crm_Deal = crm.Deal
type crm_Payment = crm.Payment

const crm_Lost = crm.Lost

func replaceRounding(line string) string { return strings.Replace(header, "%ROUNDING%", line, 1) }

func replaceAll(s string, pairs ...string) string { return strings.NewReplacer(pairs...).Replace(s) }
