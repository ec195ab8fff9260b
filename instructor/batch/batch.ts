/**
 * `npm run grade:batch -- <submissions>`: grade every student's submission (a folder or a git
 * repository per student) in a pristine workspace each, several at once (up to the cores), each
 * with a time limit; print progress with an ETA; write the gradebook and feedback.
 *
 *   npm run grade:batch -- submissions/ --out build/gradebook --due 2026-12-01T23:59:00Z
 *   options: BATCH_OPTIONS in ./options.ts (`-- --help` prints them)
 *
 * Writes into --out: gradebook.csv, feedback/<student>.md and .html, results/<student>.json (kept,
 * signed, to skip unchanged submissions next time: re-running is idempotent) and overrides.csv
 * (created empty once, never overwritten; its lines adjust points in the gradebook and feedback),
 * and written/: the written questions and every student's answers, graded by hand at the desk
 * (`npm run grade:desk`, ../desk/), whose marks the next run merges in.
 * Every submission is graded with a fresh secret seed for the random cases (kept in its results
 * for reproduction: `npm run grade -- --seed <seed>`), in a copy of the kit checked against the
 * kit's manifest first; its code runs in the sandbox of grader/sandbox.
 *
 * A pipeline of four stages, a file each: collect (the kit and the submissions), grade (each
 * submission, cached results reused), score (lateness) and publish (gradebook, feedback, LMS
 * files); the similarity report runs after them when asked for.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { sandboxLayers } from "../../grader/sandbox/command";
import { runCommand } from "../../lib/util/cli-args";
import { engineMissing } from "../similarity/dolos";
import { similarityReport, type SimilarityResult } from "../similarity/similarity";
import { collectWritten } from "../desk/merge";
import { collect } from "./collect";
import { gradeAll, secs } from "./grade";
import { OVERRIDES_HEADER, type StudentResult } from "./gradebook";
import { parseBatchArgs, USAGE, type BatchOptions } from "./options";
import { publish, publishRefusal } from "./publish";
import { readRoster } from "./roster";
import { scorer } from "./score";

export { parseBatchArgs, USAGE, type BatchOptions } from "./options";

export interface BatchResult {
  results: StudentResult[];
  /** with a roster: submission folders matching no one, and students without a submission */
  unknown?: string[];
  missing?: string[];
  similarity?: SimilarityResult;
  /** what the students' feedback shows: sealed (before the due date) or published */
  feedback: "sealed" | "published";
  graded: number;
  reused: number;
  durationMs: number;
}

/** The output folder, with its results/ and feedback/ and an empty overrides.csv the first time. */
function prepareOut(o: BatchOptions): string {
  const out = path.resolve(o.out);
  for (const d of ["results", "feedback"]) fs.mkdirSync(path.join(out, d), { recursive: true });
  const overridesFile = path.join(out, "overrides.csv");
  if (!fs.existsSync(overridesFile)) fs.writeFileSync(overridesFile, OVERRIDES_HEADER);
  return out;
}

export async function gradeBatch(o: BatchOptions): Promise<BatchResult> {
  const started = Date.now();
  const log = o.log ?? ((line: string) => console.error(line));
  const timeLimitMs = o.timeLimitMs ?? 300_000;
  const noEngine = o.similarity ? engineMissing() : null; // said before any work is done
  if (noEngine) throw new Error(`--similarity: ${noEngine}`);
  const out = prepareOut(o);
  // the CSV files first: a bad roster or dates file stops the run before any work
  const score = scorer(o);
  const roster = o.roster ? readRoster(o.roster) : null;
  const published = Boolean(o.publish || o.publishEarly);
  const refused = published ? publishRefusal(score.policy, o.publishEarly) : null;
  if (refused) throw new Error(refused);
  const kit = await collect(o, out);
  const jobs = Math.max(1, Math.min(o.jobs ?? os.availableParallelism(), kit.subs.length));
  log(
    `grade:batch: ${kit.subs.length} submissions, ${jobs} at a time, ${secs(timeLimitMs)} each at most; ` +
      "progress shows raw points, the gradebook's total is after late penalties and overrides",
  );
  const written = collectWritten(o.root, o.only ?? [], kit.subs, out);
  if (written.questions.length > 0) {
    log(
      `grade:batch: ${written.questions.length} written question(s), ${written.answered} answer(s) ` +
        `in ${path.join(out, "written", "answers.json")}; grade them with npm run grade:desk -- ${out}`,
    );
  }
  const untimed = kit.subs.filter((s) => score.lmsTimes && !score.lmsTimes.has(s.student));
  if (untimed.length > 0) {
    log(
      `grade:batch: ${untimed.length} submission(s) have no time in ${o.submittedAt}: ` +
        `${untimed.map((s) => s.student).join(", ")}; their lateness is unknown ` +
        `(the gradebook's late column says "unknown") until you add them`,
    );
  }
  const layers = sandboxLayers(o.root);
  if (!layers.some((l) => l === "bubblewrap" || l === "unprivileged user")) {
    log(
      `grade:batch: sandbox ${layers.join(", ")}: a submission can reach the network and signal your processes`,
    );
  }
  const { results, graded } = await gradeAll({ o, out, kit, jobs, timeLimitMs, score, log });
  fs.rmSync(path.join(out, "work"), { recursive: true, force: true });
  const match = publish({
    out,
    manifest: kit.manifest,
    results,
    roster,
    assignment: o.assignment,
    missing: o.missing,
    policy: score.policy,
    published,
    early: o.publishEarly,
  });
  let similarity: SimilarityResult | undefined;
  if (o.similarity) {
    const threshold = o.similarityThreshold;
    similarity = await similarityReport({ root: o.root, submissions: kit.subs, out, threshold });
    log(
      `grade:batch: ${similarity.compared} pairs compared in ${secs(similarity.durationMs)}, ` +
        `${similarity.pairs.length} at or above ${similarity.threshold}`,
    );
  }
  return {
    results,
    feedback: published ? "published" : "sealed",
    similarity,
    graded,
    reused: kit.subs.length - graded,
    durationMs: Date.now() - started,
    unknown: match?.unknown,
    missing: match?.missing,
  };
}

async function main(): Promise<void> {
  const o = parseBatchArgs(process.argv.slice(2), process.cwd());
  const r = await gradeBatch(o);
  console.log(
    `grade:batch: ${r.results.length} submissions (${r.graded} graded, ${r.reused} unchanged) ` +
      `in ${secs(r.durationMs)}; gradebook: ${path.join(o.out, "gradebook.csv")}, ` +
      `feedback (${r.feedback}): ${path.join(o.out, "feedback")}/`,
  );
  if (o.roster) {
    console.log(`grade:batch: canvas.csv and lms.csv in ${o.out}`);
    if (r.unknown?.length) console.log(`  not on the roster (left out): ${r.unknown.join(", ")}`);
    if (r.missing?.length) {
      const as =
        o.missing === "zero" ? "0 points" : "left blank: not graded yet; --missing zero gives 0";
      console.log(`  no submission (${as}): ${r.missing.join(", ")}`);
    }
  }
  if (r.similarity) {
    console.log(
      `grade:batch: ${r.similarity.pairs.length} similar pair(s) in ` +
        `${path.join(o.out, "similarity.html")} and similarity.csv: evidence to review, not a verdict`,
    );
  }
}

if (require.main === module) runCommand("grade:batch", USAGE, main);
