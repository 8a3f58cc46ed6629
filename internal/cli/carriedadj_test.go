package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/partnerbook/partnerbook/internal/book"
)

// rateTOML is one referral partner at 10% of the deal value, paid when signed, with a
// minimum payout of 100.00.
const rateTOML = `[program]
name = "Test Co"
currency = "USD"
period = "2026-01"
start = 2026-01-01
payout_terms_days = 30
minimum_payout = "100.00"
email = "x@test.example"

[input.deals]
file = "deals.csv"
preset = "generic"

[input.payments]
file = "payments.csv"

[input.ledger]
files = ["ledger/*.xlsx"]

[[partner]]
id = "alpha"
name = "Alpha"
type = "referral"
email = "a@alpha.example"
tags = ["Partner: Alpha"]
  [[partner.terms]]
  from = 2025-01-01
  referral = { percent = "10%", pay_on = "signed" }
`

const rateDeals = `id,name,client,stage,status,value,created,closed,tags
D1,Deal one,ClientOne,Won,won,1000.00,2026-01-02,2026-01-10,Partner: Alpha
`

// dealD7 is a second deal of alpha, won in April, which lifts April's payout past the
// minimum.
const dealD7 = "D7,Deal seven,ClientSeven,Won,won,1000.00,2026-04-01,2026-04-05,Partner: Alpha\n"

// rateFixture issues January (D1's fee at 10%: 100.00, Due), corrects alpha's rate to
// 12% and issues February: D1's correction alpha:D1:referral:adj:2026-02, +20.00, is
// below the minimum and carried forward.
func rateFixture(t *testing.T) *months {
	t.Helper()
	dir := t.TempDir()
	m := &months{cfg: filepath.Join(dir, "partnerbook.toml"), dir: dir, out: filepath.Join(t.TempDir(), "out")}
	must(t, os.WriteFile(filepath.Join(dir, "deals.csv"), []byte(rateDeals), 0o644))
	must(t, os.WriteFile(filepath.Join(dir, "payments.csv"), []byte("Deal ID,Date,Amount\n"), 0o644))
	must(t, os.MkdirAll(filepath.Join(dir, "ledger"), 0o755))
	m.setTOML(t, rateTOML)
	m.issue(t, "2026-01", nil)
	sameMap(t, "January payouts", m.payouts(t, "2026-01"), map[string]string{"PB-2026-01-alpha": "100 Due"})
	m.setRate(t, "12%")
	m.issue(t, "2026-02", nil)
	sameMap(t, "February payouts", m.payouts(t, "2026-02"), map[string]string{"PB-2026-02-alpha": "20 Carried forward"})
	sameMap(t, "February lines", m.lines(t, "2026-02"), map[string]string{"alpha:D1:referral:adj:2026-02": "20"})
	return m
}

func (m *months) setRate(t *testing.T, rate string) {
	t.Helper()
	b, err := os.ReadFile(m.cfg)
	must(t, err)
	s := string(b)
	i := strings.Index(s, `percent = "`)
	j := i + len(`percent = "`) + strings.Index(s[i+len(`percent = "`):], `"`)
	m.setTOML(t, s[:i]+`percent = "`+rate+s[j:])
}

func (m *months) addDeal(t *testing.T, row string) {
	t.Helper()
	must(t, os.WriteFile(filepath.Join(m.dir, "deals.csv"), []byte(rateDeals+row), 0o644))
}

// description is the Description cell of line id in the run of month.
func (m *months) description(t *testing.T, month, id string) string {
	t.Helper()
	return m.lineRow(t, month, id)[book.Description]
}

// The correction carried in February came back in March as a new line
// alpha:D1:referral:adj:2026-03 in Earned, Opening 0.00: the statement did not say it
// was carried and its ID changed each month. It comes back under its own ID as
// Opening, and April pays it once.
func TestCarriedCorrectionComesBackAsOpening(t *testing.T) {
	m := rateFixture(t)
	got := runOK(t, "run", "-c", m.cfg, "--out", m.out, "--period", "2026-03")
	if strings.Contains(got, "warning:") {
		t.Errorf("warnings:\n%s", got)
	}
	sameMap(t, "March payouts", m.payouts(t, "2026-03"), map[string]string{"PB-2026-03-alpha": "20 Carried forward, opening 20"})
	sameMap(t, "March lines", m.lines(t, "2026-03"), map[string]string{"alpha:D1:referral:adj:2026-02": "20"})
	if d, want := m.description(t, "2026-03", "alpha:D1:referral:adj:2026-02"),
		"correction of alpha:D1:referral: issued at $100.00, the inputs gave $120.00 when it was carried forward in PB-2026-02-alpha (carried forward from an earlier period)"; d != want {
		t.Errorf("description %q, want %q", d, want)
	}
	m.issue(t, "2026-03", nil)

	// April: D7's fee (120.00 at 12%) lifts the payout past the minimum; the carried
	// correction is paid with it, as Opening, once.
	m.addDeal(t, dealD7)
	m.issue(t, "2026-04", nil)
	sameMap(t, "April payouts", m.payouts(t, "2026-04"), map[string]string{"PB-2026-04-alpha": "140 Due, opening 20"})
	sameMap(t, "April lines", m.lines(t, "2026-04"), map[string]string{
		"alpha:D1:referral:adj:2026-02": "20",
		"alpha:D7:referral":             "120",
	})
	runOK(t, "run", "-c", m.cfg, "--out", m.out, "--period", "2026-05")
	sameMap(t, "May payouts", m.payouts(t, "2026-05"), map[string]string{})
}

