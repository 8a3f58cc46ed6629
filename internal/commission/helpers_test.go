package commission

import (
	"strings"
	"testing"

	"github.com/partnerbook/partnerbook/internal/civil"
	"github.com/partnerbook/partnerbook/internal/diag"
	"github.com/partnerbook/partnerbook/internal/domain"
	"github.com/partnerbook/partnerbook/internal/money"
)

// part adds partners or campaigns to a test program, or changes its settings.
type part func(*domain.Program)

// program is a test program in memory: the common settings plus parts.
func program(t testing.TB, parts ...part) *domain.Program {
	t.Helper()
	p := &domain.Program{
		File: "test.toml", Name: "Test Co", Currency: "USD",
		Policy: money.Policy{Places: 2, Mode: money.HalfUp},
		Period: civil.NewMonth(2026, 10), Start: d("2026-01-01"),
		PayoutTermsDays: 30, MinimumPayout: amt("100.00"), MarginCap: money.MustRate("25%"),
		Owner: "Dana Lee", DedicatedRoleShare: money.MustRate("20%"),
	}
	for _, add := range parts {
		add(p)
	}
	return p
}

// halfEven rounds the program's lines half to even.
func halfEven(p *domain.Program) { p.Policy.Mode = money.HalfEven }

// partner is an active partner tagged "Partner: <name>", with agreement versions.
func partner(id, name string, typ domain.PartnerType, versions ...*domain.Terms) part {
	return func(p *domain.Program) {
		p.Partners = append(p.Partners, &domain.Partner{ID: id, Name: name, Type: typ, Status: domain.Active,
			Owner: p.Owner, Tags: []string{"Partner: " + name}, Terms: versions})
	}
}

// from is an open-ended agreement version.
func from(date string) *domain.Terms { return &domain.Terms{From: d(date)} }

// percentFee is a referral fee of a percent of the deal value, held 90 days if after-hold.
func percentFee(pct string, payOn domain.PayOn) *domain.ReferralTerms {
	r := money.MustRate(pct)
	return &domain.ReferralTerms{Percent: &r, PayOn: payOn, HoldDays: 90}
}

// share is a revenue share of a percent of payments for months (0: life of the client).
func share(pct string, months int, settle domain.Settle) *domain.RevenueShareTerms {
	return &domain.RevenueShareTerms{Percent: money.MustRate(pct), Months: months, Settle: settle}
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
func won(id, value, created, closed string, tags ...string) *domain.Deal {
	return &domain.Deal{ID: id, Client: "Client " + id, Status: domain.Won, StatusText: "won", Value: amt(value),
		Created: d(created), Closed: d(closed), Tags: tags}
}

func open(id, created string, tags ...string) *domain.Deal {
	return &domain.Deal{ID: id, Client: "Client " + id, Status: domain.Open, StatusText: "open", Created: d(created), Tags: tags}
}

func pay(deal, date, amount string) *domain.Payment {
	return &domain.Payment{Deal: deal, Date: d(date), Amount: amt(amount)}
}

type run struct {
	prog   *domain.Program
	deals  []*domain.Deal
	pays   []*domain.Payment
	led    *domain.Ledger
	period string
	asOf   string
}

func (r run) compute(t *testing.T) *Result {
	t.Helper()
	p := civilMonth(t, r.period)
	asOf := p.Last()
	if r.asOf != "" {
		asOf = d(r.asOf)
	}
	return Compute(Input{Program: r.prog, Deals: r.deals, Payments: r.pays, Ledger: r.led, Period: p, AsOf: asOf})
}

func civilMonth(t testing.TB, s string) civil.Month {
	t.Helper()
	p, err := civil.ParseMonth(s)
	if err != nil {
		t.Fatal(err)
	}
	return p
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
