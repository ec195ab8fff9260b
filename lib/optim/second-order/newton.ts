/**
 * Newton's method: for roots of F: R^n -> R^n (x <- x - J^{-1} F) and for minimisation
 * (x <- x - alpha H^{-1} g), always by solving a linear system, never by forming an inverse.
 */
import {
  cholesky,
  choleskySolve,
  dot,
  matrix,
  NotPositiveDefiniteError,
  norm2,
  solve,
  matvec,
  transpose,
  type Matrix,
} from "../../numbers";
import {
  checkFinite,
  checkNumber,
  checkOptions,
  optionNames,
  OptkitError,
  type Vec,
} from "../../util/check";
import type { Differentiable, HistoryEvent, Stepper, StepOutcome } from "../driver/types";
import { armijo } from "../linesearch";

/**
 * Cholesky factor of H + lambda I with the smallest lambda of the sequence below that works
 * (Nocedal & Wright, Algorithm 3.3, beta = 1e-3):
 *   lambda_0 = 0 if min_i h_ii > 0, else beta - min_i h_ii;  then lambda <- max(2 lambda, beta)
 * until the factorisation succeeds. lambda = 0 means H itself is positive definite.
 */
export function shiftedCholesky(H: Matrix, beta = 1e-3): { L: Matrix; lambda: number } {
  checkNumber("beta", beta, { min: Number.MIN_VALUE });
  const n = H.rows;
  let minDiag = Infinity;
  for (let i = 0; i < n; i++) minDiag = Math.min(minDiag, H.data[i * n + i]);
  let lambda = minDiag > 0 ? 0 : beta - minDiag;
  for (let k = 0; k < 200; k++) {
    const A = lambda === 0 ? H : matrix(n, n, H.data.slice());
    for (let i = 0; i < n && lambda !== 0; i++) A.data[i * n + i] += lambda;
    try {
      return { L: cholesky(A), lambda };
    } catch (e) {
      if (!(e instanceof NotPositiveDefiniteError) || e.column === -1) throw e;
      lambda = Math.max(2 * lambda, beta);
    }
  }
  throw new OptkitError("hessian", "could not make H + lambda I positive definite");
}

export interface NewtonOptions {
  /** backtrack from alpha = 1 with Armijo's rule [true]; false takes the full step */
  damped?: boolean;
  /** Armijo constant [1e-4] */
  c?: number;
  /** backtracking factor [0.5] */
  shrink?: number;
  /**
   * largest length of the Newton direction d [Infinity: no cap]: a longer d is scaled down to this
   * length before the line search (recorded as "step-capped"). A simple trust-region-like
   * safeguard for the steps of H + lambda I with H + lambda I nearly singular.
   */
  maxStep?: number;
}

/** The option names of `Newton`. */
const NEWTON_OPTIONS = optionNames<NewtonOptions>({
  damped: true,
  c: true,
  shrink: true,
  maxStep: true,
});

/**
 * Newton's method for minimisation, one step:
 *   solve (H + lambda I) d = g by Cholesky, lambda = 0 when H is positive definite, else the
 *   shift of `shiftedCholesky` (recorded in the history as "regularized");
 *   if ||d|| > maxStep, d <- d maxStep / ||d|| (recorded as "step-capped");
 *   x <- x - alpha d, alpha = 1 or (damped) Armijo backtracking from 1 along -d.
 * With lambda > 0, -d is still a descent direction, so the damped method keeps decreasing f. The
 * shift only just makes H + lambda I positive definite, so along a negative-curvature direction d
 * can be huge (|g_i| / 1e-3 for a diagonal H): maxStep bounds it.
 */
export class Newton implements Stepper {
  readonly name = "Newton's method";
  readonly damped: boolean;
  readonly c: number;
  readonly shrink: number;
  readonly maxStep: number;

  constructor(opts: NewtonOptions = {}) {
    checkOptions("Newton", opts, NEWTON_OPTIONS);
    this.damped = opts.damped ?? true;
    this.c = checkNumber("c", opts.c ?? 1e-4, { min: 0, max: 1 });
    this.shrink = checkNumber("shrink", opts.shrink ?? 0.5, { min: 1e-6, max: 0.999 });
    const maxStep = opts.maxStep ?? Infinity;
    if (!(maxStep > 0)) {
      throw new OptkitError("maxStep", `expected a positive length (or Infinity), got ${maxStep}`);
    }
    this.maxStep = maxStep;
  }

