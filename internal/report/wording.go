package report

import (
	"fmt"
	"strings"

	"github.com/partnerbook/partnerbook/internal/commission"
	"github.com/partnerbook/partnerbook/internal/domain"
	"github.com/partnerbook/partnerbook/internal/money"
)

// Describe words a line for people: the rate as the Rate column shows it, and the
// sentence of the Description column,
// the statement's line notes and explain. The money core records what happened; this
// is the one place that says it in English. Amounts are shown as every document shows
// money: "$12,345.67".
//
// The rate has one meaning: the percent applied to the Basis ("15%"), so Basis times
// Rate is the Amount's size (the Amount's sign says who pays). It is "" when the amount
// is not a percent of the basis: flat fees, clawbacks (the fee taken back in proportion
// to the refunds) and corrections. The words go to the description.
func Describe(l *commission.Line, pol money.Policy, currency string) (rate, description string) {
	rate, description = describe(l, pol, currency)
	if fx := Converted(l.Conversions(), currency); fx != "" {
		description += "; " + fx
	}
	if m := l.Moved; m != nil && !m.Confirmed {
		description += fmt.Sprintf("; held for review: it may be the payment of %s (line %s, already paid) with a corrected date", m.FromDate, m.From)
	}
	return rate, description
}

// Converted words the conversions a line's amounts went through: "converted from
// €1,000.00 at 1 EUR = 1.0725 USD (2026-10 rate)"; a refund converted at its
// charge's rate says so: "(2026-08 rate of the charge on 2026-08-25)". "" when there
// were none.
func Converted(cs []domain.Conversion, currency string) string {
	if len(cs) == 0 {
		return ""
	}
	parts := make([]string, len(cs))
	for i, c := range cs {
		month := c.Month.String() + " rate"
		if !c.Charge.IsZero() {
			month += " of the charge on " + c.Charge.String()
		} else if !c.Paid.IsZero() {
			month += " of the payment on " + c.Paid.String() + " it refunds"
		}
		parts[i] = fmt.Sprintf("%s at 1 %s = %s %s (%s)", Original(c), c.Currency, c.Rate, currency, month)
	}
	return "converted from " + strings.Join(parts, " and ")
}

// Original shows an amount as the export wrote it, in its own currency, with every
// digit it had: "€1,000.00", "¥150,000".
func Original(c domain.Conversion) string {
	places, _ := money.CurrencyPlaces(c.Currency)
	places = max(places, c.Original.Places())
	return money.Policy{Places: places}.Display(c.Original, c.Currency)
}

