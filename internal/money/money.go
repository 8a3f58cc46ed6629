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
//
// It holds the decimal's coefficient and exponent themselves when the coefficient
// has at most 18 digits (every amount a ledger sees), so a million deals do not each
// carry a separately allocated big.Int; wider values keep the decimal. Either way
// the value, its exponent included, is exactly the decimal the arithmetic gives.
type Amount struct {
	c    int64            // coefficient, when wide is nil: the value is c × 10^e
	e    int32            // exponent, when wide is nil
	wide *decimal.Decimal // the value, when its coefficient has more than 18 digits
}

// maxCompact bounds a compact coefficient: 18 digits, so a sum of two fits an int64.
const maxCompact = 999_999_999_999_999_999

// amount is d as an Amount.
func amount(d decimal.Decimal) Amount {
	if d.NumDigits() <= 18 {
		return Amount{c: d.CoefficientInt64(), e: d.Exponent()}
	}
	w := d // only a wide value is copied to the heap
	return Amount{wide: &w}
}

// dec is a as a decimal.
func (a Amount) dec() decimal.Decimal {
	switch {
	case a.wide != nil:
		return *a.wide
	case a.c == 0 && a.e == 0:
		return decimal.Decimal{}
	}
	return decimal.New(a.c, a.e)
}

// pow10 are the powers of ten a compact coefficient can be scaled by.
var pow10 = [...]int64{1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18}

// aligned is a's and b's coefficients at the smaller of their exponents, as the
// decimal's Add takes them; ok is false when either is wide or would leave 18 digits.
func aligned(a, b Amount) (x, y int64, e int32, ok bool) {
	if a.wide != nil || b.wide != nil {
		return 0, 0, 0, false
	}
	x, y, e = a.c, b.c, a.e
	if a.e != b.e {
		var ok bool
		if a.e > b.e {
			x, ok = scaleUp(a.c, a.e-b.e)
			e = b.e
		} else {
			y, ok = scaleUp(b.c, b.e-a.e)
		}
		if !ok {
			return 0, 0, 0, false
		}
	}
	return x, y, e, true
}

// scaleUp is c × 10^n when it stays within maxCompact.
func scaleUp(c int64, n int32) (int64, bool) {
	if n >= int32(len(pow10)) {
		return 0, c == 0
	}
	p := pow10[n]
	if c > maxCompact/p || c < -maxCompact/p {
		return 0, false
	}
	return c * p, true
}

// compact is c × 10^e when c stays within maxCompact.
func compact(c int64, e int32) (Amount, bool) {
	if c > maxCompact || c < -maxCompact {
		return Amount{}, false
	}
	return Amount{c: c, e: e}, true
}

// Parts are a's coefficient and exponent (a is c × 10^e) when a is held in them;
// ok is false for a value too wide for them. FromParts(c, e) is then a again, its
// exponent included: a store may keep an amount as these two numbers.
func (a Amount) Parts() (c int64, e int32, ok bool) {
	if a.wide != nil {
		return 0, 0, false
	}
	return a.c, a.e, true
}

// FromParts is c × 10^e, the amount whose Parts they are.
func FromParts(c int64, e int32) Amount {
	if a, ok := compact(c, e); ok {
		return a
	}
	return amount(decimal.New(c, e))
}

// Rate is a fraction: 15% is Rate 0.15. It is held as an Amount is (its fields are
// the same), so rates take the same int64 arithmetic.
type Rate struct {
	c    int64
	e    int32
	wide *decimal.Decimal
}

// rate is d as a Rate.
func rate(d decimal.Decimal) Rate { return Rate(amount(d)) }

// dec is r as a decimal.
func (r Rate) dec() decimal.Decimal { return Amount(r).dec() }

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
	if a, ok := parsePlain(s); ok {
		return a, nil // digits and a point, as spreadsheets write numbers
	}
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
	return amount(d), nil
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
	return amount(d), nil
}

// FromInt is n whole units.
func FromInt(n int64) Amount { return amount(decimal.NewFromInt(n)) }

func (a Amount) Add(b Amount) Amount {
	if x, y, e, ok := aligned(a, b); ok {
		if r, ok := compact(x+y, e); ok {
			return r
		}
	}
	return amount(a.dec().Add(b.dec()))
}

func (a Amount) Sub(b Amount) Amount {
	if x, y, e, ok := aligned(a, b); ok {
		if r, ok := compact(x-y, e); ok {
			return r
		}
	}
	return amount(a.dec().Sub(b.dec()))
}

