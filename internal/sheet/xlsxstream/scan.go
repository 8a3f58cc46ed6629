package xlsxstream

import (
	"bytes"
	"io"
	"strconv"
	"unicode/utf8"
)

// scanner is a small XML tokenizer for the parts of a workbook. It accepts a strict
// subset of what encoding/xml accepts (the decoder excelize uses): whatever it cannot
// be sure encoding/xml reads the same way is refused, so the caller can fall back to
// excelize instead of reading a different value.
type scanner struct {
	r    io.Reader
	b    []byte
	p, n int // unread bytes are b[p:n]
	eof  bool
	rerr error

	// The last token.
	kind      tokKind
	raw       []byte // the token as written (valid until the next token)
	name      []byte // element name as written, prefix included
	local     []byte // element name without its prefix
	selfClose bool
	attrs     []attr
	attrBuf   []byte // decoded attribute values
	text      []byte // decoded character data

	stack  []int  // ends of the open element names in stackB
	stackB []byte //
	prolog bool   // nothing but the XML declaration, comments and space read yet
}

type tokKind uint8

const (
	tokEOF tokKind = iota
	tokStart
	tokEnd
	tokText
)

type attr struct {
	name, local []byte
	v0, v1      int // value in attrBuf
}

// errSyntax is what the scanner returns for input it does not accept; it wraps ErrUnsupported.
type syntaxError struct{ msg string }

func (e *syntaxError) Error() string { return "xlsxstream: " + e.msg }
func (e *syntaxError) Unwrap() error { return ErrUnsupported }

func bad(msg string) error { return &syntaxError{msg} }

func newScanner(r io.Reader, buf []byte) *scanner {
	if cap(buf) < 64<<10 {
		buf = make([]byte, 64<<10)
	}
	return &scanner{r: r, b: buf[:cap(buf)], prolog: true}
}

// fill reads more input, keeping b[p:n]; false when there is no more.
func (s *scanner) fill() bool {
	if s.eof {
		return false
	}
	if s.p > 0 {
		copy(s.b, s.b[s.p:s.n])
		s.n -= s.p
		s.p = 0
	}
	if s.n == len(s.b) {
		nb := make([]byte, 2*len(s.b))
		copy(nb, s.b[:s.n])
		s.b = nb
	}
	for tries := 0; tries < 100; tries++ {
		m, err := s.r.Read(s.b[s.n:])
		s.n += m
		if err != nil {
			s.eof = true
			if err != io.EOF {
				s.rerr = err
			}
			return m > 0
		}
		if m > 0 {
			return true
		}
	}
	s.eof, s.rerr = true, io.ErrNoProgress
	return false
}

func (s *scanner) attrVal(a *attr) []byte { return s.attrBuf[a.v0:a.v1] }

// next reads one token: a start tag, an end tag or character data (CDATA included).
// Comments are skipped. At the end of input it returns tokEOF and an error if elements
// are still open or reading failed.
func (s *scanner) next() (tokKind, error) {
	for {
		if s.p >= s.n && !s.fill() {
			if s.rerr != nil {
				return tokEOF, s.rerr
			}
			if len(s.stack) > 0 {
				return tokEOF, bad("unexpected end of part")
			}
			s.kind = tokEOF
			return tokEOF, nil
		}
		if s.b[s.p] != '<' {
			return s.readText()
		}
		// Make sure the next two bytes are there to tell what follows '<'.
		for s.n-s.p < 2 {
			if !s.fill() {
				return tokEOF, bad("unexpected end of part")
			}
		}
		switch c := s.b[s.p+1]; {
		case c == '/':
			return s.readEnd()
		case c == '!':
			done, err := s.readBang()
			if err != nil {
				return tokEOF, err
			}
			if done {
				continue
			}
			return tokText, nil
		case c == '?':
			if err := s.readDecl(); err != nil {
				return tokEOF, err
			}
			continue
		default:
			return s.readStart()
		}
	}
}

