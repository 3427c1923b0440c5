/*
 * The leaders' view: fetches /api/dashboard for a scope and period and shows it. Every figure
 * and sentence comes from the server (the status card's own code); the page only lays it out.
 * Drill-down (plan → focus area → activity) and the period change the address, so the browser's
 * back button and a channel tab's saved address work.
 */
(function () {
  'use strict';
  var session = window.LogbogSession;
  var charts = window.LogbogCharts;
  var view = { scope: session.params.get('scope') || 'plan', period: session.params.get('period') || '' };
  var last;

  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) {
      if (k === 'text') node.textContent = attrs[k];
      else if (k === 'onclick') node.addEventListener('click', attrs[k]);
      else if (attrs[k] !== undefined && attrs[k] !== false) node.setAttribute(k, attrs[k]);
    });
    (children || []).forEach(function (c) { if (c) node.appendChild(c); });
    return node;
  }
  function $(id) { return document.getElementById(id); }

  function table(caption, head, rows, numeric) {
    return el('table', {}, [
      caption ? el('caption', { text: caption }) : null,
      el('thead', {}, [el('tr', {}, head.map(function (h, i) { return el('th', { scope: 'col', text: h, class: numeric && numeric[i] ? 'num' : undefined }); }))]),
      el('tbody', {}, rows.map(function (r) {
        return el('tr', {}, r.map(function (c, i) {
          var cell = typeof c === 'object' && c !== null ? c : { text: String(c) };
          return el(i === 0 ? 'th' : 'td', { scope: i === 0 ? 'row' : undefined, text: cell.text, class: [numeric && numeric[i] ? 'num' : '', cell.judgement ? 'j-' + cell.judgement : ''].join(' ').trim() || undefined });
        }));
      })),
    ]);
  }

  function go(scope, period) {
    view.scope = scope;
    if (period !== undefined) view.period = period;
    var q = new URLSearchParams(window.location.search);
    q.set('scope', view.scope);
    if (view.period) q.set('period', view.period); else q.delete('period');
    history.pushState(view, '', '?' + q.toString());
    load(true);
  }

  function focusAreas(d) {
    if (!d.focusAreas.length) return null;
    return el('section', { 'aria-labelledby': 'fa-h' }, [
      el('h2', { id: 'fa-h', text: d.labels.focusAreas }),
      el('ul', { class: 'cards' }, d.focusAreas.map(function (fa) {
        return el('li', {}, [
          el('h3', { text: fa.name }),
          el('p', { text: fa.mix.text }),
          el('button', { type: 'button', class: 'primary', text: fa.open, onclick: function () { go(fa.scope); } }),
        ]);
      })),
    ]);
  }

  function holder(d, h, index) {
    var c = d.labels.columns;
    var parts = [el('h3', { id: 'holder-' + index, text: h.name })];
    if (h.figures) parts.push(el('p', { class: 'figures', text: h.figures }));
    if (h.scope) parts.push(el('p', {}, [el('button', { type: 'button', text: h.open, onclick: function () { go(h.scope); } })]));
    if (h.targets.length) {
      parts.push(table('', [c.criterion, c.actual, c.goal, c.judgement], h.targets.map(function (t) {
        return [t.text, t.actual, t.goal, { text: t.marker, judgement: t.judgement }];
      }), [false, true, false, false]));
      h.targets.forEach(function (t) {
        if (!t.series || !t.series.points.length) return;
        var canvas = el('canvas', { role: 'img', 'aria-label': t.series.label, 'data-target-key': t.key });
        parts.push(el('figure', { class: 'chart-figure' }, [el('div', { class: 'chart' }, [canvas]), el('figcaption', { class: 'hint', text: t.series.label })]));
        var points = {};
        t.series.points.forEach(function (p) { points[p.month] = p.text; });
        var goals = {};
        t.series.goal.forEach(function (g) { goals[g.month] = g.text; });
        parts.push(el('details', {}, [
          el('summary', { text: d.labels.chartTable }),
          table(t.text, [d.labels.month, d.labels.seriesActual, d.labels.seriesGoal], t.series.months.filter(function (m) { return points[m.month] !== undefined; }).map(function (m) {
            return [m.label, points[m.month], goals[m.month] || ''];
          }), [false, true, true]),
        ]));
        pending.push(function () { charts.targetChart(canvas, t.series, d.labels); });
      });
    }
    return el('section', { class: 'holder', 'aria-labelledby': 'holder-' + index }, parts);
  }

  function funnel(d) {
    var rows = d.funnel.offers.map(function (o) { return [o.name].concat(o.values.map(function (v) { return v.text; })); });
    return el('section', { 'aria-labelledby': 'funnel-h' }, [
      el('h2', { id: 'funnel-h', text: d.labels.funnel }),
      rows.length ? table('', [d.labels.funnelOffer].concat(d.funnel.steps), rows, [false, true, true, true, true]) : el('p', { text: d.labels.noFunnel }),
    ]);
  }

  function cadences(d) {
    if (!d.cadences.length) return null;
    var c = d.labels.cadenceColumns;
    return el('section', { 'aria-labelledby': 'cad-h' }, [
      el('h2', { id: 'cad-h', text: d.labels.cadences }),
      table('', [c.network, c.held, c.detail, c.judgement], d.cadences.map(function (x) { return [x.text, x.actual, x.detail, { text: x.marker, judgement: x.judgement }]; }), [false, true, false, false]),
    ]);
  }

  function milestones(d) {
    var list = d.milestones.timeline;
    return el('section', { 'aria-labelledby': 'ms-h' }, [
      el('h2', { id: 'ms-h', text: d.labels.milestones }),
      el('p', { text: d.milestones.summary }),
      list.length
        ? el('ol', { class: 'timeline' }, list.map(function (m) {
          return el('li', { class: m.mark }, [
            el('span', { text: m.due + ' · ' }),
            el('span', { class: 'badge', text: m.markText }),
            el('span', { text: ' · ' + m.text + (m.moved ? ' (' + m.moved + ')' : '') }),
          ]);
        }))
        : el('p', { text: d.labels.noMilestones }),
    ]);
  }

  function indicators(d) {
    if (!d.indicators.length) return null;
    var c = d.labels.indicatorColumns;
    return el('section', { 'aria-labelledby': 'ind-h' }, [
      el('h2', { id: 'ind-h', text: d.labels.indicators }),
      table('', [c.name, c.latest, c.baseline, c.direction, c.judgement], d.indicators.map(function (i) { return [i.name, i.latest, i.baseline, i.direction, { text: i.marker, judgement: i.judgement }]; })),
    ]);
  }

  async function download(year, format) {
    var res = await session.get('/api/dashboard/report', { year: String(year), format: format });
    if (!res.ok) return showError((await res.json()).error);
    var name = /filename="([^"]+)"/.exec(res.headers.get('content-disposition') || '');
    var url = URL.createObjectURL(await res.blob());
    var a = el('a', { href: url, download: name ? name[1] : 'logbog.' + format });
    document.body.appendChild(a);
    a.click();
    a.remove();
    setTimeout(function () { URL.revokeObjectURL(url); }, 10000);
  }

  function showError(text) {
    $('message').textContent = text || '';
  }

  var pending = [];
  function render(d) {
    last = d;
    document.documentElement.lang = d.language;
    document.title = d.labels.title;
    $('notice').hidden = !d.notice;
    $('notice').textContent = d.notice || '';
    $('heading').textContent = d.heading;
    $('subtitle').textContent = d.subtitle;
    $('banner').hidden = !d.banner;
    $('banner').textContent = d.banner;
    $('breadcrumbs').setAttribute('aria-label', d.labels.breadcrumbs);
    $('breadcrumbs').replaceChildren(el('ol', {}, d.breadcrumbs.map(function (b, i) {
      var current = i === d.breadcrumbs.length - 1;
      return el('li', {}, [current ? el('span', { 'aria-current': 'page', text: b.label }) : el('button', { type: 'button', text: b.label, onclick: function () { go(b.scope); } })]);
    })));
    $('period-form').hidden = false;
    $('period-label').textContent = d.labels.period;
    $('period-hint').textContent = d.labels.periodHint;
    $('period-submit').textContent = d.labels.showPeriod;
    $('period-input').value = view.period || d.period.label;
    $('reports').replaceChildren.apply($('reports'), d.reports.slice(0, 2).flatMap(function (r) {
      return [
        el('button', { type: 'button', text: r.docx, onclick: function () { download(r.year, 'docx'); } }),
        el('button', { type: 'button', text: r.xlsx, onclick: function () { download(r.year, 'xlsx'); } }),
      ];
    }));
    charts.destroyAll();
    pending = [];
    var parts = [
      d.summary ? el('p', { class: 'summary', text: d.summary.text }) : null,
      focusAreas(d),
      d.holders.length ? el('h2', { text: d.labels.activities }) : null,
    ].concat(d.holders.map(function (h, i) { return holder(d, h, i); }), [funnel(d), cadences(d), milestones(d), indicators(d)]);
    $('content').replaceChildren.apply($('content'), parts.filter(Boolean));
    pending.forEach(function (draw) { draw(); });
  }

  async function load(moveFocus) {
    showError('');
    $('loading').hidden = false;
    $('main').setAttribute('aria-busy', 'true');
    try {
      var res = await session.get('/api/dashboard', { scope: view.scope, period: view.period });
      var body = await res.json();
      if (!res.ok) {
        $('content').replaceChildren();
        charts.destroyAll();
        showError(body.error);
      } else render(body);
    } catch {
      showError((last && last.labels.failed) || 'Overblikket kunne ikke hentes. Prøv igen om lidt.');
    } finally {
      $('loading').hidden = true;
      $('main').setAttribute('aria-busy', 'false');
      document.body.setAttribute('data-ready', 'true');
      if (moveFocus) $('heading').focus();
    }
  }

  $('period-form').addEventListener('submit', function (e) {
    e.preventDefault();
    go(view.scope, $('period-input').value.trim());
  });
  window.addEventListener('popstate', function (e) {
    if (e.state) view = e.state;
    load(true);
  });
  session.state.onTheme = function () { if (last) render(last); };
  session.start().then(function () { return load(false); }, function () {
    showError('Logbog kunne ikke bekræfte, hvem du er. Åbn fanen i Teams igen.');
    $('loading').hidden = true;
    document.body.setAttribute('data-ready', 'true');
  });
})();
