import { describe, expect, it } from "vitest";
import { gradientVariance, leastSquaresFiniteSum, matrix, withReplacement } from "../../../lib";
import { expectError } from "../expect-error";

// J_k(w) = 1/2 (a_k w - y_k)^2 in one dimension, a = (1, 2, 3), y = (0, 0, 0): grad J_k(w) = a_k^2 w
const ls = leastSquaresFiniteSum(matrix(3, 1, [1, 2, 3]), [0, 0, 0]);
const w = Float64Array.of(1);

describe("gradientVariance", () => {
  it("is the per-sample spread over B, with the finite-population factor without replacement", () => {
    // per-sample gradients 1, 4, 9: mean 14/3, spread ((11/3)^2 + (2/3)^2 + (13/3)^2) / 3 = 98/9
    expect(gradientVariance(ls, w, 1)).toBeCloseTo(98 / 9, 12);
    expect(gradientVariance(ls, w, 2)).toBeCloseTo((98 / 9 / 2) * (1 / 2), 12);
    expect(gradientVariance(ls, w, 3)).toBe(0);
    expect(gradientVariance(ls, w, 2, { withReplacement: true })).toBeCloseTo(98 / 9 / 2, 12);
  });

  it("matches the mean square error of every batch of two, enumerated", () => {
    const pairs = [
      [0, 1],
      [0, 2],
      [1, 2],
    ];
    const mean = 14 / 3;
    const mse = pairs.reduce((s, b) => s + (ls.batchGrad(w, b)[0] - mean) ** 2, 0) / pairs.length;
    expect(gradientVariance(ls, w, 2)).toBeCloseTo(mse, 12);
  });

  it("rejects a batch larger than the data set", () => {
    expectError(
      () => gradientVariance(ls, w, 4),
      "batchSize",
      "batchSize: expected an integer in [1, 3], got 4",
    );
  });
});

describe("withReplacement", () => {
  it("draws independent uniform indices: the batch mean is unbiased with variance spread / B", () => {
    const sampled = withReplacement(ls, 7);
    const n = 20000;
    let sum = 0;
    let sq = 0;
    for (let i = 0; i < n; i++) {
      const g = sampled.batchGrad(w, [0, 0])[0];
      sum += g;
      sq += g * g;
    }
    const mean = sum / n;
    expect(mean).toBeCloseTo(14 / 3, 1);
    expect(sq / n - mean * mean).toBeCloseTo(98 / 9 / 2, 0);
  });

  it("is seeded, keeps N and value, and refuses an empty batch", () => {
    const a = withReplacement(ls, 3);
    const b = withReplacement(ls, 3);
    const draws = (s: typeof a) => Array.from({ length: 5 }, () => s.batchGrad(w, [0])[0]);
    expect(draws(a)).toEqual(draws(b));
    expect(a.N).toBe(3);
    expect(a.value(w)).toBe(ls.value(w));
    expectError(() => a.batchGrad(w, []), "batch", "batch: expected at least one sample index");
  });
});
