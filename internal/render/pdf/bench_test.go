package pdf

import "testing"

// BenchmarkStatementParallel renders one statement per goroutine on
// GOMAXPROCS workers, the way a run batches them; ns/op is wall time per
// statement across all workers.
func BenchmarkStatementParallel(b *testing.B) {
	b.ReportAllocs()
	b.RunParallel(func(pb *testing.PB) {
		s := sampleStatement(typicalExtra)
		for pb.Next() {
			if _, err := Statement(s); err != nil {
				b.Error(err)
			}
		}
	})
}

func BenchmarkOwnerReport(b *testing.B) {
	rep := sampleReport(40, sampleWarnings(20))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := OwnerReport(rep); err != nil {
			b.Fatal(err)
		}
	}
}
