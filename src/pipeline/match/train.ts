import { LEARNED_FEATURES, LEARNED_SIGNS } from '../../config/learned-weights.js';
import { fitLogistic, predict, type LogisticModel } from './logistic.js';
import type { ItemFeatures } from './score.js';

/** One labeled item as the trainer sees it. */
export interface Example {
  /** 0/1 per LEARNED_FEATURES. */
  x: number[];
  y: 0 | 1;
  /** Not vetoed and with evidence for every side: the weights decide it (others never match). */
  decidable: boolean;
}

/** What cross-validation chose and how it scored. */
export interface TrainResult {
  lambda: number;
  threshold: number;
  /** F1 of each held-out fold at the chosen λ and threshold. */
  foldF1: number[];
  meanF1: number;
  /** Fitted on every decidable example with the chosen λ. */
  model: LogisticModel;
}

/** Regularisation strengths tried (mean log-loss + λ/2·‖w‖²). */
export const LAMBDAS = [0.0003, 0.001, 0.003, 0.01, 0.03, 0.1];
/** Decision thresholds tried. */
export const THRESHOLDS = Array.from({ length: 19 }, (_, i) => Math.round((i + 1) * 5) / 100);

/** An item's features as the trainer's vector, with whether the weights decide it. */
export function example(features: ItemFeatures, vetoes: readonly string[], positive: boolean): Example {
  const fired = new Set(features.fired);
  return {
    x: LEARNED_FEATURES.map((f) => (fired.has(f) ? 1 : 0)),
    y: positive ? 1 : 0,
    decidable: features.present && !features.fired.some((f) => vetoes.includes(f)),
  };
}

function f1(examples: Example[], probs: number[], threshold: number): number {
  let tp = 0;
  let fp = 0;
  let fn = 0;
  examples.forEach((e, i) => {
    const matched = e.decidable && (probs[i] ?? 0) >= threshold;
    if (matched && e.y === 1) tp += 1;
    else if (matched) fp += 1;
    else if (e.y === 1) fn += 1;
  });
  return tp === 0 ? 0 : (2 * tp) / (2 * tp + fp + fn);
}

const fit = (examples: Example[], lambda: number): LogisticModel => {
  const train = examples.filter((e) => e.decidable);
  return fitLogistic(
    train.map((e) => e.x),
    train.map((e) => e.y),
    lambda,
    LEARNED_SIGNS,
  );
};

/**
 * Picks λ and the threshold by k-fold cross-validation (fold = position mod k, so the same input
 * gives the same folds), maximising the mean held-out F1; ties go to the stronger λ and the
 * threshold nearest 0.5. Then fits the model on all examples with the chosen λ.
 */
export function trainByCrossValidation(examples: Example[], folds = 5): TrainResult {
  const fold = (i: number): number => i % folds;
  let best: Omit<TrainResult, 'model'> | null = null;
  for (const lambda of LAMBDAS) {
    const held: { examples: Example[]; probs: number[] }[] = [];
    for (let k = 0; k < folds; k += 1) {
      const model = fit(
        examples.filter((_, i) => fold(i) !== k),
        lambda,
      );
      const test = examples.filter((_, i) => fold(i) === k);
      held.push({ examples: test, probs: test.map((e) => predict(model, e.x)) });
    }
    for (const threshold of THRESHOLDS) {
      const foldF1 = held.map((h) => f1(h.examples, h.probs, threshold));
      const meanF1 = foldF1.reduce((s, v) => s + v, 0) / folds;
      const better =
        best === null ||
        meanF1 > best.meanF1 + 1e-12 ||
        (Math.abs(meanF1 - best.meanF1) <= 1e-12 &&
          (lambda > best.lambda || (lambda === best.lambda && Math.abs(threshold - 0.5) < Math.abs(best.threshold - 0.5))));
      if (better) best = { lambda, threshold, foldF1, meanF1 };
    }
  }
  if (best === null) throw new Error('trainByCrossValidation: nothing tried');
  return { ...best, model: fit(examples, best.lambda) };
}
