package domain

import (
	"math"
	"slices"
	"strings"

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
	// Lines are the payout's line IDs, in sheet order, and Amounts[i] the amount
	// Lines[i] was issued at. A ledger read for a run lets go of both for the payouts
	// of months before the run's once its Ledger holds their lines: look a line up
	// there (IssuedBy, IssuedAmount, CarriedBy, CarriedAmount).
	Lines   []string
	Amounts []money.Amount
	LineSum money.Amount // sum of the Lines sheet's amounts for this payout
	// Records are what the Lines sheet says of each line of a carried payout besides
	// its amount (nil for other payouts): a carried line the inputs no longer give is
	// paid as the ledger has it.
	Records map[string]LineRecord
	// ShareStarts are, one per deal sorted by deal ID, the earliest payment date of the
	// payout's revenue-share lines: the deal's revenue-share window opened on or before
	// it, whatever a later payments export still holds.
	ShareStarts []ShareStart
	Pos         diag.Pos
}

// ShareStart is the earliest payment date of a payout's revenue-share lines of a deal.
type ShareStart struct {
	Deal string
	Day  civil.Date
}

// LineRecord is a line of a ledger workbook's Lines sheet as written there: the
// columns the seal does not cover, read for display only.
type LineRecord struct {
	Deal, Client    string
	Event, Eligible civil.Date // zero when the cell is no date
}

// Issued reports whether the payout's lines count as issued (everything but carried).
func (p *IssuedPayout) Issued() bool { return p.Status != book.StatusCarried }

// AddLine appends line id at amount to the payout's lines.
func (p *IssuedPayout) AddLine(id string, amount money.Amount) {
	p.Lines = append(p.Lines, id)
	p.Amounts = append(p.Amounts, amount)
}

// Ledger is what earlier runs issued, for the run of one period.
//
// Each line it issued or carried is one record of 24 bytes: where its ID is in a few
// large blocks of the IDs' text, its amount as a coefficient and an exponent, the
// payout that issued or carried it (an index into the payout IDs, each kept once) and
// whether it was only carried. The records are sorted by line ID and found by binary
// search; those recorded since the last sort are found through a small map until
// Compact (or enough of them) sorts them in. A year of months of a few hundred thousand
// lines each is held this way for the whole run, so nothing per line is kept twice, no
// per-line map is kept and no ID (short of 64 KiB) is a string of its own. Issue and
// Carry record lines; IssuedBy, IssuedAmount, CarriedBy and CarriedAmount look them up.
type Ledger struct {
	Payouts []*IssuedPayout      // of earlier periods, sorted by period then ID
	Periods map[civil.Month]bool // periods the ledger workbooks were written for

	// Leads are the campaign lead owners earlier runs reported, by deal ID: each
	// workbook's records, a later month's overriding an earlier one's.
	Leads map[string]*LeadRecord
	// LeadsUnrecorded names the latest ledger workbook when it records no lead owners
	// (written before they were recorded, or unsealed): leads are then dealt out as if
	// none had been reported.
	LeadsUnrecorded string

	// Won are the won dates earlier runs relied on, by deal ID (see WonDates).
	Won *WonDates
	// WonUnrecorded names the latest ledger workbook when it records no won dates
	// (written before they were recorded, or unsealed).
	WonUnrecorded string

	lines       []ledgerLine     // issued and carried lines: lines[:sorted] sorted by ID
	sorted      int              // how many of lines are sorted by ID
	tail        map[string]int32 // line ID -> its record in lines[sorted:]
	carried     int              // how many of lines are carried
	payoutIDs   []string         // the payouts lines name, each once
	payoutIndex map[string]int32 // payout ID -> its index in payoutIDs
	wide        []money.Amount   // the amounts lines cannot hold in their parts
	text        lineText         // the lines' IDs
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
	return &Ledger{Periods: map[civil.Month]bool{}, Leads: map[string]*LeadRecord{}}
}

// ledgerLine is a line the ledger issued or carried: 24 bytes besides its ID's text,
// which Ledger.text keeps (at, n). Its amount is held as the coefficient and exponent
// of money.Amount.Parts; an amount without parts, or with an exponent beyond an
// int8's range, is kept whole in Ledger.wide and c is its index there.
type ledgerLine struct {
	c      int64  // the amount's coefficient, or its index in Ledger.wide
	at     uint32 // where the ID is in Ledger.text
	payout int32  // index into Ledger.payoutIDs
	n      uint16 // the ID's length in Ledger.text
	e      int8   // the amount's exponent
	flags  uint8  // lineCarried, lineWide
}

