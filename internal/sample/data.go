package sample

import (
	"fmt"
	"math/rand/v2"
	"sort"
	"strings"
	"time"

	"github.com/partnerbook/partnerbook/internal/civil"
)

// The sample's calendar: deals are created over fourteen months and the program is run
// for October 2026, with September's payouts back from finance.
var (
	firstDay     = civil.New(2025, 9, 1)
	lastDay      = civil.New(2026, 10, 31) // the October run's as-of day
	ledgerPeriod = civil.NewMonth(2026, time.September)
	paidOn       = civil.New(2026, 10, 12) // when finance paid September's payouts
)

// billing is how a partner's clients pay us.
type billing int

const (
	billDirect billing = iota // the client pays us: retainers or one-off invoices
	billNone                  // a reseller bills the client; we invoice the reseller
	billAddOn                 // the reseller bills the project; the client pays us add-ons
)

// partner is what the generator needs to know about a partner of program.toml.tmpl.
type partner struct {
	id, name, kind string
	weight         int        // share of the random partner deals; 0: planted deals only
	wonBy          civil.Date // random deals won after it are lost instead (paused, ended)
	billing        billing
}

func (p *partner) tag() string { return "Partner: " + p.name }

// typeTag is the "Partner type: X" tag GoHighLevel users add beside the partner tag.
func (p *partner) typeTag() string {
	t := map[string]string{"referral": "Referral", "reseller": "Reseller", "co-marketing": "Co-marketing", "strategic": "Strategic"}[p.kind]
	return "Partner type: " + t
}

// partners mirrors the [[partner]] tables of program.toml.tmpl; Generate checks that the
// two agree. Targets have no deals and are left out.
var partners = []*partner{
	{id: "acme", name: "Acme Consulting", kind: "referral", weight: 5},
	{id: "zoe-martin", name: "Zoë Martin Consulting", kind: "referral", weight: 3},
	{id: "brightpath", name: "BrightPath Advisors", kind: "referral", weight: 3},
	{id: "lodz-analytics", name: "Łódź Analytics", kind: "referral", weight: 3},
	{id: "harbor-legal", name: "Harbor Legal Group", kind: "referral", weight: 2, wonBy: civil.New(2026, 5, 31)},
	{id: "summit-coaching", name: "Summit Coaching Co", kind: "referral", weight: 2, wonBy: civil.New(2026, 5, 31)},
	{id: "aeroskobing-media", name: "Ærøskøbing Media", kind: "reseller", weight: 1, billing: billNone},
	{id: "vertex-digital", name: "Vertex Digital", kind: "reseller", weight: 1, billing: billAddOn},
	{id: "bluefin-agency", name: "Bluefin Agency", kind: "reseller", weight: 1, billing: billNone},
	{id: "globex", name: "Globex CRM", kind: "co-marketing", weight: 2},
	{id: "pixelforge", name: "PixelForge Studio", kind: "co-marketing", weight: 2},
	{id: "meridian-events", name: "Meridian Events", kind: "co-marketing"},
	{id: "keystone-growth", name: "Keystone Growth Partners", kind: "strategic", weight: 1},
	{id: "cobalt-partners", name: "Cobalt & Co", kind: "strategic", weight: 1},
}

func partnerByID(id string) *partner {
	for _, p := range partners {
		if p.id == id {
			return p
		}
	}
	panic("sample: no partner " + id)
}

// deal is one row of the GoHighLevel export.
type deal struct {
	key        string // planted deals: the name program.toml.tmpl's comments use for its ID
	id         string
	name       string
	contact    string
	company    string
	phone      string
	email      string
	pipeline   string
	stage      string
	value      int64 // cents; -1 leaves the cell empty
	source     string
	assigned   string
	created    time.Time
	updated    time.Time
	lostReason string
	notes      string
	tags       string
	status     string // open, won, lost, abandoned
	excelDates bool   // dates as real Excel dates instead of GoHighLevel's ISO text
	late       bool   // entered in October, back-dated: missing from September's export
	partner    *partner
	pays       []payment // planted payments; nil: a schedule is drawn
	seq        int       // creation order among deals created the same instant
}

func (d *deal) won() civil.Date {
	if d.status != "won" {
		return civil.Date{}
	}
	return civil.Of(d.updated)
}

// payment is one row of payments.xlsx.
type payment struct {
	deal   string
	date   civil.Date
	amount int64 // cents; negative: a refund
	ref    string
}

// dataset is everything the sample files hold.
type dataset struct {
	deals    []*deal
	payments []payment
	planted  map[string]string // key -> deal ID, for the TOML comments
}

const (
	randomDeals   = 300
	partnerShare  = 0.5
	campaignTag   = "Campaign: Sept webinar"
	unknownTag    = "Partner: Unknown Co"
	unknownDealID = "OPP-09412" // a payment for a deal of the old CRM, not in the export
)

