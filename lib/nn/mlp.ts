import { asRng, type Rng, type Seed } from "../random";
import {
  checkArray,
  checkNumber,
  checkOptions,
  optionNames,
  OptkitError,
  type Vec,
} from "../util/check";
import { checkActivation, type Activation } from "./activations";
import { checkImages } from "./data-check";
import { initWeights, type InitScheme } from "./init";
import { createKernels, type KernelPath, type Kernels } from "./kernels";

/**
 * A multilayer perceptron for classification: dense layers z_l = a_{l-1} W_l + b_l (one sample
 * a row), a hidden activation a_l = f(z_l), and softmax cross-entropy on the last layer's logits,
 *
 *   J = (1/B) sum_r -log softmax(z_L,r)[y_r].
 *
 * `params` = [W_1, b_1, W_2, b_2, ...] (W_l is n_{l-1} x n_l, row-major: the transpose of the W
 * in z = W x + b, and of PyTorch's Linear.weight) and `grads` (same shapes) are what an optimizer
 * steps: `opt.step(net.params, net.grads)`. All buffers are allocated once, for batches of up to
 * `maxBatch` rows, so training allocates nothing.
 */
export interface MlpOptions {
  /** Layer widths, input first: [784, 128, 10]. */
  sizes: readonly number[];
  /** Hidden activation (default "relu"). */
  activation?: Activation;
  /** Weight initialisation (default "he" for ReLU, "glorot" otherwise); biases start at 0. */
  init?: InitScheme;
  /** Seed or generator for the initial weights (default 0). */
  seed?: Seed | Rng;
  /** Largest batch forward/backward accept (default 256). */
  maxBatch?: number;
  /** Kernel path (default: the fastest available) or a fresh kernel instance. */
  kernels?: KernelPath | Kernels;
}

const OPTIONS = optionNames<MlpOptions>({
  sizes: true,
  activation: true,
  init: true,
  seed: true,
  maxBatch: true,
  kernels: true,
});

/** Loss and accuracy over a data set. */
export interface Evaluation {
  loss: number;
  accuracy: number;
}

export class Mlp {
  readonly sizes: readonly number[];
  readonly activation: Activation;
  readonly maxBatch: number;
  readonly kernels: Kernels;
  /** [W_1, b_1, W_2, b_2, ...]. */
  readonly params: Vec[];
  /** Gradients of the last `lossAndGrad`, same shapes as `params`. */
  readonly grads: Vec[];
  /** acts[0]: the input batch; acts[l]: layer l's outputs f(z_l) (logits z_L for the last). */
  private readonly acts: Vec[];
  /** deltas[l - 1]: dJ/dz_l for the batch (l = 1..L). */
  private readonly deltas: Vec[];
  private readonly labels: Int32Array;
  private readonly views = new WeakMap<Vec, Vec[]>();
  /** Rows in the input buffer (set by `setBatch`). */
  private batch = 0;

  constructor(opts: MlpOptions) {
    checkOptions("Mlp", opts, OPTIONS);
    if (opts?.init !== undefined && opts.init !== "he" && opts.init !== "glorot") {
      throw new OptkitError(
        "init",
        `expected "he" or "glorot" (Glorot's scheme is also called Xavier's), got ${JSON.stringify(opts.init)}`,
      );
    }
    const sizes = opts?.sizes;
    if (!Array.isArray(sizes) || sizes.length < 2) {
      throw new OptkitError("sizes", `expected at least two layer widths, got ${String(sizes)}`);
    }
    sizes.forEach((n, l) => checkNumber(`sizes[${l}]`, n, { min: 1, integer: true }));
    this.sizes = [...sizes];
    this.activation = checkActivation("activation", opts.activation ?? "relu");
    this.maxBatch = checkNumber("maxBatch", opts.maxBatch ?? 256, { min: 1, integer: true });
    this.kernels =
      typeof opts.kernels === "object" ? opts.kernels : createKernels(opts.kernels ?? undefined);
    const L = sizes.length - 1;
    const B = this.maxBatch;
    const paramSizes = sizes.slice(1).flatMap((n, l) => [n * sizes[l], n]);
    const actSizes = sizes.map((n) => B * n);
    const floatSizes = [...paramSizes, ...paramSizes, ...actSizes, ...actSizes.slice(1)];
    let allocation;
    try {
      allocation = this.kernels.allocate(floatSizes, [B]);
    } catch (e) {
      if (!(e instanceof RangeError)) throw e;
      // a typed array too long for this JavaScript engine, or out of memory
      const gib = ((4 * floatSizes.reduce((s, n) => s + n, 0)) / 2 ** 30).toFixed(2);
      throw new OptkitError(
        "maxBatch",
        `the network's buffers (${gib} GiB in float32) could not be allocated (${e.message}): use a smaller maxBatch (batch size) or narrower layers`,
      );
    }
    const { floats, ints } = allocation;
    this.params = floats.slice(0, 2 * L);
    this.grads = floats.slice(2 * L, 4 * L);
    this.acts = floats.slice(4 * L, 5 * L + 1);
    this.deltas = floats.slice(5 * L + 1);
    this.labels = ints[0];
    const scheme = opts.init ?? (this.activation === "relu" ? "he" : "glorot");
    const r = asRng(opts.seed ?? 0);
    for (let l = 0; l < L; l++) initWeights(this.params[2 * l], sizes[l], sizes[l + 1], scheme, r);
  }

