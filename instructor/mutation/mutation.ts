/**
 * `npm run grade:mutation [-- 03 04 ...]`: how strong are the grading suites? Stryker mutates
 * solutions/<notebook>.ts (one small change at a time: a flipped comparison, a dropped statement,
 * a changed constant) and runs that notebook's grading suites, public and hidden, against each
 * mutated copy. A mutant is killed when some test fails; a surviving mutant is a wrong
 * implementation that keeps full points. Prints the score per file and every survivor.
 *
 * The solutions run in this process tree (OPTKIT_GRADE_IN_PROCESS=1, accepted for the trusted
 * solutions/ only: students' code is always graded in its sandbox), because Stryker switches the
 * active mutant inside its test process. The reference outputs the suites compare with are
 * recorded first from the unmutated solutions, so a mutant is never compared with itself.
 * Stryker's incremental mode keeps the results per file under build/mutation/, so a second run
 * only re-tests mutants whose code or tests changed (`--full` ignores them); `--report` prints
 * the last run's scores again.
 */
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { parseCommandLine, runCommand, usageText } from "../../lib/util/cli-args";
import { EQUIVALENT, type EquivalentMutant } from "./mutation-equivalent";

const ROOT = path.resolve(__dirname, "..", "..");
const OUT = path.join(ROOT, "build", "mutation");
const CONFIG = "vitest.mutation.config.ts";
/** The score every file must reach, in % of the non-equivalent mutants. */
const GOAL = 90;

interface Mutant {
  id: string;
  mutatorName: string;
  replacement?: string;
  status: string;
  location: { start: { line: number; column: number }; end: { line: number; column: number } };
}
interface Report {
  files: Record<string, { source: string; mutants: Mutant[] }>;
}

export interface FileScore {
  file: string;
  total: number;
  killed: number;
  survivors: { mutant: Mutant; original: string; equivalent?: EquivalentMutant }[];
  /** killed / (all valid mutants - equivalent survivors), in % */
  score: number;
  /** killed / all valid mutants, in % (Stryker's own score) */
  raw: number;
}

/** The code a mutant replaced (from the report's copy of the source). */
export function originalText(source: string, m: Mutant): string {
  const lines = source.split("\n");
  const { start, end } = m.location;
  if (start.line === end.line) return lines[start.line - 1].slice(start.column - 1, end.column - 1);
  const parts = lines.slice(start.line - 1, end.line);
  parts[0] = parts[0].slice(start.column - 1);
  parts[parts.length - 1] = parts[parts.length - 1].slice(0, end.column - 1);
  return parts.join("\n");
}

const squash = (s: string) => s.replace(/\s+/g, " ").trim();

/** The listed equivalent mutant this survivor is, if any (matched by code, not line numbers). */
export function equivalentFor(
  file: string,
  m: Mutant,
  original: string,
): EquivalentMutant | undefined {
  return EQUIVALENT.find(
    (e) =>
      file.endsWith(e.file) &&
      e.mutator === m.mutatorName &&
      squash(e.original) === squash(original) &&
      squash(e.replacement) === squash(m.replacement ?? ""),
  );
}

/** Score one file of a Stryker JSON report. */
export function scoreFile(file: string, source: string, mutants: Mutant[]): FileScore {
  const valid = mutants.filter(
    (m) => !["CompileError", "RuntimeError", "Ignored"].includes(m.status),
  );
  const killed = valid.filter((m) => m.status === "Killed" || m.status === "Timeout").length;
  const survivors = valid
    .filter((m) => m.status === "Survived" || m.status === "NoCoverage")
    .map((mutant) => {
      const original = originalText(source, mutant);
      return { mutant, original, equivalent: equivalentFor(file, mutant, original) };
    });
  const equivalent = survivors.filter((s) => s.equivalent).length;
  const pct = (k: number, n: number) => (n === 0 ? 100 : (100 * k) / n);
  return {
    file,
    total: valid.length,
    killed,
    survivors,
    score: pct(killed, valid.length - equivalent),
    raw: pct(killed, valid.length),
  };
}

