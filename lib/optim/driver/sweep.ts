/**
 * Learning-rate sweeps: run one method at several learning rates and count the steps each needs
 * to bring f below a target, so methods can be compared each at its own best rate.
 */
import { checkNumber, describe, OptkitError } from "../../util/check";
import { minimize, type MinimizeOptions } from "./minimize";
import type { Differentiable, MinimizeResult, StepOptimizer } from "./types";

/** One run of a sweep. */
export interface SweepRun {
  lr: number;
  /** steps until f(x_t) <= target (t counted from x_0), or null if not reached */
  stepsToTarget: number | null;
  result: MinimizeResult;
}

/** All runs, and the best one: fewest steps to the target, else the lowest final value. */
export interface SweepResult {
  runs: SweepRun[];
  best: SweepRun;
}

export interface SweepOptions extends Omit<MinimizeOptions, "callback" | "tol"> {
  /** stop a run as soon as f(x_t) <= target */
  target: number;
}

/**
 * For each learning rate, `minimize(objective, x0, make(lr), opts)` until f(x_t) <= target or
 * `opts.steps` steps. A diverged run counts as not reaching the target and is never "best"
 * unless every run diverged.
 */
export function sweepLearningRates(
  objective: Differentiable,
  x0: ArrayLike<number>,
  make: (lr: number) => StepOptimizer,
  lrs: readonly number[],
  opts: SweepOptions,
): SweepResult {
  if (lrs.length === 0) throw new OptkitError("lrs", "expected at least one learning rate");
  lrs.forEach((lr, i) => checkNumber(`lrs[${i}]`, lr, { min: 0 }));
  if (opts === undefined || opts === null || typeof opts !== "object") {
    throw new OptkitError(
      "opts",
      `expected an object with target (and minimize's options), got ${describe(opts)}`,
    );
  }
  const { target: rawTarget, ...rest } = opts;
  const target = checkNumber("target", rawTarget);
  const runs = lrs.map((lr): SweepRun => {
    const result = minimize(objective, x0, make(lr), {
      ...rest,
      callback: (info) => info.value > target,
    });
    const hit = result.history.values.findIndex((v) => v <= target);
    return { lr, stepsToTarget: hit < 0 ? null : hit, result };
  });
  const rank = (r: SweepRun): [number, number] => [
    r.stepsToTarget ?? Infinity,
    r.result.diverged ? Infinity : r.result.value,
  ];
  const best = runs.reduce((a, b) => {
    const [sa, va] = rank(a);
    const [sb, vb] = rank(b);
    return sb < sa || (sb === sa && vb < va) ? b : a;
  });
  return { runs, best };
}
