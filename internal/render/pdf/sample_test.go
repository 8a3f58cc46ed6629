package pdf

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"
)

var testRunDate = time.Date(2025, time.April, 2, 0, 0, 0, 0, time.UTC)

var sampleNames = []string{"Łódź Logistics sp. z o.o.", "Zoë Martin", "Ærøskøbing Færgeri ApS", "Acme Corp", "Brücke & Söhne GmbH", "Café Olé S.A."}

// renderStatement builds a typical partner statement with n table rows.
func renderStatement(tb testing.TB, n int) []byte {
	tb.Helper()
	_, b := statementDoc(tb, n)
	return b
}

func statementDoc(tb testing.TB, n int) (*Document, []byte) {
	tb.Helper()
	d, err := New(Options{RunDate: testRunDate, Title: "Partner statement PB-2025Q1-0042", Author: "Partnerbook Ltd"})
	if err != nil {
		tb.Fatal(err)
	}
	if err := d.AddTitleBlock(TitleBlock{
		Company:    "Partnerbook Ltd",
		Title:      "Partner Statement",
		Partner:    "Zoë Ærøskøbing — Łódź",
		Period:     "1 Jan 2025 – 31 Mar 2025",
		DocumentID: "PB-2025Q1-0042",
		Issued:     "2 Apr 2025",
	}); err != nil {
		tb.Fatal(err)
	}
	if err := d.AddSummary("Summary", []Field{
		{Label: "Gross revenue", Value: "$184,220.50"},
		{Label: "Platform fees", Value: "-$12,895.44"},
		{Label: "Refunds and chargebacks", Value: "-$3,120.00"},
		{Label: "Partner share (40%)", Value: "$67,282.02"},
		{Label: "Payout due", Value: "$67,282.02", Emphasis: true},
	}); err != nil {
		tb.Fatal(err)
	}
	rows := make([][]string, n)
	for i := range rows {
		desc := fmt.Sprintf("Renewal: %s", sampleNames[i%len(sampleNames)])
		if i%7 == 3 {
			desc += ", prorated after a mid-period plan upgrade"
		}
		amt, _ := FormatMoney(fmt.Sprintf("%d.%02d", 1000+i*137, i%100), "USD", 2)
		share, _ := FormatMoney(fmt.Sprintf("%d.%02d", (1000+i*137)*4/10, i%100), "USD", 2)
		rows[i] = []string{fmt.Sprintf("2025-%02d-%02d", 1+i%3, 1+i%28), fmt.Sprintf("INV-%05d", 10000+i), desc, amt, "40%", share}
	}
	if err := d.AddTable(Table{
		Caption: "Transactions",
		Columns: []Column{
			{Header: "Date", Width: 2},
			{Header: "Invoice", Width: 2},
			{Header: "Description", Width: 3},
			{Header: "Amount", Width: 2, Align: AlignRight},
			{Header: "Share", Width: 1, Align: AlignRight},
			{Header: "Payout", Width: 2, Align: AlignRight},
		},
		Rows:  rows,
		Total: []string{"Total", "", "", "$184,220.50", "", "$67,282.02"},
	}); err != nil {
		tb.Fatal(err)
	}
	b, err := d.Bytes()
	if err != nil {
		tb.Fatal(err)
	}
	return d, b
}

// renderOwnerReport builds an owner report with charts and a partner table.
func renderOwnerReport(tb testing.TB) []byte {
	tb.Helper()
	d, err := New(Options{RunDate: testRunDate, Title: "Owner report 2025 Q1"})
	if err != nil {
		tb.Fatal(err)
	}
	steps := []func() error{
		func() error {
			return d.AddTitleBlock(TitleBlock{Company: "Partnerbook Ltd", Title: "Owner Report", Period: "1 Jan 2025 – 31 Mar 2025", DocumentID: "OR-2025Q1", Issued: "2 Apr 2025"})
		},
		func() error {
			return d.AddSummary("Quarter at a glance", []Field{
				{Label: "Gross revenue", Value: "€1,284,220.50"},
				{Label: "Partner payouts", Value: "-€412,883.10"},
				{Label: "Net retained", Value: "€871,337.40", Emphasis: true},
			})
		},
		func() error {
			return d.AddBarChart(BarChart{Title: "Payout by partner", Bars: []Bar{
				{Label: "Łódź Logistics sp. z o.o.", Value: "120450.10", Display: "€120,450.10"},
				{Label: "Zoë Martin", Value: "98000", Display: "€98,000.00"},
				{Label: "Ærøskøbing Færgeri ApS", Value: "75220.55", Display: "€75,220.55"},
				{Label: "東京 Trading KK", Value: "40100", Display: "€40,100.00"},
				{Label: "Clawback: Acme Corp", Value: "-12500", Display: "-€12,500.00"},
			}})
		},
		func() error {
			return d.AddFunnel(Funnel{Title: "Deal funnel", Stages: []Bar{
				{Label: "Leads", Value: "1200", Display: "1,200"},
				{Label: "Qualified", Value: "540", Display: "540"},
				{Label: "Proposals", Value: "210", Display: "210"},
				{Label: "Won", Value: "84", Display: "84"},
			}})
		},
		func() error {
			return d.AddStackedBar(StackedBar{Title: "Where revenue went", Segments: []Bar{
				{Label: "Partner payouts", Value: "412883.10", Display: "€412,883.10"},
				{Label: "Platform fees", Value: "96316.54", Display: "€96,316.54"},
				{Label: "Refunds", Value: "25684.41", Display: "€25,684.41"},
				{Label: "Retained", Value: "749336.45", Display: "€749,336.45"},
			}})
		},
	}
	for _, step := range steps {
		if err := step(); err != nil {
			tb.Fatal(err)
		}
	}
	b, err := d.Bytes()
	if err != nil {
		tb.Fatal(err)
	}
	return b
}

// TestWriteSamples writes sample PDFs for eyeballing when PDF_SAMPLE_DIR is set.
func TestWriteSamples(t *testing.T) {
	dir := os.Getenv("PDF_SAMPLE_DIR")
	if dir == "" {
		t.Skip("set PDF_SAMPLE_DIR to write sample PDFs")
	}
	for name, b := range map[string][]byte{
		"statement.pdf":  renderStatement(t, 40),
		"long-table.pdf": renderStatement(t, 500),
		"owner.pdf":      renderOwnerReport(t),
	} {
		if err := os.WriteFile(filepath.Join(dir, name), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}
