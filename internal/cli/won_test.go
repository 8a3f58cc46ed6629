package cli

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/partnerbook/partnerbook/internal/book"
)

// wonTOML is a GoHighLevel program from October 2026: acme's referral fee is 10% on
// deals won through October and 15% from November; hold's fee is payable 60 days
// after the win.
const wonTOML = `[program]
name = "Test Co"
currency = "USD"
period = "2026-10"
start = 2026-10-01
email = "x@test.example"

[input.deals]
file = "ghl.csv"
preset = "gohighlevel"

[input.ledger]
files = ["ledger/*.xlsx"]

[[partner]]
id = "acme"
name = "Acme"
type = "referral"
email = "a@acme.example"
  [[partner.terms]]
  from = 2026-01-01
  to = 2026-10-31
  referral = { percent = "10%", pay_on = "signed" }
  [[partner.terms]]
  from = 2026-11-01
  referral = { percent = "15%", pay_on = "signed" }

[[partner]]
id = "hold"
name = "Hold"
type = "referral"
email = "h@hold.example"
  [[partner.terms]]
  from = 2026-01-01
  referral = { percent = "10%", pay_on = "after-hold", hold_days = 60 }
`

const ghlHeader = "Opportunity name,Contact Name,phone,email,pipeline,stage,Lead Value,source,assigned,Created on,Updated on,lost reason ID,lost reason name,Followers,Notes,tags,Engagement score,status,Opportunity ID,Contact ID,Pipeline Stage ID,Pipeline ID\n"

// ghlRow is a won opportunity of 10,000.00 tagged for partner, last updated on updated.
func ghlRow(id, partner, updated string) string {
	return fmt.Sprintf("Deal %s,Client %s,,,Sales,Closed,10000,partner,Dana,2026-07-01T10:00:00.000Z,%sT10:00:00.000Z,,,,,Partner: %s,1,won,%s,c-%s,s1,p1\n",
		id, id, updated, partner, id, id)
}

// wonMonths is the program's folder: the export is written by setExport and each
// month's workbook goes into the ledger as issued.
type wonMonths struct{ *months }

func newWonMonths(t *testing.T) *wonMonths {
	t.Helper()
	dir := t.TempDir()
	m := &months{cfg: filepath.Join(dir, "partnerbook.toml"), dir: dir, out: filepath.Join(t.TempDir(), "out")}
	must(t, os.MkdirAll(filepath.Join(dir, "ledger"), 0o755))
	m.setTOML(t, wonTOML)
	return &wonMonths{m}
}

func (m *wonMonths) setExport(t *testing.T, rows ...string) {
	t.Helper()
	must(t, os.WriteFile(filepath.Join(m.dir, "ghl.csv"), []byte(ghlHeader+strings.Join(rows, "")), 0o644))
}

// run runs month and puts its workbook in the ledger; it returns the run's messages.
func (m *wonMonths) run(t *testing.T, month string) string {
	t.Helper()
	msgs := runOK(t, "run", "-c", m.cfg, "--out", m.out, "--period", month)
	copyTo(t, filepath.Join(m.out, month, "payouts.xlsx"), m.ledger(month))
	return msgs
}

