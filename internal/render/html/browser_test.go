package html

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	stdhtml "html"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"
)

// go test ./internal/render/html/ -run Browser -args -screenshot=/tmp/dashboard.png
var screenshotPath = flag.String("screenshot", "", "also save a PNG of the demo dashboard rendered by chromium to this path")

const chromiumPath = "/usr/bin/chromium"

// needChromium returns the browser to use. CI must not silently lose the
// only test that proves the page actually draws, so there a missing browser
// or script is a failure; on a developer machine it is a skip.
func needChromium(t *testing.T) (chromium string, script []byte) {
	t.Helper()
	missing := t.Skipf
	if os.Getenv("CI") != "" {
		missing = t.Fatalf
	}
	if _, err := os.Stat(chromiumPath); err != nil {
		missing("browser test needs %s (apt-get install chromium): %v", chromiumPath, err)
	}
	script, err := EmbeddedEchartsScript()
	if err != nil {
		missing("browser test needs the real echarts: %v", err)
	}
	return chromiumPath, script
}

// harnessJS is spliced into the page before its CSP meta element, so it
// runs even under the page's policy. It records everything the page does
// that it should not (dialogs, CSP violations, errors) and, once charts had
// time to animate, what each chart container contains, all into an
// attribute that --dump-dom serialises.
const harnessJS = `(function () {
  // Headless chromium's --virtual-time-budget fast-forwards timers but
  // produces no animation frames meanwhile, so echarts' entry animations
  // would freeze after the first frame. Driving requestAnimationFrame from
  // timers puts the animations on the virtual clock too; zrender captures
  // requestAnimationFrame when echarts loads, which is after this runs.
  window.requestAnimationFrame = function (cb) {
    return setTimeout(function () { cb(performance.now()); }, 16);
  };
  window.cancelAnimationFrame = function (id) { clearTimeout(id); };
  var root = document.documentElement;
  var report = { alerts: [], violations: [], errors: [] };
  function save() { root.setAttribute("data-harness", JSON.stringify(report)); }
  window.alert = window.confirm = window.prompt = function (m) { report.alerts.push(String(m)); save(); };
  document.addEventListener("securitypolicyviolation", function (e) {
    report.violations.push(e.violatedDirective + " " + e.blockedURI + " " + e.sample); save();
  });
  window.addEventListener("error", function (e) { report.errors.push(String(e.message)); save(); });
  function measure() {
    report.charts = {};
    document.querySelectorAll("[data-chart]").forEach(function (el) {
      var c = el.querySelector("canvas");
      var info = { rendered: el.getAttribute("data-rendered"), canvases: el.querySelectorAll("canvas").length, painted: 0 };
      if (c) {
        info.width = c.width; info.height = c.height;
        var px = c.getContext("2d").getImageData(0, 0, c.width, c.height).data;
        for (var i = 3; i < px.length; i += 4) { if (px[i] !== 0) { info.painted++; } }
      }
      report.charts[el.getAttribute("data-chart")] = info;
    });
    report.scripts = document.scripts.length;
    report.images = document.images.length;
    report.status = document.body.getAttribute("data-render-status");
    report.pwned = root.getAttribute("data-pwned");
  }
  var start = 0;
  function finish(why) {
    if (report.done) { return; }
    measure();
    report.done = why;
    report.waited = Date.now() - start;
    save();
  }
  // Charts animate in for about a second after setOption; measuring earlier
  // would see half-drawn (or, for the funnel, empty) canvases. echarts fires
  // "finished" once an instance has rendered with no animation left. The
  // bootstrap has already created every instance when "load" fires, and
  // their animations have barely started, so no event can be missed.
  window.addEventListener("load", function () {
    start = Date.now();
    var pending = 0;
    if (typeof echarts !== "undefined") {
      document.querySelectorAll("[data-chart]").forEach(function (el) {
        var inst = echarts.getInstanceByDom(el);
        if (!inst) { return; }
        pending++;
        inst.on("finished", function once() {
          inst.off("finished", once);
          if (--pending === 0) { finish("finished"); }
        });
      });
    }
    if (pending === 0) { finish("no charts"); }
    setTimeout(function () { finish("timeout"); }, 8000);
  });
  console.log("partnerbook-harness: installed");
  save();
})();`

type harnessReport struct {
	Alerts, Violations, Errors []string
	Charts                     map[string]struct {
		Rendered      string
		Canvases      int
		Width, Height int
		Painted       int
	}
	Scripts, Images int
	Status          string
	Pwned           *string
	Done            string
	Waited          int
}

