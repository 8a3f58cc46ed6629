package pipeline

import (
	"crypto/sha256"
	"encoding/base32"
	"encoding/csv"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/partnerbook/partnerbook/internal/book"
	"github.com/partnerbook/partnerbook/internal/money"
)

// readFinance reads every file of finance/ whose name starts with prefix: rows without
// the header (hasHeader) and the column of each header.
func readFinance(t *testing.T, dir, prefix string, hasHeader bool) (rows [][]string, col map[string]int) {
	t.Helper()
	names, _ := filepath.Glob(filepath.Join(dir, "finance", prefix+"*.csv"))
	if len(names) == 0 {
		t.Fatalf("no finance/%s*.csv", prefix)
	}
	col = map[string]int{}
	for _, n := range names {
		f, err := os.Open(n)
		if err != nil {
			t.Fatal(err)
		}
		all, err := csv.NewReader(f).ReadAll()
		f.Close()
		if err != nil {
			t.Fatalf("%s: %v", n, err)
		}
		if hasHeader {
			for i, h := range all[0] {
				col[h] = i
			}
			all = all[1:]
		}
		rows = append(rows, all...)
	}
	return rows, col
}

func sumColumn(t *testing.T, rows [][]string, c int) money.Amount {
	t.Helper()
	s := money.Zero
	for _, r := range rows {
		a, err := money.ParseAmount(r[c])
		if err != nil {
			t.Fatalf("row %q: %v", r, err)
		}
		s = s.Add(a)
	}
	return s
}

// The sample's finance files carry the workbook's totals: bills add up to the Due
// payouts, invoices to the Receivable ones, and every Due payout is in exactly one
// payment file or on the Summary's "not in any payment file" list.
func TestSampleFinanceFilesAgreeWithTheWorkbook(t *testing.T) {
	o, dir := runSample(t)
	due, receivable := money.Zero, money.Zero
	dueIDs := map[string]money.Amount{}
	for _, p := range o.Result.Payouts {
		switch p.Status {
		case book.StatusDue:
			due = due.Add(p.Amount)
			dueIDs[p.ID] = p.Amount
		case book.StatusReceivable:
			receivable = receivable.Add(p.Amount.Neg())
		}
	}
	for _, c := range []struct {
		prefix, column string
		want           money.Amount
	}{
		{"xero-bills", "*UnitAmount", due},
		{"quickbooks-bills", "Line Amount", due},
		{"xero-invoices", "*UnitAmount", receivable},
		{"quickbooks-invoices", "ItemAmount", receivable},
	} {
		rows, col := readFinance(t, dir, c.prefix, true)
		if got := sumColumn(t, rows, col[c.column]); !got.Equal(c.want) {
			t.Errorf("%s adds up to %s, want %s", c.prefix, got, c.want)
		}
	}

	seen := map[string]int{}
	wise, col := readFinance(t, dir, "wise-batch", true)
	for _, r := range wise {
		seen[r[col["paymentReference"]]]++
		// USD amounts: fixing the target when the partner is paid in USD (it receives
		// exactly the payout), the source when Wise converts.
		fixes := map[bool]string{true: "target", false: "source"}[r[col["targetCurrency"]] == "USD"]
		if r[col["sourceCurrency"]] != "USD" || r[col["amountCurrency"]] != fixes {
			t.Errorf("wise row %q: want USD amounts, amountCurrency %s", r, fixes)
		}
	}
	paypal, _ := readFinance(t, dir, "paypal-payouts", false)
	for _, r := range paypal {
		seen[r[3]]++
	}
	for _, u := range o.Unpaid {
		seen[u.PayoutID]++
	}
	paid := sumColumn(t, wise, col["amount"]).Add(sumColumn(t, paypal, 1))
	for _, u := range o.Unpaid {
		paid = paid.Add(u.Amount)
	}
	if !paid.Equal(due) {
		t.Errorf("payment files and the unpaid list add up to %s, want %s", paid, due)
	}
	// A reference too long for its field ends in (at least seven) base-32 characters
	// of the payout ID's hash instead; each Due payout must match exactly one reference.
	b32 := base32.NewEncoding("abcdefghijklmnopqrstuvwxyz234567").WithPadding(base32.NoPadding)
	for id := range dueIDs {
		sum := sha256.Sum256([]byte(id))
		hash := b32.EncodeToString(sum[:])
		n := 0
		for ref, k := range seen {
			tail := ref[strings.LastIndex(ref, "-")+1:]
			if ref == id || len(tail) >= 7 && strings.HasPrefix(hash, tail) {
				n += k
			}
		}
		if n != 1 {
			t.Errorf("payout %s appears %d times in payment files and the unpaid list, want once", id, n)
		}
	}

	// The workbook's Summary names the payouts finance must pay by hand.
	summary := string(sheetDump(t, filepath.Join(dir, "payouts.xlsx")))
	for _, want := range []string{"Not in any payment file (wise-batch, paypal-payouts)\t3\t$5,700.00",
		"PB-2026-10-brightpath\tBrightPath Advisors\t$4,290.00\tno [partner.payee] method",
		"PB-2026-10-globex\tGlobex CRM\t$1,260.00\tpaid by bank transfer from the bill",
		`PB-2026-10-meridian-events	Meridian Events	$150.00	partner "meridian-events" is left out of wise-batch: payee "iban" is missing`} {
		if !strings.Contains(summary, want) {
			t.Errorf("Summary lacks %q", want)
		}
	}
	var warned []string
	for _, w := range o.Warnings {
		if strings.Contains(w, "payment file") || strings.Contains(w, "left out of") {
			warned = append(warned, w)
		}
	}
	if len(warned) != 2 || !strings.Contains(strings.Join(warned, "\n"), `partnerbook.toml:349:3: partner "meridian-events" is left out of wise-batch: payee "iban" is missing`) {
		t.Errorf("finance warnings = %q", warned)
	}
}
