package commission

import (
	"fmt"
	"sort"
	"strings"

	"github.com/partnerbook/partnerbook/internal/civil"
	"github.com/partnerbook/partnerbook/internal/diag"
	"github.com/partnerbook/partnerbook/internal/domain"
	"github.com/partnerbook/partnerbook/internal/money"
)

// otherCurrency refuses a ledger whose payouts are in another currency than the
// program's: amounts issued in one currency are no basis for lines in another, so a
// program keeps its currency for as long as its ledger runs. One error, at the first
// such payout, says what a new ledger for the new currency would not carry: the
// balances carried forward and the payouts not paid or collected, to settle first.
func otherCurrency(prog *domain.Program, led *domain.Ledger, probs *diag.List) {
	var first *domain.IssuedPayout
	n := 0
	for _, p := range led.Payouts {
		if p.Currency != "" && !strings.EqualFold(strings.TrimSpace(p.Currency), prog.Currency) {
			if first == nil {
				first = p
			}
			n++
		}
	}
	if first == nil {
		return
	}
	old := strings.TrimSpace(first.Currency)
	var b strings.Builder
	fmt.Fprintf(&b, "ledger payout %s is in %s but the program currency is %s", first.ID, first.Currency, prog.Currency)
	if n > 1 {
		fmt.Fprintf(&b, " (and %d more of the ledger's payouts)", n-1)
	}
	fmt.Fprintf(&b, ": a program keeps one currency across its ledger; restore currency = %q", old)
	carried, unpaid := domain.OpenPayouts(led.Payouts)
	if len(carried) == 0 && len(unpaid) == 0 {
		fmt.Fprintf(&b, ", or start a new ledger for %s (an empty ledger folder): every payout of this one is paid or collected and nothing is carried forward, so it can close; "+
			"the new ledger's first run then needs [input.ledger] new_ledger_from set to its first month, and program.start to that month's first day", prog.Currency)
		probs.Errorf(first.Pos, "%s", b.String())
		return
	}
	fmt.Fprintf(&b, ". A new ledger for %s would start from nothing and drop what this one still owes or is owed:", prog.Currency)
	if len(carried) > 0 {
		fmt.Fprintf(&b, " carried forward, promised as the partners' next Opening: %s;", domain.DescribePayouts(carried, 10))
	}
	if len(unpaid) > 0 {
		fmt.Fprintf(&b, " not paid or collected (no Paid date): %s;", domain.DescribePayouts(unpaid, 10))
	}
	fmt.Fprintf(&b, " settle them in %s before changing currency: pay or collect each unpaid payout and type its Paid date in the ledger, "+
		"and issue the carried balances with a last run in %s (minimum_payout = \"0\" pays them out) and pay it; then start the new ledger for %s "+
		"(an empty ledger folder, [input.ledger] new_ledger_from set to its first month, and program.start to that month's first day)", old, old, prog.Currency)
	probs.Errorf(first.Pos, "%s", b.String())
}

