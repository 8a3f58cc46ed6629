package commission

import (
	"strings"
	"testing"

	"github.com/partnerbook/partnerbook/internal/book"
	"github.com/partnerbook/partnerbook/internal/civil"
	"github.com/partnerbook/partnerbook/internal/diag"
	"github.com/partnerbook/partnerbook/internal/domain"
	"github.com/partnerbook/partnerbook/internal/money"
)

// ledgerOf builds a ledger from payouts the way package ledger does: lines of every
// payout but a carried one are issued.
func ledgerOf(payouts ...*domain.IssuedPayout) *domain.Ledger {
	l := domain.NewLedger()
	for _, p := range payouts {
		l.Payouts = append(l.Payouts, p)
		l.Periods[p.Period] = true
		for i, id := range p.Lines {
			if p.Issued() {
				l.Issue(id, p.ID, p.Amounts[i])
			} else {
				l.Carry(id, p.ID, p.Amounts[i])
			}
		}
	}
	return l
}

// issuedPayout is a payout of partner for period with lines "id=amount".
func issuedPayout(partnerID, period string, status book.PayoutStatus, lines map[string]string) *domain.IssuedPayout {
	m, _ := civil.ParseMonth(period)
	p := &domain.IssuedPayout{ID: book.MakePayoutID(period, partnerID), PartnerID: partnerID, Period: m, Status: status,
		Pos: diag.Pos{File: "ledger/payouts-" + period + ".xlsx", Sheet: book.PayoutsSheet, Row: 2}}
	for id, a := range lines {
		p.AddLine(id, amt(a))
		p.Amount = p.Amount.Add(amt(a))
	}
	return p
}

func TestRenamedPartnerKeepsItsHistory(t *testing.T) {
	// Acme was "acme" until September and is "acme-new" from October. August carried
	// D0's 60.00 (below the minimum); September issued D1's 1,500.00, still unpaid.
	renamed := func(former ...string) part {
		return func(p *domain.Program) {
			acme(p)
			p.Partners[0].ID, p.Partners[0].FormerIDs = "acme-new", former
		}
	}
	deals := []*domain.Deal{
		won("D0", "400", "2026-08-01", "2026-08-10", "Partner: Acme Consulting"),
		won("D1", "10000", "2026-09-01", "2026-09-05", "Partner: Acme Consulting"),
		won("D3", "2000", "2026-10-01", "2026-10-07", "Partner: Acme Consulting"),
	}
	led := func() *domain.Ledger {
		aug := issuedPayout("acme", "2026-08", book.StatusCarried, map[string]string{"acme:D0:referral": "60.00"})
		sep := issuedPayout("acme", "2026-09", book.StatusDue, map[string]string{"acme:D1:referral": "1500.00"})
		sep.Due = d("2026-10-30")
		return ledgerOf(aug, sep)
	}

	res := run{prog: program(t, renamed("acme")), deals: deals, led: led(), period: "2026-10", asOf: "2026-11-05"}.compute(t)
	if res.Problems.HasErrors() || hasProblem(res, diag.Warning, "no longer follows") {
		t.Fatalf("problems: %v", res.Problems.All())
	}
	if l := line(t, res, "acme-new:D1:referral"); l.State != Issued || l.IssuedBy != "PB-2026-09-acme" {
		t.Errorf("D1 fee %s by %q, want issued by PB-2026-09-acme", l.State, l.IssuedBy)
	}
	noLine(t, res, "acme-new:D1:referral:adj:2026-10")
	if l := line(t, res, "acme-new:D0:referral"); l.State != Payable || !l.Opening {
		t.Errorf("D0 fee %s opening %v, want payable carried", l.State, l.Opening)
	}
	p := res.PayoutOf("acme-new")
	wantAmount(t, "opening", p.Opening, "60.00")
	wantAmount(t, "earned", p.Earned, "300.00")
	wantAmount(t, "payout", p.Amount, "360.00")
	if p.ID != "PB-2026-10-acme-new" || len(p.Lines) != 2 {
		t.Errorf("payout %s with %d lines, want PB-2026-10-acme-new with D0 and D3", p.ID, len(p.Lines))
	}
	// The unpaid September payout is the new partner's: its statement and the overdue list show it.
	if len(res.Overdue) != 1 || res.Overdue[0].ID != "PB-2026-09-acme" || res.Overdue[0].PartnerID != "acme-new" {
		t.Errorf("overdue %+v", res.Overdue)
	}
	for _, lp := range res.Ledger.Payouts {
		if lp.PartnerID != "acme-new" {
			t.Errorf("ledger payout %s stays with %q", lp.ID, lp.PartnerID)
		}
	}

	// Without former_ids the run refuses: the old id's lines would be paid again.
	res = run{prog: program(t, renamed()), deals: deals, led: led(), period: "2026-10"}.compute(t)
	errs := res.Problems.Errors()
	want := `ledger/payouts-2026-09.xlsx: sheet "Payouts" row 2: ledger payout PB-2026-09-acme names partner "acme", which the program does not have: add former_ids = ["acme"] to the partner it became, or restore its [[partner]]`
	if len(errs) != 2 || errs[1].String() != want {
		t.Errorf("errors %v, want the August payout's and %q", errs, want)
	}
	// The refused ledger's lines are not also reported as vanished.
	if hasProblem(res, diag.Warning, "no longer follows") {
		t.Errorf("vanished-line warnings beside the refusal: %v", res.Problems.Warnings())
	}
}

