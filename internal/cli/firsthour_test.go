package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// fixtureProgram names only the export, its preset and the partners.
const fixtureProgram = `[program]
name = "P"
currency = "USD"
period = "2026-10"
start = 2026-01-01
[input.deals]
file = "%FILE%"
preset = "%PRESET%"
[[partner]]
id = "brightpath"
name = "BrightPath Advisors"
type = "referral"
email = "pay@brightpath.example"
  [[partner.terms]]
  from = 2026-01-01
  referral = { percent = "10%" }
[[partner]]
id = "northwind"
name = "Northwind Partners"
type = "referral"
email = "pay@northwind.example"
  [[partner.terms]]
  from = 2026-01-01
  referral = { percent = "10%" }
`

// copyFixture puts a generated CRM export (internal/crm/testdata) beside a program file.
func copyFixture(t *testing.T, file, preset string, extra ...string) string {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("..", "crm", "testdata", file))
	must(t, err)
	dir := t.TempDir()
	must(t, os.WriteFile(filepath.Join(dir, file), data, 0o644))
	cfg := filepath.Join(dir, "partnerbook.toml")
	must(t, os.WriteFile(cfg, []byte(strings.NewReplacer("%FILE%", file, "%PRESET%", preset).Replace(fixtureProgram)+strings.Join(extra, "")), 0o644))
	return cfg
}

// lineWith is the first output line holding every part.
func lineWith(out string, parts ...string) bool {
	for _, l := range strings.Split(out, "\n") {
		all := true
		for _, p := range parts {
			all = all && strings.Contains(l, p)
		}
		if all {
			return true
		}
	}
	return false
}

func TestRealExportsEndToEnd(t *testing.T) {
	tests := []struct {
		name, file, preset string
		lines              map[string][][2]string // partner -> (deal id, fee) on its explain lines
		warning            string
	}{
		{"hubspot all deals", "hubspot_all_deals.csv", "hubspot",
			map[string][][2]string{"brightpath": {{"15489230021", "$500.00"}, {"15489230022", "$120.05"}}},
			`partner "Bright Path Advisors" names no partner: 1 deal (1 won, $2,500.00) left unattributed; did you mean brightpath ("BrightPath Advisors")? add this spelling to its tags`},
		// GBP deals in a USD program, at 1.25: 7,500.00 GBP is $9,375.00 (fee $937.50);
		// 1,800.75 GBP is 2,250.9375 -> $2,250.94 (fee 225.094 -> $225.09).
		{"pipedrive gb", "pipedrive_deals_gb.csv", "pipedrive",
			map[string][][2]string{"brightpath": {{"brightpath:101:", "$937.50"}}, "northwind": {{"northwind:102:", "$225.09"}}}, ""},
		{"pipedrive us", "pipedrive_deals_us.csv", "pipedrive",
			map[string][][2]string{"brightpath": {{"brightpath:201:", "$420.00"}}}, ""},
		{"salesforce report", "salesforce_report.csv", "salesforce",
			map[string][][2]string{"brightpath": {{"0065g00000AbCdEAAV", "$1,200.00"}}, "northwind": {{"0065g00000AbCdFAAV", "$350.00"}}},
			`3 dates read as MM/DD/YYYY`},
		{"salesforce data export", "salesforce_data_export.csv", "salesforce",
			map[string][][2]string{"brightpath": {{"0065g00000XyZaAAAR", "$1,200.00"}}, "northwind": {{"0065g00000XyZaBAAR", "$350.00"}}},
			`1 deleted row (IsDeleted = true) skipped`},
		{"gohighlevel long", "gohighlevel_long.csv", "gohighlevel",
			map[string][][2]string{"brightpath": {{"kQ3vX1", "$600.00"}}, "northwind": {{"kQ3vX3", "$220.00"}}}, ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			cfg := copyFixture(t, tc.file, tc.preset, "[fx.GBP]\n\"2026-09\" = \"1.25\"\n\"2026-10\" = \"1.25\"\n")
			code, out, errs := cli("validate", "-c", cfg)
			if code != 0 || !strings.Contains(out, "inputs are valid") || !strings.Contains(errs, tc.warning) {
				t.Fatalf("validate: exit %d\n%s\n%s", code, out, errs)
			}
			for partner, want := range tc.lines {
				code, out, errs := cli("explain", "-c", cfg, "--partner", partner)
				if code != 0 {
					t.Fatalf("explain %s: exit %d\n%s", partner, code, errs)
				}
				for _, w := range want {
					if !lineWith(out, w[0], "referral", w[1]) {
						t.Errorf("explain %s lacks a referral line of %s for %s:\n%s", partner, w[1], w[0], out)
					}
				}
			}
		})
	}
}

