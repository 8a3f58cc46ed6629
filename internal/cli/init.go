package cli

import (
	"fmt"
	"io"
	"path/filepath"
	"strings"
	"unicode"

	"golang.org/x/text/runes"
	"golang.org/x/text/transform"
	"golang.org/x/text/unicode/norm"

	"github.com/partnerbook/partnerbook/internal/crm"
	"github.com/partnerbook/partnerbook/internal/domain"
	"github.com/partnerbook/partnerbook/internal/money"
	"github.com/partnerbook/partnerbook/internal/terms"
)

func initCmd(args []string, stdout, stderr io.Writer) int {
	fs := newFlags("init", stderr)
	deals := fs.String("deals", "", "the CRM export `file` (.xlsx or .csv)")
	payments := fs.String("payments", "", "the client payments `file` (optional)")
	preset := fs.String("preset", "", "the export's `layout`: "+strings.Join(terms.PresetNames(), ", ")+" (default: guessed from the headers)")
	sheetName := fs.String("sheet", "", "the `sheet` to read (default: the first)")
	if !parse(fs, args, stderr) {
		return ExitUsage
	}
	if *deals == "" {
		fmt.Fprintln(stderr, "partnerbook init: --deals is required (partnerbook help init shows an example)")
		return ExitUsage
	}
	if *preset != "" && terms.PresetColumns(*preset) == nil {
		fmt.Fprintf(stderr, "partnerbook init: unknown preset %q (use one of %s)\n", *preset, strings.Join(terms.PresetNames(), ", "))
		return ExitUsage
	}
	headers, err := crm.Headers(*deals, *sheetName)
	if err != nil {
		fmt.Fprintf(stderr, "partnerbook init: %v\n", err)
		return ExitInput
	}
	var lay terms.Layout
	if *preset == "" {
		*preset, lay = terms.GuessPreset(headers)
	} else {
		lay, _ = terms.PresetLayout(*preset, headers)
	}
	have := map[string]bool{}
	for _, h := range headers {
		have[strings.ToLower(strings.TrimSpace(strings.TrimPrefix(h, "\ufeff")))] = true
	}
	// The header the preset reads for each column: the first of its headers the export has.
	chosen := map[string]string{}
	for _, k := range terms.DealColumns {
		for _, h := range lay.Heads[k] {
			if have[strings.ToLower(h)] {
				chosen[k] = h
				break
			}
		}
	}
	dateLayout, _ := terms.DateLayout(lay.Dates)
	sc, err := crm.ScanColumns(*deals, *sheetName, crm.ScanHeaders{Status: chosen["status"], Created: chosen["created"], Closed: chosen["closed"], Partner: chosen["partner"], Currency: chosen["currency"], DateLayout: dateLayout})
	if err != nil {
		fmt.Fprintf(stderr, "partnerbook init: %v\n", err)
		return ExitInput
	}
	w := stdout
	fmt.Fprintf(w, "# Starter program file made from %s (%d data rows). Check every value.\n\n", *deals, sc.Rows)
	// The program currency is the export's most common one; others need a rate a month.
	currency, others := "USD", []string(nil)
	for _, c := range sc.Currencies {
		if !money.IsCurrency(c) {
			continue
		}
		if currency == "USD" && others == nil && c == sc.Currencies[0] {
			currency = c
			continue
		}
		if c != currency {
			others = append(others, c)
		}
	}
	fmt.Fprintf(w, "[program]\nname = \"Your firm\"\ncurrency = %q", currency)
	if len(sc.Currencies) > 0 {
		fmt.Fprintf(w, "   # the currency of most deals in the export")
	}
	fmt.Fprintf(w, "\nperiod = \"%s\"\n", sc.LastMonth)
	fmt.Fprintf(w, "# Lines eligible before start are never paid: the first run pays from here on.\nstart = %s\n", sc.LastMonth.First())
	fmt.Fprintf(w, "payout_terms_days = 30\nminimum_payout = \"100.00\"\nrounding = \"half-up\"\nmargin_cap = \"25%%\"\nowner = \"\"\ndedicated_role_share = \"20%%\"\n\n")
	for _, c := range others {
		fmt.Fprintf(w, "# The export also has deals in %s: state what 1 %s is worth in %s each month\n# (a deal converts at the rate of its won month).\n# [fx.%s]\n# \"%s\" = \"...\"\n\n", c, c, currency, c, sc.LastMonth)
	}
	// Paths in the TOML are relative to the TOML file: save it beside the export.
	fmt.Fprintf(w, "[input.deals]\nfile = %q   # relative to this file: save it beside the export\n", filepath.Base(*deals))
	if sc.Sheet != "" {
		fmt.Fprintf(w, "sheet = %q\n", sc.Sheet)
	}
	writeDelimiter(w, sc.Delimiter)
	layName := ""
	if lay.Name != "" {
		layName = " (" + lay.Name + ")"
	}
	fmt.Fprintf(w, "preset = %q\n\n# The preset%s reads these headers; uncomment a line to read another one.\n[input.deals.columns]\n", *preset, layName)
	for _, k := range terms.DealColumns {
		switch h := chosen[k]; {
		case *preset == "generic" && h != "":
			fmt.Fprintf(w, "%s = %q\n", k, h)
		case h != "":
			fmt.Fprintf(w, "# %s = %q\n", k, h)
		default:
			fmt.Fprintf(w, "# %s = \"\"   # not in this export\n", k)
		}
	}
	writeStatus(w, *preset, sc.Statuses)
	if *payments != "" {
		if code := writePayments(w, *payments, stderr); code != ExitOK {
			return code
		}
	} else {
		fmt.Fprintf(w, "\n# No payments file: revenue shares have no revenue data. Add one with\n# [input.payments] file = \"payments.xlsx\" (see partnerbook help init).\n")
	}
	fmt.Fprintf(w, "\n[input.ledger]\nfiles = [\"ledger/*.xlsx\"]\n")
	writePartners(w, sc)
	return ExitOK
}