// rebase reads the ledger under the program's partner ids: a payout of a partner that
// was renamed (its old id in former_ids) becomes that partner's, and its line IDs take
// the new id ("acme:D1:referral" -> "acme-new:D1:referral"), so the lines it issued or
// carried stay issued or carried. A payout of an id no partner has or had is an error:
// its lines would otherwise be paid again under a new id, or lost.
func rebase(prog *domain.Program, led *domain.Ledger, probs *diag.List) *domain.Ledger {
	type rename struct{ from, to string }
	renamed := map[string]rename{} // payout ID -> rename
	payouts := make([]*domain.IssuedPayout, 0, len(led.Payouts))
	otherCurrency(prog, led, probs)
	for _, p := range led.Payouts {
		if p.PartnerID == "" || prog.Partner(p.PartnerID) != nil {
			payouts = append(payouts, p)
			continue
		}
		to := prog.Renamed(p.PartnerID)
		if to == nil {
			probs.Errorf(p.Pos, "ledger payout %s names partner %q, which the program does not have: add former_ids = [%q] to the partner it became, or restore its [[partner]]",
				p.ID, p.PartnerID, p.PartnerID)
			payouts = append(payouts, p)
			continue
		}
		rn := rename{p.PartnerID, to.ID}
		renamed[p.ID] = rn
		q := *p
		q.PartnerID = to.ID
		q.Lines = make([]string, len(p.Lines))
		for i, id := range p.Lines {
			q.Lines[i] = moveID(id, rn.from, rn.to)
		}
		if p.Records != nil {
			q.Records = make(map[string]domain.LineRecord, len(p.Records))
			for id, rec := range p.Records {
				q.Records[moveID(id, rn.from, rn.to)] = rec
			}
		}
		payouts = append(payouts, &q)
	}
	if len(renamed) == 0 {
		return led
	}
	out := &domain.Ledger{Payouts: payouts, Periods: led.Periods, Leads: led.Leads, LeadsUnrecorded: led.LeadsUnrecorded,
		Won: led.Won, WonUnrecorded: led.WonUnrecorded}
	out.Reserve(led.IssuedCount() + led.CarriedCount())
	move := func(id, payout string) string {
		if rn, ok := renamed[payout]; ok {
			return moveID(id, rn.from, rn.to)
		}
		return id
	}
	at, period := map[string]diag.Pos{}, map[string]civil.Month{}
	for _, p := range led.Payouts {
		at[p.ID], period[p.ID] = p.Pos, p.Period
	}
	for _, id := range led.IssuedLines() {
		payout := led.IssuedBy(id)
		nid := move(id, payout)
		if other := out.IssuedBy(nid); other != "" {
			// Paid under the old id and again under the new one: the line counts as
			// issued at both amounts, so the next correction takes the second back.
			out.Issue(nid, other, out.IssuedAmount(nid).Add(led.IssuedAmount(id)))
			probs.Warnf(at[payout], "line %s is issued by both %s and %s (before and after the partner's rename): both amounts count as issued, and a correction line takes back what exceeds the line", nid, other, payout)
			continue
		}
		out.Issue(nid, payout, led.IssuedAmount(id))
	}
	// A line carried under the old id and again under the new one was carried last by
	// the later payout: the balance it stated is that one's.
	for _, id := range led.CarriedLines() {
		payout := led.CarriedBy(id)
		nid := move(id, payout)
		if out.IssuedBy(nid) != "" {
			continue
		}
		if prev := out.CarriedBy(nid); prev == "" || period[prev].Compare(period[payout]) < 0 {
			out.Carry(nid, payout, led.CarriedAmount(id))
		}
	}
	out.Compact()
	return out
}

