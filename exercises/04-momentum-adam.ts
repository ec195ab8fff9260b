/**
 * Notebook 04, exercises: momentum, RMSProp, Adam, AdamW and gradient clipping.
 *
 * The names, argument order and state fields follow the library's update rules (`sgdStep`,
 * `rmspropStep`, `adamStep`, `adamwStep` in lib/optim) and PyTorch's conventions. One
 * difference: the library updates `p` and `state` in place; here each step is a pure function
 * that returns the new parameters and a new state, and changes none of its inputs.
 * g is the gradient at step t; t starts at 1 (state.step counts the steps already done).
 */
import { NotImplementedError } from "../lib/util/exercise";

/** Momentum state: `step` = updates done so far, `buf` = the momentum buffer b (zeros at first). */
export interface SgdState {
  step: number;
  buf: Float64Array;
}

/** SGD hyperparameters (defaults in brackets). */
export interface SgdHyper {
  /** learning rate eta */
  eta: number;
  /** momentum mu [0] */
  mu?: number;
  /** dampening [0] */
  dampening?: number;
  /** Nesterov momentum [false] */
  nesterov?: boolean;
  /** L2 weight decay wd [0] */
  weightDecay?: number;
}

/** RMSProp state: `step` = updates done, `squareAvg` = the running average s (zeros at first). */
export interface RmspropState {
  step: number;
  squareAvg: Float64Array;
}

/** RMSProp hyperparameters (defaults in brackets). */
export interface RmspropHyper {
  eta: number;
  /** smoothing constant alpha [0.99] */
  alpha?: number;
  /** eps [1e-8], added to sqrt(s) */
  eps?: number;
}

/** Adam state: `step` = steps taken so far (0 at first), `m`, `v` = the moments (0 at first). */
export interface AdamState {
  step: number;
  m: Float64Array;
  v: Float64Array;
}

/** Adam / AdamW hyperparameters (defaults in brackets). */
export interface AdamHyper {
  /** learning rate eta [1e-3] */
  eta?: number;
  /** [0.9] */
  beta1?: number;
  /** [0.999] */
  beta2?: number;
  /** [1e-8] */
  eps?: number;
  /** weight decay wd [0 for Adam (L2), 0.01 for AdamW (decoupled)] */
  weightDecay?: number;
}

/** The result of one optimizer step: new parameters and the new state. */
export interface StepResult<S> {
  p: Float64Array;
  state: S;
}

/** Clipped copies of the gradients and the total norm measured before clipping. */
export interface ClipResult {
  grads: Float64Array[];
  norm: number;
}

/**
 * Exercise `sgdStep`: SGD with momentum, PyTorch's form. With t = state.step + 1:
 *
 *     g <- g + wd p
 *     b_1 = g (first step);   b_t = mu b_{t-1} + (1 - dampening) g  (t > 1)
 *     direction = g + mu b_t if nesterov else b_t
 *     p <- p - eta direction
 *
 * With mu = 0 this is plain gradient descent (the buffer may stay as it is).
 * Output: { p: new parameters, state: { step: t, buf: new buffer } }. Do not change p, g or state.
 */
export function sgdStep(
  p: Float64Array,
  g: Float64Array,
  state: SgdState,
  hyper: SgdHyper,
): StepResult<SgdState> {
  void [p, g, state, hyper]; // delete this line and the next one when you implement it
  throw new NotImplementedError("sgdStep");
}

/**
 * Exercise `rmspropStep`: RMSProp (PyTorch's form, eps outside the root), elementwise:
 *
 *     s <- alpha s + (1 - alpha) g^2
 *     p <- p - eta g / (sqrt(s) + eps)
 *
 * Output: { p, state: { step: state.step + 1, squareAvg: new s } }. Do not change the inputs.
 */
export function rmspropStep(
  p: Float64Array,
  g: Float64Array,
  state: RmspropState,
  hyper: RmspropHyper,
): StepResult<RmspropState> {
  void [p, g, state, hyper]; // delete this line and the next one when you implement it
  throw new NotImplementedError("rmspropStep");
}

