package finance

import (
	"fmt"
	"sort"
	"strings"

	"github.com/partnerbook/partnerbook/internal/money"
	"github.com/partnerbook/partnerbook/internal/report"
)

// wiseBase are the columns every Wise batch file starts with.
var wiseBase = []string{"name", "recipientEmail", "paymentReference", "receiverType", "amountCurrency", "amount",
	"sourceCurrency", "targetCurrency"}

// wiseLayouts are the bank columns by kind of account.
var wiseLayouts = map[string][]string{
	"iban":      {"IBAN"},
	"sort-code": {"sortCode", "accountNumber"},
	"aba":       {"abartn", "accountNumber", "accountType"},
	"bsb":       {"bsbCode", "accountNumber"},
}

// wiseAddress are the recipient address columns Wise asks for when paying from or to USD.
var wiseAddress = []string{"addressCountryCode", "addressCity", "addressFirstLine", "addressPostCode", "addressState"}

// ibanCurrencies are the target currencies Wise pays to an IBAN.
var ibanCurrencies = map[string]bool{"EUR": true, "CHF": true, "SEK": true, "NOK": true, "DKK": true, "PLN": true,
	"CZK": true, "HUF": true, "RON": true, "BGN": true, "ISK": true}

// wiseRow is one transfer and the file it belongs in.
type wiseRow struct {
	group string // source-receiver-layout, the file's name part
	cols  []string
	cells []string
	p     *report.FinancePayout
}

func wiseRowOf(f *report.Finance, p *report.FinancePayout, refs map[int]*numbers) (wiseRow, *Skip) {
	y := p.Payee
	miss := func(field, why string) (wiseRow, *Skip) {
		return wiseRow{}, &Skip{Format: WiseBatch, PayoutID: p.ID, PartnerID: p.Partner.ID, Field: field,
			Reason: fmt.Sprintf("payee %q is missing (%s)", field, why)}
	}
	var layout string
	var bank []string
	switch target := y.Currency; {
	case target == "GBP" && y.SortCode != "" && y.AccountNumber != "":
		layout, bank = "sort-code", []string{y.SortCode, y.AccountNumber}
	case target == "GBP" && y.IBAN != "":
		layout, bank = "iban", []string{y.IBAN}
	case target == "GBP" && y.SortCode == "":
		return miss("sort_code", "GBP transfers need sort_code and account_number, or an iban")
	case target == "GBP":
		return miss("account_number", "GBP transfers need sort_code and account_number, or an iban")
	case target == "USD":
		if y.RoutingNumber == "" {
			return miss("routing_number", "USD transfers need routing_number and account_number")
		}
		if y.AccountNumber == "" {
			return miss("account_number", "USD transfers need routing_number and account_number")
		}
		kind := y.AccountType
		if kind == "" {
			kind = "checking"
		}
		layout, bank = "aba", []string{y.RoutingNumber, y.AccountNumber, kind}
	case target == "AUD":
		if y.BSB == "" {
			return miss("bsb", "AUD transfers need bsb and account_number")
		}
		if y.AccountNumber == "" {
			return miss("account_number", "AUD transfers need bsb and account_number")
		}
		layout, bank = "bsb", []string{y.BSB, y.AccountNumber}
	case ibanCurrencies[target]:
		if y.IBAN == "" {
			return miss("iban", target+" transfers go to an IBAN")
		}
		layout, bank = "iban", []string{y.IBAN}
	default:
		return wiseRow{}, &Skip{Format: WiseBatch, PayoutID: p.ID, PartnerID: p.Partner.ID, Field: "currency",
			Reason: fmt.Sprintf("wise-batch has no column layout for %s transfers: pay in another currency or by hand", target)}
	}
	receiver := map[string]string{"person": "PERSON", "business": "INSTITUTION"}[y.Receiver]
	if receiver == "" {
		return miss("receiver", "Wise needs to know whether it pays a person or a business")
	}
	cols := append(append([]string(nil), wiseBase...), wiseLayouts[layout]...)
	limit := WiseMaxReference
	if y.Currency == "GBP" || y.Currency == "AUD" {
		limit = WiseShortReference
	}
	cells := []string{y.Name, y.Email, refs[limit].get(p.ID), receiver, amountCurrency(f, y),
		f.Policy.Format(p.Amount), f.Currency, y.Currency}
	cells = append(cells, bank...)
	if f.Currency == "USD" || layout == "aba" {
		a := y.Address
		for _, need := range []struct{ field, v string }{{"address.country", a.Country}, {"address.city", a.City},
			{"address.lines", first(a.Lines)}, {"address.postal_code", a.PostalCode}} {
			if need.v == "" {
				return miss(need.field, "Wise asks for the recipient's address on transfers from or to USD")
			}
		}
		cols = append(cols, wiseAddress...)
		cells = append(cells, a.Country, a.City, first(a.Lines), a.PostalCode, a.Region)
	}
	group := fmt.Sprintf("%s-%s-%s", f.Currency, map[string]string{"PERSON": "person", "INSTITUTION": "business"}[receiver], layout)
	return wiseRow{group: group, cols: cols, cells: cells, p: p}, nil
}

