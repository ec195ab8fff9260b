/** `RMSprop`: torch.optim.RMSprop plus the lectures' eps placement and norm form. */
import { checkOptions, optionNames, type Vec } from "../../util/check";
import {
  checkRmspropHyper,
  rmspropState,
  rmspropStep,
  type EpsPlacement,
  type RmspropHyper,
  type RmspropState,
  type SecondMoment,
} from "../rules/rmsprop";
import { Optimizer } from "./optimizer";

/** PyTorch's arguments in camelCase, plus the lecture options `epsPlacement`, `secondMoment`. */
export interface RMSpropOptions {
  /** [1e-2] */
  lr?: number;
  /** [0.99] */
  alpha?: number;
  /** [1e-8] */
  eps?: number;
  /** [0] L2: the rule sees g + weightDecay p */
  weightDecay?: number;
  /** [0] */
  momentum?: number;
  /** [false] */
  centered?: boolean;
  /** ["outside"] g / (sqrt(s) + eps); "inside": g / sqrt(s + eps) (notebook 04, section 7) */
  epsPlacement?: EpsPlacement;
  /** ["elementwise"] "norm": s averages ||g||^2, one scalar (notebook 04, section 7) */
  secondMoment?: SecondMoment;
}

const OPTIONS = optionNames<RMSpropOptions>({
  lr: true,
  alpha: true,
  eps: true,
  weightDecay: true,
  momentum: true,
  centered: true,
  epsPlacement: true,
  secondMoment: true,
});

const NAMES = {
  eta: "lr",
  alpha: "alpha",
  eps: "eps",
  weightDecay: "weightDecay",
  mu: "momentum",
  centered: "centered",
  epsPlacement: "epsPlacement",
  secondMoment: "secondMoment",
};

/**
 * RMSProp with PyTorch's defaults: s <- alpha s + (1 - alpha) g^2;
 * p <- p - lr g / (sqrt(s) + eps) (see `rmspropStep` for momentum and the centered form).
 */
export class RMSprop extends Optimizer<RmspropState, Required<RmspropHyper>> {
  constructor(options: RMSpropOptions = {}) {
    checkOptions("RMSprop", options, OPTIONS);
    const hyper: Required<RmspropHyper> = {
      eta: options.lr ?? 1e-2,
      alpha: options.alpha ?? 0.99,
      eps: options.eps ?? 1e-8,
      weightDecay: options.weightDecay ?? 0,
      mu: options.momentum ?? 0,
      centered: options.centered ?? false,
      epsPlacement: options.epsPlacement ?? "outside",
      secondMoment: options.secondMoment ?? "elementwise",
    };
    checkRmspropHyper(hyper, NAMES);
    super(hyper);
  }

  protected createState(n: number): RmspropState {
    return rmspropState(n, this.hyper);
  }

  protected update(p: Vec, g: Vec, state: RmspropState): void {
    rmspropStep(p, g, state, this.hyper);
  }
}