// A ledger written in another currency than the program's is refused: its issued
// amounts would be taken as amounts of the new currency.
func TestLedgerInAnotherCurrencyIsRefused(t *testing.T) {
	deals := []*domain.Deal{won("D1", "10000", "2026-09-01", "2026-09-05", "Partner: Acme Consulting")}
	sep := issuedPayout("acme", "2026-09", book.StatusDue, map[string]string{"acme:D1:referral": "1500.00"})
	sep.Currency = "USD"
	prog := program(t, acme)
	prog.Currency = "EUR"
	res := run{prog: prog, deals: deals, led: ledgerOf(sep), period: "2026-10"}.compute(t)
	want := `ledger/payouts-2026-09.xlsx: sheet "Payouts" row 2: ledger payout PB-2026-09-acme is in USD but the program currency is EUR`
	if errs := res.Problems.Errors(); len(errs) != 1 || !strings.HasPrefix(errs[0].String(), want) {
		t.Errorf("errors %v, want %q", errs, want)
	}
	sep.Currency = "usd " // as finance may retype it: still the program's currency once trimmed
	prog.Currency = "USD"
	if res := (run{prog: prog, deals: deals, led: ledgerOf(sep), period: "2026-10"}.compute(t)); res.Problems.HasErrors() {
		t.Errorf("a matching currency is refused: %v", res.Problems.Errors())
	}
}

// The refusal of a currency change said to start a new ledger, and a new ledger
// dropped the balances carried forward and forgot the unpaid payouts and receivables:
// the refusal names each (partner, amount, month) and says to settle them first. A
// payout paid, or carried in a month since issued, is not named.
func TestCurrencyChangeNamesWhatANewLedgerWouldDrop(t *testing.T) {
	deals := []*domain.Deal{won("D1", "10000", "2026-09-01", "2026-09-05", "Partner: Acme Consulting")}
	jul := issuedPayout("acme", "2026-07", book.StatusDue, map[string]string{"acme:D7:referral": "700.00"})
	jul.Paid = d("2026-08-10")
	aug := issuedPayout("acme", "2026-08", book.StatusCarried, map[string]string{"acme:D8:referral": "30.00"})
	sepDue := issuedPayout("acme", "2026-09", book.StatusReceivable, map[string]string{"acme:D8:referral": "30.00", "acme:D9:clawback": "-130.00"})
	oct := issuedPayout("acme", "2026-10", book.StatusCarried, map[string]string{"acme:D10:referral": "50.00"})
	for _, p := range []*domain.IssuedPayout{jul, aug, sepDue, oct} {
		p.Currency = "USD"
	}
	prog := program(t, acme)
	prog.Currency = "EUR"
	res := run{prog: prog, deals: deals, led: ledgerOf(jul, aug, sepDue, oct), period: "2026-11"}.compute(t)
	errs := res.Problems.Errors()
	if len(errs) != 1 {
		t.Fatalf("errors %v, want one", errs)
	}
	got := errs[0].String()
	for _, want := range []string{
		`ledger/payouts-2026-07.xlsx: sheet "Payouts" row 2: ledger payout PB-2026-07-acme is in USD but the program currency is EUR (and 3 more of the ledger's payouts)`,
		`carried forward, promised as the partners' next Opening: acme USD 50.00 carried forward in 2026-10 (PB-2026-10-acme);`,
		`not paid or collected (no Paid date): acme USD -100.00 receivable (owed to us) in 2026-09 (PB-2026-09-acme);`,
		`settle them in USD before changing currency: pay or collect each unpaid payout and type its Paid date in the ledger`,
		`[input.ledger] new_ledger_from set to its first month, and program.start to that month's first day)`,
	} {
		if !strings.Contains(got, want) {
			t.Errorf("error lacks %q:\n%s", want, got)
		}
	}
	for _, not := range []string{"PB-2026-07-acme)", "PB-2026-08-acme"} {
		if strings.Contains(got, not) {
			t.Errorf("error names %s, which is settled:\n%s", not, got)
		}
	}
}

