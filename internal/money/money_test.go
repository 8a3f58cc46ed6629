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

func TestSignificantAndFitsCell(t *testing.T) {
	for _, c := range []struct {
		s    string
		n    int
		fits bool
	}{
		{"0", 0, true}, {"0.00", 0, true}, {"1200.50", 5, true}, {"0.005", 1, true}, {"-12.34", 4, true},
		{"999999999999999", 15, true}, {"9876543210987.65", 15, true}, {"100000000000000.00", 1, true},
		{"19875018273840.84", 16, false}, {"1219318518655.691", 16, false}, {"-19875018273840.84", 16, false},
	} {
		a := MustAmount(c.s)
		if got := a.Significant(); got != c.n || a.FitsCell() != c.fits {
			t.Errorf("%s: Significant %d FitsCell %v, want %d %v", c.s, got, a.FitsCell(), c.n, c.fits)
		}
	}
	// A value too wide for the compact form counts the same way.
	w := MustAmount("999999999999999.999").Add(MustAmount("0.001"))
	if _, _, ok := w.Parts(); ok {
		t.Fatal("expected a wide value")
	}
	if got := w.Significant(); got != 1 {
		t.Errorf("1000000000000000.000: Significant %d, want 1", got)
	}
	w2 := MustAmount("999999999999999.999").Add(MustAmount("0.002"))
	if got := w2.Significant(); got != 19 || w2.FitsCell() {
		t.Errorf("1000000000000000.001: Significant %d, want 19", got)
	}
	if got := MustAmount("19875018273840.84").CellText(); got != "19875018273840.8" {
		t.Errorf("CellText %q", got)
	}
}

func TestDecimals(t *testing.T) {
	for s, want := range map[string]int32{"0": 0, "0.000": 0, "12.50": 1, "1004.45": 2, "1004.450": 2, "-0.005": 3,
		"1200": 0, "1004.44537815126": 11, "1005.5": 1} {
		if got := MustAmount(s).Decimals(); got != want {
			t.Errorf("%s: Decimals %d, want %d", s, got, want)
		}
	}
	if got := FromInt(12).MulInt(100).Decimals(); got != 0 {
		t.Errorf("1200: Decimals %d", got)
	}
	w := MustAmount("999999999999999.999").Add(MustAmount("0.002")) // wide
	if got := w.Decimals(); got != 3 {
		t.Errorf("wide: Decimals %d, want 3", got)
	}
	w = MustAmount("999999999999999.999").Add(MustAmount("0.001"))
	if got := w.Decimals(); got != 0 {
		t.Errorf("wide 1e15: Decimals %d, want 0", got)
	}
}
