package crm

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/partnerbook/partnerbook/internal/terms"
)

// A date error names the date_format that reads the value, worked out from the value's
// shape and then checked by reading the value with it as the reader would; a value no
// date_format reads says so and names the forms that are read.

// dateForms names the forms a date cell can take, for a value no date_format reads.
const dateForms = `dates are read as YYYY-MM-DD or an ISO timestamp (2026-09-30T23:30:00Z), as real Excel dates, or as text in a date_format: a pattern of YYYY YY MMMM MMM MM M DD D HH H hh h mm ss A (such as "DD/MM/YYYY HH:mm" or "MMM D, YYYY") or a Go layout (such as "2006-01-02T15:04:05.000-0700")`

// dateHint is what a date error says about a text value.
type dateHint struct {
	format string // a date_format that reads the value; "" when none does
	bad    string // why the value is no date although its form is known ("day out of range")
}

// hintDate works out a date_format for s: a pattern of tokens when one reads it,
// else a Go layout; each is checked by reading s with terms.DateLayout and time.Parse.
func hintDate(s string) dateHint {
	s = strings.TrimSpace(s)
	var h dateHint
	for _, c := range dateCandidates(s) {
		layout, err := terms.DateLayout(c)
		if err != nil {
			continue
		}
		_, err = time.Parse(layout, s)
		if err == nil {
			return dateHint{format: c}
		}
		if pe, ok := err.(*time.ParseError); ok && strings.Contains(pe.Message, "out of range") && h.bad == "" {
			h.bad = strings.TrimPrefix(pe.Message, ": ")
		}
	}
	return h
}

// explain is the error for a text value the date reader could not read: the
// date_format that reads it, or why none does.
func (r *dateReader) explain(s string) error {
	h := hintDate(s)
	switch {
	case h.format != "" && r.format != "":
		return fmt.Errorf("%q does not match the date_format of %s; it looks like %q", s, r.section, h.format)
	case h.format != "":
		return fmt.Errorf("%q is not a date: set date_format = %q in %s", s, h.format, r.section)
	case h.bad != "":
		return fmt.Errorf("%q is not a date (%s)", s, h.bad)
	case r.format != "":
		return fmt.Errorf("%q does not match the date_format of %s, and no date_format reads it: %s", s, r.section, dateForms)
	}
	return fmt.Errorf("%q is not a date in a form partnerbook reads: %s", s, dateForms)
}

// dateToken is a run of digits ('9'), of letters ('a'), or one other character.
type dateToken struct {
	kind byte
	s    string
}

func dateTokens(s string) []dateToken {
	var out []dateToken
	for i := 0; i < len(s); {
		kind := byte(0)
		switch c := s[i]; {
		case c >= '0' && c <= '9':
			kind = '9'
		case c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z':
			kind = 'a'
		}
		j := i + 1
		for kind != 0 && j < len(s) && (kind == '9' && s[j] >= '0' && s[j] <= '9' || kind == 'a' && (s[j] >= 'a' && s[j] <= 'z' || s[j] >= 'A' && s[j] <= 'Z')) {
			j++
		}
		out = append(out, dateToken{kind, s[i:j]})
		i = j
	}
	return out
}

// piece is part of a format: as a date_format pattern, and as a Go layout. goOnly marks
// what a pattern cannot say (a "T" between date and time, a weekday, a time zone).
type piece struct {
	tok, layout string
	goOnly      bool
}

func literal(s string) piece { return piece{s, s, false} }

func goOnly(layout string) piece { return piece{"", layout, true} }

