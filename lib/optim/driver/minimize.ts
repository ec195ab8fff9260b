/**
 * The driver: run a method from x0 on an objective and record the whole history for plots.
 *
 *   for t = 0, 1, ..., steps - 1:
 *     stop if ||g_t|| <= tol;
 *     (first-order methods) lr_t = schedule(t) if given; clip g_t if asked; optimizer.step(x, g_t);
 *     (Newton, BFGS) the method moves x with its own line search;
 *     stop, flagged `diverged`, if f(x_{t+1}), its gradient or x_{t+1} is not finite, or if
 *     f(x_{t+1}) > f(x_0) + divergenceFactor max(|f(x_0)|, 1) (see ./divergence).
 */
import { norm2 } from "../../numbers";
import {
  checkFinite,
  checkNumber,
  checkOptions,
  optionNames,
  OptkitError,
  type Vec,
} from "../../util/check";
import { clipGradNorm, clipGradValue } from "../clip";
import type { Schedule } from "../schedules";
import { DivergenceCheck } from "./divergence";
import type {
  Differentiable,
  MinimizeHistory,
  MinimizeResult,
  StepOptimizer,
  Stepper,
} from "./types";

/**
 * An optimizer instance (SGD, Adam, ...) or a second-order stepper (`new Newton(opts)`,
 * `new BFGS(opts)`): one driver for every method.
 */
export type MinimizeMethod = StepOptimizer | Stepper;

/** What the callback sees after each step; returning `false` stops the run. */
export interface MinimizeStepInfo {
  t: number;
  x: Float64Array;
  value: number;
  gradNorm: number;
  lr: number;
}

export interface MinimizeOptions {
  /** maximum number of steps [100] */
  steps?: number;
  /** learning rate at step t (first-order methods) */
  schedule?: Schedule;
  /** clip each gradient before the step: a max norm, or `{ norm }` / `{ value }` (first-order) */
  clip?: number | { norm?: number; value?: number };
  /** stop when ||grad f(x)|| <= tol [0] */
  tol?: number;
  callback?: (info: MinimizeStepInfo) => void | boolean;
  /** stop, flagged diverged, when f > f(x_0) + divergenceFactor max(|f(x_0)|, 1) [1e4] */
  divergenceFactor?: number;
}

const OPTIONS = optionNames<MinimizeOptions>({
  steps: true,
  schedule: true,
  clip: true,
  tol: true,
  callback: true,
  divergenceFactor: true,
});

function isStepper(m: StepOptimizer | Stepper): m is Stepper {
  return typeof (m as Stepper).advance === "function";
}

function resolve(method: MinimizeMethod): StepOptimizer | Stepper {
  const ok =
    typeof method === "object" &&
    method !== null &&
    (typeof (method as Stepper).advance === "function" ||
      typeof (method as StepOptimizer).step === "function");
  if (!ok) {
    throw new OptkitError(
      "method",
      `expected an optimizer (SGD, Adam, ...), or new Newton() / new BFGS(), got ${String(method)}`,
    );
  }
  return method;
}

/** The user's gradient must have one entry per coordinate of x (else BFGS or SGD would fail later in their own words). */
function checkGradLength(g: Vec, n: number): void {
  if (g.length !== n) {
    throw new OptkitError(
      "objective.grad",
      `expected a gradient of length ${n} (the length of x0), got length ${g.length}`,
    );
  }
}

function finiteVec(v: Vec): boolean {
  for (let i = 0; i < v.length; i++) if (!Number.isFinite(v[i])) return false;
  return true;
}

/** The run's method and its checked options. */
interface Setup {
  method: StepOptimizer | Stepper;
  stepper: Stepper | null;
  steps: number;
  tol: number;
  clipNorm?: number;
  clipValue?: number;
}

function setup(objective: Differentiable, method: MinimizeMethod, opts: MinimizeOptions): Setup {
  if (typeof objective?.value !== "function" || typeof objective?.grad !== "function") {
    throw new OptkitError("objective", "expected an object with value(x) and grad(x)");
  }
  checkOptions("minimize", opts, OPTIONS);
  if (typeof opts.clip === "object") checkOptions("clip", opts.clip, ["norm", "value"], "clip.");
  const m = resolve(method);
  const steps = checkNumber("steps", opts.steps ?? 100, { min: 0, integer: true });
  const tol = checkNumber("tol", opts.tol ?? 0, { min: 0 });
  const clipNorm = typeof opts.clip === "number" ? opts.clip : opts.clip?.norm;
  const clipValue = typeof opts.clip === "number" ? undefined : opts.clip?.value;
  if (clipNorm !== undefined) checkNumber("clip", clipNorm, { min: 0 });
  if (clipValue !== undefined) checkNumber("clip.value", clipValue, { min: 0 });
  const stepper = isStepper(m) ? m : null;
  if (stepper && (opts.schedule || opts.clip !== undefined)) {
    throw new OptkitError(
      stepper && opts.schedule ? "schedule" : "clip",
      `${stepper.name} chooses its own steps by line search; schedules and clipping are for first-order optimizers`,
    );
  }
  return { method: m, stepper, steps, tol, clipNorm, clipValue };
}

