/**
 * Linear least squares and its regularised (ridge / Tikhonov) form, with closed-form
 * solutions for comparison. Rows of A are samples, w the parameters, y the targets.
 */
import { checkNumber, OptkitError } from "../util/check";
import { identity, type Matrix, matmul, matrix, matvec, transpose } from "../numbers/matrix";
import { axpy, dot, sub } from "../numbers/vector";
import { cholesky, choleskySolve, NotPositiveDefiniteError } from "../numbers/cholesky";
import { checkData, defineLoss, type LossWithHessian } from "./loss";

/** L(w) = 1/2 ||A w - y||^2; grad = A'(A w - y); Hessian = A'A. */
export function leastSquares(A: Matrix, y: ArrayLike<number>): LossWithHessian {
  return regularizedLeastSquares(
    A,
    y,
    0,
    null,
    "least squares",
    "\\tfrac12\\lVert Aw - y\\rVert^2",
  );
}

/**
 * Mean squared error as in PyTorch's MSELoss: L(w) = (1/N) ||A w - y||^2 (no 1/2);
 * grad = (2/N) A'(A w - y); Hessian = (2/N) A'A.
 */
export function meanSquaredError(A: Matrix, y: ArrayLike<number>): LossWithHessian {
  const ls = leastSquares(A, y);
  const c = 2 / A.rows;
  return defineLoss<LossWithHessian>({
    name: "mean squared error",
    latex: "\\tfrac1N\\lVert Aw - y\\rVert^2",
    dim: ls.dim,
    value: (w) => c * ls.value(w),
    grad: (w) => ls.grad(w).map((g) => c * g),
    hessian: (w) =>
      matrix(
        ls.dim,
        ls.dim,
        ls.hessian(w).data.map((h) => c * h),
      ),
  });
}

/**
 * Ridge / Tikhonov: L(w) = 1/2 ||A w - y||^2 + lambda/2 ||Gamma w||^2 (Gamma = I: ridge);
 * grad = A'(A w - y) + lambda Gamma'Gamma w; Hessian = A'A + lambda Gamma'Gamma.
 */
export function ridge(
  A: Matrix,
  y: ArrayLike<number>,
  lambda: number,
  Gamma?: Matrix,
): LossWithHessian {
  checkNumber("lambda", lambda, { min: 0 });
  const name = Gamma ? "Tikhonov" : "ridge";
  const latex = `\\tfrac12\\lVert Aw - y\\rVert^2 + \\tfrac{\\lambda}{2}\\lVert ${Gamma ? "\\Gamma " : ""}w\\rVert^2`;
  return regularizedLeastSquares(A, y, lambda, Gamma ?? null, name, latex);
}

/** Gamma'Gamma for a Tikhonov matrix with `cols` columns (identity when Gamma is null). */
function gramOf(Gamma: Matrix | null, cols: number): Matrix {
  if (Gamma === null) return identity(cols);
  if (Gamma.cols !== cols) {
    throw new OptkitError(
      "Gamma",
      `expected ${cols} columns (the columns of A), got ${Gamma.cols}`,
    );
  }
  return matmul(transpose(Gamma), Gamma);
}

/** The shared implementation: 1/2 ||A w - y||^2 + lambda/2 w'Gw with G = Gamma'Gamma. */
function regularizedLeastSquares(
  A: Matrix,
  y: ArrayLike<number>,
  lambda: number,
  Gamma: Matrix | null,
  name: string,
  latex: string,
): LossWithHessian {
  const { At, y: yv } = checkData(A, y);
  const G = gramOf(Gamma, A.cols);
  const H = matmul(At, A);
  axpy(lambda, G.data, H.data);
  const residual = (w: Float64Array) => sub(matvec(A, w), yv);
  return defineLoss<LossWithHessian>({
    name,
    latex,
    dim: A.cols,
    value: (w) => {
      const r = residual(w);
      return 0.5 * dot(r, r) + (lambda === 0 ? 0 : 0.5 * lambda * dot(w, matvec(G, w)));
    },
    grad: (w) => axpy(lambda, matvec(G, w), matvec(At, residual(w))) as Float64Array,
    hessian: () => matrix(H.rows, H.cols, Float64Array.from(H.data)),
  });
}

/** Solve the SPD system M w = v by Cholesky; a singular M is reported as rank-deficient A. */
function solveGram(M: Matrix, v: Float64Array): Float64Array {
  try {
    return choleskySolve(cholesky(M), v);
  } catch (e) {
    if (!(e instanceof NotPositiveDefiniteError)) throw e;
    throw new OptkitError("A", "A'A is singular: the columns of A are linearly dependent");
  }
}

/**
 * Least-squares solution from the normal equations A'A w = A'y (by Cholesky; fine for the
 * small, well-conditioned problems of the notebooks; QR is the robust choice in general).
 */
export function normalEquations(A: Matrix, y: ArrayLike<number>): Float64Array {
  const { At, y: yv } = checkData(A, y);
  return solveGram(matmul(At, A), matvec(At, yv));
}

/** Ridge / Tikhonov minimizer w = (A'A + lambda Gamma'Gamma)^-1 A'y. */
export function ridgeClosedForm(
  A: Matrix,
  y: ArrayLike<number>,
  lambda: number,
  Gamma?: Matrix,
): Float64Array {
  checkNumber("lambda", lambda, { min: 0 });
  const { At, y: yv } = checkData(A, y);
  const M = matmul(At, A);
  axpy(lambda, gramOf(Gamma ?? null, A.cols).data, M.data);
  return solveGram(M, matvec(At, yv));
}
