import { OptkitError } from "../util/check";

/**
 * Activations of a dense layer, a = f(z), applied elementwise. Each derivative is written in terms
 * of the output a, so a backward pass needs only the stored outputs:
 *
 *   relu:     f(z) = max(0, z),            f'(z) = 1 if a > 0 else 0
 *   sigmoid:  f(z) = 1 / (1 + e^{-z}),     f'(z) = a (1 - a)
 *   tanh:     f(z) = tanh z,               f'(z) = 1 - a^2
 *   identity: f(z) = z,                    f'(z) = 1
 */
export type Activation = "relu" | "sigmoid" | "tanh" | "identity";

export const ACTIVATIONS: readonly Activation[] = ["relu", "sigmoid", "tanh", "identity"];

/** Check that `act` names an activation. */
export function checkActivation(arg: string, act: string): Activation {
  if (!(ACTIVATIONS as readonly string[]).includes(act)) {
    throw new OptkitError(arg, `expected one of ${ACTIVATIONS.join(", ")}, got ${act}`);
  }
  return act as Activation;
}

/** Numeric code of an activation for the compiled kernels (0 identity, 1 relu, 2 sigmoid, 3 tanh). */
export function activationCode(act: Activation): number {
  return act === "identity" ? 0 : act === "relu" ? 1 : act === "sigmoid" ? 2 : 3;
}

/** a = f(z). */
export function activate(act: Activation, z: number): number {
  switch (act) {
    case "relu":
      return z < 0 ? 0 : z; // NaN stays NaN
    case "sigmoid":
      return 1 / (1 + Math.exp(-z));
    case "tanh":
      return Math.tanh(z);
    case "identity":
      return z;
    default:
      throw new OptkitError("act", `expected one of ${ACTIVATIONS.join(", ")}, got ${String(act)}`);
  }
}

/** f'(z) from the output a = f(z). */
export function activationSlope(act: Activation, a: number): number {
  switch (act) {
    case "relu":
      return a > 0 ? 1 : 0;
    case "sigmoid":
      return a * (1 - a);
    case "tanh":
      return 1 - a * a;
    case "identity":
      return 1;
    default:
      throw new OptkitError("act", `expected one of ${ACTIVATIONS.join(", ")}, got ${String(act)}`);
  }
}
