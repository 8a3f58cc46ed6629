package ledger

import (
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/partnerbook/partnerbook/internal/book"
	"github.com/partnerbook/partnerbook/internal/diag"
	"github.com/partnerbook/partnerbook/internal/money"
	"github.com/partnerbook/partnerbook/internal/render/xlsx"
)

// unseal makes a workbook as an older partnerbook wrote it: no Seal sheet, no Seal row.
func unseal(t testing.TB) func(f *excelize.File) {
	return func(f *excelize.File) {
		if err := f.DeleteSheet(book.SealSheet); err != nil {
			t.Fatal(err)
		}
		r := rowOf(t, f, book.SummarySheet, book.SealRow)
		if err := f.RemoveRow(book.SummarySheet, r); err != nil {
			t.Fatal(err)
		}
	}
}

func set(t testing.TB, sheet, ref, v string) func(f *excelize.File) {
	return func(f *excelize.File) {
		if err := f.SetCellStr(sheet, ref, v); err != nil {
			t.Fatal(err)
		}
	}
}

func TestReadSealedWorkbook(t *testing.T) {
	dir := t.TempDir()
	p := write(t, filepath.Join(dir, "ledger", "sep.xlsx"), bookOf(t, "2026-09"))
	var probs diag.List
	l := Read([]string{p}, month(t, "2026-10"), Display(dir), &probs)
	if len(probs.All()) != 0 {
		t.Fatalf("problems reading a sealed workbook: %v", probs.All())
	}
	got := map[string]string{}
	l.EachIssued(func(id, payout string, a money.Amount) {
		got[id] = a.String() + " by " + payout
	})
	want := map[string]string{
		"acme:D1:referral": "1200.05 by PB-2026-09-acme",
		"acme:D2:referral": "90 by PB-2026-09-acme",
		"lodz:D1:referral": "-400 by PB-2026-09-lodz",
	}
	if len(got) != len(want) {
		t.Errorf("issued %v, want %v", got, want)
	}
	for id, w := range want {
		if got[id] != w {
			t.Errorf("issued %s = %q, want %q", id, got[id], w)
		}
	}
	if l.CarriedBy("zoe:D1:referral") != "PB-2026-09-zoe" || l.CarriedCount() != 1 {
		t.Errorf("carried %v, want zoe's 120.00 line only", l.CarriedLines())
	}
	if !l.HasPeriod(month(t, "2026-09")) {
		t.Errorf("the ledger does not know its September workbook")
	}
	// Payouts of the period being run (or later) are not issued: a re-run reproduces it.
	if again, _, _ := read(t, dir, "2026-09", p); len(again) != 0 {
		t.Errorf("a re-run of September sees %v issued", again)
	}
}

// Statuses are words, not exact strings: case and spacing do not change what they mean.
func TestStatusesReadCaseInsensitively(t *testing.T) {
	for _, c := range []struct {
		name, partner, status string
		sealed                bool
		issued                bool
	}{
		{"unsealed lower case carried", "zoe", "carried   forward", false, false},
		{"unsealed upper case due", "acme", " DUE ", false, true},
		{"sealed lower case carried", "zoe", "CARRIED FORWARD", true, false},
		{"sealed lower case due is no edit", "acme", "due", true, true},
		{"sealed Due marked Paid", "acme", "paid", true, true},
	} {
		t.Run(c.name, func(t *testing.T) {
			dir := t.TempDir()
			p := write(t, filepath.Join(dir, "sep.xlsx"), bookOf(t, "2026-09"))
			edit(t, p, func(f *excelize.File) {
				if !c.sealed {
					unseal(t)(f)
				}
				r := rowOf(t, f, book.PayoutsSheet, "PB-2026-09-"+c.partner)
				set(t, book.PayoutsSheet, cell(t, book.PayoutColumns, book.Status, r), c.status)(f)
			})
			issued, errs, _ := read(t, dir, "2026-10", p)
			if len(errs) != 0 {
				t.Fatalf("errors: %v", errs)
			}
			line := c.partner + ":D1:referral"
			if _, got := issued[line]; got != c.issued {
				t.Errorf("status %q: %s issued = %v, want %v", c.status, line, got, c.issued)
			}
		})
	}
}

