// Learning-rate sweeps: steps to a target counted from the closed form of GD on x^2.
import { describe, expect, it } from "vitest";
import { SGD, sweepLearningRates, type Differentiable } from "../../../lib/optim";
import { OptkitError } from "../../../lib/util/check";

/** f(x) = x^2: GD gives x_t = (1 - 2 lr)^t x_0, so f(x_t) = (1 - 2 lr)^(2t) for x_0 = 1. */
const sq: Differentiable = {
  value: (x) => x[0] ** 2,
  grad: (x) => Float64Array.of(2 * x[0]),
};
const gd = (lr: number) => new SGD({ lr });

describe("sweepLearningRates", () => {
  it("counts the steps to the target from the closed form and picks the fastest rate", () => {
    // target 1e-4: lr 0.25 needs 0.25^t <= 1e-4, t = 7; lr 0.4 needs 0.04^t <= 1e-4, t = 3;
    // lr 0.01 needs 0.98^(2t) <= 1e-4, t = 228 > 100 steps; lr 50.5 multiplies x by -100 (overflow).
    const { runs, best } = sweepLearningRates(sq, [1], gd, [0.01, 0.25, 0.4, 50.5], {
      target: 1e-4,
      steps: 100,
    });
    expect(runs.map((r) => r.stepsToTarget)).toEqual([null, 7, 3, null]);
    expect(best.lr).toBe(0.4);
    expect(runs[1].result.steps).toBe(7); // stopped at the target, not after 100 steps
    expect(runs[3].result.stopReason).toBe("diverged");
  });

  it("without a hit, the best run is the lowest final value that did not diverge", () => {
    const { best } = sweepLearningRates(sq, [1], gd, [1.5, 0.001, 0.01], {
      target: 0,
      steps: 20,
    });
    expect(best.lr).toBe(0.01);
  });

  it("rejects an empty or negative list of learning rates", () => {
    expect(() => sweepLearningRates(sq, [1], gd, [], { target: 0 })).toThrow(OptkitError);
    expect(() => sweepLearningRates(sq, [1], gd, [-1], { target: 0 })).toThrow(/lrs\[0\]/);
  });
});
