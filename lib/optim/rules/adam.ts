/** Adam and AdamW (torch.optim.Adam / AdamW) and the lectures' variants, in place. */
import { checkNumber, checkOptions, optionNames, OptkitError, type Vec } from "../../util/check";
import {
  checkBeta,
  checkNonNegative,
  checkChoice,
  checkLr,
  checkStepShapes,
  sumSquares,
} from "./checks";
import { SECOND_MOMENTS, type SecondMoment } from "./rmsprop";

/** Hyperparameters of `adamStep` / `adamwStep`; omitted ones take PyTorch's defaults. */
export interface AdamHyper {
  /** learning rate eta (PyTorch `lr`, default 1e-3 in the class) */
  eta: number;
  /** [0.9] PyTorch `betas[0]` */
  beta1?: number;
  /** [0.999] PyTorch `betas[1]` */
  beta2?: number;
  /** [1e-8] added to sqrt(v^) */
  eps?: number;
  /** [0] weight decay: L2 (g + wd p) for Adam; decoupled (p <- p (1 - eta wd)) for AdamW */
  weightDecay?: number;
  /** [false] divide by the running maximum of v (AMSGrad) */
  amsgrad?: boolean;
  /** [true] divide m and v by 1 - beta^t (false: use m and v as they are) */
  biasCorrection?: boolean;
  /** ["elementwise"] `"norm"`: v averages ||g||^2, one scalar for all coordinates (notebook 04, section 7) */
  secondMoment?: SecondMoment;
}

/**
 * Inspectable Adam state: `step` = t, `m` = first moment, `v` = second moment (length 1 in the
 * norm form), `vMax` = running max of v (AMSGrad only).
 */
export interface AdamState {
  step: number;
  m: Float64Array;
  v: Float64Array;
  vMax?: Float64Array;
}

/** Fresh (all-zero) state for `n` parameters under `hyper`'s options. */
export function adamState(n: number, hyper: Omit<AdamHyper, "eta"> = {}): AdamState {
  checkNumber("n", n, { min: 0, integer: true });
  checkOptions("adamState", hyper, HYPER_KEYS);
  const nv = (hyper.secondMoment ?? "elementwise") === "norm" ? 1 : n;
  const state: AdamState = { step: 0, m: new Float64Array(n), v: new Float64Array(nv) };
  if (hyper.amsgrad) state.vMax = new Float64Array(nv);
  return state;
}

/** The keys of `AdamHyper`: a misspelled one is refused, not ignored. */
const HYPER_KEYS = optionNames<AdamHyper>({
  eta: true,
  beta1: true,
  beta2: true,
  eps: true,
  weightDecay: true,
  amsgrad: true,
  biasCorrection: true,
  secondMoment: true,
});

export const ADAM_NAMES = {
  eta: "eta",
  beta1: "beta1",
  beta2: "beta2",
  eps: "eps",
  weightDecay: "weightDecay",
  secondMoment: "secondMoment",
};

/** Validate Adam hyperparameters; errors name the argument as in `names`. */
export function checkAdamHyper(h: AdamHyper, names = ADAM_NAMES): void {
  checkLr(names.eta, h.eta);
  checkBeta(names.beta1, h.beta1 ?? 0.9);
  checkBeta(names.beta2, h.beta2 ?? 0.999);
  checkNonNegative(names.eps, h.eps ?? 1e-8);
  checkNonNegative(names.weightDecay, h.weightDecay ?? 0);
  checkChoice(names.secondMoment, h.secondMoment ?? "elementwise", SECOND_MOMENTS);
}

/**
 * One Adam step at t = state.step + 1 (PyTorch's order of operations):
 *   g <- g + wd p  (L2);  m <- beta1 m + (1 - beta1) g;  v <- beta2 v + (1 - beta2) g^2
 *   (norm form: v scalar, ||g||^2);  amsgrad: vMax <- max(vMax, v) replaces v below;
 *   p <- p - (eta / (1 - beta1^t)) m / (sqrt(v) / sqrt(1 - beta2^t) + eps),
 * i.e. p <- p - eta m^ / (sqrt(v^) + eps) with m^ = m / (1 - beta1^t), v^ = v / (1 - beta2^t).
 * Without bias correction the two factors are 1.
 */
