/**
 * Submissions that implement nothing, each trying to earn points anyway, and submissions that
 * test the policies around honest work (the course library as an answer, a bug upstream, a
 * runtime error's place). Every file starts from the course's stubs (or solutions) and swaps
 * whole functions, so the attacks follow the stubs' current signatures.
 */
import * as fs from "node:fs";
import * as path from "node:path";

const NOTEBOOKS = [
  "01-derivatives",
  "02-gradient-descent",
  "03-newton",
  "04-momentum-adam",
  "05-sgd-mnist",
];

/** Every word and number an error test of the suites looks for, in one message. */
export const EVERY_KEYWORD =
  "lengths 2 and 3 differ; singular matrix; diverged at step 115 (or 114) with learning rate 0.5, " +
  "at step 1024 (or 1023) with learning rate 1.5; flat tangent f'(x) = 0; no root after maxIter";

/** `src` with the whole function `name` (from `export function name(` to its closing brace) replaced. */
export function swapFunction(src: string, name: string, text: string): string {
  const start = src.indexOf(`export function ${name}(`);
  if (start < 0) throw new Error(`no function ${name} to swap`);
  const end = src.indexOf("\n}\n", start);
  return `${src.slice(0, start)}${text.trim()}${src.slice(end + 2)}`;
}

/** The exported function names of a module's source. */
function exportedFunctions(src: string): string[] {
  return [...src.matchAll(/^export function (\w+)\(/gm)].map((m) => m[1]);
}

/** A module whose every export (those of `src`) throws `message`. */
function thrower(src: string, message: string): string {
  const fns = exportedFunctions(src).map(
    (f) =>
      `export function ${f}(..._args: unknown[]): never {\n  throw new Error(${JSON.stringify(message)});\n}`,
  );
  return `${fns.join("\n")}\n`;
}

// What each "no work" attack swaps in: exported functions that do nothing of the exercise.
const NO_WORK: Record<string, Record<string, Record<string, string>>> = {
  // writes into the grader's arguments, so that the reference computed after it agrees
  mutator: {
    "04-momentum-adam": {
      sgdStep: `export function sgdStep(p: Float64Array, g: Float64Array, state: SgdState, hyper: SgdHyper): StepResult<SgdState> {
  const h = hyper as unknown as Record<string, unknown>;
  for (const k of Object.keys(h)) h[k] = typeof h[k] === "boolean" ? false : 0;
  void g;
  return { p: Float64Array.from(p), state: { step: state.step + 1, buf: Float64Array.from(state.buf) } };
}`,
    },
    "05-sgd-mnist": {
      mlpLossAndGradient: `export function mlpLossAndGradient(params: MlpParams, X: Float64Array, labels: readonly number[], dims: MlpDims): MlpLossAndGrads {
  void X;
  dims.dHidden = 0;
  const k = dims.dOut;
  const b2 = new Float64Array(k);
  const z = Array.from(params.b2);
  const m = Math.max(...z);
  const e = z.map((v) => Math.exp(v - m));
  const s = e.reduce((a, b) => a + b, 0);
  for (const y of labels) for (let j = 0; j < k; j++) b2[j] += (e[j] / s - (j === y ? 1 : 0)) / labels.length;
  const zeros = (a: Float64Array) => new Float64Array(a.length);
  return { loss: 0, grads: { W1: zeros(params.W1), b1: zeros(params.b1), W2: zeros(params.W2), b2 } };
}`,
    },
  },
  // Infinity equals Infinity, and Infinity < Infinity is false
  infinite: {
    "02-gradient-descent": {
      optimalFixedStep: `export function optimalFixedStep(lambdaMin: number, lambdaMax: number): StepAndRate {
  void [lambdaMin, lambdaMax];
  return { eta: Infinity, rate: Infinity };
}`,
    },
  },
  // answers that satisfy a property without computing anything of the exercise
  trivial: {
    "03-newton": {
      bfgsUpdate: `export function bfgsUpdate(H: Matrix, s: Float64Array, y: Float64Array): Matrix {
  void H;
  const sy = s.reduce((a, v, i) => a + v * y[i], 0);
  return Array.from(s, (si) => Array.from(s, (sj) => (si * sj) / sy));
}`,
    },
    "04-momentum-adam": {
      adamStep: `export function adamStep(p: Float64Array, g: Float64Array, state: AdamState, hyper: AdamHyper = {}): StepResult<AdamState> {
  void [g, hyper];
  return { p: Float64Array.from(p), state };
}`,
      clipGradNorm: `export function clipGradNorm(grads: readonly Float64Array[], maxNorm: number): ClipResult {
  void grads;
  return { grads: [Float64Array.of(maxNorm)], norm: maxNorm };
}`,
    },
    "05-sgd-mnist": {
      shuffledBatches: `export function shuffledBatches(N: number, B: number, rng: Uniform, dropLast = false): number[][] {
  void [B, dropLast];
  for (let i = 0; i < N - 1; i++) rng();
  return [];
}`,
      softmax: `export function softmax(logits: Float64Array, n: number, k: number): Float64Array {
  void n;
  return new Float64Array(logits.length).fill(1 / k);
}`,
    },
  },
};

/** The "no work" students: names of the folders written by `writeNoWork`. */
export const NO_WORK_STUDENTS = ["stub", "thrower", ...Object.keys(NO_WORK)];

function writeFile(dir: string, student: string, notebook: string, text: string): void {
  const file = path.join(dir, student, "exercises", `${notebook}.ts`);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, text);
}

