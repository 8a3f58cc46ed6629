package commission

import (
	"cmp"
	"fmt"
	"slices"
	"sort"
	"strings"

	"github.com/partnerbook/partnerbook/internal/book"
	"github.com/partnerbook/partnerbook/internal/civil"
	"github.com/partnerbook/partnerbook/internal/diag"
	"github.com/partnerbook/partnerbook/internal/domain"
	"github.com/partnerbook/partnerbook/internal/money"
)

// Compute runs the money rules for in.Period. Errors found (such as a deal carrying two
// partners' tags) are in Result.Problems; the caller stops when it has any.
func Compute(in Input) *Result {
	r := &Result{Program: in.Program, Period: in.Period, AsOf: in.AsOf, Ledger: in.Ledger}
	if r.Ledger == nil {
		r.Ledger = domain.NewLedger()
	}
	r.Ledger = rebase(in.Program, r.Ledger, &r.Problems)
	r.Ledger = asOf(r.Ledger, in.AsOf)
	// A ledger the program cannot take (an unknown partner, another currency) stops the
	// run; lines it issued would only be reported as vanished on top of that.
	r.ledgerRefused = r.Problems.HasErrors()
	// The won dates the ledger recorded, kept before anything is decided on a deal's.
	pinWon(in.Program, r.Ledger, in.Deals, &r.Problems)
	// One allocation for every deal's decisions, not one per deal.
	decided := make([]Deal, len(in.Deals))
	r.Deals = make([]*Deal, len(in.Deals))
	for i, d := range in.Deals {
		decided[i].Deal = d
		r.Deals[i] = &decided[i]
	}
	at := newAttributor(in.Program, r.Ledger, in.Period)
	at.attribute(r.Deals, &r.Problems)
	wonUnknown(in.Program, r.Ledger, r.Deals, &r.Problems)
	r.Leads = at.leads
	r.Unmatched = matchPayments(in.Program, r.Deals, in.Payments, &r.Problems)
	r.exportFrom = exportFrom(in.Payments)

	c := &calc{prog: in.Program, pol: in.Program.Policy, led: r.Ledger, probs: &r.Problems,
		shareStart: shareStarts(r.Ledger), shared: map[factsKey]Facts{}}
	done := int64(0)
	for _, d := range r.Deals {
		if d.Partner == nil || d.Status != domain.Won {
			continue
		}
		if done++; done == 4096 && in.Progress != nil {
			in.Progress(done)
			done = 0
		}
		d.Terms = d.Partner.TermsOn(d.Closed)
		if d.Terms == nil {
			r.Problems.Warnf(d.Pos(), "won deal %q of partner %q has no terms in force on %s: no lines computed", d.ID, d.Partner.ID, d.Closed)
			continue
		}
		from := len(c.lines)
		c.deal(d)
		c.refundsCovered(d, c.lines[from:], &r.Problems)
	}
	if done > 0 && in.Progress != nil {
		in.Progress(done)
	}
	for _, camp := range in.Program.Campaigns {
		c.campaign(camp)
	}
	r.Lines = c.lines
	sortLines(r.Lines)
	r.classify()
	r.missingLedger()
	r.payouts()
	r.overdue()
	r.margins()
	r.termsWarnings()
	r.recordWon()
	return r
}

type calc struct {
	prog *domain.Program
	pol  money.Policy
	led  *domain.Ledger // what earlier runs issued and carried
	// probs takes the errors found computing a deal's lines (a refund whose revenue
	// share cannot be known, a no-value deal's refund with nothing to measure it by).
	probs *diag.List
	// refused is the last deal refused by unknownRates: its refunds are not checked
	// against the ledger's share again (the same refund, a second error).
	refused *Deal
	// shareStart is, by deal ID, the earliest payment date of the ledger's revenue-share
	// lines: the window opened on or before it.
	shareStart map[string]civil.Date
	lines      []*Line
	// shared holds the facts that lines of the same terms have alike, so most lines
	// of a large run point at a few facts values instead of one each.
	shared map[factsKey]Facts
}

// factsKey is the terms (a *domain.ReferralTerms or *domain.WholesaleTerms) whose
// lines without conversions share facts, and for a referral fee whether it was capped.
type factsKey struct {
	terms  any
	capped bool
}

// referralFacts are the facts of a fee under rt, shared by the fees alike.
func (c *calc) referralFacts(rt *domain.ReferralTerms, capped bool, fx Converted) *ReferralFacts {
	key := factsKey{rt, capped}
	if f, ok := c.shared[key]; ok && len(fx) == 0 {
		return f.(*ReferralFacts)
	}
	f := &ReferralFacts{Flat: rt.Flat != nil, PayOn: rt.PayOn, Converted: fx}
	if capped {
		f.Capped, f.Cap = true, *rt.Cap
	}
	if rt.PayOn == domain.PayAfterHold {
		f.HoldDays = rt.HoldDays
	}
	if len(fx) == 0 {
		c.shared[key] = f
	}
	return f
}

// wholesaleFacts are the facts of a charge under w, shared by the charges alike.
func (c *calc) wholesaleFacts(w *domain.WholesaleTerms, fx Converted) *WholesaleFacts {
	key := factsKey{terms: w}
	if f, ok := c.shared[key]; ok && len(fx) == 0 {
		return f.(*WholesaleFacts)
	}
	f := &WholesaleFacts{Discount: w.Discount, Converted: fx}
	if len(fx) == 0 {
		c.shared[key] = f
	}
	return f
}

func (c *calc) add(l *Line) {
	l.Amount = c.pol.Round(l.Amount)
	c.lines = append(c.lines, l)
}

// deal computes every line of one won, attributed deal under its terms.
func (c *calc) deal(d *Deal) {
	t := d.Terms
	pid := d.Partner.ID
	newLine := func(rule Rule, kind Kind, idSuffix string) *Line {
		return &Line{ID: pid + ":" + d.ID + ":" + idSuffix, PartnerID: pid, DealID: d.ID, Client: d.Client, Rule: rule, Kind: kind}
	}
	// A refund day whose clawback the ledger issued under its date (read before an id
	// column was mapped) keeps the date key, so mapping ids later never claws twice.
	refunds := refundDays(d.Payments, func(day civil.Date) bool {
		return c.dateKeyed(pid + ":" + d.ID + ":" + string(RuleClawback) + ":" + day.String())
	})

	if rt := t.Referral; rt != nil {
		l := newLine(RuleReferral, Earned, string(RuleReferral))
		l.Basis = d.Value
		var fx Converted
		if rt.Flat != nil {
			l.Amount = *rt.Flat
		} else {
			l.Amount, l.Rate = d.Value.MulRate(*rt.Percent), *rt.Percent
			fx = converted(d.FX)
		}
		capped := rt.Cap != nil && l.Amount.Cmp(*rt.Cap) > 0
		if capped {
			l.Amount = *rt.Cap
		}
		l.Facts = c.referralFacts(rt, capped, fx)
		l.Event = d.Closed
		ok := true
		switch rt.PayOn {
		case domain.PaySigned:
			l.Eligible = d.Closed
		case domain.PayFirstPayment:
			first := firstPositive(d.Payments)
			if first == nil {
				ok = false
			} else {
				l.Eligible = first.Date
			}
		case domain.PayAfterHold:
			l.Eligible = d.Closed.AddDays(rt.HoldDays)
			// A refund on or before the hold's last day means the client did not stay:
			// the fee never becomes payable, so it needs no clawback either. Unless the
			// refund reached the export after the fee was issued, or carried forward
			// (its statement said it was earned): then it is clawed back.
			if len(refunds) > 0 && !refunds[0].date.After(l.Eligible) && c.led.IssuedBy(l.ID) == "" && c.led.CarriedBy(l.ID) == "" {
				ok = false
			}
		}
		if ok {
			c.add(l)
			c.clawbacks(d, l, refunds, newLine)
		}
	}

	if rs := t.RevenueShare; rs != nil {
		c.revenueShare(d, rs, newLine)
	}

	if w := t.Wholesale; w != nil {
		l := newLine(RuleWholesale, Charge, string(RuleWholesale))
		share := w.Discount.Complement()
		l.Basis, l.Rate = d.Value, share
		l.Amount = d.Value.MulRate(share).Neg()
		l.Event, l.Eligible = d.Closed, d.Closed
		l.Facts = c.wholesaleFacts(w, converted(d.FX))
		c.add(l)
	}
}

type dayTotal struct {
	date   civil.Date
	amount money.Amount        // negative for refunds
	key    string              // the line ID's event part: the date, or "pay:<id>" for a payment with an id
	fx     []domain.Conversion // of the refunds written in another currency
	n      int                 // refunds summed
}

// original is the day's refunds as the export wrote them (negative), when every one
// of them was written in currency cur; ok is false otherwise.
func (t dayTotal) original(cur string) (sum money.Amount, ok bool) {
	if len(t.fx) != t.n {
		return money.Zero, false
	}
	sum = money.Zero
	for _, c := range t.fx {
		if c.Currency != cur {
			return money.Zero, false
		}
		sum = sum.Add(c.Original)
	}
	return sum, true
}

