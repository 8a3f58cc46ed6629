package finance

import (
	"bytes"
	"fmt"
	"slices"
	"sort"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/partnerbook/partnerbook/internal/money"
	"github.com/partnerbook/partnerbook/internal/report"
)

// many is a program with n payouts of partners p00000...; every third owes us, the
// rest are paid by Wise (even) or PayPal (odd), with amounts that differ in the cents.
func many(n int) *report.Finance {
	f := program()
	for i := 0; i < n; i++ {
		id := fmt.Sprintf("p%05d", i)
		var py report.Payee
		if i%2 == 0 {
			py = wisePayee("Partner "+id, "EUR")
		} else {
			py = report.Payee{Method: "paypal", Currency: "USD", Name: "Partner " + id, PayPal: id + "@paypal.example"}
		}
		amt := fmt.Sprintf("%d.%02d", 100+i, i%100)
		if i%3 == 0 {
			amt = "-" + amt
		}
		f.Payouts = append(f.Payouts, payout(id, py, amt))
	}
	return f
}

// reading tells where a format keeps each row's payout and amount.
type reading struct {
	header       bool
	id, amount   string // column names (header) or 0-based indices as text
	receivable   bool
	shortenTo    int
	payoutFilter func(*report.FinancePayout) bool
}

var readings = map[string]reading{
	XeroBills:          {header: true, id: "*InvoiceNumber", amount: "*UnitAmount"},
	XeroInvoices:       {header: true, id: "*InvoiceNumber", amount: "*UnitAmount", receivable: true},
	QuickBooksBills:    {header: true, id: "Bill No", amount: "Line Amount", shortenTo: QuickBooksMaxNo},
	QuickBooksInvoices: {header: true, id: "InvoiceNo", amount: "ItemAmount", receivable: true, shortenTo: QuickBooksMaxNo},
	WiseBatch: {header: true, id: "paymentReference", amount: "amount", shortenTo: WiseMaxReference,
		payoutFilter: func(p *report.FinancePayout) bool { return p.Payee.Method == "wise" }},
	PayPalPayouts: {id: "3", amount: "1", shortenTo: PayPalMaxID,
		payoutFilter: func(p *report.FinancePayout) bool { return p.Payee.Method == "paypal" }},
}

// roundTrip reads every file of a format back and checks that the amounts add up to
// the payouts it is for and that each of them is in exactly one file.
func roundTrip(t *testing.T, f *report.Finance, format string, fs map[string][]byte) (nFiles int) {
	t.Helper()
	rd := readings[format]
	want := map[string]money.Amount{}
	total := money.Zero
	for _, p := range f.Payouts {
		if p.Amount.Sign() < 0 != rd.receivable || (rd.payoutFilter != nil && !rd.payoutFilter(p)) {
			continue
		}
		id := p.ID
		if rd.shortenTo > 0 {
			id = shorten(id, rd.shortenTo, 0)
		}
		a := p.Amount
		if rd.receivable {
			a = a.Neg()
		}
		want[id] = a
		total = total.Add(a)
	}
	got := map[string]money.Amount{}
	inFile := map[string]string{}
	sum := money.Zero
	var names []string
	for name := range fs {
		if strings.HasPrefix(name, format+"-") || name == format+".csv" {
			names = append(names, name)
		}
	}
	sort.Strings(names)
	for _, name := range names {
		rows := readCSV(t, name, fs[name])
		idCol, amtCol := 0, 0
		if rd.header {
			col := index(rows[0])
			idCol, amtCol = col[rd.id], col[rd.amount]
			rows = rows[1:]
		} else {
			fmt.Sscan(rd.id, &idCol)
			fmt.Sscan(rd.amount, &amtCol)
		}
		for i, r := range rows {
			id := r[idCol]
			if prev, seen := inFile[id]; seen && prev != name {
				t.Errorf("%s: payout %s is in %s and %s", format, id, prev, name)
			}
			inFile[id] = name
			a, err := money.ParseAmount(r[amtCol])
			if err != nil {
				t.Fatalf("%s row %d: %v", name, i+1, err)
			}
			got[id] = got[id].Add(a)
			sum = sum.Add(a)
		}
	}
	if !sum.Equal(total) {
		t.Errorf("%s: files add up to %s, want %s", format, sum, total)
	}
	if len(got) != len(want) {
		t.Errorf("%s: %d payouts in the files, want %d", format, len(got), len(want))
	}
	for id, a := range want {
		if !got[id].Equal(a) {
			t.Errorf("%s: payout %s is %s in the files, want %s", format, id, got[id], a)
		}
	}
	return len(names)
}

