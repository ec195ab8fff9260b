import { asRng, type Rng, type Seed } from "../random";
import { checkNumber, checkOptions, optionNames, OptkitError, type Vec } from "../util/check";

/**
 * Mini-batches as in notebook 05, section 2: N samples, batch size B, S steps per epoch. Each epoch
 * e draws a fresh permutation sigma_e of {0, ..., N-1} from one seeded generator (the e-th call of
 * `rng.permutation(N)`), and step s uses the samples
 *
 *   sigma_e(sB), sigma_e(sB + 1), ..., sigma_e((s+1)B - 1).
 *
 * When B does not divide N the last batch is partial (N - (S-1)B samples) and kept by default,
 * S = ceil(N / B); with `dropLast: true` it is skipped, S = floor(N / B).
 */
export interface BatchOptions {
  /** Batch size B (1 <= B <= N). */
  batchSize: number;
  /** Seed or generator for the permutations (default 0). */
  seed?: Seed | Rng;
  /** Skip the last partial batch (default false: keep it). */
  dropLast?: boolean;
  /** Draw a permutation per epoch (default true); false uses 0..N-1 in order. */
  shuffle?: boolean;
}

const OPTIONS = optionNames<BatchOptions>({
  batchSize: true,
  seed: true,
  dropLast: true,
  shuffle: true,
});

export class BatchSampler {
  readonly batchSize: number;
  readonly dropLast: boolean;
  readonly shuffle: boolean;
  /** Steps per epoch S. */
  readonly stepsPerEpoch: number;
  private readonly rng: Rng;
  /** sigma_e, copied into one array for the whole run. */
  private readonly order: Int32Array;
  /** Views of `order`, one per step, made once so a step allocates nothing. */
  private readonly views: Int32Array[];
  /** Epochs drawn so far (e of the last call to `nextEpoch`). */
  epoch = 0;

  constructor(
    readonly n: number,
    opts: BatchOptions,
  ) {
    checkNumber("n", n, { min: 1, integer: true });
    checkOptions("BatchSampler", opts, OPTIONS);
    this.batchSize = checkNumber("batchSize", opts.batchSize, { min: 1, max: n, integer: true });
    this.dropLast = opts.dropLast ?? false;
    this.shuffle = opts.shuffle ?? true;
    this.rng = asRng(opts.seed ?? 0);
    this.stepsPerEpoch = this.dropLast ? Math.floor(n / this.batchSize) : Math.ceil(n / this.batchSize);
    this.order = Int32Array.from({ length: n }, (_, i) => i);
    const B = this.batchSize;
    this.views = Array.from({ length: this.stepsPerEpoch }, (_, s) =>
      this.order.subarray(s * B, Math.min((s + 1) * B, n)),
    );
  }

  /** Start the next epoch: draw sigma_e and return it (the sampler's array, rewritten each epoch). */
  nextEpoch(): Int32Array {
    this.epoch++;
    if (this.shuffle) this.order.set(this.rng.permutation(this.n));
    return this.order;
  }

  /** The sample indices of step s of the current epoch: a view into sigma_e, no copy. */
  batch(s: number): Int32Array {
    if (!Number.isInteger(s) || s < 0 || s >= this.stepsPerEpoch) {
      throw new OptkitError("s", `expected a step in 0..${this.stepsPerEpoch - 1}, got ${s}`);
    }
    return this.views[s];
  }

  /** Draw the next epoch's permutation and yield its S batches in order. */
  *epochBatches(): Generator<Int32Array> {
    this.nextEpoch();
    for (let s = 0; s < this.stepsPerEpoch; s++) yield this.batch(s);
  }
}

/**
 * Copy the rows `idx` of a row-major matrix `src` (rows of length `dim`) into the first
 * idx.length rows of `out` (float32 and float64 mix freely). Returns `out`. Used to gather a
 * mini-batch into one buffer.
 */
export function gatherRows<T extends Vec>(src: Vec, dim: number, idx: Int32Array, out: T): T {
  if (out.length < idx.length * dim) {
    throw new OptkitError("out", `expected length >= ${idx.length * dim}, got ${out.length}`);
  }
  if (!Number.isInteger(dim) || dim < 1) {
    throw new OptkitError("dim", `expected an integer >= 1, got ${dim}`);
  }
  if (src.length % dim !== 0) {
    throw new OptkitError(
      "src",
      `expected whole rows of dim = ${dim} values (a length that is a multiple of ${dim}), got length ${src.length}`,
    );
  }
  const rows = src.length / dim;
  for (let r = 0; r < idx.length; r++) {
    const i = idx[r];
    if (!(i >= 0 && i < rows)) throw new OptkitError("idx", `row ${i} is outside 0..${rows - 1}`);
    out.set(src.subarray(i * dim, (i + 1) * dim), r * dim);
  }
  return out;
}