// readText reads character data up to the next '<'.
func (s *scanner) readText() (tokKind, error) {
	from := 0
	for {
		i := bytes.IndexByte(s.b[s.p+from:s.n], '<')
		if i >= 0 {
			end := s.p + from + i
			s.raw = s.b[s.p:end]
			var ok bool
			s.text, ok = decodeText(s.text[:0], s.raw, false)
			if !ok {
				return tokEOF, bad("invalid character data")
			}
			s.p = end
			s.kind = tokText
			if s.prolog && len(bytes.Trim(s.raw, " \t\r\n")) > 0 {
				return tokEOF, bad("text before the root element")
			}
			return tokText, nil
		}
		from = s.n - s.p
		if !s.fill() {
			if len(s.stack) > 0 || s.rerr != nil {
				return tokEOF, bad("unexpected end of part")
			}
			// Trailing text after the root element.
			s.raw = s.b[s.p:s.n]
			var ok bool
			if s.text, ok = decodeText(s.text[:0], s.raw, false); !ok {
				return tokEOF, bad("invalid character data")
			}
			if len(bytes.Trim(s.raw, " \t\r\n")) > 0 {
				return tokEOF, bad("text after the root element")
			}
			s.p = s.n
			s.kind = tokText
			return tokText, nil
		}
	}
}

// tagEnd finds the '>' closing the tag that starts at b[p], outside quotes.
func (s *scanner) tagEnd() (int, error) {
	i, quote := s.p+1, byte(0)
	for {
		for ; i < s.n; i++ {
			c := s.b[i]
			switch {
			case quote != 0:
				if c == quote {
					quote = 0
				} else if c == '<' {
					return 0, bad("'<' in an attribute value")
				}
			case c == '>':
				return i, nil
			case c == '"' || c == '\'':
				quote = c
			case c == '<':
				return 0, bad("'<' in a tag")
			}
		}
		off := i - s.p
		if !s.fill() {
			return 0, bad("unexpected end of part in a tag")
		}
		i = s.p + off
	}
}

func isSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' }

// readName reads an XML name at t[i:]; names are ASCII letters, digits, '_', '-', '.'
// and at most one ':' between a prefix and a local name.
func readName(t []byte, i int) (name, local []byte, j int, ok bool) {
	j = i
	if j >= len(t) {
		return nil, nil, j, false
	}
	if c := t[j]; !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_') {
		return nil, nil, j, false
	}
	colon := -1
	for ; j < len(t); j++ {
		c := t[j]
		if c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '-' || c == '.' {
			continue
		}
		if c == ':' {
			if colon >= 0 {
				return nil, nil, j, false
			}
			colon = j
			continue
		}
		break
	}
	name = t[i:j]
	local = name
	if colon >= 0 {
		if colon == j-1 {
			return nil, nil, j, false
		}
		local = t[colon+1 : j]
		if c := local[0]; !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_') {
			return nil, nil, j, false
		}
	}
	return name, local, j, true
}

func (s *scanner) readStart() (tokKind, error) {
	for {
		end, err := s.parseStart()
		if err != nil {
			return tokEOF, err
		}
		if end >= 0 {
			s.p = end + 1
			break
		}
		if !s.fill() {
			return tokEOF, bad("unexpected end of part in a tag")
		}
	}
	s.prolog = false
	if !s.selfClose {
		n := len(s.name)
		s.stackB = append(s.stackB, s.name...)
		s.stack = append(s.stack, len(s.stackB))
		// name must stay valid for the caller: point it at the stack copy.
		ln := len(s.local)
		s.name = s.stackB[len(s.stackB)-n:]
		s.local = s.name[n-ln:]
	}
	s.kind = tokStart
	return tokStart, nil
}

