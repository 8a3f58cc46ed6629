package sample

import (
	"strings"
	"time"

	"github.com/partnerbook/partnerbook/internal/civil"
)

func day(y int, m time.Month, d int) civil.Date { return civil.New(y, m, d) }

// plant makes a deal with a known story; key names it in the TOML comments.
func (g *generator) plant(key, partnerID string, value int64, created civil.Date, status string, closed civil.Date) *deal {
	d := &deal{key: key, value: value, status: status, source: g.pick(sources)}
	g.client(d)
	d.name = d.company + " — " + g.pick(services)
	d.created = g.at(created)
	if partnerID != "" {
		d.partner = partnerByID(partnerID)
		d.pipeline, d.source = "Partner Deals", "Partner referral"
		d.tags = d.partner.tag() + ", " + d.partner.typeTag()
	}
	switch status {
	case "won":
		d.stage = "Contract Signed"
		d.updated = g.at(closed)
	case "lost":
		d.stage, d.lostReason = "Proposal Sent", "Went with competitor"
		d.updated = g.at(closed)
	default:
		d.stage = "Proposal Sent"
		d.updated = d.created
	}
	d.pays = []payment{} // planted deals pay only as written
	return d
}

// pay appends a payment of cents on a day.
func pay(d *deal, on civil.Date, cents int64) *deal {
	d.pays = append(d.pays, payment{date: on, amount: cents})
	return d
}

// monthly appends n monthly installments of total from start.
func monthly(d *deal, start civil.Date, total int64, n int) *deal {
	d.pays = append(d.pays, installments(start, total, n)...)
	return d
}

// planted are the deals that exercise each money rule; the TOML comments tell their story.
func (g *generator) planted() []*deal {
	var ds []*deal
	add := func(d *deal) { ds = append(ds, d) }

	// Acme: 15% after a 90-day hold, capped at 5,000.
	capped := g.plant("cap", "acme", 4000000, day(2026, 5, 20), "won", day(2026, 7, 15))
	capped.tags = "partner: acme consulting, Partner type: Referral, enterprise" // typed by hand
	add(monthly(capped, day(2026, 8, 1), 4000000, 12))
	forfeited := g.plant("holdrefund", "acme", 950000, day(2026, 4, 22), "won", day(2026, 6, 10))
	add(pay(pay(forfeited, day(2026, 6, 20), 950000), day(2026, 8, 1), -950000))
	add(g.plant("lost", "acme", 1850000, day(2026, 6, 2), "lost", day(2026, 7, 1)))

	// Zoë Martin: 1,500 flat on signing, 90-day clawback.
	add(pay(pay(g.plant("clawback", "zoe-martin", 1200000, day(2026, 6, 15), "won", day(2026, 8, 5)),
		day(2026, 8, 12), 1200000), day(2026, 10, 9), -480000))
	add(pay(g.plant("zoeoctober", "zoe-martin", 640000, day(2026, 9, 2), "won", day(2026, 10, 16)), day(2026, 10, 28), 640000))

	// Łódź Analytics: 10% until June 2026, 15% from July, paid on signing.
	add(monthly(g.plant("history", "lodz-analytics", 1500000, day(2025, 10, 1), "won", day(2025, 11, 20)), day(2025, 12, 1), 1500000, 12))
	add(monthly(g.plant("lodzv1", "lodz-analytics", 2100000, day(2026, 2, 2), "won", day(2026, 3, 18)), day(2026, 4, 1), 2100000, 6))
	add(pay(g.plant("lodzv2", "lodz-analytics", 975050, day(2026, 8, 24), "won", day(2026, 10, 6)), day(2026, 10, 20), 975050))
	late := g.plant("late", "lodz-analytics", 1840000, day(2026, 8, 1), "won", day(2026, 8, 20))
	late.late = true
	late.notes = "Entered late: signed in August, added to the CRM in October"
	add(monthly(late, day(2026, 10, 2), 1840000, 6))

	// BrightPath: 10% on the client's first payment.
	add(monthly(g.plant("firstpayment", "brightpath", 1680000, day(2026, 8, 10), "won", day(2026, 9, 25)), day(2026, 10, 5), 1680000, 12))
	mismatch := g.plant("typemismatch", "brightpath", 850000, day(2026, 10, 5), "open", civil.Date{})
	mismatch.tags = "Partner: BrightPath Advisors, Partner type: Reseller"
	mismatch.stage = "Discovery Call"
	add(mismatch)

	// Harbor Legal (paused): 750 flat on signing; a small deal breaks the margin cap.
	small := g.plant("harborsmall", "harbor-legal", 240000, day(2026, 1, 8), "won", day(2026, 2, 12))
	add(pay(small, day(2026, 2, 20), 240000))
	harbor := g.plant("harbor", "harbor-legal", 1100000, day(2026, 3, 2), "won", day(2026, 4, 20))
	harbor.tags = "Partner: Harbor Legal Group; Partner type: Referral"
	add(monthly(harbor, day(2026, 5, 1), 1100000, 6))

	// Summit Coaching (ended May 2026): 12% on first payment.
	add(monthly(g.plant("summit", "summit-coaching", 1400000, day(2026, 4, 1), "won", day(2026, 5, 20)), day(2026, 6, 3), 1400000, 12))

	// Meridian Events: 5% of payments for 6 months; September's 75.00 is below the minimum.
	add(monthly(g.plant("carry", "meridian-events", 1800000, day(2026, 7, 10), "won", day(2026, 8, 28)), day(2026, 9, 15), 1800000, 12))
	add(g.plant("", "meridian-events", 2200000, day(2026, 3, 5), "lost", day(2026, 4, 10)))
	add(g.plant("", "meridian-events", 1500000, day(2026, 10, 12), "open", civil.Date{}))

	// Keystone Growth (strategic): 12% of payments for 12 months, settled quarterly. The
	// 13th payment came a day early, on the window's last day.
	window := g.plant("window", "keystone-growth", 3900000, day(2025, 9, 3), "won", day(2025, 10, 1))
	monthly(window, day(2025, 10, 15), 3600000, 12)
	add(pay(window, day(2026, 10, 14), 300000))
	add(monthly(g.plant("keystone2", "keystone-growth", 3000000, day(2026, 3, 2), "won", day(2026, 4, 14)), day(2026, 5, 1), 3000000, 12))

	// Cobalt & Co (strategic): 10% of payments for the life of the client, monthly.
	life := g.plant("life", "cobalt-partners", 3600000, day(2025, 9, 2), "won", day(2025, 9, 20))
	monthly(life, day(2025, 10, 1), 3600000, 12)
	add(pay(life, day(2026, 10, 1), 300000)) // renewed for another year
	refunded := g.plant("strategicrefund", "cobalt-partners", 1500000, day(2026, 5, 28), "won", day(2026, 7, 8))
	add(pay(monthly(refunded, day(2026, 7, 24), 1500000, 3), day(2026, 10, 20), -250000))

	// Resellers owe us the wholesale price on the won date.
	vertex := g.plant("vertex", "vertex-digital", 2400000, day(2025, 12, 15), "won", day(2026, 2, 11))
	add(monthly(vertex, day(2026, 3, 1), 600000, 12))
	add(g.plant("vertexoctober", "vertex-digital", 450000, day(2026, 8, 18), "won", day(2026, 10, 13)))
	add(g.plant("bluefinoctober", "bluefin-agency", 580000, day(2026, 8, 26), "won", day(2026, 10, 7)))
	add(g.plant("aeroapril", "aeroskobing-media", 1100000, day(2026, 2, 16), "won", day(2026, 4, 9)))
	add(g.plant("aerooctober", "aeroskobing-media", 725050, day(2026, 9, 8), "won", day(2026, 10, 22)))

	// A partner tag that names no partner: a warning, and the deal counts as direct.
	unknown := g.plant("unknownpartner", "", 750000, day(2026, 7, 28), "won", day(2026, 9, 12))
	unknown.tags = unknownTag + ", Partner type: Referral"
	add(monthly(unknown, day(2026, 9, 20), 750000, 6))

	ds = append(ds, g.campaignLeads()...)
	return ds
}

