package money

import (
	"fmt"
	"regexp"
	"strings"
	"sync"
	"unicode"

	"golang.org/x/text/currency"
)

// Currency is an ISO 4217 currency as this program prints it.
type Currency struct {
	Code string
	// Places is the number of minor-unit digits (ISO 4217): 2 for USD, 0 for JPY,
	// 3 for KWD. Amounts are rounded to it.
	Places int32
	// Prefix goes before the digits: "$", "€", or the code and a space ("CHF ").
	Prefix string
}

// Policy is the rounding policy for amounts in c.
func (c Currency) Policy(m Mode) Policy { return Policy{Places: c.Places, Mode: m} }

// The currencies and their minor units come from golang.org/x/text/currency
// (CLDR): every currency some region uses as legal tender today. These tables
// correct it where it departs from ISO 4217.
var (
	// isoPlaces are ISO 4217 minor units where CLDR's digits differ: CLDR gives
	// the digits people usually write (no cents for IDR or COP), but payouts are
	// settled in the ISO minor unit, as banks and the previous ledgers use it.
	isoPlaces = map[string]int32{
		"AFN": 2, "ALL": 2, "AMD": 2, "COP": 2, "GYD": 2, "IDR": 2, "IQD": 3, "IRR": 2,
		"KPW": 2, "LAK": 2, "LBP": 2, "MGA": 2, "MMK": 2, "MNT": 2, "MRO": 2, "MUR": 2,
		"PKR": 2, "RSD": 2, "SLL": 2, "SOS": 2, "STD": 2, "SYP": 2, "TZS": 2, "UZS": 2, "YER": 2,
	}
	// newer are codes issued after the CLDR data x/text carries.
	newer = map[string]int32{"MRU": 2, "SLE": 2, "VED": 2, "VES": 2, "XCG": 2, "ZWG": 2}
	// symbols overrides CLDR's locale-neutral symbols ("US$", "JP¥"): the
	// documents are in English, where the dollar and the yen stand alone.
	symbols = map[string]string{"USD": "$", "JPY": "¥"}
)

var currencyRe = regexp.MustCompile(`^[A-Z]{3}$`)

var currencies = sync.OnceValue(func() map[string]Currency {
	m := map[string]Currency{}
	for it := currency.Query(); it.Next(); {
		u := it.Unit()
		code := u.String()
		if _, ok := m[code]; ok {
			continue
		}
		scale, _ := currency.Standard.Rounding(u)
		places, ok := isoPlaces[code]
		if !ok {
			places = int32(scale)
		}
		sym, ok := symbols[code]
		if !ok {
			sym = fmt.Sprint(currency.Symbol(u))
		}
		m[code] = Currency{Code: code, Places: places, Prefix: prefix(code, sym)}
	}
	for code, places := range newer {
		if _, ok := m[code]; !ok {
			m[code] = Currency{Code: code, Places: places, Prefix: code + " "}
		}
	}
	return m
})

// prefix is what goes before an amount: the symbol when every output can show
// it (Latin-1 and the euro sign: PDF fonts, spreadsheet formats, plain-text
// mail), otherwise the code. A symbol ending in a letter ("CHF", "FCFA") is set
// off from the digits by a space.
func prefix(code, sym string) string {
	if sym == "" || strings.ContainsFunc(sym, func(r rune) bool { return r > 0xff && r != '€' }) {
		sym = code
	}
	if r := []rune(sym); unicode.IsLetter(r[len(r)-1]) {
		sym += " "
	}
	return sym
}

// ParseCurrency reads an ISO 4217 code of a currency in use: "USD", "CHF".
func ParseCurrency(code string) (Currency, error) {
	if !currencyRe.MatchString(code) {
		return Currency{}, fmt.Errorf("%q is not an ISO 4217 currency code (three capital letters)", code)
	}
	c, ok := currencies()[code]
	if !ok {
		return Currency{}, fmt.Errorf("%q is not an ISO 4217 code of a currency in use", code)
	}
	return c, nil
}

// CurrencyPlaces is the number of minor-unit digits of an ISO 4217 code.
func CurrencyPlaces(code string) (int32, error) {
	c, err := ParseCurrency(code)
	return c.Places, err
}

// displayPrefix is the prefix for code; a code this program does not know
// (the caller validated it elsewhere, or it is empty) is written as it is.
func displayPrefix(code string) string {
	if c, ok := currencies()[code]; ok {
		return c.Prefix
	}
	if code == "" {
		return ""
	}
	return code + " "
}

// NumberFormat is the spreadsheet number format showing amounts in code exactly
// as Display writes them: "$"#,##0.00;-"$"#,##0.00, or "CHF "#,##0.00;... .
func NumberFormat(code string, places int32) string {
	num := "#,##0"
	if places > 0 {
		num += "." + strings.Repeat("0", int(places))
	}
	p := displayPrefix(code)
	if p == "" {
		return num + ";-" + num
	}
	q := `"` + p + `"` // no prefix holds a quote
	return q + num + ";-" + q + num
}
