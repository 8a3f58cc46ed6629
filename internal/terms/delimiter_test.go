package terms

import (
	"strings"
	"testing"
)

func TestCSVDelimiterSetting(t *testing.T) {
	p, probs := parse(t, strings.Replace(base, `file = "payments.xlsx"`, `file = "payments.xlsx"
delimiter = ";"`, 1))
	if probs.HasErrors() || p.Payments.Delimiter != ';' || p.Deals.Delimiter != 0 {
		t.Errorf("deals %q payments %q: %v", p.Deals.Delimiter, p.Payments.Delimiter, probs.All())
	}
	_, probs = parse(t, strings.Replace(base, `file = "deals.xlsx"`, `file = "deals.xlsx"
delimiter = "tab"`, 1))
	errs := probs.Errors()
	if len(errs) != 1 || !strings.HasPrefix(errs[0].String(), `p.toml:`) || !strings.Contains(errs[0].String(), `unknown delimiter "tab": use "," or ";"`) {
		t.Errorf("errors %v", errs)
	}
}
