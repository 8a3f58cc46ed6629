package crm

import (
	"testing"

	"github.com/partnerbook/partnerbook/internal/diag"
	"github.com/partnerbook/partnerbook/internal/domain"
)

// With won = ["won"], a deal whose status is "Closed Won" was read as open: no line,
// no warning, and the partner's fee silently unpaid while the other deals were paid.
// A status that says won or lost but is in neither list is refused, once per status,
// at its first row; "Won't proceed" says neither.
func TestStatusSayingWonOutsideTheWonWordsIsRefused(t *testing.T) {
	files := map[string]string{
		"deals.csv": dealsHeader +
			"D1,One,C1,Won,won,1000,USD,2026-09-01,2026-10-05,Partner: Acme\n" +
			"D2,Two,C2,Won,Closed Won,3000,USD,2026-09-01,2026-10-31,Partner: Acme\n" +
			"D3,Three,C3,Won,Closed Won,500,USD,2026-09-01,2026-10-30,Partner: Acme\n" +
			"D4,Four,C4,Lost,Closed - Lost,500,USD,2026-09-01,2026-10-30,Partner: Acme\n" +
			"D5,Five,C5,Open,Won't proceed,500,USD,2026-09-01,,Partner: Acme\n" +
			"D6,Six,C6,Open,negotiation,500,USD,2026-09-01,,Partner: Acme\n",
		"payments.csv": "Deal ID,Date,Amount\nD1,2026-10-06,1000\n",
	}
	p := program(t, "[input.payments.columns]\ndeal = \"Deal ID\"\ndate = \"Date\"\namount = \"Amount\"\n", files)
	var probs diag.List
	deals := ReadDeals(p.Deals, "deals.csv", &probs)
	checkProblems(t, &probs, []string{
		`deals.csv row 3 column "status": status "Closed Won" says won or lost but is neither a won nor a lost status of the program, so the deal would count as open and earn nothing: add it to [input.deals.status] won (or lost)`,
		`deals.csv row 5 column "status": status "Closed - Lost" says won or lost`,
	})
	if len(deals) != 6 || deals[0].Status != domain.Won {
		t.Errorf("deals read: %d, first %v", len(deals), deals[0].Status)
	}
}
