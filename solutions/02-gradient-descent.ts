/**
 * Notebook 02, reference solutions: gradient descent, line search and schedules.
 * The exercise file (`exercises/02-gradient-descent.ts`) states each task.
 */
import type { ArmijoOptions, GradientFn, ObjectiveFn } from "../exercises/02-gradient-descent";

function dot(a: Float64Array, b: Float64Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] * b[i];
  return s;
}

export function gdStep(p: Float64Array, g: Float64Array, eta: number): Float64Array {
  const next = new Float64Array(p.length);
  for (let i = 0; i < p.length; i++) next[i] = p[i] - eta * g[i];
  return next;
}

export function gradientDescent(
  grad: GradientFn,
  p0: Float64Array,
  eta: number,
  steps: number,
): Float64Array[] {
  const trajectory: Float64Array[] = [Float64Array.from(p0)];
  for (let t = 0; t < steps; t++) {
    const p = trajectory[t];
    const next = gdStep(p, grad(p), eta);
    if (!next.every(Number.isFinite)) {
      throw new Error(`gradient descent diverged at step ${t + 1} with learning rate ${eta}`);
    }
    trajectory.push(next);
  }
  return trajectory;
}

export function backtrackingLineSearch(
  J: ObjectiveFn,
  p: Float64Array,
  g: Float64Array,
  options: ArmijoOptions = {},
): number {
  const { alpha0 = 1, c = 1e-4, shrink = 0.5, maxTries = 50 } = options;
  const J0 = J(p);
  const gg = dot(g, g);
  let alpha = alpha0;
  for (let k = 0; k < maxTries; k++) {
    if (J(gdStep(p, g, alpha)) <= J0 - c * alpha * gg) return alpha;
    alpha *= shrink;
  }
  return 0;
}

export function exactQuadraticStep(
  A: number[][],
  b: Float64Array,
  p: Float64Array,
  dir?: Float64Array,
): number {
  const n = p.length;
  const g = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let Ap = 0;
    for (let j = 0; j < n; j++) Ap += A[i][j] * p[j];
    g[i] = Ap - b[i];
  }
  const d = dir ?? g.map((v) => -v);
  // J(p + alpha d) = J(p) + alpha g'd + alpha^2 / 2 d'Ad: its minimiser is -g'd / d'Ad.
  const gd = dot(g, d);
  if (gd === 0) return 0;
  let dAd = 0;
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) dAd += d[i] * A[i][j] * d[j];
  }
  return -gd / dAd;
}

export function stepDecay(t: number, eta0: number, s: number, gamma: number): number {
  return eta0 * Math.pow(gamma, Math.floor(t / s));
}

export function cosineAnnealing(t: number, etaMax: number, T: number, etaMin = 0): number {
  if (t > T) return etaMin;
  return etaMin + 0.5 * (etaMax - etaMin) * (1 + Math.cos((Math.PI * t) / T));
}

// The lectures' schedules, a derived step size, and the answers to the questions.
import type { GradientDescentQuiz, StepAndRate } from "../exercises/02-gradient-descent";

export function linearDecay(t: number, alpha0: number, alphaRho: number, rho: number): number {
  const f = Math.min(t, rho) / rho;
  return (1 - f) * alpha0 + f * alphaRho;
}

export function inverseTimeRecursion(alpha0: number, rho: number, T: number): Float64Array {
  const out = new Float64Array(T + 1);
  out[0] = alpha0;
  for (let t = 0; t < T; t++) out[t + 1] = out[t] / (1 + rho * t);
  return out;
}

export function optimalFixedStep(lambdaMin: number, lambdaMax: number): StepAndRate {
  // |1 - eta lambda| is largest at an end of the interval; balance 1 - eta lmin = eta lmax - 1
  const eta = 2 / (lambdaMin + lambdaMax);
  return { eta, rate: (lambdaMax - lambdaMin) / (lambdaMax + lambdaMin) };
}

export function gradientDescentQuiz(): GradientDescentQuiz {
  return { kappa: 25, divergentRates: "de", exactStep: 101 / 1001, plConstant: 2 };
}

export function stepsToReach(lambdaMin: number, lambdaMax: number, eps: number): number {
  if (eps >= 1) return 0;
  // The best constant rate is (kappa - 1) / (kappa + 1), i.e. (L - mu) / (L + mu).
  const rate = (lambdaMax - lambdaMin) / (lambdaMax + lambdaMin);
  if (rate === 0) return 1;
  // rate^t <= eps  <=>  t >= ln eps / ln rate (both logarithms negative).
  const t = Math.ceil(Math.log(eps) / Math.log(rate) - 1e-9);
  return Math.max(t, 0);
}

export function cosineTotal(etaMax: number, T: number, etaMin = 0): number {
  // sum_{t<T} cos(pi t / T) = 1, so S = T etaMin + (etaMax - etaMin) (T + 1) / 2.
  return T * etaMin + ((etaMax - etaMin) * (T + 1)) / 2;
}

import type { GradientDescentWritten } from "../exercises/02-gradient-descent";

/** The reference explanation: shown beside the answers at the grading desk and after the due date. */
export function gradientDescentWritten(): GradientDescentWritten {
  return {
    whyDivergesAboveTwoOverL:
      "Along the eigenvector of L each step multiplies the coordinate by (1 - eta L); for eta > 2 / " +
      "L that factor is below -1, so the coordinate flips sign and grows geometrically.",
  };
}
