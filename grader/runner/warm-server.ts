/**
 * A warm grader: one process that runs grading after grading without starting again, so a run
 * no longer pays for starting ts-node, loading vitest and transforming the suites (about 2 s of
 * CPU each time). `check()` in a kernel keeps one per kernel (lib/util/grade-check.ts), and
 * `grade:batch` one per job for the whole class (./warm.ts). What a run does is unchanged: the
 * same suites through the same vitest configuration (each suite in a forked worker of its own,
 * started afresh for every run, with the same time limits), and the submission, compiled to
 * JavaScript, in the same sandboxed processes (../sandbox) that the suites start.
 *
 * Kept between runs, each checked before use:
 * - vitest and its transformed suites, while none of the grader's own files (suites, harness,
 *   library, reference solutions, the sandbox) has changed since it started; else it starts again;
 * - the compiled submission, under a hash of the content of everything compiled into it (the
 *   graded folder's exercise files, lib/ and the sandbox's host), so an edited exercise file is
 *   compiled again and an unchanged one is not.
 *
 * Protocol: one JSON request per line on stdin (`WarmRequest`); on fd 3, one JSON line per
 * finished test, `{ partial: { file, records } }` (what a run stopped by its time limit keeps),
 * then the answer: `{ records, durationMs, layers }`, with the summary and its reports when the
 * request asks for them (a check), or `{ error }`, or `{ fallback }` when a suite produced no
 * results at all (its worker died before collecting), which the cold grader (./run.ts) handles.
 * The process ends when its stdin closes (its parent is gone).
 */
import { createHash } from "node:crypto";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import * as readline from "node:readline";
import {
  createVitest,
  type Reporter,
  type TestCase,
  type TestModule,
  type Vitest,
} from "vitest/node";
import { exerciseSuites } from "./grade";
import { HIDDEN_DIR, isTargetPath, type TestRecord } from "./meta";
import { moduleRecords } from "./reporter";
import { writeReports } from "./reports";
import { GRADING_CONFIG, suiteFiles, suiteModule } from "./run";
import { diagnosticLines } from "../harness/verdict";
import { bubblewrapAvailable, runsUnprivileged, sandboxLayers } from "../sandbox/command";
import { compileSubmission } from "../sandbox/compile";
import { folderDiagnostics } from "../sandbox/diagnose";
import { exerciseCalls, nameUpstream } from "../sandbox/refused";
import { capped } from "../sandbox/link";
import { refuseDebuggerSignal } from "../sandbox/signals";
import { summarize } from "./score";

export interface WarmRequest {
  /** the graded folder, relative to the root ("exercises", "solutions", ...) */
  target: string;
  /** compile the submission from this folder instead, relative to the root (grade:batch) */
  source?: string;
  /** one exercise's tests (e.g. "adamStep") */
  exercise?: string;
  /** or every public suite of one notebook (e.g. "04") */
  notebook?: string;
  /** or these suites (relative to the root), hidden ones included */
  suites?: string[];
  /** the seed of the random cases ("" for the fixed public one) */
  seed?: string;
  /** a submitted module that takes longer than this to import fails its suite's tests */
  importLimitMs?: number;
  /** extra environment for the suites (e.g. OPTKIT_GRADE_CALL_LIMIT_MS) */
  env?: Record<string, string>;
  /** also summarize and write the reports to build/check, as a check does */
  report?: boolean;
}

/** The files whose content a fingerprint covers: `dirs` walked, `.ts`/`.cjs`/`.json` files. */
function listFiles(root: string, dirs: string[]): string[] {
  const files: string[] = [];
  for (const d of dirs) {
    const abs = path.join(root, d);
    const st = fs.statSync(abs, { throwIfNoEntry: false });
    if (!st) continue;
    if (st.isFile()) files.push(abs);
    else {
      for (const f of fs.readdirSync(abs, { recursive: true, encoding: "utf8" }).sort()) {
        if (/\.(ts|cjs|mjs|json)$/.test(f)) files.push(path.join(abs, f));
      }
    }
  }
  return files;
}