// October: opp1 was won in August, before start (history); opp2 in October (acme's
// fee of 1,000.00 at 10%, issued); opp3 on October 5 (hold's fee, payable from
// December 4). In November a note is added to each: GoHighLevel's "Updated on", the
// export's won date, moves into November. November pays nothing (no fee for opp1, no
// correction of opp2 to 15%), and warns once per deal with both dates; December pays
// hold's fee when its hold ends, not 60 days after the note.
func TestGoHighLevelUpdateKeepsTheRecordedWonDate(t *testing.T) {
	m := newWonMonths(t)
	m.setExport(t, ghlRow("opp1", "Acme", "2026-08-15"), ghlRow("opp2", "Acme", "2026-10-20"), ghlRow("opp3", "Hold", "2026-10-05"))
	m.run(t, "2026-10")
	sameMap(t, "October payouts", m.payouts(t, "2026-10"), map[string]string{"PB-2026-10-acme": "1000 Due"})

	m.setExport(t, ghlRow("opp1", "Acme", "2026-11-02"), ghlRow("opp2", "Acme", "2026-11-05"), ghlRow("opp3", "Hold", "2026-11-10"))
	msgs := m.run(t, "2026-11")
	sameMap(t, "November payouts", m.payouts(t, "2026-11"), map[string]string{})
	sameMap(t, "November lines", m.lines(t, "2026-11"), map[string]string{})
	for _, w := range []string{
		`deal "opp1": the export dates its win 2026-11-02, but ledger/payouts-2026-10.xlsx recorded it won on 2026-08-15: "Updated on" is when the deal was last updated`,
		`deal "opp2": the export dates its win 2026-11-05, but ledger/payouts-2026-10.xlsx recorded it won on 2026-10-20`,
		`deal "opp3": the export dates its win 2026-11-10, but ledger/payouts-2026-10.xlsx recorded it won on 2026-10-05`,
	} {
		if strings.Count(msgs, w) != 1 {
			t.Errorf("November: want once the warning\n%s\ngot:\n%s", w, msgs)
		}
	}

	msgs = m.run(t, "2026-12")
	sameMap(t, "December payouts", m.payouts(t, "2026-12"), map[string]string{"PB-2026-12-hold": "1000 Due"})
	sameMap(t, "December lines", m.lines(t, "2026-12"), map[string]string{"hold:opp3:referral": "1000"})
	// December reads November's workbook: the dates it kept are recorded again there.
	if !strings.Contains(msgs, `but ledger/payouts-2026-10.xlsx recorded it won on 2026-08-15`) {
		t.Errorf("December: opp1's won date is not kept from October's record:\n%s", msgs)
	}
	if got := sealWon(t, m.ledger("2026-11")); got != "opp1=2026-08-15 opp2=2026-10-20 opp3=2026-10-05" {
		t.Errorf("November's seal records won dates %q", got)
	}
}

// A deal the export no longer lists keeps its record: when it comes back edited, its
// won date is the one first recorded.
func TestWonRecordOutlivesTheExport(t *testing.T) {
	m := newWonMonths(t)
	m.setExport(t, ghlRow("opp1", "Acme", "2026-08-15"))
	m.run(t, "2026-10")
	m.setExport(t, ghlRow("opp2", "Acme", "2026-11-03"))
	m.run(t, "2026-11")
	if got := sealWon(t, m.ledger("2026-11")); got != "opp1=2026-08-15 opp2=2026-11-03" {
		t.Errorf("November's seal records won dates %q", got)
	}
	m.setExport(t, ghlRow("opp1", "Acme", "2026-12-01"), ghlRow("opp2", "Acme", "2026-11-03"))
	m.run(t, "2026-12")
	sameMap(t, "December payouts", m.payouts(t, "2026-12"), map[string]string{})
}

// A deal with a real won date (the generic preset) keeps the date its issued fee was
// computed on when the export later dates the win in a month of other terms: no
// correction, a warning naming both dates. closed_is_update = true makes a generic
// export record every won deal, as GoHighLevel's does.
func TestIssuedDealKeepsItsWonDate(t *testing.T) {
	m := newWonMonths(t)
	m.editTOML(t, func(s string) string {
		return strings.Replace(strings.Replace(s, `file = "ghl.csv"`, `file = "deals.csv"`, 1), `preset = "gohighlevel"`, `preset = "generic"`, 1)
	})
	deals := func(rows ...string) {
		must(t, os.WriteFile(filepath.Join(m.dir, "deals.csv"), []byte("id,name,client,stage,status,value,created,closed,tags\n"+strings.Join(rows, "")), 0o644))
	}
	deals("D1,Deal 1,Client 1,Closed,won,10000,2026-07-01,2026-10-20,Partner: Acme\n", "D2,Deal 2,Client 2,Closed,won,10000,2026-07-01,2026-08-20,Partner: Acme\n")
	m.run(t, "2026-10")
	sameMap(t, "October lines", m.lines(t, "2026-10"), map[string]string{"acme:D1:referral": "1000"})
	// Only D1's date decided a line: a real won date before start records nothing.
	if got := sealWon(t, m.ledger("2026-10")); got != "D1=2026-10-20" {
		t.Errorf("October's seal records won dates %q", got)
	}

	deals("D1,Deal 1,Client 1,Closed,won,10000,2026-07-01,2026-11-05,Partner: Acme\n", "D2,Deal 2,Client 2,Closed,won,10000,2026-07-01,2026-08-20,Partner: Acme\n")
	msgs := m.run(t, "2026-11")
	sameMap(t, "November lines", m.lines(t, "2026-11"), map[string]string{})
	if w := `deal "D1": the export dates its win 2026-11-05, but ledger/payouts-2026-10.xlsx recorded it won on 2026-10-20: a won date that payouts were decided on is kept`; !strings.Contains(msgs, w) {
		t.Errorf("November: want the warning\n%s\ngot:\n%s", w, msgs)
	}

	m.editTOML(t, func(s string) string {
		return strings.Replace(s, `preset = "generic"`, "preset = \"generic\"\nclosed_is_update = true", 1)
	})
	m.run(t, "2026-12")
	if got := sealWon(t, m.ledger("2026-12")); got != "D1=2026-10-20 D2=2026-08-20" {
		t.Errorf("December's seal records won dates %q", got)
	}
}

