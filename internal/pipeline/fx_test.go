package pipeline

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/partnerbook/partnerbook/internal/book"
	"github.com/partnerbook/partnerbook/internal/commission"
	"github.com/partnerbook/partnerbook/internal/diag"
	"github.com/partnerbook/partnerbook/internal/money"
	"github.com/partnerbook/partnerbook/internal/report"
)

const fxProgram = `[program]
name = "Northwind"
currency = "USD"
period = "2026-10"
minimum_payout = "0.00"
email = "partners@northwind.example"

[fx.EUR]                 # 1 EUR = rate USD, by the month of the won date / payment date
"2026-10" = "1.0725"

[input.deals]
file = "deals.csv"
preset = "generic"

[input.payments]
file = "payments.csv"
preset = "stripe"
[input.payments.columns]
deal = "deal_id (metadata)"

[[partner]]
id = "acme"
name = "Acme"
type = "referral"
email = "partners@acme.example"
  [[partner.terms]]
  from = 2026-01-01
  referral = { percent = "10%" }
  revenue_share = { percent = "10%", months = 12 }
`

const fxDeals = "id,name,client,stage,status,value,currency,created,closed,tags\n" +
	"D-1,Rollout,Client One,Won,won,\"€10,000.00\",EUR,2026-09-01,2026-10-05,Partner: Acme\n" +
	"D-2,Pilot,Client Two,Won,won,2000.00,USD,2026-09-01,2026-10-06,Partner: Acme\n"

// A Stripe export as the Dashboard writes it (columns cut to those the preset reads,
// plus two it ignores), every field quoted. The dispute columns come last: fxRows
// fills them for charges without a dispute.
const fxStripeHeader = `"id","Created date (UTC)","Amount","Amount Refunded","Currency","Captured","Converted Amount","Refunded date (UTC)","Status","Customer Description","deal_id (metadata)","Disputed Amount","Dispute Status","Dispute Date (UTC)"` + "\n"

// fxRows gives each row of a Stripe export the dispute cells of an undisputed charge.
func fxRows(rows string) string {
	return strings.ReplaceAll(rows, "\n", `,"0.00","",""`+"\n")
}

func writeFX(t *testing.T, stripeRows string) string {
	t.Helper()
	dir := t.TempDir()
	for name, text := range map[string]string{"program.toml": fxProgram, "deals.csv": fxDeals, "payments.csv": fxStripeHeader + fxRows(stripeRows)} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return filepath.Join(dir, "program.toml")
}

