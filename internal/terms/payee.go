package terms

import (
	"fmt"
	"math/big"
	"regexp"
	"slices"
	"strings"

	"github.com/partnerbook/partnerbook/internal/domain"
	"github.com/partnerbook/partnerbook/internal/money"
)

// payee reads [partner.payee]: what can be checked on its own (checksums, syntax) is
// checked here; whether a finance file has every field it needs is decided when the
// file is written, and a missing field is a warning there, not an error here.
func (l *loader) payee(t *table) *domain.Payee {
	p := &domain.Payee{Pos: t.at("")}
	p.Method = choice(t, "method", true, "", domain.PayoutMethods)
	p.Currency = t.str("currency", false, "")
	if p.Currency != "" {
		if _, err := money.CurrencyPlaces(p.Currency); err != nil {
			t.errorf("currency", "%v", err)
		}
	}
	p.Name = t.str("name", false, "")
	exact(t, "name", p.Name, "the payee's name")
	p.Email = t.str("email", false, "")
	exact(t, "email", p.Email, "the payee's e-mail")
	if msg := emailProblem(p.Email, "the payee"); p.Email != "" && msg != "" {
		t.errorf("email", "%s", msg)
	}
	p.Receiver = choice(t, "receiver", false, "", domain.ReceiverTypes)
	if s := t.str("iban", false, ""); s != "" {
		p.IBAN = compact(s)
		if err := checkIBAN(p.IBAN); err != nil {
			t.errorf("iban", "IBAN %q %v", s, err)
		}
	}
	if s := t.str("bic", false, ""); s != "" {
		p.BIC = strings.ToUpper(s)
		if !bicRe.MatchString(p.BIC) {
			t.errorf("bic", "%q is not a BIC (8 or 11 letters and digits, like DEUTDEFF)", s)
		}
	}
	p.AccountNumber = digitsKey(t, "account_number", 4, 17, "an account number")
	p.SortCode = digitsKey(t, "sort_code", 6, 6, "a sort code")
	p.BSB = digitsKey(t, "bsb", 6, 6, "a BSB")
	if p.RoutingNumber = digitsKey(t, "routing_number", 9, 9, "an ABA routing number"); p.RoutingNumber != "" && !abaChecksum(p.RoutingNumber) {
		t.errorf("routing_number", "routing number %q fails its check digit", p.RoutingNumber)
	}
	p.AccountType = t.str("account_type", false, "")
	if p.AccountType != "" && p.AccountType != "checking" && p.AccountType != "savings" {
		t.errorf("account_type", "\"account_type\" is %q: must be one of checking, savings", p.AccountType)
	}
	p.PayPal = t.str("paypal", false, "")
	exact(t, "paypal", p.PayPal, "the PayPal recipient")
	switch {
	case p.PayPal == "" || payerIDRe.MatchString(p.PayPal):
	case !validEmail(p.PayPal):
		t.errorf("paypal", "%q is neither an e-mail address nor a PayPal PayerID (13 capital letters and digits)", p.PayPal)
	case emailProblem(p.PayPal, "the PayPal account") != "":
		t.errorf("paypal", "%s", emailProblem(p.PayPal, "the PayPal account"))
	}
	p.TaxID = t.str("tax_id", false, "")
	if at := t.sub("address", false); at != nil {
		a := &p.Address
		a.Lines, _ = at.strings("lines")
		if len(a.Lines) > 4 {
			at.errorf("lines", "an address has at most 4 lines, not %d", len(a.Lines))
		}
		for _, line := range a.Lines {
			exact(at, "lines", line, "an address line of the payee")
		}
		a.City = at.str("city", false, "")
		exact(at, "city", a.City, "the payee's city")
		a.Region = at.str("region", false, "")
		exact(at, "region", a.Region, "the payee's region")
		a.PostalCode = at.str("postal_code", false, "")
		exact(at, "postal_code", a.PostalCode, "the payee's postal code")
		a.Country = at.str("country", false, "")
		if a.Country != "" && !countryRe.MatchString(a.Country) {
			at.errorf("country", "%q is not a two-letter country code (ISO 3166, like \"DE\")", a.Country)
		}
		at.done()
	}
	t.done()
	return p
}

// exact refuses a value the finance files must carry exactly (a payee's name, e-mail
// or address, an account code) when it begins with a character a spreadsheet takes
// for the start of a formula (= + - @, a tab or a carriage return). Such a value
// cannot be written behind the usual guard, a leading apostrophe: payment services
// and accounting imports match these fields exactly (Wise needs the account holder's
// name, Xero an existing account code), and the apostrophe would become part of it.
func exact(t *table, key, s, what string, or ...string) {
	if domain.FormulaLike(s) {
		t.errorf(key, "%q begins with %q: it is %s in the finance files, which payment services and accounting "+
			"imports match exactly, and a spreadsheet would read it as a formula; write it without the %q%s",
			s, s[:1], what, s[:1], strings.Join(or, ""))
	}
}

var (
	bicRe     = regexp.MustCompile(`^[A-Z]{4}[A-Z]{2}[A-Z0-9]{2}([A-Z0-9]{3})?$`)
	payerIDRe = regexp.MustCompile(`^[A-Z0-9]{13}$`)
	countryRe = regexp.MustCompile(`^[A-Z]{2}$`)
	ibanRe    = regexp.MustCompile(`^[A-Z]{2}[0-9]{2}[A-Z0-9]{11,30}$`)
	digitsRe  = regexp.MustCompile(`^[0-9]+$`)
)

