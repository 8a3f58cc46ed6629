package finance

import (
	"fmt"

	"github.com/partnerbook/partnerbook/internal/money"
	"github.com/partnerbook/partnerbook/internal/report"
)

// XeroColumns is Xero's bill and sales invoice import template (Business > Bills to pay
// > Import, or Invoices > Import); * marks the columns Xero requires.
var XeroColumns = []string{"*ContactName", "EmailAddress", "POAddressLine1", "POAddressLine2", "POAddressLine3",
	"POAddressLine4", "POCity", "PORegion", "POPostalCode", "POCountry", "*InvoiceNumber", "*InvoiceDate", "*DueDate",
	"Total", "InventoryItemCode", "Description", "*Quantity", "*UnitAmount", "*AccountCode", "*TaxType", "TaxAmount",
	"TrackingName1", "TrackingOption1", "TrackingName2", "TrackingOption2", "Currency"}

// QuickBooksBillColumns are the bill columns QuickBooks Online import tools agree on.
var QuickBooksBillColumns = []string{"Bill No", "Vendor", "Bill Date", "Due Date", "Memo", "Currency",
	"Account", "Line Description", "Line Amount", "Line Tax Code"}

// QuickBooksInvoiceColumns are QuickBooks Online's invoice import columns.
var QuickBooksInvoiceColumns = []string{"InvoiceNo", "Customer", "InvoiceDate", "DueDate", "Memo", "Currency",
	"Item(Product/Service)", "ItemDescription", "ItemQuantity", "ItemRate", "ItemAmount", "TaxCode"}

// line is one line of a bill or invoice: its text and amount, signed for the document.
type line struct {
	desc   string
	amount money.Amount
}

// lines are a payout's bill lines: one per commission line, or one for the whole
// payout. An invoice (negate) bills what the partner owes, so its signs flip; either
// way the lines add up to the document's total.
func lines(p *report.FinancePayout, summary, negate bool) []line {
	sign := func(a money.Amount) money.Amount {
		if negate {
			return a.Neg()
		}
		return a
	}
	if summary || len(p.Lines) == 0 {
		return []line{{fmt.Sprintf("Partner payout %s for %s: %d commission lines (see payouts.xlsx)", p.ID, p.Period, len(p.Lines)), sign(p.Amount)}}
	}
	out := make([]line, len(p.Lines))
	for i, l := range p.Lines {
		d := l.ID + ": " + l.Description
		if l.Opening {
			d += " (carried forward from an earlier period)"
		}
		out[i] = line{d, sign(l.Amount)}
	}
	return out
}

func memo(p *report.FinancePayout) string {
	m := fmt.Sprintf("Partner payout %s for %s", p.ID, p.Period)
	if p.Payee.TaxID != "" {
		m += "; tax id " + p.Payee.TaxID
	}
	return m
}

// xero writes bills for Due payouts, or sales invoices for Receivable ones: a bill's
// rows repeat its contact and number, and a file holds at most XeroMaxBills bills.
func xero(f *report.Finance, base string, invoices bool) ([]File, error) {
	g := f.Xero
	account, payouts := g.Account, due(f)
	if invoices {
		account, payouts = g.Sales, receivable(f)
	}
	layout := dateLayout(g.DateFormat)
	var groups [][][]string
	for _, p := range payouts {
		y := p.Payee
		addr := make([]string, 4)
		copy(addr, y.Address.Lines)
		var rows [][]string
		for _, l := range lines(p, g.Summary, invoices) {
			rows = append(rows, []string{y.Name, y.Email, addr[0], addr[1], addr[2], addr[3],
				y.Address.City, y.Address.Region, y.Address.PostalCode, y.Address.Country,
				p.ID, f.BillDate.Time().Format(layout), p.Due.Time().Format(layout),
				"", "", text(l.desc), "1", f.Policy.Format(l.amount), account, g.Tax, "",
				"", "", "", "", f.Currency})
		}
		groups = append(groups, rows)
	}
	return split(base, XeroColumns, groups, XeroMaxBills)
}

// ids are the payouts' IDs.
func ids(ps []*report.FinancePayout) []string {
	out := make([]string, len(ps))
	for i, p := range ps {
		out[i] = p.ID
	}
	return out
}

// quickBooksBills writes a bill per Due payout; a bill's lines repeat its number,
// which is unique in the file (see numbering).
func quickBooksBills(f *report.Finance) ([]File, error) {
	g := f.QuickBooks
	layout := dateLayout(g.DateFormat)
	var groups [][][]string
	bills := due(f)
	nos := numbering(ids(bills), QuickBooksMaxNo)
	for _, p := range bills {
		var rows [][]string
		for _, l := range lines(p, g.Summary, false) {
			rows = append(rows, []string{nos.get(p.ID), p.Payee.Name,
				f.BillDate.Time().Format(layout), p.Due.Time().Format(layout), text(memo(p)), f.Currency,
				g.Account, text(l.desc), f.Policy.Format(l.amount), g.Tax})
		}
		groups = append(groups, rows)
	}
	return split(QuickBooksBills, QuickBooksBillColumns, groups, len(groups)+1)
}

func quickBooksInvoices(f *report.Finance) ([]File, error) {
	g := f.QuickBooks
	layout := dateLayout(g.DateFormat)
	var groups [][][]string
	invoices := receivable(f)
	nos := numbering(ids(invoices), QuickBooksMaxNo)
	for _, p := range invoices {
		var rows [][]string
		for _, l := range lines(p, g.Summary, true) {
			amt := f.Policy.Format(l.amount)
			rows = append(rows, []string{nos.get(p.ID), p.Payee.Name,
				f.BillDate.Time().Format(layout), p.Due.Time().Format(layout), text(memo(p)), f.Currency,
				g.Sales, text(l.desc), "1", amt, amt, g.Tax})
		}
		groups = append(groups, rows)
	}
	return split(QuickBooksInvoices, QuickBooksInvoiceColumns, groups, len(groups)+1)
}
