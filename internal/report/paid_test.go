package report

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/partnerbook/partnerbook/internal/book"
	"github.com/partnerbook/partnerbook/internal/civil"
	"github.com/partnerbook/partnerbook/internal/commission"
	"github.com/partnerbook/partnerbook/internal/diag"
	"github.com/partnerbook/partnerbook/internal/domain"
	"github.com/partnerbook/partnerbook/internal/money"
	"github.com/partnerbook/partnerbook/internal/terms"
)

// ledgerRun computes period as of asOf for the test program, Acme having a deal created
// in the period (so it gets a statement) and the ledger payouts given.
func ledgerRun(t *testing.T, period, asOf string, payouts ...*domain.IssuedPayout) *commission.Result {
	t.Helper()
	dir := t.TempDir()
	for _, f := range []string{"deals.xlsx", "payments.xlsx"} {
		os.WriteFile(filepath.Join(dir, f), nil, 0o644)
	}
	var probs diag.List
	prog := terms.Parse("p.toml", dir, programText, &probs)
	if probs.HasErrors() {
		t.Fatal(probs.Errors())
	}
	m, err := civil.ParseMonth(period)
	if err != nil {
		t.Fatal(err)
	}
	deals := []*domain.Deal{deal("A9", "open", "New", "", m.First().String(), "", "Partner: Acme")}
	led := domain.NewLedger()
	led.Payouts = payouts
	return commission.Compute(commission.Input{Program: prog, Deals: deals, Ledger: led, Period: m, AsOf: date(asOf)})
}

// issued is an Acme payout of an earlier period, as finance left it in the ledger.
func issued(period, amount string, status book.PayoutStatus, paid, ref string) *domain.IssuedPayout {
	m, err := civil.ParseMonth(period)
	if err != nil {
		panic(err)
	}
	p := &domain.IssuedPayout{ID: "PB-" + period + "-acme", PartnerID: "acme", Period: m, Amount: money.MustAmount(amount),
		Status: status, Due: m.Last().AddDays(30), Reference: ref}
	if paid != "" {
		p.Paid = date(paid)
	}
	return p
}

func acmeStatement(t *testing.T, res *commission.Result) *Statement {
	t.Helper()
	for _, s := range BuildStatements(res) {
		if s.Partner.ID == "acme" {
			return s
		}
	}
	t.Fatal("no statement for acme")
	return nil
}

