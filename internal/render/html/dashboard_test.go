package html

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	stdhtml "html"
	"os"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/partnerbook/partnerbook/internal/civil"
	"github.com/partnerbook/partnerbook/internal/money"
	"github.com/partnerbook/partnerbook/internal/report"
)

// go test ./internal/render/html/ -run PartnerDashboard -args -dashboard-screenshot=/tmp/partner-dashboard.png
var dashboardShot = flag.String("dashboard-screenshot", "", "also save a PNG of the partner dashboard of sampleReport rendered by chromium to this path")

const (
	hostilePartner  = `</script><img src=x onerror=alert(1)>`
	hostileCampaign = `"><svg onload=alert(2)>`
	longPartner     = "Northwind Traders International Holdings Limited Partnership"
)

func amt(s string) money.Amount { return money.MustAmount(s) }

func rate(s string) *money.Rate { r := money.MustRate(s); return &r }

func ratioOf(num, den string) *money.Rate { r := amt(num).Ratio(amt(den)); return &r }

// sampleReport is a hand-made owner report for period 2026-10: five partners
// with revenue (one hostile, one with a very long name, two with non-ASCII
// names) and one dormant partner with no activity at all.
func sampleReport() *report.Report {
	p := func(id, name, typ string, leads, props, won int, revenue, payout, status, paid, overdue string, margin *money.Rate) *report.PartnerRow {
		return &report.PartnerRow{ID: id, Name: name, Type: typ, Status: "active", Owner: "Dana Lee",
			Leads: leads, Proposals: props, WonOfLeads: max(won-1, 0), Won: won, WonValue: amt(revenue).MulInt(2), Revenue: amt(revenue),
			Cost: amt(revenue).MulRate(money.MustRate("15%")), PeriodPayout: amt(payout), PeriodStatus: status,
			Paid: amt(paid), Overdue: amt(overdue), MarginRatio: margin, MonthRevenue: make([]money.Amount, 12)}
	}
	dormant := p("dormant", "Dormant Partners Ltd", "referral", 0, 0, 0, "0", "0", "", "0", "0", nil)
	dormant.Status = "paused"

	partnerByMonth := []string{"6200", "7100.50", "5400", "8300", "7900", "9100", "8800", "9600", "10200", "8700", "9100", "8364.93"}
	allByMonth := []string{"21000", "22500", "19800", "24100", "23300", "25600", "24900", "26200", "27400", "24500", "25100", "23254.32"}
	var months []*report.MonthRow
	for i := range 12 {
		months = append(months, &report.MonthRow{Month: civil.NewMonth(2025, time.November).Add(i),
			PartnerRevenue: amt(partnerByMonth[i]), AllRevenue: amt(allByMonth[i]), Leads: 3 + i%4, Won: i % 3})
	}

	return &report.Report{
		Program:  "Acme Analytics",
		Period:   civil.NewMonth(2026, time.October),
		AsOf:     civil.New(2026, time.October, 31),
		Currency: "USD",
		Policy:   money.Policy{Places: 2, Mode: money.HalfUp},
		From:     civil.New(2025, time.November, 1),
		To:       civil.New(2026, time.October, 31),
		Totals: report.Totals{
			Due: amt("12345.67"), Carried: amt("210.00"), Receivable: amt("-150.00"), Payouts: 5,
			PartnerRevenue: amt("98765.43"), AllRevenue: amt("287654.32"), PartnerShare: money.MustRate("34.3349%"),
			PartnerCost: amt("23515.56"), Return: ratioOf("98765.43", "23515.56"), Overdue: amt("1800.00"),
		},
		DedicatedRoleRecommended: true,
		DedicatedRoleShare:       money.MustRate("30%"),
		MarginCap:                money.MustRate("25%"),
		Partners: []*report.PartnerRow{
			p("acme", "Acme GmbH", "referral", 14, 8, 5, "41200.50", "5400.00", "Due", "12000.00", "0", rate("18%")),
			p("lodz", "Łódź Analytics", "reseller", 9, 6, 4, "30110.00", "4100.17", "Due", "8000.00", "1800.00", rate("31%")),
			p("evil", hostilePartner, "referral", 6, 2, 1, "15000.00", "2845.50", "Due", "2500.00", "0", rate("22%")),
			p("long", longPartner, "strategic", 3, 1, 1, "9000.00", "210.00", "Carried forward", "0", "0", rate("45%")),
			p("zoe", "Zoë Martin", "co-marketing", 4, 2, 0, "3454.93", "-150.00", "Receivable", "600.00", "0", nil),
			dormant,
		},
		Types: []*report.TypeRow{
			{Type: "referral", Partners: 3, Leads: 20, Proposals: 10, WonOfLeads: 4, Won: 6, WonValue: amt("112401.00"), Revenue: amt("56200.50")},
			{Type: "reseller", Partners: 1, Leads: 9, Proposals: 6, WonOfLeads: 3, Won: 4, WonValue: amt("60220.00"), Revenue: amt("30110.00")},
			{Type: "co-marketing", Partners: 1, Leads: 4, Proposals: 2, Won: 0, WonValue: amt("6909.86"), Revenue: amt("3454.93")},
			{Type: "strategic", Partners: 1, Leads: 3, Proposals: 1, WonOfLeads: 0, Won: 1, WonValue: amt("18000.00"), Revenue: amt("9000.00")},
		},
		Months: months,
		Campaigns: []*report.CampaignRow{
			{ID: "c-webinar", Name: "Spring webinar series", Date: civil.New(2026, time.March, 12), Cost: amt("2400.00"),
				Leads: 18, LeadsUs: 7, Won: 3, Revenue: amt("15800.00")},
			{ID: "c-fair", Name: "Łódź trade fair booth", Date: civil.New(2026, time.May, 20), Cost: amt("5200.00"),
				Leads: 11, LeadsUs: 4, Won: 2, Revenue: amt("9400.00")},
			{ID: "c-evil", Name: hostileCampaign, Date: civil.New(2026, time.September, 1), Cost: amt("900.00"),
				Leads: 4, LeadsUs: 1, Won: 0, Revenue: amt("0")},
		},
		MarginExceptions: []*report.MarginRow{
			{Partner: "lodz", Deal: "D21", Client: "Kraków Foods", Won: civil.New(2026, time.August, 3),
				Cost: amt("3100.00"), FirstYear: amt("10000.00"), Ratio: money.MustRate("31%")},
			{Partner: "long", Deal: "D34", Client: "Globex", Won: civil.New(2026, time.September, 9),
				Cost: amt("4500.00"), FirstYear: amt("10000.00"), Ratio: money.MustRate("45%")},
		},
		Overdue: []*report.OverdueRow{
			{Payout: "PB-2026-09-lodz", Partner: "lodz", Amount: amt("1800.00"), Due: civil.New(2026, time.October, 15), DaysLate: 16},
		},
		Warnings: []string{
			`deals.xlsx: sheet "Opportunities" row 19: tag "Partner: ` + hostilePartner + `" names no partner`,
			`payments.csv: row 7: amount "12,00" is not a number`,
		},
	}
}