// converted lists a conversion, if there was one.
func converted(c *domain.Conversion) []domain.Conversion {
	if c == nil {
		return nil
	}
	return []domain.Conversion{*c}
}

// refundDays sums refunds per day, in date order; a refund with a payment id stands on
// its own, keyed by its id, so a corrected date or amount corrects its line, unless
// dateKeyed says that day was issued keyed by its date.
func refundDays(pays []*domain.Payment, dateKeyed func(civil.Date) bool) []dayTotal {
	var out []dayTotal
	byDay := map[civil.Date]int{}
	for _, p := range pays {
		if p.Amount.Sign() >= 0 {
			continue
		}
		if p.ID != "" && !dateKeyed(p.Date) {
			out = append(out, dayTotal{p.Date, p.Amount, payKey(p.ID), converted(p.FX), 1})
			continue
		}
		if i, seen := byDay[p.Date]; seen {
			out[i].amount = out[i].amount.Add(p.Amount)
			out[i].fx = append(out[i].fx, converted(p.FX)...)
			out[i].n++
			continue
		}
		byDay[p.Date] = len(out)
		out = append(out, dayTotal{p.Date, p.Amount, p.Date.String(), converted(p.FX), 1})
	}
	return out
}

// dateSuffix is the ID suffix of a revenue-share line of the payments (or refunds) of
// one day without ids.
func dateSuffix(day civil.Date, refund bool) string {
	if refund {
		return string(RuleRevenueShare) + "-refund:" + day.String()
	}
	return string(RuleRevenueShare) + ":" + day.String()
}

// payKey is the event part of the ID of a line keyed by a payment id.
func payKey(id string) string { return "pay:" + id }

func firstPositive(pays []*domain.Payment) *domain.Payment {
	for _, p := range pays {
		if p.Amount.Sign() > 0 {
			return p
		}
	}
	return nil
}

// clawbacks takes back the fee in proportion to refunds dated within clawback_days of the
// won date (for an after-hold fee, at least within its hold). Each line is the
// cumulative target less what earlier clawbacks took, so the lines together never
// exceed the fee and rounding never drifts.
//
// A clawback issued for a Stripe charge's refunds whose total the export now dates
// outside the window stands as issued (see keptRefund), and what it took counts toward
// the fee before the refunds inside the window.
//
// The refunded share of the deal is measured in the deal's own currency while the deal
// and every refund so far were written in it (€1,000 refunded of a €1,000 deal is all
// of it, whatever the rates of the two months); otherwise in the program currency.
func (c *calc) clawbacks(d *Deal, fee *Line, refunds []dayTotal, newLine func(Rule, Kind, string) *Line) {
	days := d.Terms.ClawbackDays
	// A refund inside an after-hold means the fee should never have become payable: one
	// that reaches the export after the fee was issued takes it back in the same
	// proportion, however short clawback_days is (or unset).
	if rt := d.Terms.Referral; rt != nil && rt.PayOn == domain.PayAfterHold && rt.HoldDays > days {
		days = rt.HoldDays
	}
	// Without refunds there is nothing to take back: the ledger's earlier clawbacks
	// of the fee only count toward the refunds this export holds.
	if days <= 0 || fee.Amount.Sign() <= 0 || len(refunds) == 0 {
		return
	}
	// A fee from before program.start was never paid through partnerbook: its
	// clawbacks are history too, whatever their date. Unless the ledger issued or
	// carried it (start was moved past it): then it was, or will be, paid.
	if start := c.prog.Start; !start.IsZero() && fee.Eligible.Before(start) && c.led.IssuedBy(fee.ID) == "" && c.led.CarriedBy(fee.ID) == "" {
		return
	}
	last := d.Closed.AddDays(days)
	refunded, taken := money.Zero, money.Zero
	for _, rf := range refunds {
		if rf.date.After(last) || rf.date.Before(d.Closed) {
			if l := c.keptRefund(d, RuleClawback, string(RuleClawback)+":", rf.key, rf.date, newLine); l != nil {
				taken = taken.Sub(l.Amount)
			}
		}
	}
	// Clawbacks of this fee that the ledger issued or carried for refunds this export
	// no longer holds (an export cut to recent months, a refund removed) took their part
	// of the fee: they stand, and count toward it before the export's refunds.
	taken = taken.Add(c.priorClawbacks(d, refunds))
	kept := taken // in fee terms: what kept clawbacks took
	// In the deal's currency while it and the refunds share one.
	own := d.FX != nil
	ownRefunded := money.Zero
	for _, rf := range refunds {
		if rf.date.After(last) || rf.date.Before(d.Closed) {
			continue
		}
		refunded = refunded.Add(rf.amount.Neg())
		if own {
			orig, ok := rf.original(d.FX.Currency)
			own = ok
			ownRefunded = ownRefunded.Add(orig.Neg())
		}
		value, back, refund, measured := d.Value, refunded, rf.amount.Neg(), ""
		if own {
			value, back, measured = d.FX.Original, ownRefunded, d.FX.Currency
			refund, _ = rf.original(measured)
			refund = refund.Neg()
		}
		paid := value.Sign() <= 0 // no value: measured against the payments received
		if paid {
			if value, back, refund, measured = c.paidBasis(d, rf, refunded, back, refund, measured); value.Sign() <= 0 {
				return
			}
		}
		target := fee.Amount
		if back.Cmp(value) < 0 {
			target = fee.Amount.MulFrac(back, value)
		}
		target = c.pol.Round(target)
		if !kept.IsZero() {
			if target = kept.Add(target); target.Cmp(fee.Amount) > 0 {
				target = fee.Amount
			}
		}
		amt := target.Sub(taken)
		if amt.Sign() <= 0 {
			continue
		}
		l := newLine(RuleClawback, Clawback, string(RuleClawback)+":"+rf.key)
		l.Basis = fee.Amount
		l.Amount = amt.Neg()
		l.Event, l.Eligible = rf.date, rf.date
		l.Facts = &ClawbackFacts{Refund: refund, Refunded: back, DealValue: value, Paid: paid, Measured: measured, ClawbackDays: days,
			Converted: append(converted(d.FX), rf.fx...)}
		c.add(l)
		taken = target
	}
}

