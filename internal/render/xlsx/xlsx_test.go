package xlsx

import (
	"archive/zip"
	"bytes"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/partnerbook/partnerbook/internal/book"
	"github.com/partnerbook/partnerbook/internal/civil"
	"github.com/partnerbook/partnerbook/internal/money"
	"github.com/partnerbook/partnerbook/internal/report"
)

// testBook is a period of three payouts with a few lines each and one campaign lead.
func testBook() *report.Book {
	period := civil.NewMonth(2026, 10)
	b := &report.Book{Program: "Test Agency", Currency: "USD", Policy: money.Policy{Places: 2}, Period: period, AsOf: period.Last(),
		Leads: []book.SealedLead{{Deal: "D-9", Campaign: "webinar", Owner: "acme", By: book.LeadByTag, Period: "2026-10"}}}
	for i, id := range []string{"acme", "globex", "initech"} {
		po := &report.PayoutRow{ID: book.MakePayoutID("2026-10", id), Partner: report.PartnerInfo{ID: id, Name: strings.ToUpper(id)},
			Period: period, Status: book.StatusDue, Due: civil.New(2026, 11, 30)}
		for j := range i + 2 {
			amount := money.MustAmount(fmt.Sprintf("%d.%02d", 100*(i+1), j))
			po.Lines = append(po.Lines, report.LineRow{ID: fmt.Sprintf("%s:D-%d:referral", id, j), PayoutID: po.ID, PartnerID: id,
				DealID: fmt.Sprintf("D-%d", j), Client: "Client\twith a tab", Rule: "referral", Basis: amount, Rate: "10%", Amount: amount,
				Event: civil.New(2026, 10, 1+j), Eligible: civil.New(2026, 10, 1+j), Description: "=not a formula"})
			po.Earned = po.Earned.Add(amount)
		}
		po.Amount = po.Earned
		b.Payouts = append(b.Payouts, po)
	}
	return b
}

func write(t *testing.T, b *report.Book) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := Write(&buf, b, book.Link{}); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// The same book gives the same bytes every time, with both the Lines and the Seal
// sheet streamed, and the workbook's parts in name order.
func TestWriteIsByteIdentical(t *testing.T) {
	first := write(t, testBook())
	for range 8 {
		if !bytes.Equal(write(t, testBook()), first) {
			t.Fatal("a second write of the same book differs")
		}
	}
	zr, err := zip.NewReader(bytes.NewReader(first), int64(len(first)))
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, f := range zr.File {
		names = append(names, f.Name)
	}
	if !slices.IsSorted(names) || !slices.Contains(names, "xl/worksheets/sheet5.xml") {
		t.Errorf("parts %q, want the four sheets in name order", names)
	}
}

// The streamed Seal sheet holds the seal's rows as text, hidden, after its header.
func TestSealSheetHoldsTheSeal(t *testing.T) {
	b := testBook()
	f, err := excelize.OpenReader(bytes.NewReader(write(t, b)))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := f.GetRows(book.SealSheet)
	if err != nil {
		t.Fatal(err)
	}
	want := [][]string{book.SealColumns}
	if err := Seal(b, book.Link{}).EachRow(func(r []string) error { want = append(want, append([]string(nil), r...)); return nil }); err != nil {
		t.Fatal(err)
	}
	if len(rows) != len(want) || len(want) < 12 {
		t.Fatalf("%d rows, want %d", len(rows), len(want))
	}
	for i := range want {
		// GetRows leaves out a row's empty cells at its end.
		w := want[i]
		for len(w) > 0 && w[len(w)-1] == "" {
			w = w[:len(w)-1]
		}
		if !slices.Equal(rows[i], w) {
			t.Errorf("row %d: %q, want %q", i+1, rows[i], w)
		}
	}
	if visible, err := f.GetSheetVisible(book.SealSheet); err != nil || visible {
		t.Errorf("Seal sheet visible %v (%v), want hidden", visible, err)
	}
	cell, err := f.GetCellType(book.SealSheet, "A2")
	if err != nil || cell != excelize.CellTypeInlineString {
		t.Errorf("record cell type %v (%v), want an inline string", cell, err)
	}
}
