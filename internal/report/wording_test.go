package report

import (
	"testing"

	"github.com/partnerbook/partnerbook/internal/commission"
	"github.com/partnerbook/partnerbook/internal/domain"
	"github.com/partnerbook/partnerbook/internal/money"
)

func TestDescribe(t *testing.T) {
	amt, rate := money.MustAmount, money.MustRate
	pol := money.Policy{Places: 2, Mode: money.HalfUp}
	cases := []struct {
		name     string
		line     commission.Line
		rate     string
		sentence string
	}{
		{"percent fee capped when signed",
			commission.Line{Rule: commission.RuleReferral, Basis: amt("40000"), Rate: rate("15%"),
				Facts: &commission.ReferralFacts{Capped: true, Cap: amt("5000"), PayOn: domain.PaySigned}},
			"15%", "15% of deal value $40,000.00, capped at $5,000.00; payable when signed"},
		{"flat fee on the first payment",
			commission.Line{Rule: commission.RuleReferral, Basis: amt("250"), Eligible: date("2026-10-27"),
				Facts: &commission.ReferralFacts{Flat: true, PayOn: domain.PayFirstPayment}},
			"", "flat referral fee; payable on the first payment 2026-10-27"},
		{"percent fee of many decimals, shown as written",
			commission.Line{Rule: commission.RuleReferral, Basis: amt("1000000"), Rate: rate("12.34567891234567891%"),
				Facts: &commission.ReferralFacts{PayOn: domain.PaySigned}},
			"12.34567891234567891%", "12.34567891234567891% of deal value $1,000,000.00; payable when signed"},
		{"percent fee after a hold",
			commission.Line{Rule: commission.RuleReferral, Basis: amt("9312.76"), Rate: rate("15%"),
				Facts: &commission.ReferralFacts{PayOn: domain.PayAfterHold, HoldDays: 90}},
			"15%", "15% of deal value $9,312.76; payable after a 90-day hold"},
		{"clawback",
			commission.Line{Rule: commission.RuleClawback, Kind: commission.Clawback, Basis: amt("1500"), Event: date("2026-08-30"),
				Facts: &commission.ClawbackFacts{Refund: amt("4000"), Refunded: amt("4000"), DealValue: amt("10000"), ClawbackDays: 90}},
			"", "refund of $4,000.00 on 2026-08-30 (refunds $4,000.00 of deal value $10,000.00) within 90 days of winning: fee taken back in proportion"},
		{"clawback of a deal without a value",
			commission.Line{Rule: commission.RuleClawback, Kind: commission.Clawback, Basis: amt("500"), Event: date("2026-10-20"),
				Facts: &commission.ClawbackFacts{Refund: amt("100"), Refunded: amt("100"), DealValue: amt("10000"), Paid: true, ClawbackDays: 90}},
			"", "refund of $100.00 on 2026-10-20 (refunds $100.00 of $10,000.00 paid, the deal having no value) within 90 days of winning: fee taken back in proportion"},
		{"clawback of a lost dispute",
			commission.Line{ID: "acme:D1:clawback:pay:ch_1:dispute", Rule: commission.RuleClawback, Kind: commission.Clawback, Basis: amt("100"), Event: date("2026-10-05"),
				Facts: &commission.ClawbackFacts{Refund: amt("500"), Refunded: amt("900"), DealValue: amt("1000"), ClawbackDays: 90}},
			"", "lost dispute of $500.00 on 2026-10-05 (refunds $900.00 of deal value $1,000.00) within 90 days of winning: fee taken back in proportion"},
		{"revenue share of a lost dispute",
			commission.Line{ID: "acme:D1:revenue-share-refund:pay:ch_1:dispute", Rule: commission.RuleRevenueShare, Kind: commission.Clawback, Basis: amt("-500"), Rate: rate("5%"), Event: date("2026-10-05"),
				Facts: &commission.RevenueShareFacts{Months: 12, WindowEnd: date("2027-09-19")}},
			"5%", "5% of the lost dispute of -$500.00 on 2026-10-05, in the 12-month window to 2027-09-19"},
		{"clawback kept as issued",
			commission.Line{ID: "acme:D1:clawback:pay:ch_1:refund", Rule: commission.RuleClawback, Kind: commission.Clawback, Basis: amt("-70"), Amount: amt("-70"),
				Facts: &commission.KeptFacts{Charge: "ch_1", Date: date("2027-01-05")}},
			"", "issued at -$70.00 for earlier refunds of charge ch_1 and kept: the export now dates all of the charge's refunds 2027-01-05, outside the window, so the later refund takes nothing more back"},
		{"revenue share in a window",
			commission.Line{Rule: commission.RuleRevenueShare, Basis: amt("1500"), Rate: rate("5%"), Event: date("2026-10-15"),
				Facts: &commission.RevenueShareFacts{Months: 6, WindowEnd: date("2027-03-14")}},
			"5%", "5% of the payment of $1,500.00 on 2026-10-15, in the 6-month window to 2027-03-14"},
		{"revenue share held as a moved payment",
			commission.Line{Rule: commission.RuleRevenueShare, Basis: amt("1000"), Rate: rate("10%"), Event: date("2026-09-16"),
				Moved: &commission.Move{From: "initech:S:revenue-share:2026-09-15", FromDate: date("2026-09-15")}},
			"10%", "10% of the payment of $1,000.00 on 2026-09-16, for the life of the client; held for review: it may be the payment of 2026-09-15 (line initech:S:revenue-share:2026-09-15, already paid) with a corrected date"},
		{"revenue share refund for life, quarterly",
			commission.Line{Rule: commission.RuleRevenueShare, Kind: commission.Clawback, Basis: amt("-2500"), Rate: rate("10%"), Event: date("2026-10-20"),
				Facts: &commission.RevenueShareFacts{Quarterly: true}},
			"10%", "10% of the refund of -$2,500.00 on 2026-10-20, for the life of the client; settled quarterly"},
		{"wholesale",
			commission.Line{Rule: commission.RuleWholesale, Kind: commission.Charge, Basis: amt("7250.50"), Rate: rate("80%"),
				Facts: &commission.WholesaleFacts{Discount: rate("20%")}},
			"80%", "80% of deal value $7,250.50 (the price after the partner's 20% discount), owed by the partner"},
		{"campaign we paid",
			commission.Line{Rule: commission.RuleCampaignCost, Kind: commission.Charge, Basis: amt("200"), Rate: rate("25%"),
				Facts: &commission.CampaignFacts{Campaign: "Autumn webinar", PaidByUs: true}},
			"25%", `25% share of the cost $200.00 of campaign "Autumn webinar", paid by us`},
		{"campaign the partner paid",
			commission.Line{Rule: commission.RuleCampaignCost, Basis: amt("3000.01"), Rate: rate("50%"),
				Facts: &commission.CampaignFacts{Campaign: "Webinar"}},
			"50%", `our 50% share of the cost $3,000.01 of campaign "Webinar", paid by the partner`},
		{"correction of an issued clawback",
			commission.Line{Rule: commission.RuleClawback, Kind: commission.Clawback, Basis: amt("-750"), Amount: amt("-600"),
				Facts: &commission.CorrectionFacts{Corrects: "acme:C:clawback:2026-09-20", Issued: amt("-150")}},
			"", "correction of acme:C:clawback:2026-09-20: issued at -$150.00, the inputs now give -$750.00"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r, s := Describe(&c.line, pol, "USD")
			if r != c.rate || s != c.sentence {
				t.Errorf("Describe = %q, %q\nwant       %q, %q", r, s, c.rate, c.sentence)
			}
		})
	}
}
