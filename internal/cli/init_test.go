package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestInitFromGoHighLevelExport(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "export.xlsx")
	writeXLSX(t, path, "Sheet1", [][]any{
		{"Opportunity ID", "Opportunity name", "Contact Name", "pipeline", "stage", "Lead Value", "source", "Created on", "Updated on", "tags", "status"},
		{"O1", "Site", "Ann", "Main", "Proposal Sent", 1000, "web", "2026-03-01T10:00:00Z", "2026-03-05T10:00:00Z", "Partner: Łódź Analytics, Partner type: Reseller", "won"},
		{"O2", "SEO", "Bob", "Main", "New Lead", "", "web", "2026-04-01T10:00:00Z", "2026-04-01T10:00:00Z", "partner: Zoë Martin", "open"},
		{"O3", "Ads", "Cy", "Main", "New Lead", "", "web", "2026-05-01T10:00:00Z", "2026-05-01T10:00:00Z", "Partner: 東京", "lost"},
	})
	code, out, errs := cli("init", "--deals", path)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	for _, want := range []string{
		`preset = "gohighlevel"`, `file = "export.xlsx"`, `id = "Opportunity ID"`, `value = "Lead Value"`,
		`# status values found: "lost", "open", "won"`,
		`id = "lodz-analytics"`, `name = "Łódź Analytics"`, `type = "reseller"`, `tags = ["Partner: Łódź Analytics"]`,
		`id = "zoe-martin"`, `id = "partner"`, `period = "2026-05"`, `from = 2026-03-01`,
	} {
		if miss := contains(out, want); miss != "" {
			t.Errorf("init output lacks %q:\n%s", miss, out)
		}
	}
	if code, _, _ := cli("init"); code != 2 {
		t.Errorf("init without --deals: exit %d, want 2", code)
	}
	if code, _, _ := cli("init", "--deals", filepath.Join(dir, "none.xlsx")); code != 1 {
		t.Errorf("init on a missing file: exit %d, want 1", code)
	}
}

// A CSV with ';' between its fields (Excel where a comma is the decimal separator) is
// read as such, and the starter file says so for the deals and the payments.
func TestInitFromSemicolonCSV(t *testing.T) {
	dir := t.TempDir()
	deals := filepath.Join(dir, "deals.csv")
	payments := filepath.Join(dir, "payments.csv")
	must(t, os.WriteFile(deals, []byte("id;name;client;stage;status;value;created;closed;tags\nD1;Deal one;ClientA;Won;won;1500;2026-08-01;2026-09-10;Partner: Acme\n"), 0o644))
	must(t, os.WriteFile(payments, []byte("Deal ID;Date;Amount\nD1;2026-09-20;500\n"), 0o644))
	code, out, errs := cli("init", "--deals", deals, "--payments", payments)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	const line = `delimiter = ";"   # fields separated by ";" (Excel where a comma is the decimal separator);`
	for _, want := range []string{
		"[input.deals]\nfile = \"deals.csv\"   # relative to this file: save it beside the export\n" + line,
		"[input.payments]\nfile = \"payments.csv\"\n" + line,
		`id = "id"`, `value = "value"`, `amount = "Amount"`, `tags = ["Partner: Acme"]`, `period = "2026-09"`,
	} {
		if !strings.Contains(out, want) {
			t.Errorf("init output lacks %q:\n%s", want, out)
		}
	}
}
