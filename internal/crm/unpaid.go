package crm

import (
	"fmt"
	"sort"
	"strings"

	"github.com/partnerbook/partnerbook/internal/diag"
	"github.com/partnerbook/partnerbook/internal/domain"
	"github.com/partnerbook/partnerbook/internal/money"
	"github.com/partnerbook/partnerbook/internal/sheet"
)

// The plain payments reader counts every row as money received. A sheet that says
// otherwise in a column it does not read would earn revenue share on money never
// received: a payment processor's charge export (failed charges, refunds written
// beside the charge) or an invoice export (open and void invoices, "Amount Due").
// unpaidGuard refuses such a sheet, naming the row, the column and what to do.
//
// It works from what is known to be paid, not from a list of what is not: every
// unread column whose header says "status" or "state" must say a payment was paid on
// every row that carries money, and every unread column whose header says "refund"
// must be empty or zero beside a payment. A column that describes something else (a
// customer's subscription state) is named in [input.payments] ignore_columns.

// paidStates are the words of a payment that is money received (normalized: lower
// case, "_" and "-" as spaces). Xero's "Authorised" and "Approved" are invoices not
// yet paid, so they are not here.
var paidStates = stateSet("paid", "succeeded", "success", "successful", "completed", "complete",
	"settled", "cleared", "posted", "captured", "paid out", "deposited", "confirmed")

// refundedStates are the words of a payment given back in whole or in part: counted
// as received only when the same payment (deal, or client) has a refund row of its own.
var refundedStates = stateSet("refunded", "partially refunded")

// refundRowStates are the words a refund row (a negative amount) may carry besides the
// paid ones: the money given back is what the row says.
var refundRowStates = stateSet("refund", "refunded", "partially refunded", "partial refund",
	"chargeback", "charged back", "reversed", "reversal", "returned", "credit", "credited")

func stateSet(ws ...string) map[string]bool {
	m := make(map[string]bool, len(ws))
	for _, w := range ws {
		m[w] = true
	}
	return m
}

// normWord is s in lower case, "_" and "-" read as spaces, runs of spaces as one.
func normWord(s string) string {
	s = strings.NewReplacer("_", " ", "-", " ").Replace(sheet.Norm(s))
	return strings.Join(strings.Fields(s), " ")
}

// headerWords are the words of a header: letters and digits, the rest separators.
func headerWords(h string) []string {
	return strings.FieldsFunc(sheet.Norm(h), func(r rune) bool {
		return !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r > 127)
	})
}

// AmountPaidHeader reports whether an amount header names the amount paid ("Amount
// Paid", "paid_amount") and not what is still owed ("Amount Unpaid", "Paid Balance
// Due", "Outstanding").
func AmountPaidHeader(h string) bool {
	paid := false
	for _, w := range headerWords(h) {
		switch w {
		case "paid":
			paid = true
		case "unpaid", "due", "outstanding", "balance", "remaining", "owed", "owing":
			return false
		}
	}
	return paid
}

// statusHeader and refundHeader say which unread columns the guard reads.
func statusHeader(h string) bool {
	for _, w := range strings.Fields(normWord(h)) {
		if w == "status" || w == "state" || strings.HasSuffix(w, "status") {
			return true
		}
	}
	return false
}

func refundHeader(h string) bool { return strings.Contains(sheet.Norm(h), "refund") }

// guardCol is one unread status or refund column and the rows it refuses.
type guardCol struct {
	i    int
	head string    // as the sheet spells it
	rows stateRows // rows whose word is not known as paid
	back stateRows // rows refunded with no refund row of their payment
}

// refundedRow is a payment whose state says refunded, kept until the sheet's refund
// rows are known.
type refundedRow struct {
	col          int // index in status
	pos          diag.Pos
	word, amount string
	key          string
}

type unpaidGuard struct {
	status     []guardCol
	refund     []guardCol
	paidAmount bool // the amount column is the amount paid: every state is counted as it says

	refunded []refundedRow
	negative map[string]bool // payments (deal, or client) with a refund row
}

// stateRows are the rows of one finding: the first one's place and the count of each word.
type stateRows struct {
	first  diag.Pos
	word   string // the first row's word
	amount string // the first row's amount
	words  map[string]int
	n      int
}

func (s *stateRows) add(pos diag.Pos, word, amount string) {
	if s.n == 0 {
		s.first, s.word, s.amount, s.words = pos, word, amount, map[string]int{}
	}
	s.n++
	s.words[word]++
}

// counts is "2 "Failed", 1 "void"", the words in the sheet's spelling, most first.
func (s *stateRows) counts() string {
	ws := make([]string, 0, len(s.words))
	for w := range s.words {
		ws = append(ws, w)
	}
	sort.Slice(ws, func(i, j int) bool {
		if s.words[ws[i]] != s.words[ws[j]] {
			return s.words[ws[i]] > s.words[ws[j]]
		}
		return ws[i] < ws[j]
	})
	parts := make([]string, len(ws))
	for i, w := range ws {
		parts[i] = fmt.Sprintf("%d %q", s.words[w], w)
	}
	return strings.Join(parts, ", ")
}