const (
	lineCarried = 1 << iota // carried by the payout, not issued since
	lineWide                // the amount is Ledger.wide[c]
)

func (r *ledgerLine) carried() bool { return r.flags&lineCarried != 0 }

// amount is the amount r was recorded at.
func (l *Ledger) amount(r *ledgerLine) money.Amount {
	if r.flags&lineWide != 0 {
		return l.wide[r.c]
	}
	return money.FromParts(r.c, int32(r.e))
}

// setAmount records a as r's amount.
func (l *Ledger) setAmount(r *ledgerLine, a money.Amount) {
	if c, e, ok := a.Parts(); ok && e >= math.MinInt8 && e <= math.MaxInt8 {
		r.c, r.e, r.flags = c, int8(e), r.flags&^lineWide
		return
	}
	// A record replaced keeps its old wide amount's slot unused: rare enough (a value
	// of more than 18 digits) not to be reclaimed.
	r.c, r.e, r.flags = int64(len(l.wide)), 0, r.flags|lineWide
	l.wide = append(l.wide, a)
}

// payoutRef is payout id's index into l.payoutIDs, adding it when new.
func (l *Ledger) payoutRef(id string) int32 {
	if i, ok := l.payoutIndex[id]; ok {
		return i
	}
	if l.payoutIndex == nil {
		l.payoutIndex = map[string]int32{}
	}
	i := int32(len(l.payoutIDs))
	l.payoutIDs = append(l.payoutIDs, id)
	l.payoutIndex[id] = i
	return i
}

// Reserve makes room for n more lines.
func (l *Ledger) Reserve(n int) {
	if cap(l.lines)-len(l.lines) < n {
		l.lines = append(make([]ledgerLine, 0, len(l.lines)+n), l.lines...)
	}
}

// Compact sorts the lines recorded since the last sort in with the others and lets go
// of the map that found them: call it once the ledger is built.
//
// It also lets go of the room left in the last block of the lines' IDs.
func (l *Ledger) Compact() {
	l.text.trim()
	l.sortIn()
}

// sortIn sorts the lines recorded since the last sort in with the others and lets go
// of the map that found them.
func (l *Ledger) sortIn() {
	if l.sorted == len(l.lines) {
		l.tail = nil
		return
	}
	slices.SortFunc(l.lines, func(a, b ledgerLine) int { return strings.Compare(l.id(&a), l.id(&b)) })
	l.sorted, l.tail = len(l.lines), nil
}

// id is r's line ID.
func (l *Ledger) id(r *ledgerLine) string { return l.text.get(r.at, r.n) }

func (l *Ledger) record(id string) (*ledgerLine, bool) {
	if i, ok := slices.BinarySearchFunc(l.lines[:l.sorted], id, func(r ledgerLine, id string) int { return strings.Compare(l.id(&r), id) }); ok {
		return &l.lines[i], true
	}
	if i, ok := l.tail[id]; ok {
		return &l.lines[i], true
	}
	return nil, false
}

func (l *Ledger) put(id, payout string, amount money.Amount, carried bool) {
	rec := ledgerLine{payout: l.payoutRef(payout)}
	if carried {
		rec.flags = lineCarried
	}
	l.setAmount(&rec, amount)
	if r, ok := l.record(id); ok {
		if r.carried() {
			l.carried--
		}
		if carried {
			l.carried++
		}
		rec.at, rec.n = r.at, r.n // the same ID, kept once
		*r = rec
		return
	}
	// The map of unsorted lines is kept to a fraction of the sorted ones: sorting them
	// in now and then costs less than a map entry per line for the whole run.
	if n := len(l.lines) - l.sorted; n >= 1024 && n >= l.sorted/4 {
		l.sortIn()
	}
	if l.tail == nil {
		l.tail = map[string]int32{}
	}
	rec.at, rec.n = l.text.add(id)
	l.tail[l.id(&rec)] = int32(len(l.lines))
	l.lines = append(l.lines, rec)
	if carried {
		l.carried++
	}
}

// Issue records line id as issued by payout at amount, in place of what the ledger
// said of it before (carried, or issued at another amount).
func (l *Ledger) Issue(id, payout string, amount money.Amount) {
	l.put(id, payout, amount, false)
}

