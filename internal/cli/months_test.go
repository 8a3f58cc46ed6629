package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/partnerbook/partnerbook/internal/book"
)

// monthsTOML is a program run from June to September 2026, one workbook a month handed
// back by finance into the ledger: acme earns a 12-month revenue share and carries it,
// small earns flat fees below the 100.00 minimum and carries them, gone2 carries one
// fee, qtr settles quarterly, resell owes its wholesale price.
const monthsTOML = `[program]
name = "Test Co"
currency = "USD"
period = "2026-06"
start = 2026-06-01
payout_terms_days = 30
minimum_payout = "100.00"
email = "x@test.example"

[input.deals]
file = "deals.csv"
preset = "generic"

[input.payments]
file = "payments.csv"

[input.ledger]
files = ["ledger/*.xlsx"]

[[partner]]
id = "acme"
name = "Acme"
type = "referral"
email = "a@acme.example"
tags = ["Partner: Acme"]
  [[partner.terms]]
  from = 2026-01-01
  referral = { percent = "10%", pay_on = "signed" }
  revenue_share = { percent = "5%", months = 12 }
  clawback_days = 90

[[partner]]
id = "small"
name = "Small"
type = "referral"
email = "s@small.example"
tags = ["Partner: Small"]
  [[partner.terms]]
  from = 2026-01-01
  referral = { flat = "30.00", pay_on = "signed" }

[[partner]]
id = "qtr"
name = "Qtr"
type = "referral"
email = "q@qtr.example"
tags = ["Partner: Qtr"]
  [[partner.terms]]
  from = 2026-01-01
  revenue_share = { percent = "10%", months = 0, settle = "quarterly" }

[[partner]]
id = "resell"
name = "Resell"
type = "reseller"
email = "r@resell.example"
tags = ["Partner: Resell"]
  [[partner.terms]]
  from = 2026-01-01
  wholesale = { discount = "20%" }

[[partner]]
id = "tc"
name = "TC"
type = "referral"
email = "t@tc.example"
tags = ["Partner: TC"]
  [[partner.terms]]
  from = 2026-01-01
  to = 2026-07-31
  referral = { percent = "10%", pay_on = "signed" }
  [[partner.terms]]
  from = 2026-08-01
  referral = { percent = "20%", pay_on = "signed" }

[[partner]]
id = "gone"
name = "Gone"
type = "referral"
email = "g@gone.example"
tags = ["Partner: Gone"]
  [[partner.terms]]
  from = 2026-01-01
  referral = { percent = "10%", pay_on = "signed" }

[[partner]]
id = "gone2"
name = "Gone2"
type = "referral"
email = "g2@gone.example"
tags = ["Partner: Gone2"]
  [[partner.terms]]
  from = 2026-01-01
  referral = { percent = "10%", pay_on = "signed" }
`

const monthsDeals = `id,name,client,stage,status,value,created,closed,tags
D1,Deal one,ClientA,Won,won,1000.00,2026-05-01,2026-06-10,Partner: Acme
S1,S one,ClientS1,Won,won,500.00,2026-05-01,2026-06-05,Partner: Small
S2,S two,ClientS2,Won,won,500.00,2026-05-01,2026-07-05,Partner: Small
S3,S three,ClientS3,Won,won,500.00,2026-05-01,2026-08-05,Partner: Small
Q1,Q one,ClientQ,Won,won,5000.00,2026-05-01,2026-06-01,Partner: Qtr
R1,R one,ClientR,Won,won,1000.00,2026-05-01,2026-07-01,Partner: Resell
T1,T one,ClientT1,Won,won,1000.00,2026-05-01,2026-07-20,Partner: TC
T2,T two,ClientT2,Won,won,1000.00,2026-05-01,2026-08-10,Partner: TC
G1,G one,ClientG,Won,won,2000.00,2026-05-01,2026-07-02,Partner: Gone
G2,G two,ClientG2,Won,won,500.00,2026-05-01,2026-07-03,Partner: Gone2
`

