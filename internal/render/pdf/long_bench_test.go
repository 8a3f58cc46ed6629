package pdf

import (
	"fmt"
	"testing"
	"time"

	"github.com/partnerbook/partnerbook/internal/civil"
	"github.com/partnerbook/partnerbook/internal/money"
	"github.com/partnerbook/partnerbook/internal/report"
)

// longStatement is sampleStatement with n payout lines and n deals this year
// (a tenth of them this period), shaped like the statements of a generated
// program: every deal a name over its ID, a CRM stage and a status.
func longStatement(n int) *report.Statement {
	s := sampleStatement(max(n-5, 0))
	stages := [][2]string{{"Closed Won", "won"}, {"Negotiation", "open"}, {"Closed Lost", "lost"}, {"New Lead", "open"}, {"Proposal Sent", "open"}}
	for i := 0; i < n; i++ {
		st := stages[i%len(stages)]
		created := civil.New(2026, time.Month(1+i*10/max(n, 1)), 1+i%28)
		var closed civil.Date
		if st[1] != "open" {
			closed = created.AddDays(20 + i%40)
		}
		value := money.FromInt(int64(1000+(i*7919)%49000)).MulFrac(money.FromInt(int64(100+i%100)), money.FromInt(100))
		d := deal(fmt.Sprintf("OPP-%07d", 4000+i*37), []string{"Content program", "Analytics platform rollout", "Data warehouse migration, phase 2"}[i%3],
			fmt.Sprintf("Client %06d Inc", (i*7717)%9000), st[0], st[1], st[1], usd.Round(value).Fixed(2), created, closed)
		s.DealsYTD = append(s.DealsYTD, d)
		if i%10 == 0 {
			s.DealsPeriod = append(s.DealsPeriod, d)
		}
	}
	return s
}

// benchStatements are the statements BenchmarkStatementLong renders: one page
// (no payout, a few deals), then 2, 4, 8, 10 (100 lines and 100 deals, a
// partner with about a hundred deals in the year), 12 and 16 pages.
func benchStatements() []*report.Statement {
	short := sampleStatement(0)
	short.Payout, short.PayoutID, short.Lines, short.Pending, short.Outstanding, short.PaidSince = nil, "", nil, nil, nil, nil
	out := []*report.Statement{short}
	for _, n := range []int{5, 25, 70, 100, 120, 170} {
		out = append(out, longStatement(n))
	}
	return out
}

// BenchmarkStatementLong renders statements of growing length; a cost that
// grows faster than pages shows in cpu-ms/page.
func BenchmarkStatementLong(b *testing.B) {
	for _, s := range benchStatements() {
		out, err := Statement(s)
		if err != nil {
			b.Fatal(err)
		}
		pages := len(pdfPages(b, out))
		b.Run(fmt.Sprintf("lines=%d/deals=%d/pages=%d", len(s.Lines), len(s.DealsYTD), pages), func(b *testing.B) {
			b.ReportAllocs()
			cpu := cpuTime()
			for b.Loop() {
				if _, err := Statement(s); err != nil {
					b.Fatal(err)
				}
			}
			reportStatement(b, cpuTime()-cpu, pages)
		})
	}
}

// reportStatement reports wall and CPU milliseconds per statement and per
// page; cpu is the process's CPU time over the b.N statements (garbage
// collection included).
func reportStatement(b *testing.B, cpu time.Duration, pages int) {
	n := float64(b.N)
	ms := float64(b.Elapsed().Microseconds()) / 1000 / n
	cpuMS := float64(cpu.Microseconds()) / 1000 / n
	b.ReportMetric(ms, "ms/statement")
	b.ReportMetric(cpuMS, "cpu-ms/statement")
	b.ReportMetric(cpuMS/float64(pages), "cpu-ms/page")
	b.ReportMetric(float64(pages), "pages")
}
