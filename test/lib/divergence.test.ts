// Runs that blow up while staying finite are flagged, by one rule in minimize, minimizeStochastic
// and trainMlp: the loss far above its start (J_0 + 1e4 max(|J_0|, 1)) or not finite, with the
// step and the learning rate; slow runs are not.
import { describe, expect, it } from "vitest";
import { loadMnistSplit } from "../../lib/data";
import { Mlp, trainMlp } from "../../lib/nn";
import {
  DIVERGENCE_FACTOR,
  minimize,
  minimizeStochastic,
  SGD,
  type Differentiable,
  type FiniteSum,
} from "../../lib/optim";
import { OptkitError } from "../../lib/util/check";

/** f(x) = x1^2 + 2 x2^2 from (1, 1): f_0 = 3; GD with lr 3 multiplies x2 by -11 per step. */
const q: Differentiable = {
  value: (x) => x[0] ** 2 + 2 * x[1] ** 2,
  grad: (x) => Float64Array.of(2 * x[0], 4 * x[1]),
};

describe("minimize flags a run that blows up but stays finite", () => {
  it("stops at the first f above f_0 + 1e4 max(|f_0|, 1), naming the step and learning rate", () => {
    const r = minimize(q, [1, 1], new SGD({ lr: 3 }), { steps: 1000 });
    // x after t steps: (-5^t, (-11)^t); f_3 = 5^6 + 2 11^6 = 3558147 is the first above 30003
    const limit = 3 + DIVERGENCE_FACTOR * 3;
    expect(r.stopReason).toBe("diverged");
    expect(r.diverged).toEqual({
      step: 2,
      lr: 3,
      loss: 5 ** 6 + 2 * 11 ** 6,
      reason: "f rose to 3.56e+6, far above its start 3.00 after step 2 with learning rate 3",
    });
    expect(r.history.values).toEqual([3, 25 + 2 * 121, 5 ** 4 + 2 * 11 ** 4]);
    expect(Math.max(...r.history.values)).toBeLessThan(limit);
  });

  it("keeps only the non-finite test with divergenceFactor: Infinity, and checks the factor", () => {
    const r = minimize(q, [1, 1], new SGD({ lr: 3 }), { steps: 1000, divergenceFactor: Infinity });
    expect(r.diverged?.reason).toMatch(/^f became Infinity after step \d+ with learning rate 3$/);
    expect(r.steps).toBeGreaterThan(100);
    expect(() => minimize(q, [1, 1], new SGD({ lr: 3 }), { divergenceFactor: -1 })).toThrow(
      "divergenceFactor: expected a finite number >= 0, got -1",
    );
  });

  it("does not flag a converging run", () => {
    const r = minimize(q, [1, 1], new SGD({ lr: 0.1 }), { steps: 200 });
    expect(r.diverged).toBeNull();
    expect(r.value).toBeLessThan(1e-15);
  });
});

describe("minimizeStochastic uses the same rule on its recorded J", () => {
  // J(x) = 1/2 mean_k (x - a_k)^2 with a = (1, 3): J = ((x - 2)^2 + 1) / 2; full-batch GD with
  // lr 2.5 multiplies x - 2 by -1.5 per step, so J_t = (2.25^t + 1) / 2 from x_0 = 3 (J_0 = 1).
  const a = [1, 3];
  const twoPoints: FiniteSum = {
    N: 2,
    value: (x) => a.reduce((s, ak) => s + 0.5 * (x[0] - ak) ** 2, 0) / 2,
    batchGrad: (x, batch) => {
      let g = 0;
      for (let i = 0; i < batch.length; i++) g += x[0] - a[batch[i]];
      return Float64Array.of(g / batch.length);
    },
  };

  it("stops at the first recorded J above J_0 + 1e4, with the step and learning rate", () => {
    const r = minimizeStochastic(twoPoints, [3], new SGD({ lr: 2.5 }), {
      batchSize: 2,
      epochs: 100,
      recordEvery: 1,
    });
    // (2.25^t + 1) / 2 > 10001 first for t = 13, the state after step 12 (counted from 0)
    expect(r.diverged?.step).toBe(12);
    expect(r.diverged?.lr).toBe(2.5);
    const J13 = (2.25 ** 13 + 1) / 2;
    expect(r.diverged?.loss).toBeCloseTo(J13, 6);
    expect(r.diverged?.reason).toBe(
      `J rose to ${J13.toPrecision(3)}, far above its start 1.00 after step 12 with learning rate 2.5`,
    );
    expect(r.values.length).toBe(13);
    expect(r.values.every(Number.isFinite)).toBe(true);
  });
});

describe("trainMlp: blown-up and collapsed runs are flagged, slow ones are not", () => {
  const test = loadMnistSplit("test");
  const n = 5000;
  const data = { images: test.images.subarray(0, n * 784), labels: test.labels.subarray(0, n) };
  const train = (lr: number, seed: number) =>
    trainMlp(new Mlp({ sizes: [784, 32, 10], seed, maxBatch: 64 }), data, {
      epochs: 2,
      seed,
      optimizer: new SGD({ lr }),
    });

  it("lr 1e3: the mini-batch loss goes far above its start after the first step", () => {
    const r = train(1e3, 0);
    expect(r.diverged?.step).toBe(0);
    expect(r.diverged?.lr).toBe(1000);
    expect(r.diverged?.loss).toBeGreaterThan(1e4 * 2.3);
    expect(r.diverged?.reason).toMatch(
      /^training diverged: the mini-batch loss rose to .*, far above its start 2\.\d\d after step 0 with learning rate 1000 \(epoch 1\); try a smaller learning rate/,
    );
    expect(r.history).toEqual([]);
  });

  it("lr 3: a spike, then chance accuracy after an epoch, is a collapse", () => {
    const r = train(3, 1);
    expect(r.history.length).toBe(1);
    expect(r.history[0].trainAccuracy).toBeLessThan(0.15);
    expect(r.diverged?.epoch).toBe(1);
    expect(r.diverged?.lr).toBe(3);
    expect(r.diverged?.loss).toBeGreaterThan(10 * 2.5);
    expect(r.diverged?.reason).toMatch(
      /^training diverged: the mini-batch loss rose to .* \(from 2\.\d\d\), and the epoch ended at chance accuracy \(\d+\.\d%\), after step \d+ with learning rate 3 \(epoch 1\)/,
    );
  });

  it("lr 1e-6: chance accuracy without a blow-up is slow learning, not divergence", () => {
    const r = train(1e-6, 0);
    expect(r.diverged).toBeUndefined();
    expect(r.history.length).toBe(2);
    expect(r.history[1].trainAccuracy).toBeLessThan(0.15);
  });

  it("a non-finite first loss is bad input, not divergence", () => {
    const images = Float32Array.from(data.images.subarray(0, 64 * 784));
    images.fill(NaN);
    const net = new Mlp({ sizes: [784, 8, 10], maxBatch: 64 });
    const run = () =>
      trainMlp(
        net,
        { images, labels: data.labels.subarray(0, 64) },
        {
          epochs: 1,
          optimizer: new SGD({ lr: 0.1 }),
        },
      );
    expect(run).toThrow(OptkitError);
    expect(run).toThrow(
      "data.images: the first mini-batch's loss is NaN before any step: expected finite inputs",
    );
  });
});
