/**
 * Notebook 03, reference solutions: Newton's method, damped Newton and BFGS.
 * The exercise file (`exercises/03-newton.ts`) states each task.
 */
import type {
  DampedNewtonOptions,
  DampedNewtonResult,
  Matrix,
  RootResult,
} from "../exercises/03-newton";

function dot(a: Float64Array, b: Float64Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] * b[i];
  return s;
}

export function newtonRoot(
  f: (x: number) => number,
  df: (x: number) => number,
  x0: number,
  tol = 1e-12,
  maxIter = 50,
): RootResult {
  let x = x0;
  for (let k = 0; ; k++) {
    const fx = f(x);
    if (Math.abs(fx) <= tol) return { x, iterations: k };
    if (k === maxIter) throw new Error(`Newton did not converge in ${maxIter} iterations`);
    const slope = df(x);
    if (slope === 0) throw new Error(`Newton hit a flat tangent (f'(x) = 0) at x = ${x}`);
    x = x - fx / slope;
  }
}

export function solveLinear(A: Matrix, b: Float64Array): Float64Array {
  const d = b.length;
  const M = A.map((row) => row.slice()); // copies: the caller's A and b stay unchanged
  const x = Float64Array.from(b);
  for (let k = 0; k < d; k++) {
    // Partial pivoting: bring the row with the largest |M[i][k]| (i >= k) to row k.
    let pivot = k;
    for (let i = k + 1; i < d; i++) if (Math.abs(M[i][k]) > Math.abs(M[pivot][k])) pivot = i;
    if (M[pivot][k] === 0) throw new Error("solveLinear: the matrix is singular");
    [M[k], M[pivot]] = [M[pivot], M[k]];
    [x[k], x[pivot]] = [x[pivot], x[k]];
    // Eliminate column k below the pivot.
    for (let i = k + 1; i < d; i++) {
      const factor = M[i][k] / M[k][k];
      for (let j = k; j < d; j++) M[i][j] -= factor * M[k][j];
      x[i] -= factor * x[k];
    }
  }
  // Back substitution on the upper-triangular system.
  for (let i = d - 1; i >= 0; i--) {
    let s = x[i];
    for (let j = i + 1; j < d; j++) s -= M[i][j] * x[j];
    x[i] = s / M[i][i];
  }
  return x;
}

export function newtonStep(p: Float64Array, g: Float64Array, H: Matrix, alpha = 1): Float64Array {
  const d = solveLinear(H, g);
  return p.map((pi, i) => pi - alpha * d[i]);
}

export function dampedNewton(
  J: (p: Float64Array) => number,
  grad: (p: Float64Array) => Float64Array,
  hess: (p: Float64Array) => Matrix,
  p0: Float64Array,
  options: DampedNewtonOptions = {},
): DampedNewtonResult {
  const { tol = 1e-10, maxIter = 100, c = 1e-4, shrink = 0.5 } = options;
  let p = Float64Array.from(p0);
  for (let k = 0; k < maxIter; k++) {
    const g = grad(p);
    if (Math.sqrt(dot(g, g)) <= tol) return { p, iterations: k };
    // Newton direction, or steepest descent when the Newton direction is unusable.
    let d: Float64Array;
    try {
      d = solveLinear(hess(p), g);
    } catch {
      d = g;
    }
    if (dot(g, d) <= 0) d = g;
    // Backtracking (Armijo) along -d.
    const Jp = J(p);
    const slope = dot(g, d);
    let alpha = 1;
    const trial = (a: number) => p.map((pi, i) => pi - a * d[i]);
    while (J(trial(alpha)) > Jp - c * alpha * slope && alpha > 1e-12) alpha *= shrink;
    p = trial(alpha);
  }
  return { p, iterations: maxIter };
}

export function bfgsUpdate(H: Matrix, s: Float64Array, y: Float64Array): Matrix {
  const d = s.length;
  const ys = dot(y, s);
  if (ys <= 0) return H.map((row) => row.slice());
  const rho = 1 / ys;
  // Expanded form of (I - rho s y') H (I - rho y s') + rho s s', with Hy = H y and yHy = y'Hy:
  // H+ = H - rho (Hy s' + s Hy') + (rho^2 yHy + rho) s s'   (H symmetric).
  const Hy = new Float64Array(d);
  for (let i = 0; i < d; i++) {
    for (let j = 0; j < d; j++) Hy[i] += H[i][j] * y[j];
  }
  const yHy = dot(y, Hy);
  const next: Matrix = [];
  for (let i = 0; i < d; i++) {
    next.push([]);
    for (let j = 0; j < d; j++) {
      next[i].push(
        H[i][j] - rho * (Hy[i] * s[j] + s[i] * Hy[j]) + (rho * rho * yHy + rho) * s[i] * s[j],
      );
    }
  }
  return next;
}

// A derived iteration, and the answers to the questions.
import type { NewtonQuiz } from "../exercises/03-newton";

export function newtonSqrt(a: number, x0: number, k: number): Float64Array {
  // f(x) = x^2 - a, f'(x) = 2x: x - (x^2 - a) / (2x) = (x + a / x) / 2
  const xs = new Float64Array(k + 1);
  xs[0] = x0;
  for (let i = 0; i < k; i++) xs[i + 1] = (xs[i] + a / xs[i]) / 2;
  return xs;
}

export function newtonQuiz(): NewtonQuiz {
  return { quadraticSteps: 1, solveCost: "c", digitsFactor: 2, scaledObjective: "a" };
}

export function newtonReciprocal(a: number, x0: number, k: number): Float64Array {
  // f(x) = 1/x - a, f'(x) = -1/x^2: x - f/f' = x + x^2 (1/x - a) = x (2 - a x).
  const xs = new Float64Array(k + 1);
  xs[0] = x0;
  for (let i = 0; i < k; i++) xs[i + 1] = xs[i] * (2 - a * xs[i]);
  return xs;
}

export function newtonPowerFactor(q: number): number {
  // f(x) / f'(x) = sign(x) |x|^q / (q |x|^(q-1)) = x / q, so x_{k+1} = (1 - 1/q) x_k.
  return 1 - 1 / q;
}

import type { NewtonWritten } from "../exercises/03-newton";

/** The reference explanation: shown beside the answers at the grading desk and after the due date. */
export function newtonWritten(): NewtonWritten {
  return {
    whyDampNewton:
      "The step minimizes the local quadratic model, which is only accurate near the point (and may " +
      "not even be convex there), so the full step can overshoot or go uphill; backtracking " +
      "shortens it until f decreases enough, keeping the fast local convergence once the full step " +
      "is accepted.",
  };
}
