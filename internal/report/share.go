package report

import (
	"strings"

	"github.com/partnerbook/partnerbook/internal/money"
)

// sharePlaces is the precision Build computes the partner-sourced share to: 12 places of
// the fraction, 10 decimals of a percentage.
const sharePlaces = 12

// ShareText is the partner-sourced share of all revenue as the documents show it: a
// percentage rounded to one decimal ("34.3%"), or to as many more as it takes not to
// contradict what the exact figures say. A share below dedicated_role_share never reads
// as the threshold or above (19.996% is "19.996%", not "20%" beside "below the 20%
// threshold"), one at or above it never reads below, and a share that is not all or
// none of the revenue never reads "100%" or "0%".
func (r *Report) ShareText() string {
	v, places := r.shareRounded(3)
	return money.Rate(v).PercentRounded(places - 2)
}

// ShareFraction is the share as report.json's partner_share writes it: the fraction to
// two places ("0.34"), or to as many more as ShareText needs ("0.19996").
func (r *Report) ShareFraction() string {
	v, places := r.shareRounded(2)
	return v.Fixed(places)
}

// ShareValue is ShareText's number, for a chart.
func (r *Report) ShareValue() string { return strings.TrimSuffix(r.ShareText(), "%") }

// shareRounded is the share rounded (halves away from zero) to the fewest places, at
// least min, at which it stays on its side of the threshold (the side the exact
// comparison, DedicatedRoleRecommended, gives) and off 0 and 1 unless it is exactly that.
func (r *Report) shareRounded(min int32) (money.Amount, int32) {
	share := money.Amount(r.Totals.PartnerShare)
	limit := money.Amount(r.DedicatedRoleShare)
	one := money.FromInt(1)
	var v money.Amount
	for places := min; places <= sharePlaces; places++ {
		v = money.Policy{Places: places, Mode: money.HalfUp}.Round(share)
		side := v.Cmp(limit) < 0
		if r.DedicatedRoleRecommended {
			side = v.Cmp(limit) >= 0
		}
		if side && (!v.IsZero() || share.IsZero()) && (!v.Equal(one) || share.Equal(one)) {
			return v, places
		}
	}
	return v, sharePlaces
}