// October's workbook as a partnerbook before won dates were sealed wrote it (a v3
// seal): it still loads. November warns once that history cannot be checked, and
// opp2's issued fee keeps the won date of its Lines sheet's Event date; opp1, history
// in October, cannot be told from a deal won in November and is paid.
func TestLedgerWithoutWonRecords(t *testing.T) {
	m := newWonMonths(t)
	m.setExport(t, ghlRow("opp1", "Acme", "2026-08-15"), ghlRow("opp2", "Acme", "2026-10-20"))
	m.run(t, "2026-10")
	downgradeSeal(t, m.ledger("2026-10"))
	copyTo(t, m.ledger("2026-10"), filepath.Join(m.out, "2026-10", "payouts.xlsx")) // the run's own copy, as that partnerbook wrote it

	m.setExport(t, ghlRow("opp1", "Acme", "2026-11-02"), ghlRow("opp2", "Acme", "2026-11-05"))
	msgs := m.run(t, "2026-11")
	if w := `warning: ledger/payouts-2026-10.xlsx: the ledger's latest workbook records no won dates`; strings.Count(msgs, w) != 1 {
		t.Errorf("want once the warning\n%s\ngot:\n%s", w, msgs)
	}
	if w := `deal "opp2": the export dates its win 2026-11-05, but ledger/payouts-2026-10.xlsx issued its lines on a won date of 2026-10-20 (the Event date of its fee in the Lines sheet)`; !strings.Contains(msgs, w) {
		t.Errorf("want the warning\n%s\ngot:\n%s", w, msgs)
	}
	sameMap(t, "November lines", m.lines(t, "2026-11"), map[string]string{"acme:opp1:referral": "1500"})
	// From November on the dates are recorded: December warns no more.
	msgs = m.run(t, "2026-12")
	if strings.Contains(msgs, "records no won dates") {
		t.Errorf("December still warns of a ledger without won dates:\n%s", msgs)
	}
}

// sealWon lists the won records of a workbook's Seal sheet: "deal=date ...".
func sealWon(t *testing.T, path string) string {
	t.Helper()
	f := openBook(t, path)
	rows, err := f.GetRows(book.SealSheet, excelize.Options{RawCellValue: true})
	must(t, err)
	col := colOf(t, book.SealColumns, book.WonDate) - 1
	var out []string
	for _, r := range rows[1:] {
		if r[0] == book.SealWon {
			out = append(out, r[1]+"="+r[col])
		}
	}
	return strings.Join(out, " ")
}

