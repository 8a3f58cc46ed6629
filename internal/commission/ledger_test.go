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

// issuedLedger says the lines were issued by one September payout at these amounts.
func issuedLedger(amounts map[string]string) *domain.Ledger {
	l := domain.NewLedger()
	for id, a := range amounts {
		l.Issue(id, "PB-2026-09-x", amt(a))
	}
	return l
}

func TestSameDayLatePaymentIsCorrected(t *testing.T) {
	// September paid 10% of a 1,000 payment dated 09-15. A second payment of 5,000 with
	// the same date reaches the export in October: the line now computes to 600, so
	// October pays the 500 difference.
	deals := []*domain.Deal{won("S", "12000", "2026-01-01", "2026-01-10", "Partner: Initech")}
	pays := []*domain.Payment{pay("S", "2026-09-15", "1000"), pay("S", "2026-09-15", "5000")}
	led := issuedLedger(map[string]string{"initech:S:revenue-share:2026-09-15": "100.00"})
	res := run{prog: program(t, strategic), deals: deals, pays: pays, led: led, period: "2026-10"}.compute(t)
	adj := line(t, res, "initech:S:revenue-share:2026-09-15:adj:2026-10")
	wantAmount(t, "correction", adj.Amount, "500.00")
	if adj.State != Payable || adj.Kind != Earned {
		t.Errorf("correction %s kind %v", adj.State, adj.Kind)
	}
	wantAmount(t, "payout", res.PayoutOf("initech").Amount, "500.00")

	// November, with October's correction in the ledger too: nothing more to pay.
	led.Issue("initech:S:revenue-share:2026-09-15:adj:2026-10", "PB-2026-10-initech", amt("500.00"))
	res = run{prog: program(t, strategic), deals: deals, pays: pays, led: led, period: "2026-11"}.compute(t)
	if p := res.PayoutOf("initech"); p != nil {
		t.Errorf("November pays %s again", p.Amount)
	}
}

func TestSameDayLateRefundIsClawedBack(t *testing.T) {
	// Fee 1,500 (15% of 10,000). September took back 150 for a 1,000 refund on 09-20; a
	// second refund of 4,000 dated 09-20 arrives later: the clawback is now 750 in all.
	deals := []*domain.Deal{won("C", "10000", "2026-08-01", "2026-09-01", "Partner: Acme Consulting")}
	pays := []*domain.Payment{pay("C", "2026-09-02", "10000"), pay("C", "2026-09-20", "-1000"), pay("C", "2026-09-20", "-4000")}
	led := issuedLedger(map[string]string{"acme:C:referral": "1500.00", "acme:C:clawback:2026-09-20": "-150.00"})
	res := run{prog: program(t, acme), deals: deals, pays: pays, led: led, period: "2026-10"}.compute(t)
	adj := line(t, res, "acme:C:clawback:2026-09-20:adj:2026-10")
	wantAmount(t, "correction", adj.Amount, "-600.00")
	if adj.Kind != Clawback {
		t.Errorf("kind %v, want clawback", adj.Kind)
	}
	wantAmount(t, "clawbacks", res.PayoutOf("acme").Clawbacks, "-600.00")
}

