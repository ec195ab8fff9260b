import { describe, expect, it } from "vitest";
import {
  fromRows,
  gradCheck,
  leastSquares,
  logisticRegression,
  type Loss,
  logSigmoid,
  logSumExp,
  matrix,
  meanSquaredError,
  normalEquations,
  norm2,
  numericHessian,
  relativeError,
  ridge,
  ridgeClosedForm,
  rng,
  sigmoid,
  softmax,
  softmaxCrossEntropy,
  softplus,
} from "../../../lib";

const r = rng("losses");
const N = 12;
const d = 3;
const X = matrix(N, d, r.normals(N * d));
const yReal = r.normals(N);
const y01 = Float64Array.from({ length: N }, () => r.int(2));
const yPm = y01.map((v) => 2 * v - 1);
const classes = Float64Array.from({ length: N }, () => r.int(4));
const Gamma = fromRows([
  [1, -1, 0],
  [0, 1, -1],
]);

const losses: Loss[] = [
  leastSquares(X, yReal),
  meanSquaredError(X, yReal),
  ridge(X, yReal, 0.3),
  ridge(X, yReal, 0.3, Gamma),
  logisticRegression(X, y01),
  logisticRegression(X, yPm, { labels: "-1/+1", lambda: 0.1 }),
  softmaxCrossEntropy(X, classes, 4),
];

describe.each(losses.map((l) => [l.name, l] as const))("%s", (_, loss) => {
  // Points w ~ N(0, 1): scores stay O(1), where central differences (h = 1e-5) are accurate
  // to ~1e-10 relative, far below the 1e-7 bound.
  it("gradient (and Hessian) match central differences at seeded points", () => {
    const rw = rng(loss.name);
    for (let t = 0; t < 4; t++) {
      const w = rw.normals(loss.dim);
      expect(gradCheck(loss.value, loss.grad, w)).toBeLessThan(1e-7);
      if (loss.hessian) {
        const H = loss.hessian(w).data;
        expect(relativeError(H, numericHessian(loss.grad, w).data)).toBeLessThan(1e-7);
      }
    }
  });
  it("rejects w of the wrong length or non-finite, naming w", () => {
    expect(() => loss.value(new Float64Array(loss.dim + 1))).toThrow(
      `w: expected length ${loss.dim}, got ${loss.dim + 1}`,
    );
    expect(() => loss.grad(new Float64Array(loss.dim).fill(Infinity))).toThrow(
      /^w: expected finite/,
    );
  });
});

