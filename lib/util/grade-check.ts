/**
 * `await check("adamStep")` or `await check("04")` in a notebook cell: grade one exercise, or
 * every exercise of one notebook, with its public grading suites, through the same sandboxed
 * grader as `npm run grade` (the exercise file runs in a process of its own; grader/), and
 * show the points per test, the first failure in one sentence and the exercise's hint. A stub
 * scores 0 without an error: checking is never a failure of the cell. The first check of a
 * kernel starts a warm grader (grader/runner/warm-server.ts) that the next checks reuse, so they
 * answer in well under a second; OPTKIT_CHECK_WARM=0 grades each check in a fresh grader process.
 *
 * Taught in notebooks/00-welcome.ipynb, section "Exercises and grading"; used at the end of each
 * notebook, beside its exercises.
 */
import { spawn, type ChildProcess } from "child_process";
import * as fs from "fs";
import type { Readable } from "stream";
import * as path from "path";
import { findCourseRoot } from "../data/course-root";
import { showMarkdown } from "../plot/table";
import { OptkitError } from "./check";
import { checkWhat, showCheck, type CheckResult } from "./check-report";

export type { CheckResult } from "./check-report";

interface Summary {
  points: number;
  maxPoints: number;
  exercises: { exercise: string; points: number; maxPoints: number; firstFailure: string }[];
  tests: { exercise: string; name: string; maxPoints: number; status: string; hint?: string }[];
  /** the grader's lines about the compiler's errors: files refused for a syntax error, type errors */
  compiler?: string[];
}

/**
 * The file of the course's `grade` command, as its package.json declares it ("ts-node <file>"):
 * the library names no tool's path of its own.
 */
function gradeEntry(root: string): string {
  const pkg = JSON.parse(fs.readFileSync(path.join(root, "package.json"), "utf8")) as {
    scripts?: Record<string, string>;
  };
  const command = pkg.scripts?.grade ?? "";
  const file = /^ts-node\s+(\S+\.ts)$/.exec(command)?.[1];
  if (!file) {
    throw new OptkitError(
      "what",
      `package.json's "grade" script should be "ts-node <file>", not "${command}"`,
    );
  }
  return file;
}

/** The cold path: the command-line grader in a process of its own, for one check. */
function runGrader(root: string, args: string[]): Promise<{ code: number | null; out: string }> {
  const tsNode = path.join(root, "node_modules", "ts-node", "dist", "bin.js");
  const entry = gradeEntry(root);
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [tsNode, entry, ...args], {
      cwd: root,
      env: { ...process.env, TS_NODE_TRANSPILE_ONLY: "1" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let out = "";
    let err = "";
    child.stdout.on("data", (c: Buffer) => (out += c.toString()));
    child.stderr.on("data", (c: Buffer) => (err += c.toString()));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, out: code === 0 ? out : err || out }));
  });
}

/** How long one warm check may take before its grader is stopped [120 s, as `npm run grade`]. */
const WARM_LIMIT_MS = 120_000;

/**
 * The warm grader (warm-server.ts, beside the grade command's file): started by the first check of a kernel and
 * reused by the next. It runs in its own process group, so a check that overruns is stopped with
 * everything it started; it ends by itself when this process does (its stdin closes), and never
 * keeps this process alive between checks.
 */
class WarmGrader {
  private readonly child: ChildProcess;
  private readonly answers: Readable;
  private buffered = "";
  private stderr = "";
  private waiting: ((line: string | Error) => void) | null = null;
  dead = false;

  get pid(): number | undefined {
    return this.child.pid;
  }

  constructor(root: string) {
    const tsNode = path.join(root, "node_modules", "ts-node", "dist", "bin.js");
    // beside the grade command's file (./grader/runner/ in this course)
    const server = path.join(path.dirname(gradeEntry(root)), "warm-server.ts");
    this.child = spawn(process.execPath, [tsNode, server], {
      cwd: root,
      env: {
        ...process.env,
        TS_NODE_TRANSPILE_ONLY: "1",
        VITE_CONFIG_NATIVE_IGNORE_WARNING: "true",
      },
      stdio: ["pipe", "ignore", "pipe", "pipe"],
      detached: true,
    });
    this.answers = this.child.stdio[3] as Readable;
    this.answers.on("data", (c: Buffer) => {
      this.buffered += c.toString();
      for (let nl = this.buffered.indexOf("\n"); nl >= 0; nl = this.buffered.indexOf("\n")) {
        const line = this.buffered.slice(0, nl);
        this.buffered = this.buffered.slice(nl + 1);
        // each finished test's records come first; a check waits for the whole answer
        if (!line.startsWith('{"partial":')) this.settle(line);
      }
    });
    this.child.stderr?.on(
      "data",
      (c: Buffer) => (this.stderr = (this.stderr + c.toString()).slice(-4000)),
    );
    const ended = (why: string) => {
      this.dead = true;
      this.settle(
        new Error(`the warm grader ended (${why}): ${this.stderr.trim().split("\n").pop() ?? ""}`),
      );
    };
    this.child.on("error", (e) => ended(e.message));
    this.child.on("exit", (code, signal) => ended(signal ?? `exit code ${code}`));
    this.idle();
  }

