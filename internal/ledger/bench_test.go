package ledger

import (
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"syscall"
	"testing"
	"time"

	"github.com/partnerbook/partnerbook/internal/book"
	"github.com/partnerbook/partnerbook/internal/civil"
	"github.com/partnerbook/partnerbook/internal/diag"
	"github.com/partnerbook/partnerbook/internal/money"
	"github.com/partnerbook/partnerbook/internal/report"
)

// BenchmarkReadLedger reads one sealed payouts.xlsx back as the next month's run reads
// its ledger (Load: the seal, Payouts, Lines and Summary sheets with every check, the
// chain of months, and the seal of the run's own copy in its output folder), at 20,000
// lines over 400 payouts and 200,000 lines over 4,000 payouts. The workbook is written
// once per size by the product's own writer, with the Lines sheet's layout a run writes
// (referral and revenue-share lines, a carried and a receivable payout among them). It
// reports ns/line, cpu-ns/line, B/line and allocs/line, and live-B/line: the heap the ledger read
// holds on to for the rest of the run. LEDGER_BENCH=path/payouts.xlsx reads that
// workbook instead (one written by `partnerbook run` of bench/gen's program, say), as
// the ledger's one file with no output folder.
func BenchmarkReadLedger(b *testing.B) {
	if path := os.Getenv("LEDGER_BENCH"); path != "" {
		b.Run("file", func(b *testing.B) {
			dir := filepath.Dir(path)
			benchLoad(b, Source{Program: filepath.Join(dir, "partnerbook.toml"), Dir: dir, Files: []string{path}})
		})
		return
	}
	for _, size := range []struct{ lines, payouts int }{{20000, 400}, {200000, 4000}} {
		b.Run(fmt.Sprintf("lines=%d", size.lines), func(b *testing.B) {
			dir := b.TempDir()
			// The run's workbook in its output folder, and finance's copy in the ledger.
			out := write(b, filepath.Join(dir, "out", "2026-10", "payouts.xlsx"), benchBook(b, "2026-10", size.lines, size.payouts))
			data, err := os.ReadFile(out)
			must(b, err)
			led := filepath.Join(dir, "ledger", "payouts-2026-10.xlsx")
			must(b, os.MkdirAll(filepath.Dir(led), 0o755))
			must(b, os.WriteFile(led, data, 0o644))
			benchLoad(b, Source{Program: filepath.Join(dir, "partnerbook.toml"), Dir: dir, Patterns: []string{"ledger/*.xlsx"},
				Files: []string{led}, OutDir: filepath.Join(dir, "out")})
		})
	}
}

func benchLoad(b *testing.B, src Source) {
	next := month(b, "2026-11")
	lines := 0
	b.ReportAllocs()
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	cpu := cpuTime()
	b.ResetTimer()
	for b.Loop() {
		var probs diag.List
		l, _ := Load(src, next, &probs)
		if probs.HasErrors() {
			b.Fatal(texts(probs.Errors()))
		}
		lines = l.IssuedCount() + l.CarriedCount()
	}
	b.StopTimer()
	cpu = cpuTime() - cpu
	runtime.ReadMemStats(&after)
	if lines == 0 {
		b.Fatal("no lines read")
	}
	per := float64(b.N) * float64(lines)
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/per, "ns/line")
	b.ReportMetric(float64(cpu.Nanoseconds())/per, "cpu-ns/line")
	b.ReportMetric(float64(after.TotalAlloc-before.TotalAlloc)/per, "B/line")
	b.ReportMetric(float64(after.Mallocs-before.Mallocs)/per, "allocs/line")
	b.ReportMetric(float64(lines), "lines")
	b.ReportMetric(float64(liveAfterLoad(src, next))/float64(lines), "live-B/line")
}

// liveAfterLoad is how much of the heap the ledger loaded from src holds on to: what a
// run keeps of every ledger month for its whole length.
func liveAfterLoad(src Source, next civil.Month) uint64 {
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	var probs diag.List
	l, c := Load(src, next, &probs)
	runtime.GC()
	runtime.ReadMemStats(&after)
	runtime.KeepAlive(l)
	runtime.KeepAlive(c)
	if after.HeapAlloc < before.HeapAlloc {
		return 0
	}
	return after.HeapAlloc - before.HeapAlloc
}

// cpuTime is the CPU time the process has used, the garbage collector's included: on a
// shared machine it varies less than the wall time.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// benchBook is a month's book of n lines over payouts partners, as a run writes it: most
// lines referrals on a deal, every fifth a revenue share keyed by its payment's day, the
// last payout carried forward and every sixth a receivable.
func benchBook(b testing.TB, period string, n, payouts int) *report.Book {
	m := month(b, period)
	bk := &report.Book{Program: "Bench Agency", Currency: "USD", Policy: money.Policy{Places: 2}, Period: m, AsOf: m.Last()}
	per := n / payouts
	deal := 0
	for i := range payouts {
		pid := fmt.Sprintf("p%05d", i)
		row := &report.PayoutRow{ID: book.MakePayoutID(period, pid), Partner: report.PartnerInfo{ID: pid, Name: fmt.Sprintf("Partner %05d Ltd", i),
			Email: pid + "@partners.example"}, Period: m, Status: book.StatusDue}
		count := per
		if i == payouts-1 {
			count = n - per*(payouts-1)
		}
		for j := range count {
			deal++
			d := fmt.Sprintf("OPP-%07d", deal)
			day := m.First().AddDays(j % 28)
			cents := 1_000_000 + deal*7919%5_000_000
			basis := money.MustAmount(fmt.Sprintf("%d.%02d", cents/100, cents%100))
			amount := money.MustAmount(fmt.Sprintf("%d.%02d", cents/1000, cents/10%100)) // a tenth of basis
			l := report.LineRow{PayoutID: row.ID, PartnerID: pid, DealID: d, Client: fmt.Sprintf("Client %06d Inc", deal%9000),
				Basis: basis, Amount: amount, Event: day, Eligible: day}
			switch {
			case j%5 == 4:
				l.ID, l.Rule, l.Rate = pid+":"+d+":revenue-share:"+day.String(), "revenue-share", "5%"
				l.Description = "5% of payment " + basis.String() + "; payable when paid"
			case i%6 == 5 && j == 0:
				l.ID, l.Rule = pid+":"+d+":wholesale", "wholesale"
				l.Amount = money.FromInt(int64(-6000 * (count + 1)))
				l.Description = "wholesale charge"
			default:
				l.ID, l.Rule, l.Rate = pid+":"+d+":referral", "referral", "10%"
				l.Description = "10% of deal value " + basis.String() + "; payable when signed"
			}
			row.Lines = append(row.Lines, l)
			row.Amount = row.Amount.Add(l.Amount)
			if l.Amount.Sign() > 0 {
				row.Earned = row.Earned.Add(l.Amount)
			} else {
				row.Charges = row.Charges.Add(l.Amount)
			}
		}
		switch {
		case i == payouts-1:
			row.Status = book.StatusCarried
		case row.Amount.Sign() < 0:
			row.Status, row.OwedToUs = book.StatusReceivable, row.Amount.Neg()
			row.Due = m.Last().AddDays(30)
		default:
			row.Due = m.Last().AddDays(30)
		}
		bk.Payouts = append(bk.Payouts, row)
	}
	return bk
}