/**
 * Exercise `adamStep`: Adam with bias correction. With t = state.step + 1 (t starts at 1):
 *
 *     g <- g + wd p                              (L2 weight decay, only if wd > 0)
 *     m <- beta1 m + (1 - beta1) g
 *     v <- beta2 v + (1 - beta2) g^2
 *     m^ = m / (1 - beta1^t),   v^ = v / (1 - beta2^t)
 *     p <- p - eta m^ / (sqrt(v^) + eps)
 *
 * Defaults: eta 1e-3, beta1 0.9, beta2 0.999, eps 1e-8, wd 0. On the first step from zero
 * moments, the step is close to eta sign(g) in every coordinate: that is what the correction
 * is for.
 * Output: { p, state: { step: t, m, v } } (new arrays). Do not change p, g or state.
 */
export function adamStep(
  p: Float64Array,
  g: Float64Array,
  state: AdamState,
  hyper: AdamHyper = {},
): StepResult<AdamState> {
  void [p, g, state, hyper]; // delete this line and the next one when you implement it
  throw new NotImplementedError("adamStep");
}

/**
 * Exercise `adamwStep`: AdamW, weight decay decoupled from the gradient:
 *
 *     p <- p (1 - eta wd)          (default wd 0.01)
 *     then the Adam step above on the decayed p with the gradient g as given (no L2 term).
 *
 * Output and rules as for adamStep.
 */
export function adamwStep(
  p: Float64Array,
  g: Float64Array,
  state: AdamState,
  hyper: AdamHyper = {},
): StepResult<AdamState> {
  void [p, g, state, hyper]; // delete this line and the next one when you implement it
  throw new NotImplementedError("adamwStep");
}

/**
 * Exercise `clipGradNorm`: gradient clipping by the total norm (PyTorch's clip_grad_norm_),
 * over all parameter arrays together:
 *
 *     norm = sqrt(sum over arrays and entries of g^2)
 *     scale = min(1, maxNorm / (norm + 1e-6));   every g <- scale g
 *
 * Inputs: `grads` (any number of arrays, possibly empty), `maxNorm` > 0.
 * Output: { grads: new scaled copies (same lengths, same order), norm: the norm before clipping }.
 * Do not change the given arrays.
 */
export function clipGradNorm(grads: readonly Float64Array[], maxNorm: number): ClipResult {
  void [grads, maxNorm]; // delete this line and the next one when you implement it
  throw new NotImplementedError("clipGradNorm");
}

// ---------------------------------------------------------------------------------------------
// The lectures' own forms. Same rules: pure functions, float64, do not change the inputs.

/** One step of a lecture-form momentum method: new parameters and the new buffer. */
export interface BufferStep {
  p: Float64Array;
  buf: Float64Array;
}

/**
 * Exercise `emaMomentumStep`: momentum as an exponential moving average (notebook 04, section 1),
 * elementwise, with m_0 = 0:
 *
 *     m_t = beta m_{t-1} + (1 - beta) g
 *     p <- p - eta m_t
 *
 * Inputs: `p`, `g`, `m` (= m_{t-1}) of one length n; `eta` > 0; 0 <= `beta` < 1.
 * Output: { p: new parameters, buf: m_t } (new arrays).
 */
export function emaMomentumStep(
  p: Float64Array,
  g: Float64Array,
  m: Float64Array,
  eta: number,
  beta: number,
): BufferStep {
  void [p, g, m, eta, beta]; // delete this line and the next one when you implement it
  throw new NotImplementedError("emaMomentumStep");
}

/**
 * Exercise `heavyBallStep`: Polyak's heavy ball (notebook 04, section 1), elementwise, with
 * v_0 = 0:
 *
 *     v_t = lambda v_{t-1} - alpha g
 *     p <- p + v_t
 *
 * Inputs: `p`, `g`, `v` (= v_{t-1}) of one length n; `alpha` > 0; 0 <= `lambda` < 1.
 * Output: { p: new parameters, buf: v_t } (new arrays).
 */
export function heavyBallStep(
  p: Float64Array,
  g: Float64Array,
  v: Float64Array,
  alpha: number,
  lambda: number,
): BufferStep {
  void [p, g, v, alpha, lambda]; // delete this line and the next one when you implement it
  throw new NotImplementedError("heavyBallStep");
}

/** Heavy-ball hyperparameters. */
export interface HeavyBallHyper {
  alpha: number;
  lambda: number;
}

