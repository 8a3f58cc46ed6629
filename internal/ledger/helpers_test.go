package ledger

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/partnerbook/partnerbook/internal/book"
	"github.com/partnerbook/partnerbook/internal/civil"
	"github.com/partnerbook/partnerbook/internal/diag"
	"github.com/partnerbook/partnerbook/internal/money"
	"github.com/partnerbook/partnerbook/internal/render/xlsx"
	"github.com/partnerbook/partnerbook/internal/report"
)

func amt(t testing.TB, s string) money.Amount {
	t.Helper()
	a, err := money.ParseAmount(s)
	if err != nil {
		t.Fatal(err)
	}
	return a
}

func month(t testing.TB, s string) civil.Month {
	t.Helper()
	m, err := civil.ParseMonth(s)
	if err != nil {
		t.Fatal(err)
	}
	return m
}

// payout is a payout of the test book: partner, status and its lines' amounts.
type payout struct {
	partner string
	status  book.PayoutStatus
	lines   []string // amounts
}

// bookOf is the workbook partnerbook writes for period: acme due 1,290.05 (1,200.05 and
// 90.00), lodz receivable -400.00 (wholesale), zoe carried 120.00.
func bookOf(t testing.TB, period string) *report.Book {
	return bookWith(t, period, []payout{
		{"acme", book.StatusDue, []string{"1200.05", "90.00"}},
		{"lodz", book.StatusReceivable, []string{"-400.00"}},
		{"zoe", book.StatusCarried, []string{"120.00"}},
	})
}

func bookWith(t testing.TB, period string, ps []payout) *report.Book {
	m := month(t, period)
	b := &report.Book{Program: "Test program", Currency: "USD", Policy: money.Policy{Places: 2}, Period: m, AsOf: m.Last()}
	for _, p := range ps {
		row := &report.PayoutRow{ID: book.MakePayoutID(period, p.partner), Partner: report.PartnerInfo{ID: p.partner, Name: strings.ToUpper(p.partner)},
			Period: m, Status: p.status}
		if p.status == book.StatusDue || p.status == book.StatusReceivable {
			row.Due = m.Last().AddDays(30)
		}
		for i, a := range p.lines {
			x := amt(t, a)
			id := p.partner + ":D" + string(rune('1'+i)) + ":referral"
			if period != "2026-09" {
				id += ":" + period // each month's lines are its own
			}
			row.Lines = append(row.Lines, report.LineRow{ID: id, PayoutID: row.ID, PartnerID: p.partner, Rule: "referral", Amount: x, Eligible: m.First()})
			row.Amount = row.Amount.Add(x)
			if x.Sign() > 0 {
				row.Earned = row.Earned.Add(x)
			} else {
				row.Charges = row.Charges.Add(x)
			}
		}
		b.Payouts = append(b.Payouts, row)
	}
	return b
}

// write writes b as path, as a first run writes it (no ledger read).
func write(t testing.TB, path string, b *report.Book) string {
	t.Helper()
	return writeAfter(t, path, b, "")
}

// writeAfter writes b as path, as a run whose ledger's latest workbook was prev
// ("" for none) writes it.
func writeAfter(t testing.TB, path string, b *report.Book, prev string) string {
	t.Helper()
	var after book.Link
	if prev != "" {
		var probs diag.List
		s := readSeal(prev, prev, &probs)
		if s == nil {
			t.Fatalf("%s: %v", prev, texts(probs.All()))
		}
		after = book.Link{Period: s.Period, Digest: s.Digest}
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := xlsx.Write(f, b, after); err != nil {
		t.Fatal(err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
	return path
}

// edit opens path, lets fn change it, and saves it.
func edit(t testing.TB, path string, fn func(f *excelize.File)) {
	t.Helper()
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	fn(f)
	if err := f.Save(); err != nil {
		t.Fatal(err)
	}
	f.Close()
}

// rowOf is the 1-based row of the first cell of a sheet whose column A is id.
func rowOf(t testing.TB, f *excelize.File, sheet, id string) int {
	t.Helper()
	rows, err := f.GetRows(sheet)
	if err != nil {
		t.Fatal(err)
	}
	for i, r := range rows {
		if len(r) > 0 && r[0] == id {
			return i + 1
		}
	}
	t.Fatalf("no row %q in %s", id, sheet)
	return 0
}

// cell is the name of a cell by column header.
func cell(t testing.TB, header []string, col string, row int) string {
	t.Helper()
	for i, h := range header {
		if h == col {
			c, _ := excelize.CoordinatesToCellName(i+1, row)
			return c
		}
	}
	t.Fatalf("no column %q", col)
	return ""
}

// read reads files for a run of period through Read, with problems as text.
func read(t testing.TB, dir string, period string, files ...string) (map[string]string, []string, []string) {
	t.Helper()
	var probs diag.List
	l := Read(files, month(t, period), Display(dir), &probs)
	issued := map[string]string{}
	l.EachIssued(func(id, _ string, a money.Amount) {
		issued[id] = a.String()
	})
	return issued, texts(probs.Errors()), texts(probs.Warnings())
}

func texts(ps []diag.Problem) []string {
	var out []string
	for _, p := range ps {
		out = append(out, p.String())
	}
	return out
}

func containsAll(t testing.TB, what string, got []string, want ...string) {
	t.Helper()
	all := strings.Join(got, "\n")
	for _, w := range want {
		if !strings.Contains(all, w) {
			t.Errorf("%s lack %q:\n%s", what, w, all)
		}
	}
}
