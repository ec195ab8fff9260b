/**
 * Gradient checks of an MLP's backward pass against central differences of its loss, and the
 * distance of the first hidden layer's pre-activations to the ReLU's kink at 0 (notebook 01,
 * section 7): near a kink the central difference straddles it and disagrees with the (correct)
 * one-sided derivative backpropagation returns.
 */
import { checkNumber, OptkitError, type Vec } from "../util/check";
import type { Mlp } from "./mlp";

/** One checked entry: params[param][index]. */
export interface CheckedEntry {
  param: number;
  index: number;
  analytic: number;
  numeric: number;
  /** |a - n| / max(1e-8, |a| + |n|), the course's relative error */
  relativeError: number;
}

/**
 * Put the batch (rows `idx` of `images`) in `net`, then compare d loss / d params[p][i] from
 * `lossAndGrad` with (J(θ + h) − J(θ − h)) / (2h) for each requested entry (all entries of every
 * parameter array when `entries` is omitted). Leaves the parameters as they were. Use a float64
 * network (`kernels: "reference"`): in float32 the difference quotient is mostly rounding.
 */
export function mlpGradientCheck(
  net: Mlp,
  data: { images: Vec; labels: ArrayLike<number>; idx: Int32Array },
  opts: { h?: number; entries?: readonly [number, number][] } = {},
): CheckedEntry[] {
  const h = checkNumber("h", opts.h ?? 1e-5, { min: Number.MIN_VALUE });
  const entries =
    opts.entries ??
    net.params.flatMap((p, k) => Array.from(p, (_, i) => [k, i] as [number, number]));
  net.setBatch(data.images, data.labels, data.idx);
  net.lossAndGrad();
  const analytic = entries.map(([k, i]) => {
    if (!(k >= 0 && k < net.params.length && i >= 0 && i < net.params[k].length)) {
      throw new OptkitError("entries", `no parameter entry [${k}, ${i}] in this network`);
    }
    return net.grads[k][i];
  });
  return entries.map(([k, i], e) => {
    const p = net.params[k];
    const saved = p[i];
    p[i] = saved + h;
    const up = net.lossAndGrad();
    p[i] = saved - h;
    const down = net.lossAndGrad();
    p[i] = saved;
    const numeric = (up - down) / (2 * h);
    const a = analytic[e];
    return {
      param: k,
      index: i,
      analytic: a,
      numeric,
      relativeError: Math.abs(a - numeric) / Math.max(1e-8, Math.abs(a) + Math.abs(numeric)),
    };
  });
}

/**
 * The first hidden layer's pre-activations z = x W_1 + b_1 for rows `idx` of `images`
 * (row r, unit j at r * n_1 + j), whose sign decides which side of the ReLU's kink each unit is on.
 */
export function firstLayerPreActivations(net: Mlp, images: Vec, idx: Int32Array): Float64Array {
  const [n0, n1] = net.sizes;
  const W = net.params[0];
  const b = net.params[1];
  const z = new Float64Array(idx.length * n1);
  idx.forEach((row, r) => {
    if (!(Number.isInteger(row) && row >= 0 && (row + 1) * n0 <= images.length)) {
      throw new OptkitError("idx", `row ${row} is not in images (${images.length / n0} rows)`);
    }
    for (let j = 0; j < n1; j++) {
      let s = b[j];
      for (let i = 0; i < n0; i++) s += images[row * n0 + i] * W[i * n1 + j];
      z[r * n1 + j] = s;
    }
  });
  return z;
}
