package html

import (
	"errors"
	"fmt"
	"io"
	"math"
	"sort"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/go-echarts/go-echarts/v2/charts"
	"github.com/go-echarts/go-echarts/v2/opts"

	"github.com/partnerbook/partnerbook/internal/book"
	"github.com/partnerbook/partnerbook/internal/money"
	"github.com/partnerbook/partnerbook/internal/report"
)

// Chart IDs of the dashboard, in page order. They are fixed so that the same
// report always gives the same page, and so that scripts and tests can find a
// chart. A chart whose data is empty is left out (its section says why).
const (
	chartRevenueByMonth   = "revenue-by-month"   // partner-sourced vs all revenue per month of the window
	chartRevenueByPartner = "revenue-by-partner" // partner-sourced revenue per partner in the window
	chartPartnerShare     = "partner-share"      // partner-sourced share of all revenue against dedicated_role_share
	chartFunnelByPartner  = "funnel-by-partner"  // leads, proposals, won per partner
	chartFunnelByType     = "funnel-by-type"     // leads, proposals, won per partner type
	chartPayoutsByPartner = "payouts-by-partner" // this period's payout, paid in the window, overdue per partner
	chartMarginByPartner  = "margin-by-partner"  // partner cost / first-year value per partner against margin_cap
	chartCampaigns        = "campaign-results"   // campaign cost and revenue (left axis) vs leads (right axis)
)

// dashboardChartIDs lists every chart the dashboard can contain, in page order.
var dashboardChartIDs = []string{
	chartRevenueByMonth, chartRevenueByPartner, chartPartnerShare,
	chartFunnelByPartner, chartFunnelByType,
	chartPayoutsByPartner, chartMarginByPartner, chartCampaigns,
}

// Colours, shared by charts that show the same quantity.
const (
	colPartner   = "#5470c6"
	colAll       = "#59636e"
	colLeads     = "#73c0de"
	colProposals = "#5470c6"
	colWon       = "#3ba272"
	colPaid      = "#91cc75"
	colOverdue   = "#ee6666"
	colPaidUs    = "#3ba272" // paid by the partner to us
	colOwedUs    = "#9a60b4" // overdue, owed to us
	colCost      = "#fc8452"
	colBelow     = "#d8dee4"
	colAbove     = "#91cc75"
	colCapLine   = "#b42318"
	colInk       = "#1f2328"
	colMuted     = "#59636e"
)

// Layout of the horizontal per-partner bar charts.
const (
	labelWidth    = 150 // px of a partner name on an axis before it is cut with "…"
	minChartH     = 300
	rowPx1        = 30 // height per partner with one bar
	rowPx3        = 54 // height per partner with three bars
	maxRows1      = 20 // partners shown at once before a scroll slider appears
	maxRows3      = 12
	chartChromePx = 70 // legend, axis and padding around the bars
)

// Dashboard writes dashboard.html (CONTRACT 4.1) for rep: partner-sourced
// revenue by partner and by month, the funnel by partner and by type, payouts,
// the partner-sourced share against the dedicated-role threshold, margin
// against the cap and campaign results, with the headline figures, overdue
// payouts, margin exceptions and the run's warnings as tables.
//
// script is the echarts source to inline; nil means the copy embedded at build
// time (see Render and ErrEchartsScriptMissing). Nothing is written on error.
// The output depends only on rep and script, byte for byte.
func Dashboard(w io.Writer, rep *report.Report, script []byte) error {
	if rep == nil {
		return errors.New("html: dashboard: no report")
	}
	return Render(w, dashboardPage(rep, script))
}

type dash struct {
	rep   *report.Report
	names map[string]string // partner id -> label shown on charts and tables
}

func dashboardPage(rep *report.Report, script []byte) Page {
	d := &dash{rep: rep, names: partnerLabels(rep.Partners)}
	title := "Partner dashboard"
	if p := strings.TrimSpace(rep.Program); p != "" {
		title = p + " partner dashboard"
	}
	return Page{
		Title: title,
		Subtitle: fmt.Sprintf("Period %s · as of %s · window %s – %s · amounts in %s",
			rep.Period, rep.AsOf, rep.From, rep.To, rep.Currency),
		Script: script,
		Sections: []Section{
			d.summary(), d.revenue(), d.funnel(), d.payouts(), d.margin(), d.campaigns(), d.warnings(),
		},
	}
}

// partnerLabels names partners on the page: their name, the id when the name is
// blank, and "name (id)" when two partners share a name, so that no two bars
// on an axis carry the same label.
func partnerLabels(rows []*report.PartnerRow) map[string]string {
	count := map[string]int{}
	for _, p := range rows {
		count[baseLabel(p)]++
	}
	out := make(map[string]string, len(rows))
	for _, p := range rows {
		l := baseLabel(p)
		if count[l] > 1 && l != p.ID {
			l += " (" + p.ID + ")"
		}
		out[p.ID] = l
	}
	return out
}

