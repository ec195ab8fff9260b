/**
 * `npm run bench:mnist`: workload W = MLP 784-128-10, ReLU, softmax cross-entropy, plain SGD lr 0.1,
 * batch 64, one epoch over the 60,000 MNIST training images, float32.
 *
 * Prints one JSON line per run (epoch seconds, GFLOP/s, test accuracy, peak RSS, kernel path).
 * When Debian's python3-torch is installed, runs the same workload in PyTorch (one thread,
 * OPENBLAS_NUM_THREADS=1) with the same initial weights and the same permutation, passed through
 * a temporary folder, and prints the time ratio ours / PyTorch's.
 *
 *   npm run bench:mnist -- [--runs 3] [--paths wasm,ts,reference] [--step class,fused] [--seed 0] [--no-torch]
 *
 * --step class uses lib/optim's SGD class for the update, fused the SIMD update `Mlp.sgdStep`;
 * both do p <- p - 0.1 g. The last line gives the best time of each over the runs and the ratios.
 */
import { execFileSync, spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { BatchSampler, loadMnist, mnistDir, type Mnist } from "../../lib/data";
import { Mlp, type KernelPath } from "../../lib/nn";
import { SGD } from "../../lib/optim";
import { numberOption, parseCommandLine, runCommand, UsageError } from "../../lib/util/cli-args";

const SIZES = [784, 128, 10];
const BATCH = 64;
const LR = 0.1;
/** Nominal FLOPs per sample: forward and dW for both layers (2 n_in n_out each) plus dX of layer 2. */
const FLOPS_PER_SAMPLE = 2 * (2 * (784 * 128 + 128 * 10) + 128 * 10);

const USAGE =
  "usage: npm run bench:mnist -- [--runs 3] [--paths wasm,ts,reference] [--step class,fused] [--seed 0] [--no-torch]";
const PATHS: readonly KernelPath[] = ["wasm", "ts", "reference"];
const STEPS: readonly StepMode[] = ["class", "fused"];

/** A comma-separated list whose every item is one of `allowed`. */
function listOption<T extends string>(name: string, raw: string, allowed: readonly T[]): T[] {
  const items = raw.split(",");
  const bad = items.find((x) => !(allowed as readonly string[]).includes(x));
  if (bad !== undefined)
    throw new UsageError(`--${name} ${raw}: expected some of ${allowed.join(",")}`);
  return items as T[];
}

interface RunResult {
  seconds: number;
  /** CPU time of the process over the epoch (less sensitive to a busy machine than wall time). */
  cpuSeconds: number;
  accuracy: number;
  loss: number;
}

/** How the SGD step runs: lib/optim's SGD class, or `Mlp.sgdStep` (the update in the kernels). */
type StepMode = "class" | "fused";

/** One epoch of W on `path`; the net and the permutation come from `seed`. */
function runOurs(
  data: Mnist,
  pathName: KernelPath,
  mode: StepMode,
  seed: number,
  dump?: string,
): RunResult {
  const net = new Mlp({
    sizes: SIZES,
    activation: "relu",
    seed,
    maxBatch: BATCH,
    kernels: pathName,
  });
  const sampler = new BatchSampler(data.train.count, { batchSize: BATCH, seed });
  const sigma = sampler.nextEpoch();
  if (dump !== undefined) {
    net.params.forEach((p, i) =>
      fs.writeFileSync(path.join(dump, `p${i}.f32`), Float32Array.from(p)),
    );
    fs.writeFileSync(path.join(dump, "perm.i32"), sigma);
  }
  const opt = new SGD({ lr: LR });
  const { images, labels } = data.train;
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  let loss = 0;
  for (let s = 0; s < sampler.stepsPerEpoch; s++) {
    net.setBatch(images, labels, sampler.batch(s));
    loss = net.lossAndGrad();
    if (mode === "class") opt.step(net.params, net.grads);
    else net.sgdStep(LR);
  }
  const seconds = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(c0);
  const cpuSeconds = (cpu.user + cpu.system) / 1e6;
  if (!Number.isFinite(loss)) throw new Error(`non-finite loss ${loss} on ${pathName}`);
  const test = net.evaluate(data.test.images, data.test.labels);
  return { seconds, cpuSeconds, accuracy: test.accuracy, loss: test.loss };
}

const TORCH_SCRIPT = String.raw`
import gzip, json, sys, time
import numpy as np, torch
torch.set_num_threads(1)
data, tmp = sys.argv[1], sys.argv[2]
def idx(name, offset):
    with gzip.open(f"{data}/{name}", "rb") as f:
        return np.frombuffer(f.read(), np.uint8, offset=offset)
X = torch.from_numpy(idx("train-images-idx3-ubyte.gz", 16).reshape(-1, 784).astype(np.float32) / 255)
Y = torch.from_numpy(idx("train-labels-idx1-ubyte.gz", 8).astype(np.int64))
Xt = torch.from_numpy(idx("t10k-images-idx3-ubyte.gz", 16).reshape(-1, 784).astype(np.float32) / 255)
Yt = torch.from_numpy(idx("t10k-labels-idx1-ubyte.gz", 8).astype(np.int64))
p = [torch.from_numpy(np.fromfile(f"{tmp}/p{i}.f32", np.float32)) for i in range(4)]
perm = torch.from_numpy(np.fromfile(f"{tmp}/perm.i32", np.int32).astype(np.int64))
net = torch.nn.Sequential(torch.nn.Linear(784, 128), torch.nn.ReLU(), torch.nn.Linear(128, 10))
with torch.no_grad():
    net[0].weight.copy_(p[0].view(784, 128).t()); net[0].bias.copy_(p[1])
    net[2].weight.copy_(p[2].view(128, 10).t()); net[2].bias.copy_(p[3])
opt = torch.optim.SGD(net.parameters(), lr=${LR})
lossf = torch.nn.CrossEntropyLoss()
t0, c0 = time.perf_counter(), time.process_time()
for s in range(0, 60000, ${BATCH}):
    b = perm[s:s + ${BATCH}]
    opt.zero_grad()
    loss = lossf(net(X[b]), Y[b])
    loss.backward()
    opt.step()
sec, cpu = time.perf_counter() - t0, time.process_time() - c0
with torch.no_grad():
    out = net(Xt)
    acc = (out.argmax(1) == Yt).float().mean().item()
    tl = lossf(out, Yt).item()
print(json.dumps({"seconds": sec, "cpuSeconds": cpu, "accuracy": acc, "loss": tl, "torch": torch.__version__}))
`;

function torchAvailable(): boolean {
  const r = spawnSync("/usr/bin/python3", ["-c", "import torch, numpy"], { stdio: "ignore" });
  return r.status === 0;
}

function runTorch(tmp: string): RunResult & { torch: string } {
  const out = execFileSync("/usr/bin/python3", ["-c", TORCH_SCRIPT, mnistDir(), tmp], {
    env: { ...process.env, OPENBLAS_NUM_THREADS: "1", OMP_NUM_THREADS: "1", MKL_NUM_THREADS: "1" },
    encoding: "utf8",
  });
  return JSON.parse(out.trim().split("\n").pop() ?? "{}");
}

interface BenchArgs {
  runs: number;
  paths: KernelPath[];
  modes: StepMode[];
  seed: number;
  noTorch: boolean;
}

function parseBench(argv: string[]): BenchArgs {
  const { values: v, positionals } = parseCommandLine(argv, {
    runs: { type: "string" },
    paths: { type: "string" },
    step: { type: "string" },
    seed: { type: "string" },
    "no-torch": { type: "boolean" },
  });
  if (positionals.length > 0) throw new UsageError(`unexpected argument ${positionals[0]}`);
  const whole = (x: number) => Number.isInteger(x) && x >= 0;
  return {
    runs: numberOption("runs", v.runs, (x) => whole(x) && x >= 1, "a whole number >= 1") ?? 3,
    paths: listOption("paths", v.paths ?? "wasm", PATHS),
    modes: listOption("step", v.step ?? "class,fused", STEPS),
    seed: numberOption("seed", v.seed, whole, "a whole number") ?? 0,
    noTorch: v["no-torch"] ?? false,
  };
}

/** The best time of each configuration, and its ratio to PyTorch's when PyTorch ran. */
function summaryLine(best: Map<string, number>, runs: number, flops: number, noTorch: boolean) {
  // the machine may be shared: the fastest of the runs is the fairest figure for each
  const summary: Record<string, unknown> = {
    summary: `best of ${runs} runs`,
    flopsPerEpoch: flops,
  };
  for (const [key, sec] of best) summary[key] = +sec.toFixed(3);
  const torchBest = best.get("torch");
  if (torchBest !== undefined) {
    const torchCpu = best.get("torch cpu") ?? NaN;
    for (const [key, sec] of best) {
      if (key.startsWith("torch")) continue;
      const ref = key.endsWith(" cpu") ? torchCpu : torchBest;
      summary[`ratio ${key}`] = +(sec / ref).toFixed(2);
    }
  } else {
    const why = noTorch ? "--no-torch" : "python3-torch not found";
    console.error(`(no PyTorch comparison: ${why})`);
  }
  return summary;
}

function main(): void {
  const { runs, paths, modes, seed, noTorch } = parseBench(process.argv.slice(2));
  const withTorch = !noTorch && torchAvailable();
  const t0 = performance.now();
  const data = loadMnist();
  const loadSeconds = (performance.now() - t0) / 1000;
  const flops = FLOPS_PER_SAMPLE * data.train.count;
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "optkit-bench-"));
  const best = new Map<string, number>();
  const keep = (key: string, sec: number) =>
    best.set(key, Math.min(best.get(key) ?? Infinity, sec));
  try {
    for (let run = 1; run <= runs; run++) {
      const lines: Record<string, unknown>[] = [];
      for (const p of paths) {
        for (const mode of modes) {
          const r = runOurs(data, p, mode, seed + run - 1, withTorch ? tmp : undefined);
          keep(`${p}/${mode}`, r.seconds);
          keep(`${p}/${mode} cpu`, r.cpuSeconds);
          lines.push({
            impl: "optkit",
            path: p,
            sgd: mode === "class" ? "lib/optim SGD" : "Mlp.sgdStep (in the kernels)",
            run,
            epochSeconds: +r.seconds.toFixed(3),
            cpuSeconds: +r.cpuSeconds.toFixed(3),
            gflops: +(flops / r.seconds / 1e9).toFixed(2),
            testAccuracy: +r.accuracy.toFixed(4),
            testLoss: +r.loss.toFixed(4),
            peakRssMB: Math.round(process.resourceUsage().maxRSS / 1024),
            loadSeconds: +loadSeconds.toFixed(3),
            node: process.version,
          });
        }
      }
      // PyTorch on the same initial weights and permutation (those of this run's seed)
      const t = withTorch ? runTorch(tmp) : null;
      if (t) keep("torch", t.seconds);
      if (t) keep("torch cpu", t.cpuSeconds);
      for (const line of lines) {
        if (t) {
          line.torchSeconds = +t.seconds.toFixed(3);
          line.torchCpuSeconds = +t.cpuSeconds.toFixed(3);
          line.torchAccuracy = +t.accuracy.toFixed(4);
          line.ratioToTorch = +((line.epochSeconds as number) / t.seconds).toFixed(2);
          line.cpuRatioToTorch = +((line.cpuSeconds as number) / t.cpuSeconds).toFixed(2);
          line.torch = t.torch;
        }
        console.log(JSON.stringify(line));
      }
    }
    console.log(JSON.stringify(summaryLine(best, runs, flops, noTorch)));
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

runCommand("bench", USAGE, main);
