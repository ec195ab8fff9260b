/**
 * Gradient descent with momentum, in PyTorch's form and in the three forms that notebook 04,
 * section 1, maps onto each other.
 * Everything operates in place on one parameter array `p` given its gradient `g`.
 */
import { checkNumber, checkOptions, optionNames, OptkitError, type Vec } from "../../util/check";
import { checkChoice, checkLr, checkNonNegative, checkStepShapes, checkUnit } from "./checks";

/**
 * How the momentum buffer `b` is written (mu is the momentum coefficient in every form).
 * - `"pytorch"` (default, torch.optim.SGD): b_1 = g, b_t = mu b_{t-1} + (1 - dampening) g;
 *   direction d = g + mu b_t if nesterov else b_t; p <- p - eta d.
 * - `"ema"`: m_t = mu m_{t-1} + (1 - mu) g, m_0 = 0; p <- p - eta m_t.
 * - `"heavyBall"` (lambda = mu, alpha = eta): v_t = mu v_{t-1} - eta g, v_0 = 0;
 *   p <- p + v_t.
 * - `"lrInBuffer"` (gamma = mu): v_t = mu v_{t-1} + eta g, v_0 = 0; p <- p - v_t.
 *
 * Exact relations (constant eta, zero dampening): EMA(eta, beta) gives the same iterates as heavy
 * ball with alpha = eta (1 - beta), lambda = beta (v_t = -eta m_t, also at t = 1), and as PyTorch
 * with lr = eta (1 - beta), momentum = beta (m_t = (1 - beta) b_t since PyTorch's b_1 = g equals
 * mu b_0 + g with b_0 = 0). PyTorch(lr, mu) equals lrInBuffer(eta = lr, gamma = mu) (v_t = lr b_t).
 * The heavy-ball and lrInBuffer forms keep eta inside the buffer, so they differ from the others
 * once eta changes between steps (a schedule).
 */
export type MomentumForm = "pytorch" | "ema" | "heavyBall" | "lrInBuffer";
export const MOMENTUM_FORMS: readonly MomentumForm[] = [
  "pytorch",
  "ema",
  "heavyBall",
  "lrInBuffer",
];

/** Hyperparameters of `sgdStep`; omitted ones take PyTorch's defaults. */
export interface SgdHyper {
  /** learning rate eta (PyTorch `lr`; heavy ball's alpha) */
  eta: number;
  /** momentum coefficient mu [0] (PyTorch `momentum`; EMA beta; heavy-ball lambda; gamma) */
  mu?: number;
  /** [0] PyTorch form only */
  dampening?: number;
  /** [false] PyTorch form only; needs mu > 0 and dampening 0 */
  nesterov?: boolean;
  /** L2 weight decay wd [0]: the rule sees g + wd p */
  weightDecay?: number;
  /** ["pytorch"] */
  momentumForm?: MomentumForm;
}

/** Inspectable SGD state: `step` = updates done, `buf` = momentum buffer (b, m or v). */
export interface SgdState {
  step: number;
  buf: Float64Array;
}

/** Fresh state for `n` parameters (buffer 0; the PyTorch form sets b_1 = g at its first step). */
export function sgdState(n: number): SgdState {
  checkNumber("n", n, { min: 0, integer: true });
  return { step: 0, buf: new Float64Array(n) };
}

/** Argument names used in error messages (the classes pass PyTorch's). */
/** The keys of `SgdHyper`: a misspelled one is refused, not ignored. */
const HYPER_KEYS = optionNames<SgdHyper>({
  eta: true,
  mu: true,
  dampening: true,
  nesterov: true,
  weightDecay: true,
  momentumForm: true,
});

export const SGD_NAMES = {
  eta: "eta",
  mu: "mu",
  dampening: "dampening",
  nesterov: "nesterov",
  weightDecay: "weightDecay",
  momentumForm: "momentumForm",
};

/** Validate SGD hyperparameters; errors name the argument as in `names`. */
export function checkSgdHyper(h: SgdHyper, names = SGD_NAMES): void {
  checkLr(names.eta, h.eta);
  const mu = checkNonNegative(names.mu, h.mu ?? 0);
  const dampening = checkUnit(names.dampening, h.dampening ?? 0);
  checkNonNegative(names.weightDecay, h.weightDecay ?? 0);
  const form = checkChoice(names.momentumForm, h.momentumForm ?? "pytorch", MOMENTUM_FORMS);
  if (h.nesterov && (mu <= 0 || dampening !== 0 || form !== "pytorch")) {
    throw new OptkitError(
      names.nesterov,
      `Nesterov momentum needs ${names.mu} > 0, ${names.dampening} 0 and the "pytorch" form, got ${names.mu} ${mu}, ${names.dampening} ${dampening}, form "${form}"`,
    );
  }
  if (dampening !== 0 && form !== "pytorch") {
    throw new OptkitError(names.dampening, `only the "pytorch" momentum form uses dampening`);
  }
}

/**
 * One SGD step in place (see `MomentumForm` for the four rules). With weight decay the rule uses
 * g + wd p in place of g (`g` itself is not modified). With mu = 0 every form is plain
 * gradient descent p <- p - eta g.
 */
export function sgdStep(p: Vec, g: Vec, state: SgdState, hyper: SgdHyper): void {
  checkOptions("sgdStep", hyper, HYPER_KEYS);
  checkSgdHyper(hyper);
  checkStepShapes(p, g, state.buf.length);
  const eta = hyper.eta;
  const mu = hyper.mu ?? 0;
  const damp = hyper.dampening ?? 0;
  const wd = hyper.weightDecay ?? 0;
  const form = hyper.momentumForm ?? "pytorch";
  const b = state.buf;
  const first = state.step === 0;
  const n = p.length;
  if (mu === 0) {
    for (let i = 0; i < n; i++) p[i] -= eta * (g[i] + wd * p[i]);
  } else if (form === "pytorch") {
    const nesterov = hyper.nesterov ?? false;
    for (let i = 0; i < n; i++) {
      const gi = g[i] + wd * p[i];
      b[i] = first ? gi : mu * b[i] + (1 - damp) * gi;
      p[i] -= eta * (nesterov ? gi + mu * b[i] : b[i]);
    }
  } else if (form === "ema") {
    for (let i = 0; i < n; i++) {
      b[i] = mu * b[i] + (1 - mu) * (g[i] + wd * p[i]);
      p[i] -= eta * b[i];
    }
  } else if (form === "heavyBall") {
    for (let i = 0; i < n; i++) {
      b[i] = mu * b[i] - eta * (g[i] + wd * p[i]);
      p[i] += b[i];
    }
  } else {
    for (let i = 0; i < n; i++) {
      b[i] = mu * b[i] + eta * (g[i] + wd * p[i]);
      p[i] -= b[i];
    }
  }
  state.step++;
}
