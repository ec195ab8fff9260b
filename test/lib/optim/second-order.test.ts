// Line search, Newton and BFGS against closed forms: the exact step of a quadratic, Newton's
// one-step solve, the regularised step on an indefinite Hessian, Rosenbrock's minimum (1, 1).
import { describe, expect, it } from "vitest";
import { fromRows, matrix } from "../../../lib/numbers";
import {
  armijo,
  BFGS,
  type Differentiable,
  minimize,
  Newton,
  newtonRoot,
  wolfe,
  exactQuadraticStep,
} from "../../../lib/optim";
import { OptkitError } from "../../../lib/util/check";
import { expectClose } from "./close";

/** f(x) = 1/2 x'Ax - b'x with A = [[3, 1], [1, 2]], b = (1, 1); minimiser A^{-1} b = (1/5, 2/5). */
const quad: Differentiable = {
  value: (x) => 0.5 * (3 * x[0] * x[0] + 2 * x[0] * x[1] + 2 * x[1] * x[1]) - x[0] - x[1],
  grad: (x) => Float64Array.of(3 * x[0] + x[1] - 1, x[0] + 2 * x[1] - 1),
  hessian: () =>
    fromRows([
      [3, 1],
      [1, 2],
    ]),
};

/** Rosenbrock (1 - x)^2 + 100 (y - x^2)^2, minimum 0 at (1, 1). */
const rosenbrock: Differentiable = {
  value: (p) => (1 - p[0]) ** 2 + 100 * (p[1] - p[0] ** 2) ** 2,
  grad: (p) =>
    Float64Array.of(-2 * (1 - p[0]) - 400 * p[0] * (p[1] - p[0] ** 2), 200 * (p[1] - p[0] ** 2)),
  hessian: (p) =>
    fromRows([
      [2 - 400 * (p[1] - 3 * p[0] ** 2), -400 * p[0]],
      [-400 * p[0], 200],
    ]),
};

/** x^2 + y^4/4 - y^2/2: Hessian diag(2, 3y^2 - 1), indefinite near y = 0; minima (0, +-1), -1/4. */
const tilted: Differentiable = {
  value: (p) => p[0] ** 2 + p[1] ** 4 / 4 - p[1] ** 2 / 2,
  grad: (p) => Float64Array.of(2 * p[0], p[1] ** 3 - p[1]),
  hessian: (p) => matrix(2, 2, [2, 0, 0, 3 * p[1] ** 2 - 1]),
};

describe("line search", () => {
  it("Armijo halves from 1 until f(x - alpha g) <= f(x) - c alpha ||g||^2", () => {
    // f = x^2 at x = 1, g = 2: alpha = 1 gives f(-1) = 1 > 1 - 4e-4; alpha = 1/2 gives f(0) = 0.
    const ls = armijo((x) => x[0] * x[0], Float64Array.of(1), Float64Array.of(2));
    expect(ls).toMatchObject({ alpha: 0.5, value: 0, evaluations: 2, ok: true });
  });

  it("Wolfe finds a step with sufficient decrease and curvature", () => {
    const x = Float64Array.of(-1.2, 1);
    const g = Float64Array.from(rosenbrock.grad(x));
    const d = g.map((v) => -v);
    const ls = wolfe(rosenbrock.value, rosenbrock.grad, x, g, d);
    const xa = x.map((v, i) => v + ls.alpha * d[i]);
    const slope = g[0] * d[0] + g[1] * d[1];
    const ga = rosenbrock.grad(xa);
    expect(ls.ok).toBe(true);
    expect(rosenbrock.value(xa)).toBeLessThanOrEqual(rosenbrock.value(x) + 1e-4 * ls.alpha * slope);
    expect(ga[0] * d[0] + ga[1] * d[1]).toBeGreaterThanOrEqual(0.9 * slope);
  });

  it("exact step on a quadratic: alpha = g'g / g'Ag", () => {
    // A = diag(1, 10), g = (1, 1): 2 / 11
    expectClose(exactQuadraticStep(matrix(2, 2, [1, 0, 0, 10]), Float64Array.of(1, 1)), 2 / 11);
    expect(() => exactQuadraticStep(matrix(1, 1, [-1]), Float64Array.of(1))).toThrow(/^A:/);
  });

  it("refuses an ascent direction", () => {
    const up = () =>
      armijo((x) => x[0] ** 2, Float64Array.of(1), Float64Array.of(2), {
        direction: Float64Array.of(1),
      });
    expect(up).toThrow(/direction/);
  });
});