  advance(
    x: Float64Array,
    fx: number,
    g: Float64Array,
    fn: Differentiable,
    t: number,
  ): StepOutcome {
    if (typeof fn.hessian !== "function") {
      throw new OptkitError("objective", "Newton's method needs hessian(x)");
    }
    const H = fn.hessian(x);
    if (H?.rows !== x.length || H.cols !== x.length) {
      const got = H && typeof H === "object" ? `${H.rows} x ${H.cols}` : String(H);
      throw new OptkitError(
        "objective.hessian",
        `expected a ${x.length} x ${x.length} matrix (x has ${x.length} entries), got ${got}`,
      );
    }
    checkFinite("objective.hessian", H.data);
    const { L, lambda } = shiftedCholesky(H);
    const d = choleskySolve(L, g);
    const events: HistoryEvent[] = [];
    if (lambda > 0) {
      events.push({
        step: t,
        kind: "regularized",
        lambda,
        message: `Hessian not positive definite at step ${t}: used H + ${lambda} I`,
      });
    }
    const length = norm2(d);
    if (length > this.maxStep) {
      const scale = this.maxStep / length;
      for (let i = 0; i < d.length; i++) d[i] *= scale;
      events.push({
        step: t,
        kind: "step-capped",
        message: `Newton direction of length ${length.toPrecision(4)} capped to ${this.maxStep} at step ${t}`,
      });
    }
    let alpha = 1;
    if (this.damped) {
      for (let i = 0; i < d.length; i++) d[i] = -d[i];
      if (!(dot(g, d) < 0)) {
        // g'H^{-1}g underflowed (g ~ 0): no descent left to find at this precision.
        events.push({ step: t, kind: "line-search-failed", message: `g'd = 0 at step ${t}` });
        return { lr: 0, events };
      }
      const ls = armijo((y) => fn.value(y), x, g, {
        direction: d,
        fx,
        c: this.c,
        shrink: this.shrink,
      });
      alpha = ls.alpha;
      if (!ls.ok) {
        events.push({
          step: t,
          kind: "line-search-failed",
          message: `no Armijo step at step ${t}`,
        });
      }
      for (let i = 0; i < x.length; i++) x[i] += alpha * d[i];
    } else {
      for (let i = 0; i < x.length; i++) x[i] -= d[i];
    }
    return { lr: alpha, events };
  }
}

/** A system F(x) = 0 of n equations in n unknowns with its Jacobian. */
export interface RootSystem {
  value(x: Float64Array): Vec;
  jacobian(x: Float64Array): Matrix;
}

export interface NewtonRootOptions {
  /** stop when ||F(x)|| <= tol [1e-12] */
  tol?: number;
  /** [50] */
  maxIter?: number;
  /** backtrack on 1/2 ||F||^2 [false: the full Newton step] */
  damped?: boolean;
}

export interface NewtonRootResult {
  x: Float64Array;
  converged: boolean;
  iterations: number;
  /** x_0, x_1, ... and ||F(x_k)|| */
  iterates: Float64Array[];
  residualNorms: number[];
}

/** J(x_k) must be n x n and finite; the message says which, at which iteration. */
function checkJacobian(J: Matrix, x: Float64Array, k: number): Matrix {
  const n = x.length;
  if (J?.rows !== n || J.cols !== n) {
    const got = J && typeof J === "object" ? `${J.rows} x ${J.cols}` : String(J);
    throw new OptkitError(
      "jacobian",
      `expected a ${n} x ${n} matrix (n = ${n} unknowns) at iteration ${k}, got ${got}`,
    );
  }
  const bad = J.data.findIndex((v) => !Number.isFinite(v));
  if (bad >= 0) {
    const [i, j] = [Math.floor(bad / n), bad % n];
    throw new OptkitError(
      "jacobian",
      `expected finite entries at iteration ${k}, got ${J.data[bad]} at (${i}, ${j}) (x = [${Array.from(x)}])`,
    );
  }
  return J;
}

/**
 * Newton's method for F(x) = 0: solve J(x_k) d = F(x_k), x_{k+1} = x_k - alpha d with alpha = 1,
 * or (damped) Armijo backtracking on phi = 1/2 ||F||^2 (whose slope along -d is -||F||^2).
 * A singular Jacobian throws, naming the iteration.
 */
export function newtonRoot(
  system: RootSystem,
  x0: ArrayLike<number>,
  opts: NewtonRootOptions = {},
): NewtonRootResult {
  checkOptions(
    "newtonRoot",
    opts,
    optionNames<NewtonRootOptions>({ tol: true, maxIter: true, damped: true }),
  );
  const tol = checkNumber("tol", opts.tol ?? 1e-12, { min: 0 });
  const maxIter = checkNumber("maxIter", opts.maxIter ?? 50, { min: 0, integer: true });
  checkFinite("x0", x0);
  const x = Float64Array.from(x0);
  let F = Float64Array.from(system.value(x));
  if (F.length !== x.length) {
    throw new OptkitError(
      "system.value",
      `expected F(x0) with one equation per unknown (length ${x.length}, the length of x0), got length ${F.length}`,
    );
  }
  checkFinite("F(x0)", F);
  const iterates = [x.slice()];
  const residualNorms = [norm2(F)];
  let k = 0;
  while (k < maxIter && residualNorms[k] > tol) {
    const J = checkJacobian(system.jacobian(x), x, k);
    let d: Float64Array;
    try {
      d = solve(J, F);
    } catch (e) {
      if (e instanceof OptkitError && /singular/.test(e.message)) {
        throw new OptkitError("jacobian", `singular at iteration ${k} (x = [${Array.from(x)}])`);
      }
      throw e;
    }
    let alpha = 1;
    if (opts.damped) {
      // phi = 1/2 ||F||^2 has gradient J'F, and slope (J'F)'(-d) = -F'J d = -||F||^2 < 0.
      const phi = (y: Float64Array) => 0.5 * norm2(system.value(y)) ** 2;
      const ls = armijo(phi, x, matvec(transpose(J), F), {
        direction: Float64Array.from(d, (v) => -v),
        fx: 0.5 * residualNorms[k] ** 2,
      });
      alpha = ls.alpha;
    }
    for (let i = 0; i < x.length; i++) x[i] -= alpha * d[i];
    F = Float64Array.from(system.value(x));
    if (!Number.isFinite(norm2(F)) || !x.every(Number.isFinite)) {
      throw new OptkitError("x0", `Newton's iteration left the domain at iteration ${k + 1}`);
    }
    k++;
    iterates.push(x.slice());
    residualNorms.push(norm2(F));
  }
  return { x, converged: residualNorms[k] <= tol, iterations: k, iterates, residualNorms };
}
