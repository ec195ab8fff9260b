/**
 * What theory promises SGD on a mu-strongly convex, L-smooth J whose stochastic gradients are
 * unbiased with variance at most sigma2 (E ||g - grad J||^2 <= sigma2), independent from step to
 * step (Bottou, Curtis & Nocedal, "Optimization Methods for Large-Scale Machine Learning", SIAM
 * Review 2018, theorems 4.6 and 4.7: their c is our mu, and unbiased gradients make their
 * mu = mu_G = 1, M = sigma2, M_V = 0; their steps count from k = 1, ours from t = 0). Notebook 05,
 * section 5, derives both and measures them.
 */
import { checkNumber, OptkitError } from "../util/check";

/** The constants of the analysis: strong convexity mu, smoothness L, noise sigma2, gap0 = J(w_0) - J*. */
export interface SgdProblemConstants {
  mu: number;
  L: number;
  sigma2: number;
  gap0: number;
}

function checkConstants(c: SgdProblemConstants): void {
  checkNumber("mu", c?.mu, { min: Number.MIN_VALUE });
  checkNumber("L", c.L, { min: c.mu });
  checkNumber("sigma2", c.sigma2, { min: 0 });
  checkNumber("gap0", c.gap0, { min: 0 });
}

/** The noise floor of a constant step eta <= 1/L: eta L sigma2 / (2 mu), the limit of the bound below. */
export function sgdNoiseFloor(eta: number, c: SgdProblemConstants): number {
  checkConstants(c);
  checkNumber("eta", eta, { min: 0, max: 1 / c.L });
  return (eta * c.L * c.sigma2) / (2 * c.mu);
}

/**
 * Constant step eta <= 1/L: E[J(w_t) - J*] <= (1 - eta mu)^t gap0 + eta L sigma2 / (2 mu).
 * The second term is the noise floor, reached as t grows. Returns the bound at step t.
 */
export function sgdConstantStepBound(t: number, eta: number, c: SgdProblemConstants): number {
  const floor = sgdNoiseFloor(eta, c);
  checkNumber("t", t, { min: 0 });
  return (1 - eta * c.mu) ** t * (c.gap0 - floor) + floor;
}

/**
 * Decaying step eta_t = beta / (gamma + t), t = 0, 1, ..., with beta > 1/mu, gamma > 1 and
 * eta_0 = beta / gamma <= 1/L:
 * E[J(w_t) - J*] <= nu / (gamma + t), nu = max(beta^2 L sigma2 / (2 (beta mu - 1)), gamma gap0).
 * Returns the bound at step t.
 */
export function sgdDecayingStepBound(
  t: number,
  beta: number,
  gamma: number,
  c: SgdProblemConstants,
): number {
  checkConstants(c);
  checkNumber("t", t, { min: 0 });
  if (!(gamma > 1)) throw new OptkitError("gamma", `expected a number > 1, got ${gamma}`);
  if (!(beta * c.mu > 1)) {
    throw new OptkitError("beta", `expected beta > 1/mu = ${1 / c.mu}, got ${beta}`);
  }
  if (!(beta / gamma <= 1 / c.L)) {
    throw new OptkitError(
      "gamma",
      `expected eta_0 = beta / gamma <= 1/L = ${1 / c.L}, got ${beta / gamma}`,
    );
  }
  const nu = Math.max((beta * beta * c.L * c.sigma2) / (2 * (beta * c.mu - 1)), gamma * c.gap0);
  return nu / (gamma + t);
}
