/** RMSProp (torch.optim.RMSprop) and the lectures' variants, in place on one parameter array. */
import { checkNumber, checkOptions, optionNames, OptkitError, type Vec } from "../../util/check";
import {
  checkBeta,
  checkNonNegative,
  checkChoice,
  checkLr,
  checkStepShapes,
  sumSquares,
} from "./checks";

/**
 * Where eps goes: `"outside"` (PyTorch) g / (sqrt(s) + eps);
 * `"inside"` g / sqrt(s + eps) (notebook 04, section 7, "Where does eps go?").
 */
export type EpsPlacement = "outside" | "inside";
export const EPS_PLACEMENTS: readonly EpsPlacement[] = ["outside", "inside"];

/**
 * What the second moment averages: `"elementwise"` (PyTorch) g_i^2 per coordinate;
 * `"norm"` (notebook 04, section 7) the squared norm ||g||^2, one scalar s shared by all coordinates.
 */
export type SecondMoment = "elementwise" | "norm";
export const SECOND_MOMENTS: readonly SecondMoment[] = ["elementwise", "norm"];

/** Hyperparameters of `rmspropStep`; omitted ones take PyTorch's defaults. */
export interface RmspropHyper {
  /** learning rate eta (PyTorch `lr`, default 1e-2 in the class) */
  eta: number;
  /** [0.99] smoothing constant of the average of squares (also written beta or gamma) */
  alpha?: number;
  /** [1e-8] */
  eps?: number;
  /** [0] L2 weight decay: the rule sees g + wd p */
  weightDecay?: number;
  /** [0] momentum mu on the normalised step (PyTorch): buf = mu buf + g / denom, buf_0 = 0 */
  mu?: number;
  /** [false] divide by the centered estimate sqrt(s - gbar^2) (elementwise only) */
  centered?: boolean;
  /** ["outside"] */
  epsPlacement?: EpsPlacement;
  /** ["elementwise"] */
  secondMoment?: SecondMoment;
}

/**
 * Inspectable RMSProp state: `squareAvg` = s (length 1 in the norm form), `gradAvg` = gbar
 * (centered only, else length 0), `buf` = momentum buffer (mu > 0 only, else length 0).
 */
export interface RmspropState {
  step: number;
  squareAvg: Float64Array;
  gradAvg: Float64Array;
  buf: Float64Array;
}

/** Fresh (all-zero) state for `n` parameters under `hyper`'s options. */
export function rmspropState(n: number, hyper: Omit<RmspropHyper, "eta"> = {}): RmspropState {
  checkNumber("n", n, { min: 0, integer: true });
  checkOptions("rmspropState", hyper, HYPER_KEYS);
  const norm = (hyper.secondMoment ?? "elementwise") === "norm";
  return {
    step: 0,
    squareAvg: new Float64Array(norm ? 1 : n),
    gradAvg: new Float64Array(hyper.centered ? n : 0),
    buf: new Float64Array((hyper.mu ?? 0) > 0 ? n : 0),
  };
}

/** The keys of `RmspropHyper`: a misspelled one is refused, not ignored. */
const HYPER_KEYS = optionNames<RmspropHyper>({
  eta: true,
  alpha: true,
  eps: true,
  weightDecay: true,
  mu: true,
  centered: true,
  epsPlacement: true,
  secondMoment: true,
});

export const RMSPROP_NAMES = {
  eta: "eta",
  alpha: "alpha",
  eps: "eps",
  weightDecay: "weightDecay",
  mu: "mu",
  centered: "centered",
  epsPlacement: "epsPlacement",
  secondMoment: "secondMoment",
};

/** Validate RMSProp hyperparameters; errors name the argument as in `names`. */
export function checkRmspropHyper(h: RmspropHyper, names = RMSPROP_NAMES): void {
  checkLr(names.eta, h.eta);
  checkBeta(names.alpha, h.alpha ?? 0.99);
  checkNonNegative(names.eps, h.eps ?? 1e-8);
  checkNonNegative(names.weightDecay, h.weightDecay ?? 0);
  checkNonNegative(names.mu, h.mu ?? 0);
  checkChoice(names.epsPlacement, h.epsPlacement ?? "outside", EPS_PLACEMENTS);
  const sm = checkChoice(names.secondMoment, h.secondMoment ?? "elementwise", SECOND_MOMENTS);
  if (h.centered && sm === "norm") {
    throw new OptkitError(
      names.centered,
      `the centered form needs the "elementwise" second moment`,
    );
  }
}

/**
 * One RMSProp step (PyTorch's order of operations):
 *   g <- g + wd p;  s <- alpha s + (1 - alpha) g^2   (norm form: s scalar, ||g||^2);
 *   centered: gbar <- alpha gbar + (1 - alpha) g, and s - gbar^2 replaces s below;
 *   denom = sqrt(s) + eps (outside) or sqrt(s + eps) (inside);
 *   mu > 0: buf <- mu buf + g / denom, p <- p - eta buf;  else p <- p - eta g / denom.
 */
export function rmspropStep(p: Vec, g: Vec, state: RmspropState, hyper: RmspropHyper): void {
  checkOptions("rmspropStep", hyper, HYPER_KEYS);
  checkRmspropHyper(hyper);
  const norm = (hyper.secondMoment ?? "elementwise") === "norm";
  const mu = hyper.mu ?? 0;
  const centered = hyper.centered ?? false;
  checkStepShapes(p, g, norm ? p.length : state.squareAvg.length);
  if (norm && state.squareAvg.length !== 1) {
    throw new OptkitError("state", `the norm form keeps one scalar s (squareAvg of length 1)`);
  }
  if (centered && state.gradAvg.length !== p.length) {
    throw new OptkitError("state", `the centered form needs gradAvg of length ${p.length}`);
  }
  if (mu > 0 && state.buf.length !== p.length) {
    throw new OptkitError("state", `momentum needs buf of length ${p.length}`);
  }
  const eta = hyper.eta;
  const alpha = hyper.alpha ?? 0.99;
  const eps = hyper.eps ?? 1e-8;
  const wd = hyper.weightDecay ?? 0;
  const inside = hyper.epsPlacement === "inside";
  const s = state.squareAvg;
  const gbar = state.gradAvg;
  const buf = state.buf;
  if (norm) s[0] = alpha * s[0] + (1 - alpha) * sumSquares(g, p, wd);
  for (let i = 0; i < p.length; i++) {
    const gi = g[i] + wd * p[i];
    let si: number;
    if (norm) {
      si = s[0];
    } else {
      s[i] = alpha * s[i] + (1 - alpha) * gi * gi;
      si = s[i];
    }
    if (centered) {
      gbar[i] = alpha * gbar[i] + (1 - alpha) * gi;
      si -= gbar[i] * gbar[i];
    }
    const denom = inside ? Math.sqrt(si + eps) : Math.sqrt(si) + eps;
    if (mu > 0) {
      buf[i] = mu * buf[i] + gi / denom;
      p[i] -= eta * buf[i];
    } else {
      p[i] -= (eta * gi) / denom;
    }
  }
  state.step++;
}