func TestCorrectionKeepsItsLinesKind(t *testing.T) {
	// September issued these lines; October's inputs compute them differently. Each
	// correction is counted in the payout column of the line it corrects, whatever its
	// sign, and the columns still add up to the amount.
	cases := []struct {
		name   string
		prog   part
		deal   *domain.Deal
		pays   []*domain.Payment
		issued map[string]string
		adj    string // the correction's line ID
		amount string
		kind   Kind
		// the payout's Opening, Earned, Clawbacks, Charges, Amount
		cols [5]string
	}{
		{
			// A 5,000 refund was clawed back at 750 of the 1,500 fee; it was 4,000:
			// 600 clawed back, 150 less than taken.
			name: "smaller clawback", prog: acme,
			deal:   won("C", "10000", "2026-08-01", "2026-09-01", "Partner: Acme Consulting"),
			pays:   []*domain.Payment{pay("C", "2026-09-02", "10000"), pay("C", "2026-09-20", "-4000")},
			issued: map[string]string{"acme:C:referral": "1500.00", "acme:C:clawback:2026-09-20": "-750.00"},
			adj:    "acme:C:clawback:2026-09-20:adj:2026-10", amount: "150.00", kind: Clawback,
			cols: [5]string{"0", "0", "150.00", "0", "150.00"},
		},
		{
			name: "larger refund share", prog: strategic,
			deal:   won("S", "12000", "2026-01-01", "2026-01-10", "Partner: Initech"),
			pays:   []*domain.Payment{pay("S", "2026-09-15", "1000"), pay("S", "2026-09-20", "-200")},
			issued: map[string]string{"initech:S:revenue-share:2026-09-15": "100.00", "initech:S:revenue-share-refund:2026-09-20": "-10.00"},
			adj:    "initech:S:revenue-share-refund:2026-09-20:adj:2026-10", amount: "-10.00", kind: Clawback,
			cols: [5]string{"0", "0", "-10.00", "0", "-10.00"},
		},
		{
			// A payment of 6,000 became 1,000: the share is 500 less, earned less.
			name: "smaller share", prog: strategic,
			deal:   won("S", "12000", "2026-01-01", "2026-01-10", "Partner: Initech"),
			pays:   []*domain.Payment{pay("S", "2026-09-15", "1000")},
			issued: map[string]string{"initech:S:revenue-share:2026-09-15": "600.00"},
			adj:    "initech:S:revenue-share:2026-09-15:adj:2026-10", amount: "-500.00", kind: Earned,
			cols: [5]string{"0", "-500.00", "0", "0", "-500.00"},
		},
		{
			// The deal value 10,000.01 was corrected to 10,000.00: the reseller owes 0.01 less.
			name: "smaller charge", prog: reseller,
			deal:   won("W", "10000.00", "2026-08-01", "2026-09-10", "Partner: Resell Co"),
			issued: map[string]string{"resell:W:wholesale": "-8000.01"},
			adj:    "resell:W:wholesale:adj:2026-10", amount: "0.01", kind: Charge,
			cols: [5]string{"0", "0", "0", "0.01", "0.01"},
		},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			res := run{prog: program(t, c.prog), deals: []*domain.Deal{c.deal}, pays: c.pays, led: issuedLedger(c.issued), period: "2026-10"}.compute(t)
			adj := line(t, res, c.adj)
			wantAmount(t, "correction", adj.Amount, c.amount)
			if adj.Kind != c.kind {
				t.Errorf("correction kind %v, want %v", adj.Kind, c.kind)
			}
			p := res.PayoutOf(adj.PartnerID)
			if p == nil || len(p.Lines) != 1 {
				t.Fatalf("payout %+v, want the correction alone", p)
			}
			for i, got := range []money.Amount{p.Opening, p.Earned, p.Clawbacks, p.Charges, p.Amount} {
				wantAmount(t, []string{"opening", "earned", "clawbacks", "charges", "amount"}[i], got, c.cols[i])
			}
			if sum := p.Opening.Add(p.Earned).Add(p.Clawbacks).Add(p.Charges); !sum.Equal(p.Amount) {
				t.Errorf("columns add to %s, amount %s", sum, p.Amount)
			}
		})
	}
}

func TestCorrectedDealValueIsPaid(t *testing.T) {
	// September issued a 0.00 fee for a won deal with no value yet; October's export
	// has the value 20,000: 15% = 3,000, capped at 5,000, all of it owed now.
	deals := []*domain.Deal{won("B", "20000", "2026-08-01", "2026-09-05", "Partner: Acme Consulting")}
	led := issuedLedger(map[string]string{"acme:B:referral": "0.00"})
	res := run{prog: program(t, acme), deals: deals, led: led, period: "2026-10"}.compute(t)
	wantAmount(t, "correction", line(t, res, "acme:B:referral:adj:2026-10").Amount, "3000.00")
}

func TestRefundInsideHoldAfterFeeWasPaid(t *testing.T) {
	// The after-hold fee (10% of 10,000) was paid in August. A full refund dated inside
	// the hold reaches the export in September: the fee stays issued and the refund
	// (within the 120-day clawback window) takes it back.
	deals := []*domain.Deal{won("H", "10000", "2026-05-01", "2026-06-01", "Partner: Acme")}
	pays := []*domain.Payment{pay("H", "2026-06-05", "10000"), pay("H", "2026-08-20", "-10000")}
	led := issuedLedger(map[string]string{"acme:H:referral": "1000.00"})
	res := run{prog: program(t, holdPartner), deals: deals, pays: pays, led: led, period: "2026-09"}.compute(t)
	wantAmount(t, "clawback", line(t, res, "acme:H:clawback:2026-08-20").Amount, "-1000.00")
	wantAmount(t, "payout", res.PayoutOf("acme").Amount, "-1000.00")
}