/** x0 copied, with a finite value and gradient there (else an error naming x0). */
function startAt(objective: Differentiable, x0: ArrayLike<number>) {
  checkFinite("x0", x0);
  if (x0.length === 0) throw new OptkitError("x0", "expected at least one entry, got none");
  const x = Float64Array.from(x0);
  const fx = objective.value(x);
  const g = Float64Array.from(objective.grad(x));
  checkGradLength(g, x.length);
  if (!Number.isFinite(fx) || !finiteVec(g)) {
    const bad = g.findIndex((v) => !Number.isFinite(v));
    const got = bad < 0 ? `f = ${fx}` : `f = ${fx} and grad[${bad}] = ${g[bad]}`;
    throw new OptkitError("x0", `expected a finite value and gradient at x0, got ${got}`);
  }
  return { x, fx, g };
}

/**
 * Step t from x (in place): the stepper's own step, or the optimizer's with the schedule's rate
 * and the clipped gradient. Returns the learning rate used.
 */
function advance(
  s: Setup,
  opts: MinimizeOptions,
  at: { x: Float64Array; fx: number; g: Float64Array; t: number },
  objective: Differentiable,
  events: MinimizeHistory["events"],
): number {
  const { x, fx, g, t } = at;
  if (s.stepper) {
    const out = s.stepper.advance(x, fx, g, objective, t);
    if (out.events) events.push(...out.events);
    return out.lr;
  }
  const opt = s.method as StepOptimizer;
  if (opts.schedule) opt.lr = opts.schedule(t);
  if (s.clipNorm !== undefined) clipGradNorm(g, s.clipNorm);
  if (s.clipValue !== undefined) clipGradValue(g, s.clipValue);
  opt.step(x, g);
  return opt.lr;
}

/**
 * Minimise `objective` from `x0` (not modified) with `method`. Returns the last finite iterate,
 * why the run stopped and the full history; never records a non-finite number.
 */
export function minimize(
  objective: Differentiable,
  x0: ArrayLike<number>,
  method: MinimizeMethod,
  opts: MinimizeOptions = {},
): MinimizeResult {
  const s = setup(objective, method, opts);
  const start = performance.now();
  const history: MinimizeHistory = {
    iterates: [],
    values: [],
    gradNorms: [],
    lrs: [],
    times: [],
    events: [],
  };
  const first = startAt(objective, x0);
  const x = first.x;
  let { fx, g } = first;
  let gn = norm2(g);
  const divergence = new DivergenceCheck(fx, opts.divergenceFactor);
  const record = () => {
    history.iterates.push(x.slice());
    history.values.push(fx);
    history.gradNorms.push(gn);
    history.times.push(performance.now() - start);
  };
  record();
  let stopReason: MinimizeResult["stopReason"] = "steps";
  let diverged: MinimizeResult["diverged"] = null;
  for (let t = 0; t < s.steps; t++) {
    if (gn <= s.tol) {
      stopReason = "tol";
      break;
    }
    const lr = advance(s, opts, { x, fx, g, t }, objective, history.events);
    const fNew = finiteVec(x) ? objective.value(x) : NaN;
    const gNew = Number.isFinite(fNew) ? Float64Array.from(objective.grad(x)) : null;
    if (gNew) checkGradLength(gNew, x.length);
    diverged = !finiteVec(x)
      ? divergence.test(t, lr, NaN, "the iterate became non-finite")
      : gNew !== null && !finiteVec(gNew)
        ? divergence.test(t, lr, fNew, "the gradient became non-finite")
        : divergence.test(t, lr, fNew, undefined, "f");
    if (diverged) {
      x.set(history.iterates[history.iterates.length - 1]);
      stopReason = "diverged";
      break;
    }
    fx = fNew;
    g = gNew as Float64Array; // not null: f(x_{t+1}) was finite
    gn = norm2(g);
    history.lrs.push(lr);
    record();
    if (opts.callback?.({ t, x, value: fx, gradNorm: gn, lr }) === false) {
      stopReason = "callback";
      break;
    }
  }
  if (stopReason === "steps" && gn <= s.tol) stopReason = "tol";
  return {
    x,
    value: fx,
    gradNorm: gn,
    steps: history.lrs.length,
    converged: gn <= s.tol,
    diverged,
    stopReason,
    history,
  };
}