// refundsCovered refuses a deal whose refunds exceed its payments: the revenue share
// would take back more than it paid (the partner would owe a share of money it never
// earned on), and a refund dated before the payment it returns falls outside the
// window and drops its share refund. Either way the export is wrong (a refund's date
// or amount, or a payment missing), as a Stripe refund larger than its charge is.
//
// When the export holds the deal's payment history (the ledger has no revenue-share or
// clawback line of the deal that this run does not compute), the refunds so far are
// compared with the payments so far, day by day (see exportShortfall). The first
// refund row that takes them past the payments is the error, unless the ledger issued
// or carried a line of the deal (a referral fee paid when signed): the deal was in an
// earlier run, and the export may be cut to months after its payments.
//
// When the export is cut to recent months (or lost payments the ledger paid on), the
// payments before it are known only by the revenue share the ledger issued on them:
// the deal's revenue share in all, the ledger's lines this run does not compute and
// this run's, may not be negative, and no refund may be dated before the window opened
// (the export's or the ledger's first payment). The share is allowed half a cent per
// line below zero, what rounding each line can give when the refunds are exactly the
// payments. Without a revenue share the ledger records no payments; the clawbacks,
// which never take back more than the fee, are then the only lines refunds move, and
// a cut export's refunds of the deal are taken.
//
// A Stripe export is checked as it is read (a refund is never more than its charge,
// and a charge held for an open dispute keeps its refunds), so it is not checked here.
func (c *calc) refundsCovered(d *Deal, lines []*Line, probs *diag.List) {
	if c.prog.Payments.Preset == "stripe" || !hasRefund(d.Payments) || c.refused == d {
		return
	}
	computed := make(map[string]bool, len(lines))
	for _, l := range lines {
		computed[l.ID] = true
	}
	// What the ledger has of the deal's revenue share that this run does not compute.
	ledgerShare, ledgerLines, cut := money.Zero, 0, false
	if c.led.IssuedCount() > 0 || c.led.CarriedCount() > 0 {
		base := d.Partner.ID + ":" + d.ID + ":"
		for _, rule := range []Rule{RuleRevenueShare, RuleClawback} {
			c.led.EachPrefixed(base+string(rule), func(id, _ string, amount money.Amount, _ bool) {
				stem, _, _ := strings.Cut(id, adjustSep)
				if computed[stem] {
					return
				}
				cut = true
				if rule == RuleRevenueShare {
					ledgerShare = ledgerShare.Add(amount)
					ledgerLines++
				}
			})
		}
	}
	at := func(p *domain.Payment) diag.Pos {
		pos := p.Pos()
		if pos.Column == "" {
			pos.Column = c.prog.Payments.Columns["amount"]
		}
		return pos
	}
	cur := c.prog.Currency
	if !cut {
		worst, msg := c.exportShortfall(d)
		if worst == nil {
			return
		}
		// A deal the ledger issued or carried lines of (a fee paid when signed, say) was
		// in an earlier run: the export may be cut to months after its payments. Its
		// refunds are then checked as a cut export's are, below.
		if !c.inLedger(d) {
			probs.Errorf(at(worst), "%s", msg)
			return
		}
	}
	// Without a revenue share the ledger records no payments of the deal: refunds move
	// only its clawbacks, which never take back more than the fee (the ledger's
	// clawbacks counted toward it), so no refund can take back money never paid.
	if d.Terms.RevenueShare == nil {
		return
	}
	// A refund dated before the revenue share's window opened (the deal's first payment,
	// the export's or the ledger's) would drop its share refund.
	opening := firstPositive(d.Payments)
	if day, ok := c.shareStart[d.ID]; ok && (opening == nil || day.Before(opening.Date)) {
		opening = &domain.Payment{Date: day}
	}
	for _, p := range d.Payments {
		if p.Amount.Sign() >= 0 || (opening != nil && !p.Date.Before(opening.Date)) {
			continue
		}
		first := "none in the export or the ledger's revenue share"
		if opening != nil {
			first = opening.Date.String()
		}
		probs.Errorf(at(p), "deal %q of partner %q: the refund of %s on %s is dated before any payment of the deal (first payment: %s): a refund gives back a payment received, so its revenue share cannot be computed; correct the refund's date, or add the payment it returns to the payments export",
			d.ID, d.Partner.ID, c.pol.Display(p.Amount.Neg(), cur), p.Date, first)
		return
	}
	net, n := ledgerShare, ledgerLines
	var last *Line
	for _, l := range lines {
		if l.Rule == RuleRevenueShare {
			net, n = net.Add(l.Amount), n+1
			if l.Amount.Sign() < 0 && (last == nil || !l.Event.Before(last.Event)) {
				last = l
			}
		}
	}
	unit := c.halfUnit()
	if last == nil || net.Neg().Cmp(unit.MulInt(int64(n))) <= 0 {
		return
	}
	// The refund rows of the latest share refund's day.
	var row *domain.Payment
	for _, p := range d.Payments {
		if p.Amount.Sign() < 0 && p.Date == last.Event {
			row = p
		}
	}
	pos := diag.Pos{File: c.prog.Payments.File}
	if row != nil {
		pos = at(row)
	}
	probs.Errorf(pos, "deal %q of partner %q: the refund on %s takes the deal's revenue share to %s in all (%s issued by the ledger on payments this export no longer holds, %s from this export): its refunds are more than its payments, and the partner would give back share it was never paid; correct the refund's amount or date, or add the missing payment to the payments export",
		d.ID, d.Partner.ID, last.Event, c.pol.Display(net, cur), c.pol.Display(ledgerShare, cur), c.pol.Display(net.Sub(ledgerShare), cur))
}

// inLedger reports whether the ledger issued or carried any line of the deal.
func (c *calc) inLedger(d *Deal) bool {
	return c.led.HasPrefixed(d.Partner.ID + ":" + d.ID + ":")
}

// exportShortfall compares the deal's refunds so far with its payments so far, day by
// day, in the payments' own currency when they were all written in one other currency
// (a full refund at a later rate is not more than was paid). It returns the first
// refund row that takes the refunds past the payments, and the error that names it;
// nil when the refunds are covered.
func (c *calc) exportShortfall(d *Deal) (*domain.Payment, string) {
	cur := c.prog.Currency
	own := ""
	if d.Payments[0].FX != nil {
		own = d.Payments[0].FX.Currency
		for _, p := range d.Payments {
			if p.FX == nil || p.FX.Currency != own {
				own = ""
				break
			}
		}
	}
	value := func(p *domain.Payment) money.Amount {
		if own != "" {
			return p.FX.Original
		}
		return p.Amount
	}
	show := cur
	if own != "" {
		show = own
	}
	paid, refunded := money.Zero, money.Zero
	for i := 0; i < len(d.Payments); {
		day := d.Payments[i].Date
		var worst *domain.Payment // the day's last refund
		for ; i < len(d.Payments) && d.Payments[i].Date == day; i++ {
			p := d.Payments[i]
			if v := value(p); v.Sign() < 0 {
				refunded, worst = refunded.Sub(v), p
			} else {
				paid = paid.Add(v)
			}
		}
		if worst == nil || refunded.Cmp(paid) <= 0 {
			continue
		}
		if paid.IsZero() {
			first := "none in the export"
			if fp := firstPositive(d.Payments); fp != nil {
				first = fp.Date.String()
			}
			return worst, fmt.Sprintf("deal %q of partner %q: the refund of %s on %s is dated before any payment of the deal (first payment: %s): a refund gives back a payment received, so its revenue share and clawback cannot be computed; correct the refund's date, or add the payment it returns to the payments export",
				d.ID, d.Partner.ID, c.pol.Display(value(worst).Neg(), show), day, first)
		}
		return worst, fmt.Sprintf("deal %q of partner %q: refunds of %s by %s are more than the %s paid for the deal by then: the partner would give back revenue share on money it was never paid; correct the refund's amount or date, or add the missing payment to the payments export",
			d.ID, d.Partner.ID, c.pol.Display(refunded, show), day, c.pol.Display(paid, show))
	}
	return nil, ""
}

func hasRefund(pays []*domain.Payment) bool {
	for _, p := range pays {
		if p.Amount.Sign() < 0 {
			return true
		}
	}
	return false
}

// halfUnit is half the program currency's minor unit (0.005 for two decimals): what
// rounding a line to minor units can move it by.
func (c *calc) halfUnit() money.Amount { return money.FromParts(5, -(c.pol.Places + 1)) }

// priorClawbacks is what the ledger's clawbacks of the deal's fee (issued, with their
// corrections, or carried) took for refund days this export does not hold: positive,
// in fee terms.
func (c *calc) priorClawbacks(d *Deal, refunds []dayTotal) money.Amount {
	sum := money.Zero
	if c.led.IssuedCount() == 0 && c.led.CarriedCount() == 0 {
		return sum
	}
	prefix := d.Partner.ID + ":" + d.ID + ":" + string(RuleClawback) + ":"
	c.led.EachPrefixed(prefix, func(id, _ string, amount money.Amount, _ bool) {
		key, _, _ := strings.Cut(id[len(prefix):], adjustSep)
		for _, rf := range refunds {
			if rf.key == key {
				return // recomputed from the export, corrected if it changed
			}
		}
		sum = sum.Sub(amount)
	})
	return sum
}

// stripeTotal reports whether a line key's payment is the refunded total of a Stripe
// charge ("pay:<charge id>:refund"): the export has one total and one date for all of a
// charge's refunds, so a refund made after lines for the charge's earlier refunds were
// issued moves the whole total to its date.
func stripeTotal(key string) bool {
	return strings.HasPrefix(key, "pay:") && strings.HasSuffix(key, ":refund")
}

// keptRefund keeps an issued line of a Stripe charge's refunded total (of rule, its ID
// ending in prefix+key) that the export now dates on day, outside the line's window:
// the charge was refunded again after the line was issued, and the export dates the
// whole total on the later refund. What the line took back was inside the window and
// stays taken; the later refund, dated outside, takes nothing more. It is the line at
// what the ledger issued for it (with its corrections, issued or carried), so it is
// neither corrected nor reported as vanished; nil when key is no such total or the
// ledger issued no line for it.
func (c *calc) keptRefund(d *Deal, rule Rule, prefix, key string, day civil.Date, newLine func(Rule, Kind, string) *Line) *Line {
	if c.led.IssuedCount() == 0 || !stripeTotal(key) {
		return nil
	}
	suffix := prefix + key
	id := d.Partner.ID + ":" + d.ID + ":" + suffix
	if c.led.IssuedBy(id) == "" {
		return nil
	}
	l := newLine(rule, Clawback, suffix)
	l.Amount = c.ledgerNet(id)
	l.Basis, l.Event, l.Eligible = l.Amount, day, day
	l.Facts = &KeptFacts{Charge: strings.TrimSuffix(strings.TrimPrefix(key, "pay:"), ":refund"), Date: day}
	c.lines = append(c.lines, l) // already rounded when issued
	return l
}

// dateKeyed reports whether the ledger issued or carried line id, the line of a day's
// payments or refunds keyed by their date: that day keeps its date key.
func (c *calc) dateKeyed(id string) bool {
	return c.led.IssuedBy(id) != "" || c.led.CarriedBy(id) != ""
}