/** A hash of the content of `files`, names included. */
export function contentHash(root: string, files: string[]): string {
  const h = createHash("sha256");
  for (const f of files) {
    h.update(path.relative(root, f)).update("\0");
    h.update(fs.readFileSync(f)).update("\0");
  }
  return h.digest("hex");
}

/** What the grader's side reads: a change to any of it restarts vitest. */
const GRADER_INPUTS = ["grader", "lib", "solutions", GRADING_CONFIG, "package-lock.json"];

/** The compiled submission, kept under the hash of everything compiled into it. */
class CompiledCache {
  private key = "";
  private dir = "";

  constructor(private readonly root: string) {}

  get(source: string): string {
    const from = path.join(this.root, source);
    const exercises = fs.existsSync(from)
      ? fs
          .readdirSync(from)
          .filter((f) => /^\d\d-[\w-]+\.ts$/.test(f))
          .sort()
          .map((f) => path.join(from, f))
      : [];
    const host = ["host.ts", "codec.ts"].map((f) => path.join(__dirname, "..", "sandbox", f));
    const key = `${source}:${contentHash(this.root, [...exercises, ...host, ...listFiles(this.root, ["lib"])])}`;
    if (key === this.key) return this.dir;
    this.clear();
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "optkit-submission-"));
    try {
      compileSubmission(this.root, source, dir);
    } catch {
      // an unreadable folder: each suite then reports its module as missing (as ./run.ts)
    }
    this.key = key;
    this.dir = dir;
    return dir;
  }

  clear(): void {
    if (this.dir) fs.rmSync(this.dir, { recursive: true, force: true });
    this.key = "";
    this.dir = "";
  }
}

/**
 * The suites a request selects: its own list, or the public suites of an exercise or a notebook
 * (never a hidden one), as `npm run grade -- --public` selects them.
 */
export function requestSuites(root: string, req: WarmRequest): string[] {
  if (req.suites) return req.suites;
  const filters = req.exercise ? exerciseSuites(root, req.exercise) : [`${req.notebook}-`];
  const suites = suiteFiles(root, filters).filter((f) => !f.startsWith(HIDDEN_DIR));
  if (suites.length === 0) {
    throw new Error(`no grading suite in grader/ matches ${filters.join(", ")}`);
  }
  return suites;
}

/** Sends each suite's records once collected and as its tests finish (what a run cut short keeps). */
class PartialReporter implements Reporter {
  constructor(
    private readonly root: string,
    private readonly send: (reply: object) => void,
  ) {}

  private sendModule(mod: TestModule): void {
    const file = path.relative(this.root, mod.moduleId).split(path.sep).join("/");
    this.send({ partial: { file, records: moduleRecords(mod, this.root) } });
  }

  onTestModuleCollected(mod: TestModule): void {
    this.sendModule(mod);
  }

  onTestCaseResult(test: TestCase): void {
    this.sendModule(test.module);
  }
}

export class WarmGrader {
  private vitest: Vitest | null = null;
  private graderHash = "";
  private readonly compiled: CompiledCache;
  private readonly cacheDir = fs.mkdtempSync(path.join(os.tmpdir(), "optkit-check-cache-"));

  /** environment keys the last request set for its suites */
  private requestEnv: string[] = [];

  constructor(
    private readonly root: string,
    private readonly send: (reply: object) => void = () => undefined,
  ) {
    this.compiled = new CompiledCache(root);
  }

  private async ready(): Promise<Vitest> {
    const hash = contentHash(this.root, listFiles(this.root, GRADER_INPUTS));
    if (this.vitest && hash === this.graderHash) return this.vitest;
    await this.vitest?.close();
    process.env.OPTKIT_GRADE_CACHE_DIR = this.cacheDir;
    this.vitest = await createVitest(
      "test",
      {
        config: GRADING_CONFIG,
        watch: false,
        silent: true,
        reporters: [new PartialReporter(this.root, this.send)],
      },
      { logLevel: "silent" },
    );
    this.graderHash = hash;
    return this.vitest;
  }

