package domain

import (
	"github.com/partnerbook/partnerbook/internal/book"
	"github.com/partnerbook/partnerbook/internal/civil"
	"github.com/partnerbook/partnerbook/internal/diag"
	"github.com/partnerbook/partnerbook/internal/money"
)

// IssuedPayout is one row of an earlier Payouts sheet, with its lines from the Lines sheet.
type IssuedPayout struct {
	ID        string
	PartnerID string
	Partner   string
	Period    civil.Month
	Currency  string
	Amount    money.Amount
	Status    book.PayoutStatus // as read; an unknown word is kept as written
	Due       civil.Date
	Paid      civil.Date // zero until finance fills it in
	Reference string
	Lines     []string                // line IDs, in sheet order
	LineSum   money.Amount            // sum of the Lines sheet's amounts for this payout
	Amounts   map[string]money.Amount // line ID -> amount as issued
	// Records are what the Lines sheet says of each line of a carried payout besides
	// its amount (nil for other payouts): a carried line the inputs no longer give is
	// paid as the ledger has it.
	Records map[string]LineRecord
	// ShareStarts are, by deal ID, the earliest payment date of the payout's
	// revenue-share lines: the deal's revenue-share window opened on or before it,
	// whatever a later payments export still holds.
	ShareStarts map[string]civil.Date
	Pos         diag.Pos
}

// LineRecord is a line of a ledger workbook's Lines sheet as written there: the
// columns the seal does not cover, read for display only.
type LineRecord struct {
	Deal, Client    string
	Event, Eligible civil.Date // zero when the cell is no date
}

// Issued reports whether the payout's lines count as issued (everything but carried).
func (p *IssuedPayout) Issued() bool { return p.Status != book.StatusCarried }

// Ledger is what earlier runs issued, for the run of one period.
type Ledger struct {
	Payouts []*IssuedPayout         // of earlier periods, sorted by period then ID
	Issued  map[string]string       // line ID -> payout ID that issued it
	Amount  map[string]money.Amount // line ID -> amount it was issued at
	Carried map[string]string       // line ID -> payout ID that carried it (not issued since)
	Periods map[civil.Month]bool    // periods the ledger workbooks were written for

	// Leads are the campaign lead owners earlier runs reported, by deal ID: each
	// workbook's records, a later month's overriding an earlier one's.
	Leads map[string]*LeadRecord
	// LeadsUnrecorded names the latest ledger workbook when it records no lead owners
	// (written before they were recorded, or unsealed): leads are then dealt out as if
	// none had been reported.
	LeadsUnrecorded string
}

// LeadRecord is the owner a run reported for one campaign lead.
type LeadRecord struct {
	Deal     string
	Campaign string      // the campaign's id
	Owner    string      // Us or a partner id
	By       string      // how the owner was chosen: book.LeadByRotation, LeadByTag or LeadByFirstTouch
	Since    civil.Month // the month it was first reported
	Workbook string      // the ledger workbook it was read from, for messages
}

// NewLedger is an empty ledger: nothing issued, no period read.
func NewLedger() *Ledger {
	return &Ledger{Issued: map[string]string{}, Amount: map[string]money.Amount{}, Carried: map[string]string{}, Periods: map[civil.Month]bool{},
		Leads: map[string]*LeadRecord{}}
}

// HasPeriod reports whether a ledger workbook of period m was read, even one with no
// payouts (a month in which nobody earned anything).
func (l *Ledger) HasPeriod(m civil.Month) bool { return l.Periods[m] }
