package terms

import (
	"strings"
	"testing"
)

// A new ledger's first run reads none of the old ledger's workbooks. With program.start
// before new_ledger_from it paid again every line the old ledger had paid: September's
// $750 came back in October's payouts with exit 0. Such a program is refused, naming the
// start to set; start on or after the new ledger's first day is accepted.
func TestNewLedgerFromNeedsStartInIt(t *testing.T) {
	for _, c := range []struct {
		name, start, want string // want "" = accepted
	}{
		{"start before the new ledger", "start = 2026-01-01\n",
			`p.toml:13:1: new_ledger_from = "2026-10" starts a new ledger in 2026-10, but [program] start = 2026-01-01 is before it: its first run would pay again every line eligible from 2026-01-01 to 2026-09-30, which the old ledger paid or settled; set start = 2026-10-01 in [program] (the new ledger's first day)`},
		{"start the day before", "start = 2026-09-30\n",
			`p.toml:13:1: new_ledger_from = "2026-10" starts a new ledger in 2026-10, but [program] start = 2026-09-30 is before it: its first run would pay again every line eligible from 2026-09-30 to 2026-09-30, which the old ledger paid or settled; set start = 2026-10-01 in [program] (the new ledger's first day)`},
		{"no start", "",
			`p.toml:12:1: new_ledger_from = "2026-10" starts a new ledger in 2026-10, but [program] sets no start: its first run would pay every line back to the oldest deal, which the old ledger paid or settled; set start = 2026-10-01 in [program] (the new ledger's first day)`},
		{"start on its first day", "start = 2026-10-01\n", ""},
		{"start after it", "start = 2026-10-15\n", ""},
	} {
		t.Run(c.name, func(t *testing.T) {
			text := strings.Replace(base, "period = \"2026-10\"\n", "period = \"2026-10\"\n"+c.start, 1) +
				"[input.ledger]\nfiles = []\nnew_ledger_from = \"2026-10\"\n"
			_, probs := parse(t, text)
			var errs []string
			for _, e := range probs.Errors() {
				errs = append(errs, e.String())
			}
			if c.want == "" {
				if len(errs) != 0 {
					t.Fatal(errs)
				}
				return
			}
			if len(errs) != 1 || errs[0] != c.want {
				t.Errorf("errors %q\nwant one: %q", errs, c.want)
			}
		})
	}
}
