package book

import (
	"crypto/sha256"
	"encoding/hex"
	"hash"
	"sort"
)

// SealSheet is the hidden sheet in which a payouts.xlsx records what it issued, so the
// next run can tell an edit of anything but the paid-date columns.
const SealSheet = "Seal"

// SealVersion names the seal's layout in its workbook record: v4 records the won date
// of each deal whose won date a run relied on (SealWon); v3 records the workbook it was
// issued after (SealAfter) but no won dates; v2 records every campaign lead's owner but
// not its predecessor; v1 records neither.
const (
	SealVersion   = "v4"
	SealVersionV3 = "v3"
	SealVersionV2 = "v2"
	SealVersionV1 = "v1"
)

// SealRow is the Summary sheet's label of the row that repeats the seal's digest: a
// workbook whose Seal sheet was deleted still names the seal it had.
const SealRow = "Seal"

// Seal record kinds, the first column of the Seal sheet.
const (
	SealWorkbook = "workbook"
	SealPayout   = "payout"
	SealLine     = "line"
	SealLead     = "lead"
	// SealAfter records the ledger workbook the run read last (Link): a v3 seal has
	// exactly one, with an empty period when the run read no ledger.
	SealAfter = "after"
	// SealWon records a deal's won date as the run used it (SealedWon), from v4 on.
	SealWon = "won"
)

// Seal columns: Record, then the record's fields. Every cell is text, so a spreadsheet
// program that opens and saves the workbook keeps the values exactly.
const (
	SealRecord = "Record"
	SealID     = "ID"
	SealDigest = "Digest"
	Campaign   = "Campaign"
	DealtBy    = "Dealt by"
	WonDate    = "Won date"
)

// SealColumns is the header of the Seal sheet. A v1 seal has no Campaign and Dealt by;
// a seal before v4 has no Won date.
var SealColumns = []string{SealRecord, SealID, PartnerID, Period, Status, Currency, Opening, Earned,
	Clawbacks, Charges, Amount, DueDate, PayoutID, SealDigest, Campaign, DealtBy, WonDate}

// SealColumnsV1 are the columns every seal has.
var SealColumnsV1 = SealColumns[:14]

// SealedPayout is what a workbook issued for one payout, every amount and date in its
// canonical text (amounts as money.Amount.String, dates as YYYY-MM-DD).
type SealedPayout struct {
	ID, PartnerID, Period, Status, Currency     string
	Opening, Earned, Clawbacks, Charges, Amount string
	Due                                         string // "" when none
	LinesDigest                                 string
}

// SealedLine is one issued line: its ID, payout, partner and amount.
type SealedLine struct {
	ID, PayoutID, PartnerID, Amount string
}

// SealedLead is the owner a run reported for one campaign lead: the next run keeps it,
// so a lead inserted or retagged later never moves a reported lead to another party.
// Period is the month the lead was first reported; By says how its owner was chosen
// (LeadByRotation, LeadByTag, LeadByFirstTouch).
type SealedLead struct {
	Deal, Campaign, Owner, By, Period string
}

// How a lead's owner was chosen, the Dealt by column of its seal record.
const (
	LeadByRotation   = "rotation"
	LeadByTag        = "tag"
	LeadByFirstTouch = "first-touch"
)

// SealedWon is the won date a run used for one deal (YYYY-MM-DD): the next run keeps
// it when the export dates the win otherwise, so a CRM's update timestamp standing for
// the won date, or a won date edited after lines were issued on it, never moves a deal
// out of history or into other terms, holds or windows.
type SealedWon struct {
	Deal, Date string
}

// Link names the ledger workbook a run read last, the one its workbook was issued
// after: its period and seal digest (Digest "" when it had no seal). The zero Link is a
// first run's: it read no ledger.
type Link struct {
	Period, Digest string
}

// Seal is everything a workbook issued, with a digest over all of it.
type Seal struct {
	Version          string // SealVersion when written; "" means SealVersion
	Period, Currency string
	After            Link           // recorded from v3 on
	Payouts          []SealedPayout // sorted by ID
	Lines            []SealedLine   // sorted by ID
	Leads            []SealedLead   // sorted by deal; none in a v1 seal
	Won              []SealedWon    // sorted by deal; none before v4
	Digest           string         // Compute() when written
}

// version is the seal's layout version.
func (s *Seal) version() string {
	if s.Version == "" {
		return SealVersion
	}
	return s.Version
}

// LinesDigest is the SHA-256 of lines sorted by line ID: ID, amount, partner, payout.
func LinesDigest(lines []SealedLine) string {
	ls := byID(lines, func(l SealedLine) string { return l.ID })
	d := newDigest()
	for _, l := range ls {
		d.record(l.ID, l.Amount, l.PartnerID, l.PayoutID)
	}
	return d.sum()
}

