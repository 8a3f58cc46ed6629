package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/partnerbook/partnerbook/internal/book"
)

// The September workbook goes back to finance, comes back with paid dates, and is the
// October run's ledger: nothing is paid twice, late lines are paid, carried amounts
// return as Opening, and unpaid payouts are overdue.
func TestLedgerRoundTrip(t *testing.T) {
	f := goodFixture()
	f.toml = strings.Replace(f.toml, `minimum_payout = "100.00"`, `minimum_payout = "150.00"`, 1)
	f.toml += `
[[partner]]
id = "zoe"
name = "Zoë Martin"
type = "referral"
  [[partner.terms]]
  from = 2026-01-01
  referral = { flat = "120.00" }
`
	f.deals = append(f.deals,
		[]any{"D5", "Brand", "Hooli", "Won", "won", 3000, "2026-09-01", "2026-09-20", "Partner: Acme Consulting"},
		[]any{"D7", "Small", "Vandelay", "Won", "won", 100, "2026-09-01", "2026-09-21", "Partner: Zoë Martin"},
	)
	cfg := f.write(t)
	dir := filepath.Dir(cfg)
	out := filepath.Join(t.TempDir(), "out")
	runOK(t, "run", "-c", cfg, "--out", out, "--period", "2026-09")

	// September: acme 300 due (D5), lodz -4000 receivable (D2), zoe 120 carried (< 150).
	sep := openBook(t, filepath.Join(out, "2026-09", "payouts.xlsx"))
	wantCell := func(id, col, want string) {
		t.Helper()
		r := rowOf(t, sep, book.PayoutsSheet, id)
		c := colOf(t, book.PayoutColumns, col)
		got, _ := cellAt(t, sep, book.PayoutsSheet, c, r)
		if got != want {
			t.Errorf("September %s %s = %q, want %q", id, col, got, want)
		}
	}
	wantCell("PB-2026-09-acme", book.Amount, "300")
	wantCell("PB-2026-09-acme", book.Status, string(book.StatusDue))
	wantCell("PB-2026-09-lodz", book.Status, string(book.StatusReceivable))
	wantCell("PB-2026-09-zoe", book.Status, string(book.StatusCarried))

	// Finance pays lodz's invoice... and marks acme paid; the sheet comes back as the ledger.
	r := rowOf(t, sep, book.PayoutsSheet, "PB-2026-09-acme")
	must(t, sep.SetCellValue(book.PayoutsSheet, "N"+itoa(r), "2026-10-12"))
	must(t, sep.SetCellValue(book.PayoutsSheet, "O"+itoa(r), "WISE-123"))
	must(t, sep.SaveAs(filepath.Join(dir, "ledger", "payouts-2026-09.xlsx")))

	// A re-run of September with its own workbook in the ledger reproduces it.
	before, _ := os.ReadFile(filepath.Join(out, "2026-09", "payouts.xlsx"))
	runOK(t, "run", "-c", cfg, "--out", out, "--period", "2026-09")
	after, _ := os.ReadFile(filepath.Join(out, "2026-09", "payouts.xlsx"))
	if string(before) != string(after) {
		t.Errorf("re-running September with its own ledger changed the workbook")
	}

	// October's export brings a deal won in September that was missing before.
	f.deals = append(f.deals, []any{"D6", "Late", "Stark", "Won", "won", 2000, "2026-08-01", "2026-09-25", "Partner: Acme Consulting"})
	writeXLSX(t, filepath.Join(dir, "deals.xlsx"), "Opportunities", f.deals)
	runOK(t, "run", "-c", cfg, "--out", out, "--as-of", "2026-11-02")

	oct := openBook(t, filepath.Join(out, "2026-10", "payouts.xlsx"))
	lines, _ := oct.GetRows(book.LinesSheet)
	var ids []string
	for _, l := range lines[1:] {
		ids = append(ids, l[0])
	}
	got := strings.Join(ids, ",")
	want := "acme:D6:referral,acme:D4:referral,acme:D1:referral,zoe:D7:referral"
	if got != want {
		t.Errorf("October lines %s, want %s (D5 and the wholesale of D2 were issued in September)", got, want)
	}
	// acme: 200 (late D6) + 90 + 1,200.05; zoe: opening 120 carried from September.
	r = rowOf(t, oct, book.PayoutsSheet, "PB-2026-10-acme")
	if v, _ := cellAt(t, oct, book.PayoutsSheet, colOf(t, book.PayoutColumns, book.Amount), r); v != "1490.05" {
		t.Errorf("October acme amount %q, want 1490.05", v)
	}
	r = rowOf(t, oct, book.PayoutsSheet, "PB-2026-10-zoe")
	if v, _ := cellAt(t, oct, book.PayoutsSheet, colOf(t, book.PayoutColumns, book.Opening), r); v != "120" {
		t.Errorf("October zoe opening %q, want 120", v)
	}
	if rows, _ := oct.GetRows(book.PayoutsSheet); len(rows) != 3 {
		t.Errorf("October has %d payout rows, want acme and zoe only (no repeated September rows)", len(rows)-1)
	}
}