var harnessAttrRE = regexp.MustCompile(`data-harness="([^"]*)"`)

// TestBrowserDrawsDashboard renders the demo dashboard, opens it in headless
// chromium with networking disabled, and checks that every chart painted and
// that none of the hostile partner names did anything.
//
// It runs twice in parallel: once as shipped, and once with the CSP meta
// element removed, which proves the escaping alone keeps the payloads inert
// (under the CSP an injected script would be blocked anyway; that run instead
// proves no violation occurs, i.e. nothing tried to execute or load).
func TestBrowserDrawsDashboard(t *testing.T) {
	chromium, script := needChromium(t)

	var page bytes.Buffer
	if err := Render(&page, demoPage(script)); err != nil {
		t.Fatal(err)
	}
	shipped := page.String()

	screenshot(t, chromium, shipped, *screenshotPath, "1400,2000")

	for _, variant := range []struct {
		name  string
		strip bool
	}{{"with-csp", false}, {"without-csp", true}} {
		t.Run(variant.name, func(t *testing.T) {
			t.Parallel()
			doc := instrument(t, shipped, variant.strip)
			file := writePage(t, doc)
			dom, logs := runChromium(t, chromium, "--virtual-time-budget=10000", "--dump-dom", fileURL(file))
			checkDrawn(t, dom, logs, demoChartIDs, 0)
		})
	}
}

// screenshot saves a picture of page to path (when the flag set one) in a parallel subtest.
func screenshot(t *testing.T, chromium, page, path, size string) {
	if path == "" {
		return
	}
	t.Run("screenshot", func(t *testing.T) {
		t.Parallel()
		abs, err := filepath.Abs(path)
		if err != nil {
			t.Fatal(err)
		}
		// The harness changes nothing visible; it is here for its
		// animation clock, so the picture shows finished charts.
		file := writePage(t, instrument(t, page, false))
		runChromium(t, chromium, "--virtual-time-budget=10000", "--hide-scrollbars", "--screenshot="+abs, "--window-size="+size, fileURL(file))
		if st, err := os.Stat(abs); err != nil || st.Size() == 0 {
			t.Fatalf("no screenshot at %s: %v", abs, err)
		}
		t.Logf("screenshot saved to %s", abs)
	})
}

// instrument inserts the harness right after <meta charset> (before the CSP
// takes effect) and optionally removes the CSP.
func instrument(t *testing.T, doc string, stripCSP bool) string {
	t.Helper()
	const charset = `<meta charset="utf-8">`
	if strings.Count(doc, charset) != 1 {
		t.Fatalf("page has no unique %s to anchor the harness", charset)
	}
	doc = strings.Replace(doc, charset, charset+"\n<script>"+harnessJS+"</script>", 1)
	if stripCSP {
		csp := regexp.MustCompile(`<meta http-equiv="Content-Security-Policy"[^>]*>\n`)
		if len(csp.FindAllString(doc, -1)) != 1 {
			t.Fatal("page has no unique CSP meta element")
		}
		doc = csp.ReplaceAllString(doc, "")
	}
	return doc
}

func writePage(t *testing.T, doc string) string {
	t.Helper()
	file := filepath.Join(t.TempDir(), "dashboard.html")
	if err := os.WriteFile(file, []byte(doc), 0o644); err != nil {
		t.Fatal(err)
	}
	return file
}

func fileURL(path string) string { return "file://" + filepath.ToSlash(path) }

// runChromium runs one headless chromium with a throwaway profile and every
// network path closed, returning its stdout and stderr.
func runChromium(t *testing.T, chromium string, args ...string) (stdout, stderr string) {
	t.Helper()
	// Chromium starts in a few seconds on an idle machine; a loaded one (other builds
	// beside CI) was seen to need more than 30.
	ctx, cancel := context.WithTimeout(context.Background(), 120*time.Second)
	defer cancel()
	base := []string{
		"--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
		"--disable-background-networking", "--disable-component-update", "--disable-sync",
		"--disable-extensions", "--disable-default-apps", "--mute-audio",
		"--user-data-dir=" + t.TempDir(),
		// The page loads nothing from the network; make sure that if it
		// tried, the attempt would fail rather than succeed quietly.
		"--proxy-server=127.0.0.1:9", "--host-resolver-rules=MAP * ~NOTFOUND",
		"--enable-logging=stderr", "--v=0",
	}
	cmd := exec.CommandContext(ctx, chromium, append(base, args...)...)
	var out, errOut bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errOut
	// Keep chromium's crash reporter and friends from writing into $HOME.
	cmd.Env = append(os.Environ(), "HOME="+t.TempDir())
	start := time.Now()
	err := cmd.Run()
	t.Logf("chromium %s took %v", args[len(args)-2], time.Since(start).Round(time.Millisecond))
	if errors.Is(ctx.Err(), context.DeadlineExceeded) {
		t.Fatalf("chromium timed out; stderr:\n%s", errOut.String())
	}
	if err != nil {
		t.Fatalf("chromium: %v; stderr:\n%s", err, errOut.String())
	}
	return out.String(), errOut.String()
}

