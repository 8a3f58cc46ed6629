package sheet

import "fmt"

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
