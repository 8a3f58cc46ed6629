package sheet

import (
	"fmt"
	"strings"
)

// Excel saves "CSV" with the list separator of the computer's region: where a comma is
// the decimal separator (most of Europe) the fields are separated by ';'. Such a file
// is told by its header line: ';' between the fields and no ',' outside quotes. Its
// amounts are written with a decimal comma, so "1,500" in it is one and a half, or a
// misread fifteen hundred: the Table treats the file as one that has shown a decimal
// comma (see AmountText).

// csvDelimiter is the field separator of CSV text: the one asked for, else ';' when
// the first line with text has ';' outside quotes and no ',', else ','.
func csvDelimiter(data []byte, asked rune) (rune, error) {
	switch asked {
	case ',', ';':
		return asked, nil
	case 0:
	default:
		return 0, fmt.Errorf("unknown delimiter %q (use \",\" or \";\")", asked)
	}
	semi, quoted, text := false, false, false
	for _, c := range data {
		switch {
		case c == '"':
			quoted = !quoted
			text = true
		case quoted:
		case c == ',':
			return ',', nil
		case c == ';':
			semi, text = true, true
		case c == '\n':
			if text {
				if semi {
					return ';', nil
				}
				return ',', nil
			}
		case c != ' ' && c != '\t' && c != '\r':
			text = true
		}
	}
	if semi {
		return ';', nil
	}
	return ',', nil
}

// Delimiter is the field separator the CSV file was read with (',' or ';'); 0 for a
// workbook.
func (t *Table) Delimiter() rune { return t.delimiter }

// delimiterHint is added to a missing-column error when a CSV file read with ','
// has ';' in its header names: its fields may be separated by ';'.
func (t *Table) delimiterHint() string {
	if t.delimiter != ',' {
		return ""
	}
	for _, h := range t.headers {
		if strings.Contains(h, ";") {
			return `; if the file separates its fields with ";", set delimiter = ";"`
		}
	}
	return ""
}