// writeStatus maps the status words found to won and lost: the preset's words first,
// then words that read like them, and says which it guessed.
func writeStatus(w io.Writer, preset string, found []string) {
	if len(found) == 0 {
		return
	}
	pw, pl := terms.PresetStatus(preset)
	in := func(s string, ws []string) bool {
		for _, x := range ws {
			if strings.EqualFold(strings.TrimSpace(x), strings.TrimSpace(s)) {
				return true
			}
		}
		return false
	}
	var won, lost, guessed, other []string
	for _, s := range found {
		k := strings.ToLower(s)
		switch {
		case in(s, pw):
			won = append(won, s)
		case in(s, pl):
			lost = append(lost, s)
		case strings.Contains(k, "won") || strings.Contains(k, "win") || strings.Contains(k, "signed"):
			won, guessed = append(won, s), append(guessed, s)
		case strings.Contains(k, "lost") || strings.Contains(k, "abandon") || strings.Contains(k, "closed"):
			lost, guessed = append(lost, s), append(guessed, s)
		default:
			other = append(other, s)
		}
	}
	fmt.Fprintf(w, "\n# status values found: %s\n", quoteAll(found))
	if len(guessed) > 0 {
		fmt.Fprintf(w, "# guessed from the words (check them): %s\n", quoteAll(guessed))
	}
	if len(other) > 0 {
		fmt.Fprintf(w, "# read as open: %s\n", quoteAll(other))
	}
	fmt.Fprintf(w, "[input.deals.status]\nwon = [%s]\nlost = [%s]\n", quoteAll(won), quoteAll(lost))
}