function run(cmd: string, args: string[], env: Record<string, string>, quiet: boolean): number {
  const r = spawnSync(cmd, args, {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: quiet ? ["ignore", "pipe", "pipe"] : "inherit",
    encoding: "utf8",
  });
  if (r.status !== 0 && quiet) process.stderr.write(`${r.stdout ?? ""}${r.stderr ?? ""}`);
  return r.status ?? 1;
}

/** Record the unmutated solutions' outputs for every suite (the reference of the mutant runs). */
function recordReference(fixtures: string): void {
  const status = run(
    "npx",
    ["vitest", "run", "--config", CONFIG],
    {
      OPTKIT_GRADE_TARGET: "solutions",
      OPTKIT_GRADE_IN_PROCESS: "1",
      OPTKIT_GRADE_REFERENCE: "record",
      OPTKIT_GRADE_FIXTURES: fixtures,
    },
    true,
  );
  if (status !== 0) throw new Error("the unmutated solutions do not pass their grading suites");
}

function strykerConfig(name: string, concurrency: number, full: boolean, control: boolean): string {
  const out = control ? `${name}.control` : name;
  const config = {
    testRunner: "vitest",
    plugins: ["@stryker-mutator/vitest-runner"],
    vitest: { configFile: CONFIG, related: false },
    mutate: [`solutions/${name}.ts`],
    coverageAnalysis: "perTest",
    reporters: ["json", "progress"],
    jsonReporter: { fileName: path.join("build", "mutation", `${out}.json`) },
    incremental: !full && !control,
    incrementalFile: path.join("build", "mutation", `${name}.incremental.json`),
    concurrency,
    tempDirName: path.join("build", "mutation", "tmp"),
    ignorePatterns: ["data", "notebooks", "build", "site", "/.ci"],
    // A mutant that loops forever is stopped (and counts as killed) after this long; generous,
    // so that a slow run on a busy machine is not mistaken for an endless loop.
    timeoutMS: 15000,
    disableTypeChecks: "solutions/**/*.ts",
    logLevel: "warn",
  };
  const file = path.join(OUT, `${out}.stryker.json`);
  fs.writeFileSync(file, JSON.stringify(config, null, 2));
  return file;
}

function printScore(s: FileScore): void {
  const equivalent = s.survivors.filter((x) => x.equivalent).length;
  console.log(
    `${s.file}: ${s.score.toFixed(1)}% of non-equivalent mutants killed ` +
      `(${s.killed} killed of ${s.total}, ${equivalent} equivalent, ` +
      `${s.survivors.length - equivalent} surviving; Stryker's score ${s.raw.toFixed(1)}%)`,
  );
  for (const { mutant: m, original, equivalent: e } of s.survivors) {
    const where = `${s.file}:${m.location.start.line}:${m.location.start.column}`;
    const change = `${squash(original)}  ->  ${squash(m.replacement ?? "")}`;
    if (e) console.log(`    equivalent ${where} ${m.mutatorName}: ${change}  (${e.reason})`);
    else console.log(`  ${m.status.toUpperCase()} ${where} ${m.mutatorName}: ${change}`);
  }
}

/** A notebook other than `name`, for --control. */
function otherModule(name: string): string {
  const all = fs.readdirSync(path.join(ROOT, "solutions")).filter((f) => /^\d\d-/.test(f));
  return all.map((f) => f.replace(/\.ts$/, "")).find((n) => n !== name) ?? name;
}

function readScores(name: string, control = false): FileScore[] {
  const file = path.join(OUT, `${control ? `${name}.control` : name}.json`);
  const report = JSON.parse(fs.readFileSync(file, "utf8")) as Report;
  return Object.entries(report.files).map(([file, { source, mutants }]) =>
    scoreFile(file, source, mutants),
  );
}

