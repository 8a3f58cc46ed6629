package money

import (
	"fmt"
	"regexp"
	"strings"

	"github.com/shopspring/decimal"
)

// iso4217 lists the active ISO 4217 codes (list one, 2024), funds and precious metals
// excluded except the few that price real invoices.
var iso4217 = map[string]bool{}

func init() {
	for _, c := range strings.Fields(`
AED AFN ALL AMD ANG AOA ARS AUD AWG AZN BAM BBD BDT BGN BHD BIF BMD BND BOB BOV BRL
BSD BTN BWP BYN BZD CAD CDF CHE CHF CHW CLF CLP CNY COP COU CRC CUC CUP CVE CZK DJF
DKK DOP DZD EGP ERN ETB EUR FJD FKP GBP GEL GHS GIP GMD GNF GTQ GYD HKD HNL HTG HUF
IDR ILS INR IQD IRR ISK JMD JOD JPY KES KGS KHR KMF KPW KRW KWD KYD KZT LAK LBP LKR
LRD LSL LYD MAD MDL MGA MKD MMK MNT MOP MRU MUR MVR MWK MXN MXV MYR MZN NAD NGN NIO
NOK NPR NZD OMR PAB PEN PGK PHP PKR PLN PYG QAR RON RSD RUB RWF SAR SBD SCR SDG SEK
SGD SHP SLE SLL SOS SRD SSP STN SVC SYP SZL THB TJS TMT TND TOP TRY TTD TWD TZS UAH
UGX USD USN UYI UYU UYW UZS VED VES VND VUV WST XAF XCD XCG XOF XPF YER ZAR ZMW ZWG ZWL`) {
		iso4217[c] = true
	}
}

// IsCurrency reports whether code is an ISO 4217 currency code (upper case).
func IsCurrency(code string) bool { return iso4217[code] }

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
func (a Amount) Convert(r FXRate) Amount { return Amount{a.d.Mul(r.d)} }

// Places is the number of digits after the point the amount holds ("12.50" holds 2).
func (a Amount) Places() int32 {
	if e := a.d.Exponent(); e < 0 {
		return -e
	}
	return 0
}