// campaignLeads are the webinar's leads, dealt out in turn to us and Globex by creation:
// leads 2, 4, 6, 8 and 10 are Globex's.
func (g *generator) campaignLeads() []*deal {
	created := []time.Time{
		time.Date(2026, 9, 18, 10, 5, 0, 0, time.UTC), time.Date(2026, 9, 18, 14, 40, 0, 0, time.UTC),
		time.Date(2026, 9, 19, 9, 12, 0, 0, time.UTC), time.Date(2026, 9, 22, 16, 3, 0, 0, time.UTC),
		time.Date(2026, 9, 25, 11, 30, 0, 0, time.UTC), time.Date(2026, 9, 30, 13, 45, 0, 0, time.UTC),
		time.Date(2026, 10, 2, 10, 20, 0, 0, time.UTC), time.Date(2026, 10, 8, 15, 55, 0, 0, time.UTC),
		time.Date(2026, 10, 14, 9, 0, 0, 0, time.UTC), time.Date(2026, 10, 20, 17, 10, 0, 0, time.UTC),
	}
	var out []*deal
	for i, at := range created {
		d := g.plant("", "", int64(5+g.rng.IntN(20))*100000, civil.Of(at), "open", civil.Date{})
		d.created, d.updated = at, at
		d.source, d.pipeline, d.stage = "Webinar", "Agency Sales", "Discovery Call"
		d.tags = campaignTag + ", webinar-lead"
		switch i {
		case 1: // Globex's first lead: won, so Globex earns its 10% on the first payment.
			d.key, d.status, d.stage, d.value = "campaignglobex", "won", "Contract Signed", 1260000
			d.updated = time.Date(2026, 10, 8, 12, 0, 0, 0, time.UTC)
			monthly(d, day(2026, 10, 15), 1260000, 12)
		case 3:
			d.status, d.lostReason = "lost", "Budget"
			d.updated = time.Date(2026, 10, 6, 9, 30, 0, 0, time.UTC)
		case 4: // ours: co-marketing-sourced business with no partner line.
			d.key, d.status, d.stage, d.value = "campaignus", "won", "Contract Signed", 720000
			d.updated = time.Date(2026, 10, 19, 14, 0, 0, 0, time.UTC)
			pay(d, day(2026, 10, 28), 720000)
		case 6:
			d.tags = strings.ToLower(campaignTag) + ", webinar-lead"
		case 8:
			d.value = -1
		}
		out = append(out, d)
	}
	return out
}
