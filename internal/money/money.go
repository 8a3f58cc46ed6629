// Package money holds exact amounts, rates and the rounding policy; it is the only
// package that touches the decimal library, so no float ever reaches a money figure.
package money

import (
	"fmt"
	"math"
	"regexp"
	"strconv"
	"strings"

	"github.com/shopspring/decimal"
)

// Amount is an exact sum of money in the program's currency.
type Amount struct{ d decimal.Decimal }

// Rate is a fraction: 15% is Rate 0.15.
type Rate struct{ d decimal.Decimal }

// Zero is the zero amount.
var Zero = Amount{}

// maxDigits bounds what a cell may hold, so a crafted "1e999999" cannot stall rounding.
const maxDigits = 30

// Amounts have at most 15 digits before the point (a quadrillion) and 12 after it:
// beyond anything a ledger holds, and small enough to print and parse back exactly.
const maxInt, maxFrac = 15, 12

var amountRe = regexp.MustCompile(`^[+-]?(\d+(\.\d*)?|\.\d+)$`)

// unsignedRe is what remains of an amount once its sign is taken off.
var unsignedRe = regexp.MustCompile(`^(\d+(\.\d*)?|\.\d+)$`)

// ParseAmount reads "1234.56", "1,234.56", "$1,234.56", "-12" or "(12.00)".
// Thousands separators must sit in groups of three so "12,5OO" or "1,23" are rejected.
func ParseAmount(s string) (Amount, error) {
	orig := s
	s = strings.TrimSpace(s)
	neg := false
	if strings.HasPrefix(s, "(") && strings.HasSuffix(s, ")") {
		neg = true
		s = strings.TrimSpace(s[1 : len(s)-1])
	}
	if strings.HasPrefix(s, "-") {
		neg = !neg
		s = strings.TrimSpace(s[1:])
	}
	for _, sym := range []string{"$", "€", "£", "¥"} {
		s = strings.TrimPrefix(s, sym)
	}
	s = strings.TrimSpace(s)
	if strings.Contains(s, ",") {
		intPart, frac, _ := strings.Cut(s, ".")
		groups := strings.Split(intPart, ",")
		for i, g := range groups {
			if (i == 0 && (len(g) < 1 || len(g) > 3)) || (i > 0 && len(g) != 3) {
				return Amount{}, fmt.Errorf("%q is not an amount", orig)
			}
		}
		s = strings.Join(groups, "")
		if strings.Contains(orig, ".") {
			s += "." + frac
		}
	}
	intDigits, fracDigits, _ := strings.Cut(s, ".")
	if !unsignedRe.MatchString(s) || len(strings.TrimLeft(intDigits, "0")) > maxInt || len(fracDigits) > maxFrac {
		return Amount{}, fmt.Errorf("%q is not an amount", orig)
	}
	d, err := decimal.NewFromString(s)
	if err != nil {
		return Amount{}, fmt.Errorf("%q is not an amount", orig)
	}
	if neg {
		d = d.Neg()
	}
	return Amount{d}, nil
}

// MustAmount is ParseAmount for literals in code and tests.
func MustAmount(s string) Amount {
	a, err := ParseAmount(s)
	if err != nil {
		panic(err)
	}
	return a
}

// FromFloat converts a spreadsheet number. Spreadsheets keep 15 significant digits
// of a binary float (0.1+0.2 is stored as 0.30000000000000004 and shown as 0.3), so
// that is what is taken, not the binary expansion.
func FromFloat(f float64) (Amount, error) {
	if math.IsNaN(f) || math.IsInf(f, 0) || math.Abs(f) >= 1e15 {
		return Amount{}, fmt.Errorf("%v is not an amount", f)
	}
	d, err := decimal.NewFromString(strconv.FormatFloat(f, 'g', 15, 64))
	if err != nil {
		return Amount{}, fmt.Errorf("%v is not an amount", f)
	}
	return Amount{d}, nil
}

// FromInt is n whole units.
func FromInt(n int64) Amount { return Amount{decimal.NewFromInt(n)} }

