package money

import (
	"math/rand"
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