// An after-hold fee with no clawback_days, or one shorter than the hold, is issued;
// then a refund dated inside the hold reaches the export. The refund means the fee
// should never have become payable: it is taken back in proportion, month after month
// through the ledger, never twice.
func TestRefundInsideHoldClawsBackWithoutClawbackDays(t *testing.T) {
	for _, c := range []struct {
		name         string
		clawbackDays int
		refund       string // dated 2026-08-20, inside the 30-day hold
		want         string
	}{
		{"no clawback_days, full refund", 0, "-1000.00", "-100.00"},
		{"clawback_days shorter than the hold", 10, "-1000.00", "-100.00"},
		{"partial refund", 0, "-250.00", "-25.00"},
	} {
		t.Run(c.name, func(t *testing.T) {
			tm := from("2026-01-01")
			tm.Referral = percentFee("10%", domain.PayAfterHold)
			tm.Referral.HoldDays = 30
			tm.ClawbackDays = c.clawbackDays
			prog := program(t, partner("acme", "Acme", domain.Referral, tm))
			deals := []*domain.Deal{won("D1", "1000.00", "2026-07-01", "2026-08-01", "Partner: Acme")}

			// September: the hold ended on 2026-08-31 with no refund: the fee is paid.
			pays := []*domain.Payment{pay("D1", "2026-08-05", "1000.00")}
			sep := run{prog: prog, deals: deals, pays: pays, period: "2026-09"}.compute(t)
			wantAmount(t, "September payout", sep.PayoutOf("acme").Amount, "100.00")
			led := domain.NewLedger()
			issue := func(res *Result) {
				for _, l := range res.Lines {
					if l.State == Payable {
						led.Issue(l.ID, res.PayoutOf(l.PartnerID).ID, l.Amount)
					}
				}
				led.Periods[res.Period] = true
			}
			issue(sep)

			// October: the refund dated inside the hold arrives; the fee stays issued
			// and is clawed back in proportion.
			pays = append(pays, pay("D1", "2026-08-20", c.refund))
			oct := run{prog: prog, deals: deals, pays: pays, led: led, period: "2026-10"}.compute(t)
			cb := line(t, oct, "acme:D1:clawback:2026-08-20")
			wantAmount(t, "clawback", cb.Amount, c.want)
			if cb.State != Payable || cb.Kind != Clawback {
				t.Errorf("clawback %s %v, want payable clawback", cb.State, cb.Kind)
			}
			p := oct.PayoutOf("acme")
			wantAmount(t, "October clawbacks", p.Clawbacks, c.want)
			wantAmount(t, "October payout", p.Amount, c.want)
			if l := line(t, oct, "acme:D1:referral"); l.State != Issued {
				t.Errorf("fee %s, want it to stay issued", l.State)
			}
			issue(oct)

			// November: nothing more to take back.
			nov := run{prog: prog, deals: deals, pays: pays, led: led, period: "2026-11"}.compute(t)
			if p := nov.PayoutOf("acme"); p != nil {
				t.Errorf("November takes back %s again", p.Amount)
			}
		})
	}
}

// payID gives a payment the payment system's id.
func payID(p *domain.Payment, id string) *domain.Payment { p.ID = id; return p }