// ledgerNet is what the ledger issued for line id, with the corrections issued or
// carried forward since (a carried one comes back as Opening, see Result.adjustment).
func (c *calc) ledgerNet(id string) money.Amount {
	net := c.led.IssuedAmount(id)
	c.led.EachPrefixed(id+adjustSep, func(_, _ string, a money.Amount, _ bool) {
		net = net.Add(a)
	})
	return net
}

// shareStarts is, by deal ID, the earliest payment date of the revenue-share lines
// the ledger issued or carried.
func shareStarts(led *domain.Ledger) map[string]civil.Date {
	var out map[string]civil.Date
	for _, p := range led.Payouts {
		for _, s := range p.ShareStarts {
			deal, day := s.Deal, s.Day
			if out == nil {
				out = map[string]civil.Date{}
			}
			if first, seen := out[deal]; !seen || day.Before(first) {
				out[deal] = day
			}
		}
	}
	return out
}

// revenueShare pays a percent of each payment dated within the window that opens on
// the first payment and lasts Months calendar months (0: no end). The first payment
// is the export's, or the ledger's earliest revenue-share line of the deal when that
// is earlier: a payments export that no longer holds the first payment (one cut to
// recent months) does not open the window again.
func (c *calc) revenueShare(d *Deal, rs *domain.RevenueShareTerms, newLine func(Rule, Kind, string) *Line) {
	first := firstPositive(d.Payments)
	// The window's opening payment as the ledger has it, when earlier (or when the
	// export holds only refunds of the deal: they fall in the window the ledger opened).
	if day, ok := c.shareStart[d.ID]; ok && (first == nil || day.Before(first.Date)) {
		first = &domain.Payment{Date: day}
	}
	if first == nil {
		return
	}
	var end civil.Date // first day outside the window
	if rs.Months > 0 {
		end = first.Date.AddMonths(rs.Months)
		// Jan 31 + 1 month clamps to Feb 28; the window then runs through Feb 28.
		if end.Day() < first.Date.Day() {
			end = end.AddDays(1)
		}
	}
	// Payments without an id are summed per day and sign; one with an id is its own line.
	type key struct {
		date civil.Date
		neg  bool
		id   string
	}
	// The sums in order of first appearance; a deal has few payment days, so they are
	// found by looking through the list, and through an index once it grows.
	type sum struct {
		key
		amount money.Amount
		fx     []domain.Conversion
		rows   int
	}
	var sums []sum
	var index map[key]int
	find := func(k key) *sum {
		if index != nil {
			if i, ok := index[k]; ok {
				return &sums[i]
			}
		} else {
			for i := range sums {
				if sums[i].key == k {
					return &sums[i]
				}
			}
		}
		sums = append(sums, sum{key: k})
		if index == nil && len(sums) > 16 {
			index = make(map[key]int, 2*len(sums))
			for i := range sums {
				index[sums[i].key] = i
			}
		} else if index != nil {
			index[k] = len(sums) - 1
		}
		return &sums[len(sums)-1]
	}
	for _, p := range d.Payments {
		if p.Date.Before(first.Date) || (!end.IsZero() && !p.Date.Before(end)) || p.Amount.IsZero() {
			if p.Amount.Sign() < 0 && c.led.IssuedCount() > 0 && strings.HasSuffix(p.ID, ":refund") {
				c.keptRefund(d, RuleRevenueShare, string(RuleRevenueShare)+"-refund:", payKey(p.ID), p.Date, newLine)
			}
			continue
		}
		k := key{p.Date, p.Amount.Sign() < 0, p.ID}
		// A day the ledger issued or carried keyed by its date (before an id column was
		// mapped) stays keyed by its date: mapping ids later never pays an issued day
		// again, nor a carried one beside its balance.
		if k.id != "" && c.dateKeyed(d.Partner.ID+":"+d.ID+":"+dateSuffix(k.date, k.neg)) {
			k.id = ""
		}
		sm := find(k)
		sm.amount = sm.amount.Add(p.Amount)
		sm.fx = append(sm.fx, converted(p.FX)...)
		sm.rows++
	}
	// Refunds written in another currency give back what the payments they refund
	// brought in: converted at those payments' rates, not at the refund month's.
	var paid *paidQueue
	for _, sm := range sums {
		if cur, ok := refundCurrency(sm.neg, sm.fx, sm.rows); ok {
			if paid == nil || paid.currency != cur {
				held := map[heldDay]bool{}
				for _, o := range sums {
					if o.id == "" {
						held[heldDay{date: o.date, neg: o.neg}] = true
					} else {
						held[heldDay{neg: o.neg, id: payKey(o.id)}] = true
					}
				}
				paid = c.paidIn(d, rs, cur, first.Date, end, held)
			}
			break
		}
	}
	// The deal's lines without conversions share one facts value.
	var shared *RevenueShareFacts
	for _, sm := range sums {
		k := sm.key
		kind, suffix := Earned, dateSuffix(k.date, k.neg)
		if k.neg {
			kind = Clawback
		}
		if k.id != "" {
			suffix = string(RuleRevenueShare) + ":" + payKey(k.id)
			if k.neg {
				suffix = string(RuleRevenueShare) + "-refund:" + payKey(k.id)
			}
		}
		l := newLine(RuleRevenueShare, kind, suffix)
		l.Basis, l.Rate = sm.amount, rs.Percent
		l.Amount = sm.amount.MulRate(rs.Percent)
		if cur, ok := refundCurrency(k.neg, sm.fx, sm.rows); ok && paid != nil && paid.currency == cur {
			back, fx := paid.refund(k.date, sm.amount, sm.fx)
			l.Basis, l.Amount, sm.fx = c.pol.Round(back), back.MulRate(rs.Percent), fx
			if paid.short && len(paid.unknown) > 0 {
				c.unknownRates(d, k.date, k.neg, k.id, sm.fx, paid)
			}
		}
		l.Event, l.Eligible = k.date, k.date
		if rs.Settle == domain.SettleQuarterly {
			l.Eligible = k.date.QuarterEnd()
		}
		f := shared
		if f == nil || len(sm.fx) > 0 {
			f = &RevenueShareFacts{Quarterly: rs.Settle == domain.SettleQuarterly, Converted: sm.fx}
			if !end.IsZero() {
				f.Months, f.WindowEnd = rs.Months, end.AddDays(-1)
			}
			if len(sm.fx) == 0 {
				shared = f
			}
		}
		l.Facts = f
		c.add(l)
	}
}

// unknownRates refuses a refund (of deal d on day, its rows written in paid's
// currency) that outran the payments queued while the ledger holds revenue share of
// payments the export no longer holds whose date or currency it does not record: it
// may give those back, at rates that cannot be known, and converting it at its own
// month's rate could take back more or less share than they paid.
func (c *calc) unknownRates(d *Deal, day civil.Date, neg bool, id string, fx []domain.Conversion, paid *paidQueue) {
	total := money.Zero
	for _, x := range fx {
		total = total.Sub(x.Original)
	}
	var row *domain.Payment
	for _, p := range d.Payments {
		if p.Date == day && (p.Amount.Sign() < 0) == neg && p.ID == id {
			row = p
		}
	}
	pos := diag.Pos{File: c.prog.Payments.File}
	if row != nil {
		if pos = row.Pos(); pos.Column == "" {
			pos.Column = c.prog.Payments.Columns["amount"]
		}
	}
	c.refused = d
	named := paid.unknown
	if len(named) > 3 {
		named = append(named[:3:3], fmt.Sprintf("and %d more", len(paid.unknown)-3))
	}
	c.probs.Errorf(pos, "deal %q of partner %q: the refund of %s on %s gives back payments this export no longer holds, and the ledger's revenue share of them (%s) does not record their date and currency (a line keyed by a payment id, or a deal not written in %s): its revenue-share refund gives back what they brought in, at their rates, which cannot be known; add the payments it refunds to the payments export, as far back as the deal's first payment",
		d.ID, d.Partner.ID, c.pol.Display(total, paid.currency), day, strings.Join(named, ", "), paid.currency)
}

// refundCurrency is the currency a day's refunds (or one refund) were written in when
// every row was written in one other currency, each converted at its own month's
// rate (a Stripe refund, converted at its charge's rate already, is not).
func refundCurrency(neg bool, fx []domain.Conversion, rows int) (string, bool) {
	if !neg || len(fx) == 0 || len(fx) != rows {
		return "", false
	}
	for _, c := range fx {
		if c.Currency != fx[0].Currency || !c.Charge.IsZero() || !c.Rate.Equal(fx[0].Rate) {
			return "", false
		}
	}
	return fx[0].Currency, true
}

// paidQueue is the deal's payments in one currency, oldest first, that refunds in it
// give back: what is left of each payment's original amount and of its converted one.
type paidQueue struct {
	currency string
	left     []paidPart
	// given are the ledger's refunds of the deal in this currency that the export no
	// longer holds, oldest first: they gave back the oldest payments before the
	// export's refunds (see settle). tol is what rounding a share line to minor units
	// can hide of its payment: half a minor unit over the percent.
	given []givenBack
	tol   money.Amount
	// unknown are the ledger's revenue-share lines of payments the export no longer
	// holds whose date or currency the ledger does not record (keyed by a payment id,
	// or of a deal not written in this currency): a refund they may cover cannot be
	// converted at their rates. short is set when a refund outran the payments queued.
	unknown []string
	short   bool
}