func renderDashboard(t *testing.T, rep *report.Report, script []byte) string {
	t.Helper()
	var buf bytes.Buffer
	if err := Dashboard(&buf, rep, script); err != nil {
		t.Fatalf("Dashboard: %v", err)
	}
	return buf.String()
}

// chartOptions returns each chart's decoded options by ID, and the IDs in page order.
func chartOptions(t *testing.T, page string) (map[string]map[string]any, []string) {
	t.Helper()
	out := map[string]map[string]any{}
	var ids []string
	for _, m := range jsonBlockRE.FindAllStringSubmatch(page, -1) {
		var v map[string]any
		if err := json.Unmarshal([]byte(m[2]), &v); err != nil {
			t.Fatalf("chart %s: options are not JSON: %v", m[1], err)
		}
		out[m[1]] = v
		ids = append(ids, m[1])
	}
	return out, ids
}

// categories returns the category labels of a chart's first category axis.
func categories(t *testing.T, opt map[string]any) []string {
	t.Helper()
	for _, key := range []string{"yAxis", "xAxis"} {
		axes, _ := opt[key].([]any)
		for _, a := range axes {
			ax, _ := a.(map[string]any)
			if ax["type"] != "category" {
				continue
			}
			var out []string
			for _, c := range ax["data"].([]any) {
				out = append(out, c.(string))
			}
			return out
		}
	}
	t.Fatalf("chart has no category axis: %v", opt)
	return nil
}