// parseStart reads the start tag at b[p] in one pass; -1 when the buffer ends first.
func (s *scanner) parseStart() (int, error) {
	t := s.b[s.p+1 : s.n]
	name, local, i, ok := readName(t, 0)
	if !ok {
		if i >= len(t) {
			return -1, nil
		}
		return 0, bad("invalid element name")
	}
	s.name, s.local = name, local
	s.attrs = s.attrs[:0]
	s.attrBuf = s.attrBuf[:0]
	s.selfClose = false
	for {
		sp := i
		for i < len(t) && isSpace(t[i]) {
			i++
		}
		if i >= len(t) {
			return -1, nil
		}
		switch t[i] {
		case '>':
			s.raw = s.b[s.p : s.p+1+i+1]
			return s.p + 1 + i, nil
		case '/':
			if i+1 >= len(t) {
				return -1, nil
			}
			if t[i+1] != '>' {
				return 0, bad("invalid tag")
			}
			s.selfClose = true
			s.raw = s.b[s.p : s.p+1+i+2]
			return s.p + 1 + i + 1, nil
		}
		if sp == i {
			return 0, bad("attributes not separated by space")
		}
		an, al, j, ok := readName(t, i)
		if !ok {
			if j >= len(t) {
				return -1, nil
			}
			return 0, bad("invalid attribute name")
		}
		i = j
		for i < len(t) && isSpace(t[i]) {
			i++
		}
		if i >= len(t) {
			return -1, nil
		}
		if t[i] != '=' {
			return 0, bad("attribute without value")
		}
		i++
		for i < len(t) && isSpace(t[i]) {
			i++
		}
		if i >= len(t) {
			return -1, nil
		}
		if t[i] != '"' && t[i] != '\'' {
			return 0, bad("unquoted attribute value")
		}
		q := t[i]
		k := bytes.IndexByte(t[i+1:], q)
		if k < 0 {
			return -1, nil
		}
		v0 := len(s.attrBuf)
		s.attrBuf, ok = decodeText(s.attrBuf, t[i+1:i+1+k], false)
		if !ok || bytes.IndexByte(t[i+1:i+1+k], '<') >= 0 {
			return 0, bad("invalid attribute value")
		}
		s.attrs = append(s.attrs, attr{name: an, local: al, v0: v0, v1: len(s.attrBuf)})
		i += k + 2
	}
}

func (s *scanner) readEnd() (tokKind, error) {
	if len(s.stack) == 0 {
		return tokEOF, bad("end tag without start tag")
	}
	top := s.stack[len(s.stack)-1]
	from := 0
	if len(s.stack) > 1 {
		from = s.stack[len(s.stack)-2]
	}
	want := s.stackB[from:top]
	// Fast path: "</" + the open element's name + ">".
	end := -1
	if k := s.p + 2 + len(want); k < s.n && s.b[k] == '>' && bytes.Equal(s.b[s.p+2:k], want) {
		end = k
	} else {
		var err error
		if end, err = s.tagEnd(); err != nil {
			return tokEOF, err
		}
		t := s.b[s.p+2 : end]
		name, _, i, ok := readName(t, 0)
		if !ok {
			return tokEOF, bad("invalid end tag")
		}
		for i < len(t) && isSpace(t[i]) {
			i++
		}
		if i != len(t) {
			return tokEOF, bad("invalid end tag")
		}
		if !bytes.Equal(want, name) {
			return tokEOF, bad("mismatched end tag")
		}
	}
	s.raw = s.b[s.p : end+1]
	s.name = want
	s.local = want
	if c := bytes.IndexByte(want, ':'); c >= 0 {
		s.local = want[c+1:]
	}
	s.stack = s.stack[:len(s.stack)-1]
	s.stackB = s.stackB[:from]
	s.p = end + 1
	s.kind = tokEnd
	return tokEnd, nil
}

