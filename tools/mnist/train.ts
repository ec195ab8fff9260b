/**
 * `npm run train:mnist -- --epochs 5 --optimizer adam --lr 1e-3`: train an MLP on MNIST from the
 * command line, with a progress bar and one line of metrics per epoch.
 *
 * Options: see `TRAIN_OPTIONS` in ./options.ts (or `-- --help`). Every option is checked
 * before any work starts; a bad one prints one line (option, value, what is allowed) and exits 2.
 *
 * Above 98% test accuracy in 8 epochs (98.16% with seed 0):
 *   npm run train:mnist -- --epochs 8 --optimizer adam --lr 2e-3 --schedule cosine
 */
import { loadMnist } from "../../lib/data";
import { Mlp, trainMlp, type TrainStepInfo } from "../../lib/nn";
import {
  Adagrad,
  Adam,
  AdamW,
  clipGradNorm,
  cosineAnnealingLR,
  RMSprop,
  SGD,
  stepLR,
  type StepOptimizer,
} from "../../lib/optim";
import { OptkitError } from "../../lib/util/check";
import { parseTrainArgs, USAGE, UsageError, type TrainCli } from "./options";

function parseOrExit(): TrainCli {
  try {
    return parseTrainArgs(process.argv.slice(2));
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    console.error(e.message);
    process.exit(2);
  }
}

const cli = parseOrExit();
const { epochs, lr } = cli;

function makeOptimizer(): StepOptimizer {
  switch (cli.optimizer) {
    case "sgd":
      return new SGD({ lr });
    case "momentum":
      return new SGD({ lr, momentum: cli.momentum });
    case "adam":
      return new Adam({ lr });
    case "adamw":
      return new AdamW({ lr });
    case "rmsprop":
      return new RMSprop({ lr });
    case "adagrad":
      return new Adagrad({ lr });
  }
}

function makeSchedule(): ((t: number) => number) | undefined {
  if (cli.schedule === "cosine") return cosineAnnealingLR(lr, epochs);
  if (cli.schedule === "step") return stepLR(lr, Math.max(1, Math.floor(epochs / 3)), 0.1);
  return undefined;
}

/** The network, built before MNIST loads: too large a batch or width fails here, in a line. */
function makeNet(): Mlp {
  try {
    return new Mlp({
      sizes: [784, ...cli.hidden, 10],
      activation: cli.activation,
      seed: cli.seed,
      maxBatch: Math.max(cli.batchSize, 256),
      kernels: cli.path,
    });
  } catch (e) {
    if (!(e instanceof OptkitError)) throw e;
    console.error(`--batch ${cli.batchSize} --hidden ${cli.hidden.join(",")}: ${e.message}`);
    process.exit(2);
  }
}

/** One line, redrawn in place: [#####.....] 312/938 loss 0.2113 */
function progress(info: TrainStepInfo): void {
  if (!process.stdout.isTTY && info.step !== info.steps) return;
  if (info.step % 20 !== 0 && info.step !== info.steps) return;
  const width = 30;
  const done = Math.round((width * info.step) / info.steps);
  const bar = "#".repeat(done) + ".".repeat(width - done);
  const line = `epoch ${info.epoch}/${epochs} [${bar}] ${info.step}/${info.steps} loss ${info.loss.toFixed(4)}`;
  process.stdout.write(process.stdout.isTTY ? `\r${line}` : `${line}\n`);
}

function main(): void {
  if (cli.help) {
    console.log(USAGE);
    return;
  }
  const net = makeNet();
  const data = loadMnist();
  const { batchSize, clip } = cli;
  console.log(
    `MLP ${net.sizes.join("-")} ${cli.activation}, ${net.parameterCount} parameters, kernels: ${net.path}; ` +
      `${cli.optimizer} lr ${lr}, batch ${batchSize}, ${epochs} epochs`,
  );
  const result = trainMlp(net, data.train, {
    epochs,
    batchSize,
    seed: cli.seed,
    optimizer: makeOptimizer(),
    schedule: makeSchedule(),
    dropLast: cli.dropLast,
    clip: clip === undefined ? undefined : (g) => clipGradNorm(g, clip),
    test: data.test,
    onStep: progress,
    onEpoch: (r) => {
      if (process.stdout.isTTY) process.stdout.write("\n");
      console.log(
        `  train loss ${r.trainLoss.toFixed(4)} acc ${(100 * r.trainAccuracy).toFixed(2)}% | ` +
          `test loss ${r.testLoss?.toFixed(4)} acc ${(100 * (r.testAccuracy ?? 0)).toFixed(2)}% | ` +
          `lr ${r.lr.toPrecision(3)} | ${r.seconds.toFixed(2)} s (cpu ${r.cpuSeconds.toFixed(2)} s, ` +
          `total ${r.elapsed.toFixed(2)} s)`,
      );
    },
  });
  if (result.diverged) {
    console.error(result.diverged.reason);
    process.exitCode = 1;
  }
  if (cli.json) console.log(JSON.stringify(result.history));
}

main();
