package html

import (
	"bytes"
	"crypto/sha256"
	_ "embed"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"html/template"
	"io"
	"regexp"
	"strings"
	"unicode/utf8"
)

// Page is one dashboard: a header and a list of sections, written as a
// single HTML file that needs no network to display.
type Page struct {
	// Title is shown as the page heading and the browser tab title.
	Title string
	// Subtitle is shown under the title, typically the reporting period.
	Subtitle string
	Sections []Section
	// Script, if non-nil, is the echarts library source inlined into the
	// page instead of the copy embedded at build time (see assets/README.md).
	// It must be echarts EchartsVersion or compatible.
	Script []byte
}

// Section groups charts and tables under a heading.
type Section struct {
	Title string
	// Note is a short explanatory paragraph under the title.
	Note   string
	Charts []Chart
	Tables []Table
}

// Chart is one chart card.
type Chart struct {
	// ID identifies the chart within the page. It is required rather than
	// generated so that the same report always yields the same bytes; it
	// must match [A-Za-z0-9_-]+ and be unique within the page.
	ID string
	// Title is the card caption. Prefer it over an echarts title inside the
	// options, which would be drawn onto the canvas and not be selectable.
	Title string
	// Height is the drawing height in CSS pixels; 0 means 360.
	Height int
	// Wide makes the card span the full row, for long time series.
	Wide bool
	// Options supplies the echarts option object, e.g. a *charts.Bar.
	Options Options
}

// Options is anything that produces an echarts option object. Every
// go-echarts chart (*charts.Bar, *charts.Line, *charts.Pie, ...) implements
// it; if the value also has a Validate() method, as go-echarts charts do,
// Render calls it first, because go-echarts only fills some fields (like the
// x-axis categories) in Validate. Validate mutates the chart in place.
//
// The options are delivered to echarts as inert JSON data. Consequently
// go-echarts JavaScript callbacks (opts.FuncOpts, "__f__...__f__" strings)
// are NOT turned into functions; they show up as literal text. Use echarts
// string templates such as "{b}: {c}" for formatters instead.
type Options interface {
	JSON() map[string]any
}

// OptionsMap is a hand-written echarts option object, for features the
// go-echarts builders do not cover.
type OptionsMap map[string]any

// JSON returns m itself.
func (m OptionsMap) JSON() map[string]any { return m }

// Table is a plain data table shown as a card below a section's charts.
type Table struct {
	Title   string
	Columns []Column
	// Rows holds pre-formatted cell text; every row must have exactly
	// len(Columns) cells. Formatting (money, dates) is the caller's job so
	// that this package never needs to know about currencies.
	Rows [][]string
}

// Column describes one table column.
type Column struct {
	Name string
	// Numeric right-aligns the column with tabular figures.
	Numeric bool
}

const defaultChartHeight = 360

var chartIDPattern = regexp.MustCompile(`^[A-Za-z0-9_-]+$`)

//go:embed page.html.tmpl
var pageTemplateText string

//go:embed bootstrap.js
var bootstrapJS string

var pageTemplate = template.Must(template.New("page").Parse(pageTemplateText))

// Render writes p as a complete HTML document to w. Nothing is written if
// p is invalid, a chart's options cannot be encoded, or no echarts script is
// available (ErrEchartsScriptMissing).
//
// Output is a pure function of p and the script: identical input gives
// identical bytes, so rendered reports can be diffed and checksummed.
func Render(w io.Writer, p Page) error {
	script := p.Script
	if script == nil {
		var err error
		if script, err = EmbeddedEchartsScript(); err != nil {
			return err
		}
	}
	if err := checkInlineScript(script); err != nil {
		return err
	}
	echartsJS := normalizeNewlines(string(script))
	// bootstrap.js may have been checked out with CRLF line endings.
	boot := normalizeNewlines(bootstrapJS)

	data := pageData{
		Title:     p.Title,
		Subtitle:  p.Subtitle,
		CSP:       contentSecurityPolicy(echartsJS, boot),
		Echarts:   template.JS(echartsJS),
		Bootstrap: template.JS(boot),
	}
	seen := map[string]bool{}
	for si, s := range p.Sections {
		sd := sectionData{Title: s.Title, Note: s.Note}
		for ci, c := range s.Charts {
			cd, err := chartData(c, seen)
			if err != nil {
				return fmt.Errorf("html: section %d (%q) chart %d: %w", si, s.Title, ci, err)
			}
			sd.Charts = append(sd.Charts, cd)
		}
		for ti, t := range s.Tables {
			for ri, row := range t.Rows {
				if len(row) != len(t.Columns) {
					return fmt.Errorf("html: section %d (%q) table %d (%q): row %d has %d cells, want %d",
						si, s.Title, ti, t.Title, ri, len(row), len(t.Columns))
				}
			}
			sd.Tables = append(sd.Tables, t)
		}
		data.Sections = append(data.Sections, sd)
	}

	// Buffer so that a template failure never leaves half a page in w.
	var buf bytes.Buffer
	if err := pageTemplate.Execute(&buf, data); err != nil {
		return fmt.Errorf("html: executing page template: %w", err)
	}
	_, err := w.Write(buf.Bytes())
	return err
}

