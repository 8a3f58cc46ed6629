package report

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/partnerbook/partnerbook/internal/civil"
	"github.com/partnerbook/partnerbook/internal/commission"
	"github.com/partnerbook/partnerbook/internal/diag"
	"github.com/partnerbook/partnerbook/internal/domain"
	"github.com/partnerbook/partnerbook/internal/money"
	"github.com/partnerbook/partnerbook/internal/terms"
)

// bigRun is a program of 1,000 partners with 50,000 deals and 300,000 payments.
func bigRun(b *testing.B) commission.Input {
	b.Helper()
	dir := b.TempDir()
	for _, f := range []string{"deals.xlsx", "payments.xlsx"} {
		os.WriteFile(filepath.Join(dir, f), nil, 0o644)
	}
	var sb strings.Builder
	sb.WriteString("[program]\nname = \"Big\"\ncurrency = \"USD\"\nstart = 2025-01-01\nminimum_payout = \"100\"\n[input.deals]\nfile = \"deals.xlsx\"\n[input.payments]\nfile = \"payments.xlsx\"\n")
	for i := 0; i < 1000; i++ {
		fmt.Fprintf(&sb, "[[partner]]\nid = \"p%d\"\nname = \"Partner %d\"\ntype = \"referral\"\n  [[partner.terms]]\n  from = 2024-01-01\n  referral = { percent = \"10%%\", pay_on = \"after-hold\" }\n  revenue_share = { percent = \"5%%\" }\n  clawback_days = 90\n", i, i)
	}
	var probs diag.List
	prog := terms.Parse("big.toml", dir, sb.String(), &probs)
	if probs.HasErrors() {
		b.Fatal(probs.Errors())
	}
	var deals []*domain.Deal
	var pays []*domain.Payment
	for i := 0; i < 50000; i++ {
		created := civil.New(2025, 1, 1).AddDays(i % 600)
		d := &domain.Deal{ID: fmt.Sprintf("D%d", i), Client: fmt.Sprintf("Client %d", i), Status: domain.Won, Value: money.FromInt(int64(1000 + i%9000)),
			Created: created, Closed: created.AddDays(20), Tags: []string{fmt.Sprintf("Partner: Partner %d", i%1000)}}
		deals = append(deals, d)
		for m := 0; m < 6; m++ {
			pays = append(pays, &domain.Payment{Deal: d.ID, Date: d.Closed.AddMonths(m), Amount: money.FromInt(int64(100 + m))})
		}
	}
	p, _ := civil.ParseMonth("2026-10")
	return commission.Input{Program: prog, Deals: deals, Payments: pays, Period: p, AsOf: p.Last()}
}

// BenchmarkComputeAndReport1000Partners is the money rules, the owner figures and the
// statement contents for 1,000 partners, 50,000 deals and 300,000 payments.
func BenchmarkComputeAndReport1000Partners(b *testing.B) {
	in := bigRun(b)
	b.ResetTimer()
	for b.Loop() {
		res := commission.Compute(in)
		Build(res, nil)
		if n := len(BuildStatements(res)); n != 1000 {
			b.Fatalf("%d statements", n)
		}
	}
}
