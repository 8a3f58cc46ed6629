package commission

import (
	"testing"

	"github.com/partnerbook/partnerbook/internal/civil"
	"github.com/partnerbook/partnerbook/internal/diag"
	"github.com/partnerbook/partnerbook/internal/domain"
)

// beta: 10% of the deal value when signed and 5% of payments for 12 months, as acme.
var beta = partner("beta", "Beta", domain.Referral, func() *domain.Terms {
	t := from("2026-01-01")
	t.Referral = percentFee("10%", domain.PaySigned)
	t.RevenueShare = share("5%", 12, domain.SettleMonthly)
	return t
}())

func TestDealPaidToOnePartnerStaysItsWhenTheExportNamesAnother(t *testing.T) {
	// September paid acme the referral fee (100) and the share of the 09-06 payment
	// (50) of D1. In October the CRM names beta: beta must not be paid the fee and
	// September's share again; the deal stays acme's, which earns October's share.
	tagged := won("D1", "1000.00", "2026-08-01", "2026-09-05", "Partner: Beta")
	column := won("D1", "1000.00", "2026-08-01", "2026-09-05")
	column.Partner = "beta"
	for _, tc := range []struct {
		name  string
		deal  *domain.Deal
		carry bool // September carried the lines forward instead
	}{{"tag", tagged, false}, {"partner column", column, false}, {"carried", tagged, true}} {
		t.Run(tc.name, func(t *testing.T) {
			led := domain.NewLedger()
			led.Payouts = []*domain.IssuedPayout{{ID: "PB-2026-09-acme", PartnerID: "acme", Period: civil.NewMonth(2026, 9),
				ShareStarts: []domain.ShareStart{{Deal: "D1", Day: d("2026-09-06")}}}}
			led.Periods[civil.NewMonth(2026, 9)] = true
			for id, a := range map[string]string{"acme:D1:referral": "100.00", "acme:D1:revenue-share:2026-09-06": "50.00"} {
				if tc.carry {
					led.Carry(id, "PB-2026-09-acme", amt(a))
				} else {
					led.Issue(id, "PB-2026-09-acme", amt(a))
				}
			}
			led.Compact()
			pays := []*domain.Payment{pay("D1", "2026-09-06", "1000.00"), pay("D1", "2026-10-06", "1000.00")}
			prog := program(t, sharer, beta, func(p *domain.Program) { p.MinimumPayout = amt("0") })
			res := run{prog: prog, deals: []*domain.Deal{tc.deal}, pays: pays, led: led, period: "2026-10"}.compute(t)
			if p := res.PayoutOf("beta"); p != nil {
				t.Errorf("beta is paid %s for a deal paid to acme", p.Amount)
			}
			if ls := res.LinesOf("beta"); len(ls) > 0 {
				t.Errorf("beta has lines %v", ls[0].ID)
			}
			wantAmount(t, "October share", line(t, res, "acme:D1:revenue-share:2026-10-06").Amount, "50.00")
			want := "50.00"
			if tc.carry {
				want = "200.00" // the carried 150 as Opening, and October's 50
			}
			wantAmount(t, "acme's payout", res.PayoutOf("acme").Amount, want)
			if !hasProblem(res, diag.Warning, `deal "D1" names partner "beta", but its lines were issued to "acme" from 2026-09 (payout PB-2026-09-acme): it stays "acme"'s`) {
				t.Errorf("no warning naming the deal, both partners and the month: %v", res.Problems.All())
			}
			if hasProblem(res, diag.Warning, "no longer follows") {
				t.Errorf("acme's lines reported as vanished: %v", res.Problems.All())
			}
		})
	}
}

func TestNewDealOfAnotherPartnerIsNotKept(t *testing.T) {
	// acme was paid for D1 only: beta's D2 is beta's.
	led := domain.NewLedger()
	led.Issue("acme:D1:referral", "PB-2026-09-acme", amt("100.00"))
	led.Compact()
	deals := []*domain.Deal{won("D2", "1000.00", "2026-08-01", "2026-10-05", "Partner: Beta")}
	res := run{prog: program(t, sharer, beta), deals: deals, led: led, period: "2026-10"}.compute(t)
	wantAmount(t, "beta's fee", line(t, res, "beta:D2:referral").Amount, "100.00")
}
