package commission

import (
	"strings"
	"testing"

	"github.com/partnerbook/partnerbook/internal/diag"
	"github.com/partnerbook/partnerbook/internal/domain"
)

// clientProgram matches payments by a "Client" column; acme takes a 10% and beta a
// 20% share of a client's payments.
func clientProgram(t *testing.T) *domain.Program {
	acme, beta := from("2026-01-01"), from("2026-01-01")
	acme.RevenueShare = share("10%", 0, domain.SettleMonthly)
	beta.RevenueShare = share("20%", 0, domain.SettleMonthly)
	prog := program(t, partner("acme", "Acme", domain.Strategic, acme), partner("beta", "Beta", domain.Strategic, beta))
	prog.Payments.Columns = map[string]string{"client": "Client", "date": "Date", "amount": "Amount"}
	return prog
}

// clientPays are payments from Globex at rows 2, 3, ... of payments.csv.
func clientPays(dates ...string) []*domain.Payment {
	sheet := domain.Sheet(diag.Pos{File: "payments.csv"})
	var ps []*domain.Payment
	for i, day := range dates {
		ps = append(ps, &domain.Payment{Client: "Globex", Date: d(day), Amount: amt("1000"), At: domain.PlaceIn(sheet, i+2)})
	}
	return ps
}

func globex(id, closed, name string) *domain.Deal {
	x := won(id, "1000", "2026-10-01", closed, "Partner: "+name)
	x.Client = "Globex"
	return x
}

func errorsOf(res *Result) []diag.Problem { return res.Problems.Errors() }

// TestClientTieBetweenPartnersIsRefused: two deals of the client won the same day for
// different partners. Which one a payment goes to was the export's row order (swapping
// the rows moved the payment from acme's 10% to beta's 20%); it is refused, in both
// orders, at the first payment's client cell.
func TestClientTieBetweenPartnersIsRefused(t *testing.T) {
	for _, order := range [][]string{{"D1", "D2"}, {"D2", "D1"}} {
		deals := map[string]*domain.Deal{"D1": globex("D1", "2026-10-05", "Acme"), "D2": globex("D2", "2026-10-05", "Beta")}
		res := run{prog: clientProgram(t), deals: []*domain.Deal{deals[order[0]], deals[order[1]]},
			pays: clientPays("2026-10-06", "2026-10-07"), period: "2026-10"}.compute(t)
		errs := errorsOf(res)
		if len(errs) != 1 {
			t.Fatalf("order %v: errors %v, want one; lines %d", order, errs, len(res.Lines))
		}
		e := errs[0]
		if got := e.Pos.String(); got != `payments.csv row 2 column "Client"` {
			t.Errorf("order %v: position %s", order, got)
		}
		for _, want := range []string{`"D1" (partner acme, won 2026-10-05), "D2" (partner beta, won 2026-10-05)`, "deal column", "won dates distinct"} {
			if !strings.Contains(e.Msg, want) {
				t.Errorf("order %v: message %q lacks %q", order, e.Msg, want)
			}
		}
	}
}

// TestClientTieOfOnePartnerGoesToLowestDealID: deals of one partner won the same day
// give the same share; the payment goes to the lowest deal id whatever the row order.
func TestClientTieOfOnePartnerGoesToLowestDealID(t *testing.T) {
	for _, order := range [][]string{{"D1", "D2"}, {"D2", "D1"}} {
		deals := map[string]*domain.Deal{"D1": globex("D1", "2026-10-05", "Beta"), "D2": globex("D2", "2026-10-05", "Beta")}
		res := run{prog: clientProgram(t), deals: []*domain.Deal{deals[order[0]], deals[order[1]]},
			pays: clientPays("2026-10-06"), period: "2026-10"}.compute(t)
		if errs := errorsOf(res); len(errs) != 0 {
			t.Fatalf("order %v: errors %v", order, errs)
		}
		wantAmount(t, "D1's share", line(t, res, "beta:D1:revenue-share:2026-10-06").Amount, "200.00")
		noLine(t, res, "beta:D2:revenue-share:2026-10-06")
	}
}

// TestClientPrepayment: a payment dated before any of the client's deals was won is a
// prepayment of its only won deal; with two won deals it is refused, not given to the
// deal first in the export.
func TestClientPrepayment(t *testing.T) {
	res := run{prog: clientProgram(t), deals: []*domain.Deal{globex("D1", "2026-10-20", "Acme")},
		pays: clientPays("2026-10-02"), period: "2026-10"}.compute(t)
	if errs := errorsOf(res); len(errs) != 0 {
		t.Fatalf("errors %v", errs)
	}
	wantAmount(t, "prepaid share", line(t, res, "acme:D1:revenue-share:2026-10-02").Amount, "100.00")

	res = run{prog: clientProgram(t), deals: []*domain.Deal{globex("D1", "2026-10-20", "Acme"), globex("D2", "2026-10-10", "Beta")},
		pays: clientPays("2026-10-02", "2026-10-25"), period: "2026-10"}.compute(t)
	errs := errorsOf(res)
	if len(errs) != 1 || errs[0].Pos.String() != `payments.csv row 2 column "Client"` ||
		!strings.Contains(errs[0].Msg, `before any deal of that client was won, and the client has 2 won deals: "D1" (partner acme, won 2026-10-20), "D2" (partner beta, won 2026-10-10)`) {
		t.Fatalf("errors %v", errs)
	}
}