func TestDashboardHasEveryChart(t *testing.T) {
	page := renderDashboard(t, sampleReport(), fakeScript)
	opts, ids := chartOptions(t, page)
	if strings.Join(ids, " ") != strings.Join(dashboardChartIDs, " ") {
		t.Errorf("charts %q, want %q", ids, dashboardChartIDs)
	}
	for _, id := range dashboardChartIDs {
		if !strings.Contains(page, `id="chart-`+id+`"`) {
			t.Errorf("no container for chart %s", id)
		}
	}

	// Partners are labelled by name, in report order; the dormant partner
	// (no revenue) is left out of the revenue chart.
	want := []string{"Acme GmbH", "Łódź Analytics", hostilePartner, longPartner, "Zoë Martin"}
	if got := categories(t, opts[chartRevenueByPartner]); strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("revenue-by-partner categories %q, want %q", got, want)
	}
	if got := categories(t, opts[chartFunnelByPartner]); strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("funnel-by-partner categories %q, want %q", got, want)
	}
	// Margin: partners with a ratio only, worst first.
	wantMargin := []string{longPartner, "Łódź Analytics", hostilePartner, "Acme GmbH"}
	if got := categories(t, opts[chartMarginByPartner]); strings.Join(got, "|") != strings.Join(wantMargin, "|") {
		t.Errorf("margin-by-partner categories %q, want %q", got, wantMargin)
	}
	if got := categories(t, opts[chartRevenueByMonth]); len(got) != 12 || got[0] != "2025-11" || got[11] != "2026-10" {
		t.Errorf("revenue-by-month categories %q", got)
	}
	// The cap is drawn as a markLine at 25 (%), inside the axis range.
	margin, _ := json.Marshal(opts[chartMarginByPartner])
	for _, frag := range []string{`"markLine":{`, `"xAxis":25`, `"max":50`, `"formatter":"cap 25%"`} {
		if !bytes.Contains(margin, []byte(frag)) {
			t.Errorf("margin chart lacks %s: %s", frag, margin)
		}
	}
	// Long names are cut on the axis, not in the data.
	rev, _ := json.Marshal(opts[chartRevenueByPartner])
	if !bytes.Contains(rev, []byte(`"overflow":"truncate"`)) || !bytes.Contains(rev, []byte(`"width":150`)) {
		t.Errorf("partner axis labels are not truncated: %s", rev)
	}
	// The gauge's value is the share in percent with one decimal.
	share, _ := json.Marshal(opts[chartPartnerShare])
	if !bytes.Contains(share, []byte(`"value":34.3`)) {
		t.Errorf("partner-share gauge does not show 34.3: %s", share)
	}
	// No go-echarts JavaScript functions anywhere.
	if strings.Contains(page, "__f__") {
		t.Error("page contains a go-echarts function marker")
	}
}

func TestDashboardIsDeterministic(t *testing.T) {
	rep := sampleReport()
	first := renderDashboard(t, rep, fakeScript)
	if again := renderDashboard(t, rep, fakeScript); again != first {
		t.Fatalf("rendering the same report twice differs:\n%s", firstDiff(first, again))
	}
	if fresh := renderDashboard(t, sampleReport(), fakeScript); fresh != first {
		t.Fatalf("rendering an equal report differs:\n%s", firstDiff(first, fresh))
	}
	// Sorting the margin chart must not reorder the report's partners.
	if rep.Partners[0].ID != "acme" || rep.Partners[3].ID != "long" {
		t.Error("Dashboard reordered rep.Partners")
	}
}

