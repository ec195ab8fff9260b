/**
 * Notebook 01, exercises: derivatives, gradients, the chain rule and reverse-mode autodiff.
 *
 * Fill in each function body. Each stub says what goes in, what comes out (with shapes) and
 * what not to do; it gives the formula unless it says "derive it" (then derive it on paper and
 * check it with your numericalGradient). Run `npm run grade` to see your points, or
 * `npm run grade -- --watch` for feedback while you edit.
 *
 * Rules for every exercise: compute in float64 (`number`, `Float64Array`); never change the
 * arrays you are given (return new ones); never call `Math.random`.
 */
import { NotImplementedError } from "../lib/util/exercise";

/** A function of one real variable. */
export type Scalar1D = (x: number) => number;

/** A scalar function of a vector, f: R^d -> R. */
export type ScalarND = (x: Float64Array) => number;

/**
 * One node of a computation tape (a tiny computational graph, in evaluation order).
 * `a` and `b` are indices of earlier nodes; the last node of the tape is the output.
 * - `input`: the value x[index] of the input vector
 * - `const`: a constant number
 * - `add`, `mul`: a + b, a * b
 * - `sin`, `exp`, `log`: sin(a), e^a, ln(a)
 */
export type TapeNode =
  | { op: "input"; index: number }
  | { op: "const"; value: number }
  | { op: "add" | "mul"; a: number; b: number }
  | { op: "sin" | "exp" | "log"; a: number };

/** The value of the tape's output node and its gradient with respect to x. */
export interface ValueAndGrad {
  value: number;
  grad: Float64Array;
}

/** Loss and gradient of logistic regression. */
export interface LogisticLossAndGrad {
  loss: number;
  gradW: Float64Array;
  gradB: number;
}

/**
 * Exercise `centralDifference`: approximate f'(x) by the central difference
 *
 *     f'(x) ~ (f(x + h) - f(x - h)) / (2h)
 *
 * Inputs: `f` a function R -> R, the point `x`, the step `h` (default 1e-5, the course's choice
 * in float64). Output: one number. Its error is O(h^2), against O(h) for the forward difference.
 * Call f exactly twice.
 */
export function centralDifference(f: Scalar1D, x: number, h = 1e-5): number {
  void [f, x, h]; // delete this line and the next one when you implement the exercise
  throw new NotImplementedError("centralDifference");
}

/**
 * Exercise `sigmoidDerivative`: the derivative of the logistic sigmoid,
 *
 *     sigma(z) = 1 / (1 + e^{-z}),    sigma'(z) = sigma(z) (1 - sigma(z)).
 *
 * Input: a number z. Output: sigma'(z), a number in (0, 1/4]. Must be finite (never NaN) for
 * any finite z, including z = +-1000, where e^{-z} or e^{z} overflows to Infinity.
 * Do not use a finite difference: use the closed form.
 */
export function sigmoidDerivative(z: number): number {
  void z; // delete this line and the next one when you implement the exercise
  throw new NotImplementedError("sigmoidDerivative");
}

/**
 * Exercise `numericalGradient`: the gradient of f: R^d -> R by central differences, one
 * coordinate at a time:
 *
 *     (grad f)_i ~ (f(x + h e_i) - f(x - h e_i)) / (2h),   e_i the i-th unit vector.
 *
 * Inputs: `f`, the point `x` (length d), the step `h` (default 1e-5).
 * Output: a new Float64Array of length d. Do not change `x`: build perturbed copies
 * (after the call, x must hold exactly its old values). d = 0 gives an empty array.
 */
export function numericalGradient(f: ScalarND, x: Float64Array, h = 1e-5): Float64Array {
  void [f, x, h]; // delete this line and the next one when you implement the exercise
  throw new NotImplementedError("numericalGradient");
}

/**
 * Exercise `relativeError`: the course's gradient-check error between two vectors,
 *
 *     err(a, b) = max_i |a_i - b_i| / max(1e-8, |a_i| + |b_i|).
 *
 * Inputs: `a`, `b` of the same length n. Output: a number >= 0; 0 for n = 0.
 * Below 1e-7 means the gradients agree; above 1e-4 means a bug.
 * If the lengths differ, throw an Error that says so.
 */
export function relativeError(a: Float64Array, b: Float64Array): number {
  void [a, b]; // delete this line and the next one when you implement the exercise
  throw new NotImplementedError("relativeError");
}

/**
 * Exercise `logisticLossAndGradient` (derive the gradient): logistic regression with an L2
 * (Tikhonov) penalty on the weights. With sigma(z) = 1 / (1 + e^{-z}), z_i = x_i . w + b and
 * labels y_i in {0, 1}:
 *
 *     L(w, b) = - sum_i [ y_i ln sigma(z_i) + (1 - y_i) ln(1 - sigma(z_i)) ] + (lambda / 2) ||w||^2
 *
 * (the bias b is not penalised). Return L and its gradient with respect to w and to b. Notebook
 * 01, section 7, derives the case of one feature without the penalty; here x_i and w are vectors
 * and the penalty is part of L: derive the gradient of the whole with the chain rule.
 *
 * Inputs: `X` row-major n x d (row i is x_i, entry (i, j) at X[i * d + j]), `y` length n,
 * `w` length d, the bias `b`, `lambda` >= 0 [0]. Output: { loss (a number), gradW (length d),
 * gradB (a number) }. The loss must stay finite when |z_i| is large (e.g. 800): never take the
 * log of a sigma that rounded to 0 or 1. n = 0 leaves only the penalty.
 */
