package pdf

import (
	"errors"
	"fmt"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/partnerbook/partnerbook/internal/book"
	"github.com/partnerbook/partnerbook/internal/civil"
	"github.com/partnerbook/partnerbook/internal/money"
	"github.com/partnerbook/partnerbook/internal/report"
)

// OwnerReport renders the owner's report of a run (CONTRACT 4.4).
func OwnerReport(rep *report.Report) ([]byte, error) {
	if rep == nil {
		return nil, errors.New("pdf: nil report")
	}
	if rep.AsOf.IsZero() {
		return nil, errors.New("pdf: owner report has no as-of date")
	}
	o := &ownerDoc{rep: rep, names: map[string]string{}}
	for _, p := range rep.Partners {
		if p != nil && p.Name != "" {
			o.names[p.ID] = p.Name
		}
	}
	b, err := o.render()
	if err != nil {
		return nil, fmt.Errorf("pdf: owner report: %w", err)
	}
	return b, nil
}

// chartTop is how many partners the revenue chart names; the rest are
// summed into one bar.
const chartTop = 10

type ownerDoc struct {
	rep   *report.Report
	d     *Document
	names map[string]string
}

func (o *ownerDoc) money(a money.Amount) string { return o.rep.Policy.Display(a, o.rep.Currency) }

// name is a partner's name from its id (the id when unknown).
func (o *ownerDoc) name(id string) string {
	if n, ok := o.names[id]; ok {
		return n
	}
	return id
}

func (o *ownerDoc) render() ([]byte, error) {
	rep := o.rep
	d, err := New(Options{
		RunDate: rep.AsOf.Time(),
		Title:   "Owner report " + rep.Period.String(),
		Author:  rep.Program,
		Subject: "Partner programme report for " + monthName(rep.Period),
	})
	if err != nil {
		return nil, err
	}
	o.d = d
	d.addHead(rep.Program, "Owner report", [][2]labelValue{
		{{"Period", monthName(rep.Period)}, {"Issued", rep.AsOf.String()}},
		{{"Window", o.window()}, {"Quarter", rep.Quarter.Name}},
	})
	o.headline()
	o.charts()
	o.partners()
	o.types()
	o.quarter()
	o.margins()
	o.overdue()
	o.recruitment()
	o.campaigns()
	o.owners()
	o.warnings()
	return d.Bytes()
}

func (o *ownerDoc) window() string {
	if o.rep.From.IsZero() && o.rep.To.IsZero() {
		return ""
	}
	return o.rep.From.String() + " to " + o.rep.To.String()
}

func (o *ownerDoc) headline() {
	rep, t := o.rep, o.rep.Totals
	ret := "— (no partner cost)"
	if t.Return != nil {
		ret = t.Return.Fixed(2)
	}
	n, nOwed := 0, 0
	for _, x := range rep.Overdue {
		if x.OwedToUs {
			nOwed++
		} else {
			n++
		}
	}
	overdue, overdueOwed := o.money(t.Overdue), o.money(t.OverdueOwedToUs)
	if n > 0 {
		overdue += " (" + plural(n, "payout") + ")"
	}
	if nOwed > 0 {
		overdueOwed += " (" + plural(nOwed, "payout") + ")"
	}
	_ = o.d.AddSummary("Headline figures, 12 months to "+rep.To.String(), []Field{
		{Label: "Partner-sourced revenue", Value: o.money(t.PartnerRevenue)},
		{Label: "All revenue", Value: o.money(t.AllRevenue)},
		{Label: "Partner-sourced share of all revenue", Value: o.rep.ShareText()},
		{Label: "Partner cost (lines eligible in the window)", Value: o.money(t.PartnerCost)},
		{Label: "Return: revenue per " + rep.Currency + " 1 paid to partners", Value: ret},
		{Label: "Payouts due this period", Value: o.money(t.Due)},
		{Label: "Carried forward (below the minimum)", Value: o.money(t.Carried)},
		{Label: "Receivables, " + report.OwedToUs, Value: o.money(t.Receivable.Neg())},
		{Label: "Overdue we owe, earlier periods", Value: overdue},
		{Label: "Overdue " + report.OwedToUs + ", earlier periods", Value: overdueOwed},
	})
	o.d.gap = 0
	o.d.Spacer(2.5)
	o.d.addText(o.verdict(), sizeBody+0.5, true, colorInk)
}

