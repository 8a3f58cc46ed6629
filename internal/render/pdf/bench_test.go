package pdf

import "testing"

// BenchmarkStatement2Pages renders a typical statement: title block,
// summary box, 40-row table over two pages.
func BenchmarkStatement2Pages(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		renderStatement(b, 40)
	}
}

// BenchmarkStatement2PagesParallel renders one document per goroutine on
// GOMAXPROCS workers, the intended way to batch statements; ns/op is wall
// time per document across all workers.
func BenchmarkStatement2PagesParallel(b *testing.B) {
	b.ReportAllocs()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			renderStatement(b, 40)
		}
	})
}

func BenchmarkOwnerReport(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		renderOwnerReport(b)
	}
}
