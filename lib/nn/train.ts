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

/** Train `net` on `data`; the parameters are updated in place. */
export function trainMlp(net: Mlp, data: LabelledData, opts: TrainOptions): TrainResult {
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
  const batchSize = Math.min(opts.batchSize ?? 64, net.maxBatch);
  if ((opts.batchSize ?? 64) > net.maxBatch) {
    throw new OptkitError(
      "batchSize",
      `expected at most the network's maxBatch ${net.maxBatch}, got ${opts.batchSize ?? "64 (the default)"}`,
    );
  }
  const sampler = new BatchSampler(n, { batchSize, seed: opts.seed ?? 0, dropLast: opts.dropLast });
  const { optimizer, schedule, clip } = opts;
  const perStep = opts.scheduleUnit === "step";
  const history: EpochRecord[] = [];
  let elapsed = 0;
  let t = 0;
  let divergence: DivergenceCheck | null = null; // fixed by the first mini-batch loss J_0
  let lastLr = optimizer.lr; // the learning rate of the step that led to the current loss
  const chance = 1.5 / net.sizes[net.sizes.length - 1];
  const stop = (d: Divergence, epoch: number): TrainResult => ({
    history,
    diverged: {
      ...d,
      epoch,
      reason: `training diverged: ${d.reason} (epoch ${epoch}); try a smaller learning rate or gradient clipping`,
    },
  });
  const info: TrainStepInfo = { epoch: 0, step: 0, steps: sampler.stepsPerEpoch, loss: 0, lr: 0 };
  for (let epoch = 1; epoch <= epochs; epoch++) {
    if (schedule && !perStep) optimizer.lr = schedule(epoch - 1);
    sampler.nextEpoch();
    const cpuStart = process.cpuUsage();
    const start = performance.now();
    let lossSum = 0;
    let correct = 0;
    let seen = 0;
    let peak = { loss: -Infinity, step: 0, lr: 0 }; // the epoch's largest mini-batch loss
    for (let s = 0; s < sampler.stepsPerEpoch; s++) {
      if (schedule && perStep) optimizer.lr = schedule(t);
      const m = net.setBatch(data.images, data.labels, sampler.batch(s));
      const loss = net.lossAndGrad();
      if (divergence === null) {
        if (!Number.isFinite(loss)) {
          throw new OptkitError(
            "data.images",
            `the first mini-batch's loss is ${loss} before any step: expected finite inputs`,
          );
        }
        divergence = new DivergenceCheck(loss, opts.divergenceFactor);
      }
      const d = divergence.test(t - 1, lastLr, loss, undefined, "the mini-batch loss");
      if (d) return stop(d, epoch);
      if (loss > peak.loss) peak = { loss, step: t - 1, lr: lastLr };
      lossSum += loss * m;
      correct += net.batchCorrect();
      seen += m;
      if (clip) clip(net.grads);
      lastLr = optimizer.lr;
      optimizer.step(net.params, net.grads);
      t++;
      if (opts.onStep) {
        // one object, updated in place: a step allocates nothing
        info.epoch = epoch;
        info.step = s + 1;
        info.loss = loss;
        info.lr = optimizer.lr;
        opts.onStep(info);
      }
    }
    const seconds = (performance.now() - start) / 1000;
    const cpu = process.cpuUsage(cpuStart);
    elapsed += seconds;
    const record: EpochRecord = {
      epoch,
      trainLoss: lossSum / seen,
      trainAccuracy: correct / seen,
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
