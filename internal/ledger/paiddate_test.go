package ledger

import (
	"archive/zip"
	"bytes"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/partnerbook/partnerbook/internal/book"
	"github.com/partnerbook/partnerbook/internal/civil"
	"github.com/partnerbook/partnerbook/internal/diag"
	"github.com/partnerbook/partnerbook/internal/domain"
	"github.com/partnerbook/partnerbook/internal/render/xlsx"
)

// paidOct12 is the day finance paid acme's September payout in these tests.
var paidOct12 = civil.New(2026, 10, 12)

// serialOf is the serial number of a day in the 1900 date system.
func serialOf(d civil.Date) float64 { return float64(xlsx.Serial(d)) }

// paidCell is the reference of acme's Paid date cell in f (acme's row).
func paidCell(t testing.TB, f *excelize.File) string {
	return cell(t, book.PayoutColumns, book.PaidDate, rowOf(t, f, book.PayoutsSheet, "PB-2026-09-acme"))
}

// numberIn sets acme's Paid date to the number v with a new style of number format
// id (a built-in format) or custom code.
func numberIn(v float64, id int, code string) func(t testing.TB, f *excelize.File) {
	return func(t testing.TB, f *excelize.File) {
		st := &excelize.Style{NumFmt: id}
		if code != "" {
			st = &excelize.Style{CustomNumFmt: &code}
		}
		s, err := f.NewStyle(st)
		must(t, err)
		ref := paidCell(t, f)
		must(t, f.SetCellFloat(book.PayoutsSheet, ref, v, -1, 64))
		must(t, f.SetCellStyle(book.PayoutsSheet, ref, ref, s))
	}
}

// readPaid reads path for a run of 2026-10 and returns acme's September payout.
func readPaid(t *testing.T, dir, path string) (*domain.IssuedPayout, []string) {
	t.Helper()
	var probs diag.List
	l := Read([]string{path}, month(t, "2026-10"), Display(dir), &probs)
	for _, p := range l.Payouts {
		if p.ID == "PB-2026-09-acme" {
			return p, texts(probs.Errors())
		}
	}
	return nil, texts(probs.Errors())
}

// rawCell replaces the XML of one cell of the Payouts sheet in the workbook at path,
// for what excelize does not write: an error value, a formula with its result.
func rawCell(t testing.TB, path, ref, cellXML string) {
	t.Helper()
	data, err := os.ReadFile(path)
	must(t, err)
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	must(t, err)
	part := func(name string) []byte {
		for _, f := range zr.File {
			if f.Name == name {
				rc, err := f.Open()
				must(t, err)
				b, err := io.ReadAll(rc)
				must(t, err)
				return b
			}
		}
		t.Fatalf("no part %s", name)
		return nil
	}
	rid := regexp.MustCompile(`<sheet name="` + book.PayoutsSheet + `"[^>]* r:id="([^"]+)"`).FindSubmatch(part("xl/workbook.xml"))
	if rid == nil {
		t.Fatal("no Payouts sheet in workbook.xml")
	}
	target := regexp.MustCompile(`Id="` + string(rid[1]) + `"[^>]*Target="([^"]+)"|Target="([^"]+)"[^>]*Id="` + string(rid[1]) + `"`).FindSubmatch(part("xl/_rels/workbook.xml.rels"))
	if target == nil {
		t.Fatal("no relationship for the Payouts sheet")
	}
	name := string(target[1]) + string(target[2])
	name = "xl/" + strings.TrimPrefix(strings.TrimPrefix(name, "/xl/"), "/")
	sheet := part(name)
	re := regexp.MustCompile(`<c r="` + ref + `"[^>]*?(/>|>.*?</c>)`)
	if !re.Match(sheet) {
		t.Fatalf("no cell %s in %s", ref, name)
	}
	sheet = re.ReplaceAll(sheet, []byte(cellXML))
	var out bytes.Buffer
	zw := zip.NewWriter(&out)
	for _, f := range zr.File {
		w, err := zw.Create(f.Name)
		must(t, err)
		b := part(f.Name)
		if f.Name == name {
			b = sheet
		}
		_, err = w.Write(b)
		must(t, err)
	}
	must(t, zw.Close())
	must(t, os.WriteFile(path, out.Bytes(), 0o644))
}

// dateStyle is the style id partnerbook gives the Paid date column, read from the
// cell of acme's row.
func dateStyle(t testing.TB, path string) int {
	f, err := excelize.OpenFile(path)
	must(t, err)
	defer f.Close()
	s, err := f.GetCellStyle(book.PayoutsSheet, paidCell(t, f))
	must(t, err)
	return s
}

