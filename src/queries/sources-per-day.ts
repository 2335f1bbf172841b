import type { DevelopmentView } from './story-developments.js';

/** Sources per day stacked by language, and the developments to mark on it: the timeline chart's data. */
export interface SourcesPerDay {
  /** Every day from the first to the last source or development, YYYY-MM-DD. */
  days: string[];
  /** Per language (most sources first): the number of sources published (else first seen) each day. */
  series: { language: string; counts: number[] }[];
  /** One mark per development: its day, id and label. */
  marks: { day: string; id: string; label: string }[];
}

const DAY_MS = 86_400_000;

/**
 * Counts each source item once, on the day it was published (or first seen when it carries no
 * date), by language; the days run without gaps so the chart's axis is true to time.
 */
export function sourcesPerDay(developments: readonly DevelopmentView[]): SourcesPerDay {
  const seen = new Set<number>();
  const counts = new Map<string, Map<string, number>>();
  for (const d of developments) {
    for (const s of d.sources) {
      if (seen.has(s.itemId)) continue;
      seen.add(s.itemId);
      const day = (s.published ?? s.firstSeen).toISOString().slice(0, 10);
      const byDay = counts.get(s.language) ?? new Map<string, number>();
      byDay.set(day, (byDay.get(day) ?? 0) + 1);
      counts.set(s.language, byDay);
    }
  }
  const allDays = [...[...counts.values()].flatMap((m) => [...m.keys()]), ...developments.map((d) => d.date)].sort();
  const days: string[] = [];
  if (allDays.length > 0) {
    for (let t = Date.parse(allDays[0] ?? ''); t <= Date.parse(allDays.at(-1) ?? ''); t += DAY_MS) days.push(new Date(t).toISOString().slice(0, 10));
  }
  const series = [...counts.entries()]
    .map(([language, byDay]) => ({ language, counts: days.map((day) => byDay.get(day) ?? 0), total: [...byDay.values()].reduce((a, b) => a + b, 0) }))
    .sort((a, b) => b.total - a.total || a.language.localeCompare(b.language))
    .map(({ language, counts: c }) => ({ language, counts: c }));
  const marks = [...developments].sort((a, b) => a.date.localeCompare(b.date)).map((d) => ({ day: d.date, id: d.id, label: d.label }));
  return { days, series, marks };
}