const monthsPayments = `Deal ID,Date,Amount
D1,2026-06-20,500.00
D1,2026-07-15,500.00
D1,2026-08-15,500.00
Q1,2026-06-15,1000.00
Q1,2026-07-10,1000.00
Q1,2026-09-30,1000.00
Q1,2026-10-01,1000.00
`

// months is a program whose ledger holds June to September 2026.
type months struct {
	cfg, dir, out string
}

// monthsFixture runs June to September, each workbook copied into the ledger as
// finance hands it back: June's acme payout (125.00) paid 2026-07-20, July's tc payout
// (100.00) paid 2026-08-10, August's tc payout (200.00) paid 2026-09-10. acme is
// renamed acme2 (former_ids) before August. edit, when given, changes the program
// file before September's run. After September:
//
//	acme2   carried 50.00 (D1's July and August shares)
//	gone2   carried 50.00 (G2's fee)
//	small   carried 90.00 (S1, S2, S3's fees), unless edit ends it
//	qtr     Due 200.00 (Q1's shares of July and September, settled quarterly), unpaid
//	resell  Receivable -800.00 since July, unpaid
func monthsFixture(t *testing.T, edit func(toml string) string) *months {
	t.Helper()
	dir := t.TempDir()
	m := &months{cfg: filepath.Join(dir, "partnerbook.toml"), dir: dir, out: filepath.Join(t.TempDir(), "out")}
	must(t, os.WriteFile(filepath.Join(dir, "deals.csv"), []byte(monthsDeals), 0o644))
	must(t, os.WriteFile(filepath.Join(dir, "payments.csv"), []byte(monthsPayments), 0o644))
	must(t, os.MkdirAll(filepath.Join(dir, "ledger"), 0o755))
	m.setTOML(t, monthsTOML)
	m.issue(t, "2026-06", map[string][2]string{"PB-2026-06-acme": {"2026-07-20", "WISE-1"}})
	m.issue(t, "2026-07", map[string][2]string{"PB-2026-07-tc": {"2026-08-10", "WISE-2"}})
	m.editTOML(t, func(s string) string {
		return strings.Replace(s, "id = \"acme\"\n", "id = \"acme2\"\nformer_ids = [\"acme\"]\n", 1)
	})
	m.issue(t, "2026-08", map[string][2]string{"PB-2026-08-tc": {"2026-09-10", ""}})
	if edit != nil {
		m.editTOML(t, edit)
	}
	m.issue(t, "2026-09", nil)
	return m
}

func (m *months) setTOML(t *testing.T, s string) {
	t.Helper()
	must(t, os.WriteFile(m.cfg, []byte(s), 0o644))
}

func (m *months) editTOML(t *testing.T, edit func(string) string) {
	t.Helper()
	b, err := os.ReadFile(m.cfg)
	must(t, err)
	m.setTOML(t, edit(string(b)))
}

// issue runs month and puts its workbook in the ledger with finance's paid dates and
// payment references (payout ID -> date, reference).
func (m *months) issue(t *testing.T, month string, paid map[string][2]string) {
	t.Helper()
	runOK(t, "run", "-c", m.cfg, "--out", m.out, "--period", month)
	to := m.ledger(month)
	copyTo(t, filepath.Join(m.out, month, "payouts.xlsx"), to)
	if len(paid) == 0 {
		return
	}
	f := openBook(t, to)
	for id, p := range paid {
		r := itoa(rowOf(t, f, book.PayoutsSheet, id))
		must(t, f.SetCellValue(book.PayoutsSheet, "N"+r, p[0]))
		if p[1] != "" {
			must(t, f.SetCellValue(book.PayoutsSheet, "O"+r, p[1]))
		}
	}
	must(t, f.Save())
}

func (m *months) ledger(month string) string {
	return filepath.Join(m.dir, "ledger", "payouts-"+month+".xlsx")
}

