package commission

import (
	"strings"

	"github.com/partnerbook/partnerbook/internal/domain"
	"github.com/partnerbook/partnerbook/internal/money"
)

// Costs calls f with each line that counts in what a partner costs, once: what the
// partner is paid or owed for a deal or campaign, whether issued, payable now or
// carried. That is
//   - each line the run computes, at what the inputs give now: an issued line's
//     corrections (this period's, those carried forward and those the ledger issued)
//     add up to exactly that, so they are not counted again (Folded);
//   - each issued line the inputs no longer give, at what the ledger issued for it
//     (Standing): it is not reversed, so the money stands;
//   - lines carried forward that the inputs no longer give, kept as Opening.
//
// A line held back as a moved payment is not counted (the issued line it may replace
// stands until the move is confirmed), nor is a line eligible after the period
// (Pending). Callers pick the window and the kinds they count.
func (r *Result) Costs(f func(l *Line)) {
	for _, l := range r.Lines {
		if l.State == Pending || l.Folded || (l.Moved != nil && !l.Moved.Confirmed) {
			continue
		}
		f(l)
	}
	for _, l := range r.Standing {
		f(l)
	}
}

// standing records the issued lines the run no longer computes (see Result.Standing).
// computed are the lines the run computes; an issued line that a confirmed moved line
// replaces (reversed by one of reversals) does not stand, nor do its corrections.
func (r *Result) standing(computed map[string]bool, reversals []*Line) {
	if r.ledgerRefused || r.Ledger.IssuedCount() == 0 {
		return
	}
	reversed := map[string]bool{}
	for _, l := range reversals {
		if c, ok := l.Facts.(*CorrectionFacts); ok {
			reversed[c.Corrects] = true
		}
	}
	var payouts map[string]*domain.IssuedPayout
	r.Ledger.EachIssued(func(id, payout string, amount money.Amount) {
		base, _, _ := strings.Cut(id, adjustSep)
		if computed[base] || reversed[base] {
			return
		}
		if payouts == nil {
			payouts = make(map[string]*domain.IssuedPayout, len(r.Ledger.Payouts))
			for _, p := range r.Ledger.Payouts {
				payouts[p.ID] = p
			}
		}
		p := payouts[payout]
		if p == nil {
			return
		}
		// A correction is dated as the line it corrects, so an issued line and the
		// corrections that took it back fall in the same months.
		_, day, dated := movable(base)
		if !dated {
			at := p
			if q := payouts[r.Ledger.IssuedBy(base)]; q != nil {
				at = q
			}
			day = at.Period.Last()
		}
		rule, kind, deal, campaign := lineKind(id, p.PartnerID, amount)
		r.Standing = append(r.Standing, &Line{ID: id, PartnerID: p.PartnerID, DealID: deal, CampaignID: campaign,
			Rule: rule, Kind: kind, State: Issued, IssuedBy: payout, Basis: amount, Amount: amount,
			Event: day, Eligible: day})
	})
	sortLines(r.Standing)
}
