package commission

import (
	"fmt"
	"runtime"
	"testing"
	"unsafe"

	"github.com/partnerbook/partnerbook/internal/domain"
	"github.com/partnerbook/partnerbook/internal/money"
)

// memoryRun is a program of 600 partners under every money rule (percent fees capped
// or not, flat fees, fees after a hold, wholesale, revenue shares monthly and quarterly,
// campaigns both ways) with 60,000 won deals, a payment or three each, a refund on one
// deal in twenty and one deal in fifty written in euros.
func memoryRun(b *testing.B) run {
	b.Helper()
	var parts []part
	for i := 0; i < 600; i++ {
		t := from("2025-01-01")
		typ := domain.Referral
		switch i % 6 {
		case 0:
			t.Referral = percentFee("10%", domain.PaySigned)
			limit := amt("2500.00")
			t.Referral.Cap = &limit
			t.ClawbackDays = 90
		case 1:
			flat := amt("500.00")
			t.Referral = &domain.ReferralTerms{Flat: &flat, PayOn: domain.PayFirstPayment}
			t.ClawbackDays = 90
		case 2:
			t.Referral = percentFee("8%", domain.PayAfterHold)
			t.ClawbackDays = 120
		case 3:
			typ = domain.Reseller
			t.Wholesale = &domain.WholesaleTerms{Discount: money.MustRate("20%")}
		case 4:
			typ = domain.Strategic
			t.RevenueShare = share("5%", 12, domain.SettleMonthly)
			t.ClawbackDays = 90
		case 5:
			typ = domain.Strategic
			t.RevenueShare = share("3%", 0, domain.SettleQuarterly)
		}
		parts = append(parts, partner(fmt.Sprintf("p%03d", i), fmt.Sprintf("Partner %03d", i), typ, t))
	}
	for i := 0; i < 20; i++ {
		paidBy := domain.Us
		if i%2 == 1 {
			paidBy = fmt.Sprintf("p%03d", i)
		}
		camp := &domain.Campaign{ID: fmt.Sprintf("c%02d", i), Name: fmt.Sprintf("Campaign %02d", i), Date: d("2026-03-01").AddDays(i),
			Cost: amt("4000.00"), PaidBy: paidBy, Tag: fmt.Sprintf("Campaign: %02d", i),
			Shares: []domain.Share{{Party: domain.Us, Rate: money.MustRate("50%")}, {Party: fmt.Sprintf("p%03d", i), Rate: money.MustRate("30%")},
				{Party: fmt.Sprintf("p%03d", i+1), Rate: money.MustRate("20%")}}}
		parts = append(parts, func(p *domain.Program) { p.Campaigns = append(p.Campaigns, camp) })
	}
	r := run{prog: program(b, parts...), period: "2026-10"}
	for i := 0; i < 60000; i++ {
		closed := d("2025-02-01").AddDays(i % 600)
		id := fmt.Sprintf("D%06d", i)
		deal := won(id, fmt.Sprintf("%d.%02d", 1000+i%40000, i%100), closed.AddDays(-20).String(), closed.String(), fmt.Sprintf("Partner: Partner %03d", i%600))
		if i%50 == 7 {
			deal.Value, deal.FX = eur(fmt.Sprintf("%d.00", 1000+i%9000), "1.08", closed.String()[:7])
		}
		r.deals = append(r.deals, deal)
		for m := 0; m <= i%3; m++ {
			r.pays = append(r.pays, pay(id, closed.AddDays(3+31*m).String(), fmt.Sprintf("%d.00", 300+i%700)))
		}
		if i%20 == 3 {
			r.pays = append(r.pays, pay(id, closed.AddDays(40).String(), "-150.00"))
		}
	}
	return r
}

// BenchmarkLineMemory computes memoryRun and reports what its lines and deals hold
// after a collection: live bytes per line (the Line, its ID and its rule's facts) and
// per deal (the Deal and its payment list; margins apart), and the struct sizes.
func BenchmarkLineMemory(b *testing.B) {
	r := memoryRun(b)
	p := civilMonth(b, r.period)
	in := Input{Program: r.prog, Deals: r.deals, Payments: r.pays, Period: p, AsOf: p.Last()}
	var res *Result
	for b.Loop() {
		res = Compute(in)
	}
	lines, deals := len(res.Lines), len(res.Deals)
	live := func() uint64 {
		runtime.GC()
		var ms runtime.MemStats
		runtime.ReadMemStats(&ms)
		return ms.HeapAlloc
	}
	all := live()
	res.Lines = nil
	for _, p := range res.Payouts {
		p.Lines = nil
	}
	noLines := live()
	res.Margins = nil
	noMargins := live()
	res.Deals = nil
	noDeals := live()
	runtime.KeepAlive(res)
	runtime.KeepAlive(in)
	b.ReportMetric(float64(lines), "lines")
	b.ReportMetric(float64(all-noLines)/float64(lines), "live-B/line")
	b.ReportMetric(float64(noMargins-noDeals)/float64(deals), "live-B/deal")
	b.ReportMetric(float64(unsafe.Sizeof(Line{})), "Line-B")
	b.ReportMetric(float64(unsafe.Sizeof(Deal{})), "Deal-B")
}