func (a Amount) Add(b Amount) Amount   { return Amount{a.d.Add(b.d)} }
func (a Amount) Sub(b Amount) Amount   { return Amount{a.d.Sub(b.d)} }
func (a Amount) Neg() Amount           { return Amount{a.d.Neg()} }
func (a Amount) Abs() Amount           { return Amount{a.d.Abs()} }
func (a Amount) Sign() int             { return a.d.Sign() }
func (a Amount) IsZero() bool          { return a.d.IsZero() }
func (a Amount) Cmp(b Amount) int      { return a.d.Cmp(b.d) }
func (a Amount) Equal(b Amount) bool   { return a.d.Equal(b.d) }
func (a Amount) MulRate(r Rate) Amount { return Amount{a.d.Mul(r.d)} }

// MulInt multiplies by a whole number.
func (a Amount) MulInt(n int64) Amount { return Amount{a.d.Mul(decimal.NewFromInt(n))} }

// MulFrac is a × num / den with the product taken first, so no precision is lost
// before the one rounding a line gets. den must not be zero.
func (a Amount) MulFrac(num, den Amount) Amount {
	return Amount{a.d.Mul(num.d).DivRound(den.d, 20)}
}

// Min is the smaller of a and b.
func Min(a, b Amount) Amount {
	if a.Cmp(b) <= 0 {
		return a
	}
	return b
}

// Max is the larger of a and b.
func Max(a, b Amount) Amount {
	if a.Cmp(b) >= 0 {
		return a
	}
	return b
}

// Ratio is a / b as a rate, to 6 places (for margin ratios); b must not be zero.
func (a Amount) Ratio(b Amount) Rate { return Rate{a.d.DivRound(b.d, 6)} }

// String is the exact value with no trailing zeros trimmed beyond what it holds.
func (a Amount) String() string { return a.d.String() }

// Fixed renders with exactly n places.
func (a Amount) Fixed(n int32) string { return a.d.StringFixed(n) }

// Float64 is for spreadsheet cells only: the amount must already be rounded, and
// the float then prints back to the same decimal.
func (a Amount) Float64() float64 { f, _ := a.d.Float64(); return f }

// Sum adds amounts.
func Sum(as ...Amount) Amount {
	s := Zero
	for _, a := range as {
		s = s.Add(a)
	}
	return s
}

// ParseRate reads "15%" or "12.5 %". Only percentages are accepted, so "15" and
// "0.15" can never be confused. The result must lie within 0–100%.
func ParseRate(s string) (Rate, error) {
	t := strings.TrimSpace(s)
	if !strings.HasSuffix(t, "%") {
		return Rate{}, fmt.Errorf("%q is not a percentage (write it like \"15%%\")", s)
	}
	num := strings.TrimSpace(strings.TrimSuffix(t, "%"))
	if !amountRe.MatchString(num) || len(num) > maxDigits {
		return Rate{}, fmt.Errorf("%q is not a percentage (write it like \"15%%\")", s)
	}
	d, err := decimal.NewFromString(num)
	if err != nil {
		return Rate{}, fmt.Errorf("%q is not a percentage", s)
	}
	if d.Sign() < 0 || d.GreaterThan(decimal.NewFromInt(100)) {
		return Rate{}, fmt.Errorf("%q is outside 0%%–100%%", s)
	}
	return Rate{d.Shift(-2)}, nil
}

// MustRate is ParseRate for literals.
func MustRate(s string) Rate {
	r, err := ParseRate(s)
	if err != nil {
		panic(err)
	}
	return r
}

// One is 100%.
var One = Rate{decimal.NewFromInt(1)}

func (r Rate) Add(o Rate) Rate   { return Rate{r.d.Add(o.d)} }
func (r Rate) Sub(o Rate) Rate   { return Rate{r.d.Sub(o.d)} }
func (r Rate) Cmp(o Rate) int    { return r.d.Cmp(o.d) }
func (r Rate) IsZero() bool      { return r.d.IsZero() }
func (r Rate) Equal(o Rate) bool { return r.d.Equal(o.d) }

// Percent renders the rate as "15%" or "12.5%".
func (r Rate) Percent() string { return r.d.Shift(2).Round(4).String() + "%" }

