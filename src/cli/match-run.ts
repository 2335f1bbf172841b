import type { CompiledStory } from '../pipeline/match/compile-story.js';
import { evaluate, type Judged } from '../pipeline/match/evaluate.js';
import { matchItem } from '../pipeline/match/match-item.js';
import type { Item } from '../core/item.js';
import { evaluateDevelopments, type LabeledItem } from './eval-developments.js';
import { evaluationJson, printEvaluation, type EvalRun } from './eval-report.js';
import type { InputLine } from './jsonl-input.js';
import { inOrder, labelItems, type LabelsRead } from './label-input.js';
import { complain, inputItems, openStory, type InputFilter } from './story-input.js';
import type { GlobalOptions, Out } from './with-app.js';

const print: Out = (line) => process.stdout.write(`${line}\n`);
/** Matches every item of a source (the valid lines of a JSONL input: bad lines are reported on stderr and skipped). */
async function* matchLines(
  story: CompiledStory,
  source: AsyncIterable<{ line: InputLine; item: Item }>,
): AsyncGenerator<{ line: InputLine; item: Item; result: Omit<Judged, 'label'> }> {
  for await (const { line, item } of source) {
    const m = matchItem(story, item);
    yield { line, item, result: { id: line.id, lang: item.lang, matched: m.matched, score: m.score, title: item.title, reasons: m.reasons } };
  }
}

/** Options of `storywatch match`. */
export interface MatchOptions {
  story?: string;
  input: string;
}

/** Options of `storywatch eval`. */
export interface EvalOptions extends Omit<MatchOptions, 'input'> {
  /** The labeled JSON lines file (required, unless `eval --questions` runs instead). */
  input?: string;
  split?: string;
  json?: boolean;
  /** A `storywatch labels export` file: its lines join the dev split (never the test split). */
  labels?: string;
}

/** `storywatch match`: one JSON line per input line saying whether it belongs to the story, with the score and reasons. */
export async function matchInput(options: MatchOptions, globals: GlobalOptions): Promise<void> {
  const story = openStory(globals, options.story);
  if (!story) return;
  for await (const { result } of matchLines(story, inputItems(options.input))) {
    print(JSON.stringify({ id: result.id, matched: result.matched, score: result.score, lang: result.lang, reasons: result.reasons }));
  }
}

/** `storywatch eval`: precision, recall and F1 of the matcher (and development detection) on labeled lines. */
export async function evalInput(options: EvalOptions, globals: GlobalOptions): Promise<void> {
  if (options.input === undefined) {
    complain('EVAL_NO_INPUT: give --input <labeled JSON lines file> (or --questions <question set>)');
    process.exitCode = 2;
    return;
  }
  if (options.split !== undefined && options.split !== 'dev' && options.split !== 'test') {
    complain(`EVAL_BAD_SPLIT: --split must be dev or test, not "${options.split}"`);
    process.exitCode = 2;
    return;
  }
  if (options.labels !== undefined && options.split === 'test') {
    complain("EVAL_LABELS_TEST: readers' labels join the dev split only; run --split test without --labels");
    process.exitCode = 2;
    return;
  }
  const story = openStory(globals, options.story);
  if (!story) return;
  const labelsRead: LabelsRead | undefined = options.labels === undefined ? undefined : { file: options.labels, lines: 0, heldOut: 0 };
  const counts = { rejected: 0, otherSplit: 0 };
  const filter: InputFilter = {
    onRejected: () => (counts.rejected += 1),
    onOtherSplit: () => (counts.otherSplit += 1),
    ...(options.split ? { split: options.split } : {}),
  };
  const judged: Judged[] = [];
  const labeled: LabeledItem[] = [];
  const hard = { matched: [] as string[], total: 0 };
  const sources = [inputItems(options.input, filter), ...(labelsRead ? [labelItems(labelsRead.file, options.input, labelsRead)] : [])];
  for await (const { line, item, result } of matchLines(story, inOrder(sources))) {
    if (line.label === undefined) {
      complain(`${options.input}: item ${line.id}: INPUT_INVALID: label: expected in_cluster | near_miss | off_topic; item skipped`);
      counts.rejected += 1;
      continue;
    }
    judged.push({ ...result, lang: line.lang ?? result.lang, label: line.label });
    labeled.push({ id: line.id, item, developments: line.label === 'in_cluster' ? (line.developments ?? []) : [] });
    if (line.label === 'near_miss' && line.hard === true) {
      hard.total += 1;
      if (result.matched) hard.matched.push(line.id);
    }
  }
  if (judged.length === 0) {
    complain(`EVAL_EMPTY: no labeled item to evaluate${options.split ? ` in split ${options.split}` : ''}`);
    process.exitCode = 2;
    return;
  }
  const developments = labeled.some((l) => l.developments.length > 0) ? await evaluateDevelopments(story, labeled) : undefined;
  const run: EvalRun = {
    storyId: story.config.id,
    input: options.input,
    split: options.split ?? null,
    ...counts,
    evaluation: evaluate(judged),
    hardNearMisses: hard,
    ...(developments ? { developments } : {}),
    ...(labelsRead ? { labels: labelsRead } : {}),
  };
  if (options.json) print(JSON.stringify(evaluationJson(run)));
  else printEvaluation(run, print);
}
