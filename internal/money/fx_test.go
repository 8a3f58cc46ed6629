package money

import "testing"

func TestParseFXRate(t *testing.T) {
	for _, c := range []struct {
		name, in, want string
		ok             bool
	}{
		{"four places", "1.0725", "1.0725", true},
		{"below one", "0.0067", "0.0067", true},
		{"whole", "150", "150", true},
		{"blanks around", " 1.1 ", "1.1", true},
		{"zero is no rate", "0", "", false},
		{"negative", "-1.07", "", false},
		{"percent", "107%", "", false},
		{"thousands separator", "1,070.5", "", false},
		{"exponent", "1e3", "", false},
		{"empty", "", "", false},
		{"thirteen places", "1.0000000000001", "", false},
	} {
		r, err := ParseFXRate(c.in)
		if (err == nil) != c.ok {
			t.Errorf("%s: ParseFXRate(%q) error %v", c.name, c.in, err)
			continue
		}
		if c.ok && r.String() != c.want {
			t.Errorf("%s: ParseFXRate(%q) = %s, want %s", c.name, c.in, r, c.want)
		}
	}
}

func TestConvertRoundsOnceWithThePolicy(t *testing.T) {
	for _, c := range []struct {
		name, amount, rate string
		pol                Policy
		want               string
	}{
		{"EUR to USD", "1000.00", "1.0725", Policy{2, HalfUp}, "1072.50"},
		{"half up", "10.05", "1.5", Policy{2, HalfUp}, "15.08"},          // 15.075
		{"half even", "10.05", "1.5", Policy{2, HalfEven}, "15.08"},      // 15.075 -> 8 is even
		{"half even down", "10.03", "1.5", Policy{2, HalfEven}, "15.04"}, // 15.045
		{"refund stays negative", "-10.05", "1.5", Policy{2, HalfUp}, "-15.08"},
		{"into yen", "12.34", "161.7", Policy{0, HalfUp}, "1995"}, // 1995.378
	} {
		got := c.pol.Round(MustAmount(c.amount).Convert(MustFXRate(c.rate)))
		if got.Fixed(c.pol.Places) != c.want {
			t.Errorf("%s: %s × %s = %s, want %s", c.name, c.amount, c.rate, got.Fixed(c.pol.Places), c.want)
		}
	}
}

func TestISO4217(t *testing.T) {
	for code, want := range map[string]bool{"USD": true, "EUR": true, "PEN": true, "MXN": true, "XYZ": false, "usd": false, "EU": false} {
		if IsCurrency(code) != want {
			t.Errorf("IsCurrency(%q) = %v", code, !want)
		}
	}
	if _, err := CurrencyPlaces("XYZ"); err == nil {
		t.Errorf("CurrencyPlaces accepted XYZ, which is no ISO 4217 code")
	}
	if got := MustAmount("12.500").Places(); got != 3 {
		t.Errorf("Places(12.500) = %d", got)
	}
}