type pageData struct {
	Title, Subtitle string
	CSP             string
	Sections        []sectionData
	Echarts         template.JS
	Bootstrap       template.JS
}

type sectionData struct {
	Title, Note string
	Charts      []chartView
	Tables      []Table
}

type chartView struct {
	ID, Title string
	Height    int
	Wide      bool
	// JSON is passed to html/template as a json.RawMessage inside a
	// <script type="application/json"> element: the template escaper treats
	// that as a JS context and re-marshals the value with HTML escaping, so
	// "</script>" inside a partner name becomes "\u003c/script\u003e" and
	// cannot close the element.
	JSON json.RawMessage
}

func chartData(c Chart, seen map[string]bool) (chartView, error) {
	if !chartIDPattern.MatchString(c.ID) {
		return chartView{}, fmt.Errorf("invalid chart ID %q: want [A-Za-z0-9_-]+", c.ID)
	}
	if seen[c.ID] {
		return chartView{}, fmt.Errorf("duplicate chart ID %q", c.ID)
	}
	seen[c.ID] = true
	if c.Options == nil {
		return chartView{}, fmt.Errorf("chart %q has no Options", c.ID)
	}
	if c.Height < 0 {
		return chartView{}, fmt.Errorf("chart %q has negative Height %d", c.ID, c.Height)
	}
	if v, ok := c.Options.(interface{ Validate() }); ok {
		v.Validate()
	}
	// encoding/json sorts map keys, which is what makes the output
	// deterministic even though go-echarts hands us a map.
	b, err := json.Marshal(c.Options.JSON())
	if err != nil {
		return chartView{}, fmt.Errorf("chart %q: encoding options: %w", c.ID, err)
	}
	h := c.Height
	if h == 0 {
		h = defaultChartHeight
	}
	return chartView{ID: c.ID, Title: c.Title, Height: h, Wide: c.Wide, JSON: b}, nil
}

// normalizeNewlines does to s what the HTML parser does to the text of an
// inline <script> before executing and hashing it (CRLF and CR become LF).
// Doing it ourselves keeps the CSP hashes equal to what the browser computes;
// the published echarts.min.js does contain CRLF line endings.
func normalizeNewlines(s string) string {
	s = strings.ReplaceAll(s, "\r\n", "\n")
	return strings.ReplaceAll(s, "\r", "\n")
}

// checkInlineScript rejects scripts that would end or corrupt the <script>
// element they are inlined into. The pinned echarts build contains neither
// sequence; a custom build might.
func checkInlineScript(s []byte) error {
	if len(bytes.TrimSpace(s)) == 0 {
		return errors.New("html: echarts script is empty")
	}
	// The browser would replace invalid UTF-8 and NUL with U+FFFD, changing
	// the script and breaking its CSP hash.
	if !utf8.Valid(s) || bytes.IndexByte(s, 0) >= 0 {
		return errors.New("html: echarts script is not valid UTF-8 text without NUL bytes")
	}
	lower := bytes.ToLower(s)
	for _, bad := range []string{"</script", "<!--"} {
		if bytes.Contains(lower, []byte(bad)) {
			return fmt.Errorf("html: echarts script contains %q and cannot be inlined into a <script> element", bad)
		}
	}
	return nil
}

// contentSecurityPolicy allows exactly the two inline scripts this package
// writes, by hash. It is a second line of defence behind template escaping:
// even if some markup slipped through, the browser would refuse to run it,
// and default-src 'none' makes the page unable to fetch anything, so a
// report opened from disk can never leak data over the network.
func contentSecurityPolicy(scripts ...string) string {
	var hashes []string
	for _, s := range scripts {
		sum := sha256.Sum256([]byte(s))
		hashes = append(hashes, "'sha256-"+base64.StdEncoding.EncodeToString(sum[:])+"'")
	}
	return strings.Join([]string{
		"default-src 'none'",
		"script-src " + strings.Join(hashes, " "),
		// echarts sets inline styles on the elements it creates; our own
		// markup uses style attributes for chart heights.
		"style-src 'unsafe-inline'",
		// The echarts "save as image" toolbox produces data: URLs.
		"img-src data: blob:",
		"base-uri 'none'",
		"form-action 'none'",
	}, "; ")
}
