package pipeline

import (
	"fmt"
	"testing"

	"github.com/partnerbook/partnerbook/internal/report"
)

// BenchmarkStatements1000 renders statements for 1,000 partners the way a run does (one
// document per goroutine), cycling through the sample program's real statements.
// ns/op is for all 1,000; the ms/statement metric is the wall time per statement.
func BenchmarkStatements1000(b *testing.B) {
	o, err := Load(Config{ProgramFile: sampleProgram})
	if err != nil {
		b.Fatal(err)
	}
	sts := make([]*report.Statement, 1000)
	for i := range sts {
		s := *o.Statements[i%len(o.Statements)]
		s.Partner.ID = fmt.Sprintf("%s-%d", s.Partner.ID, i)
		sts[i] = &s
	}
	b.ResetTimer()
	for b.Loop() {
		if _, err := renderStatements(sts, nil); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Milliseconds())/float64(b.N)/1000, "ms/statement")
}

// BenchmarkSampleRun is the whole monthly run on the sample program.
func BenchmarkSampleRun(b *testing.B) {
	out := b.TempDir()
	for b.Loop() {
		if _, err := Run(Config{ProgramFile: sampleProgram, OutDir: out}); err != nil {
			b.Fatal(err)
		}
	}
}
