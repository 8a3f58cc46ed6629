package crm

import (
	"strings"
	"testing"

	"github.com/partnerbook/partnerbook/internal/diag"
	"github.com/partnerbook/partnerbook/internal/terms"
)

// A date error's suggested date_format reads the value: each suggestion is set as the
// date_format and the deal read again, to the day the value names. A value no
// date_format reads says so and names the forms that are read.
func TestDateErrorSuggestsAFormatThatReadsTheValue(t *testing.T) {
	for _, c := range []struct{ value, format, day string }{
		{"20260930", "YYYYMMDD", "2026-09-30"},
		{"Sep 30 2026", "MMM D YYYY", "2026-09-30"},
		{"Sep. 30, 2026", "MMM. D, YYYY", "2026-09-30"},
		{"30 September 2026", "D MMMM YYYY", "2026-09-30"},
		{"30-Sep-26", "D-MMM-YY", "2026-09-30"},
		{"2026-09-30T23:30:00.000+0000", "2006-01-02T15:04:05.000-0700", "2026-09-30"},
		{"2026-09-30 23:30:00 UTC", "2006-01-02 15:04:05 MST", "2026-09-30"},
		{"2026-09-30T23:30Z", "2006-01-02T15:04Z07:00", "2026-09-30"},
		{"2026-09-30 23:30 +05:30", "2006-01-02 15:04 -07:00", "2026-09-30"},
		{"Wed, 30 Sep 2026 23:30:00 GMT", "Mon, 2 Jan 2006 15:04:05 MST", "2026-09-30"},
		{"2026-9-3", "YYYY-MM-DD", "2026-09-03"},
		{"28/09/2026 10:15", "DD/MM/YYYY HH:mm", "2026-09-28"},
		{"09/30/2026 11:30 PM", "MM/DD/YYYY h:mm A", "2026-09-30"},
		{"30.09.2026 23:30:00,123", "DD.MM.YYYY HH:mm:ss", "2026-09-30"},
	} {
		t.Run(c.value, func(t *testing.T) {
			p := program(t, "", map[string]string{
				"deals.csv":    dealsHeader + `D1,Deal,ClientA,Won,won,1000,USD,2026-08-01,"` + c.value + `",Partner: Acme` + "\n",
				"payments.csv": "Deal ID,Date,Amount\n",
			})
			var probs diag.List
			ReadDeals(p.Deals, "deals.csv", &probs)
			want := `deals.csv row 2 column "closed": "` + c.value + `" is not a date: set date_format = "` + c.format + `" in [input.deals]`
			if got := messages(&probs); len(got) != 1 || got[0] != want {
				t.Fatalf("problems %q\nwant %q", got, want)
			}
			layout, err := terms.DateLayout(c.format)
			if err != nil {
				t.Fatal(err)
			}
			p.Deals.DateFormat = layout
			var again diag.List
			deals := ReadDeals(p.Deals, "deals.csv", &again)
			if again.HasErrors() || len(deals) != 1 || deals[0].Closed.String() != c.day {
				t.Errorf("with date_format %q: %q, deals %v", c.format, messages(&again), deals)
			}
		})
	}
}

func TestDateErrorWithoutAFormat(t *testing.T) {
	for _, c := range []struct{ value, format, want string }{
		{"Sept 30th 2026", "", `"Sept 30th 2026" is not a date in a form partnerbook reads: dates are read as YYYY-MM-DD or an ISO timestamp`},
		{"2026-02-30", "", `"2026-02-30" is not a date (day out of range)`},
		{"31/31/2026", "", `"31/31/2026" is not a date (month out of range)`},
		{"next Tuesday", "DD/MM/YYYY", `"next Tuesday" does not match the date_format of [input.deals], and no date_format reads it: dates are read as`},
		{"2026-09-30T23:30Z", "DD/MM/YYYY", `"2026-09-30T23:30Z" does not match the date_format of [input.deals]; it looks like "2006-01-02T15:04Z07:00"`},
	} {
		p := program(t, "", map[string]string{
			"deals.csv":    dealsHeader + `D1,Deal,ClientA,Won,won,1000,USD,2026-08-01,"` + c.value + `",Partner: Acme` + "\n",
			"payments.csv": "Deal ID,Date,Amount\n",
		})
		p.Deals.DateFormat, _ = terms.DateLayout(c.format)
		var probs diag.List
		ReadDeals(p.Deals, "deals.csv", &probs)
		if got := messages(&probs); len(got) != 1 || !strings.HasPrefix(got[0], `deals.csv row 2 column "closed": `+c.want) {
			t.Errorf("%s: problems %q\nwant %q", c.value, got, c.want)
		}
	}
}
