/**
 * Notebook 03, exercises: Newton's method (roots and minimisation), damped Newton, BFGS.
 *
 * Matrices are arrays of rows: `A[i][j]` is row i, column j. Rules for every exercise: compute
 * in float64; never change the arrays you are given (return new ones); never form an inverse
 * matrix to solve a system. `npm run grade` shows your points.
 */
import { NotImplementedError } from "../lib/util/exercise";

/** A square matrix as an array of rows. */
export type Matrix = number[][];

/** Where a 1D Newton iteration stopped and after how many updates. */
export interface RootResult {
  x: number;
  iterations: number;
}

/** Damped Newton settings (defaults in brackets). */
export interface DampedNewtonOptions {
  /** stop when ||grad J(p)|| <= tol [1e-10] */
  tol?: number;
  /** at most this many Newton updates [100] */
  maxIter?: number;
  /** Armijo constant [1e-4] */
  c?: number;
  /** step shrink factor [0.5] */
  shrink?: number;
}

/** The result of damped Newton: the last iterate and the number of updates made. */
export interface DampedNewtonResult {
  p: Float64Array;
  iterations: number;
}

/**
 * Exercise `newtonRoot`: Newton's method for a root of f: R -> R,
 *
 *     x_{k+1} = x_k - f(x_k) / f'(x_k).
 *
 * Loop for k = 0, 1, ...: if |f(x_k)| <= tol, return { x: x_k, iterations: k }; if k = maxIter,
 * throw an Error (no convergence); if f'(x_k) = 0, throw an Error (flat tangent); else update.
 * Inputs: `f`, its derivative `df`, start `x0`, `tol` [1e-12], `maxIter` [50].
 */
export function newtonRoot(
  f: (x: number) => number,
  df: (x: number) => number,
  x0: number,
  tol = 1e-12,
  maxIter = 50,
): RootResult {
  void [f, df, x0, tol, maxIter]; // delete this line and the next one when you implement it
  throw new NotImplementedError("newtonRoot");
}

/**
 * Exercise `solveLinear`: solve A x = b by Gaussian elimination with partial pivoting
 * (at column k, swap up the row with the largest |entry| in that column, then eliminate below),
 * followed by back substitution.
 *
 * Inputs: `A` (d x d), `b` (length d). Output: x, a new Float64Array of length d.
 * Work on copies: A and b must be unchanged afterwards. If a pivot is exactly 0 (A singular),
 * throw an Error that says the matrix is singular.
 */
export function solveLinear(A: Matrix, b: Float64Array): Float64Array {
  void [A, b]; // delete this line and the next one when you implement the exercise
  throw new NotImplementedError("solveLinear");
}

/**
 * Exercise `newtonStep`: one (optionally damped) Newton step for minimisation,
 *
 *     solve H d = g,    p_{t+1} = p_t - alpha d.
 *
 * Inputs: `p`, gradient `g` at p, Hessian `H` at p (d x d), step `alpha` [1].
 * Output: a new Float64Array. Solve the system (e.g. with your solveLinear); never invert H.
 */
export function newtonStep(p: Float64Array, g: Float64Array, H: Matrix, alpha = 1): Float64Array {
  void [p, g, H, alpha]; // delete this line and the next one when you implement the exercise
  throw new NotImplementedError("newtonStep");
}

/**
 * Exercise `dampedNewton`: Newton's method with Armijo backtracking and a safeguard.
 * For k = 0, 1, ..., maxIter - 1:
 *   1. g = grad(p); if ||g|| <= tol, return { p, iterations: k }.
 *   2. Solve H d = g with H = hess(p). If H is singular (the solve throws) or d is not a
 *      descent direction (g'd <= 0, H not positive definite there), use d = g instead.
 *   3. alpha = 1; while J(p - alpha d) > J(p) - c alpha g'd and alpha > 1e-12: alpha *= shrink.
 *   4. p = p - alpha d.
 * After maxIter updates return { p, iterations: maxIter }.
 * Inputs: objective `J`, its gradient `grad`, its Hessian `hess`, start `p0`, options.
 * Do not change p0.
 */