// payouts reads the Payouts sheet of the run of month: payout ID -> "amount status",
// with the opening when there is one ("90 Due, opening 90").
func (m *months) payouts(t *testing.T, month string) map[string]string {
	t.Helper()
	f := openBook(t, filepath.Join(m.out, month, "payouts.xlsx"))
	rows, err := f.GetRows(book.PayoutsSheet, excelize.Options{RawCellValue: true})
	must(t, err)
	col := func(name string) int { return colOf(t, book.PayoutColumns, name) - 1 }
	got := map[string]string{}
	for _, r := range rows[1:] {
		s := r[col(book.Amount)] + " " + r[col(book.Status)]
		if o := r[col(book.Opening)]; o != "0" {
			s += ", opening " + o
		}
		got[r[0]] = s
	}
	return got
}

// lines reads the Lines sheet of the run of month: line ID -> amount.
func (m *months) lines(t *testing.T, month string) map[string]string {
	t.Helper()
	f := openBook(t, filepath.Join(m.out, month, "payouts.xlsx"))
	rows, err := f.GetRows(book.LinesSheet, excelize.Options{RawCellValue: true})
	must(t, err)
	amount := colOf(t, book.LineColumns, book.Amount) - 1
	got := map[string]string{}
	for _, r := range rows[1:] {
		got[r[0]] = r[amount]
	}
	return got
}

func sameMap(t *testing.T, what string, got, want map[string]string) {
	t.Helper()
	if len(got) != len(want) {
		t.Errorf("%s: %v, want %v", what, got, want)
		return
	}
	for k, v := range want {
		if got[k] != v {
			t.Errorf("%s: %v, want %v", what, got, want)
			return
		}
	}
}

// The fixture itself: October pays nothing new, and the three carried balances come
// back as Opening.
func TestMonthsFixtureOctober(t *testing.T) {
	m := monthsFixture(t, nil)
	runOK(t, "run", "-c", m.cfg, "--out", m.out, "--period", "2026-10")
	sameMap(t, "October payouts", m.payouts(t, "2026-10"), map[string]string{
		"PB-2026-10-acme2": "50 Carried forward, opening 50",
		"PB-2026-10-gone2": "50 Carried forward, opening 50",
		"PB-2026-10-small": "90 Carried forward, opening 90",
	})
}

// stripSeal copies the visible sheets of a workbook into a new one, as finance may:
// its hidden Seal sheet and its Summary are gone.
func stripSeal(t *testing.T, path string) {
	t.Helper()
	f := openBook(t, path)
	must(t, f.DeleteSheet(book.SealSheet))
	must(t, f.DeleteSheet(book.SummarySheet))
	must(t, f.Save())
}