func (a Amount) Neg() Amount {
	if a.wide == nil {
		return Amount{c: -a.c, e: a.e}
	}
	return amount(a.dec().Neg())
}

func (a Amount) Abs() Amount {
	if a.Sign() < 0 {
		return a.Neg()
	}
	return a
}

func (a Amount) Sign() int {
	switch {
	case a.wide != nil:
		return a.wide.Sign()
	case a.c > 0:
		return 1
	case a.c < 0:
		return -1
	}
	return 0
}

func (a Amount) IsZero() bool { return a.Sign() == 0 }

func (a Amount) Cmp(b Amount) int {
	if x, y, _, ok := aligned(a, b); ok {
		switch {
		case x < y:
			return -1
		case x > y:
			return 1
		}
		return 0
	}
	return a.dec().Cmp(b.dec())
}

func (a Amount) Equal(b Amount) bool { return a.Cmp(b) == 0 }

func (a Amount) MulRate(r Rate) Amount {
	if p, ok := mulCompact(a, Amount(r)); ok {
		return p
	}
	return amount(a.dec().Mul(r.dec()))
}

// MulInt multiplies by a whole number.
func (a Amount) MulInt(n int64) Amount { return amount(a.dec().Mul(decimal.NewFromInt(n))) }

// MulFrac is a × num / den with the product taken first, so no precision is lost
// before the one rounding a line gets. den must not be zero.
func (a Amount) MulFrac(num, den Amount) Amount {
	return amount(a.dec().Mul(num.dec()).DivRound(den.dec(), 20))
}

// Max is the larger of a and b.
func Max(a, b Amount) Amount {
	if a.Cmp(b) >= 0 {
		return a
	}
	return b
}

// Ratio is a / b as a rate, to 6 places (for margin ratios); b must not be zero.
func (a Amount) Ratio(b Amount) Rate {
	if q, ok := divRoundCompact(a, b, 6); ok {
		return Rate(q)
	}
	return rate(a.dec().DivRound(b.dec(), 6))
}

// RatioTo is a / b as a rate, rounded half away from zero to places decimals; b must
// not be zero.
func (a Amount) RatioTo(b Amount, places int32) Rate {
	if q, ok := divRoundCompact(a, b, places); ok {
		return Rate(q)
	}
	return rate(a.dec().DivRound(b.dec(), places))
}

// String is the exact value with no trailing zeros trimmed beyond what it holds.
func (a Amount) String() string {
	if s, ok := formatCompact(a, true); ok {
		return s
	}
	return a.dec().String()
}

// Fixed renders with exactly n places.
func (a Amount) Fixed(n int32) string {
	if r, ok := roundCompact(a, n, false); ok {
		if s, ok := formatCompact(r, false); ok {
			return s
		}
	}
	return a.dec().StringFixed(n)
}

// Float64 is for spreadsheet cells only: the amount must already be rounded and
// have at most CellDigits significant digits (see FitsCell), and the float then
// prints back to the same decimal.
func (a Amount) Float64() float64 { f, _ := a.dec().Float64(); return f }

// CellDigits is how many significant digits a spreadsheet number cell keeps: Excel
// and LibreOffice show and save a number to 15, so a 16th is lost.
const CellDigits = 15

// Significant is the number of significant digits of a: those of its coefficient
// without the zeros that end it (1200.50 has 5, 0.005 has 1, zero has 0).
func (a Amount) Significant() int {
	if a.wide != nil {
		s := strings.TrimRight(strings.TrimLeft(a.wide.Coefficient().String(), "-"), "0")
		return len(s)
	}
	c := abs64(a.c)
	if c == 0 {
		return 0
	}
	for c%10 == 0 {
		c /= 10
	}
	n := 0
	for ; c > 0; c /= 10 {
		n++
	}
	return n
}

// Decimals is the number of decimal places a's value needs: those it holds (Places)
// without the zeros that end them (12.50 needs 1, 1004.45 needs 2, 1200 needs 0).
func (a Amount) Decimals() int32 {
	c, e := a.c, int64(a.e)
	if a.wide != nil {
		digits := strings.TrimLeft(a.wide.Coefficient().String(), "-")
		z := int64(len(digits) - len(strings.TrimRight(digits, "0")))
		if digits == "0" {
			return 0
		}
		return int32(max(0, -int64(a.wide.Exponent())-z))
	}
	if c == 0 {
		return 0
	}
	for e < 0 && c%10 == 0 {
		c /= 10
		e++
	}
	return int32(max(0, -e))
}

