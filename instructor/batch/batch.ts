/**
 * `npm run grade:batch -- <submissions>`: grade every student's submission (a folder or a git
 * repository per student) in a pristine workspace each, several at once (up to the cores), each
 * with a time limit; print progress with an ETA; write the gradebook and feedback.
 *
 *   npm run grade:batch -- submissions/ --out build/gradebook --due 2026-12-01T23:59:00Z
 *   options: --time-limit <s> per submission (300), --jobs <n> (the number of cores),
 *            --only <substr> (only the suites whose names contain it), --force (re-grade all),
 *            --frozen-kit (keep the grading kit of the last run even if the course changed),
 *            --submitted-at <csv> (student,submitted_at: the LMS's times decide lateness),
 *            --extensions <csv> (student,due), --late-penalty <percent per day>,
 *            --late-cap <percent> (100), --similarity (similarity.csv and .html, with Dolos:
 *            see similarity.ts), --similarity-threshold <0 to 1> (0.4)
 *
 * Writes into --out: gradebook.csv, feedback/<student>.md and .html, results/<student>.json (kept,
 * signed, to skip unchanged submissions next time: re-running is idempotent) and overrides.csv
 * (created empty once, never overwritten; its lines adjust points in the gradebook and feedback).
 * Every submission is graded with a fresh secret seed for the random cases (kept in its results
 * for reproduction: `npm run grade -- --seed <seed>`), in a copy of the kit checked against the
 * kit's manifest first; its code runs in the sandbox of grader/runner/sandbox.
 */
import { createHmac, randomBytes } from "node:crypto";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { applyManifest, MANIFEST_FILE, readManifest } from "../../grader/runner/manifest";
import { grade } from "../../grader/runner/run";
import { sandboxLayers } from "../../grader/sandbox/command";
import { summarize } from "../../grader/runner/score";
import { buildKit, verifyKit } from "../kit";
import { lateness, readDatesCsv, type LatePolicy } from "./lateness";
import { canvasCsv, lmsCsv, matchRoster, readRoster, type RosterMatch } from "./roster";
import {
  feedbackHtml,
  feedbackMarkdown,
  gradebookCsv,
  OVERRIDES_HEADER,
  readOverrides,
  type StudentResult,
} from "./gradebook";
import { engineMissing } from "../similarity/dolos";
import {
  DEFAULT_THRESHOLD,
  similarityReport,
  type SimilarityResult,
} from "../similarity/similarity";
import { findSubmissions, modifiedCourseFiles, type Submission } from "./submissions";
import { prepareWorkspace } from "./workspace";
import { numberOption, parseCommandLine, runCommand, UsageError } from "../../lib/util/cli-args";

export interface BatchOptions {
  root: string;
  submissions: string;
  out: string;
  timeLimitMs?: number;
  jobs?: number;
  due?: Date;
  only?: string[];
  force?: boolean;
  /** grade with the kit already in <out>/kit as it is, even if the course changed since */
  frozenKit?: boolean;
  /** time limit of one call of a student's function [3 s] */
  callLimitMs?: number;
  /** time limit of importing a student's module [20 s, at most half the time limit] */
  importLimitMs?: number;
  /** CSV of student,submitted_at exported from the LMS: decides lateness when given */
  submittedAt?: string;
  /** CSV of student,due: a due date of the student's own */
  extensions?: string;
  /** percent of the total per started day late, and the most it can take */
  latePenalty?: number;
  lateCap?: number;
  /** CSV of student,id,name,email[,section,login]: writes canvas.csv and lms.csv too */
  roster?: string;
  /** the assignment's name in canvas.csv ["optkit"] */
  assignment?: string;
  /** compare the submissions pairwise: similarity.csv and similarity.html */
  similarity?: boolean;
  /** the least similarity listed [DEFAULT_THRESHOLD] */
  similarityThreshold?: number;
  log?: (line: string) => void;
}

export interface BatchResult {
  results: StudentResult[];
  /** with a roster: submission folders matching no one, and students without a submission */
  unknown?: string[];
  missing?: string[];
  similarity?: SimilarityResult;
  graded: number;
  reused: number;
  durationMs: number;
}

/** The batch's signing key for cached results (created once, readable by the instructor only). */
function resultsKey(out: string): string {
  const file = path.join(out, ".results-key");
  if (!fs.existsSync(file))
    fs.writeFileSync(file, randomBytes(32).toString("hex"), { mode: 0o600 });
  return fs.readFileSync(file, "utf8").trim();
}

