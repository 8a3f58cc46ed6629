// Package finance writes the files finance imports: bills and invoices for Xero and
// QuickBooks Online, and payment batches for Wise and PayPal, from report.Finance.
//
// Only Due payouts become bills and payments, only Receivable ones invoices. A payout
// whose partner lacks a detail a file needs is left out of that file and reported as a
// Skip; nothing is ever converted between currencies (the payment service does that).
package finance

import (
	"bytes"
	"crypto/sha256"
	"encoding/base32"
	"encoding/csv"
	"fmt"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/partnerbook/partnerbook/internal/book"
	"github.com/partnerbook/partnerbook/internal/report"
)

// Format names, as [output] finance writes them.
const (
	XeroBills          = "xero-bills"
	QuickBooksBills    = "quickbooks-bills"
	WiseBatch          = "wise-batch"
	PayPalPayouts      = "paypal-payouts"
	XeroInvoices       = "xero-invoices"
	QuickBooksInvoices = "quickbooks-invoices"
)

// Formats are the formats this package writes.
var Formats = []string{XeroBills, QuickBooksBills, WiseBatch, PayPalPayouts, XeroInvoices, QuickBooksInvoices}

// Limits of the services' imports.
const (
	XeroMaxBills       = 500  // invoices or bills per Xero import file
	WiseMaxRows        = 1000 // transfers per Wise batch file
	PayPalMaxRows      = 5000 // payments per PayPal Payouts file
	QuickBooksMaxNo    = 21   // characters of a QuickBooks bill or invoice number
	PayPalMaxID        = 30   // characters of a PayPal customer id
	PayPalMaxNote      = 400  // characters of a PayPal note
	WiseMaxReference   = 35   // characters of a Wise payment reference (most currencies)
	WiseShortReference = 18   // characters of a Wise reference to GBP and AUD accounts
)

// File is one finance file; Name is relative to the finance/ folder.
type File struct {
	Name string
	Data []byte
}

// Skip is a Due payout left out of a payment file for want of a payment detail.
type Skip struct {
	Format    string // wise-batch, paypal-payouts; "" when the partner has no payment method
	PayoutID  string
	PartnerID string
	Field     string // the [partner.payee] key that is missing
	Reason    string
}

// Message is the warning for the owner: the partner, the file and the field.
func (s Skip) Message() string {
	if s.Format == "" {
		return fmt.Sprintf("partner %q has a Due payout but no [partner.payee] %s: it is in no payment file", s.PartnerID, s.Field)
	}
	return fmt.Sprintf("partner %q is left out of %s: %s", s.PartnerID, s.Format, s.Reason)
}

// Check reports the Due payouts left out of the payment files the program asks for,
// and, when it asks for any, every Due payout that no payment file carries.
func Check(f *report.Finance) ([]Skip, []report.UnpaidRow) {
	p := plan(f)
	return p.skips, p.unpaid
}

// PaymentFiles are the payment formats among f's formats.
func PaymentFiles(f *report.Finance) []string {
	var out []string
	for _, x := range f.Formats {
		if x == WiseBatch || x == PayPalPayouts {
			out = append(out, x)
		}
	}
	return out
}

// Files renders every format f names, in the order of Formats within each.
func Files(f *report.Finance) ([]File, error) {
	if err := exactFields(f); err != nil {
		return nil, err
	}
	p := plan(f)
	var out []File
	for _, name := range f.Formats {
		var files []File
		var err error
		switch name {
		case XeroBills:
			files, err = xero(f, XeroBills, false)
		case XeroInvoices:
			files, err = xero(f, XeroInvoices, true)
		case QuickBooksBills:
			files, err = quickBooksBills(f)
		case QuickBooksInvoices:
			files, err = quickBooksInvoices(f)
		case WiseBatch:
			files, err = wise(f, p.wise)
		case PayPalPayouts:
			files, err = payPal(f, p.paypal)
		default:
			err = fmt.Errorf("unknown finance format %q", name)
		}
		if err != nil {
			return nil, fmt.Errorf("%s: %w", name, err)
		}
		out = append(out, files...)
	}
	return out, nil
}

// payments is which Due payout goes into which payment file, and which into none.
type payments struct {
	wise   []wiseRow
	paypal []*report.FinancePayout
	skips  []Skip
	unpaid []report.UnpaidRow
}

