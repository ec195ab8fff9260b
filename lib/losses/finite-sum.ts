/**
 * Finite-sum losses (notebook 05, section 1): J(w) = (1/N) sum_k J_k(w), one term per sample, with
 * the mini-batch gradient (1/|B|) sum_{k in B} grad J_k(w) that SGD steps on (section 2).
 */
import { OptkitError } from "../util/check";
import type { Matrix } from "../numbers/matrix";
import { checkedInput } from "../objectives/objective";
import { checkData, defineLoss, type Loss } from "./loss";

/** A loss that is a mean over N samples and can average its gradient over any subset. */
export interface FiniteSumLoss extends Loss {
  /** the number of samples N */
  readonly N: number;
  /** (1/|B|) sum_{k in B} grad J_k(w) for the sample indices B (cost O(|B| d)) */
  batchGrad(w: Float64Array, batch: ArrayLike<number>): Float64Array;
}

/**
 * Mean least squares J(w) = (1/N) sum_k 1/2 (a_k'w - y_k)^2, a_k the k-th row of A:
 * grad J_k(w) = (a_k'w - y_k) a_k, so grad J = (1/N) A'(A w - y) (cost O(N d) per gradient).
 */
export function leastSquaresFiniteSum(A: Matrix, y: ArrayLike<number>): FiniteSumLoss {
  const { y: yv, N } = checkData(A, y);
  const d = A.cols;
  const a = A.data;
  const residual = (w: Float64Array, k: number) => {
    let r = -yv[k];
    for (let j = 0; j < d; j++) r += a[k * d + j] * w[j];
    return r;
  };
  const gradOver = (w: Float64Array, batch: ArrayLike<number>) => {
    const g = new Float64Array(d);
    for (let i = 0; i < batch.length; i++) {
      const k = batch[i];
      if (!(Number.isInteger(k) && k >= 0 && k < N)) {
        throw new OptkitError("batch", `expected sample indices in 0..${N - 1}, got ${k}`);
      }
      const r = residual(w, k);
      for (let j = 0; j < d; j++) g[j] += r * a[k * d + j];
    }
    for (let j = 0; j < d; j++) g[j] /= batch.length;
    return g;
  };
  const checkW = checkedInput(d, (w) => w, "w");
  const all = Int32Array.from({ length: N }, (_, k) => k);
  const loss = defineLoss<Loss>({
    name: "least squares (mean over samples)",
    latex: "\\frac1N \\sum_k \\tfrac12 (a_k^\\top w - y_k)^2",
    dim: d,
    value: (w) => {
      let s = 0;
      for (let k = 0; k < N; k++) s += 0.5 * residual(w, k) ** 2;
      return s / N;
    },
    grad: (w) => gradOver(w, all),
  });
  return {
    ...loss,
    N,
    batchGrad: (w, batch) => {
      if (batch.length === 0) throw new OptkitError("batch", "expected at least one sample index");
      checkW(w);
      return gradOver(w, batch);
    },
  };
}