var (
	firstNames = []string{"Olivia", "Liam", "Emma", "Noah", "Ava", "Mateo", "Sofia", "Lucas", "Mia", "Ethan",
		"Chloé", "José", "Hannah", "Kenji", "Priya", "Jonas", "Amara", "Zoe", "Björn", "Fatima", "Diego", "Grace"}
	lastNames = []string{"Smith", "García", "Johnson", "Nguyen", "Müller", "Okafor", "Brown", "Kowalski", "Rossi",
		"Patel", "O'Brien", "Dubois", "Kim", "Silva", "Andersen", "Walker", "Haddad", "Novák", "Tanaka", "Reyes"}
	companyHeads = []string{"Blue Ridge", "Granite", "Maple Leaf", "Cedar", "Northgate", "Silverline", "Redwood",
		"Brightwater", "Ironclad", "Sunrise", "Lakeside", "Pioneer", "Summitview", "Copperfield", "Evergreen",
		"Highland", "Oakmont", "Riverbend", "Starling", "Westbrook", "Café Lumière", "Müller", "São Paulo", "Nordhavn"}
	companyTails = []string{"Dental", "Logistics", "Foods", "Labs", "Outfitters", "Health", "Realty", "Software",
		"Fitness", "Brewing", "Capital", "Robotics", "Insurance", "Clinics", "Learning", "Energy", "Travel", "Hotels"}
	companyForms = []string{"Inc.", "LLC", "Co.", "Group", "Ltd", "GmbH", ""}
	services     = []string{"Content retainer", "SEO retainer", "Website rebuild", "Content audit", "Blog program",
		"Technical SEO sprint", "Email nurture program", "Brand messaging workshop", "Landing page package",
		"Thought-leadership program", "Case study series", "Newsletter relaunch"}
	reps        = []string{"Dana Lee", "Sam Ortiz", "Priya Nair", "Marcus Chen"}
	sources     = []string{"Website", "Organic Search", "LinkedIn", "Cold outreach", "Newsletter", "Event"}
	lostReasons = []string{"Budget", "Went with competitor", "No decision", "Timing", "Unresponsive"}
	openStages  = []string{"New Lead", "Discovery Call", "Proposal Sent", "Negotiation"}
	extraTags   = []string{"inbound", "enterprise", "smb", "retainer", "upsell", "q4-push"}
)

// generator draws the sample's deals and payments from one seeded source.
type generator struct {
	rng *rand.Rand
	seq int
}

func newDataset() *dataset {
	g := &generator{rng: rand.New(rand.NewPCG(20261031, 0x9a7e))}
	var deals []*deal
	for range randomDeals {
		deals = append(deals, g.randomDeal())
	}
	deals = append(deals, g.planted()...)

	// IDs follow creation, as a CRM numbers them; the back-dated deal was entered last.
	sort.SliceStable(deals, func(i, j int) bool {
		a, b := deals[i], deals[j]
		if a.late != b.late {
			return !a.late
		}
		if !a.created.Equal(b.created) {
			return a.created.Before(b.created)
		}
		return a.seq < b.seq
	})
	ds := &dataset{deals: deals, planted: map[string]string{}}
	for i, d := range deals {
		d.id = fmt.Sprintf("OPP-%d", 10001+i)
		if d.key != "" {
			ds.planted[d.key] = d.id
		}
	}
	ref := 0
	for _, d := range deals {
		pays := d.pays
		if pays == nil && d.status == "won" {
			pays = g.schedule(d)
		}
		for _, p := range pays {
			p.deal = d.id
			ds.payments = append(ds.payments, p)
		}
	}
	ds.payments = append(ds.payments, payment{deal: unknownDealID, date: civil.New(2026, 10, 6), amount: 215000})
	// Accounting lists payments by date; invoice numbers follow that order.
	sort.SliceStable(ds.payments, func(i, j int) bool {
		a, b := ds.payments[i], ds.payments[j]
		if c := a.date.Compare(b.date); c != 0 {
			return c < 0
		}
		return a.deal < b.deal
	})
	for i := range ds.payments {
		p := &ds.payments[i]
		if p.amount < 0 {
			p.ref = fmt.Sprintf("REFUND-%s-%s", p.deal, strings.ReplaceAll(p.date.String(), "-", ""))
			continue
		}
		ref++
		p.ref = fmt.Sprintf("INV-%d-%04d", p.date.Year(), 1000+ref)
	}
	return ds
}

func (g *generator) pick(xs []string) string { return xs[g.rng.IntN(len(xs))] }

// at is a working-hours instant on day d.
func (g *generator) at(d civil.Date) time.Time {
	return d.Time().Add(time.Duration(8*3600+g.rng.IntN(10*3600)) * time.Second)
}

// client fills the contact columns of a deal with an invented company and person.
func (g *generator) client(d *deal) {
	head, tail, form := g.pick(companyHeads), g.pick(companyTails), g.pick(companyForms)
	d.company = strings.TrimSpace(head + " " + tail + " " + form)
	first, last := g.pick(firstNames), g.pick(lastNames)
	d.contact = first + " " + last
	domain := strings.ToLower(strings.NewReplacer(" ", "", "é", "e", "ü", "u", "ã", "a", "'", "").Replace(head + tail))
	d.email = strings.ToLower(strings.NewReplacer("é", "e", "ü", "u", "í", "i", "ö", "o", "á", "a", "ç", "c", "'", "").Replace(first)) + "@" + domain + ".example"
	if g.rng.IntN(5) > 0 {
		d.phone = fmt.Sprintf("+1 555-01%02d-%04d", g.rng.IntN(100), g.rng.IntN(10000))
	}
	d.assigned = g.pick(reps)
	d.pipeline = "Agency Sales"
	g.seq++
	d.seq = g.seq
}

