package terms

import (
	"strings"
	"testing"
)

// E-mail headers (RFC 5322) are ASCII and so are the payment services' recipient
// columns: an address with other characters would need SMTPUTF8, so it is refused
// where it is written, with its line, and an internationalised domain is given in its
// xn-- form.
func TestNonASCIIEmailIsRefused(t *testing.T) {
	for _, c := range []struct {
		name, text, want string
	}{
		{"partner e-mail, IDN domain", base + partnerHead + `email = "joerg@müller-beratung.de"` + "\n",
			`p.toml:15:1: "joerg@müller-beratung.de" is not an ASCII address: e-mail headers (RFC 5322) and payment files need one; give the domain in its ASCII form: "joerg@xn--mller-beratung-gsb.de"`},
		{"partner e-mail, non-ASCII local part", base + partnerHead + `email = "jörg@mueller-beratung.de"` + "\n",
			`p.toml:15:1: "jörg@mueller-beratung.de" is not an ASCII address: e-mail headers (RFC 5322) and payment files need one; give an ASCII address of the partner (the part before the @ has no ASCII form)`},
		{"payee e-mail", base + partnerHead + "  [partner.payee]\n  method = \"wise\"\n  email = \"ap@bücher.example\"\n",
			`p.toml:17:3: "ap@bücher.example" is not an ASCII address: e-mail headers (RFC 5322) and payment files need one; give the domain in its ASCII form: "ap@xn--bcher-kva.example"`},
		{"paypal", base + partnerHead + "  [partner.payee]\n  method = \"paypal\"\n  paypal = \"zoë@zoe.example\"\n",
			`p.toml:17:3: "zoë@zoe.example" is not an ASCII address`},
		{"program e-mail", strings.Replace(base, "[program]\n", "[program]\nemail = \"partners@bücher.example\"\n", 1),
			`p.toml:2:1: "partners@bücher.example" is not an ASCII address`},
	} {
		t.Run(c.name, func(t *testing.T) {
			_, probs := parse(t, c.text)
			var got []string
			for _, p := range probs.Errors() {
				got = append(got, p.String())
			}
			if len(got) != 1 || !strings.HasPrefix(got[0], c.want) {
				t.Errorf("errors = %q\nwant one starting %q", got, c.want)
			}
		})
	}
	// An ASCII address with the xn-- domain is fine.
	if _, probs := parse(t, base+partnerHead+`email = "joerg@xn--mller-beratung-gsb.de"`+"\n"); len(probs.Errors()) != 0 {
		t.Errorf("xn-- address refused: %v", probs.Errors())
	}
}