func baseLabel(p *report.PartnerRow) string {
	if n := strings.TrimSpace(p.Name); n != "" {
		return n
	}
	return p.ID
}

// partner is the label of a partner id; ids the report does not list are shown as they are.
func (d *dash) partner(id string) string {
	if l, ok := d.names[id]; ok {
		return l
	}
	return id
}

// othersID stands for the summed partners on a chart's axis; no partner id is empty.
const othersID = ""

// others cuts rows, in the order a chart or table shows them, to the report's
// top partners and, when some are left, appends one row that sums the rest,
// labelled "Others (N partners)". A chart of 10,000 bars is neither readable nor
// quick to open; the summed row keeps its totals right. rest is how many were summed.
func (d *dash) others(rows []*report.PartnerRow) (out []*report.PartnerRow, sum *report.Others, rest int) {
	top, more := d.rep.Split(rows)
	if len(more) == 0 {
		return rows, nil, 0
	}
	sum = report.Sum(more)
	sum.ID = othersID
	d.names[othersID] = fmt.Sprintf("Others (%s partners)", groupInt(len(more)))
	return append(append([]*report.PartnerRow(nil), top...), &sum.PartnerRow), sum, len(more)
}

// cutNote says what a chart or table of partners left out, "" when nothing.
func (d *dash) cutNote(what string, shown, rest int) string {
	if rest == 0 {
		return ""
	}
	return fmt.Sprintf("%s shows the %d partners %s and sums the other %s in one \"Others\" row, so the totals are right; "+
		"every partner is in report.json and payouts.xlsx.", what, shown, d.rankedBy(what), groupInt(rest))
}

func (d *dash) rankedBy(what string) string {
	if strings.HasPrefix(what, "The margin chart") {
		return "with the highest ratio"
	}
	return "with the most revenue"
}

// groupInt is n with thousands separators.
func groupInt(n int) string { return money.Policy{}.Number(money.FromInt(int64(n))) }

func (d *dash) money(a money.Amount) string { return d.rep.Policy.Display(a, d.rep.Currency) }

// value is an amount as a chart value, rounded to the currency's places so
// that tooltips show cents, not float noise.
func (d *dash) value(a money.Amount) float64 { return d.rep.Policy.Round(a).Float64() }

// percent renders a rate as "34.6%" ("30%" when whole), as every output does.
func percent(r money.Rate) string { return r.PercentRounded(1) }

// percentValue is a rate in percent with one decimal, for chart values.
func percentValue(r money.Rate) float64 {
	f, _ := strconv.ParseFloat(r.Scale(100, 1).Fixed(1), 64)
	return f
}

func ratioText(r *money.Rate) string {
	if r == nil {
		return "n/a"
	}
	return r.Fixed(2) + "×"
}

func joinNotes(notes ...string) string {
	var out []string
	for _, n := range notes {
		if n != "" {
			out = append(out, n)
		}
	}
	return strings.Join(out, " ")
}

// ---- sections

func (d *dash) summary() Section {
	t := d.rep.Totals
	return Section{
		Title: "Summary",
		Note: fmt.Sprintf("Payouts of period %s by status; revenue, partner cost and return over the 12-month window. "+
			"Return is partner-sourced revenue per unit of partner cost.", d.rep.Period),
		Tables: []Table{{
			Title: "Headline figures",
			Columns: []Column{
				{Name: "Due", Numeric: true}, {Name: "Carried", Numeric: true}, {Name: "Receivable, " + report.OwedToUs, Numeric: true},
				{Name: "Overdue, we owe", Numeric: true}, {Name: "Overdue, " + report.OwedToUs, Numeric: true},
				{Name: "Partner-sourced revenue", Numeric: true},
				{Name: "All revenue", Numeric: true}, {Name: "Partner share", Numeric: true}, {Name: "Return", Numeric: true},
			},
			Rows: [][]string{{
				d.money(t.Due), d.money(t.Carried), d.money(t.Receivable.Neg()), d.money(t.Overdue), d.money(t.OverdueOwedToUs),
				d.money(t.PartnerRevenue), d.money(t.AllRevenue), d.rep.ShareText(), ratioText(t.Return),
			}},
		}},
	}
}

func (d *dash) roleSentence() string {
	rep := d.rep
	thr := percent(rep.DedicatedRoleShare)
	switch {
	case rep.Totals.AllRevenue.Sign() <= 0:
		return fmt.Sprintf("There was no revenue in the window, so the partner-sourced share cannot be judged against the %s threshold: "+
			"a dedicated partnerships role is not recommended yet.", thr)
	case rep.DedicatedRoleRecommended:
		return fmt.Sprintf("Partner-sourced revenue is %s of all revenue, at or above the %s threshold: "+
			"a dedicated partnerships role is recommended.", rep.ShareText(), thr)
	default:
		return fmt.Sprintf("Partner-sourced revenue is %s of all revenue, below the %s threshold: "+
			"a dedicated partnerships role is not recommended yet.", rep.ShareText(), thr)
	}
}

