import { describe, expect, it } from "vitest";
import { gaussianBlobs, twoMoons } from "../../../lib/data";
import { Mlp, trainMlp } from "../../../lib/nn";
import { clipGradNorm, SGD, stepLR } from "../../../lib/optim";

describe("trainMlp", () => {
  it("learns two moons with momentum SGD and a step schedule, records history and calls back", () => {
    const train = twoMoons({ n: 400, noise: 0.1, seed: 1 });
    const test = twoMoons({ n: 200, noise: 0.1, seed: 2 });
    const net = new Mlp({ sizes: [2, 16, 2], activation: "tanh", seed: 0, maxBatch: 32 });
    const seen: number[] = [];
    let steps = 0;
    const result = trainMlp(
      net,
      { images: train.X, labels: train.y },
      {
        epochs: 30,
        batchSize: 32,
        optimizer: new SGD({ lr: 0.5, momentum: 0.9 }),
        schedule: stepLR(0.5, 20, 0.1),
        test: { images: test.X, labels: test.y },
        onEpoch: (r) => seen.push(r.epoch),
        onStep: () => steps++,
      },
    );
    expect(result.diverged).toBeUndefined();
    expect(seen).toEqual(Array.from({ length: 30 }, (_, i) => i + 1));
    expect(steps).toBe(30 * Math.ceil(400 / 32));
    const last = result.history[29];
    expect(last.testAccuracy).toBeGreaterThan(0.97); // the moons are separable by a small net
    expect(last.trainLoss).toBeLessThan(result.history[0].trainLoss);
    // step schedule with t = epoch - 1: 0.5 for epochs 1..20, 0.5 * 0.1 from epoch 21
    expect(result.history[19].lr).toBe(0.5);
    expect(Math.abs(result.history[20].lr - 0.05)).toBeLessThan(1e-15);
  });

  it("stops on a non-finite loss and says where, with which learning rate", () => {
    // softmax cross-entropy has bounded gradients, so big steps alone rarely overflow it;
    // an overflowed input does: its batch's loss is NaN
    const data = gaussianBlobs({ n: 64, seed: 3 });
    data.X[2 * 40] = Infinity;
    const net = new Mlp({ sizes: [2, 8, 2], kernels: "reference", seed: 1 });
    const opts = { epochs: 5, batchSize: 16, optimizer: new SGD({ lr: 1e6 }) };
    const result = trainMlp(net, { images: data.X, labels: data.y }, opts);
    expect(result.diverged).toBeDefined();
    expect(result.diverged?.reason).toMatch(
      /after step \d+ with learning rate 1000000 \(epoch \d+\)/,
    );
    for (const r of result.history) expect(Number.isFinite(r.trainLoss)).toBe(true);
  });

  it("Mlp.sgdStep is the same rule as lib/optim's SGD (momentum 0)", () => {
    const a = new Mlp({ sizes: [20, 7, 3], seed: 5, maxBatch: 8 });
    const b = new Mlp({ sizes: [20, 7, 3], seed: 5, maxBatch: 8, kernels: "ts" });
    const X = Float32Array.from({ length: 8 * 20 }, (_, i) => Math.sin(i));
    const y = Array.from({ length: 8 }, (_, i) => i % 3);
    const idx = Int32Array.from({ length: 8 }, (_, i) => i);
    for (const net of [a, b]) {
      net.setBatch(X, y, idx);
      net.lossAndGrad();
    }
    a.sgdStep(0.1);
    new SGD({ lr: 0.1 }).step(b.params, b.grads);
    a.params.forEach((p, i) => {
      for (let j = 0; j < p.length; j++) {
        expect(Math.abs(p[j] - b.params[i][j])).toBeLessThanOrEqual(1e-6 * (1 + Math.abs(p[j])));
      }
    });
  });

  it("applies the clip callback before each step (max norm 0 freezes the parameters)", () => {
    const d = gaussianBlobs({ n: 40, seed: 2 });
    const net = new Mlp({ sizes: [2, 5, 2], seed: 4, maxBatch: 8 });
    const before = net.params.map((p) => Float32Array.from(p));
    let calls = 0;
    const clip = (g: Parameters<typeof clipGradNorm>[0]) => (calls++, clipGradNorm(g, 0));
    trainMlp(
      net,
      { images: d.X, labels: d.y },
      { epochs: 2, batchSize: 8, optimizer: new SGD({ lr: 1 }), clip },
    );
    expect(calls).toBe(10);
    net.params.forEach((p, i) => expect(Array.from(p)).toEqual(Array.from(before[i])));
  });

  it("rejects a batch larger than the network's maxBatch", () => {
    const net = new Mlp({ sizes: [2, 2], maxBatch: 4 });
    const d = gaussianBlobs({ n: 10 });
    expect(() =>
      trainMlp(
        net,
        { images: d.X, labels: d.y },
        { epochs: 1, batchSize: 5, optimizer: new SGD() },
      ),
    ).toThrow(/batchSize/);
  });
});
