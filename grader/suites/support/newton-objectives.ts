/**
 * Objectives for the grading of notebook 03 (Newton's method): test functions with their
 * gradients and Hessians in closed form, shared by the public suite's cases.
 */
import type { Matrix } from "../../../exercises/03-newton";
import type { CaseRng } from "../../harness";

/** A random well-conditioned symmetric positive definite matrix M M' / d + I. */
export function spd(r: CaseRng, d: number): Matrix {
  const M = Array.from({ length: d }, () => r.vector(d));
  return M.map((_, i) =>
    M.map((__, j) => M[i].reduce((s, v, k) => s + v * M[j][k], 0) / d + (i === j ? 1 : 0)),
  );
}

export const matVec = (A: Matrix, x: ArrayLike<number>) =>
  Float64Array.from(A, (row) => row.reduce((s, a, j) => s + a * x[j], 0));

/** Rosenbrock's function, its gradient and Hessian. */
export const rosen = (p: Float64Array) => (1 - p[0]) ** 2 + 100 * (p[1] - p[0] ** 2) ** 2;
export const rosenGrad = (p: Float64Array) =>
  Float64Array.of(-2 * (1 - p[0]) - 400 * p[0] * (p[1] - p[0] ** 2), 200 * (p[1] - p[0] ** 2));
export const rosenHess = (p: Float64Array): Matrix => [
  [2 - 400 * (p[1] - 3 * p[0] ** 2), -400 * p[0]],
  [-400 * p[0], 200],
];

// sum_i sqrt(1 + q_i^2) with q = M p: from |q| > 1 the full Newton step overshoots (in 1-D it
// maps x to -x^3), so only the line search makes it converge.
export const hyperbolic = (M: Matrix) => {
  const q = (p: Float64Array) => matVec(M, p);
  const J = (p: Float64Array) => q(p).reduce((s, v) => s + Math.sqrt(1 + v * v), 0);
  const grad = (p: Float64Array) => {
    const u = q(p).map((v) => v / Math.sqrt(1 + v * v));
    return Float64Array.from(p, (_, j) => M.reduce((s, row, i) => s + row[j] * u[i], 0));
  };
  const hess = (p: Float64Array): Matrix => {
    const w = q(p).map((v) => (1 + v * v) ** -1.5);
    return Array.from(p, (_, j) =>
      Array.from(p, (__, k) => M.reduce((s, row, i) => s + row[j] * w[i] * row[k], 0)),
    );
  };
  return { J, grad, hess };
};

/** (x^2 - y^2) / 2: a saddle, its Hessian diag(1, -1) indefinite everywhere. */
export const saddle = {
  J: (p: Float64Array) => (p[0] ** 2 - p[1] ** 2) / 2,
  grad: (p: Float64Array) => Float64Array.of(p[0], -p[1]),
  hess: (): Matrix => [
    [1, 0],
    [0, -1],
  ],
};

/** x^2 / 2 + y^4 / 4: its Hessian diag(1, 3 y^2) is singular on the x axis. */
export const quartic = {
  J: (p: Float64Array) => p[0] ** 2 / 2 + p[1] ** 4 / 4,
  grad: (p: Float64Array) => Float64Array.of(p[0], p[1] ** 3),
  hess: (p: Float64Array): Matrix => [
    [1, 0],
    [0, 3 * p[1] ** 2],
  ],
};