function signResult(key: string, r: StudentResult): string {
  return createHmac("sha256", key).update(JSON.stringify(r)).digest("hex");
}

/** A cached result, if its signature holds (anything else is graded again). */
function readSigned(file: string, key: string): StudentResult | null {
  try {
    const data = JSON.parse(fs.readFileSync(file, "utf8")) as {
      result: StudentResult;
      mac: string;
    };
    return data.mac === signResult(key, data.result) ? data.result : null;
  } catch {
    return null;
  }
}

function secs(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}

export async function gradeBatch(o: BatchOptions): Promise<BatchResult> {
  const started = Date.now();
  const log = o.log ?? ((line: string) => console.error(line));
  const timeLimitMs = o.timeLimitMs ?? 300_000;
  const noEngine = o.similarity ? engineMissing() : null; // said before any work is done
  if (noEngine) throw new Error(`--similarity: ${noEngine}`);
  const out = path.resolve(o.out);
  for (const d of ["results", "feedback"]) fs.mkdirSync(path.join(out, d), { recursive: true });
  const overridesFile = path.join(out, "overrides.csv");
  if (!fs.existsSync(overridesFile)) fs.writeFileSync(overridesFile, OVERRIDES_HEADER);

  const kitDir = path.join(out, "kit");
  const manifestFile = path.join(kitDir, MANIFEST_FILE);
  const manifest =
    o.frozenKit && fs.existsSync(manifestFile)
      ? readManifest(manifestFile)
      : await buildKit(o.root, kitDir, { only: o.only });
  const kitStamp = fs.readFileSync(path.join(kitDir, ".kit-stamp"), "utf8");
  const key = resultsKey(out);
  const lmsTimes = o.submittedAt ? readDatesCsv(o.submittedAt, "submitted_at") : null;
  const roster = o.roster ? readRoster(o.roster) : null; // read first: a bad roster stops at once
  const policy: LatePolicy = {
    due: o.due,
    extensions: o.extensions ? readDatesCsv(o.extensions, "due") : undefined,
    penaltyPerDay: o.latePenalty,
    penaltyCap: o.lateCap,
  };
  const subs = findSubmissions(path.resolve(o.submissions), path.join(out, "checkouts"), (name) =>
    fs.existsSync(path.join(kitDir, "exercises", name)),
  );
  const jobs = Math.max(1, Math.min(o.jobs ?? os.availableParallelism(), subs.length));
  log(
    `grade:batch: ${subs.length} submissions, ${jobs} at a time, ${secs(timeLimitMs)} each at most`,
  );
  const layers = sandboxLayers(o.root);
  if (!layers.some((l) => l === "bubblewrap" || l === "unprivileged user")) {
    log(
      `grade:batch: sandbox ${layers.join(", ")}: a submission can reach the network and signal your processes`,
    );
  }

  /** When `sub` counts as submitted, and what that costs: recomputed on every run. */
  const applyTime = (r: StudentResult, sub: Submission): void => {
    const lms = lmsTimes?.get(sub.student);
    const at = lmsTimes ? (lms ?? null) : sub.submittedAt;
    r.submittedAt = at?.toISOString() ?? null;
    r.submittedSource = lmsTimes ? (lms ? "lms" : "none") : at ? "self-reported" : "none";
    Object.assign(r, lateness(sub.student, at, policy));
  };
  const gradeOne = async (sub: Submission): Promise<StudentResult> => {
    const notes: string[] = [];
    const modified = modifiedCourseFiles(sub, manifest.files);
    if (modified.length > 0) {
      notes.push(`Changed course files (not used for grading): ${modified.join(", ")}`);
    }
    const base = {
      student: sub.student,
      inputHash: sub.inputHash,
      kitStamp,
      submittedAt: null,
      late: false,
      notes,
    };
    if (sub.exercises.size === 0) {
      const records = applyManifest([], manifest.tests, () => "No exercise files were submitted.");
      return { ...base, status: "no submission", summary: summarize("exercises", records) };
    }
    const work = path.join(out, "work", sub.student);
    prepareWorkspace(kitDir, work, path.join(o.root, "node_modules"), sub);
    const seed = randomBytes(16).toString("hex");
    try {
      verifyKit(work, manifest);
      const run = await grade({
        root: work,
        target: "exercises",
        timeLimitMs,
        importLimitMs: o.importLimitMs ?? Math.min(20_000, timeLimitMs / 2),
        manifest: manifest.tests,
        maxWorkers: jobs > 1 ? 1 : 2,
        seed,
        env: o.callLimitMs ? { OPTKIT_GRADE_CALL_LIMIT_MS: String(o.callLimitMs) } : {},
      });
      if (run.forged > 0) {
        notes.push(`${run.forged} result file(s) not written by the grader were ignored.`);
      }
      notes.push(`Sandbox: ${run.layers.join(", ")}.`);
      const summary = summarize("exercises", run.records, run.durationMs);
      summary.run = { layers: run.layers, seed };
      if (run.reported === 0 && !run.timedOut) {
        // not the submission's doing (its code runs in processes the suites start): keep the
        // runner's output for the instructor, and never cache this result
        fs.mkdirSync(path.join(out, "logs"), { recursive: true });
        fs.writeFileSync(path.join(out, "logs", `${sub.student}.log`), run.log);
        notes.push("The grader could not run; this submission is graded again on the next run.");
        return { ...base, seed, status: "grader error", summary };
      }
      return { ...base, seed, status: run.timedOut ? "time limit" : "graded", summary };
    } finally {
      fs.rmSync(work, { recursive: true, force: true });
    }
  };

  const results: StudentResult[] = new Array(subs.length);
  let next = 0;
  let done = 0;
  let graded = 0;
  const worker = async () => {
    while (next < subs.length) {
      const i = next++;
      const sub = subs[i];
      const file = path.join(out, "results", `${sub.student}.json`);
      const t0 = Date.now();
      let r: StudentResult | null = null;
      if (!o.force && fs.existsSync(file)) {
        const old = readSigned(file, key);
        const same = old && old.inputHash === sub.inputHash && old.kitStamp === kitStamp;
        if (same && old.status !== "grader error") r = old;
      }
      const reused = r !== null;
      if (!r) {
        r = await gradeOne(sub);
        graded++;
      }
      // due dates, extensions and the LMS's times may have changed since: always recomputed
      applyTime(r, sub);
      fs.writeFileSync(
        file,
        JSON.stringify({ result: r, mac: signResult(key, r) }, null, 2) + "\n",
      );
      results[i] = r;
      done++;
      const elapsed = Date.now() - started;
      const eta =
        done < subs.length ? `, ETA ${secs((elapsed / done) * (subs.length - done))}` : "";
      log(
        `[${done}/${subs.length}] ${sub.student}: ${r.summary.points} / ${r.summary.maxPoints}, ` +
          `${r.status}${reused ? " (unchanged, not re-graded)" : ` in ${secs(Date.now() - t0)}`}${eta}`,
      );
    }
  };
  await Promise.all(Array.from({ length: jobs }, worker));

  const overrides = readOverrides(overridesFile);
  const exercises = [...new Set(manifest.tests.map((t) => t.exercise))];
  fs.writeFileSync(path.join(out, "gradebook.csv"), gradebookCsv(results, exercises, overrides));
  for (const r of results) {
    fs.writeFileSync(path.join(out, "feedback", `${r.student}.md`), feedbackMarkdown(r, overrides));
    fs.writeFileSync(path.join(out, "feedback", `${r.student}.html`), feedbackHtml(r, overrides));
  }
  fs.rmSync(path.join(out, "work"), { recursive: true, force: true });
  let match: RosterMatch | null = null;
  if (roster) {
    match = matchRoster(roster, results);
    const max = manifest.tests.reduce((sum, t) => sum + t.points, 0);
    const name = o.assignment ?? "optkit";
    fs.writeFileSync(path.join(out, "canvas.csv"), canvasCsv(match, name, max, overrides));
    fs.writeFileSync(path.join(out, "lms.csv"), lmsCsv(match, max, overrides));
  }
  let similarity: SimilarityResult | undefined;
  if (o.similarity) {
    const threshold = o.similarityThreshold;
    similarity = await similarityReport({ root: o.root, submissions: subs, out, threshold });
    log(
      `grade:batch: ${similarity.compared} pairs compared in ${secs(similarity.durationMs)}, ` +
        `${similarity.pairs.length} at or above ${similarity.threshold}`,
    );
  }
  return {
    results,
    similarity,
    graded,
    reused: subs.length - graded,
    durationMs: Date.now() - started,
    unknown: match?.unknown,
    missing: match?.missing,
  };
}