func TestPaymentIDKeysLines(t *testing.T) {
	// September issued 10% of payment ch_1 (1,000.00 on 09-15) and of refund re_1
	// (-100.00 on 09-20). October's export corrects ch_1 to 1,200.00 on 09-14 and moves
	// re_1 to 09-21: one correction of 20.00, no second line.
	deals := []*domain.Deal{won("S", "12000", "2026-01-01", "2026-01-10", "Partner: Initech")}
	p1, r1 := pay("S", "2026-09-14", "1200.00"), pay("S", "2026-09-21", "-100.00")
	p1.ID, r1.ID = "ch_1", "re_1"
	led := issuedLedger(map[string]string{"initech:S:revenue-share:pay:ch_1": "100.00", "initech:S:revenue-share-refund:pay:re_1": "-10.00"})
	led.Periods[civil.NewMonth(2026, 9)] = true
	res := run{prog: program(t, strategic), deals: deals, pays: []*domain.Payment{p1, r1}, led: led, period: "2026-10"}.compute(t)
	if l := line(t, res, "initech:S:revenue-share:pay:ch_1"); l.State != Issued || !l.Amount.Equal(amt("120.00")) || l.Event != d("2026-09-14") {
		t.Errorf("share %s %s on %s, want issued 120.00 on 2026-09-14", l.State, l.Amount, l.Event)
	}
	wantAmount(t, "correction", line(t, res, "initech:S:revenue-share:pay:ch_1:adj:2026-10").Amount, "20.00")
	if l := line(t, res, "initech:S:revenue-share-refund:pay:re_1"); l.State != Issued {
		t.Errorf("refund share %s, want issued", l.State)
	}
	noLine(t, res, "initech:S:revenue-share-refund:pay:re_1:adj:2026-10")
	p := res.PayoutOf("initech")
	wantAmount(t, "payout", p.Amount, "20.00")
	if len(p.Lines) != 1 || len(res.Problems.All()) != 0 {
		t.Errorf("payout lines %d, problems %v", len(p.Lines), res.Problems.All())
	}
}

func TestPaymentIDClawbacks(t *testing.T) {
	// Fee 1,500 on 10,000. Two refunds of 1,000 on one day, with ids: each its own
	// clawback line of 150.00 (cumulative 10% and 20% of the fee).
	deals := []*domain.Deal{won("C", "10000", "2026-09-01", "2026-10-01", "Partner: Acme Consulting")}
	a, b := pay("C", "2026-10-10", "-1000"), pay("C", "2026-10-10", "-1000")
	a.ID, b.ID = "re_a", "re_b"
	res := run{prog: program(t, acme), deals: deals, pays: []*domain.Payment{pay("C", "2026-10-02", "10000"), a, b}, period: "2026-10"}.compute(t)
	wantAmount(t, "re_a", line(t, res, "acme:C:clawback:pay:re_a").Amount, "-150.00")
	wantAmount(t, "re_b", line(t, res, "acme:C:clawback:pay:re_b").Amount, "-150.00")
	wantAmount(t, "payout", res.PayoutOf("acme").Amount, "1200.00")
}