// A copy finance kept of the same workbook is read once, preferring the paid copy.
func TestDuplicatePayoutAcrossFiles(t *testing.T) {
	dir := t.TempDir()
	a := write(t, filepath.Join(dir, "a.xlsx"), bookOf(t, "2026-09"))
	b := write(t, filepath.Join(dir, "b.xlsx"), bookOf(t, "2026-09"))
	edit(t, b, func(f *excelize.File) {
		r := rowOf(t, f, book.PayoutsSheet, "PB-2026-09-acme")
		set(t, book.PayoutsSheet, cell(t, book.PayoutColumns, book.PaidDate, r), "2026-10-12")(f)
		set(t, book.PayoutsSheet, cell(t, book.PayoutColumns, book.PaymentRef, r), "WISE-1")(f)
	})
	var probs diag.List
	l := Read([]string{a, b}, month(t, "2026-10"), Display(dir), &probs)
	if len(probs.All()) != 0 {
		t.Fatalf("problems: %v", probs.All())
	}
	if len(l.Payouts) != 3 {
		t.Fatalf("%d payouts, want 3 (each once)", len(l.Payouts))
	}
	for _, p := range l.Payouts {
		if p.ID == "PB-2026-09-acme" && (p.Paid.String() != "2026-10-12" || p.Reference != "WISE-1" || p.Pos.File != "b.xlsx") {
			t.Errorf("acme read from %s paid %s ref %q, want b.xlsx's paid copy", p.Pos.File, p.Paid, p.Reference)
		}
	}
	if got := l.IssuedAmount("acme:D1:referral").String(); got != "1200.05" {
		t.Errorf("acme:D1:referral issued at %s, want 1200.05", got)
	}
}

// Two different versions of one month (a re-run with other inputs beside the one finance
// imported) are refused: picking either could pay a line twice or never.
func TestTwoVersionsOfAMonthAreRefused(t *testing.T) {
	dir := t.TempDir()
	a := write(t, filepath.Join(dir, "payouts-2026-09.xlsx"), bookOf(t, "2026-09"))
	b := write(t, filepath.Join(dir, "payouts-2026-09-rerun.xlsx"), bookWith(t, "2026-09", []payout{
		{"acme", book.StatusDue, []string{"1200.05", "90.00", "1500.00"}},
		{"lodz", book.StatusReceivable, []string{"-400.00"}},
		{"zoe", book.StatusCarried, []string{"120.00"}},
	}))
	var probs diag.List
	Read([]string{a, b}, month(t, "2026-10"), Display(dir), &probs)
	errs := probs.Errors()
	want := `payouts-2026-09-rerun.xlsx: sheet "Payouts" row 2: payout PB-2026-09-acme also appears in payouts-2026-09.xlsx, with amount 2790.05 here and 1290.05 there: two versions of one month's workbook`
	if len(errs) != 1 || !strings.HasPrefix(errs[0].String(), want) {
		t.Errorf("errors %v, want %q", errs, want)
	}
}

// A payout's lines must add up to its amount, sealed or not.
func TestLinesSumToThePayout(t *testing.T) {
	for _, c := range []struct {
		name   string
		sealed bool
		want   string
	}{
		{"unsealed", false, `sep.xlsx: sheet "Payouts" row 2: payout PB-2026-09-acme has amount 1290.05 but its lines in the Lines sheet add up to 1290.04`},
		{"sealed", true, `sep.xlsx: sheet "Lines" row 2 column "Amount": line acme:D1:referral of payout PB-2026-09-acme: "1200.04" is not what partnerbook wrote ("1200.05")`},
	} {
		t.Run(c.name, func(t *testing.T) {
			dir := t.TempDir()
			p := write(t, filepath.Join(dir, "sep.xlsx"), bookOf(t, "2026-09"))
			edit(t, p, func(f *excelize.File) {
				if !c.sealed {
					unseal(t)(f)
				}
				r := rowOf(t, f, book.LinesSheet, "acme:D1:referral")
				if err := f.SetCellFloat(book.LinesSheet, cell(t, book.LineColumns, book.Amount, r), 1200.04, -1, 64); err != nil {
					t.Fatal(err)
				}
			})
			_, errs, _ := read(t, dir, "2026-10", p)
			containsAll(t, "errors", errs, c.want)
		})
	}
}

