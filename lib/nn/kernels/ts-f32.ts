import type { Vec } from "../../util/check";
import { activationSlope, type Activation } from "../activations";
import type {
  Allocation,
  DenseBackwardArrays,
  DenseForwardArrays,
  DenseShape,
  Kernels,
} from "./kernels";
import { ReferenceKernels } from "./reference";

/**
 * Float32 kernels in plain TypeScript, the fallback where WebAssembly SIMD is missing. Like the
 * WebAssembly kernels they skip zero inputs (most MNIST pixels are 0, and ReLU zeroes about half
 * of a hidden layer): Y = X W + b and dW = X^T dZ are sums, over the nonzero x_ri only, of rows of
 * W (or of dZ) scaled by x_ri. Those sums are register-blocked four rows at a time (one pass over
 * the output adds four scaled rows), so each output is loaded and stored a quarter as often. The
 * results equal the dense sums up to float32 rounding.
 */
export class TsKernels implements Kernels {
  readonly path = "ts";
  readonly float = "float32";
  /** The softmax is a small O(batch k) step: the reference loop serves. */
  private readonly ref = new ReferenceKernels();
  /** Lists of nonzeros: offsets of the rows to add, their scales, and per-column counts. */
  private offs = new Int32Array(0);
  private vals = new Float64Array(0);
  private cnt = new Int32Array(0);

  allocate(floatSizes: readonly number[], intSizes: readonly number[]): Allocation {
    this.scratch(Math.max(1, ...floatSizes), Math.max(1, ...floatSizes));
    return {
      floats: floatSizes.map((n) => new Float32Array(n)),
      ints: intSizes.map((n) => new Int32Array(n)),
    };
  }

  /** Make the lists hold `entries` entries and `columns` counts (grows only, outside a step). */
  private scratch(entries: number, columns: number): void {
    if (this.offs.length < entries) {
      this.offs = new Int32Array(entries);
      this.vals = new Float64Array(entries);
    }
    if (this.cnt.length < columns) this.cnt = new Int32Array(columns);
  }

  /** y_r = b + sum over nonzero x_ri of x_ri W_i (rows of W), then f. */
  denseForward(
    { X, W, b, Y }: DenseForwardArrays,
    { batch, nIn, nOut }: DenseShape,
    act: Activation,
  ) {
    this.scratch(nIn, 0);
    const { offs, vals } = this;
    for (let r = 0; r < batch; r++) {
      let count = 0;
      for (let i = 0; i < nIn; i++) {
        const x = X[r * nIn + i];
        if (x !== 0) {
          offs[count] = i * nOut;
          vals[count++] = x;
        }
      }
      const y = r * nOut;
      for (let o = 0; o < nOut; o++) Y[y + o] = b[o];
      addScaledRows(Y, y, W, offs, vals, 0, count, nOut);
    }
    applyActivation(Y, batch * nOut, act);
  }

  softmaxCrossEntropy(Z: Vec, labels: Int32Array, dZ: Vec, batch: number, k: number): number {
    return this.ref.softmaxCrossEntropy(Z, labels, dZ, batch, k);
  }

  denseBackward(
    { dZ, X, W, dW, db, dX }: DenseBackwardArrays,
    { batch, nIn, nOut }: DenseShape,
    actIn: Activation,
  ) {
    // db_o = sum_r dz_ro
    db.fill(0, 0, nOut);
    for (let r = 0; r < batch; r++) for (let o = 0; o < nOut; o++) db[o] += dZ[r * nOut + o];
    // row i of dW = sum over nonzero x_ri of x_ri dz_r; column i's entries sit at i * batch
    this.scratch(batch * nIn, nIn);
    const { offs, vals, cnt } = this;
    cnt.fill(0, 0, nIn);
    for (let r = 0; r < batch; r++) {
      for (let i = 0; i < nIn; i++) {
        const x = X[r * nIn + i];
        if (x !== 0) {
          const k = i * batch + cnt[i]++;
          offs[k] = r * nOut;
          vals[k] = x;
        }
      }
    }
    dW.fill(0, 0, nIn * nOut);
    for (let i = 0; i < nIn; i++)
      addScaledRows(dW, i * nOut, dZ, offs, vals, i * batch, cnt[i], nOut);
    if (dX === null) return;
    // dx_ri = f'(x_ri) (dz_r . W_i), skipped where f' = 0
    for (let r = 0; r < batch; r++) {
      const g = r * nOut;
      for (let i = 0; i < nIn; i++) {
        const slope = activationSlope(actIn, X[r * nIn + i]);
        let s = 0;
        if (slope !== 0) {
          const w = i * nOut;
          for (let o = 0; o < nOut; o++) s += dZ[g + o] * W[w + o];
        }
        dX[r * nIn + i] = s * slope;
      }
    }
  }

  axpy(y: Vec, x: Vec, alpha: number, n: number): void {
    for (let j = 0; j < n; j++) y[j] += alpha * x[j];
  }
}

/**
 * out[at .. at + n) += sum_k vals[k] src[offs[k] .. offs[k] + n) for k in [from, from + count),
 * four rows per pass over the output.
 */
function addScaledRows(
  out: Vec,
  at: number,
  src: Vec,
  offs: Int32Array,
  vals: Float64Array,
  from: number,
  count: number,
  n: number,
): void {
  const end = from + count;
  let k = from;
  for (; k + 4 <= end; k += 4) {
    const a0 = vals[k];
    const a1 = vals[k + 1];
    const a2 = vals[k + 2];
    const a3 = vals[k + 3];
    const s0 = offs[k];
    const s1 = offs[k + 1];
    const s2 = offs[k + 2];
    const s3 = offs[k + 3];
    for (let o = 0; o < n; o++) {
      out[at + o] += a0 * src[s0 + o] + a1 * src[s1 + o] + a2 * src[s2 + o] + a3 * src[s3 + o];
    }
  }
  for (; k < end; k++) {
    const a = vals[k];
    const s = offs[k];
    for (let o = 0; o < n; o++) out[at + o] += a * src[s + o];
  }
}

/** y <- f(y) in place on the first n entries (ReLU and identity without a call per entry). */
function applyActivation(y: Vec, n: number, act: Activation): void {
  if (act === "identity") return;
  if (act === "relu") {
    for (let j = 0; j < n; j++) if (y[j] < 0) y[j] = 0;
    return;
  }
  for (let j = 0; j < n; j++)
    y[j] = act === "sigmoid" ? 1 / (1 + Math.exp(-y[j])) : Math.tanh(y[j]);
}