func TestMovedPaymentIsHeldUntilConfirmed(t *testing.T) {
	// September issued 10% of a 1,000.00 payment dated 09-15. October's export, with no
	// payment ids, has that payment on 09-16: same deal, rule and amount.
	deals := []*domain.Deal{won("S", "12000", "2026-01-01", "2026-01-10", "Partner: Initech")}
	pays := []*domain.Payment{pay("S", "2026-09-16", "1000.00")}
	const oldID, newID = "initech:S:revenue-share:2026-09-15", "initech:S:revenue-share:2026-09-16"
	led := issuedLedger(map[string]string{oldID: "100.00"})
	led.Periods[civil.NewMonth(2026, 9)] = true

	res := run{prog: program(t, strategic), deals: deals, pays: pays, led: led, period: "2026-10"}.compute(t)
	l := line(t, res, newID)
	if l.State != Pending || l.Moved == nil || l.Moved.From != oldID || l.Moved.Confirmed || !l.Moved.Issued.Equal(amt("100.00")) {
		t.Fatalf("moved line %s %+v, want pending, moved from %s", l.State, l.Moved, oldID)
	}
	wantAmount(t, "held line", l.Amount, "100.00")
	if res.PayoutOf("initech") != nil {
		t.Errorf("a moved payment is paid again: %s", res.PayoutOf("initech").Amount)
	}
	if !hasProblem(res, diag.Warning, `deal "S": line `+oldID+` of $100.00, issued in PB-2026-09-x for a payment dated 2026-09-15, is gone and line `+newID+` of the same amount appeared for a payment dated 2026-09-16: held back`) ||
		!hasProblem(res, diag.Warning, `add [[confirm]] line = "`+newID+`" to test.toml`) {
		t.Errorf("no moved warning: %v", res.Problems.All())
	}
	if hasProblem(res, diag.Warning, "no longer follows") {
		t.Errorf("the moved line is also reported vanished: %v", res.Problems.All())
	}

	// Confirmed: the new line is paid and the issued one reversed, net nothing.
	prog := program(t, strategic)
	prog.Confirms = []*domain.Confirm{{Line: newID, Pos: diag.Pos{File: "test.toml", Line: 40}}}
	res = run{prog: prog, deals: deals, pays: pays, led: led, period: "2026-10"}.compute(t)
	if l := line(t, res, newID); l.State != Payable || !l.Moved.Confirmed {
		t.Errorf("confirmed line %s %+v, want payable", l.State, l.Moved)
	}
	rev := line(t, res, oldID+":adj:2026-10")
	wantAmount(t, "reversal", rev.Amount, "-100.00")
	// A reversal keeps the kind of the line it reverses: no refund was made, so nothing
	// shows under Clawbacks.
	if f, ok := rev.Facts.(*CorrectionFacts); rev.Kind != Earned || !ok || f.Corrects != oldID {
		t.Errorf("reversal kind %v facts %+v, want a correction of %s", rev.Kind, rev.Facts, oldID)
	}
	p := res.PayoutOf("initech")
	wantAmount(t, "payout", p.Amount, "0.00")
	wantAmount(t, "earned", p.Earned, "0.00")
	wantAmount(t, "clawbacks", p.Clawbacks, "0.00")
	if p.Status != book.StatusNil || len(res.Problems.All()) != 0 {
		t.Errorf("status %s, problems %v", p.Status, res.Problems.All())
	}

	// November, October issued both: nothing more, and nothing reported vanished.
	led.Issue(newID, "PB-2026-10-initech", amt("100.00"))
	led.Issue(oldID+":adj:2026-10", "PB-2026-10-initech", amt("-100.00"))
	res = run{prog: prog, deals: deals, pays: pays, led: led, period: "2026-11"}.compute(t)
	if res.PayoutOf("initech") != nil || len(res.Problems.All()) != 0 {
		t.Errorf("November: payout %v, problems %v", res.PayoutOf("initech"), res.Problems.All())
	}
}

func TestMovedPaymentNeedsSameAmount(t *testing.T) {
	// A new payment of another amount on another day is a new payment: paid, and the
	// issued line that vanished is reported (the export covers its date).
	deals := []*domain.Deal{won("S", "12000", "2026-01-01", "2026-01-10", "Partner: Initech")}
	pays := []*domain.Payment{pay("S", "2026-09-20", "2500.00")}
	led := issuedLedger(map[string]string{"initech:S:revenue-share:2026-09-15": "100.00"})
	res := run{prog: program(t, strategic), deals: deals, pays: pays, led: led, period: "2026-10"}.compute(t)
	if l := line(t, res, "initech:S:revenue-share:2026-09-20"); l.State != Payable || l.Moved != nil {
		t.Errorf("new payment %s moved %+v, want payable", l.State, l.Moved)
	}
	wantAmount(t, "payout", res.PayoutOf("initech").Amount, "250.00")
	if !hasProblem(res, diag.Warning, "line initech:S:revenue-share:2026-09-15, issued in PB-2026-09-x at $100.00, no longer follows") {
		t.Errorf("no vanished warning: %v", res.Problems.All())
	}
}