func (d *dash) revenue() Section {
	s := Section{Title: "Revenue"}
	var notes []string
	notes = append(notes, fmt.Sprintf("Payments received from %s to %s. Partner-sourced revenue comes from deals a partner "+
		"referred or sold, or from leads of a joint campaign.", d.rep.From, d.rep.To))
	notes = append(notes, d.roleSentence())
	if len(d.rep.Months) > 0 {
		s.Charts = append(s.Charts, Chart{ID: chartRevenueByMonth, Title: "Revenue by month (" + d.rep.Currency + ")",
			Wide: true, Height: 320, Options: d.revenueByMonth()})
	}
	var rows []*report.PartnerRow
	for _, p := range d.rep.Partners {
		if !p.Revenue.IsZero() {
			rows = append(rows, p)
		}
	}
	h := minChartH
	if len(rows) == 0 {
		notes = append(notes, "No partner has partner-sourced revenue in the window.")
	} else {
		shown, _, rest := d.others(rows)
		notes = append(notes, d.cutNote("The chart by partner", d.rep.Top(), rest))
		var bar hbar
		bar, h = d.revenueByPartner(shown)
		s.Charts = append(s.Charts, Chart{ID: chartRevenueByPartner,
			Title: "Partner-sourced revenue by partner (" + d.rep.Currency + ")", Height: h, Options: bar})
	}
	s.Charts = append(s.Charts, Chart{ID: chartPartnerShare,
		Title:  "Partner-sourced share of all revenue (role threshold " + percent(d.rep.DedicatedRoleShare) + ")",
		Height: h, Options: d.shareGauge()})
	s.Note = joinNotes(notes...)
	return s
}

func (d *dash) funnel() Section {
	s := Section{Title: "Funnel"}
	var notes []string
	notes = append(notes, fmt.Sprintf("Leads created in the window (%s – %s), how many of them reached a proposal and how many of them are won, "+
		"as in the owner report's funnel; the owner report also counts the deals won in the window whenever they were created.",
		d.rep.From, d.rep.To))
	var rows []*report.PartnerRow
	for _, p := range d.rep.Partners {
		if p.Leads != 0 || p.Proposals != 0 || p.WonOfLeads != 0 {
			rows = append(rows, p)
		}
	}
	if idle := len(d.rep.Partners) - len(rows); idle == 1 {
		notes = append(notes, "1 partner with no leads in the window is not shown.")
	} else if idle > 1 {
		notes = append(notes, fmt.Sprintf("%d partners with no leads in the window are not shown.", idle))
	}
	h := minChartH
	if len(rows) > 0 {
		shown, _, rest := d.others(rows)
		notes = append(notes, d.cutNote("The chart by partner", d.rep.Top(), rest))
		var bar hbar
		bar, h = d.funnelByPartner(shown)
		s.Charts = append(s.Charts, Chart{ID: chartFunnelByPartner, Title: "Leads → proposals → won, by partner", Height: h, Options: bar})
	}
	if bar := d.funnelByType(); bar != nil {
		s.Charts = append(s.Charts, Chart{ID: chartFunnelByType, Title: "Leads → proposals → won, by partner type", Height: h, Options: bar})
	}
	if len(s.Charts) == 0 {
		notes = append(notes, "No partner had leads in the window.")
	}
	s.Note = joinNotes(notes...)
	return s
}

