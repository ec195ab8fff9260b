/**
 * `npm run grade` grades exercises/ with the suites in test/grading and prints a table per
 * exercise; the reports go to build/grade/ (Gradescope results.json, JUnit XML, GitHub
 * Classroom result, Markdown summary, also appended to $GITHUB_STEP_SUMMARY when set).
 *
 *   npm run grade                            grade exercises/
 *   npm run grade -- --target solutions      grade the reference solutions
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
import { readManifest } from "./manifest";
import { isTargetPath } from "./meta";
import { formatTable, markdownSummary, writeReports } from "./reports";
import { GRADING_CONFIG, grade, suiteFiles } from "./run";
import { summarize } from "./score";
import { walkArgs } from "./cli-args";

export interface GradeArgs {
  target: string;
  watch: boolean;
  out: string;
  timeLimitMs: number;
  json: boolean;
  filters: string[];
  manifest: string;
  seed: string;
}

export function parseArgs(argv: string[]): GradeArgs {
  const args: GradeArgs = {
    target: "exercises",
    watch: false,
    out: "build/grade",
    timeLimitMs: 120_000,
    json: false,
    filters: [],
    manifest: "",
    seed: "",
  };
  walkArgs(argv, (a, value) => {
    if (a === "--target") args.target = value();
    else if (a.startsWith("--target=")) args.target = a.slice("--target=".length);
    else if (a === "--watch" || a === "-w") args.watch = true;
    else if (a === "--out") args.out = value();
    else if (a === "--time-limit") args.timeLimitMs = 1000 * Number(value());
    else if (a === "--json") args.json = true;
    else if (a === "--manifest") args.manifest = value();
    else if (a === "--seed") args.seed = value();
    else if (a.startsWith("-")) throw new Error(`unknown option ${a}`);
    else args.filters.push(a);
  });
  if (!isTargetPath(args.target)) {
    throw new Error(`--target must be a folder inside the course, e.g. exercises or solutions`);
  }
  if (args.seed === "fresh") args.seed = randomBytes(16).toString("hex");
  if (!(args.timeLimitMs > 0)) throw new Error("--time-limit must be a positive number of seconds");
  return args;
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
  if (args.watch) return watch(root, args);
  if (!fs.statSync(path.resolve(root, args.target), { throwIfNoEntry: false })?.isDirectory()) {
    throw new Error(
      `--target ${args.target}: no such folder in the course (e.g. exercises or solutions)`,
    );
  }
  if (suiteFiles(root, args.filters).length === 0) {
    throw new Error(`no grading suite in test/grading matches ${args.filters.join(", ")}`);
  }
  const run = await grade({
    root,
    target: args.target,
    filters: args.filters,
    timeLimitMs: args.timeLimitMs,
    manifest: args.manifest ? readManifest(path.resolve(root, args.manifest)).tests : undefined,
    seed: args.seed,
  });
  const summary = summarize(args.target, run.records, run.durationMs);
  summary.run = { layers: run.layers, seed: args.seed };
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
    console.log(JSON.stringify(summary, null, 2));
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

if (require.main === module) {
  main().catch((e: unknown) => {
    console.error(`grade: ${e instanceof Error ? e.message : String(e)}`);
    process.exit(2);
  });
}