func plan(f *report.Finance) *payments {
	p := &payments{}
	wantWise, wantPayPal := slices.Contains(f.Formats, WiseBatch), slices.Contains(f.Formats, PayPalPayouts)
	if !wantWise && !wantPayPal {
		return p
	}
	dues := due(f)
	// Wise references are unique among the period's Due payouts, at either length.
	refs := map[int]*numbers{WiseMaxReference: numbering(ids(dues), WiseMaxReference),
		WiseShortReference: numbering(ids(dues), WiseShortReference)}
	for _, po := range dues {
		reason := ""
		switch m := po.Payee.Method; {
		case m == "":
			p.skips = append(p.skips, Skip{PayoutID: po.ID, PartnerID: po.Partner.ID, Field: "method", Reason: "no payment method"})
			reason = "no [partner.payee] method"
		case m == "wise" && wantWise:
			row, skip := wiseRowOf(f, po, refs)
			if skip == nil {
				p.wise = append(p.wise, row)
				continue
			}
			p.skips = append(p.skips, *skip)
			reason = skip.Message()
		case m == "paypal" && wantPayPal:
			if skip := payPalCheck(f, po); skip != nil {
				p.skips = append(p.skips, *skip)
				reason = skip.Message()
				break
			}
			p.paypal = append(p.paypal, po)
			continue
		case m == "wise" || m == "paypal":
			reason = fmt.Sprintf("paid by %s, but [output] finance writes no %s file", m, map[string]string{"wise": WiseBatch, "paypal": PayPalPayouts}[m])
		case m == "bank":
			reason = "paid by bank transfer from the bill"
		default:
			reason = "paid by hand (method manual)"
		}
		p.unpaid = append(p.unpaid, report.UnpaidRow{PayoutID: po.ID, PartnerID: po.Partner.ID, Partner: po.Partner.Name, Amount: po.Amount, Reason: reason})
	}
	return p
}

// due and receivable pick the payouts bills and invoices are for.
func due(f *report.Finance) []*report.FinancePayout { return withStatus(f, book.StatusDue) }

func receivable(f *report.Finance) []*report.FinancePayout {
	return withStatus(f, book.StatusReceivable)
}

func withStatus(f *report.Finance, s book.PayoutStatus) []*report.FinancePayout {
	var out []*report.FinancePayout
	for _, p := range f.Payouts {
		if p.Status == s {
			out = append(out, p)
		}
	}
	return out
}

// text makes a free-text cell safe to open in a spreadsheet: a cell that begins with
// = + - @, a tab or a carriage return would be read as a formula (CSV injection), so
// it is written after an apostrophe. It guards only the text the services keep as
// written and nobody matches: line descriptions (with the CRM's client names and
// deal wording), memos and PayPal notes. The fields the services match exactly (payee
// names and e-mails, PayPal recipients, addresses, bank details, account and tax
// codes, numbers and references) are written exactly; the program file refuses them
// when they begin with such a character, and Files checks again (see exactFields).
func text(s string) string {
	if report.FormulaLike(s) {
		return "'" + s
	}
	return s
}

// exactFields refuses to write a field the services match exactly that a spreadsheet
// would take for a formula: it can be neither guarded (the apostrophe would become
// part of the name) nor written as it is.
func exactFields(f *report.Finance) error {
	for _, g := range []struct {
		what string
		v    string
	}{{"[output.xero] account_code", f.Xero.Account}, {"[output.xero] sales_account_code", f.Xero.Sales},
		{"[output.xero] tax_type", f.Xero.Tax}, {"[output.quickbooks] account", f.QuickBooks.Account},
		{"[output.quickbooks] item", f.QuickBooks.Sales}, {"[output.quickbooks] tax_code", f.QuickBooks.Tax}} {
		if report.FormulaLike(g.v) {
			return fmt.Errorf("%s %q begins with %q, which a spreadsheet reads as a formula", g.what, g.v, g.v[:1])
		}
	}
	// The payee's name and e-mail only where a file carries them (PayPal's pays the
	// PayPal recipient): otherwise they may be the partner's, free text.
	named, emailed := f.Named(), f.Emailed()
	for _, p := range f.Payouts {
		y := p.Payee
		name, email := y.Name, y.Email
		if !named {
			name = ""
		}
		if !emailed {
			email = ""
		}
		fields := []struct{ key, v string }{{"name", name}, {"email", email}, {"paypal", y.PayPal},
			{"address.city", y.Address.City}, {"address.region", y.Address.Region}, {"address.postal_code", y.Address.PostalCode}}
		for _, l := range y.Address.Lines {
			fields = append(fields, struct{ key, v string }{"address.lines", l})
		}
		for _, x := range fields {
			if report.FormulaLike(x.v) {
				return fmt.Errorf("partner %q: payee %s %q begins with %q, which a spreadsheet reads as a formula, and the payment services match it exactly",
					p.Partner.ID, x.key, x.v, x.v[:1])
			}
		}
	}
	return nil
}

// numbers are the short forms of payout IDs in one kind of field (a QuickBooks bill
// number, a Wise reference, a PayPal customer id), unique among the payouts given:
// the services match a field to one document or transfer, and a QuickBooks file marks
// the lines of one bill by repeating its number, so two payouts under one number
// would merge two partners' bills. The numbers depend only on the set of IDs, so the
// same inputs give the same numbers.
type numbers struct {
	n  int
	of map[string]string // payout ID -> its number
}