export const MUTATION_OPTIONS = {
  full: { type: "boolean", help: "ignore the incremental results in build/mutation/" },
  report: {
    type: "boolean",
    help: "print the scores of the last run (build/mutation/*.json) without running Stryker",
  },
  control: {
    type: "boolean",
    help:
      "the low end: each file's mutants meet another notebook's suites, which never call\n" +
      "its functions; the score must come out near 0 (else the measurement is broken)",
  },
} as const;

export const USAGE = usageText(
  "npm run grade:mutation -- [notebook ...] [options]",
  MUTATION_OPTIONS,
);

function main(argv: string[]): number {
  const { values, positionals: filters } = parseCommandLine(argv, MUTATION_OPTIONS);
  const full = values.full ?? false;
  const reportOnly = values.report ?? false;
  const control = values.control ?? false;
  const concurrency = Number(process.env.OPTKIT_MUTATION_CONCURRENCY) || 2;
  const names = fs
    .readdirSync(path.join(ROOT, "solutions"))
    .filter((f) => /^\d\d-[\w-]+\.ts$/.test(f))
    .map((f) => f.replace(/\.ts$/, ""))
    .filter((n) => filters.length === 0 || filters.some((f) => n.includes(f)))
    .sort();
  if (names.length === 0) throw new Error(`no solutions file matches ${filters.join(", ")}`);
  fs.mkdirSync(OUT, { recursive: true });
  if (reportOnly) {
    const scores = names.flatMap((n) => readScores(n, control));
    scores.forEach(printScore);
    return verdict(scores, control);
  }
  const fixtures = fs.mkdtempSync(path.join(os.tmpdir(), "optkit-mutation-reference-"));
  const started = Date.now();
  const scores: FileScore[] = [];
  try {
    recordReference(fixtures);
    for (const name of names) {
      const t0 = Date.now();
      console.log(`\n== solutions/${name}.ts`);
      const status = run(
        "npx",
        ["stryker", "run", strykerConfig(name, concurrency, full, control)],
        {
          OPTKIT_GRADE_TARGET: "solutions",
          OPTKIT_GRADE_IN_PROCESS: "1",
          OPTKIT_GRADE_REFERENCE: "fixtures",
          OPTKIT_GRADE_FIXTURES: fixtures,
          OPTKIT_MUTATE_MODULE: control ? otherModule(name) : name,
        },
        false,
      );
      if (status !== 0) throw new Error(`Stryker failed on solutions/${name}.ts`);
      scores.push(...readScores(name, control));
      console.log(`(${((Date.now() - t0) / 1000).toFixed(0)} s)`);
    }
  } finally {
    fs.rmSync(fixtures, { recursive: true, force: true });
  }
  console.log("\nMutation score of the grading suites (public + hidden), per solutions file:");
  scores.forEach(printScore);
  console.log(`\n${((Date.now() - started) / 1000).toFixed(0)} s in all.`);
  return verdict(scores, control);
}

/** Exit code: every file at the goal (or, for --control, every file near 0). */
function verdict(scores: FileScore[], control: boolean): number {
  if (control) {
    const high = scores.filter((s) => s.raw > 10);
    if (high.length > 0) console.log(`Control run killed mutants: ${high.map((s) => s.file)}`);
    return high.length > 0 ? 1 : 0;
  }
  // A run that kills nothing measures nothing (the mutants never reached the tests).
  const dead = scores.filter((s) => s.killed === 0);
  if (dead.length > 0) console.log(`No mutant killed in ${dead.map((s) => s.file)}: broken run?`);
  const below = scores.filter((s) => s.score < GOAL);
  if (below.length > 0 || dead.length > 0) {
    console.log(`Below ${GOAL}%: ${below.map((s) => s.file).join(", ")}`);
    return 1;
  }
  return 0;
}

if (require.main === module) {
  runCommand("grade:mutation", USAGE, () => {
    process.exitCode = main(process.argv.slice(2));
  });
}
