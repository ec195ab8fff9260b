/**
 * Notebook 02, exercises: gradient descent, line search and learning-rate schedules.
 *
 * Rules for every exercise: compute in float64; never change the arrays you are given
 * (return new ones); never call `Math.random`. `npm run grade` shows your points.
 */
import { NotImplementedError } from "../lib/util/exercise";

/** The gradient of an objective J: R^d -> R^d. */
export type GradientFn = (p: Float64Array) => Float64Array;

/** An objective J: R^d -> R. */
export type ObjectiveFn = (p: Float64Array) => number;

/** Armijo backtracking settings (the course's defaults in brackets). */
export interface ArmijoOptions {
  /** first step tried [1] */
  alpha0?: number;
  /** sufficient-decrease constant c [1e-4] */
  c?: number;
  /** factor applied after each rejected step [0.5] */
  shrink?: number;
  /** how many steps to try at most [50] */
  maxTries?: number;
}

/**
 * Exercise `gdStep`: one step of gradient descent,
 *
 *     p_{t+1} = p_t - eta g_t.
 *
 * Inputs: parameters `p` (length d), gradient `g` at p (length d), learning rate `eta`.
 * Output: a new Float64Array of length d. Do not change p or g.
 */
export function gdStep(p: Float64Array, g: Float64Array, eta: number): Float64Array {
  void [p, g, eta]; // delete this line and the next one when you implement the exercise
  throw new NotImplementedError("gdStep");
}

/**
 * Exercise `gradientDescent`: run `steps` steps of gradient descent from p0 with a constant
 * learning rate and return the whole trajectory,
 *
 *     p_{t+1} = p_t - eta grad J(p_t),   t = 0, 1, ..., steps - 1.
 *
 * Inputs: the gradient function `grad`, the start `p0` (length d), `eta`, `steps` >= 0.
 * Output: an array of steps + 1 new Float64Arrays [p_0, p_1, ..., p_steps] (p_0 a copy of p0).
 * If an iterate stops being finite (the run diverged), throw an Error that names the step t
 * and the learning rate, instead of returning NaN or Infinity. Do not change p0.
 */
export function gradientDescent(
  grad: GradientFn,
  p0: Float64Array,
  eta: number,
  steps: number,
): Float64Array[] {
  void [grad, p0, eta, steps]; // delete this line and the next one when you implement the exercise
  throw new NotImplementedError("gradientDescent");
}

/**
 * Exercise `backtrackingLineSearch`: the Armijo rule along the steepest-descent direction -g.
 * Try alpha = alpha0, alpha0 shrink, alpha0 shrink^2, ... (at most `maxTries` values) and return
 * the first (largest) one with sufficient decrease:
 *
 *     J(p - alpha g) <= J(p) - c alpha ||g||^2.
 *
 * Inputs: objective `J`, point `p`, gradient `g` at p, options (defaults in ArmijoOptions).
 * Output: the accepted alpha, or 0 if none of the maxTries values is accepted.
 * Do not change p or g.
 */
export function backtrackingLineSearch(
  J: ObjectiveFn,
  p: Float64Array,
  g: Float64Array,
  options: ArmijoOptions = {},
): number {
  void [J, p, g, options]; // delete this line and the next one when you implement the exercise
  throw new NotImplementedError("backtrackingLineSearch");
}

/**
 * Exercise `exactQuadraticStep`: the exact line-search step on the quadratic
 * J(p) = 1/2 p'Ap - b'p (A symmetric positive definite, gradient g = Ap - b):
 *
 *     alpha* = argmin_alpha J(p - alpha g) = g'g / g'Ag.
 *
 * Inputs: `A` as d rows of length d (A[i][j]), `b` and `p` of length d.
 * Output: alpha* (a number); 0 when g = 0 (p is already the minimiser).
 */
export function exactQuadraticStep(A: number[][], b: Float64Array, p: Float64Array): number {
  void [A, b, p]; // delete this line and the next one when you implement the exercise
  throw new NotImplementedError("exactQuadraticStep");
}

/**
 * Exercise `stepDecay`: the step-decay schedule (t counted from 0),
 *
 *     eta_t = eta0 gamma^floor(t / s).
 *
 * Inputs: step `t` >= 0, initial rate `eta0`, period `s` >= 1, factor `gamma` (the library's
 * `stepLR(eta0, stepSize, gamma)` order). Output: eta_t.
 */
export function stepDecay(t: number, eta0: number, s: number, gamma: number): number {
  void [t, eta0, s, gamma]; // delete this line and the next one when you implement the exercise
  throw new NotImplementedError("stepDecay");
}

/**
 * Exercise `cosineAnnealing`: cosine annealing over T steps (t counted from 0),
 *
 *     eta_t = eta_min + 1/2 (eta_max - eta_min) (1 + cos(pi t / T))   for 0 <= t <= T,
 *
 * and eta_t = eta_min for t > T (the schedule stays at its floor).
 * Inputs: `t`, `etaMax`, `T` >= 1, `etaMin` (default 0) (the library's
 * `cosineAnnealingLR(eta0, T, etaMin)` order). Output: eta_t.
 */
export function cosineAnnealing(t: number, etaMax: number, T: number, etaMin = 0): number {
  void [t, etaMax, T, etaMin]; // delete this line and the next one when you implement the exercise
  throw new NotImplementedError("cosineAnnealing");
}