// amountCurrency says which side of a transfer the amount fixes. Paid in the program's
// currency, the partner must receive exactly the payout, so the amount is the target
// ("Fixed Target": Wise charges its fee on top); with "source" Wise takes its fee out
// of the amount and the partner receives less than the statement says. Paid in
// another currency, the amount can only fix what is sent: partnerbook converts
// nothing, so the payout is the source amount and Wise converts it, less its fee.
func amountCurrency(f *report.Finance, y report.Payee) string {
	if y.Currency == f.Currency {
		return "target"
	}
	return "source"
}

func first(s []string) string {
	if len(s) == 0 {
		return ""
	}
	return s[0]
}

// wise writes one batch per source currency, receiver type and account layout (each
// has its own columns), split every WiseMaxRows rows in payout ID order.
func wise(f *report.Finance, rows []wiseRow) ([]File, error) {
	by := map[string][]wiseRow{}
	for _, r := range rows {
		by[r.group] = append(by[r.group], r)
	}
	groups := make([]string, 0, len(by))
	for g := range by {
		groups = append(groups, g)
	}
	sort.Strings(groups) // files in name order, whatever order the payouts came in
	var out []File
	for _, g := range groups {
		var cells [][][]string
		for _, r := range by[g] {
			cells = append(cells, [][]string{r.cells})
		}
		files, err := split(WiseBatch+"-"+g, by[g][0].cols, cells, WiseMaxRows)
		if err != nil {
			return nil, err
		}
		out = append(out, files...)
	}
	return out, nil
}

// payPalWhole are currencies PayPal takes in whole units only.
var payPalWhole = map[string]bool{"HUF": true, "JPY": true, "TWD": true}

// payPalComma are currencies whose amounts PayPal's Payouts upload takes with a
// decimal comma, quoted ("100,45"): PayPal's page shows EUR; the others are the
// currencies PayPal pays in whose usual notation has a decimal comma. PayPal checks
// the format on upload.
var payPalComma = map[string]bool{"EUR": true, "BRL": true, "CZK": true, "DKK": true, "NOK": true, "PLN": true, "SEK": true}

func payPalCheck(f *report.Finance, p *report.FinancePayout) *Skip {
	if p.Payee.PayPal == "" {
		return &Skip{Format: PayPalPayouts, PayoutID: p.ID, PartnerID: p.Partner.ID, Field: "paypal",
			Reason: `payee "paypal" is missing (the PayPal e-mail or PayerID to pay)`}
	}
	whole := money.Policy{Places: 0}
	if payPalWhole[f.Currency] && !whole.Round(p.Amount).Equal(p.Amount) {
		return &Skip{Format: PayPalPayouts, PayoutID: p.ID, PartnerID: p.Partner.ID, Field: "amount",
			Reason: fmt.Sprintf("PayPal pays %s in whole units and the payout is %s", f.Currency, f.Policy.Format(p.Amount))}
	}
	return nil
}

// payPal writes the Payouts upload file: no header; recipient, amount, currency,
// customer id, note, wallet. One currency per file (the program's: PayPal converts for
// a recipient who holds another), at most PayPalMaxRows rows.
func payPal(f *report.Finance, payouts []*report.FinancePayout) ([]File, error) {
	custom := numbering(ids(payouts), PayPalMaxID)
	places := f.Policy.Places
	if payPalWhole[f.Currency] {
		places = 0
	}
	var rows [][][]string
	for _, p := range payouts {
		note := clip(fmt.Sprintf("Partner payout %s for %s from %s", p.ID, p.Period, f.Firm), PayPalMaxNote)
		amount := p.Amount.Fixed(places)
		if payPalComma[f.Currency] {
			amount = strings.Replace(amount, ".", ",", 1) // quoted by the CSV writer
		}
		rows = append(rows, [][]string{{p.Payee.PayPal, amount, f.Currency,
			custom.get(p.ID), text(note), "PAYPAL"}})
	}
	return split(PayPalPayouts+"-"+f.Currency, nil, rows, PayPalMaxRows)
}
