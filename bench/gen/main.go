// Command gen writes a large partner program for measuring partnerbook: partnerbook.toml
// with N partners, deals.xlsx (a GoHighLevel opportunities export, laid out like the
// sample's) and payments.xlsx with one payment per deal. A seed makes it repeatable.
//
//	go run ./bench/gen -deals 1000000 -partners 10000 -seed 1 -out /tmp/pb-1m
package main

import (
	"bufio"
	"flag"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"time"

	"github.com/xuri/excelize/v2"
)

// dealColumns is the sample's GoHighLevel export (internal/sample).
var dealColumns = []any{"Opportunity ID", "Opportunity name", "Contact Name", "Company Name", "phone", "email",
	"pipeline", "stage", "Lead Value", "source", "assigned", "Created on", "Updated on", "lost reason name",
	"Notes", "tags", "status"}

var kinds = []string{"referral", "referral", "referral", "reseller", "co-marketing", "strategic"}

func main() {
	deals := flag.Int("deals", 10000, "deals (and payments) to write")
	partners := flag.Int("partners", 1000, "partners in the program")
	seed := flag.Uint64("seed", 1, "random seed")
	out := flag.String("out", "", "directory to write (created)")
	flag.Parse()
	if *out == "" || *deals < 1 || *partners < 1 {
		fmt.Fprintln(os.Stderr, "usage: gen -deals N -partners N -seed N -out DIR")
		os.Exit(2)
	}
	if err := run(*out, *deals, *partners, *seed); err != nil {
		fmt.Fprintln(os.Stderr, "gen:", err)
		os.Exit(1)
	}
}

func run(dir string, deals, partners int, seed uint64) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	if err := writeProgram(filepath.Join(dir, "partnerbook.toml"), partners); err != nil {
		return err
	}
	rng := rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))
	return writeSheets(dir, deals, partners, rng)
}

func partnerName(i int) string { return fmt.Sprintf("Partner %05d Ltd", i) }

func writeProgram(path string, partners int) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	w := bufio.NewWriter(f)
	fmt.Fprint(w, `# A generated program for measuring partnerbook at scale (bench/gen).
[program]
name = "Bench Agency"
currency = "USD"
period = "2026-10"
start = 2025-01-01
payout_terms_days = 30
minimum_payout = "100.00"
rounding = "half-up"
margin_cap = "25%"
owner = "Dana Lee"
email = "partners@bench.example"

[input.deals]
file = "deals.xlsx"
sheet = "Opportunities"
preset = "gohighlevel"
[input.deals.columns]
client = "Company Name"
[input.deals.status]
won = ["won"]
lost = ["lost", "abandoned"]

[input.payments]
file = "payments.xlsx"
sheet = "Payments"
[input.payments.columns]
deal = "Deal ID"
date = "Date"
amount = "Amount"
`)
	for i := 0; i < partners; i++ {
		kind := kinds[i%len(kinds)]
		// Each owner looks after 20 partners: the owner report lists an owner's partners
		// in one table cell, which must fit on a page.
		fmt.Fprintf(w, "\n[[partner]]\nid = \"p%05d\"\nname = %q\ntype = %q\nstatus = \"active\"\nemail = \"p%05d@partners.example\"\nowner = \"Owner %04d\"\n\n  [[partner.terms]]\n  from = 2025-01-01\n",
			i, partnerName(i), kind, i, i/20)
		switch kind {
		case "referral":
			if i%2 == 0 {
				fmt.Fprint(w, "  referral = { percent = \"10%\", pay_on = \"signed\" }\n  clawback_days = 90\n")
			} else {
				fmt.Fprint(w, "  referral = { flat = \"500.00\", pay_on = \"first-payment\" }\n  clawback_days = 90\n")
			}
		case "reseller":
			fmt.Fprint(w, "  wholesale = { discount = \"20%\" }\n")
		default:
			fmt.Fprint(w, "  revenue_share = { percent = \"5%\", months = 12, settle = \"monthly\" }\n  clawback_days = 90\n")
		}
	}
	if err := w.Flush(); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

