/**
 * Dense row-major matrices: entry (i, j) of A is `A.data[i * A.cols + j]`.
 */
import { checkLength, describe, OptkitError, type Vec } from "../util/check";

/** A dense `rows` x `cols` matrix stored row by row in `data`. */
export interface Matrix {
  readonly rows: number;
  readonly cols: number;
  readonly data: Float64Array;
}

/** The most entries a Float64Array can hold (2^32 - 1 in Node's V8 on 64-bit machines). */
const MAX_ENTRIES = 2 ** 32 - 1;

/** `A` must be a matrix: integer rows and cols, and `data` a Float64Array of rows * cols. */
export function checkMatrix(arg: string, A: Matrix): void {
  const ok =
    typeof A === "object" &&
    A !== null &&
    Number.isInteger(A.rows) &&
    Number.isInteger(A.cols) &&
    A.data instanceof Float64Array &&
    A.data.length === A.rows * A.cols;
  if (!ok) {
    throw new OptkitError(
      arg,
      `expected a matrix {rows, cols, data: Float64Array} (made by matrix(), fromRows() or identity()), got ${describe(A)}`,
    );
  }
}

function checkDim(arg: string, n: number): void {
  if (!Number.isInteger(n) || n < 0) {
    throw new OptkitError(arg, `expected an integer >= 0, got ${n}`);
  }
}

/** A `rows` x `cols` matrix; `data` (row-major, length rows*cols) is used as is, zeros if absent. */
export function matrix(rows: number, cols: number, data?: Float64Array | number[]): Matrix {
  checkDim("rows", rows);
  checkDim("cols", cols);
  if (rows * cols > MAX_ENTRIES) {
    throw new OptkitError(
      "rows",
      `expected at most ${MAX_ENTRIES} entries (rows x cols) in a matrix, got ${rows} x ${cols}`,
    );
  }
  const d = data === undefined ? new Float64Array(rows * cols) : data;
  checkLength("data", d, rows * cols);
  return { rows, cols, data: d instanceof Float64Array ? d : Float64Array.from(d) };
}

/** The matrix whose i-th row is `rows[i]`; all rows must have the same length. */
export function fromRows(rows: number[][]): Matrix {
  if (!Array.isArray(rows)) {
    throw new OptkitError(
      "rows",
      `expected an array of rows (arrays of numbers), got ${describe(rows)}`,
    );
  }
  const m = rows.length;
  const n = m === 0 ? 0 : (rows[0]?.length ?? 0);
  const A = matrix(m, n);
  rows.forEach((r, i) => {
    checkLength(`rows[${i}]`, r, n);
    for (let j = 0; j < n; j++) {
      if (typeof r[j] !== "number") {
        throw new OptkitError(`rows[${i}][${j}]`, `expected a number, got ${describe(r[j])}`);
      }
    }
    A.data.set(r, i * n);
  });
  return A;
}

/** The rows of A as plain arrays (for display). */
export function toRows(A: Matrix): number[][] {
  checkMatrix("A", A);
  return Array.from({ length: A.rows }, (_, i) =>
    Array.from(A.data.subarray(i * A.cols, (i + 1) * A.cols)),
  );
}

/** The n x n identity I, I_ij = 1 if i = j else 0. */
export function identity(n: number): Matrix {
  const I = matrix(n, n);
  for (let i = 0; i < n; i++) I.data[i * n + i] = 1;
  return I;
}

/** Matrix-vector product (Ax)_i = sum_j A_ij x_j. */
export function matvec(A: Matrix, x: Vec): Float64Array {
  checkMatrix("A", A);
  checkLength("x", x, A.cols);
  const y = new Float64Array(A.rows);
  for (let i = 0; i < A.rows; i++) {
    let s = 0;
    for (let j = 0; j < A.cols; j++) s += A.data[i * A.cols + j] * x[j];
    y[i] = s;
  }
  return y;
}

/** Matrix product (AB)_ij = sum_k A_ik B_kj (i-k-j loop order for row-major access). */
export function matmul(A: Matrix, B: Matrix): Matrix {
  checkMatrix("A", A);
  checkMatrix("B", B);
  if (B.rows !== A.cols) {
    throw new OptkitError("B", `expected ${A.cols} rows (the columns of A), got ${B.rows}`);
  }
  const C = matrix(A.rows, B.cols);
  for (let i = 0; i < A.rows; i++) {
    for (let k = 0; k < A.cols; k++) {
      const a = A.data[i * A.cols + k];
      for (let j = 0; j < B.cols; j++) C.data[i * B.cols + j] += a * B.data[k * B.cols + j];
    }
  }
  return C;
}

/** Transpose (A')_ij = A_ji. */
export function transpose(A: Matrix): Matrix {
  checkMatrix("A", A);
  const T = matrix(A.cols, A.rows);
  for (let i = 0; i < A.rows; i++) {
    for (let j = 0; j < A.cols; j++) T.data[j * A.rows + i] = A.data[i * A.cols + j];
  }
  return T;
}

/** Throws unless A is square; returns its size n. */
export function checkSquare(arg: string, A: Matrix): number {
  checkMatrix(arg, A);
  if (A.rows !== A.cols) {
    throw new OptkitError(arg, `expected a square matrix, got ${A.rows} x ${A.cols}`);
  }
  return A.rows;
}

/** Largest absolute entry max_ij |A_ij| (a cheap scale for tolerances). */
export function maxAbs(A: Matrix): number {
  checkMatrix("A", A);
  let m = 0;
  for (let i = 0; i < A.data.length; i++) m = Math.max(m, Math.abs(A.data[i]));
  return m;
}

/**
 * True when |a_ij - a_ji| <= rtol * max|A| for all i, j (A must be square); false when an
 * off-diagonal pair holds NaN, which equals nothing.
 */
export function isSymmetric(A: Matrix, rtol = 1e-12): boolean {
  const n = checkSquare("A", A);
  if (!(rtol >= 0 && rtol < Infinity)) {
    throw new OptkitError("rtol", `expected a finite number >= 0, got ${describe(rtol)}`);
  }
  const tol = rtol * maxAbs(A);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < i; j++) {
      if (!(Math.abs(A.data[i * n + j] - A.data[j * n + i]) <= tol)) return false;
    }
  }
  return true;
}
