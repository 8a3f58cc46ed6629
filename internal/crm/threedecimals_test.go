package crm

import (
	"testing"

	"github.com/partnerbook/partnerbook/internal/diag"
)

// "306.531" is 306.531 dinars or 306,531 written with a thousands point: refused in any
// currency. Where amounts have three decimals (KWD) the advice cannot be "two
// decimals", which would drop the fils: it is four decimals, which then read as meant.
func TestThreeDecimalCurrencyAmbiguityAdvice(t *testing.T) {
	files := map[string]string{
		"deals.csv": dealsHeader +
			"D1,,C1,,won,306.531,KWD,2026-10-01,2026-10-05,\n" +
			"D2,,C2,,won,306.5310,KWD,2026-10-01,2026-10-05,\n" +
			"D3,,C3,,won,1250.125,KWD,2026-10-01,2026-10-05,\n" +
			"D4,,C4,,won,1.000,USD,2026-10-01,2026-10-05,\n",
		"payments.csv": "Deal ID,Date,Amount\n",
	}
	p := program(t, "\n[fx.KWD]\n\"2026-10\" = \"3.25\"\n", files)
	var probs diag.List
	deals := ReadDeals(p.Deals, "deals.csv", &probs)
	checkProblems(t, &probs, []string{
		`deals.csv row 2 column "value": "306.531" is ambiguous: 306.531 with a decimal point or 306531 with a thousands separator; write it with four decimals (306.5310 for the amount with a decimal point, 306531.0000 for the thousands) or as a number cell`,
		`deals.csv row 5 column "value": "1.000" is ambiguous: 1 with a decimal point or 1000 with a thousands separator; write it without a thousands separator or with two decimals`,
	})
	got := map[string]string{}
	for _, d := range deals {
		if d.FX != nil {
			got[d.ID] = d.FX.Original.String() + " KWD = " + d.Value.String()
		}
	}
	for id, want := range map[string]string{"D2": "306.531 KWD = 996.23", "D3": "1250.125 KWD = 4062.91"} { // 996.22575, 4062.90625
		if got[id] != want {
			t.Errorf("deal %s: %q, want %q", id, got[id], want)
		}
	}
}
