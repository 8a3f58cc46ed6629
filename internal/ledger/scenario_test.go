package ledger

import (
	"os"
	"path/filepath"
	"strconv"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/partnerbook/partnerbook/internal/book"
	"github.com/partnerbook/partnerbook/internal/diag"
)

// chainDir is a program folder with ledger workbooks of the given months, each issued
// after the one before it, as runs of a whole ledger write them.
func chainDir(t *testing.T, months ...string) string {
	dir := t.TempDir()
	prev := ""
	for _, m := range months {
		prev = writeAfter(t, filepath.Join(dir, "ledger", "payouts-"+m+".xlsx"), bookOf(t, m), prev)
	}
	return dir
}

// latest is the ledger workbook of dir with the latest month, or of month when given
// and there: the workbook a run after it is issued after.
func latest(t *testing.T, dir string, month ...string) string {
	t.Helper()
	files, _ := filepath.Glob(filepath.Join(dir, "ledger", "payouts-*.xlsx"))
	if len(files) == 0 {
		t.Fatalf("no ledger workbook in %s", dir)
	}
	for _, m := range month {
		for _, f := range files {
			if filepath.Base(f) == "payouts-"+m+".xlsx" {
				return f
			}
		}
	}
	return files[len(files)-1]
}

func load(t *testing.T, dir, period string, outDir string, acceptUnsealed ...string) (*Chain, []string, []string) {
	t.Helper()
	files, _ := filepath.Glob(filepath.Join(dir, "ledger", "payouts-*.xlsx"))
	var probs diag.List
	src := Source{Program: filepath.Join(dir, "partnerbook.toml"), Dir: dir, Patterns: []string{"ledger/payouts-*.xlsx"}, Files: files, OutDir: outDir}
	for _, m := range acceptUnsealed {
		src.AcceptUnsealed = append(src.AcceptUnsealed, month(t, m))
	}
	_, c := Load(src, month(t, period), &probs)
	return c, texts(probs.Errors()), texts(probs.Warnings())
}

