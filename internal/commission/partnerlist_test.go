package commission

import (
	"strings"
	"testing"

	"github.com/partnerbook/partnerbook/internal/diag"
	"github.com/partnerbook/partnerbook/internal/domain"
)

// A partner column that lists two partners ("Acme Consulting;Resell Co", as a
// multi-select field exports it) names two partners on one deal: the error two tags
// give, at the partner column. A list whose names are not all partners is left
// unattributed with a warning that says what each name is; it never suggests adding
// the list as a tag, which cannot hold "," or ";".
func TestPartnerColumnListingPartners(t *testing.T) {
	prog := program(t, acme, reseller)
	prog.Deals.Columns = map[string]string{"partner": "Partner"}
	at := domain.Sheet(diag.Pos{File: "deals.csv"})
	mk := func(id string, row int, partner string) *domain.Deal {
		d := won(id, "1000", "2026-10-01", "2026-10-02")
		d.Partner, d.At = partner, domain.PlaceIn(at, row)
		return d
	}
	deals := []*domain.Deal{
		mk("SEMI", 2, "Acme Consulting;Resell Co"),
		mk("COMMA", 3, "acme, resell"),
		mk("HALF", 4, "Acme Consulting, Nobody Ltd"),
		mk("TRAIL", 5, "resell;"),
		mk("SAME", 6, "acme; Acme Consulting"),
	}
	res := run{prog: prog, deals: deals, period: "2026-10"}.compute(t)
	var got []string
	for _, p := range diag.Sorted(res.Problems.All()) {
		sev := "warning"
		if p.Severity == diag.Error {
			sev = "error"
		}
		got = append(got, sev+": "+p.String())
	}
	want := []string{
		`error: deals.csv row 2 column "Partner": deal "SEMI" names partners "acme" and "resell" (partner "Acme Consulting;Resell Co"): a deal belongs to one partner unless both share a campaign; keep the one partner who referred it`,
		`error: deals.csv row 3 column "Partner": deal "COMMA" names partners "acme" and "resell" (partner "acme, resell")`,
		`warning: deals.csv row 4 column "Partner": partner "Acme Consulting, Nobody Ltd" names no partner: 1 deal (1 won, $1,000.00) left unattributed; it lists several names separated by "," or ";" ("Acme Consulting" is partner acme, "Nobody Ltd" names no partner), but a partner column names one partner: write that partner's id, name or tag alone`,
	}
	if len(got) != len(want) {
		t.Fatalf("problems:\n%s", strings.Join(got, "\n"))
	}
	for i := range want {
		if !strings.HasPrefix(got[i], want[i]) {
			t.Errorf("problem %d:\n got %s\nwant %s", i, got[i], want[i])
		}
		if strings.Contains(got[i], "add this spelling") {
			t.Errorf("problem %d suggests a tag with a separator: %s", i, got[i])
		}
	}
	owner := map[string]string{}
	for _, d := range res.Deals {
		if d.Partner != nil {
			owner[d.ID] = d.Partner.ID
		}
	}
	if owner["SEMI"] != "" || owner["COMMA"] != "" || owner["HALF"] != "" || owner["TRAIL"] != "resell" || owner["SAME"] != "acme" {
		t.Errorf("owners %v", owner)
	}
}
