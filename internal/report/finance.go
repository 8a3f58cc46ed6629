package report

import (
	"slices"
	"sort"

	"github.com/partnerbook/partnerbook/internal/book"
	"github.com/partnerbook/partnerbook/internal/civil"
	"github.com/partnerbook/partnerbook/internal/commission"
	"github.com/partnerbook/partnerbook/internal/domain"
	"github.com/partnerbook/partnerbook/internal/money"
)

// Finance is what the finance files (bills, invoices, payment batches) are made of:
// the period's Due and Receivable payouts with each partner's payment details, and
// the accounting settings of the program. Copies only, like Statement.
type Finance struct {
	Firm       string
	Currency   string // the program's: every amount is in it
	Policy     money.Policy
	Period     civil.Month
	BillDate   civil.Date // the period's last day: the date of bills and invoices
	Formats    []string   // the files [output] finance names, in its order
	Xero       Ledgers
	QuickBooks Ledgers
	Payouts    []*FinancePayout // Due and Receivable payouts, by payout ID
}

// Ledgers are one accounting system's import settings (see domain.Ledgers).
type Ledgers struct {
	Account    string // bills' expense account
	Sales      string // invoices' income account (Xero) or product/service (QuickBooks)
	Tax        string // tax rate name or tax code; "" = none
	DateFormat string // DD/MM/YYYY, MM/DD/YYYY or YYYY-MM-DD
	Summary    bool   // one line per bill instead of one per commission line
}

// FinancePayout is a payout with whom and how to pay (or invoice).
type FinancePayout struct {
	PayoutRow
	Payee Payee
}

// Payee is a partner's payment details with the program's defaults filled in.
type Payee struct {
	Method        string // wise, paypal, bank, manual; "" when the program gives none
	Currency      string // the currency the partner receives
	Name          string // account holder / legal name
	Email         string
	Receiver      string // person, business or ""
	IBAN          string
	BIC           string
	AccountNumber string
	SortCode      string
	RoutingNumber string
	AccountType   string
	BSB           string
	PayPal        string
	TaxID         string
	Address       Address
}

// Address is a postal address.
type Address struct {
	Lines                             []string
	City, Region, PostalCode, Country string
}

// BuildFinance copies a run's Due and Receivable payouts and the payment details of
// their partners.
func BuildFinance(r *commission.Result) *Finance {
	return FinanceFrom(r, PayoutRows(r))
}

// FinanceFrom is BuildFinance with the payout rows already worded by PayoutRows(r);
// each finance payout shares its row's lines.
func FinanceFrom(r *commission.Result, rows []*PayoutRow) *Finance {
	p := r.Program
	f := &Finance{Firm: p.Name, Currency: p.Currency, Policy: p.Policy, Period: r.Period, BillDate: r.Period.Last(),
		Xero: ledgers(p.Output.Xero), QuickBooks: ledgers(p.Output.QuickBooks)}
	for _, x := range p.Output.Finance {
		f.Formats = append(f.Formats, string(x))
	}
	for i, po := range r.Payouts {
		if po.Status != book.StatusDue && po.Status != book.StatusReceivable {
			continue
		}
		f.Payouts = append(f.Payouts, &FinancePayout{PayoutRow: *rows[i], Payee: payee(po.Partner, p.Currency)})
	}
	// Files list payouts by ID so that a re-run writes the same bytes and splits
	// a long batch at the same rows.
	sort.Slice(f.Payouts, func(i, j int) bool { return f.Payouts[i].ID < f.Payouts[j].ID })
	return f
}

// Named reports whether a file f writes carries the payee's name (domain.NamedFormats),
// Emailed whether one carries its e-mail (domain.EmailedFormats).
func (f *Finance) Named() bool   { return f.writesAny(domain.NamedFormats) }
func (f *Finance) Emailed() bool { return f.writesAny(domain.EmailedFormats) }

func (f *Finance) writesAny(formats []domain.FinanceFormat) bool {
	return slices.ContainsFunc(formats, func(x domain.FinanceFormat) bool { return slices.Contains(f.Formats, string(x)) })
}

// FormulaLike reports whether a spreadsheet takes s for the start of a formula
// (domain.FormulaLike, the rule the program file is checked by).
func FormulaLike(s string) bool { return domain.FormulaLike(s) }

func ledgers(l domain.Ledgers) Ledgers {
	return Ledgers{Account: l.Account, Sales: l.Sales, Tax: l.Tax, DateFormat: string(l.DateFormat), Summary: l.Lines == domain.LinesSummary}
}

func payee(x *domain.Partner, currency string) Payee {
	out := Payee{Currency: currency, Name: x.Name, Email: x.Email}
	y := x.Payee
	if y == nil {
		return out
	}
	out.Method, out.Receiver = string(y.Method), string(y.Receiver)
	if y.Currency != "" {
		out.Currency = y.Currency
	}
	if y.Name != "" {
		out.Name = y.Name
	}
	if y.Email != "" {
		out.Email = y.Email
	}
	out.IBAN, out.BIC, out.AccountNumber, out.SortCode = y.IBAN, y.BIC, y.AccountNumber, y.SortCode
	out.RoutingNumber, out.AccountType, out.BSB, out.PayPal, out.TaxID = y.RoutingNumber, y.AccountType, y.BSB, y.PayPal, y.TaxID
	a := y.Address
	out.Address = Address{Lines: append([]string(nil), a.Lines...), City: a.City, Region: a.Region, PostalCode: a.PostalCode, Country: a.Country}
	return out
}
