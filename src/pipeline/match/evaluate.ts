/** The hand label of an evaluation item. */
export type Label = 'in_cluster' | 'near_miss' | 'off_topic';

/** One labeled item with the matcher's decision on it. */
export interface Judged {
  id: string;
  lang: string;
  label: Label;
  matched: boolean;
  score: number;
  title: string;
  reasons: string[];
}

/** Precision, recall and F1 over a group of judged items. */
export interface Scores {
  n: number;
  tp: number;
  fp: number;
  fn: number;
  tn: number;
  precision: number;
  recall: number;
  f1: number;
}

/** The result of evaluating a matcher on a labeled set. */
export interface Evaluation {
  overall: Scores;
  byLanguage: Map<string, Scores>;
  byLabel: Map<Label, Scores>;
  falsePositives: Judged[];
  falseNegatives: Judged[];
}

/**
 * Scores a group. A group with no positives and no false positives has precision and recall 1
 * (nothing to find, nothing wrongly found), so per-label rows for near misses read naturally.
 */
export function scoreGroup(items: Judged[]): Scores {
  let tp = 0;
  let fp = 0;
  let fn = 0;
  let tn = 0;
  for (const item of items) {
    const positive = item.label === 'in_cluster';
    if (positive && item.matched) tp += 1;
    else if (positive) fn += 1;
    else if (item.matched) fp += 1;
    else tn += 1;
  }
  const precision = tp + fp === 0 ? 1 : tp / (tp + fp);
  const recall = tp + fn === 0 ? 1 : tp / (tp + fn);
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { n: items.length, tp, fp, fn, tn, precision, recall, f1 };
}

function groupBy<K>(items: Judged[], key: (item: Judged) => K): Map<K, Scores> {
  const groups = new Map<K, Judged[]>();
  for (const item of items) groups.set(key(item), [...(groups.get(key(item)) ?? []), item]);
  return new Map([...groups].map(([k, list]) => [k, scoreGroup(list)]));
}

/** Precision, recall and F1 overall, by language and by label, and the errors. */
export function evaluate(items: Judged[]): Evaluation {
  return {
    overall: scoreGroup(items),
    byLanguage: groupBy(items, (i) => i.lang),
    byLabel: groupBy(items, (i) => i.label),
    falsePositives: items.filter((i) => i.label !== 'in_cluster' && i.matched),
    falseNegatives: items.filter((i) => i.label === 'in_cluster' && !i.matched),
  };
}