// compact drops the blanks people type into bank details and upper-cases them.
func compact(s string) string {
	return strings.ToUpper(strings.Join(strings.Fields(s), ""))
}

// digitsKey reads a bank number that may be written with blanks or dashes (12-34-56).
func digitsKey(t *table, key string, minLen, maxLen int, what string) string {
	s := t.str(key, false, "")
	if s == "" {
		return ""
	}
	d := strings.ReplaceAll(compact(s), "-", "")
	if !digitsRe.MatchString(d) || len(d) < minLen || len(d) > maxLen {
		n := fmt.Sprintf("%d", minLen)
		if maxLen != minLen {
			n = fmt.Sprintf("%d to %d", minLen, maxLen)
		}
		t.errorf(key, "%q is not %s (%s digits)", s, what, n)
	}
	return d
}

// ibanLengths are the IBAN lengths of the countries most partners bank in; other
// countries get the checksum test only.
var ibanLengths = map[string]int{
	"AD": 24, "AE": 23, "AT": 20, "BE": 16, "BG": 22, "CH": 21, "CY": 28, "CZ": 24, "DE": 22,
	"DK": 18, "EE": 20, "ES": 24, "FI": 18, "FR": 27, "GB": 22, "GI": 23, "GR": 27, "HR": 21,
	"HU": 28, "IE": 22, "IS": 26, "IT": 27, "LI": 21, "LT": 20, "LU": 20, "LV": 21, "MC": 27,
	"MT": 31, "NL": 18, "NO": 15, "PL": 28, "PT": 25, "RO": 24, "SE": 24, "SI": 19, "SK": 24,
	"SM": 27, "TR": 26,
}

// checkIBAN tests an IBAN's shape, its country's length and its mod-97 check digits
// (ISO 13616): a mistyped digit is caught before money goes to the wrong account.
func checkIBAN(iban string) error {
	if !ibanRe.MatchString(iban) {
		return fmt.Errorf("is not an IBAN (a country code, two check digits and up to 30 letters and digits)")
	}
	if n, ok := ibanLengths[iban[:2]]; ok && len(iban) != n {
		return fmt.Errorf("has %d characters: %s IBANs have %d", len(iban), iban[:2], n)
	}
	var digits strings.Builder
	for _, c := range iban[4:] + iban[:4] {
		if c >= 'A' && c <= 'Z' {
			fmt.Fprintf(&digits, "%d", c-'A'+10)
		} else {
			digits.WriteRune(c)
		}
	}
	n, _ := new(big.Int).SetString(digits.String(), 10)
	if new(big.Int).Mod(n, big.NewInt(97)).Int64() != 1 {
		return fmt.Errorf("fails its check digits (mod 97)")
	}
	return nil
}

// abaChecksum is the check digit rule of US routing numbers (weights 3, 7, 1).
func abaChecksum(s string) bool {
	w := []int{3, 7, 1}
	sum := 0
	for i, c := range s {
		sum += int(c-'0') * w[i%3]
	}
	return sum%10 == 0
}

// output reads [output]: the finance files to write and the accounting settings.
func (l *loader) output(t *table) domain.Output {
	o := domain.Output{Pos: t.at("")}
	names, _ := t.strings("finance")
	for _, n := range names {
		f := domain.FinanceFormat(n)
		switch {
		case !f.Valid():
			all := make([]string, len(domain.FinanceFormats))
			for i, x := range domain.FinanceFormats {
				all[i] = string(x)
			}
			t.errorf("finance", "unknown finance file %q: use %s", n, strings.Join(all, ", "))
		case slices.Contains(o.Finance, f):
			t.errorf("finance", "finance file %q is named twice", n)
		default:
			o.Finance = append(o.Finance, f)
		}
	}
	o.Xero = l.ledgers(t, "xero", o, domain.XeroBills, domain.XeroInvoices,
		[3]string{"account_code", "sales_account_code", "tax_type"}, domain.DayMonthYear, true)
	o.QuickBooks = l.ledgers(t, "quickbooks", o, domain.QuickBooksBills, domain.QuickBooksInvoices,
		[3]string{"account", "item", "tax_code"}, domain.MonthDayYear, false)
	t.done()
	return o
}

// ledgers reads [output.xero] or [output.quickbooks]. keys name the bill account, the
// invoice account (or item) and the tax setting; the first two are required when the
// file that uses them is written, and so is the tax setting when taxRequired.
func (l *loader) ledgers(parent *table, key string, o domain.Output, bills, invoices domain.FinanceFormat,
	keys [3]string, defFormat domain.DateFormat, taxRequired bool) domain.Ledgers {
	g := domain.Ledgers{DateFormat: defFormat, Lines: domain.LinesDetail}
	needed := o.Wants(bills) || o.Wants(invoices)
	t := parent.sub(key, false)
	if t == nil {
		if needed {
			parent.errorf("finance", "finance files for %s need an [output.%s] table with %q, %q and %q", key, key, keys[0], keys[1], keys[2])
		}
		return g
	}
	g.Account = t.str(keys[0], o.Wants(bills), "")
	g.Sales = t.str(keys[1], o.Wants(invoices), "")
	g.Tax = t.str(keys[2], taxRequired && needed, "")
	for i, v := range []string{g.Account, g.Sales, g.Tax} {
		exact(t, keys[i], v, fmt.Sprintf("the %s %s", key, keys[i]))
	}
	g.DateFormat = choice(t, "date_format", false, defFormat, domain.DateFormats)
	g.Lines = choice(t, "lines", false, domain.LinesDetail, domain.BillLineLayouts)
	t.done()
	return g
}