export const USAGE = `usage: npm run grade:batch -- <submissions folder> [options]
  --out <folder>          gradebook, feedback and results (build/gradebook)
  --due <ISO time>        the due date
  --submitted-at <csv>    student,submitted_at exported from the LMS: decides lateness
  --extensions <csv>      student,due: a due date of a student's own
  --late-penalty <pct>    percent of the total per started day late (0)
  --late-cap <pct>        the most a late penalty takes (100)
  --roster <csv>          student,id,name,email[,section,login]: also canvas.csv and lms.csv
  --assignment <name>     the assignment's column in canvas.csv (optkit)
  --similarity            similarity.csv and .html: every pair compared per exercise file
                          (with Dolos; install it once: npm run similarity:install)
  --similarity-threshold <x>  the least similarity listed, from 0 to 1 (${DEFAULT_THRESHOLD})
  --time-limit <s>        per submission (300)
  --jobs <n>              submissions graded at once (the number of cores)
  --only <substr>         only the suites whose names contain it (repeatable)
  --force                 re-grade every submission
  --frozen-kit            keep the last run's grading kit even if the course changed`;

export function parseBatchArgs(argv: string[], root: string): BatchOptions {
  const { values: v, positionals } = parseCommandLine(argv, {
    out: { type: "string" },
    due: { type: "string" },
    "submitted-at": { type: "string" },
    extensions: { type: "string" },
    "late-penalty": { type: "string" },
    "late-cap": { type: "string" },
    roster: { type: "string" },
    assignment: { type: "string" },
    similarity: { type: "boolean" },
    "similarity-threshold": { type: "string" },
    "time-limit": { type: "string" },
    jobs: { type: "string" },
    only: { type: "string", multiple: true },
    force: { type: "boolean" },
    "frozen-kit": { type: "boolean" },
  });
  if (positionals.length !== 1) throw new UsageError("expected one submissions folder");
  const percent = (x: number) => x >= 0 && x <= 100;
  const seconds = numberOption(
    "time-limit",
    v["time-limit"],
    (x) => x > 0,
    "a positive number of seconds",
  );
  const o: BatchOptions = {
    root,
    submissions: positionals[0],
    out: v.out ?? "build/gradebook",
    only: v.only ?? [],
    force: v.force,
    frozenKit: v["frozen-kit"],
    submittedAt: v["submitted-at"],
    extensions: v.extensions,
    roster: v.roster,
    assignment: v.assignment,
    similarity: v.similarity,
    similarityThreshold: numberOption(
      "similarity-threshold",
      v["similarity-threshold"],
      (x) => x >= 0 && x <= 1,
      "a similarity from 0 to 1",
    ),
    timeLimitMs: seconds === undefined ? undefined : 1000 * seconds,
    jobs: numberOption(
      "jobs",
      v.jobs,
      (x) => Number.isInteger(x) && x >= 1,
      "a whole number of at least 1",
    ),
    latePenalty: numberOption(
      "late-penalty",
      v["late-penalty"],
      percent,
      "a percentage from 0 to 100",
    ),
    lateCap: numberOption("late-cap", v["late-cap"], percent, "a percentage from 0 to 100"),
  };
  if (o.similarityThreshold !== undefined && !o.similarity) {
    throw new UsageError("--similarity-threshold needs --similarity");
  }
  if (v.due !== undefined) {
    o.due = new Date(v.due);
    if (Number.isNaN(o.due.getTime())) throw new UsageError(`--due ${v.due}: expected an ISO date`);
  }
  return o;
}

async function main(): Promise<void> {
  const o = parseBatchArgs(process.argv.slice(2), process.cwd());
  const r = await gradeBatch(o);
  console.log(
    `grade:batch: ${r.results.length} submissions (${r.graded} graded, ${r.reused} unchanged) ` +
      `in ${secs(r.durationMs)}; gradebook: ${path.join(o.out, "gradebook.csv")}, ` +
      `feedback: ${path.join(o.out, "feedback")}/`,
  );
  if (o.roster) {
    console.log(`grade:batch: canvas.csv and lms.csv in ${o.out}`);
    if (r.unknown?.length) console.log(`  not on the roster (left out): ${r.unknown.join(", ")}`);
    if (r.missing?.length) console.log(`  no submission (0 points): ${r.missing.join(", ")}`);
  }
  if (r.similarity) {
    console.log(
      `grade:batch: ${r.similarity.pairs.length} similar pair(s) in ` +
        `${path.join(o.out, "similarity.html")} and similarity.csv: evidence to review, not a verdict`,
    );
  }
}

if (require.main === module) runCommand("grade:batch", USAGE, main);
