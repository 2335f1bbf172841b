import { performance } from 'node:perf_hooks';
import { renderPng } from '../src/delivery/chart-png.js';
import { sourcesChartSvg } from '../src/delivery/chart-svg.js';
import { localeFor } from '../src/delivery/locale/locale.js';
import type { SourcesPerDay } from '../src/queries/sources-per-day.js';

const DAYS = 90;
const LANGUAGES = ['en', 'ar', 'fa', 'ur', 'zh', 'vi', 'fr', 'de', 'ru', 'tr'];
const RUNS = 10;

/** A 90-day chart in 10 languages with 30 developments: a busy story's picture. */
function busyChart(): SourcesPerDay {
  const days = Array.from({ length: DAYS }, (_, i) => new Date(Date.UTC(2024, 0, 1 + i)).toISOString().slice(0, 10));
  const series = LANGUAGES.map((language, j) => ({ language, counts: days.map((_, i) => (i * 7 + j * 3) % 5) }));
  const marks = Array.from({ length: 30 }, (_, k) => ({ day: days[(k * 3) % DAYS] ?? '', id: `D${k + 1}`, label: `development ${k + 1}` }));
  return { days, series, marks };
}

/**
 * One line of `npm run bench`: the digest chart's cost, SVG built and rendered to PNG by resvg,
 * per chart (the first rendering, which loads resvg and the system fonts, apart).
 */
export async function chartBench(): Promise<string> {
  const svg = sourcesChartSvg(busyChart(), { title: 'Bench story: sources per day', languageName: localeFor('en').languageName });
  const start = performance.now();
  const first = await renderPng(svg);
  const firstMs = performance.now() - start;
  const rest = performance.now();
  for (let i = 0; i < RUNS; i++)
    await renderPng(sourcesChartSvg(busyChart(), { title: 'Bench story: sources per day', languageName: localeFor('en').languageName }));
  const perChart = (performance.now() - rest) / RUNS;
  return `digest chart     ${perChart.toFixed(0)} ms per chart (${DAYS} days × ${LANGUAGES.length} languages, 30 marks; first ${firstMs.toFixed(0)} ms with loading)   PNG ${(first.png.length / 1024).toFixed(0)} KB, ${first.width}×${first.height}`;
}
