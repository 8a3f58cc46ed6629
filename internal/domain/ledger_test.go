package domain

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"unsafe"

	"github.com/partnerbook/partnerbook/internal/money"
)

// A line carried and later issued is issued; one issued and later carried stays
// issued; issuing a line again replaces its payout and amount.
func TestLedgerLineStates(t *testing.T) {
	l := NewLedger()
	l.Carry("a:D1:referral", "PB-2026-08-a", money.MustAmount("10.00"))
	l.Carry("a:D2:referral", "PB-2026-08-a", money.MustAmount("20.00"))
	l.Issue("a:D1:referral", "PB-2026-09-a", money.MustAmount("11.00"))
	l.Issue("b:D3:referral", "PB-2026-09-b", money.MustAmount("-5.00"))
	l.Carry("b:D3:referral", "PB-2026-10-b", money.MustAmount("7.00"))
	l.Carry("a:D2:referral", "PB-2026-09-a", money.MustAmount("21.00"))

	if got := l.IssuedBy("a:D1:referral"); got != "PB-2026-09-a" || l.CarriedBy("a:D1:referral") != "" {
		t.Errorf("a:D1 issued by %q, carried by %q; want issued by PB-2026-09-a only", got, l.CarriedBy("a:D1:referral"))
	}
	if got := l.IssuedAmount("a:D1:referral").String(); got != "11" {
		t.Errorf("a:D1 issued at %s, want 11", got)
	}
	if got := l.IssuedBy("b:D3:referral"); got != "PB-2026-09-b" || l.IssuedAmount("b:D3:referral").String() != "-5" || l.CarriedBy("b:D3:referral") != "" {
		t.Errorf("b:D3 issued by %q at %s, carried by %q; want issued by PB-2026-09-b at -5", got, l.IssuedAmount("b:D3:referral"), l.CarriedBy("b:D3:referral"))
	}
	if got := l.CarriedBy("a:D2:referral"); got != "PB-2026-09-a" || l.CarriedAmount("a:D2:referral").String() != "21" || l.IssuedBy("a:D2:referral") != "" {
		t.Errorf("a:D2 carried by %q at %s; want PB-2026-09-a at 21, not issued", got, l.CarriedAmount("a:D2:referral"))
	}
	if l.IssuedCount() != 2 || l.CarriedCount() != 1 {
		t.Errorf("%d issued, %d carried; want 2 and 1", l.IssuedCount(), l.CarriedCount())
	}
	if got, want := l.IssuedLines(), []string{"a:D1:referral", "b:D3:referral"}; !slices.Equal(got, want) {
		t.Errorf("issued lines %v, want %v", got, want)
	}
	if got, want := l.CarriedLines(), []string{"a:D2:referral"}; !slices.Equal(got, want) {
		t.Errorf("carried lines %v, want %v", got, want)
	}
	sum := money.Zero
	l.EachIssued(func(_, _ string, a money.Amount) { sum = sum.Add(a) })
	if sum.String() != "6" {
		t.Errorf("issued lines sum to %s, want 6", sum)
	}
	if !l.IssuedAmount("x").IsZero() || l.IssuedBy("x") != "" || l.CarriedBy("x") != "" {
		t.Error("a line never recorded reads as issued or carried")
	}
}

