package commission

import (
	"fmt"
	"sort"
	"strings"

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
		msg := fmt.Sprintf("%s %q names no partner: %s (%d won, %s) left unattributed", m.kind, m.value, deals, m.won, prog.Policy.Display(m.wonValue, prog.Currency))
		if p := a.nearest(m.value); p != nil {
			msg += fmt.Sprintf("; did you mean %s (%q)? add this spelling to its tags", p.ID, p.Name)
		} else if ids := a.partnerIDs(); ids != "" {
			msg += "; partners are " + ids
		}
		probs.Warnf(m.pos, "%s", msg)
	}
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