// The rate corrected again in March, to 13%: the carried 20.00 comes back as Opening
// and only the rest, 10.00, is March's correction. Both are carried, and April pays
// 30.00 of corrections once.
func TestCarriedCorrectionWithAFurtherCorrection(t *testing.T) {
	m := rateFixture(t)
	m.setRate(t, "13%")
	got := runOK(t, "run", "-c", m.cfg, "--out", m.out, "--period", "2026-03")
	if strings.Contains(got, "warning:") {
		t.Errorf("warnings:\n%s", got)
	}
	sameMap(t, "March payouts", m.payouts(t, "2026-03"), map[string]string{"PB-2026-03-alpha": "30 Carried forward, opening 20"})
	sameMap(t, "March lines", m.lines(t, "2026-03"), map[string]string{
		"alpha:D1:referral:adj:2026-02": "20",
		"alpha:D1:referral:adj:2026-03": "10",
	})
	if d, want := m.description(t, "2026-03", "alpha:D1:referral:adj:2026-03"),
		"correction of alpha:D1:referral: issued at $100.00 and carried $20.00, the inputs now give $130.00"; d != want {
		t.Errorf("description %q, want %q", d, want)
	}
	m.issue(t, "2026-03", nil)

	m.addDeal(t, dealD7)
	m.issue(t, "2026-04", nil)
	sameMap(t, "April payouts", m.payouts(t, "2026-04"), map[string]string{"PB-2026-04-alpha": "160 Due, opening 30"})
	sameMap(t, "April lines", m.lines(t, "2026-04"), map[string]string{
		"alpha:D1:referral:adj:2026-02": "20",
		"alpha:D1:referral:adj:2026-03": "10",
		"alpha:D7:referral":             "130",
	})
	if d, want := m.description(t, "2026-04", "alpha:D1:referral:adj:2026-03"),
		"correction of alpha:D1:referral: issued at $100.00 and carried $20.00, the inputs gave $130.00 when it was carried forward in PB-2026-03-alpha (carried forward from an earlier period)"; d != want {
		t.Errorf("description %q, want %q", d, want)
	}
	runOK(t, "run", "-c", m.cfg, "--out", m.out, "--period", "2026-05")
	sameMap(t, "May payouts", m.payouts(t, "2026-05"), map[string]string{})
}

// March carries the correction again at 12%; April's rate is 13%: the carried 20.00
// is Opening and April's correction is 10.00, never 30.00 on top of the 20.00.
func TestCarriedCorrectionThenRateRaised(t *testing.T) {
	m := rateFixture(t)
	m.issue(t, "2026-03", nil)
	m.setRate(t, "13%")
	m.addDeal(t, dealD7)
	m.issue(t, "2026-04", nil)
	sameMap(t, "April payouts", m.payouts(t, "2026-04"), map[string]string{"PB-2026-04-alpha": "160 Due, opening 20"})
	sameMap(t, "April lines", m.lines(t, "2026-04"), map[string]string{
		"alpha:D1:referral:adj:2026-02": "20",
		"alpha:D1:referral:adj:2026-04": "10",
		"alpha:D7:referral":             "130",
	})
}

// The rate set back to 10% in March: the carried 20.00 no longer follows from the
// inputs, and it vanished with no word. It stays in the balance as Opening, as the
// statement said, and an explicit correction of -20.00 takes it back, with a warning:
// the payout is Nil, and alpha is paid 100.00 for D1 in all, what the inputs give.
func TestCarriedCorrectionTakenBackByARateSetBack(t *testing.T) {
	m := rateFixture(t)
	m.setRate(t, "10%")
	got := runOK(t, "run", "-c", m.cfg, "--out", m.out, "--period", "2026-03")
	want := `warning: ledger/payouts-2026-02.xlsx: sheet "Payouts" row 2: line alpha:D1:referral now computes to $100.00: issued at $100.00, ` +
		"with $20.00 of corrections carried forward (alpha:D1:referral:adj:2026-02, last in PB-2026-02-alpha), which stay in the partner's balance as Opening; " +
		"correction alpha:D1:referral:adj:2026-03 of -$20.00 takes back what the inputs no longer give; check it with the partner\n"
	if !strings.Contains(got, want) {
		t.Errorf("output:\n%s\nwant %q", got, want)
	}
	sameMap(t, "March payouts", m.payouts(t, "2026-03"), map[string]string{"PB-2026-03-alpha": "0 Nil, opening 20"})
	sameMap(t, "March lines", m.lines(t, "2026-03"), map[string]string{
		"alpha:D1:referral:adj:2026-02": "20",
		"alpha:D1:referral:adj:2026-03": "-20",
	})
	if d, want := m.description(t, "2026-03", "alpha:D1:referral:adj:2026-03"),
		"correction of alpha:D1:referral: issued at $100.00 and carried $20.00, the inputs now give $100.00"; d != want {
		t.Errorf("description %q, want %q", d, want)
	}
	m.issue(t, "2026-03", nil)

	// A Nil payout issues its lines: April pays D7 alone, with no correction of D1.
	m.addDeal(t, dealD7)
	got = runOK(t, "run", "-c", m.cfg, "--out", m.out, "--period", "2026-04")
	if strings.Contains(got, "warning:") {
		t.Errorf("warnings:\n%s", got)
	}
	sameMap(t, "April payouts", m.payouts(t, "2026-04"), map[string]string{"PB-2026-04-alpha": "100 Due"})
	sameMap(t, "April lines", m.lines(t, "2026-04"), map[string]string{"alpha:D7:referral": "100"})
}