// A paid date typed in a spreadsheet program is a number with a date format; one typed
// as text is read as an ISO date. Both are the day finance typed.
func TestPaidDateTypedAsADate(t *testing.T) {
	oct12 := serialOf(paidOct12)
	cases := []struct {
		name string
		set  func(t testing.TB, f *excelize.File)
	}{
		{"typed into the column partnerbook formats as dates", func(t testing.TB, f *excelize.File) {
			must(t, f.SetCellFloat(book.PayoutsSheet, paidCell(t, f), oct12, -1, 64))
		}},
		{"with a time of day", numberIn(oct12+0.75, 22, "")},
		{"ISO text", func(t testing.TB, f *excelize.File) { set(t, book.PayoutsSheet, paidCell(t, f), "2026-10-12")(f) }},
		{"ISO timestamp text", func(t testing.TB, f *excelize.File) {
			set(t, book.PayoutsSheet, paidCell(t, f), "2026-10-12T09:30:00Z")(f)
		}},
		{"timestamp text", func(t testing.TB, f *excelize.File) {
			set(t, book.PayoutsSheet, paidCell(t, f), "2026-10-12 09:30")(f)
		}},
	}
	// Excel's built-in date formats (m/d/yyyy, d-mmm-yy, d-mmm, mmm-yy, m/d/yy h:mm and
	// the East Asian ones), and custom ones as Excel and LibreOffice write them.
	for _, id := range []int{14, 15, 16, 17, 22, 27, 30, 31, 36, 50, 57, 58} {
		cases = append(cases, struct {
			name string
			set  func(t testing.TB, f *excelize.File)
		}{fmt.Sprintf("built-in format %d", id), numberIn(oct12, id, "")})
	}
	for _, code := range []string{"dd/mm/yyyy", "yyyy-mm-dd", "YYYY-MM-DD", "[$-409]mmmm d, yyyy", "d. mmmm yyyy", `dd"."mm"."yyyy`, "[$-F800]dddd, mmmm dd, yyyy", "m/d/yy;@"} {
		cases = append(cases, struct {
			name string
			set  func(t testing.TB, f *excelize.File)
		}{"custom format " + code, numberIn(oct12, 0, code)})
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			dir := t.TempDir()
			p := write(t, filepath.Join(dir, "sep.xlsx"), bookOf(t, "2026-09"))
			edit(t, p, func(f *excelize.File) { c.set(t, f) })
			got, errs := readPaid(t, dir, p)
			if len(errs) != 0 || got == nil {
				t.Fatalf("errors: %v", errs)
			}
			if got.Paid != paidOct12 {
				t.Errorf("paid %s, want %s", got.Paid, paidOct12)
			}
		})
	}
}

// A workbook in the 1904 date system (an old Mac Excel default) counts days from
// 1904-01-01: its serials are read in that system, the sealed due dates as well.
func TestPaidDate1904(t *testing.T) {
	dir := t.TempDir()
	p := write(t, filepath.Join(dir, "sep.xlsx"), bookOf(t, "2026-09"))
	edit(t, p, func(f *excelize.File) {
		yes := true
		must(t, f.SetWorkbookProps(&excelize.WorkbookPropsOptions{Date1904: &yes}))
		// The dates keep their day: each serial moves by the 1,462 days between the systems.
		rows, err := f.GetRows(book.PayoutsSheet, excelize.Options{RawCellValue: true})
		must(t, err)
		for i := 2; i <= len(rows); i++ {
			ref := cell(t, book.PayoutColumns, book.DueDate, i)
			v, err := f.GetCellValue(book.PayoutsSheet, ref, excelize.Options{RawCellValue: true})
			must(t, err)
			if v == "" {
				continue
			}
			var n float64
			_, err = fmt.Sscan(v, &n)
			must(t, err)
			must(t, f.SetCellFloat(book.PayoutsSheet, ref, n-1462, -1, 64))
		}
		must(t, f.SetCellFloat(book.PayoutsSheet, paidCell(t, f), serialOf(paidOct12)-1462, -1, 64))
	})
	got, errs := readPaid(t, dir, p)
	if len(errs) != 0 || got == nil {
		t.Fatalf("errors: %v", errs)
	}
	if got.Paid != paidOct12 || got.Due != civil.New(2026, 10, 30) {
		t.Errorf("paid %s due %s, want %s and 2026-10-30", got.Paid, got.Due, paidOct12)
	}
}

