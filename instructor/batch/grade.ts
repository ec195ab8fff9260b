/**
 * Batch grading, stage 2, grade: each submission in a fresh copy of the kit, checked against
 * the kit's manifest first, with a fresh secret seed, several at once; each job keeps one warm
 * grader for the whole class (./warm-batch.ts). A signed result from an
 * earlier run is reused when neither the submission nor the kit changed.
 */
import { createHmac, randomBytes } from "node:crypto";
import * as fs from "node:fs";
import * as path from "node:path";
import { applyManifest } from "../../grader/runner/manifest";
import { grade } from "../../grader/runner/run";
import { summarize } from "../../grader/runner/score";
import { verifyKit } from "../kit";
import type { Collected } from "./collect";
import { finalScore, type StudentResult } from "./gradebook";
import type { BatchOptions } from "./options";
import type { Scorer } from "./score";
import { modifiedCourseFiles, type Submission } from "./submissions";
import { WarmGraders } from "./warm-batch";
import { prepareWorkspace } from "./workspace";

export interface GradeStage {
  o: BatchOptions;
  out: string;
  kit: Collected;
  jobs: number;
  timeLimitMs: number;
  score: Scorer;
  log: (line: string) => void;
}

export function secs(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
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

/**
 * Grade one submission in a workspace of its own, removed afterwards, with the warm grader of
 * its job when there is one.
 */
async function gradeOne(
  s: GradeStage,
  sub: Submission,
  warm: WarmGraders | null,
  job: number,
): Promise<StudentResult> {
  const { o, out, kit } = s;
  const notes: string[] = [];
  const modified = modifiedCourseFiles(sub, kit.manifest.files);
  if (modified.length > 0) {
    notes.push(`Changed course files (not used for grading): ${modified.join(", ")}`);
  }
  const base = { student: sub.student, inputHash: sub.inputHash, kitStamp: kit.kitStamp };
  const unscored = { ...base, submittedAt: null, late: false, notes };
  if (sub.exercises.size === 0) {
    const records = applyManifest(
      [],
      kit.manifest.tests,
      () => "No exercise files were submitted.",
    );
    return { ...unscored, status: "no submission", summary: summarize("exercises", records) };
  }
  const work = path.join(out, "work", sub.student);
  prepareWorkspace(kit.kitDir, work, path.join(o.root, "node_modules"), sub);
  const seed = randomBytes(16).toString("hex");
  try {
    verifyKit(work, kit.manifest);
    const run = await grade(
      {
        root: work,
        target: "exercises",
        timeLimitMs: s.timeLimitMs,
        importLimitMs: o.importLimitMs ?? Math.min(20_000, s.timeLimitMs / 2),
        manifest: kit.manifest.tests,
        maxWorkers: s.jobs > 1 ? 1 : 2,
        seed,
        env: o.callLimitMs ? { OPTKIT_GRADE_CALL_LIMIT_MS: String(o.callLimitMs) } : {},
      },
      warm?.runner(job, work),
    );
    if (run.forged > 0) {
      notes.push(`${run.forged} result file(s) not written by the grader were ignored.`);
    }
    notes.push(`Sandbox: ${run.layers.join(", ")}.`);
    const summary = summarize("exercises", run.records, run.durationMs);
    summary.run = { layers: run.layers, seed };
    summary.diagnostics = run.diagnostics;
    if (run.reported === 0 && !run.timedOut) {
      // not the submission's doing (its code runs in processes the suites start): keep the
      // runner's output for the instructor, and never cache this result
      fs.mkdirSync(path.join(out, "logs"), { recursive: true });
      fs.writeFileSync(path.join(out, "logs", `${sub.student}.log`), run.log);
      notes.push("The grader could not run; this submission is graded again on the next run.");
      return { ...unscored, seed, status: "grader error", summary };
    }
    return { ...unscored, seed, status: run.timedOut ? "time limit" : "graded", summary };
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}

/** The result of `sub`: its signed result of an earlier run if still valid, else a new grading. */
async function resultOf(
  s: GradeStage,
  key: string,
  sub: Submission,
): Promise<StudentResult | null> {
  const file = path.join(s.out, "results", `${sub.student}.json`);
  if (s.o.force || !fs.existsSync(file)) return null;
  const old = readSigned(file, key);
  const same = old && old.inputHash === sub.inputHash && old.kitStamp === s.kit.kitStamp;
  return same && old.status !== "grader error" ? old : null;
}

/**
 * Grade every submission, `s.jobs` at a time; each result is scored (lateness) and saved,
 * signed, as soon as it is known, with a progress line. Returns the results in submission
 * order and how many were graded (the rest were reused).
 */
export async function gradeAll(
  s: GradeStage,
): Promise<{ results: StudentResult[]; graded: number }> {
  const { subs } = s.kit;
  const key = resultsKey(s.out);
  const started = Date.now();
  const results: StudentResult[] = new Array(subs.length);
  let next = 0;
  let done = 0;
  let graded = 0;
  const nodeModules = path.join(s.o.root, "node_modules");
  const warm =
    subs.length > 0
      ? WarmGraders.create(s.kit.kitDir, s.out, nodeModules, s.kit.manifest, s.jobs)
      : null;
  const worker = async (job: number) => {
    while (next < subs.length) {
      const i = next++;
      const sub = subs[i];
      const t0 = Date.now();
      let r = await resultOf(s, key, sub);
      const reused = r !== null;
      if (!r) {
        r = await gradeOne(s, sub, warm, job);
        graded++;
      }
      s.score(r, sub);
      const file = path.join(s.out, "results", `${sub.student}.json`);
      fs.writeFileSync(
        file,
        JSON.stringify({ result: r, mac: signResult(key, r) }, null, 2) + "\n",
      );
      results[i] = r;
      done++;
      const elapsed = Date.now() - started;
      const eta =
        done < subs.length ? `, ETA ${secs((elapsed / done) * (subs.length - done))}` : "";
      const late = r.penalty ? ` (${finalScore(r, []).total} after the late penalty)` : "";
      s.log(
        `[${done}/${subs.length}] ${sub.student}: ${r.summary.points} / ${r.summary.maxPoints} raw points${late}, ` +
          `${r.status}${reused ? " (unchanged, not re-graded)" : ` in ${secs(Date.now() - t0)}`}${eta}`,
      );
    }
  };
  try {
    await Promise.all(Array.from({ length: s.jobs }, (_, job) => worker(job)));
  } finally {
    await warm?.close();
  }
  return { results, graded };
}
