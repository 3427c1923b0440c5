/*
 * The charts: Chart.js (UMD build, served from node_modules). A canvas is a picture to a screen
 * reader, so every chart has a label and the same figures in a table beside it.
 */
(function () {
  'use strict';
  var charts = [];

  function colour(name) {
    return getComputedStyle(document.body).getPropertyValue(name).trim();
  }

  /** A target's cumulative figure by month (only months with logs) against the goal line. */
  function targetChart(canvas, series, labels) {
    var months = series.months.map(function (m) { return m.month; });
    var names = {};
    series.months.forEach(function (m) { names[m.month] = m.label; });
    var datasets = [
      {
        label: labels.seriesActual,
        data: series.points.map(function (p) { return { x: p.month, y: p.value }; }),
        borderColor: colour('--accent'),
        backgroundColor: colour('--accent'),
        pointRadius: 4,
        spanGaps: true,
      },
    ];
    if (series.goal.length) {
      datasets.push({
        label: labels.seriesGoal,
        data: series.goal.map(function (g) { return { x: g.month, y: g.value }; }),
        borderColor: colour('--goal'),
        backgroundColor: colour('--goal'),
        borderDash: [6, 4],
        pointRadius: 0,
      });
    }
    var chart = new Chart(canvas, {
      type: 'line',
      data: { labels: months, datasets: datasets },
      options: {
        responsive: true,
        maintainAspectRatio: false,
        animation: false,
        color: colour('--fg'),
        scales: {
          x: { ticks: { color: colour('--muted'), callback: function (value) { return names[months[value]]; } }, grid: { color: colour('--line') } },
          y: { beginAtZero: true, ticks: { color: colour('--muted') }, grid: { color: colour('--line') } },
        },
        plugins: { legend: { labels: { color: colour('--fg') } } },
      },
    });
    charts.push(chart);
    return chart;
  }

  function destroyAll() {
    charts.forEach(function (c) { c.destroy(); });
    charts = [];
  }

  window.LogbogCharts = { targetChart: targetChart, destroyAll: destroyAll };
})();
