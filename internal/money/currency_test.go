package money

import (
	"strings"
	"testing"
)

func TestDisplay(t *testing.T) {
	cases := []struct {
		name, amount, cur string
		places            int32
		want              string
	}{
		{"dollar", "12345.6", "USD", 2, "$12,345.60"},
		{"negative euro", "-1200", "EUR", 2, "-€1,200.00"},
		{"pound rounds up", "999.999", "GBP", 2, "£1,000.00"},
		{"franc has no symbol", "1234.5", "CHF", 2, "CHF 1,234.50"},
		{"negative franc", "-1234.5", "CHF", 2, "-CHF 1,234.50"},
		{"krona", "1234.5", "SEK", 2, "SEK 1,234.50"},
		{"rupee sign is beyond Latin-1", "1234.5", "INR", 2, "INR 1,234.50"},
		{"won sign is beyond Latin-1", "1234", "KRW", 0, "KRW 1,234"},
		{"CLDR letters get a space", "1234", "XOF", 0, "CFA 1,234"},
		{"australian dollar", "1234.5", "AUD", 2, "A$1,234.50"},
		{"canadian dollar", "1234.5", "CAD", 2, "CA$1,234.50"},
		{"no negative zero", "-0.001", "USD", 2, "$0.00"},
		{"millions", "1000000", "USD", 2, "$1,000,000.00"},
		{"yen has no decimals", "1234567", "JPY", 0, "¥1,234,567"},
		{"yen rounds to whole", "1234.5", "JPY", 0, "¥1,235"},
		{"dinar has three decimals", "1234.5675", "KWD", 3, "KWD 1,234.568"},
		{"newer code", "10", "VES", 2, "VES 10.00"},
		{"unknown code is written as given", "10", "ABC", 2, "ABC 10.00"},
		{"no currency", "-1234.5", "", 2, "-1,234.50"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			p := Policy{Places: c.places}
			if got := p.Display(MustAmount(c.amount), c.cur); got != c.want {
				t.Errorf("Display(%s %s) = %q, want %q", c.amount, c.cur, got, c.want)
			}
		})
	}
}

func TestNumber(t *testing.T) {
	for _, c := range []struct {
		name, in string
		places   int32
		want     string
	}{
		{"count", "1234567", 0, "1,234,567"},
		{"small", "12", 0, "12"},
		{"negative", "-1234.5", 2, "-1,234.50"},
		{"rounds to zero", "-0.004", 2, "0.00"},
	} {
		if got := (Policy{Places: c.places}).Number(MustAmount(c.in)); got != c.want {
			t.Errorf("%s: Number(%s) = %q, want %q", c.name, c.in, got, c.want)
		}
	}
}

func TestParseCurrency(t *testing.T) {
	for _, c := range []struct {
		code   string
		places int32
		prefix string
	}{
		{"USD", 2, "$"}, {"EUR", 2, "€"}, {"GBP", 2, "£"}, {"JPY", 0, "¥"}, {"CHF", 2, "CHF "},
		{"KWD", 3, "KWD "}, {"BHD", 3, "BHD "}, {"KRW", 0, "KRW "}, {"ISK", 0, "ISK "},
		// ISO 4217 where CLDR writes fewer digits.
		{"IDR", 2, "IDR "}, {"COP", 2, "COP "}, {"IQD", 3, "IQD "},
		// Issued after x/text's data.
		{"MRU", 2, "MRU "}, {"VES", 2, "VES "},
	} {
		got, err := ParseCurrency(c.code)
		if err != nil || got.Code != c.code || got.Places != c.places || got.Prefix != c.prefix {
			t.Errorf("ParseCurrency(%s) = %+v, %v; want %d places, prefix %q", c.code, got, err, c.places, c.prefix)
		}
		if p, err := CurrencyPlaces(c.code); err != nil || p != c.places {
			t.Errorf("CurrencyPlaces(%s) = %d, %v", c.code, p, err)
		}
	}
	for _, c := range []struct{ code, want string }{
		{"usd", "three capital letters"}, {"US", "three capital letters"}, {"DOLLAR", "three capital letters"}, {"", "three capital letters"},
		{"ABC", "not an ISO 4217 code of a currency in use"},
		{"XXX", "not an ISO 4217 code of a currency in use"}, // "no currency"
		{"XAU", "not an ISO 4217 code of a currency in use"}, // gold
		{"DEM", "not an ISO 4217 code of a currency in use"}, // withdrawn
	} {
		_, err := ParseCurrency(c.code)
		if err == nil || !strings.Contains(err.Error(), c.want) || !strings.Contains(err.Error(), `"`+c.code+`"`) {
			t.Errorf("ParseCurrency(%q) error = %v, want one naming it and saying %q", c.code, err, c.want)
		}
	}
}