export function adamStep(p: Vec, g: Vec, state: AdamState, hyper: AdamHyper): void {
  checkOptions("adamStep", hyper, HYPER_KEYS);
  adamUpdate(p, g, state, hyper, false);
}

/**
 * One AdamW step: first the decoupled decay p <- p (1 - eta wd), then the Adam step above with
 * g unchanged (no L2 term). Note `adamwStep` reads `weightDecay` as given; the `AdamW` class
 * defaults it to 0.01.
 */
export function adamwStep(p: Vec, g: Vec, state: AdamState, hyper: AdamHyper): void {
  checkOptions("adamwStep", hyper, HYPER_KEYS);
  adamUpdate(p, g, state, hyper, true);
}

function adamUpdate(p: Vec, g: Vec, state: AdamState, h: AdamHyper, decoupled: boolean): void {
  checkAdamHyper(h);
  const norm = (h.secondMoment ?? "elementwise") === "norm";
  checkStepShapes(p, g, state.m.length);
  if (state.v.length !== (norm ? 1 : p.length)) {
    throw new OptkitError(
      "state",
      `expected v of length ${norm ? 1 : p.length}, got ${state.v.length}`,
    );
  }
  const amsgrad = h.amsgrad ?? false;
  const vMax = state.vMax;
  if (amsgrad && (vMax === undefined || vMax.length !== state.v.length)) {
    throw new OptkitError("state", `amsgrad needs vMax of length ${state.v.length}`);
  }
  const beta1 = h.beta1 ?? 0.9;
  const beta2 = h.beta2 ?? 0.999;
  const eps = h.eps ?? 1e-8;
  const wd = h.weightDecay ?? 0;
  const t = ++state.step;
  const correct = h.biasCorrection ?? true;
  const bc1 = correct ? 1 - beta1 ** t : 1;
  const bc2Sqrt = correct ? Math.sqrt(1 - beta2 ** t) : 1;
  const stepSize = h.eta / bc1;
  const l2 = decoupled ? 0 : wd;
  if (decoupled && wd !== 0) {
    const shrink = 1 - h.eta * wd;
    for (let i = 0; i < p.length; i++) p[i] *= shrink;
  }
  const m = state.m;
  const v = state.v;
  if (norm) {
    v[0] = beta2 * v[0] + (1 - beta2) * sumSquares(g, p, l2);
    if (amsgrad && vMax) vMax[0] = Math.max(vMax[0], v[0]);
  }
  const a1 = 1 - beta1;
  const a2 = 1 - beta2;
  if (!norm && !amsgrad && l2 === 0) {
    // The common case (PyTorch's defaults, AdamW) without per-entry branches: the same formulas.
    for (let i = 0; i < p.length; i++) {
      const gi = g[i];
      const mi = (m[i] = beta1 * m[i] + a1 * gi);
      const vi = (v[i] = beta2 * v[i] + a2 * gi * gi);
      p[i] -= (stepSize * mi) / (Math.sqrt(vi) / bc2Sqrt + eps);
    }
    return;
  }
  for (let i = 0; i < p.length; i++) {
    const gi = g[i] + l2 * p[i];
    m[i] = beta1 * m[i] + a1 * gi;
    let vi: number;
    if (norm) {
      vi = amsgrad && vMax ? vMax[0] : v[0];
    } else {
      v[i] = beta2 * v[i] + a2 * gi * gi;
      vi = v[i];
      if (amsgrad && vMax) vi = vMax[i] = Math.max(vMax[i], vi);
    }
    p[i] -= (stepSize * m[i]) / (Math.sqrt(vi) / bc2Sqrt + eps);
  }
}
