import { describe, expect, it } from "vitest";
import {
  createKernels,
  Mlp,
  wasmAvailable,
  type Activation,
  type KernelPath,
} from "../../../lib/nn";
import { rng } from "../../../lib/random";

/**
 * The float32 paths against the float64 reference on identical weights and inputs. Bound: per
 * array, max |fast - ref| <= 1e-4 max |ref|. Float32 rounds each product and partial sum with
 * relative error <= 2^-24 (6e-8); a sum of n <= 784 terms can lose at most about n 2^-24 = 5e-5
 * of its largest magnitude, so 1e-4 holds with margin, while any indexing or tiling slip gives
 * errors of order 1.
 */
function maxRel(fast: ArrayLike<number>, ref: ArrayLike<number>): number {
  let diff = 0;
  let scale = 0;
  for (let i = 0; i < ref.length; i++) {
    diff = Math.max(diff, Math.abs(fast[i] - ref[i]));
    scale = Math.max(scale, Math.abs(ref[i]));
  }
  return diff / Math.max(scale, 1e-30);
}

const fastPaths: KernelPath[] = wasmAvailable() ? ["ts", "wasm"] : ["ts"];

function compare(path: KernelPath, sizes: number[], act: Activation, batch: number) {
  const fast = new Mlp({ sizes, activation: act, kernels: path, seed: 3, maxBatch: batch + 5 });
  const ref = new Mlp({ sizes, activation: act, kernels: "reference", maxBatch: batch + 5 });
  const r = rng(9);
  for (let l = 1; l < fast.params.length; l += 2)
    fast.params[l].set(r.normals(fast.params[l].length, 0, 0.1));
  ref.setParams(fast.params);
  const n = batch + 7;
  // like pixels: in [0, 1], and (as 81% of MNIST's) mostly 0, which the fast kernels skip
  // with whole runs of zeros at the start of each row, like the border of a digit
  const d = sizes[0];
  const X = Float32Array.from(r.uniforms(n * d), (u, j) =>
    u < 0.7 || j % d < d / 3 ? 0 : (u - 0.7) / 0.3,
  );
  const y = Array.from({ length: n }, () => r.int(sizes[sizes.length - 1]));
  const idx = r.permutation(n).subarray(0, batch);
  fast.setBatch(X, y, idx);
  ref.setBatch(X, y, idx);
  expect(maxRel(fast.forward(), ref.forward())).toBeLessThan(1e-4);
  const lf = fast.lossAndGrad();
  const lr = ref.lossAndGrad();
  expect(Math.abs(lf - lr) / lr).toBeLessThan(1e-4);
  fast.grads.forEach((g, i) => expect(maxRel(g, ref.grads[i]), `grads[${i}]`).toBeLessThan(1e-4));
}

describe("fast paths = reference path", () => {
  it("the WebAssembly SIMD kernels load in this runtime", () => {
    expect(wasmAvailable()).toBe(true);
    expect(createKernels().path).toBe("wasm");
  });
  for (const path of fastPaths) {
    it(`${path}: 784-128-10 ReLU, batch 64`, () => compare(path, [784, 128, 10], "relu", 64));
    // odd sizes hit every edge of the tiles (rows % 4, outputs % 2, inputs % 16 and % 4)
    it(`${path}: 37-19-7 tanh, batch 11`, () => compare(path, [37, 19, 7], "tanh", 11));
    it(`${path}: 30-21-13-5 sigmoid, batch 6`, () => compare(path, [30, 21, 13, 5], "sigmoid", 6));
    it(`${path}: 18-3 identity (softmax regression), batch 1`, () =>
      compare(path, [18, 3], "identity", 1));
  }

  it("wasm arrays must come from the same instance", () => {
    const a = new Mlp({ sizes: [4, 3], kernels: "wasm" });
    const b = new Mlp({ sizes: [4, 3], kernels: "wasm" });
    const x = new Float32Array(12);
    expect(() =>
      a.kernels.denseForward(
        { X: x, W: b.params[0], b: a.params[1], Y: x },
        { batch: 1, nIn: 4, nOut: 3 },
        "relu",
      ),
    ).toThrow(/^X: /);
  });
});
