import type { Vec } from "../../util/check";
import { activationSlope, type Activation } from "../activations";
import type { Allocation, Kernels } from "./kernels";
import { ReferenceKernels } from "./reference";

/**
 * Float32 kernels in plain TypeScript, register-blocked: each inner loop keeps a small tile of
 * sums in local variables (2 x 4 in the forward pass, 2 x 4 for dW) so every value loaded from
 * memory feeds several multiply-adds. Sums are carried in float64 (JavaScript numbers) and rounded
 * to float32 when stored. About 3x faster than the reference loops; the WebAssembly path is the
 * fast one, this is its fallback where WebAssembly SIMD is missing.
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
    let r = 0;
    for (; r + 2 <= batch; r += 2) {
      const x0 = r * nIn;
      const x1 = x0 + nIn;
      let o = 0;
      for (; o + 4 <= nOut; o += 4) {
        const w0 = o * nIn;
        const w1 = w0 + nIn;
        const w2 = w1 + nIn;
        const w3 = w2 + nIn;
        let s00 = 0, s01 = 0, s02 = 0, s03 = 0, s10 = 0, s11 = 0, s12 = 0, s13 = 0; // prettier-ignore
        for (let i = 0; i < nIn; i++) {
          const a = X[x0 + i];
          const c = X[x1 + i];
          const v0 = W[w0 + i];
          const v1 = W[w1 + i];
          const v2 = W[w2 + i];
          const v3 = W[w3 + i];
          s00 += a * v0;
          s01 += a * v1;
          s02 += a * v2;
          s03 += a * v3; // prettier-ignore
          s10 += c * v0;
          s11 += c * v1;
          s12 += c * v2;
          s13 += c * v3; // prettier-ignore
        }
        const y0 = r * nOut + o;
        const y1 = y0 + nOut;
        Y[y0] = s00 + b[o];
        Y[y0 + 1] = s01 + b[o + 1];
        Y[y0 + 2] = s02 + b[o + 2];
        Y[y0 + 3] = s03 + b[o + 3]; // prettier-ignore
        Y[y1] = s10 + b[o];
        Y[y1 + 1] = s11 + b[o + 1];
        Y[y1 + 2] = s12 + b[o + 2];
        Y[y1 + 3] = s13 + b[o + 3]; // prettier-ignore
      }
      for (; o < nOut; o++) {
        Y[r * nOut + o] = b[o] + dot(X, x0, W, o * nIn, nIn);
        Y[(r + 1) * nOut + o] = b[o] + dot(X, x1, W, o * nIn, nIn);
      }
    }
    for (; r < batch; r++) {
      for (let o = 0; o < nOut; o++) Y[r * nOut + o] = b[o] + dot(X, r * nIn, W, o * nIn, nIn);
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
    for (let o = 0; o < nOut; o++) {
      let s = 0;
      for (let r = 0; r < batch; r++) s += dZ[r * nOut + o];
      db[o] = s;
    }
    // dW_oi = sum_r dz_ro x_ri, tiles of 2 outputs x 4 inputs
    let o = 0;
    for (; o + 2 <= nOut; o += 2) {
      let i = 0;
      for (; i + 4 <= nIn; i += 4) {
        let s00 = 0, s01 = 0, s02 = 0, s03 = 0, s10 = 0, s11 = 0, s12 = 0, s13 = 0; // prettier-ignore
        for (let r = 0; r < batch; r++) {
          const g0 = dZ[r * nOut + o];
          const g1 = dZ[r * nOut + o + 1];
          const x = r * nIn + i;
          const a0 = X[x], a1 = X[x + 1], a2 = X[x + 2], a3 = X[x + 3]; // prettier-ignore
          s00 += g0 * a0;
          s01 += g0 * a1;
          s02 += g0 * a2;
          s03 += g0 * a3; // prettier-ignore
          s10 += g1 * a0;
          s11 += g1 * a1;
          s12 += g1 * a2;
          s13 += g1 * a3; // prettier-ignore
        }
        const d0 = o * nIn + i;
        const d1 = d0 + nIn;
        dW[d0] = s00;
        dW[d0 + 1] = s01;
        dW[d0 + 2] = s02;
        dW[d0 + 3] = s03; // prettier-ignore
        dW[d1] = s10;
        dW[d1 + 1] = s11;
        dW[d1 + 2] = s12;
        dW[d1 + 3] = s13; // prettier-ignore
      }
      for (; i < nIn; i++) {
        dW[o * nIn + i] = colDot(dZ, o, nOut, X, i, nIn, batch);
        dW[(o + 1) * nIn + i] = colDot(dZ, o + 1, nOut, X, i, nIn, batch);
      }
    }
    for (; o < nOut; o++) {
      for (let i = 0; i < nIn; i++) dW[o * nIn + i] = colDot(dZ, o, nOut, X, i, nIn, batch);
    }
    if (dX === null) return;
    // dx_r = f'(x_r) * sum_o dz_ro W_o (rows of W added with weights dz_ro; zeros skipped)
    dX.fill(0, 0, batch * nIn);
    for (let r = 0; r < batch; r++) {
      const x = r * nIn;
      for (let o = 0; o < nOut; o++) {
        const g = dZ[r * nOut + o];
        if (g === 0) continue;
        const w = o * nIn;
        for (let i = 0; i < nIn; i++) dX[x + i] += g * W[w + i];
      }
      for (let i = 0; i < nIn; i++) dX[x + i] *= activationSlope(actIn, X[x + i]);
    }
  }
}

/** sum_i a[ao + i] b[bo + i]. */
function dot(a: Vec, ao: number, b: Vec, bo: number, n: number): number {
  let s = 0;
  for (let i = 0; i < n; i++) s += a[ao + i] * b[bo + i];
  return s;
}

/** sum_r g[r nOut + o] x[r nIn + i]: one entry of dZ^T X. */
function colDot(g: Vec, o: number, nOut: number, x: Vec, i: number, nIn: number, batch: number) {
  let s = 0;
  for (let r = 0; r < batch; r++) s += g[r * nOut + o] * x[r * nIn + i];
  return s;
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
