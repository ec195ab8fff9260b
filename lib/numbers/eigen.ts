/**
 * Spectra of symmetric matrices through mathjs (loaded on first use), for conditioning in
 * notebooks (not hot loops).
 */
import { OptkitError } from "../util/check";
import { mathjs } from "../util/mathjs";
import { checkSquare, isSymmetric, toRows, type Matrix } from "./matrix";

/** Eigenvalues lambda_1 <= ... <= lambda_n of a symmetric matrix A (A v = lambda v). */
export function eigenvaluesSymmetric(A: Matrix): Float64Array {
  const n = checkSquare("A", A);
  // NaN would pass the symmetry test and come back as an eigenvalue (or vanish)
  const bad = A.data.findIndex((v) => !Number.isFinite(v));
  if (bad >= 0) {
    const at = `(${Math.floor(bad / n)}, ${bad % n})`;
    throw new OptkitError("A", `expected finite entries, got ${A.data[bad]} at ${at}`);
  }
  if (!isSymmetric(A)) throw new OptkitError("A", "expected a symmetric matrix");
  if (n === 0) return new Float64Array(0);
  const { values } = mathjs().eigs(toRows(A), { eigenvectors: false });
  return Float64Array.from(values as number[]).sort();
}

/**
 * Spectral condition number of a symmetric matrix, kappa(A) = max|lambda_i| / min|lambda_i|
 * (lambda_max / lambda_min for positive definite A); Infinity when A is singular.
 */
export function conditionNumber(A: Matrix): number {
  const abs = eigenvaluesSymmetric(A).map(Math.abs);
  const lo = Math.min(...abs);
  return lo === 0 ? Infinity : Math.max(...abs) / lo;
}
