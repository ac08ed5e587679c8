// planwatch dashboard: charts from the data-chart specs the server wrote,
// and links between import marks and the fields they were read into.
// Everything else works without this script.
(function () {
  "use strict";

  function overviewOption(s, narrow) {
    // On a phone the pie sits above the bars instead of beside them.
    var pie = narrow ? { center: ["50%", "22%"], radius: ["14%", "28%"] } : { center: ["20%", "50%"], radius: ["30%", "58%"] };
    return {
      animation: false,
      tooltip: { trigger: "item" },
      legend: { bottom: 0, type: "scroll" },
      title: [
        { text: s.title1, left: "2%", top: 0, textStyle: { fontSize: 14 } },
        { text: s.title2, left: narrow ? "2%" : "42%", top: narrow ? "44%" : 0, textStyle: { fontSize: 14 } }
      ],
      grid: narrow ? { left: 8, right: 16, top: "50%", bottom: 60, containLabel: true } : { left: "42%", right: "3%", top: 30, bottom: 50, containLabel: true },
      xAxis: { type: "value", minInterval: 1 },
      yAxis: { type: "category", data: s.categories, inverse: true, axisLabel: { width: narrow ? 110 : 160, overflow: "truncate" } },
      series: [{
        type: "pie", radius: pie.radius, center: pie.center, label: { formatter: "{c}" },
        data: s.statuses.filter(function (st) { return st.total > 0; }).map(function (st) { return { name: st.label, value: st.total, itemStyle: { color: st.colour } }; })
      }].concat(s.statuses.map(function (st) {
        return { type: "bar", stack: "n", name: st.label, data: st.by_cat, itemStyle: { color: st.colour }, barMaxWidth: 22 };
      }))
    };
  }

  function targetOption(s) {
    var series = [{
      name: s.labels.counted, type: "line", step: false, data: s.counted, symbolSize: 7,
      lineStyle: { width: 3, color: "#0b4f8a" }, itemStyle: { color: "#0b4f8a" },
      markLine: {
        symbol: "none", label: { formatter: "{b}" },
        data: [
          { name: s.labels.target, yAxis: s.target, lineStyle: { color: "#b42318", type: "solid" } },
          { name: s.labels.as_of, xAxis: s.as_of, lineStyle: { color: "#57606a", type: "dotted" } }
        ]
      }
    }];
    if (s.expected) {
      series.push({ name: s.labels.expected, type: "line", data: s.expected, symbol: "none", lineStyle: { type: "dashed", color: "#8a5a00" }, itemStyle: { color: "#8a5a00" } });
    }
    return {
      animation: false,
      tooltip: { trigger: "axis" },
      legend: { bottom: 0 },
      grid: { left: 10, right: 30, top: 30, bottom: 40, containLabel: true },
      xAxis: { type: "time" },
      yAxis: { type: "value", max: function (v) { return Math.max(v.max, s.target) * 1.1; } },
      series: series
    };
  }

  function drawCharts() {
    if (!window.echarts) { return; }
    var nodes = document.querySelectorAll("[data-chart]");
    Array.prototype.forEach.call(nodes, function (el) {
      var spec;
      try { spec = JSON.parse(el.getAttribute("data-chart")); } catch (e) { return; }
      var opt = spec.kind === "overview" ? overviewOption(spec, el.clientWidth < 600) : targetOption(spec);
      var chart = window.echarts.init(el, null, { renderer: "canvas" });
      chart.setOption(opt);
      el.setAttribute("data-chart-ready", "1");
      window.addEventListener("resize", function () { chart.resize(); });
    });
  }

  // Import preview: focusing a field outlines where it was read from.
  function linkMarks() {
    document.addEventListener("focusin", function (ev) {
      var id = ev.target && ev.target.id;
      Array.prototype.forEach.call(document.querySelectorAll("mark.active"), function (m) { m.classList.remove("active"); });
      if (!id) { return; }
      Array.prototype.forEach.call(document.querySelectorAll("mark[data-field]"), function (m) {
        if (m.getAttribute("data-field") === id || id.indexOf(m.getAttribute("data-field").replace(/\.(value|deadline)$/, "") + ".") === 0) {
          m.classList.add("active");
          if (m.scrollIntoView) { m.scrollIntoView({ block: "nearest" }); }
        }
      });
    });
    document.addEventListener("click", function (ev) {
      var a = ev.target.closest && ev.target.closest("mark[data-field] a");
      if (!a) { return; }
      var field = document.getElementById(a.parentNode.getAttribute("data-field"));
      if (field) { ev.preventDefault(); field.focus(); }
    });
  }

  document.addEventListener("DOMContentLoaded", function () { drawCharts(); linkMarks(); });
})();
