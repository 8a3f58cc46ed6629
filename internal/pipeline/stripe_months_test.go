package pipeline

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/partnerbook/partnerbook/internal/commission"
)

// A referral partner with a 90-day clawback and a 12-month revenue share, paid from a
// Stripe export, month after month through the ledger.
const stripeMonthsProgram = `[program]
name = "Northwind"
currency = "USD"
period = "2026-09"
start = 2026-01-01
minimum_payout = "0.00"
email = "partners@northwind.example"

[input.deals]
file = "deals.csv"
preset = "generic"

[input.payments]
file = "payments.csv"
preset = "stripe"
[input.payments.columns]
deal = "deal_id (metadata)"

[input.ledger]
files = ["ledger/*.xlsx"]

[[partner]]
id = "acme"
name = "Acme"
type = "referral"
email = "partners@acme.example"
  [[partner.terms]]
  from = 2026-01-01
  referral = { percent = "10%" }
  revenue_share = { percent = "10%", months = 12 }
  clawback_days = 90
`

// stripeMonthsHeader is the Stripe export's columns the preset reads, in its order.
const stripeMonthsHeader = `"id","Created date (UTC)","Amount","Amount Refunded","Currency","Captured","Refunded date (UTC)","Status","Disputed Amount","Dispute Status","Dispute Date (UTC)","Customer Description","deal_id (metadata)"` + "\n"