// downgradeSeal rewrites a workbook's seal as a v3 seal, before won dates were
// recorded: its won records gone, its version and digest (and the Summary's) those a
// v3 seal of the rest has.
func downgradeSeal(t *testing.T, path string) {
	t.Helper()
	f := openBook(t, path)
	rows, err := f.GetRows(book.SealSheet, excelize.Options{RawCellValue: true})
	must(t, err)
	cell := func(r []string, name string) string {
		if i := colOf(t, book.SealColumns, name) - 1; i < len(r) {
			return r[i]
		}
		return ""
	}
	s := &book.Seal{Version: book.SealVersionV3}
	var kept [][]string
	for _, r := range rows[1:] {
		switch r[0] {
		case book.SealWon:
			continue
		case book.SealWorkbook:
			s.Period, s.Currency = cell(r, book.Period), cell(r, book.Currency)
		case book.SealAfter:
			s.After = book.Link{Period: cell(r, book.Period), Digest: cell(r, book.SealDigest)}
		case book.SealPayout:
			s.Payouts = append(s.Payouts, book.SealedPayout{ID: r[1], PartnerID: cell(r, book.PartnerID), Period: cell(r, book.Period),
				Status: cell(r, book.Status), Currency: cell(r, book.Currency), Opening: cell(r, book.Opening), Earned: cell(r, book.Earned),
				Clawbacks: cell(r, book.Clawbacks), Charges: cell(r, book.Charges), Amount: cell(r, book.Amount), Due: cell(r, book.DueDate),
				LinesDigest: cell(r, book.SealDigest)})
		case book.SealLine:
			s.Lines = append(s.Lines, book.SealedLine{ID: r[1], PayoutID: cell(r, book.PayoutID), PartnerID: cell(r, book.PartnerID), Amount: cell(r, book.Amount)})
		default:
			t.Fatalf("seal row %q", r)
		}
		kept = append(kept, r)
	}
	digest := s.Compute()
	must(t, f.DeleteSheet(book.SealSheet))
	_, err = f.NewSheet(book.SealSheet)
	must(t, err)
	header := make([]any, 0, len(book.SealColumns)-1)
	for _, c := range book.SealColumns[:len(book.SealColumns)-1] {
		header = append(header, c)
	}
	must(t, f.SetSheetRow(book.SealSheet, "A1", &header))
	for i, r := range kept {
		vals := make([]any, len(r))
		for j, v := range r {
			vals[j] = v
		}
		if r[0] == book.SealWorkbook {
			vals[1], vals[colOf(t, book.SealColumns, book.SealDigest)-1] = book.SealVersionV3, digest
		}
		must(t, f.SetSheetRow(book.SealSheet, "A"+itoa(i+2), &vals))
	}
	must(t, f.SetSheetVisible(book.SealSheet, false))
	sum, err := f.GetRows(book.SummarySheet)
	must(t, err)
	for i, r := range sum {
		if len(r) > 1 && r[0] == book.SealRow {
			must(t, f.SetCellValue(book.SummarySheet, "B"+itoa(i+1), digest))
		}
	}
	must(t, f.Save())
}

// A won date edited in the hidden Seal sheet (to make a history deal payable) breaks
// the seal: the run stops.
func TestEditedWonRecordBreaksTheSeal(t *testing.T) {
	m := newWonMonths(t)
	m.setExport(t, ghlRow("opp1", "Acme", "2026-08-15"))
	m.run(t, "2026-10")
	f := openBook(t, m.ledger("2026-10"))
	rows, err := f.GetRows(book.SealSheet)
	must(t, err)
	row := 0
	for i, r := range rows {
		if len(r) > 1 && r[0] == book.SealWon && r[1] == "opp1" {
			row = i + 1
		}
	}
	name, err := excelize.CoordinatesToCellName(colOf(t, book.SealColumns, book.WonDate), row)
	must(t, err)
	must(t, f.SetCellValue(book.SealSheet, name, "2026-11-02"))
	must(t, f.Save())
	copyTo(t, m.ledger("2026-10"), filepath.Join(m.out, "2026-10", "payouts.xlsx"))
	m.setExport(t, ghlRow("opp1", "Acme", "2026-11-02"))
	stderr := runFails(t, "run", "-c", m.cfg, "--out", m.out, "--period", "2026-11")
	if w := `ledger/payouts-2026-10.xlsx: sheet "Seal": the Seal sheet was edited (its digest does not match its contents)`; !strings.Contains(stderr, w) {
		t.Errorf("want the error\n%s\ngot:\n%s", w, stderr)
	}
}