func (d *dash) payouts() Section {
	rep := d.rep
	s := Section{Title: "Payouts"}
	notes := []string{fmt.Sprintf("This period's payout is the amount of each partner's payout row for %s "+
		"(the chart shows it negative when the partner owes us; the table shows what is "+report.OwedToUs+" as a positive amount); "+
		"paid is what the ledger shows paid in the window, by us to the partner or, for receivables, by the partner to us, each positive in the table and never netted; "+
		"overdue is unpaid past its due date, by us or, for receivables, by the partner.", rep.Period)}
	var rows []*report.PartnerRow
	for _, p := range rep.Partners {
		if !p.PeriodPayout.IsZero() || !p.Paid.IsZero() || !p.PaidOwedToUs.IsZero() || !p.Overdue.IsZero() || !p.OverdueOwedToUs.IsZero() || p.PeriodStatus != "" {
			rows = append(rows, p)
		}
	}
	if len(rows) == 0 {
		notes = append(notes, "No partner has a payout this period, a payment in the window or an overdue payout.")
	} else {
		shown, sum, rest := d.others(rows)
		notes = append(notes, d.cutNote("The chart and the table by partner", d.rep.Top(), rest))
		bar, h := d.payoutsByPartner(shown)
		s.Charts = append(s.Charts, Chart{ID: chartPayoutsByPartner, Title: "Payouts by partner (" + rep.Currency + ")",
			Wide: true, Height: h, Options: bar})
		t := Table{Title: "Payouts by partner", Columns: []Column{{Name: "Partner"}, {Name: "Status this period"},
			{Name: "This period", Numeric: true}, {Name: "Paid in window, by us", Numeric: true},
			{Name: "Paid in window, by the partner", Numeric: true}, {Name: "Overdue, we owe", Numeric: true},
			{Name: "Overdue, " + report.OwedToUs, Numeric: true}}}
		for _, p := range shown {
			status, amount := p.PeriodStatus, p.PeriodPayout
			switch {
			case p.ID == othersID && sum != nil:
				// The summed row's amount is net: receivables count negative.
				status = fmt.Sprintf("%s due, %s carried forward, %s %s; net", d.money(sum.Due), d.money(sum.Carried), d.money(sum.Receivable.Neg()), report.OwedToUs)
			case status == "":
				status = "no payout"
			case status == string(book.StatusReceivable):
				status, amount = "Receivable, "+report.OwedToUs, amount.Neg()
			}
			t.Rows = append(t.Rows, []string{d.partner(p.ID), status, d.money(amount), d.money(p.Paid), d.money(p.PaidOwedToUs),
				d.money(p.Overdue), d.money(p.OverdueOwedToUs)})
		}
		s.Tables = append(s.Tables, t)
	}
	if len(rep.Overdue) == 0 {
		notes = append(notes, "No payout is overdue.")
	} else {
		t := Table{Title: fmt.Sprintf("Overdue payouts (%d: we owe %s, %s %s)", len(rep.Overdue), d.money(rep.Totals.Overdue),
			report.OwedToUs, d.money(rep.Totals.OverdueOwedToUs)),
			Columns: []Column{{Name: "Payout"}, {Name: "Partner"}, {Name: "Owed by"}, {Name: "Amount", Numeric: true},
				{Name: "Due"}, {Name: "Days late", Numeric: true}}}
		for _, o := range rep.Overdue {
			by := "us"
			if o.OwedToUs {
				by = "the partner"
			}
			t.Rows = append(t.Rows, []string{o.Payout, d.partner(o.Partner), by, d.money(o.Amount), o.Due.String(), strconv.Itoa(o.DaysLate)})
		}
		s.Tables = append(s.Tables, t)
	}
	s.Note = joinNotes(notes...)
	return s
}

func (d *dash) margin() Section {
	rep := d.rep
	s := Section{Title: "Margin"}
	notes := []string{fmt.Sprintf("Partner cost as a share of the first-year value of the deals a partner won in the window, "+
		"against the margin cap of %s.", percent(rep.MarginCap))}
	var rows []*report.PartnerRow
	for _, p := range rep.Partners {
		if p.MarginRatio != nil {
			rows = append(rows, p)
		}
	}
	if len(rows) == 0 {
		notes = append(notes, "No partner won a deal with a first-year value in the window.")
	} else {
		rows = append([]*report.PartnerRow(nil), rows...)
		sort.SliceStable(rows, func(i, j int) bool {
			if c := rows[i].MarginRatio.Cmp(*rows[j].MarginRatio); c != 0 {
				return c > 0
			}
			return rows[i].ID < rows[j].ID
		})
		shown, _, rest := d.others(rows) // every row has a first-year value, so the others' sum has one too
		notes = append(notes, d.cutNote("The margin chart", d.rep.Top(), rest))
		bar, h := d.marginByPartner(shown)
		s.Charts = append(s.Charts, Chart{ID: chartMarginByPartner,
			Title: "Margin by partner: partner cost / first-year value (cap " + percent(rep.MarginCap) + ")",
			Wide:  true, Height: h, Options: bar})
	}
	if len(rep.MarginExceptions) == 0 {
		notes = append(notes, "No deal exceeds the cap.")
	} else {
		t := Table{Title: fmt.Sprintf("Margin exceptions: deals above the %s cap (%d)", percent(rep.MarginCap), len(rep.MarginExceptions)),
			Columns: []Column{{Name: "Partner"}, {Name: "Deal"}, {Name: "Client"}, {Name: "Won"},
				{Name: "Partner cost", Numeric: true}, {Name: "First-year value", Numeric: true}, {Name: "Ratio", Numeric: true}}}
		for _, m := range rep.MarginExceptions {
			t.Rows = append(t.Rows, []string{d.partner(m.Partner), m.Deal, m.Client, m.Won.String(),
				d.money(m.Cost), d.money(m.FirstYear), percent(m.Ratio)})
		}
		s.Tables = append(s.Tables, t)
	}
	s.Note = joinNotes(notes...)
	return s
}

