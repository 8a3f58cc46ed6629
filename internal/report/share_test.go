package report

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"github.com/partnerbook/partnerbook/internal/civil"
	"github.com/partnerbook/partnerbook/internal/commission"
	"github.com/partnerbook/partnerbook/internal/diag"
	"github.com/partnerbook/partnerbook/internal/domain"
	"github.com/partnerbook/partnerbook/internal/terms"
)

// shareRun builds the report of a window whose payments are partner of all revenue:
// partner on an Acme deal, the rest on a deal of our own.
func shareRun(t *testing.T, partner, all string) *Report {
	t.Helper()
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "deals.xlsx"), nil, 0o644)
	var probs diag.List
	prog := terms.Parse("p.toml", dir, costProgram, &probs)
	if probs.HasErrors() {
		t.Fatal(probs.Errors())
	}
	deals := []*domain.Deal{
		deal("P1", "won", "Won", "1000", "2026-03-01", "2026-03-05", "Partner: Acme"),
		deal("U1", "won", "Won", "1000", "2026-03-01", "2026-03-05"),
	}
	pays := []*domain.Payment{pay("P1", "2026-04-01", partner)}
	rest := pay("U1", "2026-04-01", "0")
	rest.Amount = pay("", "2026-04-01", all).Amount.Sub(pays[0].Amount)
	pays = append(pays, rest)
	m := civil.NewMonth(2026, 10)
	res := commission.Compute(commission.Input{Program: prog, Deals: deals, Payments: pays, Period: m, AsOf: m.Last()})
	return Build(res, nil)
}

func TestShareNeverReadsOnTheWrongSide(t *testing.T) {
	// The threshold is dedicated_role_share, 20% by default.
	for _, c := range []struct {
		partner, all, text, fraction string
		recommended                  bool
	}{
		{"1999.60", "10000.00", "19.996%", "0.19996", false}, // rounds to 20%: below must read below
		{"2000.00", "10000.00", "20%", "0.20", true},
		{"3433.49", "10000.00", "34.3%", "0.34", true},
		{"1999.99", "10000.00", "19.9999%", "0.199999", false},
		{"9999.93", "10000.00", "99.999%", "0.99999", true}, // not all of it: never "100%"
		{"10000.00", "10000.00", "100%", "1.00", true},
		{"0.01", "100000.00", "0.00001%", "0.0000001", false}, // some: never "0%"
		{"2000.01", "10000.00", "20%", "0.20", true},          // 20.0001%: at or above, as shown
	} {
		rep := shareRun(t, c.partner, c.all)
		if rep.DedicatedRoleRecommended != c.recommended {
			t.Errorf("%s of %s: recommended %v, want %v", c.partner, c.all, rep.DedicatedRoleRecommended, c.recommended)
		}
		if got := rep.ShareText(); got != c.text {
			t.Errorf("%s of %s: shown %s, want %s", c.partner, c.all, got, c.text)
		}
		if got := rep.JSON().Totals["partner_share"]; got != c.fraction {
			t.Errorf("%s of %s: report.json partner_share %s, want %s", c.partner, c.all, got, c.fraction)
		}
	}
}

// A program without campaigns (or any other list) writes [] in report.json, not null.
func TestJSONListsAreNeverNull(t *testing.T) {
	b, err := json.Marshal(shareRun(t, "100.00", "1000.00").JSON())
	if err != nil {
		t.Fatal(err)
	}
	if bytes.Contains(b, []byte("null")) || !bytes.Contains(b, []byte(`"campaigns":[]`)) {
		t.Errorf("report.json has a null list: %s", b)
	}
}
