package terms

import (
	"sort"
	"strings"

	"github.com/partnerbook/partnerbook/internal/civil"
	"github.com/partnerbook/partnerbook/internal/domain"
	"github.com/partnerbook/partnerbook/internal/money"
)

// StripeColumns are the payment columns only the stripe preset reads.
var StripeColumns = []string{"status", "captured", "amount_refunded", "refunded_date", "disputed_amount", "dispute_status", "dispute_date"}

// paymentPresets are the payments layouts: logical column -> header.
var paymentPresets = map[string]map[string]string{
	"generic": {"deal": "Deal ID", "client": "", "date": "Date", "amount": "Amount", "currency": "Currency"},
	// The Stripe Dashboard payments export: one row per charge; refunds are the
	// "Amount Refunded" of the charge row, dated "Refunded date (UTC)", and a dispute
	// (chargeback) is its "Disputed Amount", "Dispute Status" and "Dispute Date (UTC)".
	// Older exports name the date "Created (UTC)". The id column is the charge id.
	"stripe": {"id": "id", "deal": "", "client": "Customer Description", "date": "Created date (UTC)",
		"amount": "Amount", "currency": "Currency", "status": "Status", "captured": "Captured",
		"amount_refunded": "Amount Refunded", "refunded_date": "Refunded date (UTC)",
		"disputed_amount": "Disputed Amount", "dispute_status": "Dispute Status", "dispute_date": "Dispute Date (UTC)"},
}

// PaymentPresetNames lists the payments presets.
func PaymentPresetNames() []string { return []string{"generic", "stripe"} }

// PaymentPresetColumns is the column mapping of a payments preset (nil if unknown).
func PaymentPresetColumns(name string) map[string]string {
	p, ok := paymentPresets[name]
	if !ok {
		return nil
	}
	out := map[string]string{}
	for k, v := range p {
		out[k] = v
	}
	return out
}

// fx reads [fx]: one table per currency code, each month ("2026-10") a quoted rate
// saying what one unit of that currency is worth in the program currency.
//
//	[fx.EUR]
//	"2026-10" = "1.0725"
func (l *loader) fx(t *table, program string) domain.Rates {
	rates := domain.Rates{}
	codes := make([]string, 0, len(t.m))
	for k := range t.m {
		codes = append(codes, k)
	}
	sort.Strings(codes)
	for _, code := range codes {
		ct := t.sub(code, false)
		if ct == nil {
			continue
		}
		if !money.IsCurrency(code) {
			hint := ""
			if up := strings.ToUpper(code); up != code && money.IsCurrency(up) {
				hint = " (write it in capitals: [fx." + up + "])"
			}
			ct.errorf("", "[fx.%s]: %q is not an ISO 4217 currency code%s", code, code, hint)
			continue
		}
		if code == program {
			ct.errorf("", "[fx.%s]: %s is the program currency, which needs no rate", code, code)
			continue
		}
		months := map[civil.Month]money.FXRate{}
		for k, v := range ct.m {
			ct.seen[k] = true
			m, err := civil.ParseMonth(k)
			if err != nil {
				ct.errorf(k, "[fx.%s] key %q must be a month like \"2026-10\"", code, k)
				continue
			}
			s, isStr := v.(string)
			if !isStr {
				ct.errorf(k, "[fx.%s] %q must be a quoted rate like \"1.0725\" (a TOML number can lose digits), not %s", code, k, typeName(v))
				continue
			}
			r, err := money.ParseFXRate(s)
			if err != nil {
				ct.errorf(k, "[fx.%s] %q: %v", code, k, err)
				continue
			}
			months[m] = r
		}
		rates[code] = months
	}
	return rates
}
