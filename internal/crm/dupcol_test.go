package crm

import (
	"strings"
	"testing"

	"github.com/partnerbook/partnerbook/internal/diag"
)

// A deals export with an empty "tags" beside "TAGS" holding the partner tag, and a
// payments file with two "Amount" columns, read the first copy without a word: the
// deal went unattributed and the payment was paid on 500.00 while 9999 sat beside it.
// Copies that differ are an error naming both columns and the first row that differs.
func TestDuplicateColumnsThatDiffer(t *testing.T) {
	deals := "id,name,client,stage,status,value,currency,created,closed,tags,Value,TAGS\n" +
		"D1,Deal one,ClientA,Won,won,1000.00,USD,2026-08-01,2026-09-10,,1000.00,Partner: Acme\n" +
		"D2,Deal two,ClientB,Won,won,2000.00,USD,2026-08-01,2026-09-15,Partner: Beta,5000,Partner: Beta\n"
	payments := "Deal ID,Date,Amount,Amount\nD1,2026-09-20,500.00,500.00\nD2,2026-09-21,700.00,9999\n"
	p := program(t, "", map[string]string{"deals.csv": deals, "payments.csv": payments})
	var probs diag.List
	ReadDeals(p.Deals, "deals.csv", &probs)
	ReadPayments(p.Payments, "payments.csv", &probs)
	var got []string
	for _, x := range diag.Sorted(probs.All()) {
		got = append(got, x.String())
	}
	want := []string{
		`deals.csv row 2 column "tags": the header "tags" appears twice (columns J "tags" and L "TAGS") and the copies differ from this row on: "" in column J, "Partner: Acme" in column L; only column J is read (as tags)`,
		`deals.csv row 3 column "value": the header "value" appears twice (columns F "value" and K "Value") and the copies differ from this row on: "2000.00" in column F, "5000" in column K; only column F is read (as value)`,
		`payments.csv row 3 column "Amount": the header "Amount" appears twice (columns C "Amount" and D "Amount") and the copies differ from this row on: "700.00" in column C, "9999" in column D; only column C is read (as amount)`,
	}
	if len(got) != len(want) || !probs.HasErrors() {
		t.Fatalf("problems:\n%s", strings.Join(got, "\n"))
	}
	for i, w := range want {
		if !strings.HasPrefix(got[i], w) {
			t.Errorf("problem %d:\n%s\nwant it to start\n%s", i, got[i], w)
		}
	}
}
