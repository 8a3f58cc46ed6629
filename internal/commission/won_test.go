package commission

import (
	"fmt"
	"testing"

	"github.com/partnerbook/partnerbook/internal/diag"
	"github.com/partnerbook/partnerbook/internal/domain"
)

// A first GoHighLevel run (no ledger) with start 2026-09-01: a deal created in July,
// won then, and given a note on 3 September is dated won 2026-09-03 by "Updated on". It
// was paid its $1,000 fee with no warning, and the date sealed. The run now warns,
// naming the deal; its fee is still computed (the export cannot tell).
func TestFirstRunWarnsOfDealsCreatedBeforeStartDatedWonByAnUpdate(t *testing.T) {
	acme10 := partner("acme", "Acme", domain.Referral, func() *domain.Terms {
		t := from("2026-01-01")
		t.Referral = percentFee("10%", domain.PaySigned)
		return t
	}())
	ghl := func(p *domain.Program) {
		p.Start = d("2026-09-01")
		p.Deals.Name = "ghl.csv"
		p.Deals.ClosedIsUpdate = true
		p.Deals.Columns = map[string]string{"closed": "Updated on"}
	}
	deals := []*domain.Deal{
		won("opp9", "10000.00", "2026-07-10", "2026-09-03", "Partner: Acme"),
		won("opp10", "5000.00", "2026-09-02", "2026-09-05", "Partner: Acme"), // created after start
		won("opp11", "5000.00", "2026-06-01", "2026-08-20", "Partner: Acme"), // dated before start: history
		won("opp12", "5000.00", "2026-07-01", "2026-09-04"),                  // no partner
	}
	res := run{prog: program(t, acme10, ghl), deals: deals, period: "2026-09"}.compute(t)
	wantAmount(t, "opp9 fee", line(t, res, "acme:opp9:referral").Amount, "1000.00")
	want := `ghl.csv: 1 won deal created before start = 2026-09-01 is dated won on or after it by "Updated on", which is when a deal was last updated (a note, a tag, a stage), not when it was won: "opp9" (partner "acme", created 2026-07-10, dated won 2026-09-03). ` +
		`The export cannot tell whether it was won before start (history, never paid) and edited since; this run pays its lines and records the dates it used, which later runs keep. ` +
		`If your CRM has a real won-date field, export it and map closed to it in [input.deals] columns; otherwise check each deal before paying it`
	var warns []string
	for _, p := range res.Problems.Warnings() {
		warns = append(warns, p.String())
	}
	if len(warns) != 1 || warns[0] != want {
		t.Errorf("warnings %q\nwant one: %q", warns, want)
	}

	// Twelve such deals: ten named, two counted.
	deals = nil
	for i := 1; i <= 12; i++ {
		deals = append(deals, won(fmt.Sprintf("opp%02d", i), "100.00", "2026-07-10", "2026-09-03", "Partner: Acme"))
	}
	res = run{prog: program(t, acme10, ghl), deals: deals, period: "2026-09"}.compute(t)
	if !hasProblem(res, diag.Warning, `12 won deals created before start = 2026-09-01 are dated won on or after it`) ||
		!hasProblem(res, diag.Warning, `"opp10" (partner "acme", created 2026-07-10, dated won 2026-09-03) and 2 more. The export cannot tell whether they were won`) {
		t.Errorf("warnings %v", res.Problems.Warnings())
	}

	// A ledger that records won dates keeps them: no such warning.
	led := domain.NewLedger()
	led.Won = &domain.WonDates{}
	led.Won.Add("opp01", d("2026-09-03"), "ledger/payouts-2026-08.xlsx", false)
	led.Won.Sort()
	res = run{prog: program(t, acme10, ghl), deals: deals, led: led, period: "2026-09"}.compute(t)
	if hasProblem(res, diag.Warning, "created before start") {
		t.Errorf("warned with won dates recorded: %v", res.Problems.Warnings())
	}
}
