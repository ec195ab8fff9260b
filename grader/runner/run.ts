/**
 * Run the grading suites in a child vitest process and collect one `TestRecord` per test.
 * The child writes records (grader/runner/reporter.ts) into a fresh temporary folder; this
 * parent reads them, fills in tests that never finished, and never parses the child's output.
 * The submission itself runs in sandboxed processes that the suites start (./sandbox). When the
 * run ends, or exceeds `timeLimitMs`, its whole process group is killed: nothing outlives it.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { applyManifest, type ManifestTest } from "./manifest";
import { HIDDEN_DIR, type TestRecord } from "./meta";
import { signRecords } from "./reporter";
import { bubblewrapAvailable, runsUnprivileged, sandboxLayers } from "../sandbox/command";
import type { FileDiagnostic } from "../harness/verdict";
import { compileSubmission } from "../sandbox/compile";
import { typeErrors } from "../sandbox/diagnose";
import { exerciseCalls, nameUpstream } from "../sandbox/refused";
import { capped } from "../sandbox/link";
import { refuseDebuggerSignal } from "../sandbox/signals";

export const GRADING_CONFIG = "vitest.grading.config.ts";
/** The folder that holds the suites: public ones in suites/, hidden ones in hidden/. */
export const SUITES_DIR = "grader";

export interface RunOptions {
  /** course root (holds package.json, the grading config and the suites under grader/) */
  root: string;
  /** folder graded: "exercises", "solutions", another folder of the course or an absolute path */
  target: string;
  /** suite filters (substrings of file names, as vitest takes them); all suites if empty */
  filters?: string[];
  /** kill the whole run after this long [120 s] */
  timeLimitMs?: number;
  /** collect the tests (names, points) without running any */
  collectOnly?: boolean;
  /** a submitted module that takes longer than this to import fails its suite's tests [20 s] */
  importLimitMs?: number;
  /** the seed of the random cases ("" for the fixed public one) */
  seed?: string;
  /** run and report only this exercise's tests */
  exercise?: string;
  /** score from this list of tests (the instructor's manifest), not from the run's task meta */
  manifest?: ManifestTest[];
  /** vitest workers per run [2]; 1 when several runs share the machine */
  maxWorkers?: number;
  /** extra environment for the run (e.g. where the recorded reference outputs are) */
  env?: Record<string, string>;
}

export interface RunResult {
  records: TestRecord[];
  durationMs: number;
  /** the run hit its time limit and was killed */
  timedOut: boolean;
  /** the sandbox's layers in force (grader/sandbox/command.ts) */
  layers: string[];
  /** the child's combined output (for debugging the kit; never used for scores) */
  log: string;
  /** records files whose signature did not match (written by something other than the reporter) */
  forged: number;
  /** how many tests the run itself reported (0: the grader did not get to run any suite) */
  reported: number;
  /** the compiler's errors in the graded files: syntax errors (those files scored 0) and type
   * errors (graded anyway), see ../harness/verdict.ts */
  diagnostics: FileDiagnostic[];
}

const isHidden = (suite: string) => suite.startsWith(HIDDEN_DIR);

/** The grading suites, relative to the root, that `filters` selects: public ones first. */
export function suiteFiles(root: string, filters: string[] = []): string[] {
  return fs
    .readdirSync(path.join(root, SUITES_DIR), { recursive: true, encoding: "utf8" })
    .map((f) => `${SUITES_DIR}/${f.split(path.sep).join("/")}`)
    .filter((f) => f.endsWith(".grading.ts"))
    .filter((f) => filters.length === 0 || filters.some((flt) => f.includes(flt)))
    .sort((a, b) => Number(isHidden(a)) - Number(isHidden(b)) || a.localeCompare(b));
}

/** The notebook module a suite grades: "grader/suites/x/03-newton.grading.ts" -> "03-newton". */
export function suiteModule(suite: string): string {
  return path.basename(suite).replace(/\.grading\.ts$/, "");
}

