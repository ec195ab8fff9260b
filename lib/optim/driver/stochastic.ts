/**
 * Mini-batch SGD on a finite-sum loss J(x) = (1/N) sum_k J_k(x) (notebook 05, sections 1 and 2):
 *
 *   for e = 1..epochs: draw sigma_e; for s = 0..S-1:
 *     lr = schedule(t) if given;  x <- optimizer step with (1/|B_s|) sum_{k in B_s} grad J_k(x);
 *     t <- t + 1
 *
 * with B_s = sigma_e(sB) .. sigma_e((s+1)B - 1). Batch size N is full-batch gradient descent.
 * J(x) itself costs a pass over the data, so it is recorded only every `recordEvery` steps, and
 * the clock excludes that evaluation (times are the optimizer's own work).
 */
import { BatchSampler } from "../../data/batches";
import type { Rng, Seed } from "../../random";
import {
  checkFinite,
  checkNumber,
  checkRequiredOptions,
  describe,
  optionNames,
  OptkitError,
  type Vec,
} from "../../util/check";
import type { Schedule } from "../schedules";
import { DivergenceCheck, type Divergence } from "./divergence";
import type { StepOptimizer } from "./types";

/** A loss that is a mean over N samples, with the gradient averaged over a mini-batch. */
export interface FiniteSum {
  readonly N: number;
  value(x: Float64Array): number;
  batchGrad(x: Float64Array, batch: ArrayLike<number>): Vec;
}

export interface StochasticOptions {
  /** batch size B (1..N) */
  batchSize: number;
  epochs: number;
  /** seed or generator of the permutations [0] */
  seed?: Seed | Rng;
  /** learning rate at step t (from 0) */
  schedule?: Schedule;
  /** record J(x) every this many steps [the steps of one epoch], and after the last step */
  recordEvery?: number;
  /** skip the last partial batch of each epoch [false] */
  dropLast?: boolean;
  /** stop, flagged diverged, when a recorded J > J(x_0) + divergenceFactor max(|J(x_0)|, 1) [1e4] */
  divergenceFactor?: number;
}

const OPTIONS = optionNames<StochasticOptions>({
  batchSize: true,
  epochs: true,
  seed: true,
  schedule: true,
  recordEvery: true,
  dropLast: true,
  divergenceFactor: true,
});

/** The final point and J recorded along the way (x_0 first). */
export interface StochasticResult {
  x: Float64Array;
  /** the step t at which each value was recorded */
  steps: number[];
  /** J(x_t) */
  values: number[];
  /** seconds of optimizer work (gradients and steps) up to x_t */
  seconds: number[];
  /**
   * set when x or a recorded J became non-finite, or J rose far above J(x_0) (the rule of
   * `minimize`); the history stops before it
   */
  diverged: Divergence | null;
}

/** Run mini-batch SGD (or any optimizer on mini-batch gradients) on `loss` from `x0`. */
export function minimizeStochastic(
  loss: FiniteSum,
  x0: ArrayLike<number>,
  optimizer: StepOptimizer,
  opts: StochasticOptions,
): StochasticResult {
  if (typeof loss?.batchGrad !== "function" || typeof loss?.value !== "function") {
    throw new OptkitError("loss", "expected an object with N, value(x) and batchGrad(x, batch)");
  }
  checkRequiredOptions("minimizeStochastic", opts, OPTIONS);
  const epochs = checkNumber("epochs", opts.epochs, { min: 0, integer: true });
  if (!(Number.isInteger(loss.N) && loss.N >= 1)) {
    throw new OptkitError(
      "loss.N",
      `expected the number of samples, an integer >= 1, got ${describe(loss.N)}`,
    );
  }
  const sampler = new BatchSampler(loss.N, {
    batchSize: opts.batchSize,
    seed: opts.seed ?? 0,
    dropLast: opts.dropLast,
  });
  const every = checkNumber("recordEvery", opts.recordEvery ?? sampler.stepsPerEpoch, {
    min: 1,
    integer: true,
  });
  checkFinite("x0", x0);
  const x = Float64Array.from(x0);
  const out: StochasticResult = {
    x,
    steps: [0],
    values: [loss.value(x)],
    seconds: [0],
    diverged: null,
  };
  if (!Number.isFinite(out.values[0])) {
    throw new OptkitError("x0", `expected a finite loss J(x0), got ${out.values[0]}`);
  }
  const divergence = new DivergenceCheck(out.values[0], opts.divergenceFactor);
  const total = epochs * sampler.stepsPerEpoch;
  let busy = 0;
  let t = 0;
  for (let e = 0; e < epochs; e++) {
    sampler.nextEpoch();
    for (let s = 0; s < sampler.stepsPerEpoch; s++) {
      const start = performance.now();
      if (opts.schedule) optimizer.lr = opts.schedule(t);
      const g = loss.batchGrad(x, sampler.batch(s));
      if (g?.length !== x.length) {
        throw new OptkitError(
          "loss.batchGrad",
          `expected a gradient of length ${x.length} (the length of x0), got ${ArrayBuffer.isView(g) || Array.isArray(g) ? `length ${g.length}` : describe(g)}`,
        );
      }
      optimizer.step(x, g);
      busy += performance.now() - start;
      t++;
      const record = t % every === 0 || t === total;
      const v = record ? loss.value(x) : 0;
      out.diverged = !x.every(Number.isFinite)
        ? divergence.test(t - 1, optimizer.lr, NaN, "the iterate became non-finite")
        : record
          ? divergence.test(t - 1, optimizer.lr, v, undefined, "J")
          : null;
      if (out.diverged) return out;
      if (!record) continue;
      out.steps.push(t);
      out.values.push(v);
      out.seconds.push(busy / 1000);
    }
  }
  return out;
}
