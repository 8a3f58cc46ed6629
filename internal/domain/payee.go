package domain

import (
	"slices"
	"strings"

	"github.com/partnerbook/partnerbook/internal/diag"
)

// PayoutMethod is how finance pays a partner.
type PayoutMethod string

// Payout methods.
const (
	PayWise   PayoutMethod = "wise"   // a row of the Wise batch file
	PayPayPal PayoutMethod = "paypal" // a row of the PayPal Payouts file
	PayBank   PayoutMethod = "bank"   // finance pays the bill from its own bank
	PayManual PayoutMethod = "manual" // finance pays by other means
)

// PayoutMethods are the payout methods.
var PayoutMethods = []PayoutMethod{PayWise, PayPayPal, PayBank, PayManual}

// Valid reports whether m is one of PayoutMethods.
func (m PayoutMethod) Valid() bool { return slices.Contains(PayoutMethods, m) }

// ReceiverType is whether the recipient of a payment is a person or a business.
type ReceiverType string

// Receiver types.
const (
	Person   ReceiverType = "person"
	Business ReceiverType = "business"
)

// ReceiverTypes are the receiver types.
var ReceiverTypes = []ReceiverType{Person, Business}

// Valid reports whether r is one of ReceiverTypes.
func (r ReceiverType) Valid() bool { return slices.Contains(ReceiverTypes, r) }

// Payee is how and where a partner is paid, and who it is on a bill. Fields the
// program file leaves out are empty; which ones a finance file needs depends on the
// file, so completeness is checked where the file is written, not here.
type Payee struct {
	Method        PayoutMethod
	Currency      string // the currency the partner receives; the program's when not set
	Name          string // account holder / legal name; the partner's name when not set
	Email         string // recipient e-mail; the partner's e-mail when not set
	Receiver      ReceiverType
	IBAN          string // upper case, no blanks
	BIC           string
	AccountNumber string
	SortCode      string // GBP, six digits
	RoutingNumber string // USD (ABA), nine digits
	AccountType   string // USD: checking or savings
	BSB           string // AUD, six digits
	PayPal        string // PayPal e-mail or PayerID
	TaxID         string
	Address       Address
	Pos           diag.Pos
}

// Address is a postal address for bills and for payment services that ask for one.
type Address struct {
	Lines      []string // at most four
	City       string
	Region     string // state, province or county
	PostalCode string
	Country    string // ISO 3166 alpha-2, upper case
}

// FinanceFormat names one of the finance files a run can write.
type FinanceFormat string

// Finance formats.
const (
	XeroBills          FinanceFormat = "xero-bills"
	QuickBooksBills    FinanceFormat = "quickbooks-bills"
	WiseBatch          FinanceFormat = "wise-batch"
	PayPalPayouts      FinanceFormat = "paypal-payouts"
	XeroInvoices       FinanceFormat = "xero-invoices"
	QuickBooksInvoices FinanceFormat = "quickbooks-invoices"
)

// FinanceFormats are the finance formats.
var FinanceFormats = []FinanceFormat{XeroBills, QuickBooksBills, WiseBatch, PayPalPayouts, XeroInvoices, QuickBooksInvoices}

// Valid reports whether f is one of FinanceFormats.
func (f FinanceFormat) Valid() bool { return slices.Contains(FinanceFormats, f) }

// BillLines is whether a bill or invoice has a line per commission line or one line.
type BillLines string

// Bill line layouts.
const (
	LinesDetail  BillLines = "detail"
	LinesSummary BillLines = "summary"
)

// BillLineLayouts are the bill line layouts.
var BillLineLayouts = []BillLines{LinesDetail, LinesSummary}

// Valid reports whether b is one of BillLineLayouts.
func (b BillLines) Valid() bool { return slices.Contains(BillLineLayouts, b) }

// DateFormat is how an accounting import writes dates.
type DateFormat string

// Date formats the accounting imports accept.
const (
	DayMonthYear DateFormat = "DD/MM/YYYY"
	MonthDayYear DateFormat = "MM/DD/YYYY"
	ISODate      DateFormat = "YYYY-MM-DD"
)

// DateFormats are the date formats.
var DateFormats = []DateFormat{DayMonthYear, MonthDayYear, ISODate}

// Valid reports whether d is one of DateFormats.
func (d DateFormat) Valid() bool { return slices.Contains(DateFormats, d) }

// Output is the [output] table: which extra files a run writes and how.
type Output struct {
	Finance    []FinanceFormat // in file order, no repeats
	Xero       Ledgers
	QuickBooks Ledgers
	Pos        diag.Pos
}

// Ledgers are the settings of one accounting system's imports.
type Ledgers struct {
	Account    string // expense account of bills (Xero: a code; QuickBooks: a name)
	Sales      string // invoices: Xero's income account code; QuickBooks' product/service
	Tax        string // tax rate name (Xero) or tax code (QuickBooks); "" = none
	DateFormat DateFormat
	Lines      BillLines
}

// Wants reports whether the run writes format f.
func (o Output) Wants(f FinanceFormat) bool { return slices.Contains(o.Finance, f) }

// WantsAny reports whether the run writes any of formats.
func (o Output) WantsAny(formats []FinanceFormat) bool {
	return slices.ContainsFunc(formats, o.Wants)
}

// NamedFormats are the finance files that carry the payee's name (the contact,
// vendor or account holder), EmailedFormats those that carry its e-mail: services
// and accounting imports match both exactly.
var (
	NamedFormats   = []FinanceFormat{XeroBills, XeroInvoices, QuickBooksBills, QuickBooksInvoices, WiseBatch}
	EmailedFormats = []FinanceFormat{XeroBills, XeroInvoices, WiseBatch}
)

// FormulaLike reports whether a spreadsheet would take s for the start of a formula
// when a finance file carrying it is opened: s begins with =, +, -, @, a tab or a
// carriage return.
func FormulaLike(s string) bool {
	return s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0]))
}
