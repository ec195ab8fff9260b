/**
 * Notebook 04, reference solutions: momentum, RMSProp, Adam, AdamW and clipping.
 * The exercise file (`exercises/04-momentum-adam.ts`) states each task.
 */
import type {
  AdamHyper,
  AdamState,
  ClipResult,
  RmspropHyper,
  RmspropState,
  SgdHyper,
  SgdState,
  StepResult,
  MomentumAndRate,
} from "../exercises/04-momentum-adam";

export function sgdStep(
  p: Float64Array,
  g: Float64Array,
  state: SgdState,
  hyper: SgdHyper,
): StepResult<SgdState> {
  const { eta, mu = 0, dampening = 0, nesterov = false, weightDecay = 0 } = hyper;
  const t = state.step + 1;
  const next = new Float64Array(p.length);
  const buf = Float64Array.from(state.buf);
  for (let i = 0; i < p.length; i++) {
    const gi = g[i] + weightDecay * p[i];
    let direction = gi;
    if (mu !== 0) {
      buf[i] = t === 1 ? gi : mu * buf[i] + (1 - dampening) * gi;
      direction = nesterov ? gi + mu * buf[i] : buf[i];
    }
    next[i] = p[i] - eta * direction;
  }
  return { p: next, state: { step: t, buf } };
}

export function rmspropStep(
  p: Float64Array,
  g: Float64Array,
  state: RmspropState,
  hyper: RmspropHyper,
): StepResult<RmspropState> {
  const { eta, alpha = 0.99, eps = 1e-8 } = hyper;
  const next = new Float64Array(p.length);
  const squareAvg = new Float64Array(p.length);
  for (let i = 0; i < p.length; i++) {
    squareAvg[i] = alpha * state.squareAvg[i] + (1 - alpha) * g[i] * g[i];
    next[i] = p[i] - (eta * g[i]) / (Math.sqrt(squareAvg[i]) + eps);
  }
  return { p: next, state: { step: state.step + 1, squareAvg } };
}

export function adamStep(
  p: Float64Array,
  g: Float64Array,
  state: AdamState,
  hyper: AdamHyper = {},
): StepResult<AdamState> {
  const { eta = 1e-3, beta1 = 0.9, beta2 = 0.999, eps = 1e-8, weightDecay = 0 } = hyper;
  const t = state.step + 1;
  const next = new Float64Array(p.length);
  const m = new Float64Array(p.length);
  const v = new Float64Array(p.length);
  for (let i = 0; i < p.length; i++) {
    const gi = g[i] + weightDecay * p[i];
    m[i] = beta1 * state.m[i] + (1 - beta1) * gi;
    v[i] = beta2 * state.v[i] + (1 - beta2) * gi * gi;
    const mHat = m[i] / (1 - Math.pow(beta1, t));
    const vHat = v[i] / (1 - Math.pow(beta2, t));
    next[i] = p[i] - (eta * mHat) / (Math.sqrt(vHat) + eps);
  }
  return { p: next, state: { step: t, m, v } };
}

export function adamwStep(
  p: Float64Array,
  g: Float64Array,
  state: AdamState,
  hyper: AdamHyper = {},
): StepResult<AdamState> {
  const { eta = 1e-3, weightDecay = 0.01 } = hyper;
  const decayed = p.map((pi) => pi * (1 - eta * weightDecay));
  return adamStep(decayed, g, state, { ...hyper, weightDecay: 0 });
}

export function clipGradNorm(grads: readonly Float64Array[], maxNorm: number): ClipResult {
  let sumSquares = 0;
  for (const g of grads) for (const gi of g) sumSquares += gi * gi;
  const norm = Math.sqrt(sumSquares);
  const scale = Math.min(1, maxNorm / (norm + 1e-6));
  return { grads: grads.map((g) => g.map((gi) => gi * scale)), norm };
}

// The lectures' own forms, and the answers to the questions.
import type {
  BufferStep,
  HeavyBallHyper,
  MomentumQuiz,
  NormAdamState,
  NormRmspropHyper,
  NormStep,
} from "../exercises/04-momentum-adam";

export function emaMomentumStep(
  p: Float64Array,
  g: Float64Array,
  m: Float64Array,
  eta: number,
  beta: number,
): BufferStep {
  const buf = m.map((mi, i) => beta * mi + (1 - beta) * g[i]);
  return { p: p.map((pi, i) => pi - eta * buf[i]), buf };
}