// readBang reads a comment (done: true, skipped) or a CDATA section (character data).
func (s *scanner) readBang() (done bool, err error) {
	for s.n-s.p < 9 {
		if !s.fill() {
			return false, bad("unexpected end of part")
		}
	}
	switch {
	case bytes.HasPrefix(s.b[s.p:], []byte("<!--")):
		from := 4
		for {
			i := bytes.Index(s.b[s.p+from:s.n], []byte("--"))
			if i >= 0 && s.p+from+i+2 < s.n {
				if s.b[s.p+from+i+2] != '>' {
					return false, bad(`"--" in a comment`)
				}
				s.p += from + i + 3
				return true, nil
			}
			if i >= 0 {
				from += i
			} else if s.n-s.p-1 > from {
				from = s.n - s.p - 1
			}
			if !s.fill() {
				return false, bad("unterminated comment")
			}
		}
	case bytes.HasPrefix(s.b[s.p:], []byte("<![CDATA[")):
		if len(s.stack) == 0 {
			return false, bad("CDATA outside the root element")
		}
		from := 9
		for {
			i := bytes.Index(s.b[s.p+from:s.n], []byte("]]>"))
			if i >= 0 {
				body := s.b[s.p+9 : s.p+from+i]
				var ok bool
				if s.text, ok = decodeText(s.text[:0], body, true); !ok {
					return false, bad("invalid character data")
				}
				s.raw = s.b[s.p : s.p+from+i+3]
				s.p += from + i + 3
				s.kind = tokText
				return false, nil
			}
			if s.n-s.p-2 > from {
				from = s.n - s.p - 2
			}
			if !s.fill() {
				return false, bad("unterminated CDATA section")
			}
		}
	}
	return false, bad("document type declarations are not supported")
}

// readDecl reads the XML declaration; it must come first, say version 1.0 and UTF-8.
func (s *scanner) readDecl() error {
	if !s.prolog || s.p != 0 {
		return bad("processing instructions are not supported")
	}
	end := -1
	for {
		if i := bytes.Index(s.b[s.p+2:s.n], []byte("?>")); i >= 0 {
			end = s.p + 2 + i
			break
		}
		if !s.fill() {
			return bad("unterminated XML declaration")
		}
	}
	t := s.b[s.p+2 : end]
	if !bytes.HasPrefix(t, []byte("xml ")) {
		return bad("processing instructions are not supported")
	}
	i := 4
	for {
		for i < len(t) && isSpace(t[i]) {
			i++
		}
		if i == len(t) {
			break
		}
		_, an, j, ok := readName(t, i)
		if !ok || j >= len(t)-2 || t[j] != '=' || (t[j+1] != '"' && t[j+1] != '\'') {
			return bad("invalid XML declaration")
		}
		k := bytes.IndexByte(t[j+2:], t[j+1])
		if k < 0 {
			return bad("invalid XML declaration")
		}
		v := string(t[j+2 : j+2+k])
		switch string(an) {
		case "version":
			if v != "1.0" {
				return bad("XML version " + strconv.Quote(v))
			}
		case "encoding":
			if !bytes.EqualFold([]byte(v), []byte("utf-8")) {
				return bad("XML encoding " + strconv.Quote(v))
			}
		case "standalone":
			if v != "yes" && v != "no" {
				return bad("invalid XML declaration")
			}
		default:
			return bad("invalid XML declaration")
		}
		i = j + 3 + k
		if i < len(t) && !isSpace(t[i]) {
			return bad("invalid XML declaration")
		}
	}
	s.p = end + 2
	return nil
}

// skip reads to the end of the element whose start tag was just read.
func (s *scanner) skip() error {
	if s.kind == tokStart && s.selfClose {
		return nil
	}
	depth := 1
	for depth > 0 {
		k, err := s.next()
		if err != nil {
			return err
		}
		switch k {
		case tokStart:
			if !s.selfClose {
				depth++
			}
		case tokEnd:
			depth--
		case tokEOF:
			return bad("unexpected end of part")
		}
	}
	return nil
}

