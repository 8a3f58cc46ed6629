package crm

import (
	"fmt"
	"path/filepath"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/partnerbook/partnerbook/internal/diag"
	"github.com/partnerbook/partnerbook/internal/domain"
	"github.com/partnerbook/partnerbook/internal/terms"
)

// BenchmarkReadDeals50k reads a 50,000-row GoHighLevel-style export.
func BenchmarkReadDeals50k(b *testing.B) {
	path := filepath.Join(b.TempDir(), "deals.xlsx")
	f := excelize.NewFile()
	sw, err := f.NewStreamWriter("Sheet1")
	if err != nil {
		b.Fatal(err)
	}
	header := []any{"Opportunity ID", "Opportunity name", "Contact Name", "stage", "Lead Value", "source", "Created on", "Updated on", "tags", "status"}
	sw.SetRow("A1", header)
	for i := 0; i < 50000; i++ {
		cell, _ := excelize.CoordinatesToCellName(1, i+2)
		sw.SetRow(cell, []any{fmt.Sprintf("O%d", i), "Deal", fmt.Sprintf("Client %d", i%3000), "Proposal Sent", 1000 + i%5000,
			"web", "2026-03-14T15:22:08Z", "2026-04-01T10:00:00Z", fmt.Sprintf("Partner: P%d, inbound", i%500), "won"})
	}
	if err := sw.Flush(); err != nil {
		b.Fatal(err)
	}
	if err := f.SaveAs(path); err != nil {
		b.Fatal(err)
	}
	in := domain.DealsInput{File: path, Preset: "gohighlevel", Columns: terms.PresetColumns("gohighlevel"), Won: []string{"won"}, Lost: []string{"lost"}}
	b.ResetTimer()
	for b.Loop() {
		var probs diag.List
		if deals := ReadDeals(in, "deals.xlsx", &probs); len(deals) != 50000 || probs.HasErrors() {
			b.Fatalf("%d deals, %v", len(deals), probs.Errors())
		}
	}
}
