package commission

import (
	"github.com/partnerbook/partnerbook/internal/book"
	"github.com/partnerbook/partnerbook/internal/civil"
	"github.com/partnerbook/partnerbook/internal/diag"
	"github.com/partnerbook/partnerbook/internal/domain"
	"github.com/partnerbook/partnerbook/internal/money"
)

// Input is everything a run computes from.
type Input struct {
	Program  *domain.Program
	Deals    []*domain.Deal
	Payments []*domain.Payment
	Ledger   *domain.Ledger // nil: nothing issued before
	Period   civil.Month
	AsOf     civil.Date
	// Deals, when set, is told how many won deals have had their lines computed, in
	// steps, for a progress bar.
	Progress func(n int64)
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
type Kind uint8

const (
	Earned   Kind = iota // fees, shares, our share of a campaign the partner paid
	Clawback             // negative lines caused by refunds
	Charge               // what the partner owes: wholesale, their share of our campaign
)

// State is where a line stands for the period being run.
type State uint8

const (
	Payable State = iota // in this period's payout
	Issued               // issued by an earlier payout in the ledger
	Pending              // eligible after the period end
	History              // eligible before program.start: never paid
)

func (s State) String() string {
	return [...]string{"payable", "issued", "pending", "history"}[s]
}

// Line is one commission event. It records what happened (rule, basis, rate, dates
// and the Facts of its rule), never words: renderers word it (report.Describe).
type Line struct {
	ID         string
	PartnerID  string
	DealID     string // "" for campaign lines
	CampaignID string // for campaign lines
	Client     string
	Rule       Rule
	Kind       Kind
	State      State
	Opening    bool         // carried forward from an earlier payout
	Folded     bool         // a correction whose amount another line holds: sums of cost skip it
	Basis      money.Amount // what the rate applies to
	Rate       money.Rate   // the rate applied to Basis; zero for flat fees, clawbacks and corrections
	Amount     money.Amount // rounded
	Event      civil.Date
	Eligible   civil.Date
	Facts      Facts

	IssuedBy string // payout ID from the ledger, when Issued
	Moved    *Move  // the line may be an issued line whose payment date changed
}

// Conversions are the conversions of the line's facts; nil when it has none.
func (l *Line) Conversions() []domain.Conversion {
	if l.Facts == nil {
		return nil
	}
	return l.Facts.Conversions()
}

// Move is an issued line that vanished while a line of the same deal, rule and amount
// appeared on another date: likely one payment whose date was corrected. Until a
// [[confirm]] names the new line it is held Pending; once confirmed it is payable and
// a correction line reverses the issued one.
type Move struct {
	From      string       // the issued line's ID
	FromDate  civil.Date   // its event date
	Issued    money.Amount // what was issued for it, with earlier corrections
	Confirmed bool
}

// Facts are what a line's rule saw beyond basis, rate and dates: a *ReferralFacts,
// *ClawbackFacts, *RevenueShareFacts, *WholesaleFacts or *CampaignFacts after the
// line's rule, and *CorrectionFacts on a correction of an issued line (whose Rule is
// the corrected line's). Lines of one deal, terms or campaign share one value when
// their facts are alike, so facts are never changed once computed.
type Facts interface {
	// Conversions are the amounts the line derives from that the export wrote in
	// another currency, with the rate each was converted at.
	Conversions() []domain.Conversion
}

// Converted lists the amounts a line derives from that the export wrote in another
// currency (the deal value, the day's payments or refunds), with the rate each was
// converted at; empty when everything was in the program currency.
type Converted []domain.Conversion

// Conversions is c.
func (c Converted) Conversions() []domain.Conversion { return c }

// ReferralFacts are the facts of a referral fee (Basis is the deal value).
type ReferralFacts struct {
	Flat     bool         // a flat fee, not a percent of Basis
	Capped   bool         // the percent fee was cut to Cap
	Cap      money.Amount //
	PayOn    domain.PayOn // when it became payable: signed (Event), first payment (Eligible), after a hold
	HoldDays int          // the hold, with PayAfterHold
	Converted
}

// ClawbackFacts are the facts of a clawback of a referral fee (Basis is the fee; Event
// the refund date).
type ClawbackFacts struct {
	Refund       money.Amount // the day's refunds, positive
	Refunded     money.Amount // refunds within the window so far, positive
	DealValue    money.Amount // what Refunded is measured against: the deal value, or with Paid the payments received
	Paid         bool         // the deal has no value: DealValue is its payments received through the refund's date
	Measured     string       // the currency of Refund, Refunded and DealValue: the deal's own when it and the refunds share one; "" for the program currency
	ClawbackDays int          // the window after the won date
	Converted
}

// RevenueShareFacts are the facts of a revenue share (Basis is the day's payments or
// refunds; Event their date).
type RevenueShareFacts struct {
	Months    int        // the window in months; 0: the life of the client
	WindowEnd civil.Date // last day of the window, when Months > 0
	Quarterly bool       // settled at the quarter's end (Eligible)
	Converted
}

// WholesaleFacts are the facts of a wholesale charge (Basis is the deal value; Rate the
// share owed).
type WholesaleFacts struct {
	Discount money.Rate
	Converted
}

// CampaignFacts are the facts of a campaign cost share (Basis is the cost; Rate the
// share).
type CampaignFacts struct {
	Campaign string // the campaign's name
	PaidByUs bool   // we paid the cost and the partner owes its share; else the partner paid and we owe ours
}

// Conversions is nil: a campaign's cost is in the program currency.
func (*CampaignFacts) Conversions() []domain.Conversion { return nil }

// CorrectionFacts are the facts of a correction of an issued line (Basis is what the
// line computes to now, or, for a carried correction, computed to when it was carried).
type CorrectionFacts struct {
	Corrects string       // the ID of the issued line
	Issued   money.Amount // what the ledger issued for it, with earlier corrections
	// Carried is what the ledger's carried corrections of the line add to Issued,
	// counted before this one: they come back as Opening, so this correction is only
	// the rest of the difference.
	Carried money.Amount
	// CarriedIn is the ledger payout that carried this correction forward last, when
	// the correction is one coming back as Opening; "" for this period's correction.
	CarriedIn string
	Converted
}

// KeptFacts are the facts of an issued line of a Stripe charge's refunds kept as
// issued (Amount and Basis are what the ledger issued, with its corrections): the
// export now dates all of the charge's refunds on Date, outside the line's window,
// because the charge was refunded again after the line was issued.
type KeptFacts struct {
	Charge string     // the charge id
	Date   civil.Date // the refund date the export gives now
	Converted
}

// CarriedFacts are the facts of a carried line the inputs no longer give (its deal
// removed from the export, lost or changed), kept in the balance as the ledger has it
// (Amount and Basis are the amount carried).
type CarriedFacts struct {
	Payout string // the ledger payout that carried it last
}

// Conversions is nil: the amount is the ledger's, in the program currency.
func (*CarriedFacts) Conversions() []domain.Conversion { return nil }

// Deal is a CRM deal with what the run decided about it.
type Deal struct {
	*domain.Deal
	Partner   *domain.Partner   // owner partner; nil when unattributed or ours
	Campaign  *domain.Campaign  // when the deal is a campaign lead
	LeadOwner string            // campaign leads: domain.Us or the partner id
	tagged    *domain.Partner   // campaign leads: the one party the deal names, if any
	Terms     *domain.Terms     // in force on the won date
	Payments  []*domain.Payment // matched payments, by date then row
}

// Revenue is the sum of the deal's payments.
func (d *Deal) Revenue() money.Amount {
	sum := money.Zero
	for _, p := range d.Payments {
		sum = sum.Add(p.Amount)
	}
	return sum
}

// Payout is what one partner is owed (or owes) for the period.
type Payout struct {
	ID        string
	Partner   *domain.Partner
	Period    civil.Month
	Opening   money.Amount
	Earned    money.Amount
	Clawbacks money.Amount
	Charges   money.Amount
	Amount    money.Amount
	Status    book.PayoutStatus
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
	Program   *domain.Program
	Period    civil.Month
	AsOf      civil.Date
	Deals     []*Deal                // in export order
	Lines     []*Line                // every line, sorted by partner, eligible date, ID
	Payouts   []*Payout              // this period's, sorted by partner id
	Unmatched []*domain.Payment      // payments that match no deal: unattributed revenue
	Ledger    *domain.Ledger         // as it stood on AsOf: a paid date after AsOf is cleared (see asOf)
	Overdue   []*domain.IssuedPayout // Due or Receivable, unpaid on AsOf, due date before AsOf
	Margins   []*Margin              // won deals of non-strategic partners, by won date then deal
	// Standing are the issued lines the run no longer computes (a deal now lost, a
	// payment removed or outside a payments export cut to recent months, an issued line
	// whose moved line is held back): they are not reversed, so what the ledger issued
	// for them stands. State Issued, Amount and Basis the amount issued, Event and
	// Eligible the payment date of a dated line, else the last day of the period of the
	// payout that issued the line (the ledger keeps no other date of an issued line).
	// They are never in a payout; they count in cost (see Costs).
	Standing []*Line
	// Leads are the campaign lead owners this run reports, by deal ID: every lead of
	// the export, and the ledger's leads the export no longer has. payouts.xlsx seals
	// them so the next run keeps each owner.
	Leads []*domain.LeadRecord
	// Won are the won dates this run records, by deal ID (see recordWon): payouts.xlsx
	// seals them so the next run keeps each deal's won date.
	Won      []WonRecord
	Problems diag.List // warnings found while computing

	ledgerRefused bool // the ledger has errors: its lines are not reported as vanished
	// exportFrom is the first day of the month of the payments export's earliest row
	// (zero when it has none): the export covers payment dates from then on.
	exportFrom civil.Date
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
