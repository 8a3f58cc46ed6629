package cli

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// chainFixture runs September and October of the good fixture, each workbook copied
// into the ledger after its run, as finance hands them back. It returns the program
// file, its folder and the output folder.
func chainFixture(t *testing.T) (*fixture, string, string, string) {
	t.Helper()
	f := goodFixture()
	f.deals = append(f.deals,
		[]any{"D5", "Brand", "Hooli", "Won", "won", 3000, "2026-09-01", "2026-09-20", "Partner: Acme Consulting"})
	cfg := f.write(t)
	dir := filepath.Dir(cfg)
	out := filepath.Join(t.TempDir(), "out")
	for _, m := range []string{"2026-09", "2026-10"} {
		runOK(t, "run", "-c", cfg, "--out", out, "--period", m)
		copyTo(t, filepath.Join(out, m, "payouts.xlsx"), filepath.Join(dir, "ledger", "payouts-"+m+".xlsx"))
	}
	return f, cfg, dir, out
}

func copyTo(t *testing.T, from, to string) {
	t.Helper()
	data, err := os.ReadFile(from)
	must(t, err)
	must(t, os.WriteFile(to, data, 0o644))
}

// runFails runs partnerbook, which must exit 1, and returns its stderr.
func runFails(t *testing.T, args ...string) string {
	t.Helper()
	code, stdout, stderr := cli(args...)
	if code != 1 {
		t.Fatalf("%v: exit %d, want 1\nstdout:\n%s\nstderr:\n%s", args, code, stdout, stderr)
	}
	return stderr
}

// November's export adds D9 (acme, 5,000.00 won 2026-11-05: 500.00 due).
func withNovemberDeal(t *testing.T, f *fixture, dir string) {
	t.Helper()
	f.deals = append(f.deals, []any{"D9", "Rollout", "Soylent", "Won", "won", 5000, "2026-11-01", "2026-11-05", "Partner: Acme Consulting"})
	writeXLSX(t, filepath.Join(dir, "deals.xlsx"), "Opportunities", f.deals)
}

// Deleting the oldest ledger workbook, or narrowing the glob past it, made its month
// look like no ledger at all, and November paid September's 300.00 and took back its
// 4,000.00 again. October's seal names September as the workbook it was issued after.
func TestOldestLedgerWorkbookMissing(t *testing.T) {
	for _, c := range []struct {
		name  string
		setup func(t *testing.T, cfg, dir, out string)
		want  []string
	}{
		{"deleted, the run's copy in the output folder", func(t *testing.T, cfg, dir, out string) {
			must(t, os.Remove(filepath.Join(dir, "ledger", "payouts-2026-09.xlsx")))
		}, []string{`error: ledger/payouts-2026-10.xlsx: sheet "Seal": ledger/payouts-2026-10.xlsx (2026-10) was issued after the workbook of 2026-09, which the ledger does not hold, so every line that one issued would be paid again: restore payouts-2026-09.xlsx to the ledger; it was issued before ledger/payouts-2026-10.xlsx; `,
			filepath.Join("2026-09", "payouts.xlsx") + " is that workbook: copy ", filepath.Join("2026-09", "payouts.xlsx") + " to ledger/payouts-2026-09.xlsx (a name of its own"}},
		{"deleted, no copy anywhere", func(t *testing.T, cfg, dir, out string) {
			must(t, os.Remove(filepath.Join(dir, "ledger", "payouts-2026-09.xlsx")))
			must(t, os.RemoveAll(filepath.Join(out, "2026-09")))
		}, []string{`restore payouts-2026-09.xlsx to the ledger; it was issued before ledger/payouts-2026-10.xlsx` + "\n"}},
		{"glob narrowed past it", func(t *testing.T, cfg, dir, out string) {
			toml, err := os.ReadFile(cfg)
			must(t, err)
			must(t, os.WriteFile(cfg, []byte(strings.Replace(string(toml), `files = ["ledger/*.xlsx"]`, `files = ["ledger/payouts-2026-1*.xlsx"]`, 1)), 0o644))
		}, []string{`restore payouts-2026-09.xlsx to the ledger; it was issued before ledger/payouts-2026-10.xlsx`,
			`; [input.ledger] files does not read ledger/payouts-2026-09.xlsx (add it to [input.ledger] files)`}},
	} {
		t.Run(c.name, func(t *testing.T) {
			f, cfg, dir, out := chainFixture(t)
			withNovemberDeal(t, f, dir)
			c.setup(t, cfg, dir, out)
			stderr := runFails(t, "run", "-c", cfg, "--out", out, "--period", "2026-11")
			if miss := contains(stderr, c.want...); miss != "" {
				t.Errorf("stderr lacks %q:\n%s", miss, stderr)
			}
			if _, err := os.Stat(filepath.Join(out, "2026-11")); !os.IsNotExist(err) {
				t.Errorf("a refused run wrote %s (%v)", filepath.Join(out, "2026-11"), err)
			}
		})
	}
	// The whole ledger: November pays D9 only.
	f, cfg, dir, out := chainFixture(t)
	withNovemberDeal(t, f, dir)
	if got := runOK(t, "run", "-c", cfg, "--out", out, "--period", "2026-11"); !strings.Contains(got, "total due:      $500.00") {
		t.Errorf("November with the whole ledger:\n%s\nwant total due $500.00", got)
	}
}

