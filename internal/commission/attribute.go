package commission

import (
	"sort"
	"strings"

	"github.com/partnerbook/partnerbook/internal/diag"
	"github.com/partnerbook/partnerbook/internal/domain"
)

// attributor finds which partner a deal belongs to.
type attributor struct {
	prog      *domain.Program
	byTag     map[string]*domain.Partner // lower-case tag
	byName    map[string]*domain.Partner // lower-case name or id
	campaigns map[string]*domain.Campaign
	issued    []string // line IDs the ledger issued, sorted
}

func newAttributor(p *domain.Program, led *domain.Ledger) *attributor {
	a := &attributor{prog: p, byTag: map[string]*domain.Partner{}, byName: map[string]*domain.Partner{}, campaigns: map[string]*domain.Campaign{}}
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
	a.issued = sortedKeys(led.Issued)
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
			k := strings.ToLower(tag)
			if p := a.byTag[k]; p != nil {
				add(p)
			} else if c := a.campaigns[k]; c != nil {
				if camp != nil && camp != c {
					probs.Warnf(d.Pos, "deal %q carries the tags of campaigns %q and %q: counted for %q", d.ID, camp.ID, c.ID, camp.ID)
					continue
				}
				camp = c
			} else if strings.HasPrefix(k, "partner:") {
				misses.add("tag", tag, d)
			}
		}
		if d.Deal.Partner != "" {
			if p := a.named(d.Deal.Partner); p != nil {
				add(p)
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
			switch len(outside) {
			case 0:
				leads[camp] = append(leads[camp], d)
			case 1:
				// A partner outside the campaign referred it: the referral stands.
				d.Partner = outside[0]
				d.LeadOwner = outside[0].ID
			default:
				probs.Errorf(d.Pos, "deal %q carries the tags of partners %s: a deal belongs to one partner", d.ID, ids(outside))
			}
		} else {
			switch len(matches) {
			case 0:
			case 1:
				d.Partner = matches[0]
			default:
				probs.Errorf(d.Pos, "deal %q carries the tags of partners %s: a deal belongs to one partner unless both share a campaign", d.ID, ids(matches))
			}
		}
		a.checkType(d, probs)
	}
	for _, c := range a.prog.Campaigns {
		a.allocate(c, leads[c])
	}
	a.reportMisses(misses, probs)
}

// allocate gives each lead of a campaign to a party. A lead whose lines were issued to
// a partner stays that partner's: editing the lead list (a lead inserted before it, a
// first-touch cell changed) must not hand a paid lead to another partner.
func (a *attributor) allocate(c *domain.Campaign, leads []*Deal) {
	// Rotation follows (created, id) so adding a lead created later never reshuffles earlier ones.
	sort.SliceStable(leads, func(i, j int) bool {
		if cmp := leads[i].Created.Compare(leads[j].Created); cmp != 0 {
			return cmp < 0
		}
		return leads[i].ID < leads[j].ID
	})
	parties := c.Parties()
	for i, d := range leads {
		owner := domain.Us
		switch c.LeadOwner {
		case domain.FirstTouch:
			if p := a.named(d.FirstTouch); p != nil && c.HasParty(p.ID) {
				owner = p.ID
			}
		default:
			if len(parties) > 0 {
				owner = parties[i%len(parties)]
			}
		}
		if p := a.issuedOwner(d.ID); p != nil {
			owner = p.ID
		}
		d.LeadOwner = owner
		if owner != domain.Us {
			d.Partner = a.prog.Partner(owner)
		}
	}
}

// checkType warns when a "Partner type: X" tag disagrees with the partner's type.
func (a *attributor) checkType(d *Deal, probs *diag.List) {
	if d.Partner == nil {
		return
	}
	for _, tag := range d.Tags {
		k := strings.ToLower(tag)
		if !strings.HasPrefix(k, "partner type:") {
			continue
		}
		// "Co-marketing", "co marketing" and "comarketing" all name one type.
		squash := strings.NewReplacer("-", "", " ", "").Replace
		if squash(k[len("partner type:"):]) != squash(string(d.Partner.Type)) {
			probs.Warnf(d.Pos, "deal %q is tagged %q but partner %q is of type %s", d.ID, tag, d.Partner.ID, d.Partner.Type)
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
func matchPayments(deals []*Deal, pays []*domain.Payment, probs *diag.List) []*domain.Payment {
	byID := map[string]*Deal{}
	byClient := map[string][]*Deal{}
	for _, d := range deals {
		byID[d.ID] = d
		if d.Status == domain.Won && d.Client != "" {
			k := strings.ToLower(d.Client)
			byClient[k] = append(byClient[k], d)
		}
	}
	var unmatched []*domain.Payment
	for _, p := range pays {
		var d *Deal
		if p.Deal != "" {
			d = byID[p.Deal]
			if d == nil {
				probs.Warnf(p.Pos, "payment for unknown deal %q counts as unattributed revenue", p.Deal)
			}
		} else {
			d = clientDeal(byClient[strings.ToLower(p.Client)], p)
			if d == nil {
				probs.Warnf(p.Pos, "payment from %q matches no won deal of that client: unattributed revenue", p.Client)
			}
		}
		if d == nil {
			unmatched = append(unmatched, p)
			continue
		}
		d.Payments = append(d.Payments, p)
		d.Revenue = d.Revenue.Add(p.Amount)
	}
	for _, d := range deals {
		sort.SliceStable(d.Payments, func(i, j int) bool { return d.Payments[i].Date.Before(d.Payments[j].Date) })
		if len(d.Payments) > 0 && d.Status != domain.Won && d.Partner != nil {
			probs.Warnf(d.Pos, "deal %q has payments but is %s in the export: no partner lines are computed for it", d.ID, d.Status)
		}
	}
	return unmatched
}

// clientDeal picks the client's latest deal won on or before the payment, else its first.
func clientDeal(ds []*Deal, p *domain.Payment) *Deal {
	var best *Deal
	for _, d := range ds {
		if !d.Closed.After(p.Date) && (best == nil || d.Closed.After(best.Closed)) {
			best = d
		}
	}
	if best == nil && len(ds) > 0 {
		best = ds[0]
	}
	return best
}
