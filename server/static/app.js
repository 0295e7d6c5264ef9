// guarantor web UI: durability charts (uPlot), run progress (Server-Sent
// Events) and jumping to an error's line. No inline scripts: the page's
// Content-Security-Policy allows only files from this server.
(function () {
  "use strict";
  var palette = ["#4a7fb5", "#c9733c", "#5a9e5a", "#a04a8c", "#8c7a3c", "#3c8c8c", "#b54a4a", "#6a6a6a"];

  function durability(host) {
    var data = JSON.parse(host.parentNode.querySelector("script.chart-data").textContent);
    if (!data || !data.years || !window.uPlot) { return; }
    var series = [{ label: "years" }];
    var cols = [data.years];
    data.series.forEach(function (s, i) {
      series.push({ label: s.label, stroke: palette[i % palette.length], width: 2, spanGaps: true,
        value: function (u, v) { return v == null ? "-" : (100 * v).toFixed(1) + "%"; } });
      cols.push(s.values);
    });
    // The chart takes its box's width (at most 900 px) and follows it when
    // the window changes (a phone turned, a window narrowed): a fixed width
    // ran off the side of a phone's screen.
    var fit = function () { return Math.min(host.clientWidth || 800, 900); };
    var u = new uPlot({ width: fit(), height: 280, series: series,
      // After a war every option stays within a few points of the others
      // for years: an axis from 0% would draw them as one line. The axis
      // runs from the lowest value, rounded down to 5 points, to 100%.
      scales: { x: { time: false }, y: { range: function (u, lo) {
        if (lo == null || isNaN(lo)) { return [0, 1]; }
        return [Math.max(0, Math.min(0.9, Math.floor((lo - 0.01) * 20) / 20)), 1];
      } } },
      // The long axis title is wider than a phone's chart: a short one there.
      axes: [{ label: fit() < 600 ? "years (after a war: since the armistice)" : "years from the assessment date (after a war: from the armistice)" }, { label: "P(no war by then)",
        values: function (u, vs) { return vs.map(function (v) { return (100 * v).toFixed(Math.abs(100 * v - Math.round(100 * v)) > 1e-9 ? 1 : 0) + "%"; }); } }] }, cols, host);
    var last = fit();
    window.addEventListener("resize", function () {
      var w = fit();
      if (w !== last) { last = w; u.setSize({ width: w, height: 280 }); }
    });
  }

  function progress(box) {
    var id = box.getAttribute("data-run");
    var st = box.getAttribute("data-status");
    if (st !== "queued" && st !== "running") { return; }
    var es = new EventSource("/api/runs/" + encodeURIComponent(id) + "/events");
    es.addEventListener("progress", function (e) {
      var ev = JSON.parse(e.data);
      document.getElementById("status").textContent = ev.status + (ev.status === "running" ? " " + Math.round(100 * ev.progress) + "%" : "");
      document.getElementById("bar").value = ev.progress;
      if (ev.status !== "queued" && ev.status !== "running") { es.close(); window.location.reload(); }
    });
    es.onerror = function () { es.close(); setTimeout(function () { window.location.reload(); }, 2000); };
  }

  function gotoLine(a) {
    var ta = document.getElementById("yaml");
    var line = parseInt(a.getAttribute("data-line"), 10), col = parseInt(a.getAttribute("data-col"), 10) || 1;
    var lines = ta.value.split("\n"), pos = 0;
    for (var i = 0; i < line - 1 && i < lines.length; i++) { pos += lines[i].length + 1; }
    pos += col - 1;
    ta.focus();
    ta.setSelectionRange(pos, pos);
  }

  // quickFill writes a scenario text from the common-fields form. Values
  // are quoted as YAML strings, so no input can add structure.
  function q(s) { return JSON.stringify(String(s)); }
  function quickFill() {
    var v = function (id) { return document.getElementById(id).value; };
    var inst = v("q-instrument"), src = q(v("q-source"));
    var lines = ["# " + v("q-option").replace(/\n/g, " ") + " (made with the common-fields form; see docs/scenario.md)",
      "name: " + q(v("q-option")), "challenger: " + q(v("q-challenger")), "protege: " + q(v("q-protege")),
      "horizon:", "  value: " + (parseInt(v("q-horizon"), 10) || 10), "  source: judgment",
      "option:", "  name: " + q(v("q-option")), "  guarantors:", "    - country: " + q(v("q-guarantor")),
      "      instruments:", "        - type: " + inst];
    if (inst === "tripwire") {
      lines.push("          troops:", "            value: " + (parseInt(v("q-troops"), 10) || 0), "            source: " + src);
    } else if (inst === "advisers") {
      lines.push("          personnel:", "            value: " + (parseInt(v("q-troops"), 10) || 0), "            source: " + src);
    }
    lines.push("          source: " + src);
    var ta = document.getElementById("yaml");
    ta.value = lines.join("\n") + "\n";
    ta.dispatchEvent(new Event("input", { bubbles: true }));
  }

  document.addEventListener("DOMContentLoaded", function () {
    var fill = document.getElementById("q-fill");
    if (fill) { fill.addEventListener("click", quickFill); }
    document.querySelectorAll("[data-chart=durability]").forEach(durability);
    var box = document.getElementById("progress");
    if (box) { progress(box); }
    document.body.addEventListener("click", function (e) {
      var a = e.target.closest("a.goto");
      if (a) { e.preventDefault(); gotoLine(a); }
    });
  });
})();
