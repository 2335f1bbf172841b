import type { SourcesPerDay } from '../queries/sources-per-day.js';
import { escapeMarkup } from '../core/text/markup.js';

/** The charts' neutral palette, one colour per language in order: the digest's PNG and, through its chart data, the timeline page. */
export const CHART_PALETTE = ['#4e79a7', '#f28e2b', '#e15759', '#76b7b2', '#59a14f', '#edc948', '#b07aa1', '#ff9da7', '#9c755f', '#bab0ac'] as const;
const MARK_COLOUR = '#222222';

/** How the chart is drawn: its title, the legend's names, the font, the size in pixels. */
export interface ChartSvgOptions {
  title: string;
  /** A language's name for the legend ("Vietnamese" for `vi`). */
  languageName: (code: string) => string;
  /** The legend entry of the development marks. */
  markLabel?: string;
  /** CSS font-family list; the renderer falls back to its default family for anything missing. */
  fontFamily?: string;
  width?: number;
  height?: number;
}

const MARGIN = { left: 44, right: 16, top: 40 };
const LEGEND_ROW = 20;
const AXIS_LABELS = 22;
const MAX_DAY_LABELS = 12;

const round = (n: number): string => (Math.round(n * 10) / 10).toString();

/** A tick step for a y axis up to `max` with about five integer ticks. */
function tickStep(max: number): number {
  const raw = Math.max(1, Math.ceil(max / 5));
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  return ([1, 2, 5, 10].map((m) => m * magnitude).find((s) => s >= raw) ?? raw) as number;
}

/**
 * The sources-per-day chart as SVG, drawn like the timeline page's Chart.js chart: one bar per day
 * stacked by language (a `<rect class="segment">` per day and language with sources, bottom up in the
 * series' order), a triangle (`class="mark"`) per development above its day's bar, stacked when a day
 * has several, integer ticks, day labels, and a legend with the languages' names. Every drawn element
 * carries its data in `data-*` attributes, so the picture can be checked without looking at glyphs.
 */
export function sourcesChartSvg(chart: SourcesPerDay, options: ChartSvgOptions): string {
  const width = options.width ?? 800;
  const font = options.fontFamily ?? 'DejaVu Sans, Liberation Sans, sans-serif';
  const legend = [
    ...chart.series.map((s, i) => ({ label: options.languageName(s.language), colour: CHART_PALETTE[i % CHART_PALETTE.length] as string, mark: false })),
    ...(chart.marks.length > 0 ? [{ label: options.markLabel ?? 'development', colour: MARK_COLOUR, mark: true }] : []),
  ];
  const perRow = Math.max(1, Math.floor((width - MARGIN.left - MARGIN.right) / 150));
  const legendHeight = Math.ceil(legend.length / perRow) * LEGEND_ROW;
  const height = options.height ?? 360 + legendHeight;
  const plot = { x: MARGIN.left, y: MARGIN.top, w: width - MARGIN.left - MARGIN.right, h: height - MARGIN.top - AXIS_LABELS - legendHeight - 12 };
  const totals = chart.days.map((_, i) => chart.series.reduce((sum, s) => sum + (s.counts[i] ?? 0), 0));
  const top = Math.max(1, ...totals);
  const marksPerDay = new Map<string, number>();
  for (const m of chart.marks) marksPerDay.set(m.day, (marksPerDay.get(m.day) ?? 0) + 1);
  const yMax = top * Math.max(1.5, 1 + 0.12 * (Math.max(0, ...marksPerDay.values()) + 1));
  const y = (value: number): number => plot.y + plot.h - (value / yMax) * plot.h;
  const slot = plot.w / Math.max(1, chart.days.length);
  const barWidth = Math.max(2, slot * 0.7);
  const dayIndex = new Map(chart.days.map((d, i) => [d, i]));
  const out: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="${escapeMarkup(font)}" font-size="12">`,
    `<rect width="${width}" height="${height}" fill="#ffffff"/>`,
    `<text class="title" x="${MARGIN.left}" y="24" font-size="15" font-weight="bold" fill="#222222">${escapeMarkup(options.title)}</text>`,
  ];
  const step = tickStep(yMax);
  for (let v = 0; v <= yMax; v += step) {
    out.push(`<line x1="${plot.x}" x2="${plot.x + plot.w}" y1="${round(y(v))}" y2="${round(y(v))}" stroke="#e3e3e3"/>`);
    out.push(`<text x="${plot.x - 6}" y="${round(y(v) + 4)}" text-anchor="end" fill="#555555">${v}</text>`);
  }
  const labelEvery = Math.max(1, Math.ceil(chart.days.length / MAX_DAY_LABELS));
  chart.days.forEach((day, i) => {
    const x = plot.x + slot * i + (slot - barWidth) / 2;
    let base = 0;
    chart.series.forEach((s, j) => {
      const count = s.counts[i] ?? 0;
      if (count === 0) return;
      const colour = CHART_PALETTE[j % CHART_PALETTE.length] as string;
      out.push(
        `<rect class="segment" data-day="${day}" data-language="${escapeMarkup(s.language)}" data-count="${count}" x="${round(x)}" y="${round(y(base + count))}" width="${round(barWidth)}" height="${round(y(base) - y(base + count))}" fill="${colour}"/>`,
      );
      base += count;
    });
    if (i % labelEvery === 0)
      out.push(`<text x="${round(plot.x + slot * i + slot / 2)}" y="${plot.y + plot.h + 16}" text-anchor="middle" fill="#555555">${day.slice(5)}</text>`);
  });
  out.push(`<line x1="${plot.x}" x2="${plot.x + plot.w}" y1="${plot.y + plot.h}" y2="${plot.y + plot.h}" stroke="#888888"/>`);
  const stacked = new Map<string, number>();
  for (const m of chart.marks) {
    const i = dayIndex.get(m.day);
    if (i === undefined) continue;
    const k = (stacked.get(m.day) ?? 0) + 1;
    stacked.set(m.day, k);
    const cx = plot.x + slot * i + slot / 2;
    const cy = y(top * (1 + 0.12 * k));
    out.push(
      `<path class="mark" data-day="${m.day}" data-id="${escapeMarkup(m.id)}" d="M${round(cx)} ${round(cy - 7)} L${round(cx + 7)} ${round(cy + 6)} L${round(cx - 7)} ${round(cy + 6)} Z" fill="${MARK_COLOUR}"><title>${escapeMarkup(`${m.id} ${m.label}`)}</title></path>`,
    );
  }
  const legendTop = plot.y + plot.h + AXIS_LABELS + 8;
  const column = (width - MARGIN.left - MARGIN.right) / perRow;
  legend.forEach((entry, i) => {
    const lx = MARGIN.left + column * (i % perRow);
    const ly = legendTop + LEGEND_ROW * Math.floor(i / perRow);
    out.push(
      entry.mark
        ? `<path d="M${round(lx + 6)} ${ly} L${round(lx + 12)} ${ly + 11} L${lx} ${ly + 11} Z" fill="${entry.colour}"/>`
        : `<rect x="${lx}" y="${ly}" width="12" height="12" fill="${entry.colour}"/>`,
    );
    out.push(`<text class="legend" x="${round(lx + 18)}" y="${ly + 11}" fill="#222222">${escapeMarkup(entry.label)}</text>`);
  });
  out.push('</svg>');
  return out.join('\n');
}