func TestMissingColumns(t *testing.T) {
	for _, c := range []struct {
		name, sheet, col, want string
	}{
		{"status", book.PayoutsSheet, book.Status, `sep.xlsx: sheet "Payouts" row 1: column "Status" (Status) not found; the header row has: "Payout ID"`},
		{"line amount", book.LinesSheet, book.Amount, `sep.xlsx: sheet "Lines" row 1: column "Amount" (Amount) not found; the header row has: "Line ID"`},
		{"sealed opening", book.PayoutsSheet, book.Opening, `sep.xlsx: sheet "Payouts" row 1: column "Opening" (Opening) not found`},
	} {
		t.Run(c.name, func(t *testing.T) {
			dir := t.TempDir()
			p := write(t, filepath.Join(dir, "sep.xlsx"), bookOf(t, "2026-09"))
			header := book.PayoutColumns
			if c.sheet == book.LinesSheet {
				header = book.LineColumns
			}
			edit(t, p, set(t, c.sheet, cell(t, header, c.col, 1), "Something else"))
			_, errs, _ := read(t, dir, "2026-10", p)
			containsAll(t, "errors", errs, c.want)
		})
	}
}

// An older workbook without a seal, read by Read (the files taken as chosen), is read
// as before, with a warning.
func TestUnsealedWorkbookWarns(t *testing.T) {
	dir := t.TempDir()
	p := write(t, filepath.Join(dir, "sep.xlsx"), bookOf(t, "2026-09"))
	edit(t, p, unseal(t))
	issued, errs, warns := read(t, dir, "2026-10", p)
	if len(errs) != 0 || len(issued) != 3 {
		t.Fatalf("errors %v, issued %v", errs, issued)
	}
	containsAll(t, "warnings", warns, `sep.xlsx: no seal (accepted unsealed as written before partnerbook sealed its workbooks)`)
}

// The ledger's only workbook without its Seal and Summary sheets (finance copied the
// visible sheets into a workbook of its own) and with a paid payout deleted: taken for
// an older partnerbook's with a warning, it paid the deleted payout again. Refused,
// saying why and how to go on; accepted only when accept_unsealed names its month.
func TestUnsealedFirstWorkbookIsRefusedUnlessAccepted(t *testing.T) {
	dir := t.TempDir()
	sep := write(t, filepath.Join(dir, "ledger", "payouts-2026-09.xlsx"), bookOf(t, "2026-09"))
	edit(t, sep, func(f *excelize.File) {
		must(t, f.DeleteSheet(book.SealSheet))
		must(t, f.DeleteSheet(book.SummarySheet))
		must(t, f.RemoveRow(book.PayoutsSheet, rowOf(t, f, book.PayoutsSheet, "PB-2026-09-acme")))
		for _, id := range []string{"acme:D1:referral", "acme:D2:referral"} {
			must(t, f.RemoveRow(book.LinesSheet, rowOf(t, f, book.LinesSheet, id)))
		}
	})
	chain, errs, warns := load(t, dir, "2026-10", "")
	if len(errs) != 1 || len(warns) != 0 {
		t.Fatalf("errors %v, warnings %v: want one refusal", errs, warns)
	}
	containsAll(t, "errors", errs, `ledger/payouts-2026-09.xlsx: ledger/payouts-2026-09.xlsx has no seal: `,
		`copying a workbook's visible sheets into a new one leaves its hidden Seal sheet behind, so an edit to it, such as a deleted payout, would go unseen and that payout would be paid again`,
		`(the file given to finance, or out/2026-09/payouts.xlsx of its run)`,
		`add accept_unsealed = ["2026-09"] to [input.ledger] in partnerbook.toml`)
	if wb := chain.Workbooks[0]; wb.Seal != Unsealed || wb.Chain != "no seal, not accepted unsealed" {
		t.Errorf("September: %s; %s", wb.Seal, wb.Chain)
	}

	_, errs, warns = load(t, dir, "2026-10", "", "2026-09")
	if len(errs) != 0 || len(warns) != 1 || !strings.Contains(warns[0], `ledger/payouts-2026-09.xlsx: no seal (accepted unsealed`) {
		t.Errorf("accepted: errors %v, warnings %v", errs, warns)
	}
	// A month accepted that has no unsealed workbook accepts nothing: a warning.
	_, errs, warns = load(t, dir, "2026-10", "", "2026-09", "2026-08")
	if len(errs) != 0 || len(warns) != 2 || !strings.Contains(strings.Join(warns, "\n"), `partnerbook.toml: [input.ledger] accept_unsealed lists 2026-08, but the ledger holds no workbook of 2026-08 without a seal`) {
		t.Errorf("errors %v, warnings %v", errs, warns)
	}
}

