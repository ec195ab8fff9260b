import type { Vec } from "../../util/check";
import { activate, activationSlope, type Activation } from "../activations";
import type {
  Allocation,
  DenseBackwardArrays,
  DenseForwardArrays,
  DenseShape,
  Kernels,
} from "./kernels";

/**
 * The reference kernels: float64 and plain loops that follow the formulas line by line. Slow
 * (one epoch of MNIST takes tens of seconds) but easy to read; the fast paths are tested
 * against them.
 */
export class ReferenceKernels implements Kernels {
  readonly path = "reference";
  readonly float = "float64";

  allocate(floatSizes: readonly number[], intSizes: readonly number[]): Allocation {
    return {
      floats: floatSizes.map((n) => new Float64Array(n)),
      ints: intSizes.map((n) => new Int32Array(n)),
    };
  }

  /** y_ro = f(b_o + sum_i x_ri w_io). */
  denseForward(
    { X, W, b, Y }: DenseForwardArrays,
    { batch, nIn, nOut }: DenseShape,
    act: Activation,
  ) {
    for (let r = 0; r < batch; r++) {
      for (let o = 0; o < nOut; o++) {
        let z = b[o];
        for (let i = 0; i < nIn; i++) z += X[r * nIn + i] * W[i * nOut + o];
        Y[r * nOut + o] = activate(act, z);
      }
    }
  }

  /** loss_r = log sum_j e^{z_rj} - z_ry (computed with the max subtracted, so e^ never overflows). */
  softmaxCrossEntropy(Z: Vec, labels: Int32Array, dZ: Vec, batch: number, k: number): number {
    let loss = 0;
    for (let r = 0; r < batch; r++) {
      let max = -Infinity;
      for (let j = 0; j < k; j++) max = Math.max(max, Z[r * k + j]);
      let sum = 0;
      for (let j = 0; j < k; j++) sum += Math.exp(Z[r * k + j] - max);
      const y = labels[r];
      loss += Math.log(sum) + max - Z[r * k + y];
      for (let j = 0; j < k; j++) {
        const p = Math.exp(Z[r * k + j] - max) / sum;
        dZ[r * k + j] = (p - (j === y ? 1 : 0)) / batch;
      }
    }
    return loss / batch;
  }

  /** dW_io = sum_r x_ri dz_ro, db_o = sum_r dz_ro, dx_ri = f'(x_ri) sum_o dz_ro w_io. */
  denseBackward(
    { dZ, X, W, dW, db, dX }: DenseBackwardArrays,
    { batch, nIn, nOut }: DenseShape,
    actIn: Activation,
  ) {
    for (let o = 0; o < nOut; o++) {
      let s = 0;
      for (let r = 0; r < batch; r++) s += dZ[r * nOut + o];
      db[o] = s;
      for (let i = 0; i < nIn; i++) {
        let g = 0;
        for (let r = 0; r < batch; r++) g += X[r * nIn + i] * dZ[r * nOut + o];
        dW[i * nOut + o] = g;
      }
    }
    if (dX === null) return;
    for (let r = 0; r < batch; r++) {
      for (let i = 0; i < nIn; i++) {
        let g = 0;
        for (let o = 0; o < nOut; o++) g += dZ[r * nOut + o] * W[i * nOut + o];
        dX[r * nIn + i] = g * activationSlope(actIn, X[r * nIn + i]);
      }
    }
  }

  /** y_j <- y_j + alpha x_j. */
  axpy(y: Vec, x: Vec, alpha: number, n: number): void {
    for (let j = 0; j < n; j++) y[j] += alpha * x[j];
  }
}
