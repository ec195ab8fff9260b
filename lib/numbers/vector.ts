/**
 * Vector helpers on `Float64Array` (inputs may also be `Float32Array`).
 * Functions that return a new vector accept an optional `out` to reuse memory in hot loops;
 * `axpy` is the one in-place update, as in BLAS.
 */
import { checkArray, checkNumber, checkSameLength, type Vec } from "../util/check";

/** A vector of `n` zeros. */
export function zeros(n: number): Float64Array {
  checkNumber("n", n, { min: 0, integer: true });
  return new Float64Array(n);
}

/** A float64 copy of `x`. */
export function copy(x: Vec): Float64Array {
  checkArray("x", x);
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

/**
 * Euclidean norm ||x||_2 = sqrt(sum_i x_i^2) (not squared). Where the squares overflow or
 * underflow (entries beyond about 1e154 or below 1e-154) although the norm itself is a float64,
 * it is computed as m ||x / m|| with m = max_i |x_i|, as BLAS's dnrm2 scales.
 */
export function norm2(x: Vec): number {
  let s = 0;
  for (let i = 0; i < x.length; i++) s += x[i] * x[i];
  if (s > 1e-290 && s < Infinity) return Math.sqrt(s);
  return scaledNorm([x]);
}

/** ||(x_1, ..., x_k)||_2 over several arrays, scaled by the largest |entry| (no overflow). */
export function scaledNorm(xs: readonly ArrayLike<number>[]): number {
  let m = 0;
  for (const x of xs) for (let i = 0; i < x.length; i++) m = Math.max(m, Math.abs(x[i]));
  if (!(m > 0) || m === Infinity) return m === 0 ? 0 : m; // 0, NaN or Infinity
  let s = 0;
  for (const x of xs) {
    for (let i = 0; i < x.length; i++) s += (x[i] / m) * (x[i] / m);
  }
  return m * Math.sqrt(s);
}

/** Max norm ||x||_inf = max_i |x_i| (0 for an empty vector). */
export function normInf(x: Vec): number {
  let m = 0;
  for (let i = 0; i < x.length; i++) m = Math.max(m, Math.abs(x[i]));
  return m;
}
