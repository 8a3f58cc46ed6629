package html

import (
	"github.com/go-echarts/go-echarts/v2/charts"
	"github.com/go-echarts/go-echarts/v2/opts"
)

// Hostile partner names. The first two are the classic payloads against
// go-echarts' own Render (which splices option JSON into a script and turns
// "__f__" strings into live functions); the last two would leave a visible
// trace (data-pwned) if they ever executed, which the browser test checks.
const (
	xssScriptClose = `</script><script>alert(1)</script>`
	xssFuncString  = `__f__function(){alert(1)}__f__`
	xssImgOnerror  = `<img src=x onerror="document.documentElement.setAttribute('data-pwned','img')">`
	xssQuoteBreak  = `"};document.documentElement.setAttribute('data-pwned','json');({"`
)

var hostileNames = []string{xssScriptClose, xssFuncString, xssImgOnerror, xssQuoteBreak}

// demoPage builds a payout-style dashboard with one chart of each kind we
// expect to use and hostile strings everywhere user data can reach. It builds
// fresh go-echarts values on every call (each gets a new random internal
// chart ID), which is what the determinism test needs.
func demoPage(script []byte) Page {
	partners := []string{"Acme GmbH", "Nordwind AB", xssScriptClose, xssFuncString, xssImgOnerror, xssQuoteBreak}
	payouts := []float64{12840.50, 9630.00, 7210.25, 4480.00, 3105.75, 1990.10}

	bar := charts.NewBar()
	bar.SetGlobalOptions(
		charts.WithTooltipOpts(opts.Tooltip{Show: opts.Bool(true), Trigger: "axis"}),
		charts.WithLegendOpts(opts.Legend{Show: opts.Bool(false)}),
		// Partner names can be long: truncate labels and let the grid make
		// room for them instead of clipping at the canvas edge.
		charts.WithXAxisOpts(opts.XAxis{AxisLabel: &opts.AxisLabel{Rotate: 30, Interval: "0", Width: 120, Overflow: "truncate"}}),
		charts.WithGridOpts(opts.Grid{Left: "8", Right: "16", Top: "24", Bottom: "8", ContainLabel: opts.Bool(true)}),
	)
	barData := make([]opts.BarData, len(payouts))
	for i, v := range payouts {
		barData[i] = opts.BarData{Value: v}
	}
	bar.SetXAxis(partners).AddSeries("Payout (EUR)", barData)

	pie := charts.NewPie()
	pie.SetGlobalOptions(
		charts.WithTooltipOpts(opts.Tooltip{Show: opts.Bool(true), Trigger: "item"}),
		charts.WithLegendOpts(opts.Legend{Show: opts.Bool(true), Type: "scroll", Bottom: "0"}),
	)
	pieData := make([]opts.PieData, len(payouts))
	for i, v := range payouts {
		pieData[i] = opts.PieData{Name: partners[i], Value: v}
	}
	pie.AddSeries(xssScriptClose, pieData).SetSeriesOptions(
		charts.WithPieChartOpts(opts.PieChart{Radius: []string{"35%", "62%"}, Center: []string{"50%", "45%"}}),
		charts.WithLabelOpts(opts.Label{Show: opts.Bool(false)}),
	)

	months := []string{"2025-01", "2025-02", "2025-03", "2025-04", "2025-05", "2025-06"}
	line := charts.NewLine()
	line.SetGlobalOptions(
		charts.WithTooltipOpts(opts.Tooltip{Show: opts.Bool(true), Trigger: "axis"}),
		charts.WithLegendOpts(opts.Legend{Show: opts.Bool(true), Top: "0"}),
		charts.WithGridOpts(opts.Grid{Left: "64", Right: "24", Top: "40", Bottom: "32"}),
	)
	series := map[string][]float64{
		"Acme GmbH":    {1800, 2100, 1950, 2300, 2240, 2450},
		xssFuncString:  {400, 650, 720, 810, 900, 1000},
		xssScriptClose: {1200, 1100, 1250, 1180, 1300, 1280},
	}
	// Fixed order: ranging over the map would shuffle series between runs.
	for _, name := range []string{"Acme GmbH", xssScriptClose, xssFuncString} {
		data := make([]opts.LineData, len(months))
		for i, v := range series[name] {
			data[i] = opts.LineData{Value: v}
		}
		line.AddSeries(name, data)
	}
	line.SetXAxis(months).SetSeriesOptions(charts.WithLineChartOpts(opts.LineChart{Smooth: opts.Bool(true)}))

	funnel := charts.NewFunnel()
	funnel.SetGlobalOptions(
		charts.WithTooltipOpts(opts.Tooltip{Show: opts.Bool(true), Trigger: "item"}),
		charts.WithLegendOpts(opts.Legend{Show: opts.Bool(false)}),
	)
	funnel.AddSeries("Deals", []opts.FunnelData{
		{Name: "Referred", Value: 120},
		{Name: "Qualified", Value: 74},
		{Name: "Won", Value: 31},
		{Name: xssImgOnerror, Value: 18},
	})

	rows := make([][]string, len(partners))
	for i, p := range partners {
		rows[i] = []string{p, []string{"reseller", "referral"}[i%2], []string{"12,840.50", "9,630.00", "7,210.25", "4,480.00", "3,105.75", "1,990.10"}[i]}
	}

	return Page{
		Title:    "Partner payouts " + xssScriptClose,
		Subtitle: "Period 2025-01-01 to 2025-06-30 · " + xssFuncString,
		Script:   script,
		Sections: []Section{
			{
				Title: "Payouts by partner",
				Note:  "Commission owed per partner for the period, after clawbacks. " + xssImgOnerror,
				Charts: []Chart{
					{ID: "payout-by-partner", Title: "Payout by partner (EUR) " + xssScriptClose, Options: bar},
					{ID: "payout-share", Title: "Share of total payout", Options: pie},
				},
				Tables: []Table{{
					Title:   "Payout table",
					Columns: []Column{{Name: "Partner"}, {Name: "Programme"}, {Name: "Payout (EUR)", Numeric: true}},
					Rows:    rows,
				}},
			},
			{
				Title: "Trends",
				Charts: []Chart{
					{ID: "monthly-payouts", Title: "Monthly payouts (EUR)", Wide: true, Height: 320, Options: line},
					{ID: "deal-funnel", Title: "Deal pipeline " + xssQuoteBreak, Options: funnel},
					{ID: "hand-written", Title: "Hand-written options", Options: OptionsMap{
						"tooltip": map[string]any{"trigger": "item"},
						"xAxis":   map[string]any{"type": "category", "data": []string{"Q1", "Q2", xssScriptClose}},
						"yAxis":   map[string]any{"type": "value"},
						"series":  []any{map[string]any{"type": "bar", "name": xssQuoteBreak, "data": []int{5, 9, 3}}},
					}},
				},
			},
		},
	}
}

// demoChartIDs lists the chart IDs of demoPage in page order.
var demoChartIDs = []string{"payout-by-partner", "payout-share", "monthly-payouts", "deal-funnel", "hand-written"}