func TestOverdueInSummary(t *testing.T) {
	f := goodFixture()
	f.deals = append(f.deals, []any{"D5", "Brand", "Hooli", "Won", "won", 3000, "2026-09-01", "2026-09-20", "Partner: Acme Consulting"})
	cfg := f.write(t)
	out := filepath.Join(t.TempDir(), "out")
	runOK(t, "run", "-c", cfg, "--out", out, "--period", "2026-09")
	data, _ := os.ReadFile(filepath.Join(out, "2026-09", "payouts.xlsx"))
	must(t, os.WriteFile(filepath.Join(filepath.Dir(cfg), "ledger", "sep.xlsx"), data, 0o644))
	// Due 2026-10-30, unpaid: overdue as of 2026-10-31, not as of 2026-10-30. Both
	// directions: acme's payout we owe, and September's receivable owed to us.
	s := runOK(t, "run", "-c", cfg, "--out", out)
	for _, want := range []string{"payouts:        1 due (1 in all)", "owed to us:     $0.00",
		"overdue:        1 earlier payout(s) we owe, $300.00", "overdue:        1 earlier receivable(s) owed to us, $4,000.00"} {
		if !strings.Contains(s, want) {
			t.Errorf("summary lacks %q:\n%s", want, s)
		}
	}
	if s := runOK(t, "run", "-c", cfg, "--out", out, "--as-of", "2026-10-30"); strings.Contains(s, "overdue") {
		t.Errorf("overdue before the due date passed:\n%s", s)
	}
}

