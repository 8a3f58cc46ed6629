package crm

import (
	"fmt"
	"sort"
	"strings"
	"testing"

	"github.com/partnerbook/partnerbook/internal/diag"
	"github.com/partnerbook/partnerbook/internal/domain"
	"github.com/partnerbook/partnerbook/internal/terms"
)

// presetProgram names only the file, the preset and the partners.
const presetProgram = `[program]
name = "P"
currency = "USD"
[input.deals]
file = %q
preset = %q
[[partner]]
id = "brightpath"
name = "BrightPath Advisors"
type = "referral"
`

func readFixture(t *testing.T, file, preset, currency string) ([]*domain.Deal, *diag.List) {
	t.Helper()
	var probs diag.List
	text := fmt.Sprintf(presetProgram, file, preset)
	if currency != "" {
		text = strings.Replace(text, `currency = "USD"`, fmt.Sprintf("currency = %q", currency), 1)
	}
	prog := terms.Parse("p.toml", "testdata", text, &probs)
	if probs.HasErrors() {
		t.Fatalf("program: %v", probs.Errors())
	}
	return ReadDeals(prog.Deals, file, &probs), &probs
}

func wonDeals(ds []*domain.Deal) string {
	var out []string
	for _, d := range ds {
		if d.Status == domain.Won {
			out = append(out, fmt.Sprintf("%s %s %s %s %s", d.ID, d.Value.Fixed(2), d.Closed, d.Client, d.Partner))
		}
	}
	sort.Strings(out)
	return strings.Join(out, "\n")
}

func problems(ps []diag.Problem) string {
	var out []string
	for _, p := range ps {
		out = append(out, p.String())
	}
	return strings.Join(out, "\n")
}

func TestPresetFixtures(t *testing.T) {
	tests := []struct {
		name, file, preset string
		won                string   // id value won-date client partner, sorted
		lost               int      // deals read as lost
		currency           string   // of the program; "" = USD
		warnings           []string // each must appear in some warning
		errors             []string // each must appear in some error; none when empty
	}{
		{name: "hubspot all deals", file: "hubspot_all_deals.csv", preset: "hubspot",
			won: "15489230021 5000.00 2026-10-02 Initech - Site redesign BrightPath Advisors\n" +
				"15489230022 1200.50 2026-10-15 Hooli - SEO retainer brightpath\n" +
				"15489230026 2500.00 2026-10-21 Wayne - Data migration Bright Path Advisors",
			lost: 2},
		// The two "Associated Company" columns name different companies: which is the client?
		{name: "hubspot all properties", file: "hubspot_all_properties.csv", preset: "hubspot",
			errors: []string{`hubspot_all_properties.csv row 2 column "Associated Company": the header "Associated Company" appears twice (columns C "Associated Company" and J "Associated Company") and the copies differ from this row on: "Initech" in column C, "Initech Holdings" in column J; only column C is read (as client)`}},
		{name: "pipedrive gb", file: "pipedrive_deals_gb.csv", preset: "pipedrive", currency: "GBP",
			won: "101 7500.00 2026-10-03 Initech Ltd BrightPath Advisors\n" +
				"102 1800.75 2026-10-09 Hooli plc Northwind Partners",
			lost: 1},
		{name: "pipedrive us", file: "pipedrive_deals_us.csv", preset: "pipedrive",
			won: "201 4200.00 2026-10-03 Initech Inc. brightpath", lost: 1},
		{name: "pipedrive without id", file: "pipedrive_deals_no_id.csv", preset: "pipedrive",
			errors: []string{`pipedrive_deals_no_id.csv row 1: no "Deal - ID" column (id) in this pipedrive export: tick the ID column (Deal - ID) in Pipedrive's export dialog and export again`}},
		{name: "salesforce report", file: "salesforce_report.csv", preset: "salesforce",
			won: "0065g00000AbCdEAAV 12000.00 2026-10-14 Initech BrightPath Advisors\n" +
				"0065g00000AbCdFAAV 3499.99 2026-10-28 Hooli Northwind Partners",
			lost: 1,
			// 9/2/2026, 10/5/2026 and 10/1/2026 could be read day first.
			warnings: []string{`salesforce_report.csv row 2 column "Created Date": 3 dates read as MM/DD/YYYY, the export's usual order; if your locale writes them DD/MM/YYYY, set date_format = "DD/MM/YYYY" in [input.deals] (setting it to "MM/DD/YYYY" silences this)`}},
		{name: "salesforce data export", file: "salesforce_data_export.csv", preset: "salesforce",
			// IsWon decides: "Signed" is won, "Closed Won" with IsWon=false is lost.
			won: "0065g00000XyZaAAAR 12000.00 2026-10-14 0015g00000QwErTAAZ BrightPath Advisors\n" +
				"0065g00000XyZaBAAR 3499.99 2026-10-28 0015g00000QwErUAAZ northwind",
			lost:     1,
			warnings: []string{`salesforce_data_export.csv: 1 deleted row (IsDeleted = true) skipped`}},
		{name: "gohighlevel long", file: "gohighlevel_long.csv", preset: "gohighlevel",
			won: "kQ3vX1 6000.00 2026-10-07 Ann Lowe \n" +
				"kQ3vX3 2200.00 2026-10-20 Cy Dunn ",
			lost: 2},
		{name: "gohighlevel short", file: "gohighlevel_short.csv", preset: "gohighlevel",
			errors: []string{`gohighlevel_short.csv row 1: no "Opportunity ID" column (id) in this gohighlevel export: this is GoHighLevel's short opportunities export, which has no stable deal id`}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			deals, probs := readFixture(t, tc.file, tc.preset, tc.currency)
			errs, warns := problems(probs.Errors()), problems(probs.Warnings())
			if len(tc.errors) == 0 && errs != "" {
				t.Fatalf("errors:\n%s", errs)
			}
			for _, e := range tc.errors {
				if !strings.Contains(errs, e) {
					t.Errorf("errors lack %q:\n%s", e, errs)
				}
			}
			for _, w := range tc.warnings {
				if !strings.Contains(warns, w) {
					t.Errorf("warnings lack %q:\n%s", w, warns)
				}
			}
			if len(tc.errors) > 0 {
				return
			}
			if got := wonDeals(deals); got != tc.won {
				t.Errorf("won deals:\n%s\nwant:\n%s", got, tc.won)
			}
			lost := 0
			for _, d := range deals {
				if d.Status == domain.Lost {
					lost++
				}
			}
			if lost != tc.lost {
				t.Errorf("%d lost deals, want %d", lost, tc.lost)
			}
		})
	}
}

func TestNothingWonNamesTheStatusesFound(t *testing.T) {
	var probs diag.List
	prog := terms.Parse("p.toml", "testdata", fmt.Sprintf(presetProgram, "hubspot_all_deals.csv", "hubspot")+`
[input.deals.status]
won = ["Won"]
`, &probs)
	ReadDeals(prog.Deals, "hubspot_all_deals.csv", &probs)
	want := `hubspot_all_deals.csv: no deal counts as won, but the "Deal Stage" column holds "Closed Won", "Closed: abandoned", "Closed: lost", "Closed: won", "Contract sent": set [input.deals.status] won = ["Closed Won"] (and lost = [...]) to the values that mean won and lost`
	if got := problems(probs.Warnings()); !strings.Contains(got, want) {
		t.Errorf("warnings:\n%s\nwant %s", got, want)
	}
}
