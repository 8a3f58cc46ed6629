package xlsxstream

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"
)

const benchRows = 100000

var (
	benchOnce sync.Once
	benchPath string
	benchErr  error
)

// benchBook writes, once per run, a 100,000-row opportunities export laid out like the
// sample's (and bench/gen's). XLSXSTREAM_BENCH=path measures that workbook's first
// sheet instead (bench/gen's deals.xlsx of a million rows, say).
func benchBook(b *testing.B) (string, string, int) {
	if p := os.Getenv("XLSXSTREAM_BENCH"); p != "" {
		bk, err := Open(p)
		if err != nil {
			b.Fatal(err)
		}
		defer bk.Close()
		sheet := bk.Sheets()[0].Name
		rows, err := bk.Rows(sheet)
		if err != nil {
			b.Fatal(err)
		}
		defer rows.Close()
		n := 0
		for rows.Next() {
			n++
		}
		return p, sheet, n
	}
	benchOnce.Do(func() {
		dir, err := os.MkdirTemp("", "xlsxstream-bench-")
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
		for i := 0; i < benchRows; i++ {
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
	return benchPath, "Sheet1", benchRows + 1
}

// BenchmarkRead100k reads a 100,000-row sheet three ways, in ns/row: inflating the
// sheet part and nothing else (the floor no reader can beat), this package, and
// excelize's Rows iterator. It prints streaming/floor, the number the scale target is
// stated in (at most 5).
func BenchmarkRead100k(b *testing.B) {
	path, sheet, nrows := benchBook(b)
	perRow := map[string]float64{}
	measure := func(name string, read func() int) {
		b.Run(name, func(b *testing.B) {
			b.ReportAllocs()
			runtime.GC() // no collection of an earlier measurement's garbage in this one's CPU time
			cpu0 := cpuTime()
			for b.Loop() {
				if n := read(); n != nrows {
					b.Fatalf("%d rows", n)
				}
			}
			// CPU time as well as wall time: the machine is shared, and CPU time is
			// what stays comparable when other work slows the wall clock.
			cpu := float64((cpuTime() - cpu0).Nanoseconds()) / float64(b.N) / float64(nrows)
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(nrows), "ns/row")
			b.ReportMetric(cpu, "cpu-ns/row")
			perRow[name] = cpu
		})
	}
	measure("inflate-floor", func() int {
		bk, err := Open(path)
		if err != nil {
			b.Fatal(err)
		}
		defer bk.Close()
		part, _ := bk.SheetPart(sheet)
		rc, err := bk.OpenPart(part)
		if err != nil {
			b.Fatal(err)
		}
		defer rc.Close()
		if _, err := io.Copy(io.Discard, rc); err != nil {
			b.Fatal(err)
		}
		return nrows
	})
	measure("stream", func() int {
		bk, err := Open(path)
		if err != nil {
			b.Fatal(err)
		}
		defer bk.Close()
		rows, err := bk.Rows(sheet)
		if err != nil {
			b.Fatal(err)
		}
		defer rows.Close()
		n := 0
		for rows.Next() {
			rows.Cells()
			n++
		}
		if rows.Err() != nil {
			b.Fatal(rows.Err())
		}
		return n
	})
	measure("excelize", func() int {
		f, err := excelize.OpenFile(path, excelize.Options{RawCellValue: true})
		if err != nil {
			b.Fatal(err)
		}
		defer f.Close()
		rows, err := f.Rows(sheet)
		if err != nil {
			b.Fatal(err)
		}
		defer rows.Close()
		n := 0
		for rows.Next() {
			if _, err := rows.Columns(); err != nil {
				b.Fatal(err)
			}
			n++
		}
		return n
	})
	if perRow["inflate-floor"] > 0 && perRow["stream"] > 0 {
		fmt.Printf("CPU time per row: streaming/floor = %.2f, excelize/floor = %.2f\n",
			perRow["stream"]/perRow["inflate-floor"], perRow["excelize"]/perRow["inflate-floor"])
	}
}

// cpuTime is the CPU time this process has used (all threads, user and system).
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
