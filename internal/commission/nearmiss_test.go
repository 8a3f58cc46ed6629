package commission

import (
	"strings"
	"testing"

	"github.com/partnerbook/partnerbook/internal/civil"
	"github.com/partnerbook/partnerbook/internal/diag"
	"github.com/partnerbook/partnerbook/internal/domain"
)

func TestNearMissesSuggestAPartnerAndTotalTheDeals(t *testing.T) {
	prog := program(t,
		partner("brightpath", "BrightPath Advisors", domain.Referral, withReferral(from("2026-01-01"), percentFee("10%", domain.PaySigned))),
		partner("northwind", "Northwind Partners", domain.Referral, withReferral(from("2026-01-01"), percentFee("10%", domain.PaySigned))))
	col := func(dl *domain.Deal, v string) *domain.Deal { dl.Partner = v; return dl }
	deals := []*domain.Deal{
		col(won("A", "2500.00", "2026-09-01", "2026-10-02"), "Bright Path Advisors"),
		col(won("B", "1000.10", "2026-09-01", "2026-10-03"), "bright path advisors"),
		col(open("C", "2026-09-01"), "Bright Path Advisors"),
		won("D", "700", "2026-09-01", "2026-10-04", "Partner: Northwnd Partners"),
		won("E", "300", "2026-09-01", "2026-10-04", "Partner: Zebra Inc"),
	}
	res := run{prog: prog, deals: deals, period: "2026-10"}.compute(t)
	for _, want := range []string{
		`partner "Bright Path Advisors" names no partner: 3 deals (2 won, $3,500.10) left unattributed; did you mean brightpath ("BrightPath Advisors")? add this spelling to its tags`,
		`tag "Partner: Northwnd Partners" names no partner: 1 deal (1 won, $700.00) left unattributed; did you mean northwind ("Northwind Partners")? add this spelling to its tags`,
		`tag "Partner: Zebra Inc" names no partner: 1 deal (1 won, $300.00) left unattributed; partners are brightpath, northwind`,
	} {
		if !hasProblem(res, diag.Warning, want) {
			t.Errorf("no warning %q in %v", want, res.Problems.All())
		}
	}
	n := 0
	for _, p := range res.Problems.All() {
		if p.Severity == diag.Warning && strings.Contains(p.Msg, "names no partner") {
			n++
		}
	}
	if n != 3 {
		t.Errorf("%d near-miss warnings, want one per spelling (3)", n)
	}
}

func TestFirstRunSaysToSetStart(t *testing.T) {
	prog := program(t, partner("acme", "Acme", domain.Referral, withReferral(from("2026-01-01"), percentFee("10%", domain.PaySigned))))
	prog.Start = civil.Date{}
	deals := []*domain.Deal{won("A", "5000", "2026-01-10", "2026-02-01", "Partner: Acme"), won("B", "1000", "2026-09-01", "2026-10-02", "Partner: Acme")}
	res := run{prog: prog, deals: deals, period: "2026-10"}.compute(t)
	want := `no ledger and no start date: 1 line ($500.00 gross) eligible before 2026-10-01 are paid in this run, back to the oldest deal; set start = 2026-10-01 in [program] (partnerbook init writes it)`
	if !hasProblem(res, diag.Warning, want) {
		t.Errorf("no warning %q in %v", want, res.Problems.All())
	}
}

// withReferral gives an agreement version a referral fee.
func withReferral(tm *domain.Terms, r *domain.ReferralTerms) *domain.Terms {
	tm.Referral = r
	return tm
}
