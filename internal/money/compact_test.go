package money

import (
	"math/rand"
	"strings"
	"testing"

	"github.com/shopspring/decimal"
)

// same reports whether an Amount holds exactly d: its value and its exponent, which
// String, Places and Round depend on.
func same(a Amount, d decimal.Decimal) bool {
	got := a.dec()
	return got.Cmp(d) == 0 && got.Exponent() == d.Exponent() && a.String() == d.String()
}

func TestCompactArithmeticIsTheDecimals(t *testing.T) {
	big := "123456789012345.123456789012" // 27 digits: kept as a decimal
	for _, tc := range []struct {
		name, a, b string
	}{
		{"same places", "1234.56", "0.44"},
		{"different places", "10", "0.005"},
		{"negative", "-12.5", "3.125"},
		{"zero and a fraction", "0", "-0.10"},
		{"largest compact", "999999999999999.999", "0.001"},
		{"sum beyond 18 digits", "999999999999999.999", "999999999999999.999"},
		{"scaling beyond 18 digits", "999999999999999", "0.000000000001"},
		{"wide and compact", big, "1.5"},
		{"wide and wide", big, big},
	} {
		t.Run(tc.name, func(t *testing.T) {
			a, b := MustAmount(tc.a), MustAmount(tc.b)
			da, db := decimal.RequireFromString(tc.a), decimal.RequireFromString(tc.b)
			if !same(a, da) || !same(b, db) {
				t.Fatalf("parsed %s, %s; want %s, %s", a, b, da, db)
			}
			if got, want := a.Add(b), da.Add(db); !same(got, want) {
				t.Errorf("%s + %s = %s (exp %d), want %s (exp %d)", tc.a, tc.b, got, got.dec().Exponent(), want, want.Exponent())
			}
			if got, want := a.Sub(b), da.Sub(db); !same(got, want) {
				t.Errorf("%s - %s = %s, want %s", tc.a, tc.b, got, want)
			}
			if got, want := a.Cmp(b), da.Cmp(db); got != want {
				t.Errorf("cmp(%s, %s) = %d, want %d", tc.a, tc.b, got, want)
			}
			if got, want := a.Neg(), da.Neg(); !same(got, want) {
				t.Errorf("-%s = %s, want %s", tc.a, got, want)
			}
			if got, want := a.Neg().Abs(), da.Neg().Abs(); !same(got, want) {
				t.Errorf("|-%s| = %s, want %s", tc.a, got, want)
			}
			for _, pol := range []Policy{{2, HalfUp}, {2, HalfEven}, {0, HalfUp}, {3, HalfEven}} {
				want := da.Round(pol.Places)
				if pol.Mode == HalfEven {
					want = da.RoundBank(pol.Places)
				}
				if got := pol.Round(a); !same(got, want) {
					t.Errorf("%v rounds %s to %s, want %s", pol, tc.a, got, want)
				}
			}
		})
	}
}

// TestCompactMatchesDecimalOnRandomSums adds, subtracts, compares and rounds random
// amounts of up to 15 digits and 12 places both ways.
func TestCompactMatchesDecimalOnRandomSums(t *testing.T) {
	rng := rand.New(rand.NewSource(7))
	num := func() (Amount, decimal.Decimal) {
		d := decimal.New(rng.Int63n(1_000_000_000_000_000)-500_000_000_000_000, -int32(rng.Intn(13)))
		return amount(d), d
	}
	sum, dsum := Zero, decimal.Decimal{}
	for i := 0; i < 20000; i++ {
		a, da := num()
		b, db := num()
		if got, want := a.Add(b), da.Add(db); !same(got, want) {
			t.Fatalf("%s + %s = %s, want %s", da, db, got, want)
		}
		if got, want := a.Sub(b), da.Sub(db); !same(got, want) {
			t.Fatalf("%s - %s = %s, want %s", da, db, got, want)
		}
		if got, want := a.Cmp(b), da.Cmp(db); got != want {
			t.Fatalf("cmp(%s, %s) = %d, want %d", da, db, got, want)
		}
		if got, want := (Policy{2, HalfEven}).Round(a), da.RoundBank(2); !same(got, want) {
			t.Fatalf("round(%s) = %s, want %s", da, got, want)
		}
		sum, dsum = sum.Add(a), dsum.Add(da)
	}
	if !same(sum, dsum) {
		t.Errorf("running sum %s, want %s", sum, dsum)
	}
}

// randomDecimal is a decimal of up to digits digits (its coefficient chosen by
// length first, so short and long coefficients are equally likely) at an exponent
// within [-maxPlaces, 2], negative half the time.
func randomDecimal(rng *rand.Rand, digits, maxPlaces int) decimal.Decimal {
	n := 1 + rng.Intn(digits)
	c := rng.Int63n(pow10[n]) // below 10^n
	if rng.Intn(4) == 0 {
		c = pow10[n-1] * int64(rng.Intn(10)) // a round value: 5, 50, 500 ...
		if rng.Intn(2) == 0 {
			c += pow10[n-1] / 2 // and a tie: 55, 550, 5500 ...
		}
	}
	if rng.Intn(2) == 0 {
		c = -c
	}
	return decimal.New(c, int32(rng.Intn(maxPlaces+3)-maxPlaces))
}