/**
 * Exercise `heavyBallFromEma` (derive it; no formula is given): the EMA form with (eta, beta)
 * and the heavy ball with suitable (alpha, lambda), both buffers starting at 0 and both runs
 * starting at the same p_0, produce the same iterates p_1, p_2, ... for every sequence of
 * gradients. Find alpha and lambda as functions of eta and beta.
 *
 * Inputs: `eta` > 0, 0 <= `beta` < 1. Output: { alpha, lambda }.
 */
export function heavyBallFromEma(eta: number, beta: number): HeavyBallHyper {
  void [eta, beta]; // delete this line and the next one when you implement it
  throw new NotImplementedError("heavyBallFromEma");
}

/**
 * Exercise `optimalHeavyBall` (derive it; no formula is given): on a quadratic whose Hessian has
 * eigenvalues in [lambdaMin, lambdaMax] (0 < lambdaMin < lambdaMax), the heavy ball's error
 * along an eigenvector of eigenvalue lambda evolves by the 2 x 2 matrix
 *
 *     [[1 + lambda_hb - alpha lambda, -lambda_hb], [1, 0]]     (lambda_hb = the momentum lambda)
 *
 * whose spectral radius is the rate of that component. Find the (alpha, lambda) that make the
 * largest rate over the whole interval as small as possible (Polyak's choice).
 *
 * Output: { alpha, lambda }.
 */
export function optimalHeavyBall(lambdaMin: number, lambdaMax: number): HeavyBallHyper {
  void [lambdaMin, lambdaMax]; // delete this line and the next one when you implement it
  throw new NotImplementedError("optimalHeavyBall");
}

/** Norm-form RMSProp hyperparameters. */
export interface NormRmspropHyper {
  eta: number;
  /** smoothing constant beta, 0 <= beta < 1 */
  beta: number;
  /** eps >= 0 */
  eps: number;
  /**
   * [false] false: eps after the root, sqrt(s) + eps (PyTorch); true: sqrt(s + eps) (notebook 04,
   * section 7, "Where does eps go?")
   */
  epsInside?: boolean;
}

/** One step of a norm-form method: new parameters and the new scalar average. */
export interface NormStep {
  p: Float64Array;
  s: number;
}

/**
 * Exercise `normRmspropStep`: RMSProp in the notes' norm form (notebook 04, section 7): one
 * number s for all coordinates, the running average of the squared norm of the whole gradient (s_0 = 0):
 *
 *     s_t = beta s_{t-1} + (1 - beta) ||g||^2          (||g||^2 = sum_i g_i^2)
 *     p <- p - eta g / (sqrt(s_t) + eps)               (epsInside false)
 *     p <- p - eta g / sqrt(s_t + eps)                 (epsInside true)
 *
 * Inputs: `p`, `g` of one length n; `s` = s_{t-1} (a number); `hyper`.
 * Output: { p: new parameters, s: s_t }.
 */
export function normRmspropStep(
  p: Float64Array,
  g: Float64Array,
  s: number,
  hyper: NormRmspropHyper,
): NormStep {
  void [p, g, s, hyper]; // delete this line and the next one when you implement it
  throw new NotImplementedError("normRmspropStep");
}

/** Norm-form Adam state: `step` done so far, first moment `m` (a vector), second moment `v`
 * (one number). All zero at first. */
export interface NormAdamState {
  step: number;
  m: Float64Array;
  v: number;
}

/**
 * Exercise `normAdamStep`: Adam with the notes' norm-form second moment (notebook 04, section
 * 7). With t = state.step + 1:
 *
 *     m <- beta1 m + (1 - beta1) g             (a vector)
 *     v <- beta2 v + (1 - beta2) ||g||^2       (one number)
 *     m^ = m / (1 - beta1^t),   v^ = v / (1 - beta2^t)
 *     p <- p - eta m^ / (sqrt(v^) + eps)
 *
 * Defaults as adamStep (eta 1e-3, beta1 0.9, beta2 0.999, eps 1e-8); `weightDecay` is not used.
 * Output: { p, state: { step: t, m, v } } (new arrays). Do not change p, g or state.
 */
export function normAdamStep(
  p: Float64Array,
  g: Float64Array,
  state: NormAdamState,
  hyper: AdamHyper = {},
): StepResult<NormAdamState> {
  void [p, g, state, hyper]; // delete this line and the next one when you implement it
  throw new NotImplementedError("normAdamStep");
}

