import type { Development } from '../../core/development.js';
import type { EventKind } from '../../core/event-kinds.js';
import { baseTaxonomy } from '../../taxonomy/base-taxonomy.js';
import { kindRule, type Taxonomy } from '../../taxonomy/taxonomy.js';

/** A development a labeled item reports, by hand. */
export interface LabeledDevelopment {
  kind: EventKind;
  date: string;
}

/** How development detection did on a labeled set replayed in publication order. */
export interface DevelopmentScores {
  /** Distinct true developments (a family of kinds on a day, days within one merged). */
  trueDevelopments: number;
  /** Share of them announced by at least one alert. */
  alertedShare: number;
  /** Alerts beyond the first for the same true development, per alerted development. */
  redundantPerDevelopment: number;
  /** Alerted developments that match no true development. */
  spurious: number;
  /** Share of an item's labeled developments found among the item's detected ones with the exact date. */
  dateAccuracy: number;
  dateChecked: number;
}

/** What scoring reads of a development. */
type Reported = Pick<Development, 'kind' | 'date'>;

const DAY = 86_400_000;
const near = (a: string, b: string): boolean => Math.abs(Date.parse(a) - Date.parse(b)) <= DAY;

/**
 * Scores detection: `labels` maps item ids to their labeled developments, `detected` maps item ids
 * to the developments each item reported (created or attached), `alerted` lists the developments
 * alerts announced. Kinds are read in `taxonomy` (the story's, for a story's own kinds; a kind it
 * does not know is its own family).
 */
export function scoreDevelopments(
  labels: Map<string, LabeledDevelopment[]>,
  detected: Map<string, Reported[]>,
  alerted: Reported[],
  taxonomy: Taxonomy = baseTaxonomy(),
): DevelopmentScores {
  const family = (k: EventKind): string => kindRule(taxonomy, k).family;
  const truth: { family: string; date: string }[] = [];
  for (const list of labels.values()) {
    for (const d of list.filter((x) => kindRule(taxonomy, x.kind).standalone)) {
      if (!truth.some((t) => t.family === family(d.kind) && near(t.date, d.date))) truth.push({ family: family(d.kind), date: d.date });
    }
  }
  const hits = truth.map((t) => alerted.filter((a) => family(a.kind) === t.family && near(a.date, t.date)).length);
  const alertedCount = hits.filter((h) => h > 0).length;
  const spurious = alerted.filter((a) => !truth.some((t) => t.family === family(a.kind) && near(a.date, t.date))).length;
  let checked = 0;
  let exact = 0;
  for (const [id, list] of labels) {
    const found = detected.get(id) ?? [];
    for (const d of list.filter((x) => kindRule(taxonomy, x.kind).standalone)) {
      const same = found.filter((f) => family(f.kind) === family(d.kind) && near(f.date, d.date));
      if (same.length === 0) continue;
      checked += 1;
      if (same.some((f) => f.date === d.date)) exact += 1;
    }
  }
  return {
    trueDevelopments: truth.length,
    alertedShare: truth.length === 0 ? 1 : alertedCount / truth.length,
    redundantPerDevelopment: alertedCount === 0 ? 0 : hits.reduce((n, h) => n + Math.max(0, h - 1), 0) / alertedCount,
    spurious,
    dateAccuracy: checked === 0 ? 1 : exact / checked,
    dateChecked: checked,
  };
}