  async run(req: WarmRequest): Promise<object> {
    const started = Date.now();
    const source = req.source ?? req.target;
    if (!isTargetPath(req.target)) throw new Error(`not a folder of the course: ${req.target}`);
    const suites = requestSuites(this.root, req);
    const compiled = this.compiled.get(source);
    // what ./run.ts hands its vitest child; the suites' forked workers inherit it
    for (const k of this.requestEnv) delete process.env[k];
    this.requestEnv = Object.keys(req.env ?? {});
    Object.assign(process.env, req.env, {
      OPTKIT_GRADE_TARGET: req.target,
      OPTKIT_GRADE_COMPILED: compiled,
      OPTKIT_GRADE_SEED: req.seed ?? "",
      OPTKIT_GRADE_WATCH: "",
      OPTKIT_GRADE_IMPORT_LIMIT_MS: String(req.importLimitMs ?? 20_000),
      OPTKIT_GRADE_BWRAP: bubblewrapAvailable() ? "1" : "0",
      OPTKIT_GRADE_UNPRIVILEGED: runsUnprivileged(this.root) ? "1" : "0",
    });
    const vitest = await this.ready();
    if (req.exercise) {
      vitest.setGlobalTestNamePattern(`^${req.exercise.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")} `);
    } else vitest.resetGlobalTestNamePattern();
    const files = suites.map((s) => path.join(this.root, s));
    const run = await vitest.runTestFiles(files);
    // vitest keeps earlier runs' modules in its state: only this run's suites count
    const modules: TestModule[] = run.testModules.filter((m) => files.includes(m.moduleId));
    let records: TestRecord[] = modules.flatMap((m) => moduleRecords(m, this.root));
    const seen = new Set(records.map((r) => r.file));
    if (suites.some((s) => !seen.has(s))) return { fallback: "a suite produced no results" };
    if (req.exercise) records = records.filter((r) => r.exercise === req.exercise);
    nameUpstream(records, exerciseCalls(compiled)); // as ./run.ts does
    for (const r of records) r.message = capped(r.message);
    records.sort((a, b) => suites.indexOf(a.file) - suites.indexOf(b.file));
    const durationMs = Date.now() - started;
    const layers = sandboxLayers(this.root);
    if (!req.report) return { records, durationMs, layers };
    const summary = summarize(req.target, records, durationMs);
    summary.run = { layers, seed: req.seed ?? "" };
    // the compiler's errors in the checked files, listed as `npm run grade` lists them
    const checked = new Set(suites.map((f) => `${suiteModule(f)}.ts`));
    const from = path.resolve(this.root, source);
    const shown = (name: string) => `${req.target}/${name}`;
    summary.diagnostics = folderDiagnostics(this.root, from, shown, checked);
    writeReports(summary, path.join(this.root, "build", "check"));
    const compiler = diagnosticLines(summary.diagnostics);
    return { records, durationMs, layers, summary: { ...summary, compiler } };
  }

  async close(): Promise<void> {
    await this.vitest?.close();
    this.compiled.clear();
    fs.rmSync(this.cacheDir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  refuseDebuggerSignal(); // the suites' workers, children of this process, start submissions
  const answer = (reply: object) => fs.writeSync(3, `${JSON.stringify(reply)}\n`);
  const grader = new WarmGrader(process.cwd(), answer);
  const lines = readline.createInterface({ input: process.stdin });
  let queue = Promise.resolve();
  lines.on("line", (line) => {
    queue = queue.then(async () => {
      try {
        answer(await grader.run(JSON.parse(line) as WarmRequest));
      } catch (e) {
        answer({ error: e instanceof Error ? e.message : String(e) });
      }
    });
  });
  lines.on("close", () => {
    void queue.then(() => grader.close()).finally(() => process.exit(0));
  });
}

if (require.main === module) void main();