// September's workbook without its Seal and Summary, with qtr's Due payout of 200.00
// and its two lines deleted: October paid the 200.00 again, with a warning that the
// workbook came from an older partnerbook. Every month before it is sealed, so it did
// not: the run refuses it. A ledger whose workbooks are all unsealed is refused too,
// until [input.ledger] accept_unsealed names each month checked.
func TestUnsealedLatestWorkbookAmidSealedMonths(t *testing.T) {
	m := monthsFixture(t, nil)
	sep := m.ledger("2026-09")
	stripSeal(t, sep)
	f := openBook(t, sep)
	must(t, f.RemoveRow(book.PayoutsSheet, rowOf(t, f, book.PayoutsSheet, "PB-2026-09-qtr")))
	for _, id := range []string{"qtr:Q1:revenue-share:2026-09-30", "qtr:Q1:revenue-share:2026-07-10"} {
		must(t, f.RemoveRow(book.LinesSheet, rowOf(t, f, book.LinesSheet, id)))
	}
	must(t, f.Save())

	// Runs of October write to a folder of their own: the one of the earlier runs holds
	// September's sealed run, which differs from the ledger's copy (an error of its own).
	out := filepath.Join(t.TempDir(), "out")
	stderr := runFails(t, "run", "-c", m.cfg, "--out", out, "--period", "2026-10")
	want := "error: ledger/payouts-2026-09.xlsx: ledger/payouts-2026-09.xlsx has no seal, but the ledger's workbooks from 2026-06 on are sealed " +
		"(ledger/payouts-2026-06.xlsx is the first): partnerbook seals every payouts.xlsx it writes, so this one lost its Seal sheet " +
		"(were its sheets copied into a new workbook?) and an edit to it, such as a deleted payout, would go unseen and be paid again: " +
		"put the workbook of 2026-09 as partnerbook wrote it in the ledger (the file given to finance, or out/2026-09/payouts.xlsx of its run) " +
		"and type its paid dates and payment references again\n"
	if !strings.Contains(stderr, want) {
		t.Errorf("stderr:\n%s\nwant %q", stderr, want)
	}
	if strings.Contains(stderr, "older partnerbook") {
		t.Errorf("stderr calls the workbook an older partnerbook's:\n%s", stderr)
	}
	if _, err := os.Stat(filepath.Join(out, "2026-10")); !os.IsNotExist(err) {
		t.Errorf("a refused run wrote October (%v)", err)
	}
	code, stdout, _ := cli("ledger", "-c", m.cfg, "--out", out, "--period", "2026-10")
	if code != 1 || !lineWith(stdout, "2026-09", "unsealed; no seal after sealed months") {
		t.Errorf("ledger: exit %d\n%s", code, stdout)
	}

	// Every workbook unsealed: nothing tells an older partnerbook's ledger from one
	// whose seals were all lost, so each is refused until accept_unsealed names its
	// month; then read with a warning each.
	for _, month := range []string{"2026-06", "2026-07", "2026-08"} {
		stripSeal(t, m.ledger(month))
	}
	stderr = runFails(t, "run", "-c", m.cfg, "--out", out, "--period", "2026-10")
	for _, month := range []string{"2026-06", "2026-07", "2026-08", "2026-09"} {
		if w := "error: ledger/payouts-" + month + ".xlsx: ledger/payouts-" + month + ".xlsx has no seal: "; !strings.Contains(stderr, w) {
			t.Errorf("stderr lacks %q:\n%s", w, stderr)
		}
	}
	if w := `add accept_unsealed = ["2026-09"] to [input.ledger] in partnerbook.toml`; !strings.Contains(stderr, w) {
		t.Errorf("stderr lacks %q:\n%s", w, stderr)
	}
	m.editTOML(t, func(s string) string {
		return strings.Replace(s, "[input.ledger]\n", "[input.ledger]\naccept_unsealed = [\"2026-06\", \"2026-07\", \"2026-08\", \"2026-09\"]\n", 1)
	})
	got := runOK(t, "run", "-c", m.cfg, "--out", out, "--period", "2026-10")
	for _, month := range []string{"2026-06", "2026-07", "2026-08", "2026-09"} {
		if w := "warning: ledger/payouts-" + month + ".xlsx: no seal (accepted unsealed"; !strings.Contains(got, w) {
			t.Errorf("output lacks %q:\n%s", w, got)
		}
	}
}