// HubSpot's "all properties" export can carry a header twice. Copies that name
// different companies are refused (which is the client?); once the wrong copy is
// deleted the export runs, and copies that agree only warn.
func TestExportWithAHeaderTwice(t *testing.T) {
	cfg := copyFixture(t, "hubspot_all_properties.csv", "hubspot")
	code, _, errs := cli("validate", "-c", cfg)
	if code != 1 || !strings.Contains(errs, `hubspot_all_properties.csv row 2 column "Associated Company": the header "Associated Company" appears twice (columns C "Associated Company" and J "Associated Company") and the copies differ from this row on: "Initech" in column C, "Initech Holdings" in column J`) {
		t.Fatalf("validate: exit %d\n%s", code, errs)
	}
	path := filepath.Join(filepath.Dir(cfg), "hubspot_all_properties.csv")
	data, err := os.ReadFile(path)
	must(t, err)
	for _, fix := range []struct{ from, to, warning string }{
		{"Initech Holdings", "", ""}, // the second copy emptied: still differs
		{",2026-09-03 10:00,,", ",2026-09-03 10:00,Hooli,", ""},
		{",2026-09-01 09:15,,", ",2026-09-01 09:15,Initech,", `the header "Associated Company" appears twice (columns C "Associated Company" and J "Associated Company"); the copies agree on every row and column C is read as client`},
	} {
		data = []byte(strings.Replace(string(data), fix.from, fix.to, 1))
		must(t, os.WriteFile(path, data, 0o644))
		code, _, errs = cli("validate", "-c", cfg)
		if fix.warning == "" {
			if code != 1 {
				t.Errorf("an emptied copy: exit %d\n%s", code, errs)
			}
			continue
		}
		if code != 0 || !strings.Contains(errs, fix.warning) {
			t.Fatalf("copies that agree: exit %d\n%s", code, errs)
		}
		code, out, errs := cli("explain", "-c", cfg, "--partner", "northwind")
		if code != 0 || !lineWith(out, "15489230031", "referral", "$400.00") {
			t.Errorf("explain: exit %d\n%s\n%s", code, out, errs)
		}
	}
}

func TestExportsWithoutStableIDAreRefused(t *testing.T) {
	for _, tc := range []struct{ file, preset, want string }{
		{"pipedrive_deals_no_id.csv", "pipedrive", `tick the ID column (Deal - ID) in Pipedrive's export dialog and export again`},
		{"gohighlevel_short.csv", "gohighlevel", `export again with all columns (the long export has "Opportunity ID")`},
	} {
		code, _, errs := cli("validate", "-c", copyFixture(t, tc.file, tc.preset))
		if code != 1 || !strings.Contains(errs, tc.want) {
			t.Errorf("%s: exit %d\n%s", tc.file, code, errs)
		}
	}
}

func TestDateErrorNamesTheFormatToSet(t *testing.T) {
	code, _, errs := presetRun(t, "hubspot", "deals.xlsx", func(p string) {
		writeXLSX(t, p, "Sheet1", [][]any{
			{"Record ID", "Deal Name", "Deal Stage", "Amount", "Create Date", "Close Date", "Partner"},
			{"1001", "Site", "Closed Won", "5000", "28/09/2026 10:15", "02/10/2026", "Acme"},
		})
	})
	if code != 1 || !strings.Contains(errs, `deals.xlsx: sheet "Sheet1" row 2 column "Create Date": "28/09/2026 10:15" is not a date: set date_format = "DD/MM/YYYY HH:mm" in [input.deals]`) {
		t.Errorf("exit %d\n%s", code, errs)
	}
}

