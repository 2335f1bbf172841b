import type { Evaluation, Judged, Scores } from '../pipeline/match/evaluate.js';
import type { DetectionScores } from './score-detection.js';
import type { Out } from './with-app.js';

/** One `eval` run: what was read, the matcher's evaluation, the hard near misses, detection. */
export interface EvalRun {
  storyId: string;
  input: string;
  /** The corpus split evaluated, or null for every line. */
  split: 'dev' | 'test' | null;
  /** Lines reported on stderr and skipped (not JSON, invalid, no label). */
  rejected: number;
  /** Valid lines of another split, passed over. */
  otherSplit: number;
  evaluation: Evaluation;
  /** Near misses marked `hard`: their number and the ids of those the matcher took for the story. */
  hardNearMisses: { matched: string[]; total: number };
  /** Detection, when some line labels developments. */
  developments?: DetectionScores;
  /** Readers' labels (`--labels`) that joined the dev split, and those set aside. */
  labels?: { file: string; lines: number; heldOut: number };
}

const f3 = (x: number): string => x.toFixed(3);
const pct = (x: number): string => `${(x * 100).toFixed(1)}%`;
/** A count per `per` true developments (or items); 0 when there are none. */
const rate = (n: number, of: number, per: number): number => (of === 0 ? 0 : (n * per) / of);

function row(name: string, s: Scores): string {
  return `${name.padEnd(12)} ${String(s.n).padStart(4)} ${String(s.tp).padStart(4)} ${String(s.fp).padStart(4)} ${String(s.fn).padStart(4)}  ${f3(s.precision)}  ${f3(s.recall)}  ${f3(s.f1)}`;
}

function errors(title: string, items: Judged[], print: Out): void {
  print('');
  print(`${title} (${items.length}):`);
  for (const item of items) {
    print(`  ${item.id} [${item.lang}, ${item.label}] ${item.score.toFixed(3)} "${item.title}"`);
    print(`    ${item.reasons.join(' · ')}`);
  }
}

function printDetection(d: DetectionScores, print: Out): void {
  print('');
  print('Development detection (the set replayed in publication order):');
  const outside = d.unknownKindDevelopments > 0 ? ` (${d.unknownKindDevelopments} of kinds outside the taxonomy)` : '';
  const undated = d.undatedLabels > 0 ? `; ${d.undatedLabels} undated labels not counted` : '';
  print(`  true developments ${d.trueDevelopments}${outside}${undated}`);
  print(
    `  alerted ${pct(d.alertedShare)}; redundant alerts per development ${d.redundantPerDevelopment.toFixed(2)}; alerts matching no true development ${d.spurious} (${rate(d.spurious, d.items, 100).toFixed(2)} per 100 items)`,
  );
  print(
    `  timeline entries ${d.timelineEntries}; matching no true development ${d.spuriousEntries} (${rate(d.spuriousEntries, d.trueDevelopments, 10).toFixed(2)} per 10 true developments)`,
  );
  print(`  date accuracy ${pct(d.dateAccuracy)} of ${d.dateChecked} labeled developments found`);
}

/** Prints an evaluation: the table overall, by language and by label, hard near misses, the errors, detection, then the F1 line. */
export function printEvaluation(run: EvalRun, print: Out): void {
  const e = run.evaluation;
  const split = run.split ? ` (split ${run.split}; ${run.otherSplit} lines of other splits passed over)` : '';
  print(`Evaluation of story ${run.storyId} on ${e.overall.n} labeled items${split}`);
  if (run.rejected > 0) print(`${run.rejected} lines rejected (see stderr)`);
  if (run.labels)
    print(`readers' labels: ${run.labels.lines} line(s) of ${run.labels.file} joined the dev split (${run.labels.heldOut} set aside: in the test split)`);
  print('');
  print('group           n   tp   fp   fn  precision recall f1');
  print(row('overall', e.overall));
  print('by language:');
  for (const [lang, s] of [...e.byLanguage].sort(([a], [b]) => a.localeCompare(b))) print(row(`  ${lang}`, s));
  print('by label:');
  for (const [label, s] of e.byLabel) print(row(`  ${label}`, s));
  const hard = run.hardNearMisses;
  print(`hard near misses matched: ${hard.matched.length} of ${hard.total}${hard.matched.length > 0 ? ` (${hard.matched.join(', ')})` : ''}`);
  errors('False positives', e.falsePositives, print);
  errors('False negatives', e.falseNegatives, print);
  if (run.developments) printDetection(run.developments, print);
  print('');
  print(`F1=${f3(e.overall.f1)} P=${f3(e.overall.precision)} R=${f3(e.overall.recall)}`);
}

const scores = (s: Scores) => ({ n: s.n, tp: s.tp, fp: s.fp, fn: s.fn, tn: s.tn, precision: s.precision, recall: s.recall, f1: s.f1 });
const judged = (j: Judged) => ({ id: j.id, lang: j.lang, label: j.label, score: j.score, title: j.title, reasons: j.reasons });

/** The figures of an `eval` run as one JSON-ready object (`eval --json`); detection adds the per-10 and per-100 rates. */
export function evaluationJson(run: EvalRun): Record<string, unknown> {
  const e = run.evaluation;
  const d = run.developments;
  return {
    story: run.storyId,
    input: run.input,
    split: run.split,
    items: e.overall.n,
    rejected: run.rejected,
    otherSplit: run.otherSplit,
    labels: run.labels ?? null,
    overall: scores(e.overall),
    byLanguage: Object.fromEntries([...e.byLanguage].sort(([a], [b]) => a.localeCompare(b)).map(([k, s]) => [k, scores(s)])),
    byLabel: Object.fromEntries([...e.byLabel].map(([k, s]) => [k, scores(s)])),
    hardNearMisses: { matched: run.hardNearMisses.matched.length, total: run.hardNearMisses.total, ids: run.hardNearMisses.matched },
    falsePositives: e.falsePositives.map(judged),
    falseNegatives: e.falseNegatives.map(judged),
    developments: d
      ? {
          ...d,
          spuriousAlertsPer100Items: rate(d.spurious, d.items, 100),
          spuriousEntriesPer10Developments: rate(d.spuriousEntries, d.trueDevelopments, 10),
        }
      : null,
  };
}
