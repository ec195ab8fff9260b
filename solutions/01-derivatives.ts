/**
 * Notebook 01, reference solutions: derivatives, gradients, the chain rule and autodiff.
 * The exercise file (`exercises/01-derivatives.ts`) states each task; the types live there.
 */
import type {
  LogisticLossAndGrad,
  Scalar1D,
  ScalarND,
  TapeNode,
  ValueAndGrad,
} from "../exercises/01-derivatives";

export function centralDifference(f: Scalar1D, x: number, h = 1e-5): number {
  return (f(x + h) - f(x - h)) / (2 * h);
}

/** sigma(z), written so that e^{...} is only taken of a number <= 0 (no overflow). */
function sigmoid(z: number): number {
  if (z >= 0) return 1 / (1 + Math.exp(-z));
  const e = Math.exp(z);
  return e / (1 + e);
}

export function sigmoidDerivative(z: number): number {
  const s = sigmoid(z);
  return s * (1 - s);
}

export function numericalGradient(f: ScalarND, x: Float64Array, h = 1e-5): Float64Array {
  const grad = new Float64Array(x.length);
  for (let i = 0; i < x.length; i++) {
    const plus = Float64Array.from(x);
    const minus = Float64Array.from(x);
    plus[i] += h;
    minus[i] -= h;
    grad[i] = (f(plus) - f(minus)) / (2 * h);
  }
  return grad;
}

export function relativeError(a: Float64Array, b: Float64Array): number {
  if (a.length !== b.length) {
    throw new Error(`relativeError: a has length ${a.length} but b has length ${b.length}`);
  }
  let worst = 0;
  for (let i = 0; i < a.length; i++) {
    const err = Math.abs(a[i] - b[i]) / Math.max(1e-8, Math.abs(a[i]) + Math.abs(b[i]));
    worst = Math.max(worst, err);
  }
  return worst;
}

/** softplus(u) = ln(1 + e^u), computed without overflow. */
function softplus(u: number): number {
  return u > 0 ? u + Math.log1p(Math.exp(-u)) : Math.log1p(Math.exp(u));
}

export function logisticLossAndGradient(
  X: Float64Array,
  y: Float64Array,
  w: Float64Array,
  b: number,
  lambda = 0,
): LogisticLossAndGrad {
  const n = y.length;
  const d = w.length;
  let loss = 0;
  const gradW = new Float64Array(d);
  let gradB = 0;
  for (let i = 0; i < n; i++) {
    let z = b;
    for (let j = 0; j < d; j++) z += X[i * d + j] * w[j];
    // -ln sigma(z) = softplus(-z) and -ln(1 - sigma(z)) = softplus(z).
    loss += y[i] * softplus(-z) + (1 - y[i]) * softplus(z);
    // Chain rule: dL/dz_i = sigma(z_i) - y_i, and dz_i/dw = x_i, dz_i/db = 1.
    const dz = sigmoid(z) - y[i];
    for (let j = 0; j < d; j++) gradW[j] += dz * X[i * d + j];
    gradB += dz;
  }
  // The penalty (lambda / 2) ||w||^2 adds lambda w to the gradient in w, nothing in b.
  for (let j = 0; j < d; j++) {
    loss += 0.5 * lambda * w[j] * w[j];
    gradW[j] += lambda * w[j];
  }
  return { loss, gradW, gradB };
}

