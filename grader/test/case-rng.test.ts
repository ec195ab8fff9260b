/**
 * The grading cases' generator (grader/harness/cases.ts) is pinned: its draws for a fixed
 * seed are recorded here. It stays apart from lib's `Rng` on purpose: lib/ is course material
 * that changes with the notebooks (and that students hold in their copy), while the seeded cases,
 * the outputs recorded from them in grader/reference/ and the mutation-testing results
 * were made for these exact draws. A change to this generator must be deliberate: re-record the
 * values below, the references and the mutation results together.
 */
import { describe, expect, it } from "vitest";
import { CaseRng, caseRng, RUN_SEED } from "../harness/cases";

const relErr = (a: number, b: number) => Math.abs(a - b) / Math.max(1e-300, Math.abs(b));

describe("the grading cases' seeded generator", () => {
  it("draws the recorded values for a fixed seed", () => {
    const r = new CaseRng("pin");
    expect([r.uniform(), r.uniform(-2, 3)]).toEqual([0.740355344689497, 2.338871134929324]);
    // Box-Muller through Math.log and Math.cos: equal up to the last bits on any runtime.
    const normals = [r.normal(), r.normal()];
    const want = [1.717469620150876, 0.14873510922715844];
    normals.forEach((x, i) => expect(relErr(x, want[i])).toBeLessThan(1e-14));
    expect([r.int(1, 6), r.int(-3, 3), r.int(0, 0)]).toEqual([6, 3, 0]);
    const v = Array.from(r.vector(3, 2));
    [-2.043995487836383, -1.6602051413392325, 0.7834280041936404].forEach((w, i) =>
      expect(relErr(v[i], w)).toBeLessThan(1e-14),
    );
  });

  it("gives each case its own stream, named by exercise and index", () => {
    const a = caseRng("adamStep", 2).uniform();
    const seed = RUN_SEED ? `${RUN_SEED}:` : "";
    expect(a).toBe(new CaseRng(`optkit-grading:${seed}adamStep:2`).uniform());
    expect(a).not.toBe(caseRng("adamStep", 3).uniform());
  });

  it("hands exercises that take an rng the same uniform stream", () => {
    const src = new CaseRng("pin").uniformSource();
    expect([src(), src()]).toEqual([0.740355344689497, 0.8677742269858647]);
  });

  it("draws integers in lo..hi, both ends included", () => {
    const r = new CaseRng("ends");
    const seen = new Set(Array.from({ length: 400 }, () => r.int(-1, 2)));
    expect([...seen].sort((x, y) => x - y)).toEqual([-1, 0, 1, 2]);
  });
});