// start moved from 2026-06-01 to 2026-09-01 after September: October dropped the
// 190.00 carried forward (no payout, no warning) as history, issued no correction of
// an issued fee whose deal value changed, and no clawback of an issued fee refunded
// inside its window. What the ledger issued or carried stays the ledger's: start only
// decides lines no workbook issued or carried, and a late line of a month the ledger
// holds that start now hides is a warning.
func TestStartMovedPastTheLedger(t *testing.T) {
	m := monthsFixture(t, nil)
	m.editTOML(t, func(s string) string { return strings.Replace(s, "start = 2026-06-01", "start = 2026-09-01", 1) })
	got := runOK(t, "run", "-c", m.cfg, "--out", m.out, "--period", "2026-10")
	sameMap(t, "October payouts", m.payouts(t, "2026-10"), map[string]string{
		"PB-2026-10-acme2": "50 Carried forward, opening 50",
		"PB-2026-10-gone2": "50 Carried forward, opening 50",
		"PB-2026-10-small": "90 Carried forward, opening 90",
	})
	if strings.Contains(got, "warning:") {
		t.Errorf("warnings:\n%s", got)
	}

	// G1's value corrected from 2,000.00 to 3,000.00: gone's fee, issued in July at
	// 200.00, is 300.00. D1 refunded 500.00 on 2026-09-05, inside acme's 90 days: its
	// fee (100.00, issued in June) loses 50.00 and the refund's share is -25.00. A
	// payment of D1 dated 2026-08-25, before start, entered late: history, warned.
	deals := strings.Replace(monthsDeals, "G1,G one,ClientG,Won,won,2000.00", "G1,G one,ClientG,Won,won,3000.00", 1)
	must(t, os.WriteFile(filepath.Join(m.dir, "deals.csv"), []byte(deals), 0o644))
	must(t, os.WriteFile(filepath.Join(m.dir, "payments.csv"), []byte(monthsPayments+"D1,2026-09-05,-500.00\nD1,2026-08-25,400.00\n"), 0o644))
	got = runOK(t, "run", "-c", m.cfg, "--out", m.out, "--period", "2026-10")
	sameMap(t, "October payouts", m.payouts(t, "2026-10"), map[string]string{
		"PB-2026-10-acme2": "-25 Receivable, opening 50",
		"PB-2026-10-gone":  "100 Due",
		"PB-2026-10-gone2": "50 Carried forward, opening 50",
		"PB-2026-10-small": "90 Carried forward, opening 90",
	})
	sameMap(t, "October lines", m.lines(t, "2026-10"), map[string]string{
		"acme2:D1:revenue-share:2026-07-15":        "25",
		"acme2:D1:revenue-share:2026-08-15":        "25",
		"acme2:D1:clawback:2026-09-05":             "-50",
		"acme2:D1:revenue-share-refund:2026-09-05": "-25",
		"gone:G1:referral:adj:2026-10":             "100",
		"gone2:G2:referral":                        "50",
		"small:S1:referral":                        "30",
		"small:S2:referral":                        "30",
		"small:S3:referral":                        "30",
	})
	want := "warning: partnerbook.toml: start = 2026-09-01 is after the ledger's first month, 2026-06: 1 line ($20.00) eligible from 2026-06-01 to 2026-08-31 " +
		"that no ledger workbook issued or carried is history, never paid; if it is late data of a month the ledger holds, set start = 2026-06-01 in [program]\n"
	if !strings.Contains(got, want) {
		t.Errorf("output:\n%s\nwant %q", got, want)
	}
}

// lineRow reads the Lines row of id in the run of month: column name -> value.
func (m *months) lineRow(t *testing.T, month, id string) map[string]string {
	t.Helper()
	f := openBook(t, filepath.Join(m.out, month, "payouts.xlsx"))
	rows, err := f.GetRows(book.LinesSheet)
	must(t, err)
	for _, r := range rows[1:] {
		if r[0] == id {
			got := map[string]string{}
			for i, c := range book.LineColumns {
				if i < len(r) {
					got[c] = r[i]
				}
			}
			return got
		}
	}
	t.Fatalf("no line %s in the run of %s", id, month)
	return nil
}