// verdict says in words whether partner-sourced revenue calls for a
// dedicated partnerships role.
func (o *ownerDoc) verdict() string {
	rep := o.rep
	if rep.Totals.AllRevenue.Sign() <= 0 {
		return "Dedicated partnerships role: no revenue in the window, so no recommendation."
	}
	share, limit := rep.ShareText(), rep.DedicatedRoleShare.Percent()
	if rep.DedicatedRoleRecommended {
		return fmt.Sprintf("Partner-sourced revenue is %s of all revenue, at or above the %s threshold: a dedicated partnerships role is recommended.", share, limit)
	}
	return fmt.Sprintf("Partner-sourced revenue is %s of all revenue, below the %s threshold: a dedicated partnerships role is not called for yet.", share, limit)
}

func (o *ownerDoc) charts() {
	rep, d := o.rep, o.d
	var bars []Bar
	other, others := money.Zero, 0
	for _, p := range rep.Partners {
		if p == nil || p.Revenue.IsZero() {
			continue
		}
		if len(bars) < chartTop {
			bars = append(bars, Bar{Label: p.Name, Value: p.Revenue.String(), Display: o.money(p.Revenue)})
			continue
		}
		other, others = other.Add(p.Revenue), others+1
	}
	if others > 0 {
		bars = append(bars, Bar{Label: plural(others, "other partner"), Value: other.String(), Display: o.money(other)})
	}
	if len(bars) > 0 {
		_ = d.AddBarChart(BarChart{Title: "Revenue by partner, 12 months", Bars: bars})
	} else {
		_ = d.AddHeading("Revenue by partner, 12 months")
		d.addText("No partner-sourced revenue in the window.", sizeBody, false, colorMuted)
	}

	// The funnel follows one cohort, the leads created in the window, so each stage is
	// a part of the one before.
	var leads, proposals, won int
	for _, p := range rep.Partners {
		if p != nil {
			leads, proposals, won = leads+p.Leads, proposals+p.Proposals, won+p.WonOfLeads
		}
	}
	if leads+proposals+won > 0 {
		_ = d.AddFunnel(Funnel{Title: "Partner funnel, leads created in the 12 months", Stages: []Bar{
			{Label: "Leads", Value: strconv.Itoa(leads), Display: groupInt(leads)},
			{Label: "Reached a proposal", Value: strconv.Itoa(proposals), Display: groupInt(proposals)},
			{Label: "Won", Value: strconv.Itoa(won), Display: groupInt(won)},
		}})
	}

	var months []Bar
	someRevenue := false
	for _, m := range rep.Months {
		if m == nil {
			continue
		}
		someRevenue = someRevenue || !m.PartnerRevenue.IsZero()
		months = append(months, Bar{Label: shortMonth(m.Month), Value: m.PartnerRevenue.String(), Display: o.money(m.PartnerRevenue)})
	}
	if someRevenue {
		_ = d.AddBarChart(BarChart{Title: "Partner-sourced revenue by month", Bars: months})
	}
}

