/**
 * Quadratics f(x) = 1/2 x'Ax - b'x, the model problem of the course: gradient Ax - b,
 * Hessian A, and convergence governed by the condition number kappa(A) = lambda_max/lambda_min.
 */
import { checkLength, checkNumber, checkRequiredOptions, OptkitError } from "../util/check";
import { checkMatrix, isSymmetric, matvec, matrix, type Matrix } from "../numbers/matrix";
import { dot, normInf, sub } from "../numbers/vector";
import { cholesky, choleskySolve, NotPositiveDefiniteError } from "../numbers/cholesky";
import { defineObjective, type Objective } from "./objective";

/** A quadratic objective that also exposes A and b (e.g. for the exact line search). */
export interface QuadraticObjective extends Objective {
  readonly A: Matrix;
  readonly b: Float64Array;
}

/** x* = A^-1 b by Cholesky when A is positive definite, else null. */
function minimizerOf(A: Matrix, b: Float64Array): Float64Array | null {
  try {
    return choleskySolve(cholesky(A), b);
  } catch (e) {
    if (e instanceof NotPositiveDefiniteError) return null;
    throw e;
  }
}

/**
 * f(x) = 1/2 x'Ax - b'x for symmetric A (b = 0 by default); grad = Ax - b, Hessian = A.
 * If A is positive definite the minimizer is x* = A^-1 b with f(x*) = -1/2 b'x*; otherwise
 * `minimizers` is empty and `minimum` null (unbounded below unless A is semidefinite and
 * b lies in its range, a case not resolved here).
 */
export function quadratic(opts: {
  A: Matrix;
  b?: ArrayLike<number>;
  name?: string;
}): QuadraticObjective {
  checkRequiredOptions("quadratic", opts, ["A", "b", "name"]);
  const { A } = opts;
  checkMatrix("A", A);
  const n = A.rows;
  if (A.cols !== n || !isSymmetric(A)) {
    throw new OptkitError("A", `expected a symmetric square matrix, got ${A.rows} x ${A.cols}`);
  }
  const b = opts.b === undefined ? new Float64Array(n) : Float64Array.from(opts.b);
  checkLength("b", b, n);
  const xStar = minimizerOf(A, b);
  const r = Math.max(2, 2 * (xStar ? normInf(xStar) : 0));
  const c = xStar ?? new Float64Array(n);
  const window = (i: number): [number, number] => [(c[i] ?? 0) - r, (c[i] ?? 0) + r];
  const spec = defineObjective({
    name: opts.name ?? "quadratic",
    latex: "\\tfrac12 x^\\top A x - b^\\top x",
    dim: n,
    value: (x) => 0.5 * dot(x, matvec(A, x)) - dot(b, x),
    grad: (x) => sub(matvec(A, x), b) as Float64Array,
    hessian: () => matrix(n, n, Float64Array.from(A.data)),
    minimizers: xStar ? [Array.from(xStar)] : [],
    minimum: xStar ? -0.5 * dot(b, xStar) : null,
    domain: n >= 2 ? { x: window(0), y: window(1) } : { x: window(0) },
  });
  return { ...spec, A, b };
}

/**
 * 1/2 x'Ax with A = diag(lambda_1, ..., lambda_n), lambda_i = kappa^((i-1)/(n-1)) log-spaced
 * from 1 to kappa, so kappa(A) = kappa exactly; minimum 0 at x* = 0.
 */
export function illConditionedQuadratic(kappa: number, dim = 2): QuadraticObjective {
  checkNumber("kappa", kappa, { min: 1 });
  checkNumber("dim", dim, { min: 2, integer: true });
  const A = matrix(dim, dim);
  for (let i = 0; i < dim; i++) A.data[i * dim + i] = kappa ** (i / (dim - 1));
  return quadratic({ A, name: `quadratic (κ = ${kappa})` });
}