export function dampedNewton(
  J: (p: Float64Array) => number,
  grad: (p: Float64Array) => Float64Array,
  hess: (p: Float64Array) => Matrix,
  p0: Float64Array,
  options: DampedNewtonOptions = {},
): DampedNewtonResult {
  void [J, grad, hess, p0, options]; // delete this line and the next one when you implement it
  throw new NotImplementedError("dampedNewton");
}

/**
 * Exercise `bfgsUpdate`: the BFGS update of the inverse-Hessian approximation H,
 * with s = p_{t+1} - p_t, y = g_{t+1} - g_t and rho = 1 / (y's):
 *
 *     H+ = (I - rho s y') H (I - rho y s') + rho s s'.
 *
 * If y's <= 0 the curvature condition fails: skip the update and return a copy of H.
 * Inputs: `H` (d x d, symmetric), `s`, `y` (length d). Output: a new d x d matrix.
 * H+ satisfies the secant condition H+ y = s. Do not change H, s or y.
 */
export function bfgsUpdate(H: Matrix, s: Float64Array, y: Float64Array): Matrix {
  void [H, s, y]; // delete this line and the next one when you implement the exercise
  throw new NotImplementedError("bfgsUpdate");
}

// ---------------------------------------------------------------------------------------------
// Iterations to derive.

/**
 * Exercise `newtonSqrt` (derive it; no formula is given): compute sqrt(a) with Newton's root
 * method applied to a polynomial whose positive root is sqrt(a). Simplify the update
 * x_{k+1} = x_k - f(x_k) / f'(x_k) to a closed form in x_k and a, and apply it `k` times; use
 * no derivative code and no Math.sqrt.
 *
 * Inputs: `a` > 0, start `x0` > 0, `k` >= 0 steps. Output: a Float64Array [x_0, x_1, ..., x_k].
 */
export function newtonSqrt(a: number, x0: number, k: number): Float64Array {
  void [a, x0, k]; // delete this line and the next one when you implement it
  throw new NotImplementedError("newtonSqrt");
}

/**
 * Exercise `newtonReciprocal` (derive it; no formula is given): compute 1/a with Newton's root
 * method and no division at all (early computers divided this way). Choose a function of x
 * whose root is 1/a and whose Newton update x_{k+1} = x_k - f(x_k) / f'(x_k), once simplified,
 * contains only additions and multiplications by a and x_k. (Taking f(x) = a x - 1 does not
 * count: its update divides by a.) Apply it `k` times; use no division and no derivative code.
 *
 * Inputs: `a` > 0, start `x0` (in (0, 2/a) the iterates converge), `k` >= 0 steps.
 * Output: a Float64Array [x_0, x_1, ..., x_k].
 */
export function newtonReciprocal(a: number, x0: number, k: number): Float64Array {
  void [a, x0, k]; // delete this line and the next one when you implement it
  throw new NotImplementedError("newtonReciprocal");
}

/**
 * Exercise `newtonPowerFactor` (derive it; no formula is given): Newton's root method on
 *
 *     f(x) = sign(x) |x|^q    (q > 0; its only root is 0)
 *
 * maps every x_k != 0 to x_{k+1} = c x_k with one factor c that depends on q only. Find c.
 * From it, read off for which q Newton converges to the root, for which it oscillates forever
 * and for which it runs away from it (for q = 1/3 it does, as notebook 03 warns can happen).
 *
 * Input: `q` > 0. Output: c.
 */
export function newtonPowerFactor(q: number): number {
  void q; // delete this line and the next one when you implement it
  throw new NotImplementedError("newtonPowerFactor");
}

// ---------------------------------------------------------------------------------------------
// Questions. Replace each `null` with your answer: a number (exact, or to 4 significant
// digits), or the letter of your choice as a string (e.g. "b"). Points in brackets; each
// answer's explanation is shown after the due date.