// writePayments writes [input.payments] with the headers of the payments file that
// look like a deal id, a client, a date and an amount; a Stripe Dashboard payments
// export gets the stripe preset, which reads its states and refunds.
func writePayments(w io.Writer, path string, stderr io.Writer) int {
	headers, delim, err := crm.HeaderLine(path, "")
	if err != nil {
		fmt.Fprintf(stderr, "partnerbook init: %v\n", err)
		return ExitInput
	}
	if stripeCharges(headers) {
		writeStripePayments(w, path, delim, headers)
		return ExitOK
	}
	cols := map[string]string{}
	paid := ""
	for _, h := range headers {
		k := strings.ToLower(strings.TrimSpace(strings.TrimPrefix(h, "\ufeff")))
		pick := func(key string, ok bool) {
			if ok && cols[key] == "" {
				cols[key] = h
			}
		}
		pick("deal", strings.Contains(k, "deal") || strings.Contains(k, "opportunity"))
		pick("client", strings.Contains(k, "client") || strings.Contains(k, "customer") || strings.Contains(k, "company"))
		pick("date", strings.Contains(k, "date") || strings.HasPrefix(k, "created") || strings.HasPrefix(k, "paid"))
		// What was billed, is still owed or was given back is not money received.
		owed := strings.Contains(k, "due") || strings.Contains(k, "remaining") || strings.Contains(k, "refund") ||
			strings.Contains(k, "unpaid") || strings.Contains(k, "outstanding") || strings.Contains(k, "balance")
		pick("amount", (strings.HasPrefix(k, "amount") || k == "total") && !owed)
		if paid == "" && strings.Contains(k, "amount") && crm.AmountPaidHeader(h) && !owed {
			paid = h
		}
	}
	if paid != "" {
		cols["amount"] = paid // an invoice export: what each invoice has been paid
	}
	fmt.Fprintf(w, "\n[input.payments]\nfile = %q\n", filepath.Base(path))
	writeDelimiter(w, delim)
	fmt.Fprintf(w, "[input.payments.columns]\n")
	if cols["deal"] == "" && cols["client"] == "" {
		cols["client"] = "Client"
		fmt.Fprintf(w, "# no deal id or client column found: name the header that holds one\n")
	}
	for _, k := range terms.PaymentColumns {
		if h := cols[k]; h != "" {
			fmt.Fprintf(w, "%s = %q", k, h)
			if k == "amount" && paid != "" {
				fmt.Fprintf(w, "   # the amount paid: every row counts as money received")
			}
			fmt.Fprintln(w)
		}
	}
	return ExitOK
}

// stripeCharges reports whether headers are those of a Stripe Dashboard payments
// export: one row per charge, with its state and the amount refunded of it.
func stripeCharges(headers []string) bool {
	have := headerSet(headers)
	return have["amount"] != "" && have["amount refunded"] != "" && have["status"] != "" &&
		(have["created date (utc)"] != "" || have["created (utc)"] != "")
}

// headerSet maps each header, trimmed and lower-cased, to its spelling.
func headerSet(headers []string) map[string]string {
	have := map[string]string{}
	for _, h := range headers {
		k := strings.ToLower(strings.TrimSpace(strings.TrimPrefix(h, "\ufeff")))
		if _, dup := have[k]; !dup {
			have[k] = strings.TrimSpace(strings.TrimPrefix(h, "\ufeff"))
		}
	}
	return have
}

// writeStripePayments writes the stripe preset and what it does not map itself: the
// metadata column holding the CRM deal id, and a client column when the export lacks
// the preset's.
func writeStripePayments(w io.Writer, path string, delim rune, headers []string) {
	have := headerSet(headers)
	preset := terms.PaymentPresetColumns("stripe")
	deal := ""
	for _, h := range headers {
		k := strings.ToLower(strings.TrimSpace(h))
		if strings.HasSuffix(k, "(metadata)") && (strings.Contains(k, "deal") || strings.Contains(k, "opportunity")) {
			deal = strings.TrimSpace(h)
			break
		}
	}
	fmt.Fprintf(w, "\n# A Stripe Dashboard payments export: the preset counts only captured, paid charges\n# and takes refunds and lost disputes back.\n")
	fmt.Fprintf(w, "[input.payments]\nfile = %q\n", filepath.Base(path))
	writeDelimiter(w, delim)
	fmt.Fprintf(w, "preset = \"stripe\"\n[input.payments.columns]\n")
	client := preset["client"]
	if deal != "" {
		fmt.Fprintf(w, "deal = %q   # the metadata column holding the CRM deal ID\n", deal)
	} else {
		fmt.Fprintf(w, "# deal = \"deal_id (metadata)\"   # no metadata column names a deal: charges match by client\n")
	}
	switch {
	case have[strings.ToLower(client)] != "":
		fmt.Fprintf(w, "# client = %q   # the preset's: a charge without a deal ID matches the client's won deal\n", client)
	case have["customer email"] != "":
		fmt.Fprintf(w, "client = %q   # the export has no %q\n", have["customer email"], client)
	default:
		fmt.Fprintf(w, "# client = \"\"   # the export has no %q: name the header that holds the client\n", client)
	}
	if have[strings.ToLower(preset["dispute_status"])] == "" {
		fmt.Fprintf(w, "# The export has no dispute columns, so a chargeback counts as paid: export the\n# payments again with %q, %q and %q.\n",
			preset["disputed_amount"], preset["dispute_status"], preset["dispute_date"])
	}
}

