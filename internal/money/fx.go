package money

import (
	"fmt"
	"regexp"
	"strings"

	"github.com/shopspring/decimal"
)

// IsCurrency reports whether code is an ISO 4217 code of a currency in use (upper
// case), by the one currency table ParseCurrency reads.
func IsCurrency(code string) bool {
	_, err := ParseCurrency(code)
	return err == nil
}

// FXRate is how many units of the program currency one unit of another currency is
// worth: EUR at 1.0725 in a USD program is 1 EUR = 1.0725 USD.
type FXRate struct{ d decimal.Decimal }

var fxRe = regexp.MustCompile(`^(\d{1,9}(\.\d{1,12})?|\.\d{1,12})$`)

// ParseFXRate reads a positive decimal such as "1.0725" or "0.0067". Percentages,
// thousands separators and exponents are refused so a rate is never misread.
func ParseFXRate(s string) (FXRate, error) {
	t := strings.TrimSpace(s)
	if !fxRe.MatchString(t) {
		return FXRate{}, fmt.Errorf("%q is not an exchange rate (write it like \"1.0725\")", s)
	}
	d, err := decimal.NewFromString(t)
	if err != nil || d.Sign() <= 0 {
		return FXRate{}, fmt.Errorf("%q is not an exchange rate: it must be above zero", s)
	}
	return FXRate{d}, nil
}

// MustFXRate is ParseFXRate for literals.
func MustFXRate(s string) FXRate {
	r, err := ParseFXRate(s)
	if err != nil {
		panic(err)
	}
	return r
}

// String is the rate as written, without trailing zeros ("1.0725").
func (r FXRate) String() string { return r.d.String() }

// Equal compares two rates exactly.
func (r FXRate) Equal(o FXRate) bool { return r.d.Equal(o.d) }

// IsZero reports the zero value (no rate).
func (r FXRate) IsZero() bool { return r.d.IsZero() }

// Convert is a × r, unrounded: the caller rounds once with its Policy.
func (a Amount) Convert(r FXRate) Amount { return amount(a.dec().Mul(r.d)) }

// Unconvert is a / r to 20 places: the amount in the currency r converts from. r
// must not be zero.
func (a Amount) Unconvert(r FXRate) Amount { return amount(a.dec().DivRound(r.d, 20)) }

// Places is the number of digits after the point the amount holds ("12.50" holds 2).
func (a Amount) Places() int32 {
	if e := a.dec().Exponent(); e < 0 {
		return -e
	}
	return 0
}
