import { BatchSampler } from "../data/batches";
import type { StepOptimizer } from "../optim";
import type { Rng, Seed } from "../random";
import { checkNumber, OptkitError, type Vec } from "../util/check";
import type { Mlp } from "./mlp";

/**
 * The training loop: epochs of mini-batch steps (a fresh seeded permutation per epoch, notebook 05, section 2),
 * any optimizer with `step(params, grads)` and a settable `lr` (lib/optim's `StepOptimizer`), an
 * optional learning-rate schedule and gradient clipping, evaluation on a test set after each
 * epoch, and a history of metrics (loss, accuracy, time, learning rate).
 * A non-finite loss stops training at once; the result says at which epoch and step, with which
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
}

export interface TrainResult {
  history: EpochRecord[];
  /** Set when a non-finite loss stopped training. */
  diverged?: { epoch: number; step: number; lr: number; loss: number; message: string };
}

/** Train `net` on `data`; the parameters are updated in place. */
export function trainMlp(net: Mlp, data: LabelledData, opts: TrainOptions): TrainResult {
  const epochs = checkNumber("epochs", opts.epochs, { min: 0, integer: true });
  const n = data.labels.length;
  if (data.images.length !== n * net.sizes[0]) {
    throw new OptkitError(
      "data.images",
      `expected ${n} rows of ${net.sizes[0]} values (${n * net.sizes[0]}), got length ${data.images.length}`,
    );
  }
  const batchSize = Math.min(opts.batchSize ?? 64, net.maxBatch);
  if ((opts.batchSize ?? 64) > net.maxBatch) {
    throw new OptkitError(
      "batchSize",
      `expected at most the network's maxBatch ${net.maxBatch}, got ${opts.batchSize}`,
    );
  }
  const sampler = new BatchSampler(n, { batchSize, seed: opts.seed ?? 0, dropLast: opts.dropLast });
  const { optimizer, schedule, clip } = opts;
  const perStep = opts.scheduleUnit === "step";
  const history: EpochRecord[] = [];
  let elapsed = 0;
  let t = 0;
  const info: TrainStepInfo = { epoch: 0, step: 0, steps: sampler.stepsPerEpoch, loss: 0, lr: 0 };
  for (let epoch = 1; epoch <= epochs; epoch++) {
    if (schedule && !perStep) optimizer.lr = schedule(epoch - 1);
    sampler.nextEpoch();
    const cpuStart = process.cpuUsage();
    const start = performance.now();
    let lossSum = 0;
    let correct = 0;
    let seen = 0;
    for (let s = 0; s < sampler.stepsPerEpoch; s++) {
      if (schedule && perStep) optimizer.lr = schedule(t);
      const m = net.setBatch(data.images, data.labels, sampler.batch(s));
      const loss = net.lossAndGrad();
      if (!Number.isFinite(loss)) {
        const lr = optimizer.lr;
        const message =
          `training stopped: the loss became ${loss} at epoch ${epoch}, step ${s} (step ${t} overall) ` +
          `with learning rate ${lr}; try a smaller learning rate or gradient clipping`;
        return { history, diverged: { epoch, step: s, lr, loss, message } };
      }
      lossSum += loss * m;
      correct += net.batchCorrect();
      seen += m;
      if (clip) clip(net.grads);
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
  }
  return { history };
}
