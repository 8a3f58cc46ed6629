package commission

import (
	"github.com/partnerbook/partnerbook/internal/civil"
	"github.com/partnerbook/partnerbook/internal/crm"
	"github.com/partnerbook/partnerbook/internal/diag"
	"github.com/partnerbook/partnerbook/internal/ledger"
	"github.com/partnerbook/partnerbook/internal/money"
	"github.com/partnerbook/partnerbook/internal/terms"
)

// Input is everything a run computes from.
type Input struct {
	Program  *terms.Program
	Deals    []*crm.Deal
	Payments []*crm.Payment
	Ledger   *ledger.Ledger
	Period   civil.Month
	AsOf     civil.Date
}

// Rule names a money rule; it is the "Rule" column of the Lines sheet.
type Rule string

const (
	RuleReferral     Rule = "referral"
	RuleClawback     Rule = "clawback"
	RuleRevenueShare Rule = "revenue-share"
	RuleWholesale    Rule = "wholesale"
	RuleCampaignCost Rule = "campaign-cost"
)

// Kind is the payout column a line adds to.
type Kind int

const (
	Earned   Kind = iota // fees, shares, our share of a campaign the partner paid
	Clawback             // negative lines caused by refunds
	Charge               // what the partner owes: wholesale, their share of our campaign
)

// State is where a line stands for the period being run.
type State int

const (
	Payable State = iota // in this period's payout
	Issued               // issued by an earlier payout in the ledger
	Pending              // eligible after the period end
	History              // eligible before program.start: never paid
)

func (s State) String() string {
	return [...]string{"payable", "issued", "pending", "history"}[s]
}

// Line is one commission event.
type Line struct {
	ID          string
	PartnerID   string
	DealID      string // "" for campaign lines
	CampaignID  string // for campaign lines
	Client      string
	Rule        Rule
	Kind        Kind
	Basis       money.Amount // what the rate applies to
	Rate        string       // as shown: "15%", "flat", "50%"
	Amount      money.Amount // rounded
	Event       civil.Date
	Eligible    civil.Date
	Description string

	State    State
	IssuedBy string // payout ID from the ledger, when Issued
	Opening  bool   // carried forward from an earlier payout
}

// Deal is a CRM deal with what the run decided about it.
type Deal struct {
	*crm.Deal
	Partner   *terms.Partner  // owner partner; nil when unattributed or ours
	Campaign  *terms.Campaign // when the deal is a campaign lead
	LeadOwner string          // campaign leads: terms.Us or the partner id
	Terms     *terms.Terms    // in force on the won date
	Payments  []*crm.Payment  // matched payments, by date then row
	Revenue   money.Amount    // sum of Payments
}

// Payout is what one partner is owed (or owes) for the period.
type Payout struct {
	ID        string
	Partner   *terms.Partner
	Period    civil.Month
	Opening   money.Amount
	Earned    money.Amount
	Clawbacks money.Amount
	Charges   money.Amount
	Amount    money.Amount
	Status    string
	Due       civil.Date // zero when carried forward or nil
	Lines     []*Line    // sorted by eligible date, then ID
}

// Margin is the partner cost of one won deal against its first-year value.
type Margin struct {
	Deal      *Deal
	Cost      money.Amount
	FirstYear money.Amount
	Ratio     money.Rate
	Exception bool // above program.margin_cap
}

// Result is a computed run.
type Result struct {
	Program   *terms.Program
	Period    civil.Month
	AsOf      civil.Date
	Deals     []*Deal          // in export order
	Lines     []*Line          // every line, sorted by partner, eligible date, ID
	Payouts   []*Payout        // this period's, sorted by partner id
	Unmatched []*crm.Payment   // payments that match no deal: unattributed revenue
	Ledger    *ledger.Ledger   //
	Overdue   []*ledger.Payout // Due, unpaid, due date before as-of
	Margins   []*Margin        // won deals of non-strategic partners, by won date then deal
	Problems  diag.List        // warnings found while computing
}

// PayoutOf is a partner's payout this period, or nil.
func (r *Result) PayoutOf(partnerID string) *Payout {
	for _, p := range r.Payouts {
		if p.Partner.ID == partnerID {
			return p
		}
	}
	return nil
}

// LinesOf is every line of a partner.
func (r *Result) LinesOf(partnerID string) []*Line {
	var out []*Line
	for _, l := range r.Lines {
		if l.PartnerID == partnerID {
			out = append(out, l)
		}
	}
	return out
}
