import { describe, expect, it } from "vitest";
import { Mlp, type Activation } from "../../../lib/nn";
import { rng } from "../../../lib/random";
import { relErr } from "../optim/close";

/** A tiny float64 network and a batch of random inputs and labels. */
function tinyNet(sizes: number[], activation: Activation, batch: number, seed: number) {
  const net = new Mlp({ sizes, activation, kernels: "reference", seed, maxBatch: batch });
  const r = rng(seed + 100);
  const X = r.normals(batch * sizes[0]);
  const y = Array.from({ length: batch }, () => r.int(sizes[sizes.length - 1]));
  // nonzero biases, so their gradients are exercised too
  for (let l = 1; l < net.params.length; l += 2)
    net.params[l].set(r.normals(net.params[l].length, 0, 0.5));
  net.setBatch(
    X,
    y,
    Int32Array.from({ length: batch }, (_, i) => i),
  );
  return net;
}

describe("backward pass = central finite differences (h = 1e-5, float64)", () => {
  const cases: [number[], Activation][] = [
    [[5, 4, 3], "relu"],
    [[5, 4, 3], "tanh"],
    [[5, 4, 3], "sigmoid"],
    [[4, 6, 5, 3], "relu"],
    [[3, 4], "identity"], // softmax regression
  ];
  for (const [sizes, act] of cases) {
    it(`${sizes.join("-")} ${act}`, () => {
      const net = tinyNet(sizes, act, 3, sizes.length * 10 + sizes[1]);
      net.lossAndGrad();
      const analytic = net.grads.map((g) => Float64Array.from(g));
      const h = 1e-5;
      for (let a = 0; a < net.params.length; a++) {
        const p = net.params[a];
        const numeric = new Float64Array(p.length);
        for (let i = 0; i < p.length; i++) {
          const keep = p[i];
          p[i] = keep + h;
          const up = net.lossAndGrad();
          p[i] = keep - h;
          const down = net.lossAndGrad();
          p[i] = keep;
          numeric[i] = (up - down) / (2 * h);
        }
        expect(relErr(analytic[a], numeric)).toBeLessThan(1e-7);
      }
    });
  }

  it("the loss of a zero network is log k (all classes equally likely)", () => {
    const net = tinyNet([5, 4, 3], "relu", 3, 1);
    for (const p of net.params) p.fill(0);
    expect(Math.abs(net.lossAndGrad() - Math.log(3)) / Math.log(3)).toBeLessThan(1e-15);
  });
});
