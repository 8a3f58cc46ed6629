package commission

import (
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

// attributor finds which partner a deal belongs to.
type attributor struct {
	prog      *domain.Program
	byTag     map[string]*domain.Partner // lower-case tag
	byName    map[string]*domain.Partner // lower-case name or id
	campaigns map[string]*domain.Campaign
	issued    []string // line IDs the ledger issued, sorted
	led       *domain.Ledger
	period    civil.Month
	leads     []*domain.LeadRecord // the lead owners this run reports
	tags      map[string]tagInfo   // by the tag as deals carry it
	lostTouch map[string]bool      // first-touch spellings refused for lost characters
	held      []heldDeal           // see ledgerOwners
}

// tagInfo is what a tag names: its lower-case form, and the partner or campaign
// with that tag.
type tagInfo struct {
	lower    string
	partner  *domain.Partner
	campaign *domain.Campaign
}

// tag looks a tag up once per spelling: a million deals carry a few thousand.
func (a *attributor) tag(t string) tagInfo {
	if ti, ok := a.tags[t]; ok {
		return ti
	}
	k := strings.ToLower(t)
	ti := tagInfo{lower: k, partner: a.byTag[k], campaign: a.campaigns[k]}
	if len(a.tags) < 1<<16 {
		a.tags[t] = ti
	}
	return ti
}

func newAttributor(p *domain.Program, led *domain.Ledger, period civil.Month) *attributor {
	a := &attributor{prog: p, byTag: map[string]*domain.Partner{}, byName: map[string]*domain.Partner{}, campaigns: map[string]*domain.Campaign{},
		led: led, period: period, tags: map[string]tagInfo{}}
	for _, x := range p.Partners {
		for _, t := range x.Tags {
			a.byTag[strings.ToLower(t)] = x
		}
		for _, f := range x.FormerIDs { // a partner column may still name the old id
			a.byName[f] = x
		}
	}
	for _, x := range p.Partners {
		a.byName[strings.ToLower(x.Name)] = x
		a.byName[strings.ToLower(x.ID)] = x
	}
	a.issued = led.IssuedLines()
	for _, c := range p.Campaigns {
		a.campaigns[strings.ToLower(c.Tag)] = c
	}
	return a
}

// named resolves a cell that names a partner by name, id or tag.
func (a *attributor) named(s string) *domain.Partner {
	k := strings.ToLower(strings.TrimSpace(s))
	if p := a.byName[k]; p != nil {
		return p
	}
	return a.byTag[k]
}

// namedParts resolves a partner cell that lists names separated by "," or ";" ("Acme;
// Beta"), as a multi-select field exports them: the partners its parts name, or nil
// unless each part names a partner ("Acme;" names acme).
func (a *attributor) namedParts(s string) []*domain.Partner {
	if !strings.ContainsAny(s, ",;") {
		return nil
	}
	parts := strings.FieldsFunc(s, func(r rune) bool { return r == ',' || r == ';' })
	var out []*domain.Partner
	for _, part := range parts {
		if strings.TrimSpace(part) == "" {
			continue
		}
		p := a.named(part)
		if p == nil {
			return nil
		}
		out = append(out, p)
	}
	return out
}

// attribute sets Partner or Campaign of every deal, then deals out campaign leads.
func (a *attributor) attribute(deals []*Deal, probs *diag.List) {
	leads := map[*domain.Campaign][]*Deal{}
	misses := &nearMisses{}
	for _, d := range deals {
		var matches []*domain.Partner
		add := func(p *domain.Partner) {
			for _, m := range matches {
				if m == p {
					return
				}
			}
			matches = append(matches, p)
		}
		var camp *domain.Campaign
		for _, tag := range d.Tags {
			ti := a.tag(tag)
			k := ti.lower
			if p := ti.partner; p != nil {
				add(p)
			} else if c := ti.campaign; c != nil {
				if camp != nil && camp != c {
					probs.Warnf(d.Pos(), "deal %q carries the tags of campaigns %q and %q: counted for %q", d.ID, camp.ID, c.ID, camp.ID)
					continue
				}
				camp = c
			} else if strings.HasPrefix(k, "partner:") {
				misses.add("tag", tag, d)
			}
		}
		split := false // the partner column names partners separated by "," or ";"
		if d.Deal.Partner != "" {
			if p := a.named(d.Deal.Partner); p != nil {
				add(p)
			} else if parts := a.namedParts(d.Deal.Partner); parts != nil {
				split = true
				for _, p := range parts {
					add(p)
				}
			} else {
				misses.add("partner", d.Deal.Partner, d)
			}
		}
		if camp != nil {
			d.Campaign = camp
			var outside []*domain.Partner
			for _, m := range matches {
				if !camp.HasParty(m.ID) {
					outside = append(outside, m)
				}
			}
			switch {
			case len(outside) > 0:
				// Section 2.2 gives the deal to the partner it names, section 3 deals
				// the campaign's leads out among its parties: either reading moves money
				// silently, so the export must say which it is.
				probs.Errorf(d.Pos(), "deal %q is a lead of campaign %q (tag %q) but names partner %s, which is not a party of the campaign: remove the campaign's tag if that partner referred it, or the partner if the lead came from the campaign",
					d.ID, camp.ID, camp.Tag, ids(outside))
				d.Campaign = nil
			case len(matches) == 1:
				// A campaign party named on its own lead owns it, outside the rotation.
				d.tagged = matches[0]
				leads[camp] = append(leads[camp], d)
			default:
				// Two parties of the campaign named: lead ownership decides (CONTRACT 2.2).
				leads[camp] = append(leads[camp], d)
			}
		} else {
			switch len(matches) {
			case 0:
			case 1:
				d.Partner = a.keptOwner(d, matches[0], probs)
			default:
				if split {
					probs.Errorf(a.dealsColumn(d.Pos(), "partner"), "deal %q names partners %s (partner %q): a deal belongs to one partner unless both share a campaign; keep the one partner who referred it",
						d.ID, ids(matches), d.Deal.Partner)
					break
				}
				probs.Errorf(d.Pos(), "deal %q carries the tags of partners %s: a deal belongs to one partner unless both share a campaign", d.ID, ids(matches))
			}
		}
		a.checkType(d, probs)
	}
	if a.led.LeadsUnrecorded != "" && len(leads) > 0 {
		probs.Warnf(diag.Pos{File: a.led.LeadsUnrecorded}, "the ledger's latest workbook records no campaign lead owners (written by an earlier partnerbook, or unsealed): leads are dealt out as if none had been reported; from the payouts.xlsx this run writes on, each lead keeps the owner reported")
	}
	for _, c := range a.prog.Campaigns {
		a.allocate(c, leads[c], probs)
	}
	a.carryLeads(deals, probs)
	a.reportMisses(misses, probs)
}

// allocate gives each lead of a campaign to a party, in this order:
//
//   - a lead the ledger reported keeps the owner reported (the latest workbook's seal
//     records every lead's owner), whatever the lead list says now; only our own lead
//     that now names one party goes to that party (see recordedOwner);
//   - a lead naming one party of the campaign (its tag or partner column) is that
//     party's, and takes no turn in the rotation;
//   - first-touch: the party the first-touch column names, else us;
//   - rotate: the leads not yet reported, in (created, id) order, continue the cycle
//     over the parties in share order where the reported ones left it: the first new
//     lead takes the turn after the leads the ledger records as dealt by rotation.
//
// A lead with no recorded owner whose lines were issued to a partner stays that
// partner's, as before owners were recorded.
func (a *attributor) allocate(c *domain.Campaign, leads []*Deal, probs *diag.List) {
	// Rotation follows (created, id) so adding a lead created later never reshuffles earlier ones.
	sort.SliceStable(leads, func(i, j int) bool {
		if cmp := leads[i].Created.Compare(leads[j].Created); cmp != 0 {
			return cmp < 0
		}
		return leads[i].ID < leads[j].ID
	})
	parties := c.Parties()
	turn := 0 // the leads dealt by rotation so far
	for _, r := range a.led.Leads {
		if r.Campaign == c.ID && r.By == book.LeadByRotation {
			turn++
		}
	}
	for _, d := range leads {
		rec := a.led.Leads[d.ID]
		if rec != nil && rec.Campaign != c.ID {
			probs.Warnf(d.Pos(), "deal %q was reported in %s as a lead of campaign %q (owned by %q) but is now a lead of campaign %q: it is dealt out as a new lead of %q",
				d.ID, rec.Workbook, rec.Campaign, rec.Owner, c.ID, c.ID)
			rec = nil
		}
		owner, by, since := domain.Us, "", a.period
		switch {
		case rec != nil:
			owner, by, since = a.recordedOwner(c, d, rec, probs), rec.By, rec.Since
		case d.tagged != nil:
			owner, by = d.tagged.ID, book.LeadByTag
		case c.LeadOwner == domain.FirstTouch:
			by = book.LeadByFirstTouch
			if p := a.named(d.FirstTouch); p != nil && c.HasParty(p.ID) {
				owner = p.ID
			} else if p == nil {
				a.firstTouchLoss(d, probs)
			}
		default:
			by = book.LeadByRotation
			if len(parties) > 0 {
				owner = parties[turn%len(parties)]
			}
			turn++
		}
		if p := a.issuedOwner(d.ID); rec == nil && p != nil && p.ID != owner {
			if d.tagged != nil {
				probs.Warnf(d.Pos(), "deal %q names partner %q but lines of it were issued to %q: it stays %q's lead", d.ID, d.tagged.ID, p.ID, p.ID)
			}
			owner = p.ID
		}
		d.LeadOwner = owner
		if owner != domain.Us {
			d.Partner = a.prog.Partner(owner)
		}
		a.leads = append(a.leads, &domain.LeadRecord{Deal: d.ID, Campaign: c.ID, Owner: owner, By: by, Since: since})
	}
}

// keptOwner is the partner won deal d belongs to when the export names p: p, unless
// the ledger issued or carried lines of d to another partner and none to p. Then the
// deal stays that partner's, with a warning: its line IDs name the partner, so under p
// the once-per-deal fee and every share already paid would be paid again.
func (a *attributor) keptOwner(d *Deal, p *domain.Partner, probs *diag.List) *domain.Partner {
	if d.Status != domain.Won || (a.led.IssuedCount() == 0 && a.led.CarriedCount() == 0) || a.led.HasPrefixed(p.ID+":"+d.ID+":") {
		return p
	}
	held := a.ledgerOwners()
	i := sort.Search(len(held), func(i int) bool { return held[i].deal >= d.ID })
	if i == len(held) || held[i].deal != d.ID {
		return p
	}
	h := held[i] // the partner paid first, when two were
	for j := i + 1; j < len(held) && held[j].deal == d.ID; j++ {
		if held[j].period.Compare(h.period) < 0 {
			h = held[j]
		}
	}
	owner := a.prog.Partners[h.partner]
	probs.Warnf(d.Pos(), "deal %q names partner %q, but its lines were issued to %q from %s (payout %s): it stays %q's, and %q is paid nothing for it, so its referral fee and the shares already paid are never paid twice; if the deal's tag or partner column is wrong, make it name %q again; if %q should earn on it from now on, settle that with both partners outside partnerbook",
		d.ID, p.ID, owner.ID, h.period, h.payout, owner.ID, p.ID, owner.Name, p.ID)
	return owner
}

// heldDeal is a deal the ledger issued or carried lines of to a partner.
type heldDeal struct {
	deal    string
	partner int32       // index into prog.Partners
	period  civil.Month // of the earliest payout with lines of the deal
	payout  string      // that payout
}

// ledgerOwners are the deals the ledger paid or carried lines of, with the partner,
// sorted by deal: built on first use, from the ledger's line IDs.
func (a *attributor) ledgerOwners() []heldDeal {
	if a.held != nil {
		return a.held
	}
	partner := map[string]int32{}
	for i, p := range a.prog.Partners {
		partner[p.ID] = int32(i)
	}
	period := map[string]civil.Month{}
	for _, p := range a.led.Payouts {
		period[p.ID] = p.Period
	}
	// The ledger's lines are sorted by ID, so a partner's lines of one deal come
	// together; a deal listed twice for a partner (lines recorded after the last sort)
	// is harmless, as the earliest payout is looked for among all of a deal's entries.
	var held []heldDeal
	a.led.EachPrefixed("", func(id, payout string, amount money.Amount, _ bool) {
		pid, _, ok := strings.Cut(id, ":")
		pi, known := partner[pid]
		if !ok || !known {
			return
		}
		_, _, deal, _ := lineKind(id, pid, amount)
		if deal == "" {
			return
		}
		if n := len(held); n > 0 && held[n-1].deal == deal && held[n-1].partner == pi {
			if pm := period[payout]; pm.Compare(held[n-1].period) < 0 {
				held[n-1].period, held[n-1].payout = pm, payout
			}
			return
		}
		held = append(held, heldDeal{deal: deal, partner: pi, period: period[payout], payout: payout})
	})
	if held == nil {
		held = []heldDeal{}
	}
	sort.Slice(held, func(i, j int) bool {
		if held[i].deal != held[j].deal {
			return held[i].deal < held[j].deal
		}
		return held[i].partner < held[j].partner
	})
	a.held = held
	return held
}

// recordedOwner is the owner the ledger reported for lead d. A partner's lead stays
// its own, with a warning when the lead now names another party or when the partner is
// no longer a party of the campaign: the partner was told the lead is its own, and
// moving it would take money from it. Our own lead that now names a party becomes that
// party's (a warning says so). An owner the program no longer has is an error, as for
// a payout of one.
func (a *attributor) recordedOwner(c *domain.Campaign, d *Deal, rec *domain.LeadRecord, probs *diag.List) string {
	owner := rec.Owner
	if owner != domain.Us && a.prog.Partner(owner) == nil {
		to := a.prog.Renamed(owner)
		if to == nil {
			probs.Errorf(d.Pos(), "lead %q of campaign %q was reported in %s as partner %q's, which the program does not have: add former_ids = [%q] to the partner it became, or restore its [[partner]]",
				d.ID, c.ID, rec.Workbook, owner, owner)
			return domain.Us
		}
		owner = to.ID
	}
	switch {
	case d.tagged == nil || d.tagged.ID == owner:
	case owner == domain.Us:
		// Naming a party on a lead we own gives it away: that takes nothing from a partner.
		probs.Warnf(d.Pos(), "deal %q, reported in %s as our lead of campaign %q, now names partner %q: it is %q's lead from this run on",
			d.ID, rec.Workbook, c.ID, d.tagged.ID, d.tagged.ID)
		return d.tagged.ID
	default:
		probs.Warnf(d.Pos(), "deal %q names partner %q but was reported in %s as %q's lead of campaign %q: it stays %q's",
			d.ID, d.tagged.ID, rec.Workbook, owner, c.ID, owner)
	}
	if !c.HasParty(owner) {
		probs.Warnf(d.Pos(), "lead %q of campaign %q was reported in %s as %q's, which is no longer a party of the campaign: it stays %q's",
			d.ID, c.ID, rec.Workbook, owner, owner)
	}
	return owner
}

// carryLeads adds the ledger's lead records of deals this run did not deal out: a
// lead missing from the export keeps its record (and its turn in the rotation) should
// it come back. A deal in the export that is no longer a campaign lead loses its
// record, with a warning naming the owner it was reported with.
func (a *attributor) carryLeads(deals []*Deal, probs *diag.List) {
	if len(a.led.Leads) > 0 { // else nothing is recorded, and the export needs no index
		inExport := make(map[string]*Deal, len(deals))
		for _, d := range deals {
			inExport[d.ID] = d
		}
		dealt := map[string]bool{}
		for _, r := range a.leads {
			dealt[r.Deal] = true
		}
		for _, id := range sortedKeys(a.led.Leads) {
			r := a.led.Leads[id]
			if dealt[id] {
				continue
			}
			if d := inExport[id]; d != nil {
				if d.Campaign == nil {
					probs.Warnf(d.Pos(), "deal %q was reported in %s as %q's lead of campaign %q but is no longer a lead of it: it counts as an ordinary deal",
						id, r.Workbook, r.Owner, r.Campaign)
				}
				continue
			}
			a.leads = append(a.leads, r)
		}
	}
	sort.Slice(a.leads, func(i, j int) bool { return a.leads[i].Deal < a.leads[j].Deal })
}

// checkType warns when a "Partner type: X" tag disagrees with the partner's type.
func (a *attributor) checkType(d *Deal, probs *diag.List) {
	if d.Partner == nil {
		return
	}
	for _, tag := range d.Tags {
		k := a.tag(tag).lower
		if !strings.HasPrefix(k, "partner type:") {
			continue
		}
		// "Co-marketing", "co marketing" and "comarketing" all name one type.
		squash := strings.NewReplacer("-", "", " ", "").Replace
		if squash(k[len("partner type:"):]) != squash(string(d.Partner.Type)) {
			probs.Warnf(d.Pos(), "deal %q is tagged %q but partner %q is of type %s", d.ID, tag, d.Partner.ID, d.Partner.Type)
		}
	}
}

func ids(ps []*domain.Partner) string {
	s := make([]string, len(ps))
	for i, p := range ps {
		s[i] = "\"" + p.ID + "\""
	}
	return strings.Join(s, " and ")
}

// matchPayments attaches payments to deals, by deal id or else by the client's won deal.
// A payment by client whose deal is ambiguous (see clientDeal) is an error at its row.
func matchPayments(prog *domain.Program, deals []*Deal, pays []*domain.Payment, probs *diag.List) []*domain.Payment {
	byID := make(map[string]*Deal, len(deals))
	for _, d := range deals {
		byID[d.ID] = d
	}
	// The won deals by client, built when a payment first names no deal.
	var byClient map[string][]*Deal
	clientDeals := func(client string) []*Deal {
		if byClient == nil {
			byClient = map[string][]*Deal{}
			for _, d := range deals {
				if d.Status == domain.Won && d.Client != "" {
					k := strings.ToLower(d.Client)
					byClient[k] = append(byClient[k], d)
				}
			}
		}
		return byClient[strings.ToLower(client)]
	}
	ambiguous := map[string]bool{} // the deal sets already refused, reported at their first payment
	var unmatched []*domain.Payment
	for _, p := range pays {
		var d *Deal
		if p.Deal != "" {
			d = byID[p.Deal]
			if d == nil {
				probs.Warnf(p.Pos(), "payment for unknown deal %q counts as unattributed revenue", p.Deal)
			} else {
				p.Deal = d.ID // the same text, held once for the deal and all its payments
			}
		} else {
			var tied []*Deal
			d, tied = clientDeal(clientDeals(p.Client), p)
			if len(tied) > 0 {
				refuseClientTie(prog, p, tied, ambiguous, probs)
				continue
			}
			if d == nil {
				probs.Warnf(p.Pos(), "payment from %q matches no won deal of that client: unattributed revenue", p.Client)
			}
		}
		if d == nil {
			unmatched = append(unmatched, p)
			continue
		}
		d.Payments = append(d.Payments, p)
	}
	for _, d := range deals {
		if len(d.Payments) > 1 {
			slices.SortStableFunc(d.Payments, func(a, b *domain.Payment) int { return a.Date.Compare(b.Date) })
		}
		if len(d.Payments) > 0 && d.Status != domain.Won && d.Partner != nil {
			probs.Warnf(d.Pos(), "deal %q has payments but is %s in the export: no partner lines are computed for it", d.ID, d.Status)
		}
	}
	return unmatched
}

// clientDeal picks the client's latest deal won on or before the payment. Deals won the
// same latest day that go to the same party (partner, campaign and lead owner) give the
// same money, and the payment goes to the one with the lowest deal id; deals of
// different parties are returned as tied, for the caller to refuse. A payment dated
// before every won deal of the client is a prepayment of its only won deal, and tied
// between them when the client has several. The export's row order decides nothing.
func clientDeal(ds []*Deal, p *domain.Payment) (best *Deal, tied []*Deal) {
	var cands []*Deal
	for _, d := range ds {
		if d.Closed.After(p.Date) {
			continue
		}
		switch {
		case len(cands) == 0 || d.Closed.After(cands[0].Closed):
			cands = append(cands[:0], d)
		case d.Closed == cands[0].Closed:
			cands = append(cands, d)
		}
	}
	if len(cands) == 0 {
		if len(ds) == 1 {
			return ds[0], nil
		}
		if len(ds) > 1 {
			return nil, sortedByID(ds)
		}
		return nil, nil
	}
	best = cands[0]
	for _, d := range cands[1:] {
		if d.Partner != best.Partner || d.Campaign != best.Campaign || d.LeadOwner != best.LeadOwner {
			return nil, sortedByID(cands)
		}
		if d.ID < best.ID {
			best = d
		}
	}
	return best, nil
}

func sortedByID(ds []*Deal) []*Deal {
	out := slices.Clone(ds)
	slices.SortFunc(out, func(a, b *Deal) int { return strings.Compare(a.ID, b.ID) })
	return out
}

// refuseClientTie reports a payment by client that clientDeal could not place, once per
// set of deals, at the first such payment's client cell.
func refuseClientTie(prog *domain.Program, p *domain.Payment, tied []*Deal, seen map[string]bool, probs *diag.List) {
	names := make([]string, len(tied))
	for i, d := range tied {
		owner := "no partner"
		switch {
		case d.Partner != nil:
			owner = "partner " + d.Partner.ID
		case d.Campaign != nil:
			owner = "campaign " + d.Campaign.ID
		}
		names[i] = fmt.Sprintf("%q (%s, won %s)", d.ID, owner, d.Closed)
	}
	key := strings.ToLower(p.Client) + "\x00" + strings.Join(names, "\x00")
	if seen[key] {
		return
	}
	seen[key] = true
	pos := inColumn(p.Pos(), prog.Payments.Columns["client"])
	list := strings.Join(names, ", ")
	if tied[0].Closed.After(p.Date) {
		probs.Errorf(pos, "payment from %q on %s is dated before any deal of that client was won, and the client has %d won deals: %s; "+
			"which deal it prepays cannot be told (nor from the export's row order): add a deal column to the payments ([input.payments.columns] deal) "+
			"(this payment is the client's first such; later ones are not listed)", p.Client, p.Date, len(tied), list)
		return
	}
	probs.Errorf(pos, "payment from %q on %s matches %d deals of that client won the same day, %s, for different parties: %s; "+
		"which is paid cannot be told (nor from the export's row order): add a deal column to the payments ([input.payments.columns] deal) "+
		"or make the deals' won dates distinct in the CRM (later payments in the same case are not listed)", p.Client, p.Date, len(tied), tied[0].Closed, list)
}
