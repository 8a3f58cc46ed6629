package terms

import (
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/partnerbook/partnerbook/internal/diag"
)

// locate finds the line and column of every key in a TOML text, keyed by its path with
// array-table indices ("partner[1].terms[0].referral.percent"). The TOML decoder keeps
// positions to itself, and a user needs the line of the key that is wrong.
//
// It is a tokenizer, not a line matcher: strings (basic, literal and both multi-line
// forms), comments, arrays and inline tables spanning lines are skipped as TOML reads
// them, so a "[partner]" line inside a multi-line string is text, not a table. It runs
// only on text the decoder accepted; on anything else it still ends and never panics.
func locate(file, text string) map[string]diag.Pos {
	s := &locator{file: file, src: text, pos: map[string]diag.Pos{}, arrays: map[string]int{}}
	s.lineStarts = append(s.lineStarts, 0)
	for i := 0; i < len(text); i++ {
		if text[i] == '\n' {
			s.lineStarts = append(s.lineStarts, i+1)
		}
	}
	s.document()
	return s.pos
}

type locator struct {
	file       string
	src        string
	i          int   // byte offset of the next unread byte
	lineStarts []int // byte offset of the start of each line
	pos        map[string]diag.Pos
	arrays     map[string]int // resolved array-table path -> element count
}

// at is the position of byte offset off: 1-based line, 1-based column in characters.
func (s *locator) at(off int) diag.Pos {
	line := sort.Search(len(s.lineStarts), func(k int) bool { return s.lineStarts[k] > off }) - 1
	start := s.lineStarts[line]
	return diag.Pos{File: s.file, Line: line + 1, Col: utf8.RuneCountInString(s.src[start:off]) + 1}
}

func (s *locator) peek() byte {
	if s.i < len(s.src) {
		return s.src[s.i]
	}
	return 0
}

func (s *locator) has(p string) bool { return strings.HasPrefix(s.src[s.i:], p) }

// blank skips spaces and tabs; with lines set, also newlines and comments.
func (s *locator) blank(lines bool) {
	for s.i < len(s.src) {
		switch c := s.src[s.i]; {
		case c == ' ' || c == '\t':
			s.i++
		case lines && (c == '\n' || c == '\r'):
			s.i++
		case lines && c == '#':
			s.toLineEnd()
		default:
			return
		}
	}
}

func (s *locator) toLineEnd() {
	if n := strings.IndexByte(s.src[s.i:], '\n'); n >= 0 {
		s.i += n
	} else {
		s.i = len(s.src)
	}
}

// resolve turns table-header segments into a path, entering the last element of every
// array of tables on the way.
func (s *locator) resolve(segs []string) string {
	cur := ""
	for _, seg := range segs {
		cur = join(cur, seg)
		if n, ok := s.arrays[cur]; ok {
			cur += "[" + strconv.Itoa(n-1) + "]"
		}
	}
	return cur
}

func (s *locator) document() {
	table := ""
	for s.i < len(s.src) {
		s.blank(true)
		if s.i >= len(s.src) {
			return
		}
		start := s.i
		switch {
		case s.has("[["):
			s.i += 2
			segs := s.key()
			s.blank(false)
			if len(segs) > 0 && s.has("]]") {
				s.i += 2
				cur := join(s.resolve(segs[:len(segs)-1]), segs[len(segs)-1])
				s.arrays[cur]++
				table = cur + "[" + strconv.Itoa(s.arrays[cur]-1) + "]"
				s.pos[table] = s.at(start)
			}
			s.toLineEnd()
		case s.peek() == '[':
			s.i++
			segs := s.key()
			s.blank(false)
			if len(segs) > 0 && s.peek() == ']' {
				s.i++
				table = s.resolve(segs)
				s.pos[table] = s.at(start)
			}
			s.toLineEnd()
		default:
			segs := s.key()
			s.blank(false)
			if len(segs) == 0 || s.peek() != '=' {
				// Not a key/value line: the decoder rejected or will reject it.
				if s.i == start {
					s.i++
				}
				s.toLineEnd()
				continue
			}
			s.i++
			path := join(table, strings.Join(segs, "."))
			s.pos[path] = s.at(start)
			s.value(path)
		}
	}
}

