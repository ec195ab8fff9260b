import type { Vec } from "../../util/check";
import { activationSlope, type Activation } from "../activations";
import type { Allocation, Kernels } from "./kernels";
import { ReferenceKernels } from "./reference";

/**
 * Float32 kernels in plain TypeScript. The loops run over the outputs innermost (contiguous rows
 * of W, dW and Y) and skip zero inputs: most MNIST pixels are 0 and ReLU zeroes about half of a
 * hidden layer, and a zero x_ri contributes nothing to y_r = f(W^T x_r + b) or to row i of
 * dW = X^T dZ. The results equal the dense sums (up to float32 rounding). Sums are carried in
 * float64 (JavaScript numbers) where they stay in a local, float32 where they accumulate in
 * an array. The WebAssembly path is the fast one; this is its fallback.
 */
export class TsKernels implements Kernels {
  readonly path = "ts";
  readonly float = "float32";
  /** The softmax is a small O(batch k) step: the reference loop serves. */
  private readonly ref = new ReferenceKernels();

  allocate(floatSizes: readonly number[], intSizes: readonly number[]): Allocation {
    return {
      floats: floatSizes.map((n) => new Float32Array(n)),
      ints: intSizes.map((n) => new Int32Array(n)),
    };
  }

  /** y_r = b + sum over nonzero x_ri of x_ri W_i (rows of W), then f. */
  denseForward(
    X: Vec,
    W: Vec,
    b: Vec,
    Y: Vec,
    batch: number,
    nIn: number,
    nOut: number,
    act: Activation,
  ) {
    for (let r = 0; r < batch; r++) {
      const y = r * nOut;
      for (let o = 0; o < nOut; o++) Y[y + o] = b[o];
      for (let i = 0; i < nIn; i++) {
        const x = X[r * nIn + i];
        if (x === 0) continue;
        const w = i * nOut;
        for (let o = 0; o < nOut; o++) Y[y + o] += x * W[w + o];
      }
    }
    applyActivation(Y, batch * nOut, act);
  }

  softmaxCrossEntropy(Z: Vec, labels: Int32Array, dZ: Vec, batch: number, k: number): number {
    return this.ref.softmaxCrossEntropy(Z, labels, dZ, batch, k);
  }

  denseBackward(
    dZ: Vec,
    X: Vec,
    W: Vec,
    dW: Vec,
    db: Vec,
    dX: Vec | null,
    batch: number,
    nIn: number,
    nOut: number,
    actIn: Activation,
  ) {
    // db_o = sum_r dz_ro
    db.fill(0, 0, nOut);
    for (let r = 0; r < batch; r++) for (let o = 0; o < nOut; o++) db[o] += dZ[r * nOut + o];
    // row i of dW = sum over nonzero x_ri of x_ri dz_r
    dW.fill(0, 0, nIn * nOut);
    for (let r = 0; r < batch; r++) {
      const g = r * nOut;
      for (let i = 0; i < nIn; i++) {
        const x = X[r * nIn + i];
        if (x === 0) continue;
        const d = i * nOut;
        for (let o = 0; o < nOut; o++) dW[d + o] += x * dZ[g + o];
      }
    }
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
