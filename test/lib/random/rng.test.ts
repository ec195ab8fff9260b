import seedrandom from "seedrandom";
import { describe, expect, it } from "vitest";
import { asRng, OptkitError, Rng, rng } from "../../../lib";

describe("Rng", () => {
  it("is seedrandom underneath (its README: seed 'hello.' gives 0.9282578795792454)", () => {
    expect(rng("hello.").uniform()).toBe(0.9282578795792454);
  });
  it("repeats a stream for the same seed, differs for another", () => {
    const a = rng(42).normals(5);
    expect(Array.from(rng(42).normals(5))).toEqual(Array.from(a));
    expect(Array.from(rng("42").normals(5))).toEqual(Array.from(a));
    expect(Array.from(rng(43).normals(5))).not.toEqual(Array.from(a));
  });
  it("follows the Marsaglia polar rule and caches the spare", () => {
    const u = seedrandom("polar");
    let a: number, b: number, s: number;
    do {
      a = 2 * u() - 1;
      b = 2 * u() - 1;
      s = a * a + b * b;
    } while (s >= 1 || s === 0);
    const m = Math.sqrt((-2 * Math.log(s)) / s);
    const r = rng("polar");
    expect(r.normal()).toBe(a * m);
    expect(r.normal(1, 2)).toBe(1 + 2 * b * m);
  });
  it("draws N(0,1) with the right mean and variance", () => {
    const z = rng(1).normals(20000);
    const mean = z.reduce((s, v) => s + v, 0) / z.length;
    const variance = z.reduce((s, v) => s + (v - mean) ** 2, 0) / z.length;
    // standard errors: 1/sqrt(20000) = 0.007 for the mean, sqrt(2/20000) = 0.01 for the variance
    expect(Math.abs(mean)).toBeLessThan(0.035);
    expect(Math.abs(variance - 1)).toBeLessThan(0.05);
  });
  it("keeps uniform draws in [a, b) and integers in {0..n-1}", () => {
    const r = rng(7);
    const u = r.uniforms(1000, -2, 3);
    expect(Math.min(...u)).toBeGreaterThanOrEqual(-2);
    expect(Math.max(...u)).toBeLessThan(3);
    const counts = [0, 0, 0];
    for (let i = 0; i < 3000; i++) counts[r.int(3)]++;
    for (const c of counts) expect(Math.abs(c - 1000)).toBeLessThan(150);
  });
  it("permutes by Fisher-Yates: a permutation, all 6 orders of 3 about equally often", () => {
    const r = rng("perm");
    const p = r.permutation(50);
    expect(p).toBeInstanceOf(Int32Array);
    expect(Array.from(p).sort((a, b) => a - b)).toEqual(Array.from({ length: 50 }, (_, i) => i));
    const seen = new Map<string, number>();
    for (let i = 0; i < 6000; i++) {
      const k = r.permutation(3).join("");
      seen.set(k, (seen.get(k) ?? 0) + 1);
    }
    expect(seen.size).toBe(6);
    for (const c of seen.values()) expect(Math.abs(c - 1000)).toBeLessThan(150);
    const arr = ["a", "b", "c"];
    expect(r.shuffle(arr)).toBe(arr);
    expect([...arr].sort()).toEqual(["a", "b", "c"]);
  });
  it("accepts a seed or a generator, and rejects bad seeds and sizes", () => {
    const r = rng(3);
    expect(asRng(r)).toBe(r);
    expect(asRng(3)).toBeInstanceOf(Rng);
    expect(() => rng(NaN)).toThrow(OptkitError);
    expect(() => rng(NaN)).toThrow(/^seed:/);
    expect(() => r.int(0)).toThrow(/^n: expected an integer >= 1/);
    expect(() => r.normals(-1)).toThrow(/^n:/);
    expect(() => r.normal(0, -1)).toThrow(/^std: expected a finite mean and std >= 0/);
    expect(() => r.uniform(1, NaN)).toThrow(/^b: expected finite a <= b/);
  });
  it("derives independent named streams that do not depend on draws made before", () => {
    const a = rng(9);
    const first = a.derive("init").uniform();
    a.uniforms(10);
    expect(a.derive("init").uniform()).toBe(first);
    expect(rng("9/init").uniform()).toBe(first);
    expect(a.derive("batches").uniform()).not.toBe(first);
  });
});
