import { describe, expect, it } from "vitest";
import { centralDiff, eigenvaluesSymmetric, nesterovChain, norm2 } from "../../../lib";
import { expectError } from "../expect-error";

describe("nesterovChain", () => {
  const f = nesterovChain(30, 1, 100);
  const x = Float64Array.from({ length: 30 }, (_, i) => Math.sin(i + 1));

  it("has the gradient of its value (central differences) and its minimizer where the gradient is 0", () => {
    const g = f.grad(x);
    for (const i of [0, 7, 29]) {
      const dir = (t: number) => {
        const y = Float64Array.from(x);
        y[i] += t;
        return f.value(y);
      };
      expect(g[i]).toBeCloseTo(centralDiff(dir, 0), 5);
    }
    expect(norm2(f.grad(f.minimizers[0]))).toBeLessThan(1e-12);
    expect(f.minimum).toBeCloseTo(f.value(f.minimizers[0]), 12);
  });

  it("is mu-strongly convex and L-smooth: its Hessian's eigenvalues lie in (mu, L)", () => {
    const small = nesterovChain(12, 1, 100);
    const eig = eigenvaluesSymmetric(small.hessian(x.subarray(0, 12)));
    expect(Math.min(...eig)).toBeGreaterThan(1);
    expect(Math.max(...eig)).toBeLessThan(100);
  });

  it("has a minimizer close to q^i, q = (√κ − 1)/(√κ + 1), away from the far end", () => {
    const q = (10 - 1) / (10 + 1);
    const xs = f.minimizers[0];
    for (const i of [0, 1, 5]) expect(xs[i]).toBeCloseTo(q ** (i + 1), 4);
  });

  it("rejects L < mu and a dimension below 2", () => {
    expectError(() => nesterovChain(10, 2, 1), "L", "L: expected a finite number >= 2, got 1");
    expectError(() => nesterovChain(1, 1, 2), "d", "d: expected an integer >= 2, got 1");
  });
});