// capture appends the element whose start tag was just read, as written (comments
// left out), to dst.
func (s *scanner) capture(dst []byte) ([]byte, error) {
	dst = append(dst, s.raw...)
	if s.selfClose {
		return dst, nil
	}
	depth := 1
	for depth > 0 {
		k, err := s.next()
		if err != nil {
			return dst, err
		}
		switch k {
		case tokStart:
			if !s.selfClose {
				depth++
			}
		case tokEnd:
			depth--
		case tokEOF:
			return dst, bad("unexpected end of part")
		}
		dst = append(dst, s.raw...)
	}
	return dst, nil
}

// decodeText appends the character data src to dst the way encoding/xml reads it:
// entities resolved, line ends normalised to "\n", and every character checked.
func decodeText(dst, src []byte, cdata bool) ([]byte, bool) {
	i := 0
	for i < len(src) {
		c := src[i]
		if c >= 0x20 && c < 0x80 && c != '&' && c != ']' {
			i++
			continue
		}
		if c == '\t' || c == '\n' {
			i++
			continue
		}
		break
	}
	dst = append(dst, src[:i]...)
	for i < len(src) {
		c := src[i]
		switch {
		case c == '\r':
			dst = append(dst, '\n')
			i++
			if i < len(src) && src[i] == '\n' {
				i++
			}
		case c == '\t' || c == '\n':
			dst = append(dst, c)
			i++
		case c < 0x20:
			return dst, false
		case c == ']' && !cdata:
			if i+2 < len(src) && src[i+1] == ']' && src[i+2] == '>' {
				return dst, false
			}
			dst = append(dst, c)
			i++
		case c == '&' && !cdata:
			j := bytes.IndexByte(src[i:min(len(src), i+12)], ';')
			if j < 0 {
				return dst, false
			}
			ent := src[i+1 : i+j]
			i += j + 1
			switch string(ent) {
			case "lt":
				dst = append(dst, '<')
			case "gt":
				dst = append(dst, '>')
			case "amp":
				dst = append(dst, '&')
			case "apos":
				dst = append(dst, '\'')
			case "quot":
				dst = append(dst, '"')
			default:
				r, ok := charRef(ent)
				if !ok {
					return dst, false
				}
				dst = utf8.AppendRune(dst, r)
			}
		case c >= 0x80:
			r, size := utf8.DecodeRune(src[i:])
			if r == utf8.RuneError && size == 1 || !inCharRange(r) {
				return dst, false
			}
			dst = append(dst, src[i:i+size]...)
			i += size
		default:
			dst = append(dst, c)
			i++
		}
	}
	return dst, true
}

// charRef reads "#65" or "#x41"; characters XML does not allow are refused.
func charRef(ent []byte) (rune, bool) {
	if len(ent) < 2 || ent[0] != '#' {
		return 0, false
	}
	base, digits := 10, ent[1:]
	if digits[0] == 'x' {
		base, digits = 16, digits[1:]
	}
	if len(digits) == 0 || len(digits) > 7 {
		return 0, false
	}
	var n uint64
	for _, c := range digits {
		var d uint64
		switch {
		case c >= '0' && c <= '9':
			d = uint64(c - '0')
		case base == 16 && c >= 'a' && c <= 'f':
			d = uint64(c-'a') + 10
		case base == 16 && c >= 'A' && c <= 'F':
			d = uint64(c-'A') + 10
		default:
			return 0, false
		}
		n = n*uint64(base) + d
	}
	r := rune(n)
	if n > utf8.MaxRune || r >= 0xD800 && r <= 0xDFFF || !inCharRange(r) {
		return 0, false
	}
	return r, true
}

func inCharRange(r rune) bool {
	return r == 0x09 || r == 0x0A || r == 0x0D ||
		r >= 0x20 && r <= 0xD7FF ||
		r >= 0xE000 && r <= 0xFFFD ||
		r >= 0x10000 && r <= 0x10FFFF
}