// moveID gives a line ID of partner from to partner to.
func moveID(id, from, to string) string {
	if rest, ok := strings.CutPrefix(id, from+":"); ok {
		return to + ":" + rest
	}
	return id
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// issuedOwner is the partner that lines of the deal were issued to, or nil: a lead
// reported and paid to one partner stays that partner's whatever the rotation now says.
func (a *attributor) issuedOwner(dealID string) *domain.Partner {
	for _, p := range a.prog.Partners {
		prefix := p.ID + ":" + dealID + ":"
		i := sort.SearchStrings(a.issued, prefix)
		if i < len(a.issued) && strings.HasPrefix(a.issued[i], prefix) {
			return p
		}
	}
	return nil
}

// movable splits the ID of a line keyed by its payment's date into the stem (partner,
// deal and rule) and the date; ok is false for every other line.
func movable(id string) (stem string, date civil.Date, ok bool) {
	i := strings.LastIndex(id, ":")
	if i < 0 {
		return "", civil.Date{}, false
	}
	date, err := civil.Parse(id[i+1:])
	if err != nil {
		return "", civil.Date{}, false
	}
	stem = id[:i]
	for _, r := range []string{string(RuleRevenueShare), string(RuleRevenueShare) + "-refund", string(RuleClawback)} {
		if strings.HasSuffix(stem, ":"+r) {
			return stem, date, true
		}
	}
	return "", civil.Date{}, false
}

// moves pairs issued lines that vanished with new lines of the same partner, deal, rule
// and amount on another date (a payment whose date was corrected, with no payment id
// to tell). The new line is held Pending until a [[confirm]] names it; once confirmed
// it is payable and a correction reverses the issued line. It returns the issued lines
// it accounts for, which need no "vanished" warning, and the reversals.
func (r *Result) moves(computed map[string]bool, corrected map[string]money.Amount) (explained map[string]bool, reversals []*Line) {
	explained = map[string]bool{}
	type gone struct {
		id   string
		date civil.Date
		net  money.Amount
	}
	byStem := map[string][]gone{}
	for _, id := range r.Ledger.IssuedLines() {
		stem, date, ok := movable(id)
		if !ok || computed[id] {
			continue
		}
		net := r.Ledger.IssuedAmount(id).Add(corrected[id])
		if net.IsZero() {
			explained[id] = true // reversed by an earlier confirmed move
			continue
		}
		// A line of a date the payments export does not cover (one cut to recent
		// months) is outside it, not moved: a line of the same amount the export holds
		// is a new payment (a subscription's next month).
		if !r.inExport(date) {
			continue
		}
		byStem[stem] = append(byStem[stem], gone{id, date, net})
	}
	confirmed := map[string]bool{}
	for _, c := range r.Program.Confirms {
		confirmed[c.Line] = true
		if !computed[c.Line] {
			r.Problems.Warnf(c.Pos, "confirmed line %s does not follow from the inputs: remove the [[confirm]] or correct its line", c.Line)
		}
	}
	if len(byStem) == 0 {
		return explained, nil
	}
	deals := map[string]*Deal{}
	for _, d := range r.Deals {
		deals[d.ID] = d
	}
	// New lines that may replace one: not issued, not carried (a carried line was in
	// the ledger already, so it is no payment moved since), keyed by date.
	fresh := map[string][]*Line{}
	for _, l := range r.Lines {
		if (l.State != Payable && l.State != Pending) || l.Opening {
			continue
		}
		if stem, _, ok := movable(l.ID); ok && byStem[stem] != nil {
			fresh[stem] = append(fresh[stem], l)
		}
	}
	pol, cur := r.Program.Policy, r.Program.Currency
	for _, stem := range sortedKeys(byStem) {
		for _, g := range byStem[stem] {
			// The nearest date of the same amount: a corrected date is usually close.
			var best *Line
			bestGap := 0
			for _, l := range fresh[stem] {
				if l.Moved != nil || !l.Amount.Equal(g.net) {
					continue
				}
				gap := g.date.DaysUntil(l.Event)
				if gap < 0 {
					gap = -gap
				}
				if best == nil || gap < bestGap {
					best, bestGap = l, gap
				}
			}
			if best == nil {
				continue
			}
			l := best
			explained[g.id] = true
			l.Moved = &Move{From: g.id, FromDate: g.date, Issued: g.net, Confirmed: confirmed[l.ID]}
			if !l.Moved.Confirmed {
				l.State, l.Opening = Pending, false
				var pos diag.Pos
				if d := deals[l.DealID]; d != nil {
					pos = d.Pos()
				}
				r.Problems.Warnf(pos, "deal %q: line %s of %s, issued in %s for a payment dated %s, is gone and line %s of the same amount appeared for a payment dated %s: held back, as it is likely the same payment with a corrected date; once checked, add [[confirm]] line = %q to %s to pay it and reverse the issued line",
					l.DealID, g.id, pol.Display(g.net, cur), r.Ledger.IssuedBy(g.id), g.date, l.ID, l.Event, l.ID, r.Program.File)
			} else if l.State == Payable {
				reversals = append(reversals, r.reversal(l, g.id, g.net))
			}
		}
	}
	return explained, reversals
}

// reversal takes back an issued line that a confirmed moved line replaces.
func (r *Result) reversal(l *Line, issuedID string, net money.Amount) *Line {
	// Same partner, deal, rule and amount: the issued line was of the moved line's kind,
	// and its reversal keeps that kind, as every correction does.
	delta := net.Neg()
	return &Line{ID: issuedID + adjustSep + r.Period.String(), PartnerID: l.PartnerID, DealID: l.DealID, Client: l.Client,
		Rule: l.Rule, Kind: l.Kind, Amount: delta, Event: l.Event, Eligible: l.Eligible, State: Payable, Folded: true,
		Facts: &CorrectionFacts{Corrects: issuedID, Issued: net}}
}
