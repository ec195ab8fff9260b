/**
 * `npm run grade` grades exercises/ with the suites in grader/suites and prints a table per
 * exercise; the reports go to build/grade/ (Gradescope results.json, JUnit XML, GitHub
 * Classroom result, Markdown summary, also appended to $GITHUB_STEP_SUMMARY when set).
 *
 *   npm run grade                            grade exercises/
 *   npm run grade -- --target solutions      grade the reference solutions
 *   npm run grade -- --target /abs/folder    grade a folder anywhere (its exercises/ if it has one)
 *   npm run grade -- --watch [01]            re-grade on every save (optionally one notebook)
 *   npm run grade -- 03 04                   only the suites whose file names contain 03 or 04
 *   options: --out <dir> (build/grade), --time-limit <s> (120), --json (print the summary),
 *            --manifest <file> (score from the instructor's list of tests and points),
 *            --seed <s> (seed of the random cases; "fresh" draws a secret one, as for the record)
 */
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import * as fs from "node:fs";
import * as path from "node:path";
import { diagnosticLines } from "../harness/verdict";
import { readManifest } from "./manifest";
import { HIDDEN_DIR, isTargetPath } from "./meta";
import { formatTable, markdownSummary, writeReports } from "./reports";
import { GRADING_CONFIG, grade, suiteFiles } from "./run";
import { summarize } from "./score";
import {
  numberOption,
  parseCommandLine,
  runCommand,
  usageText,
  UsageError,
} from "../../lib/util/cli-args";

export interface GradeArgs {
  target: string;
  watch: boolean;
  out: string;
  timeLimitMs: number;
  json: boolean;
  filters: string[];
  manifest: string;
  seed: string;
  /** grade this exercise only (e.g. "adamStep"), for a quick check */
  exercise: string;
  /** leave the hidden suites out */
  public: boolean;
}

/** The options of `npm run grade`, declared once: the parser and USAGE come from here. */
export const GRADE_OPTIONS = {
  target: {
    type: "string",
    value: "<folder>",
    help:
      "the folder graded (exercises): one of the course's, or an absolute\n" +
      "path anywhere (its exercises/ subfolder, if it has one)",
  },
  watch: { type: "boolean", short: "w", help: "re-grade on every save" },
  out: { type: "string", value: "<folder>", help: "where the reports go (build/grade)" },
  "time-limit": {
    type: "string",
    value: "<s>",
    help: "stop the whole run after this many seconds (120)",
  },
  json: { type: "boolean", help: "print the summary as JSON" },
  manifest: {
    type: "string",
    value: "<file>",
    help: "score from the instructor's list of tests and points",
  },
  seed: {
    type: "string",
    value: "<s>",
    help: 'seed of the random cases ("fresh": a secret one, as for the record)',
  },
  exercise: { type: "string", value: "<name>", help: "only this exercise's tests (e.g. adamStep)" },
  public: { type: "boolean", help: "only the public suites (as a student has them)" },
} as const;

export const USAGE = usageText("npm run grade -- [options] [suite ...]", GRADE_OPTIONS);

export function parseArgs(argv: string[]): GradeArgs {
  const { values: v, positionals } = parseCommandLine(argv, GRADE_OPTIONS);
  const args: GradeArgs = {
    target: v.target ?? "exercises",
    watch: v.watch ?? false,
    out: v.out ?? "build/grade",
    timeLimitMs:
      1000 *
      (numberOption("time-limit", v["time-limit"], (x) => x > 0, "a positive number of seconds") ??
        120),
    json: v.json ?? false,
    filters: positionals,
    manifest: v.manifest ?? "",
    seed: v.seed ?? "",
    exercise: v.exercise ?? "",
    public: v.public ?? false,
  };
  if (!isTargetPath(args.target)) {
    throw new UsageError(
      `--target must be a folder inside the course (e.g. exercises or solutions) or an absolute path`,
    );
  }
  if (args.seed === "fresh") args.seed = randomBytes(16).toString("hex");
  return args;
}

