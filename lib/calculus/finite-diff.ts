/**
 * Finite differences: derivatives from function values alone, the reference that every
 * hand-written gradient in the course is checked against.
 */
import {
  checkFinite,
  checkFunction,
  checkNumber,
  checkSameLength,
  OptkitError,
  type Vec,
} from "../util/check";
import { matrix, type Matrix } from "../numbers/matrix";

/** A scalar function of one variable. */
export type Fn1 = (x: number) => number;
/** A scalar function of a vector. */
export type FnN = (x: Float64Array) => number;
/** A vector function of a vector. */
export type VecFn = (x: Float64Array) => ArrayLike<number>;

/** Throws unless `y`, computed by `arg` at x, is finite (no silent NaN). */
function finite(arg: string, y: number): number {
  if (!Number.isFinite(y)) throw new OptkitError(arg, `expected a finite value, got ${y}`);
  return y;
}

/** Forward difference f'(x) ~ (f(x + h) - f(x)) / h; error O(h). Default h = 1e-8 ~ sqrt(eps). */
export function forwardDiff(f: Fn1, x: number, h = 1e-8): number {
  checkFunction("f", f);
  checkNumber("x", x);
  checkNumber("h", h, { min: Number.MIN_VALUE });
  return finite("f", (f(x + h) - f(x)) / h);
}

/** Central difference f'(x) ~ (f(x + h) - f(x - h)) / (2h); error O(h^2). Default h = 1e-5. */
export function centralDiff(f: Fn1, x: number, h = 1e-5): number {
  checkFunction("f", f);
  checkNumber("x", x);
  checkNumber("h", h, { min: Number.MIN_VALUE });
  return finite("f", (f(x + h) - f(x - h)) / (2 * h));
}

/** Central-difference gradient: g_i = (f(x + h e_i) - f(x - h e_i)) / (2h). */
export function numericGradient(f: FnN, x: Vec, h = 1e-5): Float64Array {
  checkFunction("f", f);
  checkFinite("x", x);
  checkNumber("h", h, { min: Number.MIN_VALUE });
  const g = new Float64Array(x.length);
  for (let i = 0; i < x.length; i++) {
    const xp = Float64Array.from(x);
    const xm = Float64Array.from(x);
    xp[i] += h;
    xm[i] -= h;
    g[i] = finite("f", (f(xp) - f(xm)) / (2 * h));
  }
  return g;
}

/**
 * Central-difference Jacobian of F: R^n -> R^m, J_ij = (F_i(x + h e_j) - F_i(x - h e_j)) / (2h),
 * an m x n matrix. The Jacobian of a gradient is the Hessian (see `numericHessian`).
 */
export function numericJacobian(F: VecFn, x: Vec, h = 1e-5): Matrix {
  checkFunction("F", F);
  checkFinite("x", x);
  checkNumber("h", h, { min: Number.MIN_VALUE });
  const n = x.length;
  let J: Matrix | null = null;
  for (let j = 0; j < n; j++) {
    const xp = Float64Array.from(x);
    const xm = Float64Array.from(x);
    xp[j] += h;
    xm[j] -= h;
    const [fp, fm] = [F(xp), F(xm)];
    J ??= matrix(fp.length, n);
    for (let i = 0; i < fp.length; i++) J.data[i * n + j] = finite("F", (fp[i] - fm[i]) / (2 * h));
  }
  return J ?? matrix(F(Float64Array.from(x)).length, 0);
}

/** Central-difference Hessian from an exact gradient: H_ij = d g_i / d x_j (Jacobian of g). */
export function numericHessian(grad: VecFn, x: Vec, h = 1e-5): Matrix {
  const H = numericJacobian(grad, x, h);
  if (H.rows !== x.length) {
    // the Jacobian of a map R^n -> R^m is m x n, but a gradient has n entries: H is square
    throw new OptkitError(
      "grad",
      `expected grad(x) of length ${x.length} (the length of x), got ${H.rows}`,
    );
  }
  return H;
}

/**
 * Relative error as in the conventions, elementwise max over i:
 * max_i |a_i - b_i| / max(1e-8, |a_i| + |b_i|). Below 1e-7 is good, above 1e-4 is a bug.
 */
export function relativeError(a: ArrayLike<number>, b: ArrayLike<number>): number {
  checkSameLength("a", a, "b", b);
  let e = 0;
  for (let i = 0; i < a.length; i++) {
    const r = Math.abs(a[i] - b[i]) / Math.max(1e-8, Math.abs(a[i]) + Math.abs(b[i]));
    e = Math.max(e, finite(`a[${i}] or b[${i}]`, r));
  }
  return e;
}

/**
 * Gradient check: the relative error (see `relativeError`) between the analytic gradient
 * `grad(x)` and the central-difference gradient of f with h = 1e-5.
 */
export function gradCheck(f: FnN, grad: VecFn, x: Vec, h = 1e-5): number {
  checkFunction("f", f);
  checkFunction("grad", grad);
  checkFinite("x", x);
  const g = grad(Float64Array.from(x));
  if (g?.length !== x.length) {
    throw new OptkitError(
      "grad",
      `expected grad(x) of length ${x.length} (the length of x), got ${g?.length ?? String(g)}`,
    );
  }
  return relativeError(g, numericGradient(f, x, h));
}