func TestRoundTrip(t *testing.T) {
	f := many(60)
	fs := files(t, f)
	for _, format := range Formats {
		t.Run(format, func(t *testing.T) {
			if n := roundTrip(t, f, format, fs); n != 1 {
				t.Errorf("%d files, want 1", n)
			}
		})
	}
	t.Run("summary lines", func(t *testing.T) {
		f := many(60)
		f.Xero.Summary, f.QuickBooks.Summary = true, true
		fs := files(t, f)
		for _, format := range []string{XeroBills, XeroInvoices, QuickBooksBills, QuickBooksInvoices} {
			roundTrip(t, f, format, fs)
		}
	})
}

// The services' row limits, at their edges: a full file and one more payout.
func TestFileLimits(t *testing.T) {
	for _, c := range []struct {
		format    string
		n         int // payouts of the program: which many() makes of the format's kind
		wantFiles int
	}{
		// Due payouts of many(n): i%3 != 0; Wise ones: even i with i%3 != 0.
		{XeroBills, 750, 1},       // 500 Due payouts
		{XeroBills, 751, 1},       // i=750 owes: still 500
		{XeroBills, 752, 2},       // 501
		{WiseBatch, 3000, 1},      // 1000 even i with i%3 != 0
		{WiseBatch, 3003, 2},      // 1001: i=3002 is one more
		{PayPalPayouts, 15000, 1}, // 5000
		{PayPalPayouts, 15002, 2}, // 5001
	} {
		t.Run(fmt.Sprintf("%s %d", c.format, c.n), func(t *testing.T) {
			f := many(c.n)
			f.Formats = []string{c.format}
			fs := files(t, f)
			if n := roundTrip(t, f, c.format, fs); n != c.wantFiles {
				t.Errorf("%d files, want %d", n, c.wantFiles)
			}
			limit := map[string]int{XeroBills: XeroMaxBills, WiseBatch: WiseMaxRows, PayPalPayouts: PayPalMaxRows}[c.format]
			for name, data := range fs {
				rows := readCSV(t, name, data)
				if readings[c.format].header {
					rows = rows[1:]
				}
				if len(rows) > limit {
					t.Errorf("%s has %d rows, limit %d", name, len(rows), limit)
				}
				if c.wantFiles > 1 && !strings.HasSuffix(name, "-1.csv") && !strings.HasSuffix(name, "-2.csv") {
					t.Errorf("split file named %s", name)
				}
			}
		})
	}
}

func TestFieldLengths(t *testing.T) {
	for _, c := range []struct {
		id   string
		n    int
		want string
	}{
		{"PB-2026-10-abcdefghij", 21, "PB-2026-10-abcdefghij"},
		{"PB-2026-10-abcdefghijk", 21, "PB-2026-10-" + hashOf("PB-2026-10-abcdefghijk", 0)[:10]},
		{"PB-2026-10-aeroskobing-media", 30, "PB-2026-10-aeroskobing-media"},
		{"PB-2026-10-aeroskobing-media-group", 30, "PB-2026-10-aeroskob-" + hashOf("PB-2026-10-aeroskobing-media-group", 0)[:10]},
		{"PB-2026-10-leeds-media-group", 18, "PB-2026-10-" + hashOf("PB-2026-10-leeds-media-group", 0)[:7]},
		{"PB-2026-10-leeds-media-group", 35, "PB-2026-10-leeds-media-group"},
		{"PB-2026-10-agency-north-america-west-coast", 35, "PB-2026-10-agency-north-" + hashOf("PB-2026-10-agency-north-america-west-coast", 0)[:10]},
	} {
		got := shorten(c.id, c.n, 0)
		if got != c.want || len(got) > c.n {
			t.Errorf("shorten(%q, %d) = %q, want %q", c.id, c.n, got, c.want)
		}
	}
	if a, b := shorten("PB-2026-10-abcdefghijk", 21, 0), shorten("PB-2026-10-abcdefghijl", 21, 0); a == b {
		t.Errorf("two long IDs shorten to one: %s", a)
	}

	f := program()
	f.Firm = strings.Repeat("Ł", 500)
	long := strings.Repeat("x", 40)
	gbp := wisePayee("Leeds Ltd", "GBP")
	gbp.SortCode, gbp.AccountNumber = "123456", "12345678"
	f.Payouts = []*report.FinancePayout{
		payout(long, report.Payee{Method: "paypal", Currency: "USD", Name: "X", PayPal: "x@example.com"}, "10.00"),
		payout("leeds-media-group", gbp, "10.00"),
	}
	fs := files(t, f)
	pp := readCSV(t, "paypal", fs["paypal-payouts-USD.csv"])[0]
	if n := len(pp[3]); n != PayPalMaxID || strings.Contains(pp[3], " ") {
		t.Errorf("customer id %q has %d characters, want %d and no blanks", pp[3], n, PayPalMaxID)
	}
	if n := utf8.RuneCountInString(pp[4]); n != PayPalMaxNote {
		t.Errorf("note has %d characters, want %d", n, PayPalMaxNote)
	}
	w := readCSV(t, "wise", fs["wise-batch-USD-business-sort-code.csv"])
	if ref := w[1][index(w[0])["paymentReference"]]; len(ref) > WiseShortReference || !strings.HasPrefix(ref, "PB-2026-10-") {
		t.Errorf("GBP reference %q has %d characters, want at most %d", ref, len(ref), WiseShortReference)
	}
	q := readCSV(t, "qbo", fs["quickbooks-bills.csv"])
	for _, r := range q[1:] {
		if len(r[0]) > QuickBooksMaxNo || !strings.Contains(r[4], "PB-2026-10-") {
			t.Errorf("bill no %q (%d characters), memo %q", r[0], len(r[0]), r[4])
		}
	}
}

