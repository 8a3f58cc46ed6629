package html

import (
	"bytes"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"errors"
	stdhtml "html"
	"io/fs"
	"os"
	"regexp"
	"strings"
	"testing"
	"testing/fstest"
)

// fakeScript stands in for echarts in tests that only look at the bytes.
var fakeScript = []byte("/* not really echarts */ window.echarts = undefined;\r\n")

func render(t *testing.T, p Page) string {
	t.Helper()
	var buf bytes.Buffer
	if err := Render(&buf, p); err != nil {
		t.Fatalf("Render: %v", err)
	}
	return buf.String()
}

func TestRenderIsDeterministic(t *testing.T) {
	first := render(t, demoPage(fakeScript))
	// Fresh go-echarts values: each has a different random internal chart ID.
	second := render(t, demoPage(fakeScript))
	if first != second {
		t.Fatalf("two renders of equal input differ:\n%s", firstDiff(first, second))
	}
	// Rendering the same value twice must not change it either (Render calls
	// go-echarts' Validate, which mutates the chart).
	p := demoPage(fakeScript)
	a, b := render(t, p), render(t, p)
	if a != b || a != first {
		t.Fatalf("re-rendering the same Page changed the output:\n%s", firstDiff(a, b))
	}
}

func firstDiff(a, b string) string {
	n := 0
	for n < len(a) && n < len(b) && a[n] == b[n] {
		n++
	}
	lo := max(0, n-80)
	return "A: " + a[lo:min(len(a), n+80)] + "\nB: " + b[lo:min(len(b), n+80)]
}

var (
	scriptTagRE = regexp.MustCompile(`(?i)<script\b`)
	jsonBlockRE = regexp.MustCompile(`<script type="application/json" id="chart-options-([^"]+)">([^<]*)</script>`)
)

func TestRenderEscapesHostileNames(t *testing.T) {
	out := render(t, demoPage(fakeScript))

	// No payload survives verbatim anywhere in the page.
	for _, bad := range []string{xssScriptClose, xssImgOnerror, "<img", "<script>alert", "onerror=\""} {
		if strings.Contains(out, bad) {
			t.Errorf("page contains raw %q", bad)
		}
	}
	// Exactly the script elements we write: one JSON block per chart, the
	// echarts library and the bootstrap.
	if got, want := len(scriptTagRE.FindAllString(out, -1)), len(demoChartIDs)+2; got != want {
		t.Errorf("page has %d <script> tags, want %d", got, want)
	}
	// The go-echarts function marker never becomes code: every occurrence of
	// the function text is still wrapped in its __f__ markers, i.e. it is
	// only ever the inside of a JSON string.
	if got, want := strings.Count(out, "function(){alert(1)}"), strings.Count(out, xssFuncString); got != want || want == 0 {
		t.Errorf("function text occurs %d times, wrapped form %d times", got, want)
	}
	// Visible text is HTML-escaped, not dropped.
	for _, want := range []string{
		"<h1>Partner payouts &lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt;</h1>",
		"<td>&lt;img src=x onerror=&#34;document.documentElement.setAttribute(&#39;data-pwned&#39;,&#39;img&#39;)&#34;&gt;</td>",
		"<title>Partner payouts &lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt;</title>",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("page lacks escaped text %s", want)
		}
	}

	// Every chart's options arrive as valid JSON holding the names unchanged.
	blocks := jsonBlockRE.FindAllStringSubmatch(out, -1)
	if len(blocks) != len(demoChartIDs) {
		t.Fatalf("found %d option blocks, want %d", len(blocks), len(demoChartIDs))
	}
	var all []string
	for i, m := range blocks {
		if m[1] != demoChartIDs[i] {
			t.Errorf("block %d is for chart %q, want %q", i, m[1], demoChartIDs[i])
		}
		var v any
		if err := json.Unmarshal([]byte(m[2]), &v); err != nil {
			t.Fatalf("chart %s: options are not JSON: %v", m[1], err)
		}
		all = append(all, collectStrings(v)...)
	}
	for _, name := range hostileNames {
		found := false
		for _, s := range all {
			found = found || s == name
		}
		if !found {
			t.Errorf("no chart option carries %q verbatim", name)
		}
	}
}

func collectStrings(v any) []string {
	switch v := v.(type) {
	case string:
		return []string{v}
	case []any:
		var out []string
		for _, e := range v {
			out = append(out, collectStrings(e)...)
		}
		return out
	case map[string]any:
		var out []string
		for k, e := range v {
			out = append(out, k)
			out = append(out, collectStrings(e)...)
		}
		return out
	}
	return nil
}

