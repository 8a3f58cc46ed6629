package pipeline

import (
	"errors"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/partnerbook/partnerbook/internal/book"
	"github.com/partnerbook/partnerbook/internal/commission"
	"github.com/partnerbook/partnerbook/internal/diag"
)

// sampleCopy copies the sample program, its inputs and its ledger into a new folder.
func sampleCopy(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	for _, f := range []string{"partnerbook.toml", "deals.xlsx", "payments.xlsx", "ledger/payouts-2026-09.xlsx"} {
		copyTo(t, filepath.Join("../../sample-data", f), filepath.Join(dir, f))
	}
	return dir
}

func copyTo(t *testing.T, from, to string) {
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

// editDeals changes the sample's deals.xlsx in place.
func editDeals(t *testing.T, dir string, fn func(f *excelize.File, rowOf func(id string) int)) {
	t.Helper()
	path := filepath.Join(dir, "deals.xlsx")
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rowOf := func(id string) int {
		rows, err := f.GetRows("Opportunities")
		if err != nil {
			t.Fatal(err)
		}
		for i, r := range rows {
			if len(r) > 0 && r[0] == id {
				return i + 1
			}
		}
		t.Fatalf("deals.xlsx has no row %s", id)
		return 0
	}
	fn(f, rowOf)
	if err := f.SaveAs(path); err != nil {
		t.Fatal(err)
	}
}

// insertLead inserts a webinar lead created before the first one (OPP-10302), in the row above it.
func insertLead(t *testing.T, dir, id string) {
	editDeals(t, dir, func(f *excelize.File, rowOf func(string) int) {
		at := rowOf("OPP-10302")
		if err := f.InsertRows("Opportunities", at, 1); err != nil {
			t.Fatal(err)
		}
		row := []any{id, "Early Bird Ltd — Webinar follow-up", "Ada Early", "Early Bird Ltd", "", "ada@earlybird.example",
			"Agency Sales", "Discovery Call", "5000", "Webinar", "Dana Lee", "2026-09-17T09:00:00Z", "2026-09-17T09:00:00Z",
			"", "", "Campaign: Sept webinar, webinar-lead", "open"}
		if err := f.SetSheetRow("Opportunities", "A"+itoa(at), &row); err != nil {
			t.Fatal(err)
		}
	})
}

func itoa(n int) string { return strconv.Itoa(n) }

func hasWarning(o *Outcome, want string) bool {
	for _, w := range o.Warnings {
		if w == want {
			return true
		}
	}
	return false
}

// problemsOf lists the problems of a failed run, one a line.
func problemsOf(err error) string {
	var failed *diag.Failed
	if !errors.As(err, &failed) {
		return ""
	}
	var b strings.Builder
	for _, p := range failed.Problems {
		b.WriteString("\n" + p.String())
	}
	return b.String()
}

func runPeriod(t *testing.T, dir, period string) *Outcome {
	t.Helper()
	o, err := Run(Config{ProgramFile: filepath.Join(dir, "partnerbook.toml"), OutDir: filepath.Join(dir, "out"), Period: period, Keep: true})
	if err != nil {
		t.Fatalf("run %s: %v", period, err)
	}
	return o
}

func owners(r *commission.Result) map[string]string {
	m := map[string]string{}
	for _, d := range r.Deals {
		if d.Campaign != nil {
			m[d.ID] = d.LeadOwner
		}
	}
	return m
}

// October is run and its payouts.xlsx goes into the ledger; then a lead created before
// all others is inserted. November keeps every reported lead's owner (OPP-10309 stays
// ours, so Globex earns no referral fee on it) and deals the new lead the next turn.
func TestInsertedLeadKeepsReportedOwners(t *testing.T) {
	dir := sampleCopy(t)
	oct := runPeriod(t, dir, "2026-10")
	reported := owners(oct.Result)
	if reported["OPP-10309"] != "us" || len(reported) != 10 {
		t.Fatalf("October's leads %v, want ten with OPP-10309 ours", reported)
	}
	copyTo(t, filepath.Join(oct.Dir, "payouts.xlsx"), filepath.Join(dir, "ledger", "payouts-2026-10.xlsx"))
	before := runPeriod(t, dir, "2026-11") // November as it would be without the new lead

	insertLead(t, dir, "OPP-10400")
	nov := runPeriod(t, dir, "2026-11")
	got := owners(nov.Result)
	for id, want := range reported {
		if got[id] != want {
			t.Errorf("lead %s owned by %q in November, %q in October", id, got[id], want)
		}
	}
	// October's ten leads took turns us, globex, ...: the eleventh turn is ours.
	if got["OPP-10400"] != "us" {
		t.Errorf("new lead owned by %q, want us (the turn after October's ten)", got["OPP-10400"])
	}
	for _, l := range nov.Result.Lines {
		if l.DealID == "OPP-10309" {
			t.Errorf("line %s of %s for our lead OPP-10309", l.ID, l.Amount)
		}
	}
	for _, w := range nov.Warnings {
		if strings.Contains(w, "lead") {
			t.Errorf("warning %s", w)
		}
	}
	// Globex earns nothing in November (its only won lead was paid in October), with or
	// without the new lead; every payout is to the cent what it is without it.
	if p := nov.Result.PayoutOf("globex"); p != nil {
		t.Errorf("globex is paid %s in November", p.Amount)
	}
	if len(nov.Result.Payouts) != len(before.Result.Payouts) {
		t.Fatalf("%d November payouts, %d without the new lead", len(nov.Result.Payouts), len(before.Result.Payouts))
	}
	for i, p := range nov.Result.Payouts {
		if b := before.Result.Payouts[i]; p.ID != b.ID || !p.Amount.Equal(b.Amount) {
			t.Errorf("payout %s %s, without the new lead %s %s", p.ID, p.Amount, b.ID, b.Amount)
		}
	}
	// November's workbook records the new lead with the turn it took.
	f, err := excelize.OpenFile(filepath.Join(nov.Dir, "payouts.xlsx"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, _ := f.GetRows(book.SealSheet)
	var leads []string
	for _, r := range rows {
		if len(r) == 16 && r[0] == book.SealLead {
			leads = append(leads, strings.Join([]string{r[1], r[2], r[3], r[14], r[15]}, " "))
		}
	}
	if len(leads) != 11 || leads[10] != "OPP-10400 us 2026-11 sept-webinar rotation" || leads[4] != "OPP-10309 us 2026-09 sept-webinar rotation" {
		t.Errorf("November's lead records %q", leads)
	}
}

// A lead tagged with one campaign party is that party's, out of the rotation; a lead
// tagged with a partner outside the campaign stops the run naming its row.
func TestPartnerTagOnCampaignLead(t *testing.T) {
	tag := func(t *testing.T, dir, id, tags string) {
		editDeals(t, dir, func(f *excelize.File, rowOf func(string) int) {
			if err := f.SetCellStr("Opportunities", "P"+itoa(rowOf(id)), tags); err != nil {
				t.Fatal(err)
			}
		})
	}
	t.Run("party tag on a lead created in October", func(t *testing.T) {
		dir := sampleCopy(t)
		// OPP-10314 would be ours by rotation; Globex's tag makes it Globex's, and the
		// leads after it keep the owners the rotation gives them without it.
		tag(t, dir, "OPP-10314", "Campaign: Sept webinar, webinar-lead, Partner: Globex CRM")
		got := owners(runPeriod(t, dir, "2026-10").Result)
		want := map[string]string{"OPP-10314": "globex", "OPP-10319": "us", "OPP-10324": "globex", "OPP-10330": "us", "OPP-10309": "us", "OPP-10311": "globex"}
		for id, w := range want {
			if got[id] != w {
				t.Errorf("lead %s owned by %q, want %q", id, got[id], w)
			}
		}
	})
	t.Run("party tag on our reported lead", func(t *testing.T) {
		dir := sampleCopy(t)
		tag(t, dir, "OPP-10309", "Campaign: Sept webinar, webinar-lead, Partner: Globex CRM")
		o := runPeriod(t, dir, "2026-10")
		if got := owners(o.Result)["OPP-10309"]; got != "globex" {
			t.Errorf("OPP-10309 owned by %q, want globex", got)
		}
		var fee string
		for _, l := range o.Result.Lines {
			if l.ID == "globex:OPP-10309:referral" {
				fee = l.Amount.String()
			}
		}
		if fee != "720" {
			t.Errorf("globex:OPP-10309:referral = %q, want 720 (10%% of 7,200.00)", fee)
		}
		want := `deals.xlsx: sheet "Opportunities" row 310: deal "OPP-10309", reported in ledger/payouts-2026-09.xlsx as our lead of campaign "sept-webinar", now names partner "globex": it is "globex"'s lead from this run on`
		if !hasWarning(o, want) {
			t.Errorf("no warning %q in %v", want, o.Warnings)
		}
	})
	t.Run("outside partner tag", func(t *testing.T) {
		dir := sampleCopy(t)
		tag(t, dir, "OPP-10319", "Campaign: Sept webinar, Partner: Acme Consulting")
		_, err := Run(Config{ProgramFile: filepath.Join(dir, "partnerbook.toml"), OutDir: filepath.Join(dir, "out")})
		want := `deals.xlsx: sheet "Opportunities" row 320: deal "OPP-10319" is a lead of campaign "sept-webinar" (tag "Campaign: Sept webinar") but names partner "acme", which is not a party of the campaign`
		if err == nil || !strings.Contains(err.Error()+problemsOf(err), want) {
			t.Errorf("run = %v, want the error %q", err, want)
		}
	})
}
