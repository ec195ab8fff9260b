/**
 * `npm run train:mnist -- --epochs 5 --optimizer adam --lr 1e-3`: train an MLP on MNIST from the
 * command line, with a progress bar and one line of metrics per epoch.
 *
 * Options (defaults in brackets): --epochs [5] --optimizer sgd|momentum|adam|adamw|rmsprop|adagrad
 * [adam] --lr [1e-3 for adam/adamw/rmsprop, 0.1 otherwise] --momentum [0.9, for momentum]
 * --batch [64] --hidden 128[,64...] [128] --activation relu|tanh|sigmoid [relu]
 * --schedule constant|cosine|step [constant] --clip <max norm> --seed [0] --path wasm|ts|reference
 * --drop-last --json (print the history as JSON at the end)
 *
 * Above 98% test accuracy in 8 epochs (98.16% with seed 0):
 *   npm run train:mnist -- --epochs 8 --optimizer adam --lr 2e-3 --schedule cosine
 */
import { loadMnist } from "../lib/data";
import { Mlp, trainMlp, type Activation, type KernelPath, type TrainStepInfo } from "../lib/nn";
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
} from "../lib/optim";

function option(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}
const num = (name: string, fallback: number) => {
  const v = option(name);
  const x = v === undefined ? fallback : Number(v);
  if (!Number.isFinite(x)) throw new Error(`--${name}: expected a number, got ${v}`);
  return x;
};

const epochs = num("epochs", 5);
const optName = option("optimizer") ?? "adam";
const adaptive = ["adam", "adamw", "rmsprop"].includes(optName);
const lr = num("lr", adaptive ? 1e-3 : 0.1);
const batchSize = num("batch", 64);
const hidden = (option("hidden") ?? "128").split(",").map(Number);
const activation = (option("activation") ?? "relu") as Activation;
const seed = num("seed", 0);

function makeOptimizer(): StepOptimizer {
  switch (optName) {
    case "sgd":
      return new SGD({ lr });
    case "momentum":
      return new SGD({ lr, momentum: num("momentum", 0.9) });
    case "adam":
      return new Adam({ lr });
    case "adamw":
      return new AdamW({ lr });
    case "rmsprop":
      return new RMSprop({ lr });
    case "adagrad":
      return new Adagrad({ lr });
    default:
      throw new Error(
        `--optimizer: expected sgd, momentum, adam, adamw, rmsprop or adagrad, got ${optName}`,
      );
  }
}

function makeSchedule(): ((t: number) => number) | undefined {
  const s = option("schedule") ?? "constant";
  if (s === "constant") return undefined;
  if (s === "cosine") return cosineAnnealingLR(lr, epochs);
  if (s === "step") return stepLR(lr, Math.max(1, Math.floor(epochs / 3)), 0.1);
  throw new Error(`--schedule: expected constant, cosine or step, got ${s}`);
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
  const data = loadMnist();
  const net = new Mlp({
    sizes: [784, ...hidden, 10],
    activation,
    seed,
    maxBatch: Math.max(batchSize, 256),
    kernels: option("path") as KernelPath | undefined,
  });
  const clipNorm = option("clip");
  console.log(
    `MLP ${net.sizes.join("-")} ${activation}, ${net.parameterCount} parameters, kernels: ${net.path}; ` +
      `${optName} lr ${lr}, batch ${batchSize}, ${epochs} epochs`,
  );
  const result = trainMlp(net, data.train, {
    epochs,
    batchSize,
    seed,
    optimizer: makeOptimizer(),
    schedule: makeSchedule(),
    dropLast: process.argv.includes("--drop-last"),
    clip: clipNorm === undefined ? undefined : (g) => clipGradNorm(g, Number(clipNorm)),
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
    console.error(result.diverged.message);
    process.exitCode = 1;
  }
  if (process.argv.includes("--json")) console.log(JSON.stringify(result.history));
}

main();
