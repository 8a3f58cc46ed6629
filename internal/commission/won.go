package commission

import (
	"fmt"
	"slices"
	"strings"

	"github.com/partnerbook/partnerbook/internal/civil"
	"github.com/partnerbook/partnerbook/internal/diag"
	"github.com/partnerbook/partnerbook/internal/domain"
)

// WonRecord is a deal's won date as this run used it: payouts.xlsx seals it, and later
// runs keep it whatever the export then says.
type WonRecord struct {
	Deal string
	Date civil.Date
}

// pinnedListed is how many deals whose won date the ledger keeps are each named in a
// warning of their own; the rest are counted in one.
const pinnedListed = 10

// pinWon keeps the won date the ledger recorded for each won deal the export now dates
// otherwise, before anything is decided on it: the terms version, a hold, a clawback or
// margin window, history before start, the month a value in another currency is
// converted at. Lines issued on a date are never recomputed on another, and a deal
// seen won before start stays history, when the export's date drifts: an update
// timestamp standing for the won date (GoHighLevel's "Updated on") moves with any edit.
func pinWon(prog *domain.Program, led *domain.Ledger, deals []*domain.Deal, probs *diag.List) {
	update := prog.Deals.ClosedIsUpdate
	if update && led.WonUnrecorded != "" {
		probs.Warnf(diag.Pos{File: led.WonUnrecorded}, "the ledger's latest workbook records no won dates (written by an earlier partnerbook, or unsealed): the export's %q column is when a deal was last updated, which any edit moves, so a deal won before start (history) and edited since is not known to be history, and a won date that moved is not checked; from the payouts.xlsx this run writes on, each won deal keeps the won date recorded",
			prog.Deals.Columns["closed"])
	}
	if led.Won.Len() == 0 {
		return
	}
	n := 0
	var more []string
	for _, d := range deals {
		if d.Status != domain.Won || d.Closed.IsZero() {
			continue
		}
		rec, ok := led.Won.Get(d.ID)
		if !ok || rec.Date == d.Closed {
			continue
		}
		was := d.Closed
		d.Closed = rec.Date
		fx := repriced(prog, d)
		if n++; n > pinnedListed {
			if len(more) < 3 {
				more = append(more, fmt.Sprintf("%q (%s, kept %s)", d.ID, was, rec.Date))
			}
			continue
		}
		recorded := rec.Workbook + " recorded it won on " + rec.Date.String()
		if rec.FromLines {
			recorded = rec.Workbook + " issued its lines on a won date of " + rec.Date.String() + " (the Event date of its fee in the Lines sheet)"
		}
		why := "a won date that payouts were decided on is kept, so lines issued on it are never recomputed under other terms, holds or windows, and a deal won before start stays history; if " +
			was.String() + " is the true won date, the lines issued on " + rec.Date.String() + " stand: settle the difference with the partner outside the run"
		if update {
			why = fmt.Sprintf("%q is when the deal was last updated (a note, a tag, a stage), not when it was won, so the recorded date is kept for its terms, hold, windows and history before start", prog.Deals.Columns["closed"])
		}
		probs.Warnf(d.Pos(), "deal %q: the export dates its win %s, but %s: %s%s", d.ID, was, recorded, why, fx)
	}
	if len(more) > 0 {
		probs.Warnf(diag.Pos{File: prog.Deals.Name}, "%d more won deals are dated otherwise than the ledger recorded, and keep the recorded won date as the %d named above do: %s",
			n-pinnedListed, pinnedListed, strings.Join(more, ", ")+map[bool]string{true: ", ...", false: ""}[n-pinnedListed > len(more)])
	}
}

