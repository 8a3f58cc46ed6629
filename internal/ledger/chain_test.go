package ledger

import (
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/partnerbook/partnerbook/internal/book"
	"github.com/partnerbook/partnerbook/internal/render/xlsx"
	"github.com/partnerbook/partnerbook/internal/report"
)

// linkedDir is a ledger of months, each workbook issued after the one before.
func linkedDir(t *testing.T, months ...string) string {
	dir := t.TempDir()
	prev := ""
	for _, m := range months {
		prev = writeAfter(t, filepath.Join(dir, "ledger", "payouts-"+m+".xlsx"), bookOf(t, m), prev)
	}
	return dir
}

func sealOf(t *testing.T, b *report.Book) *book.Seal {
	t.Helper()
	return xlsx.Seal(b, book.Link{})
}

func TestChainLinks(t *testing.T) {
	for _, c := range []struct {
		name  string
		setup func(t *testing.T, dir string)
		errs  []string
		warns []string
		after string // the run's predecessor period
	}{
		{"whole chain", func(t *testing.T, dir string) {}, nil, nil, "2026-11"},
		{"September replaced by another run of it", func(t *testing.T, dir string) {
			write(t, filepath.Join(dir, "ledger", "payouts-2026-09.xlsx"), bookWith(t, "2026-09", []payout{{"acme", book.StatusDue, []string{"1500.00"}}}))
		}, []string{`ledger/payouts-2026-10.xlsx: sheet "Seal": ledger/payouts-2026-10.xlsx (2026-10) was issued after another workbook of 2026-09 than the ledger's ledger/payouts-2026-09.xlsx (2026-09) (its seal differs): put the workbook of 2026-09 finance imported in the ledger`}, nil, "2026-11"},
		{"earliest sealed by v2", func(t *testing.T, dir string) {
			p := filepath.Join(dir, "ledger", "payouts-2026-09.xlsx")
			b := bookOf(t, "2026-09")
			s := sealOf(t, b)
			s.Version = book.SealVersionV2
			digest := s.Compute()
			edit(t, p, func(f *excelize.File) {
				if err := f.RemoveRow(book.SealSheet, rowOf(t, f, book.SealSheet, book.SealAfter)); err != nil {
					t.Fatal(err)
				}
				set(t, book.SealSheet, "B2", book.SealVersionV2)(f)
				set(t, book.SealSheet, "N2", digest)(f)
				set(t, book.SummarySheet, "B"+strconv.Itoa(rowOf(t, f, book.SummarySheet, book.SealRow)), digest)(f)
			})
			// October was issued after the v2 workbook: write it again naming that seal.
			oct := writeAfter(t, filepath.Join(dir, "ledger", "payouts-2026-10.xlsx"), bookOf(t, "2026-10"), p)
			writeAfter(t, filepath.Join(dir, "ledger", "payouts-2026-11.xlsx"), bookOf(t, "2026-11"), oct)
		}, nil, []string{`ledger/payouts-2026-09.xlsx: sheet "Seal": the ledger's earliest workbook was sealed before workbooks recorded the one they were issued after: whether a workbook before 2026-09 is missing from the ledger cannot be checked`}, "2026-11"},
	} {
		t.Run(c.name, func(t *testing.T) {
			dir := linkedDir(t, "2026-09", "2026-10", "2026-11")
			c.setup(t, dir)
			ch, errs, warns := load(t, dir, "2026-12", "")
			if strings.Join(errs, "\n") != strings.Join(c.errs, "\n") {
				t.Errorf("errors:\n%s\nwant:\n%s", strings.Join(errs, "\n"), strings.Join(c.errs, "\n"))
			}
			if strings.Join(warns, "\n") != strings.Join(c.warns, "\n") {
				t.Errorf("warnings:\n%s\nwant:\n%s", strings.Join(warns, "\n"), strings.Join(c.warns, "\n"))
			}
			if ch.After.Period != c.after || len(ch.After.Digest) != 64 {
				t.Errorf("the run is issued after %+v, want %s with its digest", ch.After, c.after)
			}
		})
	}
}

// A workbook sealed as a first run (issued after no workbook) while the ledger holds
// earlier months was computed without them: what they issued, it may have issued
// again. October run with an empty ledger folder, then September put back beside it.
func TestFirstRunAmidEarlierMonths(t *testing.T) {
	for _, c := range []struct {
		name    string
		october func(t *testing.T) *report.Book
		want    string
	}{
		{"issues none of September's lines", func(t *testing.T) *report.Book { return bookOf(t, "2026-10") },
			`ledger/payouts-2026-10.xlsx: sheet "Seal": payouts-2026-10.xlsx was sealed as a first run (issued after no ledger workbook), but the ledger holds earlier months: 2026-09 (ledger/payouts-2026-09.xlsx); ` +
				`it was computed without them, so it may pay again what they paid (none of their lines is in it, but its openings and corrections can differ from a run with them): ` +
				`re-issue 2026-10 with the full ledger: move payouts-2026-10.xlsx out of the ledger, make [input.ledger] files read the workbooks of 2026-09, run 2026-10 again and give finance the new payouts.xlsx in its place, ` +
				`then re-issue the ledger's later months (2026-11) in order. If finance paid payouts-2026-10.xlsx already, the lines it repeats were paid twice: recover them from the partners`},
		{"pays September's fee again", func(t *testing.T) *report.Book {
			b := bookOf(t, "2026-10")
			// acme's first line is September's D1 fee, which a run without September's
			// workbook computes as not yet issued.
			b.Payouts[0].Lines[0].ID = "acme:D1:referral"
			return b
		}, `(it issues 1 of their lines again, 1200.05 to pay, such as acme:D1:referral in PB-2026-10-acme, issued by PB-2026-09-acme)`},
	} {
		t.Run(c.name, func(t *testing.T) {
			dir := t.TempDir()
			write(t, filepath.Join(dir, "ledger", "payouts-2026-09.xlsx"), bookOf(t, "2026-09"))
			oct := write(t, filepath.Join(dir, "ledger", "payouts-2026-10.xlsx"), c.october(t))
			writeAfter(t, filepath.Join(dir, "ledger", "payouts-2026-11.xlsx"), bookOf(t, "2026-11"), oct)
			ch, errs, _ := load(t, dir, "2026-12", "")
			if len(errs) != 1 {
				t.Fatalf("errors:\n%s\nwant one naming payouts-2026-10.xlsx", strings.Join(errs, "\n"))
			}
			containsAll(t, "errors", errs, c.want)
			for _, wb := range ch.Workbooks {
				if got, want := wb.Chain != "", wb.Period.String() == "2026-10"; got != want {
					t.Errorf("%s: chain note %q", wb.Name, wb.Chain)
				}
			}
			// A re-run of October itself (after moving the workbook out) is what to do:
			// the ledger before it is September alone, and that is no error.
			if _, errs, _ := load(t, dir, "2026-10", ""); len(errs) == 0 {
				t.Errorf("a run of 2026-10 with the first-run workbook of it in the ledger: no error")
			}
		})
	}
}