/**
 * Exercise `nesterovRate` (derive it; no formula is given): Nesterov's accelerated gradient with
 * step alpha and momentum beta, in its look-ahead form,
 *
 *     y_t = p_t + beta (p_t - p_{t-1}),    p_{t+1} = y_t - alpha grad J(y_t),
 *
 * on the 1-D quadratic J(p) = lambda p^2 / 2. The iterates obey a linear recursion of order 2;
 * its rate is the largest modulus of the roots of its characteristic polynomial (the spectral
 * radius of its 2 x 2 matrix): asymptotically |p_t| shrinks (or grows) by that factor per step.
 * Notebook 04 derives the heavy ball's matrix; derive Nesterov's and return the rate.
 *
 * Inputs: `alpha` > 0, 0 <= `beta` < 1, the curvature `lambda` > 0. Output: the rate (>= 0).
 */
export function nesterovRate(alpha: number, beta: number, lambda: number): number {
  void [alpha, beta, lambda]; // delete this line and the next one when you implement it
  throw new NotImplementedError("nesterovRate");
}

/** Nesterov's momentum and the worst-case rate it gives. */
export interface MomentumAndRate {
  beta: number;
  rate: number;
}

/**
 * Exercise `nesterovTuned` (derive it; no formula is given): on quadratics whose curvatures lie
 * in [lambdaMin, lambdaMax], run Nesterov (as in `nesterovRate`) with the step alpha = 1 /
 * lambdaMax. Find the momentum beta that makes the worst rate over the interval smallest, and
 * that rate. (Hint for the method, not the answer: as for the heavy ball in notebook 04, look
 * at where the roots stop being complex.)
 *
 * Inputs: 0 < lambdaMin < lambdaMax. Output: { beta, rate }.
 */
export function nesterovTuned(lambdaMin: number, lambdaMax: number): MomentumAndRate {
  void [lambdaMin, lambdaMax]; // delete this line and the next one when you implement it
  throw new NotImplementedError("nesterovTuned");
}

// ---------------------------------------------------------------------------------------------
// Questions. Replace each `null` with your answer: a number (exact, or to 4 significant
// digits), or the letter of your choice as a string (e.g. "b"). Points in brackets; each
// answer's explanation is shown after the due date.

/** The answers to notebook 04's questions. */
export interface MomentumQuiz {
  /** [1] PyTorch's SGD with lr 0.1 and momentum 0.9, buffer empty, p_0 = 0, gradient g = 1: p_1? */
  torchFirstStep: number | null;
  /** [1] The same first step in the EMA form with eta 0.1, beta 0.9 (m_0 = 0): p_1? */
  emaFirstStep: number | null;
  /** [1] With a constant gradient g, PyTorch's momentum buffer b_t tends to c g as t grows.
   * What is c for momentum 0.9? */
  torchLimitFactor: number | null;
  /** [1] Adam (eta 0.001, default betas, eps 0), zero moments, first step with g = (3, -0.02):
   * by how much does the second coordinate of p increase? (a negative number if it decreases) */
  adamFirstStepCoordinate: number | null;
  /** [1] Where does PyTorch's RMSprop put eps? (a) g / sqrt(s + eps) (b) g / (sqrt(s) + eps)
   * (c) (g + eps) / sqrt(s) */
  rmspropEps: string | null;
}

/** Exercise `momentumQuiz`: fill in your answers. */
export function momentumQuiz(): MomentumQuiz {
  return {
    torchFirstStep: null,
    emaFirstStep: null,
    torchLimitFactor: null,
    adamFirstStepCoordinate: null,
    rmspropEps: null,
  };
}

// Written question: answer in a sentence or two, in your own words. Graded by hand at the
// grading desk with a rubric; the reference explanation is shown after the due date.

/** The written answers of notebook 04. */
export interface MomentumWritten {
  /** [2] Why does Adam divide m by (1 - beta1^t) and v by (1 - beta2^t)? */
  whyBiasCorrection: string;
}

/** Written answers `momentumWritten`: replace each "" with your explanation. */
export function momentumWritten(): MomentumWritten {
  return { whyBiasCorrection: "" };
}
