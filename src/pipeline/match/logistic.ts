/** A fitted logistic model: P(y=1 | x) = σ(bias + w·x). */
export interface LogisticModel {
  bias: number;
  weights: number[];
}

const sigmoid = (z: number): number => 1 / (1 + Math.exp(-z));

/** The model's probability for one feature vector. */
export function predict(model: LogisticModel, x: readonly number[]): number {
  let z = model.bias;
  for (let j = 0; j < x.length; j += 1) z += (model.weights[j] ?? 0) * (x[j] ?? 0);
  return sigmoid(z);
}

/** Mean log-loss plus (λ/2)·‖w‖² (the bias is not penalised). */
function loss(xs: readonly number[][], ys: readonly number[], lambda: number, theta: number[]): number {
  const model = { bias: theta[0] ?? 0, weights: theta.slice(1) };
  let sum = 0;
  xs.forEach((x, i) => {
    const p = Math.min(1 - 1e-15, Math.max(1e-15, predict(model, x)));
    sum -= ys[i] === 1 ? Math.log(p) : Math.log(1 - p);
  });
  return sum / xs.length + (lambda / 2) * model.weights.reduce((s, w) => s + w * w, 0);
}

/** Solves A·x = b by Gaussian elimination with partial pivoting (A is small and positive definite here). */
function solve(a: number[][], b: number[]): number[] {
  const n = b.length;
  const m = a.map((row, i) => [...row, b[i] ?? 0]);
  for (let c = 0; c < n; c += 1) {
    let pivot = c;
    for (let r = c + 1; r < n; r += 1) if (Math.abs(m[r]![c]!) > Math.abs(m[pivot]![c]!)) pivot = r;
    [m[c], m[pivot]] = [m[pivot]!, m[c]!];
    for (let r = c + 1; r < n; r += 1) {
      const f = m[r]![c]! / m[c]![c]!;
      for (let k = c; k <= n; k += 1) m[r]![k]! -= f * m[c]![k]!;
    }
  }
  const x = new Array<number>(n).fill(0);
  for (let r = n - 1; r >= 0; r -= 1) {
    let s = m[r]![n]!;
    for (let k = r + 1; k < n; k += 1) s -= m[r]![k]! * x[k]!;
    x[r] = s / m[r]![r]!;
  }
  return x;
}

/** Which way a weight may go: +1 never below zero, −1 never above, 0 free. */
export type Sign = 1 | -1 | 0;

/**
 * Fits an L2-regularised logistic regression by Newton's method (IRLS) with step halving:
 * minimises mean log-loss + (λ/2)·‖w‖². Deterministic (starts from zero); `lambda` must be > 0
 * so that separable data still gives finite weights. `signs` (one per feature) bounds weights at
 * zero: a projected Newton method holds a weight at its bound while the gradient pushes it across
 * and takes Newton steps in the others, so evidence for never gets a negative weight.
 */
export function fitLogistic(xs: readonly number[][], ys: readonly number[], lambda: number, signs: readonly Sign[] = [], maxIterations = 100): LogisticModel {
  if (xs.length === 0) throw new Error('fitLogistic: no examples');
  if (!(lambda > 0)) throw new Error('fitLogistic: lambda must be > 0');
  const d = xs[0]!.length;
  const n = xs.length;
  const sign = (a: number): Sign => (a === 0 ? 0 : (signs[a - 1] ?? 0));
  const project = (v: number, a: number): number => (sign(a) === 1 ? Math.max(0, v) : sign(a) === -1 ? Math.min(0, v) : v);
  let theta = new Array<number>(d + 1).fill(0);
  let current = loss(xs, ys, lambda, theta);
  for (let it = 0; it < maxIterations; it += 1) {
    const grad = new Array<number>(d + 1).fill(0);
    const hess = Array.from({ length: d + 1 }, () => new Array<number>(d + 1).fill(0));
    const model = { bias: theta[0]!, weights: theta.slice(1) };
    xs.forEach((x, i) => {
      const p = predict(model, x);
      const r = p - (ys[i] ?? 0);
      const v = [1, ...x];
      const s = Math.max(p * (1 - p), 1e-12);
      for (let a = 0; a <= d; a += 1) {
        grad[a]! += (r * v[a]!) / n;
        for (let b = 0; b <= d; b += 1) hess[a]![b]! += (s * v[a]! * v[b]!) / n;
      }
    });
    for (let a = 1; a <= d; a += 1) {
      grad[a]! += lambda * theta[a]!;
      hess[a]![a]! += lambda;
    }
    hess[0]![0]! += 1e-9;
    // A weight at its bound that descent would push across stays there this step.
    const held = theta.map((v, a) => sign(a) !== 0 && v === 0 && sign(a) * grad[a]! > 0);
    const free = theta.map((_, a) => a).filter((a) => !held[a]);
    const freeStep = solve(
      free.map((a) => free.map((b) => hess[a]![b]!)),
      free.map((a) => grad[a]!),
    );
    const step = new Array<number>(d + 1).fill(0);
    free.forEach((a, i) => (step[a] = freeStep[i]!));
    let t = 1;
    let next = theta.map((v, a) => project(v - t * step[a]!, a));
    let nextLoss = loss(xs, ys, lambda, next);
    while (nextLoss > current && t > 1e-6) {
      t /= 2;
      next = theta.map((v, a) => project(v - t * step[a]!, a));
      nextLoss = loss(xs, ys, lambda, next);
    }
    if (nextLoss > current) break;
    const moved = Math.max(...next.map((v, a) => Math.abs(v - theta[a]!)));
    theta = next;
    current = nextLoss;
    if (moved < 1e-9) break;
  }
  return { bias: theta[0]!, weights: theta.slice(1) };
}