// writePartners writes a partner stub for each "Partner: X" tag and each value of the
// partner column, tagged with the spelling the export uses.
func writePartners(w io.Writer, sc *crm.ScanResult) {
	type stub struct{ name, tag string }
	var stubs []stub
	seen := map[string]bool{}
	for _, name := range sc.PartnerTags {
		seen[strings.ToLower(name)] = true
		stubs = append(stubs, stub{name, "Partner: " + name})
	}
	for _, v := range sc.PartnerValues {
		if seen[strings.ToLower(v)] || strings.HasPrefix(strings.ToLower(v), "partner:") || strings.ContainsAny(v, ",;") {
			continue
		}
		seen[strings.ToLower(v)] = true
		stubs = append(stubs, stub{v, v})
	}
	if len(stubs) == 0 {
		fmt.Fprintf(w, "\n# No partner tags (\"Partner: Name\") or partner column values found: add\n# [[partner]] entries whose tags name how the export marks their deals.\n")
	}
	used := map[string]bool{}
	for _, st := range stubs {
		id := slug(st.name)
		for n := 2; used[id]; n++ {
			id = fmt.Sprintf("%s-%d", slug(st.name), n)
		}
		used[id] = true
		typ := partnerType(sc.PartnerType[st.name])
		fmt.Fprintf(w, "\n[[partner]]\nid = %q\nname = %q\ntype = %q\nstatus = \"active\"\n# email = \"\"\ntags = [%q]\n", id, st.name, typ, st.tag)
		fmt.Fprintf(w, "  # Fill in the agreed terms: the fee below is a placeholder.\n  [[partner.terms]]\n  from = %s-01\n  referral = { percent = \"10%%\", pay_on = \"signed\" }\n  clawback_days = 90\n", sc.FirstMonth)
	}
}

// writeDelimiter writes the field separator of a CSV file read with ';'.
func writeDelimiter(w io.Writer, delim rune) {
	if delim == ';' {
		fmt.Fprintf(w, "delimiter = \";\"   # fields separated by \";\" (Excel where a comma is the decimal separator);\n")
		fmt.Fprintf(w, "                  # amounts such as 1,500 are refused as ambiguous: export amounts with a decimal point\n")
	}
}

func quoteAll(xs []string) string {
	q := make([]string, len(xs))
	for i, x := range xs {
		q[i] = fmt.Sprintf("%q", x)
	}
	return strings.Join(q, ", ")
}

// partnerType maps a "Partner type: X" tag to a type, referral when unknown.
func partnerType(tag string) domain.PartnerType {
	squash := strings.NewReplacer("-", "", " ", "").Replace(strings.ToLower(tag))
	for _, t := range domain.PartnerTypes {
		if squash == strings.ReplaceAll(string(t), "-", "") {
			return t
		}
	}
	return domain.Referral
}

// letters spells out Latin letters that do not decompose into a base letter and a mark.
var letters = strings.NewReplacer("ł", "l", "ø", "o", "æ", "ae", "œ", "oe", "ß", "ss", "đ", "d", "ð", "d", "þ", "th", "ı", "i")

// slug makes a safe partner id from a name: "Łódź Analytics" -> "lodz-analytics".
func slug(s string) string {
	var b strings.Builder
	dash := false
	s = strings.ToLower(s)
	folded, _, err := transform.String(transform.Chain(norm.NFD, runes.Remove(runes.In(unicode.Mn)), norm.NFC), letters.Replace(strings.ToLower(s)))
	if err == nil {
		s = folded
	}
	for _, r := range s {
		if (r >= 'a' && r <= 'z') || (r >= '0' && r <= '9') {
			b.WriteRune(r)
			dash = false
		} else if !dash && b.Len() > 0 {
			b.WriteByte('-')
			dash = true
		}
	}
	out := strings.TrimSuffix(b.String(), "-")
	if out == "" {
		out = "partner"
	}
	if len(out) > 60 {
		out = out[:60]
	}
	return out
}
