package pipeline

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/partnerbook/partnerbook/internal/book"
	"github.com/partnerbook/partnerbook/internal/commission"
	"github.com/partnerbook/partnerbook/internal/diag"
	"github.com/partnerbook/partnerbook/internal/domain"
	"github.com/partnerbook/partnerbook/internal/money"
)

// cellProgram is a program paying partner acme pct of each won deal's value.
func cellProgram(t *testing.T, currency, pct, deals string) (prog, out string) {
	t.Helper()
	dir := t.TempDir()
	toml := `[program]
name = "Test Co"
currency = "` + currency + `"
period = "2026-10"
email = "a@b.example"

[input.deals]
file = "deals.csv"
preset = "generic"

[[partner]]
id = "acme"
name = "Acme"
type = "referral"
email = "acme@x.example"
  [[partner.terms]]
  from = 2026-01-01
  referral = { percent = "` + pct + `" }
`
	csv := "id,name,client,stage,status,value,created,closed,tags\n" + deals
	for name, text := range map[string]string{"partnerbook.toml": toml, "deals.csv": csv} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return filepath.Join(dir, "partnerbook.toml"), filepath.Join(dir, "out")
}

// An amount of more than 15 significant digits cannot be held by a spreadsheet cell
// (19875018273840.84 would be 19875018273840.8 in payouts.xlsx, the next run would
// refuse the workbook): the run is refused, naming the payout or line, and writes
// nothing.
func TestRunRefusesAmountsACellCannotHold(t *testing.T) {
	for _, c := range []struct {
		name, currency, pct, deals string
		want                       []string
	}{
		{"USD payout of two deals", "USD", "100%",
			"D1,Deal1,C1,Won,won,9937509136920.42,2026-10-01,2026-10-01,Partner: Acme\n" +
				"D2,Deal2,C1,Won,won,9937509136920.42,2026-10-01,2026-10-01,Partner: Acme\n",
			[]string{
				"the amount of payout PB-2026-10-acme (partner acme) is $19,875,018,273,840.84, 16 significant digits: a spreadsheet cell holds 15, so payouts.xlsx would hold 19875018273840.8",
				"the earned amount of payout PB-2026-10-acme (partner acme) is $19,875,018,273,840.84, 16 significant digits",
			}},
		{"KWD line", "KWD", "12.3456%",
			"D1,Deal1,C1,Won,won,9876543210987.650,2026-10-01,2026-10-01,Partner: Acme\n",
			[]string{
				"the amount of line acme:D1:referral of payout PB-2026-10-acme is KWD 1,219,318,518,655.691, 16 significant digits: a spreadsheet cell holds 15, so payouts.xlsx would hold 1219318518655.69",
				"the amount of payout PB-2026-10-acme (partner acme) is KWD 1,219,318,518,655.691",
			}},
	} {
		t.Run(c.name, func(t *testing.T) {
			prog, out := cellProgram(t, c.currency, c.pct, c.deals)
			_, err := Run(Config{ProgramFile: prog, OutDir: out})
			got := problemsOf(err)
			if got == "" {
				t.Fatalf("run: %v", err)
			}
			for _, w := range c.want {
				if !strings.Contains(got, w) {
					t.Errorf("problems lack %q:%s", w, got)
				}
			}
			if _, err := os.Stat(filepath.Join(out, "2026-10")); !os.IsNotExist(err) {
				t.Errorf("the period folder was written: %v", err)
			}
		})
	}
}

// 15 significant digits fit: the workbook's cells hold the amount exactly.
func TestRunWritesFifteenDigitsExactly(t *testing.T) {
	prog, out := cellProgram(t, "USD", "100%", "D1,Deal1,C1,Won,won,9876543210987.65,2026-10-01,2026-10-01,Partner: Acme\n")
	if _, err := Run(Config{ProgramFile: prog, OutDir: out}); err != nil {
		t.Fatalf("run: %v", err)
	}
	rows := payoutRows(t, filepath.Join(out, "2026-10", "payouts.xlsx"))
	if got := rows["PB-2026-10-acme"][0]; got != "9876543210987.65" {
		t.Errorf("Payouts amount %q, want 9876543210987.65", got)
	}
}

// Two payouts that fit a cell each may add up to a Summary total that does not.
func TestCellDigitsChecksTheSummaryTotals(t *testing.T) {
	prog := &domain.Program{Currency: "USD", Policy: money.Policy{Places: 2}}
	payout := func(id string) *commission.Payout {
		a := money.MustAmount("9937509136920.42")
		return &commission.Payout{ID: "PB-2026-10-" + id, Partner: &domain.Partner{ID: id}, Earned: a, Amount: a, Status: book.StatusDue}
	}
	res := &commission.Result{Program: prog, Payouts: []*commission.Payout{payout("a"), payout("b")}}
	var probs diag.List
	cellDigits(res, nil, &probs)
	var got []string
	for _, p := range probs.Errors() {
		got = append(got, p.Msg)
	}
	want := []string{
		"in payouts.xlsx's Summary sheet, the total of the Due payouts is $19,875,018,273,840.84, 16 significant digits: a spreadsheet cell holds 15",
		"in payouts.xlsx's Summary sheet, the total of all payouts is $19,875,018,273,840.84",
	}
	if len(got) != 2 {
		t.Fatalf("problems %q", got)
	}
	for i, w := range want {
		if !strings.HasPrefix(got[i], w) {
			t.Errorf("problem %d: %q, want it to begin %q", i, got[i], w)
		}
	}
}