export function heavyBallStep(
  p: Float64Array,
  g: Float64Array,
  v: Float64Array,
  alpha: number,
  lambda: number,
): BufferStep {
  const buf = v.map((vi, i) => lambda * vi - alpha * g[i]);
  return { p: p.map((pi, i) => pi + buf[i]), buf };
}

export function heavyBallFromEma(eta: number, beta: number): HeavyBallHyper {
  // v_t = -eta m_t = beta v_{t-1} - eta (1 - beta) g
  return { alpha: eta * (1 - beta), lambda: beta };
}

export function optimalHeavyBall(lambdaMin: number, lambdaMax: number): HeavyBallHyper {
  // both characteristic roots on the circle of radius sqrt(lambda) at both ends of the interval
  const [a, b] = [Math.sqrt(lambdaMin), Math.sqrt(lambdaMax)];
  return { alpha: 4 / (a + b) ** 2, lambda: ((b - a) / (b + a)) ** 2 };
}

export function normRmspropStep(
  p: Float64Array,
  g: Float64Array,
  s: number,
  hyper: NormRmspropHyper,
): NormStep {
  const { eta, beta, eps, epsInside = false } = hyper;
  let sq = 0;
  for (const gi of g) sq += gi * gi;
  const next = beta * s + (1 - beta) * sq;
  const denom = epsInside ? Math.sqrt(next + eps) : Math.sqrt(next) + eps;
  return { p: p.map((pi, i) => pi - (eta * g[i]) / denom), s: next };
}

export function normAdamStep(
  p: Float64Array,
  g: Float64Array,
  state: NormAdamState,
  hyper: AdamHyper = {},
): StepResult<NormAdamState> {
  const { eta = 1e-3, beta1 = 0.9, beta2 = 0.999, eps = 1e-8 } = hyper;
  const t = state.step + 1;
  let sq = 0;
  for (const gi of g) sq += gi * gi;
  const m = state.m.map((mi, i) => beta1 * mi + (1 - beta1) * g[i]);
  const v = beta2 * state.v + (1 - beta2) * sq;
  const denom = Math.sqrt(v / (1 - Math.pow(beta2, t))) + eps;
  const next = p.map((pi, i) => pi - (eta * (m[i] / (1 - Math.pow(beta1, t)))) / denom);
  return { p: next, state: { step: t, m, v } };
}

export function momentumQuiz(): MomentumQuiz {
  return {
    torchFirstStep: -0.1,
    emaFirstStep: -0.01,
    torchLimitFactor: 10,
    adamFirstStepCoordinate: 0.001,
    rmspropEps: "b",
  };
}

export function nesterovRate(alpha: number, beta: number, lambda: number): number {
  // p_{t+1} = (1 + beta) q p_t - beta q p_{t-1} with q = 1 - alpha lambda:
  // characteristic polynomial z^2 - (1 + beta) q z + beta q.
  const q = 1 - alpha * lambda;
  const trace = (1 + beta) * q;
  const det = beta * q;
  const disc = trace * trace - 4 * det;
  if (disc < 0) return Math.sqrt(det); // complex pair: |z|^2 = det
  const root = Math.sqrt(disc);
  return Math.max(Math.abs(trace + root), Math.abs(trace - root)) / 2;
}

export function nesterovTuned(lambdaMin: number, lambdaMax: number): MomentumAndRate {
  // With alpha = 1/L, q = 1 - lambda/L runs over [0, 1 - 1/kappa]. The roots are complex
  // (modulus sqrt(beta q) <= the value at the largest q) until (1 + beta)^2 q = 4 beta at
  // q = 1 - 1/kappa: a double root. With s = 1/sqrt(kappa): beta = (1 - s)/(1 + s), rate 1 - s.
  const s = Math.sqrt(lambdaMin / lambdaMax);
  return { beta: (1 - s) / (1 + s), rate: 1 - s };
}

import type { MomentumWritten } from "../exercises/04-momentum-adam";

/** The reference explanation: shown beside the answers at the grading desk and after the due date. */
export function momentumWritten(): MomentumWritten {
  return {
    whyBiasCorrection:
      "Both averages start at 0, so in the first steps they are the true averages shrunk by the " +
      "factors (1 - beta^t); dividing removes that bias, otherwise the early steps would be scaled " +
      "by (1 - beta1^t) / sqrt(1 - beta2^t), about 3.2 times too large at t = 1 with the defaults.",
  };
}
