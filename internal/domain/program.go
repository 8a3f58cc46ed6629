package domain

import (
	"github.com/partnerbook/partnerbook/internal/civil"
	"github.com/partnerbook/partnerbook/internal/diag"
	"github.com/partnerbook/partnerbook/internal/money"
)

// Program is the whole partner program as the TOML file describes it, validated.
type Program struct {
	File               string // the TOML file as named on the command line
	Dir                string // folder that relative input paths start from
	Name               string
	Currency           string
	Policy             money.Policy
	Period             civil.Month // zero when the file names none
	Start              civil.Date  // zero: no history cut-off
	PayoutTermsDays    int
	MinimumPayout      money.Amount
	MarginCap          money.Rate
	Owner              string
	Email              string // From address of statement e-mails ("" = none set)
	DedicatedRoleShare money.Rate
	Rates              Rates // [fx]: exchange rates into Currency
	Deals              DealsInput
	Payments           PaymentsInput
	Ledger             LedgerInput
	Partners           []*Partner  // in file order
	Campaigns          []*Campaign // in file order
	Output             Output
	Confirms           []*Confirm // [[confirm]]: moved payments the owner confirmed, in file order

	byID *partnerIndex // see IndexPartners
}

// partnerIndex finds a partner by id without a scan of ten thousand partners.
type partnerIndex struct {
	n    int // len(Partners) when it was built
	byID map[string]*Partner
}

// IndexPartners makes Partner a map lookup; call it once Partners is complete. A
// Partners slice that changes length afterwards is scanned again, as without an index.
func (p *Program) IndexPartners() {
	idx := &partnerIndex{n: len(p.Partners), byID: make(map[string]*Partner, len(p.Partners))}
	for _, x := range p.Partners {
		if _, dup := idx.byID[x.ID]; !dup {
			idx.byID[x.ID] = x
		}
	}
	p.byID = idx
}

// Confirm is a [[confirm]] entry: a revenue-share or clawback line that replaces an
// issued line of the same deal, rule and amount whose payment date changed. Without
// it such a line is held back, because it may be the same payment paid a second time.
type Confirm struct {
	Line string // the new line's ID
	Pos  diag.Pos
}

// DealsInput says where the CRM export is and how to read it.
type DealsInput struct {
	Name       string // as written in the TOML, for messages
	File       string // path relative to the working directory
	Sheet      string // "" = first sheet
	Preset     string
	DateFormat string            // Go layout for dates stored as text
	Encoding   string            // of a CSV file; "" = byte-order mark, else UTF-8 (Windows-1252 fallback)
	Delimiter  rune              // of a CSV file: ',' or ';'; 0 = ';' when the header line has ';' and no ','
	Columns    map[string]string // logical name -> header, preset merged with overrides
	Explicit   map[string]bool   // logical names the TOML maps itself (not from the preset)
	Won, Lost  []string          // status words
	Proposal   []string          // stage names that count as a proposal
	Money      Money             // program currency and rates, to convert other currencies
	// ClosedIsUpdate says the closed column is a timestamp of the deal's last update
	// that stands for its won date (GoHighLevel's "Updated on"): any edit moves it, so
	// each run records every won deal's date and later runs keep it.
	ClosedIsUpdate bool
	Pos            diag.Pos
}

// PaymentsInput says where client payments are.
type PaymentsInput struct {
	Name       string
	File       string
	Sheet      string
	DateFormat string
	Preset     string            // "generic" or "stripe"
	Encoding   string            // as DealsInput.Encoding
	Delimiter  rune              // as DealsInput.Delimiter
	Columns    map[string]string // deal or client, date, amount, currency, id (and the stripe columns)
	Explicit   map[string]bool   // logical names the TOML maps itself (not from the preset)
	Money      Money             // program currency and rates, to convert other currencies
	Pos        diag.Pos
	// IgnoreColumns are headers the plain reader's paid checks leave alone: a status
	// column that describes something else than the payment. IgnorePos is the setting.
	IgnoreColumns []string
	IgnorePos     diag.Pos
}