export function reverseModeGradient(tape: readonly TapeNode[], x: Float64Array): ValueAndGrad {
  // Forward pass: the value of every node.
  const values = new Float64Array(tape.length);
  tape.forEach((node, k) => {
    switch (node.op) {
      case "input":
        values[k] = x[node.index];
        break;
      case "const":
        values[k] = node.value;
        break;
      case "add":
        values[k] = values[node.a] + values[node.b];
        break;
      case "mul":
        values[k] = values[node.a] * values[node.b];
        break;
      case "sin":
        values[k] = Math.sin(values[node.a]);
        break;
      case "exp":
        values[k] = Math.exp(values[node.a]);
        break;
      case "log":
        values[k] = Math.log(values[node.a]);
        break;
    }
  });

  // Backward pass: adjoints, from the output back to the inputs.
  const adjoint = new Float64Array(tape.length);
  const grad = new Float64Array(x.length);
  adjoint[tape.length - 1] = 1;
  for (let k = tape.length - 1; k >= 0; k--) {
    const node = tape[k];
    const dk = adjoint[k];
    switch (node.op) {
      case "input":
        grad[node.index] += dk;
        break;
      case "const":
        break;
      case "add":
        adjoint[node.a] += dk;
        adjoint[node.b] += dk;
        break;
      case "mul":
        adjoint[node.a] += dk * values[node.b];
        adjoint[node.b] += dk * values[node.a];
        break;
      case "sin":
        adjoint[node.a] += dk * Math.cos(values[node.a]);
        break;
      case "exp":
        adjoint[node.a] += dk * values[k];
        break;
      case "log":
        adjoint[node.a] += dk / values[node.a];
        break;
    }
  }
  return { value: values[tape.length - 1], grad };
}

// A derived gradient, and the answers to the questions.
import type { DerivativesQuiz } from "../exercises/01-derivatives";

export function quadraticFormGradient(A: Float64Array, x: Float64Array): Float64Array {
  // d/dx_k sum_ij A_ij x_i x_j = sum_j A_kj x_j + sum_i A_ik x_i = ((A + A') x)_k
  const d = x.length;
  const grad = new Float64Array(d);
  for (let k = 0; k < d; k++) {
    for (let j = 0; j < d; j++) grad[k] += (A[k * d + j] + A[j * d + k]) * x[j];
  }
  return grad;
}

export function derivativesQuiz(): DerivativesQuiz {
  return { centralOrder: 2, bestStep: "c", reversePasses: 1, sigmoidMaxSlope: 0.25 };
}

export function logisticHessian(X: Float64Array, w: Float64Array, b: number): Float64Array {
  const d = w.length;
  const H = new Float64Array(d * d);
  // One row x_i of X per pass (X is empty when d = 0).
  for (let row = 0; row < X.length; row += d) {
    let z = b;
    for (let j = 0; j < d; j++) z += X[row + j] * w[j];
    // d/dw of (sigma(z_i) - y_i) x_i is sigma'(z_i) x_i x_i': the labels drop out.
    const s = sigmoidDerivative(z);
    for (let j = 0; j < d; j++) {
      for (let k = 0; k < d; k++) H[j * d + k] += s * X[row + j] * X[row + k];
    }
  }
  return H;
}

export function residualNormGradient(
  A: Float64Array,
  x: Float64Array,
  y: Float64Array,
): Float64Array {
  const n = y.length;
  const d = x.length;
  const r = y.map((yi, i) => {
    let v = -yi;
    for (let j = 0; j < d; j++) v += A[i * d + j] * x[j];
    return v;
  });
  const norm = Math.hypot(...r);
  if (norm === 0) throw new Error("||Ax - y|| is not differentiable where Ax = y (here r = 0)");
  // f = sqrt(r'r), r = Ax - y: df/dx = A' r / ||r||.
  const grad = new Float64Array(d);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < d; j++) grad[j] += (A[i * d + j] * r[i]) / norm;
  }
  return grad;
}

import type { DerivativesWritten } from "../exercises/01-derivatives";

/** The reference explanation: shown beside the answers at the grading desk and after the due date. */
export function derivativesWritten(): DerivativesWritten {
  return {
    whySmallStepFails:
      "f(x + h) and f(x - h) then agree in almost every digit, so their difference keeps only a few " +
      "correct ones (cancellation), and dividing by 2h magnifies the rounding error like eps / h: " +
      "it grows as h shrinks while the truncation error h^2 falls.",
  };
}
