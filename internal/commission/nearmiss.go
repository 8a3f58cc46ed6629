package commission

import (
	"fmt"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/partnerbook/partnerbook/internal/diag"
	"github.com/partnerbook/partnerbook/internal/domain"
	"github.com/partnerbook/partnerbook/internal/money"
)

// miss is one spelling of a partner that names no partner, and the deals it leaves
// without one.
type miss struct {
	kind, value string // "tag" or "partner", as written first
	pos         diag.Pos
	deals, won  int
	wonValue    money.Amount
}

// nearMisses collects unknown partner spellings in the order they first appear.
type nearMisses struct {
	order []*miss
	by    map[string]*miss
}

func (n *nearMisses) add(kind, value string, d *Deal) {
	if n.by == nil {
		n.by = map[string]*miss{}
	}
	k := kind + "\x00" + strings.ToLower(strings.TrimSpace(value))
	m := n.by[k]
	if m == nil {
		m = &miss{kind: kind, value: value, pos: d.Pos()}
		n.by[k] = m
		n.order = append(n.order, m)
	}
	m.deals++
	if d.Status == domain.Won {
		m.won++
		m.wonValue = m.wonValue.Add(d.Value)
	}
}

// reportMisses gives one warning per unknown spelling: how many deals (and how much
// won value) it leaves unattributed, and the partner it most likely means.
func (a *attributor) reportMisses(n *nearMisses, probs *diag.List) {
	prog := a.prog
	for _, m := range n.order {
		deals := fmt.Sprintf("%d %s", m.deals, plural(m.deals, "deal", "deals"))
		if p, form, lost := a.charsetLoss(m.value); p != nil {
			// Not a spelling the user chose: the file lost the partner's letters, and
			// every deal it names would silently leave the partner's payout.
			probs.Errorf(a.dealsColumn(m.pos, m.kind), "%s %q names no partner, but it is partner %s's %q with %s: %s; %s (%d won, %s) would be left unattributed",
				m.kind, m.value, p.ID, form, lostWords(lost), charsetAdvice(prog), deals, m.won, prog.Policy.Display(m.wonValue, prog.Currency))
			continue
		}
		msg := fmt.Sprintf("%s %q names no partner: %s (%d won, %s) left unattributed", m.kind, m.value, deals, m.won, prog.Policy.Display(m.wonValue, prog.Currency))
		if strings.ContainsAny(m.value, ",;") {
			// A list of names: no tag can hold a separator, so no spelling of it can be
			// added; each name is looked at on its own.
			msg += "; it lists several names separated by \",\" or \";\" (" + a.partsNamed(m.value) +
				"), but a partner column names one partner: write that partner's id, name or tag alone"
		} else if p := a.nearest(m.value); p != nil {
			msg += fmt.Sprintf("; did you mean %s (%q)? add this spelling to its tags", p.ID, p.Name)
		} else if ids := a.partnerIDs(); ids != "" {
			msg += "; partners are " + ids
		}
		pos := m.pos
		if m.kind == "partner" && strings.ContainsAny(m.value, ",;") {
			pos = a.dealsColumn(pos, m.kind)
		}
		probs.Warnf(pos, "%s", msg)
	}
}

// partsNamed says what each name of a list of names separated by "," or ";" names.
func (a *attributor) partsNamed(s string) string {
	var out []string
	for _, part := range strings.FieldsFunc(s, func(r rune) bool { return r == ',' || r == ';' }) {
		part = strings.TrimSpace(part)
		if part == "" {
			continue
		}
		switch p := a.named(part); {
		case p != nil:
			out = append(out, fmt.Sprintf("%q is partner %s", part, p.ID))
		case a.nearest(part) != nil:
			out = append(out, fmt.Sprintf("%q names no partner (did you mean %s?)", part, a.nearest(part).ID))
		default:
			out = append(out, fmt.Sprintf("%q names no partner", part))
		}
	}
	return strings.Join(out, ", ")
}