// A Stripe charge refunded again after its first refund's lines were issued: the export
// now dates the charge's whole refunded total on the later refund, outside the window.
// The issued lines stand as issued, neither corrected nor reported as vanished, and the
// clawback they took still counts toward the fee.
func TestStripeRefundTotalDatedOutsideTheWindowKeepsItsIssuedLines(t *testing.T) {
	// Fee 1,500 (15% of 10,000), clawback window to 2026-11-30. ch_1's 7,000 refunded
	// on 09-10 took back 1,050; ch_2's 4,000 on 10-20 took the rest of the fee, 450. ch_1
	// now shows 8,000 refunded, dated 12-15.
	deals := []*domain.Deal{won("C", "10000", "2026-08-01", "2026-09-01", "Partner: Acme Consulting")}
	pays := []*domain.Payment{
		payID(pay("C", "2026-09-02", "9000"), "ch_1"), payID(pay("C", "2026-12-15", "-8000"), "ch_1:refund"),
		payID(pay("C", "2026-09-03", "5000"), "ch_2"), payID(pay("C", "2026-10-20", "-4000"), "ch_2:refund"),
	}
	led := issuedLedger(map[string]string{"acme:C:referral": "1500.00",
		"acme:C:clawback:pay:ch_1:refund": "-1000.00", "acme:C:clawback:pay:ch_1:refund:adj:2026-09": "-50.00",
		"acme:C:clawback:pay:ch_2:refund": "-450.00"})
	res := run{prog: program(t, acme), deals: deals, pays: pays, led: led, period: "2026-12"}.compute(t)
	kept := line(t, res, "acme:C:clawback:pay:ch_1:refund")
	wantAmount(t, "kept clawback", kept.Amount, "-1050.00")
	if kept.State != Issued {
		t.Errorf("kept clawback %s, want issued", kept.State)
	}
	wantAmount(t, "ch_2 clawback", line(t, res, "acme:C:clawback:pay:ch_2:refund").Amount, "-450.00")
	if p := res.PayoutOf("acme"); p != nil {
		t.Errorf("December pays %s: %v", p.Amount, p.Lines)
	}
	if len(res.Problems.All()) > 0 {
		t.Errorf("problems %v", res.Problems.All())
	}

	// The revenue share of a refund total now dated after the 12-month window: kept.
	deals = []*domain.Deal{won("S", "12000", "2025-10-01", "2025-11-01", "Partner: Initech")}
	pays = []*domain.Payment{payID(pay("S", "2025-11-15", "1000.00"), "ch_9"), payID(pay("S", "2026-11-20", "-800.00"), "ch_9:refund")}
	led = issuedLedger(map[string]string{"initech:S:revenue-share:pay:ch_9": "100.00", "initech:S:revenue-share-refund:pay:ch_9:refund": "-30.00"})
	res = run{prog: program(t, strategic), deals: deals, pays: pays, led: led, period: "2026-11"}.compute(t)
	wantAmount(t, "kept share refund", line(t, res, "initech:S:revenue-share-refund:pay:ch_9:refund").Amount, "-30.00")
	if p := res.PayoutOf("initech"); p != nil || len(res.Problems.All()) > 0 {
		t.Errorf("payout %v, problems %v", p, res.Problems.All())
	}

	// A refund that is not a Stripe charge's total (its own id) keeps the rule for
	// vanished lines: a warning, nothing reversed.
	pays = []*domain.Payment{payID(pay("S", "2025-11-15", "1000.00"), "p1"), payID(pay("S", "2026-11-20", "-800.00"), "r1")}
	led = issuedLedger(map[string]string{"initech:S:revenue-share:pay:p1": "100.00", "initech:S:revenue-share-refund:pay:r1": "-30.00"})
	res = run{prog: program(t, strategic), deals: deals, pays: pays, led: led, period: "2026-11"}.compute(t)
	noLine(t, res, "initech:S:revenue-share-refund:pay:r1")
	if !hasProblem(res, diag.Warning, "line initech:S:revenue-share-refund:pay:r1, issued in PB-2026-09-x at -$30.00, no longer follows") {
		t.Errorf("no vanished-line warning: %v", res.Problems.All())
	}
}

func TestVanishedIssuedLineIsAWarning(t *testing.T) {
	lost := won("L", "10000", "2026-05-01", "2026-06-01", "Partner: Acme Consulting")
	lost.Status = domain.Lost
	led := issuedLedger(map[string]string{"acme:L:referral": "1500.00"})
	at := diag.Pos{File: "ledger/payouts-2026-09.xlsx", Sheet: book.PayoutsSheet, Row: 4}
	led.Payouts = append(led.Payouts, &domain.IssuedPayout{ID: "PB-2026-09-x", Pos: at})
	res := run{prog: program(t, acme), deals: []*domain.Deal{lost}, led: led, period: "2026-10"}.compute(t)
	if !hasProblem(res, diag.Warning, "line acme:L:referral, issued in PB-2026-09-x at $1,500.00, no longer follows from the inputs") {
		t.Errorf("no warning for a vanished line: %v", res.Problems.All())
	}
	// The warning points at the ledger row of the payout that issued the line.
	for _, p := range res.Problems.Warnings() {
		if strings.Contains(p.Msg, "no longer follows") && p.Pos != at {
			t.Errorf("vanished-line warning at %v, want %v", p.Pos, at)
		}
	}
	if res.PayoutOf("acme") != nil {
		t.Errorf("a vanished line was reversed automatically")
	}
}

