package crm

import (
	"strings"
	"testing"

	"github.com/partnerbook/partnerbook/internal/diag"
)

// A payments file whose amounts use a decimal comma ("12,50") writes "1,000" for one
// euro, not a thousand: once the file shows a decimal comma, a comma before three
// digits is refused as ambiguous wherever it is, before or after the decimal comma.
// The rows with a decimal comma are refused as before, so fixing only them no longer
// leaves a thousand paid for one.
func TestDecimalCommaFileMakesCommaThousandsAmbiguous(t *testing.T) {
	for _, c := range []struct {
		name, rows string
		want       []string
		paid       string // the payments read
	}{
		{"a point file: the comma groups thousands",
			"D1,2026-10-05,\"1,000\"\nD1,2026-10-06,\"2,500.50\"\nD1,2026-10-07,12.50\n", nil, "1000|2500.5|12.5"},
		{"the comma thousand before the decimal comma",
			"D1,2026-10-05,\"1,000\"\nD1,2026-10-06,\"12,50\"\nD1,2026-10-07,\"EUR 2,500\"\n",
			[]string{
				`payments.csv row 2 column "Amount": "1,000" is ambiguous: the file writes amounts with a decimal comma (row 3 column "Amount": "12,50"), so it may be 1.000 rather than 1000; write it without a thousands separator, with a decimal point (1000.00 or 1.00), or export the amounts with a decimal point`,
				`payments.csv row 3 column "Amount": "12,50" is not an amount`,
				`payments.csv row 4 column "Amount": "2,500" is ambiguous: the file writes amounts with a decimal comma (row 3 column "Amount": "12,50"), so it may be 2.500 rather than 2500`,
			}, ""},
		{"a decimal comma with point thousands first",
			"D1,2026-10-05,\"1.234,56\"\nD1,2026-10-06,\"(1,000)\"\n",
			[]string{
				`payments.csv row 2 column "Amount": "1.234,56" is not an amount`,
				`payments.csv row 3 column "Amount": "(1,000)" is ambiguous: the file writes amounts with a decimal comma (row 2 column "Amount": "1.234,56"), so it may be 1.000 rather than 1000`,
			}, ""},
		{"three decimals after a comma are no evidence",
			"D1,2026-10-05,\"1,000\"\nD1,2026-10-06,\"1,000,000\"\n", nil, "1000|1000000"},
	} {
		t.Run(c.name, func(t *testing.T) {
			files := map[string]string{"deals.csv": dealsHeader, "payments.csv": "Deal ID,Date,Amount,Currency\n" + strings.ReplaceAll(c.rows, "\n", ",EUR\n")}
			files["payments.csv"] = strings.ReplaceAll(files["payments.csv"], "Currency,EUR\n", "Currency\n")
			p := program(t, "", files)
			var probs diag.List
			pays := ReadPayments(p.Payments, "payments.csv", &probs)
			var got []string
			for _, x := range diag.Sorted(probs.All()) {
				got = append(got, x.String())
			}
			if len(got) != len(c.want) {
				t.Fatalf("problems:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(c.want, "\n"))
			}
			for i, w := range c.want {
				if !strings.HasPrefix(got[i], w) {
					t.Errorf("problem %d:\n%s\nwant it to start\n%s", i, got[i], w)
				}
			}
			if c.want != nil {
				return
			}
			var amounts []string
			for _, x := range pays {
				amounts = append(amounts, x.FX.Original.String())
			}
			if strings.Join(amounts, "|") != c.paid {
				t.Errorf("payments %s, want %s", strings.Join(amounts, "|"), c.paid)
			}
		})
	}
}
