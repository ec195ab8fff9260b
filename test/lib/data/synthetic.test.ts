import { describe, expect, it } from "vitest";
import { gaussianBlobs, linearRegressionData, twoMoons } from "../../../lib/data";

describe("synthetic data sets", () => {
  it("linear regression without noise satisfies y = X w + b exactly", () => {
    const { X, y, wTrue, bTrue, n, d } = linearRegressionData({ n: 20, d: 3, noise: 0, seed: 1 });
    for (let i = 0; i < n; i++) {
      let s = bTrue;
      for (let j = 0; j < d; j++) s += X[i * d + j] * wTrue[j];
      expect(Math.abs(y[i] - s)).toBeLessThanOrEqual(1e-12 * (1 + Math.abs(s)));
    }
  });

  it("the same seed gives the same data, another seed other data", () => {
    const a = gaussianBlobs({ n: 10, seed: 3 });
    expect(gaussianBlobs({ n: 10, seed: 3 }).X).toEqual(a.X);
    expect(gaussianBlobs({ n: 10, seed: 4 }).X).not.toEqual(a.X);
  });

  it("blobs with std 0 sit on their centres (-sep/2, 0) and (sep/2, 0)", () => {
    const { X, y } = gaussianBlobs({ n: 6, separation: 4, std: 0 });
    for (let i = 0; i < 6; i++) {
      expect(X[2 * i]).toBe(y[i] === 1 ? 2 : -2);
      expect(Math.abs(X[2 * i + 1])).toBe(0);
    }
  });

  it("noise-free moons lie on their two unit half circles", () => {
    const { X, y, n } = twoMoons({ n: 50, noise: 0, seed: 2 });
    let ones = 0;
    for (let i = 0; i < n; i++) {
      const cx = y[i] === 1 ? 1 : 0;
      const cy = y[i] === 1 ? 0.5 : 0;
      expect(Math.abs(Math.hypot(X[2 * i] - cx, X[2 * i + 1] - cy) - 1)).toBeLessThan(1e-12);
      ones += y[i];
    }
    expect(ones).toBe(25);
  });
});
