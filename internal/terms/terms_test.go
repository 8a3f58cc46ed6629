package terms

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/BurntSushi/toml"

	"github.com/partnerbook/partnerbook/internal/diag"
	"github.com/partnerbook/partnerbook/internal/domain"
)

const base = `[program]
name = "Test Co"
currency = "EUR"
period = "2026-10"

[input.deals]
file = "deals.xlsx"
[input.payments]
file = "payments.xlsx"
`

func parse(t *testing.T, text string) (*domain.Program, *diag.List) {
	t.Helper()
	dir := t.TempDir()
	for _, f := range []string{"deals.xlsx", "payments.xlsx"} {
		os.WriteFile(filepath.Join(dir, f), nil, 0o644)
	}
	var probs diag.List
	return Parse("p.toml", dir, text, &probs), &probs
}

func TestDefaultsAndPresets(t *testing.T) {
	p, probs := parse(t, base+`
[[partner]]
id = "acme"
name = "Acme"
type = "referral"
  [[partner.terms]]
  from = 2026-01-01
  referral = { percent = "12.5%" }
`)
	if probs.HasErrors() {
		t.Fatal(probs.All())
	}
	if p.PayoutTermsDays != 30 || p.Policy.Places != 2 || p.Policy.Mode.String() != "half-up" || p.MarginCap.Percent() != "25%" ||
		p.DedicatedRoleShare.Percent() != "20%" || !p.MinimumPayout.IsZero() || p.Deals.Preset != "generic" {
		t.Errorf("defaults: %+v", p)
	}
	a := p.Partners[0]
	if a.Status != domain.Active || len(a.Tags) != 1 || a.Tags[0] != "Partner: Acme" {
		t.Errorf("partner defaults: %+v", a)
	}
	r := a.Terms[0].Referral
	if r.PayOn != domain.PaySigned || r.Percent.Percent() != "12.5%" || r.Cap != nil || a.Terms[0].ClawbackDays != 0 {
		t.Errorf("referral defaults: %+v", r)
	}
	if p.Payments.Columns["deal"] != "Deal ID" || p.Deals.Columns["value"] != "value" {
		t.Errorf("columns %v %v", p.Payments.Columns, p.Deals.Columns)
	}
}

func TestProblemsArePositioned(t *testing.T) {
	text := base + `
[[partner]]
id = "acme"
name = "Acme"
type = "referal"
  [[partner.terms]]
  from = 2026-01-01
  to = 2026-06-30
  referral = { percent = "15%", pay_on = "whenever", cap = 5000 }
  [[partner.terms]]
  from = 2026-06-01
  revenue_share = { percent = "10%", Months = 12 }

[[partner]]
id = "Acme Two"
name = "Acme"
type = "reseller"
tags = ["Partner: Acme"]

[[campaign]]
id = "c1"
date = 2026-09-01
cost = "1000"
paid_by = "globex"
shares = { us = "60%", acme = "30%" }
tag = "Campaign: C1"
`
	_, probs := parse(t, text)
	want := []string{
		`p.toml:14:1: "type" is "referal": must be one of referral, reseller, co-marketing, strategic`,
		`p.toml:18:33: "pay_on" is "whenever"`,
		`p.toml:18:54: "cap" must be a quoted amount`,
		`p.toml:19:3: terms of partner "acme" from 2026-06-01 overlap the version from 2026-01-01`,
		`p.toml:21:38: unknown key "Months" in [partner.terms.revenue_share] (did you mean "months"?)`,
		`p.toml:24:1: partner id "Acme Two"`,
		`tag "Partner: Acme" of partner "Acme Two" is already the tag of partner "acme"`,
		`campaign "c1" shares add up to 90%, not 100%`,
		`campaign "c1" is paid by "globex", which is no partner id`,
	}
	var got []string
	for _, p := range probs.Errors() {
		got = append(got, p.String())
	}
	all := strings.Join(got, "\n")
	for _, w := range want {
		if !strings.Contains(all, w) {
			t.Errorf("missing %q in:\n%s", w, all)
		}
	}
}

func TestTOMLSyntaxErrorHasLine(t *testing.T) {
	_, probs := parse(t, base+"\n[[partner]]\nid = \"acme\nname = \"x\"\n")
	errs := probs.Errors()
	if len(errs) != 1 || !strings.HasPrefix(errs[0].String(), "p.toml:12:") {
		t.Errorf("errors %v", errs)
	}
}

