package money

import (
	"strings"
	"testing"
)

func TestParseAmount(t *testing.T) {
	cases := []struct{ in, want string }{
		{"1234.56", "1234.56"}, {"1,234.56", "1234.56"}, {"$1,234.56", "1234.56"}, {"-12", "-12"},
		{"(12.00)", "-12"}, {" 7 ", "7"}, {"€1,000", "1000"}, {".5", "0.5"}, {"-$1,000,000.10", "-1000000.1"},
	}
	for _, c := range cases {
		got, err := ParseAmount(c.in)
		if err != nil || !got.Equal(MustAmount(c.want)) {
			t.Errorf("ParseAmount(%q) = %s, %v; want %s", c.in, got, err, c.want)
		}
	}
	for _, bad := range []string{"", "12,5OO", "1,23", "1e5", "1e-2000000000", "12.3.4", "abc", "1,2345.00", strings.Repeat("9", 40), "NaN", "--1"} {
		if got, err := ParseAmount(bad); err == nil {
			t.Errorf("ParseAmount(%q) = %s, want an error", bad, got)
		}
	}
}

func TestRoundingModes(t *testing.T) {
	up, even := Policy{Places: 2, Mode: HalfUp}, Policy{Places: 2, Mode: HalfEven}
	cases := []struct{ in, up, even string }{
		{"-50.025", "-50.03", "-50.02"}, {"50.025", "50.03", "50.02"}, {"50.035", "50.04", "50.04"},
		{"1851.8505", "1851.85", "1851.85"}, {"0.005", "0.01", "0"}, {"-0.005", "-0.01", "0"},
	}
	for _, c := range cases {
		if got := up.Round(MustAmount(c.in)); !got.Equal(MustAmount(c.up)) {
			t.Errorf("half-up %s = %s, want %s", c.in, got, c.up)
		}
		if got := even.Round(MustAmount(c.in)); !got.Equal(MustAmount(c.even)) {
			t.Errorf("half-even %s = %s, want %s", c.in, got, c.even)
		}
	}
	yen := Policy{Places: 0}
	if got := yen.Round(MustAmount("1234.5")); got.String() != "1235" {
		t.Errorf("JPY rounding %s", got)
	}
}

func TestParseRate(t *testing.T) {
	for in, want := range map[string]string{"15%": "15%", "12.5 %": "12.5%", "0%": "0%", "100%": "100%"} {
		r, err := ParseRate(in)
		if err != nil || r.Percent() != want {
			t.Errorf("ParseRate(%q) = %s, %v", in, r.Percent(), err)
		}
	}
	// A rate is shown exactly as written, however many decimals (trailing zeros
	// dropped): "12.34567891234567891%" was shown "12.3457%", a rate never applied.
	for in, want := range map[string]string{
		"12.34567891234567891%": "12.34567891234567891%", // 19 digits: held as a wide decimal
		"12.345678%":            "12.345678%",
		"0.00001%":              "0.00001%",
		"12.50000%":             "12.5%",
		"99.99995%":             "99.99995%",
	} {
		if got := MustRate(in).Percent(); got != want {
			t.Errorf("MustRate(%q).Percent() = %q, want %q", in, got, want)
		}
	}
	for _, bad := range []string{"15", "0.15", "101%", "-1%", "x%", ""} {
		if _, err := ParseRate(bad); err == nil {
			t.Errorf("ParseRate(%q) accepted", bad)
		}
	}
	if got := MustAmount("100").MulRate(MustRate("15%")); !got.Equal(MustAmount("15")) {
		t.Errorf("100 × 15%% = %s", got)
	}
}

func TestFromFloatKeepsWhatTheSpreadsheetShows(t *testing.T) {
	a, err := FromFloat(0.1 + 0.2)
	if err != nil || a.String() != "0.3" {
		t.Errorf("FromFloat(0.1+0.2) = %s, %v", a, err)
	}
	if _, err := FromFloat(1e300); err == nil {
		t.Errorf("FromFloat(1e300) accepted")
	}
}

func FuzzParseAmount(f *testing.F) {
	for _, s := range []string{"1234.56", "1,234.56", "$1,234.56", "(12.00)", "12,5OO", "1e-2000000000", "-0"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		a, err := ParseAmount(s)
		if err != nil {
			return
		}
		// Whatever parses must survive rounding and formatting, quickly and exactly.
		r := Policy{Places: 2}.Round(a)
		back, err := ParseAmount(r.Fixed(2))
		if err != nil || !back.Equal(r) {
			t.Fatalf("%q -> %s does not round-trip: %v", s, r.Fixed(2), err)
		}
	})
}
