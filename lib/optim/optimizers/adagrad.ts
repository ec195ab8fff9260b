/** `Adagrad`: torch.optim.Adagrad. */
import type { Vec } from "../../util/check";
import { checkNumber, checkOptions, optionNames } from "../../util/check";
import {
  adagradState,
  adagradStep,
  checkAdagradHyper,
  type AdagradHyper,
  type AdagradState,
} from "../rules/adagrad";
import { Optimizer } from "./optimizer";

/** PyTorch's arguments in camelCase. */
export interface AdagradOptions {
  /** [1e-2] */
  lr?: number;
  /** [0] lr_t = lr / (1 + (t - 1) lrDecay) */
  lrDecay?: number;
  /** [0] L2: the rule sees g + weightDecay p */
  weightDecay?: number;
  /** [0] starting value of the sum of squares */
  initialAccumulatorValue?: number;
  /** [1e-10] */
  eps?: number;
}

const OPTIONS = optionNames<AdagradOptions>({
  lr: true,
  lrDecay: true,
  weightDecay: true,
  initialAccumulatorValue: true,
  eps: true,
});

const NAMES = { eta: "lr", lrDecay: "lrDecay", weightDecay: "weightDecay", eps: "eps" };

/**
 * AdaGrad with PyTorch's defaults: s <- s + g^2 (s_0 = initialAccumulatorValue);
 * p <- p - lr_t g / (sqrt(s) + eps), lr_t = lr / (1 + (t - 1) lrDecay).
 */
export class Adagrad extends Optimizer<AdagradState, Required<AdagradHyper>> {
  readonly initialAccumulatorValue: number;

  constructor(options: AdagradOptions = {}) {
    checkOptions("Adagrad", options, OPTIONS);
    const hyper: Required<AdagradHyper> = {
      eta: options.lr ?? 1e-2,
      lrDecay: options.lrDecay ?? 0,
      weightDecay: options.weightDecay ?? 0,
      eps: options.eps ?? 1e-10,
    };
    checkAdagradHyper(hyper, NAMES);
    const init = options.initialAccumulatorValue ?? 0;
    checkNumber("initialAccumulatorValue", init, { min: 0 });
    super(hyper);
    this.initialAccumulatorValue = init;
  }

  protected createState(n: number): AdagradState {
    return adagradState(n, this.initialAccumulatorValue);
  }

  protected update(p: Vec, g: Vec, state: AdagradState): void {
    adagradStep(p, g, state, this.hyper);
  }
}
