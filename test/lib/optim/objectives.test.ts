// The driver and solvers on the course's own objectives (lib/objectives), whose minimizers are
// known in closed form.
import { describe, expect, it } from "vitest";
import { fromRows } from "../../../lib/numbers";
import { illConditionedQuadratic, quadratic, rosenbrock } from "../../../lib/objectives";
import { Adam, BFGS, minimize, Newton, SGD, exactQuadraticStep } from "../../../lib/optim";
import { expectClose } from "./close";

describe("on lib/objectives", () => {
  it("Newton solves a quadratic in one step; its minimizer is A^-1 b", () => {
    const f = quadratic({
      A: fromRows([
        [4, 1, 0],
        [1, 3, 1],
        [0, 1, 2],
      ]),
      b: [1, 2, 3],
    });
    const r = minimize(f, [10, -10, 10], new Newton(), { tol: 1e-10 });
    expect(r.steps).toBe(1);
    expectClose(r.x, f.minimizers[0], 1e-13);
  });

  it("BFGS reaches Rosenbrock's minimizer (1, 1) and minimum 0", () => {
    const f = rosenbrock();
    const r = minimize(f, [-1.2, 1], new BFGS(), { tol: 1e-10, steps: 200 });
    expect(r.converged).toBe(true);
    expectClose(r.x, f.minimizers[0], 1e-9);
    expect(Math.abs(r.value - (f.minimum ?? NaN))).toBeLessThan(1e-18);
  });

  it("GD with the exact step: kappa = 10 contracts f by ((kappa-1)/(kappa+1))^2 per step at worst", () => {
    const f = illConditionedQuadratic(10);
    const x = Float64Array.of(1, 1);
    for (let k = 0; k < 20; k++) {
      const g = f.grad(x);
      const alpha = exactQuadraticStep(f.A, g);
      const before = f.value(x);
      for (let i = 0; i < 2; i++) x[i] -= alpha * g[i];
      expect(f.value(x)).toBeLessThanOrEqual(before * (9 / 11) ** 2 * (1 + 1e-12));
    }
  });

  it("Adam and momentum SGD get close to Rosenbrock's minimizer", () => {
    const f = rosenbrock();
    const a = minimize(f, [-1.2, 1], new Adam({ lr: 0.02 }), { steps: 5000 });
    expect(Math.hypot(a.x[0] - 1, a.x[1] - 1)).toBeLessThan(1e-2);
    const s = minimize(f, [-1.2, 1], new SGD({ lr: 1e-3, momentum: 0.9 }), { steps: 5000 });
    expect(Math.hypot(s.x[0] - 1, s.x[1] - 1)).toBeLessThan(1e-2);
  });
});
