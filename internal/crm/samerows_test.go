package crm

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/partnerbook/partnerbook/internal/diag"
	"github.com/partnerbook/partnerbook/internal/domain"
)

// Two overlapping payments exports pasted together repeat every row: without payment
// ids, each row that repeats an earlier one exactly (deal or client, date, amount,
// currency) is a warning naming both rows. The payments are still read: two equal
// invoices on one day can be real, and --strict makes the warning an error.
func TestPaymentsRepeatingARowWithoutIDs(t *testing.T) {
	files := map[string]string{
		"deals.csv": dealsHeader,
		"payments.csv": "Deal ID,Client,Date,Amount,Currency\n" +
			"D1,,2026-10-06,1000.00,USD\n" + // 2
			"D2,,2026-10-11,2000.00,USD\n" + // 3
			"D1,,2026-10-06,1000,USD\n" + // 4: row 2 again, written otherwise
			"D1,,2026-10-06,1000.00,EUR\n" + // 5: another currency
			"D1,,2026-10-07,1000.00,USD\n" + // 6: another day
			",Initech,2026-10-06,1000.00,USD\n" + // 7: a client, not deal D1
			",Initech,2026-10-06,1000.00,\n" + // 8: row 7 again (the program currency)
			"D2,,2026-10-11,2000.00,USD\n", // 9: row 3 again
	}
	p := program(t, "[input.payments.columns]\ndeal = \"Deal ID\"\nclient = \"Client\"\ndate = \"Date\"\namount = \"Amount\"\ncurrency = \"Currency\"\n", files)
	var probs diag.List
	pays := ReadPayments(p.Payments, "payments.csv", &probs)
	if len(pays) != 8 {
		t.Fatalf("%d payments read, want all 8", len(pays))
	}
	const tail = ", and the sheet gives no payment id to tell them apart: both are counted. If two exports overlap, delete the copies; if they are two payments, map a payment id column ([input.payments.columns] id)"
	want := []string{
		`payments.csv row 4: this payment (deal "D1", 2026-10-06, 1000 USD) repeats row 2 exactly` + tail,
		`payments.csv row 8: this payment (client "Initech", 2026-10-06, 1000 USD) repeats row 7 exactly` + tail,
		`payments.csv row 9: this payment (deal "D2", 2026-10-11, 2000 USD) repeats row 3 exactly` + tail,
	}
	checkProblems(t, &probs, want)
	for _, x := range probs.All() {
		if x.Severity != diag.Warning {
			t.Errorf("not a warning: %s", x)
		}
	}

	// With payment ids, a row repeated with the same id is an error, as before; rows
	// with different ids are separate payments.
	files["payments.csv"] = "id,Deal ID,Date,Amount\nch_1,D1,2026-10-06,1000.00\nch_2,D1,2026-10-06,1000.00\nch_1,D1,2026-10-06,1000.00\n"
	p = program(t, "[input.payments.columns]\nid = \"id\"\ndeal = \"Deal ID\"\ndate = \"Date\"\namount = \"Amount\"\n", files)
	probs = diag.List{}
	if pays := ReadPayments(p.Payments, "payments.csv", &probs); len(pays) != 2 {
		t.Errorf("%d payments with ids", len(pays))
	}
	checkProblems(t, &probs, []string{`payments.csv row 4 column "id": duplicate payment id "ch_1" (also row 2)`})
	if !probs.HasErrors() {
		t.Error("a repeated payment id is not an error")
	}
}

// A whole export pasted twice: the first rows are warned of one by one, the rest in
// one warning with their count.
func TestPaymentsExportPastedTwice(t *testing.T) {
	var b strings.Builder
	b.WriteString("Deal ID,Date,Amount\n")
	for range 2 {
		for i := range 30 {
			fmt.Fprintf(&b, "D%d,2026-10-%02d,%d.00\n", i, i%28+1, 100+i)
		}
	}
	path := filepath.Join(t.TempDir(), "payments.csv")
	if err := os.WriteFile(path, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	in := domain.PaymentsInput{File: path, Columns: map[string]string{"deal": "Deal ID", "date": "Date", "amount": "Amount"}}
	in.Money.Currency = "USD"
	var probs diag.List
	if pays := ReadPayments(in, "payments.csv", &probs); len(pays) != 60 {
		t.Fatalf("%d payments", len(pays))
	}
	all := diag.Sorted(probs.All())
	if len(all) != 11 || !strings.HasPrefix(all[0].String(), `payments.csv: 20 more payments repeat an earlier row exactly (the last: row 61 repeats row 31)`) ||
		!strings.HasPrefix(all[1].String(), `payments.csv row 32: this payment (deal "D0", 2026-10-01, 100 USD) repeats row 2 exactly`) ||
		!strings.HasPrefix(all[10].String(), `payments.csv row 41: this payment (deal "D9", 2026-10-10, 109 USD) repeats row 11 exactly`) {
		t.Errorf("problems %q", all)
	}
}