describe("Newton's method", () => {
  it("solves a quadratic in one step", () => {
    const r = minimize(quad, [5, -7], new Newton(), { tol: 1e-10 });
    expect(r.steps).toBe(1);
    expect(r.converged).toBe(true);
    expectClose(r.x, [1 / 5, 2 / 5], 1e-14);
    expect(r.history.lrs).toEqual([1]);
  });

  it("on an indefinite Hessian uses H + lambda I, says so, and still reaches a minimum", () => {
    const r = minimize(tilted, [1, 0.1], new Newton(), { tol: 1e-10, steps: 50 });
    const reg = r.history.events.filter((e) => e.kind === "regularized");
    expect(reg.length).toBeGreaterThan(0);
    expect(reg[0].step).toBe(0);
    // H = diag(2, -0.97): min diagonal -0.97 < 0, so lambda_0 = 1e-3 + 0.97 (Nocedal & Wright's
    // rule, beta = 1e-3), and H + lambda_0 I = diag(2.971, 1e-3) is positive definite.
    expectClose(reg[0].lambda ?? NaN, 0.971, 1e-12);
    expect(r.converged).toBe(true);
    expectClose(r.value, -0.25, 1e-12);
    expectClose(r.x, [0, 1], 1e-8);
    // f decreases at every step (damped, descent direction)
    for (let k = 1; k < r.history.values.length; k++) {
      expect(r.history.values[k]).toBeLessThan(r.history.values[k - 1]);
    }
  });

  it("on a singular Hessian: x^4 + y^2 at (0, 1) shifts by beta = 1e-3", () => {
    const f: Differentiable = {
      value: (p) => p[0] ** 4 + p[1] ** 2,
      grad: (p) => Float64Array.of(4 * p[0] ** 3, 2 * p[1]),
      hessian: (p) => matrix(2, 2, [12 * p[0] ** 2, 0, 0, 2]),
    };
    const r = minimize(f, [0, 1], new Newton(), { steps: 1 });
    expect(r.history.events[0]).toMatchObject({ kind: "regularized", lambda: 1e-3 });
    // (H + 1e-3 I) d = g: d = (0, 2 / 2.001), full step accepted
    expectClose(r.x, [0, 1 - 2 / 2.001], 1e-12);
  });

  it("maxStep caps the long steps of a barely shifted Hessian (saddle x^2 - y^2)", () => {
    const saddle: Differentiable = {
      value: (p) => p[0] ** 2 - p[1] ** 2,
      grad: (p) => Float64Array.of(2 * p[0], -2 * p[1]),
      hessian: () => matrix(2, 2, [2, 0, 0, -2]),
    };
    // H + lambda I = diag(4.001, 1e-3): d = (2 / 4.001, -1 / 1e-3), a jump of about 1000 in y
    const free = minimize(saddle, [1, 0.5], new Newton(), { steps: 1 });
    expectClose(free.x, [1 - 2 / 4.001, 0.5 + 1 / 1e-3], 1e-12);
    const capped = minimize(saddle, [1, 0.5], new Newton({ maxStep: 1 }), { tol: 1e-10, steps: 5 });
    const caps = capped.history.events.filter((e) => e.kind === "step-capped");
    expect(caps.map((e) => e.step)).toEqual([0, 1, 2, 3, 4]);
    const its = capped.history.iterates;
    for (let k = 1; k < its.length; k++) {
      const step = Math.hypot(its[k][0] - its[k - 1][0], its[k][1] - its[k - 1][1]);
      expect(step).toBeLessThanOrEqual(1 + 1e-12);
      expect(capped.history.values[k]).toBeLessThan(capped.history.values[k - 1]);
    }
    // the capped direction is the Newton direction shortened, not turned
    const d0 = [2 / 4.001, -1 / 1e-3];
    const n0 = Math.hypot(d0[0], d0[1]);
    expectClose(its[1], [1 - d0[0] / n0, 0.5 - d0[1] / n0], 1e-12);
  });

  it("maxStep changes nothing when the Newton step is short, and must be positive", () => {
    const a = minimize(quad, [5, -7], new Newton({ maxStep: 100 }), { tol: 1e-10 });
    expectClose(a.x, [1 / 5, 2 / 5], 1e-14);
    expect(a.history.events).toEqual([]);
    expect(() => minimize(quad, [5, -7], new Newton({ maxStep: 0 }), { tol: 1e-10 })).toThrow(
      /^maxStep:/,
    );
    expect(() =>
      minimize(quad, [5, -7], new Newton({ maxStep: Number.NaN }), { tol: 1e-10 }),
    ).toThrow(/^maxStep:/);
  });

  it("reaches Rosenbrock's minimum, with digits doubling at the end", () => {
    const r = minimize(rosenbrock, [-1.2, 1], new Newton(), { tol: 1e-10, steps: 100 });
    expect(r.converged).toBe(true);
    expectClose(r.x, [1, 1], 1e-12);
    const e = r.history.iterates.map((x) => Math.hypot(x[0] - 1, x[1] - 1));
    // from the first error below 1e-2 on: e_{k+1} <= C e_k^2 (C = 50 here), until 0 is reached
    const k = e.findIndex((v) => v < 1e-2);
    expect(e[k + 1]).toBeLessThan(50 * e[k] ** 2);
    expect(e[k + 2]).toBeLessThan(50 * e[k + 1] ** 2);
    expect(e[k + 2]).toBeLessThan(1e-5);
  });

  it("keeps going quietly past convergence with tol 0 (no descent left at machine precision)", () => {
    for (const method of [new Newton(), new BFGS()]) {
      const r = minimize(quad, [5, -7], method, { steps: 30 });
      expectClose(r.x, [1 / 5, 2 / 5], 1e-14);
      expect(r.history.values.every(Number.isFinite)).toBe(true);
    }
  });

  it("needs a Hessian", () => {
    const noHessian = { value: quad.value, grad: quad.grad };
    expect(() => minimize(noHessian, [0, 0], new Newton(), { tol: 1e-10 })).toThrow(OptkitError);
  });
});