func TestOverdueCountsLateReceivables(t *testing.T) {
	// As of 2026-12-15: September's payouts were due 2026-10-31 (30 days after the
	// period), October's 2026-11-30, a November one falls due 2026-12-30.
	led := domain.NewLedger()
	issued := func(id, period, amount string, status book.PayoutStatus, due, paid string) {
		p := &domain.IssuedPayout{ID: id, PartnerID: "acme", Period: month(t, period), Amount: amt(amount), Status: status}
		if due != "" {
			p.Due = d(due)
		}
		if paid != "" {
			p.Paid = d(paid)
		}
		led.Payouts = append(led.Payouts, p)
	}
	issued("due-late", "2026-09", "4500.00", book.StatusDue, "2026-10-31", "")
	issued("receivable-late", "2026-09", "-5800.40", book.StatusReceivable, "2026-10-31", "")
	issued("receivable-no-due-date", "2026-10", "-1200.00", book.StatusReceivable, "", "")
	issued("receivable-paid", "2026-09", "-300.00", book.StatusReceivable, "2026-10-31", "2026-11-02")
	issued("receivable-not-yet-due", "2026-11", "-700.00", book.StatusReceivable, "2026-12-30", "")
	issued("carried", "2026-09", "20.00", book.StatusCarried, "", "")
	res := run{prog: program(t, acme), led: led, period: "2026-11", asOf: "2026-12-15"}.compute(t)
	var got []string
	for _, o := range res.Overdue {
		got = append(got, o.ID+" "+o.Amount.Fixed(2))
	}
	want := []string{"due-late 4500.00", "receivable-late -5800.40", "receivable-no-due-date -1200.00"}
	if strings.Join(got, ", ") != strings.Join(want, ", ") {
		t.Errorf("overdue %q, want %q", got, want)
	}
}

func TestPaidAfterAsOfIsUnpaidThen(t *testing.T) {
	// After December was run, finance typed paid dates in December. Re-running November
	// as of 2026-11-30 must report what November reported: those payouts were unpaid
	// then, overdue when past due.
	led := domain.NewLedger()
	add := func(id, period, amount string, status book.PayoutStatus, paid, ref string) {
		p := &domain.IssuedPayout{ID: id, PartnerID: "acme", Period: month(t, period), Amount: amt(amount), Status: status, Reference: ref}
		if paid != "" {
			p.Paid = d(paid)
		}
		led.Payouts = append(led.Payouts, p)
	}
	add("PB-2026-08-paid-before", "2026-08", "900.00", book.StatusPaid, "2026-09-20", "TR-1")
	add("PB-2026-09-due-paid-later", "2026-09", "4500.00", book.StatusDue, "2026-12-10", "TR-2")
	add("PB-2026-09-retyped-paid-later", "2026-09", "1250.50", book.StatusPaid, "2026-12-05", "TR-3")
	add("PB-2026-09-receivable-paid-later", "2026-09", "-5800.40", book.StatusPaid, "2026-12-01", "TR-4")
	add("PB-2026-09-paid-on-as-of", "2026-09", "700.00", book.StatusDue, "2026-11-30", "TR-5")
	add("PB-2026-09-paid-no-date", "2026-09", "300.00", book.StatusPaid, "", "")
	add("PB-2026-10-not-yet-due", "2026-10", "800.00", book.StatusDue, "2026-12-05", "TR-6")

	cases := []struct {
		name, asOf string
		overdue    []string
	}{
		{"re-run of November", "2026-11-30", []string{
			"PB-2026-09-due-paid-later Due 4500.00", "PB-2026-09-retyped-paid-later Due 1250.50",
			"PB-2026-09-receivable-paid-later Receivable -5800.40"}},
		{"as of the day after the payments", "2026-12-11", nil},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			res := run{prog: program(t, acme), led: led, period: "2026-11", asOf: c.asOf}.compute(t)
			var got []string
			for _, o := range res.Overdue {
				got = append(got, o.ID+" "+string(o.Status)+" "+o.Amount.Fixed(2))
				if !o.Paid.IsZero() || o.Reference != "" {
					t.Errorf("overdue %s keeps paid date %s, reference %q", o.ID, o.Paid, o.Reference)
				}
			}
			if strings.Join(got, ", ") != strings.Join(c.overdue, ", ") {
				t.Errorf("overdue %q, want %q", got, c.overdue)
			}
		})
	}
	// The ledger the caller passed is left as finance typed it.
	if p := led.Payouts[1]; p.Status != book.StatusDue || p.Paid != d("2026-12-10") || p.Reference != "TR-2" {
		t.Errorf("ledger payout changed to %s %s %q", p.Status, p.Paid, p.Reference)
	}
	if p := led.Payouts[2]; p.Status != book.StatusPaid || p.Paid != d("2026-12-05") {
		t.Errorf("ledger payout changed to %s %s", p.Status, p.Paid)
	}
}