/** Write the "no work" students into `dir`, every notebook each, from the stubs of `root`. */
export function writeNoWork(root: string, dir: string): string[] {
  const stub = (nb: string) => fs.readFileSync(path.join(root, "exercises", `${nb}.ts`), "utf8");
  for (const nb of NOTEBOOKS) {
    writeFile(dir, "stub", nb, stub(nb));
    writeFile(dir, "thrower", nb, thrower(stub(nb), EVERY_KEYWORD));
    for (const [student, swaps] of Object.entries(NO_WORK)) {
      let src = stub(nb);
      for (const [fn, text] of Object.entries(swaps[nb] ?? {})) src = swapFunction(src, fn, text);
      writeFile(dir, student, nb, src);
    }
  }
  return NO_WORK_STUDENTS;
}

/**
 * Honest students for the policies of grading:
 * - library: notebook 02's stubs with `linearDecay` answered by the course library's schedule;
 * - upstream: notebook 04's solutions with a buggy `adamStep` (no bias correction) under a
 *   correct `adamwStep` that calls it;
 * - crash: notebook 01's solutions with `relativeError` reading past its input, at a known line.
 */
export function writePolicyStudents(root: string, dir: string): { crashLine: number } {
  const read = (f: string) => fs.readFileSync(path.join(root, f), "utf8");
  const library = swapFunction(
    read("exercises/02-gradient-descent.ts"),
    "linearDecay",
    `export function linearDecay(t: number, alpha0: number, alphaRho: number, rho: number): number {
  return linearDecayLR(alpha0, alphaRho, rho)(t);
}`,
  ).replace(
    'import { NotImplementedError } from "../lib/util/exercise";',
    'import { NotImplementedError } from "../lib/util/exercise";\nimport { linearDecayLR } from "../lib";',
  );
  writeFile(dir, "library", "02-gradient-descent", library);
  const adam = read("solutions/04-momentum-adam.ts");
  const bug = adam
    .replace("const mHat = m[i] / (1 - Math.pow(beta1, t));", "const mHat = m[i];")
    .replace("const vHat = v[i] / (1 - Math.pow(beta2, t));", "const vHat = v[i];");
  if (bug === adam) throw new Error("cannot find adamStep's bias correction to remove");
  writeFile(dir, "upstream", "04-momentum-adam", bug);
  const sol = read("solutions/01-derivatives.ts");
  const crash = swapFunction(
    sol,
    "relativeError",
    `export function relativeError(a: Float64Array, b: Float64Array): number {
  const rows = [a, b] as unknown as Float64Array[][];
  return rows[2][0][0];
}`,
  );
  writeFile(dir, "crash", "01-derivatives", crash);
  const lines = crash.split("\n");
  const crashLine = lines.findIndex((l) => l.includes("rows[2][0][0]")) + 1;
  return { crashLine };
}
