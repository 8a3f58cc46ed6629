package crm

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/partnerbook/partnerbook/internal/diag"
	"github.com/partnerbook/partnerbook/internal/domain"
)

func TestPaymentIDs(t *testing.T) {
	path := filepath.Join(t.TempDir(), "payments.csv")
	csv := "id,Deal ID,Date,Amount\n" +
		"ch_1,D1,2026-09-15,1000.00\n" +
		",D1,2026-09-16,200.00\n" +
		"ch_2,D1,2026-09-20,-50.00\n" +
		"ch_1,D1,2026-09-21,1000.00\n"
	if err := os.WriteFile(path, []byte(csv), 0o644); err != nil {
		t.Fatal(err)
	}
	in := domain.PaymentsInput{File: path, Columns: map[string]string{"id": "id", "deal": "Deal ID", "date": "Date", "amount": "Amount"}}
	var probs diag.List
	pays := ReadPayments(in, "payments.csv", &probs)
	var ids []string
	for _, p := range pays {
		ids = append(ids, p.ID+"="+p.Amount.String())
	}
	if got := strings.Join(ids, " "); got != "ch_1=1000 =200 ch_2=-50" {
		t.Errorf("payments %s", got)
	}
	errs := probs.All()
	if len(errs) != 1 || errs[0].Severity != diag.Error ||
		errs[0].String() != `payments.csv row 5 column "id": duplicate payment id "ch_1" (also row 2)` {
		t.Errorf("problems %v", errs)
	}
}
