import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { stringify } from 'yaml';
import { loadAppConfig } from '../main.js';
import { analyze } from '../pipeline/match/analyze.js';
import { compileStory } from '../pipeline/match/compile-story.js';
import { findStory } from '../pipeline/match/find-story.js';
import { LEARNED_FEATURES, VETOES, weightsFileName, type Feature, type WeightsFile } from '../config/learned-weights.js';
import { itemFeatures } from '../pipeline/match/score.js';
import { example, trainByCrossValidation, type Example } from '../pipeline/match/train.js';
import { inOrder, labelItems, type LabelsRead } from './label-input.js';
import { complain, inputItems } from './story-input.js';
import type { GlobalOptions } from './with-app.js';

const print = (line: string): void => void process.stdout.write(`${line}\n`);
const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');
const FOLDS = 5;

const HEADER = `# Learned weights, written by \`storywatch train\`: retrain rather than edit.
# An L2-regularised logistic regression over the matcher's named signals, fitted on the dev split
# only; λ and the threshold chosen by ${FOLDS}-fold cross-validation on dev (see trainedOn, cv).
# Hand-set, not learned (the data cannot decide them): ${VETOES.join(', ')} is a veto (a dated item
# outside the story's window, or after a quiet period with no tie back, never matches), and an
# item without evidence for every side never matches. See docs/decisions/015-learned-weights.md.
`;

const fail = (message: string): void => {
  complain(message);
  process.exitCode = 2;
};

/** Options of `storywatch train`. */
export interface TrainOptions {
  story?: string;
  input: string;
  split: string;
  out?: string;
  /** A `storywatch labels export` file: its lines join the dev items. */
  labels?: string;
}

/**
 * `storywatch train`: fits the matcher's signal weights on a story's labeled dev split (5-fold
 * cross-validation) and writes them to config/stories/<id>.weights.yml or `--out`.
 */
export async function trainWeights(options: TrainOptions, globals: GlobalOptions): Promise<void> {
  if (options.split === 'test')
    return fail('TRAIN_TEST_SPLIT: refusing to train on the test split: train on dev, report on test with `storywatch eval --split test`');
  if (options.split !== 'dev') return fail(`TRAIN_BAD_SPLIT: --split must be dev, not "${options.split}"`);
  const config = loadAppConfig({ configDir: globals.config });
  if (!config.ok) return fail(`${config.error.code}: ${config.error.message}`);
  const found = findStory(config.value.stories, options.story);
  if (!found.ok) return fail(`${found.error.code}: ${found.error.message}`);
  const story = compileStory(found.value);
  let text: string;
  try {
    text = readFileSync(options.input, 'utf8');
  } catch (e) {
    return fail(`TRAIN_INPUT_UNREADABLE: ${options.input}: ${(e as Error).message}`);
  }
  let labelsText = '';
  try {
    if (options.labels !== undefined) labelsText = readFileSync(options.labels, 'utf8');
  } catch (e) {
    return fail(`TRAIN_INPUT_UNREADABLE: ${options.labels}: ${(e as Error).message}`);
  }
  const labelsRead: LabelsRead | undefined = options.labels === undefined ? undefined : { file: options.labels, lines: 0, heldOut: 0 };
  const examples: Example[] = [];
  const sources = [inputItems(options.input, { split: 'dev' }), ...(labelsRead ? [labelItems(labelsRead.file, options.input, labelsRead)] : [])];
  for await (const { line, item } of inOrder(sources)) {
    if (line.label === undefined) {
      complain(`${options.input}: item ${line.id}: INPUT_INVALID: label: expected in_cluster | near_miss | off_topic; item skipped`);
      continue;
    }
    const features = itemFeatures(analyze(story, item.title, item.text, item.lang), item);
    examples.push(example(features, VETOES, line.label === 'in_cluster'));
  }
  const positives = examples.filter((e) => e.y === 1).length;
  if (examples.length === 0) return fail(`TRAIN_EMPTY: ${options.input}: no labeled item in split dev`);
  if (positives === 0 || positives === examples.filter((e) => e.decidable).length) {
    return fail(`TRAIN_ONE_CLASS: ${options.input}: the decidable dev items are all ${positives === 0 ? 'negative' : 'in_cluster'}; nothing to learn`);
  }
  if (examples.length < FOLDS * 2)
    return fail(`TRAIN_TOO_FEW: ${options.input}: ${examples.length} dev items; at least ${FOLDS * 2} needed for ${FOLDS}-fold cross-validation`);

  const result = trainByCrossValidation(examples, FOLDS);
  const round = (x: number): number => Math.round(x * 10_000) / 10_000;
  const weights: Partial<Record<Feature, number>> = {};
  LEARNED_FEATURES.forEach((f, i) => {
    const w = result.model.weights[i] ?? 0;
    if (Math.abs(w) >= 5e-5) weights[f] = round(w);
  });
  const file: WeightsFile = {
    story: story.config.id,
    model: 'logistic',
    bias: round(result.model.bias),
    threshold: result.threshold,
    weights,
    vetoes: [...VETOES],
    regularization: result.lambda,
    trainedOn: {
      file: options.input,
      split: 'dev',
      sha256: sha256(text),
      items: examples.length,
      positives,
      ...(labelsRead ? { labels: { file: labelsRead.file, sha256: sha256(labelsText), items: labelsRead.lines } } : {}),
    },
    cv: { folds: FOLDS, f1: result.foldF1.map(round), meanF1: round(result.meanF1) },
    date: new Date().toISOString(),
  };
  const out = options.out ?? path.join(config.value.dir, 'stories', weightsFileName(story.config.id));
  try {
    writeFileSync(out, HEADER + stringify(file));
  } catch (e) {
    return fail(`TRAIN_WRITE_FAILED: ${out}: ${(e as Error).message}`);
  }
  const fromLabels = labelsRead ? ` and ${labelsRead.lines} readers' label(s) from ${labelsRead.file}` : '';
  print(`trained ${story.config.id} on ${examples.length} dev items (${positives} in_cluster) from ${options.input}${fromLabels}`);
  print(
    `cv F1 by fold: ${result.foldF1.map((f) => f.toFixed(3)).join(', ')}; mean ${result.meanF1.toFixed(3)} (λ ${result.lambda}, threshold ${result.threshold})`,
  );
  for (const [f, w] of Object.entries(weights)) print(`  ${f.padEnd(28)} ${w >= 0 ? '+' : ''}${w.toFixed(3)}`);
  print(`  ${'bias'.padEnd(28)} ${file.bias >= 0 ? '+' : ''}${file.bias.toFixed(3)}`);
  print(`wrote ${out}`);
}