func TestDashboardShowsFiguresAsText(t *testing.T) {
	page := renderDashboard(t, sampleReport(), fakeScript)
	for _, want := range []string{
		"<title>Acme Analytics partner dashboard</title>",
		"Period 2026-10 · as of 2026-10-31 · window 2025-11-01 – 2026-10-31 · amounts in USD",
		// headline: due, carried, receivable, overdue, partner revenue, all revenue, share, return
		`<td class="num">$12,345.67</td>`, `<td class="num">$210.00</td>`, `<td class="num">$150.00</td>`,
		`<td class="num">$1,800.00</td>`, `<td class="num">$98,765.43</td>`, `<td class="num">$287,654.32</td>`,
		`<td class="num">34.3%</td>`, `<td class="num">4.20×</td>`,
		"Partner-sourced revenue is 34.3% of all revenue, at or above the 30% threshold: a dedicated partnerships role is recommended.",
		// overdue payouts and margin exceptions, partners by name
		"<td>PB-2026-09-lodz</td><td>Łódź Analytics</td>", "<td>2026-10-15</td>",
		"<td>D34</td><td>Globex</td>", `<td class="num">45%</td>`,
		// warnings, one per row
		"<td>payments.csv: row 7: amount &#34;12,00&#34; is not a number</td>",
		"1 partner with no leads in the window is not shown.",
	} {
		if !strings.Contains(page, want) {
			t.Errorf("page lacks %s", want)
		}
	}

	rep := sampleReport()
	rep.DedicatedRoleRecommended = false
	rep.Totals.PartnerShare = money.MustRate("12.34%")
	if page := renderDashboard(t, rep, fakeScript); !strings.Contains(page,
		"Partner-sourced revenue is 12.3% of all revenue, below the 30% threshold: a dedicated partnerships role is not recommended yet.") {
		t.Error("page does not say that no dedicated role is recommended")
	}
}

func TestDashboardEscapesHostileNames(t *testing.T) {
	page := renderDashboard(t, sampleReport(), fakeScript)
	for _, bad := range []string{hostilePartner, hostileCampaign, "<img", "<svg", "onerror=alert(1)>"} {
		if strings.Contains(page, bad) {
			t.Errorf("page contains raw %q", bad)
		}
	}
	if got, want := len(scriptTagRE.FindAllString(page, -1)), len(dashboardChartIDs)+2; got != want {
		t.Errorf("page has %d <script> tags, want %d", got, want)
	}
	for _, want := range []string{
		"<td>&lt;/script&gt;&lt;img src=x onerror=alert(1)&gt;</td>",
		"<td>&#34;&gt;&lt;svg onload=alert(2)&gt;</td>",
	} {
		if !strings.Contains(page, want) {
			t.Errorf("page lacks escaped text %s", want)
		}
	}
	// The charts carry the names unchanged, as JSON data.
	opts, _ := chartOptions(t, page)
	var all []string
	for _, o := range opts {
		all = append(all, collectStrings(o)...)
	}
	for _, name := range []string{hostilePartner, hostileCampaign} {
		found := false
		for _, s := range all {
			found = found || s == name
		}
		if !found {
			t.Errorf("no chart carries %q verbatim", name)
		}
	}
}

func TestDashboardLabelsDuplicateAndBlankNames(t *testing.T) {
	rep := sampleReport()
	rep.Partners[1].Name = "Acme GmbH"
	rep.Partners[4].Name = "  "
	opts, _ := chartOptions(t, renderDashboard(t, rep, fakeScript))
	want := []string{"Acme GmbH (acme)", "Acme GmbH (lodz)", hostilePartner, longPartner, "zoe"}
	if got := categories(t, opts[chartRevenueByPartner]); strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("categories %q, want %q", got, want)
	}
}

// A program in its first month: no partner activity, no campaigns, no
// revenue. The page still renders, leaves out the empty charts and says why.
func TestDashboardOfAnEmptyReport(t *testing.T) {
	rep := &report.Report{
		Program: "New", Period: civil.NewMonth(2026, time.January), AsOf: civil.New(2026, time.January, 31),
		Currency: "EUR", Policy: money.Policy{Places: 2}, From: civil.New(2025, time.February, 1), To: civil.New(2026, time.January, 31),
		DedicatedRoleShare: money.MustRate("30%"), MarginCap: money.MustRate("25%"),
		Partners: []*report.PartnerRow{{ID: "a", Name: "Alpha", Type: "referral", MonthRevenue: make([]money.Amount, 12)}},
		Types:    []*report.TypeRow{{Type: "referral", Partners: 1}},
	}
	for i := range 12 {
		rep.Months = append(rep.Months, &report.MonthRow{Month: civil.NewMonth(2025, time.February).Add(i)})
	}
	page := renderDashboard(t, rep, fakeScript)
	_, ids := chartOptions(t, page)
	if want := []string{chartRevenueByMonth, chartPartnerShare}; strings.Join(ids, " ") != strings.Join(want, " ") {
		t.Errorf("charts %q, want %q", ids, want)
	}
	for _, want := range []string{
		"No partner has partner-sourced revenue in the window.",
		"No partner had leads in the window.",
		"No payout is overdue.", "No deal exceeds the cap.", "The program has no campaigns.",
		"The run raised no warnings.", "a dedicated partnerships role is not recommended yet.",
		`<td class="num">€0.00</td>`, `<td class="num">n/a</td>`,
	} {
		if !strings.Contains(page, want) {
			t.Errorf("page lacks %q", want)
		}
	}
}