// Thousands of lines, recorded out of order and sorted in as they come, are each found
// with what was last recorded of them.
func TestLedgerFindsEveryLineOfMany(t *testing.T) {
	l := NewLedger()
	type want struct {
		payout  string
		amount  money.Amount
		carried bool
	}
	ref := map[string]want{}
	for i := range 20000 {
		id := fmt.Sprintf("p%03d:D%05d:referral", i%7, (i*7919)%9000) // ids recur
		payout := fmt.Sprintf("PB-2026-%02d-p%03d", 1+i%12, i%7)
		a := money.FromInt(int64(i))
		if i%3 == 0 {
			l.Carry(id, payout, a)
			if w, ok := ref[id]; !ok || w.carried {
				ref[id] = want{payout, a, true}
			}
			continue
		}
		l.Issue(id, payout, a)
		ref[id] = want{payout, a, false}
		if i == 15000 {
			l.Compact()
		}
	}
	issued, carried := 0, 0
	for id, w := range ref {
		by, amount := l.IssuedBy(id), l.IssuedAmount(id)
		if w.carried {
			by, amount = l.CarriedBy(id), l.CarriedAmount(id)
			carried++
		} else {
			issued++
		}
		if by != w.payout || !amount.Equal(w.amount) {
			t.Fatalf("line %s recorded by %q at %s, want %q at %s (carried %v)", id, by, amount, w.payout, w.amount, w.carried)
		}
	}
	if l.IssuedCount() != issued || l.CarriedCount() != carried || len(l.IssuedLines()) != issued || len(l.CarriedLines()) != carried {
		t.Errorf("%d issued, %d carried; want %d and %d", l.IssuedCount(), l.CarriedCount(), issued, carried)
	}
}

// A line's amount comes back exactly as recorded, its exponent included: amounts of
// more places than the currency's minor unit, exponents beyond the record's own,
// values too wide for a coefficient, and a wide amount replaced by a plain one and back.
// IDs come back whole however long, and in any script.
func TestLedgerKeepsAmountsAndIDsExactly(t *testing.T) {
	wide := money.FromInt(1_000_000_000_000_000).MulInt(1_000_000_000_007) // 31 digits
	if _, _, ok := wide.Parts(); ok {
		t.Fatal("the wide amount has parts: the test no longer covers wide amounts")
	}
	long := strings.Repeat("Ünïcødé-伙伴-", 5000) + ":D1:referral"
	cases := []struct {
		id     string
		amount money.Amount
	}{
		{"a:D1:referral", money.MustAmount("12.50")},
		{"a:D2:referral", money.MustAmount("12.5")},
		{"a:D3:revenue-share:2026-09-01", money.MustAmount("0.123456789012")},
		{"a:D4:clawback", money.MustAmount("-999999999999999.99")},
		{"a:D5:referral", money.MustAmount("0.00")},
		{"a:D6:referral", money.Amount{}},
		{"a:D7:referral", money.FromParts(7, 40_000)},
		{"a:D8:referral", money.FromParts(-3, -40_000)},
		{"a:D9:referral", wide},
		{"a:D10:referral", wide.Neg()},
		{"ünï:伙伴:referral", money.MustAmount("1.01")},
		{long, money.MustAmount("3.333")},
	}
	l := NewLedger()
	for i, c := range cases {
		if i%2 == 0 {
			l.Issue(c.id, "PB-2026-09-a", c.amount)
		} else {
			l.Carry(c.id, "PB-2026-09-a", c.amount)
		}
	}
	check := func(when string) {
		t.Helper()
		for i, c := range cases {
			got, by := l.IssuedAmount(c.id), l.IssuedBy(c.id)
			if i%2 == 1 {
				got, by = l.CarriedAmount(c.id), l.CarriedBy(c.id)
			}
			if got != c.amount || got.String() != c.amount.String() || by != "PB-2026-09-a" {
				t.Errorf("%s: line %.40s at %.60s by %q, want %.60s", when, c.id, got, by, c.amount)
			}
		}
	}
	check("recorded")
	l.Compact()
	check("sorted")
	ids := append(l.IssuedLines(), l.CarriedLines()...)
	slices.Sort(ids)
	want := make([]string, len(cases))
	for i, c := range cases {
		want[i] = c.id
	}
	slices.Sort(want)
	if !slices.Equal(ids, want) {
		t.Errorf("line IDs %q, want %q", ids, want)
	}
	// Issued again: a wide amount replaced by a plain one and a plain one by a wide one.
	l.Issue("a:D9:referral", "PB-2026-10-a", money.MustAmount("4.20"))
	l.Issue("a:D1:referral", "PB-2026-10-a", wide)
	if got := l.IssuedAmount("a:D9:referral"); got != money.MustAmount("4.20") || l.CarriedBy("a:D9:referral") != "" {
		t.Errorf("a:D9 issued again at %s, want 4.20", got)
	}
	if got := l.IssuedAmount("a:D1:referral"); got != wide {
		t.Errorf("a:D1 issued again at %s, want %s", got, wide)
	}
	sum := money.Zero
	l.EachIssued(func(_, _ string, a money.Amount) { sum = sum.Add(a) })
	// D1 (now wide), D3, D5, D7, D9 (now 4.20) and ünï are issued.
	wantSum := money.Sum(wide, money.MustAmount("0.123456789012"), money.MustAmount("0.00"), money.FromParts(7, 40_000),
		money.MustAmount("4.20"), money.MustAmount("1.01"))
	if !sum.Equal(wantSum) {
		t.Errorf("issued lines sum to %.60s, want %.60s", sum, wantSum)
	}
	if l.IssuedCount() != 6 || l.CarriedCount() != 6 {
		t.Errorf("%d issued, %d carried; want 6 and 6", l.IssuedCount(), l.CarriedCount())
	}
}

