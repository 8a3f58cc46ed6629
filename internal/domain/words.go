package domain

import "slices"

// PartnerType is what kind of partner a partner is.
type PartnerType string

// Partner types.
const (
	Referral    PartnerType = "referral"
	Reseller    PartnerType = "reseller"
	CoMarketing PartnerType = "co-marketing"
	Strategic   PartnerType = "strategic"
)

// PartnerTypes are the partner types, in the order reports list them.
var PartnerTypes = []PartnerType{Referral, Reseller, CoMarketing, Strategic}

// Valid reports whether t is one of PartnerTypes.
func (t PartnerType) Valid() bool { return slices.Contains(PartnerTypes, t) }

// PartnerStatus is where a partnership stands.
type PartnerStatus string

// Partner statuses.
const (
	Target PartnerStatus = "target"
	Active PartnerStatus = "active"
	Paused PartnerStatus = "paused"
	Ended  PartnerStatus = "ended"
)

// PartnerStatuses are the partner statuses, in the order reports list them.
var PartnerStatuses = []PartnerStatus{Target, Active, Paused, Ended}

// Valid reports whether s is one of PartnerStatuses.
func (s PartnerStatus) Valid() bool { return slices.Contains(PartnerStatuses, s) }

// PayOn is when a referral fee becomes payable.
type PayOn string

// When a referral fee becomes payable.
const (
	PaySigned       PayOn = "signed"
	PayFirstPayment PayOn = "first-payment"
	PayAfterHold    PayOn = "after-hold"
)

// PayOns are the pay_on values.
var PayOns = []PayOn{PaySigned, PayFirstPayment, PayAfterHold}

// Valid reports whether p is one of PayOns.
func (p PayOn) Valid() bool { return slices.Contains(PayOns, p) }

// Settle is how often a revenue share is settled.
type Settle string

// Revenue-share settlement.
const (
	SettleMonthly   Settle = "monthly"
	SettleQuarterly Settle = "quarterly"
)

// Settles are the settle values.
var Settles = []Settle{SettleMonthly, SettleQuarterly}

// Valid reports whether s is one of Settles.
func (s Settle) Valid() bool { return slices.Contains(Settles, s) }

// LeadOwner is how a campaign's leads are dealt to its parties.
type LeadOwner string

// Lead ownership modes.
const (
	Rotate     LeadOwner = "rotate"
	FirstTouch LeadOwner = "first-touch"
)

// LeadOwners are the lead_owner values.
var LeadOwners = []LeadOwner{Rotate, FirstTouch}

// Valid reports whether o is one of LeadOwners.
func (o LeadOwner) Valid() bool { return slices.Contains(LeadOwners, o) }

// DealStatus is where a deal stands.
type DealStatus int

// Deal statuses.
const (
	Open DealStatus = iota
	Won
	Lost
)

func (s DealStatus) String() string {
	switch s {
	case Won:
		return "won"
	case Lost:
		return "lost"
	}
	return "open"
}