/** The answers to notebook 03's questions. */
export interface NewtonQuiz {
  /** [1] How many full Newton steps (alpha = 1) take any start to the exact minimiser of a
   * strictly convex quadratic 1/2 p'Ap - b'p? */
  quadraticSteps: number | null;
  /** [1] Solving H d = g for a dense n x n H by elimination costs (a) O(n) (b) O(n^2)
   * (c) O(n^3) (d) O(n^4) operations */
  solveCost: string | null;
  /** [1] Near a simple root, the number of correct digits of Newton's iterates roughly
   * multiplies by what factor per step? */
  digitsFactor: number | null;
  /** [1] Newton's iterates for minimising f and for minimising 10 f, from the same start:
   * (a) identical (b) steps 10 times longer (c) steps 10 times shorter */
  scaledObjective: string | null;
}

/** Exercise `newtonQuiz`: fill in your answers. */
export function newtonQuiz(): NewtonQuiz {
  return { quadraticSteps: null, solveCost: null, digitsFactor: null, scaledObjective: null };
}

// Written question: answer in a sentence or two, in your own words. Graded by hand at the
// grading desk with a rubric; the reference explanation is shown after the due date.

/** The written answers of notebook 03. */
export interface NewtonWritten {
  /** [2] Why can a full Newton step increase f far from the minimum, and what does damping by backtracking fix? */
  whyDampNewton: string;
}

/** Written answers `newtonWritten`: replace each "" with your explanation. */
export function newtonWritten(): NewtonWritten {
  return { whyDampNewton: "" };
}

// ---------------------------------------------------------------------------------------------
// A design task: graded on hidden functions, points by measured quality.

/**
 * What `safeguardedNewton` may evaluate: an objective with the methods of the course's
 * objectives (`lib/objectives`), its Hessian as rows (`toRows(obj.hessian(x))` adapts one).
 */
export interface NewtonObjective {
  value(x: Float64Array): number;
  grad(x: Float64Array): Float64Array;
  hessian(x: Float64Array): Matrix;
}

/** Where `safeguardedNewton` stopped, and how many evaluations it used in all. */
export interface SafeguardedNewtonResult {
  x: Float64Array;
  evaluations: number;
}

/**
 * Exercise `safeguardedNewton` (design it; no algorithm is given): a Newton method that reaches
 * a local minimiser from any start of a nonconvex function.
 *
 * Inputs: an objective `f` (`value`, `grad`, `hessian`), a start `x0` (length 1 or 2 in the
 * graded family, but nothing in the task depends on it) and a `budget` >= 10: the number of
 * evaluations you may make, where each call of f.value, f.grad or f.hessian counts one.
 * Output: { x, evaluations }: the point you stop at (a new Float64Array) and the number of
 * evaluations you made. Do not change x0.
 *
 * Your x counts as a success when ||grad f(x)|| <= 1e-8 and the Hessian at x
 * is positive definite, and you stayed within the budget (a call beyond it throws). The grader
 * runs it on a hidden family of nonconvex 1-D and 2-D functions, from many starts: starts where
 * the Hessian is indefinite or the Newton step is huge, starts exactly at a saddle point, long
 * curved valleys, and shifted and scaled variants. Points: mostly for the share of starts that
 * succeed, then for using few evaluations. Plain Newton goes to the nearest stationary point,
 * which may be a maximum or a saddle; `dampedNewton` cannot leave a saddle it starts on.
 * Choose your safeguards (a trust region, a step cap with a descent fallback, a shifted
 * Hessian, a direction of negative curvature...), and test them on lib/objectives' functions.
 */
export function safeguardedNewton(
  f: NewtonObjective,
  x0: Float64Array,
  budget: number,
): SafeguardedNewtonResult {
  void [f, x0, budget]; // delete this line and the next one when you implement it
  throw new NotImplementedError("safeguardedNewton");
}
