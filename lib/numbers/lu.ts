/**
 * Solving A x = b by LU factorisation with partial pivoting: P A = L U, with L unit lower
 * triangular and U upper triangular, both stored in one matrix.
 */
import { checkFinite, checkLength, OptkitError, type Vec } from "../util/check";
import { checkSquare, maxAbs, matrix, type Matrix } from "./matrix";

/** An LU factorisation P A = L U: `lu` holds L below the diagonal and U on and above it. */
export interface LU {
  readonly lu: Matrix;
  /** Row i of P A is row `perm[i]` of A. */
  readonly perm: Int32Array;
}

/** Swap rows i and j of the n x n data array. */
function swapRows(d: Float64Array, n: number, i: number, j: number): void {
  for (let k = 0; k < n; k++) [d[i * n + k], d[j * n + k]] = [d[j * n + k], d[i * n + k]];
}

/**
 * Factor P A = L U by Gaussian elimination, choosing at step k the pivot row p with the largest
 * |a_pk| (partial pivoting), then l_ik = a_ik / a_kk and a_ij -= l_ik a_kj for i, j > k.
 * Throws when a pivot is below n * eps * max|A_ij| (singular to working precision).
 */
export function lu(A: Matrix): LU {
  const n = checkSquare("A", A);
  checkFinite("A", A.data);
  const d = Float64Array.from(A.data);
  const perm = Int32Array.from({ length: n }, (_, i) => i);
  const tol = n * Number.EPSILON * maxAbs(A);
  for (let k = 0; k < n; k++) {
    let p = k;
    for (let i = k + 1; i < n; i++) if (Math.abs(d[i * n + k]) > Math.abs(d[p * n + k])) p = i;
    if (!(Math.abs(d[p * n + k]) > tol)) {
      throw new OptkitError("A", `matrix is singular to working precision (column ${k})`);
    }
    if (p !== k) {
      swapRows(d, n, p, k);
      [perm[p], perm[k]] = [perm[k], perm[p]];
    }
    for (let i = k + 1; i < n; i++) {
      const l = (d[i * n + k] /= d[k * n + k]);
      for (let j = k + 1; j < n; j++) d[i * n + j] -= l * d[k * n + j];
    }
  }
  return { lu: matrix(n, n, d), perm };
}

/** Solve A x = b from P A = L U: forward substitution L z = P b, back substitution U x = z. */
export function luSolve(f: LU, b: Vec): Float64Array {
  const n = f.lu.rows;
  const d = f.lu.data;
  checkLength("b", b, n);
  const x = Float64Array.from(f.perm, (p) => b[p]);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < i; j++) x[i] -= d[i * n + j] * x[j];
  }
  for (let i = n - 1; i >= 0; i--) {
    for (let j = i + 1; j < n; j++) x[i] -= d[i * n + j] * x[j];
    x[i] /= d[i * n + i];
  }
  return x;
}

/** Solve the square system A x = b (LU with partial pivoting). */
export function solve(A: Matrix, b: Vec): Float64Array {
  checkLength("b", b, A.rows);
  checkFinite("b", b);
  return luSolve(lu(A), b);
}