// consoleLineRE matches the page console messages chromium copies to stderr
// with --enable-logging, e.g.
// [..:INFO:CONSOLE:103] "Uncaught ReferenceError: ...", source: file:///... (103)
var consoleLineRE = regexp.MustCompile(`(?m)^\[[^\]]*:CONSOLE[^\]]*\] .*$`)

// checkDrawn asserts from the dumped DOM and the browser log that every chart of ids
// drew and nothing else ran; extraScripts counts test-only scripts beyond the harness.
func checkDrawn(t *testing.T, dom, logs string, ids []string, extraScripts int) {
	t.Helper()
	console := consoleLineRE.FindAllString(logs, -1)
	// Without this positive control an empty console list could just mean
	// the log format changed and we matched nothing.
	sawHarness := false
	for _, line := range console {
		if strings.Contains(line, "partnerbook-harness: installed") {
			sawHarness = true
			continue
		}
		t.Errorf("unexpected browser console output: %s", line)
	}
	if !sawHarness {
		t.Errorf("harness console message missing from chromium log; console capture is broken. stderr:\n%s", logs)
	}
	for _, line := range strings.Split(logs, "\n") {
		if strings.Contains(line, "Uncaught") || strings.Contains(line, "Content Security Policy") {
			t.Errorf("chromium log: %s", line)
		}
	}

	m := harnessAttrRE.FindStringSubmatch(dom)
	if m == nil {
		t.Fatalf("no harness report in the dumped DOM:\n%.2000s", dom)
	}
	var r harnessReport
	if err := json.Unmarshal([]byte(stdhtml.UnescapeString(m[1])), &r); err != nil {
		t.Fatalf("harness report: %v", err)
	}
	t.Logf("harness done (%s) after %d ms of page time", r.Done, r.Waited)
	if r.Done == "" {
		t.Fatalf("harness never finished (virtual time budget too small?): %+v", r)
	}
	if r.Done != "finished" {
		t.Errorf("charts did not all finish rendering: %s", r.Done)
	}
	if r.Status != "ok" {
		t.Errorf("page reports data-render-status=%q", r.Status)
	}
	if len(r.Alerts) > 0 {
		t.Errorf("hostile partner names executed: alert() called with %q", r.Alerts)
	}
	if r.Pwned != nil {
		t.Errorf("hostile partner names executed: data-pwned=%q", *r.Pwned)
	}
	if len(r.Violations) > 0 {
		t.Errorf("content security policy violations (something tried to run or load): %q", r.Violations)
	}
	if len(r.Errors) > 0 {
		t.Errorf("page errors: %q", r.Errors)
	}
	// Harness + echarts + bootstrap + one JSON block per chart, no <img>:
	// any extra element would mean markup from the data reached the DOM.
	if want := 3 + extraScripts + len(ids); r.Scripts != want {
		t.Errorf("DOM has %d script elements, want %d", r.Scripts, want)
	}
	if r.Images != 0 {
		t.Errorf("DOM has %d img elements, want 0", r.Images)
	}
	if len(r.Charts) != len(ids) {
		t.Errorf("found %d chart containers, want %d", len(r.Charts), len(ids))
	}
	for _, id := range ids {
		c, ok := r.Charts[id]
		switch {
		case !ok:
			t.Errorf("chart %s: container missing", id)
		case c.Rendered != "ok" || c.Canvases == 0:
			t.Errorf("chart %s: data-rendered=%q with %d canvases", id, c.Rendered, c.Canvases)
		case c.Width < 200 || c.Height < 200:
			t.Errorf("chart %s: canvas is only %dx%d", id, c.Width, c.Height)
		case c.Painted < c.Width*c.Height/100:
			// Axes, labels and series together cover well over 1% of the
			// canvas; a blank canvas means setOption drew nothing.
			t.Errorf("chart %s: only %d of %dx%d pixels painted", id, c.Painted, c.Width, c.Height)
		}
	}
	if t.Failed() {
		t.Logf("harness report: %+v", r)
	}
}
