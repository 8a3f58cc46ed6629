package money

import (
	"math"
	"strconv"
)

// Arithmetic on compact values (a coefficient of at most 18 digits times a power of
// ten) giving exactly what the decimal library gives, exponent included. Each
// function reports ok = false when a value is wide or a result would leave 18
// digits; the caller then takes the decimal's path.

// mulCompact is a × b as the decimal's Mul gives it: the product of the
// coefficients at the sum of the exponents.
func mulCompact(a, b Amount) (Amount, bool) {
	if a.wide != nil || b.wide != nil {
		return Amount{}, false
	}
	e := int64(a.e) + int64(b.e)
	if e > math.MaxInt32 || e < math.MinInt32 {
		return Amount{}, false
	}
	if a.c != 0 && b.c != 0 && abs64(a.c) > maxCompact/abs64(b.c) {
		return Amount{}, false
	}
	return Amount{c: a.c * b.c, e: int32(e)}, true
}

// roundCompact is a at exponent -places, as the decimal's Round (halves away from
// zero) or, with even, RoundBank (halves to the even digit) gives it.
func roundCompact(a Amount, places int32, even bool) (Amount, bool) {
	if a.wide != nil {
		return Amount{}, false
	}
	if a.e == -places {
		return a, true
	}
	if a.e > -places {
		n := int64(a.e) + int64(places)
		if n >= int64(len(pow10)) {
			return Amount{}, false
		}
		c, ok := scaleUp(a.c, int32(n))
		if !ok {
			return Amount{}, false
		}
		return Amount{c: c, e: -places}, true
	}
	k := -int64(places) - int64(a.e)
	if k >= int64(len(pow10)) {
		return Amount{}, false
	}
	p := pow10[k]
	q, rem := a.c/p, abs64(a.c%p)
	if 2*rem >= p {
		q += sign64(a.c)
		if even && 2*rem == p && q%2 != 0 {
			q -= sign64(a.c) // a tie that went to an odd digit goes to the even one
		}
	}
	return Amount{c: q, e: -places}, true
}

// divRoundCompact is a / b rounded to places digits after the point, halves away
// from zero, as the decimal's DivRound gives it. b must not be zero.
func divRoundCompact(a, b Amount, places int32) (Amount, bool) {
	if a.wide != nil || b.wide != nil || b.c == 0 {
		return Amount{}, false
	}
	// a / b × 10^places = a.c × 10^e / b.c, with e = a.e - b.e + places; the
	// power of ten goes to whichever side keeps both integers.
	e := int64(a.e) - int64(b.e) + int64(places)
	if e > math.MaxInt32 || e < math.MinInt32 {
		return Amount{}, false
	}
	if e >= int64(len(pow10)) || -e >= int64(len(pow10)) {
		return Amount{}, false
	}
	x, y, ok := a.c, b.c, true
	if e >= 0 {
		x, ok = scaleUp(a.c, int32(e))
	} else {
		y, ok = scaleUp(b.c, int32(-e))
	}
	if !ok {
		return Amount{}, false
	}
	q, rem := x/y, abs64(x%y)
	if 2*rem >= abs64(y) {
		q += sign64(a.c) * sign64(b.c)
	}
	return Amount{c: q, e: -places}, true
}

// formatCompact writes a as the decimal's String (trim: trailing zeros after the
// point dropped) or its unrounded fixed form (trim false) writes it.
func formatCompact(a Amount, trim bool) (string, bool) {
	if a.wide != nil || a.e < -40 {
		return "", false
	}
	if a.e >= 0 {
		c, ok := scaleUp(a.c, a.e)
		if !ok {
			return "", false
		}
		return strconv.FormatInt(c, 10), true
	}
	var dbuf [20]byte
	var obuf [64]byte
	digits := strconv.AppendUint(dbuf[:0], uint64(abs64(a.c)), 10)
	places := int(-a.e)
	out := obuf[:0]
	if a.c < 0 {
		out = append(out, '-')
	}
	var frac []byte
	if len(digits) > places {
		out = append(out, digits[:len(digits)-places]...)
		frac = digits[len(digits)-places:]
	} else {
		out = append(out, '0')
		frac = digits
	}
	lead := places - len(frac) // zeros between the point and the digits
	if trim {
		for len(frac) > 0 && frac[len(frac)-1] == '0' {
			frac = frac[:len(frac)-1]
		}
		if len(frac) == 0 {
			lead = 0
		}
	}
	if lead+len(frac) > 0 {
		out = append(out, '.')
		for ; lead > 0; lead-- {
			out = append(out, '0')
		}
		out = append(out, frac...)
	}
	return string(out), true
}

// parsePlain reads an amount written as digits with at most one point and an
// optional leading minus ("1234.56", "-12", ".5", "12."), with at most 15 digits
// before the point, 12 after it and 18 in all: what ParseAmount accepts of that
// form, as the decimal it would make. ok is false for anything else.
func parsePlain(s string) (Amount, bool) {
	i := 0
	neg := len(s) > 0 && s[0] == '-'
	if neg {
		i = 1
	}
	var c int64
	n, intDigits, fracDigits, point := 0, 0, 0, false
	for ; i < len(s); i++ {
		ch := s[i]
		switch {
		case ch >= '0' && ch <= '9':
			n++
			if point {
				fracDigits++
			} else if intDigits > 0 || ch != '0' {
				intDigits++ // leading zeros do not count
			}
			if c != 0 || ch != '0' {
				if c > maxCompact/10 {
					return Amount{}, false
				}
				c = c*10 + int64(ch-'0')
			}
		case ch == '.' && !point:
			point = true
		default:
			return Amount{}, false
		}
	}
	if n == 0 || intDigits > maxInt || fracDigits > maxFrac || c > maxCompact {
		return Amount{}, false
	}
	if neg {
		c = -c
	}
	return Amount{c: c, e: -int32(fracDigits)}, true
}

func abs64(x int64) int64 {
	if x < 0 {
		return -x
	}
	return x
}

func sign64(x int64) int64 {
	switch {
	case x > 0:
		return 1
	case x < 0:
		return -1
	}
	return 0
}