function vitestBin(root: string): string {
  return path.join(root, "node_modules", "vitest", "vitest.mjs");
}

/** The records files the reporter signed with `key`; anything else is counted as forged. */
function readRecords(dir: string, key: string): { records: TestRecord[]; forged: number } {
  const records: TestRecord[] = [];
  let forged = 0;
  for (const f of fs.readdirSync(dir).filter((name) => name.endsWith(".json"))) {
    try {
      const data = JSON.parse(fs.readFileSync(path.join(dir, f), "utf8")) as {
        file: string;
        records: TestRecord[];
        mac: string;
      };
      if (data.mac !== signRecords(key, data.file, data.records)) throw new Error("bad signature");
      records.push(...data.records);
    } catch {
      forged++;
    }
  }
  return { records, forged };
}

/** The grading child's environment: where records go, what is graded, with which limits. */
function childEnv(
  opts: RunOptions,
  at: { dir: string; compiled: string; importLimitMs: number },
): NodeJS.ProcessEnv {
  return {
    ...process.env,
    ...opts.env,
    OPTKIT_GRADE_TARGET: opts.target,
    OPTKIT_GRADE_RECORDS: at.dir,
    OPTKIT_GRADE_CACHE_DIR: path.join(at.dir, "vite-cache"),
    OPTKIT_GRADE_SIGNED: "1",
    OPTKIT_GRADE_MAX_WORKERS: String(opts.maxWorkers ?? 2),
    OPTKIT_GRADE_WATCH: "",
    OPTKIT_GRADE_IMPORT_LIMIT_MS: String(at.importLimitMs),
    OPTKIT_GRADE_SEED: opts.seed ?? "",
    OPTKIT_GRADE_COMPILED: opts.collectOnly ? "" : at.compiled,
    OPTKIT_GRADE_BWRAP: bubblewrapAvailable() ? "1" : "0",
    OPTKIT_GRADE_UNPRIVILEGED: runsUnprivileged(opts.root) ? "1" : "0",
    VITE_CONFIG_NATIVE_IGNORE_WARNING: "true",
    FORCE_COLOR: "0",
  };
}

/**
 * Wait for `child` to close, killing its whole process group after `limitMs`; the group is
 * killed when it closes too, so whatever the run started ends with it. True if it timed out.
 */
async function closeWithin(child: ChildProcess, limitMs: number): Promise<boolean> {
  let timedOut = false;
  const killGroup = () => {
    try {
      process.kill(-(child.pid ?? 0), "SIGKILL");
    } catch {
      // the group is gone already
    }
  };
  const timer = setTimeout(() => {
    timedOut = true;
    killGroup();
  }, limitMs);
  await new Promise<void>((resolve) => child.on("close", () => resolve()));
  clearTimeout(timer);
  killGroup();
  return timedOut;
}