// What is not a day finance typed is refused, naming the payout and the cell: a number
// the spreadsheet shows as a number would otherwise be read as a count of days since
// 1900, and a formula's value changes whenever the workbook is recalculated.
func TestPaidDateRefused(t *testing.T) {
	oct12 := serialOf(paidOct12)
	at := `sep.xlsx: sheet "Payouts" row 2 column "Paid date": payout PB-2026-09-acme: `
	for _, c := range []struct {
		name string
		set  func(t testing.TB, f *excelize.File)
		raw  string // the cell's XML instead (%s: its reference, %d: the date style)
		want string
	}{
		{"a plain number", numberIn(oct12, 0, ""), "",
			`the Paid date 46307 is a number, not a date: format the cell as a date and type the date again, or type it as YYYY-MM-DD`},
		{"a number with a number format", numberIn(oct12, 0, "#,##0.00"), "",
			`the Paid date 46307 is a number, not a date`},
		{"a number stored as text", func(t testing.TB, f *excelize.File) { set(t, book.PayoutsSheet, paidCell(t, f), "46307")(f) }, "",
			`the Paid date "46307" is a number, not a date`},
		{"TRUE", func(t testing.TB, f *excelize.File) { must(t, f.SetCellBool(book.PayoutsSheet, paidCell(t, f), true)) }, "",
			`the Paid date "TRUE" is a TRUE/FALSE cell, not a date`},
		{"an error value", nil, `<c r="%s" s="%d" t="e"><f>DATEVALUE("12.10.2026")</f><v>#VALUE!</v></c>`,
			`the Paid date is a formula`},
		{"an error value without its formula", nil, `<c r="%s" s="%d" t="e"><v>#VALUE!</v></c>`,
			`the Paid date "#VALUE!" is an error value, not a date`},
		{"a formula with a date result", nil, `<c r="%s" s="%d"><f>TODAY()</f><v>46307</v></c>`,
			`the Paid date is a formula (its value changes when the workbook is recalculated): type the date itself`},
		{"a formula not calculated yet", func(t testing.TB, f *excelize.File) {
			must(t, f.SetCellFormula(book.PayoutsSheet, paidCell(t, f), "DATE(2026,10,12)"))
		}, "", `the Paid date is a formula`},
		{"day first, as text", func(t testing.TB, f *excelize.File) { set(t, book.PayoutsSheet, paidCell(t, f), "12/10/2026")(f) }, "",
			`the Paid date "12/10/2026" is not a date partnerbook reads: type it in a date-formatted cell, or as YYYY-MM-DD`},
		{"a month that does not exist", func(t testing.TB, f *excelize.File) { set(t, book.PayoutsSheet, paidCell(t, f), "2026-13-01")(f) }, "",
			`the Paid date "2026-13-01" is not a date partnerbook reads`},
		{"words", func(t testing.TB, f *excelize.File) { set(t, book.PayoutsSheet, paidCell(t, f), "paid last week")(f) }, "",
			`the Paid date "paid last week" is not a date partnerbook reads`},
	} {
		t.Run(c.name, func(t *testing.T) {
			dir := t.TempDir()
			p := write(t, filepath.Join(dir, "sep.xlsx"), bookOf(t, "2026-09"))
			if c.set != nil {
				edit(t, p, func(f *excelize.File) { c.set(t, f) })
			}
			if c.raw != "" {
				ref := "N2"
				rawCell(t, p, ref, fmt.Sprintf(c.raw, ref, dateStyle(t, p)))
			}
			_, errs := readPaid(t, dir, p)
			containsAll(t, "errors", errs, at+c.want)
		})
	}
}

// A Due date is read with the same care: a due date that became a plain number is
// refused rather than read as a count of days.
func TestDueDateCells(t *testing.T) {
	dir := t.TempDir()
	p := write(t, filepath.Join(dir, "sep.xlsx"), bookOf(t, "2026-09"))
	edit(t, p, func(f *excelize.File) {
		ref := cell(t, book.PayoutColumns, book.DueDate, rowOf(t, f, book.PayoutsSheet, "PB-2026-09-acme"))
		must(t, f.SetCellStyle(book.PayoutsSheet, ref, ref, 0))
	})
	_, errs := readPaid(t, dir, p)
	containsAll(t, "errors", errs, `sep.xlsx: sheet "Payouts" row 2 column "Due date": payout PB-2026-09-acme: the Due date 46325 is a number, not a date`)

	// ISO text in place of the date cell is the same day: no edit.
	p = write(t, filepath.Join(dir, "oct.xlsx"), bookOf(t, "2026-09"))
	edit(t, p, func(f *excelize.File) {
		ref := cell(t, book.PayoutColumns, book.DueDate, rowOf(t, f, book.PayoutsSheet, "PB-2026-09-acme"))
		set(t, book.PayoutsSheet, ref, "2026-10-30")(f)
	})
	got, errs := readPaid(t, dir, p)
	if len(errs) != 0 || got == nil || got.Due != civil.New(2026, 10, 30) {
		t.Errorf("due date as ISO text: %+v, errors %v", got, errs)
	}
}