// FitsCell reports whether a spreadsheet number cell holds a exactly: it has at
// most CellDigits significant digits.
func (a Amount) FitsCell() bool { return a.Significant() <= CellDigits }

// CellText is a as a spreadsheet cell keeps it, to CellDigits significant digits
// ("19875018273840.8" for 19875018273840.84): what a document would show in place
// of an amount that does not fit a cell.
func (a Amount) CellText() string { return strconv.FormatFloat(a.Float64(), 'g', CellDigits, 64) }

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
	return rate(d.Shift(-2)), nil
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
var One = rate(decimal.NewFromInt(1))

func (r Rate) Add(o Rate) Rate   { return Rate(Amount(r).Add(Amount(o))) }
func (r Rate) Sub(o Rate) Rate   { return Rate(Amount(r).Sub(Amount(o))) }
func (r Rate) Cmp(o Rate) int    { return Amount(r).Cmp(Amount(o)) }
func (r Rate) IsZero() bool      { return Amount(r).IsZero() }
func (r Rate) Equal(o Rate) bool { return r.Cmp(o) == 0 }

// Percent renders the rate as a percentage exactly, with as few decimals as it
// needs: "15%", "12.5%", "0.0125%", "12.34567891234567891%". It is how rates from
// the terms are shown: a statement says the rate that was applied, not a rounding
// of it. Computed shares and ratios use PercentRounded.
func (r Rate) Percent() string {
	if r.wide == nil && r.e < math.MaxInt32-2 {
		if s, ok := formatCompact(Amount{c: r.c, e: r.e + 2}, true); ok {
			return s + "%"
		}
	}
	return r.dec().Shift(2).String() + "%"
}

// PercentRounded renders the rate as a percentage rounded (half away from zero)
// to at most places decimals, trailing zeros dropped: 0.412656 -> "41.3%" with
// one place, 0.30 -> "30%". It is for computed shares and ratios.
func (r Rate) PercentRounded(places int32) string {
	if r.wide == nil && r.e < math.MaxInt32-2 {
		if q, ok := roundCompact(Amount{c: r.c, e: r.e + 2}, places, false); ok {
			if s, ok := formatCompact(q, true); ok {
				return s + "%"
			}
		}
	}
	return r.dec().Shift(2).Round(places).String() + "%"
}

// Fixed renders the fraction with n places ("0.30").
func (r Rate) Fixed(n int32) string { return Amount(r).Fixed(n) }

// Float64 is for chart axes and spreadsheet cells only.
func (r Rate) Float64() float64 { f, _ := r.dec().Float64(); return f }

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
	if r, ok := roundCompact(a, p.Places, p.Mode == HalfEven); ok {
		return r
	}
	if p.Mode == HalfEven {
		return amount(a.dec().RoundBank(p.Places))
	}
	return amount(a.dec().Round(p.Places))
}

// Format renders a rounded amount with the currency's places ("1234.50").
func (p Policy) Format(a Amount) string { return a.Fixed(p.Places) }

// Scale is r × num / den, for pro-rating a rate over part of a year.
func (r Rate) Scale(num, den int64) Rate {
	return rate(r.dec().Mul(decimal.NewFromInt(num)).DivRound(decimal.NewFromInt(den), 10))
}

// Complement is 100% − r.
func (r Rate) Complement() Rate { return Rate(FromInt(1).Sub(Amount(r))) }

// Display renders an amount for people, rounded to the policy's places:
// "$12,345.67", "-€1,200.00", "CHF 1,234.50", "¥1,234,567", "KWD 1.235".
// Every output (PDF, workbook number format, dashboard, e-mail) writes money
// this way; the prefix comes from the currency table (see ParseCurrency).
func (p Policy) Display(a Amount, currency string) string {
	r := p.Round(a)
	sign := ""
	if r.Sign() < 0 {
		sign = "-"
	}
	return sign + displayPrefix(currency) + group(r.Abs().Fixed(p.Places))
}

// Number renders a rounded amount with thousands separators and no currency:
// "1,234.50", "-12".
func (p Policy) Number(a Amount) string {
	r := p.Round(a)
	if r.Sign() < 0 {
		return "-" + group(r.Abs().Fixed(p.Places))
	}
	return group(r.Fixed(p.Places))
}

// group puts thousands separators into an unsigned decimal string.
func group(s string) string {
	intPart, frac, hasFrac := strings.Cut(s, ".")
	var b strings.Builder
	for i, c := range intPart {
		if i > 0 && (len(intPart)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(c)
	}
	if hasFrac {
		b.WriteString("." + frac)
	}
	return b.String()
}