// A re-run of October with an extra deal, saved beside the original: the union of the
// two was the ledger. Two workbooks of one month must be one issue.
func TestTwoVersionsOfOneMonth(t *testing.T) {
	f, cfg, dir, out := chainFixture(t)
	oct := filepath.Join(dir, "ledger", "payouts-2026-10.xlsx")
	// Finance's copy with a paid date beside the original is one issue.
	book := openBook(t, oct)
	must(t, book.SetCellValue("Payouts", "N2", "2026-11-12"))
	must(t, book.SaveAs(filepath.Join(dir, "ledger", "payouts-2026-10-paid.xlsx")))
	runOK(t, "validate", "-c", cfg, "--period", "2026-11")

	// The re-run, made while the ledger lacked October (finance had not imported it),
	// with a deal of lodz's that the first run lacked, saved beside the original.
	aside := filepath.Join(t.TempDir(), "payouts-2026-10.xlsx")
	must(t, os.Rename(oct, aside))
	must(t, os.Remove(filepath.Join(dir, "ledger", "payouts-2026-10-paid.xlsx")))
	f.deals = append(f.deals, []any{"D8", "Extra", "Wonka", "Won", "won", 700, "2026-10-01", "2026-10-20", "Partner: Łódź Analytics"})
	writeXLSX(t, filepath.Join(dir, "deals.xlsx"), "Opportunities", f.deals)
	runOK(t, "run", "-c", cfg, "--out", out, "--period", "2026-10")
	copyTo(t, filepath.Join(out, "2026-10", "payouts.xlsx"), filepath.Join(dir, "ledger", "payouts-2026-10-v2.xlsx"))
	must(t, os.Rename(aside, oct))

	stderr := runFails(t, "run", "-c", cfg, "--out", out, "--period", "2026-11")
	want := "error: ledger/payouts-2026-10.xlsx: ledger/payouts-2026-10-v2.xlsx and ledger/payouts-2026-10.xlsx are two versions of 2026-10 " +
		"(payout PB-2026-10-lodz (Receivable -560, 1 line) is in ledger/payouts-2026-10-v2.xlsx only): keep the one finance imported in the ledger and move the other out\n"
	if !strings.Contains(stderr, want) {
		t.Errorf("stderr:\n%s\nwant %q", stderr, want)
	}
	if _, err := os.Stat(filepath.Join(out, "2026-11")); !os.IsNotExist(err) {
		t.Errorf("a refused run wrote November (%v)", err)
	}
}

// A re-run of a month the ledger holds reproduces that workbook byte for byte, or is
// refused: its changed lines would be issued beside the ones finance imported.
func TestRerunOfIssuedMonth(t *testing.T) {
	d8 := []any{"D8", "Extra", "Wonka", "Won", "won", 700, "2026-10-01", "2026-10-20", "Partner: Acme Consulting"}
	for _, c := range []struct {
		name     string
		november bool // November issued and in the ledger
		changed  bool // October's export gained D8 (acme 70.00)
		want     string
	}{
		{"same inputs", false, false, ""},
		{"same inputs, November issued", true, false, ""},
		{"extra deal", false, true, "error: ledger/payouts-2026-10.xlsx: this run of 2026-10 does not reproduce the ledger's workbook of it " +
			"(payout PB-2026-10-acme with amount 1360.05 in this run and 1290.05 in ledger/payouts-2026-10.xlsx): if finance has not imported " +
			"ledger/payouts-2026-10.xlsx yet, remove it from the ledger and run again; otherwise the change comes as correction lines in the next period, 2026-11\n"},
		{"extra deal, November issued", true, true, "error: ledger/payouts-2026-10.xlsx: the ledger already holds 2026-11: a run of 2026-10 can only reproduce it; " +
			"this run does not (payout PB-2026-10-acme with amount 1360.05 in this run and 1290.05 in ledger/payouts-2026-10.xlsx): " +
			"the change comes as correction lines in the next period to run, 2026-12\n"},
	} {
		t.Run(c.name, func(t *testing.T) {
			f, cfg, dir, out := chainFixture(t)
			if c.november {
				runOK(t, "run", "-c", cfg, "--out", out, "--period", "2026-11")
				copyTo(t, filepath.Join(out, "2026-11", "payouts.xlsx"), filepath.Join(dir, "ledger", "payouts-2026-11.xlsx"))
			}
			if c.changed {
				f.deals = append(f.deals, d8)
				writeXLSX(t, filepath.Join(dir, "deals.xlsx"), "Opportunities", f.deals)
			}
			issued, err := os.ReadFile(filepath.Join(dir, "ledger", "payouts-2026-10.xlsx"))
			must(t, err)
			rerun := filepath.Join(t.TempDir(), "rerun")
			if c.want == "" {
				runOK(t, "run", "-c", cfg, "--out", rerun, "--period", "2026-10")
				if got, _ := os.ReadFile(filepath.Join(rerun, "2026-10", "payouts.xlsx")); string(got) != string(issued) {
					t.Errorf("the re-run of October differs from the ledger's workbook")
				}
				return
			}
			if stderr := runFails(t, "run", "-c", cfg, "--out", rerun, "--period", "2026-10"); !strings.Contains(stderr, c.want) {
				t.Errorf("stderr:\n%s\nwant %q", stderr, c.want)
			}
		})
	}
}