// wonUnknown warns, on a run whose ledger records no won dates (a first run) and
// whose closed date is an update timestamp, of the partners' won deals created before
// start whose win the export dates on or after it: a deal won before start (history)
// and edited since is dated by the edit, so its fee is paid, and the date this run
// records is kept by every later run. The first ten are named, the rest counted.
func wonUnknown(prog *domain.Program, led *domain.Ledger, deals []*Deal, probs *diag.List) {
	start := prog.Start
	if !prog.Deals.ClosedIsUpdate || start.IsZero() || led.Won.Len() > 0 || led.WonUnrecorded != "" {
		return
	}
	var named []string
	n := 0
	for _, d := range deals {
		if d.Partner == nil || d.Status != domain.Won || d.Closed.IsZero() || d.Created.IsZero() || !d.Created.Before(start) || d.Closed.Before(start) {
			continue
		}
		if n++; n <= pinnedListed {
			named = append(named, fmt.Sprintf("%q (partner %q, created %s, dated won %s)", d.ID, d.Partner.ID, d.Created, d.Closed))
		}
	}
	if n == 0 {
		return
	}
	list := strings.Join(named, ", ")
	if n > pinnedListed {
		list += fmt.Sprintf(" and %d more", n-pinnedListed)
	}
	col := prog.Deals.Columns["closed"]
	probs.Warnf(diag.Pos{File: prog.Deals.Name}, "%d won %s created before start = %s %s dated won on or after it by %q, which is when a deal was last updated (a note, a tag, a stage), not when it was won: %s. "+
		"The export cannot tell whether %s won before start (history, never paid) and edited since; this run pays %s lines and records the dates it used, which later runs keep. "+
		"If your CRM has a real won-date field, export it and map closed to it in [input.deals] columns; otherwise check each deal before paying it",
		n, plural(n, "deal", "deals"), start, plural(n, "is", "are"), col, list, plural(n, "it was", "they were"), plural(n, "its", "their"))
}

// repriced converts a deal's value in another currency again at the rate of its kept
// won date's month, and says so ("" when nothing changes); without a rate for that
// month it keeps the export date's conversion and says that.
func repriced(prog *domain.Program, d *domain.Deal) string {
	if d.FX == nil {
		return ""
	}
	m := civil.MonthOf(d.Closed)
	if m == d.FX.Month {
		return ""
	}
	rate, ok := prog.Rates.Rate(d.FX.Currency, m)
	if !ok {
		return fmt.Sprintf("; its value stays converted at the %s rate, as [fx.%s] gives none for %s", d.FX.Month, d.FX.Currency, m)
	}
	c := *d.FX
	c.Rate, c.Month = rate, m
	d.FX = &c
	d.Value = prog.Policy.Round(c.Original.Convert(rate))
	return fmt.Sprintf("; its value is converted at the %s rate", m)
}

// recordWon is what this run's payouts.xlsx records of won dates, sorted by deal: every
// date the ledger recorded, and the date this run used for each won deal of an export
// whose closed date is an update timestamp, or else for each won deal with a line
// issued or payable (the dates lines were issued on).
func (r *Result) recordWon() {
	var mine []WonRecord
	if r.Program.Deals.ClosedIsUpdate {
		for _, d := range r.Deals {
			if d.Status == domain.Won && !d.Closed.IsZero() {
				mine = append(mine, WonRecord{d.ID, d.Closed})
			}
		}
	} else {
		relied := map[string]bool{}
		for _, l := range r.Lines {
			if l.DealID != "" && (l.State == Payable || l.State == Issued) {
				relied[l.DealID] = true
			}
		}
		for _, d := range r.Deals {
			if relied[d.ID] && d.Status == domain.Won && !d.Closed.IsZero() {
				mine = append(mine, WonRecord{d.ID, d.Closed})
				delete(relied, d.ID) // a deal listed twice is recorded once
			}
		}
	}
	slices.SortStableFunc(mine, func(a, b WonRecord) int { return strings.Compare(a.Deal, b.Deal) })
	out := make([]WonRecord, 0, len(mine)+r.Ledger.Won.Len())
	i := 0
	// The ledger's records and this run's, merged by deal: a recorded date wins (the
	// run kept it anyway), and a deal the export no longer has keeps its record.
	r.Ledger.Won.Each(func(deal string, date civil.Date) {
		for ; i < len(mine) && mine[i].Deal < deal; i++ {
			out = appendWon(out, mine[i])
		}
		for ; i < len(mine) && mine[i].Deal == deal; i++ {
		}
		out = appendWon(out, WonRecord{deal, date})
	})
	for ; i < len(mine); i++ {
		out = appendWon(out, mine[i])
	}
	r.Won = out
}

// appendWon appends w unless out ends with a record of its deal.
func appendWon(out []WonRecord, w WonRecord) []WonRecord {
	if n := len(out); n > 0 && out[n-1].Deal == w.Deal {
		return out
	}
	return append(out, w)
}
