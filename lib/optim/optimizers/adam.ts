/** `Adam` and `AdamW`: torch.optim.Adam / AdamW plus the lectures' options. */
import { checkOptions, optionNames, OptkitError, type Vec } from "../../util/check";
import {
  adamState,
  adamStep,
  adamwStep,
  checkAdamHyper,
  type AdamHyper,
  type AdamState,
} from "../rules/adam";
import type { SecondMoment } from "../rules/rmsprop";
import { Optimizer } from "./optimizer";

/** PyTorch's arguments in camelCase, plus the lecture options `biasCorrection`, `secondMoment`. */
export interface AdamOptions {
  /** [1e-3] */
  lr?: number;
  /** [[0.9, 0.999]] (beta1, beta2) */
  betas?: readonly [number, number];
  /** [1e-8] */
  eps?: number;
  /** [0 for Adam (L2: g + wd p), 0.01 for AdamW (decoupled: p <- p (1 - lr wd))] */
  weightDecay?: number;
  /** [false] */
  amsgrad?: boolean;
  /** [true] false: use m and v without dividing by 1 - beta^t */
  biasCorrection?: boolean;
  /** ["elementwise"] "norm": v averages ||g||^2, one scalar (notebook 04, section 7) */
  secondMoment?: SecondMoment;
}

const NAMES = {
  eta: "lr",
  beta1: "betas[0]",
  beta2: "betas[1]",
  eps: "eps",
  weightDecay: "weightDecay",
  secondMoment: "secondMoment",
};

const OPTIONS = optionNames<AdamOptions>({
  lr: true,
  betas: true,
  eps: true,
  weightDecay: true,
  amsgrad: true,
  biasCorrection: true,
  secondMoment: true,
});

function adamHyper(options: AdamOptions, defaultWeightDecay: number): Required<AdamHyper> {
  checkOptions(defaultWeightDecay === 0 ? "Adam" : "AdamW", options, OPTIONS);
  const betas = options.betas ?? [0.9, 0.999];
  if (!Array.isArray(betas) || betas.length !== 2) {
    throw new OptkitError("betas", `expected [beta1, beta2], got ${String(betas)}`);
  }
  const hyper: Required<AdamHyper> = {
    eta: options.lr ?? 1e-3,
    beta1: betas[0],
    beta2: betas[1],
    eps: options.eps ?? 1e-8,
    weightDecay: options.weightDecay ?? defaultWeightDecay,
    amsgrad: options.amsgrad ?? false,
    biasCorrection: options.biasCorrection ?? true,
    secondMoment: options.secondMoment ?? "elementwise",
  };
  checkAdamHyper(hyper, NAMES);
  return hyper;
}

/**
 * Adam with PyTorch's defaults: m <- beta1 m + (1 - beta1) g, v <- beta2 v + (1 - beta2) g^2,
 * p <- p - lr m^ / (sqrt(v^) + eps) with m^ = m / (1 - beta1^t), v^ = v / (1 - beta2^t).
 * `weightDecay` is L2 (g <- g + wd p), which is not AdamW.
 */
export class Adam extends Optimizer<AdamState, Required<AdamHyper>> {
  constructor(options: AdamOptions = {}) {
    super(adamHyper(options, 0));
  }

  protected createState(n: number): AdamState {
    return adamState(n, this.hyper);
  }

  protected update(p: Vec, g: Vec, state: AdamState): void {
    adamStep(p, g, state, this.hyper);
  }
}

/**
 * AdamW with PyTorch's defaults (weightDecay 0.01): p <- p (1 - lr wd), then the Adam step on
 * the unchanged gradient.
 */
export class AdamW extends Optimizer<AdamState, Required<AdamHyper>> {
  constructor(options: AdamOptions = {}) {
    super(adamHyper(options, 0.01));
  }

  protected createState(n: number): AdamState {
    return adamState(n, this.hyper);
  }

  protected update(p: Vec, g: Vec, state: AdamState): void {
    adamwStep(p, g, state, this.hyper);
  }
}
