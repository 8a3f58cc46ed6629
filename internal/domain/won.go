package domain

import (
	"slices"
	"strings"

	"github.com/partnerbook/partnerbook/internal/civil"
)

// WonDates are the won dates earlier runs relied on, by deal ID: the date each deal's
// lines were decided on (terms version, hold, windows, history before start). A run
// keeps a deal's recorded date when the export now gives another.
//
// Records are added while the ledger is read, the first one of a deal winning (the
// workbooks are read oldest first), then Sort makes them a list sorted by deal ID
// found by binary search: a record is a deal ID, a date and a workbook index, with
// no map per deal.
type WonDates struct {
	recs   []wonRec
	books  []string // the workbooks records were read from, for messages
	sorted bool
}

type wonRec struct {
	deal string
	date civil.Date
	book int32 // index into books
	// lines: read from the Lines sheet's Event date of the deal's fee or charge (a
	// workbook written before won dates were sealed), not from the seal.
	lines bool
}

// WonDate is one deal's recorded won date and where it was read.
type WonDate struct {
	Date     civil.Date
	Workbook string // the ledger workbook it was read from
	// FromLines says the date is the Event date of a line the workbook issued (it
	// records no won dates of its own), not a sealed record.
	FromLines bool
}

// Add records deal's won date as read from workbook; the first record of a deal
// added wins once Sort is called.
func (w *WonDates) Add(deal string, date civil.Date, workbook string, fromLines bool) {
	b := len(w.books) - 1
	if b < 0 || w.books[b] != workbook {
		w.books = append(w.books, workbook)
		b = len(w.books) - 1
	}
	w.recs = append(w.recs, wonRec{deal: deal, date: date, book: int32(b), lines: fromLines})
	w.sorted = false
}

// Sort makes the records found by Get: sorted by deal, the first added of each deal kept.
func (w *WonDates) Sort() {
	slices.SortStableFunc(w.recs, func(a, b wonRec) int { return strings.Compare(a.deal, b.deal) })
	w.recs = slices.CompactFunc(w.recs, func(a, b wonRec) bool { return a.deal == b.deal })
	w.recs = slices.Clip(w.recs)
	w.sorted = true
}

// Get is deal's recorded won date; ok is false when none is recorded.
func (w *WonDates) Get(deal string) (WonDate, bool) {
	if w == nil || len(w.recs) == 0 {
		return WonDate{}, false
	}
	if !w.sorted {
		w.Sort()
	}
	i, ok := slices.BinarySearchFunc(w.recs, deal, func(r wonRec, id string) int { return strings.Compare(r.deal, id) })
	if !ok {
		return WonDate{}, false
	}
	r := &w.recs[i]
	return WonDate{Date: r.date, Workbook: w.books[r.book], FromLines: r.lines}, true
}

// Len is how many deals have a recorded won date.
func (w *WonDates) Len() int {
	if w == nil {
		return 0
	}
	if !w.sorted {
		w.Sort()
	}
	return len(w.recs)
}

// Each calls f with every recorded deal and date, sorted by deal ID.
func (w *WonDates) Each(f func(deal string, date civil.Date)) {
	if w == nil {
		return
	}
	if !w.sorted {
		w.Sort()
	}
	for i := range w.recs {
		f(w.recs[i].deal, w.recs[i].date)
	}
}