// With November issued, October missing from the ledger is no first run of October:
// November's seal names it.
func TestRerunWithoutTheMonthsWorkbook(t *testing.T) {
	_, cfg, dir, out := chainFixture(t)
	runOK(t, "run", "-c", cfg, "--out", out, "--period", "2026-11")
	copyTo(t, filepath.Join(out, "2026-11", "payouts.xlsx"), filepath.Join(dir, "ledger", "payouts-2026-11.xlsx"))
	must(t, os.Remove(filepath.Join(dir, "ledger", "payouts-2026-10.xlsx")))
	want := `error: ledger/payouts-2026-11.xlsx: sheet "Seal": ledger/payouts-2026-11.xlsx (2026-11) was issued after the workbook of 2026-10, which the ledger does not hold, ` +
		`so every line that one issued would be paid again: restore payouts-2026-10.xlsx to the ledger; it was issued before ledger/payouts-2026-11.xlsx`
	if stderr := runFails(t, "run", "-c", cfg, "--out", filepath.Join(t.TempDir(), "o"), "--period", "2026-10"); !strings.Contains(stderr, want) {
		t.Errorf("stderr:\n%s\nwant %q", stderr, want)
	}
}

// October run while the ledger folder was still empty (finance had not handed September
// back) is sealed as a first run and pays September's lines again; once September is
// put in the ledger beside it, `partnerbook ledger` and the run of November refuse it.
func TestFirstRunWorkbookAmidEarlierMonths(t *testing.T) {
	f := goodFixture()
	f.deals = append(f.deals,
		[]any{"D5", "Brand", "Hooli", "Won", "won", 3000, "2026-09-01", "2026-09-20", "Partner: Acme Consulting"})
	cfg := f.write(t)
	dir := filepath.Dir(cfg)
	out := filepath.Join(t.TempDir(), "out")
	runOK(t, "run", "-c", cfg, "--out", out, "--period", "2026-09")
	// Into the output folder that holds September's run, the first run of October is
	// refused; run into a fresh one (another machine, say), it is not.
	if stderr := runFails(t, "run", "-c", cfg, "--out", out, "--period", "2026-10"); !strings.Contains(stderr,
		"error: partnerbook.toml: [input.ledger] files reads no workbook before 2026-10, but the output folder holds earlier runs of the program: "+filepath.Join(out, "2026-09", "payouts.xlsx")+"; run without them, this run would pay again every line they issued") {
		t.Errorf("first run of October beside September's run:\n%s", stderr)
	}
	other := filepath.Join(t.TempDir(), "out")
	runOK(t, "run", "-c", cfg, "--out", other, "--period", "2026-10")
	copyTo(t, filepath.Join(out, "2026-09", "payouts.xlsx"), filepath.Join(dir, "ledger", "payouts-2026-09.xlsx"))
	copyTo(t, filepath.Join(other, "2026-10", "payouts.xlsx"), filepath.Join(dir, "ledger", "payouts-2026-10.xlsx"))
	want := `error: ledger/payouts-2026-10.xlsx: sheet "Seal": payouts-2026-10.xlsx was sealed as a first run (issued after no ledger workbook), ` +
		`but the ledger holds earlier months: 2026-09 (ledger/payouts-2026-09.xlsx); it was computed without them, so it may pay again what they paid ` +
		`(it issues 2 of their lines again, 300 to pay, -4000 to invoice, such as acme:D5:referral in PB-2026-10-acme, issued by PB-2026-09-acme): re-issue 2026-10 with the full ledger`
	code, stdout, stderr := cli("ledger", "-c", cfg, "--out", out, "--period", "2026-11")
	if code != 1 || !strings.Contains(stderr, want) || !strings.Contains(stdout, "sealed ok; sealed as a first run after 2026-09") {
		t.Errorf("ledger before November: exit %d\n%s\n%s\nwant %q", code, stdout, stderr, want)
	}
	withNovemberDeal(t, f, dir)
	if stderr := runFails(t, "run", "-c", cfg, "--out", out, "--period", "2026-11"); !strings.Contains(stderr, want) {
		t.Errorf("run of November:\n%s\nwant %q", stderr, want)
	}
	// What the message says to do: October re-issued with September in the ledger
	// pays acme's D4 fee only, and November goes through.
	must(t, os.Remove(filepath.Join(dir, "ledger", "payouts-2026-10.xlsx")))
	runOK(t, "run", "-c", cfg, "--out", out, "--period", "2026-10")
	copyTo(t, filepath.Join(out, "2026-10", "payouts.xlsx"), filepath.Join(dir, "ledger", "payouts-2026-10.xlsx"))
	if got := runOK(t, "run", "-c", cfg, "--out", out, "--period", "2026-11"); !strings.Contains(got, "total due:      $500.00") {
		t.Errorf("November after October re-issued:\n%s\nwant total due $500.00", got)
	}
}