func TestDateFormats(t *testing.T) {
	for format, want := range map[string]string{"DD/MM/YYYY": "31/10/2026", "MM/DD/YYYY": "10/31/2026", "YYYY-MM-DD": "2026-10-31"} {
		f := sample()
		f.Xero.DateFormat = format
		rows := readCSV(t, "xero", files(t, f)["xero-bills.csv"])
		if got := rows[1][index(rows[0])["*InvoiceDate"]]; got != want {
			t.Errorf("%s: invoice date %q, want %q", format, got, want)
		}
	}
}

// PayPal takes JPY, HUF and TWD in whole units only.
func TestPayPalWholeUnits(t *testing.T) {
	f := program()
	f.Currency = "HUF"
	f.Payouts = []*report.FinancePayout{
		payout("a", report.Payee{Method: "paypal", Name: "A", PayPal: "a@example.com"}, "1500.00"),
		payout("b", report.Payee{Method: "paypal", Name: "B", PayPal: "b@example.com"}, "1500.50"),
	}
	skips, _ := Check(f)
	if len(skips) != 1 || skips[0].PartnerID != "b" || skips[0].Field != "amount" {
		t.Errorf("skips = %+v, want b's amount", skips)
	}
	rows := readCSV(t, "paypal", files(t, f)["paypal-payouts-HUF.csv"])
	if len(rows) != 1 || rows[0][1] != "1500" || rows[0][2] != "HUF" {
		t.Errorf("rows = %q, want a's 1500 HUF only", rows)
	}
}