// A ledger workbook edited beyond the paid-date columns stops the run, and a status
// retyped in another case keeps its meaning.
func TestEditedLedger(t *testing.T) {
	f := goodFixture()
	f.deals = append(f.deals, []any{"D5", "Brand", "Hooli", "Won", "won", 3000, "2026-09-01", "2026-09-20", "Partner: Acme Consulting"})
	cfg := f.write(t)
	dir := filepath.Dir(cfg)
	out := filepath.Join(t.TempDir(), "out")
	runOK(t, "run", "-c", cfg, "--out", out, "--period", "2026-09")
	sepPath := filepath.Join(out, "2026-09", "payouts.xlsx")

	// A deleted line row: the payout's lines no longer add up to its amount.
	sep := openBook(t, sepPath)
	must(t, sep.RemoveRow(book.LinesSheet, rowOf(t, sep, book.LinesSheet, "acme:D5:referral")))
	must(t, sep.SaveAs(filepath.Join(dir, "ledger", "sep.xlsx")))
	code, _, errs := cli("run", "-c", cfg, "--out", out)
	if code != 1 || !strings.Contains(errs, `ledger/sep.xlsx: sheet "Lines": line acme:D5:referral of payout PB-2026-09-acme (amount 300) was deleted from the Lines sheet`) {
		t.Errorf("deleted ledger line: exit %d\n%s", code, errs)
	}

	// Finance retypes a Due status as "carried forward": its lines would be paid again,
	// so the sealed workbook refuses it, naming the cell and what partnerbook wrote.
	sep = openBook(t, sepPath)
	r := rowOf(t, sep, book.PayoutsSheet, "PB-2026-09-acme")
	must(t, sep.SetCellValue(book.PayoutsSheet, "L"+itoa(r), "carried  forward"))
	must(t, sep.SaveAs(filepath.Join(dir, "ledger", "sep.xlsx")))
	code, _, errs = cli("run", "-c", cfg, "--out", out)
	want := `ledger/sep.xlsx: sheet "Payouts" row 2 column "Status": payout PB-2026-09-acme: "carried  forward" is not what partnerbook wrote ("Due")`
	if code != 1 || !strings.Contains(errs, want) {
		t.Errorf("retyped status: exit %d, want 1 with %s\n%s", code, want, errs)
	}

	// Retyped in lower case, the same status is no edit.
	sep = openBook(t, sepPath)
	must(t, sep.SetCellValue(book.PayoutsSheet, "L"+itoa(r), "  due "))
	must(t, sep.SaveAs(filepath.Join(dir, "ledger", "sep.xlsx")))
	s := runOK(t, "run", "-c", cfg, "--out", out)
	oct := openBook(t, filepath.Join(out, "2026-10", "payouts.xlsx"))
	if _, err := oct.SearchSheet(book.LinesSheet, "acme:D5:referral"); err != nil {
		t.Fatal(err)
	}
	if cells, _ := oct.SearchSheet(book.LinesSheet, "acme:D5:referral"); len(cells) != 0 {
		t.Errorf("October pays acme:D5:referral again although September issued it (status \"  due \")\n%s", s)
	}
}

// A month in which nobody earned anything still leaves a workbook; with it in the
// ledger the next run knows the month was run and does not warn.
func TestEmptyLedgerMonthCounts(t *testing.T) {
	f := goodFixture()
	f.deals = f.deals[:1]
	f.payments = f.payments[:1]
	cfg := f.write(t)
	out := filepath.Join(t.TempDir(), "out")
	runOK(t, "run", "-c", cfg, "--out", out, "--period", "2026-09")
	data, _ := os.ReadFile(filepath.Join(out, "2026-09", "payouts.xlsx"))
	must(t, os.WriteFile(filepath.Join(filepath.Dir(cfg), "ledger", "sep.xlsx"), data, 0o644))
	f.deals = goodFixture().deals
	writeXLSX(t, filepath.Join(filepath.Dir(cfg), "deals.xlsx"), "Opportunities", f.deals)
	if s := runOK(t, "run", "-c", cfg, "--out", out); strings.Contains(s, "no payouts.xlsx of 2026-09") {
		t.Errorf("warned about a missing ledger although September's (empty) workbook is there:\n%s", s)
	}
}

