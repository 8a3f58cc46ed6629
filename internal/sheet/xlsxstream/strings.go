package xlsxstream

import (
	"encoding/xml"
	"strconv"
	"strings"
	"unicode/utf8"
)

// sst is the shared string table: every string lives in one Go string, so a cell
// that refers to one costs no allocation.
type sst struct {
	all  string
	ends []uint32
	odd  map[int]bool // strings with an escape of no character (see Rows.Odd)
}

func (t *sst) len() int { return len(t.ends) }

func (t *sst) get(i int) string {
	from := uint32(0)
	if i > 0 {
		from = t.ends[i-1]
	}
	return t.all[from:t.ends[i]]
}

// readSST reads xl/sharedStrings.xml; a workbook without one has no shared strings.
func (b *Book) readSST() (*sst, error) {
	const name = "xl/sharedStrings.xml"
	f, ok := b.parts[name]
	if !ok {
		return &sst{}, nil
	}
	rc, err := f.Open()
	if err != nil {
		return nil, unsupported("%s: %v", name, err)
	}
	defer rc.Close()
	sc := newScanner(rc, nil)
	k, err := sc.next()
	for err == nil && k == tokText {
		k, err = sc.next()
	}
	if err != nil {
		return nil, err
	}
	if k != tokStart || string(sc.name) != "sst" {
		return nil, unsupported("%s: no <sst> root", name)
	}
	ns := false
	for i := range sc.attrs {
		a := &sc.attrs[i]
		v := sc.attrVal(a)
		switch string(a.name) {
		case "xmlns":
			ns = string(v) == nsMain
		case "count", "uniqueCount":
			if s := strings.TrimSpace(string(v)); s != "" {
				if _, err := strconv.ParseInt(s, 10, 64); err != nil {
					return nil, unsupported("%s: %s=%q", name, a.name, v)
				}
			}
		}
	}
	if !ns {
		return nil, unsupported("%s: not in the spreadsheetml namespace", name)
	}
	if f.UncompressedSize64 > MaxUnzipSize {
		return nil, unsupported("%s is too large", name)
	}
	arena := make([]byte, 0, f.UncompressedSize64/2)
	var ends []uint32
	var odd map[int]bool
	var p siParser
	if !sc.selfClose {
		for {
			k, err := sc.next()
			if err != nil {
				return nil, err
			}
			if k == tokEnd {
				break
			}
			if k != tokStart {
				continue
			}
			if string(sc.local) != "si" {
				if err := sc.skip(); err != nil {
					return nil, err
				}
				continue
			}
			if err := p.parse(sc); err != nil {
				return nil, err
			}
			var dropped bool
			if arena, dropped = appendUnescaped(arena, p.out); dropped {
				if odd == nil {
					odd = map[int]bool{}
				}
				odd[len(ends)] = true
			}
			ends = append(ends, uint32(len(arena)))
		}
	}
	return &sst{all: string(arena), ends: ends, odd: odd}, nil
}

// siParser reads a string item (<si> of the shared strings, <is> of an inline string)
// the way excelize does: the text of its <t>, then of each rich text run's <t>;
// phonetic runs are not part of the text.
type siParser struct {
	out, runs, capt []byte
}

func (p *siParser) parse(sc *scanner) error {
	p.out, p.runs = p.out[:0], p.runs[:0]
	if sc.selfClose {
		return nil
	}
	haveT := false
	for {
		k, err := sc.next()
		if err != nil {
			return err
		}
		switch k {
		case tokEnd:
			p.out = append(p.out, p.runs...)
			return nil
		case tokStart:
			switch string(sc.local) {
			case "t":
				if haveT {
					return unsupported("a string item with two <t>")
				}
				haveT = true
				if p.out, err = readText(sc, p.out, "t"); err != nil {
					return err
				}
			case "r":
				if err := p.run(sc); err != nil {
					return err
				}
			case "rPh":
				if err := p.check(sc, &phoneticRun{}); err != nil {
					return err
				}
			case "phoneticPr":
				if err := p.check(sc, &phoneticPr{}); err != nil {
					return err
				}
			default:
				if err := sc.skip(); err != nil {
					return err
				}
			}
		}
	}
}

