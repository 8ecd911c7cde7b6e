// Draws the chart of a subject's figures over time from the JSON the page carries beside it.
// Chart.js has no date adapter here, so x is milliseconds since 1970 and the ticks are written
// as dates by hand. A click on a point opens the evidence for that figure.
(function () {
  "use strict";

  var OK = "#0b5cad";
  var CONFLICT = "#a4161a";

  function isoDay(ms) {
    return new Date(ms).toISOString().slice(0, 10);
  }

  function draw(canvas, data) {
    var points = data.points;
    var chart = new Chart(canvas, {
      type: "line",
      data: {
        datasets: [{
          label: data.subject,
          data: points,
          borderColor: OK,
          backgroundColor: OK,
          pointRadius: 6,
          pointHoverRadius: 8,
          pointStyle: function (context) {
            var point = points[context.dataIndex];
            return point && point.conflict ? "triangle" : "circle";
          },
          pointBackgroundColor: function (context) {
            var point = points[context.dataIndex];
            return point && point.conflict ? CONFLICT : OK;
          },
          pointBorderColor: function (context) {
            var point = points[context.dataIndex];
            return point && point.conflict ? CONFLICT : OK;
          }
        }]
      },
      options: {
        maintainAspectRatio: false,
        parsing: false,
        scales: {
          x: { type: "linear", ticks: { callback: isoDay, maxTicksLimit: 8 } },
          y: { beginAtZero: true }
        },
        plugins: {
          legend: { display: false },
          tooltip: {
            callbacks: {
              label: function (item) {
                var point = points[item.dataIndex];
                return point.label + (point.conflict ? " (in conflict)" : "");
              },
              title: function () { return ""; }
            }
          }
        },
        onHover: function (event, elements) {
          canvas.style.cursor = elements.length ? "pointer" : "default";
        },
        onClick: function (event, elements) {
          if (elements.length) {
            window.location.href = points[elements[0].index].href;
          }
        }
      }
    });
    return chart;
  }

  function start() {
    var scripts = document.querySelectorAll("script[type='application/json'][id$='-data']");
    Array.prototype.forEach.call(scripts, function (script) {
      var canvas = document.getElementById(script.id.replace(/-data$/, ""));
      if (canvas && typeof Chart !== "undefined") {
        draw(canvas, JSON.parse(script.textContent));
      }
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