// TestCompactMatchesDecimalOnRandomProducts checks the int64 paths of multiplying,
// dividing, rounding and printing against the decimal library on random values,
// exponents and ties included.
func TestCompactMatchesDecimalOnRandomProducts(t *testing.T) {
	rng := rand.New(rand.NewSource(11))
	for i := 0; i < 50000; i++ {
		da, db := randomDecimal(rng, 18, 14), randomDecimal(rng, 9, 8)
		a, b := amount(da), amount(db)
		r := Rate(b)
		if got, want := a.MulRate(r), da.Mul(db); !same(got, want) {
			t.Fatalf("%s × %s = %s, want %s", da, db, got, want)
		}
		if !db.IsZero() {
			if got, want := a.Ratio(b), da.DivRound(db, 6); !same(Amount(got), want) {
				t.Fatalf("%s / %s = %s, want %s", da, db, Amount(got), want)
			}
		}
		if den := da.Add(decimal.NewFromInt(1)); !den.IsZero() {
			if got, want := b.Ratio(a.Add(FromInt(1))), db.DivRound(den, 6); !same(Amount(got), want) {
				t.Fatalf("%s / %s = %s, want %s", db, den, Amount(got), want)
			}
		}
		for _, places := range []int32{0, 1, 2, 3, 4} {
			if got, want := (Policy{places, HalfUp}).Round(a), da.Round(places); !same(got, want) {
				t.Fatalf("half-up %s to %d = %s, want %s", da, places, got, want)
			}
			if got, want := (Policy{places, HalfEven}).Round(a), da.RoundBank(places); !same(got, want) {
				t.Fatalf("half-even %s to %d = %s, want %s", da, places, got, want)
			}
			if got, want := a.Fixed(places), da.StringFixed(places); got != want {
				t.Fatalf("%s fixed to %d = %s, want %s", da, places, got, want)
			}
			if got, want := r.PercentRounded(places), db.Shift(2).Round(places).String()+"%"; got != want {
				t.Fatalf("%s as a percentage to %d places = %s, want %s", db, places, got, want)
			}
		}
		if got, want := a.String(), da.String(); got != want {
			t.Fatalf("String of %s (exp %d) = %s", want, da.Exponent(), got)
		}
		if got, want := r.Complement(), decimal.NewFromInt(1).Sub(db); !same(Amount(got), want) {
			t.Fatalf("1 - %s = %s, want %s", db, Amount(got), want)
		}
	}
}

// TestParsePlainIsTheDecimalsParse reads random plain numbers both ways.
func TestParsePlainIsTheDecimalsParse(t *testing.T) {
	rng := rand.New(rand.NewSource(5))
	digits := func(n int) string {
		b := make([]byte, n)
		for i := range b {
			b[i] = byte('0' + rng.Intn(10))
		}
		if n > 0 && rng.Intn(3) == 0 {
			b[0] = '0' // leading zeros
		}
		return string(b)
	}
	for i := 0; i < 50000; i++ {
		s := digits(rng.Intn(19))
		switch rng.Intn(4) {
		case 0, 1:
			s += "." + digits(rng.Intn(15))
		case 2:
			s += "."
		}
		if rng.Intn(3) == 0 {
			s = "-" + s
		}
		got, err := ParseAmount(s)
		intDigits, frac, _ := strings.Cut(strings.TrimPrefix(s, "-"), ".")
		valid := len(strings.TrimLeft(intDigits, "0")) <= maxInt && len(frac) <= maxFrac && len(intDigits)+len(frac) > 0
		if (err == nil) != valid {
			t.Fatalf("ParseAmount(%q) = %s, %v; want valid = %v", s, got, err, valid)
		}
		if err != nil {
			continue
		}
		want := decimal.RequireFromString(s)
		if !same(got, want) {
			t.Fatalf("ParseAmount(%q) = %s (exp %d), want %s (exp %d)", s, got, got.dec().Exponent(), want, want.Exponent())
		}
	}
}

// BenchmarkLineArithmetic is what a line costs in this package: reading a deal value
// and a payment, taking a percent of it, rounding, a margin ratio and printing.
func BenchmarkLineArithmetic(b *testing.B) {
	pct, pol := MustRate("12.5%"), Policy{Places: 2}
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		v, _ := ParseAmount("23456.78")
		p, _ := ParseAmount("1234.5")
		fee := pol.Round(v.MulRate(pct))
		r := fee.Ratio(v.Add(p))
		_ = pol.Format(fee) + r.PercentRounded(1)
	}
}

// Parts and FromParts give back the amount itself, its exponent included; a value too
// wide for them says so.
func TestPartsRoundTrip(t *testing.T) {
	for _, a := range []Amount{{}, MustAmount("0.00"), MustAmount("12.50"), MustAmount("-0.005"), MustAmount("1234567.123456789"),
		FromParts(-999_999_999_999_999_999, -2), FromParts(7, 40_000), FromParts(-3, -40_000)} {
		s := a.String()
		c, e, ok := a.Parts()
		if !ok {
			t.Fatalf("%s: no parts", s)
		}
		if b := FromParts(c, e); b != a || b.String() != a.String() || b.Fixed(6) != a.Fixed(6) {
			t.Errorf("%s: parts %d×10^%d give %s (%#v), want %s (%#v)", s, c, e, b, b, a, a)
		}
	}
	wide := FromInt(1_000_000_000_000_000).MulInt(1_000_000_000_007)
	if _, _, ok := wide.Parts(); ok {
		t.Errorf("%s has parts", wide)
	}
	// A coefficient of more than 18 digits is still its value.
	if a := FromParts(-9_223_372_036_854_775_807, -4); a.String() != "-922337203685477.5807" {
		t.Errorf("FromParts of a 19-digit coefficient is %s", a)
	}
}