// Many partners: the per-partner charts stop growing and scroll instead.
func TestDashboardScrollsLongPartnerLists(t *testing.T) {
	rep := sampleReport()
	base := rep.Partners[0]
	for i := range 40 {
		row := *base
		row.ID = "p" + string(rune('a'+i/26)) + string(rune('a'+i%26))
		row.Name = "Partner " + row.ID
		rep.Partners = append(rep.Partners, &row)
	}
	p := dashboardPage(rep, fakeScript)
	for _, s := range p.Sections {
		for _, c := range s.Charts {
			if c.Height > 900 {
				t.Errorf("chart %s is %d px high", c.ID, c.Height)
			}
		}
	}
	opts, _ := chartOptions(t, renderDashboard(t, rep, fakeScript))
	for _, id := range []string{chartRevenueByPartner, chartFunnelByPartner, chartPayoutsByPartner, chartMarginByPartner} {
		if _, ok := opts[id]["dataZoom"]; !ok {
			t.Errorf("chart %s of 46 partners has no scroll slider", id)
		}
	}
}

func TestDashboardWithoutScript(t *testing.T) {
	var buf bytes.Buffer
	if err := Dashboard(&buf, nil, fakeScript); err == nil || buf.Len() != 0 {
		t.Errorf("nil report: err = %v, wrote %d bytes", err, buf.Len())
	}
	// nil script means the embedded echarts.
	embedded, err := EmbeddedEchartsScript()
	if err != nil {
		if os.Getenv("CI") != "" {
			t.Fatalf("no embedded echarts: %v", err)
		}
		t.Skipf("no embedded echarts: %v", err)
	}
	if renderDashboard(t, sampleReport(), nil) != renderDashboard(t, sampleReport(), embedded) {
		t.Error("a nil script did not inline the embedded echarts")
	}
}

// tipsJS opens every tooltip of every chart once the page has loaded, which
// is where echarts writes partner names into HTML rather than a canvas, and
// records what the tooltips said and whether any markup appeared.
const tipsJS = `(function () {
  var root = document.documentElement;
  var out = { shown: 0, texts: [] };
  function save() { root.setAttribute("data-tips", JSON.stringify(out)); }
  window.addEventListener("load", function () {
    setTimeout(function () {
      document.querySelectorAll("[data-chart]").forEach(function (el) {
        var inst = echarts.getInstanceByDom(el);
        if (!inst) { return; }
        var opt = inst.getOption();
        if (opt.tooltip && opt.tooltip[0] && opt.tooltip[0].show === false) { return; }
        (opt.series || []).forEach(function (s, si) {
          for (var i = 0; i < (s.data || []).length; i++) {
            inst.dispatchAction({ type: "showTip", seriesIndex: si, dataIndex: i });
            out.shown++;
            out.texts.push(el.textContent);
          }
        });
        inst.dispatchAction({ type: "hideTip" });
      });
      out.images = document.images.length;
      out.svgs = document.querySelectorAll("svg").length;
      out.pwned = root.getAttribute("data-pwned");
      out.done = true;
      save();
    }, 2500);
  });
})();`

type tipsReport struct {
	Shown        int
	Texts        []string
	Images, Svgs int
	Pwned        *string
	Done         bool
}

var tipsAttrRE = regexp.MustCompile(`data-tips="([^"]*)"`)

// TestBrowserDrawsPartnerDashboard opens the dashboard of sampleReport in
// headless chromium, with and without its CSP, checks that every chart drew
// and that neither the charts nor their tooltips ran the hostile names.
func TestBrowserDrawsPartnerDashboard(t *testing.T) {
	chromium, script := needChromium(t)
	shipped := renderDashboard(t, sampleReport(), script)

	screenshot(t, chromium, shipped, *dashboardShot, "1400,4600")

	for _, variant := range []struct {
		name  string
		strip bool
	}{{"with-csp", false}, {"without-csp", true}} {
		t.Run(variant.name, func(t *testing.T) {
			t.Parallel()
			doc := instrument(t, shipped, variant.strip)
			harness := "<script>" + harnessJS + "</script>"
			doc = strings.Replace(doc, harness, harness+"\n<script>"+tipsJS+"</script>", 1)
			file := writePage(t, doc)
			dom, logs := runChromium(t, chromium, "--virtual-time-budget=10000", "--dump-dom", fileURL(file))
			checkDrawn(t, dom, logs, dashboardChartIDs, 1) // plus the tooltip opener
			checkTooltips(t, dom)
		})
	}
}