func (d *dash) campaigns() Section {
	rep := d.rep
	s := Section{Title: "Campaigns"}
	if len(rep.Campaigns) == 0 {
		s.Note = "The program has no campaigns."
		return s
	}
	s.Note = "Each campaign's cost, the leads it brought (ours and partners'), the deals won from them and their revenue to date."
	s.Charts = append(s.Charts, Chart{ID: chartCampaigns, Title: "Campaign cost vs leads and revenue",
		Wide: true, Height: 340, Options: d.campaignChart()})
	t := Table{Title: "Campaign results", Columns: []Column{{Name: "Campaign"}, {Name: "Date"}, {Name: "Cost", Numeric: true},
		{Name: "Leads", Numeric: true}, {Name: "Our leads", Numeric: true}, {Name: "Won", Numeric: true},
		{Name: "Revenue", Numeric: true}}}
	for _, c := range rep.Campaigns {
		t.Rows = append(t.Rows, []string{campaignLabel(c), c.Date.String(), d.money(c.Cost), strconv.Itoa(c.Leads),
			strconv.Itoa(c.LeadsUs), strconv.Itoa(c.Won), d.money(c.Revenue)})
	}
	s.Tables = append(s.Tables, t)
	return s
}

func campaignLabel(c *report.CampaignRow) string {
	if n := strings.TrimSpace(c.Name); n != "" {
		return n
	}
	return c.ID
}

func (d *dash) warnings() Section {
	s := Section{Title: "Warnings"}
	if len(d.rep.Warnings) == 0 {
		s.Note = "The run raised no warnings."
		return s
	}
	s.Note = "Everything the run flagged in its inputs or results. Check these before relying on the figures above."
	t := Table{Title: fmt.Sprintf("Warnings of the run (%d)", len(d.rep.Warnings)), Columns: []Column{{Name: "Warning"}}}
	listed, more := d.rep.ListedWarnings()
	for _, w := range listed {
		t.Rows = append(t.Rows, []string{w})
	}
	if more > 0 {
		t.Rows = append(t.Rows, []string{fmt.Sprintf("%d more warnings: report.json lists them all.", more)})
	}
	s.Tables = append(s.Tables, t)
	return s
}

// ---- charts

func showLegend() charts.GlobalOpts {
	return charts.WithLegendOpts(opts.Legend{Show: opts.Bool(true), Type: "scroll", Top: "0", Left: "center"})
}

func hideLegend() charts.GlobalOpts {
	return charts.WithLegendOpts(opts.Legend{Show: opts.Bool(false)})
}

func axisTooltip() charts.GlobalOpts {
	return charts.WithTooltipOpts(opts.Tooltip{Show: opts.Bool(true), Trigger: "axis",
		AxisPointer: &opts.AxisPointer{Type: "shadow"}})
}

func color(c string) charts.SeriesOpts {
	return charts.WithItemStyleOpts(opts.ItemStyle{Color: c})
}

func barMaxWidth(px string) charts.SeriesOpts {
	return func(s *charts.SingleSeries) { s.BarMaxWidth = px }
}

// partnerAxisLabel keeps long partner names from eating the plot: they are cut
// to labelWidth pixels with an ellipsis (tooltips show them in full).
func partnerAxisLabel() *opts.AxisLabel {
	return &opts.AxisLabel{Show: opts.Bool(true), Interval: "0", Width: labelWidth, Overflow: "truncate", Ellipsis: "…"}
}

// hbar is a horizontal bar chart with one row per partner, top to bottom in
// the given order. perRow and maxRows size it; past maxRows partners a
// slider scrolls through them instead of the chart growing without bound.
type hbar struct {
	*charts.Bar
	zoomEnd float64 // percent of the rows shown at first; 0 means all fit
}

// JSON adds the vertical scroll slider, which go-echarts cannot configure
// fully (width, no detail labels that would repeat partner names).
func (h hbar) JSON() map[string]any {
	m := h.Bar.JSON()
	if h.zoomEnd > 0 {
		m["dataZoom"] = []any{map[string]any{
			"type": "slider", "yAxisIndex": 0, "orient": "vertical", "right": 4, "width": 14,
			"start": 0, "end": h.zoomEnd, "showDetail": false, "brushSelect": false, "filterMode": "filter",
		}}
	}
	return m
}