export async function runSuites(opts: RunOptions): Promise<RunResult> {
  const { root, target, filters = [], timeLimitMs = 120_000, collectOnly = false } = opts;
  refuseDebuggerSignal();
  const importLimitMs = opts.importLimitMs ?? 20_000;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "optkit-grade-"));
  const args = [vitestBin(root), "run", "--config", GRADING_CONFIG, ...filters];
  // A name pattern that matches nothing: every test is collected (with its meta) and skipped.
  if (collectOnly) args.push("--testNamePattern", "^(?!)$");
  else if (opts.exercise) {
    args.push("--testNamePattern", `^${opts.exercise.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")} `);
  }
  const started = Date.now();
  const key = randomBytes(32).toString("hex");
  // the graded folder, compiled once for every suite (grader/sandbox/compile.ts)
  const compiled = fs.mkdtempSync(path.join(os.tmpdir(), "optkit-submission-"));
  const diagnostics: FileDiagnostic[] = [];
  try {
    if (!collectOnly) diagnostics.push(...compileSubmission(root, target, compiled).syntax);
  } catch {
    // an unreadable folder: each suite then reports its module as missing
  }
  const child = spawn(process.execPath, args, {
    cwd: root,
    detached: true, // own process group, so a time-out kills the workers too
    stdio: ["pipe", "pipe", "pipe"],
    env: childEnv(opts, { dir, compiled, importLimitMs }),
  });
  // The signing key goes to the reporter on stdin: it is read (to the end) while vitest loads its
  // config, before any worker runs submitted code.
  child.stdin.on("error", () => undefined);
  const keySent = new Promise<void>((resolve) => child.stdin.end(`${key}\n`, resolve));
  let log = "";
  const keep = (chunk: Buffer) => {
    if (log.length < 1_000_000) log += chunk.toString();
  };
  child.stdout.on("data", keep);
  child.stderr.on("data", keep);
  const closing = closeWithin(child, timeLimitMs);
  if (!collectOnly) {
    // the type check (no score depends on it) runs while the suites do, once the key is out
    await Promise.race([keySent, closing]);
    const refused = new Set(diagnostics.map((d) => path.basename(d.file)));
    const shown = (name: string) => `${target}/${name}`;
    diagnostics.push(...typeErrors(root, path.resolve(root, target), shown, refused));
  }
  const timedOut = await closing;
  const durationMs = Date.now() - started;

  const read = readRecords(dir, key);
  const forged = read.forged;
  const records = opts.exercise
    ? read.records.filter((r) => r.exercise === opts.exercise)
    : read.records;
  fs.rmSync(dir, { recursive: true, force: true });
  const calls = exerciseCalls(compiled);
  fs.rmSync(compiled, { recursive: true, force: true });
  nameUpstream(records, calls);
  for (const r of records) {
    // the harness caps what a submission can put into a message; this holds whatever it does
    r.message = capped(r.message);
    if (r.status === "not run" && timedOut) {
      r.message = `The grading run was stopped after ${timeLimitMs / 1000} s before this test finished.`;
    }
  }
  const reported = records.length;
  const layers = sandboxLayers(root);
  // only the files this run graded (a check of notebook 04 says nothing of 01)
  const graded = new Set(suiteFiles(root, filters).map((f) => `${suiteModule(f)}.ts`));
  const ours = diagnostics.filter((d) => graded.has(path.basename(d.file)));
  return { records, durationMs, timedOut, layers, log, forged, reported, diagnostics: ours };
}

/** Why a test has no result. */
function missingMessage(opts: RunOptions, result: RunResult): string {
  if (result.timedOut) {
    return `The grading run was stopped after ${(opts.timeLimitMs ?? 120_000) / 1000} s before this test finished.`;
  }
  return "This test did not run: its suite stopped early (did the submission end the process?).";
}

/**
 * Grade `target`: run the suites (with `run`: `runSuites`, or a warm grader's run, ./warm.ts); a
 * suite that produced no records at all (its worker died before collecting) is collected again
 * against the solutions so that its tests still count, as failures, with their full points in
 * the maximum.
 */
export async function grade(
  opts: RunOptions,
  run: (opts: RunOptions) => Promise<RunResult> = runSuites,
): Promise<RunResult> {
  const result = await run(opts);
  if (opts.manifest) {
    const suites = suiteFiles(opts.root, opts.filters);
    const tests = opts.manifest.filter(
      (t) => suites.includes(t.file) && (!opts.exercise || t.exercise === opts.exercise),
    );
    result.records = applyManifest(result.records, tests, () => missingMessage(opts, result));
    return result;
  }
  const seen = new Set(result.records.map((r) => r.file));
  const missing = suiteFiles(opts.root, opts.filters).filter((f) => !seen.has(f));
  if (missing.length > 0 && !opts.collectOnly) {
    const collected = await runSuites({
      ...opts,
      target: "solutions",
      filters: missing,
      collectOnly: true,
    });
    for (const r of collected.records) {
      r.status = "not run";
      r.message = missingMessage(opts, result);
      result.records.push(r);
    }
  }
  const order = suiteFiles(opts.root);
  result.records.sort((a, b) => order.indexOf(a.file) - order.indexOf(b.file));
  return result;
}
