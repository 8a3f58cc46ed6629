package sheet

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"
)

var (
	benchOnce sync.Once
	benchPath string
	benchErr  error
)

// tableBenchBook writes, once per run, a 100,000-row opportunities export laid out
// like bench/gen's deals.xlsx. SHEET_BENCH=path measures that workbook instead.
func tableBenchBook(b *testing.B) string {
	if p := os.Getenv("SHEET_BENCH"); p != "" {
		return p
	}
	benchOnce.Do(func() {
		dir, err := os.MkdirTemp("", "sheet-bench-")
		if err != nil {
			benchErr = err
			return
		}
		benchPath = filepath.Join(dir, "deals.xlsx")
		f := excelize.NewFile()
		defer f.Close()
		sw, err := f.NewStreamWriter("Sheet1")
		if err != nil {
			benchErr = err
			return
		}
		sw.SetRow("A1", []any{"Opportunity ID", "Opportunity name", "Contact Name", "Company Name", "phone", "email",
			"pipeline", "stage", "Lead Value", "source", "assigned", "Created on", "Updated on", "lost reason name",
			"Notes", "tags", "status"})
		for i := 0; i < 100000; i++ {
			cell, _ := excelize.CoordinatesToCellName(1, i+2)
			if err := sw.SetRow(cell, []any{fmt.Sprintf("OPP-%07d", i), fmt.Sprintf("Content program %d", i), fmt.Sprintf("Contact %06d", i),
				fmt.Sprintf("Client %06d Inc", i%30000), fmt.Sprintf("+1 555 %07d", i*7919%10000000), fmt.Sprintf("c%d@client.example", i),
				"Sales", "Closed", float64(50000+i*37%5000000) / 100, "web", "Sam Ortiz", "2026-03-14T15:22:08Z", "2026-04-01T10:00:00Z", "",
				"", fmt.Sprintf("Partner: Partner %05d Ltd, inbound", i%10000), "won"}); err != nil {
				benchErr = err
				return
			}
		}
		if benchErr = sw.Flush(); benchErr == nil {
			benchErr = f.SaveAs(benchPath)
		}
	})
	if benchErr != nil {
		b.Fatal(benchErr)
	}
	return benchPath
}

// BenchmarkTable100k reads a 100,000-row sheet through Table, in CPU ns/row: the
// inflate floor (the sheet part inflated and dropped), and the whole Table read with
// the streaming reader and with encoding/xml. A Table read alternates with a read of
// the floor, each charged a collection of its own garbage, so that both are measured
// under the same load of a shared machine; it prints each as a multiple of that
// floor (floor-cpu-ns/row): the scale target is at most 5.
func BenchmarkTable100k(b *testing.B) {
	path := tableBenchBook(b)
	nrows := 0
	floor := func() {
		wb, err := openWorkbook(path)
		if err != nil {
			b.Fatal(err)
		}
		defer wb.Close()
		rc, err := wb.open(wb.sheets[0].target)
		if err != nil {
			b.Fatal(err)
		}
		defer rc.Close()
		if _, err := io.Copy(io.Discard, rc); err != nil {
			b.Fatal(err)
		}
	}
	table := func(stream bool) func() {
		return func() {
			defer func(was bool) { streaming = was }(streaming)
			streaming = stream
			tb, err := Open(path, "deals.xlsx", "")
			if err != nil {
				b.Fatal(err)
			}
			defer tb.Close()
			n := 1
			for {
				more, err := tb.Next()
				if err != nil {
					b.Fatal(err)
				}
				if !more {
					nrows = n
					return
				}
				n++
			}
		}
	}
	table(true)() // counts the rows
	var report []string
	// measure reads b.N times; with alternate, each read follows a read of the floor.
	measure := func(name string, read func(), alternate bool) {
		b.Run(name, func(b *testing.B) {
			b.ReportAllocs()
			runtime.GC() // no collection of an earlier measurement's garbage in this one's CPU time
			var cpu, floorCPU time.Duration
			for b.Loop() {
				if alternate {
					b.StopTimer()
					c := cpuTime()
					floor()
					runtime.GC()
					floorCPU += cpuTime() - c
					b.StartTimer()
				}
				c := cpuTime()
				read()
				runtime.GC()
				cpu += cpuTime() - c
			}
			perRow := func(d time.Duration) float64 { return float64(d.Nanoseconds()) / float64(b.N) / float64(nrows) }
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(nrows), "ns/row")
			b.ReportMetric(perRow(cpu), "cpu-ns/row")
			if alternate {
				b.ReportMetric(perRow(floorCPU), "floor-cpu-ns/row")
				b.ReportMetric(float64(cpu)/float64(floorCPU), "x-floor")
				report = append(report, fmt.Sprintf("%s %.2f (%.0f / %.0f ns/row)", name, float64(cpu)/float64(floorCPU), perRow(cpu), perRow(floorCPU)))
			}
		})
	}
	measure("inflate-floor", floor, false)
	measure("table-stream", table(true), true)
	if os.Getenv("SHEET_BENCH_XML") != "no" {
		measure("table-xml", table(false), true)
	}
	fmt.Printf("CPU time per row of a Table read as a multiple of the inflate floor read alternately with it: %s\n", strings.Join(report, ", "))
}

// cpuTime is the CPU time this process has used (all threads, user and system).
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