// newUnpaidGuard finds the state and refund columns the mapping does not read. ok is
// false when the sheet is a Stripe charge export, refused as a whole, or when
// ignore_columns names a header the sheet does not have.
func newUnpaidGuard(t *sheet.Table, in domain.PaymentsInput, probs *diag.List) (g *unpaidGuard, ok bool) {
	g = &unpaidGuard{negative: map[string]bool{}}
	skip := map[string]bool{}
	for _, h := range in.Columns {
		if h != "" {
			skip[sheet.Norm(h)] = true
		}
	}
	have := map[string]bool{}
	for _, h := range t.Headers() {
		have[sheet.Norm(h)] = true
	}
	ok = true
	for _, h := range in.IgnoreColumns {
		if !have[sheet.Norm(h)] {
			probs.Errorf(in.IgnorePos, "ignore_columns names %q, which is not a header of %s", h, t.Pos(-1).File)
			ok = false
		}
		skip[sheet.Norm(h)] = true
	}
	if !ok {
		return nil, false
	}
	captured, chargeStatus, chargeRefund := -1, -1, -1
	for i, h := range t.Headers() {
		n := sheet.Norm(h)
		switch n {
		case "captured":
			captured = i
		case "status":
			chargeStatus = i
		case "amount refunded":
			chargeRefund = i
		}
		if skip[n] {
			continue
		}
		if statusHeader(h) {
			g.status = append(g.status, guardCol{i: i, head: strings.TrimSpace(h)})
		} else if refundHeader(h) {
			g.refund = append(g.refund, guardCol{i: i, head: strings.TrimSpace(h)})
		}
	}
	if captured >= 0 && chargeStatus >= 0 && chargeRefund >= 0 && !skip["captured"] {
		hs := t.Headers()
		probs.Errorf(t.Pos(captured), "this is a Stripe Dashboard payments export (columns %q, %q and %q), read as plain payments: failed and uncaptured charges would count as paid and %q would be ignored; set preset = \"stripe\" in [input.payments] (see the README's Stripe payments)",
			strings.TrimSpace(hs[chargeStatus]), strings.TrimSpace(hs[captured]), strings.TrimSpace(hs[chargeRefund]), strings.TrimSpace(hs[chargeRefund]))
		return nil, false
	}
	g.paidAmount = AmountPaidHeader(in.Columns["amount"])
	return g, true
}

// row looks at the states and refunds of the current row, whose amount is a, written
// text, of the payment key (its deal, or its client).
func (g *unpaidGuard) row(t *sheet.Table, a money.Amount, text, key string) {
	cur := t.Current()
	if a.Sign() < 0 {
		g.negative[key] = true
	}
	if a.Sign() > 0 {
		for j := range g.refund {
			c := &g.refund[j]
			if c.i >= len(cur) || strings.TrimSpace(cur[c.i]) == "" {
				continue
			}
			// A refund column that is not an amount ("yes") says a refund too.
			if r, err := t.AmountCell(c.i); err != nil || !r.IsZero() {
				c.rows.add(t.Pos(c.i), strings.TrimSpace(cur[c.i]), text)
			}
		}
	}
	if g.paidAmount || a.IsZero() {
		return
	}
	for j := range g.status {
		c := &g.status[j]
		if c.i >= len(cur) {
			continue
		}
		word := strings.TrimSpace(cur[c.i])
		st := normWord(word)
		switch {
		case st == "" || paidStates[st]:
		case a.Sign() < 0 && refundRowStates[st]:
		case a.Sign() > 0 && refundedStates[st]:
			g.refunded = append(g.refunded, refundedRow{col: j, pos: t.Pos(c.i), word: word, amount: text, key: key})
		default:
			c.rows.add(t.Pos(c.i), word, text)
		}
	}
}

// done refuses the sheet for what its rows showed.
func (g *unpaidGuard) done(probs *diag.List) {
	more := func(s *stateRows) string {
		if s.n == 1 {
			return ""
		}
		return fmt.Sprintf(" (%d rows: %s)", s.n, s.counts())
	}
	refundBeside := false
	for _, c := range g.refund {
		refundBeside = refundBeside || c.rows.n > 0
	}
	for _, r := range g.refunded {
		if !g.negative[r.key] && !refundBeside {
			g.status[r.col].back.add(r.pos, r.word, r.amount)
		}
	}
	for _, c := range g.status {
		if s := &c.back; s.n > 0 {
			probs.Errorf(s.first, "%s %q says the payment was given back, but the sheet has no refund row (negative amount) of that payment, so its amount %s would count in full%s: export refunds as negative rows, or leave refunded payments out; a Stripe Dashboard payments export needs preset = \"stripe\"",
				c.head, s.word, s.amount, more(s))
		}
		s := &c.rows
		if s.n == 0 {
			continue
		}
		probs.Errorf(s.first, "%s %q is not known as paid: partnerbook cannot tell whether such rows were money received, yet the amount %s would count as paid and earn revenue share%s. Export only paid payments (paid invoices), or map [input.payments.columns] amount to the amount actually paid (such as \"Amount Paid\"); if %q does not describe the payment, set ignore_columns = [%q] in [input.payments]. A Stripe Dashboard payments export needs preset = \"stripe\"",
			c.head, s.word, s.amount, more(s), c.head, c.head)
	}
	for _, c := range g.refund {
		s := &c.rows
		if s.n == 0 {
			continue
		}
		n := ""
		if s.n > 1 {
			n = fmt.Sprintf(" (%d rows have a refund there)", s.n)
		}
		probs.Errorf(s.first, "%s %q is a refund of this payment of %s that the payments reader does not read, so the payment would count in full%s: export refunds as negative rows of their own and leave %q out, or, if the amount column already has the refund taken off, set ignore_columns = [%q] in [input.payments]; a Stripe Dashboard payments export needs preset = \"stripe\"",
			c.head, s.word, s.amount, n, c.head, c.head)
	}
}
