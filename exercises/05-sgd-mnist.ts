/**
 * Notebook 05, exercises: mini-batch SGD and the pieces of a small network for MNIST.
 *
 * Shapes: a batch of n rows with k columns is a row-major Float64Array of length n * k
 * (entry (i, j) at index i * k + j). A dense layer's weight W has shape dOut x dIn (PyTorch's
 * nn.Linear layout), so y = W x + b for one row. Rules for every exercise: compute in float64;
 * never change the arrays you are given (return new ones); draw random numbers only from the
 * `rng` you are given (never `Math.random`).
 */
import { NotImplementedError } from "../lib/util/exercise";

/** A source of uniform numbers in [0, 1), e.g. a seeded generator. */
export type Uniform = () => number;

/** Sizes of a dense layer applied to a batch. */
export interface DenseDims {
  /** batch size */
  n: number;
  dIn: number;
  dOut: number;
}

/** Gradients of a dense layer. */
export interface DenseGrads {
  /** n x dIn */
  dX: Float64Array;
  /** dOut x dIn */
  dW: Float64Array;
  /** dOut */
  db: Float64Array;
}

/** Mean cross-entropy over a batch and its gradient with respect to the logits (n x k). */
export interface LossAndDLogits {
  loss: number;
  dlogits: Float64Array;
}

/** A one-hidden-layer MLP: x -> relu(W1 x + b1) -> W2 h + b2 (the logits). */
export interface MlpParams {
  /** dHidden x dIn */
  W1: Float64Array;
  /** dHidden */
  b1: Float64Array;
  /** dOut x dHidden */
  W2: Float64Array;
  /** dOut */
  b2: Float64Array;
}

/** Sizes of an MLP batch. */
export interface MlpDims {
  n: number;
  dIn: number;
  dHidden: number;
  dOut: number;
}

/** The batch loss and the gradient for every parameter (same shapes as the parameters). */
export interface MlpLossAndGrads {
  loss: number;
  grads: MlpParams;
}

/** A function returning the mean gradient of the loss over the samples in `batch`. */
export type BatchGradient = (p: Float64Array, batch: readonly number[]) => Float64Array;

/**
 * Exercise `shuffledBatches`: the mini-batches of one epoch (notebook 05, section 2).
 * Draw a permutation sigma of 0..N-1 by Fisher-Yates, exactly in this order:
 *
 *     sigma = [0, 1, ..., N-1]
 *     for i = N-1 down to 1:  j = floor(rng() * (i + 1));  swap sigma[i] and sigma[j]
 *
 * then cut it into consecutive batches of B indices: batch s is sigma[sB .. (s+1)B - 1].
 * The last batch may be shorter (kept), unless `dropLast` is true (then it is dropped).
 * Inputs: `N` >= 0, `B` >= 1, `rng`, `dropLast` [false]. Output: the list of batches.
 */
export function shuffledBatches(N: number, B: number, rng: Uniform, dropLast = false): number[][] {
  void [N, B, rng, dropLast]; // delete this line and the next one when you implement it
  throw new NotImplementedError("shuffledBatches");
}

/**
 * Exercise `softmax`: the softmax of each row of the n x k logits,
 *
 *     softmax(z)_j = e^{z_j - max(z)} / sum_l e^{z_l - max(z)}
 *
 * (subtracting the row's max changes nothing mathematically and prevents overflow: it must
 * work for logits like 1000). Output: a new n x k array whose rows sum to 1.
 */
export function softmax(logits: Float64Array, n: number, k: number): Float64Array {
  void [logits, n, k]; // delete this line and the next one when you implement it
  throw new NotImplementedError("softmax");
}

/**
 * Exercise `softmaxCrossEntropy` (derive the gradient): the mean cross-entropy of softmax
 * probabilities against integer labels,
 *
 *     loss = (1/n) sum_i -ln softmax(z_i)_{y_i},    softmax(z)_j = e^{z_j} / sum_l e^{z_l},
 *
 * and its gradient with respect to every logit z_ij (an n x k array). Derive the gradient with
 * the chain rule: first for one row (differentiate ln softmax(z)_y with respect to each z_j,
 * j = y and j != y), then account for the mean. Compute the loss stably (logits like 1000
 * must work: never take the log of a probability that rounded to 0).
 *
 * Inputs: `logits` n x k, `labels` (n integers in 0..k-1), `n`, `k`.
 * Output: { loss, dlogits (n x k) }.
 */
