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

// statusHeaders are the headers read as a payment's or invoice's state.
var statusHeaders = []string{"status", "payment status", "invoice status", "charge status", "transaction status", "state", "payment state"}

// refundHeaders are the headers of a refund written beside its payment.
var refundHeaders = []string{"amount refunded", "refunded amount", "refund amount", "amount_refunded"}

// notPaidStates are the states of a payment or invoice that is not money received:
// Stripe's charge, invoice and payment-intent words and the usual ones of billing tools.
var notPaidStates = map[string]bool{
	"failed": true, "declined": true, "uncaptured": true, "blocked": true, "canceled": true, "cancelled": true,
	"pending": true, "processing": true, "incomplete": true, "expired": true,
	"requires_payment_method": true, "requires_confirmation": true, "requires_action": true, "requires_capture": true,
	"open": true, "draft": true, "void": true, "voided": true, "uncollectible": true, "unpaid": true,
	"overdue": true, "past_due": true, "past due": true, "not paid": true,
}

// refundedStates are the states of a payment given back in whole or in part: counted
// as received unless the sheet carries the refund as a negative row of its own.
var refundedStates = map[string]bool{"refunded": true, "partially refunded": true, "partially_refunded": true}

type unpaidGuard struct {
	status, refund int    // columns, -1 when the sheet has none unread
	statusHead     string // as the sheet spells it
	refundHead     string
	paidAmount     bool // the amount column is the amount paid: every state is counted as it says

	notPaid  stateRows // rows whose state is not money received
	refunded stateRows // rows whose state is refunded
	negative bool      // the sheet has a negative payment (a refund row)
	refunds  stateRows // rows with a refund beside the payment
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
// false when the sheet is a Stripe charge export, refused as a whole.
func newUnpaidGuard(t *sheet.Table, in domain.PaymentsInput, probs *diag.List) (g *unpaidGuard, ok bool) {
	g = &unpaidGuard{status: -1, refund: -1}
	mapped := map[string]bool{}
	for _, h := range in.Columns {
		if h != "" {
			mapped[sheet.Norm(h)] = true
		}
	}
	find := func(names []string) (int, string) {
		for _, n := range names {
			for i, h := range t.Headers() {
				if sheet.Norm(h) == n && !mapped[n] {
					return i, strings.TrimSpace(h)
				}
			}
		}
		return -1, ""
	}
	g.status, g.statusHead = find(statusHeaders)
	g.refund, g.refundHead = find(refundHeaders)
	captured, _ := find([]string{"captured"})
	if g.status >= 0 && g.refund >= 0 && captured >= 0 {
		pos := t.Pos(captured)
		probs.Errorf(pos, "this is a Stripe Dashboard payments export (columns %q, %q and %q), read as plain payments: failed and uncaptured charges would count as paid and %q would be ignored; set preset = \"stripe\" in [input.payments] (see the README's Stripe payments)",
			g.statusHead, strings.TrimSpace(t.Headers()[captured]), g.refundHead, g.refundHead)
		return nil, false
	}
	amount := sheet.Norm(in.Columns["amount"])
	g.paidAmount = strings.Contains(amount, "paid")
	return g, true
}

// row looks at the state and refund of the current row, whose amount is a, written text.
func (g *unpaidGuard) row(t *sheet.Table, a money.Amount, text string) {
	if a.Sign() < 0 {
		g.negative = true
	}
	if g.refund >= 0 && g.refund < len(t.Current()) {
		if r, err := t.AmountCell(g.refund); err == nil && !r.IsZero() {
			g.refunds.add(t.Pos(g.refund), t.Current()[g.refund], text)
		}
	}
	if g.status < 0 || g.paidAmount || a.IsZero() || g.status >= len(t.Current()) {
		return
	}
	word := strings.TrimSpace(t.Current()[g.status])
	switch st := strings.ReplaceAll(sheet.Norm(word), "-", "_"); {
	case notPaidStates[st] || notPaidStates[strings.ReplaceAll(st, "_", " ")]:
		g.notPaid.add(t.Pos(g.status), word, text)
	case refundedStates[st] && a.Sign() > 0:
		g.refunded.add(t.Pos(g.status), word, text)
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
	if s := &g.notPaid; s.n > 0 {
		probs.Errorf(s.first, "%s %q is not money received, yet its amount %s would count as paid and earn revenue share%s: the payments reader counts every row as paid. Export only paid payments (paid invoices), or map [input.payments.columns] amount to the amount actually paid (such as \"Amount Paid\"); a Stripe Dashboard payments export needs preset = \"stripe\"",
			g.statusHead, s.word, s.amount, more(s))
	}
	if s := &g.refunded; s.n > 0 && !g.negative && g.refunds.n == 0 {
		probs.Errorf(s.first, "%s %q says the payment was given back, but the sheet has no refund rows (negative amounts), so its amount %s would count in full%s: export refunds as negative rows, or leave refunded payments out; a Stripe Dashboard payments export needs preset = \"stripe\"",
			g.statusHead, s.word, s.amount, more(s))
	}
	if s := &g.refunds; s.n > 0 {
		n := ""
		if s.n > 1 {
			n = fmt.Sprintf(" (%d rows have a refund there)", s.n)
		}
		probs.Errorf(s.first, "%s %q is a refund of this payment of %s that the payments reader does not read, so the payment would count in full%s: export refunds as negative rows of their own and leave %q out; a Stripe Dashboard payments export needs preset = \"stripe\"",
			g.refundHead, s.word, s.amount, n, g.refundHead)
	}
}
