package crm

import (
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"github.com/partnerbook/partnerbook/internal/diag"
	"github.com/partnerbook/partnerbook/internal/domain"
)

const stripeTOML = `preset = "stripe"
[input.payments.columns]
deal = "deal_id (metadata)"
`

// readStripeFile loads a program whose payments are the charges, in a Stripe export.
func readStripeFile(t *testing.T, toml string, old bool, charges ...charge) ([]*domain.Payment, []string) {
	t.Helper()
	return readStripeColumns(t, toml, old, charges)
}

// readStripeColumns is readStripeFile with the export's columns named in without left out.
func readStripeColumns(t *testing.T, toml string, old bool, charges []charge, without ...string) ([]*domain.Payment, []string) {
	t.Helper()
	p := program(t, toml, map[string]string{"deals.csv": dealsHeader, "payments.csv": ""})
	writeStripe(t, filepath.Join(filepath.Dir(p.Payments.File), "payments.csv"), old, []string{"deal_id", "plan"}, charges, without...)
	var probs diag.List
	pays := ReadPayments(p.Payments, "payments.csv", &probs)
	return pays, messages(&probs)
}

func paymentList(pays []*domain.Payment) []string {
	var out []string
	for _, x := range pays {
		s := fmt.Sprintf("%s %s %s%s [%s]", x.Date, x.Deal, x.Client, x.Amount.Fixed(2), x.ID)
		if x.FX != nil {
			s += fmt.Sprintf(" (%s %s × %s, %s)", x.FX.Original.Fixed(2), x.FX.Currency, x.FX.Rate, x.FX.Month)
		}
		out = append(out, s)
	}
	return out
}