describe("least squares, MSE and ridge", () => {
  // A = [[1], [2]], y = (1, 1), w = 1: residuals (0, 1).
  const A = fromRows([[1], [2]]);
  const w = Float64Array.of(1);
  it("take hand-computed values", () => {
    expect(leastSquares(A, [1, 1]).value(w)).toBe(0.5);
    expect(meanSquaredError(A, [1, 1]).value(w)).toBe(0.5); // PyTorch MSELoss: mean of (0, 1)
    expect(ridge(A, [1, 1], 2).value(w)).toBe(1.5); // 0.5 + 2/2 * 1
    expect(Array.from(leastSquares(A, [1, 1]).grad(w))).toEqual([2]); // A'r = 0 + 2
  });
  it("closed forms: exact recovery and hand-computed ridge", () => {
    const wTrue = Float64Array.of(0.5, -2, 1);
    const yExact = Array.from({ length: N }, (_, i) =>
      [0, 1, 2].reduce((s, j) => s + X.data[i * d + j] * wTrue[j], 0),
    );
    expect(relativeError(normalEquations(X, yExact), wTrue)).toBeLessThan(1e-12);
    // A'A = 5, A'y = 5: least squares w = 1, ridge (lambda = 5) w = 5 / 10.
    expect(relativeError(normalEquations(A, [1, 2]), [1])).toBeLessThan(1e-15);
    expect(relativeError(ridgeClosedForm(A, [1, 2], 5), [0.5])).toBeLessThan(1e-15);
  });
  it("closed forms are stationary points of the losses", () => {
    expect(norm2(leastSquares(X, yReal).grad(normalEquations(X, yReal)))).toBeLessThan(1e-12);
    const wr = ridgeClosedForm(X, yReal, 0.3, Gamma);
    expect(norm2(ridge(X, yReal, 0.3, Gamma).grad(wr))).toBeLessThan(1e-12);
  });
  it("reject rank-deficient A, bad shapes and negative lambda", () => {
    const R = fromRows([
      [1, 2],
      [2, 4],
    ]);
    expect(() => normalEquations(R, [1, 1])).toThrow(/^A: A'A is singular/);
    expect(() => leastSquares(A, [1])).toThrow("y: expected length 2, got 1");
    expect(() => leastSquares(A, [1, NaN])).toThrow(/^y: expected finite values/);
    expect(() => ridge(A, [1, 1], -1)).toThrow(/^lambda: expected a finite number >= 0/);
    expect(() => ridge(A, [1, 1], 1, Gamma)).toThrow(/^Gamma: expected 1 columns/);
  });
});

describe("logistic regression", () => {
  it("is log 2 at w = 0 with gradient X'(1/2 - y)/N (hand computation)", () => {
    const L = logisticRegression(X, y01);
    expect(relativeError([L.value(new Float64Array(d))], [Math.LN2])).toBeLessThan(1e-15);
    const g = [0, 1, 2].map(
      (j) => y01.reduce((s, yi, i) => s + X.data[i * d + j] * (0.5 - yi), 0) / N,
    );
    expect(relativeError(L.grad(new Float64Array(d)), g)).toBeLessThan(1e-14);
  });
  it("gives the same loss in both label conventions", () => {
    const w = rng(5).normals(d);
    const a = logisticRegression(X, y01);
    const b = logisticRegression(X, yPm, { labels: "-1/+1" });
    expect(relativeError([a.value(w)], [b.value(w)])).toBeLessThan(1e-14);
    expect(relativeError(a.grad(w), b.grad(w))).toBeLessThan(1e-14);
  });
  it("is finite and right at margins of +-1000", () => {
    const x = fromRows([[1000]]);
    const w = Float64Array.of(1);
    // Correct margin y z = 1000: loss log(1 + e^-1000) = 0 to double precision, gradient 0.
    expect(logisticRegression(x, [1]).value(w)).toBe(0);
    expect(logisticRegression(x, [1], { labels: "-1/+1" }).value(w)).toBe(0);
    expect(logisticRegression(x, [1]).grad(w)[0]).toBe(0);
    // Wrong margin y z = -1000: loss log(1 + e^1000) = 1000 + log(1 + e^-1000) = 1000.
    expect(logisticRegression(x, [0]).value(w)).toBe(1000);
    expect(logisticRegression(x, [-1], { labels: "-1/+1" }).value(w)).toBe(1000);
    expect(logisticRegression(x, [0]).grad(w)[0]).toBe(1000); // sigma(1000) x = x
    expect(logisticRegression(x, [-1], { labels: "-1/+1" }).grad(w)[0]).toBe(1000);
  });
  it("rejects labels outside the chosen set", () => {
    expect(() => logisticRegression(X, yPm)).toThrow(/^y: expected labels in \{0, 1\}, got -1/);
    expect(() => logisticRegression(X, y01, { labels: "-1/+1" })).toThrow(
      /^y: expected labels in \{-1, \+1\}, got 0/,
    );
  });
});

describe("stable building blocks", () => {
  it("softplus, logSigmoid and sigmoid agree with high-precision references", () => {
    // mpmath (40 digits): log(1 + e^-30) = 9.3576229688397367794e-14, log(1 + e^30) = 30.0000000000000935762 (nearest double 30.000000000000092)
    expect(relativeError([softplus(-30)], [9.3576229688397368e-14])).toBeLessThan(1e-15);
    expect(relativeError([softplus(30)], [30.000000000000092])).toBeLessThan(1e-15);
    expect(softplus(1000)).toBe(1000);
    expect(logSigmoid(-1000)).toBe(-1000);
    expect(sigmoid(-1000)).toBe(0);
    expect(sigmoid(0)).toBe(0.5);
  });
  it("logSumExp and softmax survive large logits", () => {
    expect(logSumExp(Float64Array.of(1000, 1000))).toBe(1000 + Math.LN2);
    const p = softmax(Float64Array.of(1000, 0, -1000));
    expect(Array.from(p)).toEqual([1, Math.exp(-1000), 0]);
    expect(() => logSumExp(new Float64Array(0))).toThrow("z: expected at least one entry");
  });
});

describe("softmax cross-entropy", () => {
  it("is log K at W = 0 and handles large scores", () => {
    const L = softmaxCrossEntropy(X, classes, 4);
    expect(relativeError([L.value(new Float64Array(4 * d))], [Math.log(4)])).toBeLessThan(1e-15);
    // One sample x = 1, scores W x = (1000, 0, -1000): label 0 costs ~0, label 2 costs 2000.
    const w = Float64Array.of(1000, 0, -1000);
    const one = fromRows([[1]]);
    expect(softmaxCrossEntropy(one, [0], 3).value(w)).toBe(0);
    expect(softmaxCrossEntropy(one, [2], 3).value(w)).toBe(2000);
  });
  it("rejects labels out of range", () => {
    expect(() => softmaxCrossEntropy(fromRows([[1], [2]]), [0, 3], 3)).toThrow(
      "labels: expected integers in [0, 2], got 3 at index 1",
    );
    expect(() => softmaxCrossEntropy(X, classes, 1)).toThrow(/^K: expected an integer >= 2/);
  });
});
