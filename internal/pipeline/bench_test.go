package pipeline

import (
	"fmt"
	"testing"
)

// BenchmarkStatements1000 renders statements and their e-mails for 1,000 partners the
// way a run does (a pool of GOMAXPROCS workers), cycling through the sample program's
// real statements; the files go nowhere, so disk speed is not measured. ns/op is for
// all 1,000; the ms/statement metric is the wall time per statement.
func BenchmarkStatements1000(b *testing.B) {
	o, err := Load(Config{ProgramFile: sampleProgram})
	if err != nil {
		b.Fatal(err)
	}
	tmpl, err := loadTemplates("")
	if err != nil {
		b.Fatal(err)
	}
	sts := make(built, 1000)
	for i := range sts {
		s := o.Statements.Statement(i % o.Statements.Len())
		s.Partner.ID = fmt.Sprintf("%s-%d", s.Partner.ID, i)
		sts[i] = s
	}
	var w discard
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		if err := statements(&w, sts, mailer(o.Result.Program, o.Result.AsOf, tmpl), func(int64) {}); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Microseconds())/1000/float64(b.N)/1000, "ms/statement")
	b.ReportMetric(float64(w.bytes)/float64(w.files), "B/file")
}

// discard is a writer that only counts what it is given.
type discard struct{ files, bytes int64 }

func (d *discard) WriteBytes(_ string, data []byte) error {
	d.files++
	d.bytes += int64(len(data))
	return nil
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
