import { describe, expect, it } from "vitest";
import { Mlp, Rng, firstLayerPreActivations, mlpGradientCheck } from "../../../lib";
import { expectError } from "../expect-error";

const images = new Rng(1).normals(3 * 4);
const labels = [0, 2, 1];
const idx = Int32Array.of(0, 1, 2);
const make = () => new Mlp({ sizes: [4, 5, 3], kernels: "reference", seed: 2, maxBatch: 3 });

describe("mlpGradientCheck", () => {
  it("agrees with backpropagation away from the kinks, and leaves the parameters unchanged", () => {
    const net = make();
    const before = net.params.map((p) => Array.from(p));
    const z = firstLayerPreActivations(net, images, idx);
    expect(Math.min(...z.map(Math.abs))).toBeGreaterThan(1e-3);
    const checks = mlpGradientCheck(net, { images, labels, idx });
    expect(checks).toHaveLength(4 * 5 + 5 + 5 * 3 + 3);
    expect(Math.max(...checks.map((c) => c.relativeError))).toBeLessThan(1e-7);
    expect(net.params.map((p) => Array.from(p))).toEqual(before);
  });

  it("fails near a kink: a bias that puts z = h/2 gets 3/4 of the one-sided slope", () => {
    const net = make();
    const z = firstLayerPreActivations(net, images, Int32Array.of(0));
    const j = z.findIndex((v) => v > 0);
    const h = 1e-5;
    net.params[1][j] -= z[j] - h / 2; // unit j of sample 0 now sits h/2 above the kink
    expect(firstLayerPreActivations(net, images, Int32Array.of(0))[j]).toBeCloseTo(h / 2, 12);
    const [c] = mlpGradientCheck(
      net,
      { images, labels: [0], idx: Int32Array.of(0) },
      { h, entries: [[1, j]] },
    );
    expect(c.numeric / c.analytic).toBeCloseTo(0.75, 3);
    expect(c.relativeError).toBeGreaterThan(1e-4);
  });

  it("computes the first layer's pre-activations as x W_1 + b_1", () => {
    const net = make();
    const z = firstLayerPreActivations(net, images, Int32Array.of(1));
    let s = net.params[1][2];
    for (let i = 0; i < 4; i++) s += images[4 + i] * net.params[0][i * 5 + 2];
    expect(z[2]).toBeCloseTo(s, 14);
  });

  it("rejects an entry the network does not have and a row outside the images", () => {
    expectError(
      () => mlpGradientCheck(make(), { images, labels, idx }, { entries: [[9, 0]] }),
      "entries",
      "entries: no parameter entry [9, 0] in this network",
    );
    expectError(
      () => firstLayerPreActivations(make(), images, Int32Array.of(3)),
      "idx",
      "idx: row 3 is not in images (3 rows)",
    );
  });
});
