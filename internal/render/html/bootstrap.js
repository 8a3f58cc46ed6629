// Draws every chart on the page. Options come from inert
// JSON data blocks (type="application/json") and go through JSON.parse, never
// eval, so nothing in the report data can run as code. Progress is recorded
// in data-* attributes so a headless browser (and a curious human) can tell
// whether everything drew.
(function () {
  "use strict";
  var body = document.body;
  var errors = [];
  function fail(msg) {
    errors.push(String(msg));
    body.setAttribute("data-render-status", "error: " + errors.join("; "));
  }
  window.addEventListener("error", function (e) { fail(e.message); });
  if (typeof echarts === "undefined") {
    fail("echarts library is missing");
    return;
  }
  var charts = [];
  var nodes = document.querySelectorAll("[data-chart]");
  for (var i = 0; i < nodes.length; i++) {
    var el = nodes[i];
    var id = el.getAttribute("data-chart");
    try {
      var src = document.getElementById("chart-options-" + id);
      var options = JSON.parse(src.textContent);
      var chart = echarts.init(el, null, { renderer: "canvas" });
      chart.setOption(options);
      charts.push(chart);
      el.setAttribute("data-rendered", "ok");
    } catch (err) {
      el.setAttribute("data-rendered", "error");
      el.textContent = "This chart could not be drawn: " + err;
      fail(id + ": " + err);
    }
  }
  if (errors.length === 0) {
    body.setAttribute("data-render-status", "ok");
  }
  // echarts sizes its canvas once, at init. Containers change width not
  // only on window resize but also when the vertical scrollbar appears
  // after load or the grid reflows, so watch the containers themselves.
  function fit(el) {
    var chart = echarts.getInstanceByDom(el);
    if (chart && (chart.getWidth() !== el.clientWidth || chart.getHeight() !== el.clientHeight)) {
      chart.resize();
    }
  }
  if (typeof ResizeObserver === "function") {
    var observer = new ResizeObserver(function (entries) {
      for (var j = 0; j < entries.length; j++) {
        fit(entries[j].target);
      }
    });
    for (var k = 0; k < charts.length; k++) {
      observer.observe(charts[k].getDom());
    }
  } else {
    window.addEventListener("resize", function () {
      for (var j = 0; j < charts.length; j++) {
        fit(charts[j].getDom());
      }
    });
  }
})();
