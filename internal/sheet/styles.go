package sheet

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/xuri/nfp"
)

// A number cell is a date when its cell format (the s attribute: an index into the
// cellXfs of the styles part) has a date or time number format. The formats are read
// once per workbook and classified as excelize classifies them when it shows a cell:
// the built-in ids of dates and times, or a custom format code whose first section
// holds date or time tokens (y, m, d, h, s, AM/PM, elapsed [h] [m] [s]) and no digit
// placeholders before them. Quoted text, escaped characters, colours, conditions and
// locale tags ([$-409]) are not tokens, so "0.00 \"days\"" is a number and
// "[$-409]mmm d, yyyy" is a date.

type xmlStyles struct {
	NumFmts []struct {
		ID     int    `xml:"numFmtId,attr"`
		Code   string `xml:"formatCode,attr"`
		Code16 string `xml:"formatCode16,attr"`
	} `xml:"numFmts>numFmt"`
	CellXfs []struct {
		NumFmtID int `xml:"numFmtId,attr"`
	} `xml:"cellXfs>xf"`
}

// builtinDate says whether a built-in number format id (one a workbook uses without
// writing its code) shows a date or a time: 14-22 (m/d/yy to m/d/yy h:mm), 45-47
// (mm:ss, [h]:mm:ss, mm:ss.0), and the East Asian date and time formats (27-36,
// 50-58) that an English Excel shows as m/d/yy or h:mm:ss.
func builtinDate(id int) bool {
	return 14 <= id && id <= 22 || 45 <= id && id <= 47 || 27 <= id && id <= 36 || 50 <= id && id <= 58
}

// readStyles reads which cell formats of the workbook are dates.
func (w *workbook) readStyles(part string) ([]bool, error) {
	var st xmlStyles
	if err := w.decode(part, &st); err != nil {
		return nil, err
	}
	custom := map[int]string{}
	for _, f := range st.NumFmts {
		code := f.Code
		if f.Code16 != "" {
			code = f.Code16
		}
		if _, dup := custom[f.ID]; !dup {
			custom[f.ID] = code
		}
	}
	out := make([]bool, len(st.CellXfs))
	for i, xf := range st.CellXfs {
		if code, ok := custom[xf.NumFmtID]; ok {
			out[i] = DateFormat(code)
		} else {
			out[i] = builtinDate(xf.NumFmtID)
		}
	}
	return out, nil
}

// isDate says whether the cell format at index s is a date or time format. An index
// beyond the cell formats is not a date (excelize shows such a cell as stored).
func (w *workbook) isDate(s int) bool {
	return s >= 0 && s < len(w.dateXF) && w.dateXF[s]
}

// dateTokens and numberTokens are the token types excelize looks at to tell a date
// format from a number format.
var (
	dateTokens   = []string{nfp.TokenTypeDateTimes, nfp.TokenTypeElapsedDateTimes}
	numberTokens = []string{nfp.TokenTypeDenominator, nfp.TokenTypeDigitalPlaceHolder, nfp.TokenTypeExponential,
		nfp.TokenTypeFraction, nfp.TokenTypeHashPlaceHolder, nfp.TokenTypePercent, nfp.TokenTypeZeroPlaceHolder}
)

// DateFormat says whether a number format code shows a positive number as a date or
// a time, as excelize decides it when formatting a cell: its first number section holds
// a date or time token, no digit placeholder comes before it, and the only placeholders
// are zeros after a seconds token (fractions of a second, "mm:ss.0").
func DateFormat(code string) (date bool) {
	defer func() {
		if recover() != nil {
			date = false // a code the parser cannot read shows the number as stored
		}
	}()
	p := nfp.NumberFormatParser()
	for _, sec := range p.Parse(code) {
		if sec.Type == nfp.TokenSectionText {
			continue
		}
		return dateSection(sec.Items)
	}
	return false
}

func dateSection(items []nfp.Token) bool {
	number := false
	for _, tok := range items {
		switch {
		case tok.TType == nfp.TokenTypeGeneral:
			return false
		case slices.Contains(numberTokens, tok.TType):
			number = true
		case slices.Contains(dateTokens, tok.TType):
			if number {
				return false
			}
			seen, millis := false, false
			for _, t := range items {
				if slices.Contains(dateTokens, t.TType) {
					if seen && millis {
						return false
					}
					seen = true
				}
				if slices.Contains(numberTokens, t.TType) {
					if t.TType != nfp.TokenTypeZeroPlaceHolder {
						return false
					}
					millis = true
				}
			}
			return true
		}
	}
	return false
}

// styleIsDate is isDate for the text of an s attribute ("" is format 0).
func (w *workbook) styleIsDate(s string) bool {
	n := 0
	if s != "" {
		var err error
		if n, err = strconv.Atoi(strings.TrimSpace(s)); err != nil {
			return false
		}
	}
	return w.isDate(n)
}

// stylesPart finds the styles part among the relationships of the workbook part.
func stylesPart(rels map[string][2]string) string { return relPart(rels, "/styles") }

// relPart is the target of the workbook relationship whose type ends in kind. Were
// there two, the one with the lowest relationship id wins, so one file always reads
// the same way.
func relPart(rels map[string][2]string, kind string) string {
	best, part := "", ""
	for id, r := range rels {
		if strings.HasSuffix(r[0], kind) && (part == "" || id < best) {
			best, part = id, r[1]
		}
	}
	return part
}

// errStyles words a styles part that cannot be read.
func errStyles(part string, err error) error {
	return fmt.Errorf("the cell formats (%s) cannot be read, so dates cannot be told from numbers: %v", part, err)
}