// givenBack is a revenue-share refund the ledger issued or carried: its date and the
// payments it gave back, in the program currency at their rates (its share over the
// percent, positive).
type givenBack struct {
	date civil.Date
	conv money.Amount
}

type paidPart struct {
	date       civil.Date
	orig, conv money.Amount
	rate       money.FXRate
	month      civil.Month
}

// paidIn queues the deal's payments written in currency cur inside the revenue share's
// window [open, end): the export's, and, when the deal was written in cur, the ones the
// ledger's revenue-share lines were paid on that the export no longer holds (a cut
// export; held are the days of the export's payments and refunds without ids). A
// ledger line is known by its date and share: its payment is the share over the
// percent, converted at the program's rate of that month (a line without a date, or
// of a month without a rate, is left out). The ledger's revenue-share refunds the
// export no longer holds gave back payments too, oldest first: they are taken off the
// queue before the export's refunds that follow them (see settle), so a refund in a
// cut export never gives back a payment already refunded in full.
func (c *calc) paidIn(d *Deal, rs *domain.RevenueShareTerms, cur string, open, end civil.Date, held map[heldDay]bool) *paidQueue {
	q := &paidQueue{currency: cur}
	in := func(day civil.Date) bool { return !day.Before(open) && (end.IsZero() || day.Before(end)) }
	if !rs.Percent.IsZero() && (c.led.IssuedCount() > 0 || c.led.CarriedCount() > 0) {
		// The ledger's lines are known to be of payments in cur when the deal was
		// written in it; a line keyed by a payment id has no date in its ID.
		known := d.FX != nil && d.FX.Currency == cur
		over := func(share money.Amount) money.Amount {
			return share.MulFrac(money.FromInt(1), money.Amount(rs.Percent))
		}
		q.tol = over(c.halfUnit())
		// The ledger's payments, then its refunds, by key (a key's corrections with it).
		for _, neg := range []bool{false, true} {
			rule := string(RuleRevenueShare) + ":"
			if neg {
				rule = string(RuleRevenueShare) + "-refund:"
			}
			prefix := d.Partner.ID + ":" + d.ID + ":" + rule
			share := map[string]money.Amount{}
			var stems []string
			c.led.EachPrefixed(prefix, func(id, _ string, amount money.Amount, _ bool) {
				stem, _, _ := strings.Cut(id[len(prefix):], adjustSep)
				if _, seen := share[stem]; !seen {
					stems = append(stems, stem)
				}
				share[stem] = share[stem].Add(amount)
			})
			for _, stem := range stems {
				net := share[stem]
				if neg {
					net = net.Neg()
				}
				day, err := civil.Parse(stem)
				switch {
				case net.Sign() <= 0:
					continue
				case err != nil:
					// Keyed by a payment id: held when the export has that payment.
					if held[heldDay{neg: neg, id: stem}] {
						continue
					}
				case held[heldDay{date: day, neg: neg}] || !in(day):
					continue
				case known && neg:
					q.given = append(q.given, givenBack{day, over(net)})
					continue
				case known:
					rate, ok := c.prog.Rates.Rate(cur, civil.MonthOf(day))
					if !ok || rate.IsZero() {
						continue
					}
					conv := over(net)
					q.left = append(q.left, paidPart{day, conv.Unconvert(rate), conv, rate, civil.MonthOf(day)})
					continue
				}
				q.unknown = append(q.unknown, prefix+stem)
			}
		}
		slices.SortStableFunc(q.given, func(a, b givenBack) int { return a.date.Compare(b.date) })
	}
	for _, p := range d.Payments {
		if p.Amount.Sign() > 0 && p.FX != nil && p.FX.Currency == cur && p.FX.Charge.IsZero() && in(p.Date) {
			q.left = append(q.left, paidPart{p.Date, p.FX.Original, p.Amount, p.FX.Rate, p.FX.Month})
		}
	}
	slices.SortStableFunc(q.left, func(a, b paidPart) int { return a.date.Compare(b.date) })
	return q
}

// refund gives back, for a refund of amount (negative, in the program currency at the
// refund's own rate) on day written as fx, the payments it refunds, oldest first
// (FIFO), each at its own rate: a payment refunded in full gives back exactly what it
// brought in, part of one its share of it. What no earlier payment covers stays at the
// refund's rate. It returns the refund in the program currency (negative, unrounded)
// and the conversions that make it.
func (q *paidQueue) refund(day civil.Date, amount money.Amount, fx []domain.Conversion) (money.Amount, []domain.Conversion) {
	q.settle(day)
	want := money.Zero
	for _, c := range fx {
		want = want.Sub(c.Original)
	}
	total := want
	back := money.Zero
	var out []domain.Conversion
	for i := range q.left {
		p := &q.left[i]
		if want.Sign() <= 0 || p.date.After(day) {
			break
		}
		if p.orig.Sign() <= 0 {
			continue
		}
		take, conv := p.orig, p.conv
		switch want.Cmp(p.orig) {
		case 0:
			take = want // as the refund was written
		case -1:
			take, conv = want, p.conv.MulFrac(want, p.orig)
		}
		p.orig, p.conv = p.orig.Sub(take), p.conv.Sub(conv)
		want = want.Sub(take)
		back = back.Add(conv)
		out = append(out, domain.Conversion{Original: take.Neg(), Currency: q.currency, Rate: p.rate, Month: p.month, Paid: p.date})
	}
	q.short = want.Sign() > 0
	if len(out) == 0 {
		return amount, fx
	}
	if want.Sign() > 0 {
		back = back.Add(amount.Neg().MulFrac(want, total))
		out = append(out, domain.Conversion{Original: want.Neg(), Currency: q.currency, Rate: fx[0].Rate, Month: fx[0].Month, Pos: fx[0].Pos})
	}
	return back.Neg(), out
}

// heldDay is a day of the export's payments (neg false) or refunds (neg true) without
// ids, or the key of one with an id ("pay:<id>"): the ledger's line of that day or key
// is recomputed from the export, not queued.
type heldDay struct {
	date civil.Date
	neg  bool
	id   string
}

// settle takes off the queue, oldest first, the payments the ledger's refunds dated on
// or before day gave back. Each gave back its share over the percent, at the rates of
// the payments it refunded; a payment it leaves less than rounding can hide of is
// taken whole.
func (q *paidQueue) settle(day civil.Date) {
	for len(q.given) > 0 && !q.given[0].date.After(day) {
		g := q.given[0]
		q.given = q.given[1:]
		want := g.conv
		for i := range q.left {
			p := &q.left[i]
			if want.Cmp(q.tol) <= 0 || p.date.After(g.date) {
				break
			}
			if p.orig.Sign() <= 0 {
				continue
			}
			if want.Cmp(p.conv.Sub(q.tol)) >= 0 {
				want = want.Sub(p.conv)
				p.orig, p.conv = money.Zero, money.Zero
				continue
			}
			take := p.orig.MulFrac(want, p.conv)
			p.orig, p.conv = p.orig.Sub(take), p.conv.Sub(want)
			want = money.Zero
		}
	}
}

// campaign splits a campaign's cost: partners owe their share of what we paid, and we
// owe our share of what a partner paid.
func (c *calc) campaign(camp *domain.Campaign) {
	var usShare money.Rate
	for _, s := range camp.Shares {
		if s.Party == domain.Us {
			usShare = s.Rate
		}
	}
	for _, s := range camp.Shares {
		if s.Party == domain.Us {
			continue
		}
		l := &Line{ID: s.Party + ":campaign:" + camp.ID + ":cost", PartnerID: s.Party, CampaignID: camp.ID,
			Rule: RuleCampaignCost, Basis: camp.Cost, Event: camp.Date, Eligible: camp.Date}
		f := &CampaignFacts{Campaign: camp.Name}
		l.Facts = f
		switch camp.PaidBy {
		case domain.Us:
			l.Kind, l.Rate, f.PaidByUs = Charge, s.Rate, true
			l.Amount = camp.Cost.MulRate(s.Rate).Neg()
		case s.Party:
			l.Kind, l.Rate = Earned, usShare
			l.Amount = camp.Cost.MulRate(usShare)
		default:
			continue // settled between the partners themselves
		}
		if l.Amount.IsZero() {
			continue
		}
		c.add(l)
	}
}