// Carry records line id as carried by payout at amount, unless the ledger issued it:
// a line issued stays issued.
func (l *Ledger) Carry(id, payout string, amount money.Amount) {
	if r, ok := l.record(id); ok && !r.carried() {
		return
	}
	l.put(id, payout, amount, true)
}

// IssuedBy is the payout that issued line id, "" when none did.
func (l *Ledger) IssuedBy(id string) string {
	if r, ok := l.record(id); ok && !r.carried() {
		return l.payoutIDs[r.payout]
	}
	return ""
}

// IssuedAmount is the amount line id was issued at, zero when it was not issued.
func (l *Ledger) IssuedAmount(id string) money.Amount {
	if r, ok := l.record(id); ok && !r.carried() {
		return l.amount(r)
	}
	return money.Amount{}
}

// CarriedBy is the payout that carried line id, not issued since; "" when none did.
func (l *Ledger) CarriedBy(id string) string {
	if r, ok := l.record(id); ok && r.carried() {
		return l.payoutIDs[r.payout]
	}
	return ""
}

// CarriedAmount is the amount line id was carried at, zero when it is not carried.
func (l *Ledger) CarriedAmount(id string) money.Amount {
	if r, ok := l.record(id); ok && r.carried() {
		return l.amount(r)
	}
	return money.Amount{}
}

// IssuedCount is how many lines the ledger issued.
func (l *Ledger) IssuedCount() int { return len(l.lines) - l.carried }

// CarriedCount is how many lines the ledger carried and did not issue since.
func (l *Ledger) CarriedCount() int { return l.carried }

// IssuedLines are the IDs of the lines the ledger issued, sorted.
func (l *Ledger) IssuedLines() []string { return l.ids(false) }

// CarriedLines are the IDs of the lines the ledger carried and did not issue since, sorted.
func (l *Ledger) CarriedLines() []string { return l.ids(true) }

func (l *Ledger) ids(carried bool) []string {
	out := make([]string, 0, len(l.lines))
	for i := range l.lines {
		if l.lines[i].carried() == carried {
			out = append(out, l.id(&l.lines[i]))
		}
	}
	slices.Sort(out)
	return out
}

// EachIssued calls f with every line the ledger issued, in no set order (the same for
// the same calls that built the ledger).
func (l *Ledger) EachIssued(f func(id, payout string, amount money.Amount)) {
	for i := range l.lines {
		if r := &l.lines[i]; !r.carried() {
			f(l.id(r), l.payoutIDs[r.payout], l.amount(r))
		}
	}
}

// EachPrefixed calls f with every line the ledger issued or carried whose ID starts
// with prefix (carried tells which), sorted lines in ID order first.
func (l *Ledger) EachPrefixed(prefix string, f func(id, payout string, amount money.Amount, carried bool)) {
	sorted := l.lines[:l.sorted]
	i := l.firstAtLeast(prefix)
	for ; i < len(sorted); i++ {
		r := &sorted[i]
		id := l.id(r)
		if !strings.HasPrefix(id, prefix) {
			break
		}
		f(id, l.payoutIDs[r.payout], l.amount(r), r.carried())
	}
	for j := l.sorted; j < len(l.lines); j++ {
		r := &l.lines[j]
		if id := l.id(r); strings.HasPrefix(id, prefix) {
			f(id, l.payoutIDs[r.payout], l.amount(r), r.carried())
		}
	}
}

// HasPrefixed reports whether the ledger issued or carried a line whose ID starts
// with prefix.
func (l *Ledger) HasPrefixed(prefix string) bool {
	if i := l.firstAtLeast(prefix); i < l.sorted && strings.HasPrefix(l.id(&l.lines[i]), prefix) {
		return true
	}
	for j := l.sorted; j < len(l.lines); j++ {
		if strings.HasPrefix(l.id(&l.lines[j]), prefix) {
			return true
		}
	}
	return false
}

// firstAtLeast is the index of the first sorted line whose ID is not below s.
func (l *Ledger) firstAtLeast(s string) int {
	i, _ := slices.BinarySearchFunc(l.lines[:l.sorted], s, func(r ledgerLine, s string) int { return strings.Compare(l.id(&r), s) })
	return i
}

// HasPeriod reports whether a ledger workbook of period m was read, even one with no
// payouts (a month in which nobody earned anything).
func (l *Ledger) HasPeriod(m civil.Month) bool { return l.Periods[m] }