// A EUR deal and EUR charges in a USD program: every line is converted at the
// program's rate, and the Lines sheet says from what.
func TestRunConvertsOtherCurrencies(t *testing.T) {
	prog := writeFX(t, `"ch_1","2026-10-03 14:22:11","1000.00","0.00","eur","true","1071.20","","Paid","Client One","D-1"`+"\n"+
		`"ch_2","2026-10-04 09:00:00","500.00","100.00","usd","true","500.00","2026-10-21 08:00:00","Partially refunded","Client Two","D-2"`+"\n"+
		`"ch_3","2026-10-04 10:00:00","90.00","0.00","usd","false","90.00","","Failed","Client Two","D-2"`+"\n")
	out := t.TempDir()
	o, err := Run(Config{ProgramFile: prog, OutDir: out, Keep: true})
	if err != nil {
		t.Fatalf("run: %v", err)
	}
	if len(o.Warnings) != 1 || o.Warnings[0] != "payments.csv: skipped 1 charge that was not paid: 1 failed" {
		t.Errorf("warnings %v", o.Warnings)
	}
	f, err := excelize.OpenFile(filepath.Join(out, "2026-10", "payouts.xlsx"), excelize.Options{RawCellValue: true})
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := f.GetRows(book.LinesSheet)
	if err != nil {
		t.Fatal(err)
	}
	col := map[string]int{}
	for i, h := range rows[0] {
		col[h] = i
	}
	got := map[string]string{}
	for _, r := range rows[1:] {
		got[r[col[book.LineID]]] = r[col[book.Amount]] + " | " + r[col[book.Description]]
	}
	want := map[string]string{
		"acme:D-1:referral":                             "1072.5 | 10% of deal value $10,725.00; payable when signed; converted from €10,000.00 at 1 EUR = 1.0725 USD (2026-10 rate)",
		"acme:D-1:revenue-share:pay:ch_1":               "107.25 | 10% of the payment of $1,072.50 on 2026-10-03, in the 12-month window to 2027-10-02; converted from €1,000.00 at 1 EUR = 1.0725 USD (2026-10 rate)",
		"acme:D-2:referral":                             "200 | 10% of deal value $2,000.00; payable when signed",
		"acme:D-2:revenue-share:pay:ch_2":               "50 | 10% of the payment of $500.00 on 2026-10-04, in the 12-month window to 2027-10-03",
		"acme:D-2:revenue-share-refund:pay:ch_2:refund": "-10 | 10% of the refund of -$100.00 on 2026-10-21, in the 12-month window to 2027-10-03",
	}
	for id, w := range want {
		if got[id] != w {
			t.Errorf("%s:\n got %q\nwant %q", id, got[id], w)
		}
	}
	if len(got) != len(want) {
		t.Errorf("lines %v", got)
	}
	if p := o.Result.PayoutOf("acme"); p == nil || p.Amount.Fixed(2) != "1419.75" {
		t.Errorf("payout %+v", p)
	}
	// The statement's line notes say it too (the PDF may wrap the sentence).
	text := strings.Join(strings.Fields(pdftotext(t, filepath.Join(out, "2026-10", "statements", "acme.pdf"))), " ")
	if !strings.Contains(text, "converted from €10,000.00 at 1 EUR = 1.0725 USD") {
		t.Errorf("statement does not show the conversion:\n%s", text)
	}
}

// A charge within the period run, in a month the program states no rate for, stops
// the run, naming the row and the key to add.
func TestRunRefusesAMissingRate(t *testing.T) {
	prog := writeFX(t, `"ch_1","2026-11-03 14:22:11","1000.00","0.00","eur","true","1071.20","","Paid","Client One","D-1"`+"\n")
	_, err := Load(Config{ProgramFile: prog, Period: "2026-11"})
	var failed *diag.Failed
	if !errors.As(err, &failed) {
		t.Fatalf("err = %v", err)
	}
	var msgs []string
	for _, p := range failed.Problems {
		msgs = append(msgs, p.String())
	}
	want := `payments.csv row 2 column "Amount": no exchange rate for EUR in 2026-11 (charge dated 2026-11-03): add [fx.EUR] "2026-11" = "..." to program.toml, the value of 1 EUR in USD`
	if strings.Join(msgs, "\n") != want {
		t.Errorf("problems:\n%s\nwant:\n%s", strings.Join(msgs, "\n"), want)
	}
}

// fxRefundProgram: a deal in euros won in August, its charge refunded in October at a
// lower rate; 10% fee clawed back within 60 days, 10% of payments.
const fxRefundProgram = `[program]
name = "Northwind"
currency = "USD"
period = "2026-10"
start = 2026-08-01
minimum_payout = "0.00"
email = "partners@northwind.example"

[fx.EUR]
"2026-08" = "1.10"
"2026-10" = "1.05"

[input.deals]
file = "deals.csv"
preset = "generic"

[input.payments]
file = "payments.csv"
preset = "stripe"
[input.payments.columns]
deal = "deal_id (metadata)"

[[partner]]
id = "acme"
name = "Acme"
type = "referral"
email = "partners@acme.example"
  [[partner.terms]]
  from = 2026-01-01
  referral = { percent = "10%" }
  revenue_share = { percent = "10%", months = 12 }
  clawback_days = 60
`