// Fixed renders the fraction with n places ("0.30").
func (r Rate) Fixed(n int32) string { return r.d.StringFixed(n) }

// Float64 is for chart axes and spreadsheet cells only.
func (r Rate) Float64() float64 { f, _ := r.d.Float64(); return f }

// Mode is how halves are rounded.
type Mode int

const (
	HalfUp   Mode = iota // halves away from zero: -50.025 -> -50.03
	HalfEven             // halves to the even digit: 50.025 -> 50.02
)

// ParseMode reads "half-up" or "half-even".
func ParseMode(s string) (Mode, error) {
	switch s {
	case "half-up":
		return HalfUp, nil
	case "half-even":
		return HalfEven, nil
	}
	return 0, fmt.Errorf("%q is not a rounding mode (half-up or half-even)", s)
}

func (m Mode) String() string {
	if m == HalfEven {
		return "half-even"
	}
	return "half-up"
}

// Policy rounds amounts to a currency's minor units.
type Policy struct {
	Places int32
	Mode   Mode
}

// Round applies the policy. Every line is rounded exactly once, here.
func (p Policy) Round(a Amount) Amount {
	if p.Mode == HalfEven {
		return Amount{a.d.RoundBank(p.Places)}
	}
	return Amount{a.d.Round(p.Places)}
}

// Format renders a rounded amount with the currency's places ("1234.50").
func (p Policy) Format(a Amount) string { return a.d.StringFixed(p.Places) }

// minorUnits lists ISO 4217 currencies whose minor unit is not 2 places.
var minorUnits = map[string]int32{
	"BIF": 0, "CLP": 0, "DJF": 0, "GNF": 0, "ISK": 0, "JPY": 0, "KMF": 0, "KRW": 0,
	"PYG": 0, "RWF": 0, "UGX": 0, "UYI": 0, "VND": 0, "VUV": 0, "XAF": 0, "XOF": 0, "XPF": 0,
	"BHD": 3, "IQD": 3, "JOD": 3, "KWD": 3, "LYD": 3, "OMR": 3, "TND": 3, "CLF": 4, "UYW": 4,
}

var currencyRe = regexp.MustCompile(`^[A-Z]{3}$`)

// CurrencyPlaces is the number of minor-unit digits of an ISO 4217 code.
func CurrencyPlaces(code string) (int32, error) {
	if !currencyRe.MatchString(code) {
		return 0, fmt.Errorf("%q is not an ISO 4217 currency code (three capital letters)", code)
	}
	if !IsCurrency(code) {
		return 0, fmt.Errorf("%q is not an ISO 4217 currency code", code)
	}
	if p, ok := minorUnits[code]; ok {
		return p, nil
	}
	return 2, nil
}

// Scale is r × num / den, for pro-rating a rate over part of a year.
func (r Rate) Scale(num, den int64) Rate {
	return Rate{r.d.Mul(decimal.NewFromInt(num)).DivRound(decimal.NewFromInt(den), 10)}
}

// Complement is 100% − r.
func (r Rate) Complement() Rate { return Rate{decimal.NewFromInt(1).Sub(r.d)} }

var symbols = map[string]string{"USD": "$", "EUR": "€", "GBP": "£", "JPY": "¥", "AUD": "A$", "CAD": "C$", "NZD": "NZ$", "INR": "₹", "CHF": "CHF "}

// Display renders an amount for people: "$12,345.67", "-€1,200.00", "1,234.50 SEK".
func (p Policy) Display(a Amount, currency string) string {
	s := p.Round(a).d.Abs().StringFixed(p.Places)
	intPart, frac, hasFrac := strings.Cut(s, ".")
	var b strings.Builder
	for i, c := range intPart {
		if i > 0 && (len(intPart)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(c)
	}
	num := b.String()
	if hasFrac {
		num += "." + frac
	}
	sign := ""
	if p.Round(a).Sign() < 0 {
		sign = "-"
	}
	if sym, ok := symbols[currency]; ok {
		return sign + sym + num
	}
	return sign + num + " " + currency
}
