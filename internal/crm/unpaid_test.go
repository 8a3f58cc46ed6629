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

// Every word not known as paid is refused on a row with money, in any status or state
// column the mapping does not read; the known paid words pass however they are spelled.
func TestPlainPaymentsStatusAllowList(t *testing.T) {
	cols := map[string]string{"deal": "Deal ID", "date": "Date", "amount": "Amount"}
	refused := []string{"Chargeback", "charged_back", "Disputed", "Reversed", "Denied", "Failure", "timeout",
		"payment_due", "billed", "ready", "Awaiting Payment", "Authorised", "Approved", "Partial", "Payment Failed",
		"Returned", "Bounced", "open", "Void", "Canceled", "pending"}
	for _, w := range refused {
		_, errs := readPlain(t, "Deal ID,Date,Amount,Status\nD1,2026-10-01,100.00,paid\nD2,2026-10-02,200.00,"+w+"\n", cols)
		want := `payments.csv row 3 column "Status": Status "` + w + `" is not known as paid`
		if len(errs) != 1 || !strings.HasPrefix(errs[0].String(), want) {
			t.Errorf("%q: errors %v, want %s", w, errs, want)
		}
	}
	for _, w := range []string{"paid", "PAID", " Paid ", "Succeeded", "success", "Successful", "Completed", "complete",
		"Settled", "cleared", "Posted", "captured", "Paid Out", "paid_out", "paid-out", "Deposited", "confirmed", ""} {
		pays, errs := readPlain(t, "Deal ID,Date,Amount,Status\nD1,2026-10-01,100.00,"+w+"\n", cols)
		if len(errs) != 0 || amounts(pays) != "100" {
			t.Errorf("%q: payments %q, errors %v", w, amounts(pays), errs)
		}
	}
}

// Any header whose words hold "status" or "state" is read, each one on its own.
func TestPlainPaymentsStatusHeaders(t *testing.T) {
	cols := map[string]string{"deal": "Deal ID", "date": "Date", "amount": "Amount"}
	for _, h := range []string{"Financial Status", "payment_status", "Invoice State", "STATUS", "Charge-Status"} {
		_, errs := readPlain(t, "Deal ID,Date,Amount,"+h+"\nD1,2026-10-01,100.00,pending\n", cols)
		want := `payments.csv row 2 column "` + h + `": ` + h + ` "pending" is not known as paid`
		if len(errs) != 1 || !strings.HasPrefix(errs[0].String(), want) {
			t.Errorf("%q: errors %v, want %s", h, errs, want)
		}
	}
	// Both columns are read: each refuses its own word.
	_, errs := readPlain(t, "Deal ID,Date,Amount,Status,Payment Status\nD1,2026-10-01,100.00,paid,failed\nD2,2026-10-02,100.00,Open,paid\n", cols)
	got := []string{}
	for _, e := range errs {
		got = append(got, e.String()[:strings.Index(e.String(), " is not")])
	}
	want := `payments.csv row 3 column "Status": Status "Open"|payments.csv row 2 column "Payment Status": Payment Status "failed"`
	if strings.Join(got, "|") != want {
		t.Errorf("errors %v\nwant %s", got, want)
	}
	// "Statement" and "Estate" are no state.
	pays, errs := readPlain(t, "Deal ID,Date,Amount,Statement,Estate\nD1,2026-10-01,100.00,October,Lakeside\n", cols)
	if len(errs) != 0 || amounts(pays) != "100" {
		t.Errorf("payments %q, errors %v", amounts(pays), errs)
	}
}

// A column that says something else than the payment's state is named in
// ignore_columns; a name the sheet does not have is an error at the setting.
func TestPlainPaymentsIgnoreColumns(t *testing.T) {
	path := filepath.Join(t.TempDir(), "payments.csv")
	csv := "Deal ID,Date,Amount,Status,State\nD1,2026-10-06,1000.00,Canceled,Open\nD2,2026-10-11,2000.00,Active,Closed\n"
	if err := os.WriteFile(path, []byte(csv), 0o644); err != nil {
		t.Fatal(err)
	}
	in := domain.PaymentsInput{File: path, Preset: "generic", Columns: map[string]string{"deal": "Deal ID", "date": "Date", "amount": "Amount"}}
	var probs diag.List
	ReadPayments(in, "payments.csv", &probs)
	if errs := probs.Errors(); len(errs) != 2 || !strings.Contains(errs[0].String(), `set ignore_columns = ["Status"]`) {
		t.Fatalf("errors %v", errs)
	}
	in.IgnoreColumns = []string{"status", " State "}
	probs = diag.List{}
	pays := ReadPayments(in, "payments.csv", &probs)
	if errs := probs.Errors(); len(errs) != 0 || amounts(pays) != "1000 2000" {
		t.Fatalf("payments %q, errors %v", amounts(pays), errs)
	}
	in.IgnoreColumns = []string{"Status", "Subscription Status"}
	in.IgnorePos = diag.Pos{File: "partnerbook.toml", Line: 7}
	probs = diag.List{}
	pays = ReadPayments(in, "payments.csv", &probs)
	want := `partnerbook.toml:7: ignore_columns names "Subscription Status", which is not a header of payments.csv`
	if errs := probs.Errors(); len(errs) != 1 || len(pays) != 0 || !strings.HasPrefix(errs[0].String(), want) {
		t.Fatalf("payments %q, errors %v\nwant %s", amounts(pays), errs, want)
	}
}

