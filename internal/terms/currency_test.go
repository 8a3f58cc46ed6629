package terms

import (
	"strings"
	"testing"
)

// The program's currency must be an ISO 4217 code in use; its minor units set
// the rounding.
func TestProgramCurrency(t *testing.T) {
	for _, c := range []struct {
		name, currency string
		places         int32
		wantErr        string
	}{
		{"euro", "EUR", 2, ""},
		{"yen has no minor unit", "JPY", 0, ""},
		{"dinar has three", "KWD", 3, ""},
		{"made-up code", "ABC", 0, `p.toml:3:1: "ABC" is not an ISO 4217 code of a currency in use`},
		{"lower case", "eur", 0, `p.toml:3:1: "eur" is not an ISO 4217 currency code`},
	} {
		t.Run(c.name, func(t *testing.T) {
			p, probs := parse(t, strings.Replace(base, `currency = "EUR"`, `currency = "`+c.currency+`"`, 1))
			var got []string
			for _, e := range probs.Errors() {
				got = append(got, e.String())
			}
			all := strings.Join(got, "\n")
			if c.wantErr == "" {
				if all != "" || p.Policy.Places != c.places {
					t.Errorf("places %d, errors %q; want %d places and no error", p.Policy.Places, all, c.places)
				}
				return
			}
			if !strings.Contains(all, c.wantErr) {
				t.Errorf("errors:\n%s\nwant %q", all, c.wantErr)
			}
		})
	}
}
