// Finite-sum least squares: values and gradients computed by hand on a 3-sample example.
import { describe, expect, it } from "vitest";
import { leastSquaresFiniteSum } from "../../../lib/losses";
import { fromRows } from "../../../lib/numbers";
import { OptkitError } from "../../../lib/util/check";

// Rows a_k = (1, 0), (0, 2), (1, 1), targets y = (1, 2, 0); at w = (1, 1) the residuals
// a_k'w - y_k are 0, 0, 2: J = (0 + 0 + 2) / 3, grad J_k = r_k a_k = (0,0), (0,0), (2,2).
const A = fromRows([
  [1, 0],
  [0, 2],
  [1, 1],
]);
const loss = leastSquaresFiniteSum(A, [1, 2, 0]);
const w = Float64Array.of(1, 1);

describe("leastSquaresFiniteSum", () => {
  it("is the mean of the per-sample losses, with the mean gradient", () => {
    expect(loss.N).toBe(3);
    expect(loss.value(w)).toBeCloseTo(2 / 3, 15);
    expect(Array.from(loss.grad(w))).toEqual([2 / 3, 2 / 3]);
  });

  it("averages the gradient over a mini-batch only", () => {
    expect(Array.from(loss.batchGrad(w, [2]))).toEqual([2, 2]);
    expect(Array.from(loss.batchGrad(w, [0, 2]))).toEqual([1, 1]);
    // at w = 0 the residuals are -y: grad J_1 = -2 (0, 2) = (0, -4)
    expect(Array.from(loss.batchGrad(Float64Array.of(0, 0), [1]))).toEqual([0, -4]);
  });

  it("rejects empty batches, bad indices and a w of the wrong length", () => {
    expect(() => loss.batchGrad(w, [])).toThrow(OptkitError);
    expect(() => loss.batchGrad(w, [3])).toThrow(/0\.\.2/);
    expect(() => loss.batchGrad(Float64Array.of(1), [0])).toThrow(/w/);
  });
});
