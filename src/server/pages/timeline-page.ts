import type { StoryConfig } from '../../config/story-schema.js';
import { storyTitleIn } from '../../config/story-title.js';
import { sourcesPerDay } from '../../queries/sources-per-day.js';
import type { DevelopmentView } from '../../queries/story-developments.js';
import { escapeMarkup } from '../../core/text/markup.js';
import { CHART_PALETTE } from '../../delivery/chart-svg.js';
import { localeFor } from '../../delivery/locale/locale.js';
import { kindName, sideName } from '../../delivery/locale/localize-development.js';
import { kindRule, storyTaxonomy } from '../../taxonomy/taxonomy.js';
import { pageStrings, RTL_LANGUAGES, type PageStrings } from './page-strings.js';

/** What a reader narrowed the timeline to (`?kind=&source=&from=&to=`); null: no narrowing. */
export interface TimelineFilter {
  kind: string | null;
  /** Developments with at least one source in this language. */
  source: string | null;
  from: string | null;
  to: string | null;
  /** Which page of PAGE_SIZE developments, from 1 (newest). */
  page: number;
}

/** Developments per page: the page stays light at any scale; the chart covers them all. */
export const PAGE_SIZE = 100;

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** The filter of a page request; values that are not a day or a plain code are ignored. */
export function readFilter(query: URLSearchParams): TimelineFilter {
  const code = (v: string | null) => (v && /^[a-z][a-z0-9_-]{0,40}$/i.test(v) ? v : null);
  const day = (v: string | null) => (v && DAY.test(v) ? v : null);
  const page = Number(query.get('page') ?? '1');
  return {
    kind: code(query.get('kind')),
    source: code(query.get('source')),
    from: day(query.get('from')),
    to: day(query.get('to')),
    page: Number.isInteger(page) && page >= 1 && page <= 100_000 ? page : 1,
  };
}

/** The developments the filter keeps. */
export function applyFilter(developments: readonly DevelopmentView[], f: TimelineFilter): DevelopmentView[] {
  return developments.filter(
    (d) =>
      (f.kind === null || d.kind === f.kind) &&
      (f.source === null || d.sources.some((s) => s.language === f.source)) &&
      (f.from === null || d.date >= f.from) &&
      (f.to === null || d.date <= f.to),
  );
}