// The seal itself is protected: editing it, or removing its sheet, is refused.
func TestSealTampering(t *testing.T) {
	for _, c := range []struct {
		name string
		fn   func(t *testing.T, f *excelize.File)
		want string
	}{
		{"seal amount edited", func(t *testing.T, f *excelize.File) {
			r := rowOf(t, f, book.SealSheet, book.SealPayout) // the first payout: acme
			set(t, book.SealSheet, cell(t, book.SealColumns, book.Amount, r), "99999")(f)
		}, `sep.xlsx: sheet "Seal": the Seal sheet was edited (its digest does not match its contents)`},
		{"seal sheet removed", func(t *testing.T, f *excelize.File) {
			if err := f.DeleteSheet(book.SealSheet); err != nil {
				t.Fatal(err)
			}
		}, `sep.xlsx: sheet "Summary" row 20 column "B": the workbook's Seal sheet was removed`},
	} {
		t.Run(c.name, func(t *testing.T) {
			dir := t.TempDir()
			p := write(t, filepath.Join(dir, "sep.xlsx"), bookOf(t, "2026-09"))
			edit(t, p, func(f *excelize.File) { c.fn(t, f) })
			_, errs, _ := read(t, dir, "2026-10", p)
			containsAll(t, "errors", errs, c.want)
		})
	}
}

func sortedIDs(m map[string]string) string {
	var ids []string
	for id, a := range m {
		ids = append(ids, id+"="+a)
	}
	sort.Strings(ids)
	return strings.Join(ids, ",")
}

