/**
 * Notebook 05, reference solutions: mini-batch SGD and a small network's forward/backward pass.
 * The exercise file (`exercises/05-sgd-mnist.ts`) states each task.
 */
import type {
  BatchGradient,
  DenseDims,
  DenseGrads,
  LossAndDLogits,
  MlpDims,
  MlpLossAndGrads,
  MlpParams,
  Uniform,
} from "../exercises/05-sgd-mnist";

export function shuffledBatches(N: number, B: number, rng: Uniform, dropLast = false): number[][] {
  const sigma = Array.from({ length: N }, (_, i) => i);
  for (let i = N - 1; i >= 1; i--) {
    const j = Math.floor(rng() * (i + 1));
    [sigma[i], sigma[j]] = [sigma[j], sigma[i]];
  }
  const batches: number[][] = [];
  for (let start = 0; start < N; start += B) {
    const batch = sigma.slice(start, start + B);
    if (batch.length < B && dropLast) break;
    batches.push(batch);
  }
  return batches;
}

export function softmax(logits: Float64Array, n: number, k: number): Float64Array {
  const probs = new Float64Array(n * k);
  for (let i = 0; i < n; i++) {
    const row = logits.subarray(i * k, (i + 1) * k);
    const max = Math.max(...row);
    let sum = 0;
    for (let j = 0; j < k; j++) {
      probs[i * k + j] = Math.exp(row[j] - max);
      sum += probs[i * k + j];
    }
    for (let j = 0; j < k; j++) probs[i * k + j] /= sum;
  }
  return probs;
}

export function softmaxCrossEntropy(
  logits: Float64Array,
  labels: ArrayLike<number>,
  n: number,
  k: number,
): LossAndDLogits {
  const dlogits = softmax(logits, n, k);
  let loss = 0;
  for (let i = 0; i < n; i++) {
    // -ln softmax(z)_y = logsumexp(z) - z_y, with logsumexp(z) = max + ln sum e^{z - max}.
    const row = logits.subarray(i * k, (i + 1) * k);
    const max = Math.max(...row);
    let sum = 0;
    for (let j = 0; j < k; j++) sum += Math.exp(row[j] - max);
    loss += max + Math.log(sum) - row[labels[i]];
    dlogits[i * k + labels[i]] -= 1;
  }
  for (let idx = 0; idx < n * k; idx++) dlogits[idx] /= n;
  return { loss: loss / n, dlogits };
}

export function denseForward(
  X: Float64Array,
  W: Float64Array,
  b: Float64Array,
  dims: DenseDims,
): Float64Array {
  const { n, dIn, dOut } = dims;
  const Y = new Float64Array(n * dOut);
  for (let i = 0; i < n; i++) {
    for (let o = 0; o < dOut; o++) {
      let s = b[o];
      for (let j = 0; j < dIn; j++) s += X[i * dIn + j] * W[o * dIn + j];
      Y[i * dOut + o] = s;
    }
  }
  return Y;
}

export function denseBackward(
  X: Float64Array,
  W: Float64Array,
  dY: Float64Array,
  dims: DenseDims,
): DenseGrads {
  const { n, dIn, dOut } = dims;
  const dX = new Float64Array(n * dIn);
  const dW = new Float64Array(dOut * dIn);
  const db = new Float64Array(dOut);
  for (let i = 0; i < n; i++) {
    for (let o = 0; o < dOut; o++) {
      const g = dY[i * dOut + o];
      db[o] += g;
      for (let j = 0; j < dIn; j++) {
        dX[i * dIn + j] += g * W[o * dIn + j];
        dW[o * dIn + j] += g * X[i * dIn + j];
      }
    }
  }
  return { dX, dW, db };
}