func (o *ownerDoc) partners() {
	t := flexTable{
		Caption: "Partners, 12 months",
		Size:    8.5,
		Columns: []flexCol{
			{Header: "Partner", Weight: 1},
			{Header: "Leads created", Fit: true, Align: AlignRight},
			{Header: "Of these: proposal", Fit: true, Align: AlignRight},
			{Header: "Of these: won", Fit: true, Align: AlignRight},
			{Header: "Won in window", Fit: true, Align: AlignRight},
			{Header: "Revenue", Fit: true, Align: AlignRight},
			{Header: "Payout", Fit: true, Align: AlignRight},
			{Header: "Return", Fit: true, Align: AlignRight},
			{Header: "Review", Fit: true},
		},
		Empty: "No partners.",
	}
	var leads, proposals, wonOf, won int
	wonValue, revenue := money.Zero, money.Zero
	var rows []*report.PartnerRow
	for _, p := range o.rep.Partners {
		if p != nil {
			rows = append(rows, p)
		}
	}
	top, rest := o.rep.Split(rows)
	for _, p := range top {
		who := dash(p.Name)
		var about []string
		for _, s := range []string{p.Type, p.Status} {
			if s != "" {
				about = append(about, s)
			}
		}
		owner := p.Owner
		if owner == "" {
			owner = "no owner"
		}
		about = append(about, owner)
		who += "\n" + strings.Join(about, " · ")
		pay := "—"
		switch {
		case p.PeriodStatus == string(book.StatusReceivable):
			pay = o.money(p.PeriodPayout.Neg()) + "\n" + report.OwedToUs
		case p.PeriodStatus != "":
			pay = o.money(p.PeriodPayout) + "\n" + p.PeriodStatus
		}
		t.Rows = append(t.Rows, flexRow{Cells: []string{who, groupInt(p.Leads), groupInt(p.Proposals), groupInt(p.WonOfLeads),
			o.money(p.WonValue) + "\n" + plural(p.Won, "deal"), o.money(p.Revenue), pay, ratio2(p.Return), dash(p.Review)}})
		leads, proposals, wonOf, won = leads+p.Leads, proposals+p.Proposals, wonOf+p.WonOfLeads, won+p.Won
		wonValue, revenue = wonValue.Add(p.WonValue), revenue.Add(p.Revenue)
	}
	if len(rest) > 0 {
		x := report.Sum(rest)
		// This period's payouts of the summed partners go by status in the row's
		// note: three amounts do not fit the Payout column.
		pay, payCell := []string{}, "—"
		for _, s := range []struct {
			a    money.Amount
			what string
		}{{x.Due, "due"}, {x.Carried, "carried forward"}, {x.Receivable.Neg(), report.OwedToUs}} {
			if !s.a.IsZero() {
				pay = append(pay, o.money(s.a)+" "+s.what)
			}
		}
		if !x.Due.IsZero() {
			payCell = o.money(x.Due) + "\n" + string(book.StatusDue)
		}
		note := "This period's payouts of these partners: none."
		if len(pay) > 0 {
			note = "This period's payouts of these partners: " + strings.Join(pay, ", ") + "."
		}
		t.Rows = append(t.Rows, flexRow{Cells: []string{moreTitle(len(rest), "partner"),
			groupInt(x.Leads), groupInt(x.Proposals), groupInt(x.WonOfLeads), o.money(x.WonValue) + "\n" + plural(x.Won, "deal"),
			o.money(x.Revenue), payCell, ratio2(x.Return), "—"}, Note: note + " Each one is in report.json and payouts.xlsx."})
		leads, proposals, wonOf, won = leads+x.Leads, proposals+x.Proposals, wonOf+x.WonOfLeads, won+x.Won
		wonValue, revenue = wonValue.Add(x.WonValue), revenue.Add(x.Revenue)
	}
	if len(t.Rows) > 0 {
		t.Total = []string{"Total", groupInt(leads), groupInt(proposals), groupInt(wonOf), o.money(wonValue) + "\n" + plural(won, "deal"), o.money(revenue), "", "", ""}
	}
	// Eight columns of figures leave the names a readable width only while the
	// amounts are short; past hundreds of millions a smaller type keeps each
	// amount on one line.
	if utf8.RuneCountInString(o.money(revenue)) > 13 || utf8.RuneCountInString(o.money(wonValue)) > 13 {
		t.Size = 7.5
	}
	o.d.addFlexTable(t)
	note := "Leads created counts the partner's deals created in the window; of these, how many reached a proposal and how many are won. " +
		"Won in window is the value and number of deals won in the window whenever they were created, so it can count more deals than the leads. " +
		"Payout is this period's payout and its status; a receivable shows what the partner owes us. The headline gives the totals by status. " +
		"Review: top (top revenue this quarter), review (active, no proposals this quarter), keep, ended (partnership ended), recruit (a target). " +
		"Return is revenue per " + o.rep.Currency + " 1 of partner cost; — when the partner cost nets to nothing."
	if len(rest) > 0 {
		note += fmt.Sprintf(" The table lists the %s with the most revenue and sums the other %s in one row, so the totals cover every partner; "+
			"the full list is in report.json and payouts.xlsx.", plural(len(top), "partner"), groupInt(len(rest)))
	}
	// The headline's partner-sourced revenue also counts campaign leads we kept, which
	// belong to no partner row: say so, or the two totals look inconsistent.
	sum := money.Zero
	for _, p := range o.rep.Partners {
		sum = sum.Add(p.Revenue)
	}
	if kept := o.rep.Totals.PartnerRevenue.Sub(sum); kept.Sign() != 0 {
		note += " The headline partner-sourced revenue is higher by " + o.money(kept) + ": revenue of campaign leads we kept, which belong to no partner."
	}
	o.d.addText(note, sizeSmall, false, colorMuted)
}

