// Mini-batch SGD on a finite sum, checked against iterations computed by hand.
import { describe, expect, it } from "vitest";
import { minimizeStochastic, SGD, type FiniteSum } from "../../../lib/optim";
import { expectClose } from "./close";

/** J(x) = (1/2) mean_k (x - c_k)^2 with c = (0, 2): grad J = x - 1, grad J_k = x - c_k. */
const c = [0, 2];
const twoPoints: FiniteSum = {
  N: 2,
  value: (x) => 0.25 * ((x[0] - c[0]) ** 2 + (x[0] - c[1]) ** 2),
  batchGrad: (x, batch) => {
    let g = 0;
    for (let i = 0; i < batch.length; i++) g += x[0] - c[batch[i]];
    return Float64Array.of(g / batch.length);
  },
};

describe("minimizeStochastic", () => {
  it("with the full batch is gradient descent: x_t = 1 + (x_0 - 1) / 2^t for lr 1/2", () => {
    const r = minimizeStochastic(twoPoints, [3], new SGD({ lr: 0.5 }), {
      batchSize: 2,
      epochs: 4,
    });
    expect(r.steps).toEqual([0, 1, 2, 3, 4]);
    expectClose(r.x[0], 1 + 2 / 16);
    // J(x) = 1/2 (x - 1)^2 + 1/2: at x_4 = 1.125, J = 0.5078125
    expectClose(r.values[4], 0.5078125);
    expect(r.seconds.every((s, i) => i === 0 || s >= r.seconds[i - 1])).toBe(true);
  });

  it("with one sample per step and lr 1 jumps to c_k each step and never goes below J = 1", () => {
    const r = minimizeStochastic(twoPoints, [1], new SGD({ lr: 1 }), {
      batchSize: 1,
      epochs: 5,
      recordEvery: 1,
    });
    expect(r.steps.length).toBe(11);
    // x_t in {0, 2} for t >= 1, where J = 1; the minimum J(1) = 1/2 is never reached again
    expect(r.values.slice(1).every((v) => v === 1)).toBe(true);
  });

  it("applies a schedule per step and stops with a flag when J overflows", () => {
    const lrs: number[] = [];
    const opt = new SGD({ lr: 1 });
    minimizeStochastic(twoPoints, [3], opt, {
      batchSize: 2,
      epochs: 3,
      schedule: (t) => (lrs.push(t), 0.1 / (t + 1)),
    });
    expect(lrs).toEqual([0, 1, 2]);
    expectClose(opt.lr, 0.1 / 3);
    const r = minimizeStochastic(twoPoints, [3], new SGD({ lr: 1e200 }), {
      batchSize: 2,
      epochs: 3,
    });
    expect(r.diverged).toEqual({
      step: 0,
      lr: 1e200,
      loss: Infinity,
      reason: "J became Infinity after step 0 with learning rate 1e+200",
    });
    expect(r.values).toEqual([2.5]);
  });
});