func (p *siParser) run(sc *scanner) error {
	if sc.selfClose {
		return nil
	}
	haveT := false
	for {
		k, err := sc.next()
		if err != nil {
			return err
		}
		switch k {
		case tokEnd:
			return nil
		case tokStart:
			switch string(sc.local) {
			case "t":
				if haveT {
					return unsupported("a rich text run with two <t>")
				}
				haveT = true
				if p.runs, err = readText(sc, p.runs, "t"); err != nil {
					return err
				}
			case "rPr":
				if err := p.check(sc, &runProps{}); err != nil {
					return err
				}
			default:
				if err := sc.skip(); err != nil {
					return err
				}
			}
		}
	}
}

// check decodes an element whose values excelize decodes with encoding/xml, so a value
// encoding/xml refuses (a font size that is not a number) is refused here as well.
func (p *siParser) check(sc *scanner, v any) error {
	var err error
	if p.capt, err = sc.capture(p.capt[:0]); err != nil {
		return err
	}
	if err := xml.Unmarshal(p.capt, v); err != nil {
		return unsupported("%v", err)
	}
	return nil
}

type phoneticRun struct {
	Sb uint32 `xml:"sb,attr"`
	Eb uint32 `xml:"eb,attr"`
	T  string `xml:"t"`
}

type phoneticPr struct {
	Alignment string `xml:"alignment,attr,omitempty"`
	FontID    *int   `xml:"fontId,attr"`
	Type      string `xml:"type,attr,omitempty"`
}

type (
	valInt struct {
		Val *int `xml:"val,attr"`
	}
	valFloat struct {
		Val *float64 `xml:"val,attr"`
	}
	valBool struct {
		Val *bool `xml:"val,attr"`
	}
	valStr struct {
		Val *string `xml:"val,attr"`
	}
)

type runProps struct {
	RFont     *valStr   `xml:"rFont"`
	Charset   *valInt   `xml:"charset"`
	Family    *valInt   `xml:"family"`
	B         *valBool  `xml:"b"`
	I         *valBool  `xml:"i"`
	Strike    *valBool  `xml:"strike"`
	Outline   *valBool  `xml:"outline"`
	Shadow    *valBool  `xml:"shadow"`
	Condense  *valBool  `xml:"condense"`
	Extend    *valBool  `xml:"extend"`
	Color     *color    `xml:"color"`
	Sz        *valFloat `xml:"sz"`
	U         *valStr   `xml:"u"`
	VertAlign *valStr   `xml:"vertAlign"`
	Scheme    *valStr   `xml:"scheme"`
}

type color struct {
	Auto    bool    `xml:"auto,attr,omitempty"`
	RGB     string  `xml:"rgb,attr,omitempty"`
	Indexed int     `xml:"indexed,attr,omitempty"`
	Theme   *int    `xml:"theme,attr"`
	Tint    float64 `xml:"tint,attr,omitempty"`
}

// appendUnescaped appends s with Excel's _xHHHH_ escapes resolved, as excelize does;
// dropped says an escape of no character (a lone surrogate half) was left out.
func appendUnescaped(dst, s []byte) (_ []byte, dropped bool) {
	i := 0
	for {
		j := indexEscape(s, i)
		if j < 0 {
			return append(dst, s[i:]...), dropped
		}
		dst = append(dst, s[i:j]...)
		h := s[j+2 : j+6]
		if string(h) == "005F" {
			dst = append(dst, '_')
		} else {
			n, _ := strconv.ParseUint(string(h), 16, 32)
			if r := rune(n); utf8.ValidRune(r) {
				dst = utf8.AppendRune(dst, r)
			} else {
				dropped = true
			}
		}
		i = j + 7
	}
}

// indexEscape finds the next "_x" followed by four hex digits and "_" from s[i:].
func indexEscape(s []byte, i int) int {
	for ; i+7 <= len(s); i++ {
		if s[i] != '_' || s[i+1] != 'x' || s[i+6] != '_' {
			continue
		}
		if isHex(s[i+2]) && isHex(s[i+3]) && isHex(s[i+4]) && isHex(s[i+5]) {
			return i
		}
	}
	return -1
}

func isHex(c byte) bool { return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F' }
