// The membership chart of the overview: reported sizes as points that open their source when
// selected, and members known by name as a step line. The tables under the chart hold the same
// numbers, so a reader without JavaScript or without sight of the canvas loses nothing.
(function () {
  "use strict";
  var canvas = document.getElementById("membership-chart");
  var source = document.getElementById("membership-chart-data");
  if (!canvas || !source || typeof Chart === "undefined") return;
  var data = JSON.parse(source.textContent);
  var DAY = 86400000;

  // Chart.js has no date adapter here, so dates are plotted as milliseconds on a linear axis
  // and written back as ISO dates on the ticks and in the tooltips.
  function time(iso) { return Date.parse(iso + "T00:00:00Z"); }
  function iso(ms) { return new Date(ms).toISOString().slice(0, 10); }

  var reported = data.reported.map(function (p) {
    return { x: time(p.x), y: p.y, qualifier: p.qualifier, url: p.url };
  });
  var named = data.named.map(function (p) { return { x: time(p.x), y: p.y }; });
  // The step line holds its last value up to the last reported size, so both end together.
  var last = reported.length ? reported[reported.length - 1].x : null;
  if (named.length && last !== null && last > named[named.length - 1].x) {
    named.push({ x: last, y: named[named.length - 1].y });
  }

  // Chart.js's default grey text is too faint; use the page's muted ink (AA on white).
  Chart.defaults.color = "#4a5360";
  var chart = new Chart(canvas, {
    type: "line",
    data: {
      datasets: [
        {
          label: "Reported size",
          data: reported,
          showLine: false,
          pointRadius: 6,
          pointHoverRadius: 9,
          borderColor: "#0b5cad",
          backgroundColor: "#0b5cad"
        },
        {
          label: "Members known by name",
          data: named,
          stepped: "before",
          pointRadius: 2,
          borderWidth: 2,
          borderColor: "#1e6b34",
          backgroundColor: "#1e6b34"
        }
      ]
    },
    options: {
      maintainAspectRatio: false,
      animation: false,
      interaction: { mode: "nearest", intersect: true },
      scales: {
        x: {
          type: "linear",
          ticks: { callback: function (value) { return iso(value).slice(0, 4); }, maxRotation: 0 },
          afterDataLimits: function (axis) { axis.min -= 30 * DAY; axis.max += 30 * DAY; },
          // One tick on the first of January of each year: dates a reader can place at once.
          afterBuildTicks: function (axis) {
            var ticks = [];
            var year = new Date(axis.min).getUTCFullYear() + 1;
            for (; Date.UTC(year, 0, 1) <= axis.max; year++) ticks.push({ value: Date.UTC(year, 0, 1) });
            if (ticks.length) axis.ticks = ticks;
          }
        },
        y: { beginAtZero: true, title: { display: true, text: "Members" } }
      },
      plugins: {
        tooltip: {
          callbacks: {
            title: function (items) { return items.length ? iso(items[0].raw.x) : ""; },
            label: function (item) {
              var q = item.raw.qualifier ? item.raw.qualifier + " " : "";
              var hint = item.raw.url ? " (select to open the source)" : "";
              return item.dataset.label + ": " + q + item.raw.y + hint;
            }
          }
        }
      },
      onHover: function (event, elements) {
        var linked = elements.some(function (e) { return e.datasetIndex === 0 && reported[e.index].url; });
        canvas.style.cursor = linked ? "pointer" : "default";
      },
      onClick: function (event, elements) {
        for (var i = 0; i < elements.length; i++) {
          var e = elements[i];
          if (e.datasetIndex === 0 && reported[e.index].url) {
            window.location.href = reported[e.index].url;
            return;
          }
        }
      }
    }
  });
  canvas.chart = chart;
})();
