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
	// Paths in the TOML are relative to the TOML file: save it beside the export.
	fmt.Fprintf(w, "[input.deals]\nfile = %q   # relative to this file: save it beside the export\n", filepath.Base(*deals))
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
	used := map[string]bool{}
	for _, name := range sc.PartnerTags {
		id := slug(name)
		for n := 2; used[id]; n++ {
			id = fmt.Sprintf("%s-%d", slug(name), n)
		}
		used[id] = true
		typ := partnerType(sc.PartnerType[name])
		fmt.Fprintf(w, "\n[[partner]]\nid = %q\nname = %q\ntype = %q\nstatus = \"active\"\n# email = \"\"\ntags = [%q]\n", id, name, typ, "Partner: "+name)
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