func TestIssuedLeadKeepsItsOwner(t *testing.T) {
	// Rotation over us, Globex and Wayne in (created, id) order gave L2 to Globex, whose
	// 10% referral fee of 500.00 was issued in September. October's export has a lead L0
	// created earlier: rotation now deals L2 to Wayne, but L2 stays Globex's.
	referral := func() *domain.Terms {
		t := from("2026-01-01")
		t.Referral = percentFee("10%", domain.PaySigned)
		return t
	}
	camp := func(p *domain.Program) {
		partner("globex", "Globex", domain.CoMarketing, referral())(p)
		partner("wayne", "Wayne Media", domain.CoMarketing, referral())(p)
		p.Campaigns = append(p.Campaigns, &domain.Campaign{ID: "web", Name: "Webinar", Date: d("2026-09-18"),
			PaidBy: domain.Us, Tag: "Campaign: Webinar", LeadOwner: domain.Rotate,
			Shares: []domain.Share{{Party: domain.Us, Rate: money.MustRate("50%")},
				{Party: "globex", Rate: money.MustRate("25%")}, {Party: "wayne", Rate: money.MustRate("25%")}}})
	}
	tag := "Campaign: Webinar"
	deals := []*domain.Deal{
		open("L0", "2026-09-18", tag),
		open("L1", "2026-09-19", tag),
		won("L2", "5000", "2026-09-20", "2026-09-25", tag),
		won("L3", "3000", "2026-09-21", "2026-10-03", tag),
	}
	led := issuedLedger(map[string]string{"globex:L2:referral": "500.00"})
	res := run{prog: program(t, camp), deals: deals, led: led, period: "2026-10"}.compute(t)
	want := map[string]string{"L0": "us", "L1": "globex", "L2": "globex", "L3": "us"}
	for _, x := range res.Deals {
		if x.LeadOwner != want[x.ID] {
			t.Errorf("lead %s owned by %q, want %q", x.ID, x.LeadOwner, want[x.ID])
		}
	}
	if l := line(t, res, "globex:L2:referral"); l.State != Issued {
		t.Errorf("L2 fee %s, want issued", l.State)
	}
	noLine(t, res, "wayne:L2:referral")
	noLine(t, res, "globex:L2:referral:adj:2026-10")
	if p := res.PayoutOf("wayne"); p != nil {
		t.Errorf("wayne is paid %s", p.Amount)
	}
	if p := res.PayoutOf("globex"); p != nil {
		t.Errorf("globex is paid %s again", p.Amount)
	}
	if hasProblem(res, diag.Warning, "no longer follows") {
		t.Errorf("problems: %v", res.Problems.All())
	}
}