// Partners whose ids share their start must not share a QuickBooks number: the file
// marks a bill's lines by repeating its number, so one number would merge two
// partners' bills (agency-4455 and agency-9706 once both became PB-2026-10-age-4f5bb4).
func TestQuickBooksNumbersUnique(t *testing.T) {
	f := program()
	f.Payouts = []*report.FinancePayout{
		payout("agency-4455", report.Payee{Method: "bank", Currency: "USD", Name: "Alpha Agency LLC"}, "1000.00", "20.00"),
		payout("agency-9706", report.Payee{Method: "bank", Currency: "USD", Name: "Beta Agency Inc"}, "2500.00"),
		payout("agency-9706-x", report.Payee{Method: "bank", Currency: "USD", Name: "Gamma Agency"}, "-300.00"),
		payout("agency-4455-x", report.Payee{Method: "bank", Currency: "USD", Name: "Delta Agency"}, "-400.00"),
	}
	fs := files(t, f)
	for _, c := range []struct{ file, vendor, amount string }{
		{"quickbooks-bills.csv", "Vendor", "Line Amount"}, {"quickbooks-invoices.csv", "Customer", "ItemAmount"}} {
		rows := readCSV(t, c.file, fs[c.file])
		col := index(rows[0])
		vendorOf, total := map[string]string{}, map[string]money.Amount{}
		for _, r := range rows[1:] {
			no, vendor := r[0], r[col[c.vendor]]
			if len(no) > QuickBooksMaxNo {
				t.Errorf("%s: number %q has %d characters", c.file, no, len(no))
			}
			if v, ok := vendorOf[no]; ok && v != vendor {
				t.Errorf("%s: number %s is on bills of %s and %s", c.file, no, v, vendor)
			}
			vendorOf[no] = vendor
			total[no] = total[no].Add(money.MustAmount(r[col[c.amount]]))
		}
		if len(vendorOf) != 2 {
			t.Errorf("%s: %d numbers %v, want 2", c.file, len(vendorOf), vendorOf)
		}
		if c.file == "quickbooks-bills.csv" {
			for no, v := range vendorOf {
				want := map[string]string{"Alpha Agency LLC": "1020", "Beta Agency Inc": "2500"}[v]
				if !total[no].Equal(money.MustAmount(want)) {
					t.Errorf("bill %s of %s adds up to %s, want %s", no, v, total[no], want)
				}
			}
		}
	}
	// Xero takes the whole payout ID (at most 74 characters; Xero allows 255).
	x := readCSV(t, "xero", fs["xero-bills.csv"])
	var xeroNos []string
	for _, r := range x[1:] {
		xeroNos = append(xeroNos, r[index(x[0])["*InvoiceNumber"]])
	}
	if got := strings.Join(slices.Compact(xeroNos), " "); got != "PB-2026-10-agency-4455 PB-2026-10-agency-9706" {
		t.Errorf("Xero bill numbers %s", got)
	}
	// The same inputs give the same numbers.
	if again := files(t, f); !bytes.Equal(again["quickbooks-bills.csv"], fs["quickbooks-bills.csv"]) {
		t.Error("a second rendering numbered the bills differently")
	}
}

// Should two long IDs hash alike, the later (in ID order) is numbered again with a
// salt, and an ID that fits keeps itself even when a short form equals it.
func TestNumberingSettlesCollisions(t *testing.T) {
	defer func(h func(string, int) string) { hashOf = h }(hashOf)
	hashOf = func(id string, salt int) string { return fmt.Sprintf("collide%03d", salt) + strings.Repeat("z", 50) }
	ids := []string{"PB-2026-10-agency-9706", "PB-2026-10-agency-4455", "PB-2026-10-collide000", "PB-2026-10-agency-0001"}
	nb := numbering(ids, QuickBooksMaxNo)
	want := map[string]string{
		"PB-2026-10-collide000":  "PB-2026-10-collide000", // fits: its own number, first
		"PB-2026-10-agency-0001": "PB-2026-10-collide001",
		"PB-2026-10-agency-4455": "PB-2026-10-collide002",
		"PB-2026-10-agency-9706": "PB-2026-10-collide003",
	}
	for id, w := range want {
		if got := nb.get(id); got != w {
			t.Errorf("number of %s = %q, want %q", id, got, w)
		}
	}
	// Order of the input does not matter.
	slices.Reverse(ids)
	for id, w := range want {
		if got := numbering(ids, QuickBooksMaxNo).get(id); got != w {
			t.Errorf("reversed: number of %s = %q, want %q", id, got, w)
		}
	}
}

// PayPal's Payouts upload takes EUR (and other decimal-comma currencies) as "1234,56",
// quoted; dollars keep the point; whole-unit currencies have neither.
func TestPayPalDecimalComma(t *testing.T) {
	for _, c := range []struct{ currency, amount, line string }{
		{"EUR", "1234,56", `zoe@zoe.example,"1234,56",EUR,`},
		{"SEK", "1234,56", `zoe@zoe.example,"1234,56",SEK,`},
		{"USD", "1234.56", `zoe@zoe.example,1234.56,USD,`},
		{"GBP", "1234.56", `zoe@zoe.example,1234.56,GBP,`},
	} {
		f := program()
		f.Currency = c.currency
		f.Payouts = []*report.FinancePayout{payout("zoe", report.Payee{Method: "paypal", Name: "Zoë", PayPal: "zoe@zoe.example"}, "1000.00", "234.56")}
		data := files(t, f)["paypal-payouts-"+c.currency+".csv"]
		if !strings.HasPrefix(string(data), c.line) {
			t.Errorf("%s: file %q, want it to begin %s", c.currency, data, c.line)
		}
		rows := readCSV(t, "paypal", data)
		if len(rows) != 1 || rows[0][1] != c.amount || rows[0][2] != c.currency {
			t.Errorf("%s: rows %q, want amount %s", c.currency, rows, c.amount)
		}
	}
}
