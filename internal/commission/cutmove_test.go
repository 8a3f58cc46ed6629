package commission

import (
	"strings"
	"testing"

	"github.com/partnerbook/partnerbook/internal/diag"
	"github.com/partnerbook/partnerbook/internal/domain"
)

// A subscription paying 1,000.00 a month, 10% share, no payment ids, each month's
// payments export holding that month only. August's 100.00 line is not in September's
// export, which starts in September: it is outside the export, not a payment moved to
// 09-05. September's 100.00 is paid, with one warning naming what the export leaves
// out, and a [[confirm]] of it (as the moved-payment warning advised) reverses nothing.
func TestCutExportLineBeforeItsMonthsIsNotAMovedPayment(t *testing.T) {
	deals := []*domain.Deal{won("S", "12000", "2026-08-01", "2026-08-01", "Partner: Initech")}
	pays := csvPayments(program(t, strategic), pay("S", "2026-09-05", "1000.00"))
	const aug, sep = "initech:S:revenue-share:2026-08-05", "initech:S:revenue-share:2026-09-05"
	led := domain.NewLedger()
	led.Payouts = []*domain.IssuedPayout{{ID: "PB-2026-08-initech", PartnerID: "initech", Period: civilMonth(t, "2026-08"),
		ShareStarts: []domain.ShareStart{{Deal: "S", Day: d("2026-08-05")}}, Pos: diag.Pos{File: "ledger/payouts-2026-08.xlsx", Sheet: "Payouts", Line: 2}}}
	led.Periods[civilMonth(t, "2026-08")] = true
	led.Issue(aug, "PB-2026-08-initech", amt("100.00"))
	led.Compact()

	for _, confirm := range []bool{false, true} {
		prog := program(t, strategic)
		pays = csvPayments(prog, pays...)
		if confirm {
			prog.Confirms = []*domain.Confirm{{Line: sep, Pos: diag.Pos{File: "test.toml", Line: 40}}}
		}
		res := run{prog: prog, deals: deals, pays: pays, led: led, period: "2026-09"}.compute(t)
		noErrors(t, res)
		l := line(t, res, sep)
		if l.State != Payable || l.Moved != nil {
			t.Errorf("confirm %v: September line %s moved %+v, want payable", confirm, l.State, l.Moved)
		}
		noLine(t, res, aug+":adj:2026-09")
		if p := res.PayoutOf("initech"); p == nil {
			t.Errorf("confirm %v: no payout, want 100.00", confirm)
		} else {
			wantAmount(t, "payout", p.Amount, "100.00")
		}
		var warns []string
		for _, p := range res.Problems.All() {
			warns = append(warns, p.Pos.String()+": "+p.Msg)
		}
		want := `payments.csv: the payments export holds no row before 2026-09: 1 issued revenue-share or clawback line of a payment dated before then is outside it and stands as issued (` + aug + ` of $100.00, issued in PB-2026-08-initech)`
		if len(warns) != 1 || !strings.HasPrefix(warns[0], want) {
			t.Errorf("confirm %v: warnings\n%s\nwant one starting\n%s", confirm, strings.Join(warns, "\n"), want)
		}
	}
}

// A line the ledger carried is not a new line: it cannot be the payment an issued line
// was moved to. August's 100.00 was issued, September's 100.00 carried (below the
// minimum); October's export covers August (another deal's payment) but no longer holds
// the subscription's 08-05 payment. The carried September line comes back as Opening,
// payable, not held back as August's payment with a corrected date.
func TestCarriedLineIsNotAMovedPayment(t *testing.T) {
	deals := []*domain.Deal{
		won("S", "12000", "2026-08-01", "2026-08-01", "Partner: Initech"),
		won("T", "5000", "2026-07-01", "2026-07-01", "Partner: Initech"),
	}
	const aug, sep = "initech:S:revenue-share:2026-08-05", "initech:S:revenue-share:2026-09-05"
	led := domain.NewLedger()
	led.Payouts = []*domain.IssuedPayout{
		{ID: "PB-2026-08-initech", PartnerID: "initech", Period: civilMonth(t, "2026-08"),
			ShareStarts: []domain.ShareStart{{Deal: "S", Day: d("2026-08-05")}}, Pos: diag.Pos{File: "ledger/payouts-2026-08.xlsx", Sheet: "Payouts", Line: 2}},
		{ID: "PB-2026-09-initech", PartnerID: "initech", Period: civilMonth(t, "2026-09"),
			Pos: diag.Pos{File: "ledger/payouts-2026-09.xlsx", Sheet: "Payouts", Line: 2}},
	}
	led.Periods[civilMonth(t, "2026-08")] = true
	led.Periods[civilMonth(t, "2026-09")] = true
	led.Issue(aug, "PB-2026-08-initech", amt("100.00"))
	led.Carry(sep, "PB-2026-09-initech", amt("100.00"))
	led.Compact()

	prog := program(t, strategic)
	pays := csvPayments(prog, pay("T", "2026-07-20", "500.00"), pay("S", "2026-09-05", "1000.00"))
	res := run{prog: prog, deals: deals, pays: pays, led: led, period: "2026-10"}.compute(t)
	noErrors(t, res)
	l := line(t, res, sep)
	if l.State != Payable || !l.Opening || l.Moved != nil {
		t.Errorf("carried September line: state %s, opening %v, moved %+v; want payable Opening, not moved", l.State, l.Opening, l.Moved)
	}
}
