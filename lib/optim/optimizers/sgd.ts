/** `SGD`: torch.optim.SGD (momentum, dampening, Nesterov, weight decay) plus the lectures' forms. */
import { checkOptions, optionNames, type Vec } from "../../util/check";
import {
  checkSgdHyper,
  sgdState,
  sgdStep,
  type MomentumForm,
  type SgdHyper,
  type SgdState,
} from "../rules/sgd";
import { Optimizer } from "./optimizer";

/** PyTorch's arguments in camelCase, plus the lecture option `momentumForm`. */
export interface SGDOptions {
  /** [1e-3] (PyTorch >= 2.2; earlier versions required it) */
  lr?: number;
  /** [0] */
  momentum?: number;
  /** [0] */
  dampening?: number;
  /** [false] */
  nesterov?: boolean;
  /** [0] L2: the rule sees g + weightDecay p */
  weightDecay?: number;
  /** ["pytorch"] see `MomentumForm` for the formulas and how they relate */
  momentumForm?: MomentumForm;
}

const NAMES = {
  eta: "lr",
  mu: "momentum",
  dampening: "dampening",
  nesterov: "nesterov",
  weightDecay: "weightDecay",
  momentumForm: "momentumForm",
};

/**
 * Stochastic gradient descent, with PyTorch's defaults:
 *   g <- g + wd p;  b_1 = g, b_t = mu b_{t-1} + (1 - dampening) g;
 *   d = g + mu b_t (nesterov) or b_t;  p <- p - lr d.
 * With momentum 0 this is plain gradient descent p <- p - lr g.
 */
const OPTIONS = optionNames<SGDOptions>({
  lr: true,
  momentum: true,
  dampening: true,
  nesterov: true,
  weightDecay: true,
  momentumForm: true,
});

export class SGD extends Optimizer<SgdState, Required<SgdHyper>> {
  constructor(options: SGDOptions = {}) {
    checkOptions("SGD", options, OPTIONS);
    const hyper: Required<SgdHyper> = {
      eta: options.lr ?? 1e-3,
      mu: options.momentum ?? 0,
      dampening: options.dampening ?? 0,
      nesterov: options.nesterov ?? false,
      weightDecay: options.weightDecay ?? 0,
      momentumForm: options.momentumForm ?? "pytorch",
    };
    checkSgdHyper(hyper, NAMES);
    super(hyper);
  }

  protected createState(n: number): SgdState {
    return sgdState(n);
  }

  protected update(p: Vec, g: Vec, state: SgdState): void {
    sgdStep(p, g, state, this.hyper);
  }
}