func TestLocateInlineAndArrays(t *testing.T) {
	text := "[a]\nx = 1\n[[p]]\nid = 1\n  [[p.t]]\n  r = { k = \"1\", m = { n = 2 } }\n[[p]]\nfiles = [\n  \"a\",\n]\nid = 2\n"
	pos := locate("f", text)
	for key, want := range map[string][2]int{
		"a.x": {2, 1}, "p[0].id": {4, 1}, "p[0].t[0].r": {6, 3}, "p[0].t[0].r.k": {6, 9}, "p[0].t[0].r.m.n": {6, 24}, "p[1].id": {11, 1},
	} {
		if p := pos[key]; p.Line != want[0] || p.Col != want[1] {
			t.Errorf("%s at %d:%d, want %d:%d", key, p.Line, p.Col, want[0], want[1])
		}
	}
}

func FuzzParse(f *testing.F) {
	f.Add(base)
	f.Add(base + "[[partner]]\nid = \"a\"\nname = \"A\"\ntype = \"referral\"\n  [[partner.terms]]\n  from = 2026-01-01\n  referral = { percent = \"10%\" }\n")
	f.Add("[program]\nname = {\n")
	f.Fuzz(func(t *testing.T, text string) {
		var probs diag.List
		p := Parse("f.toml", t.TempDir(), text, &probs)
		var raw map[string]any
		if _, err := toml.Decode(text, &raw); err != nil {
			// Text the decoder rejects is an error with the decoder's line.
			errs := probs.Errors()
			if p != nil || len(errs) != 1 || errs[0].Pos.Line == 0 {
				t.Fatalf("decoder error %v, Parse gave program %v and %v", err, p != nil, errs)
			}
			return
		}
		if p == nil || probs.HasErrors() {
			return
		}
		// An accepted program has safe, unique partner ids: they become file names.
		seen := map[string]bool{}
		for _, pt := range p.Partners {
			if !SafeID.MatchString(pt.ID) || seen[pt.ID] {
				t.Fatalf("accepted partner id %q (unique: %v)", pt.ID, !seen[pt.ID])
			}
			seen[pt.ID] = true
		}
	})
}

func TestTagsThatCouldNeverMatch(t *testing.T) {
	_, probs := parse(t, base+`
[[partner]]
id = "sj"
name = "Smith, Jones & Co"
type = "referral"
[[partner]]
id = "x"
name = "X"
type = "referral"
tags = ["Partner: X; Y"]
[[campaign]]
id = "a"
date = 2026-09-01
cost = "0"
paid_by = "us"
shares = { us = "100%" }
tag = "Campaign: Web"
[[campaign]]
id = "b"
date = 2026-09-02
cost = "0"
paid_by = "us"
shares = { us = "100%" }
tag = "campaign: web"
`)
	all := ""
	for _, p := range probs.Errors() {
		all += p.String() + "\n"
	}
	for _, want := range []string{
		`p.toml:13:1: the default tag "Partner: Smith, Jones & Co" contains "," or ";"`,
		`p.toml:19:1: tag "Partner: X; Y" contains "," or ";"`,
		`campaign "b" has the tag "campaign: web" of campaign "a"`,
	} {
		if !strings.Contains(all, want) {
			t.Errorf("missing %q in:\n%s", want, all)
		}
	}
}

func TestPartnerContact(t *testing.T) {
	// contact is optional; when given it is carried through, trimmed.
	var probs diag.List
	dir := t.TempDir()
	for _, f := range []string{"deals.csv", "payments.csv"} {
		if err := os.WriteFile(filepath.Join(dir, f), nil, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	src := `[program]
name = "T"
currency = "USD"
[input.deals]
file = "deals.csv"
[input.payments]
file = "payments.csv"
[[partner]]
id = "zoe"
name = "Zoë Martin Consulting"
type = "referral"
contact = " Zoë Martin "
[[partner]]
id = "acme"
name = "Acme"
type = "referral"
`
	p := Parse("p.toml", dir, src, &probs)
	if probs.HasErrors() {
		t.Fatal(probs.Errors())
	}
	if got := p.Partner("zoe").Contact; got != "Zoë Martin" {
		t.Errorf("zoe contact %q, want %q", got, "Zoë Martin")
	}
	if got := p.Partner("acme").Contact; got != "" {
		t.Errorf("acme contact %q, want none", got)
	}
}