// S1 (small's 30.00 fee) and G2 (gone2's 50.00) leave the export after their fees were
// carried forward: October dropped them with no warning, small's balance fell from
// 90.00 to 60.00 and gone2's payout vanished. A carried balance was stated to the
// partner: it stays as Opening, at the amount carried, with a warning, as an issued
// line the inputs no longer give stays issued.
func TestCarriedLineWhoseDealLeftTheExport(t *testing.T) {
	m := monthsFixture(t, nil)
	var kept []string
	for _, l := range strings.SplitAfter(monthsDeals, "\n") {
		if !strings.HasPrefix(l, "S1,") && !strings.HasPrefix(l, "G2,") {
			kept = append(kept, l)
		}
	}
	must(t, os.WriteFile(filepath.Join(m.dir, "deals.csv"), []byte(strings.Join(kept, "")), 0o644))
	got := runOK(t, "run", "-c", m.cfg, "--out", m.out, "--period", "2026-10")
	sameMap(t, "October payouts", m.payouts(t, "2026-10"), map[string]string{
		"PB-2026-10-acme2": "50 Carried forward, opening 50",
		"PB-2026-10-gone2": "50 Carried forward, opening 50",
		"PB-2026-10-small": "90 Carried forward, opening 90",
	})
	for _, w := range []string{
		`warning: ledger/payouts-2026-09.xlsx: sheet "Payouts" row 3: line gone2:G2:referral, carried forward in PB-2026-09-gone2 at $50.00, no longer follows from the inputs (deal lost, changed or removed?): it stays in the partner's balance as Opening, as its statement said; check it with the partner`,
		`warning: ledger/payouts-2026-09.xlsx: sheet "Payouts" row 5: line small:S1:referral, carried forward in PB-2026-09-small at $30.00, no longer follows from the inputs`,
	} {
		if !strings.Contains(got, w) {
			t.Errorf("output lacks %q:\n%s", w, got)
		}
	}
	// explain shows the line and, on stderr, the warning behind it.
	code, stdout, stderr := cli("explain", "-c", m.cfg, "--period", "2026-10", "--partner", "small")
	if code != 0 || !strings.Contains(stdout, "small:S1:referral  referral  $30.00   eligible 2026-06-05   payable (carried forward)\n"+
		"      as carried forward in PB-2026-09-small;") || !strings.HasSuffix(stdout, "= $90.00, Carried forward\n") ||
		!strings.Contains(stderr, "warning: ledger/payouts-2026-09.xlsx: sheet \"Payouts\" row 5: line small:S1:referral, carried forward in PB-2026-09-small") {
		t.Errorf("explain: exit %d\n%s\n%s", code, stdout, stderr)
	}
	// The line reads as the ledger has it.
	row := m.lineRow(t, "2026-10", "small:S1:referral")
	want := map[string]string{book.PayoutID: "PB-2026-10-small", book.DealID: "S1", book.Client: "ClientS1", book.Rule: "referral",
		book.Amount: "$30.00", book.EventDate: "2026-06-05", book.EligibleDate: "2026-06-05",
		book.Description: "as carried forward in PB-2026-09-small; the inputs no longer give this line (deal lost, changed or removed) (carried forward from an earlier period)"}
	for k, v := range want {
		if row[k] != v {
			t.Errorf("line small:S1:referral %s = %q, want %q", k, row[k], v)
		}
	}
	// November carries it again; with October's workbook in the ledger it is carried
	// by October's payout.
	copyTo(t, filepath.Join(m.out, "2026-10", "payouts.xlsx"), m.ledger("2026-10"))
	// A re-run of October with its workbook in the ledger reproduces it.
	rerun := filepath.Join(t.TempDir(), "rerun")
	runOK(t, "run", "-c", m.cfg, "--out", rerun, "--period", "2026-10")
	a, _ := os.ReadFile(m.ledger("2026-10"))
	b, _ := os.ReadFile(filepath.Join(rerun, "2026-10", "payouts.xlsx"))
	if string(a) != string(b) {
		t.Errorf("the re-run of October differs from its workbook")
	}
	got = runOK(t, "run", "-c", m.cfg, "--out", m.out, "--period", "2026-11")
	if !strings.Contains(got, "line small:S1:referral, carried forward in PB-2026-10-small at $30.00") {
		t.Errorf("November:\n%s", got)
	}
	if p := m.payouts(t, "2026-11")["PB-2026-11-small"]; p != "90 Carried forward, opening 90" {
		t.Errorf("November small: %s", p)
	}
}

