/**
 * Numerically stable building blocks of the classification losses: no exp(z) for large z.
 */
import { checkFinite, OptkitError, type Vec } from "../util/check";

/** sigma(z) = 1 / (1 + e^-z), evaluated as e^z / (1 + e^z) for z < 0 so e^(-z) never overflows. */
export function sigmoid(z: number): number {
  if (z >= 0) return 1 / (1 + Math.exp(-z));
  const e = Math.exp(z);
  return e / (1 + e);
}

/** softplus(z) = log(1 + e^z) = max(z, 0) + log1p(e^-|z|): exact for large |z|, no overflow. */
export function softplus(z: number): number {
  return Math.max(z, 0) + Math.log1p(Math.exp(-Math.abs(z)));
}

/** log sigma(z) = -softplus(-z). */
export function logSigmoid(z: number): number {
  return -softplus(-z);
}

/** log sum_k e^(z_k) = m + log sum_k e^(z_k - m) with m = max_k z_k (every exponent <= 0). */
export function logSumExp(z: Vec): number {
  if (z.length === 0) throw new OptkitError("z", "expected at least one entry");
  checkFinite("z", z);
  let m = -Infinity;
  for (let k = 0; k < z.length; k++) m = Math.max(m, z[k]);
  let s = 0;
  for (let k = 0; k < z.length; k++) s += Math.exp(z[k] - m);
  return m + Math.log(s);
}

/** softmax(z)_k = e^(z_k) / sum_j e^(z_j) = e^(z_k - lse(z)). */
export function softmax(z: Vec): Float64Array {
  const lse = logSumExp(z);
  return Float64Array.from(z, (zk) => Math.exp(zk - lse));
}