  /** Number of layers with weights. */
  get depth(): number {
    return this.sizes.length - 1;
  }

  /** Total number of parameters. */
  get parameterCount(): number {
    return this.params.reduce((s, p) => s + p.length, 0);
  }

  /** Which kernels run: "reference", "ts" or "wasm". */
  get path(): KernelPath {
    return this.kernels.path;
  }

  /**
   * Put a batch in the input buffer: rows `idx` of `images` (row-major, sizes[0] per row) and
   * their labels. Returns the batch size.
   */
  setBatch(images: Vec, labels: ArrayLike<number>, idx: Int32Array): number {
    const n = idx.length;
    const d = this.sizes[0];
    const k = this.sizes[this.depth];
    if (n < 1 || n > this.maxBatch) {
      throw new OptkitError("idx", `expected 1..${this.maxBatch} indices (maxBatch), got ${n}`);
    }
    const rows = this.rowViews(images);
    const x = this.acts[0];
    for (let r = 0; r < n; r++) {
      const i = idx[r];
      if (!(i >= 0 && i < rows.length))
        throw new OptkitError("idx", `row ${i} is outside 0..${rows.length - 1}`);
      x.set(rows[i], r * d);
      const y = labels[i];
      if (!(Number.isInteger(y) && y >= 0 && y < k)) {
        throw new OptkitError("labels", `expected a class in 0..${k - 1} at index ${i}, got ${y}`);
      }
      this.labels[r] = y;
    }
    this.batch = n;
    return n;
  }

  /** Forward pass on the current batch; returns the logits (a view, batch x classes). */
  forward(): Vec {
    const { sizes, acts, params, kernels } = this;
    const L = this.depth;
    const B = this.requireBatch();
    for (let l = 1; l <= L; l++) {
      const act = l === L ? "identity" : this.activation;
      const W = params[2 * l - 2];
      kernels.denseForward(
        { X: acts[l - 1], W, b: params[2 * l - 1], Y: acts[l] },
        { batch: B, nIn: sizes[l - 1], nOut: sizes[l] },
        act,
      );
    }
    return acts[L].subarray(0, B * sizes[L]);
  }

  /** Forward and backward on the current batch: fills `grads`, returns the mean loss. */
  lossAndGrad(): number {
    const { sizes, acts, deltas, params, grads, kernels } = this;
    const L = this.depth;
    const B = this.requireBatch();
    for (let l = 1; l <= L; l++) {
      const act = l === L ? "identity" : this.activation;
      const W = params[2 * l - 2];
      kernels.denseForward(
        { X: acts[l - 1], W, b: params[2 * l - 1], Y: acts[l] },
        { batch: B, nIn: sizes[l - 1], nOut: sizes[l] },
        act,
      );
    }
    const loss = kernels.softmaxCrossEntropy(acts[L], this.labels, deltas[L - 1], B, sizes[L]);
    for (let l = L; l >= 1; l--) {
      const dX = l > 1 ? deltas[l - 2] : null;
      kernels.denseBackward(
        {
          dZ: deltas[l - 1],
          X: acts[l - 1],
          W: params[2 * l - 2],
          dW: grads[2 * l - 2],
          db: grads[2 * l - 1],
          dX,
        },
        { batch: B, nIn: sizes[l - 1], nOut: sizes[l] },
        this.activation,
      );
    }
    return loss;
  }