// `partnerbook ledger` lists the chain with each month's amounts and seal, and names a
// month the ledger lacks, with the earlier run to copy.
func TestLedgerCommand(t *testing.T) {
	f := goodFixture()
	f.deals = append(f.deals, []any{"D5", "Brand", "Hooli", "Won", "won", 3000, "2026-09-01", "2026-09-20", "Partner: Acme Consulting"})
	cfg := f.write(t)
	dir := filepath.Dir(cfg)
	out := filepath.Join(dir, "out")
	runOK(t, "run", "-c", cfg, "--out", out, "--period", "2026-09")
	sep := openBook(t, filepath.Join(out, "2026-09", "payouts.xlsx"))
	r := rowOf(t, sep, book.PayoutsSheet, "PB-2026-09-acme")
	must(t, sep.SetCellValue(book.PayoutsSheet, "N"+itoa(r), "2026-10-12"))
	must(t, sep.SaveAs(filepath.Join(dir, "ledger", "payouts-2026-09.xlsx")))

	code, stdout, stderr := cli("ledger", "-c", cfg, "--out", out, "--period", "2026-10")
	if code != 0 || !strings.Contains(stdout, "ledger/payouts-2026-09.xlsx") || !strings.Contains(stdout, "sealed ok") || !strings.Contains(stdout, "$300.00") {
		t.Errorf("ledger before October: exit %d\n%s\n%s", code, stdout, stderr)
	}
	runOK(t, "run", "-c", cfg, "--out", out, "--period", "2026-10")
	code, stdout, stderr = cli("ledger", "-c", cfg, "--out", out, "--period", "2026-11")
	if code != 1 || !strings.Contains(stdout, "2026-10   MISSING") ||
		!strings.Contains(stderr, "the ledger has no workbook of 2026-10") ||
		!strings.Contains(stderr, "copy out/2026-10/payouts.xlsx to ledger/payouts-2026-10.xlsx") {
		t.Errorf("ledger before November without October: exit %d\n%s\n%s", code, stdout, stderr)
	}
	// The run refuses the same gap.
	if code, _, errs := cli("run", "-c", cfg, "--out", out, "--period", "2026-11"); code != 1 || !strings.Contains(errs, "the ledger has no workbook of 2026-10") {
		t.Errorf("run of November without October: exit %d\n%s", code, errs)
	}
}

// Finance fills the paid date down the whole column, past zoe's carried 120.00 (below
// the 150.00 minimum): October would pay zoe's carried line again as Opening. The run
// stops until the date is cleared; then October pays it once.
func TestPaidDateOnACarriedPayout(t *testing.T) {
	f := goodFixture()
	f.toml = strings.Replace(f.toml, `minimum_payout = "100.00"`, `minimum_payout = "150.00"`, 1)
	f.toml += `
[[partner]]
id = "zoe"
name = "Zoë Martin"
type = "referral"
  [[partner.terms]]
  from = 2026-01-01
  referral = { flat = "120.00" }
`
	f.deals = append(f.deals, []any{"D7", "Small", "Vandelay", "Won", "won", 100, "2026-09-01", "2026-09-21", "Partner: Zoë Martin"})
	cfg := f.write(t)
	dir := filepath.Dir(cfg)
	out := filepath.Join(t.TempDir(), "out")
	runOK(t, "run", "-c", cfg, "--out", out, "--period", "2026-09")
	sep := openBook(t, filepath.Join(out, "2026-09", "payouts.xlsx"))
	r := rowOf(t, sep, book.PayoutsSheet, "PB-2026-09-zoe")
	must(t, sep.SetCellValue(book.PayoutsSheet, "N"+itoa(r), "2026-10-12"))
	must(t, sep.SaveAs(filepath.Join(dir, "ledger", "payouts-2026-09.xlsx")))

	want := `payout PB-2026-09-zoe was carried forward (below the minimum payout: its lines, 120, are paid with the partner's next payout, as its Opening) but has a Paid date, 2026-10-12`
	if stderr := runFails(t, "run", "-c", cfg, "--out", out, "--period", "2026-10"); !strings.Contains(stderr, want) {
		t.Errorf("stderr:\n%s\nwant %q", stderr, want)
	}
	must(t, sep.SetCellValue(book.PayoutsSheet, "N"+itoa(r), ""))
	must(t, sep.SaveAs(filepath.Join(dir, "ledger", "payouts-2026-09.xlsx")))
	runOK(t, "run", "-c", cfg, "--out", out, "--period", "2026-10")
	oct := openBook(t, filepath.Join(out, "2026-10", "payouts.xlsx"))
	if v, _ := cellAt(t, oct, book.PayoutsSheet, colOf(t, book.PayoutColumns, book.Opening), rowOf(t, oct, book.PayoutsSheet, "PB-2026-10-zoe")); v != "120" {
		t.Errorf("October zoe opening %q, want 120", v)
	}
}