func TestDateFormatPatterns(t *testing.T) {
	for _, tc := range []struct{ format, created, closed string }{
		{"DD/MM/YYYY", "28/09/2026", "02/10/2026"},
		{"MM/DD/YYYY HH:mm", "09/28/2026 10:15", "10/02/2026 08:00"},
		{"YYYY-MM-DD", "2026-09-28", "2026-10-02"},
		{"02.01.2006", "28.09.2026", "02.10.2026"},
	} {
		dir := t.TempDir()
		writeXLSX(t, filepath.Join(dir, "deals.xlsx"), "Sheet1", [][]any{
			{"Record ID", "Deal Name", "Deal Stage", "Amount", "Create Date", "Close Date", "Partner"},
			{"1001", "Site", "Closed Won", "5000", tc.created, tc.closed, "Acme"},
		})
		toml := strings.NewReplacer("%FILE%", "deals.xlsx", "%PRESET%", "hubspot", "[input.payments]\nfile = \"payments.xlsx\"\n", "date_format = \""+tc.format+"\"\n").Replace(presetProgram)
		cfg := filepath.Join(dir, "p.toml")
		must(t, os.WriteFile(cfg, []byte(toml), 0o644))
		code, out, errs := cli("explain", "-c", cfg, "--partner", "acme")
		if code != 0 || !lineWith(out, "acme:1001:referral", "$500.00", "eligible 2026-10-02") {
			t.Errorf("%s: exit %d\n%s\n%s", tc.format, code, out, errs)
		}
	}
}

func TestHelpForEachCommand(t *testing.T) {
	for _, args := range [][]string{{"help", "run"}, {"run", "--help"}, {"validate", "-h"}, {"help", "explain"}, {"init", "--help"}, {"help", "version"},
		{"help", "ledger"}, {"ledger", "--help"}, {"help", "assemble"}, {"assemble", "-h"}} {
		code, out, errs := cli(args...)
		if code != 0 || errs != "" || !strings.Contains(out, "Usage: partnerbook "+strings.TrimPrefix(strings.Join(args, " "), "help ")[:3]) || !strings.Contains(out, "Example:") {
			t.Errorf("%v: exit %d\n%s\n%s", args, code, out, errs)
		}
	}
	_, out, _ := cli("help", "run")
	if !strings.Contains(out, "--period YYYY-MM") || strings.Contains(out, " -period") {
		t.Errorf("run help does not spell flags --long:\n%s", out)
	}
	if code, _, errs := cli("help", "bogus"); code != 2 || !strings.Contains(errs, `unknown command "bogus"`) {
		t.Errorf("help bogus: exit %d %s", code, errs)
	}
	if _, out, _ := cli("help", "run"); !strings.Contains(out, "--shard i/n") {
		t.Errorf("run help lacks --shard:\n%s", out)
	}
	// A flag error shows the command's own usage, flags spelled --long.
	for _, cmd := range []string{"run", "validate", "explain", "ledger", "init", "assemble"} {
		code, _, errs := cli(cmd, "--bogus")
		if code != 2 || !strings.Contains(errs, "Usage: partnerbook "+cmd) || strings.Contains(errs, "  -period") {
			t.Errorf("%s --bogus: exit %d\n%s", cmd, code, errs)
		}
	}
}

func TestMissingProgramFilePointsToInit(t *testing.T) {
	code, _, errs := cli("validate", "-c", filepath.Join(t.TempDir(), "partnerbook.toml"))
	if code != 1 || !strings.Contains(errs, "make one with partnerbook init --deals EXPORT > partnerbook.toml, or name another with -c FILE") {
		t.Errorf("exit %d\n%s", code, errs)
	}
}

func TestExplainUnknownPartnerListsIDs(t *testing.T) {
	cfg := copyFixture(t, "pipedrive_deals_us.csv", "pipedrive")
	code, _, errs := cli("explain", "-c", cfg, "--partner", "brightpth")
	if code != 2 || !strings.Contains(errs, `no partner "brightpth" in `) || !strings.Contains(errs, "the partner ids are: brightpath, northwind") {
		t.Errorf("exit %d\n%s", code, errs)
	}
}