/** The suites that grade `exercise` (they declare `exercise("<name>", ...)`). */
export function exerciseSuites(root: string, exercise: string): string[] {
  const suites = suiteFiles(root).filter((f) =>
    fs.readFileSync(path.join(root, f), "utf8").includes(`exercise(${JSON.stringify(exercise)},`),
  );
  if (suites.length === 0) {
    throw new UsageError(`--exercise ${exercise}: no grading suite has an exercise of that name`);
  }
  return suites; // whole paths: a bare file name would also select the hidden suite of that name
}

function watch(root: string, args: GradeArgs): void {
  const vitest = path.join(root, "node_modules", "vitest", "vitest.mjs");
  const child = spawn(
    process.execPath,
    [vitest, "watch", "--config", GRADING_CONFIG, ...args.filters],
    {
      cwd: root,
      stdio: "inherit",
      env: {
        ...process.env,
        OPTKIT_GRADE_TARGET: args.target,
        OPTKIT_GRADE_WATCH: "1",
        OPTKIT_GRADE_RECORDS: "",
        VITE_CONFIG_NATIVE_IGNORE_WARNING: "true",
      },
    },
  );
  child.on("close", (code) => process.exit(code ?? 0));
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const root = process.cwd();
  const isDir = (p: string) => fs.statSync(p, { throwIfNoEntry: false })?.isDirectory() ?? false;
  if (!isDir(path.resolve(root, args.target))) {
    const where = path.isAbsolute(args.target)
      ? "no such folder"
      : "no such folder in the course (e.g. exercises or solutions; or give an absolute path)";
    throw new UsageError(`--target ${args.target}: ${where}`);
  }
  // a submission as handed in (a student's copy of the course): its exercise files
  const inner = path.join(args.target, "exercises");
  const hasExercises = (p: string) => fs.readdirSync(p).some((f) => /^\d\d-[\w-]+\.ts$/.test(f));
  const top = path.resolve(root, args.target);
  if (!hasExercises(top) && isDir(path.resolve(root, inner))) args.target = inner;
  if (args.watch) return watch(root, args);
  if (args.exercise) args.filters = exerciseSuites(root, args.exercise);
  if (args.public) {
    // The suites a student has: no hidden ones, even in the instructor's copy. Each is named by
    // its whole path from the root, which no hidden suite's path contains (a bare file name
    // such as "03-newton.grading.ts" would also select hidden/03-newton.grading.ts).
    args.filters = suiteFiles(root, args.filters).filter((f) => !f.startsWith(HIDDEN_DIR));
  }
  if (suiteFiles(root, args.filters).length === 0) {
    throw new UsageError(`no grading suite in grader/ matches ${args.filters.join(", ")}`);
  }
  const run = await grade({
    root,
    target: args.target,
    filters: args.filters,
    exercise: args.exercise || undefined,
    timeLimitMs: args.timeLimitMs,
    manifest: args.manifest ? readManifest(path.resolve(root, args.manifest)).tests : undefined,
    seed: args.seed,
  });
  const summary = summarize(args.target, run.records, run.durationMs);
  summary.run = { layers: run.layers, seed: args.seed };
  summary.diagnostics = run.diagnostics;
  if (summary.tests.length === 0) {
    // Not a submission's fault: the grader itself could not run (e.g. a broken install).
    console.error(`grade: no grading tests ran. The test runner said:\n${run.log.slice(-4000)}`);
    process.exit(2);
  }
  const files = writeReports(summary, path.resolve(root, args.out));
  // In GitHub Actions, the Markdown summary also goes to the job's summary page.
  const stepSummary = process.env.GITHUB_STEP_SUMMARY;
  if (stepSummary) fs.appendFileSync(stepSummary, markdownSummary(summary));
  if (args.json) {
    // `compiler`: the verdict's lines (check() shows them as they are)
    const compiler = diagnosticLines(run.diagnostics);
    console.log(JSON.stringify({ ...summary, compiler }, null, 2));
    return;
  }
  console.log(formatTable(summary));
  const tests = summary.tests.length;
  console.log(
    `${summary.exercises.length} exercises, ${tests} tests, ${(summary.durationMs / 1000).toFixed(1)} s ` +
      `(sandbox: ${run.layers.join(", ")}${args.seed ? `; seed ${args.seed}` : ""}). ` +
      `Reports: ${files.map((f) => path.relative(root, f)).join(", ")}`,
  );
}

if (require.main === module) runCommand("grade", USAGE, main);