  /**
   * Plain SGD, p <- p - lr g on every parameter array, run by the kernels (SIMD on the wasm
   * path). Same rule as lib/optim's `new SGD({ lr })` (momentum 0), without the generality.
   */
  sgdStep(lr: number): void {
    checkNumber("lr", lr, { min: 0 });
    for (let i = 0; i < this.params.length; i++) {
      this.kernels.axpy(this.params[i], this.grads[i], -lr, this.params[i].length);
    }
  }

  /** How many rows of the current batch the last forward pass classified correctly. */
  batchCorrect(): number {
    const k = this.sizes[this.depth];
    const Z = this.acts[this.depth];
    let correct = 0;
    for (let r = 0; r < this.batch; r++) if (argmax(Z, r * k, k) === this.labels[r]) correct++;
    return correct;
  }

  /** Mean loss and accuracy on a whole data set, in chunks of maxBatch rows. */
  evaluate(images: Vec, labels: ArrayLike<number>): Evaluation {
    checkArray("labels", labels);
    if (labels.length === 0)
      throw new OptkitError("labels", "expected at least one sample, got none");
    if (checkImages("images", images, this.sizes[0]) !== labels.length) {
      throw new OptkitError(
        "images",
        `expected ${labels.length} rows of ${this.sizes[0]} values (one per label), got length ${images.length}`,
      );
    }
    const n = labels.length;
    const k = this.sizes[this.depth];
    const idx = new Int32Array(this.maxBatch);
    let loss = 0;
    let correct = 0;
    for (let start = 0; start < n; start += this.maxBatch) {
      const m = Math.min(this.maxBatch, n - start);
      for (let r = 0; r < m; r++) idx[r] = start + r;
      this.setBatch(images, labels, idx.subarray(0, m));
      const Z = this.forward();
      loss +=
        m * this.kernels.softmaxCrossEntropy(Z, this.labels, this.deltas[this.depth - 1], m, k);
      for (let r = 0; r < m; r++) if (argmax(Z, r * k, k) === this.labels[r]) correct++;
    }
    return { loss: loss / n, accuracy: correct / n };
  }

  /** Predicted classes (argmax of the logits) for every row of `images`. */
  predict(images: Vec): Int32Array {
    const k = this.sizes[this.depth];
    const n = checkImages("images", images, this.sizes[0]);
    const out = new Int32Array(n);
    const zeros = new Uint8Array(n);
    const idx = new Int32Array(this.maxBatch);
    for (let start = 0; start < n; start += this.maxBatch) {
      const m = Math.min(this.maxBatch, n - start);
      for (let r = 0; r < m; r++) idx[r] = start + r;
      this.setBatch(images, zeros, idx.subarray(0, m));
      const Z = this.forward();
      for (let r = 0; r < m; r++) out[start + r] = argmax(Z, r * k, k);
    }
    return out;
  }

  /** Copy parameter values in (e.g. from another network): one array per entry of `params`. */
  setParams(values: readonly ArrayLike<number>[]): void {
    if (values.length !== this.params.length) {
      throw new OptkitError(
        "values",
        `expected ${this.params.length} arrays, got ${values.length}`,
      );
    }
    values.forEach((v, i) => {
      if (v.length !== this.params[i].length) {
        throw new OptkitError(
          `values[${i}]`,
          `expected length ${this.params[i].length}, got ${v.length}`,
        );
      }
      this.params[i].set(v);
    });
  }

  /**
   * One view per row of `images`, made once per data set (kept while the data set lives), so
   * a batch is gathered by block copies without allocating.
   */
  private rowViews(images: Vec): Vec[] {
    let rows = this.views.get(images);
    if (rows === undefined) {
      const d = this.sizes[0];
      rows = Array.from({ length: Math.floor(images.length / d) }, (_, i) =>
        images.subarray(i * d, (i + 1) * d),
      );
      this.views.set(images, rows);
    }
    return rows;
  }

  private requireBatch(): number {
    if (this.batch === 0) throw new OptkitError("batch", "call setBatch before forward");
    return this.batch;
  }
}

/** Index of the largest of z[o .. o + k - 1]. */
function argmax(z: Vec, o: number, k: number): number {
  let best = 0;
  for (let j = 1; j < k; j++) if (z[o + j] > z[o + best]) best = j;
  return best;
}
