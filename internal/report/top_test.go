package report

import (
	"testing"

	"github.com/partnerbook/partnerbook/internal/book"
	"github.com/partnerbook/partnerbook/internal/money"
)

func TestSplitAndSum(t *testing.T) {
	a := money.MustAmount
	rows := []*PartnerRow{
		{ID: "a", Leads: 3, Won: 1, Revenue: a("100.10"), Cost: a("10.00"), PeriodPayout: a("50.05"), PeriodStatus: string(book.StatusDue),
			MarginCost: a("30"), MarginFirstYear: a("100"), MonthRevenue: []money.Amount{a("1"), a("2")}},
		{ID: "b", Leads: 2, Revenue: a("0.01"), Cost: a("-20.00"), PeriodPayout: a("-7.50"), PeriodStatus: string(book.StatusReceivable),
			MarginCost: a("10"), MarginFirstYear: a("300"), MonthRevenue: []money.Amount{a("0.5"), a("0.25")}},
		{ID: "c", Revenue: a("0.00"), Cost: a("25.00"), PeriodPayout: a("4.99"), PeriodStatus: string(book.StatusCarried)},
	}
	for _, tc := range []struct {
		name            string
		top             int
		wantTop, wanted int
	}{
		{"default keeps all three", 0, 3, 0},
		{"top 1 sums two", 1, 1, 2},
		{"top 3 sums none", 3, 3, 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			rep := &Report{TopPartners: tc.top}
			top, rest := rep.Split(rows)
			if len(top) != tc.wantTop || len(rest) != tc.wanted {
				t.Errorf("split %d+%d, want %d+%d", len(top), len(rest), tc.wantTop, tc.wanted)
			}
		})
	}
	s := Sum(rows)
	for _, c := range []struct{ name, got, want string }{
		{"revenue", s.Revenue.String(), "100.11"},
		{"cost", s.Cost.String(), "15"},
		{"return", s.Return.Fixed(4), "6.6740"},
		{"net payout", s.PeriodPayout.String(), "47.54"},
		{"due", s.Due.String(), "50.05"},
		{"carried", s.Carried.String(), "4.99"},
		{"receivable", s.Receivable.String(), "-7.5"},
		{"margin ratio", s.MarginRatio.Fixed(2), "0.10"},
		{"month 2", s.MonthRevenue[1].String(), "2.25"},
	} {
		if c.got != c.want {
			t.Errorf("%s = %s, want %s", c.name, c.got, c.want)
		}
	}
	if s.Leads != 5 || s.Won != 1 || s.Partners != 3 {
		t.Errorf("leads %d won %d partners %d, want 5 1 3", s.Leads, s.Won, s.Partners)
	}
}