// A refund of a charge in euros takes back what the charge brought in: fully refunded
// within the clawback window, the deal leaves the partner nothing; half refunded, half
// the fee.
func TestRunRefundOfAConvertedCharge(t *testing.T) {
	cases := []struct {
		name     string
		refunded string
		want     map[string]string
		payout   string
	}{
		{name: "full refund", refunded: "1000.00", payout: "0", want: map[string]string{
			"referral":             "110",
			"revenue-share":        "110",
			"clawback":             "-110 | refund of €1,000.00 on 2026-10-02 (refunds €1,000.00 of deal value €1,000.00) within 60 days of winning: fee taken back in proportion; converted from €1,000.00 at 1 EUR = 1.1 USD (2026-08 rate) and -€1,000.00 at 1 EUR = 1.1 USD (2026-08 rate of the charge on 2026-08-25)",
			"revenue-share refund": "-110 | 10% of the refund of -$1,100.00 on 2026-10-02, in the 12-month window to 2027-08-24; converted from -€1,000.00 at 1 EUR = 1.1 USD (2026-08 rate of the charge on 2026-08-25)",
		}},
		{name: "half refunded", refunded: "500.00", payout: "110", want: map[string]string{
			"referral":             "110",
			"revenue-share":        "110",
			"clawback":             "-55",
			"revenue-share refund": "-55",
		}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			dir := t.TempDir()
			files := map[string]string{
				"program.toml": fxRefundProgram,
				"deals.csv": "id,name,client,stage,status,value,currency,created,closed,tags\n" +
					"D-1,Rollout,Client One,Won,won,1000.00,EUR,2026-08-01,2026-08-20,Partner: Acme\n",
				"payments.csv": fxStripeHeader + fxRows(`"ch_1","2026-08-25 10:00:00","1000.00","`+c.refunded+`","eur","true","1100.00","2026-10-02 09:00:00","Refunded","Client One","D-1"`+"\n"),
			}
			for name, text := range files {
				if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			o, err := Load(Config{ProgramFile: filepath.Join(dir, "program.toml")})
			if err != nil {
				t.Fatalf("load: %v", err)
			}
			// By rule (the IDs depend on whether the export's charge ids are mapped).
			got := map[string]string{}
			for _, l := range o.Result.Lines {
				_, desc := report.Describe(l, o.Result.Program.Policy, "USD")
				k := string(l.Rule)
				if l.Rule == commission.RuleRevenueShare && l.Amount.Sign() < 0 {
					k += " refund"
				}
				if _, dup := got[k]; dup {
					t.Errorf("two %s lines", k)
				}
				got[k] = l.Amount.String() + " | " + desc
			}
			for id, w := range c.want {
				g, _, _ := strings.Cut(got[id], " | ")
				if strings.Contains(w, " | ") {
					g = got[id]
				}
				if g != w {
					t.Errorf("%s:\n got %q\nwant %q", id, got[id], w)
				}
			}
			if len(got) != len(c.want) {
				t.Errorf("lines %v", got)
			}
			if p := o.Result.PayoutOf("acme"); p == nil || !p.Amount.Equal(money.MustAmount(c.payout)) {
				t.Errorf("payout %+v, want %s", p, c.payout)
			}
		})
	}
}