// dateCandidates are the formats that may read s, the pattern before the Go layout.
func dateCandidates(s string) []string {
	toks := dateTokens(s)
	// The time starts at the first "digits:digits".
	at := len(toks)
	for i := 0; i+2 < len(toks); i++ {
		if toks[i].kind == '9' && toks[i+1].s == ":" && toks[i+2].kind == '9' {
			at = i
			break
		}
	}
	dateToks, timeToks := toks[:at], toks[at:]
	// What joins the date and the time: spaces, a comma, or "T".
	var join []piece
	for len(timeToks) > 0 && len(dateToks) > 0 {
		last := dateToks[len(dateToks)-1]
		if last.s == " " || last.s == "," {
			join = append([]piece{literal(last.s)}, join...)
		} else if last.s == "T" && len(join) == 0 {
			join = []piece{goOnly("T")}
		} else {
			break
		}
		dateToks = dateToks[:len(dateToks)-1]
	}
	clock, ok := timePieces(timeToks)
	if !ok {
		return nil
	}
	var out []string
	for _, date := range datePieces(dateToks) {
		ps := append(append(append([]piece{}, date...), join...), clock...)
		var tok, layout strings.Builder
		pattern := true
		for _, p := range ps {
			pattern = pattern && !p.goOnly
			tok.WriteString(p.tok)
			layout.WriteString(p.layout)
		}
		if pattern {
			out = append(out, tok.String())
		}
		out = append(out, layout.String())
	}
	return out
}

// datePieces are the readings of the date part of a value, most likely first.
func datePieces(toks []dateToken) [][]piece {
	digits := func(t dateToken, n int) bool { return t.kind == '9' && len(t.s) == n }
	// 20260930
	if len(toks) == 1 && digits(toks[0], 8) {
		return [][]piece{{{"YYYYMMDD", "20060102", false}}, {{"DDMMYYYY", "02012006", false}}, {{"MMDDYYYY", "01022006", false}}}
	}
	// 2026-09-30, 30.09.2026, 9/30/26
	if len(toks) == 5 && toks[0].kind == '9' && toks[2].kind == '9' && toks[4].kind == '9' &&
		toks[1].s == toks[3].s && strings.Contains("/.-", toks[1].s) && toks[1].s != "" {
		return numericDate(toks[0].s, toks[2].s, toks[4].s, toks[1].s)
	}
	// Sep 30 2026, 30-Sep-26, Wed, 30 September 2026
	var ps []piece
	var short []int // pieces of one or two digits
	month, year := false, false
	for _, t := range toks {
		switch {
		case t.kind == 'a':
			name, weekday, ok := calendarWord(t.s)
			if !ok {
				return nil
			}
			if weekday {
				ps = append(ps, goOnly(name))
				continue
			}
			if month {
				return nil
			}
			month = true
			tok := "MMM"
			if name == "January" {
				tok = "MMMM"
			}
			ps = append(ps, piece{tok, name, false})
		case t.kind == '9' && len(t.s) == 4:
			if year {
				return nil
			}
			year = true
			ps = append(ps, piece{"YYYY", "2006", false})
		case t.kind == '9' && len(t.s) <= 2:
			short = append(short, len(ps))
			ps = append(ps, piece{"D", "2", false})
		case t.kind == '9':
			return nil
		default:
			ps = append(ps, literal(t.s))
		}
	}
	switch {
	case !month:
		return nil
	case year && len(short) == 1:
	case !year && len(short) == 2:
		ps[short[1]] = piece{"YY", "06", false}
	default:
		return nil
	}
	return [][]piece{ps}
}

// numericDate reads a date of three numbers: the year first or last; the day first when
// the first number cannot be a month, the month first when the second cannot be, else
// month first with "/" (the US order) and day first otherwise.
func numericDate(a, b, c, sep string) [][]piece {
	two := func(s, tok, layout string) piece {
		if len(s) == 2 {
			return piece{tok, "0" + layout, false}
		}
		return piece{tok, layout, false}
	}
	day := func(s string) piece { return two(s, "DD", "2") }
	mon := func(s string) piece { return two(s, "MM", "1") }
	sp := literal(sep)
	if len(a) == 4 {
		return [][]piece{{{"YYYY", "2006", false}, sp, mon(b), sp, day(c)}}
	}
	year := piece{"YYYY", "2006", false}
	if len(c) == 2 {
		year = piece{"YY", "06", false}
	} else if len(c) != 4 {
		return nil
	}
	x, _ := strconv.Atoi(a)
	y, _ := strconv.Atoi(b)
	dayFirst := []piece{day(a), sp, mon(b), sp, year}
	monthFirst := []piece{mon(a), sp, day(b), sp, year}
	switch {
	case x > 12:
		return [][]piece{dayFirst}
	case y > 12:
		return [][]piece{monthFirst}
	case sep == "/":
		return [][]piece{monthFirst, dayFirst} // either; the message shows it by example
	}
	return [][]piece{dayFirst, monthFirst}
}