// A carried revenue share whose payment date was corrected, and one whose payments
// gained ids after it was carried, are still one line each: the balance is not paid
// twice, and it stays Opening.
func TestCarriedRevenueShareRekeyed(t *testing.T) {
	t.Run("payment date corrected", func(t *testing.T) {
		m := monthsFixture(t, nil)
		pays := strings.Replace(monthsPayments, "D1,2026-07-15,500.00", "D1,2026-07-16,500.00", 1)
		must(t, os.WriteFile(filepath.Join(m.dir, "payments.csv"), []byte(pays), 0o644))
		got := runOK(t, "run", "-c", m.cfg, "--out", m.out, "--period", "2026-10")
		if p := m.payouts(t, "2026-10")["PB-2026-10-acme2"]; p != "50 Carried forward, opening 50" {
			t.Errorf("acme2: %s, want 50 Carried forward, opening 50", p)
		}
		sameMap(t, "acme2 lines", filter(m.lines(t, "2026-10"), "acme2:"), map[string]string{
			"acme2:D1:revenue-share:2026-07-16": "25",
			"acme2:D1:revenue-share:2026-08-15": "25",
		})
		want := "line acme2:D1:revenue-share:2026-07-15, carried forward in PB-2026-09-acme2 at $25.00, is gone and line acme2:D1:revenue-share:2026-07-16 of the same amount appeared: " +
			"taken as the same payment with a corrected date, the new line takes its place in the balance"
		if !strings.Contains(got, want) {
			t.Errorf("output:\n%s\nwant %q", got, want)
		}
	})
	t.Run("payment ids mapped", func(t *testing.T) {
		m := monthsFixture(t, nil)
		var b strings.Builder
		for i, l := range strings.Split(strings.TrimSpace(monthsPayments), "\n") {
			if i == 0 {
				b.WriteString(l + ",Payment ID\n")
				continue
			}
			b.WriteString(l + ",P" + itoa(i) + "\n")
		}
		// Two payments of D1 on 2026-07-15 (carried as one line of 25.00) reach the
		// export with ids: one line per payment would pay the day again.
		pays := strings.Replace(b.String(), "D1,2026-07-15,500.00,P2", "D1,2026-07-15,300.00,P2\nD1,2026-07-15,200.00,P9", 1)
		must(t, os.WriteFile(filepath.Join(m.dir, "payments.csv"), []byte(pays), 0o644))
		m.editTOML(t, func(s string) string {
			return strings.Replace(s, "file = \"payments.csv\"\n", "file = \"payments.csv\"\n[input.payments.columns]\nid = \"Payment ID\"\n", 1)
		})
		runOK(t, "run", "-c", m.cfg, "--out", m.out, "--period", "2026-10")
		if p := m.payouts(t, "2026-10")["PB-2026-10-acme2"]; p != "50 Carried forward, opening 50" {
			t.Errorf("acme2: %s, want 50 Carried forward, opening 50", p)
		}
		sameMap(t, "acme2 lines", filter(m.lines(t, "2026-10"), "acme2:"), map[string]string{
			"acme2:D1:revenue-share:2026-07-15": "25",
			"acme2:D1:revenue-share:2026-08-15": "25",
		})
	})
}

func filter(m map[string]string, prefix string) map[string]string {
	out := map[string]string{}
	for k, v := range m {
		if strings.HasPrefix(k, prefix) {
			out[k] = v
		}
	}
	return out
}