// The CSP allows inline scripts by hash, so the hashes must match what the
// browser hashes: the element text after newline normalisation.
func TestCSPHashesMatchInlineScripts(t *testing.T) {
	out := render(t, demoPage(fakeScript))
	m := regexp.MustCompile(`http-equiv="Content-Security-Policy" content="([^"]*)"`).FindStringSubmatch(out)
	if m == nil {
		t.Fatal("no CSP meta in page")
	}
	m = regexp.MustCompile(`script-src ([^;]+)`).FindStringSubmatch(stdhtml.UnescapeString(m[1]))
	if m == nil {
		t.Fatal("no script-src in CSP")
	}
	allowed := m[1]
	blocks := regexp.MustCompile(`(?s)<script>(.*?)</script>`).FindAllStringSubmatch(out, -1)
	if len(blocks) != 2 {
		t.Fatalf("found %d executable inline scripts, want 2", len(blocks))
	}
	for _, b := range blocks {
		if strings.Contains(b[1], "\r") {
			t.Errorf("inline script still contains CR")
		}
		sum := sha256.Sum256([]byte(b[1]))
		h := "'sha256-" + base64.StdEncoding.EncodeToString(sum[:]) + "'"
		if !strings.Contains(allowed, h) {
			t.Errorf("script starting %.40q has hash %s, not in %s", b[1], h, allowed)
		}
	}
	if strings.Index(out, "Content-Security-Policy") > strings.Index(out, "<script") {
		t.Error("CSP meta must precede every script")
	}
}

func TestRenderWithoutEchartsScript(t *testing.T) {
	saved := assetFS
	t.Cleanup(func() { assetFS = saved })
	assetFS = fstest.MapFS{"assets/README.md": {Data: []byte("x")}}

	var buf bytes.Buffer
	err := Render(&buf, demoPage(nil))
	if !errors.Is(err, ErrEchartsScriptMissing) {
		t.Fatalf("err = %v, want ErrEchartsScriptMissing", err)
	}
	if !strings.Contains(err.Error(), "go generate") {
		t.Errorf("error does not tell the user what to run: %v", err)
	}
	if buf.Len() != 0 {
		t.Errorf("wrote %d bytes despite the error", buf.Len())
	}

	// An explicit script works without the embedded one.
	if out := render(t, demoPage([]byte("var echarts;"))); !strings.Contains(out, "<script>var echarts;</script>") {
		t.Error("Page.Script was not inlined")
	}
}

func TestRenderRejectsScriptsThatBreakThePage(t *testing.T) {
	for _, s := range []string{"", "  \n", "x='</SCRIPT>'", "x='<!--'", "x='\x00'", "x='\xff'"} {
		var buf bytes.Buffer
		if err := Render(&buf, Page{Title: "t", Script: []byte(s)}); err == nil {
			t.Errorf("script %q accepted", s)
		}
		if buf.Len() != 0 {
			t.Errorf("script %q: wrote output despite the error", s)
		}
	}
	// The bootstrap we ship must pass the same checks.
	if err := checkInlineScript([]byte(bootstrapJS)); err != nil {
		t.Errorf("bootstrap.js: %v", err)
	}
}

func TestRenderRejectsInvalidPages(t *testing.T) {
	chart := func(id string) Chart { return Chart{ID: id, Options: OptionsMap{}} }
	cases := map[string]Page{
		"empty ID":     {Sections: []Section{{Charts: []Chart{chart("")}}}},
		"ID with char": {Sections: []Section{{Charts: []Chart{chart(`a"b`)}}}},
		"duplicate ID": {Sections: []Section{{Charts: []Chart{chart("a")}}, {Charts: []Chart{chart("a")}}}},
		"nil options":  {Sections: []Section{{Charts: []Chart{{ID: "a"}}}}},
		"neg height":   {Sections: []Section{{Charts: []Chart{{ID: "a", Height: -1, Options: OptionsMap{}}}}}},
		"short row":    {Sections: []Section{{Tables: []Table{{Columns: []Column{{Name: "a"}, {Name: "b"}}, Rows: [][]string{{"1"}}}}}}},
		"bad JSON":     {Sections: []Section{{Charts: []Chart{{ID: "a", Options: OptionsMap{"x": func() {}}}}}}},
	}
	for name, p := range cases {
		p.Script = fakeScript
		var buf bytes.Buffer
		if err := Render(&buf, p); err == nil {
			t.Errorf("%s: no error", name)
		} else if buf.Len() != 0 {
			t.Errorf("%s: wrote output despite error %v", name, err)
		}
	}
}

// Keeps EchartsVersion, assets/package.json and the generated script in step.
func TestEmbeddedAssetsMatchPinnedVersion(t *testing.T) {
	pkg, err := fs.ReadFile(embeddedAssets, "assets/package.json")
	if err != nil {
		t.Fatal(err)
	}
	var manifest struct{ Dependencies map[string]string }
	if err := json.Unmarshal(pkg, &manifest); err != nil {
		t.Fatal(err)
	}
	if got := manifest.Dependencies["echarts"]; got != EchartsVersion {
		t.Errorf("assets/package.json pins echarts %q, EchartsVersion is %q", got, EchartsVersion)
	}

	script, err := EmbeddedEchartsScript()
	if errors.Is(err, ErrEchartsScriptMissing) && os.Getenv("CI") == "" {
		t.Skip("assets/echarts.min.js not generated; run go generate ./internal/render/html/")
	}
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(script, []byte(`version="`+EchartsVersion+`"`)) {
		t.Errorf("embedded echarts.min.js is not version %s", EchartsVersion)
	}
	if err := checkInlineScript(script); err != nil {
		t.Errorf("embedded echarts.min.js cannot be inlined: %v", err)
	}
}