// classify sets each line's state for the period, and corrects issued lines whose
// amount the inputs now compute differently.
func (r *Result) classify() {
	end := r.Period.Last()
	start := r.Program.Start
	computed := make(map[string]bool, len(r.Lines))
	for _, l := range r.Lines {
		computed[l.ID] = true
	}
	// What earlier corrections added to each issued line, found in one pass.
	corrected := map[string]money.Amount{}
	r.Ledger.EachIssued(func(id, _ string, a money.Amount) {
		if base, _, isAdj := strings.Cut(id, adjustSep); isAdj {
			corrected[base] = corrected[base].Add(a)
		}
	})
	carried := r.carriedCorrections()
	var adjustments []*Line
	// What the ledger issued or carried is the ledger's, whatever start says (it may
	// have been moved past months the ledger holds): an issued line keeps its
	// corrections, a carried one comes back as Opening. start decides the other lines.
	for _, l := range r.Lines {
		switch {
		case r.Ledger.IssuedBy(l.ID) != "":
			l.State, l.IssuedBy = Issued, r.Ledger.IssuedBy(l.ID)
			adjustments = append(adjustments, r.adjustment(l, corrected[l.ID], carried[l.ID])...)
		case !start.IsZero() && l.Eligible.Before(start) && r.Ledger.CarriedBy(l.ID) == "":
			l.State = History
		case l.Eligible.After(end):
			l.State = Pending
		default:
			l.State = Payable
			l.Opening = r.Ledger.CarriedBy(l.ID) != ""
		}
	}
	r.historyInLedger()
	explained, reversals := r.moves(computed, corrected)
	adjustments = append(adjustments, reversals...)
	r.vanished(computed, explained)
	adjustments = append(adjustments, r.carriedGone(computed)...)
	r.standing(computed, reversals)
	if len(adjustments) > 0 {
		r.Lines = append(r.Lines, adjustments...)
		sortLines(r.Lines)
	}
}

// historyInLedger warns when program.start is after the first day of the ledger's
// first month and lines eligible between the two, which no workbook issued or carried,
// are history: late data of a month the ledger holds (a payment or refund entered
// after the month was run) that start now keeps from being paid.
func (r *Result) historyInLedger() {
	start := r.Program.Start
	var first civil.Month
	for m := range r.Ledger.Periods {
		if m.Compare(r.Period) < 0 && (first.IsZero() || m.Compare(first) < 0) {
			first = m
		}
	}
	if start.IsZero() || first.IsZero() || !first.First().Before(start) {
		return
	}
	n, sum := 0, money.Zero
	for _, l := range r.Lines {
		if l.State == History && !l.Eligible.Before(first.First()) {
			n++
			sum = sum.Add(l.Amount)
		}
	}
	if n == 0 {
		return
	}
	r.Problems.Warnf(diag.Pos{File: r.Program.File}, "start = %s is after the ledger's first month, %s: %d %s (%s) eligible from %s to %s that no ledger workbook issued or carried %s history, never paid; if %s late data of a month the ledger holds, set start = %s in [program]",
		start, first, n, plural(n, "line", "lines"), r.Program.Policy.Display(sum, r.Program.Currency), first.First(), start.AddDays(-1),
		plural(n, "is", "are"), plural(n, "it is", "they are"), first.First())
}

// adjustSep joins an issued line's ID and the period of a correction to it.
const adjustSep = ":adj:"

// carriedCorrections are the corrections the ledger carried forward and did not issue
// since, by the ID of the line each corrects, in ID order (that is, by period).
func (r *Result) carriedCorrections() map[string][]string {
	if r.Ledger.CarriedCount() == 0 {
		return nil
	}
	out := map[string][]string{}
	for _, id := range r.Ledger.CarriedLines() {
		if base, _, isAdj := strings.Cut(id, adjustSep); isAdj {
			out[base] = append(out[base], id)
		}
	}
	return out
}

// adjustment corrects an issued line whose amount changed since it was issued (a late
// payment on the same day, a corrected deal value). Earlier corrections count: those
// issued (corrected is their sum) and those carried forward, which come back under
// their own IDs as Opening at the amount carried, as the partner's statement said. The
// rest of the difference between what the line computes to now and what the ledger
// issued and carried for it is this period's correction; a negative rest takes back
// what was carried, explicitly and with a warning. Without it the difference would be
// lost, or paid twice.
func (r *Result) adjustment(l *Line, corrected money.Amount, carried []string) []*Line {
	issued := r.Ledger.IssuedAmount(l.ID).Add(corrected)
	var out []*Line
	sofar := money.Zero // the carried corrections counted so far
	for _, id := range carried {
		amount := r.Ledger.CarriedAmount(id)
		// The correction keeps the kind of the line it corrects, whatever its sign: a
		// smaller clawback is less clawed back (a positive Clawbacks amount), not earned.
		out = append(out, &Line{ID: id, PartnerID: l.PartnerID, DealID: l.DealID, CampaignID: l.CampaignID,
			Client: l.Client, Rule: l.Rule, Kind: l.Kind, State: Payable, Opening: true, Folded: true,
			Basis: issued.Add(sofar).Add(amount), Amount: amount, Event: l.Event, Eligible: l.Eligible,
			Facts: &CorrectionFacts{Corrects: l.ID, Issued: issued, Carried: sofar, CarriedIn: r.Ledger.CarriedBy(id)}})
		sofar = sofar.Add(amount)
	}
	delta := l.Amount.Sub(issued).Sub(sofar)
	if delta.IsZero() {
		return out
	}
	adj := &Line{ID: l.ID + adjustSep + r.Period.String(), PartnerID: l.PartnerID, DealID: l.DealID, CampaignID: l.CampaignID,
		Client: l.Client, Rule: l.Rule, Kind: l.Kind, Basis: l.Amount, Amount: delta,
		Event: l.Event, Eligible: l.Eligible, State: Payable, Folded: true,
		Facts: &CorrectionFacts{Corrects: l.ID, Issued: issued, Carried: sofar, Converted: l.Conversions()}}
	if sofar.Sign() != 0 && delta.Sign() != sofar.Sign() {
		pol, cur := r.Program.Policy, r.Program.Currency
		last := carried[len(carried)-1]
		r.Problems.Warnf(r.payoutPos(r.Ledger.CarriedBy(last)), "line %s now computes to %s: issued at %s, with %s of corrections carried forward (%s, last in %s), which stay in the partner's balance as Opening; correction %s of %s takes back what the inputs no longer give; check it with the partner",
			l.ID, pol.Display(l.Amount, cur), pol.Display(issued, cur), pol.Display(sofar, cur), strings.Join(carried, ", "),
			r.Ledger.CarriedBy(last), adj.ID, pol.Display(delta, cur))
	}
	return append(out, adj)
}

// payoutPos is where the ledger has payout id: its row of the Payouts sheet.
func (r *Result) payoutPos(id string) diag.Pos {
	for _, p := range r.Ledger.Payouts {
		if p.ID == id {
			return p.Pos
		}
	}
	return diag.Pos{}
}

// vanished warns about issued lines the inputs no longer produce (a deal now lost, a
// payment removed): they are not reversed automatically, because a deal marked lost
// after months of service must not take back shares of real payments. A line keyed by
// a payment's date before the months the payments export covers is outside the export
// (one cut to recent months), not gone: such lines are named in one warning.
func (r *Result) vanished(computed, explained map[string]bool) {
	if r.ledgerRefused {
		return
	}
	var gone, outside []string
	r.Ledger.EachIssued(func(id, _ string, _ money.Amount) {
		base, _, _ := strings.Cut(id, adjustSep)
		if !computed[base] && !explained[base] && (base == id || r.Ledger.IssuedBy(base) == "") {
			if _, date, ok := movable(base); ok && !r.inExport(date) {
				outside = append(outside, id)
				return
			}
			gone = append(gone, id)
		}
	})
	sort.Strings(gone)
	// Each warning points at the ledger row of the payout that issued the line.
	at := map[string]diag.Pos{}
	for _, p := range r.Ledger.Payouts {
		at[p.ID] = p.Pos
	}
	pol, cur := r.Program.Policy, r.Program.Currency
	for _, id := range gone {
		r.Problems.Warnf(at[r.Ledger.IssuedBy(id)], "line %s, issued in %s at %s, no longer follows from the inputs (deal lost, changed or removed?): nothing is reversed; check it with the partner",
			id, r.Ledger.IssuedBy(id), pol.Display(r.Ledger.IssuedAmount(id), cur))
	}
	if len(outside) == 0 {
		return
	}
	sort.Strings(outside)
	var named []string
	for _, id := range outside[:min(len(outside), 3)] {
		named = append(named, fmt.Sprintf("%s of %s, issued in %s", id, pol.Display(r.Ledger.IssuedAmount(id), cur), r.Ledger.IssuedBy(id)))
	}
	if len(outside) > 3 {
		named = append(named, fmt.Sprintf("and %d more", len(outside)-3))
	}
	holds := "no rows"
	if !r.exportFrom.IsZero() {
		holds = "no row before " + civil.MonthOf(r.exportFrom).String()
	}
	what := "1 issued revenue-share or clawback line of a payment dated before then is outside it and stands as issued"
	if len(outside) > 1 {
		what = fmt.Sprintf("%d issued revenue-share or clawback lines of payments dated before then are outside it and stand as issued", len(outside))
	}
	r.Problems.Warnf(diag.Pos{File: r.Program.Payments.File}, "the payments export holds %s: %s (%s); nothing is reversed. An export cut to recent months leaves them out; if yours is not, a payment of those months was removed or redated: check it with the partner",
		holds, what, strings.Join(named, "; "))
}