export function softmaxCrossEntropy(
  logits: Float64Array,
  labels: ArrayLike<number>,
  n: number,
  k: number,
): LossAndDLogits {
  void [logits, labels, n, k]; // delete this line and the next one when you implement it
  throw new NotImplementedError("softmaxCrossEntropy");
}

/**
 * Exercise `denseForward`: a dense (fully connected) layer on a batch,
 *
 *     Y = X W' + b,   Y[i][o] = b[o] + sum_j X[i][j] W[o][j].
 *
 * Inputs: `X` n x dIn, `W` dOut x dIn, `b` dOut, the sizes. Output: Y, a new n x dOut array.
 */
export function denseForward(
  X: Float64Array,
  W: Float64Array,
  b: Float64Array,
  dims: DenseDims,
): Float64Array {
  void [X, W, b, dims]; // delete this line and the next one when you implement it
  throw new NotImplementedError("denseForward");
}

/**
 * Exercise `denseBackward` (derive it): the backward pass of the dense layer Y = X W' + b above.
 * Given dY = dL/dY (n x dOut), the gradient of a loss L with respect to Y, return the gradients
 * of L with respect to the layer's input and parameters:
 *
 *     dX = dL/dX (n x dIn),   dW = dL/dW (dOut x dIn),   db = dL/db (dOut).
 *
 * Derive each from Y[i][o] = b[o] + sum_j X[i][j] W[o][j] with the chain rule (L depends on X,
 * W and b only through Y; b is added to every row). The shapes must match those given.
 *
 * Inputs: `X`, `W` as in the forward pass, `dY`, the sizes. Output: { dX, dW, db } (new arrays).
 */
export function denseBackward(
  X: Float64Array,
  W: Float64Array,
  dY: Float64Array,
  dims: DenseDims,
): DenseGrads {
  void [X, W, dY, dims]; // delete this line and the next one when you implement it
  throw new NotImplementedError("denseBackward");
}

/**
 * Exercise `mlpLossAndGradient` (derive it): the loss of a one-hidden-layer MLP with ReLU and
 * mean softmax cross-entropy, and its gradient with respect to every parameter:
 *
 *     A = X W1' + b1  (n x dHidden),   H = relu(A),   Z = H W2' + b2  (n x dOut),
 *     loss = softmaxCrossEntropy(Z, labels)
 *
 * Work out the backward pass yourself: which gradient each step needs from the step after it,
 * and what relu does to a gradient flowing back through it (relu'(0) is taken as 0).
 * Inputs: `params`, `X` n x dIn, `labels` (n integers in 0..dOut-1), the sizes.
 * Output: { loss, grads } with grads shaped like params. You may call your functions above.
 */
export function mlpLossAndGradient(
  params: MlpParams,
  X: Float64Array,
  labels: ArrayLike<number>,
  dims: MlpDims,
): MlpLossAndGrads {
  void [params, X, labels, dims]; // delete this line and the next one when you implement it
  throw new NotImplementedError("mlpLossAndGradient");
}

/**
 * Exercise `sgdEpoch`: one epoch of mini-batch SGD.
 * Draw the epoch's batches with shuffledBatches(N, B, rng, dropLast) (call it: the same rng
 * calls in the same order), then for each batch in turn:
 *
 *     p <- p - eta batchGradient(p, batch).
 *
 * Inputs: parameters `p`, the number of samples `N`, batch size `B`, learning rate `eta`,
 * `rng`, `batchGradient`, `dropLast` [false]. Output: { p: the new parameters, steps: S } with
 * S the number of batches (ceil(N / B), or floor(N / B) with dropLast). Do not change p.
 */
export function sgdEpoch(
  p: Float64Array,
  N: number,
  B: number,
  eta: number,
  rng: Uniform,
  batchGradient: BatchGradient,
  dropLast = false,
): { p: Float64Array; steps: number } {
  void [p, N, B, eta, rng, batchGradient, dropLast]; // delete this line and the next one
  throw new NotImplementedError("sgdEpoch");
}

// ---------------------------------------------------------------------------------------------
// Gradients to derive.

