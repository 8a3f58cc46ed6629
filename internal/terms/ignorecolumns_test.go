package terms

import (
	"strings"
	"testing"
)

// ignore_columns is read as a list of headers, kept with its place for the reader's
// check that the sheet has them; a non-list or an empty name is an error at the key.
func TestPaymentsIgnoreColumnsSetting(t *testing.T) {
	p, probs := parse(t, strings.Replace(base, `file = "payments.xlsx"`, `file = "payments.xlsx"
ignore_columns = ["Subscription Status", " State "]`, 1))
	if probs.HasErrors() || strings.Join(p.Payments.IgnoreColumns, "|") != "Subscription Status|State" || p.Payments.IgnorePos.Line == 0 {
		t.Errorf("ignore %q at %v: %v", p.Payments.IgnoreColumns, p.Payments.IgnorePos, probs.All())
	}
	for _, bad := range []string{`ignore_columns = "Status"`, `ignore_columns = [""]`} {
		_, probs = parse(t, strings.Replace(base, `file = "payments.xlsx"`, `file = "payments.xlsx"
`+bad, 1))
		if errs := probs.Errors(); len(errs) != 1 || !strings.HasPrefix(errs[0].String(), "p.toml:") || !strings.Contains(errs[0].String(), "ignore_columns") {
			t.Errorf("%s: errors %v", bad, errs)
		}
	}
}