func TestMappingIDsLaterKeepsIssuedDays(t *testing.T) {
	// September was paid before the id column was mapped: two payments on 09-15
	// (600.00 + 400.00) gave one date-keyed share of 100.00, and the refunds of 09-20
	// one date-keyed clawback. October maps ids: the issued days keep their date keys,
	// nothing is paid again, and only the new October payment is keyed by its id.
	deals := []*domain.Deal{won("S", "12000", "2026-01-01", "2026-09-01", "Partner: Initech"),
		won("C", "10000", "2026-09-01", "2026-09-10", "Partner: Acme Consulting")}
	p1, p2, p3 := pay("S", "2026-09-15", "600.00"), pay("S", "2026-09-15", "400.00"), pay("S", "2026-10-15", "500.00")
	p1.ID, p2.ID, p3.ID = "ch_1", "ch_2", "ch_3"
	c0, r1, r2 := pay("C", "2026-09-11", "10000"), pay("C", "2026-09-20", "-1000"), pay("C", "2026-09-20", "-1000")
	c0.ID, r1.ID, r2.ID = "ch_c", "re_1", "re_2"
	led := issuedLedger(map[string]string{
		"initech:S:revenue-share:2026-09-15": "100.00",
		"acme:C:referral":                    "1500.00",
		"acme:C:clawback:2026-09-20":         "-300.00",
	})
	led.Periods[civil.NewMonth(2026, 9)] = true
	res := run{prog: program(t, strategic, acme), deals: deals, pays: []*domain.Payment{p1, p2, p3, c0, r1, r2}, led: led, period: "2026-10"}.compute(t)
	if l := line(t, res, "initech:S:revenue-share:2026-09-15"); l.State != Issued || !l.Amount.Equal(amt("100.00")) {
		t.Errorf("September share %s %s, want issued 100.00", l.State, l.Amount)
	}
	noLine(t, res, "initech:S:revenue-share:pay:ch_1")
	noLine(t, res, "initech:S:revenue-share:pay:ch_2")
	wantAmount(t, "October share", line(t, res, "initech:S:revenue-share:pay:ch_3").Amount, "50.00")
	if l := line(t, res, "acme:C:clawback:2026-09-20"); l.State != Issued {
		t.Errorf("September clawback %s, want issued", l.State)
	}
	noLine(t, res, "acme:C:clawback:pay:re_1")
	wantAmount(t, "initech payout", res.PayoutOf("initech").Amount, "50.00")
	if p := res.PayoutOf("acme"); p != nil {
		t.Errorf("acme is paid %s again", p.Amount)
	}
}

// webinar is a rotate campaign over us, Globex and Wayne (10% referral fees on signing).
func webinar(p *domain.Program) {
	referral := func() *domain.Terms {
		t := from("2026-01-01")
		t.Referral = percentFee("10%", domain.PaySigned)
		return t
	}
	partner("globex", "Globex", domain.CoMarketing, referral())(p)
	partner("wayne", "Wayne Media", domain.CoMarketing, referral())(p)
	partner("acme", "Acme", domain.Referral, referral())(p)
	p.Campaigns = append(p.Campaigns, &domain.Campaign{ID: "web", Name: "Webinar", Date: d("2026-09-18"),
		PaidBy: domain.Us, Tag: "Campaign: Webinar", LeadOwner: domain.Rotate,
		Shares: []domain.Share{{Party: domain.Us, Rate: money.MustRate("50%")},
			{Party: "globex", Rate: money.MustRate("25%")}, {Party: "wayne", Rate: money.MustRate("25%")}}})
}

// leadLedger is a September ledger that reported leads "deal=owner" by rotation.
func leadLedger(owners map[string]string) *domain.Ledger {
	l := domain.NewLedger()
	l.Periods[civil.NewMonth(2026, 9)] = true
	for id, o := range owners {
		l.Leads[id] = &domain.LeadRecord{Deal: id, Campaign: "web", Owner: o, By: book.LeadByRotation,
			Since: civil.NewMonth(2026, 9), Workbook: "ledger/payouts-2026-09.xlsx"}
	}
	return l
}