func newHBar(labels []string, perRow, maxRows int, legend bool, valueAxis opts.XAxis) (hbar, int) {
	n := len(labels)
	shown := min(n, maxRows)
	top, right := "12", "24"
	legendOpt := hideLegend()
	if legend {
		top, legendOpt = "36", showLegend()
	}
	out := hbar{Bar: charts.NewBar()}
	if n > maxRows {
		right = "40"
		out.zoomEnd = math.Round(float64(maxRows)/float64(n)*10000) / 100
	}
	if valueAxis.AxisLabel == nil {
		valueAxis.AxisLabel = &opts.AxisLabel{Show: opts.Bool(true), HideOverlap: opts.Bool(true)}
	}
	valueAxis.Type = "value"
	out.SetGlobalOptions(
		axisTooltip(), legendOpt,
		charts.WithGridOpts(opts.Grid{Left: "8", Right: right, Top: top, Bottom: "8", ContainLabel: opts.Bool(true)}),
		charts.WithXAxisOpts(valueAxis),
		charts.WithYAxisOpts(opts.YAxis{Type: "category", Inverse: opts.Bool(true), AxisLabel: partnerAxisLabel()}),
	)
	out.SetXAxis(labels).XYReversal()
	h := max(minChartH, chartChromePx+perRow*shown)
	if legend {
		h += 24
	}
	return out, h
}

func (d *dash) labels(rows []*report.PartnerRow) []string {
	out := make([]string, len(rows))
	for i, p := range rows {
		out[i] = d.partner(p.ID)
	}
	return out
}

func (d *dash) revenueByMonth() *charts.Bar {
	months := make([]string, len(d.rep.Months))
	partner := make([]opts.BarData, len(d.rep.Months))
	all := make([]opts.LineData, len(d.rep.Months))
	for i, m := range d.rep.Months {
		months[i] = m.Month.String()
		partner[i] = opts.BarData{Value: d.value(m.PartnerRevenue)}
		all[i] = opts.LineData{Value: d.value(m.AllRevenue)}
	}
	bar := charts.NewBar()
	bar.SetGlobalOptions(
		axisTooltip(), showLegend(),
		charts.WithGridOpts(opts.Grid{Left: "8", Right: "16", Top: "40", Bottom: "8", ContainLabel: opts.Bool(true)}),
		// echarts skips month labels by itself when the card is too narrow for all twelve.
		charts.WithXAxisOpts(opts.XAxis{Type: "category", AxisLabel: &opts.AxisLabel{Show: opts.Bool(true), HideOverlap: opts.Bool(true)}}),
		charts.WithYAxisOpts(opts.YAxis{Type: "value"}),
	)
	bar.SetXAxis(months).AddSeries("Partner-sourced revenue", partner, color(colPartner),
		charts.WithBarChartOpts(opts.BarChart{BarWidth: "45%"}))
	line := charts.NewLine()
	line.AddSeries("All revenue", all, color(colAll),
		charts.WithLineStyleOpts(opts.LineStyle{Color: colAll, Width: 2}),
		charts.WithLineChartOpts(opts.LineChart{Symbol: "circle"}),
		func(s *charts.SingleSeries) { s.SymbolSize = 7 })
	bar.Overlap(line)
	return bar
}

func (d *dash) revenueByPartner(rows []*report.PartnerRow) (hbar, int) {
	bar, h := newHBar(d.labels(rows), rowPx1, maxRows1, false, opts.XAxis{})
	data := make([]opts.BarData, len(rows))
	for i, p := range rows {
		data[i] = opts.BarData{Value: d.value(p.Revenue)}
	}
	bar.AddSeries("Partner-sourced revenue", data, color(colPartner),
		charts.WithBarChartOpts(opts.BarChart{BarWidth: "60%"}))
	return bar, h
}

// shareGauge shows the partner-sourced share on a dial whose track turns
// green at the dedicated-role threshold.
func (d *dash) shareGauge() OptionsMap {
	// The dial's figure is the share as the page words it (report.ShareText): near the
	// threshold it has the decimals that keep it on its side.
	val, _ := strconv.ParseFloat(d.rep.ShareValue(), 64)
	thr := percentValue(d.rep.DedicatedRoleShare)
	lo, hi := 0.0, 100.0
	if val > hi {
		hi = math.Ceil(val/10) * 10
	}
	if val < lo {
		lo = math.Floor(val/10) * 10
	}
	stop := math.Min(math.Max((thr-lo)/(hi-lo), 0), 1)
	return OptionsMap{
		"tooltip": map[string]any{"show": false},
		"series": []any{map[string]any{
			"type": "gauge", "name": "Partner-sourced share", "min": lo, "max": hi, "splitNumber": 5,
			"radius": "92%", "center": []any{"50%", "58%"},
			"axisLine": map[string]any{"lineStyle": map[string]any{
				"width": 16, "color": []any{[]any{stop, colBelow}, []any{1, colAbove}},
			}},
			"pointer":   map[string]any{"width": 5, "length": "60%", "itemStyle": map[string]any{"color": colInk}},
			"anchor":    map[string]any{"show": true, "size": 12, "itemStyle": map[string]any{"color": colInk}},
			"axisTick":  map[string]any{"distance": -16, "length": 5, "lineStyle": map[string]any{"color": "#ffffff", "width": 1}},
			"splitLine": map[string]any{"distance": -16, "length": 16, "lineStyle": map[string]any{"color": "#ffffff", "width": 2}},
			"axisLabel": map[string]any{"distance": 22, "color": colMuted, "fontSize": 12, "formatter": "{value}%"},
			"title":     map[string]any{"offsetCenter": []any{0, "78%"}, "fontSize": 13, "color": colMuted},
			"detail": map[string]any{"offsetCenter": []any{0, "45%"}, "fontSize": 28, "fontWeight": "bold",
				"color": colInk, "formatter": "{value}%"},
			"data": []any{map[string]any{"value": val, "name": "threshold " + percent(d.rep.DedicatedRoleShare)}},
		}},
	}
}