// squash is how near misses compare: lower-case letters and digits only, without a
// "Partner:" prefix.
func squash(s string) string {
	s = strings.ToLower(strings.TrimSpace(s))
	s = strings.TrimSpace(strings.TrimPrefix(s, "partner:"))
	var b strings.Builder
	for _, r := range s {
		if r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r > 127 {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// nearest is the partner whose id, name or tag a spelling most likely means, or nil.
func (a *attributor) nearest(s string) *domain.Partner {
	k := squash(s)
	if k == "" {
		return nil
	}
	var best *domain.Partner
	bestD := len([]rune(k))/4 + 2 // a few typos, more for long names
	for _, p := range a.prog.Partners {
		cands := []string{p.ID, p.Name}
		cands = append(cands, p.Tags...)
		for _, c := range cands {
			c = squash(c)
			if c == "" {
				continue
			}
			d := editDistance(k, c)
			if d > 0 && len(c) >= 4 && (strings.HasPrefix(k, c) || strings.HasPrefix(c, k)) {
				d = 1 // "brightpath" for "BrightPath Advisors"
			}
			if d < bestD {
				best, bestD = p, d
			}
		}
	}
	return best
}

func (a *attributor) partnerIDs() string {
	ids := make([]string, 0, len(a.prog.Partners))
	for _, p := range a.prog.Partners {
		ids = append(ids, p.ID)
	}
	sort.Strings(ids)
	if len(ids) > 8 {
		return strings.Join(ids[:8], ", ") + fmt.Sprintf(" and %d more", len(ids)-8)
	}
	return strings.Join(ids, ", ")
}

func editDistance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	prev := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur := make([]int, len(rb)+1)
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev = cur
	}
	return prev[len(rb)]
}

// charsetLoss finds the partner a spelling names once the characters a charset
// conversion lost are put back: a file saved in a charset without "Ł" or "ź" (a CSV
// re-saved as Windows-1252 or Latin-1) writes "?" for each, and a decoder that met
// bytes it could not read writes U+FFFD. It returns the partner, its tag, name or id
// the spelling matches, and the letters lost; nil when the spelling lost none.
func (a *attributor) charsetLoss(s string) (*domain.Partner, string, []rune) {
	s = strings.TrimSpace(s)
	if !strings.ContainsFunc(s, isLostMark) {
		return nil, "", nil
	}
	rest, prefixed := "", false
	if len(s) >= len("partner:") && strings.EqualFold(s[:len("partner:")], "partner:") {
		rest, prefixed = strings.TrimSpace(s[len("partner:"):]), true
	}
	for _, p := range a.prog.Partners {
		forms := append(append([]string{}, p.Tags...), p.Name, p.ID)
		forms = append(forms, p.FormerIDs...)
		for _, f := range forms {
			if lost, ok := lostMatch(s, f); ok {
				return p, f, lost
			}
			if prefixed {
				if lost, ok := lostMatch(rest, f); ok {
					return p, f, lost
				}
			}
		}
	}
	return nil, "", nil
}

// isLostMark is what a charset conversion writes for a character it cannot carry.
func isLostMark(r rune) bool { return r == '?' || r == utf8.RuneError }

// lostMatch reports whether got is want with some of its non-ASCII letters replaced
// by marks (isLostMark): one mark per letter, or one per byte of the letter's UTF-8
// form. Other characters compare without case. It returns the letters replaced; ok is
// false when got is not such a copy of want or lost none.
func lostMatch(got, want string) (lost []rune, ok bool) {
	g, w := []rune(strings.TrimSpace(got)), []rune(strings.TrimSpace(want))
	failed := map[[2]int]bool{}
	var walk func(i, j int) bool
	walk = func(i, j int) bool {
		if i == len(g) || j == len(w) {
			return i == len(g) && j == len(w)
		}
		if failed[[2]int{i, j}] {
			return false
		}
		if isLostMark(g[i]) && w[j] > unicode.MaxASCII && unicode.IsLetter(w[j]) {
			for _, n := range []int{1, utf8.RuneLen(w[j])} {
				if n > 1 && (i+n > len(g) || strings.IndexFunc(string(g[i:i+n]), func(r rune) bool { return !isLostMark(r) }) >= 0) {
					continue
				}
				lost = append(lost, w[j])
				if walk(i+n, j+1) {
					return true
				}
				lost = lost[:len(lost)-1]
			}
		}
		if (g[i] == w[j] || unicode.ToLower(g[i]) == unicode.ToLower(w[j])) && walk(i+1, j+1) {
			return true
		}
		failed[[2]int{i, j}] = true
		return false
	}
	if !walk(0, 0) || len(lost) == 0 {
		return nil, false
	}
	return lost, true
}

// lostWords names the letters a conversion lost: `"Ł", "ź" missing`.
func lostWords(lost []rune) string {
	seen := map[rune]bool{}
	var qs []string
	for _, r := range lost {
		if !seen[r] {
			seen[r] = true
			qs = append(qs, fmt.Sprintf("%q", string(r)))
		}
	}
	return strings.Join(qs, ", ") + " missing"
}

// charsetAdvice says what lost the letters and how to get them back.
func charsetAdvice(prog *domain.Program) string {
	return fmt.Sprintf("the file lost these characters in a charset conversion (it was saved in a character set without them); export it again as UTF-8 (in LibreOffice or Excel: CSV, character set UTF-8), or, if the file is in another character set, set encoding in [input.deals] of %s", prog.File)
}

// dealsColumn is pos naming the deals column a value of kind came from ("tag",
// "partner" or "first touch"), when the program maps one.
func (a *attributor) dealsColumn(pos diag.Pos, kind string) diag.Pos {
	key := map[string]string{"tag": "tags", "partner": "partner", "first touch": "first_touch"}[kind]
	return inColumn(pos, a.prog.Deals.Columns[key])
}

// inColumn is pos naming column header, when the program maps the column (header is
// not empty) and pos is a row of a sheet (a file, no line of a text file).
func inColumn(pos diag.Pos, header string) diag.Pos {
	if header != "" && pos.File != "" && pos.Line == 0 {
		return pos.WithColumn(header)
	}
	return pos
}

// firstTouchLoss refuses a first-touch value that names a partner only once the
// letters a charset conversion lost are put back: the lead would silently be ours.
// Each spelling is reported once, at its first row.
func (a *attributor) firstTouchLoss(d *Deal, probs *diag.List) {
	p, form, lost := a.charsetLoss(d.FirstTouch)
	if p == nil {
		return
	}
	k := strings.ToLower(strings.TrimSpace(d.FirstTouch))
	if a.lostTouch[k] {
		return
	}
	if a.lostTouch == nil {
		a.lostTouch = map[string]bool{}
	}
	a.lostTouch[k] = true
	probs.Errorf(a.dealsColumn(d.Pos(), "first touch"), "first touch %q of deal %q names no partner, but it is partner %s's %q with %s: %s",
		d.FirstTouch, d.ID, p.ID, form, lostWords(lost), charsetAdvice(a.prog))
}