func describe(l *commission.Line, pol money.Policy, currency string) (rate, description string) {
	show := func(a money.Amount) string { return pol.Display(a, currency) }
	if f, ok := l.Facts.(*commission.CorrectionFacts); ok && f.Corrects != "" {
		issued := "issued at " + show(f.Issued)
		if !f.Carried.IsZero() {
			issued += " and carried " + show(f.Carried)
		}
		if f.CarriedIn != "" {
			return "", fmt.Sprintf("correction of %s: %s, the inputs gave %s when it was carried forward in %s", f.Corrects, issued, show(l.Basis), f.CarriedIn)
		}
		return "", fmt.Sprintf("correction of %s: %s, the inputs now give %s", f.Corrects, issued, show(l.Basis))
	}
	if f, ok := l.Facts.(*commission.KeptFacts); ok {
		return "", fmt.Sprintf("issued at %s for earlier refunds of charge %s and kept: the export now dates all of the charge's refunds %s, outside the window, so the later refund takes nothing more back",
			show(l.Amount), f.Charge, f.Date)
	}
	if f, ok := l.Facts.(*commission.CarriedFacts); ok {
		return "", fmt.Sprintf("as carried forward in %s; the inputs no longer give this line (deal lost, changed or removed)", f.Payout)
	}
	switch l.Rule {
	case commission.RuleReferral:
		f := factsOf[commission.ReferralFacts](l)
		if f.Flat {
			rate, description = "", "flat referral fee"
		} else {
			rate = l.Rate.Percent()
			description = fmt.Sprintf("%s of deal value %s", rate, show(l.Basis))
		}
		if f.Capped {
			description += fmt.Sprintf(", capped at %s", show(f.Cap))
		}
		switch f.PayOn {
		case domain.PaySigned:
			description += "; payable when signed"
		case domain.PayFirstPayment:
			description += "; payable on the first payment " + l.Eligible.String()
		case domain.PayAfterHold:
			description += fmt.Sprintf("; payable after a %d-day hold", f.HoldDays)
		}
		return rate, description
	case commission.RuleClawback:
		f := factsOf[commission.ClawbackFacts](l)
		// Measured in the deal's own currency, the amounts are shown as the export wrote them.
		showRefund := show
		if f.Measured != "" {
			showRefund = func(a money.Amount) string {
				return Original(domain.Conversion{Original: a, Currency: f.Measured})
			}
		}
		of := "deal value " + showRefund(f.DealValue)
		if f.Paid {
			of = showRefund(f.DealValue) + " paid, the deal having no value"
		}
		return "", fmt.Sprintf("%s of %s on %s (refunds %s of %s) within %d days of winning: fee taken back in proportion",
			takenBack(l), showRefund(f.Refund), l.Event, showRefund(f.Refunded), of, f.ClawbackDays)
	case commission.RuleRevenueShare:
		f := factsOf[commission.RevenueShareFacts](l)
		what := "payment"
		if l.Kind == commission.Clawback {
			what = takenBack(l)
		}
		window := "for the life of the client"
		if f.Months > 0 {
			window = fmt.Sprintf("in the %d-month window to %s", f.Months, f.WindowEnd)
		}
		rate = l.Rate.Percent()
		description = fmt.Sprintf("%s of the %s of %s on %s, %s", rate, what, show(l.Basis), l.Event, window)
		if f.Quarterly {
			description += "; settled quarterly"
		}
		return rate, description
	case commission.RuleWholesale:
		f := factsOf[commission.WholesaleFacts](l)
		return l.Rate.Percent(), fmt.Sprintf("%s of deal value %s (the price after the partner's %s discount), owed by the partner",
			l.Rate.Percent(), show(l.Basis), f.Discount.Percent())
	case commission.RuleCampaignCost:
		f := factsOf[commission.CampaignFacts](l)
		if f.PaidByUs {
			return l.Rate.Percent(), fmt.Sprintf("%s share of the cost %s of campaign %q, paid by us", l.Rate.Percent(), show(l.Basis), f.Campaign)
		}
		return l.Rate.Percent(), fmt.Sprintf("our %s share of the cost %s of campaign %q, paid by the partner", l.Rate.Percent(), show(l.Basis), f.Campaign)
	}
	return l.Rate.Percent(), ""
}

// takenBack words the money a clawback or revenue-share refund line takes back: a
// "refund", or a "lost dispute" for a Stripe charge's lost dispute (keyed
// "<charge id>:dispute").
func takenBack(l *commission.Line) string {
	if strings.HasSuffix(l.ID, ":dispute") {
		return "lost dispute"
	}
	return "refund"
}

// factsOf is a copy of the line's facts when they are a *T, else T's zero value (all a
// line without facts of its rule has to say).
func factsOf[T any](l *commission.Line) (f T) {
	if p, ok := any(l.Facts).(*T); ok && p != nil {
		f = *p
	}
	return f
}

// OwedToUs is how the owner's documents word money partners owe the firm (Receivable
// payouts): "owed to us: $14,015.40", the amount shown positive, in the terminal
// summary, the Summary sheet, the owner report and the dashboard. The Payouts sheet,
// the ledger and report.json's "receivable" keep the signed amount.
const OwedToUs = "owed to us"

// YouOweUs is the same money seen from the partner's side, on its statement and
// e-mail: "you owe us: $5,800.40".
const YouOweUs = "you owe us"

// YouPaidUs words a receivable the partner has paid, on its statement: "you paid us
// $800.00".
const YouPaidUs = "you paid us"