func TestLeadOwnership(t *testing.T) {
	tag := "Campaign: Webinar"
	// September reported L1 us, L2 globex, L3 wayne; October inserts L0 before them and
	// adds L4 after.
	reported := map[string]string{"L1": "us", "L2": "globex", "L3": "wayne"}
	for _, c := range []struct {
		name    string
		deals   []*domain.Deal
		led     *domain.Ledger
		want    map[string]string // deal -> owner
		by      map[string]string // deal -> how, for the records
		lines   map[string]string // line -> amount
		noLines []string
		warn    string
		err     string
	}{
		{"no ledger: plain rotation", []*domain.Deal{open("L1", "2026-09-19", tag), won("L2", "5000", "2026-09-20", "2026-10-02", tag), open("L3", "2026-09-21", tag)},
			nil, map[string]string{"L1": "us", "L2": "globex", "L3": "wayne"}, nil, map[string]string{"globex:L2:referral": "500.00"}, nil, "", ""},
		{"inserted lead takes the next turn", []*domain.Deal{open("L0", "2026-09-01", tag), open("L1", "2026-09-19", tag),
			won("L2", "5000", "2026-09-20", "2026-10-02", tag), open("L3", "2026-09-21", tag), won("L4", "3000", "2026-10-01", "2026-10-05", tag)},
			leadLedger(reported), map[string]string{"L0": "us", "L1": "us", "L2": "globex", "L3": "wayne", "L4": "globex"},
			map[string]string{"L0": "rotation", "L4": "rotation"}, map[string]string{"globex:L2:referral": "500.00", "globex:L4:referral": "300.00"}, []string{"globex:L0", "wayne:L0"}, "", ""},
		{"party tag takes no turn", []*domain.Deal{open("L1", "2026-09-19", tag), won("L2", "5000", "2026-09-20", "2026-10-02", tag, "Partner: Wayne Media"),
			won("L3", "2000", "2026-09-21", "2026-10-03", tag), open("L4", "2026-09-22", tag)},
			nil, map[string]string{"L1": "us", "L2": "wayne", "L3": "globex", "L4": "wayne"}, map[string]string{"L2": "tag", "L3": "rotation"},
			map[string]string{"wayne:L2:referral": "500.00", "globex:L3:referral": "200.00"}, nil, "", ""},
		{"two parties' tags: rotation decides", []*domain.Deal{open("L1", "2026-09-19", tag), won("L2", "5000", "2026-09-20", "2026-10-02", tag, "Partner: Wayne Media", "Partner: Globex")},
			nil, map[string]string{"L1": "us", "L2": "globex"}, nil, map[string]string{"globex:L2:referral": "500.00"}, []string{"wayne:L2:referral"}, "", ""},
		{"party tag on a partner's reported lead: it stays", []*domain.Deal{open("L1", "2026-09-19", tag), won("L2", "5000", "2026-09-20", "2026-10-02", tag, "Partner: Wayne Media")},
			leadLedger(reported), map[string]string{"L2": "globex"}, nil, map[string]string{"globex:L2:referral": "500.00"}, []string{"wayne:L2:referral"},
			`deal "L2" names partner "wayne" but was reported in ledger/payouts-2026-09.xlsx as "globex"'s lead of campaign "web": it stays "globex"'s`, ""},
		{"party tag on our reported lead: the party's", []*domain.Deal{won("L1", "4000", "2026-09-19", "2026-10-02", tag, "Partner: Wayne Media")},
			leadLedger(reported), map[string]string{"L1": "wayne"}, map[string]string{"L1": "rotation"}, map[string]string{"wayne:L1:referral": "400.00"}, nil,
			`deal "L1", reported in ledger/payouts-2026-09.xlsx as our lead of campaign "web", now names partner "wayne"`, ""},
		{"outside partner's tag", []*domain.Deal{won("L1", "4000", "2026-09-19", "2026-10-02", tag, "Partner: Acme")},
			nil, map[string]string{}, nil, nil, []string{"acme:L1:referral"},
			"", `deal "L1" is a lead of campaign "web" (tag "Campaign: Webinar") but names partner "acme", which is not a party of the campaign`},
		{"reported owner no longer a party", []*domain.Deal{won("L2", "5000", "2026-09-20", "2026-10-02", tag)},
			leadLedger(map[string]string{"L2": "acme"}), map[string]string{"L2": "acme"}, nil, map[string]string{"acme:L2:referral": "500.00"}, nil,
			`lead "L2" of campaign "web" was reported in ledger/payouts-2026-09.xlsx as "acme"'s, which is no longer a party of the campaign: it stays "acme"'s`, ""},
		{"reported owner gone from the program", []*domain.Deal{won("L2", "5000", "2026-09-20", "2026-10-02", tag)},
			leadLedger(map[string]string{"L2": "initech"}), map[string]string{}, nil, nil, nil,
			"", `lead "L2" of campaign "web" was reported in ledger/payouts-2026-09.xlsx as partner "initech"'s, which the program does not have`},
	} {
		t.Run(c.name, func(t *testing.T) {
			res := run{prog: program(t, webinar), deals: c.deals, led: c.led, period: "2026-10"}.compute(t)
			for id, want := range c.want {
				for _, x := range res.Deals {
					if x.ID == id && x.LeadOwner != want {
						t.Errorf("lead %s owned by %q, want %q", id, x.LeadOwner, want)
					}
				}
			}
			recs := map[string]*domain.LeadRecord{}
			for _, r := range res.Leads {
				recs[r.Deal] = r
			}
			for id, want := range c.by {
				if r := recs[id]; r == nil || r.By != want || r.Owner != c.want[id] {
					t.Errorf("record of %s = %+v, want %s by %s", id, r, c.want[id], want)
				}
			}
			for id, a := range c.lines {
				wantAmount(t, id, line(t, res, id).Amount, a)
			}
			for _, prefix := range c.noLines {
				for _, l := range res.Lines {
					if strings.HasPrefix(l.ID, prefix) {
						t.Errorf("line %s %s", l.ID, l.Amount)
					}
				}
			}
			if c.warn != "" && !hasProblem(res, diag.Warning, c.warn) {
				t.Errorf("no warning %q: %v", c.warn, res.Problems.All())
			}
			if c.err != "" && !hasProblem(res, diag.Error, c.err) {
				t.Errorf("no error %q: %v", c.err, res.Problems.All())
			}
			if c.err == "" && res.Problems.HasErrors() {
				t.Errorf("errors: %v", res.Problems.Errors())
			}
		})
	}
}