/** ICU formatters for the page language. */
function formatters(lang: string) {
  const days = new Map<string, string>();
  const day = new Intl.DateTimeFormat(lang, { dateStyle: 'long', timeZone: 'UTC' });
  return {
    /** A YYYY-MM-DD day, long form. */
    day: (ymd: string): string => {
      const text = days.get(ymd) ?? day.format(new Date(`${ymd}T00:00:00Z`));
      days.set(ymd, text);
      return text;
    },
    time: new Intl.DateTimeFormat(lang, { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' }),
    number: new Intl.NumberFormat(lang),
    /** A language's name in the page language (the catalog's locale). */
    language: localeFor(lang).languageName,
  };
}

type Formatters = ReturnType<typeof formatters>;

function select(name: string, label: string, options: [string, string][], chosen: string | null, all: string): string {
  const opts = [
    `<option value="">${escapeMarkup(all)}</option>`,
    ...options.map(([v, text]) => `<option value="${escapeMarkup(v)}"${v === chosen ? ' selected' : ''}>${escapeMarkup(text)}</option>`),
  ];
  return `<label>${escapeMarkup(label)} <select name="${name}">${opts.join('')}</select></label>`;
}

function filterForm(all: readonly DevelopmentView[], f: TimelineFilter, t: PageStrings, fmt: Formatters, lang: string): string {
  const kinds = [...new Map(all.map((d) => [d.kind, d.kindLabel])).entries()].sort((a, b) => a[1].localeCompare(b[1]));
  const languages = [...new Set(all.flatMap((d) => d.sources.map((s) => s.language)))].sort().map((l): [string, string] => [l, fmt.language(l)]);
  return [
    `<form class="filter" method="get" aria-label="${escapeMarkup(t.filter)}">`,
    select('kind', t.kind, kinds, f.kind, t.all),
    select('source', t.language, languages, f.source, t.all),
    `<label>${escapeMarkup(t.from)} <input type="date" name="from" value="${f.from ?? ''}"></label>`,
    `<label>${escapeMarkup(t.to)} <input type="date" name="to" value="${f.to ?? ''}"></label>`,
    `<input type="hidden" name="hl" value="${escapeMarkup(lang)}">`,
    `<button type="submit">${escapeMarkup(t.apply)}</button>`,
    `</form>`,
  ].join('\n');
}

function developmentItem(d: DevelopmentView, t: PageStrings, fmt: Formatters): string {
  const sources = d.sources.map((s) => {
    const title = escapeMarkup(s.title);
    const link = s.link && /^https?:\/\//i.test(s.link) ? `<a href="${escapeMarkup(s.link)}" rel="noopener nofollow">${title}</a>` : title;
    return [
      `<li class="source" data-language="${escapeMarkup(s.language)}">`,
      `<span class="outlet">${escapeMarkup(s.outlet)}</span> · `,
      `<span class="lang">${escapeMarkup(fmt.language(s.language))}</span> · `,
      `<bdi lang="${escapeMarkup(s.language)}">${link}</bdi> · `,
      `<span class="seen">${escapeMarkup(t.firstSeen)} <time datetime="${s.firstSeen.toISOString()}">${escapeMarkup(fmt.time.format(s.firstSeen))} UTC</time></span>`,
      `</li>`,
    ].join('');
  });
  return [
    `<li class="development" id="${escapeMarkup(d.id)}" data-kind="${escapeMarkup(d.kind)}">`,
    `<h2><time datetime="${escapeMarkup(d.date)}">${escapeMarkup(fmt.day(d.date))}</time> · <span class="kind">${escapeMarkup(d.kindLabel)}</span></h2>`,
    `<p class="actors">${escapeMarkup(d.actors.join(' · '))}</p>`,
    `<blockquote lang="${escapeMarkup(d.summaryLang)}" dir="auto">${escapeMarkup(d.summary)}</blockquote>`,
    `<p class="count">${escapeMarkup(t.sources)}: ${fmt.number.format(d.sources.length)} · ${escapeMarkup(d.languages.map(fmt.language).join(', '))}</p>`,
    `<ul class="sources">${sources.join('')}</ul>`,
    `</li>`,
  ].join('\n');
}

/** Links to every page of the filtered timeline (numbers: no words to translate), the current one marked. */
function pager(f: TimelineFilter, count: number, lang: string, fmt: Formatters): string {
  const pages = Math.ceil(count / PAGE_SIZE);
  if (pages <= 1) return '';
  const link = (n: number) => {
    const q = new URLSearchParams({ hl: lang, page: String(n) });
    for (const [k, v] of [
      ['kind', f.kind],
      ['source', f.source],
      ['from', f.from],
      ['to', f.to],
    ] as const)
      if (v) q.set(k, v);
    return n === f.page
      ? `<strong aria-current="page">${fmt.number.format(n)}</strong>`
      : `<a href="?${escapeMarkup(q.toString())}">${fmt.number.format(n)}</a>`;
  };
  return `<nav class="pages">${Array.from({ length: pages }, (_, i) => link(i + 1)).join(' ')}</nav>`;
}

/** JSON safe inside a `<script>` element. */
function scriptJson(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

/**
 * The story's timeline page, server-rendered in `lang` (right to left for Arabic, Persian, Urdu):
 * the developments newest first (PAGE_SIZE per page) with kind, actors, quoted sentence and every source; the filter
 * form (works without JavaScript); the sources-per-day chart's data, drawn by the only script.
 */
export function timelinePage(story: StoryConfig, all: readonly DevelopmentView[], filter: TimelineFilter, lang: string): string {
  const t = pageStrings(lang);
  const fmt = formatters(lang);
  const taxonomy = storyTaxonomy(story);
  // Kinds and actors in the page language (the taxonomy's and the story's labels, ICU country names).
  const local = all.map((d) => ({ ...d, kindLabel: kindName(kindRule(taxonomy, d.kind), lang), actors: d.sides.map((id) => sideName(story, id, lang)) }));
  const shown = applyFilter(local, filter);
  const sourceCount = new Set(shown.flatMap((d) => d.sources.map((s) => s.itemId))).size;
  const languageCount = new Set(shown.flatMap((d) => d.sources.map((s) => s.language))).size;
  const chart = sourcesPerDay(shown);
  const chartData = {
    ...chart,
    palette: CHART_PALETTE,
    series: chart.series.map((s) => ({ ...s, name: fmt.language(s.language) })),
    markLabel: t.mark,
    rtl: RTL_LANGUAGES.has(lang),
  };
  const base = `/stories/${encodeURIComponent(story.id)}`;
  return [
    '<!doctype html>',
    `<html lang="${escapeMarkup(lang)}" dir="${RTL_LANGUAGES.has(lang) ? 'rtl' : 'ltr'}">`,
    '<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeMarkup(storyTitleIn(story, lang))} — ${escapeMarkup(t.timeline)}</title>`,
    '<link rel="stylesheet" href="/assets/page.css">',
    `<link rel="alternate" type="application/atom+xml" href="${base}/feed.xml">`,
    `<link rel="alternate" type="application/feed+json" href="${base}/feed.json">`,
    '</head><body>',
    `<header><h1>${escapeMarkup(storyTitleIn(story, lang))}</h1>`,
    `<p class="summary">${escapeMarkup(t.developments)}: ${fmt.number.format(shown.length)} · ${escapeMarkup(t.sources)}: ${fmt.number.format(sourceCount)} · ${escapeMarkup(t.inLanguages)}: ${fmt.number.format(languageCount)}</p>`,
    `<p class="feeds">${escapeMarkup(t.feeds)}: <a href="${base}/feed.xml">Atom</a> · <a href="${base}/feed.json">JSON Feed</a></p></header>`,
    filterForm(local, filter, t, fmt, lang),
    `<figure class="chart"><canvas id="sources-chart" role="img" aria-label="${escapeMarkup(t.chart)}"></canvas><figcaption>${escapeMarkup(t.chart)}</figcaption></figure>`,
    `<script type="application/json" id="chart-data">${scriptJson(chartData)}</script>`,
    shown.length === 0
      ? `<p class="none">${escapeMarkup(t.none)}</p>`
      : `<ol class="timeline">\n${shown
          .slice((filter.page - 1) * PAGE_SIZE, filter.page * PAGE_SIZE)
          .map((d) => developmentItem(d, t, fmt))
          .join('\n')}\n</ol>`,
    pager(filter, shown.length, lang, fmt),
    '<script src="/assets/chart.umd.min.js"></script>',
    '<script src="/assets/timeline-chart.js"></script>',
    '</body></html>',
  ].join('\n');
}