describe("Newton's method for roots", () => {
  it("x1^2 + x2^2 = 4, x1 = x2: converges quadratically to (sqrt 2, sqrt 2)", () => {
    const system = {
      value: (x: Float64Array) => Float64Array.of(x[0] ** 2 + x[1] ** 2 - 4, x[0] - x[1]),
      jacobian: (x: Float64Array) => matrix(2, 2, [2 * x[0], 2 * x[1], 1, -1]),
    };
    const r = newtonRoot(system, [1, 2]);
    expect(r.converged).toBe(true);
    expectClose(r.x, [Math.SQRT2, Math.SQRT2], 1e-15);
    const res = r.residualNorms;
    for (let k = 1; k < res.length - 1; k++) {
      if (res[k] < 1e-2 && res[k] > 1e-7) expect(res[k + 1]).toBeLessThan(10 * res[k] ** 2);
    }
    const damped = newtonRoot(system, [1, 2], { damped: true });
    expectClose(damped.x, [Math.SQRT2, Math.SQRT2], 1e-15);
  });

  it("a singular Jacobian is an error naming the iteration", () => {
    const system = {
      value: (x: Float64Array) => Float64Array.of(x[0] * x[0] - 1),
      jacobian: (x: Float64Array) => matrix(1, 1, [2 * x[0]]),
    };
    expect(() => newtonRoot(system, [0])).toThrow(/jacobian: singular at iteration 0/);
  });
});

describe("BFGS", () => {
  it("reaches Rosenbrock's minimum from (-1.2, 1) with the Wolfe search", () => {
    const r = minimize(rosenbrock, [-1.2, 1], new BFGS(), { tol: 1e-10, steps: 200 });
    expect(r.converged).toBe(true);
    expectClose(r.x, [1, 1], 1e-9);
    expect(r.value).toBeLessThan(1e-18);
    expect(r.steps).toBeLessThan(60);
  });

  it("and with Armijo backtracking", () => {
    const r = minimize(rosenbrock, [-1.2, 1], new BFGS({ lineSearch: "armijo" }), {
      tol: 1e-10,
      steps: 500,
    });
    expect(r.converged).toBe(true);
    expectClose(r.x, [1, 1], 1e-9);
  });

  it("skips the update when y's <= 0 and records it", () => {
    // f = x^4/4 - x^2/2 from 0.1 (concave there): s = 0.099 and y < 0 after the first step.
    const f: Differentiable = {
      value: (x) => x[0] ** 4 / 4 - x[0] ** 2 / 2,
      grad: (x) => Float64Array.of(x[0] ** 3 - x[0]),
    };
    const m = new BFGS({ lineSearch: "armijo" });
    const r = minimize(f, [0.1], m, { steps: 100, tol: 1e-10 });
    expect(r.history.events[0]).toMatchObject({ kind: "skipped-update", step: 1 });
    expectClose(r.x, [1], 1e-9);
    expect(m.H?.data[0]).toBeGreaterThan(0);
  });
});