// TestInitOutputValidates runs init on real layouts and validates what it printed.
func TestInitOutputValidates(t *testing.T) {
	for _, tc := range []struct {
		file     string
		payments bool
		want     []string
	}{
		{"hubspot_all_deals.csv", false, []string{`preset = "hubspot"`, `start = 2026-10-01`, `period = "2026-10"`,
			`won = ["Closed Won", "Closed: won"]`, `lost = ["Closed: abandoned", "Closed: lost"]`,
			`# status values found: "Closed Won", "Closed: abandoned", "Closed: lost", "Closed: won", "Contract sent"`,
			`# read as open: "Contract sent"`, `name = "BrightPath Advisors"`, `tags = ["Bright Path Advisors"]`, `id = "brightpath"`,
			`# No payments file`}},
		// Created in September, won in October, in pounds: the period is the won month
		// and the program currency the export's.
		{"pipedrive_deals_gb.csv", true, []string{`preset = "pipedrive"`, `won = ["Won"]`, `lost = ["Lost"]`,
			`period = "2026-10"`, `currency = "GBP"`,
			`[input.payments]`, `file = "payments.csv"`, `deal = "Deal ID"`, `date = "Paid on"`, `amount = "Amount"`,
			`id = "northwind-partners"`}},
		{"salesforce_data_export.csv", false, []string{`preset = "salesforce"`, `# The preset (data export) reads these headers`,
			`# guessed from the words (check them): "Signed"`, `won = ["Closed Won", "Signed"]`}},
		{"gohighlevel_long.csv", false, []string{`preset = "gohighlevel"`, `won = ["won"]`, `lost = ["abandoned", "lost"]`,
			`tags = ["Partner: brightpath advisors"]`, `tags = ["Partner: Northwind Partners"]`}},
	} {
		t.Run(tc.file, func(t *testing.T) {
			dir := t.TempDir()
			data, err := os.ReadFile(filepath.Join("..", "crm", "testdata", tc.file))
			must(t, err)
			deals := filepath.Join(dir, tc.file)
			must(t, os.WriteFile(deals, data, 0o644))
			args := []string{"init", "--deals", deals}
			if tc.payments {
				pays := filepath.Join(dir, "payments.csv")
				must(t, os.WriteFile(pays, []byte("Deal ID,Paid on,Amount\n101,2026-10-05,7500.00\n"), 0o644))
				args = append(args, "--payments", pays)
			}
			code, out, errs := cli(args...)
			if code != 0 {
				t.Fatalf("init: exit %d\n%s", code, errs)
			}
			if miss := contains(out, tc.want...); miss != "" {
				t.Errorf("init output lacks %q:\n%s", miss, out)
			}
			if !tc.payments && strings.Contains(out, "[input.payments]\n") {
				t.Errorf("init wrote a payments section without --payments:\n%s", out)
			}
			cfg := filepath.Join(dir, "partnerbook.toml")
			must(t, os.WriteFile(cfg, []byte(out), 0o644))
			if code, vout, verrs := cli("validate", "-c", cfg); code != 0 {
				t.Errorf("validate of init's output: exit %d\n%s\n%s\n%s", code, vout, verrs, out)
			}
		})
	}
}

func TestNothingWonIsAnErrorWithStrict(t *testing.T) {
	cfg := copyFixture(t, "hubspot_all_deals.csv", "hubspot")
	data, err := os.ReadFile(cfg)
	must(t, err)
	must(t, os.WriteFile(cfg, []byte(strings.Replace(string(data), "[[partner]]", "[input.deals.status]\nwon = [\"Won\"]\n\n[[partner]]", 1)), 0o644))
	want := `hubspot_all_deals.csv: no deal counts as won, but the "Deal Stage" column holds "Closed Won", "Closed: abandoned", "Closed: lost", "Closed: won", "Contract sent": set [input.deals.status] won = ["Closed Won"]`
	// The statuses that say won or lost but are in neither list are errors of their
	// own (the deals would count as open); the warning still says which words to set.
	closedWon := `error: hubspot_all_deals.csv row 2 column "Deal Stage": status "Closed: won" says won or lost but is neither a won nor a lost status of the program`
	if code, _, errs := cli("validate", "-c", cfg); code != 1 || !strings.Contains(errs, "warning: "+want) || !strings.Contains(errs, closedWon) {
		t.Errorf("validate: exit %d\n%s", code, errs)
	}
	if code, _, errs := cli("validate", "-c", cfg, "--strict"); code != 1 || !strings.Contains(errs, "error: "+want) {
		t.Errorf("validate --strict: exit %d\n%s", code, errs)
	}
}
