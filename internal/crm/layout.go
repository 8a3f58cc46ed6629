package crm

import (
	"regexp"
	"sort"
	"strconv"
	"strings"

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
}

func newDateReader(t *sheet.Table, section, format, pattern string) *dateReader {
	r := &dateReader{t: t, section: section, format: format}
	if format == "" && pattern != "" {
		r.assumed, _ = terms.DateLayout(pattern)
		r.pattern = pattern
	}
	return r
}

var dmy = regexp.MustCompile(`^(\d{1,2})[/.-](\d{1,2})[/.-](\d{2}|\d{4})\b`)

func (r *dateReader) read(s string, col int) (civil.Date, error) {
	layout := r.format
	if layout == "" {
		layout = r.assumed
	}
	d, err := r.t.DateCell(col, layout)
	if err != nil {
		// A number, TRUE/FALSE or error cell, or a bare year: the reader says why.
		if r.t.Kind(col) != sheet.Text || strings.Contains(err.Error(), "year") {
			return d, err
		}
		return d, r.explain(s)
	}
	if r.format == "" && r.assumed != "" {
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

// done warns once when dates were read in an assumed order that the values do not prove.
func (r *dateReader) done(probs *diag.List) {
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
