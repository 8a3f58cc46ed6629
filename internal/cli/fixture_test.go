package cli

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/partnerbook/partnerbook/internal/output"
	"github.com/xuri/excelize/v2"
)

// fixture is a small but complete program on disk: a TOML file, a deals export and
// payments, which each test may spoil in one way.
type fixture struct {
	toml     string
	deals    [][]any
	payments [][]any
	ledger   map[string][]byte // extra files under ledger/
}

func goodFixture() *fixture {
	return &fixture{
		toml: `[program]
name = "Test Co"
currency = "USD"
period = "2026-10"
start = 2026-01-01
payout_terms_days = 30
minimum_payout = "100.00"
owner = "Dana Lee"

[input.deals]
file = "deals.xlsx"
sheet = "Opportunities"
preset = "generic"
[input.deals.columns]
id = "Deal ID"
client = "Company"
value = "Value"

[input.payments]
file = "payments.xlsx"

[input.ledger]
files = ["ledger/*.xlsx"]

[[partner]]
id = "acme"
name = "Acme Consulting"
type = "referral"
email = "pay@acme.example"
  [[partner.terms]]
  from = 2026-01-01
  referral = { percent = "10%", pay_on = "signed" }
  clawback_days = 90

[[partner]]
id = "lodz"
name = "Łódź Analytics"
type = "reseller"
email = "finanse@lodz.example"
  [[partner.terms]]
  from = 2026-01-01
  wholesale = { discount = "20%" }
`,
		deals: [][]any{
			{"Deal ID", "name", "Company", "stage", "status", "Value", "created", "closed", "tags"},
			{"D1", "Website", "Globex Corp", "Won", "won", 12000.5, "2026-09-01", "2026-10-03", "Partner: Acme Consulting, inbound"},
			{"D2", "Retainer", "Initrode", "Won", "WON", "5,000.00", "2026-08-01", "2026-09-15", "partner: łódź analytics"},
			{"D3", "Audit", "Umbrella", "Proposal", "open", "", "2026-10-01", "", "Partner: Acme Consulting"},
			{"D4", "SEO", "=cmd|' /C calc'!A0", "Won", "won", 900, "2026-10-01", "2026-10-02", "Partner: Acme Consulting"},
		},
		payments: [][]any{
			{"Deal ID", "Date", "Amount"},
			{"D1", "2026-10-10", 6000},
			{"D2", "2026-09-20", "2500.00"},
		},
	}
}

// write puts the fixture in a new folder and returns the TOML path.
func (f *fixture) write(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	must(t, os.WriteFile(filepath.Join(dir, "partnerbook.toml"), []byte(f.toml), 0o644))
	writeXLSX(t, filepath.Join(dir, "deals.xlsx"), "Opportunities", f.deals)
	writeXLSX(t, filepath.Join(dir, "payments.xlsx"), "Sheet1", f.payments)
	must(t, os.MkdirAll(filepath.Join(dir, "ledger"), 0o755))
	for name, data := range f.ledger {
		must(t, os.WriteFile(filepath.Join(dir, "ledger", name), data, 0o644))
	}
	return filepath.Join(dir, "partnerbook.toml")
}

func writeXLSX(t *testing.T, path, sheet string, rows [][]any) {
	t.Helper()
	x := excelize.NewFile()
	defer x.Close()
	if sheet != "Sheet1" {
		_, err := x.NewSheet(sheet)
		must(t, err)
		must(t, x.DeleteSheet("Sheet1"))
	}
	for i, r := range rows {
		cell, _ := excelize.CoordinatesToCellName(1, i+1)
		must(t, x.SetSheetRow(sheet, cell, &r))
	}
	must(t, x.SaveAs(path))
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

// cli runs the command line in-process.
func cli(args ...string) (code int, stdout, stderr string) {
	var o, e bytes.Buffer
	code = Main(args, &o, &e)
	return code, o.String(), e.String()
}

func outDirs(t *testing.T, out string) []string {
	t.Helper()
	ents, err := os.ReadDir(out)
	if os.IsNotExist(err) {
		return nil
	}
	must(t, err)
	var names []string
	for _, e := range ents {
		// The lock file stays for good: it is how runs keep out of each other's way.
		if e.Name() == output.LockFile {
			continue
		}
		names = append(names, e.Name())
	}
	return names
}

func contains(s string, subs ...string) string {
	for _, sub := range subs {
		if !strings.Contains(s, sub) {
			return sub
		}
	}
	return ""
}