// tc's deal T3 pays a 5% revenue share for 1 month from its first payment, 100.00 on
// 2026-08-05, issued in August (window to 2026-09-04). September's payments export
// lacks that payment and holds 1,000.00 of 2026-09-10: the window re-opened on
// 2026-09-10 and September paid 50.00 for a payment after the window's end. The
// ledger's earliest revenue-share line of the deal bounds the window's start.
func TestRevenueShareWindowKeepsTheLedgersFirstPayment(t *testing.T) {
	for _, ids := range []bool{false, true} {
		name := "payments by date"
		if ids {
			name = "payments with ids"
		}
		t.Run(name, func(t *testing.T) {
			dir := t.TempDir()
			cfg := filepath.Join(dir, "partnerbook.toml")
			toml := `[program]
name = "Test Co"
currency = "USD"
start = 2026-01-01
email = "x@test.example"

[input.deals]
file = "deals.csv"

[input.payments]
file = "payments.csv"

[input.ledger]
files = ["ledger/*.xlsx"]

[[partner]]
id = "tc"
name = "TC"
type = "referral"
email = "t@tc.example"
  [[partner.terms]]
  from = 2026-01-01
  referral = { percent = "10%", pay_on = "first-payment" }
  revenue_share = { percent = "5%", months = 1 }
`
			pays := "Deal ID,Date,Amount\nT3,2026-08-05,100.00\n"
			later := "Deal ID,Date,Amount\nT3,2026-09-10,1000.00\n"
			if ids {
				toml = strings.Replace(toml, "file = \"payments.csv\"\n", "file = \"payments.csv\"\n[input.payments.columns]\nid = \"Payment ID\"\n", 1)
				pays = "Deal ID,Date,Amount,Payment ID\nT3,2026-08-05,100.00,P1\n"
				later = "Deal ID,Date,Amount,Payment ID\nT3,2026-09-10,1000.00,P2\n"
			}
			must(t, os.WriteFile(cfg, []byte(toml), 0o644))
			must(t, os.WriteFile(filepath.Join(dir, "deals.csv"), []byte("id,name,client,stage,status,value,created,closed,tags\nT3,t3,C3,Won,won,1000.00,2026-07-01,2026-07-31,Partner: TC\n"), 0o644))
			must(t, os.WriteFile(filepath.Join(dir, "payments.csv"), []byte(pays), 0o644))
			must(t, os.MkdirAll(filepath.Join(dir, "ledger"), 0o755))
			m := &months{cfg: cfg, dir: dir, out: filepath.Join(t.TempDir(), "out")}
			m.issue(t, "2026-08", nil)
			share := "tc:T3:revenue-share:2026-08-05"
			if ids {
				share = "tc:T3:revenue-share:pay:P1"
			}
			sameMap(t, "August lines", m.lines(t, "2026-08"), map[string]string{"tc:T3:referral": "100", share: "5"})

			must(t, os.WriteFile(filepath.Join(dir, "payments.csv"), []byte(later), 0o644))
			got := runOK(t, "run", "-c", cfg, "--out", m.out, "--period", "2026-09")
			sameMap(t, "September payouts", m.payouts(t, "2026-09"), map[string]string{})
			// Keyed by its date, the August line is of a month the export no longer
			// covers: outside it, named in one warning; keyed by a payment id, gone.
			w := "line " + share + ", issued in PB-2026-08-tc at $5.00, no longer follows from the inputs"
			if !ids {
				w = "payments.csv: the payments export holds no row before 2026-09: 1 issued revenue-share or clawback line of a payment dated before then is outside it and stands as issued (" + share + " of $5.00, issued in PB-2026-08-tc)"
			}
			if !strings.Contains(got, w) {
				t.Errorf("output lacks %q:\n%s", w, got)
			}
		})
	}
}

// small, carrying 90.00 below the 100.00 minimum, is ended before September: its
// balance stayed carried forward every month after, with no warning, though no later
// payout would ever reach the minimum. Ending a partner settles it: September pays the
// 90.00 in full, and October owes small nothing.
func TestEndedPartnerIsPaidItsCarriedBalance(t *testing.T) {
	m := monthsFixture(t, func(s string) string {
		return strings.Replace(s, "id = \"small\"\n", "id = \"small\"\nstatus = \"ended\"\n", 1)
	})
	sameMap(t, "September payouts", m.payouts(t, "2026-09"), map[string]string{
		"PB-2026-09-acme2": "50 Carried forward, opening 50",
		"PB-2026-09-gone2": "50 Carried forward, opening 50",
		"PB-2026-09-qtr":   "200 Due",
		"PB-2026-09-small": "90 Due, opening 90",
	})
	runOK(t, "run", "-c", m.cfg, "--out", m.out, "--period", "2026-10")
	sameMap(t, "October payouts", m.payouts(t, "2026-10"), map[string]string{
		"PB-2026-10-acme2": "50 Carried forward, opening 50",
		"PB-2026-10-gone2": "50 Carried forward, opening 50",
	})
}
