package pipeline

import (
	"fmt"
	"sort"
	"strings"

	"github.com/partnerbook/partnerbook/internal/civil"
	"github.com/partnerbook/partnerbook/internal/diag"
	"github.com/partnerbook/partnerbook/internal/domain"
)

// setAside leaves out of the run the payments of the deals that wait for a later run
// (in another currency, dated after the period, no rate yet): without their deal they
// would read as payments for an unknown deal, unattributed revenue. A payment naming
// such a deal is set aside; one matched by client only when it is dated after the
// period too (before it, it may belong to the client's earlier deal). One warning says
// how many, and another names those dated within the period, whose lines come later.
func setAside(pays []*domain.Payment, waiting []*domain.Deal, period civil.Month, file string, probs *diag.List) []*domain.Payment {
	if len(waiting) == 0 {
		return pays
	}
	end := period.Last()
	byID := map[string]bool{}
	byClient := map[string]bool{}
	for _, d := range waiting {
		byID[d.ID] = true
		if d.Status == domain.Won && d.Client != "" {
			byClient[strings.ToLower(d.Client)] = true
		}
	}
	var kept []*domain.Payment
	after, within := map[string]bool{}, map[string]bool{} // deal or client -> set aside
	nAfter, nWithin := 0, 0
	for _, p := range pays {
		switch {
		case p.Deal != "" && byID[p.Deal] && p.Date.After(end):
			nAfter++
			after[fmt.Sprintf("deal %q", p.Deal)] = true
		case p.Deal != "" && byID[p.Deal]:
			nWithin++
			within[fmt.Sprintf("deal %q", p.Deal)] = true
		case p.Deal == "" && byClient[strings.ToLower(p.Client)] && p.Date.After(end):
			nAfter++
			after[fmt.Sprintf("the deal of client %q", p.Client)] = true
		default:
			kept = append(kept, p)
		}
	}
	at := diag.Pos{File: file}
	if nAfter > 0 {
		probs.Warnf(at, "%d %s of %s, which %s out of this run until %s exchange rate is stated, %s left out too: dated after %s, %s cannot be payable in %s",
			nAfter, nounFor(nAfter, "payment", "payments"), names(after), nounFor(len(after), "is left", "are left"), nounFor(len(after), "its", "their"),
			nounFor(nAfter, "is", "are"), end, nounFor(nAfter, "it", "they"), period)
	}
	if nWithin > 0 {
		probs.Warnf(at, "%d %s dated on or before %s of %s, which %s out of this run until %s exchange rate is stated, %s left out too: %s lines come in the first run that has the rate",
			nWithin, nounFor(nWithin, "payment", "payments"), end, names(within), nounFor(len(within), "is left", "are left"), nounFor(len(within), "its", "their"),
			nounFor(nWithin, "is", "are"), nounFor(nWithin, "its", "their"))
	}
	return kept
}

func names(set map[string]bool) string {
	var s []string
	for k := range set {
		s = append(s, k)
	}
	sort.Strings(s)
	return strings.Join(s, ", ")
}

func nounFor(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}
