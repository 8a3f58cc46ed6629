package pdf

import (
	"fmt"
	"strings"
)

// currencySymbols are the currencies shown with a prefix symbol; every other
// ISO code is shown as a suffix ("1,234.50 CHF"), which is unambiguous
// where symbols are not ("$" could be USD, CAD, AUD...).
var currencySymbols = map[string]string{
	"USD": "$",
	"EUR": "€",
	"GBP": "£",
}

// FormatMoney formats a decimal string for display with thousands
// separators, exactly places decimals and the currency:
//
//	FormatMoney("12345.5", "USD", 2)  = "$12,345.50"
//	FormatMoney("-1234.5", "EUR", 2)  = "-€1,234.50"
//	FormatMoney("1234.5", "CHF", 2)   = "1,234.50 CHF"
//	FormatMoney("1234.5", "", 2)      = "1,234.50"
//
// The amount must already be rounded: digits beyond places are accepted
// only if they are zeros, because silently rounding here would hide a
// mismatch with the ledger. It is pure string work, so no float rounding
// can creep in.
func FormatMoney(amount, currency string, places int) (string, error) {
	neg, num, err := formatDecimal(amount, places)
	if err != nil {
		return "", err
	}
	code := strings.ToUpper(strings.TrimSpace(currency))
	sign := ""
	if neg {
		sign = "-"
	}
	if code == "" {
		return sign + num, nil
	}
	if !isCurrencyCode(code) {
		return "", fmt.Errorf("pdf: invalid currency code %q", currency)
	}
	if sym, ok := currencySymbols[code]; ok {
		return sign + sym + num, nil
	}
	return sign + num + " " + code, nil
}

// FormatNumber formats a decimal string with thousands separators and
// exactly places decimals, e.g. FormatNumber("-1234567", 0) = "-1,234,567".
func FormatNumber(amount string, places int) (string, error) {
	neg, num, err := formatDecimal(amount, places)
	if err != nil {
		return "", err
	}
	if neg {
		return "-" + num, nil
	}
	return num, nil
}

func isCurrencyCode(s string) bool {
	if len(s) != 3 {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < 'A' || s[i] > 'Z' {
			return false
		}
	}
	return true
}

// formatDecimal returns the sign and the grouped absolute value.
func formatDecimal(s string, places int) (neg bool, out string, err error) {
	if places < 0 {
		return false, "", fmt.Errorf("pdf: negative decimal places %d", places)
	}
	bad := func() (bool, string, error) {
		return false, "", fmt.Errorf("pdf: %q is not a decimal number", s)
	}
	str := s
	if str != "" && (str[0] == '-' || str[0] == '+') {
		neg = str[0] == '-'
		str = str[1:]
	}
	intPart, frac, hasPoint := strings.Cut(str, ".")
	if intPart == "" || (hasPoint && frac == "") || !allDigits(intPart) || !allDigits(frac) {
		return bad()
	}
	if len(frac) > places {
		if strings.Trim(frac[places:], "0") != "" {
			return false, "", fmt.Errorf("pdf: %q has more than %d decimal places", s, places)
		}
		frac = frac[:places]
	}
	frac += strings.Repeat("0", places-len(frac))
	intPart = strings.TrimLeft(intPart, "0")
	if intPart == "" {
		intPart = "0"
	}
	if intPart == "0" && strings.Trim(frac, "0") == "" {
		neg = false // no "-0.00"
	}
	var b strings.Builder
	b.Grow(len(intPart) + len(intPart)/3 + 1 + len(frac))
	for i := 0; i < len(intPart); i++ {
		if i > 0 && (len(intPart)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteByte(intPart[i])
	}
	if places > 0 {
		b.WriteByte('.')
		b.WriteString(frac)
	}
	return neg, b.String(), nil
}

func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}
