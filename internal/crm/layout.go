package crm

import (
	"fmt"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/partnerbook/partnerbook/internal/civil"
	"github.com/partnerbook/partnerbook/internal/diag"
	"github.com/partnerbook/partnerbook/internal/domain"
	"github.com/partnerbook/partnerbook/internal/sheet"
	"github.com/partnerbook/partnerbook/internal/terms"
)

// layoutColumns fits a preset's mapping to the layout this export is written in: each
// column the program file does not name itself takes the first of the layout's headers
// that the export has. It reports false when the export lacks a column its CRM can add.
func layoutColumns(t *sheet.Table, in domain.DealsInput, mapping map[string]string, probs *diag.List) (terms.Layout, bool) {
	lay, known := terms.PresetLayout(in.Preset, t.Headers())
	if !known {
		return lay, true
	}
	for _, k := range terms.DealColumns {
		if in.Explicit[k] {
			continue
		}
		hs := lay.Heads[k]
		mapping[k] = ""
		for _, h := range hs {
			if _, ok := t.Column(h); ok {
				mapping[k] = h
				break
			}
		}
		if mapping[k] == "" && len(hs) > 0 {
			mapping[k] = hs[0]
		}
	}
	ok := true
	for _, k := range terms.RequiredDealColumns {
		hint := lay.Missing[k]
		if hint == "" || in.Explicit[k] {
			continue
		}
		if _, found := t.Column(mapping[k]); !found {
			probs.Errorf(t.Pos(-1), "no %q column (%s) in this %s export: %s", mapping[k], k, in.Preset, hint)
			ok = false
		}
	}
	// A header held twice ("all properties" exports) is checked as the rows are read.
	return lay, ok
}

// boolCell reads a true/false cell; ok is false for an empty or absent cell.
func boolCell(t *sheet.Table, col int, found bool) (v, ok bool) {
	if !found {
		return false, false
	}
	row := t.Current()
	if col >= len(row) {
		return false, false
	}
	switch sheet.Norm(row[col]) {
	case "true", "1", "yes":
		return true, true
	case "false", "0", "no":
		return false, true
	}
	return false, false
}

// dateReader reads the date cells of one export: with the program's date_format, else
// the layout's usual pattern, and it names the date_format to set when a cell fails.
type dateReader struct {
	t         *sheet.Table
	section   string // "[input.deals]"
	format    string // Go layout from date_format
	assumed   string // Go layout of the layout's usual pattern, when date_format is unset
	pattern   string // that pattern, for messages
	ambiguous int    // values the assumed pattern read that could be read the other way
	first     diag.Pos
	serials   map[string]civil.Date // the days of the serial numbers read so far

	// order is "day" or "month": which comes first in the layout text dates are read
	// with, when both are numbers ("" otherwise); mixes are the columns that hold date
	// cells and text dates in that layout, by column.
	order string
	mixes map[int]*dateMix
}

// dateMix is what a date column holds: its first date cell (one whose day and month
// could be swapped, if any), and its first text date read in a numeric layout.
type dateMix struct {
	typedRow, textRow int
	typed, textDate   civil.Date
	text              string
}

func newDateReader(t *sheet.Table, section, format, pattern string) *dateReader {
	r := &dateReader{t: t, section: section, format: format, serials: map[string]civil.Date{}}
	if format == "" && pattern != "" {
		r.assumed, _ = terms.DateLayout(pattern)
		r.pattern = pattern
	}
	layout := r.format
	if layout == "" {
		layout = r.assumed
	}
	r.order = numericOrder(layout)
	return r
}

// numericOrder is "day" when a Go layout writes the day, as a number, before the
// month as a number (02/01/2006), "month" for the other way round, "" when it writes
// no such pair (a month name, an ISO date).
func numericOrder(layout string) string {
	if layout == "" {
		return ""
	}
	text := time.Date(1999, 11, 22, 0, 0, 0, 0, time.UTC).Format(layout)
	d, m := strings.Index(text, "22"), strings.Index(text, "11")
	switch {
	case d < 0 || m < 0 || strings.Contains(text, "Nov"):
		return ""
	case d < m:
		return "day"
	}
	return "month"
}

// noteMix records a date cell or a text date of a column, for mixed.
func (r *dateReader) noteMix(col int, kind sheet.Kind, d civil.Date, s string) {
	if r.order == "" {
		return
	}
	if r.mixes == nil {
		r.mixes = map[int]*dateMix{}
	}
	m := r.mixes[col]
	if m == nil {
		m = &dateMix{}
		r.mixes[col] = m
	}
	switch {
	case kind == sheet.DateNumber && (m.typedRow == 0 || m.typed.Day() > 12 && d.Day() <= 12):
		m.typedRow, m.typed = r.t.Row(), d
	case kind == sheet.Text && m.textRow == 0:
		m.textRow, m.text, m.textDate = r.t.Row(), strings.Clone(s), d
	}
}