export function logisticLossAndGradient(
  X: Float64Array,
  y: Float64Array,
  w: Float64Array,
  b: number,
  lambda = 0,
): LogisticLossAndGrad {
  void [X, y, w, b, lambda]; // delete this line and the next one when you implement the exercise
  throw new NotImplementedError("logisticLossAndGradient");
}

/**
 * Exercise `reverseModeGradient`: reverse-mode automatic differentiation over a tape.
 *
 * Forward pass: evaluate the nodes in order (node k may use only nodes before k).
 * Backward pass: set the adjoint of the output (the last node) to 1, then walk the tape
 * backwards and push each node's adjoint to its inputs with the local derivatives
 * (chain rule): add: da += dk, db += dk; mul: da += dk * b, db += dk * a;
 * sin: da += dk * cos(a); exp: da += dk * e^a; log: da += dk / a.
 * An input node adds its adjoint to grad[index] (an input may appear in several nodes).
 *
 * Inputs: `tape` (at least one node), the input vector `x`.
 * Output: { value: the output node's value, grad: d value / d x, a new array of length x.length }.
 */
export function reverseModeGradient(tape: readonly TapeNode[], x: Float64Array): ValueAndGrad {
  void [tape, x]; // delete this line and the next one when you implement the exercise
  throw new NotImplementedError("reverseModeGradient");
}

// ---------------------------------------------------------------------------------------------
// Gradients to derive.

/**
 * Exercise `quadraticFormGradient` (derive it; no formula is given): the gradient of
 *
 *     f(x) = x'Ax = sum_i sum_j A_ij x_i x_j
 *
 * for a square matrix A that need NOT be symmetric. Differentiate with respect to each x_k and
 * write the result with A and its transpose; do not use finite differences.
 *
 * Inputs: `A` row-major d x d (entry (i, j) at A[i * d + j]), `x` of length d.
 * Output: grad f(x), a new Float64Array of length d.
 */
export function quadraticFormGradient(A: Float64Array, x: Float64Array): Float64Array {
  void [A, x]; // delete this line and the next one when you implement it
  throw new NotImplementedError("quadraticFormGradient");
}

/**
 * Exercise `logisticHessian` (derive it; no formula is given): the matrix of second derivatives
 * of the unpenalised logistic loss of `logisticLossAndGradient` (lambda = 0) with respect to w,
 *
 *     H_jk = d^2 L / (dw_j dw_k),    L(w, b) = - sum_i [ y_i ln sigma(z_i) + (1 - y_i) ln(1 - sigma(z_i)) ],
 *
 * z_i = x_i . w + b. Differentiate your gradient once more (the labels y are not needed: find
 * out why). Newton's method (notebook 03) needs this matrix. Do not use finite differences.
 *
 * Inputs: `X` row-major n x d, `w` length d, the bias `b`.
 * Output: H, a new row-major d x d Float64Array (entry (j, k) at H[j * d + k]). It must be finite
 * for |z_i| as large as 800. n = 0 gives the zero matrix.
 */
export function logisticHessian(X: Float64Array, w: Float64Array, b: number): Float64Array {
  void [X, w, b]; // delete this line and the next one when you implement it
  throw new NotImplementedError("logisticHessian");
}

/**
 * Exercise `residualNormGradient` (derive it; no formula is given): the gradient of the length
 * (not the squared length) of a residual,
 *
 *     f(x) = ||A x - y||_2 = sqrt( sum_i ( sum_j A_ij x_j - y_i )^2 ),
 *
 * for a matrix A with n rows and d columns (n and d may differ). Use the chain rule; do not use
 * finite differences. Where A x = y, f is not differentiable: throw an Error that says so.
 *
 * Inputs: `A` row-major n x d (entry (i, j) at A[i * d + j]), `x` length d, `y` length n.
 * Output: grad f(x), a new Float64Array of length d.
 */
export function residualNormGradient(
  A: Float64Array,
  x: Float64Array,
  y: Float64Array,
): Float64Array {
  void [A, x, y]; // delete this line and the next one when you implement it
  throw new NotImplementedError("residualNormGradient");
}

// ---------------------------------------------------------------------------------------------
// Questions. Replace each `null` with your answer: a number (exact, or to 4 significant
// digits), or the letter of your choice as a string (e.g. "b"). Points in brackets; each
// answer's explanation is shown after the due date.

/** The answers to notebook 01's questions. */
export interface DerivativesQuiz {
  /** [1] The central difference's truncation error shrinks like h^p as h -> 0. p? */
  centralOrder: number | null;
  /** [1] In float64, which h gives the most accurate central difference of sin at x = 1?
   * (a) 1e-15 (b) 1e-10 (c) 1e-5 (d) 1e-2 */
  bestStep: string | null;
  /** [1] How many backward (reverse-mode) passes give the whole gradient of f: R^1000 -> R? */
  reversePasses: number | null;
  /** [1] The largest value of sigma'(z) over all real z? */
  sigmoidMaxSlope: number | null;
}

/** Exercise `derivativesQuiz`: fill in your answers. */
export function derivativesQuiz(): DerivativesQuiz {
  return { centralOrder: null, bestStep: null, reversePasses: null, sigmoidMaxSlope: null };
}

// Written question: answer in a sentence or two, in your own words. Graded by hand at the
// grading desk with a rubric; the reference explanation is shown after the due date.

/** The written answers of notebook 01. */
export interface DerivativesWritten {
  /** [2] Why does the central difference of sin at x = 1 get less accurate, not more, when h shrinks from 1e-5 to 1e-12? */
  whySmallStepFails: string;
}

/** Written answers `derivativesWritten`: replace each "" with your explanation. */
export function derivativesWritten(): DerivativesWritten {
  return { whySmallStepFails: "" };
}