// exportFrom is the first day of the month of the earliest dated payment row, zero
// when there is none.
func exportFrom(pays []*domain.Payment) civil.Date {
	var first civil.Date
	for _, p := range pays {
		if !p.Date.IsZero() && (first.IsZero() || p.Date.Before(first)) {
			first = p.Date
		}
	}
	if first.IsZero() {
		return first
	}
	return civil.MonthOf(first).First()
}

// inExport reports whether the payments export covers payments dated day: it holds
// rows of day's month or earlier ones. An issued line keyed by a date it does not cover
// did not vanish: the export (cut to recent months) leaves that date out.
func (r *Result) inExport(day civil.Date) bool {
	return !r.exportFrom.IsZero() && !day.Before(r.exportFrom)
}

// carriedGone deals with carried lines the inputs no longer give. A carried balance
// was stated to the partner ("carried forward, paid with your next payout"), so it is
// never dropped:
//   - a carried correction of an issued line the run computes is not gone: it comes
//     back as Opening with that line's correction (see adjustment);
//   - a carried line of a payment's date (a revenue share, a clawback) gone while a
//     new line of the same partner, deal, rule and amount appeared on another date is
//     that payment with a corrected date: the new line is paid as the Opening, with
//     a warning, as it was never paid;
//   - any other (its deal removed from the export, lost or changed) stays in the
//     balance at the amount carried, as Opening, with a warning: as an issued line the
//     inputs no longer give is not reversed.
//
// It returns the lines kept.
func (r *Result) carriedGone(computed map[string]bool) []*Line {
	if r.ledgerRefused || r.Ledger.CarriedCount() == 0 {
		return nil
	}
	var gone []string
	for _, id := range r.Ledger.CarriedLines() {
		if computed[id] {
			continue
		}
		if base, _, isAdj := strings.Cut(id, adjustSep); isAdj && computed[base] && r.Ledger.IssuedBy(base) != "" {
			continue
		}
		gone = append(gone, id)
	}
	if len(gone) == 0 {
		return nil
	}
	sort.Strings(gone)
	payouts := map[string]*domain.IssuedPayout{}
	for _, p := range r.Ledger.Payouts {
		payouts[p.ID] = p
	}
	// New lines that may be a gone line's payment on a corrected date.
	fresh := map[string][]*Line{}
	for _, l := range r.Lines {
		if l.State == Payable && !l.Opening && l.Moved == nil {
			if stem, _, ok := movable(l.ID); ok {
				fresh[stem] = append(fresh[stem], l)
			}
		}
	}
	pol, cur := r.Program.Policy, r.Program.Currency
	var kept []*Line
	for _, id := range gone {
		p := payouts[r.Ledger.CarriedBy(id)]
		if p == nil {
			continue
		}
		amount := r.Ledger.CarriedAmount(id)
		if stem, date, ok := movable(id); ok {
			var best *Line
			bestGap := 0
			for _, l := range fresh[stem] {
				if l.Opening || !l.Amount.Equal(amount) {
					continue
				}
				gap := date.DaysUntil(l.Event)
				if gap < 0 {
					gap = -gap
				}
				if best == nil || gap < bestGap {
					best, bestGap = l, gap
				}
			}
			if best != nil {
				best.Opening = true
				r.Problems.Warnf(p.Pos, "line %s, carried forward in %s at %s, is gone and line %s of the same amount appeared: taken as the same payment with a corrected date, the new line takes its place in the balance (Opening)",
					id, p.ID, pol.Display(amount, cur), best.ID)
				continue
			}
		}
		kept = append(kept, keptCarried(id, p, amount))
		r.Problems.Warnf(p.Pos, "line %s, carried forward in %s at %s, no longer follows from the inputs (deal lost, changed or removed?): it stays in the partner's balance as Opening, as its statement said; check it with the partner",
			id, p.ID, pol.Display(amount, cur))
	}
	return kept
}

// keptCarried is carried line id of payout p, which the inputs no longer give, as the
// ledger has it: its amount, and its deal, client and dates as the Lines sheet wrote
// them (a missing date is the last day of p's period).
func keptCarried(id string, p *domain.IssuedPayout, amount money.Amount) *Line {
	rec := p.Records[id]
	rule, kind, deal, campaign := lineKind(id, p.PartnerID, amount)
	if rec.Deal != "" && campaign == "" {
		deal = rec.Deal
	}
	l := &Line{ID: id, PartnerID: p.PartnerID, DealID: deal, CampaignID: campaign, Client: rec.Client, Rule: rule, Kind: kind,
		State: Payable, Opening: true, Basis: amount, Amount: amount, Event: rec.Event, Eligible: rec.Eligible,
		Facts: &CarriedFacts{Payout: p.ID}}
	if l.Eligible.IsZero() {
		l.Eligible = p.Period.Last()
	}
	if l.Event.IsZero() {
		l.Event = l.Eligible
	}
	return l
}

// lineKind reads the rule, kind, deal and campaign of a line from its ID (of partner
// pid): "<pid>:<deal>:referral", "<pid>:campaign:<id>:cost", with ":adj:<period>"
// after a correction's.
func lineKind(id, pid string, amount money.Amount) (rule Rule, kind Kind, deal, campaign string) {
	rest, _ := strings.CutPrefix(id, pid+":")
	rest, _, _ = strings.Cut(rest, adjustSep)
	if c, ok := strings.CutPrefix(rest, "campaign:"); ok && strings.HasSuffix(c, ":cost") {
		kind = Earned
		if amount.Sign() < 0 {
			kind = Charge
		}
		return RuleCampaignCost, kind, "", strings.TrimSuffix(c, ":cost")
	}
	for _, m := range []struct {
		marker string
		rule   Rule
		kind   Kind
	}{
		{":" + string(RuleRevenueShare) + "-refund:", RuleRevenueShare, Clawback},
		{":" + string(RuleRevenueShare) + ":", RuleRevenueShare, Earned},
		{":" + string(RuleClawback) + ":", RuleClawback, Clawback},
	} {
		if i := strings.LastIndex(rest, m.marker); i >= 0 {
			return m.rule, m.kind, rest[:i], ""
		}
	}
	for _, m := range []struct {
		rule Rule
		kind Kind
	}{{RuleReferral, Earned}, {RuleWholesale, Charge}} {
		if d, ok := strings.CutSuffix(rest, ":"+string(m.rule)); ok {
			return m.rule, m.kind, d, ""
		}
	}
	return "", Earned, "", ""
}

// sortLines orders lines by partner, eligible date and ID (unique), so every output
// lists lines alike.
func sortLines(lines []*Line) {
	slices.SortFunc(lines, func(a, b *Line) int {
		if c := strings.Compare(a.PartnerID, b.PartnerID); c != 0 {
			return c
		}
		if c := a.Eligible.Compare(b.Eligible); c != 0 {
			return c
		}
		return strings.Compare(a.ID, b.ID)
	})
}

// missingLedger warns when the run pays lines from before the period although no ledger
// workbook of the previous period was read: if that month was paid, they are paid twice.
func (r *Result) missingLedger() {
	prev := r.Period.Add(-1)
	if r.Ledger.HasPeriod(prev) {
		return
	}
	n, sum := 0, money.Zero
	for _, l := range r.Lines {
		if l.State == Payable && l.Eligible.Before(r.Period.First()) {
			n++
			sum = sum.Add(l.Amount)
		}
	}
	if n > 0 && r.Program.Start.IsZero() && len(r.Program.Ledger.Files) == 0 {
		// A first run: with no history, everything ever won would be paid now.
		r.Problems.Warnf(diag.Pos{File: r.Program.File}, "no ledger and no start date: %d %s (%s gross) eligible before %s are paid in this run, back to the oldest deal; set start = %s in [program] (partnerbook init writes it) to pay from then on, or add earlier payout workbooks to [input.ledger]",
			n, plural(n, "line", "lines"), r.Program.Policy.Display(sum, r.Program.Currency), r.Period.First(), r.Period.First())
	} else if n > 0 {
		r.Problems.Warnf(diag.Pos{File: r.Program.File}, "no payouts.xlsx of %s is in [input.ledger], so %d %s (%s) eligible before %s are paid in this run: if %s was paid already, add its workbook to the ledger",
			prev, n, plural(n, "line", "lines"), r.Program.Policy.Display(sum, r.Program.Currency), r.Period.First(), prev)
	}
}