func (d *dash) funnelByPartner(rows []*report.PartnerRow) (hbar, int) {
	bar, h := newHBar(d.labels(rows), rowPx3, maxRows3, true, opts.XAxis{MinInterval: 1})
	leads := make([]opts.BarData, len(rows))
	props := make([]opts.BarData, len(rows))
	won := make([]opts.BarData, len(rows))
	for i, p := range rows {
		leads[i], props[i], won[i] = opts.BarData{Value: p.Leads}, opts.BarData{Value: p.Proposals}, opts.BarData{Value: p.WonOfLeads}
	}
	bar.AddSeries("Leads", leads, color(colLeads)).
		AddSeries("Proposals", props, color(colProposals)).
		AddSeries("Won", won, color(colWon))
	return bar, h
}

func (d *dash) funnelByType() *charts.Bar {
	var cats []string
	var leads, props, won []opts.BarData
	nonZero := false
	for _, t := range d.rep.Types {
		if t.Partners == 0 {
			continue
		}
		cats = append(cats, fmt.Sprintf("%s (%d)", typeLabel(t.Type), t.Partners))
		leads = append(leads, opts.BarData{Value: t.Leads})
		props = append(props, opts.BarData{Value: t.Proposals})
		won = append(won, opts.BarData{Value: t.WonOfLeads})
		nonZero = nonZero || t.Leads != 0 || t.Proposals != 0 || t.WonOfLeads != 0
	}
	if !nonZero {
		return nil
	}
	top := &opts.Label{Show: opts.Bool(true), Position: "top", Color: colMuted}
	bar := charts.NewBar()
	bar.SetGlobalOptions(
		axisTooltip(), showLegend(),
		charts.WithGridOpts(opts.Grid{Left: "8", Right: "16", Top: "40", Bottom: "8", ContainLabel: opts.Bool(true)}),
		charts.WithXAxisOpts(opts.XAxis{Type: "category", AxisLabel: &opts.AxisLabel{Show: opts.Bool(true), Interval: "0",
			Width: 110, Overflow: "truncate", Ellipsis: "…"}}),
		charts.WithYAxisOpts(opts.YAxis{Type: "value", MinInterval: 1}),
	)
	bar.SetXAxis(cats).
		AddSeries("Leads", leads, color(colLeads), charts.WithLabelOpts(*top)).
		AddSeries("Proposals", props, color(colProposals), charts.WithLabelOpts(*top)).
		AddSeries("Won", won, color(colWon), charts.WithLabelOpts(*top))
	return bar
}

// typeLabel capitalises a partner type for display ("co-marketing" -> "Co-marketing").
func typeLabel(t string) string {
	if t == "" {
		return "(no type)"
	}
	r, n := utf8.DecodeRuneInString(t)
	return string(unicode.ToUpper(r)) + t[n:]
}

func (d *dash) payoutsByPartner(rows []*report.PartnerRow) (hbar, int) {
	bar, h := newHBar(d.labels(rows), rowPx3, maxRows3, true, opts.XAxis{})
	period := make([]opts.BarData, len(rows))
	paid := make([]opts.BarData, len(rows))
	paidToUs := make([]opts.BarData, len(rows))
	overdue := make([]opts.BarData, len(rows))
	overdueToUs := make([]opts.BarData, len(rows))
	// What the partner paid or owes us is drawn negative, each direction its own bar:
	// money going one way never nets money going the other.
	for i, p := range rows {
		period[i] = opts.BarData{Value: d.value(p.PeriodPayout)}
		paid[i] = opts.BarData{Value: d.value(p.Paid)}
		paidToUs[i] = opts.BarData{Value: d.value(p.PaidOwedToUs.Neg())}
		overdue[i] = opts.BarData{Value: d.value(p.Overdue)}
		overdueToUs[i] = opts.BarData{Value: d.value(p.OverdueOwedToUs.Neg())}
	}
	bar.AddSeries("This period ("+d.rep.Period.String()+")", period, color(colPartner)).
		AddSeries("Paid in window, by us", paid, color(colPaid)).
		AddSeries("Paid in window, by the partner", paidToUs, color(colPaidUs)).
		AddSeries("Overdue, we owe", overdue, color(colOverdue)).
		AddSeries("Overdue, "+report.OwedToUs, overdueToUs, color(colOwedUs))
	return bar, h
}