func copyFile(t *testing.T, from, to string) {
	t.Helper()
	data, err := os.ReadFile(from)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(filepath.Dir(to), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(to, data, 0o644); err != nil {
		t.Fatal(err)
	}
}

// Each way a returned workbook paid money again or mixed partners, refused.
func TestChainScenarios(t *testing.T) {
	for _, c := range []struct {
		name   string
		months []string
		setup  func(t *testing.T, dir string)
		want   []string // errors
	}{
		{"october saved as csv beside the ledger", []string{"2026-09"}, func(t *testing.T, dir string) {
			p := write(t, filepath.Join(t.TempDir(), "oct.xlsx"), bookOf(t, "2026-10"))
			f, err := excelize.OpenFile(p)
			if err != nil {
				t.Fatal(err)
			}
			rows, _ := f.GetRows(book.PayoutsSheet)
			f.Close()
			var csv string
			for _, r := range rows {
				for i, v := range r {
					if i > 0 {
						csv += ","
					}
					csv += v
				}
				csv += "\n"
			}
			if err := os.WriteFile(filepath.Join(dir, "ledger", "payouts-2026-10.csv"), []byte(csv), 0o644); err != nil {
				t.Fatal(err)
			}
		}, []string{`partnerbook.toml: the ledger has no workbook of 2026-10, so its lines would be paid again; [input.ledger] files found ledger/payouts-2026-09.xlsx (2026-09); beside them ledger/payouts-2026-10.csv (save it as .xlsx)`}},
		{"october saved as ods, november under another name", []string{"2026-09"}, func(t *testing.T, dir string) {
			if err := os.WriteFile(filepath.Join(dir, "ledger", "payouts-2026-10.ods"), []byte("PK"), 0o644); err != nil {
				t.Fatal(err)
			}
			oct := writeAfter(t, filepath.Join(t.TempDir(), "payouts-2026-10.xlsx"), bookOf(t, "2026-10"), latest(t, dir))
			writeAfter(t, filepath.Join(dir, "ledger", "November payouts.xlsx"), bookOf(t, "2026-11"), oct)
		}, []string{`ledger/November payouts.xlsx (add it to [input.ledger] files), ledger/payouts-2026-10.ods (save it as .xlsx)`}},
		{"missing middle month", []string{"2026-08", "2026-10"}, nil,
			[]string{`partnerbook.toml: the ledger has no workbook of 2026-09, so its lines would be paid again; [input.ledger] files found ledger/payouts-2026-08.xlsx (2026-08), ledger/payouts-2026-10.xlsx (2026-10)`}},
		{"only copy is an ods", nil, func(t *testing.T, dir string) {
			if err := os.MkdirAll(filepath.Join(dir, "ledger"), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(filepath.Join(dir, "ledger", "payouts-2026-10.ods"), []byte("PK"), 0o644); err != nil {
				t.Fatal(err)
			}
		}, []string{`partnerbook.toml: [input.ledger] files reads no workbook before 2026-11, but ledger/payouts-2026-10.ods (save it as .xlsx)`}},
		{"deleted payout row and its lines", []string{"2026-09", "2026-10"}, func(t *testing.T, dir string) {
			edit(t, filepath.Join(dir, "ledger", "payouts-2026-10.xlsx"), func(f *excelize.File) {
				must(t, f.RemoveRow(book.PayoutsSheet, rowOf(t, f, book.PayoutsSheet, "PB-2026-10-acme")))
				for _, id := range []string{"acme:D2:referral:2026-10", "acme:D1:referral:2026-10"} {
					must(t, f.RemoveRow(book.LinesSheet, rowOf(t, f, book.LinesSheet, id)))
				}
			})
		}, []string{`ledger/payouts-2026-10.xlsx: sheet "Payouts": payout PB-2026-10-acme (partner "acme", Due USD 1290.05) was deleted from the Payouts sheet`,
			`ledger/payouts-2026-10.xlsx: sheet "Lines": line acme:D1:referral:2026-10 of payout PB-2026-10-acme (amount 1200.05) was deleted from the Lines sheet`}},
		{"retyped period", []string{"2026-09", "2026-10"}, func(t *testing.T, dir string) {
			edit(t, filepath.Join(dir, "ledger", "payouts-2026-10.xlsx"), func(f *excelize.File) {
				r := rowOf(t, f, book.PayoutsSheet, "PB-2026-10-acme")
				set(t, book.PayoutsSheet, cell(t, book.PayoutColumns, book.Period, r), "2026-11")(f)
			})
		}, []string{`ledger/payouts-2026-10.xlsx: sheet "Payouts" row 2 column "Partner ID": payout PB-2026-10-acme does not match its Partner ID "acme" and Period 2026-11`}},
		{"retyped status carried forward", []string{"2026-09", "2026-10"}, func(t *testing.T, dir string) {
			edit(t, filepath.Join(dir, "ledger", "payouts-2026-10.xlsx"), func(f *excelize.File) {
				r := rowOf(t, f, book.PayoutsSheet, "PB-2026-10-acme")
				set(t, book.PayoutsSheet, cell(t, book.PayoutColumns, book.Status, r), "carried forward")(f)
			})
		}, []string{`ledger/payouts-2026-10.xlsx: sheet "Payouts" row 2 column "Status": payout PB-2026-10-acme: "carried forward" is not what partnerbook wrote ("Due")`}},
		{"unsealed status carried forward", []string{"2026-09", "2026-10"}, func(t *testing.T, dir string) {
			edit(t, filepath.Join(dir, "ledger", "payouts-2026-10.xlsx"), func(f *excelize.File) {
				unseal(t)(f)
				r := rowOf(t, f, book.PayoutsSheet, "PB-2026-10-acme")
				set(t, book.PayoutsSheet, cell(t, book.PayoutColumns, book.Status, r), "carried forward")(f)
			})
		}, []string{`ledger/payouts-2026-10.xlsx: sheet "Summary" row 7 column "B": the Summary counts "1" "Due" payouts but the workbook has 0`}},
		{"only the partner id column sorted", []string{"2026-09", "2026-10"}, func(t *testing.T, dir string) {
			edit(t, filepath.Join(dir, "ledger", "payouts-2026-10.xlsx"), func(f *excelize.File) {
				// acme, lodz, zoe sorted descending in column B alone: zoe, lodz, acme.
				for i, id := range []string{"zoe", "lodz", "acme"} {
					set(t, book.PayoutsSheet, cell(t, book.PayoutColumns, book.PartnerID, i+2), id)(f)
				}
			})
		}, []string{`ledger/payouts-2026-10.xlsx: sheet "Payouts" row 2 column "Partner ID": payout PB-2026-10-acme does not match its Partner ID "zoe" and Period 2026-10 (that would be PB-2026-10-zoe)`,
			`ledger/payouts-2026-10.xlsx: sheet "Payouts" row 4 column "Partner ID": payout PB-2026-10-zoe does not match its Partner ID "acme"`}},
		{"earlier run in out folder not in the ledger", []string{"2026-09"}, func(t *testing.T, dir string) {
			oct := writeAfter(t, filepath.Join(dir, "out", "2026-10", "payouts.xlsx"), bookOf(t, "2026-10"), latest(t, dir))
			writeAfter(t, filepath.Join(dir, "ledger", "payouts-2026-11.xlsx"), bookOf(t, "2026-11"), oct)
		}, []string{`the ledger has no workbook of 2026-10`, `; copy out/2026-10/payouts.xlsx to ledger/payouts-2026-10.xlsx (a name of its own`}},
		{"earlier run in out folder differs from the ledger", []string{"2026-09", "2026-10"}, func(t *testing.T, dir string) {
			writeAfter(t, filepath.Join(dir, "out", "2026-10", "payouts.xlsx"), bookWith(t, "2026-10", []payout{{"acme", book.StatusDue, []string{"1500.00"}}}), latest(t, dir, "2026-09"))
		}, []string{`partnerbook.toml: out/2026-10/payouts.xlsx is a run of 2026-10 that differs from the ledger's ledger/payouts-2026-10.xlsx (2026-10): put the workbook finance imported in the ledger (copy out/2026-10/payouts.xlsx over ledger/payouts-2026-10.xlsx if it is that one, else move it out of out/2026-10)`}},
	} {
		t.Run(c.name, func(t *testing.T) {
			dir := chainDir(t, c.months...)
			if c.setup != nil {
				c.setup(t, dir)
			}
			_, errs, _ := load(t, dir, "2026-11", filepath.Join(dir, "out"))
			if len(errs) == 0 {
				t.Fatalf("no error; want %q", c.want)
			}
			containsAll(t, "errors", errs, c.want...)
		})
	}
}

// What finance may do: mark paid, sort whole rows, save through the out folder copy.
func TestChainAccepted(t *testing.T) {
	for _, c := range []struct {
		name   string
		months []string
		setup  func(t *testing.T, dir string)
		warn   string
	}{
		{"no ledger at all is a first run", nil, nil, ""},
		{"a complete chain", []string{"2026-08", "2026-09", "2026-10"}, nil, ""},
		{"whole rows sorted", []string{"2026-09", "2026-10"}, func(t *testing.T, dir string) {
			edit(t, filepath.Join(dir, "ledger", "payouts-2026-10.xlsx"), func(f *excelize.File) {
				for _, sheet := range []string{book.PayoutsSheet, book.LinesSheet} {
					rows, err := f.GetRows(sheet, excelize.Options{RawCellValue: true})
					must(t, err)
					n := len(rows)
					// Reverse the data rows, every cell with its row and its format, as
					// a spreadsheet program sorts them.
					styles := make([][]int, n+1)
					for i := 2; i <= n; i++ {
						for j := range rows[0] {
							ref, _ := excelize.CoordinatesToCellName(j+1, i)
							st, err := f.GetCellStyle(sheet, ref)
							must(t, err)
							styles[i] = append(styles[i], st)
						}
					}
					for i := 2; i <= n; i++ {
						vals := make([]any, len(rows[0]))
						for j, v := range rows[n-i+1] {
							vals[j] = v
							if a, err := amtOrNil(v); err == nil && a != nil {
								vals[j] = *a
							}
						}
						ref, _ := excelize.CoordinatesToCellName(1, i)
						must(t, f.SetSheetRow(sheet, ref, &vals))
						for j, st := range styles[n-i+2] {
							ref, _ := excelize.CoordinatesToCellName(j+1, i)
							must(t, f.SetCellStyle(sheet, ref, ref, st))
						}
					}
				}
				r := rowOf(t, f, book.PayoutsSheet, "PB-2026-10-acme")
				if r != 4 {
					t.Fatalf("acme at row %d after sorting, want 4", r)
				}
				set(t, book.PayoutsSheet, cell(t, book.PayoutColumns, book.PaidDate, r), "2026-11-12")(f)
				set(t, book.PayoutsSheet, cell(t, book.PayoutColumns, book.PaymentRef, r), "WISE-77")(f)
			})
		}, ""},
		{"out folder run is the ledger's", []string{"2026-09", "2026-10"}, func(t *testing.T, dir string) {
			copyFile(t, filepath.Join(dir, "ledger", "payouts-2026-10.xlsx"), filepath.Join(dir, "out", "2026-10", "payouts.xlsx"))
			copyFile(t, filepath.Join(dir, "ledger", "payouts-2026-09.xlsx"), filepath.Join(dir, "out", "2026-07", "payouts.xlsx"))
		}, ""},
		{"an xlsx the glob misses, no gap", []string{"2026-09", "2026-10"}, func(t *testing.T, dir string) {
			copyFile(t, filepath.Join(dir, "ledger", "payouts-2026-10.xlsx"), filepath.Join(dir, "ledger", "copy of october.xlsx"))
		}, `partnerbook.toml: [input.ledger] files does not read ledger/copy of october.xlsx (add it to [input.ledger] files)`},
	} {
		t.Run(c.name, func(t *testing.T) {
			dir := chainDir(t, c.months...)
			if c.setup != nil {
				c.setup(t, dir)
			}
			chain, errs, warns := load(t, dir, "2026-11", filepath.Join(dir, "out"))
			if len(errs) != 0 {
				t.Fatalf("errors: %v", errs)
			}
			if c.warn != "" {
				containsAll(t, "warnings", warns, c.warn)
			} else if len(warns) != 0 {
				t.Errorf("warnings: %v", warns)
			}
			if len(chain.Workbooks) != len(c.months) {
				t.Fatalf("%d workbooks in the chain, want %d", len(chain.Workbooks), len(c.months))
			}
			for i, wb := range chain.Workbooks {
				if wb.Period.String() != c.months[i] || wb.Seal != Sealed {
					t.Errorf("workbook %d: %s %s, want %s sealed ok", i, wb.Period, wb.Seal, c.months[i])
				}
				tot := wb.Totals()
				if tot.Payouts != 3 || tot.Due.String() != "1290.05" || tot.Receivable.String() != "-400" || tot.Carried.String() != "120" {
					t.Errorf("%s totals %+v", wb.Name, tot)
				}
			}
		})
	}
}

func amtOrNil(s string) (*float64, error) {
	var f float64
	var err error
	if f, err = parseFloat(s); err != nil {
		return nil, err
	}
	return &f, nil
}

func must(t testing.TB, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

func parseFloat(s string) (float64, error) { return strconv.ParseFloat(s, 64) }

// After a currency change, a new, empty ledger's first run beside the output folder of
// the old one's runs passed with no word, and the balances September carried forward
// were gone. A first run whose output folder holds a run of an earlier month is refused,
// naming it and what it carried; new_ledger_from, a month after it, starts a new ledger
// explicitly: a warning.
func TestFirstRunBesideEarlierRunsInTheOutputFolder(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "out")
	write(t, filepath.Join(out, "2026-09", "payouts.xlsx"), bookOf(t, "2026-09"))
	must(t, os.MkdirAll(filepath.Join(dir, "ledger"), 0o755))
	loadFrom := func(from string) ([]string, []string) {
		var probs diag.List
		src := Source{Program: filepath.Join(dir, "partnerbook.toml"), Dir: dir, Patterns: []string{"ledger/payouts-*.xlsx"}, OutDir: out}
		if from != "" {
			src.NewLedgerFrom = month(t, from)
		}
		Load(src, month(t, "2026-10"), &probs)
		return texts(probs.Errors()), texts(probs.Warnings())
	}
	errs, warns := loadFrom("")
	if len(errs) != 1 || len(warns) != 0 {
		t.Fatalf("errors %v, warnings %v: want one refusal", errs, warns)
	}
	containsAll(t, "errors", errs,
		`partnerbook.toml: [input.ledger] files reads no workbook before 2026-10, but the output folder holds earlier runs of the program: out/2026-09/payouts.xlsx; `,
		`this run would pay again every line they issued and drop what they carried forward (zoe USD 120.00 carried forward in 2026-09 (PB-2026-09-zoe)) or left unpaid`,
		`copy each as finance returned it (with its paid dates) into the ledger under a name of its own month (every month's workbook is named payouts.xlsx: copied as it is, each would replace the one before): copy out/2026-09/payouts.xlsx to ledger/payouts-2026-09.xlsx. `,
		`then set new_ledger_from = "2026-10" in [input.ledger] and start = 2026-10-01 in [program], so that lines the old ledger paid are not paid again`)

	errs, warns = loadFrom("2026-10")
	if len(errs) != 0 || len(warns) != 1 {
		t.Fatalf("new_ledger_from: errors %v, warnings %v", errs, warns)
	}
	containsAll(t, "warnings", warns, `partnerbook.toml: [input.ledger] new_ledger_from = "2026-10": this first run of a new ledger does not read the earlier runs in the output folder (out/2026-09/payouts.xlsx)`)

	// A new ledger from September does not cover September's run.
	errs, _ = loadFrom("2026-09")
	containsAll(t, "errors", errs, `(new_ledger_from = "2026-09" is not after 2026-09)`)
}
