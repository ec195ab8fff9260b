/**
 * The noise of mini-batch gradients (notebook 05, sections 1 and 5): its variance at a point, and
 * sampling with replacement, the independent draws SGD's textbook analysis assumes (the library's
 * `minimizeStochastic` draws a fresh permutation per epoch instead, without replacement).
 */
import { asRng, type Rng, type Seed } from "../random";
import { checkNumber, OptkitError, type Vec } from "../util/check";

/** A mean over N samples with mini-batch gradients (what `minimizeStochastic` steps on). */
export interface SampledLoss {
  readonly N: number;
  value(w: Float64Array): number;
  batchGrad(w: Float64Array, batch: ArrayLike<number>): Vec;
}

/**
 * E ||g_B(w) - grad J(w)||^2 for a batch of B samples: (1/N) sum_k ||grad J_k(w) - grad J(w)||^2
 * divided by B, times (N - B)/(N - 1) when the batch is drawn without replacement (the default,
 * as in one step of an epoch), not when `withReplacement` is true. Costs N per-sample gradients.
 */
export function gradientVariance(
  loss: SampledLoss,
  w: Float64Array,
  batchSize: number,
  opts: { withReplacement?: boolean } = {},
): number {
  const N = checkNumber("loss.N", loss?.N, { min: 1, integer: true });
  const B = checkNumber("batchSize", batchSize, { min: 1, max: N, integer: true });
  const all = Int32Array.from({ length: N }, (_, k) => k);
  const mean = loss.batchGrad(w, all);
  const one = new Int32Array(1);
  let spread = 0;
  for (let k = 0; k < N; k++) {
    one[0] = k;
    const g = loss.batchGrad(w, one);
    for (let j = 0; j < g.length; j++) spread += (g[j] - mean[j]) ** 2;
  }
  spread /= N;
  if (opts.withReplacement) return spread / B;
  return N === 1 ? 0 : (spread / B) * ((N - B) / (N - 1));
}

/**
 * The same loss, but every mini-batch gradient is taken on |batch| sample indices drawn uniformly
 * with replacement from the seeded generator (the indices passed in only set the batch size), so
 * successive batches are independent, as in the textbook analysis of SGD.
 */
export function withReplacement<T extends SampledLoss>(loss: T, seed: Seed | Rng = 0): SampledLoss {
  const N = checkNumber("loss.N", loss?.N, { min: 1, integer: true });
  const rng = asRng(seed);
  let drawn = new Int32Array(0);
  return {
    N,
    value: (w) => loss.value(w),
    batchGrad: (w, batch) => {
      if (batch.length === 0) throw new OptkitError("batch", "expected at least one sample index");
      if (drawn.length !== batch.length) drawn = new Int32Array(batch.length);
      for (let i = 0; i < drawn.length; i++) drawn[i] = rng.int(N);
      return loss.batchGrad(w, drawn);
    },
  };
}