/**
 * Exercise `labelSmoothingGradient` (derive it; no formula is given): cross-entropy against a
 * smoothed target. For one row of logits z (length k), a label y in 0..k-1 and 0 <= eps < 1:
 *
 *     q_j = (1 - eps) [j = y] + eps / k          (the smoothed target; the q_j sum to 1)
 *     L(z) = - sum_j q_j ln softmax(z)_j
 *
 * Find dL/dz with the chain rule (through ln softmax) and return it; do not use finite
 * differences. Inputs: `logits` (length k), `label`, `eps`. Output: dL/dz, a new Float64Array
 * of length k. It must work for logits like 1000.
 */
export function labelSmoothingGradient(
  logits: Float64Array,
  label: number,
  eps: number,
): Float64Array {
  void [logits, label, eps]; // delete this line and the next one when you implement it
  throw new NotImplementedError("labelSmoothingGradient");
}

/**
 * Exercise `weightedCrossEntropy` (derive it; no formula is given): cross-entropy with class
 * weights, as PyTorch's `CrossEntropyLoss(weight=c)` computes it (reduction "mean"): each
 * sample's term is scaled by the weight of its class, and the mean divides by the sum of the
 * weights used, not by n:
 *
 *     loss = sum_i c_{y_i} (-ln softmax(z_i)_{y_i})  /  sum_i c_{y_i}
 *
 * Return the loss and its gradient with respect to the logits (n x k); derive the gradient.
 * Inputs: `logits` n x k, `labels` (n integers in 0..k-1), `weights` c (k numbers > 0), `n`, `k`.
 * Output: { loss, dlogits }. Logits like 1000 must work.
 */
export function weightedCrossEntropy(
  logits: Float64Array,
  labels: ArrayLike<number>,
  weights: Float64Array,
  n: number,
  k: number,
): LossAndDLogits {
  void [logits, labels, weights, n, k]; // delete this line and the next one when you implement it
  throw new NotImplementedError("weightedCrossEntropy");
}

/**
 * Exercise `softmaxSquaredErrorGradient` (derive it; no formula is given): the squared error
 * between the softmax probabilities and the one-hot label, for one row of logits z (length k):
 *
 *     L(z) = 1/2 sum_j ( softmax(z)_j - [j = y] )^2
 *
 * Return dL/dz (length k). You need the derivative of softmax(z)_j with respect to z_m for
 * every pair (j, m): derive it first. (Compare your result with the cross-entropy gradient when
 * the model is confidently wrong: this is why classifiers use cross-entropy.)
 * Inputs: `logits` (length k), `label` in 0..k-1. Output: a new Float64Array of length k. Logits
 * like 1000 must work.
 */
export function softmaxSquaredErrorGradient(logits: Float64Array, label: number): Float64Array {
  void [logits, label]; // delete this line and the next one when you implement it
  throw new NotImplementedError("softmaxSquaredErrorGradient");
}

// ---------------------------------------------------------------------------------------------
// Questions. Replace each `null` with your answer: a number (exact, or to 4 significant
// digits), or the letter of your choice as a string (e.g. "b"). Points in brackets; each
// answer's explanation is shown after the due date.

/** The answers to notebook 05's questions. */
export interface SgdQuiz {
  /** [1] MNIST's N = 60000 training images, batch size B = 128, last partial batch kept:
   * how many steps per epoch? */
  stepsPerEpoch: number | null;
  /** [1] And how many images are in the last batch? */
  lastBatchSize: number | null;
  /** [1] The mean gradient over one full batch of the shuffled scheme, averaged over the random
   * permutation, is (a) the mean gradient over all N samples (b) B times that (c) biased
   * towards the samples with small indices */
  batchExpectation: string | null;
  /** [1] For one row of softmax cross-entropy, what do the k entries of dloss/dz add up to? */
  logitGradientSum: number | null;
}

/** Exercise `sgdQuiz`: fill in your answers. */
export function sgdQuiz(): SgdQuiz {
  return {
    stepsPerEpoch: null,
    lastBatchSize: null,
    batchExpectation: null,
    logitGradientSum: null,
  };
}

// Written question: answer in a sentence or two, in your own words. Graded by hand at the
// grading desk with a rubric; the reference explanation is shown after the due date.

/** The written answers of notebook 05. */
export interface SgdWritten {
  /** [2] Why does SGD draw a fresh permutation of the training set every epoch instead of reusing one order? */
  whyReshuffle: string;
}

/** Written answers `sgdWritten`: replace each "" with your explanation. */
export function sgdWritten(): SgdWritten {
  return { whyReshuffle: "" };
}