// Every known currency rounds with its own minor units: the policy a program
// gets from its currency is what Display prints.
func TestCurrencyPolicyMatchesDisplay(t *testing.T) {
	for code, c := range currencies() {
		p := c.Policy(HalfUp)
		got := p.Display(MustAmount("1234.56789"), code)
		tail := got[strings.LastIndexAny(got, "0123456789,")+1:]
		if tail != "" {
			t.Errorf("%s: %q has a suffix", code, got)
		}
		_, frac, hasFrac := strings.Cut(got, ".")
		if int32(len(frac)) != c.Places || hasFrac != (c.Places > 0) {
			t.Errorf("%s: %q does not show %d decimals", code, got, c.Places)
		}
		if !strings.HasPrefix(got, c.Prefix) {
			t.Errorf("%s: %q lacks prefix %q", code, got, c.Prefix)
		}
	}
}

func TestNumberFormat(t *testing.T) {
	for _, c := range []struct {
		code   string
		places int32
		want   string
	}{
		{"USD", 2, `"$"#,##0.00;-"$"#,##0.00`},
		{"CHF", 2, `"CHF "#,##0.00;-"CHF "#,##0.00`},
		{"INR", 2, `"INR "#,##0.00;-"INR "#,##0.00`},
		{"JPY", 0, `"¥"#,##0;-"¥"#,##0`},
		{"KWD", 3, `"KWD "#,##0.000;-"KWD "#,##0.000`},
		{"", 2, `#,##0.00;-#,##0.00`},
	} {
		if got := NumberFormat(c.code, c.places); got != c.want {
			t.Errorf("NumberFormat(%q, %d) = %s, want %s", c.code, c.places, got, c.want)
		}
	}
}

func TestPercent(t *testing.T) {
	for _, c := range []struct {
		name, in string
		places   int32
		want     string
	}{
		{"whole", "30%", 1, "30%"},
		{"one decimal", "12.5%", 1, "12.5%"},
		{"rounds half up", "41.2656%", 1, "41.3%"},
		{"tiny is zero, not -0", "0.04%", 1, "0%"},
		{"half a tenth", "0.05%", 1, "0.1%"},
		{"exact terms rate", "7.125%", 4, "7.125%"},
	} {
		r := MustRate(c.in)
		if got := r.PercentRounded(c.places); got != c.want {
			t.Errorf("%s: PercentRounded(%s, %d) = %q, want %q", c.name, c.in, c.places, got, c.want)
		}
	}
	if got := MustRate("12.5%").Percent(); got != "12.5%" {
		t.Errorf("Percent(12.5%%) = %q", got)
	}
	neg := MustAmount("-1").Ratio(MustAmount("8"))
	if got := neg.PercentRounded(1); got != "-12.5%" {
		t.Errorf("PercentRounded(-0.125) = %q", got)
	}
	big := MustAmount("5").Ratio(MustAmount("2"))
	if got := big.PercentRounded(1); got != "250%" {
		t.Errorf("PercentRounded(2.5) = %q", got)
	}
	if got := MustAmount("-0.0001").Ratio(MustAmount("1")).PercentRounded(1); got != "0%" {
		t.Errorf("a tiny negative ratio shows %q, want 0%%", got)
	}
}
