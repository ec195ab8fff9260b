import { describe, expect, it } from "vitest";
import { BatchSampler, gatherRows } from "../../../lib/data";
import { rng } from "../../../lib/random";

describe("BatchSampler follows eq. 11", () => {
  it("epoch e uses the e-th permutation of the generator, cut into batches of B", () => {
    const N = 10;
    const B = 3;
    const sampler = new BatchSampler(N, { batchSize: B, seed: 7 });
    const ref = rng(7); // the documented rule, by hand: sigma_1, sigma_2 = successive draws
    for (let e = 1; e <= 2; e++) {
      const sigma = ref.permutation(N);
      const batches = Array.from(sampler.epochBatches(), (b) => Array.from(b));
      expect(sampler.epoch).toBe(e);
      expect(batches.length).toBe(Math.ceil(N / B)); // S = 4, last partial batch kept
      for (let s = 0; s < batches.length; s++) {
        expect(batches[s]).toEqual(Array.from(sigma.slice(s * B, Math.min((s + 1) * B, N))));
      }
      expect(batches[3].length).toBe(1);
    }
  });

  it("each epoch visits every sample once, and epochs differ", () => {
    const sampler = new BatchSampler(100, { batchSize: 8, seed: "s" });
    const e1 = Array.from(sampler.nextEpoch());
    const e2 = Array.from(sampler.nextEpoch());
    expect([...e1].sort((a, b) => a - b)).toEqual(Array.from({ length: 100 }, (_, i) => i));
    expect([...e2].sort((a, b) => a - b)).toEqual(Array.from({ length: 100 }, (_, i) => i));
    expect(e1).not.toEqual(e2);
  });

  it("dropLast skips the partial batch; shuffle false keeps the order", () => {
    const s = new BatchSampler(10, { batchSize: 3, dropLast: true, shuffle: false });
    expect(s.stepsPerEpoch).toBe(3);
    expect(Array.from(s.epochBatches(), (b) => Array.from(b))).toEqual([
      [0, 1, 2],
      [3, 4, 5],
      [6, 7, 8],
    ]);
  });

  it("rejects bad arguments by name", () => {
    expect(() => new BatchSampler(10, { batchSize: 0 })).toThrow(/batchSize/);
    expect(() => new BatchSampler(10, { batchSize: 11 })).toThrow(/batchSize/);
    expect(() => new BatchSampler(10, { batchSize: 2 }).batch(5)).toThrow(/^s: /);
  });

  it("gatherRows copies the chosen rows", () => {
    const src = Float32Array.from([0, 1, 10, 11, 20, 21]);
    const out = gatherRows(src, 2, Int32Array.from([2, 0]), new Float32Array(4));
    expect(Array.from(out)).toEqual([20, 21, 0, 1]);
    expect(() => gatherRows(src, 2, Int32Array.from([3]), new Float32Array(2))).toThrow(/idx/);
  });
});
