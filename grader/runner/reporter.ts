/**
 * The vitest reporter used for grading. It runs in vitest's main process (the suites run in forked
 * workers, and the submission in sandboxed processes of its own that the suites start) and turns
 * each test into a `TestRecord` from the test's result and the points declared in its task meta;
 * nothing a submission prints is read.
 * - With OPTKIT_GRADE_RECORDS=<dir> it writes one JSON file of records per suite, updated after
 *   every test, so a run stopped by the parent's time limit still leaves what it had finished.
 * - With OPTKIT_GRADE_WATCH=1 it prints the score table after every (re)run, and the
 *   submission's console output, for quick feedback while editing.
 */
import { createHmac } from "node:crypto";
import * as fs from "node:fs";
import * as path from "node:path";
import type { Reporter, TestCase, TestModule } from "vitest/node";
import { HIDDEN_DIR, type TestRecord } from "./meta";
import { formatTable } from "./reports";
import { refuseDebuggerSignal } from "../sandbox/signals";
import { summarize } from "./score";

/**
 * The signing key from stdin, to its end. The pipe may be non-blocking and the parent's write
 * may not have arrived yet (a busy machine): wait for it instead of failing with EAGAIN.
 */
function readKey(timeoutMs = 60_000): string {
  const chunks: Buffer[] = [];
  const buf = Buffer.alloc(256);
  const pause = new Int32Array(new SharedArrayBuffer(4));
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    let n: number;
    try {
      n = fs.readSync(0, buf, 0, buf.length, null);
    } catch (e) {
      if ((e as { code?: string }).code !== "EAGAIN" || Date.now() > deadline) throw e;
      Atomics.wait(pause, 0, 0, 5);
      continue;
    }
    if (n === 0) return Buffer.concat(chunks).toString("utf8").trim();
    chunks.push(Buffer.from(buf.subarray(0, n)));
  }
}

/** One plain sentence from a vitest error message. */
export function plainMessage(message: string): string {
  const first = message.split("\n")[0].trim();
  const timeout = /^Test timed out in (\d+)ms/.exec(first);
  if (timeout) {
    return `The test did not finish within ${Number(timeout[1]) / 1000} s (an infinite loop?).`;
  }
  return first || "The test failed without a message.";
}

/** A test's identity: its suite file and full name, both taken from the suite's source. */
export function recordId(file: string, fullName: string): string {
  return `${file}::${fullName}`;
}

/** The signature of a records file: only the reporter (given the key on stdin) can make it. */
export function signRecords(key: string, file: string, records: TestRecord[]): string {
  return createHmac("sha256", key).update(JSON.stringify({ file, records })).digest("hex");
}

/** The record of one test case; `file` is relative to `root`. */
export function toRecord(test: TestCase, root: string): TestRecord {
  const grade = test.meta().grade;
  const result = test.result();
  const moduleErrors = test.module.errors();
  let status: TestRecord["status"] = "not run";
  let message = "";
  if (result.state === "passed") status = "passed";
  else if (result.state === "failed") {
    status = "failed";
    message = plainMessage(result.errors[0]?.message ?? "");
  } else {
    message =
      moduleErrors.length > 0
        ? `The test did not run: its suite stopped (${plainMessage(moduleErrors[0].message ?? "")}).`
        : "The test did not run.";
  }
  const parentName = test.parent.type === "suite" ? test.parent.name : "";
  const file = path.relative(root, test.module.moduleId).split(path.sep).join("/");
  const visibility = grade?.visibility ?? "visible";
  return {
    id: recordId(file, test.fullName),
    file,
    exercise: grade?.exercise ?? parentName,
    name: test.name,
    kind: grade?.kind ?? "fixed",
    // a suite under grader/hidden/ is hidden unless a test chose a later level itself
    visibility: file.startsWith(HIDDEN_DIR) && visibility === "visible" ? "hidden" : visibility,
    maxPoints: grade?.points ?? 0,
    status,
    message,
    durationMs: test.diagnostic()?.duration ?? 0,
    ...(grade?.hint ? { hint: grade.hint } : {}),
    ...(grade?.explanation ? { explanation: grade.explanation } : {}),
  };
}

export function moduleRecords(mod: TestModule, root: string): TestRecord[] {
  return [...mod.children.allTests()].map((t) => toRecord(t, root));
}

export class GradeReporter implements Reporter {
  private readonly modules = new Map<string, TestModule>();
  private readonly root: string;
  private readonly recordsDir = process.env.OPTKIT_GRADE_RECORDS ?? "";
  private readonly watch = process.env.OPTKIT_GRADE_WATCH === "1";
  private readonly target = process.env.OPTKIT_GRADE_TARGET ?? "exercises";
  /** With OPTKIT_GRADE_SIGNED=1 the parent hands a key on stdin (never in the environment or a
   * file, so the workers running a submission cannot learn it) and each records file is signed. */
  private readonly key: string;

  constructor(root = process.cwd()) {
    refuseDebuggerSignal(); // it holds the signing key
    this.root = root;
    if (this.recordsDir) fs.mkdirSync(this.recordsDir, { recursive: true });
    this.key = process.env.OPTKIT_GRADE_SIGNED === "1" ? readKey() : "";
  }

  private save(mod: TestModule): void {
    this.modules.set(mod.moduleId, mod);
    if (!this.recordsDir) return;
    const name = path.relative(this.root, mod.moduleId).replace(/[^\w.-]/g, "_");
    const file = path.join(this.recordsDir, `${name}.json`);
    const rel = path.relative(this.root, mod.moduleId);
    const records = moduleRecords(mod, this.root);
    const mac = this.key ? signRecords(this.key, rel, records) : "";
    fs.writeFileSync(`${file}.tmp`, JSON.stringify({ file: rel, records, mac }));
    fs.renameSync(`${file}.tmp`, file); // atomic: the parent never reads half a file
  }

  onTestModuleCollected(mod: TestModule): void {
    this.save(mod);
  }

  onTestCaseResult(test: TestCase): void {
    this.save(test.module);
  }

  onTestModuleEnd(mod: TestModule): void {
    this.save(mod);
  }

  onUserConsoleLog(log: { content: string; type: "stdout" | "stderr" }): void {
    if (this.watch) process.stdout.write(`  (printed) ${log.content}`);
  }

  onTestRunEnd(modules: ReadonlyArray<TestModule>): void {
    for (const mod of modules) this.save(mod);
    if (this.recordsDir) fs.writeFileSync(path.join(this.recordsDir, "DONE"), "");
    if (this.watch) {
      const records = [...this.modules.values()]
        .sort((a, b) => a.moduleId.localeCompare(b.moduleId))
        .flatMap((m) => moduleRecords(m, this.root));
      const summary = summarize(this.target, records);
      process.stdout.write(`\n${formatTable(summary)}\n\nWatching for changes (q to quit)...\n`);
    }
  }
}
