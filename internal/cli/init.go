package cli

import (
	"fmt"
	"io"
	"strings"

	"github.com/partnerbook/partnerbook/internal/crm"
	"github.com/partnerbook/partnerbook/internal/terms"
)

func initCmd(args []string, stdout, stderr io.Writer) int {
	fs := newFlags("init", stderr)
	deals := fs.String("deals", "", "the CRM export `file` (.xlsx or .csv)")
	preset := fs.String("preset", "", "the export's `layout`: "+strings.Join(terms.PresetNames(), ", ")+" (default: guessed from the headers)")
	sheetName := fs.String("sheet", "", "the `sheet` to read (default: the first)")
	if !parse(fs, args, stderr) {
		return ExitUsage
	}
	if *deals == "" {
		fmt.Fprintln(stderr, "partnerbook init: --deals is required")
		return ExitUsage
	}
	if *preset != "" && terms.PresetColumns(*preset) == nil {
		fmt.Fprintf(stderr, "partnerbook init: unknown preset %q (use one of %s)\n", *preset, strings.Join(terms.PresetNames(), ", "))
		return ExitUsage
	}
	sc, err := crm.Scan(*deals, *sheetName)
	if err != nil {
		fmt.Fprintf(stderr, "partnerbook init: %v\n", err)
		return ExitInput
	}
	have := map[string]bool{}
	for _, h := range sc.Headers {
		have[strings.ToLower(strings.TrimSpace(h))] = true
	}
	// Guess the preset whose headers the export has most of.
	if *preset == "" {
		best := -1
		for _, name := range terms.PresetNames() {
			n := 0
			for _, h := range terms.PresetColumns(name) {
				if h != "" && have[strings.ToLower(h)] {
					n++
				}
			}
			if n > best {
				*preset, best = name, n
			}
		}
	}
	cols := terms.PresetColumns(*preset)
	w := stdout
	fmt.Fprintf(w, "# Starter program file made from %s (%d data rows). Check every value.\n\n", *deals, sc.Rows)
	fmt.Fprintf(w, "[program]\nname = \"Your firm\"\ncurrency = \"USD\"\nperiod = \"%s\"\n", sc.LastMonth)
	fmt.Fprintf(w, "payout_terms_days = 30\nminimum_payout = \"100.00\"\nrounding = \"half-up\"\nmargin_cap = \"25%%\"\nowner = \"\"\ndedicated_role_share = \"20%%\"\n\n")
	fmt.Fprintf(w, "[input.deals]\nfile = %q\n", *deals)
	if sc.Sheet != "" {
		fmt.Fprintf(w, "sheet = %q\n", sc.Sheet)
	}
	fmt.Fprintf(w, "preset = %q\n\n[input.deals.columns]\n", *preset)
	for _, k := range terms.DealColumns {
		h := cols[k]
		switch {
		case h != "" && have[strings.ToLower(h)]:
			fmt.Fprintf(w, "%s = %q\n", k, h)
		case h != "":
			fmt.Fprintf(w, "# %s = %q   # not in this export: name the header that holds it\n", k, h)
		default:
			fmt.Fprintf(w, "# %s = \"\"\n", k)
		}
	}
	if len(sc.Statuses) > 0 {
		fmt.Fprintf(w, "\n# status values found: %s\n", quoteAll(sc.Statuses))
	}
	fmt.Fprintf(w, "\n[input.payments]\nfile = \"payments.xlsx\"\n[input.payments.columns]\ndeal = \"Deal ID\"\ndate = \"Date\"\namount = \"Amount\"\n\n[input.ledger]\nfiles = [\"ledger/*.xlsx\"]\n")
	for _, name := range sc.PartnerTags {
		id := slug(name)
		fmt.Fprintf(w, "\n[[partner]]\nid = %q\nname = %q\ntype = \"referral\"\nstatus = \"active\"\nemail = \"\"\ntags = [%q]\n", id, name, "Partner: "+name)
		fmt.Fprintf(w, "  [[partner.terms]]\n  from = %s-01\n  referral = { percent = \"10%%\", pay_on = \"signed\" }\n  clawback_days = 90\n", sc.FirstMonth)
	}
	return ExitOK
}

func quoteAll(xs []string) string {
	q := make([]string, len(xs))
	for i, x := range xs {
		q[i] = fmt.Sprintf("%q", x)
	}
	return strings.Join(q, ", ")
}

// slug makes a safe partner id from a name: "Acme Consulting" -> "acme-consulting".
func slug(s string) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(s) {
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
