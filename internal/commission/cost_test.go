package commission

import (
	"testing"

	"github.com/partnerbook/partnerbook/internal/book"
	"github.com/partnerbook/partnerbook/internal/diag"
	"github.com/partnerbook/partnerbook/internal/domain"
	"github.com/partnerbook/partnerbook/internal/money"
)

// costOf sums Costs of partner pid.
func costOf(res *Result, pid string) money.Amount {
	sum := money.Zero
	res.Costs(func(l *Line) {
		if l.PartnerID == pid {
			sum = sum.Add(l.Amount)
		}
	})
	return sum
}

func TestMovedPaymentCostsOnce(t *testing.T) {
	// September issued 10% of a 1,000.00 payment dated 09-15; October's export has it on
	// 09-16. Held back, the issued 100.00 stands; confirmed, the new line replaces it and
	// its reversal takes it back: 100.00 either way, and in November once both are issued.
	deals := []*domain.Deal{won("S", "12000", "2026-01-01", "2026-01-10", "Partner: Initech")}
	pays := []*domain.Payment{pay("S", "2026-09-16", "1000.00")}
	const oldID, newID = "initech:S:revenue-share:2026-09-15", "initech:S:revenue-share:2026-09-16"
	sep := issuedPayout("initech", "2026-09", book.StatusDue, map[string]string{oldID: "100.00"})
	for _, confirm := range []bool{false, true} {
		prog := program(t, strategic)
		if confirm {
			prog.Confirms = []*domain.Confirm{{Line: newID, Pos: diag.Pos{File: "test.toml", Line: 40}}}
		}
		res := run{prog: prog, deals: deals, pays: pays, led: ledgerOf(sep), period: "2026-10"}.compute(t)
		wantAmount(t, "October cost", costOf(res, "initech"), "100.00")
	}
	oct := issuedPayout("initech", "2026-10", book.StatusNil, map[string]string{newID: "100.00", oldID + ":adj:2026-10": "-100.00"})
	prog := program(t, strategic)
	prog.Confirms = []*domain.Confirm{{Line: newID, Pos: diag.Pos{File: "test.toml", Line: 40}}}
	res := run{prog: prog, deals: deals, pays: pays, led: ledgerOf(sep, oct), period: "2026-11"}.compute(t)
	wantAmount(t, "November cost", costOf(res, "initech"), "100.00")
	if len(res.Standing) != 2 || res.Standing[0].Eligible != d("2026-09-15") || res.Standing[1].Eligible != d("2026-09-15") {
		t.Errorf("standing %v, want the issued line and its reversal, dated 2026-09-15", res.Standing)
	}
}