// follow does what a refusal says: each "copy A to B" and "rename A to B", paths
// relative to dir. It returns how many it did.
func follow(t *testing.T, dir, stderr string) int {
	t.Helper()
	n := 0
	for _, m := range regexp.MustCompile(`(copy|rename) (\S+\.xlsx) to (\S+\.xlsx)`).FindAllStringSubmatch(stderr, -1) {
		from, to := filepath.Join(dir, m[2]), filepath.Join(dir, m[3])
		if m[1] == "copy" {
			copyTo(t, from, to)
		} else {
			must(t, os.Rename(from, to))
		}
		n++
	}
	return n
}

// Every run's workbook is named payouts.xlsx. Copied into the ledger folder as it is,
// November's replaced October's, and the advice to copy October's "into the ledger
// folder" then replaced November's: the refusals sent the user round in circles. They
// name a file of its month for each copy, and doing what they say runs December.
func TestLedgerCopyAdviceNamesEachMonth(t *testing.T) {
	cfg := goodFixture().write(t)
	dir := filepath.Dir(cfg)
	out := filepath.Join(dir, "out")
	for _, m := range []string{"2026-10", "2026-11"} {
		runOK(t, "run", "-c", cfg, "--out", out, "--period", m)
		copyTo(t, filepath.Join(out, m, "payouts.xlsx"), filepath.Join(dir, "ledger", "payouts.xlsx"))
	}
	stderr := runFails(t, "run", "-c", cfg, "--out", out, "--period", "2026-12")
	want := `error: ledger/payouts.xlsx: sheet "Seal": ledger/payouts.xlsx (2026-11) was issued after the workbook of 2026-10, which the ledger does not hold, so every line that one issued would be paid again: ` +
		`restore the workbook of 2026-10 to the ledger; it was issued before ledger/payouts.xlsx; out/2026-10/payouts.xlsx is that workbook: copy out/2026-10/payouts.xlsx to ledger/payouts-2026-10.xlsx ` +
		`(a name of its own: every month's workbook is named payouts.xlsx, and copied as it is it would replace another month's); ` +
		`and rename ledger/payouts.xlsx to ledger/payouts-2026-11.xlsx, so that the next month's payouts.xlsx does not replace it`
	if !strings.Contains(stderr, want) {
		t.Fatalf("stderr:\n%s\nwant %q", stderr, want)
	}
	if n := follow(t, dir, stderr); n != 2 {
		t.Fatalf("followed %d steps of:\n%s", n, stderr)
	}
	runOK(t, "run", "-c", cfg, "--out", out, "--period", "2026-12")

	// A month missing from the ledger: the copy named for it fills the gap.
	must(t, os.Remove(filepath.Join(dir, "ledger", "payouts-2026-11.xlsx")))
	stderr = runFails(t, "run", "-c", cfg, "--out", out, "--period", "2026-12")
	if !strings.Contains(stderr, "copy out/2026-11/payouts.xlsx to ledger/payouts-2026-11.xlsx (a name of its own") || follow(t, dir, stderr) != 1 {
		t.Fatalf("stderr:\n%s", stderr)
	}
	runOK(t, "run", "-c", cfg, "--out", out, "--period", "2026-12")
}