func checkTooltips(t *testing.T, dom string) {
	t.Helper()
	m := tipsAttrRE.FindStringSubmatch(dom)
	if m == nil {
		t.Fatal("no tooltip report in the dumped DOM")
	}
	var r tipsReport
	if err := json.Unmarshal([]byte(stdhtml.UnescapeString(m[1])), &r); err != nil {
		t.Fatalf("tooltip report: %v", err)
	}
	if !r.Done || r.Shown < 20 {
		t.Fatalf("tooltips not exercised: done=%v shown=%d", r.Done, r.Shown)
	}
	if r.Images != 0 || r.Svgs != 0 || r.Pwned != nil {
		t.Errorf("tooltips created markup from data: %d img, %d svg, data-pwned %v", r.Images, r.Svgs, r.Pwned)
	}
	// The names must be shown, as text: escaped, not dropped.
	for _, name := range []string{hostilePartner, hostileCampaign, "Łódź Analytics", longPartner} {
		found := false
		for _, s := range r.Texts {
			found = found || strings.Contains(s, name)
		}
		if !found {
			t.Errorf("no tooltip shows %q as text", name)
		}
	}
}

// The funnel charts follow the leads created in the window to a proposal and a win,
// as the owner report's funnel does: their Won is the won of those leads, not every
// deal won in the window.
func TestFunnelWonIsOfTheLeads(t *testing.T) {
	rep := sampleReport()
	page := renderDashboard(t, rep, fakeScript)
	opts, _ := chartOptions(t, page)
	var want []float64
	for _, p := range rep.Partners {
		if p.Leads != 0 {
			want = append(want, float64(p.WonOfLeads))
		}
	}
	if got := barValues(t, opts[chartFunnelByPartner], "Won"); fmt.Sprint(got) != fmt.Sprint(want) || fmt.Sprint(want) != "[4 3 0 0 0]" {
		t.Errorf("funnel by partner: won %v, want the won of the leads %v ([4 3 0 0 0])", got, want)
	}
	if got := barValues(t, opts[chartFunnelByType], "Won"); fmt.Sprint(got) != "[4 3 0 0]" {
		t.Errorf("funnel by type: won %v, want the won of the leads [4 3 0 0]", got)
	}
	if !strings.Contains(page, "how many of them reached a proposal and how many of them are won") {
		t.Error("the funnel's note does not say Won counts the won of the leads")
	}
}

// A receivable the partner paid us shows positive in its own column, as every amount
// owed to us does in the tables, and is not netted against what we paid.
func TestPaidEachWayHasItsColumn(t *testing.T) {
	rep := sampleReport()
	rep.Partners[0].PaidOwedToUs = amt("8000.00") // Acme: we paid it 12,000.00, it paid us 8,000.00
	page := renderDashboard(t, rep, fakeScript)
	for _, want := range []string{
		`<th class="num">Paid in window, by us</th><th class="num">Paid in window, by the partner</th>`,
		`<td>Acme GmbH</td><td>Due</td><td class="num">$5,400.00</td><td class="num">$12,000.00</td><td class="num">$8,000.00</td>`,
	} {
		if !strings.Contains(page, want) {
			t.Errorf("page lacks %s", want)
		}
	}
	if strings.Contains(page, "-$8,000.00") || strings.Contains(page, "$4,000.00") {
		t.Error("the partner's payment to us is shown negative or netted")
	}
	opts, _ := chartOptions(t, page)
	if got := barValues(t, opts[chartPayoutsByPartner], "Paid in window, by the partner"); len(got) == 0 || got[0] != -8000 {
		t.Errorf("chart: paid by the partner %v, want -8000 first (drawn as money coming to us)", got)
	}
	if got := barValues(t, opts[chartPayoutsByPartner], "Paid in window, by us"); len(got) == 0 || got[0] != 12000 {
		t.Errorf("chart: paid by us %v, want 12000 first", got)
	}
}