// mixed refuses each column that holds both date cells and text dates in the numeric
// layout of date_format: the mark of a CSV file opened in a spreadsheet whose locale
// reads dates the other way round. It turned "06/10/2026" (6 October, day first) into
// the date cell 10 June, and left "13/10/2026", no date in its order, as text.
func (r *dateReader) mixed(probs *diag.List) {
	cols := make([]int, 0, len(r.mixes))
	for c, m := range r.mixes {
		if m.typedRow > 0 && m.textRow > 0 {
			cols = append(cols, c)
		}
	}
	sort.Ints(cols)
	for _, c := range cols {
		m := r.mixes[c]
		pos := r.t.Pos(c)
		pos.Row = m.typedRow
		order, other, where := "day first", "month first", "a month-first locale (US)"
		if r.order == "month" {
			order, other, where = "month first", "day first", "a day-first locale (UK, most of Europe)"
		}
		swapped := ""
		if d := m.typed; d.Day() <= 12 && int(d.Month()) != d.Day() {
			meant := civil.New(d.Year(), time.Month(d.Day()), int(d.Month()))
			swapped = fmt.Sprintf(" (if it was written %q, it meant %s)", d.Time().Format(swapLayout(r.order)), meant)
		}
		probs.Errorf(pos, "the column holds date cells, such as %s in this row%s, and dates written as text %s, such as %q in row %d: "+
			"a spreadsheet in %s opening a CSV file turns a text date it can read %s into a date cell with day and month swapped, and leaves the others as text. "+
			"Export the file again from the system it came from, or import the CSV with this column as text (Excel: Data > From Text/CSV, column data type Text; LibreOffice: column type Text). "+
			"In a sheet kept by hand, make row %d's date a date cell, or type it as ISO text, %s: ISO text dates mix freely with date cells",
			m.typed, swapped, order, m.text, m.textRow, where, other, m.textRow, m.textDate)
	}
}

// swapLayout writes a date as the other order would have: what the spreadsheet read.
func swapLayout(order string) string {
	if order == "day" {
		return "01/02/2006"
	}
	return "02/01/2006"
}

var dmy = regexp.MustCompile(`^(\d{1,2})[/.-](\d{1,2})[/.-](\d{2}|\d{4})\b`)

// required reads the current row's date in column key, which every row must have:
// false, with an error naming the cell, when it is empty or not a date. what names
// the date in the message ("missing payment date").
func (r *dateReader) required(cols map[string]int, key, what string, probs *diag.List) (civil.Date, bool) {
	s, col := r.t.Cell(cols, key)
	if s == "" {
		probs.Errorf(r.t.Pos(col), "missing %s date", what)
		return civil.Date{}, false
	}
	d, err := r.read(s, col)
	if err != nil {
		probs.Errorf(r.t.Pos(col), "%v", err)
		return d, false
	}
	return d, true
}

func (r *dateReader) read(s string, col int) (civil.Date, error) {
	// The usual cells are read here as the sheet reader reads them, without its
	// attempts at each layout in turn: ISO dates and timestamps, and the serial
	// numbers of date cells (a column holds a few thousand distinct days, so each is
	// converted once).
	var d civil.Date
	known := false
	switch kind := r.t.Kind(col); kind {
	case sheet.Text, sheet.ISODate:
		d, known = isoDay(s)
	case sheet.DateNumber:
		d, known = r.serials[s]
	}
	if !known {
		layout := r.format
		if layout == "" {
			layout = r.assumed
		}
		var err error
		d, err = r.t.DateCell(col, layout)
		if err != nil {
			// A number, TRUE/FALSE or error cell, or a bare year: the reader says why.
			if r.t.Kind(col) != sheet.Text || strings.Contains(err.Error(), "year") {
				return d, err
			}
			return d, r.explain(s)
		}
		if r.t.Kind(col) == sheet.DateNumber && len(r.serials) < 1<<16 {
			r.serials[strings.Clone(s)] = d
		}
		if r.t.Kind(col) == sheet.Text && r.order != "" {
			if _, err := time.Parse(layout, s); err == nil {
				r.noteMix(col, sheet.Text, d, s) // read with the layout, not as an ISO date
			}
		}
	}
	if r.t.Kind(col) == sheet.DateNumber {
		r.noteMix(col, sheet.DateNumber, d, s)
	}
	// dmy needs a separator after one or two digits; an ISO date has four.
	if r.format == "" && r.assumed != "" && len(s) > 2 && (isDateSep(s[1]) || isDateSep(s[2])) {
		if m := dmy.FindStringSubmatch(s); m != nil {
			a, _ := strconv.Atoi(m[1])
			b, _ := strconv.Atoi(m[2])
			if a <= 12 && b <= 12 && a != b {
				if r.ambiguous == 0 {
					r.first = r.t.Pos(col)
				}
				r.ambiguous++
			}
		}
	}
	return d, nil
}

func isDateSep(c byte) bool { return c == '/' || c == '.' || c == '-' }