// Any header holding "refund" is a refund beside the payment; a refund row's own
// refund column is the refund itself and is not counted.
func TestPlainPaymentsRefundHeaders(t *testing.T) {
	cols := map[string]string{"deal": "Deal ID", "date": "Date", "amount": "Amount"}
	for _, h := range []string{"refunded_amount", "refund_amount", "Total Refunded", "Amount Refunded (USD)", "Refunded", "Refunds"} {
		_, errs := readPlain(t, "Deal ID,Date,Amount,"+h+"\nD1,2026-10-01,100.00,0\nD2,2026-10-02,200.00,25.00\n", cols)
		want := `payments.csv row 3 column "` + h + `": ` + h + ` "25.00" is a refund of this payment of 200.00`
		if len(errs) != 1 || !strings.HasPrefix(errs[0].String(), want) {
			t.Errorf("%q: errors %v, want %s", h, errs, want)
		}
	}
	pays, errs := readPlain(t, "Deal ID,Date,Amount,Status,Amount Refunded\nD1,2026-10-01,1000.00,Refunded,0\nD1,2026-10-20,-1000.00,Refund,1000.00\nD2,2026-10-02,200.00,Paid,\n", cols)
	if len(errs) != 0 || amounts(pays) != "1000 -1000 200" {
		t.Errorf("payments %q, errors %v", amounts(pays), errs)
	}
}

// A refunded state needs a refund row of the same payment (deal, or client): another
// deal's refund row does not stand for it.
func TestPlainPaymentsRefundedPerPayment(t *testing.T) {
	cols := map[string]string{"deal": "Deal ID", "date": "Date", "amount": "Amount"}
	const csv = "Deal ID,Date,Amount,Status\nD1,2026-10-06,1000.00,Refunded\nD2,2026-10-11,2000.00,Paid\nD3,2026-10-12,3000.00,Paid\nD3,2026-10-13,-50.00,Refund\n"
	_, errs := readPlain(t, csv, cols)
	want := `payments.csv row 2 column "Status": Status "Refunded" says the payment was given back, but the sheet has no refund row (negative amount) of that payment, so its amount 1000.00 would count in full`
	if len(errs) != 1 || !strings.HasPrefix(errs[0].String(), want) {
		t.Fatalf("errors %v\nwant %s", errs, want)
	}
	pays, errs := readPlain(t, csv+"D1,2026-10-20,-400.00,refunded\n", cols)
	if len(errs) != 0 || amounts(pays) != "1000 2000 3000 -50 -400" {
		t.Fatalf("payments %q, errors %v", amounts(pays), errs)
	}
	// Matched by client, compared ignoring case.
	ccols := map[string]string{"client": "Client", "date": "Date", "amount": "Amount"}
	byClient := "Client,Date,Amount,Status\nAcme,2026-10-06,1000.00,Partially Refunded\nGamma,2026-10-13,-50.00,Refund\n"
	if _, errs = readPlain(t, byClient, ccols); len(errs) != 1 {
		t.Fatalf("errors %v", errs)
	}
	if pays, errs = readPlain(t, byClient+"ACME,2026-10-20,-400.00,Refund\n", ccols); len(errs) != 0 || amounts(pays) != "1000 -50 -400" {
		t.Fatalf("payments %q, errors %v", amounts(pays), errs)
	}
}

// Only an amount header that says "paid" and nothing owed reads every state as it is.
func TestPlainPaymentsAmountPaidHeader(t *testing.T) {
	csv := "Deal ID,Date,Amount Unpaid,Amount Paid,Status\nD1,2026-10-01,100.00,0.00,open\n"
	_, errs := readPlain(t, csv, map[string]string{"deal": "Deal ID", "date": "Date", "amount": "Amount Unpaid"})
	if len(errs) != 1 || !strings.Contains(errs[0].String(), `Status "open" is not known as paid`) {
		t.Errorf("errors %v", errs)
	}
	for h, want := range map[string]bool{"Amount Paid": true, "paid_amount": true, "Total Paid (USD)": true,
		"Amount Unpaid": false, "Unpaid Amount": false, "Paid Balance Due": false, "Amount Outstanding": false, "Amount Remaining": false, "Amount": false} {
		if got := AmountPaidHeader(h); got != want {
			t.Errorf("AmountPaidHeader(%q) = %v, want %v", h, got, want)
		}
	}
}
