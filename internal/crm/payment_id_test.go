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

// TestRefusedRowsLeaveNothingBehind reads payments and deals where a refused row,
// partly read, comes before a good one (the readers reuse the refused row's place),
// and more rows than one block of them holds.
func TestRefusedRowsLeaveNothingBehind(t *testing.T) {
	dir := t.TempDir()
	pays := "id,Deal ID,Date,Amount\n" + "ch_1,D1,,1000.00\n" + ",D2,2026-09-16,200.00\n"
	for i := 0; i < 40; i++ {
		pays += ",D3,2026-09-17,1.00\n"
	}
	if err := os.WriteFile(filepath.Join(dir, "payments.csv"), []byte(pays), 0o644); err != nil {
		t.Fatal(err)
	}
	in := domain.PaymentsInput{File: filepath.Join(dir, "payments.csv"), Columns: map[string]string{"id": "id", "deal": "Deal ID", "date": "Date", "amount": "Amount"}}
	var probs diag.List
	got := ReadPayments(in, "payments.csv", &probs)
	if len(got) != 41 || got[0].ID != "" || got[0].Deal != "D2" || got[0].Pos().Row != 3 || got[40].Pos().Row != 43 {
		t.Fatalf("%d payments, first %+v", len(got), got[0])
	}
	seen := map[*domain.Payment]bool{}
	for _, p := range got {
		if seen[p] {
			t.Fatalf("payment of row %d read twice", p.Pos().Row)
		}
		seen[p] = true
	}

	deals := "Opportunity ID,Opportunity name,Contact Name,status,Lead Value,Created on,Updated on,tags\n" +
		"O1,First,Initech,won,100,2026-01-01,2026-01-02,Partner: A\n" +
		"O1,Refused,Initech,won,100,2026-01-01,2026-01-02,Partner: A\n" +
		"O2,Kept,Hooli,open,,2026-01-03,,\n"
	if err := os.WriteFile(filepath.Join(dir, "deals.csv"), []byte(deals), 0o644); err != nil {
		t.Fatal(err)
	}
	din := domain.DealsInput{File: filepath.Join(dir, "deals.csv"), Preset: "gohighlevel", Won: []string{"won"}, Lost: []string{"lost"},
		Columns: map[string]string{"id": "Opportunity ID", "name": "Opportunity name", "client": "Contact Name", "status": "status",
			"value": "Lead Value", "created": "Created on", "closed": "Updated on", "tags": "tags"}}
	probs = diag.List{}
	ds := ReadDeals(din, "deals.csv", &probs)
	if len(ds) != 2 || ds[0].Name != "First" || ds[1].Name != "Kept" || ds[1].Tags != nil || !ds[1].Value.IsZero() || ds[0] == ds[1] || !probs.HasErrors() {
		t.Fatalf("deals %+v, problems %v", ds, probs.All())
	}
}
