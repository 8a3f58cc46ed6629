package sample

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/partnerbook/partnerbook/internal/book"
	"github.com/partnerbook/partnerbook/internal/commission"
	"github.com/partnerbook/partnerbook/internal/pipeline"
)

// TestOctoberRun runs the generated sample as the README does and checks that it still
// shows what it was made to show.
func TestOctoberRun(t *testing.T) {
	dir := t.TempDir()
	if err := Generate(dir); err != nil {
		t.Fatalf("Generate(%s) = %v", dir, err)
	}
	out, err := pipeline.Run(pipeline.Config{ProgramFile: filepath.Join(dir, "partnerbook.toml"), OutDir: filepath.Join(dir, "out"), Keep: true})
	if err != nil {
		t.Fatalf("pipeline.Run = %v", err)
	}
	r := out.Result
	if got := r.Period.String(); got != "2026-10" {
		t.Errorf("period = %s, want 2026-10", got)
	}

	var due, opening, receivable bool
	for _, p := range r.Payouts {
		switch {
		case p.Status == book.StatusDue:
			due = true
		case p.Status == book.StatusReceivable:
			receivable = true
		}
		if p.Status == book.StatusCarried || p.Opening.Sign() > 0 {
			opening = true
		}
	}
	if !due || !opening || !receivable {
		t.Errorf("payouts: due %v, carried or opening %v, receivable %v; want all three", due, opening, receivable)
	}
	if len(r.Overdue) == 0 {
		t.Errorf("no overdue payout; want September's unpaid %v", unpaid)
	}

	rules := map[commission.Rule]bool{}
	for _, p := range r.Payouts {
		for _, l := range p.Lines {
			rules[l.Rule] = true
		}
	}
	for _, rule := range []commission.Rule{commission.RuleReferral, commission.RuleClawback, commission.RuleRevenueShare, commission.RuleWholesale} {
		if !rules[rule] {
			t.Errorf("October pays no %s line", rule)
		}
	}
	campaign := false
	for _, l := range r.Lines {
		if l.Rule == commission.RuleCampaignCost && l.State == commission.Issued {
			campaign = true
		}
	}
	if !campaign {
		t.Errorf("the webinar's cost line is not issued by September's ledger")
	}

	// The planted problems, and nothing else (a partner without an e-mail may warn too).
	want := []string{`"Partner: Unknown Co" names no partner`, `tagged "Partner type: Reseller"`, `unknown deal "` + unknownDealID + `"`,
		`partner "brightpath" has a Due payout but no [partner.payee] method`, `partner "meridian-events" is left out of wise-batch: payee "iban" is missing`}
	all := strings.Join(out.Warnings, "\n")
	for _, s := range want {
		if !strings.Contains(all, s) {
			t.Errorf("no warning containing %q in:\n%s", s, all)
		}
	}
	for _, w := range out.Warnings {
		expected := strings.Contains(w, "e-mail")
		for _, s := range want {
			expected = expected || strings.Contains(w, s)
		}
		if !expected {
			t.Errorf("unexpected warning: %s", w)
		}
	}
}

// TestDeterministic regenerates the sample and compares every file byte for byte.
// The committed sample-data/ is exactly what the generator writes, so it can always be
// regenerated (go run ./cmd/gensample) and reviewed as a change to the generator.
func TestDeterministic(t *testing.T) {
	a, b := t.TempDir(), "../../sample-data"
	if err := Generate(a); err != nil {
		t.Fatalf("Generate(%s) = %v", a, err)
	}
	for _, name := range []string{"partnerbook.toml", "deals.xlsx", "payments.xlsx", filepath.Join("ledger", "payouts-2026-09.xlsx")} {
		x, err := os.ReadFile(filepath.Join(a, name))
		if err != nil {
			t.Fatal(err)
		}
		y, err := os.ReadFile(filepath.Join(b, name))
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(x, y) {
			t.Errorf("%s differs from a fresh generation: run go run ./cmd/gensample and review", name)
		}
	}
}
