import { describe, expect, it } from "vitest";
import { Adam, SGD, reddiProblem, runOnline } from "../../../lib";
import { expectError } from "../expect-error";

const C = 3;
const adam = (amsgrad: boolean) => new Adam({ lr: 0.5, betas: [0, 1 / (1 + C * C)], amsgrad });
const lr = (t: number) => 0.5 / Math.sqrt(t);

describe("reddiProblem and runOnline", () => {
  it("has slopes C, -1, -1 repeating and its best point at -1", () => {
    const p = reddiProblem(C);
    expect([1, 2, 3, 4, 5, 6].map((t) => p.slope(t))).toEqual([3, -1, -1, 3, -1, -1]);
    expect(p.xStar).toBe(-1);
  });

  it("counts regret against x* and projects onto [-1, 1]", () => {
    // plain SGD with a huge rate: every step lands on an end of the interval
    const run = runOnline(new SGD({ lr: 1 }), reddiProblem(C), { T: 3, lr: () => 10 });
    expect(run.xs).toEqual([0, -1, 1, 1]);
    // regrets g_t (x_t + 1): 3 (0 + 1) = 3, then -1 (-1 + 1) = 0, then -1 (1 + 1) = -2
    expect(run.averageRegret).toEqual([3, 3 / 2, 1 / 3]);
  });

  it("reproduces theorem 1: Adam goes to x = +1 with average regret near 2/3, AMSGrad to -1", () => {
    const plain = runOnline(adam(false), reddiProblem(C), { T: 3000, lr });
    const ams = runOnline(adam(true), reddiProblem(C), { T: 3000, lr });
    expect(plain.xs[plain.xs.length - 1]).toBeGreaterThan(0.98);
    expect(plain.averageRegret[2999]).toBeGreaterThan(0.6);
    expect(ams.xs[ams.xs.length - 1]).toBeLessThan(-0.98);
    expect(ams.averageRegret[2999]).toBeLessThan(0.02);
  });

  it("rejects C <= 2, a start outside the interval and a negative rate", () => {
    expectError(() => reddiProblem(2), "C", "C: expected a finite number > 2, got 2");
    expectError(
      () => runOnline(adam(false), reddiProblem(C), { T: 3, lr, x0: 2 }),
      "x0",
      "x0: expected a finite number in [-1, 1], got 2",
    );
    expectError(
      () => runOnline(adam(false), reddiProblem(C), { T: 3, lr: () => -1 }),
      "lr(t)",
      "lr(t): expected a finite number >= 0, got -1",
    );
  });
});
