/**
 * Online convex optimisation on an interval: at step t the learner plays x_t, then sees a linear
 * loss f_t(x) = g_t x and steps on g_t, projected back onto [lo, hi]. Its average regret
 * (1/T) sum_t (f_t(x_t) - f_t(x*)) against the best fixed point x* must tend to 0 for a method to
 * "converge" in this setting. Notebook 04, section 12: the counterexample of Reddi, Kale and Kumar,
 * "On the Convergence of Adam and Beyond" (ICLR 2018), theorem 1.
 */
import { checkNumber, OptkitError } from "../util/check";
import type { StepOptimizer } from "./driver/types";

/** A sequence of linear losses g_t x on [lo, hi] with its best fixed point. */
export interface OnlineLinearProblem {
  /** the slope g_t of the loss at step t = 1, 2, ... */
  slope(t: number): number;
  lo: number;
  hi: number;
  /** the best fixed point in [lo, hi] over a whole period of the slopes */
  xStar: number;
}

/**
 * Reddi, Kale and Kumar's sequence: f_t(x) = C x when t mod 3 = 1, else -x, on [-1, 1], C > 2.
 * Over a period the losses add up to (C - 2) x, so the best fixed point is x* = -1.
 */
export function reddiProblem(C = 3): OnlineLinearProblem {
  if (!(typeof C === "number" && Number.isFinite(C) && C > 2)) {
    throw new OptkitError("C", `expected a finite number > 2, got ${String(C)}`);
  }
  return { slope: (t) => (t % 3 === 1 ? C : -1), lo: -1, hi: 1, xStar: -1 };
}

/** The iterates and the average regret after each step. */
export interface OnlineRun {
  /** x_1 (= x0), x_2, ..., x_{T+1} */
  xs: number[];
  /** averageRegret[t - 1] = (1/t) sum_{s <= t} g_s (x_s - x*) */
  averageRegret: number[];
}

/**
 * Play T rounds with `optimizer` from x0: at round t the rate is lr(t) (set on the optimizer),
 * the step uses the gradient g_t, and the result is clipped to [lo, hi] (the projection).
 */
export function runOnline(
  optimizer: StepOptimizer,
  problem: OnlineLinearProblem,
  opts: { T: number; lr: (t: number) => number; x0?: number },
): OnlineRun {
  const T = checkNumber("T", opts?.T, { min: 1, integer: true });
  const x = Float64Array.of(checkNumber("x0", opts.x0 ?? 0, { min: problem.lo, max: problem.hi }));
  const g = new Float64Array(1);
  const xs = [x[0]];
  const averageRegret: number[] = [];
  let regret = 0;
  for (let t = 1; t <= T; t++) {
    g[0] = problem.slope(t);
    regret += g[0] * (x[0] - problem.xStar);
    averageRegret.push(regret / t);
    optimizer.lr = checkNumber("lr(t)", opts.lr(t), { min: 0 });
    optimizer.step(x, g);
    x[0] = Math.min(problem.hi, Math.max(problem.lo, x[0]));
    xs.push(x[0]);
  }
  return { xs, averageRegret };
}
