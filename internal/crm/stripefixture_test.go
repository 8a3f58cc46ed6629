package crm

import (
	"os"
	"strings"
	"testing"
)

// stripeHeader is the column order of the Stripe Dashboard payments export ("Export"
// on Payments, default columns), before the metadata columns. Older exports name the
// date "Created (UTC)". A dispute fills Disputed Amount, Dispute Status, Dispute Reason,
// Dispute Date (UTC) and Dispute Evidence Due (UTC).
var stripeHeader = []string{"id", "Created date (UTC)", "Amount", "Amount Refunded", "Currency", "Captured",
	"Converted Amount", "Converted Amount Refunded", "Converted Currency", "Decline Reason", "Description",
	"Fee", "Refunded date (UTC)", "Statement Descriptor", "Status", "Seller Message", "Taxes On Fee",
	"Card ID", "Card Name", "Card Brand", "Card Funding", "Card Last4", "Card Exp Month", "Card Exp Year",
	"Card Issue Country", "Disputed Amount", "Dispute Status", "Dispute Reason", "Dispute Date (UTC)",
	"Dispute Evidence Due (UTC)", "PaymentIntent ID",
	"Customer ID", "Customer Description", "Customer Email", "Invoice ID", "Transfer"}

// charge is one row of a Stripe export; empty fields are written empty, as Stripe does.
type charge struct {
	ID, Created, Amount, Refunded, Currency, Captured string
	Converted, ConvertedRefunded, ConvertedCurrency   string
	Decline, Description, Fee, RefundedDate, Status   string
	Seller, CustomerDesc, CustomerEmail, Invoice      string
	Disputed, DisputeStatus, DisputeDate              string            // Disputed Amount "" is written 0.00
	Meta                                              map[string]string // metadata key -> value
}

// writeStripe writes charges the way the Dashboard exports them: a header row, then
// one row per charge, every field in double quotes, metadata columns named
// "<key> (metadata)" after the fixed columns, in the order given. With old set, the
// date column has its older name. Columns named in without are left out, as an export
// whose columns were chosen by hand leaves them.
func writeStripe(t *testing.T, path string, old bool, metaKeys []string, charges []charge, without ...string) {
	t.Helper()
	header := append([]string{}, stripeHeader...)
	if old {
		header[1] = "Created (UTC)"
	}
	for _, k := range metaKeys {
		header = append(header, k+" (metadata)")
	}
	drop := map[string]bool{}
	for _, h := range without {
		drop[h] = true
	}
	var b strings.Builder
	line := func(fields []string) {
		n := 0
		for i, f := range fields {
			if drop[header[i]] {
				continue
			}
			if n > 0 {
				b.WriteByte(',')
			}
			n++
			b.WriteString(`"` + strings.ReplaceAll(f, `"`, `""`) + `"`)
		}
		b.WriteString("\n")
	}
	line(header)
	for i, c := range charges {
		fee := c.Fee
		if fee == "" {
			fee = "0.00"
		}
		disputed := c.Disputed
		if disputed == "" {
			disputed = "0.00"
		}
		reason, due := "", ""
		if c.DisputeStatus != "" {
			reason, due = "fraudulent", c.DisputeDate
		}
		row := []string{c.ID, c.Created, c.Amount, c.Refunded, c.Currency, c.Captured,
			c.Converted, c.ConvertedRefunded, c.ConvertedCurrency, c.Decline, c.Description,
			fee, c.RefundedDate, "NORTHWIND", c.Status, c.Seller, "0.00",
			"card_" + c.ID, "", "Visa", "credit", "4242", "12", "2029",
			"US", disputed, c.DisputeStatus, reason, c.DisputeDate, due, "pi_" + c.ID,
			"cus_" + string(rune('A'+i)), c.CustomerDesc, c.CustomerEmail, c.Invoice, ""}
		for _, k := range metaKeys {
			row = append(row, c.Meta[k])
		}
		line(row)
	}
	if err := os.WriteFile(path, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
}

// paid is a captured, paid charge in usd for a deal.
func paid(id, created, amount, deal string) charge {
	return charge{ID: id, Created: created, Amount: amount, Refunded: "0.00", Currency: "usd", Captured: "true",
		Converted: amount, ConvertedRefunded: "0.00", ConvertedCurrency: "usd", Status: "Paid",
		Seller: "Payment complete.", CustomerDesc: "Client " + deal, CustomerEmail: strings.ToLower(deal) + "@client.example",
		Meta: map[string]string{"deal_id": deal}}
}