// key reads a dotted key: bare, "basic" or 'literal' segments joined by dots.
func (s *locator) key() []string {
	var segs []string
	for {
		s.blank(false)
		var seg string
		switch c := s.peek(); {
		case c == '"':
			seg = s.basic()
		case c == '\'':
			seg = s.literal()
		default:
			j := s.i
			for j < len(s.src) && isBare(s.src[j]) {
				j++
			}
			if j == s.i {
				return segs
			}
			seg, s.i = s.src[s.i:j], j
		}
		segs = append(segs, seg)
		s.blank(false)
		if s.peek() != '.' {
			return segs
		}
		s.i++
	}
}

func isBare(c byte) bool {
	return c == '_' || c == '-' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
}

// basic reads a one-line "basic string" and returns its value.
func (s *locator) basic() string {
	start := s.i
	s.i++
	for s.i < len(s.src) {
		switch s.src[s.i] {
		case '\\':
			s.i += 2
			continue
		case '"':
			s.i++
			raw := s.src[start:s.i]
			if v, err := strconv.Unquote(raw); err == nil {
				return v
			}
			return raw[1 : len(raw)-1]
		case '\n':
			return s.src[start+1 : s.i]
		}
		s.i++
	}
	s.i = min(s.i, len(s.src))
	return s.src[min(start+1, s.i):s.i]
}

// literal reads a one-line 'literal string'.
func (s *locator) literal() string {
	start := s.i + 1
	end := strings.IndexAny(s.src[start:], "'\n")
	if end < 0 {
		s.i = len(s.src)
		return s.src[start:]
	}
	s.i = start + end
	if s.src[s.i] == '\'' {
		s.i++
	}
	return s.src[start : start+end]
}

// multiline skips a """ or ”' string: up to two extra quotes may end its content.
func (s *locator) multiline(q string, escapes bool) {
	s.i += 3
	for s.i < len(s.src) {
		if escapes && s.src[s.i] == '\\' {
			s.i += 2
			continue
		}
		if s.has(q) {
			for s.i < len(s.src) && s.src[s.i] == q[0] {
				s.i++
			}
			return
		}
		s.i++
	}
	s.i = len(s.src)
}

// value skips one value; the keys of inline tables in it are recorded under path.
func (s *locator) value(path string) {
	s.blank(false)
	switch c := s.peek(); {
	case s.has(`"""`):
		s.multiline(`"""`, true)
	case s.has(`'''`):
		s.multiline(`'''`, false)
	case c == '"':
		s.basic()
	case c == '\'':
		s.literal()
	case c == '{':
		s.i++
		for s.i < len(s.src) {
			s.blank(true)
			switch s.peek() {
			case '}':
				s.i++
				return
			case ',':
				s.i++
				continue
			}
			start := s.i
			segs := s.key()
			s.blank(false)
			if len(segs) == 0 || s.peek() != '=' {
				s.i = max(s.i, start+1)
				continue
			}
			s.i++
			k := join(path, strings.Join(segs, "."))
			s.pos[k] = s.at(start)
			s.value(k)
		}
	case c == '[':
		s.i++
		n := 0
		for s.i < len(s.src) {
			s.blank(true)
			switch s.peek() {
			case ']':
				s.i++
				return
			case ',':
				s.i++
				n++
				continue
			}
			start := s.i
			s.value(path + "[" + strconv.Itoa(n) + "]")
			if s.i == start {
				s.i++
			}
		}
	default:
		// A number, boolean or date: it ends where the next separator starts.
		for s.i < len(s.src) && !strings.ContainsRune(",]}#\r\n", rune(s.src[s.i])) {
			s.i++
		}
	}
}

func join(a, b string) string {
	if a == "" {
		return b
	}
	return a + "." + b
}