export function mlpLossAndGradient(
  params: MlpParams,
  X: Float64Array,
  labels: ArrayLike<number>,
  dims: MlpDims,
): MlpLossAndGrads {
  const { n, dIn, dHidden, dOut } = dims;
  const layer1 = { n, dIn, dOut: dHidden };
  const layer2 = { n, dIn: dHidden, dOut };
  // Forward.
  const A = denseForward(X, params.W1, params.b1, layer1);
  const H = A.map((a) => Math.max(a, 0));
  const Z = denseForward(H, params.W2, params.b2, layer2);
  const { loss, dlogits } = softmaxCrossEntropy(Z, labels, n, dOut);
  // Backward.
  const second = denseBackward(H, params.W2, dlogits, layer2);
  const dA = second.dX.map((dh, idx) => (A[idx] > 0 ? dh : 0));
  const first = denseBackward(X, params.W1, dA, layer1);
  return { loss, grads: { W1: first.dW, b1: first.db, W2: second.dW, b2: second.db } };
}

export function sgdEpoch(
  p: Float64Array,
  N: number,
  B: number,
  eta: number,
  rng: Uniform,
  batchGradient: BatchGradient,
  dropLast = false,
): { p: Float64Array; steps: number } {
  const batches = shuffledBatches(N, B, rng, dropLast);
  let current = Float64Array.from(p);
  for (const batch of batches) {
    const g = batchGradient(current, batch);
    current = current.map((pi, i) => pi - eta * g[i]);
  }
  return { p: current, steps: batches.length };
}

// A derived gradient, and the answers to the questions.
import type { SgdQuiz } from "../exercises/05-sgd-mnist";

export function labelSmoothingGradient(
  logits: Float64Array,
  label: number,
  eps: number,
): Float64Array {
  // dL/dz_j = sum_l q_l (softmax_j - [j = l]) = softmax_j - q_j, since the q_l sum to 1
  const k = logits.length;
  const max = Math.max(...logits);
  const e = logits.map((z) => Math.exp(z - max));
  const total = e.reduce((s, v) => s + v, 0);
  return e.map((v, j) => v / total - ((1 - eps) * (j === label ? 1 : 0) + eps / k));
}

export function sgdQuiz(): SgdQuiz {
  return { stepsPerEpoch: 469, lastBatchSize: 96, batchExpectation: "a", logitGradientSum: 0 };
}

export function weightedCrossEntropy(
  logits: Float64Array,
  labels: ArrayLike<number>,
  weights: Float64Array,
  n: number,
  k: number,
): LossAndDLogits {
  const dlogits = softmax(logits, n, k);
  let total = 0;
  for (let i = 0; i < n; i++) total += weights[labels[i]];
  let loss = 0;
  for (let i = 0; i < n; i++) {
    const row = logits.subarray(i * k, (i + 1) * k);
    const max = Math.max(...row);
    let sum = 0;
    for (let j = 0; j < k; j++) sum += Math.exp(row[j] - max);
    const c = weights[labels[i]];
    loss += c * (max + Math.log(sum) - row[labels[i]]);
    // d/dz_i of c_i (-ln softmax(z_i)_{y_i}) is c_i (softmax(z_i) - onehot(y_i)); then / total.
    dlogits[i * k + labels[i]] -= 1;
    for (let j = 0; j < k; j++) dlogits[i * k + j] *= c / total;
  }
  return { loss: loss / total, dlogits };
}

export function softmaxSquaredErrorGradient(logits: Float64Array, label: number): Float64Array {
  const k = logits.length;
  const s = softmax(logits, 1, k);
  // r = s - onehot(y); ds_j/dz_m = s_j ([j = m] - s_m), so dL/dz_m = s_m (r_m - s.r).
  const r = s.map((v, j) => v - (j === label ? 1 : 0));
  let sr = 0;
  for (let j = 0; j < k; j++) sr += s[j] * r[j];
  return s.map((v, m) => v * (r[m] - sr));
}

import type { SgdWritten } from "../exercises/05-sgd-mnist";

/** The reference explanation: shown beside the answers at the grading desk and after the due date. */
export function sgdWritten(): SgdWritten {
  return {
    whyReshuffle:
      "With one fixed order every epoch repeats the same sequence of biased batch steps, so the " +
      "errors do not average out and the iterate can cycle; a fresh permutation makes each batch " +
      "gradient an unbiased estimate of the full gradient whose noise averages out over epochs.",
  };
}