// A ledger begun by a partnerbook that did not seal, continued by one that does: the
// unsealed months before the first sealed one are read with a warning each. A month
// after it without a seal lost its seal: refused.
func TestUnsealedMonthsBeforeAndAfterTheFirstSealed(t *testing.T) {
	dir := t.TempDir()
	aug := write(t, filepath.Join(dir, "ledger", "payouts-2026-08.xlsx"), bookOf(t, "2026-08"))
	edit(t, aug, unseal(t))
	// September's run read August, unsealed: its seal names the month only.
	sep := filepath.Join(dir, "ledger", "payouts-2026-09.xlsx")
	f, err := os.Create(sep)
	must(t, err)
	must(t, xlsx.Write(f, bookOf(t, "2026-09"), book.Link{Period: "2026-08"}))
	must(t, f.Close())
	oct := writeAfter(t, filepath.Join(dir, "ledger", "payouts-2026-10.xlsx"), bookOf(t, "2026-10"), sep)

	_, errs, warns := load(t, dir, "2026-11", "", "2026-08")
	if len(errs) != 0 {
		t.Fatalf("errors: %v", errs)
	}
	if len(warns) != 1 || !strings.Contains(warns[0], `ledger/payouts-2026-08.xlsx: no seal (accepted unsealed`) {
		t.Errorf("warnings %v, want August's only", warns)
	}

	edit(t, oct, unseal(t))
	chain, errs, warns := load(t, dir, "2026-11", "", "2026-08")
	containsAll(t, "errors", errs, `ledger/payouts-2026-10.xlsx: ledger/payouts-2026-10.xlsx has no seal, but the ledger's workbooks from 2026-09 on are sealed (ledger/payouts-2026-09.xlsx is the first)`)
	if len(errs) != 1 || len(warns) != 1 {
		t.Errorf("errors %v, warnings %v: want October's error and August's warning", errs, warns)
	}
	if wb := chain.Workbooks[2]; wb.Seal != Unsealed || wb.Chain != "no seal after sealed months" {
		t.Errorf("October: %s; %s", wb.Seal, wb.Chain)
	}

	// Beside the sealed October, an unsealed copy of it (finance's, with a paid date)
	// is checked against it: one issue, read without a word; another issue, refused.
	oct = writeAfter(t, oct, bookOf(t, "2026-10"), sep)
	cp := filepath.Join(dir, "ledger", "payouts-2026-10-paid.xlsx")
	copyFile(t, oct, cp)
	edit(t, cp, func(f *excelize.File) {
		unseal(t)(f)
		set(t, book.PayoutsSheet, cell(t, book.PayoutColumns, book.PaidDate, rowOf(t, f, book.PayoutsSheet, "PB-2026-10-acme")), "2026-11-12")(f)
	})
	_, errs, warns = load(t, dir, "2026-11", "", "2026-08")
	if len(errs) != 0 || len(warns) != 1 {
		t.Errorf("errors %v, warnings %v: want August's warning only", errs, warns)
	}
	edit(t, cp, func(f *excelize.File) {
		must(t, f.RemoveRow(book.PayoutsSheet, rowOf(t, f, book.PayoutsSheet, "PB-2026-10-zoe")))
		must(t, f.RemoveRow(book.LinesSheet, rowOf(t, f, book.LinesSheet, "zoe:D1:referral:2026-10")))
	})
	_, errs, _ = load(t, dir, "2026-11", "", "2026-08")
	containsAll(t, "errors", errs, `are two versions of 2026-10 (payout PB-2026-10-zoe`)
}

// The Lines sheet's descriptive columns are read when there, for a carried line and a
// revenue share's date; a workbook without them reads as before.
func TestLinesWithoutDescriptiveColumns(t *testing.T) {
	dir := t.TempDir()
	p := write(t, filepath.Join(dir, "sep.xlsx"), bookOf(t, "2026-09"))
	var probs diag.List
	l := Read([]string{p}, month(t, "2026-10"), Display(dir), &probs)
	zoe := l.Payouts[len(l.Payouts)-1]
	if rec := zoe.Records["zoe:D1:referral"]; zoe.ID != "PB-2026-09-zoe" || rec.Eligible.String() != "2026-09-01" {
		t.Errorf("%s records %+v, want zoe:D1:referral eligible 2026-09-01", zoe.ID, zoe.Records)
	}
	edit(t, p, func(f *excelize.File) {
		for _, c := range []string{book.EligibleDate, book.EventDate, book.Client, book.DealID} {
			col, _ := excelize.ColumnNumberToName(colIndex(t, book.LineColumns, c))
			must(t, f.RemoveCol(book.LinesSheet, col))
		}
	})
	issued, errs, _ := read(t, dir, "2026-10", p)
	if len(errs) != 0 || len(issued) != 3 {
		t.Errorf("errors %v, issued %v", errs, issued)
	}
}

func colIndex(t testing.TB, header []string, name string) int {
	for i, h := range header {
		if h == name {
			return i + 1
		}
	}
	t.Fatalf("no column %q", name)
	return 0
}
