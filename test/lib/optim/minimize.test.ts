// The driver: histories for plots, stopping on a tolerance, and divergence flagged without NaN.
import { describe, expect, it } from "vitest";
import {
  Adam,
  BFGS,
  cosineAnnealingLR,
  type Differentiable,
  minimize,
  SGD,
  stepLR,
} from "../../../lib/optim";
import { OptkitError } from "../../../lib/util/check";
import { expectClose } from "./close";

/** f(x) = x1^2 + 2 x2^2 */
const q: Differentiable = {
  value: (x) => x[0] ** 2 + 2 * x[1] ** 2,
  grad: (x) => Float64Array.of(2 * x[0], 4 * x[1]),
};

const allFinite = (xs: ArrayLike<number>) => Array.from(xs).every(Number.isFinite);

describe("minimize", () => {
  it("records iterates, values, gradient norms, learning rates and times", () => {
    const r = minimize(q, [-5, -2], new SGD({ lr: 0.1 }), { steps: 3 });
    const h = r.history;
    // GD: x_{k+1} = (0.8 x1, 0.6 x2)
    expectClose(h.iterates[3], [-5 * 0.8 ** 3, -2 * 0.6 ** 3], 1e-15);
    expect(h.iterates.length).toBe(4);
    expect(h.values.length).toBe(4);
    expect(h.lrs).toEqual([0.1, 0.1, 0.1]);
    expectClose(h.values[0], 33);
    expectClose(h.gradNorms[0], Math.hypot(10, 8));
    expect(h.times.length).toBe(4);
    expect(r.stopReason).toBe("steps");
    expect(r.steps).toBe(3);
  });

  it("stops on the gradient-norm tolerance", () => {
    const r = minimize(q, [-5, -2], new SGD({ lr: 0.1 }), { steps: 1000, tol: 1e-6 });
    expect(r.converged).toBe(true);
    expect(r.stopReason).toBe("tol");
    expect(r.gradNorm).toBeLessThanOrEqual(1e-6);
    // 0.8^k * 10 <= 1e-6 first at k = ceil(ln(1e-7) / ln(0.8)) = 73 (x1 dominates)
    expect(r.steps).toBe(73);
  });

  it("applies a schedule to the optimizer's lr and records it", () => {
    const opt = new SGD({ lr: 1 });
    const r = minimize(q, [1, 1], opt, { steps: 6, schedule: stepLR(0.1, 2, 0.5) });
    expect(r.history.lrs).toEqual([0.1, 0.1, 0.05, 0.05, 0.025, 0.025]);
    expect(opt.lr).toBe(0.025);
    const cos = minimize(q, [1, 1], new Adam(), { steps: 4, schedule: cosineAnnealingLR(0.2, 4) });
    expectClose(
      cos.history.lrs,
      [0.2, 0.1 * (1 + Math.SQRT1_2), 0.1, 0.1 * (1 - Math.SQRT1_2)],
      1e-15,
    );
  });

  it("clips the gradient before the step (the history keeps the unclipped norm)", () => {
    const r = minimize(q, [-5, -2], new SGD({ lr: 1 }), { steps: 1, clip: 1 });
    // g = (-10, -8), ||g|| = sqrt(164); clipped step = g / (sqrt(164) + 1e-6)
    const c = 1 / (Math.sqrt(164) + 1e-6);
    expectClose(r.x, [-5 + 10 * c, -2 + 8 * c], 1e-15);
    expectClose(r.history.gradNorms[0], Math.sqrt(164));
    const v = minimize(q, [-5, -2], new SGD({ lr: 1 }), { steps: 1, clip: { value: 0.5 } });
    expectClose(v.x, [-4.5, -1.5], 1e-15);
  });

  it("flags divergence with the step and learning rate, and keeps NaN out of the history", () => {
    // GD with lr 3 on x1^2 + 2 x2^2: x2 <- -11 x2, overflowing x2^2 after about 150 steps
    // (with the default divergence factor it stops far earlier: see bad-input.test.ts).
    const opts = { steps: 10_000, divergenceFactor: Infinity };
    const r = minimize(q, [1, 1], new SGD({ lr: 3 }), opts);
    expect(r.stopReason).toBe("diverged");
    expect(r.diverged?.lr).toBe(3);
    expect(r.diverged?.step).toBe(r.steps);
    expect(r.diverged?.reason).toMatch(/^f became Infinity after step \d+ with learning rate 3$/);
    expect(r.steps).toBeGreaterThan(100);
    expect(r.steps).toBeLessThan(200);
    expect(allFinite(r.history.values)).toBe(true);
    expect(allFinite(r.history.gradNorms)).toBe(true);
    expect(r.history.iterates.every(allFinite)).toBe(true);
    expect(allFinite(r.x)).toBe(true);
    expect(Number.isFinite(r.value)).toBe(true);
  });

  it("a callback sees every step and can stop the run", () => {
    const seen: number[] = [];
    const r = minimize(q, [1, 1], new SGD({ lr: 0.1 }), {
      steps: 50,
      callback: ({ t }) => {
        seen.push(t);
        return t < 4;
      },
    });
    expect(seen).toEqual([0, 1, 2, 3, 4]);
    expect(r.stopReason).toBe("callback");
    expect(r.steps).toBe(5);
  });

  it("accepts any structurally matching objective and optimizer", () => {
    let lr = 0.25;
    const halfStep = {
      get lr() {
        return lr;
      },
      set lr(v: number) {
        lr = v;
      },
      step(p: Float64Array | Float32Array | readonly (Float64Array | Float32Array)[], g: typeof p) {
        if (ArrayBuffer.isView(p) && ArrayBuffer.isView(g))
          for (let i = 0; i < p.length; i++) p[i] -= lr * g[i];
      },
    };
    const r = minimize(
      { value: (x) => x[0] ** 2, grad: (x) => Float64Array.of(2 * x[0]) },
      [8],
      halfStep,
      { steps: 2 },
    );
    expectClose(r.x, [2], 1e-15);
  });

  it("bad input", () => {
    expect(() => minimize(q, [NaN, 0], new SGD())).toThrow(/^x0:/);
    expect(() => minimize(q, [0, 0], "adam" as never)).toThrow(/^method:/);
    expect(() => minimize(q, [0, 0], new SGD(), { steps: -1 })).toThrow(/^steps:/);
    expect(() => minimize(q, [0, 0], new BFGS(), { schedule: stepLR(1, 1) })).toThrow(OptkitError);
    expect(() => minimize({ value: () => 0 } as never, [0], new SGD())).toThrow(/^objective:/);
    const inf = { value: () => Infinity, grad: () => Float64Array.of(0) };
    expect(() => minimize(inf, [0], new SGD())).toThrow(/^x0:/);
  });
});
