import { describe, expect, it } from "vitest";
import { add, axpy, copy, dot, norm2, normInf, scale, sub, zeros } from "../../../lib";

describe("vectors", () => {
  const x = Float64Array.of(3, -4, 0);
  const y = Float64Array.of(1, 2, 3);
  it("computes hand-checked values", () => {
    expect(dot(x, y)).toBe(-5);
    expect(norm2(x)).toBe(5);
    expect(normInf(x)).toBe(4);
    expect(Array.from(add(x, y))).toEqual([4, -2, 3]);
    expect(Array.from(sub(x, y))).toEqual([2, -6, -3]);
    expect(Array.from(scale(2, y))).toEqual([2, 4, 6]);
    expect(Array.from(zeros(2))).toEqual([0, 0]);
  });
  it("axpy updates y in place; copy is independent", () => {
    const z = copy(y);
    expect(axpy(2, x, z)).toBe(z);
    expect(Array.from(z)).toEqual([7, -6, 3]);
    expect(Array.from(y)).toEqual([1, 2, 3]);
  });
  it("writes into out when given", () => {
    const out = zeros(3);
    expect(add(x, y, out)).toBe(out);
    expect(Array.from(out)).toEqual([4, -2, 3]);
  });
  it("rejects mismatched lengths, naming the argument", () => {
    expect(() => dot(x, Float64Array.of(1))).toThrow("y: expected the length of x (3), got 1");
    expect(() => axpy(1, x, zeros(2))).toThrow("y: expected the length of x (3), got 2");
    expect(() => add(x, y, zeros(1))).toThrow("out: expected the length of x (3), got 1");
  });
});
