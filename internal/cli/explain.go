package cli

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"sort"
	"strings"
	"text/tabwriter"

	"github.com/partnerbook/partnerbook/internal/commission"
	"github.com/partnerbook/partnerbook/internal/domain"
	"github.com/partnerbook/partnerbook/internal/pipeline"
	"github.com/partnerbook/partnerbook/internal/report"
)

func explain(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs := newFlags("explain", stderr)
	cfg := pipeline.Config{}
	fs.StringVar(&cfg.ProgramFile, "c", "partnerbook.toml", "the program `file`")
	fs.StringVar(&cfg.Period, "period", "", "the `YYYY-MM` to explain (default: program.period)")
	partner := fs.String("partner", "", "the partner `id` (required)")
	deal := fs.String("deal", "", "only this deal `id`")
	allWarnings := fs.Bool("all-warnings", false, "print every warning, however many")
	if !parse(fs, args, stderr) {
		return ExitUsage
	}
	if *partner == "" {
		fmt.Fprintln(stderr, "partnerbook explain: --partner is required")
		return ExitUsage
	}
	out, err := load(ctx, cfg)
	if err != nil && ctx.Err() != nil {
		return interrupted(stderr, false)
	}
	if err != nil {
		return fail(err, stderr, false, *allWarnings)
	}
	r := out.Result
	part := r.Program.Partner(*partner)
	if part == nil {
		ids := make([]string, len(r.Program.Partners))
		for i, x := range r.Program.Partners {
			ids[i] = x.ID
		}
		sort.Strings(ids)
		fmt.Fprintf(stderr, "partnerbook explain: no partner %q in %s; the partner ids are: %s\n", *partner, cfg.ProgramFile, strings.Join(ids, ", "))
		return ExitUsage
	}
	pol, cur := r.Program.Policy, r.Program.Currency
	disp := func(l *commission.Line) string { return pol.Display(l.Amount, cur) }
	fmt.Fprintf(stdout, "%s (%s, %s, %s) — period %s\n", part.Name, part.ID, part.Type, part.Status, r.Period)

	if *deal != "" {
		var d *commission.Deal
		for _, x := range r.Deals {
			if x.ID == *deal {
				d = x
			}
		}
		if d == nil {
			fmt.Fprintf(stderr, "partnerbook explain: no deal %q in %s\n", *deal, r.Program.Deals.Name)
			return ExitUsage
		}
		fmt.Fprintf(stdout, "\ndeal %s %q, client %q, %s (%s), value %s, created %s", d.ID, d.Name, d.Client, d.Status, d.StatusText, pol.Display(d.Value, cur), d.Created)
		if d.Status == domain.Won {
			fmt.Fprintf(stdout, ", won %s", d.Closed)
		}
		fmt.Fprintf(stdout, "\n  from %s\n", d.Pos())
		switch {
		case d.Partner == nil && d.Campaign != nil:
			fmt.Fprintf(stdout, "  a lead of campaign %q owned by us\n", d.Campaign.ID)
		case d.Partner == nil:
			fmt.Fprintln(stdout, "  attributed to no partner")
		case d.Partner.ID != part.ID:
			fmt.Fprintf(stdout, "  attributed to partner %q, not %q\n", d.Partner.ID, part.ID)
		case d.Campaign != nil:
			fmt.Fprintf(stdout, "  a lead of campaign %q given to this partner (%s)\n", d.Campaign.ID, d.Campaign.LeadOwner)
		default:
			fmt.Fprintln(stdout, "  attributed to this partner by its tag or partner column")
		}
		if d.Terms != nil {
			to := "open-ended"
			if !d.Terms.To.IsZero() {
				to = d.Terms.To.String()
			}
			fmt.Fprintf(stdout, "  terms in force on the won date: from %s to %s (%s)\n", d.Terms.From, to, d.Terms.Pos)
		}
		for _, p := range d.Payments {
			fmt.Fprintf(stdout, "  payment %s %s (%s)\n", p.Date, pol.Display(p.Amount, cur), p.Pos())
		}
	}

	// The columns align over the lines; each line's description follows it, indented,
	// outside the columns so a long one does not widen them.
	var table bytes.Buffer
	tw := tabwriter.NewWriter(&table, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(stdout, "\nlines:")
	var descriptions []string
	for _, l := range r.LinesOf(part.ID) {
		if *deal != "" && l.DealID != *deal {
			continue
		}
		state := l.State.String()
		if l.State == commission.Issued {
			state = "issued in " + l.IssuedBy
		} else if l.Opening {
			state = "payable (carried forward)"
		}
		fmt.Fprintf(tw, "  %s\t%s\t%s\t eligible %s\t %s\t\n", l.ID, l.Rule, disp(l), l.Eligible, state)
		_, description := report.Describe(l, pol, cur)
		descriptions = append(descriptions, description)
	}
	tw.Flush()
	n := len(descriptions)
	for i, row := range strings.SplitAfter(table.String(), "\n") {
		if i < n {
			fmt.Fprintf(stdout, "%s      %s\n", strings.TrimRight(row, " \n")+"\n", descriptions[i])
		}
	}
	if n == 0 {
		fmt.Fprintln(stdout, "  none")
	}
	if *deal == "" {
		if p := r.PayoutOf(part.ID); p != nil {
			fmt.Fprintf(stdout, "\npayout %s: opening %s + earned %s + clawbacks %s + charges %s = %s, %s",
				p.ID, pol.Display(p.Opening, cur), pol.Display(p.Earned, cur), pol.Display(p.Clawbacks, cur),
				pol.Display(p.Charges, cur), pol.Display(p.Amount, cur), p.Status)
			if !p.Due.IsZero() {
				fmt.Fprintf(stdout, ", due %s", p.Due)
			}
			fmt.Fprintln(stdout)
		} else {
			fmt.Fprintf(stdout, "\nno payout for %s in %s\n", part.ID, r.Period)
		}
	}
	// The run's warnings, as validate prints them: one may be why a line is what it is
	// (a carried line the inputs no longer give, an issued line that vanished).
	printWarnings(stderr, out.Warnings, *allWarnings, "")
	return ExitOK
}