// Compute is the SHA-256 over the whole seal (but its Digest), payouts and lines sorted.
func (s *Seal) Compute() string {
	ps := byID(s.Payouts, func(p SealedPayout) string { return p.ID })
	ls := byID(s.Lines, func(l SealedLine) string { return l.ID })
	d := newDigest()
	d.record(SealWorkbook, s.version(), s.Period, s.Currency)
	if s.RecordsAfter() {
		d.record(SealAfter, s.After.Period, s.After.Digest)
	}
	for i := range ps {
		p := &ps[i]
		d.record(SealPayout, p.ID, p.PartnerID, p.Period, p.Status, p.Currency, p.Opening, p.Earned,
			p.Clawbacks, p.Charges, p.Amount, p.Due, p.LinesDigest)
	}
	for i := range ls {
		l := &ls[i]
		d.record(SealLine, l.ID, l.PayoutID, l.PartnerID, l.Amount)
	}
	ds := byID(s.Leads, func(d SealedLead) string { return d.Deal })
	for i := range ds {
		l := &ds[i]
		d.record(SealLead, l.Deal, l.Campaign, l.Owner, l.By, l.Period)
	}
	ws := byID(s.Won, func(w SealedWon) string { return w.Deal })
	for i := range ws {
		d.record(SealWon, ws[i].Deal, ws[i].Date)
	}
	return d.sum()
}

// byID is xs in the order the digest takes them, sorted by key. Records written in
// that order already (strictly increasing keys, as the writer seals them) are taken as
// they are; any others are sorted on a copy exactly as before, so a digest never depends
// on whether the records came sorted.
func byID[T any](xs []T, key func(T) string) []T {
	sorted := true
	for i := 1; i < len(xs) && sorted; i++ {
		sorted = key(xs[i-1]) < key(xs[i])
	}
	if sorted {
		return xs
	}
	c := append([]T(nil), xs...)
	sort.Slice(c, func(i, j int) bool { return key(c[i]) < key(c[j]) })
	return c
}

// digest hashes records: each one's fields escaped (backslash, tab and newline as
// \\, \t and \n), joined by tabs and ended by a newline, so no two records or fields
// run together. It reuses one buffer for every record.
type digest struct {
	h   hash.Hash
	buf []byte
}

func newDigest() *digest { return &digest{h: sha256.New(), buf: make([]byte, 0, 256)} }

func (d *digest) record(vs ...string) {
	b := d.buf[:0]
	for i, v := range vs {
		if i > 0 {
			b = append(b, '\t')
		}
		b = appendEscaped(b, v)
	}
	b = append(b, '\n')
	d.h.Write(b)
	d.buf = b
}

func (d *digest) sum() string {
	var out [sha256.Size]byte
	return hex.EncodeToString(d.h.Sum(out[:0]))
}

// appendEscaped appends v with backslash, tab and newline escaped.
func appendEscaped(b []byte, v string) []byte {
	start := 0
	for i := 0; i < len(v); i++ {
		var esc byte
		switch v[i] {
		case '\\':
			esc = '\\'
		case '\t':
			esc = 't'
		case '\n':
			esc = 'n'
		default:
			continue
		}
		b = append(b, v[start:i]...)
		b = append(b, '\\', esc)
		start = i + 1
	}
	return append(b, v[start:]...)
}

// RecordsAfter reports whether the seal's version records the workbook it was issued
// after: v1 and v2 seals do not.
func (s *Seal) RecordsAfter() bool {
	v := s.version()
	return v != SealVersionV1 && v != SealVersionV2
}

// RecordsWon reports whether the seal's version records won dates: v1 to v3 do not.
func (s *Seal) RecordsWon() bool {
	return s.RecordsAfter() && s.version() != SealVersionV3
}

// EachRow calls f with each of the Seal sheet's rows after the header, in SealColumns
// order, and stops at the first error. The won records, a row per won deal, are built
// one at a time in one reused row: f must not keep a row.
func (s *Seal) EachRow(f func(row []string) error) error {
	for _, r := range s.headRows() {
		if err := f(r); err != nil {
			return err
		}
	}
	return s.eachWon(f)
}

// eachWon calls f with the row of each won record, in one reused row.
func (s *Seal) eachWon(f func(row []string) error) error {
	row := make([]string, len(SealColumns))
	for _, w := range s.Won {
		row[0], row[1], row[len(row)-1] = SealWon, w.Deal, w.Date
		if err := f(row); err != nil {
			return err
		}
	}
	return nil
}

// headRows are the Seal sheet's rows but the won records.
func (s *Seal) headRows() [][]string {
	rows := [][]string{{SealWorkbook, s.version(), "", s.Period, "", s.Currency, "", "", "", "", "", "", "", s.Digest}}
	if s.RecordsAfter() {
		rows = append(rows, []string{SealAfter, "", "", s.After.Period, "", "", "", "", "", "", "", "", "", s.After.Digest})
	}
	for _, p := range s.Payouts {
		rows = append(rows, []string{SealPayout, p.ID, p.PartnerID, p.Period, p.Status, p.Currency, p.Opening,
			p.Earned, p.Clawbacks, p.Charges, p.Amount, p.Due, "", p.LinesDigest})
	}
	for _, l := range s.Lines {
		rows = append(rows, []string{SealLine, l.ID, l.PartnerID, "", "", "", "", "", "", "", l.Amount, "", l.PayoutID, ""})
	}
	for _, d := range s.Leads {
		rows = append(rows, []string{SealLead, d.Deal, d.Owner, d.Period, "", "", "", "", "", "", "", "", "", "", d.Campaign, d.By})
	}
	return rows
}