func (o *ownerDoc) types() {
	if len(o.rep.Types) == 0 {
		return
	}
	t := flexTable{
		Caption: "By partner type, 12 months",
		Columns: []flexCol{
			{Header: "Type", Weight: 1},
			{Header: "Partners", Fit: true, Align: AlignRight},
			{Header: "Leads created", Fit: true, Align: AlignRight},
			{Header: "Of these: proposal", Fit: true, Align: AlignRight},
			{Header: "Of these: won", Fit: true, Align: AlignRight},
			{Header: "Won in window", Fit: true, Align: AlignRight},
			{Header: "Revenue", Fit: true, Align: AlignRight},
		},
	}
	// The columns are the partners table's: the funnel of the leads created in the
	// window, then the deals won in the window whenever they were created.
	for _, x := range o.rep.Types {
		if x == nil {
			continue
		}
		t.Rows = append(t.Rows, flexRow{Cells: []string{dash(x.Type), groupInt(x.Partners), groupInt(x.Leads), groupInt(x.Proposals),
			groupInt(x.WonOfLeads), o.money(x.WonValue) + "\n" + plural(x.Won, "deal"), o.money(x.Revenue)}})
	}
	o.d.addFlexTable(t)
}

func (o *ownerDoc) quarter() {
	rep, q := o.rep, o.rep.Quarter
	rows := map[string]*report.PartnerRow{}
	for _, p := range rep.Partners {
		if p != nil {
			rows[p.ID] = p
		}
	}
	span := ""
	if !q.From.IsZero() {
		span = fmt.Sprintf(" (%s to %s)", q.From, q.To)
	}
	top := flexTable{
		Caption: "Quarterly review " + q.Name + ": top partners by revenue this quarter",
		Columns: []flexCol{
			{Header: "#", Fit: true, Align: AlignRight},
			{Header: "Partner", Weight: 1.4},
			{Header: "Owner", Weight: 1},
			{Header: "Proposals", Fit: true, Align: AlignRight},
			{Header: "Revenue", Fit: true, Align: AlignRight},
		},
		Empty: "None: no partner revenue this quarter" + span + ".",
	}
	for i, id := range q.Top {
		p := rows[id]
		if p == nil {
			top.Rows = append(top.Rows, flexRow{Cells: []string{strconv.Itoa(i + 1), o.name(id), "—", "—", "—"}})
			continue
		}
		top.Rows = append(top.Rows, flexRow{Cells: []string{strconv.Itoa(i + 1), dash(p.Name), dash(p.Owner), groupInt(p.QuarterProposals), o.money(p.QuarterRevenue)}})
	}
	o.d.addFlexTable(top)

	rev := flexTable{
		Caption: "Quarterly review " + q.Name + ": review or end",
		Columns: []flexCol{
			{Header: "Partner", Weight: 1.2},
			{Header: "Type", Fit: true},
			{Header: "Owner", Weight: 0.9},
			{Header: "Reason", Weight: 1.6},
		},
		Empty: "None: every active partner sent a proposal this quarter" + span + ".",
	}
	// Past Top() partners to review, the list keeps those with the most revenue in
	// the window, largest first: they are the partnerships most worth a call.
	ids := q.ToReview
	more := 0
	if n := rep.Top(); len(ids) > n {
		ids = append([]string(nil), ids...)
		rev12 := func(id string) money.Amount {
			if p := rows[id]; p != nil {
				return p.Revenue
			}
			return money.Zero
		}
		sort.SliceStable(ids, func(i, j int) bool {
			if c := rev12(ids[i]).Cmp(rev12(ids[j])); c != 0 {
				return c > 0
			}
			return ids[i] < ids[j]
		})
		ids, more = ids[:n], len(ids)-n
	}
	for _, id := range ids {
		p := rows[id]
		if p == nil {
			rev.Rows = append(rev.Rows, flexRow{Cells: []string{o.name(id), "—", "—", "—"}})
			continue
		}
		rev.Rows = append(rev.Rows, flexRow{Cells: []string{dash(p.Name), dash(p.Type), dash(p.Owner), dash(p.ReviewReason)}})
	}
	if more > 0 {
		rev.Rows = append(rev.Rows, flexRow{Cells: []string{moreTitle(more, "partner") + " to review", "", "",
			fmt.Sprintf("%s to review in all; above are the %d with the most revenue in the window. report.json lists every one.",
				groupInt(len(q.ToReview)), len(ids))}})
	}
	o.d.addFlexTable(rev)
}

