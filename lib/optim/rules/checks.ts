/**
 * Checks shared by the update rules. The functional core names hyperparameters as the lectures
 * do (eta, mu, beta1, ...); the classes pass PyTorch's names so that an error names the option
 * the caller actually wrote (`lr`, `momentum`, `betas[0]`, ...).
 */
import { checkNumber, checkSameLength, OptkitError, type Vec } from "../../util/check";

// Hoisted so that checking hyperparameters at every step allocates nothing.
const NON_NEGATIVE = { min: 0 };
const UNIT_INTERVAL = { min: 0, max: 1 };

/** A finite number >= 0 (eps, weight decay, momentum, ...). */
export function checkNonNegative(arg: string, x: number): number {
  return checkNumber(arg, x, NON_NEGATIVE);
}

/** A finite number in [0, 1] (dampening). */
export function checkUnit(arg: string, x: number): number {
  return checkNumber(arg, x, UNIT_INTERVAL);
}

/** A learning rate: finite and >= 0. */
export function checkLr(arg: string, eta: number): number {
  return checkNumber(arg, eta, NON_NEGATIVE);
}

/** An averaging coefficient (beta1, beta2, alpha): finite and in [0, 1). */
export function checkBeta(arg: string, beta: number): number {
  const ok = typeof beta === "number" && Number.isFinite(beta) && beta >= 0 && beta < 1;
  if (!ok) throw new OptkitError(arg, `expected a number in [0, 1), got ${beta}`);
  return beta;
}

/** `p` and `g` must have equal lengths, and the state arrays must fit `p`. */
export function checkStepShapes(p: Vec, g: Vec, stateLength: number): void {
  if (g.length !== p.length) checkSameLength("p", p, "g", g);
  if (stateLength !== p.length) {
    throw new OptkitError(
      "state",
      `expected state for ${p.length} parameters, got state for ${stateLength} (create it with the length of p)`,
    );
  }
}

/** One of a fixed set of string options. */
export function checkChoice<T extends string>(arg: string, value: T, choices: readonly T[]): T {
  if (!choices.includes(value)) {
    throw new OptkitError(
      arg,
      `expected one of ${choices.map((c) => `"${c}"`).join(", ")}, got ${String(value)}`,
    );
  }
  return value;
}

/** Sum of squares of `g + wd p` (the gradient the rule sees, with L2 weight decay folded in). */
export function sumSquares(g: Vec, p: Vec, wd: number): number {
  let s = 0;
  if (wd === 0) {
    for (let i = 0; i < g.length; i++) s += g[i] * g[i];
  } else {
    for (let i = 0; i < g.length; i++) {
      const gi = g[i] + wd * p[i];
      s += gi * gi;
    }
  }
  return s;
}
