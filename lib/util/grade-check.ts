/**
 * `await check("adamStep")` or `await check("04")` in a notebook cell: grade one exercise, or
 * every exercise of one notebook, with its public grading suites, through the same sandboxed
 * grader as `npm run grade` (the exercise file runs in a process of its own; grader/), and
 * show the points per test, the first failure in one sentence and the exercise's hint. A stub
 * scores 0 without an error: checking is never a failure of the cell.
 *
 * Taught in notebooks/00-welcome.ipynb, section "Exercises and grading"; used at the end of each
 * notebook, beside its exercises.
 */
import { spawn } from "child_process";
import * as fs from "fs";
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
  const args = ["--json", "--public", "--out", "build/check"];
  if (opts.target) args.push("--target", opts.target);
  args.push(...(notebook ? [`${what}-`] : ["--exercise", what]));
  const { code, out } = await runGrader(root, args);
  if (code !== 0) {
    throw new OptkitError("what", `grading ${what} failed: ${out.trim().split("\n")[0]}`);
  }
  const s = JSON.parse(out.slice(out.indexOf("{"))) as Summary;
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
  };
  return showCheck(what, result);
}