func (o *ownerDoc) margins() {
	rep := o.rep
	t := flexTable{
		Caption: "Margin exceptions: partner cost above " + rep.MarginCap.Percent() + " of first-year value",
		Columns: []flexCol{
			{Header: "Partner", Weight: 1},
			{Header: "Deal", Fit: true},
			{Header: "Client", Weight: 1},
			{Header: "Won on", Fit: true},
			{Header: "Partner cost", Fit: true, Align: AlignRight},
			{Header: "First-year value", Fit: true, Align: AlignRight},
			{Header: "Ratio", Fit: true, Align: AlignRight},
		},
		Empty: "None.",
	}
	for _, m := range rep.MarginExceptions {
		if m == nil {
			continue
		}
		t.Rows = append(t.Rows, flexRow{Cells: []string{o.name(m.Partner), dash(m.Deal), dash(m.Client), dateOrDash(m.Won),
			o.money(m.Cost), o.money(m.FirstYear), percent1(m.Ratio) + "\ncap " + rep.MarginCap.Percent()}})
	}
	o.d.addFlexTable(t)
}

func (o *ownerDoc) overdue() {
	t := flexTable{
		Caption: "Overdue payouts as of " + o.rep.AsOf.String(),
		Columns: []flexCol{
			{Header: "Payout", Weight: 1},
			{Header: "Partner", Weight: 1},
			{Header: "Due date", Fit: true},
			{Header: "Days late", Fit: true, Align: AlignRight},
			{Header: "Owed by", Fit: true},
			{Header: "Amount", Fit: true, Align: AlignRight},
		},
		Empty: "None.",
	}
	// Amounts are positive; Owed by says who is late. The two directions are not netted.
	for _, x := range o.rep.Overdue {
		if x == nil {
			continue
		}
		by := "us"
		if x.OwedToUs {
			by = "the partner"
		}
		t.Rows = append(t.Rows, flexRow{Cells: []string{dash(x.Payout), o.name(x.Partner), dateOrDash(x.Due), groupInt(x.DaysLate), by, o.money(x.Amount)}})
	}
	o.d.addFlexTable(t)
}

func (o *ownerDoc) recruitment() {
	counts := func(caption, label, value string, cs []report.Count) {
		t := flexTable{
			Caption: caption,
			Columns: []flexCol{{Header: label, Fit: true}, {Header: value, Fit: true, Align: AlignRight}},
		}
		n := 0
		for _, c := range cs {
			t.Rows = append(t.Rows, flexRow{Cells: []string{dash(c.Label), groupInt(c.N)}})
			n += c.N
		}
		if len(t.Rows) > 0 {
			t.Total = []string{"Total", groupInt(n)}
		}
		o.d.addFlexTable(t)
	}
	counts("Recruitment: partners by status", "Status", "Partners", o.rep.Recruitment.ByStatus)
	counts("Recruitment: targets by type", "Type", "Targets", o.rep.Recruitment.TargetsByType)
}

