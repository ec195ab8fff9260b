// The network's bad input from untyped calls: each is refused before any work with an
// OptkitError naming what the user passed (data.images, test.labels, optimizer, clip), where
// it used to fail with a raw TypeError, an internal name ("idx") after a whole epoch, or a
// silent wrong result (predict on a partial row, evaluate on nothing, init "xavier").
import { describe, expect, it } from "vitest";
import { activate, initWeights, Mlp, trainMlp } from "../../../lib/nn";
import { rng } from "../../../lib/random";
import { minimize, minimizeStochastic, SGD } from "../../../lib/optim";
import { expectError } from "../expect-error";

const loose = <T>(x: unknown) => x as T;
const net = () => new Mlp({ sizes: [4, 3, 2], maxBatch: 8, kernels: "ts" });
const data = (n: number) => ({
  images: new Float32Array(n * 4).fill(0.5),
  labels: Uint8Array.from({ length: n }, (_, i) => i % 2),
});
const opts = { epochs: 1, batchSize: 4, optimizer: new SGD({ lr: 0.1 }) };

describe("trainMlp checks everything it is given before the first step", () => {
  it("the optimizer, the callbacks and the options object", () => {
    expectError(
      () => trainMlp(net(), data(8), loose({ epochs: 1, batchSize: 4, optimizer: "sgd" })),
      "optimizer",
      'optimizer: expected an optimizer such as new SGD({ lr: 0.1 }) or new Adam(), got "sgd" (a string)',
    );
    expectError(
      () => trainMlp(net(), data(8), loose({ ...opts, clip: 1 })),
      "clip",
      "clip: expected a function, e.g. (g) => clipGradNorm(g, 1), got 1",
    );
    expectError(
      () => trainMlp(net(), data(8), loose(undefined)),
      "options",
      "options: expected an object of trainMlp options (epochs, optimizer, batchSize, seed, dropLast, schedule, scheduleUnit, clip, test, onEpoch, onStep, divergenceFactor), got undefined",
    );
    expectError(
      () => trainMlp(net(), data(8), { epochs: 1, optimizer: new SGD({ lr: 0.1 }) }),
      "batchSize",
      "batchSize: expected at most the network's maxBatch 8, got 64 (the default)",
    );
  });

  it("the training data: its type, its shape and every label", () => {
    expectError(
      () => trainMlp(net(), loose(null), opts),
      "data",
      "data: expected an object { images, labels }, got null",
    );
    expectError(
      () => trainMlp(net(), loose({ images: Array(32).fill(0.5), labels: Array(8).fill(1) }), opts),
      "data.images",
      "data.images: expected a Float32Array or Float64Array of rows of 4 values, got Array(32)",
    );
    const late = data(8);
    late.labels[7] = 2; // a class the 2-output network does not have, in the last batch
    expectError(
      () => trainMlp(net(), late, opts),
      "data.labels",
      "data.labels: expected a class in 0..1 at index 7, got 2",
    );
  });

  it("the test set, which is evaluated only after the first epoch", () => {
    let steps = 0;
    const test = { images: new Float32Array(5), labels: new Uint8Array(2) };
    expectError(
      () => trainMlp(net(), data(8), { ...opts, test, onStep: () => steps++ }),
      "test.images",
      "test.images: expected one or more rows of 4 values (a length that is a positive multiple of 4), got length 5",
    );
    expect(steps).toBe(0);
  });
});

describe("evaluate, predict and the building blocks", () => {
  it("predict refuses a partial row instead of dropping it; evaluate refuses nothing to evaluate", () => {
    expectError(
      () => net().predict(new Float32Array(7)),
      "images",
      "images: expected one or more rows of 4 values (a length that is a positive multiple of 4), got length 7",
    );
    expectError(
      () => net().evaluate(new Float32Array(0), new Uint8Array(0)),
      "labels",
      "labels: expected at least one sample, got none",
    );
    expectError(
      () => net().evaluate(new Float32Array(8), new Uint8Array(3)),
      "images",
      "images: expected 3 rows of 4 values (one per label), got length 8",
    );
    expect(net().predict(new Float32Array(8)).length).toBe(2);
  });

  it("an unknown activation or init scheme, which returned undefined or fell to Glorot's", () => {
    expectError(
      () => activate(loose("gelu"), 1),
      "act",
      "act: expected one of relu, sigmoid, tanh, identity, got gelu",
    );
    expectError(
      () => initWeights(new Float64Array(4), 2, 2, loose("xavier"), rng(0)),
      "scheme",
      'scheme: expected "he" or "glorot" (Glorot\'s scheme is also called Xavier\'s), got "xavier"',
    );
  });

  it("a network too large to allocate on the TypeScript path names maxBatch, not a RangeError", () => {
    let error: unknown = null;
    try {
      new Mlp({ sizes: [784, 100000, 100000, 10], kernels: "ts" });
    } catch (e) {
      error = e;
    }
    expect((error as Error).message).toMatch(
      /^maxBatch: the network's buffers \(75\.48 GiB in float32\) could not be allocated \(.*\): use a smaller maxBatch \(batch size\) or narrower layers$/,
    );
  });
});

describe("the drivers name the user's gradient and sample count", () => {
  const loss = {
    N: 4,
    value: (x: Float64Array) => x[0] ** 2,
    batchGrad: (x: Float64Array) => Float64Array.of(2 * x[0]),
  };
  it("minimizeStochastic: loss.N and loss.batchGrad, not the sampler's n or the optimizer's grads", () => {
    const sgd = new SGD({ lr: 0.1 });
    expectError(
      () => minimizeStochastic({ ...loss, N: 0 }, [1], sgd, { epochs: 1, batchSize: 1 }),
      "loss.N",
      "loss.N: expected the number of samples, an integer >= 1, got 0",
    );
    expectError(
      () =>
        minimizeStochastic({ ...loss, batchGrad: () => Float64Array.of(1, 2) }, [1], sgd, {
          epochs: 1,
          batchSize: 1,
        }),
      "loss.batchGrad",
      "loss.batchGrad: expected a gradient of length 1 (the length of x0), got length 2",
    );
  });

  it("minimize says which gradient entry is not finite at x0", () => {
    expectError(
      () =>
        minimize(
          { value: () => 3, grad: () => Float64Array.of(1, NaN) },
          [1, 1],
          new SGD({ lr: 0.1 }),
        ),
      "x0",
      "x0: expected a finite value and gradient at x0, got f = 3 and grad[1] = NaN",
    );
  });
});
