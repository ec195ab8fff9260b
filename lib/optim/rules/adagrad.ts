/** AdaGrad (torch.optim.Adagrad), in place on one parameter array. */
import { checkNumber, checkOptions, optionNames, type Vec } from "../../util/check";
import { checkLr, checkNonNegative, checkStepShapes } from "./checks";

/** Hyperparameters of `adagradStep`; omitted ones take PyTorch's defaults. */
export interface AdagradHyper {
  /** learning rate eta (PyTorch `lr`, default 1e-2 in the class) */
  eta: number;
  /** [0] eta_t = eta / (1 + (t - 1) lrDecay) */
  lrDecay?: number;
  /** [0] L2 weight decay: the rule sees g + wd p */
  weightDecay?: number;
  /** [1e-10] added to sqrt(s) */
  eps?: number;
}

/** Inspectable AdaGrad state: `step` = updates done, `sum` = running sum of squares s. */
export interface AdagradState {
  step: number;
  sum: Float64Array;
}

/** Fresh state for `n` parameters; s starts at `initialAccumulatorValue` [0]. */
export function adagradState(n: number, initialAccumulatorValue = 0): AdagradState {
  checkNumber("n", n, { min: 0, integer: true });
  checkNumber("initialAccumulatorValue", initialAccumulatorValue, { min: 0 });
  return { step: 0, sum: new Float64Array(n).fill(initialAccumulatorValue) };
}

/** The keys of `AdagradHyper`: a misspelled one is refused, not ignored. */
const HYPER_KEYS = optionNames<AdagradHyper>({
  eta: true,
  lrDecay: true,
  weightDecay: true,
  eps: true,
});

export const ADAGRAD_NAMES = {
  eta: "eta",
  lrDecay: "lrDecay",
  weightDecay: "weightDecay",
  eps: "eps",
};

/** Validate AdaGrad hyperparameters; errors name the argument as in `names`. */
export function checkAdagradHyper(h: AdagradHyper, names = ADAGRAD_NAMES): void {
  checkLr(names.eta, h.eta);
  checkNonNegative(names.lrDecay, h.lrDecay ?? 0);
  checkNonNegative(names.weightDecay, h.weightDecay ?? 0);
  checkNonNegative(names.eps, h.eps ?? 1e-10);
}

/**
 * One AdaGrad step at t = state.step + 1 (PyTorch's order of operations):
 *   g <- g + wd p;  eta_t = eta / (1 + (t - 1) lrDecay);  s <- s + g^2;
 *   p <- p - eta_t g / (sqrt(s) + eps).
 */
export function adagradStep(p: Vec, g: Vec, state: AdagradState, hyper: AdagradHyper): void {
  checkOptions("adagradStep", hyper, HYPER_KEYS);
  checkAdagradHyper(hyper);
  checkStepShapes(p, g, state.sum.length);
  const wd = hyper.weightDecay ?? 0;
  const eps = hyper.eps ?? 1e-10;
  const t = ++state.step;
  const clr = hyper.eta / (1 + (t - 1) * (hyper.lrDecay ?? 0));
  const s = state.sum;
  for (let i = 0; i < p.length; i++) {
    const gi = g[i] + wd * p[i];
    s[i] += gi * gi;
    p[i] -= (clr * gi) / (Math.sqrt(s[i]) + eps);
  }
}
