/**
 * Logistic regression: p(y = 1 | x) = sigma(w'x) for rows x of X (append a column of ones
 * for a bias). The mean negative log-likelihood in two label conventions, computed with
 * softplus so that margins of +-1000 give finite, correct values.
 */
import { checkNumber, checkOptions, OptkitError } from "../util/check";
import { type Matrix, matrix, matvec } from "../numbers/matrix";
import { axpy } from "../numbers/vector";
import { checkData, defineLoss, type LossWithHessian } from "./loss";
import { sigmoid, softplus } from "./stable";

/** Labels: y in {0, 1} or y in {-1, +1}. */
export type LabelSet = "0/1" | "-1/+1";

/** Per-sample loss l(z, y) at the score z = w'x and its derivative dl/dz. */
const PER_SAMPLE: Record<LabelSet, (z: number, y: number) => [number, number]> = {
  // -y log sigma(z) - (1 - y) log(1 - sigma(z)) = softplus(z) - y z;  dl/dz = sigma(z) - y
  "0/1": (z, y) => [softplus(z) - y * z, sigmoid(z) - y],
  // -log sigma(y z) = softplus(-y z);  dl/dz = -y sigma(-y z)
  "-1/+1": (z, y) => [softplus(-y * z), -y * sigmoid(-y * z)],
};

/** Throws unless every label is in the chosen set, naming the first bad one. */
function checkLabels(y: Float64Array, labels: LabelSet): void {
  const allowed = labels === "0/1" ? [0, 1] : [-1, 1];
  const i = y.findIndex((v) => !allowed.includes(v));
  if (i >= 0) {
    const set = labels.replace("/", ", ");
    throw new OptkitError("y", `expected labels in {${set}}, got ${y[i]} at index ${i}`);
  }
}

/**
 * L(w) = (1/N) sum_i l(x_i'w, y_i) + lambda/2 ||w||^2 with l as above (labels "0/1" by default);
 * grad = (1/N) X' (dl/dz) + lambda w; Hessian = (1/N) X' diag(sigma(z)(1 - sigma(z))) X + lambda I
 * (the same in both conventions).
 */
export function logisticRegression(
  X: Matrix,
  y: ArrayLike<number>,
  opts: { labels?: LabelSet; lambda?: number } = {},
): LossWithHessian {
  checkOptions("logisticRegression", opts, ["labels", "lambda"]);
  const { labels = "0/1", lambda = 0 } = opts;
  if (!(labels in PER_SAMPLE)) {
    throw new OptkitError("labels", `expected "0/1" or "-1/+1", got ${String(labels)}`);
  }
  checkNumber("lambda", lambda, { min: 0 });
  const { At, y: yv, N } = checkData(X, y);
  checkLabels(yv, labels);
  const d = X.cols;
  const perSample = (w: Float64Array) =>
    Array.from(matvec(X, w), (z, i) => PER_SAMPLE[labels](z, yv[i]));
  // Without a penalty nothing is added: 0 * ||w||^2 would be NaN once ||w||^2 overflows.
  const penalty = (w: Float64Array) =>
    lambda === 0 ? 0 : 0.5 * lambda * w.reduce((s, wi) => s + wi * wi, 0);
  return defineLoss<LossWithHessian>({
    name: `logistic regression (labels ${labels})`,
    latex:
      labels === "0/1"
        ? "\\tfrac1N\\sum_i \\log(1 + e^{z_i}) - y_i z_i"
        : "\\tfrac1N\\sum_i \\log(1 + e^{-y_i z_i})",
    dim: d,
    value: (w) => perSample(w).reduce((s, [l]) => s + l, 0) / N + penalty(w),
    grad: (w) => {
      const dz = Float64Array.from(perSample(w), ([, g]) => g / N);
      return axpy(lambda, w, matvec(At, dz)) as Float64Array;
    },
    hessian: (w) => {
      const s = Array.from(matvec(X, w), (z) => sigmoid(z) * sigmoid(-z));
      const H = matrix(d, d);
      for (let j = 0; j < d; j++) {
        for (let k = 0; k < d; k++) {
          let h = 0;
          for (let i = 0; i < N; i++) h += X.data[i * d + j] * s[i] * X.data[i * d + k];
          H.data[j * d + k] = h / N + (j === k ? lambda : 0);
        }
      }
      return H;
    },
  });
}
