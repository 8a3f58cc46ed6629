package commission

import (
	"strings"
	"testing"

	"github.com/partnerbook/partnerbook/internal/civil"
	"github.com/partnerbook/partnerbook/internal/diag"
	"github.com/partnerbook/partnerbook/internal/domain"
	"github.com/partnerbook/partnerbook/internal/money"
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

// A CSV re-saved in a charset without "Ł" and "ź" turns "Partner: Łódź Analytics" into
// "Partner: ?ód? Analytics". That is no new spelling to warn about: the partner's whole
// payout would vanish, so the run stops and says the file lost characters.
func TestCharsetLostPartnerLettersStopTheRun(t *testing.T) {
	lodz := partner("lodz", "Łódź Analytics", domain.Referral, withReferral(from("2026-01-01"), percentFee("10%", domain.PaySigned)))
	zoe := partner("zoe", "Zoë Martin", domain.Referral, withReferral(from("2026-01-01"), percentFee("10%", domain.PaySigned)))
	col := func(dl *domain.Deal, v string) *domain.Deal { dl.Partner = v; return dl }
	cases := []struct {
		name  string
		deals []*domain.Deal
		want  string
	}{
		{"tag with ? for each lost letter", []*domain.Deal{
			won("A", "2500.00", "2026-09-01", "2026-10-02", "Partner: ?ód? Analytics"),
			won("B", "1000.00", "2026-09-01", "2026-10-03", "partner: ?ÓD? analytics"),
		}, `tag "Partner: ?ód? Analytics" names no partner, but it is partner lodz's "Partner: Łódź Analytics" with "Ł", "ź" missing: the file lost these characters in a charset conversion`},
		{"partner column with U+FFFD for each byte", []*domain.Deal{
			col(won("C", "700.00", "2026-09-01", "2026-10-04"), "Zo\uFFFD\uFFFD Martin"),
		}, "partner \"Zo\uFFFD\uFFFD Martin\" names no partner, but it is partner zoe's \"Zoë Martin\" with \"ë\" missing"},
		{"partner name after the tag prefix", []*domain.Deal{
			won("D", "700.00", "2026-09-01", "2026-10-04", "Partner: Zo? Martin"),
		}, `tag "Partner: Zo? Martin" names no partner, but it is partner zoe's "Zoë Martin" with "ë" missing`},
	}
	// Zoë's own tag is another word: the tag's name part still finds her.
	zoeTag := func(p *domain.Program) { p.Partner("zoe").Tags = []string{"Referral: ZM"} }
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			res := run{prog: program(t, lodz, zoe, zoeTag), deals: c.deals, period: "2026-10"}.compute(t)
			if !hasProblem(res, diag.Error, c.want) {
				t.Fatalf("no error %q in %v", c.want, res.Problems.All())
			}
			if len(res.Problems.Warnings()) > 0 {
				t.Errorf("warnings besides the error: %v", res.Problems.Warnings())
			}
		})
	}
	// The count says what the run would have lost.
	res := run{prog: program(t, lodz, zoe), deals: cases[0].deals, period: "2026-10"}.compute(t)
	if !hasProblem(res, diag.Error, "; 2 deals (2 won, $3,500.00) would be left unattributed") {
		t.Errorf("no deal count in %v", res.Problems.All())
	}

	// Question marks that stand for no lost letter are an ordinary unknown spelling.
	for _, tag := range []string{"Partner: ???", "Partner: Acme?", "Partner: ?ódź Analytics Group"} {
		res := run{prog: program(t, lodz, zoe), deals: []*domain.Deal{won("X", "100", "2026-09-01", "2026-10-02", tag)}, period: "2026-10"}.compute(t)
		if res.Problems.HasErrors() {
			t.Errorf("%q: errors %v, want a warning only", tag, res.Problems.Errors())
		}
		if !hasProblem(res, diag.Warning, "names no partner") {
			t.Errorf("%q: no warning in %v", tag, res.Problems.All())
		}
	}
}

// A first-touch cell that lost a partner's letters would make the lead ours silently.
func TestCharsetLostFirstTouchStopsTheRun(t *testing.T) {
	prog := program(t, func(p *domain.Program) {
		partner("lodz", "Łódź Analytics", domain.CoMarketing)(p)
		p.Campaigns = append(p.Campaigns, &domain.Campaign{ID: "web", Name: "Webinar", Date: d("2026-09-18"),
			Cost: amt("1000.00"), PaidBy: domain.Us, Tag: "Campaign: Webinar", LeadOwner: domain.FirstTouch,
			Shares: []domain.Share{{Party: domain.Us, Rate: money.MustRate("50%")}, {Party: "lodz", Rate: money.MustRate("50%")}}})
	})
	a, b := open("A", "2026-09-19", "Campaign: Webinar"), open("B", "2026-09-20", "Campaign: Webinar")
	a.FirstTouch, b.FirstTouch = "?ód? Analytics", "?ód? Analytics"
	res := run{prog: prog, deals: []*domain.Deal{a, b}, period: "2026-09"}.compute(t)
	want := `first touch "?ód? Analytics" of deal "A" names no partner, but it is partner lodz's "Łódź Analytics" with "Ł", "ź" missing`
	if !hasProblem(res, diag.Error, want) {
		t.Fatalf("no error %q in %v", want, res.Problems.All())
	}
	if n := len(res.Problems.Errors()); n != 1 {
		t.Errorf("%d errors, want one per spelling: %v", n, res.Problems.Errors())
	}
}
