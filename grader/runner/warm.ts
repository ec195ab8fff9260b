/**
 * The grader's side of a warm grader (./warm-server.ts) for the kit's own scripts: `grade:batch`
 * keeps one per job for the whole class instead of starting vitest for every submission.
 * `WarmRunner.run` answers as `runSuites` (./run.ts) does, with the same time limit: past it the
 * warm grader is killed with everything it started (its process group), the tests finished by
 * then keep their results, and the next run starts a fresh one. After every run, any process the
 * run left in that group is killed too, so nothing a run started outlives it (Linux, through
 * /proc; the sandbox's own layers stop such processes first).
 */
import { spawn, type ChildProcess } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import type { Readable } from "node:stream";
import type { TestRecord } from "./meta";
import { suiteFiles, suiteModule, type RunOptions, type RunResult } from "./run";
import { folderDiagnostics } from "../sandbox/diagnose";
import { sandboxLayers } from "../sandbox/command";
import { capped } from "../sandbox/link";
import type { WarmRequest } from "./warm-server";

interface Answer {
  records?: TestRecord[];
  durationMs?: number;
  layers?: string[];
  error?: string;
  fallback?: string;
}

/** Processes of process group `group` other than `keep` (Linux; elsewhere none are found). */
function groupMembers(group: number, keep: number): number[] {
  if (process.platform !== "linux") return [];
  const found: number[] = [];
  for (const p of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(p) || Number(p) === keep) continue;
    try {
      const stat = fs.readFileSync(`/proc/${p}/stat`, "utf8");
      // pid (comm) state ppid pgrp ...: comm may hold spaces, so count after its ")"
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      if (Number(fields[2]) === group) found.push(Number(p));
    } catch {
      // gone meanwhile
    }
  }
  return found;
}

export class WarmRunner {
  private child: ChildProcess | null = null;
  private buffered = "";
  private stderr = "";
  private onLine: ((line: string) => void) | null = null;
  private onEnd: ((why: string) => void) | null = null;

  /**
   * @param root the folder the warm grader runs in (a pristine copy of the grading kit with the
   *   course's node_modules), whose suites every run uses
   * @param maxWorkers vitest workers per run
   */
  constructor(
    readonly root: string,
    private readonly maxWorkers: number,
  ) {}

  private start(): ChildProcess {
    const tsNode = path.join(this.root, "node_modules", "ts-node", "dist", "bin.js");
    const child = spawn(process.execPath, [tsNode, "grader/runner/warm-server.ts"], {
      cwd: this.root,
      detached: true, // its own process group: a time-out kills everything it started
      stdio: ["pipe", "ignore", "pipe", "pipe"],
      env: {
        ...process.env,
        TS_NODE_TRANSPILE_ONLY: "1",
        VITE_CONFIG_NATIVE_IGNORE_WARNING: "true",
        FORCE_COLOR: "0",
        OPTKIT_GRADE_MAX_WORKERS: String(this.maxWorkers),
        OPTKIT_GRADE_RECORDS: "",
        OPTKIT_GRADE_SIGNED: "",
      },
    });
    this.buffered = "";
    this.stderr = "";
    (child.stdio[3] as Readable).on("data", (c: Buffer) => {
      this.buffered += c.toString();
      for (let nl = this.buffered.indexOf("\n"); nl >= 0; nl = this.buffered.indexOf("\n")) {
        const line = this.buffered.slice(0, nl);
        this.buffered = this.buffered.slice(nl + 1);
        this.onLine?.(line);
      }
    });
    child.stderr?.on("data", (c: Buffer) => {
      this.stderr = (this.stderr + c.toString()).slice(-100_000);
    });
    child.stdin?.on("error", () => undefined);
    child.on("exit", (code, signal) => {
      if (this.child === child) this.child = null;
      this.onEnd?.(`the warm grader ended (${signal ?? `exit code ${code}`})`);
    });
    this.child = child;
    return child;
  }

  private killGroup(child: ChildProcess): void {
    try {
      process.kill(-(child.pid ?? 0), "SIGKILL");
    } catch {
      // gone already
    }
    if (this.child === child) this.child = null;
  }

  /**
   * Grade as `runSuites(opts)` would, compiling the submission from `source` (a folder,
   * relative to this runner's root). Resolves null where the cold grader must answer (a suite
   * produced no results, or the warm grader failed).
   */
  async run(opts: RunOptions, source: string): Promise<RunResult | null> {
    const timeLimitMs = opts.timeLimitMs ?? 120_000;
    const child = this.child ?? this.start();
    const request: WarmRequest = {
      target: opts.target,
      source,
      suites: suiteFiles(this.root, opts.filters),
      exercise: opts.exercise,
      seed: opts.seed ?? "",
      importLimitMs: opts.importLimitMs ?? 20_000,
      env: opts.env,
    };
    const partial = new Map<string, TestRecord[]>();
    const started = Date.now();
    let timedOut = false;
    const answering = new Promise<Answer | null>((resolve) => {
      const timer = setTimeout(() => {
        timedOut = true;
        this.killGroup(child);
        resolve(null);
      }, timeLimitMs);
      const done = (a: Answer | null) => {
        clearTimeout(timer);
        this.onLine = null;
        this.onEnd = null;
        resolve(a);
      };
      this.onLine = (line) => {
        const msg = JSON.parse(line) as Answer & {
          partial?: { file: string; records: TestRecord[] };
        };
        if (msg.partial) partial.set(msg.partial.file, msg.partial.records);
        else done(msg);
      };
      this.onEnd = () => done(null);
      child.stdin?.write(`${JSON.stringify(request)}\n`);
    });
    // the compiler's errors, for the reports (the verdict itself is the warm grader's, through
    // the compiled submission): found here while the suites run there
    const graded = new Set(request.suites?.map((f) => `${suiteModule(f)}.ts`));
    const shown = (name: string) => `${opts.target}/${name}`;
    const from = path.resolve(this.root, source);
    const diagnostics = opts.collectOnly ? [] : folderDiagnostics(this.root, from, shown, graded);
    const answer = await answering;
    if (!timedOut) {
      // whatever the run started, sandboxed or not, ends with it (the warm grader stays)
      for (const pid of groupMembers(child.pid ?? 0, child.pid ?? 0)) {
        try {
          process.kill(pid, "SIGKILL");
        } catch {
          // gone meanwhile
        }
      }
    }
    if (!timedOut && (!answer || answer.error || answer.fallback || !answer.records)) return null;
    let records = answer?.records ?? [...partial.values()].flat();
    if (opts.exercise) records = records.filter((r) => r.exercise === opts.exercise);
    for (const r of records) {
      r.message = capped(r.message);
      if (r.status === "not run" && timedOut) {
        r.message = `The grading run was stopped after ${timeLimitMs / 1000} s before this test finished.`;
      }
    }
    return {
      records,
      durationMs: answer?.durationMs ?? Date.now() - started,
      timedOut,
      layers: answer?.layers ?? sandboxLayers(this.root),
      log: this.stderr,
      forged: 0,
      reported: records.length,
      diagnostics,
    };
  }

  /** Stop the warm grader (it ends when its stdin closes) and wait for it. */
  async close(): Promise<void> {
    const child = this.child;
    if (!child) return;
    await new Promise<void>((resolve) => {
      const timer = setTimeout(() => {
        this.killGroup(child);
        resolve();
      }, 10_000);
      child.on("exit", () => {
        clearTimeout(timer);
        resolve();
      });
      child.stdin?.end();
    });
    this.killGroup(child); // anything left in its group
  }
}
