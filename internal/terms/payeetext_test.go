package terms

import (
	"strings"
	"testing"
)

// Payment services and accounting imports match a payee's name and e-mail exactly
// (Wise needs the account holder's name), so those are written as given, never behind
// a spreadsheet guard: a value a spreadsheet would read as a formula is refused where
// it is written, with its line.
func TestFormulaLikePayeeFieldsAreRefused(t *testing.T) {
	payee := "  [partner.payee]\n  method = \"wise\"\n"
	wise := "\n[output]\nfinance = [\"wise-batch\"]\n"
	for _, c := range []struct {
		name, text, want string
	}{
		{"partner name as payee name", strings.Replace(base+partnerHead, `name = "Acme"`, `name = "=SUM(1+1)"`, 1) + wise,
			`p.toml:13:1: "=SUM(1+1)" begins with "=": it is the payee's name in the finance files`},
		{"partner name with @", strings.Replace(base+partnerHead, `name = "Acme"`, `name = "@Acme"`, 1) + payee + wise,
			`p.toml:13:1: "@Acme" begins with "@"`},
		{"payee name", base + partnerHead + payee + "  name = \"+Acme Ltd\"\n",
			`p.toml:17:3: "+Acme Ltd" begins with "+"`},
		{"payee e-mail", base + partnerHead + payee + "  email = \"-2+3@evil.example\"\n",
			`p.toml:17:3: "-2+3@evil.example" begins with "-"`},
		{"partner e-mail", base + partnerHead + "email = \"=1@evil.example\"\n" + wise,
			`p.toml:15:1: "=1@evil.example" begins with "="`},
		{"paypal", base + partnerHead + "  [partner.payee]\n  method = \"paypal\"\n  paypal = \"+1@evil.example\"\n",
			`p.toml:17:3: "+1@evil.example" begins with "+"`},
		{"address", base + partnerHead + payee + "  address = { lines = [\"-1 Main St\"], city = \"=Leeds\" }\n",
			`p.toml:17:15: "-1 Main St" begins with "-"`},
	} {
		t.Run(c.name, func(t *testing.T) {
			_, probs := parse(t, c.text)
			var got []string
			for _, p := range probs.Errors() {
				got = append(got, p.String())
			}
			if len(got) < 1 || !strings.HasPrefix(got[0], c.want) {
				t.Errorf("errors = %q\nwant the first starting %q", got, c.want)
			}
		})
	}
	// A partner's name and e-mail are the payee's only in a finance file that carries
	// them: without finance files, or with PayPal's alone (which pays the PayPal
	// recipient), "@Home Media" is a name like any other.
	for _, finance := range []string{"", "\n[output]\nfinance = [\"paypal-payouts\"]\n"} {
		text := strings.Replace(base+partnerHead, `name = "Acme"`, `name = "@Home Media"`, 1) + "email = \"+ap@athome.example\"\n" + finance
		if _, probs := parse(t, text); len(probs.Errors()) != 0 {
			t.Errorf("finance %q: partner name and e-mail refused: %v", finance, probs.Errors())
		}
	}

	// A partner name is free text when the payee has a name of its own.
	text := strings.Replace(base+partnerHead, `name = "Acme"`, `name = "-Acme-"`, 1) + "tags = [\"x\"]\n" + "  [partner.payee]\n  method = \"wise\"\n  name = \"Acme Ltd\"\n"
	if _, probs := parse(t, text); len(probs.Errors()) != 0 {
		t.Errorf("partner name with a payee name refused: %v", probs.Errors())
	}
}
