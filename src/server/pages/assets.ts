import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { GetRoute } from '../respond.js';

/** The page's stylesheet: plain CSS, logical properties so right-to-left pages mirror. */
const PAGE_CSS = `
:root { color-scheme: light dark; font-family: system-ui, sans-serif; line-height: 1.45; }
body { max-width: 60rem; margin: 0 auto; padding: 1rem; }
header h1 { margin-block-end: 0.2rem; }
.summary, .feeds, .count, .actors { color: GrayText; margin-block: 0.2rem; }
form.filter { display: flex; flex-wrap: wrap; gap: 0.6rem; align-items: end; margin-block: 1rem; }
figure.chart { margin: 1rem 0; }
figure.chart canvas { max-height: 18rem; }
ol.timeline { list-style: none; padding: 0; }
li.development { border-block-start: 1px solid GrayText; padding-block: 0.6rem; }
li.development h2 { font-size: 1.1rem; margin: 0; }
blockquote { margin-inline: 0; padding-inline-start: 0.8rem; border-inline-start: 3px solid GrayText; }
ul.sources { padding-inline-start: 1.2rem; font-size: 0.92rem; }
.outlet { font-weight: 600; }
`;

/** Draws the chart from the page's embedded data with Chart.js: bars of sources per day stacked by language, a mark per development. */
const CHART_SCRIPT = `(function () {
  var data = JSON.parse(document.getElementById('chart-data').textContent);
  var canvas = document.getElementById('sources-chart');
  if (!canvas || typeof Chart === 'undefined' || data.days.length === 0) return;
  var palette = data.palette;
  var totals = data.days.map(function (_, i) { return data.series.reduce(function (sum, s) { return sum + s.counts[i]; }, 0); });
  var top = Math.max.apply(null, totals.concat([1]));
  var perDay = {};
  var marks = data.marks.map(function (m) {
    perDay[m.day] = (perDay[m.day] || 0) + 1;
    return { x: m.day, y: top * (1 + 0.12 * perDay[m.day]), id: m.id, label: m.label };
  });
  var datasets = data.series.map(function (s, i) {
    return { type: 'bar', label: s.name, data: s.counts, stack: 'sources', backgroundColor: palette[i % palette.length] };
  });
  datasets.push({
    type: 'line', label: data.markLabel, data: marks, showLine: false, pointStyle: 'triangle', pointRadius: 8,
    pointBackgroundColor: '#222', borderColor: '#222', storywatchMarks: true
  });
  new Chart(canvas, {
    data: { labels: data.days, datasets: datasets },
    options: {
      animation: false, responsive: true, maintainAspectRatio: false,
      scales: { x: { stacked: true, reverse: data.rtl }, y: { stacked: true, beginAtZero: true, suggestedMax: top * 1.5, ticks: { precision: 0 } } },
      plugins: {
        legend: { rtl: data.rtl },
        tooltip: { rtl: data.rtl, callbacks: { label: function (c) { return c.raw && c.raw.label ? c.raw.id + ' ' + c.raw.label : c.dataset.label + ': ' + c.formattedValue; } } }
      }
    }
  });
})();
`;

const CHART_JS = path.join(path.dirname(createRequire(import.meta.url).resolve('chart.js')), 'chart.umd.min.js');

/** The pages' static files, all served by storywatch itself (no CDN): the stylesheet, Chart.js and the chart script. */
export function assetRoutes(): GetRoute[] {
  const files: [string, string, () => string][] = [
    ['page.css', 'text/css; charset=utf-8', () => PAGE_CSS],
    ['chart.umd.min.js', 'text/javascript; charset=utf-8', () => readFileSync(CHART_JS, 'utf8')],
    ['timeline-chart.js', 'text/javascript; charset=utf-8', () => CHART_SCRIPT],
  ];
  return files.map(([name, type, read]) => {
    let body: string | undefined;
    return {
      pattern: new RegExp(`^/assets/${name.replace(/\./g, '\\.')}$`),
      handler: (_req, res) => {
        body ??= read();
        res.writeHead(200, { 'content-type': type, 'cache-control': 'public, max-age=86400', 'x-content-type-options': 'nosniff' }).end(body);
      },
    };
  });
}
