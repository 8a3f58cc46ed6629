package cli

import (
	"path/filepath"
	"strings"
	"testing"
)

func TestExplain(t *testing.T) {
	cfg := goodFixture().write(t)
	out := runOK(t, "explain", "-c", cfg, "--partner", "acme")
	for _, want := range []string{
		"Acme Consulting (acme, referral, active) — period 2026-10",
		"acme:D1:referral", "$1,200.05", "10% of deal value $12,000.50; payable when signed",
		"payout PB-2026-10-acme: opening $0.00 + earned $1,290.05 + clawbacks $0.00 + charges $0.00 = $1,290.05, Due, due 2026-11-30",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("explain lacks %q:\n%s", want, out)
		}
	}
	out = runOK(t, "explain", "-c", cfg, "--partner", "acme", "--deal", "D1")
	for _, want := range []string{`deal D1 "Website", client "Globex Corp", won (won), value $12,000.50`, "attributed to this partner", "payment 2026-10-10 $6,000.00", "terms in force on the won date: from 2026-01-01"} {
		if !strings.Contains(out, want) {
			t.Errorf("explain --deal lacks %q:\n%s", want, out)
		}
	}
	if code, _, errs := cli("explain", "-c", cfg, "--partner", "nobody"); code != 2 || !strings.Contains(errs, `no partner "nobody"`) {
		t.Errorf("unknown partner: exit %d %s", code, errs)
	}
	if code, _, _ := cli("explain", "-c", cfg); code != 2 {
		t.Errorf("explain without --partner: exit %d", code)
	}
}

func TestUsageAndVersion(t *testing.T) {
	if code, out, _ := cli("version"); code != 0 || !strings.HasPrefix(out, "partnerbook ") {
		t.Errorf("version: %d %q", code, out)
	}
	for _, args := range [][]string{{}, {"frobnicate"}, {"run", "--bogus"}, {"run", "extra"}, {"run", "--period", "October"}} {
		if code, _, _ := cli(args...); code != 2 {
			t.Errorf("%v: exit %d, want 2", args, code)
		}
	}
	if code, out, _ := cli("help"); code != 0 || !strings.Contains(out, "Exit status: 0 done") {
		t.Errorf("help: %d", code)
	}
	// An as-of day before the period starts is a usage error, before any file is written.
	cfg := goodFixture().write(t)
	out := filepath.Join(t.TempDir(), "out")
	code, _, errs := cli("run", "-c", cfg, "--period", "2026-10", "--as-of", "2026-09-01", "--out", out)
	if code != 2 || !strings.Contains(errs, "--as-of 2026-09-01 is before period 2026-10 starts") || len(outDirs(t, out)) != 0 {
		t.Errorf("--as-of before the period: exit %d\n%s", code, errs)
	}
}

func TestValidateWritesNothingAndStrictFailsOnWarnings(t *testing.T) {
	f := goodFixture()
	f.deals = append(f.deals, []any{"D9", "X", "Y", "Won", "won", 10, "2026-10-01", "2026-10-02", "Partner: Nobody Co"})
	cfg := f.write(t)
	code, out, errs := cli("validate", "-c", cfg)
	if code != 0 || !strings.Contains(out, "inputs are valid; nothing written") || !strings.Contains(errs, `warning: deals.xlsx: sheet "Opportunities" row 6: tag "Partner: Nobody Co" names no partner`) {
		t.Errorf("validate: %d\n%s\n%s", code, out, errs)
	}
	if dirs := outDirs(t, filepath.Join(filepath.Dir(cfg), "out")); len(dirs) != 0 {
		t.Errorf("validate wrote %v", dirs)
	}
	out2 := filepath.Join(t.TempDir(), "out")
	code, _, errs = cli("run", "-c", cfg, "--strict", "--out", out2)
	if code != 1 || !strings.Contains(errs, `error: deals.xlsx: sheet "Opportunities" row 6: tag "Partner: Nobody Co" names no partner`) ||
		!strings.Contains(errs, `[program] email is not set`) || !strings.Contains(errs, "no payouts.xlsx of 2026-09 is in [input.ledger], so 1 line (-$4,000.00) eligible before 2026-10-01") ||
		!strings.Contains(errs, "3 errors in the inputs") {
		t.Errorf("--strict: exit %d\n%s", code, errs)
	}
	if dirs := outDirs(t, out2); len(dirs) != 0 {
		t.Errorf("--strict run wrote %v", dirs)
	}
}

func TestOnePassReportsEveryProblem(t *testing.T) {
	f := goodFixture()
	f.toml = strings.Replace(f.toml, `percent = "10%"`, `percent = "110%"`, 1)
	f.deals[1][5] = "12,5OO"
	f.payments[2][1] = "2026-13-01"
	code, _, errs := cli("validate", "-c", f.write(t))
	if code != 1 {
		t.Fatalf("exit %d", code)
	}
	for _, want := range []string{`"110%" is outside 0%–100%`, `row 2 column "Value": "12,5OO" is not an amount`, `payments.xlsx: sheet "Sheet1" row 3 column "Date": "2026-13-01" is not a date`, "3 errors in the inputs"} {
		if !strings.Contains(errs, want) {
			t.Errorf("stderr lacks %q:\n%s", want, errs)
		}
	}
}

func TestWonDealWithoutValueWarns(t *testing.T) {
	f := goodFixture()
	f.deals[1][5] = ""
	_, _, errs := cli("validate", "-c", f.write(t))
	if !strings.Contains(errs, `warning: deals.xlsx: sheet "Opportunities" row 2 column "Value": won deal "D1" has no value`) {
		t.Errorf("no warning for a won deal without value:\n%s", errs)
	}
}