// numbering gives each of ids a number of at most n characters: an ID that fits is
// its own number; a longer one is shortened (see shorten), in ID order, and should
// its short form already be taken it is shortened again with the next salt.
func numbering(ids []string, n int) *numbers {
	nb := &numbers{n: n, of: make(map[string]string, len(ids))}
	used := make(map[string]bool, len(ids))
	sorted := slices.Clone(ids)
	slices.Sort(sorted)
	sorted = slices.Compact(sorted)
	for _, id := range sorted {
		if len(id) <= n {
			nb.of[id], used[id] = id, true
		}
	}
	for _, id := range sorted {
		if len(id) <= n {
			continue
		}
		for salt := 0; ; salt++ {
			if s := shorten(id, n, salt); !used[s] {
				nb.of[id], used[s] = s, true
				break
			}
		}
	}
	return nb
}

// get is id's number; an ID numbering was not given is shortened on its own.
func (nb *numbers) get(id string) string {
	if s, ok := nb.of[id]; ok {
		return s
	}
	return shorten(id, nb.n, 0)
}

// hashLetters is how many characters of its hash a shortened ID ends in, room
// permitting: ten base-32 characters are 50 bits.
const hashLetters = 10

var lowerBase32 = base32.NewEncoding("abcdefghijklmnopqrstuvwxyz234567").WithPadding(base32.NoPadding)

// hashOf is id's hash (salted after a collision) in lower-case base 32.
var hashOf = func(id string, salt int) string {
	in := id
	if salt > 0 {
		in = fmt.Sprintf("%s#%d", id, salt)
	}
	sum := sha256.Sum256([]byte(in))
	return lowerBase32.EncodeToString(sum[:])
}

// shorten fits an ID into n characters. A payout ID (PB-2026-10-<partner>) that does
// not fit keeps its period, PB-2026-10-, and fills the room after it with up to ten
// characters of its hash, after as much of the partner id as still fits: a
// QuickBooks number (21) is PB-2026-10- and ten hash characters, a PayPal customer
// id (30) PB-2026-10-<8 of the partner id>-<10 hash characters>. Two IDs can still
// share a short form, however unlikely: numbering settles that.
func shorten(id string, n, salt int) string {
	if len(id) <= n {
		return id
	}
	head, tail := "", id
	if len(id) > 11 && strings.HasPrefix(id, "PB-") && id[7] == '-' && id[10] == '-' {
		head, tail = id[:11], id[11:]
	}
	room := n - len(head)
	if room < 6 { // not a payout ID, or a field too short for its period
		head, tail, room = "", id, n
	}
	h := min(hashLetters, room)
	sum := hashOf(id, salt)[:h]
	if keep := room - h - 1; keep > 0 {
		if part := strings.TrimRight(tail[:min(keep, len(tail))], "-"); part != "" {
			return head + part + "-" + sum
		}
	}
	return head + sum
}

// clip cuts s to at most n characters, on a character boundary.
func clip(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)
	return string(r[:n])
}

// dateLayouts are the Go layouts of the date formats [output.*] date_format accepts.
var dateLayouts = map[string]string{"DD/MM/YYYY": "02/01/2006", "MM/DD/YYYY": "01/02/2006", "YYYY-MM-DD": "2006-01-02"}

func dateLayout(format string) string {
	if l, ok := dateLayouts[format]; ok {
		return l
	}
	return "2006-01-02"
}

// encode writes a header (nil for none) and rows as CSV.
func encode(header []string, rows [][]string) ([]byte, error) {
	var buf bytes.Buffer
	w := csv.NewWriter(&buf)
	if header != nil {
		if err := w.Write(header); err != nil {
			return nil, err
		}
	}
	if err := w.WriteAll(rows); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// split cuts groups of rows (a bill's lines stay together) into files of at most max
// groups, named base.csv, or base-1.csv, base-2.csv, ... when more than one file.
func split(base string, header []string, groups [][][]string, max int) ([]File, error) {
	if len(groups) == 0 {
		return nil, nil
	}
	n := (len(groups) + max - 1) / max
	var out []File
	for i := 0; i < n; i++ {
		var rows [][]string
		for _, g := range groups[i*max : min((i+1)*max, len(groups))] {
			rows = append(rows, g...)
		}
		data, err := encode(header, rows)
		if err != nil {
			return nil, err
		}
		name := base + ".csv"
		if n > 1 {
			name = fmt.Sprintf("%s-%d.csv", base, i+1)
		}
		out = append(out, File{Name: name, Data: data})
	}
	return out, nil
}
