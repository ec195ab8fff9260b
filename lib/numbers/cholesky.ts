/**
 * Cholesky factorisation A = L L' of a symmetric positive definite matrix. Newton's method
 * uses it both to solve H d = g and to detect a Hessian that is not positive definite.
 */
import { checkFinite, checkLength, OptkitError, type Vec } from "../util/check";
import { checkSquare, isSymmetric, maxAbs, matrix, type Matrix } from "./matrix";

/** Thrown by `cholesky` when A is not symmetric positive definite (to working precision). */
export class NotPositiveDefiniteError extends OptkitError {
  constructor(
    arg: string,
    problem: string,
    /** The column where the factorisation failed (-1 when A is not symmetric). */
    readonly column: number,
  ) {
    super(arg, problem);
    this.name = "NotPositiveDefiniteError";
  }
}

/**
 * Lower triangular L with A = L L' (Cholesky-Banachiewicz, row by row):
 * l_jj = sqrt(a_jj - sum_{k<j} l_jk^2),  l_ij = (a_ij - sum_{k<j} l_ik l_jk) / l_jj  (i > j).
 * Throws NotPositiveDefiniteError when A is not symmetric (|a_ij - a_ji| > 1e-12 max|A|) or a pivot a_jj - sum l_jk^2 is
 * <= n * eps * max|A_ij| (indefinite, or singular to working precision).
 */
export function cholesky(A: Matrix): Matrix {
  const n = checkSquare("A", A);
  checkFinite("A", A.data);
  const scale = maxAbs(A);
  if (!isSymmetric(A)) {
    throw new NotPositiveDefiniteError("A", "expected a symmetric matrix", -1);
  }
  const L = matrix(n, n);
  const l = L.data;
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      let s = A.data[i * n + j];
      for (let k = 0; k < j; k++) s -= l[i * n + k] * l[j * n + k];
      if (i > j) l[i * n + j] = s / l[j * n + j];
      else if (s > n * Number.EPSILON * scale) l[i * n + i] = Math.sqrt(s);
      else {
        const msg = `expected a positive definite matrix, pivot ${s} at column ${i}`;
        throw new NotPositiveDefiniteError("A", msg, i);
      }
    }
  }
  return L;
}

/** Solve A x = b given A = L L': forward L z = b, then back L' x = z. */
export function choleskySolve(L: Matrix, b: Vec): Float64Array {
  const n = checkSquare("L", L);
  checkLength("b", b, n);
  const l = L.data;
  const x = Float64Array.from(b);
  for (let i = 0; i < n; i++) {
    for (let k = 0; k < i; k++) x[i] -= l[i * n + k] * x[k];
    x[i] /= l[i * n + i];
  }
  for (let i = n - 1; i >= 0; i--) {
    for (let k = i + 1; k < n; k++) x[i] -= l[k * n + i] * x[k];
    x[i] /= l[i * n + i];
  }
  return x;
}
