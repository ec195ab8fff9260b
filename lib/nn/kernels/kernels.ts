import type { Vec } from "../../util/check";
import type { Activation } from "../activations";

/**
 * The numerical kernels under the network: every array is row-major, a batch of `batch` rows.
 * A dense layer maps inputs X (batch x nIn) to outputs Y (batch x nOut) as
 *
 *   Y = f(X W + b),  W: nIn x nOut (row i holds the weights leaving input i),  b: nOut,
 *
 * i.e. y_r = f(W^T x_r + b) for each sample: W here is the transpose of the W in z = W x + b.
 *
 * Three implementations share this interface; the network code does not know which one runs:
 * - "reference": float64, plain loops, written to be read (kernels/reference.ts);
 * - "ts": float32 arrays, TypeScript loops that skip zero inputs (kernels/ts-f32.ts);
 * - "wasm": float32, WebAssembly SIMD128 compiled from AssemblyScript (kernels/wasm.ts).
 */
export type KernelPath = "reference" | "ts" | "wasm";

/** One dense layer on one batch: X is batch x nIn, W nIn x nOut, b nOut, Y and dZ batch x nOut. */
export interface DenseShape {
  readonly batch: number;
  readonly nIn: number;
  readonly nOut: number;
}

/** The arrays of a dense layer's forward pass: inputs X, weights W, bias b, outputs Y (written). */
export interface DenseForwardArrays {
  X: Vec;
  W: Vec;
  b: Vec;
  Y: Vec;
}

/**
 * The arrays of a dense layer's backward pass: dZ (the gradient at the layer's pre-activation),
 * the layer's inputs X and weights W, and the gradients it writes, dW, db and, unless null, dX.
 */
export interface DenseBackwardArrays {
  dZ: Vec;
  X: Vec;
  W: Vec;
  dW: Vec;
  db: Vec;
  dX: Vec | null;
}

export interface Kernels {
  readonly path: KernelPath;
  /** Float type of the arrays `allocate` returns. */
  readonly float: "float32" | "float64";
  /**
   * Allocate every array a model needs, at once (the WebAssembly path puts them in one fixed
   * memory that never grows, so the views stay valid). Call once per kernel instance.
   */
  allocate(floatSizes: readonly number[], intSizes: readonly number[]): Allocation;
  /** Forward through a dense layer, bias and activation fused: Y = f(X W + b). */
  denseForward(arrays: DenseForwardArrays, shape: DenseShape, act: Activation): void;
  /**
   * Softmax cross-entropy on logits Z (batch x k) with integer labels: returns the mean loss
   * (1/batch) sum_r -log p_r[y_r], p_r = softmax(Z_r), and writes dZ = (p - onehot(y)) / batch.
   */
  softmaxCrossEntropy(Z: Vec, labels: Int32Array, dZ: Vec, batch: number, k: number): number;
  /**
   * Backward through a dense layer given dZ = dLoss/d(pre-activation) (batch x nOut):
   * dW = X^T dZ, db = sum over rows of dZ, and, when dX is given, the gradient with respect to
   * the previous layer's pre-activation, dX = (dZ W^T) * f'(X) elementwise, where X = f(previous
   * pre-activation) is that layer's stored output and f its activation `actIn`.
   */
  denseBackward(arrays: DenseBackwardArrays, shape: DenseShape, actIn: Activation): void;
  /** y <- y + alpha x on the first n entries (a plain SGD step is axpy(p, g, -lr)). */
  axpy(y: Vec, x: Vec, alpha: number, n: number): void;
}

/** Arrays from `Kernels.allocate`, in the order of the requested sizes. */
export interface Allocation {
  floats: Vec[];
  ints: Int32Array[];
}
