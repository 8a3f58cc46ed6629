package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// Each case spoils one input; the run must exit 1, name the place, and write nothing.
func TestBadInput(t *testing.T) {
	cases := []struct {
		name  string
		spoil func(f *fixture, dir string)
		want  []string
	}{
		{"toml syntax error", func(f *fixture, _ string) {
			f.toml = strings.Replace(f.toml, `currency = "USD"`, `currency = "USD`, 1)
		}, []string{"partnerbook.toml:3:"}},
		{"unknown key", func(f *fixture, _ string) {
			f.toml = strings.Replace(f.toml, `percent = "10%"`, `percnt = "10%"`, 1)
		}, []string{`partnerbook.toml:32:16:`, `unknown key "percnt" in [partner.terms.referral]`, `did you mean "percent"?`}},
		{"key with wrong case", func(f *fixture, _ string) {
			f.toml = strings.Replace(f.toml, `minimum_payout =`, `Minimum_Payout =`, 1)
		}, []string{`partnerbook.toml:7:1: unknown key "Minimum_Payout" in [program]`}},
		{"percent over 100", func(f *fixture, _ string) {
			f.toml = strings.Replace(f.toml, `percent = "10%"`, `percent = "110%"`, 1)
		}, []string{`partnerbook.toml:32:16:`, `"110%" is outside 0%–100%`}},
		{"money as a TOML float", func(f *fixture, _ string) {
			f.toml = strings.Replace(f.toml, `minimum_payout = "100.00"`, `minimum_payout = 100.0`, 1)
		}, []string{`partnerbook.toml:7:1:`, `quoted amount`}},
		{"unsafe partner id", func(f *fixture, _ string) {
			f.toml = strings.Replace(f.toml, `id = "acme"`, `id = "../acme"`, 1)
		}, []string{`partnerbook.toml:26:1: partner id "../acme"`}},
		{"overlapping terms", func(f *fixture, _ string) {
			f.toml += "  [[partner.terms]]\n  from = 2026-06-01\n  wholesale = { discount = \"10%\" }\n"
		}, []string{`overlap`}},
		{"missing deals file", func(f *fixture, dir string) {
			f.toml = strings.Replace(f.toml, `file = "deals.xlsx"`, `file = "nope.xlsx"`, 1)
		}, []string{`partnerbook.toml:11:1: file "nope.xlsx" not found`}},
		{"not a workbook", func(f *fixture, dir string) {
			f.toml = strings.Replace(f.toml, `file = "deals.xlsx"`, `file = "fake.xlsx"`, 1)
			os.WriteFile(filepath.Join(dir, "fake.xlsx"), []byte("Deal ID,Value\nD1,100\n"), 0o644)
		}, []string{`fake.xlsx: not a readable .xlsx workbook`}},
		{"truncated workbook", func(f *fixture, dir string) {
			f.toml = strings.Replace(f.toml, `file = "payments.xlsx"`, `file = "cut.xlsx"`, 1)
		}, []string{`cut.xlsx: not a readable .xlsx workbook`}},
		{"missing column", func(f *fixture, _ string) {
			f.deals[0][5] = "Amount"
		}, []string{`deals.xlsx: sheet "Opportunities" row 1: column "Value" (value) not found; the header row has: "Deal ID", "name", "Company", "stage", "status", "Amount"`}},
		{"missing sheet", func(f *fixture, _ string) {
			f.toml = strings.Replace(f.toml, `sheet = "Opportunities"`, `sheet = "Deals"`, 1)
		}, []string{`deals.xlsx: no sheet "Deals" (sheets: "Opportunities")`}},
		{"non-numeric amount", func(f *fixture, _ string) {
			f.deals[1][5] = "12,5OO"
		}, []string{`deals.xlsx: sheet "Opportunities" row 2 column "Value": "12,5OO" is not an amount`}},
		{"impossible date", func(f *fixture, _ string) {
			f.deals[2][7] = "2026-02-30"
		}, []string{`deals.xlsx: sheet "Opportunities" row 3 column "closed": "2026-02-30" is not a date`}},
		{"duplicate deal id", func(f *fixture, _ string) {
			f.deals[4][0] = "D1"
		}, []string{`deals.xlsx: sheet "Opportunities" row 5 column "Deal ID": duplicate deal ID "D1" (also row 2)`}},
		{"missing deal id", func(f *fixture, _ string) {
			f.deals[3][0] = ""
		}, []string{`row 4 column "Deal ID": missing deal ID`}},
		{"negative deal value", func(f *fixture, _ string) {
			f.deals[1][5] = -5
		}, []string{`row 2 column "Value": deal value -5 is negative`}},
		{"won deal without won date", func(f *fixture, _ string) {
			f.deals[1][7] = ""
		}, []string{`row 2 column "closed": won deal "D1" has no won date`}},
		{"bad payment amount", func(f *fixture, _ string) {
			f.payments[1][2] = "six thousand"
		}, []string{`payments.xlsx: sheet "Sheet1" row 2 column "Amount": "six thousand" is not an amount`}},
		{"two partners on one deal", func(f *fixture, _ string) {
			f.deals[1][8] = "Partner: Acme Consulting; Partner: Łódź Analytics"
		}, []string{`deals.xlsx: sheet "Opportunities" row 2: deal "D1" carries the tags of partners "acme" and "lodz"`}},
		{"campaign shares not 100%", func(f *fixture, _ string) {
			f.toml += "[[campaign]]\nid = \"c\"\ndate = 2026-09-01\ncost = \"100\"\npaid_by = \"us\"\nshares = { us = \"50%\", acme = \"40%\" }\ntag = \"Campaign: C\"\n"
		}, []string{`shares add up to 90%, not 100%`}},
		{"campaign with unknown partner", func(f *fixture, _ string) {
			f.toml += "[[campaign]]\nid = \"c\"\ndate = 2026-09-01\ncost = \"100\"\npaid_by = \"us\"\nshares = { us = \"50%\", nobody = \"50%\" }\ntag = \"Campaign: C\"\n"
		}, []string{`campaign "c" shares with "nobody", which is no partner id`}},
		{"unknown preset", func(f *fixture, _ string) {
			f.toml = strings.Replace(f.toml, `preset = "generic"`, `preset = "zoho"`, 1)
		}, []string{`unknown preset "zoho"`}},
		{"duplicate partner tag", func(f *fixture, _ string) {
			f.toml = strings.Replace(f.toml, `email = "finanse@lodz.example"`, "email = \"finanse@lodz.example\"\ntags = [\"partner: acme consulting\"]", 1)
		}, []string{`is already the tag of partner "acme"`}},
		{"tag with a comma", func(f *fixture, _ string) {
			f.toml = strings.Replace(f.toml, `email = "pay@acme.example"`, "email = \"pay@acme.example\"\ntags = [\"Partner: Acme, Inc\"]", 1)
		}, []string{`tag "Partner: Acme, Inc" contains "," or ";"`}},
		{"ledger that is not a payouts workbook", func(f *fixture, dir string) {
			f.ledger = map[string][]byte{"old.xlsx": nil}
		}, []string{`old.xlsx: not a readable .xlsx workbook`}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			f := goodFixture()
			dir := t.TempDir()
			c.spoil(f, dir)
			cfg := f.write(t)
			// Files the case writes next to the fixture live in dir; copy them over.
			ents, _ := os.ReadDir(dir)
			for _, e := range ents {
				data, _ := os.ReadFile(filepath.Join(dir, e.Name()))
				must(t, os.WriteFile(filepath.Join(filepath.Dir(cfg), e.Name()), data, 0o644))
			}
			if c.name == "truncated workbook" {
				data, _ := os.ReadFile(filepath.Join(filepath.Dir(cfg), "payments.xlsx"))
				must(t, os.WriteFile(filepath.Join(filepath.Dir(cfg), "cut.xlsx"), data[:len(data)/2], 0o644))
			}
			out := filepath.Join(t.TempDir(), "out")
			// An earlier, complete output must survive the failed run untouched.
			must(t, os.MkdirAll(filepath.Join(out, "2026-10"), 0o755))
			must(t, os.WriteFile(filepath.Join(out, "2026-10", "payouts.xlsx"), []byte("earlier"), 0o644))

			code, stdout, stderr := cli("run", "-c", cfg, "--out", out)
			if code != 1 {
				t.Fatalf("exit %d, want 1\nstdout:\n%s\nstderr:\n%s", code, stdout, stderr)
			}
			msg := strings.ReplaceAll(stderr, filepath.Dir(cfg)+string(filepath.Separator), "")
			if miss := contains(msg, c.want...); miss != "" {
				t.Errorf("stderr lacks %q:\n%s", miss, msg)
			}
			if !strings.Contains(stderr, "nothing was written") {
				t.Errorf("stderr does not say nothing was written:\n%s", stderr)
			}
			if got := outDirs(t, out); len(got) != 1 || got[0] != "2026-10" {
				t.Errorf("out/ holds %v, want only the earlier 2026-10", got)
			}
			if data, _ := os.ReadFile(filepath.Join(out, "2026-10", "payouts.xlsx")); string(data) != "earlier" {
				t.Errorf("the earlier output was changed")
			}
			// validate reports the same and writes nothing either.
			if code, _, _ := cli("validate", "-c", cfg); code != 1 {
				t.Errorf("validate exit %d, want 1", code)
			}
		})
	}
}