// isoDay reads the ISO forms the sheet reader tries first, strictly: YYYY-MM-DD,
// an RFC 3339 timestamp (YYYY-MM-DDTHH:MM:SS, optional fraction, then Z or ±HH:MM),
// YYYY-MM-DDTHH:MM:SS, YYYY-MM-DD HH:MM:SS and YYYY-MM-DD HH:MM. Its day is the
// day as written, as the reader gives it. ok is false for anything else, which is
// left to the reader (and to its messages).
func isoDay(s string) (d civil.Date, ok bool) {
	if len(s) < 10 || s[4] != '-' || s[7] != '-' {
		return civil.Date{}, false
	}
	y, okY := num(s[0:4], 0, 9999)
	m, okM := num(s[5:7], 1, 12)
	if !okY || !okM {
		return civil.Date{}, false
	}
	day, okD := num(s[8:10], 1, daysIn(m, y))
	if !okD {
		return civil.Date{}, false
	}
	d = civil.New(y, time.Month(m), day)
	rest := s[10:]
	switch {
	case rest == "":
		return d, true
	case len(rest) < 6 || (rest[0] != 'T' && rest[0] != ' ') || rest[3] != ':':
		return civil.Date{}, false
	}
	if _, ok := num(rest[1:3], 0, 23); !ok {
		return civil.Date{}, false
	}
	if _, ok := num(rest[4:6], 0, 59); !ok {
		return civil.Date{}, false
	}
	if rest = rest[6:]; rest == "" {
		return d, s[10] == ' ' // YYYY-MM-DD HH:MM
	}
	if len(rest) < 3 || rest[0] != ':' {
		return civil.Date{}, false
	}
	if _, ok := num(rest[1:3], 0, 59); !ok {
		return civil.Date{}, false
	}
	if rest = rest[3:]; rest == "" {
		return d, true // YYYY-MM-DDTHH:MM:SS or YYYY-MM-DD HH:MM:SS
	}
	if s[10] != 'T' {
		return civil.Date{}, false
	}
	// RFC 3339: a fraction of a second, then the zone.
	if len(rest) >= 2 && rest[0] == '.' && isDigit(rest[1]) {
		n := 2
		for n < len(rest) && isDigit(rest[n]) {
			n++
		}
		rest = rest[n:]
	}
	if rest == "Z" {
		return d, true
	}
	if len(rest) != 6 || (rest[0] != '+' && rest[0] != '-') || rest[3] != ':' {
		return civil.Date{}, false
	}
	_, okH := num(rest[1:3], 0, 23)
	_, okMin := num(rest[4:6], 0, 59)
	return d, okH && okMin
}

// num reads a field of digits only, within [lo, hi].
func num(s string, lo, hi int) (int, bool) {
	n := 0
	for i := 0; i < len(s); i++ {
		if !isDigit(s[i]) {
			return 0, false
		}
		n = n*10 + int(s[i]-'0')
	}
	return n, n >= lo && n <= hi
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

// daysIn is the number of days of month m of year y (proleptic Gregorian).
func daysIn(m, y int) int {
	switch m {
	case 2:
		if y%4 == 0 && (y%100 != 0 || y%400 == 0) {
			return 29
		}
		return 28
	case 4, 6, 9, 11:
		return 30
	}
	return 31
}

// done refuses columns that mix date cells with text dates (see mixed), and warns once
// when dates were read in an assumed order that the values do not prove.
func (r *dateReader) done(probs *diag.List) {
	r.mixed(probs)
	if r.ambiguous > 0 {
		other := "DD/MM/YYYY"
		if strings.HasPrefix(r.pattern, "DD") {
			other = "MM/DD/YYYY"
		}
		probs.Warnf(r.first, "%d %s read as %s, the export's usual order; if your locale writes them %s, set date_format = %q in %s (setting it to %q silences this)",
			r.ambiguous, plural(r.ambiguous, "date", "dates"), r.pattern, other, other, r.section, r.pattern)
	}
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

// closedLooking reports whether a status word reads like a closed deal.
func closedLooking(s string) bool {
	k := sheet.Norm(s)
	for _, w := range []string{"won", "lost", "closed", "abandon", "win", "signed", "gewonnen", "gagn"} {
		if strings.Contains(k, w) {
			return true
		}
	}
	return false
}

// nothingWon warns when no deal counts as won although the export holds statuses
// that look closed: the status words of the program do not match this export.
func nothingWon(deals []*domain.Deal, header string, pos diag.Pos, probs *diag.List) {
	seen := map[string]bool{}
	looks := false
	for _, d := range deals {
		if d.Status == domain.Won {
			return
		}
		if d.StatusText != "" {
			seen[d.StatusText] = true
			looks = looks || closedLooking(d.StatusText)
		}
	}
	if !looks {
		return
	}
	vals := make([]string, 0, len(seen))
	for v := range seen {
		vals = append(vals, v)
	}
	sort.Strings(vals)
	example := ""
	for _, v := range vals {
		if k := sheet.Norm(v); strings.Contains(k, "won") || strings.Contains(k, "win") {
			example = v
			break
		}
	}
	if example == "" {
		example = vals[0]
	}
	q := make([]string, len(vals))
	for i, v := range vals {
		q[i] = strconv.Quote(v)
	}
	probs.Warnf(pos, "no deal counts as won, but the %q column holds %s: set [input.deals.status] won = [%q] (and lost = [...]) to the values that mean won and lost",
		header, strings.Join(q, ", "), example)
}