func TestStripeCharges(t *testing.T) {
	failed := paid("ch_f1", "2026-10-04 08:00:00", "90.00", "D-2")
	failed.Status, failed.Captured, failed.Decline, failed.Seller = "Failed", "false", "card_declined", "The bank did not return any further details."
	failed2 := failed
	failed2.ID = "ch_f2"
	uncaptured := paid("ch_u1", "2026-10-04 09:00:00", "70.00", "D-2")
	uncaptured.Status, uncaptured.Captured = "Uncaptured", "false"
	partly := paid("ch_r1", "2026-10-05 09:00:00", "500.00", "D-1")
	partly.Status, partly.Refunded, partly.RefundedDate = "Partially refunded", "200.00", "2026-10-20 11:30:00"
	full := paid("ch_r2", "2026-10-06 23:59:59", "300.00", "D-3")
	full.Status, full.Refunded, full.RefundedDate = "Refunded", "300.00", "2026-11-02 00:00:01"
	eur := paid("ch_e1", "2026-10-07 10:00:00", "1,000.00", "D-4")
	eur.Currency, eur.Converted, eur.ConvertedCurrency = "eur", "1071.20", "usd" // Stripe's own rate is not used
	// Refunded in November, whose rate the program does not state: the refund takes
	// back the money the charge brought in, at the charge's (October) rate.
	eurBack := paid("ch_e2", "2026-10-30 10:00:00", "80.00", "D-4")
	eurBack.Currency, eurBack.Refunded, eurBack.RefundedDate = "eur", "80.00", "2026-11-01 10:00:00"
	pays, probs := readStripeFile(t, stripeTOML, false,
		paid("ch_p1", "2026-10-03 14:22:11", "1200.00", "D-1"), failed, uncaptured, partly, failed2, full, eur, eurBack)

	want := []string{
		"2026-10-03 D-1 Client D-11200.00 [ch_p1]",
		"2026-10-05 D-1 Client D-1500.00 [ch_r1]",
		"2026-10-20 D-1 Client D-1-200.00 [ch_r1:refund]",
		"2026-10-06 D-3 Client D-3300.00 [ch_r2]",
		"2026-11-02 D-3 Client D-3-300.00 [ch_r2:refund]",
		"2026-10-07 D-4 Client D-41072.50 [ch_e1] (1000.00 EUR × 1.0725, 2026-10)",
		"2026-10-30 D-4 Client D-485.80 [ch_e2] (80.00 EUR × 1.0725, 2026-10)",
		"2026-11-01 D-4 Client D-4-85.80 [ch_e2:refund] (-80.00 EUR × 1.0725, 2026-10)",
	}
	if got := paymentList(pays); strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("payments:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	wantProbs := []string{`payments.csv: skipped 3 charges that were not paid: 2 failed, 1 uncaptured`}
	if fmt.Sprint(probs) != fmt.Sprint(wantProbs) {
		t.Errorf("problems %q, want %q", probs, wantProbs)
	}
}

// The charge id keys a payment: the same charge twice in an export is an error, not a
// second payment.
func TestStripeDuplicateChargeIsAnError(t *testing.T) {
	c := paid("ch_6", "2026-10-03 14:22:11", "10000.00", "D-1")
	pays, probs := readStripeFile(t, stripeTOML, false, c, c)
	if len(pays) != 1 || len(probs) != 1 || !strings.Contains(probs[0], `payments.csv row 3 column "id": duplicate payment id "ch_6" (also row 2)`) {
		t.Errorf("payments %v, problems %q", paymentList(pays), probs)
	}
}

func TestStripeOlderExportAndClientMatch(t *testing.T) {
	c := paid("ch_p1", "2026-10-03 14:22", "49.90", "D-1")
	c.Meta = nil
	pays, probs := readStripeFile(t, "preset = \"stripe\"\n[input.payments.columns]\nclient = \"Customer Email\"\n", true, c)
	if len(probs) != 0 {
		t.Fatal(probs)
	}
	if got := paymentList(pays); len(got) != 1 || got[0] != "2026-10-03  d-1@client.example49.90 [ch_p1]" {
		t.Errorf("payments %q", got)
	}
}

func TestStripeErrors(t *testing.T) {
	noDate := paid("ch_r1", "2026-10-05 09:00:00", "500.00", "D-1")
	noDate.Refunded = "100.00"
	tooMuch := paid("ch_r2", "2026-10-05 09:00:00", "500.00", "D-1")
	tooMuch.Refunded, tooMuch.RefundedDate = "500.01", "2026-10-06 09:00:00"
	lateRate := paid("ch_e1", "2026-12-01 10:00:00", "80.00", "D-4")
	lateRate.Currency = "eur"
	badCode := paid("ch_x1", "2026-10-05 09:00:00", "10.00", "D-1")
	badCode.Currency = "xyz"
	sign := paid("ch_s1", "2026-10-05 09:00:00", "€10.00", "D-1")
	_, probs := readStripeFile(t, stripeTOML, false, noDate, tooMuch, lateRate, badCode, sign)
	want := []string{
		`payments.csv row 2 column "Refunded date (UTC)": charge refunded 100.00 has no refund date: the refund cannot be dated`,
		`payments.csv row 3 column "Amount Refunded": refunded amount "500.01" is more than the charge "500.00"`,
		`payments.csv row 4 column "Amount": no exchange rate for EUR in 2026-12 (charge dated 2026-12-01): add [fx.EUR] "2026-12" = "..." to program.toml, the value of 1 EUR in USD`,
		`payments.csv row 5 column "Currency": currency "xyz" is not an ISO 4217 currency code (such as USD or EUR)`,
		`payments.csv row 6 column "Amount": amount "€10.00" is written in EUR, but the row's currency is USD`,
	}
	if strings.Join(probs, "\n") != strings.Join(want, "\n") {
		t.Errorf("problems:\n%s\nwant:\n%s", strings.Join(probs, "\n"), strings.Join(want, "\n"))
	}
}

func TestStripeNeedsADealOrClientColumn(t *testing.T) {
	p := program(t, "preset = \"stripe\"\n", map[string]string{"deals.csv": dealsHeader,
		"payments.csv": "id,Created date (UTC),Amount,Amount Refunded,Currency,Captured,Refunded date (UTC),Status\n" +
			"ch_1,2026-10-03 14:22:11,10.00,0.00,usd,true,,Paid\n"})
	var probs diag.List
	ReadPayments(p.Payments, "payments.csv", &probs)
	got := messages(&probs)
	want := `payments.csv row 1: no column matches a charge to a deal: map [input.payments.columns] deal = "deal_id (metadata)" (a metadata column) or client = "Customer Email"; the header row has: id, Created date (UTC), Amount, Amount Refunded, Currency, Captured, Refunded date (UTC), Status`
	if len(got) != 1 || got[0] != want {
		t.Errorf("problems %q\nwant %q", got, want)
	}
}

// disputed is a paid charge with a dispute: its Disputed Amount, Dispute Status and
// Dispute Date (UTC).
func disputed(c charge, amount, status, date string) charge {
	c.Disputed, c.DisputeStatus, c.DisputeDate = amount, status, date
	return c
}

// A lost dispute (a chargeback) is money taken back, like a refund: a negative payment
// of the disputed amount on the dispute date, converted at the charge's rate. A won or
// closed one keeps the money. One still open leaves the charge out until it is decided.
func TestStripeDisputes(t *testing.T) {
	lost := disputed(paid("ch_l1", "2026-10-03 14:22:11", "500.00", "D-1"), "500.00", "lost", "2026-10-20 09:00:00")
	// Refunded 200.00, then the client disputed 300.00 and won: 500.00 taken back in all.
	both := paid("ch_l2", "2026-10-04 10:00:00", "1000.00", "D-2")
	both.Status, both.Refunded, both.RefundedDate = "Partially refunded", "200.00", "2026-10-10 10:00:00"
	both = disputed(both, "300.00", "Lost", "2026-10-25 10:00:00") // as some exports capitalise it
	eur := disputed(paid("ch_l3", "2026-10-05 10:00:00", "100.00", "D-4"), "100.00", "lost", "2026-11-02 10:00:00")
	eur.Currency = "eur"
	won := disputed(paid("ch_w1", "2026-10-06 10:00:00", "400.00", "D-3"), "400.00", "won", "2026-10-08 10:00:00")
	won.Status = "Disputed"
	closed := disputed(paid("ch_w2", "2026-10-06 11:00:00", "40.00", "D-3"), "40.00", "warning_closed", "2026-10-08 10:00:00")
	open := disputed(paid("ch_o1", "2026-10-07 10:00:00", "250.00", "D-3"), "250.00", "needs_response", "2026-10-28 10:00:00")
	// Refunded 10.00, then the rest disputed: the refund counts, the charge waits.
	inquiry := paid("ch_o2", "2026-10-07 11:00:00", "100.00", "D-3")
	inquiry.Refunded, inquiry.RefundedDate = "10.00", "2026-10-08 11:00:00"
	inquiry = disputed(inquiry, "90.00", "Warning under review", "")
	inquiry.Status = "Disputed"
	pays, probs := readStripeFile(t, stripeTOML, false, lost, both, eur, won, closed, open, inquiry)

	want := []string{
		"2026-10-03 D-1 Client D-1500.00 [ch_l1]",
		"2026-10-20 D-1 Client D-1-500.00 [ch_l1:dispute]",
		"2026-10-04 D-2 Client D-21000.00 [ch_l2]",
		"2026-10-10 D-2 Client D-2-200.00 [ch_l2:refund]",
		"2026-10-25 D-2 Client D-2-300.00 [ch_l2:dispute]",
		"2026-10-05 D-4 Client D-4107.25 [ch_l3] (100.00 EUR × 1.0725, 2026-10)",
		"2026-11-02 D-4 Client D-4-107.25 [ch_l3:dispute] (-100.00 EUR × 1.0725, 2026-10)",
		"2026-10-06 D-3 Client D-3400.00 [ch_w1]",
		"2026-10-06 D-3 Client D-340.00 [ch_w2]",
		"2026-10-08 D-3 Client D-3-10.00 [ch_o2:refund]",
	}
	if got := paymentList(pays); strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("payments:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	wantProbs := []string{
		`payments.csv row 7 column "Dispute Status": charge "ch_o1" (250.00 USD, 2026-10-07) has a dispute still open (needs_response of 250.00 USD, opened 2026-10-28): the charge is left out of this run until Stripe decides it (its refunds still count); won, it counts again as paid; lost, the disputed amount is taken back as of the dispute date; lines already issued for it stay issued`,
		`payments.csv row 8 column "Dispute Status": charge "ch_o2" (100.00 USD, 2026-10-07) has a dispute still open (warning_under_review of 90.00 USD): the charge is left out of this run until Stripe decides it (its refunds still count); won, it counts again as paid; lost, the disputed amount is taken back as of the dispute date; lines already issued for it stay issued`,
	}
	if strings.Join(probs, "\n") != strings.Join(wantProbs, "\n") {
		t.Errorf("problems:\n%s\nwant:\n%s", strings.Join(probs, "\n"), strings.Join(wantProbs, "\n"))
	}
}

// A dispute the run cannot account for stops it, naming the row and column.
func TestStripeDisputeErrors(t *testing.T) {
	undated := disputed(paid("ch_1", "2026-10-03 10:00:00", "500.00", "D-1"), "500.00", "lost", "")
	twice := paid("ch_2", "2026-10-03 10:00:00", "500.00", "D-1")
	twice.Status, twice.Refunded, twice.RefundedDate = "Refunded", "500.00", "2026-10-10 10:00:00"
	twice = disputed(twice, "500.00", "lost", "2026-10-12 10:00:00")
	noAmount := disputed(paid("ch_3", "2026-10-03 10:00:00", "500.00", "D-1"), "0.00", "lost", "2026-10-12 10:00:00")
	early := disputed(paid("ch_4", "2026-10-03 10:00:00", "500.00", "D-1"), "500.00", "lost", "2026-10-01 10:00:00")
	unknown := disputed(paid("ch_5", "2026-10-03 10:00:00", "500.00", "D-1"), "500.00", "pending", "2026-10-12 10:00:00")
	_, probs := readStripeFile(t, stripeTOML, false, undated, twice, noAmount, early, unknown)
	want := []string{
		`payments.csv row 2 column "Dispute Date (UTC)": charge "ch_1" lost a dispute of 500.00 but has no dispute date: the money taken back cannot be dated`,
		`payments.csv row 3 column "Disputed Amount": charge "ch_2" lost a dispute of 500.00 and was refunded 500.00, more than the charge 500.00: the export counts money taken back twice`,
		`payments.csv row 4 column "Disputed Amount": charge "ch_3" lost a dispute of "0.00": a lost dispute needs the amount taken back`,
		`payments.csv row 5 column "Dispute Date (UTC)": dispute date 2026-10-01 is before the charge date 2026-10-03`,
		`payments.csv row 6 column "Dispute Status": unknown dispute status "pending": Stripe's are needs_response, under_review, won, lost, warning_needs_response, warning_under_review, warning_closed and prevented`,
	}
	if strings.Join(probs, "\n") != strings.Join(want, "\n") {
		t.Errorf("problems:\n%s\nwant:\n%s", strings.Join(probs, "\n"), strings.Join(want, "\n"))
	}

	// An export without the dispute date column cannot date a lost dispute.
	_, probs = readStripeColumns(t, stripeTOML, false, []charge{disputed(paid("ch_6", "2026-10-03 10:00:00", "500.00", "D-1"), "500.00", "lost", "")},
		"Dispute Date (UTC)", "Dispute Reason", "Dispute Evidence Due (UTC)")
	want = []string{`payments.csv row 2 column "Dispute Status": charge "ch_6" lost a dispute of 500.00, but the export has no "Dispute Date (UTC)" column to date it: export the payments with it, or map dispute_date in [input.payments.columns]`}
	if strings.Join(probs, "\n") != strings.Join(want, "\n") {
		t.Errorf("problems:\n%s\nwant:\n%s", strings.Join(probs, "\n"), strings.Join(want, "\n"))
	}

	// Without the dispute columns, disputes cannot be seen: a warning says so, and a
	// charge whose Status says Disputed stops the run.
	d := paid("ch_7", "2026-10-03 10:00:00", "500.00", "D-1")
	d.Status = "Disputed"
	_, probs = readStripeColumns(t, stripeTOML, false, []charge{paid("ch_8", "2026-10-03 10:00:00", "80.00", "D-1"), d},
		"Disputed Amount", "Dispute Status", "Dispute Date (UTC)", "Dispute Reason", "Dispute Evidence Due (UTC)")
	want = []string{
		`payments.csv: the export has no "Dispute Status" column, so disputes cannot be seen: a charge lost in a dispute (a chargeback) would count as money received; export the payments with the dispute columns ("Disputed Amount", "Dispute Status", "Dispute Date (UTC)")`,
		`payments.csv row 3 column "Status": charge "ch_7" is Disputed, but the export has no dispute status for it: export the payments with the dispute columns ("Disputed Amount", "Dispute Status", "Dispute Date (UTC)") to tell whether the dispute was won, lost or is open`,
	}
	if strings.Join(probs, "\n") != strings.Join(want, "\n") {
		t.Errorf("problems:\n%s\nwant:\n%s", strings.Join(probs, "\n"), strings.Join(want, "\n"))
	}
}