// payouts sums each partner's payable lines into a payout.
func (r *Result) payouts() {
	prog := r.Program
	byPartner := map[string]*Payout{}
	for _, l := range r.Lines {
		if l.State != Payable {
			continue
		}
		p := byPartner[l.PartnerID]
		if p == nil {
			part := prog.Partner(l.PartnerID)
			p = &Payout{ID: book.MakePayoutID(r.Period.String(), part.ID), Partner: part, Period: r.Period}
			byPartner[l.PartnerID] = p
		}
		p.Lines = append(p.Lines, l)
		switch {
		case l.Opening:
			p.Opening = p.Opening.Add(l.Amount)
		case l.Kind == Clawback:
			p.Clawbacks = p.Clawbacks.Add(l.Amount)
		case l.Kind == Charge:
			p.Charges = p.Charges.Add(l.Amount)
		default:
			p.Earned = p.Earned.Add(l.Amount)
		}
		p.Amount = p.Amount.Add(l.Amount)
	}
	for _, part := range prog.Partners {
		p := byPartner[part.ID]
		if p == nil {
			continue
		}
		switch {
		case p.Amount.Sign() < 0:
			p.Status, p.Due = book.StatusReceivable, r.Period.Last().AddDays(prog.PayoutTermsDays)
		case p.Amount.IsZero():
			p.Status = book.StatusNil
		case p.Amount.Cmp(prog.MinimumPayout) < 0 && part.Status != domain.Ended:
			// An ended partner's payout is its final one: carried, it would wait for
			// a later payout that never reaches the minimum. It is due in full.
			p.Status = book.StatusCarried
		default:
			p.Status, p.Due = book.StatusDue, r.Period.Last().AddDays(prog.PayoutTermsDays)
		}
		r.Payouts = append(r.Payouts, p)
	}
	sort.Slice(r.Payouts, func(i, j int) bool { return r.Payouts[i].Partner.ID < r.Payouts[j].Partner.ID })
}

// DueOf is an issued payout's due date: as the ledger has it, or, when left blank,
// payout_terms_days after its period ends (the date partnerbook writes).
func DueOf(p *domain.IssuedPayout, prog *domain.Program) civil.Date {
	if !p.Due.IsZero() {
		return p.Due
	}
	return p.Period.Last().AddDays(prog.PayoutTermsDays)
}

// asOf is the ledger as it stood on day: a payout paid after day was unpaid then, so
// a re-run of a period reproduces it whatever finance typed since. Such a payout is
// kept with its paid date and payment reference cleared and, when it was retyped
// "Paid", the status it had before: Due when we owed it, Receivable when the partner
// did (its amount's sign tells). Lines it issued stay issued: the ledger's paid dates
// never decide what is paid again.
func asOf(led *domain.Ledger, day civil.Date) *domain.Ledger {
	if day.IsZero() {
		return led
	}
	var payouts []*domain.IssuedPayout
	for i, p := range led.Payouts {
		if !p.Paid.After(day) {
			if payouts != nil {
				payouts = append(payouts, p)
			}
			continue
		}
		if payouts == nil {
			payouts = append(make([]*domain.IssuedPayout, 0, len(led.Payouts)), led.Payouts[:i]...)
		}
		q := *p
		q.Paid, q.Reference = civil.Date{}, ""
		if q.Status == book.StatusPaid {
			switch q.Amount.Sign() {
			case 1:
				q.Status = book.StatusDue
			case -1:
				q.Status = book.StatusReceivable
			default:
				q.Status = book.StatusNil
			}
		}
		payouts = append(payouts, &q)
	}
	if payouts == nil {
		return led
	}
	out := *led
	out.Payouts = payouts
	return &out
}

// overdue lists ledger payouts still unpaid after their due date: a Due payout we are
// late paying, and a Receivable the partner is late paying us (negative amount). A row
// whose due date was left blank is due payout_terms_days after its period ends, the
// date partnerbook writes for both. A payout paid after as-of was unpaid on that day
// (see asOf); one retyped "Paid" without a date is paid.
func (r *Result) overdue() {
	for _, p := range r.Ledger.Payouts {
		if (p.Status != book.StatusDue && p.Status != book.StatusReceivable) || !p.Paid.IsZero() {
			continue
		}
		if DueOf(p, r.Program).Before(r.AsOf) {
			r.Overdue = append(r.Overdue, p)
		}
	}
}

// margins compares each won deal's partner cost in its first 12 months with its
// first-year value (the larger of the deal value and the payments in those months).
// Each line counts once: a line's corrections are in its amount, which is what the
// inputs give now, so they are not added again (Folded); an issued line the inputs no
// longer give counts at what was issued (Standing), and a line held back as a moved
// payment not (the issued line it may replace stands); a reseller's cost
// is the discount its wholesale line gives now (the line's basis, the deal value, less
// the charge), which that line's corrections do not change again.
func (r *Result) margins() {
	// Each deal's lines, in the order of r.Lines: first[id] is the first line's
	// index, next[i] the one after line i (-1 at the end).
	first := make(map[string]int32, len(r.Lines))
	next := make([]int32, len(r.Lines))
	for i := len(r.Lines) - 1; i >= 0; i-- {
		l := r.Lines[i]
		if l.DealID == "" {
			continue
		}
		next[i] = -1
		if j, ok := first[l.DealID]; ok {
			next[i] = j
		}
		first[l.DealID] = int32(i)
	}
	standing := map[string][]*Line{}
	for _, l := range r.Standing {
		if l.DealID != "" {
			standing[l.DealID] = append(standing[l.DealID], l)
		}
	}
	measured := func(d *Deal) bool {
		return d.Partner != nil && d.Terms != nil && d.Status == domain.Won && d.Partner.Type != domain.Strategic
	}
	n := 0
	for _, d := range r.Deals {
		if measured(d) {
			n++
		}
	}
	margins := make([]Margin, 0, n)
	for _, d := range r.Deals {
		if !measured(d) {
			continue
		}
		end := d.Closed.AddMonths(12)
		cost := money.Zero
		count := func(l *Line) {
			if l.Folded || (l.Moved != nil && !l.Moved.Confirmed) || !l.Event.Before(end) {
				return
			}
			if l.Rule != RuleWholesale {
				cost = cost.Add(l.Amount)
			} else if _, ok := l.Facts.(*WholesaleFacts); ok {
				cost = cost.Add(l.Basis.Add(l.Amount)) // the discount given away
			}
		}
		i, ok := first[d.ID]
		for ; ok && i >= 0; i = next[i] {
			count(r.Lines[i])
		}
		for _, l := range standing[d.ID] {
			count(l)
		}
		paid := money.Zero
		for _, p := range d.Payments {
			if p.Date.Before(end) {
				paid = paid.Add(p.Amount)
			}
		}
		fy := money.Max(d.Value, paid)
		if fy.Sign() <= 0 {
			continue
		}
		m := Margin{Deal: d, Cost: cost, FirstYear: fy, Ratio: cost.Ratio(fy)}
		m.Exception = m.Ratio.Cmp(r.Program.MarginCap) > 0
		margins = append(margins, m)
	}
	// By won date, then deal ID, then export order (as a stable sort leaves equal
	// keys): a total order, so the quicker unstable sort gives the same list.
	order := make([]int32, len(margins))
	for i := range order {
		order[i] = int32(i)
	}
	slices.SortFunc(order, func(i, j int32) int {
		a, b := margins[i].Deal, margins[j].Deal
		if c := a.Closed.Compare(b.Closed); c != 0 {
			return c
		}
		if c := strings.Compare(a.ID, b.ID); c != 0 {
			return c
		}
		return cmp.Compare(i, j)
	})
	// The margins are allocated together, not one by one.
	if len(margins) > 0 {
		r.Margins = make([]*Margin, len(margins))
		for k, i := range order {
			r.Margins[k] = &margins[i]
		}
	}
}

// termsWarnings flags agreements that give away more than margin_cap by design.
func (r *Result) termsWarnings() {
	for _, p := range r.Program.Partners {
		if p.Type == domain.Strategic {
			continue
		}
		for _, t := range p.Terms {
			total := money.Rate{}
			if t.Referral != nil && t.Referral.Percent != nil {
				total = total.Add(*t.Referral.Percent)
			}
			if rs := t.RevenueShare; rs != nil {
				if rs.Months > 0 && rs.Months < 12 {
					total = total.Add(rs.Percent.Scale(int64(rs.Months), 12))
				} else {
					total = total.Add(rs.Percent)
				}
			}
			if t.Wholesale != nil {
				total = total.Add(t.Wholesale.Discount)
			}
			if total.Cmp(r.Program.MarginCap) > 0 {
				r.Problems.Warnf(t.Pos, "terms of partner %q from %s give away %s of first-year value, above the margin cap of %s",
					p.ID, t.From, total.PercentRounded(4), r.Program.MarginCap.Percent())
			}
		}
	}
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}
