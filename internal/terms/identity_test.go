package terms

import (
	"strings"
	"testing"
)

const twoPartners = `
[[partner]]
id = "acme-new"
name = "Acme New"
type = "referral"
former_ids = %s

[[partner]]
id = "globex"
name = "Globex"
type = "referral"
former_ids = ["gx"]
`

func TestFormerIDs(t *testing.T) {
	for _, c := range []struct {
		name   string
		former string
		want   string // "" = valid
	}{
		{"a renamed partner keeps its old id", `["acme"]`, ""},
		{"unsafe id", `["Acme Co"]`, `p.toml:15:1: former id "Acme Co" must be 1-63 characters`},
		{"its own id", `["acme-new"]`, `p.toml:15:1: former id "acme-new" is the partner's own id`},
		{"another partner's current id", `["globex"]`, `p.toml:15:1: former id "globex" of partner "acme-new" is the id of partner "globex"`},
		{"another partner's former id", `["gx"]`, `p.toml:21:1: former id "gx" of partner "globex" is also a former id of partner "acme-new"`},
		{"us", `["us"]`, `p.toml:15:1: former id "us" of partner "acme-new" is reserved for the firm itself`},
	} {
		t.Run(c.name, func(t *testing.T) {
			text := base + strings.Replace(twoPartners, "%s", c.former, 1)
			p, probs := parse(t, text)
			var errs []string
			for _, e := range probs.All() {
				errs = append(errs, e.String())
			}
			if c.want == "" {
				if probs.HasErrors() {
					t.Fatal(errs)
				}
				if got := p.Renamed("acme"); got == nil || got.ID != "acme-new" {
					t.Errorf("Renamed(acme) = %v", got)
				}
				return
			}
			if len(errs) != 1 || !strings.HasPrefix(errs[0], c.want) {
				t.Errorf("errors %q, want one starting %q", errs, c.want)
			}
		})
	}
}

func TestConfirm(t *testing.T) {
	text := base + strings.Replace(twoPartners, "%s", `[]`, 1) + `
[[confirm]]
line = "globex:D1:revenue-share:2026-09-20"

[[confirm]]
line = "globex:D1:revenue-share:2026-09-20"

[[confirm]]
line = "nobody:D1:revenue-share:2026-09-20"
`
	p, probs := parse(t, text)
	var errs []string
	for _, e := range probs.All() {
		errs = append(errs, e.String())
	}
	want := []string{
		`p.toml:27:1: line "globex:D1:revenue-share:2026-09-20" is confirmed twice`,
		`p.toml:30:1: confirmed line "nobody:D1:revenue-share:2026-09-20" does not start with a partner id`,
	}
	if len(errs) != len(want) {
		t.Fatalf("errors %q, want %q", errs, want)
	}
	for i := range want {
		if !strings.HasPrefix(errs[i], want[i]) {
			t.Errorf("error %q, want %q", errs[i], want[i])
		}
	}
	if len(p.Confirms) != 3 || p.Confirms[0].Line != "globex:D1:revenue-share:2026-09-20" {
		t.Errorf("confirms %+v", p.Confirms)
	}
}