func TestStatementPaidDates(t *testing.T) {
	cases := []struct {
		name          string
		period, asOf  string
		ledger        []*domain.IssuedPayout
		outstanding   string // "id status amount due late", comma separated
		paidSince     string // "id amount paid ref"
		overdue, paid string // report totals: overdue we owe; Acme's payouts paid in the report window
	}{
		{
			// December was run and paid; November is re-run as of 2026-11-30: what was
			// paid in December was unpaid then.
			name: "re-run after later payments", period: "2026-11", asOf: "2026-11-30",
			ledger: []*domain.IssuedPayout{
				issued("2026-09", "4500.00", book.StatusDue, "2026-12-10", "TR-9"),
				issued("2026-10", "1250.50", book.StatusPaid, "2026-12-05", "TR-10"),
			},
			outstanding: "PB-2026-09-acme Due 4500.00 due 2026-10-30 late 31, PB-2026-10-acme Due 1250.50 due 2026-11-30 late 0",
			overdue:     "4500.00", paid: "0.00",
		},
		{
			name: "same ledger as of after the payments", period: "2026-12", asOf: "2026-12-31",
			ledger: []*domain.IssuedPayout{
				issued("2026-09", "4500.00", book.StatusDue, "2026-12-10", "TR-9"),
				issued("2026-10", "1250.50", book.StatusPaid, "2026-12-05", "TR-10"),
			},
			paidSince: "PB-2026-09-acme 4500.00 paid 2026-12-10 TR-9, PB-2026-10-acme 1250.50 paid 2026-12-05 TR-10",
			overdue:   "0.00", paid: "5750.50",
		},
		{
			// October's payout, unsettled in November's statement, was paid 12-05; Acme
			// had no payout in December, so January's statement is the next to say so.
			name: "paid in a month without a payout", period: "2027-01", asOf: "2027-01-31",
			ledger: []*domain.IssuedPayout{
				issued("2026-09", "4500.00", book.StatusPaid, "2026-10-20", "TR-9"),
				issued("2026-10", "1250.50", book.StatusDue, "2026-12-05", "TR-10"),
				issued("2026-11", "300.00", book.StatusDue, "2027-01-10", "TR-11"),
			},
			paidSince: "PB-2026-10-acme 1250.50 paid 2026-12-05 TR-10, PB-2026-11-acme 300.00 paid 2027-01-10 TR-11",
			overdue:   "0.00", paid: "6050.50",
		},
		{
			// Finance retyped the status "Paid" and left the date blank: listed once, by
			// the statement after the one that issued it, and never outstanding.
			name: "paid without a date", period: "2026-12", asOf: "2026-12-31",
			ledger: []*domain.IssuedPayout{
				issued("2026-10", "1250.50", book.StatusPaid, "", ""),
				issued("2026-11", "300.00", book.StatusPaid, "", "TR-11"),
			},
			paidSince: "PB-2026-11-acme 300.00 paid date not given TR-11",
			overdue:   "0.00", paid: "0.00",
		},
		{
			name: "paid without a date, a month later", period: "2027-01", asOf: "2027-01-31",
			ledger: []*domain.IssuedPayout{
				issued("2026-11", "300.00", book.StatusPaid, "", ""),
				issued("2026-12", "200.00", book.StatusDue, "", ""),
			},
			outstanding: "PB-2026-12-acme Due 200.00 due 2027-01-30 late 1",
			overdue:     "200.00", paid: "0.00",
		},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			res := ledgerRun(t, c.period, c.asOf, c.ledger...)
			s := acmeStatement(t, res)
			var out, since []string
			for _, o := range s.Outstanding {
				out = append(out, fmt.Sprintf("%s %s %s due %s late %d", o.ID, o.Status, o.Amount.Fixed(2), o.Due, o.DaysLate))
				if !o.Paid.IsZero() || o.Reference != "" {
					t.Errorf("outstanding %s shows paid %s, reference %q", o.ID, o.Paid, o.Reference)
				}
			}
			for _, p := range s.PaidSince {
				paid := p.Paid.String()
				if p.Paid.IsZero() {
					paid = "date not given"
				}
				since = append(since, fmt.Sprintf("%s %s paid %s %s", p.ID, p.Amount.Fixed(2), paid, p.Reference))
			}
			if got := strings.Join(out, ", "); got != c.outstanding {
				t.Errorf("outstanding\n%q\nwant\n%q", got, c.outstanding)
			}
			if got := strings.Join(since, ", "); got != c.paidSince {
				t.Errorf("paid since\n%q\nwant\n%q", got, c.paidSince)
			}
			rep := Build(res, nil)
			if got := rep.JSON().Totals["overdue"]; got != c.overdue {
				t.Errorf("overdue total %s, want %s", got, c.overdue)
			}
			for _, p := range rep.Partners {
				if p.ID == "acme" && !p.Paid.Equal(money.MustAmount(c.paid)) {
					t.Errorf("acme paid %s, want %s", p.Paid, c.paid)
				}
			}
		})
	}
}

// A receivable the partner paid us is money paid the other way: it is counted apart
// from the payouts we paid, positive, never netted against them.
func TestPaidEachWayIsKeptApart(t *testing.T) {
	res := ledgerRun(t, "2026-10", "2026-10-31",
		issued("2026-08", "100.00", book.StatusDue, "2026-09-15", "T-1"),
		issued("2026-09", "-8000.00", book.StatusReceivable, "2026-10-10", "INV-9"))
	rep := Build(res, nil)
	for _, p := range rep.Partners {
		if p.ID != "acme" {
			continue
		}
		if !p.Paid.Equal(money.MustAmount("100.00")) || !p.PaidOwedToUs.Equal(money.MustAmount("8000.00")) {
			t.Errorf("acme paid %s to it, %s by it; want 100.00 and 8000.00", p.Paid, p.PaidOwedToUs)
		}
		sum := Sum([]*PartnerRow{p, p})
		if !sum.Paid.Equal(money.MustAmount("200.00")) || !sum.PaidOwedToUs.Equal(money.MustAmount("16000.00")) {
			t.Errorf("summed rows paid %s and %s; want 200.00 and 16000.00", sum.Paid, sum.PaidOwedToUs)
		}
		return
	}
	t.Fatal("no acme row")
}