// stripeMonths is a folder with the program and one deal: D-1, 1,000.00 won 2026-09-10.
func stripeMonths(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	for name, text := range map[string]string{"program.toml": stripeMonthsProgram,
		"deals.csv": "id,name,client,stage,status,value,created,closed,tags\nD-1,Rollout,Client One,Won,won,1000.00,2026-08-01,2026-09-10,Partner: Acme\n"} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// runMonth runs period with the export's charges (rows without the header) and files
// its payouts.xlsx in the ledger, as finance does.
func runMonth(t *testing.T, dir, period, charges string) *Outcome {
	t.Helper()
	if err := os.WriteFile(filepath.Join(dir, "payments.csv"), []byte(stripeMonthsHeader+charges), 0o644); err != nil {
		t.Fatal(err)
	}
	o, err := Run(Config{ProgramFile: filepath.Join(dir, "program.toml"), Period: period, OutDir: filepath.Join(dir, "out"), Keep: true})
	if err != nil {
		t.Fatalf("run %s: %v", period, err)
	}
	copyTo(t, filepath.Join(dir, "out", period, "payouts.xlsx"), filepath.Join(dir, "ledger", "payouts-"+period+".xlsx"))
	return o
}

// payableLines are the lines a run pays, by ID.
func payableLines(o *Outcome) map[string]string {
	out := map[string]string{}
	for _, l := range o.Result.Lines {
		if l.State == commission.Payable {
			out[l.ID] = l.Amount.Fixed(2)
		}
	}
	return out
}

func wantLines(t *testing.T, month string, got, want map[string]string) {
	t.Helper()
	for id, w := range want {
		if got[id] != w {
			t.Errorf("%s: line %s = %q, want %q", month, id, got[id], w)
		}
	}
	if len(got) != len(want) {
		t.Errorf("%s: lines %v, want %v", month, got, want)
	}
}

func payoutAmount(o *Outcome) string {
	if p := o.Result.PayoutOf("acme"); p != nil {
		return p.Amount.Fixed(2)
	}
	return "none"
}

func warnsOf(o *Outcome, substr string) bool {
	for _, w := range o.Warnings {
		if strings.Contains(w, substr) {
			return true
		}
	}
	return false
}

// A charge lost in a dispute is money taken back like a refund, as of the dispute
// date: the revenue share on it is taken back and the referral fee is clawed back in
// proportion. A dispute still open holds its charge: nothing is paid on it, and nothing
// issued for it is taken back, until Stripe decides; won, the money was kept.
func TestStripeDisputesAcrossMonths(t *testing.T) {
	dir := stripeMonths(t)

	// September: two charges, no dispute yet. Fee 100.00, shares 50.00 and 30.00.
	sep := runMonth(t, dir, "2026-09",
		`"ch_1","2026-09-20 10:00:00","500.00","0.00","usd","true","","Paid","0.00","","","Client One","D-1"`+"\n"+
			`"ch_2","2026-09-25 10:00:00","300.00","0.00","usd","true","","Paid","0.00","","","Client One","D-1"`+"\n")
	wantLines(t, "2026-09", payableLines(sep), map[string]string{
		"acme:D-1:referral": "100.00", "acme:D-1:revenue-share:pay:ch_1": "50.00", "acme:D-1:revenue-share:pay:ch_2": "30.00"})

	// October: ch_1 lost its dispute (opened 10-05); ch_2 is disputed and open; ch_3 is
	// new and under an open inquiry.
	oct := runMonth(t, dir, "2026-10",
		`"ch_1","2026-09-20 10:00:00","500.00","0.00","usd","true","","Paid","500.00","lost","2026-10-05 08:00:00","Client One","D-1"`+"\n"+
			`"ch_2","2026-09-25 10:00:00","300.00","0.00","usd","true","","Disputed","300.00","needs_response","2026-10-12 08:00:00","Client One","D-1"`+"\n"+
			`"ch_3","2026-10-15 10:00:00","200.00","0.00","usd","true","","Paid","200.00","warning_needs_response","2026-10-20 08:00:00","Client One","D-1"`+"\n")
	wantLines(t, "2026-10", payableLines(oct), map[string]string{
		"acme:D-1:revenue-share-refund:pay:ch_1:dispute": "-50.00", // 10% of the 500.00 taken back
		"acme:D-1:clawback:pay:ch_1:dispute":             "-50.00", // 100.00 × 500 / 1,000
	})
	if got := payoutAmount(oct); got != "-100.00" {
		t.Errorf("October payout %s, want -100.00", got)
	}
	for _, w := range []string{`charge "ch_2" (300.00 USD, 2026-09-25) has a dispute still open`, `charge "ch_3" (200.00 USD, 2026-10-15) has a dispute still open`} {
		if !warnsOf(oct, w) {
			t.Errorf("October: no warning %q in %v", w, oct.Warnings)
		}
	}

	// November: ch_2 won (kept), ch_3 lost (opened 10-20). ch_3 is paid and taken back
	// in one run; the clawback is 100.00 × 700 / 1,000 less the 50.00 already taken.
	nov := runMonth(t, dir, "2026-11",
		`"ch_1","2026-09-20 10:00:00","500.00","0.00","usd","true","","Paid","500.00","lost","2026-10-05 08:00:00","Client One","D-1"`+"\n"+
			`"ch_2","2026-09-25 10:00:00","300.00","0.00","usd","true","","Paid","300.00","won","2026-10-12 08:00:00","Client One","D-1"`+"\n"+
			`"ch_3","2026-10-15 10:00:00","200.00","0.00","usd","true","","Paid","200.00","lost","2026-10-20 08:00:00","Client One","D-1"`+"\n")
	wantLines(t, "2026-11", payableLines(nov), map[string]string{
		"acme:D-1:revenue-share:pay:ch_3":                "20.00",
		"acme:D-1:revenue-share-refund:pay:ch_3:dispute": "-20.00",
		"acme:D-1:clawback:pay:ch_3:dispute":             "-20.00",
	})
	if got := payoutAmount(nov); got != "-20.00" {
		t.Errorf("November payout %s, want -20.00", got)
	}
	// In all: 100 - 70 fee (700.00 of the 1,000.00 deal taken back) and 10% of the
	// 300.00 kept.
	if warnsOf(nov, "no longer follows") {
		t.Errorf("November: %v", nov.Warnings)
	}
}

// Stripe's export has one refunded total and one refund date per charge. A charge
// refunded again after lines for its first refund were issued gives corrections for
// the difference, on the date the export then gives; what was issued never moves.
func TestStripePartialRefundsAcrossMonths(t *testing.T) {
	charge := func(refunded, date, status string) string {
		return `"ch_1","2026-09-30 12:00:00","1000.00","` + refunded + `","usd","true","` + date + `","` + status + `","0.00","","","Client One","D-1"` + "\n"
	}
	t.Run("second refund inside the clawback window", func(t *testing.T) {
		dir := stripeMonths(t)
		runMonth(t, dir, "2026-09", charge("0.00", "", "Paid"))
		// October: 400.00 refunded on 10-01: 40.00 of the 100.00 fee and 40.00 of the
		// 100.00 share taken back.
		oct := runMonth(t, dir, "2026-10", charge("400.00", "2026-10-01 00:10:00", "Partially refunded"))
		wantLines(t, "2026-10", payableLines(oct), map[string]string{
			"acme:D-1:clawback:pay:ch_1:refund": "-40.00", "acme:D-1:revenue-share-refund:pay:ch_1:refund": "-40.00"})
		// November: another 300.00 refunded on 11-15; the export says 700.00 on 11-15.
		// The issued lines stay; corrections take back the 300.00's part.
		nov := runMonth(t, dir, "2026-11", charge("700.00", "2026-11-15 10:00:00", "Partially refunded"))
		wantLines(t, "2026-11", payableLines(nov), map[string]string{
			"acme:D-1:clawback:pay:ch_1:refund:adj:2026-11":             "-30.00",
			"acme:D-1:revenue-share-refund:pay:ch_1:refund:adj:2026-11": "-30.00"})
		// December: the same export again: nothing more.
		dec := runMonth(t, dir, "2026-12", charge("700.00", "2026-11-15 10:00:00", "Partially refunded"))
		wantLines(t, "2026-12", payableLines(dec), map[string]string{})
	})
	t.Run("second refund after the clawback window", func(t *testing.T) {
		// ch_2's refund of 400.00 on 11-20 and ch_1's 700.00 on 10-01 are both inside
		// the 90-day window (to 12-09): 1,100.00 of the 1,000.00 deal, so the whole fee
		// is clawed back, 70.00 and 30.00. In January ch_1 is refunded 100.00 more and the
		// export dates its 800.00 on 2027-01-05, after the window: the 70.00 clawed back
		// stands, the 100.00 takes no more fee back, and the fee is never exceeded.
		dir := stripeMonths(t)
		ch2 := func(refunded, date, status string) string {
			return `"ch_2","2026-09-30 13:00:00","600.00","` + refunded + `","usd","true","` + date + `","` + status + `","0.00","","","Client One","D-1"` + "\n"
		}
		runMonth(t, dir, "2026-09", charge("0.00", "", "Paid")+ch2("0.00", "", "Paid"))
		oct := runMonth(t, dir, "2026-10", charge("700.00", "2026-10-01 00:10:00", "Partially refunded")+ch2("0.00", "", "Paid"))
		wantLines(t, "2026-10", payableLines(oct), map[string]string{
			"acme:D-1:clawback:pay:ch_1:refund": "-70.00", "acme:D-1:revenue-share-refund:pay:ch_1:refund": "-70.00"})
		later := charge("700.00", "2026-10-01 00:10:00", "Partially refunded") + ch2("400.00", "2026-11-20 09:00:00", "Partially refunded")
		nov := runMonth(t, dir, "2026-11", later)
		wantLines(t, "2026-11", payableLines(nov), map[string]string{
			"acme:D-1:clawback:pay:ch_2:refund": "-30.00", "acme:D-1:revenue-share-refund:pay:ch_2:refund": "-40.00"})
		runMonth(t, dir, "2026-12", later)
		jan := runMonth(t, dir, "2027-01", charge("800.00", "2027-01-05 09:00:00", "Partially refunded")+ch2("400.00", "2026-11-20 09:00:00", "Partially refunded"))
		// Only the revenue share of the 100.00 (inside its 12-month window) is taken back.
		wantLines(t, "2027-01", payableLines(jan), map[string]string{
			"acme:D-1:revenue-share-refund:pay:ch_1:refund:adj:2027-01": "-10.00"})
		if got := payoutAmount(jan); got != "-10.00" {
			t.Errorf("January payout %s, want -10.00", got)
		}
		if warnsOf(jan, "no longer follows") {
			t.Errorf("January: %v", jan.Warnings)
		}
	})
}