// A row after the period run whose month has no rate yet cannot be payable in the
// period, and the rate may not be known yet: it is left out of the run with a warning
// naming the key the later run needs, and the period's amounts are unchanged.
func TestRunLeavesRowsAfterThePeriodWithoutARate(t *testing.T) {
	october := `"ch_1","2026-10-03 14:22:11","1000.00","0.00","eur","true","1071.20","","Paid","Client One","D-1"` + "\n" +
		`"ch_2","2026-10-04 09:00:00","500.00","0.00","usd","true","500.00","","Paid","Client Two","D-2"` + "\n"
	cases := []struct {
		name     string
		deals    string // more deals
		rows     string // more charges
		warnings []string
	}{
		{name: "nothing after the period"},
		{name: "a charge in November",
			rows:     `"ch_3","2026-11-02 10:00:00","400.00","0.00","eur","true","430.00","","Paid","Client One","D-1"` + "\n",
			warnings: []string{`payments.csv: 1 charge in EUR dated after 2026-10-31 has no exchange rate yet: left out of this run (it cannot be payable in 2026-10); the run of 2026-11 needs [fx.EUR] "2026-11" in program.toml`}},
		{name: "charges in two later months",
			rows: `"ch_3","2026-11-02 10:00:00","400.00","0.00","eur","true","430.00","","Paid","Client One","D-1"` + "\n" +
				`"ch_4","2026-12-01 10:00:00","400.00","400.00","eur","true","430.00","2026-12-03 10:00:00","Refunded","Client One","D-1"` + "\n",
			warnings: []string{`payments.csv: 2 charges in EUR dated after 2026-10-31 have no exchange rate yet: left out of this run (they cannot be payable in 2026-10); the runs of those months need [fx.EUR] "2026-11", "2026-12" in program.toml`}},
		// A deal won in November in euros waits too; its payments are not read as
		// payments for an unknown deal.
		{name: "a deal won in November",
			deals: "D-3,Expansion,Client Three,Won,won,800.00,EUR,2026-10-01,2026-11-03,Partner: Acme\n",
			rows:  `"ch_5","2026-11-05 10:00:00","90.00","0.00","usd","true","90.00","","Paid","Client Three","D-3"` + "\n",
			warnings: []string{
				`deals.csv: 1 deal in EUR dated after 2026-10-31 has no exchange rate yet: left out of this run (it cannot be payable in 2026-10); the run of 2026-11 needs [fx.EUR] "2026-11" in program.toml`,
				`payments.csv: 1 payment of deal "D-3", which is left out of this run until its exchange rate is stated, is left out too: dated after 2026-10-31, it cannot be payable in 2026-10`,
			}},
		{name: "a payment within the period of a deal won in November",
			deals: "D-3,Expansion,Client Three,Won,won,800.00,EUR,2026-10-01,2026-11-03,Partner: Acme\n",
			rows:  `"ch_5","2026-10-28 10:00:00","90.00","0.00","usd","true","90.00","","Paid","Client Three","D-3"` + "\n",
			warnings: []string{
				`deals.csv: 1 deal in EUR dated after 2026-10-31 has no exchange rate yet: left out of this run (it cannot be payable in 2026-10); the run of 2026-11 needs [fx.EUR] "2026-11" in program.toml`,
				`payments.csv: 1 payment dated on or before 2026-10-31 of deal "D-3", which is left out of this run until its exchange rate is stated, is left out too: its lines come in the first run that has the rate`,
			}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			prog := writeFX(t, october+c.rows)
			if c.deals != "" {
				if err := os.WriteFile(filepath.Join(filepath.Dir(prog), "deals.csv"), []byte(fxDeals+c.deals), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			o, err := Load(Config{ProgramFile: prog})
			if err != nil {
				t.Fatalf("load: %v", err)
			}
			got := o.Warnings
			if strings.Join(got, "\n") != strings.Join(c.warnings, "\n") {
				t.Errorf("warnings:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(c.warnings, "\n"))
			}
			// October: fees 1,072.50 and 200.00, shares 107.25 and 50.00.
			if p := o.Result.PayoutOf("acme"); p == nil || p.Amount.Fixed(2) != "1429.75" {
				t.Errorf("payout %+v, want 1429.75", p)
			}
			for _, l := range o.Result.Lines {
				if l.State == commission.Payable && l.Eligible.After(o.Result.Period.Last()) {
					t.Errorf("line %s eligible %s is payable", l.ID, l.Eligible)
				}
			}
		})
	}
}
