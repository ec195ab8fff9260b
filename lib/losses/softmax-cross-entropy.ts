/**
 * Multinomial logistic regression: softmax cross-entropy over K classes, with weights W
 * (K x d, row k for class k) flattened row-major into the parameter vector w.
 */
import { checkNumber, OptkitError } from "../util/check";
import { type Matrix, matrix, matvec } from "../numbers/matrix";
import { checkData, defineLoss, type Loss } from "./loss";
import { logSumExp, softmax } from "./stable";

/**
 * L(W) = (1/N) sum_i [ lse(z_i) - z_{i, y_i} ], z_i = W x_i, lse = log-sum-exp (stable);
 * grad_W = (1/N) sum_i (softmax(z_i) - e_{y_i}) x_i', an K x d matrix, flattened.
 * Labels are integers in {0, ..., K - 1}.
 */
export function softmaxCrossEntropy(X: Matrix, labels: ArrayLike<number>, K: number): Loss {
  checkNumber("K", K, { min: 2, integer: true });
  const { y, N } = checkData(X, labels);
  const bad = y.findIndex((c) => !Number.isInteger(c) || c < 0 || c >= K);
  if (bad >= 0) {
    const problem = `expected integers in [0, ${K - 1}], got ${y[bad]} at index ${bad}`;
    throw new OptkitError("labels", problem);
  }
  const d = X.cols;
  const scores = (w: Float64Array, i: number) =>
    matvec(matrix(K, d, w), X.data.subarray(i * d, (i + 1) * d));
  return defineLoss({
    name: "softmax cross-entropy",
    latex: "\\tfrac1N\\sum_i \\log\\sum_k e^{z_{ik}} - z_{i y_i}",
    dim: K * d,
    value: (w) => {
      let s = 0;
      for (let i = 0; i < N; i++) {
        const z = scores(w, i);
        s += logSumExp(z) - z[y[i]];
      }
      return s / N;
    },
    grad: (w) => {
      const G = new Float64Array(K * d);
      for (let i = 0; i < N; i++) {
        const p = softmax(scores(w, i));
        p[y[i]] -= 1;
        for (let k = 0; k < K; k++) {
          for (let j = 0; j < d; j++) G[k * d + j] += (p[k] * X.data[i * d + j]) / N;
        }
      }
      return G;
    },
  });
}
