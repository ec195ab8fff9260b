/**
 * Vector helpers on `Float64Array` (inputs may also be `Float32Array`).
 * Functions that return a new vector accept an optional `out` to reuse memory in hot loops;
 * `axpy` is the one in-place update, as in BLAS.
 */
import { checkSameLength, type Vec } from "../util/check";

/** A vector of `n` zeros. */
export function zeros(n: number): Float64Array {
  return new Float64Array(n);
}

/** A float64 copy of `x`. */
export function copy(x: Vec): Float64Array {
  return Float64Array.from(x);
}

/** Inner product x'y = sum_i x_i y_i. */
export function dot(x: Vec, y: Vec): number {
  checkSameLength("x", x, "y", y);
  let s = 0;
  for (let i = 0; i < x.length; i++) s += x[i] * y[i];
  return s;
}

/** y <- y + a x, in place (BLAS axpy). Returns `y`. */
export function axpy(a: number, x: Vec, y: Vec): Vec {
  checkSameLength("x", x, "y", y);
  for (let i = 0; i < x.length; i++) y[i] += a * x[i];
  return y;
}

/** a x, into `out` (a new vector by default). */
export function scale(a: number, x: Vec, out: Vec = new Float64Array(x.length)): Vec {
  checkSameLength("x", x, "out", out);
  for (let i = 0; i < x.length; i++) out[i] = a * x[i];
  return out;
}

/** x + y, into `out` (a new vector by default). */
export function add(x: Vec, y: Vec, out: Vec = new Float64Array(x.length)): Vec {
  checkSameLength("x", x, "y", y);
  checkSameLength("x", x, "out", out);
  for (let i = 0; i < x.length; i++) out[i] = x[i] + y[i];
  return out;
}

/** x - y, into `out` (a new vector by default). */
export function sub(x: Vec, y: Vec, out: Vec = new Float64Array(x.length)): Vec {
  checkSameLength("x", x, "y", y);
  checkSameLength("x", x, "out", out);
  for (let i = 0; i < x.length; i++) out[i] = x[i] - y[i];
  return out;
}

/** Euclidean norm ||x||_2 = sqrt(sum_i x_i^2) (not squared). */
export function norm2(x: Vec): number {
  let s = 0;
  for (let i = 0; i < x.length; i++) s += x[i] * x[i];
  return Math.sqrt(s);
}

/** Max norm ||x||_inf = max_i |x_i| (0 for an empty vector). */
export function normInf(x: Vec): number {
  let m = 0;
  for (let i = 0; i < x.length; i++) m = Math.max(m, Math.abs(x[i]));
  return m;
}
