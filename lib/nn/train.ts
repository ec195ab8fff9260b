import { BatchSampler } from "../data/batches";
import type { StepOptimizer } from "../optim";
import { DivergenceCheck, type Divergence } from "../optim/driver/divergence";
import type { Rng, Seed } from "../random";
import {
  checkNumber,
  checkRequiredOptions,
  describe,
  optionNames,
  OptkitError,
  type Vec,
} from "../util/check";
import { checkCallback, checkLabelled } from "./data-check";
import type { Mlp } from "./mlp";

/**
 * The training loop: epochs of mini-batch steps (a fresh seeded permutation per epoch, notebook 05, section 2),
 * any optimizer with `step(params, grads)` and a settable `lr` (lib/optim's `StepOptimizer`), an
 * optional learning-rate schedule and gradient clipping, evaluation on a test set after each
 * epoch, and a history of metrics (loss, accuracy, time, learning rate).
 * A diverging run stops at once, by the rule of `minimize` (lib/optim/driver/divergence): a
 * mini-batch loss that is not finite or far above the first one. It also stops after an epoch
 * that ends at chance accuracy (at most 1.5 / classes) once a mini-batch loss of that epoch rose
 * above J_0 + 10 max(|J_0|, 1): the run blew up and collapsed, which a loss that has settled back
 * near log(classes) would otherwise hide. The result says at which epoch and step, with which
 * learning rate, and the history keeps only finite values.
 */

/** Images (row-major, one row per sample) and integer labels. */
export interface LabelledData {
  images: Vec;
  labels: ArrayLike<number>;
}

/** Metrics of one epoch. */
export interface EpochRecord {
  epoch: number;
  /** Mean of the mini-batch losses of the epoch. */
  trainLoss: number;
  /** Fraction of training samples classified correctly when their batch was seen. */
  trainAccuracy: number;
  testLoss?: number;
  testAccuracy?: number;
  /** Learning rate of the epoch's last step. */
  lr: number;
  /** Training time of this epoch in seconds (evaluation excluded). */
  seconds: number;
  /** CPU time of the process over the same span (below `seconds` when the machine is busy). */
  cpuSeconds: number;
  /** Training time since the start, in seconds. */
  elapsed: number;
}

/** Progress within an epoch, for a progress bar. */
export interface TrainStepInfo {
  epoch: number;
  step: number;
  steps: number;
  loss: number;
  lr: number;
}

export interface TrainOptions {
  epochs: number;
  optimizer: StepOptimizer;
  /** Batch size B (default 64). */
  batchSize?: number;
  /** Seed or generator for the permutations (default 0). */
  seed?: Seed | Rng;
  /** Drop the last partial batch of each epoch (default false). */
  dropLast?: boolean;
  /** Learning rate as a function of t (from 0), e.g. a schedule from lib/optim. */
  schedule?: (t: number) => number;
  /** What t counts: epochs (default) or steps. */
  scheduleUnit?: "epoch" | "step";
  /** Clip the gradients before each step, e.g. `(g) => clipGradNorm(g, 1)` from lib/optim. */
  clip?: (grads: Vec[]) => unknown;
  /** Evaluated after every epoch. */
  test?: LabelledData;
  /** Called after every epoch with the new record and the whole history (e.g. a live plot). */
  onEpoch?: (record: EpochRecord, history: readonly EpochRecord[]) => void;
  /** Called after every step (e.g. a progress bar) with one reused object; keep it cheap. */
  onStep?: (info: TrainStepInfo) => void;
  /** Stop when a mini-batch loss exceeds J_0 + divergenceFactor max(|J_0|, 1) [1e4]. */
  divergenceFactor?: number;
}

const OPTIONS = optionNames<TrainOptions>({
  epochs: true,
  optimizer: true,
  batchSize: true,
  seed: true,
  dropLast: true,
  schedule: true,
  scheduleUnit: true,
  clip: true,
  test: true,
  onEpoch: true,
  onStep: true,
  divergenceFactor: true,
});

/** Where training stopped as diverged: `Divergence` (step t counted over all epochs) and the epoch. */
export interface TrainDivergence extends Divergence {
  epoch: number;
}

export interface TrainResult {
  history: EpochRecord[];
  /** Set when training diverged (see `trainMlp`); `reason` says where and with which learning rate. */
  diverged?: TrainDivergence;
}

/** Check every option and the data before any work; returns the epochs, N and B. */
function checkTraining(net: Mlp, data: LabelledData, opts: TrainOptions) {
  checkRequiredOptions("trainMlp", opts, OPTIONS);
  if (
    opts.scheduleUnit !== undefined &&
    opts.scheduleUnit !== "epoch" &&
    opts.scheduleUnit !== "step"
  ) {
    throw new OptkitError(
      "scheduleUnit",
      `expected "epoch" or "step", got ${String(opts.scheduleUnit)}`,
    );
  }
  const epochs = checkNumber("epochs", opts.epochs, { min: 0, integer: true });
  if (typeof opts.optimizer?.step !== "function") {
    throw new OptkitError(
      "optimizer",
      `expected an optimizer such as new SGD({ lr: 0.1 }) or new Adam(), got ${describe(opts.optimizer)}`,
    );
  }
  checkCallback("schedule", opts.schedule, "cosineAnnealingLR(0.1, 10)");
  checkCallback("clip", opts.clip, "(g) => clipGradNorm(g, 1)");
  checkCallback("onEpoch", opts.onEpoch, "(record) => console.log(record.trainLoss)");
  checkCallback("onStep", opts.onStep, "(info) => console.log(info.loss)");
  const classes = net.sizes[net.sizes.length - 1];
  const n = checkLabelled("data", data, net.sizes[0], classes);
  // the test set is evaluated after the first epoch: check it now, before any work
  if (opts.test !== undefined) checkLabelled("test", opts.test, net.sizes[0], classes);
  if ((opts.batchSize ?? 64) > net.maxBatch) {
    throw new OptkitError(
      "batchSize",
      `expected at most the network's maxBatch ${net.maxBatch}, got ${opts.batchSize ?? "64 (the default)"}`,
    );
  }
  return { epochs, n, batchSize: opts.batchSize ?? 64 };
}