var stages = []string{"New Lead", "Qualified", "Proposal Sent", "Negotiation"}

func writeSheets(dir string, deals, partners int, rng *rand.Rand) error {
	df, dw, err := newStream("Opportunities")
	if err != nil {
		return err
	}
	defer df.Close()
	pf, pw, err := newStream("Payments")
	if err != nil {
		return err
	}
	defer pf.Close()
	// The payment dates are serial numbers: a date format makes them dates, as in a
	// real export (a plain number in a date column is not read as a date).
	dateFmt := "yyyy-mm-dd"
	dateStyle, err := pf.NewStyle(&excelize.Style{CustomNumFmt: &dateFmt})
	if err != nil {
		return err
	}
	if err := dw.SetRow("A1", dealColumns); err != nil {
		return err
	}
	if err := pw.SetRow("A1", []any{"Deal ID", "Date", "Amount", "Reference"}); err != nil {
		return err
	}
	first := time.Date(2025, 1, 1, 9, 0, 0, 0, time.UTC)
	span := int(time.Date(2026, 10, 31, 0, 0, 0, 0, time.UTC).Sub(first).Hours() / 24)
	epoch := time.Date(1899, 12, 30, 0, 0, 0, 0, time.UTC)
	row := make([]any, len(dealColumns))
	for i := 0; i < deals; i++ {
		id := fmt.Sprintf("OPP-%07d", i+1)
		created := first.Add(time.Duration(rng.IntN(span*24*60)) * time.Minute)
		closed := created.Add(time.Duration(1+rng.IntN(60*24)) * time.Hour)
		status, stage, lost := "open", stages[rng.IntN(len(stages))], ""
		switch r := rng.IntN(10); {
		case r < 6:
			status, stage = "won", "Closed"
		case r < 8:
			status, stage, lost = "lost", "Closed", "Went with a competitor"
		}
		value := float64(50000+rng.IntN(5000000)) / 100
		tags := "inbound"
		if rng.IntN(10) < 7 {
			tags = "Partner: " + partnerName(rng.IntN(partners)) + ", inbound"
		}
		client := fmt.Sprintf("Client %06d Inc", rng.IntN(deals/3+1))
		row[0], row[1], row[2], row[3] = id, "Content program "+id, fmt.Sprintf("Contact %06d", i), client
		row[4], row[5], row[6], row[7] = fmt.Sprintf("+1 555 %07d", rng.IntN(10000000)), fmt.Sprintf("c%d@client.example", i), "Sales", stage
		row[8], row[9], row[10] = value, "web", "Sam Ortiz"
		row[11], row[12], row[13] = created.Format(time.RFC3339), closed.Format(time.RFC3339), lost
		row[14], row[15], row[16] = "", tags, status
		cell, _ := excelize.CoordinatesToCellName(1, i+2)
		if err := dw.SetRow(cell, row); err != nil {
			return err
		}
		paid := closed.AddDate(0, 0, rng.IntN(30))
		amount := value
		if status != "won" {
			amount = float64(10000+rng.IntN(100000)) / 100
		}
		serial := float64(int(paid.Sub(epoch).Hours() / 24))
		if err := pw.SetRow(cell, []any{id, excelize.Cell{StyleID: dateStyle, Value: serial}, amount, fmt.Sprintf("INV-%07d", i+1)}); err != nil {
			return err
		}
	}
	if err := save(df, dw, filepath.Join(dir, "deals.xlsx")); err != nil {
		return err
	}
	return save(pf, pw, filepath.Join(dir, "payments.xlsx"))
}

func newStream(sheet string) (*excelize.File, *excelize.StreamWriter, error) {
	f := excelize.NewFile()
	if err := f.SetSheetName("Sheet1", sheet); err != nil {
		return nil, nil, err
	}
	sw, err := f.NewStreamWriter(sheet)
	if err != nil {
		return nil, nil, err
	}
	return f, sw, nil
}

func save(f *excelize.File, sw *excelize.StreamWriter, path string) error {
	if err := sw.Flush(); err != nil {
		return err
	}
	return f.SaveAs(path)
}
