/** What the `minimize` driver works with: objectives, methods and the history they leave. */
import type { Matrix } from "../../numbers";
import type { Vec } from "../../util/check";
import type { ParamArrays } from "../optimizers/optimizer";
import type { Divergence } from "./divergence";

/**
 * Anything with a value and a gradient (and a Hessian for Newton's method): every objective in
 * the course fits, and so does a plain object literal.
 */
export interface Differentiable {
  value(x: Float64Array): number;
  grad(x: Float64Array): Vec;
  hessian?(x: Float64Array): Matrix;
}

/** Something that happened at one step and belongs in the history (and the plot's legend). */
export interface HistoryEvent {
  /** the step index t (the step from iterate t to iterate t + 1) */
  step: number;
  kind: "regularized" | "skipped-update" | "reset" | "line-search-failed" | "step-capped";
  message: string;
  /** the shift lambda of H + lambda I, for "regularized" */
  lambda?: number;
}

/** What one step of a method reports back to the driver. */
export interface StepOutcome {
  /** the step size used (learning rate, or alpha from a line search) */
  lr: number;
  events?: HistoryEvent[];
}

/**
 * A method the driver can run that needs more than the gradient (Newton, BFGS): it moves `x` in
 * place from the current value `fx` and gradient `g`, and may evaluate `fn` (line search).
 */
export interface Stepper {
  readonly name: string;
  advance(x: Float64Array, fx: number, g: Float64Array, fn: Differentiable, t: number): StepOutcome;
}

/** A first-order optimizer (SGD, Adam, ... or anything shaped like them). */
export interface StepOptimizer {
  lr: number;
  step(params: ParamArrays, grads: ParamArrays): void;
}

/** Everything recorded along a run; arrays indexed by iterate hold only finite numbers. */
export interface MinimizeHistory {
  /** x_0, x_1, ... (copies) */
  iterates: Float64Array[];
  /** f(x_t) */
  values: number[];
  /** ||grad f(x_t)|| (before any clipping) */
  gradNorms: number[];
  /** the step size of step t (from x_t to x_{t+1}); one entry fewer than `iterates` */
  lrs: number[];
  /** milliseconds since the start of the run when x_t was recorded */
  times: number[];
  events: HistoryEvent[];
}

/** Where a run stopped: its last finite iterate, why it stopped, and the whole history. */
export interface MinimizeResult {
  x: Float64Array;
  value: number;
  gradNorm: number;
  /** number of steps taken */
  steps: number;
  /** true when ||grad f|| <= tol */
  converged: boolean;
  /**
   * set when a step produced a non-finite value, gradient or iterate, or a value far above
   * f(x_0) (see `divergenceFactor`); that step is not recorded
   */
  diverged: Divergence | null;
  stopReason: "tol" | "steps" | "diverged" | "callback";
  history: MinimizeHistory;
}