// calendarWord is the Go layout word for a month or weekday name, full or in three
// letters ("Sep" -> "Jan", "Wednesday" -> "Monday").
func calendarWord(w string) (layout string, weekday, ok bool) {
	for m := time.January; m <= time.December; m++ {
		switch {
		case strings.EqualFold(w, m.String()):
			return "January", false, true
		case strings.EqualFold(w, m.String()[:3]):
			return "Jan", false, true
		}
	}
	for d := time.Sunday; d <= time.Saturday; d++ {
		switch {
		case strings.EqualFold(w, d.String()):
			return "Monday", true, true
		case strings.EqualFold(w, d.String()[:3]):
			return "Mon", true, true
		}
	}
	return "", false, false
}

// timePieces reads the time of a value: H:mm, H:mm:ss, a fraction of a second, AM or
// PM, and a time zone (Z, +0000, +00:00, +00, UTC). No time is no pieces.
func timePieces(toks []dateToken) ([]piece, bool) {
	if len(toks) == 0 {
		return nil, true
	}
	if len(toks) < 3 || len(toks[0].s) > 2 || len(toks[2].s) != 2 {
		return nil, false
	}
	ps := []piece{{"HH", "15", false}, literal(":"), {"mm", "04", false}}
	i := 3
	if i+1 < len(toks) && toks[i].s == ":" && toks[i+1].kind == '9' && len(toks[i+1].s) == 2 {
		ps = append(ps, literal(":"), piece{"ss", "05", false})
		i += 2
		if i+1 < len(toks) && (toks[i].s == "." || toks[i].s == ",") && toks[i+1].kind == '9' {
			// A Go layout reads a fraction after the seconds whether it says so or not.
			ps = append(ps, piece{"", toks[i].s + strings.Repeat("0", len(toks[i+1].s)), false})
			i += 2
		}
	}
	// AM or PM, after spaces or not.
	sp := i
	for sp < len(toks) && toks[sp].s == " " {
		sp++
	}
	if sp < len(toks) {
		tok, layout := "", ""
		switch toks[sp].s {
		case "AM", "PM":
			tok, layout = "A", "PM"
		case "am", "pm":
			tok, layout = "a", "pm"
		}
		if tok != "" {
			ps[0] = piece{"h", "3", false}
			ps = append(ps, literal(strings.Repeat(" ", sp-i)), piece{tok, layout, false})
			i = sp + 1
		}
	}
	if i < len(toks) {
		zone, ok := zoneLayout(toks[i:])
		if !ok {
			return nil, false
		}
		ps = append(ps, goOnly(zone))
	}
	return ps, true
}

// zoneLayout is the Go layout of a time zone: Z, +0000, +00:00, +00, or an
// abbreviation such as UTC, after spaces or not.
func zoneLayout(toks []dateToken) (string, bool) {
	if toks[0].s == " " {
		if len(toks) == 2 && toks[1].kind == 'a' && len(toks[1].s) >= 3 && len(toks[1].s) <= 5 && strings.ToUpper(toks[1].s) == toks[1].s {
			return " MST", true
		}
		if len(toks) > 1 && toks[1].s != "Z" {
			z, ok := zoneLayout(toks[1:])
			return " " + z, ok
		}
		return "", false
	}
	switch {
	case len(toks) == 1 && toks[0].s == "Z":
		return "Z07:00", true
	case toks[0].s != "+" && toks[0].s != "-":
		return "", false
	case len(toks) == 2 && toks[1].kind == '9' && len(toks[1].s) == 4:
		return "-0700", true
	case len(toks) == 2 && toks[1].kind == '9' && len(toks[1].s) == 2:
		return "-07", true
	case len(toks) == 4 && len(toks[1].s) == 2 && toks[2].s == ":" && len(toks[3].s) == 2:
		return "-07:00", true
	}
	return "", false
}