func month(t *testing.T, s string) civil.Month {
	t.Helper()
	m, err := civil.ParseMonth(s)
	if err != nil {
		t.Fatal(err)
	}
	return m
}

// lineKind reads what a kept carried line was from its ID alone.
func TestLineKind(t *testing.T) {
	for _, c := range []struct {
		id, amount     string
		rule           Rule
		kind           Kind
		deal, campaign string
	}{
		{"acme:D:1:referral", "30", RuleReferral, Earned, "D:1", ""},
		{"acme:D1:referral:adj:2026-08", "-5", RuleReferral, Earned, "D1", ""},
		{"acme:D1:revenue-share:2026-07-15", "25", RuleRevenueShare, Earned, "D1", ""},
		{"acme:D1:revenue-share:pay:ch_1", "25", RuleRevenueShare, Earned, "D1", ""},
		{"acme:D1:revenue-share-refund:2026-07-20", "-5", RuleRevenueShare, Clawback, "D1", ""},
		{"acme:D1:clawback:pay:ch_1:refund", "-10", RuleClawback, Clawback, "D1", ""},
		{"lodz:R1:wholesale", "-800", RuleWholesale, Charge, "R1", ""},
		{"acme:campaign:sept:cost", "-150", RuleCampaignCost, Charge, "", "sept"},
		{"acme:campaign:sept:cost", "150", RuleCampaignCost, Earned, "", "sept"},
	} {
		pid, _, _ := strings.Cut(c.id, ":")
		rule, kind, deal, campaign := lineKind(c.id, pid, amt(c.amount))
		if rule != c.rule || kind != c.kind || deal != c.deal || campaign != c.campaign {
			t.Errorf("%s: %s %d %q %q, want %s %d %q %q", c.id, rule, kind, deal, campaign, c.rule, c.kind, c.deal, c.campaign)
		}
	}
}

// An after-hold fee carried forward (below the minimum) and then a refund dated
// inside the hold: the statement said the fee was earned, so it stays, in the
// balance, and the refund takes it back in proportion, as for an issued fee. It was
// kept whole with a warning, though the client did not stay.
func TestRefundInsideHoldAfterFeeWasCarried(t *testing.T) {
	for _, c := range []struct {
		refund, clawback, payout string
	}{{"-1000.00", "-100.00", "0"}, {"-250.00", "-25.00", "75.00"}} {
		tm := from("2026-01-01")
		tm.Referral = percentFee("10%", domain.PayAfterHold)
		tm.Referral.HoldDays = 30
		prog := program(t, partner("acme", "Acme", domain.Referral, tm))
		prog.MinimumPayout = amt("500.00")
		deals := []*domain.Deal{won("D1", "1000.00", "2026-07-01", "2026-08-01", "Partner: Acme")}
		led := domain.NewLedger()
		led.Carry("acme:D1:referral", "PB-2026-09-acme", amt("100.00"))
		led.Payouts = []*domain.IssuedPayout{{ID: "PB-2026-09-acme", PartnerID: "acme", Period: civilMonth(t, "2026-09"), Amount: amt("100.00"),
			Status: book.StatusCarried, Lines: []string{"acme:D1:referral"}, Amounts: []money.Amount{amt("100.00")}}}
		led.Periods[civilMonth(t, "2026-09")] = true
		pays := []*domain.Payment{pay("D1", "2026-08-05", "1000.00"), pay("D1", "2026-08-20", c.refund)}
		oct := run{prog: prog, deals: deals, pays: pays, led: led, period: "2026-10"}.compute(t)
		fee := line(t, oct, "acme:D1:referral")
		if fee.State != Payable || !fee.Opening || fee.Facts == nil {
			t.Errorf("fee %s opening %v facts %T, want the computed fee, payable as Opening", fee.State, fee.Opening, fee.Facts)
		}
		if _, kept := fee.Facts.(*CarriedFacts); kept {
			t.Errorf("fee kept as carried: the inputs still give it")
		}
		wantAmount(t, "clawback", line(t, oct, "acme:D1:clawback:2026-08-20").Amount, c.clawback)
		wantAmount(t, "payout", oct.PayoutOf("acme").Amount, c.payout)
	}
}