/** What carries over from one step to the next, across epochs. */
interface TrainState {
  /** steps taken so far, over all epochs */
  t: number;
  /** fixed by the first mini-batch loss J_0 */
  divergence: DivergenceCheck | null;
  /** the learning rate of the step that led to the current loss */
  lastLr: number;
  /** the onStep callback's one object, updated in place: a step allocates nothing */
  info: TrainStepInfo;
}

/** The epoch's sums, or the divergence that stopped it; `peak` is its largest mini-batch loss. */
type EpochSums =
  | {
      lossSum: number;
      correct: number;
      seen: number;
      peak: { loss: number; step: number; lr: number };
    }
  | { diverged: Divergence };

/** The steps of one epoch, on `sampler`'s current permutation. */
function epochSteps(
  net: Mlp,
  data: LabelledData,
  opts: TrainOptions,
  sampler: BatchSampler,
  st: TrainState,
  epoch: number,
): EpochSums {
  const { optimizer, schedule, clip } = opts;
  let lossSum = 0;
  let correct = 0;
  let seen = 0;
  let peak = { loss: -Infinity, step: 0, lr: 0 };
  for (let s = 0; s < sampler.stepsPerEpoch; s++) {
    if (schedule && opts.scheduleUnit === "step") optimizer.lr = schedule(st.t);
    const m = net.setBatch(data.images, data.labels, sampler.batch(s));
    const loss = net.lossAndGrad();
    if (st.divergence === null) {
      if (!Number.isFinite(loss)) {
        throw new OptkitError(
          "data.images",
          `the first mini-batch's loss is ${loss} before any step: expected finite inputs`,
        );
      }
      st.divergence = new DivergenceCheck(loss, opts.divergenceFactor);
    }
    const d = st.divergence.test(st.t - 1, st.lastLr, loss, undefined, "the mini-batch loss");
    if (d) return { diverged: d };
    if (loss > peak.loss) peak = { loss, step: st.t - 1, lr: st.lastLr };
    lossSum += loss * m;
    correct += net.batchCorrect();
    seen += m;
    if (clip) clip(net.grads);
    st.lastLr = optimizer.lr;
    optimizer.step(net.params, net.grads);
    st.t++;
    if (opts.onStep) {
      const { info } = st;
      info.epoch = epoch;
      info.step = s + 1;
      info.loss = loss;
      info.lr = optimizer.lr;
      opts.onStep(info);
    }
  }
  return { lossSum, correct, seen, peak };
}

/** Train `net` on `data`; the parameters are updated in place. */
export function trainMlp(net: Mlp, data: LabelledData, opts: TrainOptions): TrainResult {
  const { epochs, n } = checkTraining(net, data, opts);
  const batchSize = Math.min(opts.batchSize ?? 64, net.maxBatch);
  const sampler = new BatchSampler(n, { batchSize, seed: opts.seed ?? 0, dropLast: opts.dropLast });
  const { optimizer, schedule } = opts;
  const history: EpochRecord[] = [];
  let elapsed = 0;
  const info: TrainStepInfo = { epoch: 0, step: 0, steps: sampler.stepsPerEpoch, loss: 0, lr: 0 };
  const st: TrainState = { t: 0, divergence: null, lastLr: optimizer.lr, info };
  const chance = 1.5 / net.sizes[net.sizes.length - 1];
  const stop = (d: Divergence, epoch: number): TrainResult => ({
    history,
    diverged: {
      ...d,
      epoch,
      reason: `training diverged: ${d.reason} (epoch ${epoch}); try a smaller learning rate or gradient clipping`,
    },
  });
  for (let epoch = 1; epoch <= epochs; epoch++) {
    if (schedule && opts.scheduleUnit !== "step") optimizer.lr = schedule(epoch - 1);
    sampler.nextEpoch();
    const cpuStart = process.cpuUsage();
    const start = performance.now();
    const sums = epochSteps(net, data, opts, sampler, st, epoch);
    if ("diverged" in sums) return stop(sums.diverged, epoch);
    const seconds = (performance.now() - start) / 1000;
    const cpu = process.cpuUsage(cpuStart);
    elapsed += seconds;
    const record: EpochRecord = {
      epoch,
      trainLoss: sums.lossSum / sums.seen,
      trainAccuracy: sums.correct / sums.seen,
      lr: optimizer.lr,
      seconds,
      cpuSeconds: (cpu.user + cpu.system) / 1e6,
      elapsed,
    };
    if (opts.test) {
      const ev = net.evaluate(opts.test.images, opts.test.labels);
      record.testLoss = ev.loss;
      record.testAccuracy = ev.accuracy;
    }
    history.push(record);
    opts.onEpoch?.(record, history);
    const { divergence } = st;
    const { peak } = sums;
    if (divergence && record.trainAccuracy <= chance && peak.loss > divergence.collapseLimit) {
      const acc = (100 * record.trainAccuracy).toFixed(1);
      const [top, was] = [peak.loss.toPrecision(3), divergence.start.toPrecision(3)];
      const problem =
        `the mini-batch loss rose to ${top} (from ${was}), and the epoch ended at chance ` +
        `accuracy (${acc}%),`;
      return stop(divergence.record(peak.step, peak.lr, peak.loss, problem), epoch);
    }
  }
  return { history };
}