// A line's record stays 24 bytes besides its ID's text: a year of ledger months is
// millions of them, kept for the whole run.
func TestLedgerLineSize(t *testing.T) {
	if n := unsafe.Sizeof(ledgerLine{}); n != 24 {
		t.Errorf("a ledger line's record is %d bytes, want 24", n)
	}
}

// IDs of every length come back whole, in whichever block they were kept: the first
// small ones, a block begun by an ID larger than it would be, IDs kept on their own for
// their length or because every block is full.
func TestLineTextKeepsEveryID(t *testing.T) {
	defer func(n int) { textMaxBlocks = n }(textMaxBlocks)
	textMaxBlocks = 4
	var ids []string
	for i := range 6000 {
		ids = append(ids, fmt.Sprintf("p%d:%s:D%d:référral", i%11, strings.Repeat("x", i%97), i))
		switch i {
		case 10:
			ids = append(ids, strings.Repeat("é", longID/2-1)+"a") // 65,534 bytes: the longest a block keeps
		case 20:
			ids = append(ids, strings.Repeat("b", longID)) // 65,535 bytes: kept on its own
		case 30:
			ids = append(ids, "")
		}
	}
	var txt lineText
	type place struct {
		at uint32
		n  uint16
	}
	places := make([]place, len(ids))
	for i, id := range ids {
		places[i].at, places[i].n = txt.add(id)
	}
	if len(txt.blocks) != textMaxBlocks || len(txt.long) < 2 {
		t.Fatalf("%d blocks and %d IDs on their own: the test no longer fills every block", len(txt.blocks), len(txt.long))
	}
	for i, id := range ids {
		if got := txt.get(places[i].at, places[i].n); got != id {
			t.Fatalf("ID %d comes back as %.40q (%d bytes), want %.40q (%d bytes)", i, got, len(got), id, len(id))
		}
	}
}

// An amount's exponent at the edges of what a record holds itself, and just beyond.
func TestLedgerKeepsExponentsAtTheEdges(t *testing.T) {
	l := NewLedger()
	var want []money.Amount
	for i, e := range []int32{-129, -128, -127, -2, 0, 126, 127, 128} {
		a := money.FromParts(int64(-7-i), e)
		want = append(want, a)
		l.Issue(fmt.Sprintf("a:D%d:referral", i), "PB-2026-09-a", a)
	}
	l.Compact()
	for i, a := range want {
		if got := l.IssuedAmount(fmt.Sprintf("a:D%d:referral", i)); got != a {
			t.Errorf("line %d at %s, want %s", i, got, a)
		}
	}
}