// marginByPartner draws rows in their order, highest ratio first.
func (d *dash) marginByPartner(rows []*report.PartnerRow) (hbar, int) {
	capPct := percentValue(d.rep.MarginCap)
	top := capPct
	for _, p := range rows {
		top = math.Max(top, percentValue(*p.MarginRatio))
	}
	// echarts does not widen an axis for a markLine: make room for the cap.
	axisMax := math.Max(10, math.Ceil(top*1.1/10)*10)
	bar, h := newHBar(d.labels(rows), rowPx1, maxRows1, false, opts.XAxis{Max: axisMax,
		AxisLabel: &opts.AxisLabel{Show: opts.Bool(true), Formatter: "{value}%", HideOverlap: opts.Bool(true)}})
	bar.GridList[0].Top = "30" // room for the cap's label above the first bar
	data := make([]opts.BarData, len(rows))
	for i, p := range rows {
		c := colPartner
		if p.MarginRatio.Cmp(d.rep.MarginCap) > 0 {
			c = colOverdue
		}
		data[i] = opts.BarData{Value: percentValue(*p.MarginRatio), ItemStyle: &opts.ItemStyle{Color: c}}
	}
	bar.AddSeries("Partner cost / first-year value (%)", data, color(colPartner),
		charts.WithBarChartOpts(opts.BarChart{BarWidth: "60%"}),
		charts.WithLabelOpts(opts.Label{Show: opts.Bool(true), Position: "right", Formatter: "{c}%", Color: colInk}),
		charts.WithMarkLineNameXAxisItemOpts(opts.MarkLineNameXAxisItem{Name: "Cap", XAxis: capPct}),
		charts.WithMarkLineStyleOpts(opts.MarkLineStyle{
			Symbol:    []string{"none", "none"},
			Label:     &opts.Label{Show: opts.Bool(true), Position: "start", Formatter: "cap " + percent(d.rep.MarginCap), Color: colCapLine},
			LineStyle: &opts.LineStyle{Color: colCapLine, Width: 2, Type: "dashed"},
		}),
	)
	return bar, h
}

func (d *dash) campaignChart() *charts.Bar {
	n := len(d.rep.Campaigns)
	cats := make([]string, n)
	cost := make([]opts.BarData, n)
	revenue := make([]opts.BarData, n)
	leads := make([]opts.LineData, n)
	for i, c := range d.rep.Campaigns {
		cats[i] = campaignLabel(c)
		cost[i] = opts.BarData{Value: d.value(c.Cost)}
		revenue[i] = opts.BarData{Value: d.value(c.Revenue)}
		leads[i] = opts.LineData{Value: c.Leads}
	}
	label := &opts.AxisLabel{Show: opts.Bool(true), Interval: "0", Width: min(160, max(60, 1000/max(n, 1))),
		Overflow: "truncate", Ellipsis: "…"}
	if n > 8 {
		label.Rotate = 30
	}
	bar := charts.NewBar()
	bar.SetGlobalOptions(
		axisTooltip(), showLegend(),
		charts.WithGridOpts(opts.Grid{Left: "8", Right: "16", Top: "48", Bottom: "8", ContainLabel: opts.Bool(true)}),
		charts.WithXAxisOpts(opts.XAxis{Type: "category", AxisLabel: label}),
		charts.WithYAxisOpts(opts.YAxis{Type: "value", Name: d.rep.Currency}),
	)
	bar.ExtendYAxis(opts.YAxis{Type: "value", Name: "Leads", Position: "right", MinInterval: 1, AlignTicks: opts.Bool(true),
		SplitLine: &opts.SplitLine{Show: opts.Bool(false)}})
	bar.SetXAxis(cats).
		AddSeries("Cost", cost, color(colCost), barMaxWidth("48")).
		AddSeries("Revenue", revenue, color(colWon), barMaxWidth("48"))
	line := charts.NewLine()
	line.AddSeries("Leads", leads, color(colPartner),
		charts.WithLineChartOpts(opts.LineChart{YAxisIndex: 1, Symbol: "circle"}),
		charts.WithLineStyleOpts(opts.LineStyle{Color: colPartner, Width: 2}),
		func(s *charts.SingleSeries) { s.SymbolSize = 9 })
	bar.Overlap(line)
	return bar
}
