import type { Rng } from "../random";
import { checkNumber, OptkitError, type Vec } from "../util/check";

/**
 * Initial weights for a dense layer with fan_in inputs and fan_out outputs:
 * - He (Kaiming) normal, for ReLU: w ~ N(0, 2 / fan_in);
 * - Glorot (Xavier) uniform, for sigmoid and tanh: w ~ U(-a, a), a = sqrt(6 / (fan_in + fan_out)).
 * Draws fill `W` in order (row-major) from the generator; biases start at 0.
 */
export type InitScheme = "he" | "glorot";

export function initWeights(
  W: Vec,
  fanIn: number,
  fanOut: number,
  scheme: InitScheme,
  r: Rng,
): void {
  checkNumber("fanIn", fanIn, { min: 1, integer: true });
  checkNumber("fanOut", fanOut, { min: 1, integer: true });
  if (scheme !== "he" && scheme !== "glorot") {
    throw new OptkitError(
      "scheme",
      `expected "he" or "glorot" (Glorot's scheme is also called Xavier's), got ${JSON.stringify(scheme)}`,
    );
  }
  if (scheme === "he") {
    const std = Math.sqrt(2 / fanIn);
    for (let i = 0; i < W.length; i++) W[i] = r.normal(0, std);
  } else {
    const a = Math.sqrt(6 / (fanIn + fanOut));
    for (let i = 0; i < W.length; i++) W[i] = r.uniform(-a, a);
  }
}