// A correction carried forward in September (+50.00 on a fee issued in August): while
// the fee still computes to what was issued and carried, the correction comes back
// under its own ID as Opening, at the amount carried, and nothing else is added; when
// the deal leaves the export, it stays in the balance as Opening with the carried-line
// warning, as any carried line the inputs no longer give.
func TestCarriedCorrectionOfAnIssuedFee(t *testing.T) {
	tm := from("2026-01-01")
	tm.Referral = percentFee("10%", domain.PaySigned)
	prog := program(t, partner("acme", "Acme", domain.Referral, tm))
	const adj = "acme:D1:referral:adj:2026-09"
	ledger := func() *domain.Ledger {
		led := domain.NewLedger()
		led.Issue("acme:D1:referral", "PB-2026-08-acme", amt("100.00"))
		led.Carry(adj, "PB-2026-09-acme", amt("50.00"))
		led.Payouts = []*domain.IssuedPayout{
			{ID: "PB-2026-08-acme", PartnerID: "acme", Period: civilMonth(t, "2026-08"), Amount: amt("100.00"), Status: book.StatusDue,
				Lines: []string{"acme:D1:referral"}, Amounts: []money.Amount{amt("100.00")}},
			{ID: "PB-2026-09-acme", PartnerID: "acme", Period: civilMonth(t, "2026-09"), Amount: amt("50.00"), Status: book.StatusCarried,
				Lines: []string{adj}, Amounts: []money.Amount{amt("50.00")},
				Records: map[string]domain.LineRecord{adj: {Deal: "D1", Client: "Client D1", Event: d("2026-08-10"), Eligible: d("2026-08-10")}}},
		}
		led.Periods[civilMonth(t, "2026-08")], led.Periods[civilMonth(t, "2026-09")] = true, true
		return led
	}
	deals := []*domain.Deal{won("D1", "1500.00", "2026-07-01", "2026-08-10", "Partner: Acme")}
	oct := run{prog: prog, deals: deals, led: ledger(), period: "2026-10"}.compute(t)
	l := line(t, oct, adj)
	f, ok := l.Facts.(*CorrectionFacts)
	if l.State != Payable || !l.Opening || !ok || f.Corrects != "acme:D1:referral" || f.CarriedIn != "PB-2026-09-acme" {
		t.Errorf("carried correction %s opening %v facts %#v, want payable as Opening, a correction carried in PB-2026-09-acme", l.State, l.Opening, l.Facts)
	}
	wantAmount(t, "carried correction", l.Amount, "50.00")
	wantAmount(t, "as it was carried", l.Basis, "150.00")
	noLine(t, oct, "acme:D1:referral:adj:2026-10")
	p := oct.PayoutOf("acme")
	wantAmount(t, "opening", p.Opening, "50.00")
	wantAmount(t, "earned", p.Earned, "0")
	if all := oct.Problems.All(); len(all) != 0 {
		t.Errorf("problems: %v", all)
	}

	// The deal left the export: the correction is kept as the ledger has it.
	oct = run{prog: prog, led: ledger(), period: "2026-10"}.compute(t)
	l = line(t, oct, adj)
	if _, kept := l.Facts.(*CarriedFacts); !kept || !l.Opening || l.DealID != "D1" || l.Client != "Client D1" {
		t.Errorf("carried correction opening %v facts %T deal %q client %q, want kept as carried", l.Opening, l.Facts, l.DealID, l.Client)
	}
	wantAmount(t, "kept correction", oct.PayoutOf("acme").Opening, "50.00")
	if !hasProblem(oct, diag.Warning, "line "+adj+", carried forward in PB-2026-09-acme at $50.00, no longer follows from the inputs") {
		t.Errorf("no carried-line warning: %v", oct.Problems.All())
	}
}
