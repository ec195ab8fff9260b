import { asRng, type Rng, type Seed } from "../random";
import { checkNumber, checkRequiredOptions } from "../util/check";

/**
 * Small synthetic data sets for the teaching notebooks, in float64, all from a seed.
 * X is row-major n x d (sample i at offset d i), y has n entries.
 */
export interface SyntheticData {
  X: Float64Array;
  y: Float64Array;
  n: number;
  d: number;
}

/** Linear regression data plus the true parameters it was drawn from. */
export interface LinearData extends SyntheticData {
  wTrue: Float64Array;
  bTrue: number;
}

/**
 * y = X w + b + noise z, with X_ij ~ N(0, 1), w_j ~ N(0, 1), b ~ N(0, 1), z_i ~ N(0, 1),
 * drawn in that order from the generator.
 */
export function linearRegressionData(opts: {
  n: number;
  d: number;
  noise?: number;
  seed?: Seed | Rng;
}): LinearData {
  checkRequiredOptions("linearRegressionData", opts, ["n", "d", "noise", "seed"]);
  const n = checkNumber("n", opts.n, { min: 1, integer: true });
  const d = checkNumber("d", opts.d, { min: 1, integer: true });
  const noise = checkNumber("noise", opts.noise ?? 0.1, { min: 0 });
  const r = asRng(opts.seed ?? 0);
  const X = r.normals(n * d);
  const wTrue = r.normals(d);
  const bTrue = r.normal();
  const y = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let s = bTrue;
    for (let j = 0; j < d; j++) s += X[i * d + j] * wTrue[j];
    y[i] = s + noise * r.normal();
  }
  return { X, y, n, d, wTrue, bTrue };
}

/**
 * Two Gaussian blobs in 2-D for logistic regression: label 0 around (-sep/2, 0), label 1 around
 * (+sep/2, 0), both with standard deviation `std` per coordinate; labels alternate 0, 1, 0, ...
 */
export function gaussianBlobs(opts: {
  n: number;
  separation?: number;
  std?: number;
  seed?: Seed | Rng;
}): SyntheticData {
  checkRequiredOptions("gaussianBlobs", opts, ["n", "separation", "std", "seed"]);
  const n = checkNumber("n", opts.n, { min: 2, integer: true });
  const sep = checkNumber("separation", opts.separation ?? 3, { min: 0 });
  const std = checkNumber("std", opts.std ?? 1, { min: 0 });
  const r = asRng(opts.seed ?? 0);
  const X = new Float64Array(2 * n);
  const y = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    y[i] = i % 2;
    X[2 * i] = (y[i] - 0.5) * sep + std * r.normal();
    X[2 * i + 1] = std * r.normal();
  }
  return { X, y, n, d: 2 };
}

/**
 * Two interleaving half circles (as scikit-learn's make_moons): floor(n/2) points of label 0 on
 * (cos t, sin t) and the rest, label 1, on (1 - cos t, 1/2 - sin t), t evenly spaced in [0, pi],
 * then N(0, noise^2) added to each coordinate and the samples shuffled.
 */
export function twoMoons(opts: { n: number; noise?: number; seed?: Seed | Rng }): SyntheticData {
  checkRequiredOptions("twoMoons", opts, ["n", "noise", "seed"]);
  const n = checkNumber("n", opts.n, { min: 4, integer: true });
  const noise = checkNumber("noise", opts.noise ?? 0.1, { min: 0 });
  const r = asRng(opts.seed ?? 0);
  const nOut = Math.floor(n / 2);
  const nIn = n - nOut;
  const order = r.permutation(n);
  const X = new Float64Array(2 * n);
  const y = new Float64Array(n);
  for (let k = 0; k < n; k++) {
    const inner = k >= nOut;
    const m = inner ? nIn : nOut;
    const t = (Math.PI * (inner ? k - nOut : k)) / (m - 1);
    const i = order[k];
    X[2 * i] = (inner ? 1 - Math.cos(t) : Math.cos(t)) + noise * r.normal();
    X[2 * i + 1] = (inner ? 0.5 - Math.sin(t) : Math.sin(t)) + noise * r.normal();
    y[i] = inner ? 1 : 0;
  }
  return { X, y, n, d: 2 };
}