func (o *ownerDoc) campaigns() {
	t := flexTable{
		Caption: "Campaign results",
		Columns: []flexCol{
			{Header: "Campaign", Weight: 1},
			{Header: "Cost", Fit: true, Align: AlignRight},
			{Header: "Leads", Fit: true, Align: AlignRight},
			{Header: "Ours", Fit: true, Align: AlignRight},
			{Header: "Partners'", Fit: true, Align: AlignRight},
			{Header: "Won", Fit: true, Align: AlignRight},
			{Header: "Revenue", Fit: true, Align: AlignRight},
		},
		Empty: "None.",
	}
	for _, c := range o.rep.Campaigns {
		if c == nil {
			continue
		}
		name := dash(c.Name)
		var about []string
		if c.ID != "" && c.ID != c.Name {
			about = append(about, c.ID)
		}
		if !c.Date.IsZero() {
			about = append(about, c.Date.String())
		}
		if len(about) > 0 {
			name += "\n" + strings.Join(about, " · ")
		}
		var by []string
		for _, p := range c.LeadsByParty {
			who := p.Label
			if who != report.Us {
				who = o.name(who)
			}
			by = append(by, fmt.Sprintf("%s %d", who, p.N))
		}
		note := ""
		if len(by) > 0 {
			note = "Leads by party: " + strings.Join(by, " · ")
		}
		t.Rows = append(t.Rows, flexRow{Cells: []string{name, o.money(c.Cost), groupInt(c.Leads), groupInt(c.LeadsUs), groupInt(c.Leads - c.LeadsUs),
			groupInt(c.Won), o.money(c.Revenue)}, Note: note})
	}
	o.d.addFlexTable(t)
	if len(t.Rows) > 0 {
		o.d.addText("Revenue counts every payment of a campaign's leads to date; ours are the leads we kept.", sizeSmall, false, colorMuted)
	}
}

func (o *ownerDoc) owners() {
	t := flexTable{
		Caption: "Partner owners",
		Columns: []flexCol{
			{Header: "Owner", Weight: 0.5},
			{Header: "Count", Fit: true, Align: AlignRight},
			{Header: "Partners", Weight: 1.5, Whole: true},
		},
		Empty: "None.",
	}
	for _, x := range o.rep.Owners {
		if x == nil {
			continue
		}
		names := make([]string, len(x.Partners))
		for i, id := range x.Partners {
			names[i] = o.name(id)
		}
		t.Rows = append(t.Rows, flexRow{Cells: []string{dash(x.Owner), groupInt(len(names)), dash(strings.Join(names, ", "))}})
	}
	o.d.addFlexTable(t)
}

// maxWarningRunes bounds one table row of a warning; longer warnings go on
// over several rows so that none is taller than a page.
const maxWarningRunes = 1500

func (o *ownerDoc) warnings() {
	t := flexTable{
		Caption: fmt.Sprintf("Warnings of this run (%d)", len(o.rep.Warnings)),
		Size:    8,
		Columns: []flexCol{
			{Header: "#", Fit: true, Align: AlignRight},
			{Header: "Warning", Weight: 1, Whole: true},
		},
		Empty: "None: the run produced no warnings.",
	}
	listed, more := o.rep.ListedWarnings()
	for i, w := range listed {
		for k, part := range chunkText(w, maxWarningRunes) {
			n := ""
			if k == 0 {
				n = strconv.Itoa(i + 1)
			}
			t.Rows = append(t.Rows, flexRow{Cells: []string{n, part}})
		}
	}
	if more > 0 {
		t.Rows = append(t.Rows, flexRow{Cells: []string{"", fmt.Sprintf("%s more warnings: report.json lists them all.", groupInt(more))}})
	}
	o.d.addFlexTable(t)
}

// chunkText splits s into pieces of at most n runes, at spaces when it can.
func chunkText(s string, n int) []string {
	var out []string
	for utf8.RuneCountInString(s) > n {
		cut, count := len(s), 0
		for i := range s {
			if count == n {
				cut = i
				break
			}
			count++
		}
		if sp := strings.LastIndexByte(s[:cut], ' '); sp > cut/2 {
			cut = sp
		}
		out = append(out, strings.TrimSpace(s[:cut]))
		s = strings.TrimSpace(s[cut:])
	}
	return append(out, s)
}

// moreTitle is "1 more partner", "9,950 more partners".
func moreTitle(n int, noun string) string {
	if n == 1 {
		return "1 more " + noun
	}
	return groupInt(n) + " more " + noun + "s"
}

// ratio2 is a ratio with two decimals, — when there is none.
func ratio2(r *money.Rate) string {
	if r == nil {
		return "—"
	}
	return r.Fixed(2)
}

// percent1 shows a ratio as a percentage with at most one decimal, as every
// output does: 0.41266 -> "41.3%", 0.3 -> "30%".
func percent1(r money.Rate) string { return r.PercentRounded(1) }

// groupInt is n with thousands separators.
func groupInt(n int) string { return money.Policy{}.Number(money.FromInt(int64(n))) }

// shortMonth is "Oct 2026".
func shortMonth(m civil.Month) string {
	return fmt.Sprintf("%s %d", m.Month().String()[:3], m.Year())
}
