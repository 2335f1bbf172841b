import type { Taxonomy } from '../taxonomy/taxonomy.js';
import type { LabeledDevelopment } from './jsonl-input.js';

/** How development detection did on a labeled set replayed in publication order. */
export interface DetectionScores {
  /** Labeled items replayed. */
  items: number;
  /** Distinct true developments (a family of kinds on a day, days within one merged; an unknown kind is its own family). */
  trueDevelopments: number;
  /** Of them, developments of kinds the taxonomy does not know (they count: a missed one is a miss). */
  unknownKindDevelopments: number;
  /** Labeled developments without a date: not placed on a day, so neither counted nor dated. */
  undatedLabels: number;
  /** Share of true developments announced by at least one alert. */
  alertedShare: number;
  /** Alerts beyond the first for the same true development, per alerted development. */
  redundantPerDevelopment: number;
  /** Alerted developments that match no true development. */
  spurious: number;
  /** Timeline entries after the replay, and those that match no true development. */
  timelineEntries: number;
  spuriousEntries: number;
  /** Share of an item's dated labeled developments found among the item's detected ones with the exact date. */
  dateAccuracy: number;
  dateChecked: number;
}

/** What scoring reads of a detected development. */
export interface Reported {
  kind: string;
  date: string;
}

interface Truth {
  /** The kind's family, or null for a kind the taxonomy does not know. */
  family: string | null;
  kind: string;
  date: string;
}

const DAY = 86_400_000;
const near = (a: string, b: string): boolean => Math.abs(Date.parse(a) - Date.parse(b)) <= DAY;
/** Whether two labels name one true development: day ±1 and one family (an unknown kind: the same kind). */
const same = (a: Truth, b: Truth): boolean => near(a.date, b.date) && (a.family === null || b.family === null ? a.kind === b.kind : a.family === b.family);

/**
 * Scores detection: `labels` maps item ids to their labeled developments, `detected` maps item ids
 * to the developments each item reported (created, attached or revised), `alerted` lists the
 * developments alerts announced, `timeline` every development the replay left; kinds are read in
 * the story's `taxonomy`.
 */
export function scoreDetection(
  labels: Map<string, LabeledDevelopment[]>,
  detected: Map<string, Reported[]>,
  alerted: Reported[],
  timeline: Reported[],
  taxonomy: Taxonomy,
): Omit<DetectionScores, 'items'> {
  const familyOf = (kind: string): string | null => taxonomy.get(kind)?.family ?? null;
  /** A kind the taxonomy does not know makes a development of its own, like a strike (a death toll or a statement joins one instead). */
  const standalone = (d: LabeledDevelopment): d is LabeledDevelopment & { date: string } => d.date !== null && (taxonomy.get(d.kind)?.standalone ?? true);
  /** Whether a detected development reports a true one: day ±1 and the same family; a true development of an unknown kind takes any family. */
  const reports = (r: Reported, t: Truth): boolean => near(r.date, t.date) && (t.family === null || familyOf(r.kind) === t.family);
  const truth: Truth[] = [];
  let undatedLabels = 0;
  for (const list of labels.values()) {
    undatedLabels += list.filter((d) => d.date === null).length;
    for (const d of list.filter(standalone)) {
      const t = { family: familyOf(d.kind), kind: d.kind, date: d.date };
      if (!truth.some((x) => same(x, t))) truth.push(t);
    }
  }
  const hits = truth.map((t) => alerted.filter((a) => reports(a, t)).length);
  const alertedCount = hits.filter((h) => h > 0).length;
  const matchesNone = (r: Reported) => !truth.some((t) => reports(r, t));
  let checked = 0;
  let exact = 0;
  for (const [id, list] of labels) {
    const found = detected.get(id) ?? [];
    for (const d of list.filter(standalone)) {
      const t = { family: familyOf(d.kind), kind: d.kind, date: d.date };
      const candidates = found.filter((f) => reports(f, t));
      if (candidates.length === 0) continue;
      checked += 1;
      if (candidates.some((f) => f.date === d.date)) exact += 1;
    }
  }
  return {
    trueDevelopments: truth.length,
    unknownKindDevelopments: truth.filter((t) => t.family === null).length,
    undatedLabels,
    alertedShare: truth.length === 0 ? 1 : alertedCount / truth.length,
    redundantPerDevelopment: alertedCount === 0 ? 0 : hits.reduce((n, h) => n + Math.max(0, h - 1), 0) / alertedCount,
    spurious: alerted.filter(matchesNone).length,
    timelineEntries: timeline.length,
    spuriousEntries: timeline.filter(matchesNone).length,
    dateAccuracy: checked === 0 ? 1 : exact / checked,
    dateChecked: checked,
  };
}