  private settle(value: string | Error): void {
    const waiting = this.waiting;
    this.waiting = null;
    waiting?.(value);
  }

  /** Between checks, nothing of the grader keeps this process (a kernel, a script) alive. */
  private idle(): void {
    this.child.unref();
    for (const s of [this.child.stdin, this.child.stderr, this.answers]) {
      (s as unknown as { unref?: () => void } | null)?.unref?.();
    }
  }

  private busy(): void {
    this.child.ref();
    for (const s of [this.child.stdin, this.child.stderr, this.answers]) {
      (s as unknown as { ref?: () => void } | null)?.ref?.();
    }
  }

  /** Send one request; resolves with the answer line, rejects when the grader ends or overruns. */
  ask(request: object): Promise<string> {
    this.busy();
    return new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.stop();
        reject(new Error(`it did not finish within ${WARM_LIMIT_MS / 1000} s`));
      }, WARM_LIMIT_MS);
      this.waiting = (line) => {
        clearTimeout(timer);
        if (line instanceof Error) reject(line);
        else resolve(line);
      };
      this.child.stdin?.write(`${JSON.stringify(request)}\n`);
    }).finally(() => {
      if (!this.dead) this.idle();
    });
  }

  /** Stop the grader and whatever it started (its process group). */
  stop(): void {
    this.dead = true;
    try {
      process.kill(-(this.child.pid ?? 0), "SIGKILL");
    } catch {
      // gone already
    }
  }
}

let warm: WarmGrader | null = null;

/** The warm grader's process id, while one runs (for tests: is it reused across checks?). */
export function warmGraderPid(): number | undefined {
  return warm && !warm.dead ? warm.pid : undefined;
}
/** one check at a time through the warm grader */
let queue: Promise<unknown> = Promise.resolve();

/**
 * The summary of a check from the warm grader, or null where the cold path must answer (it is
 * switched off with OPTKIT_CHECK_WARM=0, could not start, or a suite produced no results).
 */
function warmSummary(root: string, request: object): Promise<Summary | null> {
  if (process.env.OPTKIT_CHECK_WARM === "0") return Promise.resolve(null);
  const next = queue.then(async () => {
    if (!warm || warm.dead) warm = new WarmGrader(root);
    let line: string;
    try {
      line = await warm.ask(request);
    } catch {
      warm.stop();
      warm = null;
      return null;
    }
    const reply = JSON.parse(line) as { summary?: Summary; error?: string; fallback?: string };
    if (reply.error) throw new Error(reply.error);
    return reply.summary ?? null;
  });
  queue = next.catch(() => undefined);
  return next;
}

/**
 * Grade `what` (an exercise's name such as "adamStep", or a notebook's number such as "04")
 * against exercises/ (or `opts.target`, e.g. "solutions") with the public suites, and show the
 * result in the cell.
 */
export async function check(what: string, opts: { target?: string } = {}): Promise<CheckResult> {
  checkWhat(what);
  if (process.env.OPTKIT_STATIC_COURSE === "1") {
    const cmd = /^\d\d$/.test(what)
      ? `npm run grade -- ${what}`
      : `npm run grade -- --exercise ${what}`;
    showMarkdown(
      `*This cell grades ${what} against your exercise file and shows the points, the first ` +
        "failure and a hint. On this page, press Run to grade the exercise file of the page's " +
        `panel in your browser; in a copy of the course, run it in Jupyter or run \`${cmd}\`.*`,
    );
    return { points: 0, maxPoints: 0, exercises: [], tests: [], seconds: 0 };
  }
  const root = findCourseRoot();
  const started = Date.now();
  const notebook = /^\d\d$/.test(what);
  const target = opts.target ?? "exercises";
  const request = { target, report: true, ...(notebook ? { notebook: what } : { exercise: what }) };
  let s = await warmSummary(root, request).catch((e: Error) => {
    throw new OptkitError("what", `grading ${what} failed: ${e.message}`);
  });
  if (!s) {
    const args = ["--json", "--public", "--out", "build/check", "--target", target];
    args.push(...(notebook ? [`${what}-`] : ["--exercise", what]));
    const { code, out } = await runGrader(root, args);
    if (code !== 0) {
      throw new OptkitError("what", `grading ${what} failed: ${out.trim().split("\n")[0]}`);
    }
    s = JSON.parse(out.slice(out.indexOf("{"))) as Summary;
  }
  // the public suites only: a hidden suite's tests never show in a student's check
  const hints = new Map(s.tests.filter((t) => t.hint).map((t) => [t.exercise, t.hint]));
  const result: CheckResult = {
    points: s.points,
    maxPoints: s.maxPoints,
    exercises: s.exercises.map((e) => ({
      ...e,
      hint: e.points < e.maxPoints ? hints.get(e.exercise) : undefined,
    })),
    tests: s.tests.map((t) => ({
      exercise: t.exercise,
      name: t.name,
      points: t.status === "passed" ? t.maxPoints : 0,
      passed: t.status === "passed",
    })),
    seconds: (Date.now() - started) / 1000,
    compiler: s.compiler ?? [],
  };
  return showCheck(what, result);
}