// LedgerInput lists earlier payout workbooks (glob patterns, relative to the TOML).
type LedgerInput struct {
	Patterns []string
	Files    []string // matched files, sorted
	// AcceptUnsealed are the months whose ledger workbook without a seal the program
	// accepts as it reads (accept_unsealed): one written before partnerbook sealed them.
	// Any other unsealed workbook is refused: it may have lost its seal.
	AcceptUnsealed []civil.Month
	// NewLedgerFrom is the first month of a ledger begun anew (new_ledger_from): a
	// first run ignores the runs of earlier months in its output folder. Zero for none.
	NewLedgerFrom civil.Month
	Pos           diag.Pos // the [input.ledger] table, for messages about it
}

// Partner is one partner and its agreement versions.
type Partner struct {
	ID        string
	FormerIDs []string // ids it had before a rename: their ledger history is its own
	Name      string
	Type      PartnerType
	Status    PartnerStatus
	Email     string
	Contact   string // the person statements are addressed to ("Zoë Martin"); "" = none
	Owner     string
	Tags      []string
	Terms     []*Terms // sorted by From
	Payee     *Payee   // nil: no [partner.payee]
	Pos       diag.Pos
}

// Terms is one agreement version.
type Terms struct {
	From         civil.Date
	To           civil.Date // zero: open-ended
	Referral     *ReferralTerms
	RevenueShare *RevenueShareTerms
	Wholesale    *WholesaleTerms
	ClawbackDays int
	Pos          diag.Pos
}

// Covers reports whether d falls within the version.
func (t *Terms) Covers(d civil.Date) bool {
	return !d.Before(t.From) && (t.To.IsZero() || !d.After(t.To))
}

// ReferralTerms is a one-off fee per won deal.
type ReferralTerms struct {
	Percent  *money.Rate   // either Percent or Flat
	Flat     *money.Amount //
	Cap      *money.Amount // nil: no cap
	PayOn    PayOn
	HoldDays int
}

// RevenueShareTerms is a share of client payments.
type RevenueShareTerms struct {
	Percent money.Rate
	Months  int // 0: life of the client
	Settle  Settle
}

// WholesaleTerms is a reseller discount: the partner bills the client and owes us the rest.
type WholesaleTerms struct {
	Discount money.Rate
}

// Us is the campaign party that stands for the firm itself.
const Us = "us"

// Campaign is a co-marketing campaign with shared cost and leads.
type Campaign struct {
	ID        string
	Name      string
	Date      civil.Date
	Cost      money.Amount
	PaidBy    string // Us or a partner id
	Shares    []Share
	Tag       string
	LeadOwner LeadOwner
	Pos       diag.Pos
}

// Share is one party's part of a campaign, in the order written.
type Share struct {
	Party string // Us or a partner id
	Rate  money.Rate
}

// Partner finds a partner by id.
func (p *Program) Partner(id string) *Partner {
	if p.byID != nil && p.byID.n == len(p.Partners) {
		return p.byID.byID[id]
	}
	for _, x := range p.Partners {
		if x.ID == id {
			return x
		}
	}
	return nil
}

// Renamed finds the partner that lists id among its former ids, or nil.
func (p *Program) Renamed(id string) *Partner {
	for _, x := range p.Partners {
		for _, f := range x.FormerIDs {
			if f == id {
				return x
			}
		}
	}
	return nil
}

// TermsOn is the version in force on day d, or nil.
func (p *Partner) TermsOn(d civil.Date) *Terms {
	for _, t := range p.Terms {
		if t.Covers(d) {
			return t
		}
	}
	return nil
}

// Parties lists a campaign's parties in share order.
func (c *Campaign) Parties() []string {
	out := make([]string, len(c.Shares))
	for i, s := range c.Shares {
		out[i] = s.Party
	}
	return out
}

// HasParty reports whether id shares in the campaign.
func (c *Campaign) HasParty(id string) bool {
	for _, s := range c.Shares {
		if s.Party == id {
			return true
		}
	}
	return false
}