// A date finance types in LibreOffice is saved as a number with LibreOffice's own
// date format: read back as the day typed, in either date system.
func TestPaidDateLibreOfficeRoundTrip(t *testing.T) {
	office := officeOrSkip(t)
	for _, c := range []struct {
		name   string
		date04 bool
	}{{"1900 dates", false}, {"1904 dates", true}} {
		t.Run(c.name, func(t *testing.T) {
			dir := t.TempDir()
			src := write(t, filepath.Join(dir, "written", "payouts-2026-09.xlsx"), bookOf(t, "2026-09"))
			edit(t, src, func(f *excelize.File) {
				serial := serialOf(paidOct12)
				if c.date04 {
					yes := true
					must(t, f.SetWorkbookProps(&excelize.WorkbookPropsOptions{Date1904: &yes}))
					serial -= 1462
					for i := 2; i <= 4; i++ {
						ref := cell(t, book.PayoutColumns, book.DueDate, i)
						v, err := f.GetCellValue(book.PayoutsSheet, ref, excelize.Options{RawCellValue: true})
						must(t, err)
						if v != "" {
							var n float64
							_, err = fmt.Sscan(v, &n)
							must(t, err)
							must(t, f.SetCellFloat(book.PayoutsSheet, ref, n-1462, -1, 64))
						}
					}
				}
				must(t, f.SetCellFloat(book.PayoutsSheet, paidCell(t, f), serial, -1, 64))
			})
			saved := convertWith(t, office, dir, src)
			got, errs := readPaid(t, dir, saved)
			if len(errs) != 0 || got == nil {
				t.Fatalf("after LibreOffice: errors %v", errs)
			}
			if got.Paid != paidOct12 {
				t.Errorf("paid %s after LibreOffice, want %s", got.Paid, paidOct12)
			}
		})
	}
}

// officeOrSkip finds LibreOffice, or skips (fails in CI, where it must be installed).
func officeOrSkip(t *testing.T) string {
	t.Helper()
	for _, name := range []string{"libreoffice", "soffice"} {
		if p, err := exec.LookPath(name); err == nil {
			if testing.Short() {
				t.Skip("-short: skipping the LibreOffice round trip")
			}
			return p
		}
	}
	if os.Getenv("CI") != "" {
		t.Fatal("libreoffice is missing (apt-get install libreoffice-calc-nogui): the round trip through it must be checked in CI")
	}
	t.Skip("libreoffice is not installed: the round trip through it is not checked")
	return ""
}

// convertWith opens src in LibreOffice and saves it as .xlsx in dir/ledger.
func convertWith(t *testing.T, office, dir, src string) string {
	t.Helper()
	out := filepath.Join(dir, "ledger")
	must(t, os.MkdirAll(out, 0o755))
	cmd := exec.Command(office, "--headless", "-env:UserInstallation=file://"+filepath.Join(dir, "profile"), "--convert-to", "xlsx", "--outdir", out, src)
	if b, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("%s: %v\n%s", cmd, err, b)
	}
	return filepath.Join(out, filepath.Base(src))
}

// A Carried forward payout was not issued: its lines come back as the Opening of the
// partner's next payout. A paid date on it says finance paid it anyway (or filled the
// column down past it): the next payout would pay those lines a second time, so the
// run stops until the date is cleared, saying what to do if it was paid.
func TestCarriedPayoutWithAPaidDate(t *testing.T) {
	for _, sealed := range []bool{true, false} {
		t.Run(fmt.Sprintf("sealed=%v", sealed), func(t *testing.T) {
			dir := t.TempDir()
			p := write(t, filepath.Join(dir, "sep.xlsx"), bookOf(t, "2026-09"))
			edit(t, p, func(f *excelize.File) {
				if !sealed {
					unseal(t)(f)
				}
				r := rowOf(t, f, book.PayoutsSheet, "PB-2026-09-zoe")
				set(t, book.PayoutsSheet, cell(t, book.PayoutColumns, book.PaidDate, r), "2026-10-12")(f)
			})
			var probs diag.List
			l := Read([]string{p}, month(t, "2026-10"), Display(dir), &probs)
			want := `sep.xlsx: sheet "Payouts" row 4 column "Paid date": payout PB-2026-09-zoe was carried forward (below the minimum payout: its lines, 120, are paid with the partner's next payout, as its Opening) but has a Paid date, 2026-10-12: ` +
				`if finance did not pay it, clear the Paid date; if it did, the next payout would pay those lines again: recover 120 from the partner first, then clear the Paid date`
			containsAll(t, "errors", texts(probs.Errors()), want)
			// Its line stays carried: the ledger does not count it as issued.
			if l.CarriedBy("zoe:D1:referral") != "PB-2026-09-zoe" {
				t.Errorf("carried %v", l.CarriedLines())
			}
			// The seal still holds: a paid date is what finance may type.
			var again diag.List
			if wb := readWorkbook(p, "sep.xlsx", &again); sealed && (wb.Seal != Sealed || wb.Reason != "a Paid date is refused") {
				t.Errorf("seal %s (%s), want sealed ok with the paid date refused", wb.Seal, wb.Reason)
			}
		})
	}
}
