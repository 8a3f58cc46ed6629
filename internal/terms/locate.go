package terms

import (
	"strconv"
	"strings"

	"github.com/partnerbook/partnerbook/internal/diag"
)

// locate finds the line and column of every key in a TOML text, keyed by its path with
// array-table indices ("partner[1].terms[0].referral.percent"). The TOML decoder keeps
// positions to itself, and a user needs the line of the key that is wrong.
func locate(file, text string) map[string]diag.Pos {
	pos := map[string]diag.Pos{}
	arrays := map[string]int{} // resolved array-table path -> element count
	resolve := func(segs []string) string {
		cur := ""
		for _, s := range segs {
			cur = join(cur, s)
			if n, ok := arrays[cur]; ok {
				cur += "[" + strconv.Itoa(n-1) + "]"
			}
		}
		return cur
	}
	table := ""
	depth := 0 // open brackets carried over from earlier lines (multi-line arrays)
	lines := strings.Split(text, "\n")
	for i, raw := range lines {
		line := stripComment(raw)
		trim := strings.TrimSpace(line)
		if depth > 0 {
			depth += bracketDelta(line)
			continue
		}
		if trim == "" {
			continue
		}
		indent := len(line) - len(strings.TrimLeft(line, " \t"))
		if strings.HasPrefix(trim, "[[") {
			segs := splitKey(strings.TrimSuffix(strings.TrimPrefix(trim, "[["), "]]"))
			if len(segs) == 0 {
				continue
			}
			parent := resolve(segs[:len(segs)-1])
			cur := join(parent, segs[len(segs)-1])
			arrays[cur]++
			table = cur + "[" + strconv.Itoa(arrays[cur]-1) + "]"
			pos[table] = diag.Pos{File: file, Line: i + 1, Col: indent + 1}
			continue
		}
		if strings.HasPrefix(trim, "[") {
			table = resolve(splitKey(strings.TrimSuffix(strings.TrimPrefix(trim, "["), "]")))
			pos[table] = diag.Pos{File: file, Line: i + 1, Col: indent + 1}
			continue
		}
		eq := indexOutside(line, '=')
		if eq < 0 {
			continue
		}
		key := join(table, strings.Join(splitKey(line[:eq]), "."))
		pos[key] = diag.Pos{File: file, Line: i + 1, Col: indent + 1}
		val := line[eq+1:]
		if v := strings.TrimLeft(val, " \t"); strings.HasPrefix(v, "{") {
			inline(pos, file, i+1, eq+1+len(val)-len(v), v, key)
		}
		depth = bracketDelta(val)
	}
	return pos
}

// inline records the keys of an inline table that starts at column off (0-based).
func inline(pos map[string]diag.Pos, file string, line, off int, v, prefix string) {
	stack := []string{prefix}
	keyStart := -1
	inStr := byte(0)
	for j := 0; j < len(v); j++ {
		c := v[j]
		if inStr != 0 {
			if c == '\\' && inStr == '"' {
				j++
			} else if c == inStr {
				inStr = 0
			}
			continue
		}
		switch c {
		case '"', '\'':
			if keyStart < 0 {
				inStr = c
			}
		case '{', ',':
			keyStart = j + 1
		case '}':
			if len(stack) > 1 {
				stack = stack[:len(stack)-1]
			}
			keyStart = -1
		case '=':
			if keyStart >= 0 {
				k := strings.Join(splitKey(v[keyStart:j]), ".")
				full := join(stack[len(stack)-1], k)
				col := off + keyStart + len(v[keyStart:j]) - len(strings.TrimLeft(v[keyStart:j], " \t")) + 1
				pos[full] = diag.Pos{File: file, Line: line, Col: col}
				rest := strings.TrimLeft(v[j+1:], " \t")
				if strings.HasPrefix(rest, "{") {
					stack = append(stack, full)
					j += len(v[j+1:]) - len(rest)
					keyStart = j + 2
					j++
					continue
				}
				keyStart = -1
			}
		}
	}
}

func join(a, b string) string {
	if a == "" {
		return b
	}
	return a + "." + b
}

// splitKey splits a dotted TOML key, dropping quotes and blanks.
func splitKey(s string) []string {
	var out []string
	for _, p := range strings.Split(strings.TrimSpace(s), ".") {
		p = strings.Trim(strings.TrimSpace(p), `"'`)
		if p != "" {
			out = append(out, p)
		}
	}
	return out
}

// outside calls fn with the index of each byte of s that lies outside a TOML string,
// until fn returns false. Quotes inside strings and escaped quotes are skipped.
func outside(s string, fn func(i int, c byte) bool) {
	inStr := byte(0)
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case inStr != 0:
			if c == '\\' && inStr == '"' {
				i++
			} else if c == inStr {
				inStr = 0
			}
		case c == '"' || c == '\'':
			inStr = c
		default:
			if !fn(i, c) {
				return
			}
		}
	}
}

func stripComment(s string) string {
	if i := indexOutside(s, '#'); i >= 0 {
		return s[:i]
	}
	return s
}

func indexOutside(s string, want byte) int {
	at := -1
	outside(s, func(i int, c byte) bool {
		if c == want {
			at = i
			return false
		}
		return true
	})
	return at
}

func bracketDelta(s string) int {
	d := 0
	outside(s, func(_ int, c byte) bool {
		switch c {
		case '[', '{':
			d++
		case ']', '}':
			d--
		}
		return true
	})
	return d
}
