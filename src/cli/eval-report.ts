import type { DevelopmentScores } from '../pipeline/detect/evaluate-developments.js';
import type { Evaluation, Judged, Scores } from '../pipeline/match/evaluate.js';
import type { Out } from './with-app.js';

const f3 = (x: number): string => x.toFixed(3);

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

/** Prints an evaluation: the table overall, by language and by label, the errors, then the F1 line. */
export function printEvaluation(storyId: string, e: Evaluation, print: Out, developments?: DevelopmentScores): void {
  print(`Evaluation of story ${storyId} on ${e.overall.n} labeled items`);
  print('');
  print('group           n   tp   fp   fn  precision recall f1');
  print(row('overall', e.overall));
  print('by language:');
  for (const [lang, s] of [...e.byLanguage].sort(([a], [b]) => a.localeCompare(b))) print(row(`  ${lang}`, s));
  print('by label:');
  for (const [label, s] of e.byLabel) print(row(`  ${label}`, s));
  errors('False positives', e.falsePositives, print);
  errors('False negatives', e.falseNegatives, print);
  if (developments) {
    const d = developments;
    print('');
    print('Development detection (the set replayed in publication order):');
    print(`  true developments ${d.trueDevelopments}; alerted ${(d.alertedShare * 100).toFixed(1)}%; redundant alerts per development ${d.redundantPerDevelopment.toFixed(2)}; alerts matching no true development ${d.spurious}`);
    print(`  date accuracy ${(d.dateAccuracy * 100).toFixed(1)}% of ${d.dateChecked} labeled developments found`);
  }
  print('');
  print(`F1=${f3(e.overall.f1)} P=${f3(e.overall.precision)} R=${f3(e.overall.recall)}`);
}
