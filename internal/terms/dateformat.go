package terms

import (
	"fmt"
	"strings"
)

// datePattern tokens as people write them, longest first, with their Go layout parts.
var datePattern = []struct{ tok, layout string }{
	{"YYYY", "2006"}, {"YY", "06"},
	{"MMMM", "January"}, {"MMM", "Jan"}, {"MM", "1"}, {"M", "1"}, // "1" reads 3 and 03 alike
	{"DD", "2"}, {"D", "2"},
	{"HH", "15"}, {"H", "15"}, {"hh", "03"}, {"h", "3"},
	{"mm", "04"}, {"ss", "05"}, {"A", "PM"}, {"a", "pm"},
}

// DateLayout turns a date_format into a Go time layout. It accepts the patterns people
// write (DD/MM/YYYY, MM/DD/YYYY HH:mm, YYYY-MM-DD) and Go layouts (02/01/2006).
func DateLayout(s string) (string, error) {
	if s == "" {
		return "", nil
	}
	if strings.ContainsAny(s, "0123456789") {
		return s, nil // already a Go layout
	}
	var b strings.Builder
	year, month, day := false, false, false
	for i := 0; i < len(s); {
		matched := false
		for _, p := range datePattern {
			if strings.HasPrefix(s[i:], p.tok) {
				b.WriteString(p.layout)
				i += len(p.tok)
				matched = true
				switch p.tok[0] {
				case 'Y':
					year = true
				case 'M':
					month = true
				case 'D':
					day = true
				}
				break
			}
		}
		if !matched {
			c := s[i]
			if c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' {
				return "", fmt.Errorf("%q is not a date pattern: write it like \"DD/MM/YYYY\", \"MM/DD/YYYY HH:mm\" or \"YYYY-MM-DD\" (unknown letter %q)", s, string(c))
			}
			b.WriteByte(c)
			i++
		}
	}
	if !year || !month || !day {
		return "", fmt.Errorf("%q is not a date pattern: it needs a year (YYYY), a month (MM) and a day (DD), like \"DD/MM/YYYY\"", s)
	}
	return b.String(), nil
}
