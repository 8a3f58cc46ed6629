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

// initPayments runs init on the deals of a small HubSpot export and the payments
// given, gives Northstar a 5% referral fee and a 10% revenue share, runs the period and
// returns init's output and Northstar's payout amount.
func initPayments(t *testing.T, name, payments string) (toml, amount string) {
	t.Helper()
	dir := t.TempDir()
	deals := filepath.Join(dir, "deals.csv")
	must(t, os.WriteFile(deals, []byte("Record ID,Deal Name,Deal Stage,Close Date,Deal owner,Amount,Create Date,Partner\n"+
		"9001,Acme Corp - Website,Closed Won,2026-10-03 11:48,Jane Doe,12345.67,2026-08-01 09:00,Brightside Partners\n"+
		"9003,Gamma Inc - Retainer,Closed Won,2026-10-20 16:30,John Roe,8000,2026-09-01 09:00,Northstar Referrals\n"), 0o644))
	pays := filepath.Join(dir, name)
	must(t, os.WriteFile(pays, []byte(payments), 0o644))
	code, out, errs := cli("init", "--deals", deals, "--payments", pays)
	if code != 0 {
		t.Fatalf("init: exit %d: %s", code, errs)
	}
	i := strings.Index(out, `id = "northstar-referrals"`)
	if i < 0 {
		t.Fatalf("no northstar stub:\n%s", out)
	}
	cfg := out[:i] + strings.Replace(out[i:], `referral = { percent = "10%", pay_on = "signed" }`,
		`referral = { percent = "5%", pay_on = "signed" }`+"\n  revenue_share = { percent = \"10%\", months = 12 }", 1)
	path := filepath.Join(dir, "partnerbook.toml")
	must(t, os.WriteFile(path, []byte(cfg), 0o644))
	runOK(t, "run", "-c", path, "--quiet", "--out", filepath.Join(dir, "out"))
	f := openBook(t, filepath.Join(dir, "out", "2026-10", "payouts.xlsx"))
	header, err := f.GetRows("Payouts")
	must(t, err)
	amount, _ = cellAt(t, f, "Payouts", colOf(t, header[0], "Amount"), rowOf(t, f, "Payouts", "PB-2026-10-northstar-referrals"))
	return out, amount
}

// A Stripe Dashboard payments export gets the stripe preset: the failed charge earns
// nothing and the refund takes its share and part of the fee back.
func TestInitStripePaymentsExport(t *testing.T) {
	out, amount := initPayments(t, "payments.csv",
		"id,Created date (UTC),Amount,Amount Refunded,Currency,Captured,Description,Refunded date (UTC),Status,Customer ID,Customer Description,Customer Email,deal_id (metadata)\n"+
			"ch_1,2026-10-05 10:11:12,4000.00,0.00,usd,true,Invoice 1,,Paid,cus_1,Acme Corp - Website,ap@acme.example,9001\n"+
			"ch_2,2026-10-21 08:00:00,2000.00,500.00,usd,true,Invoice 2,2026-10-25 09:00:00,Partially refunded,cus_2,Gamma Inc - Retainer,ap@gamma.example,9003\n"+
			"ch_3,2026-10-22 08:00:00,999.00,0.00,usd,false,Invoice 3,,Failed,cus_2,Gamma Inc - Retainer,ap@gamma.example,9003\n")
	want := "[input.payments]\nfile = \"payments.csv\"\npreset = \"stripe\"\n[input.payments.columns]\n" +
		"deal = \"deal_id (metadata)\"   # the metadata column holding the CRM deal ID\n" +
		"# client = \"Customer Description\""
	if !strings.Contains(out, want) || strings.Contains(out, `client = "Customer ID"`) || strings.Contains(out, "\namount =") {
		t.Errorf("init output lacks\n%s\n%s", want, out)
	}
	// 5% of 8,000.00 is 400.00; 10% of 2,000.00 is 200.00; the 500.00 refund takes 50.00
	// of the share and 25.00 (500/8000 of the fee) back: 525.00.
	if amount != "525" {
		t.Errorf("northstar payout %s, want 525", amount)
	}
}

// A Stripe invoices export is mapped to "Amount Paid": open and void invoices earn nothing.
func TestInitStripeInvoicesExport(t *testing.T) {
	out, amount := initPayments(t, "invoices.csv",
		"id,Amount Due,Amount Paid,Amount Remaining,Currency,Customer,Customer Name,Date (UTC),Due Date (UTC),Number,Paid,Status,Total,deal_id (metadata)\n"+
			"in_1,2000.00,2000.00,0.00,usd,cus_2,Gamma Inc,2026-10-21 08:00,,G-0001,true,paid,2000.00,9003\n"+
			"in_2,3000.00,0.00,3000.00,usd,cus_2,Gamma Inc,2026-10-28 08:00,2026-11-27 08:00,G-0002,false,open,3000.00,9003\n"+
			"in_3,1500.00,0.00,0.00,usd,cus_2,Gamma Inc,2026-10-29 08:00,2026-11-28 08:00,G-0003,false,void,1500.00,9003\n")
	if !strings.Contains(out, "\namount = \"Amount Paid\"") || strings.Contains(out, "preset = \"stripe\"\n[input.payments") {
		t.Errorf("init output maps no \"Amount Paid\":\n%s", out)
	}
	if amount != "600" {
		t.Errorf("northstar payout %s, want 600 (400.00 fee, 10%% of the paid 2,000.00)", amount)
	}
}

// "Amount Unpaid" holds "paid" but is what is still owed: init maps "Amount Paid",
// wherever it stands.
func TestInitAmountUnpaidIsNotPaid(t *testing.T) {
	out, amount := initPayments(t, "invoices.csv",
		"id,Amount Unpaid,Outstanding Balance,Amount Paid,Customer,Date (UTC),Status,deal_id (metadata)\n"+
			"in_1,0.00,0.00,2000.00,cus_2,2026-10-21 08:00,paid,9003\n"+
			"in_2,3000.00,3000.00,0.00,cus_2,2026-10-28 08:00,open,9003\n"+
			"in_3,1500.00,1500.00,0.00,cus_2,2026-10-29 08:00,void,9003\n")
	if !strings.Contains(out, "\namount = \"Amount Paid\"") {
		t.Errorf("init output maps no \"Amount Paid\":\n%s", out)
	}
	if amount != "600" {
		t.Errorf("northstar payout %s, want 600 (400.00 fee, 10%% of the paid 2,000.00)", amount)
	}
}
