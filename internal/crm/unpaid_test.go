package crm

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/partnerbook/partnerbook/internal/diag"
	"github.com/partnerbook/partnerbook/internal/domain"
)

// readPlain reads csv as plain payments (no preset) with the given mapping.
func readPlain(t *testing.T, csv string, cols map[string]string) ([]*domain.Payment, []diag.Problem) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "payments.csv")
	if err := os.WriteFile(path, []byte(csv), 0o644); err != nil {
		t.Fatal(err)
	}
	var probs diag.List
	pays := ReadPayments(domain.PaymentsInput{File: path, Preset: "generic", Columns: cols}, "payments.csv", &probs)
	return pays, probs.Errors()
}

func amounts(pays []*domain.Payment) string {
	var s []string
	for _, p := range pays {
		s = append(s, p.Amount.String())
	}
	return strings.Join(s, " ")
}

// A Stripe Dashboard payments export read as plain payments would count a failed charge
// as paid and ignore its refunds: it is refused as a whole, naming the preset.
func TestPlainPaymentsRefuseStripeChargeExport(t *testing.T) {
	csv := "id,Created date (UTC),Amount,Amount Refunded,Currency,Captured,Status,Customer ID,deal_id (metadata)\n" +
		"ch_1,2026-10-05 10:11:12,4000.00,0.00,usd,true,Paid,cus_1,9001\n" +
		"ch_2,2026-10-21 08:00:00,2000.00,500.00,usd,true,Partially refunded,cus_2,9003\n" +
		"ch_3,2026-10-22 08:00:00,999.00,0.00,usd,false,Failed,cus_2,9003\n"
	pays, errs := readPlain(t, csv, map[string]string{"deal": "deal_id (metadata)", "client": "Customer ID", "date": "Created date (UTC)", "amount": "Amount"})
	if len(errs) != 1 || len(pays) != 0 {
		t.Fatalf("payments %q, errors %v", amounts(pays), errs)
	}
	want := `payments.csv row 1 column "Captured": this is a Stripe Dashboard payments export (columns "Status", "Captured" and "Amount Refunded"), read as plain payments: failed and uncaptured charges would count as paid and "Amount Refunded" would be ignored; set preset = "stripe" in [input.payments]`
	if got := errs[0].String(); !strings.HasPrefix(got, want) {
		t.Errorf("error\n got %s\nwant %s", got, want)
	}
}

// An invoice export mapped to "Amount Due" would pay revenue share on open and void
// invoices; mapped to "Amount Paid" it is read as it is, whatever the states.
func TestPlainPaymentsRefuseUnpaidInvoices(t *testing.T) {
	csv := "id,Amount Due,Amount Paid,Customer,Date (UTC),Status,deal_id (metadata)\n" +
		"in_1,2000.00,2000.00,cus_2,2026-10-21 08:00,paid,9003\n" +
		"in_2,3000.00,0.00,cus_2,2026-10-28 08:00,open,9003\n" +
		"in_3,1500.00,0.00,cus_2,2026-10-29 08:00,void,9003\n" +
		"in_4,1500.00,0.00,cus_2,2026-10-29 08:00,Void,9003\n"
	cols := map[string]string{"deal": "deal_id (metadata)", "date": "Date (UTC)", "amount": "Amount Due"}
	_, errs := readPlain(t, csv, cols)
	want := `payments.csv row 3 column "Status": Status "open" is not known as paid: partnerbook cannot tell whether such rows were money received, yet the amount 3000.00 would count as paid and earn revenue share (3 rows: 1 "Void", 1 "open", 1 "void"). Export only paid payments (paid invoices), or map [input.payments.columns] amount to the amount actually paid (such as "Amount Paid"); if "Status" does not describe the payment, set ignore_columns = ["Status"] in [input.payments]`
	if len(errs) != 1 || !strings.HasPrefix(errs[0].String(), want) {
		t.Fatalf("errors %v\nwant %s", errs, want)
	}
	cols["amount"] = "Amount Paid"
	pays, errs := readPlain(t, csv, cols)
	if len(errs) != 0 || amounts(pays) != "2000 0 0 0" {
		t.Fatalf("payments %q, errors %v", amounts(pays), errs)
	}
}

// A plain export whose state column says every payment was paid, or whose unpaid rows
// carry no money, is read as it is.
func TestPlainPaymentsWithPaidStates(t *testing.T) {
	csv := "Deal ID,Date,Amount,Status,Amount Refunded\n" +
		"D1,2026-10-01,100.00,paid,0\n" +
		"D1,2026-10-02,200.00,Succeeded,\n" +
		"D1,2026-10-03,0.00,failed,0.00\n" +
		"D1,2026-10-04,-50.00,refunded,0\n"
	pays, errs := readPlain(t, csv, map[string]string{"deal": "Deal ID", "date": "Date", "amount": "Amount"})
	if len(errs) != 0 || amounts(pays) != "100 200 0 -50" {
		t.Fatalf("payments %q, errors %v", amounts(pays), errs)
	}
}

// A refund written beside its payment is refused; so is a payment whose state says it
// was refunded in a sheet that has no refund rows. With refund rows, it is read.
func TestPlainPaymentsRefuseUnreadRefunds(t *testing.T) {
	cols := map[string]string{"deal": "Deal ID", "date": "Date", "amount": "Amount"}
	_, errs := readPlain(t, "Deal ID,Date,Amount,Refunded Amount\nD1,2026-10-01,100.00,0\nD1,2026-10-02,200.00,25.00\nD1,2026-10-03,300.00,30\n", cols)
	want := `payments.csv row 3 column "Refunded Amount": Refunded Amount "25.00" is a refund of this payment of 200.00 that the payments reader does not read, so the payment would count in full (2 rows have a refund there): export refunds as negative rows of their own and leave "Refunded Amount" out`
	if len(errs) != 1 || !strings.HasPrefix(errs[0].String(), want) {
		t.Fatalf("errors %v\nwant %s", errs, want)
	}
	const refunded = "Deal ID,Date,Amount,Payment Status\nD1,2026-10-01,100.00,paid\nD1,2026-10-02,200.00,Refunded\n"
	_, errs = readPlain(t, refunded, cols)
	want = `payments.csv row 3 column "Payment Status": Payment Status "Refunded" says the payment was given back, but the sheet has no refund row (negative amount) of that payment, so its amount 200.00 would count in full: export refunds as negative rows`
	if len(errs) != 1 || !strings.HasPrefix(errs[0].String(), want) {
		t.Fatalf("errors %v\nwant %s", errs, want)
	}
	pays, errs := readPlain(t, refunded+"D1,2026-10-05,-200.00,paid\n", cols)
	if len(errs) != 0 || amounts(pays) != "100 200 -200" {
		t.Fatalf("payments %q, errors %v", amounts(pays), errs)
	}
}
