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
	p := program(t, toml, map[string]string{"deals.csv": dealsHeader, "payments.csv": ""})
	writeStripe(t, filepath.Join(filepath.Dir(p.Payments.File), "payments.csv"), old, []string{"deal_id", "plan"}, charges...)
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