// value is a won-deal value between 2,000 and 40,000, in round fifties or with cents.
func (g *generator) value() int64 {
	v := int64(40+g.rng.IntN(761)) * 5000
	if g.rng.IntN(4) == 0 {
		v += int64(g.rng.IntN(5000))
	}
	return v
}

// randomDeal is one deal of the ordinary flow: direct or partner-sourced, open, won or lost.
func (g *generator) randomDeal() *deal {
	d := &deal{}
	g.client(d)
	span := firstDay.DaysUntil(lastDay)
	created := firstDay.AddDays(g.rng.IntN(span + 1))
	d.created = g.at(created)
	d.name = d.company + " — " + g.pick(services)
	d.source = g.pick(sources)
	d.value = g.value()

	var tags []string
	winRate := 0.33
	if g.rng.Float64() < partnerShare {
		d.partner = g.weightedPartner()
		d.pipeline = "Partner Deals"
		d.source = "Partner referral"
		tag := d.partner.tag()
		switch g.rng.IntN(10) {
		case 0:
			tag = strings.ToLower(tag) // typed by hand
		case 1:
			tag = " " + tag + " "
		}
		tags = append(tags, tag)
		if g.rng.IntN(10) < 7 {
			tags = append(tags, d.partner.typeTag())
		}
		winRate = 0.45 // warm introductions close more often
		if d.partner.kind == "reseller" {
			d.value = 200000 + (d.value-200000)/3 // resellers buy smaller projects
		}
	}
	if g.rng.IntN(3) == 0 {
		tags = append(tags, g.pick(extraTags))
	}
	d.tags = strings.Join(tags, ", ")

	closed := created.AddDays(7 + g.rng.IntN(75))
	roll := g.rng.Float64()
	switch {
	case closed.After(lastDay) || roll >= winRate+0.3:
		g.open(d, created)
	case roll < winRate:
		if d.partner != nil && !d.partner.wonBy.IsZero() && closed.After(d.partner.wonBy) {
			g.lost(d, closed, "No decision")
			break
		}
		d.status, d.stage = "won", "Contract Signed"
		d.updated = g.at(closed)
	default:
		g.lost(d, closed, g.pick(lostReasons))
	}
	d.excelDates = g.rng.IntN(7) == 0
	if g.rng.IntN(25) == 0 {
		d.notes = g.pick([]string{"Asked for references", "== check contract start date ==", "+ upsell: video", "Prefers quarterly invoices"})
	}
	return d
}

func (g *generator) open(d *deal, created civil.Date) {
	d.status, d.stage = "open", g.pick(openStages)
	upd := created.AddDays(g.rng.IntN(30))
	if upd.After(lastDay) {
		upd = lastDay
	}
	d.updated = g.at(upd)
	if d.updated.Before(d.created) {
		d.updated = d.created.Add(time.Duration(g.rng.IntN(3600)) * time.Second)
	}
	if g.rng.IntN(5) == 0 {
		d.value = -1 // not estimated yet
	}
}

func (g *generator) lost(d *deal, closed civil.Date, reason string) {
	d.status, d.stage, d.lostReason = "lost", g.pick(openStages), reason
	if g.rng.IntN(4) == 0 {
		d.status, d.lostReason = "abandoned", "Unresponsive"
	}
	d.updated = g.at(closed)
}

func (g *generator) weightedPartner() *partner {
	total := 0
	for _, p := range partners {
		total += p.weight
	}
	n := g.rng.IntN(total)
	for _, p := range partners {
		if n < p.weight {
			return p
		}
		n -= p.weight
	}
	panic("unreachable")
}

// schedule draws how a won deal's client pays: a 12- or 6-month retainer or one invoice,
// starting within a month of the won date, as far as the sample's last day.
func (g *generator) schedule(d *deal) []payment {
	billing := billDirect
	if d.partner != nil {
		billing = d.partner.billing
	}
	total, n := d.value, 1
	switch billing {
	case billNone:
		return nil
	case billAddOn:
		total, n = d.value/4, 12
	default:
		switch r := g.rng.IntN(20); {
		case r < 9:
			n = 12
		case r < 14:
			n = 6
		}
	}
	start := d.won().AddDays(3 + g.rng.IntN(26))
	return installments(start, total, n)
}

// installments splits total into n monthly payments from start (the last takes the
// remainder cents), dropping those after the sample's last day.
func installments(start civil.Date, total int64, n int) []payment {
	var out []payment
	each := total / int64(n)
	for i := range n {
		amt := each
		if i == n-1 {
			amt = total - each*int64(n-1)
		}
		day := start.AddMonths(i)
		if day.After(lastDay) {
			break
		}
		out = append(out, payment{date: day, amount: amt})
	}
	return out
}
