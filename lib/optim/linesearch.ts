/**
 * Step sizes along a direction d from x: Armijo backtracking, a weak-Wolfe search (for BFGS),
 * and the exact step of a quadratic along -g.
 */
import { dot, matvec, type Matrix } from "../numbers";
import {
  checkFinite,
  checkNumber,
  checkOptions,
  checkSameLength,
  optionNames,
  OptkitError,
  type Vec,
} from "../util/check";

/** The outcome of a line search: `ok` is false when it gave up after `maxIter` trials. */
export interface LineSearchResult {
  alpha: number;
  /** f(x + alpha d) */
  value: number;
  /** number of evaluations of f (and of its gradient, for Wolfe) */
  evaluations: number;
  ok: boolean;
}

export interface ArmijoOptions {
  /** first trial step [1] */
  alpha0?: number;
  /** sufficient-decrease constant c [1e-4] */
  c?: number;
  /** factor applied to alpha after each failed trial [0.5] */
  shrink?: number;
  /** trials before giving up [50] */
  maxIter?: number;
  /** search direction d [-g] */
  direction?: Vec;
  /** f(x), if already known */
  fx?: number;
}

const ARMIJO_OPTIONS = optionNames<ArmijoOptions>({
  alpha0: true,
  c: true,
  shrink: true,
  maxIter: true,
  direction: true,
  fx: true,
});
const WOLFE_OPTIONS = optionNames<WolfeOptions>({
  alpha0: true,
  c1: true,
  c2: true,
  maxIter: true,
  fx: true,
});

/** x + alpha d into `out`; false if some entry overflowed (then f is not evaluated there). */
function along(x: Vec, alpha: number, d: Vec, out: Float64Array): boolean {
  let finite = true;
  for (let i = 0; i < x.length; i++) {
    out[i] = x[i] + alpha * d[i];
    if (!Number.isFinite(out[i])) finite = false;
  }
  return finite;
}

function negated(g: Vec): Float64Array {
  return Float64Array.from(g, (v) => -v);
}

/** The slope g'd along d, which must be negative (a descent direction). */
function descentSlope(g: Vec, d: Vec): number {
  checkSameLength("g", g, "direction", d);
  const slope = dot(g, d);
  if (!(slope < 0)) {
    throw new OptkitError(
      "direction",
      `expected a descent direction (g'd < 0), got g'd = ${slope}`,
    );
  }
  return slope;
}

/**
 * Armijo backtracking: the largest alpha = alpha0 shrink^k (k = 0, 1, ...) with
 *   f(x + alpha d) <= f(x) + c alpha g'd,
 * which for d = -g reads f(x - alpha g) <= f(x) - c alpha ||g||^2. A non-finite f(x + alpha d)
 * counts as a failure (so the search also backs off from overflow).
 */
export function armijo(
  f: (x: Float64Array) => number,
  x: Vec,
  g: Vec,
  opts: ArmijoOptions = {},
): LineSearchResult {
  checkOptions("armijo", opts, ARMIJO_OPTIONS);
  const alpha0 = checkNumber("alpha0", opts.alpha0 ?? 1, { min: Number.MIN_VALUE });
  const c = checkNumber("c", opts.c ?? 1e-4, { min: 0, max: 1 });
  const shrink = checkNumber("shrink", opts.shrink ?? 0.5, { min: Number.MIN_VALUE, max: 0.999 });
  const maxIter = checkNumber("maxIter", opts.maxIter ?? 50, { min: 1, integer: true });
  checkSameLength("x", x, "g", g);
  const d = opts.direction ?? negated(g);
  const slope = descentSlope(g, d);
  const fx = opts.fx ?? f(Float64Array.from(x));
  checkNumber("f(x)", fx);
  const trial = new Float64Array(x.length);
  let alpha = alpha0;
  let value = NaN;
  for (let k = 1; k <= maxIter; k++) {
    value = along(x, alpha, d, trial) ? f(trial) : NaN;
    if (value <= fx + c * alpha * slope) return { alpha, value, evaluations: k, ok: true };
    if (k < maxIter) alpha *= shrink;
  }
  return { alpha, value, evaluations: maxIter, ok: false };
}

export interface WolfeOptions {
  /** first trial step [1] */
  alpha0?: number;
  /** sufficient-decrease constant [1e-4] */
  c1?: number;
  /** curvature constant [0.9] */
  c2?: number;
  /** trials before giving up [50] */
  maxIter?: number;
  /** f(x), if already known */
  fx?: number;
}

/**
 * Weak Wolfe line search by bracketing and bisection: find alpha with
 *   f(x + alpha d) <= f(x) + c1 alpha g'd   (sufficient decrease) and
 *   grad(x + alpha d)'d >= c2 g'd             (curvature, which makes y's > 0 for BFGS).
 * Too long a step (decrease fails) sets the upper bracket, too short (curvature fails) the lower
 * one; alpha is then the midpoint, or doubles while no upper bracket is known.
 */
export function wolfe(
  f: (x: Float64Array) => number,
  grad: (x: Float64Array) => Vec,
  x: Vec,
  g: Vec,
  d: Vec,
  opts: WolfeOptions = {},
): LineSearchResult {
  checkOptions("wolfe", opts, WOLFE_OPTIONS);
  const c1 = checkNumber("c1", opts.c1 ?? 1e-4, { min: 0, max: 1 });
  const c2 = checkNumber("c2", opts.c2 ?? 0.9, { min: c1, max: 1 });
  const maxIter = checkNumber("maxIter", opts.maxIter ?? 50, { min: 1, integer: true });
  let alpha = checkNumber("alpha0", opts.alpha0 ?? 1, { min: Number.MIN_VALUE });
  checkSameLength("x", x, "g", g);
  const slope = descentSlope(g, d);
  const fx = opts.fx ?? f(Float64Array.from(x));
  checkNumber("f(x)", fx);
  const trial = new Float64Array(x.length);
  let lo = 0;
  let hi = Infinity;
  let value = NaN;
  for (let k = 1; k <= maxIter; k++) {
    value = along(x, alpha, d, trial) ? f(trial) : NaN;
    if (!(value <= fx + c1 * alpha * slope)) hi = alpha;
    else if (dot(grad(trial), d) < c2 * slope) lo = alpha;
    else return { alpha, value, evaluations: k, ok: true };
    if (k < maxIter) alpha = hi < Infinity ? (lo + hi) / 2 : 2 * lo;
  }
  return { alpha, value, evaluations: maxIter, ok: false };
}

/**
 * The exact minimiser along -g of the quadratic f(p) = 1/2 p'Ap - b'p (g = Ap - b):
 *   alpha = g'g / g'Ag   (A must be positive definite along g).
 */
export function exactQuadraticStep(A: Matrix, g: Vec): number {
  checkFinite("g", g);
  const gAg = dot(g, matvec(A, g));
  if (!(gAg > 0)) {
    throw new OptkitError("A", `expected g'Ag > 0 (positive curvature along g), got ${gAg}`);
  }
  return dot(g, g) / gAg;
}
