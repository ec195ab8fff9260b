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
 * Exercise `exactQuadraticStep` (derive it): exact line search on the quadratic
 * J(p) = 1/2 p'Ap - b'p (A symmetric positive definite) along a direction d:
 *
 *     alpha* = argmin over all real alpha of J(p + alpha d).
 *
 * Notebook 02, section 6, gives the answer for the steepest-descent direction only. Here d is
 * any direction: the steepest-descent one, Newton's, a coordinate axis, or one pointing uphill
 * (then alpha* comes out negative). Write J(p + alpha d) as a function of the one number alpha,
 * and minimise it.
 *
 * Inputs: `A` as d rows of length d (A[i][j]), `b` and `p` of length d, the direction `dir`
 * (length d) [the steepest-descent direction -grad J(p), when omitted].
 * Output: alpha* (a number); 0 when J is flat along the direction (the direction is 0, or the
 * gradient at p is orthogonal to it).
 */
export function exactQuadraticStep(
  A: number[][],
  b: Float64Array,
  p: Float64Array,
  dir?: Float64Array,
): number {
  void [A, b, p, dir]; // delete this line and the next one when you implement the exercise
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

// ---------------------------------------------------------------------------------------------
// The lectures' schedules, and step sizes, step counts and sums to derive.

/**
 * Exercise `linearDecay`: linear decay of the learning rate to alpha_rho (notebook 02, section
 * 7), t counted from 0:
 *
 *     alpha_t = (1 - t / rho) alpha_0 + (t / rho) alpha_rho    for t <= rho,
 *     alpha_t = alpha_rho                                      for t > rho.
 *
 * Inputs: step `t` >= 0, `alpha0`, `alphaRho`, `rho` >= 1 (the library's
 * `linearDecayLR(alpha0, alphaRho, rho)` order). Output: alpha_t.
 */
export function linearDecay(t: number, alpha0: number, alphaRho: number, rho: number): number {
  void [t, alpha0, alphaRho, rho]; // delete this line and the next one when you implement it
  throw new NotImplementedError("linearDecay");
}

/**
 * Exercise `inverseTimeRecursion`: the lecture's inverse-time recursion (notebook 02, section 7),
 *
 *     alpha^(t+1) = alpha^(t) / (1 + rho t),   t = 0, 1, ..., T - 1,
 *
 * which is not the closed form alpha_0 / (1 + rho t) of the library's `inverseTimeLR`.
 * Inputs: `alpha0` = alpha^(0) > 0, `rho` >= 0, `T` >= 0 (an integer).
 * Output: a Float64Array of length T + 1: [alpha^(0), alpha^(1), ..., alpha^(T)].
 */
export function inverseTimeRecursion(alpha0: number, rho: number, T: number): Float64Array {
  void [alpha0, rho, T]; // delete this line and the next one when you implement it
  throw new NotImplementedError("inverseTimeRecursion");
}

/** A constant learning rate and the contraction factor it guarantees. */
export interface StepAndRate {
  eta: number;
  rate: number;
}

/**
 * Exercise `optimalFixedStep` (derive it; no formula is given): gradient descent with a constant
 * rate eta on a quadratic 1/2 p'Ap - b'p whose Hessian A has eigenvalues in
 * [lambdaMin, lambdaMax] (0 < lambdaMin <= lambdaMax) shrinks the error p_t - p* by at most
 * the factor rate(eta) = max over those eigenvalues lambda of |1 - eta lambda| per step.
 * Find the eta that makes this worst-case factor smallest, and that smallest factor.
 *
 * Output: { eta, rate }.
 */
export function optimalFixedStep(lambdaMin: number, lambdaMax: number): StepAndRate {
  void [lambdaMin, lambdaMax]; // delete this line and the next one when you implement it
  throw new NotImplementedError("optimalFixedStep");
}

/**
 * Exercise `stepsToReach` (derive it; no formula is given): with the best constant rate of
 * `optimalFixedStep` on eigenvalues in [lambdaMin, lambdaMax], the guarantee is
 * ||p_t - p*|| <= rate^t ||p_0 - p*||. How many steps t does the guarantee need to promise
 * ||p_t - p*|| <= eps ||p_0 - p*||? Return the smallest such integer t >= 0, from a closed form
 * in lambdaMin, lambdaMax and eps (no loop over t: the answer may be in the billions).
 *
 * Inputs: 0 < lambdaMin <= lambdaMax, 0 < eps. Output: an integer t >= 0 (0 when eps >= 1).
 */
export function stepsToReach(lambdaMin: number, lambdaMax: number, eps: number): number {
  void [lambdaMin, lambdaMax, eps]; // delete this line and the next one when you implement it
  throw new NotImplementedError("stepsToReach");
}

/**
 * Exercise `cosineTotal` (derive it; no formula is given): the sum of the learning rates of
 * cosine annealing (`cosineAnnealing` above) over one run of T steps, t = 0, 1, ..., T - 1,
 *
 *     S(T) = eta_0 + eta_1 + ... + eta_{T-1},
 *
 * the total distance the schedule lets gradient descent travel per unit of gradient. Find S(T)
 * in closed form (the sum of cos(pi t / T) over t = 0 .. T - 1 has a simple value: find it);
 * no loop over t: T may be 10^12.
 *
 * Inputs: `etaMax`, an integer `T` >= 1, `etaMin` [0]. Output: S(T).
 */
export function cosineTotal(etaMax: number, T: number, etaMin = 0): number {
  void [etaMax, T, etaMin]; // delete this line and the next one when you implement it
  throw new NotImplementedError("cosineTotal");
}

// ---------------------------------------------------------------------------------------------
// Questions. Replace each `null` with your answer: a number (exact, or to 4 significant
// digits), or your choice as a string of letters ("b", or "ac" where several apply).
// Points in brackets; each answer's explanation is shown after the due date.

/** The answers to notebook 02's questions. */
export interface GradientDescentQuiz {
  /** [1] The condition number kappa of A = [[2, 0], [0, 50]]? */
  kappa: number | null;
  /** [1] f(p) = 1/2 p'Ap with eigenvalues 1 and 10. Which constant rates make gradient descent
   * diverge from a generic start? All that apply: (a) 0.05 (b) 0.15 (c) 0.19 (d) 0.21 (e) 0.25 */
  divergentRates: string | null;
  /** [1] Exact line search on f(p) = 1/2 p'Ap, A = [[1, 0], [0, 10]], at p = (1, 1): alpha? */
  exactStep: number | null;
  /** [1] The largest mu with ||grad f(x)||^2 >= 2 mu (f(x) - min f) for all x in R^3 (the
   * Polyak-Lojasiewicz constant) of f(x) = x_2^2 + 2.5 x_3^2? */
  plConstant: number | null;
}

/** Exercise `gradientDescentQuiz`: fill in your answers. */
export function gradientDescentQuiz(): GradientDescentQuiz {
  return { kappa: null, divergentRates: null, exactStep: null, plConstant: null };
}

// Written question: answer in a sentence or two, in your own words. Graded by hand at the
// grading desk with a rubric; the reference explanation is shown after the due date.

/** The written answers of notebook 02. */
export interface GradientDescentWritten {
  /** [2] Why does gradient descent with a constant step eta diverge on a quadratic once eta > 2 / L (L the largest eigenvalue)? */
  whyDivergesAboveTwoOverL: string;
}

/** Written answers `gradientDescentWritten`: replace each "" with your explanation. */
export function gradientDescentWritten(): GradientDescentWritten {
  return { whyDivergesAboveTwoOverL: "" };
}