func TestLeadRecordsCarryForward(t *testing.T) {
	tag := "Campaign: Webinar"
	led := leadLedger(map[string]string{"L1": "us", "L2": "globex", "GONE": "wayne"})
	res := run{prog: program(t, webinar), deals: []*domain.Deal{open("L1", "2026-09-19", tag), open("L2", "2026-09-20"), open("L5", "2026-10-01", tag)},
		led: led, period: "2026-10"}.compute(t)
	var got []string
	for _, r := range res.Leads {
		got = append(got, r.Deal+" "+r.Owner+" "+r.By+" "+r.Since.String())
	}
	// GONE is missing from the export: kept, with its turn. L2 lost its tag: dropped.
	// L5 takes the fourth turn (three recorded): us.
	want := "GONE wayne rotation 2026-09|L1 us rotation 2026-09|L5 us rotation 2026-10"
	if strings.Join(got, "|") != want {
		t.Errorf("records %q, want %q", strings.Join(got, "|"), want)
	}
	if !hasProblem(res, diag.Warning, `deal "L2" was reported in ledger/payouts-2026-09.xlsx as "globex"'s lead of campaign "web" but is no longer a lead of it`) {
		t.Errorf("no warning for L2: %v", res.Problems.All())
	}

	// A ledger whose latest workbook predates lead records: a warning, rotation as before.
	old := domain.NewLedger()
	old.LeadsUnrecorded = "ledger/payouts-2026-09.xlsx"
	res = run{prog: program(t, webinar), deals: []*domain.Deal{open("L1", "2026-09-19", tag)}, led: old, period: "2026-10"}.compute(t)
	if !hasProblem(res, diag.Warning, "the ledger's latest workbook records no campaign lead owners") || res.Leads[0].Owner != "us" {
		t.Errorf("problems %v, leads %+v", res.Problems.All(), res.Leads)
	}
}

// A line paid under the old id and again under the new one counts as issued at both
// amounts: the run takes the second payment back with a correction line.
func TestLineIssuedBeforeAndAfterARename(t *testing.T) {
	renamed := func(p *domain.Program) {
		acme(p)
		p.Partners[0].ID, p.Partners[0].FormerIDs = "acme-new", []string{"acme"}
	}
	deals := []*domain.Deal{won("D1", "10000", "2026-08-01", "2026-08-05", "Partner: Acme Consulting")}
	aug := issuedPayout("acme", "2026-08", book.StatusDue, map[string]string{"acme:D1:referral": "1500.00"})
	sep := issuedPayout("acme-new", "2026-09", book.StatusDue, map[string]string{"acme-new:D1:referral": "1500.00"})
	sep.Pos.Row = 3
	res := run{prog: program(t, renamed), deals: deals, led: ledgerOf(aug, sep), period: "2026-10"}.compute(t)
	wantAmount(t, "correction", line(t, res, "acme-new:D1:referral:adj:2026-10").Amount, "-1500.00")
	wantAmount(t, "payout", res.PayoutOf("acme-new").Amount, "-1500.00")
	var found bool
	for _, p := range res.Problems.Warnings() {
		if strings.Contains(p.Msg, "is issued by both") {
			found = p.Pos.File != "" && p.Pos.Row > 0
		}
	}
	if !found {
		t.Errorf("no positioned warning: %v", res.Problems.All())
	}
}
