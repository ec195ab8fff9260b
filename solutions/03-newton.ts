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

// The design task: a trust-region Newton method.
import type { NewtonObjective, SafeguardedNewtonResult } from "../exercises/03-newton";

/** Eigenvalues and eigenvectors (as columns of V) of a symmetric matrix, by Jacobi rotations. */
function symmetricEigen(H: Matrix): { values: number[]; V: number[][] } {
  const d = H.length;
  const A = H.map((row) => row.slice());
  const V = A.map((_, i) => A.map((__, j): number => (i === j ? 1 : 0)));
  for (let sweep = 0; sweep < 50; sweep++) {
    let off = 0;
    for (let i = 0; i < d; i++) for (let j = i + 1; j < d; j++) off += A[i][j] ** 2;
    if (off < 1e-30) break;
    for (let i = 0; i < d; i++) {
      for (let j = i + 1; j < d; j++) {
        if (A[i][j] === 0) continue;
        const theta = (A[j][j] - A[i][i]) / (2 * A[i][j]);
        const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const [c, s] = [1 / Math.sqrt(t * t + 1), t / Math.sqrt(t * t + 1)];
        for (let k = 0; k < d; k++) {
          const [aki, akj] = [A[k][i], A[k][j]];
          [A[k][i], A[k][j]] = [c * aki - s * akj, s * aki + c * akj];
        }
        for (let k = 0; k < d; k++) {
          const [aik, ajk] = [A[i][k], A[j][k]];
          [A[i][k], A[j][k]] = [c * aik - s * ajk, s * aik + c * ajk];
          const [vki, vkj] = [V[k][i], V[k][j]];
          [V[k][i], V[k][j]] = [c * vki - s * vkj, s * vki + c * vkj];
        }
      }
    }
  }
  return { values: A.map((row, i) => row[i]), V };
}

/**
 * The step d minimising the model g'd + d'Hd/2 over ||d|| <= radius, in H's eigenbasis: the
 * Newton step if H is positive definite and the step fits, else (H + mu I)^-1 g with mu found
 * by bisection; along the most negative curvature when g has no component to follow.
 */
function trustRegionStep(g: Float64Array, H: Matrix, radius: number): Float64Array {
  const { values, V } = symmetricEigen(H);
  const d = g.length;
  const coef = values.map((_, i) => V.reduce((s, row, k) => s + row[i] * g[k], 0));
  const stepFor = (mu: number) => coef.map((c, i) => -c / (values[i] + mu));
  const norm = (v: number[]) => Math.sqrt(v.reduce((s, x) => s + x * x, 0));
  const lowest = Math.min(...values);
  let lo = Math.max(0, -lowest) * (1 + 1e-12) + 1e-14 * Math.abs(lowest);
  let step = stepFor(lo);
  if (lowest <= 0 || norm(step) > radius) {
    if (!(norm(step) > radius)) {
      // The hard case (at a saddle, g = 0): move the full radius along negative curvature.
      const i = values.indexOf(lowest);
      const sign = coef[i] > 0 ? -1 : 1;
      step = step.map((_, k) => (k === i ? sign * radius : 0));
    } else {
      let hi = lo + norm(coef) / radius + 1;
      for (let it = 0; it < 100; it++) {
        const mid = (lo + hi) / 2;
        if (norm(stepFor(mid)) > radius) lo = mid;
        else hi = mid;
      }
      step = stepFor(hi);
    }
  }
  return Float64Array.from({ length: d }, (_, k) => V[k].reduce((s, v, i) => s + v * step[i], 0));
}

export function safeguardedNewton(
  f: NewtonObjective,
  x0: Float64Array,
  budget: number,
): SafeguardedNewtonResult {
  let evaluations = 0;
  const count = <T>(value: T) => (evaluations++, value);
  let x = Float64Array.from(x0);
  let fx = count(f.value(x));
  let g = count(f.grad(x));
  let H = count(f.hessian(x));
  let radius = 1;
  while (evaluations + 3 <= budget) {
    const gNorm = Math.sqrt(dot(g, g));
    if (gNorm <= 1e-8 && Math.min(...symmetricEigen(H).values) > 0) break;
    const step = trustRegionStep(g, H, radius);
    const Hs = H.map((row) => row.reduce((s, h, j) => s + h * step[j], 0));
    const predicted = -(dot(g, step) + 0.5 * step.reduce((s, v, i) => s + v * Hs[i], 0));
    const trial = x.map((xi, i) => xi + step[i]);
    const fTrial = count(f.value(trial));
    const stepNorm = Math.sqrt(dot(step, step));
    // Near a minimiser the predicted decrease sinks below the rounding of f: then the model is
    // trusted as long as f does not visibly rise.
    const noise = 1e-13 * (1 + Math.abs(fx));
    const accepted =
      predicted <= noise ? fTrial <= fx + noise : fTrial < fx && fx - fTrial >= 0.1 * predicted;
    if (accepted) {
      if (fx - fTrial >= 0.75 * predicted && stepNorm >= 0.99 * radius) radius *= 2;
      [x, fx] = [trial, fTrial];
      g = count(f.grad(x));
      H = count(f.hessian(x));
    } else {
      radius = stepNorm / 4;
    }
  }
  return { x, evaluations };
}
