import { describe, expect, it } from "vitest";
import {
  centralDiff,
  errorVsH,
  forwardDiff,
  gradCheck,
  numericGradient,
  numericHessian,
  numericJacobian,
  relativeError,
  toRows,
} from "../../../lib";

describe("finite differences", () => {
  it("relativeError follows the conventions' formula (hand computation)", () => {
    expect(relativeError([1, 2], [1, 2.1])).toBeCloseTo(0.1 / 4.1, 15);
    expect(relativeError([0], [1e-9])).toBeCloseTo(1e-9 / 1e-8, 12); // the 1e-8 floor
    expect(() => relativeError([1], [1, 2])).toThrow("b: expected the length of a (1), got 2");
  });
  it("forward is O(h), central O(h^2) accurate", () => {
    // d/dx e^x at 0 is 1; forward error ~ h/2, central ~ h^2/6.
    expect(Math.abs(forwardDiff(Math.exp, 0, 1e-3) - 1)).toBeCloseTo(5e-4, 5);
    expect(Math.abs(centralDiff(Math.exp, 0, 1e-3) - 1)).toBeCloseTo(1e-6 / 6, 9);
    expect(relativeError([centralDiff(Math.sin, 1)], [Math.cos(1)])).toBeLessThan(1e-10);
    expect(relativeError([forwardDiff(Math.sin, 1)], [Math.cos(1)])).toBeLessThan(1e-7);
  });
  it("gradient and Jacobian match hand derivatives", () => {
    const f = (x: Float64Array) => x[0] * x[0] * x[1] + Math.exp(x[1]);
    const x = Float64Array.of(1.5, -0.5);
    const exact = [2 * 1.5 * -0.5, 1.5 * 1.5 + Math.exp(-0.5)];
    expect(relativeError(numericGradient(f, x), exact)).toBeLessThan(1e-9);
    const F = (v: Float64Array) => [v[0] * v[1], Math.sin(v[0]), 3 * v[1]];
    const J = numericJacobian(F, x);
    expect([J.rows, J.cols]).toEqual([3, 2]);
    const Jexact = [-0.5, 1.5, Math.cos(1.5), 0, 0, 3];
    expect(relativeError(J.data, Jexact)).toBeLessThan(1e-9);
    const H = numericHessian((v) => [2 * v[0] * v[1], v[0] * v[0] + Math.exp(v[1])], x);
    expect(relativeError(H.data, [-1, 3, 3, Math.exp(-0.5)])).toBeLessThan(1e-9);
    expect(toRows(H)[0].length).toBe(2);
  });
  it("gradCheck passes a right gradient and flags a wrong one", () => {
    const f = (x: Float64Array) => x[0] ** 3 + x[0] * x[1];
    const x = Float64Array.of(0.7, -1.3);
    expect(gradCheck(f, (v) => [3 * v[0] ** 2 + v[1], v[0]], x)).toBeLessThan(1e-9);
    expect(gradCheck(f, (v) => [3 * v[0] ** 2, v[0]], x)).toBeGreaterThan(1e-4);
  });
  it("rejects bad input and non-finite results", () => {
    expect(() => centralDiff(Math.log, -1)).toThrow("f: expected a finite value, got NaN");
    expect(() => centralDiff(Math.sin, NaN)).toThrow(/^x: expected a finite number/);
    expect(() => forwardDiff(Math.sin, 0, 0)).toThrow(/^h: expected a finite number >= /);
    expect(() => numericGradient((x) => x[0], Float64Array.of(Infinity))).toThrow(
      "x: expected finite values, got Infinity at index 0",
    );
  });
});

describe("errorVsH", () => {
  const { h, forward, central } = errorVsH(Math.sin, Math.cos, 1);
  const argmin = (e: number[]) => h[e.indexOf(Math.min(...e))];
  it("draws a V: smallest error at an intermediate h", () => {
    // Theory: forward optimum near sqrt(eps) ~ 1e-8, central near eps^(1/3) ~ 1e-5.
    expect(argmin(forward)).toBeGreaterThanOrEqual(1e-9);
    expect(argmin(forward)).toBeLessThanOrEqual(1e-7);
    expect(argmin(central)).toBeGreaterThanOrEqual(1e-6);
    expect(argmin(central)).toBeLessThanOrEqual(1e-4);
    expect(forward[h.length - 1]).toBeGreaterThan(1e-2); // h = 1e-16: rounding dominates
  });
  it("shows the truncation orders on the right arm", () => {
    // From h = 1e-2 to 1e-3 the forward error shrinks ~10x, the central error ~100x.
    expect(forward[1] / forward[2]).toBeCloseTo(10, 0);
    expect(central[1] / central[2]).toBeCloseTo(100, -1);
  });
});
