package xlsxstream

import "bytes"

// fastCells is false only in tests that compare fastCell with readCell.
var fastCells = true

// fastCell reads, straight from the scanner's buffer, a cell in the shape Excel and
// excelize write: a <c> whose attributes are r, s and t, each once, in double quotes,
// holding letters and digits, one space before each; empty, or holding <v>text</v> or
// <is><t>text</t></is> (<t xml:space="preserve"> too) with nothing between the tags.
// It reads such a cell as readCell does, several times faster. Any other shape, text
// that needs a closer look (an entity, a character XML does not allow, ...), or a cell
// the buffer does not hold whole is left to readCell: ok is false and nothing is read.
func (r *Rows) fastCell(rowNum, prev int) (col int, ok bool, err error) {
	if !fastCells {
		return 0, false, nil
	}
	sc := r.sc
	b := sc.b[sc.p:sc.n]
	if len(b) < 4 || b[0] != '<' || b[1] != 'c' {
		return 0, false, nil
	}
	a := cellAttrs{col: prev + 1}
	i := 2
	self := false
attrs:
	for {
		if i+1 >= len(b) {
			return 0, false, nil
		}
		switch b[i] {
		case '>':
			i++
			break attrs
		case '/':
			if b[i+1] != '>' {
				return 0, false, nil
			}
			i, self = i+2, true
			break attrs
		case ' ':
		default:
			return 0, false, nil
		}
		// ` n="value"` with n one of r, s, t.
		if i+4 >= len(b) || b[i+2] != '=' || b[i+3] != '"' {
			return 0, false, nil
		}
		name := b[i+1 : i+2]
		if name[0] != 'r' && name[0] != 's' && name[0] != 't' {
			return 0, false, nil
		}
		j := i + 4
		for j < len(b) && isAlnum(b[j]) {
			j++
		}
		if j == i+4 || j >= len(b) || b[j] != '"' {
			return 0, false, nil
		}
		if a.set(name, b[i+4:j]) != nil {
			return 0, false, nil // readCell refuses it
		}
		i = j + 1
	}
	hasV, hasIS := false, false
	r.vbuf = r.vbuf[:0]
	if !self {
		rest := b[i:]
		switch {
		case bytes.HasPrefix(rest, []byte("</c>")):
			i += 4
		case bytes.HasPrefix(rest, []byte("<v>")):
			n, ok := r.fastText(rest[3:], "</v></c>", &r.vbuf)
			if !ok {
				return 0, false, nil
			}
			i += 3 + n
			hasV = true
		case bytes.HasPrefix(rest, []byte("<is><t>")):
			n, ok := r.fastText(rest[7:], "</t></is></c>", &r.si.out)
			if !ok {
				return 0, false, nil
			}
			i += 7 + n
			hasIS = true
		case bytes.HasPrefix(rest, []byte(`<is><t xml:space="preserve">`)):
			n, ok := r.fastText(rest[28:], "</t></is></c>", &r.si.out)
			if !ok {
				return 0, false, nil
			}
			i += 28 + n
			hasIS = true
		default:
			return 0, false, nil
		}
	}
	sc.p += i
	r.fast++
	col, err = r.addCell(rowNum, &a, hasV, false, hasIS)
	return col, true, err
}

// fastText decodes the text at the start of b into *dst (replacing what it held), if
// end follows it; n is how many bytes of b the text and end take.
func (r *Rows) fastText(b []byte, end string, dst *[]byte) (n int, ok bool) {
	k := bytes.IndexByte(b, '<')
	if k < 0 || !bytes.HasPrefix(b[k:], []byte(end)) {
		return 0, false
	}
	if *dst, ok = decodeText((*dst)[:0], b[:k], false); !ok {
		return 0, false
	}
	return k + len(end), true
}

func isAlnum(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
}
