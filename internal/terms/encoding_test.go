package terms

import (
	"strings"
	"testing"
)

func TestCSVEncodingSetting(t *testing.T) {
	p, probs := parse(t, strings.Replace(base, `file = "deals.xlsx"`, `file = "deals.xlsx"
encoding = "Windows-1252"`, 1))
	if probs.HasErrors() || p.Deals.Encoding != "windows-1252" || p.Payments.Encoding != "" {
		t.Errorf("deals %q payments %q: %v", p.Deals.Encoding, p.Payments.Encoding, probs.All())
	}
	_, probs = parse(t, strings.Replace(base, `file = "payments.xlsx"`, `file = "payments.xlsx"
encoding = "ebcdic"`, 1))
	errs := probs.Errors()
	if len(errs) != 1 || errs[0].String() != `p.toml:10:1: unknown encoding "ebcdic": use utf-8, utf-16, windows-1252 or latin-1` {
		t.Errorf("errors %v", errs)
	}
}
