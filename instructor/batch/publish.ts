/**
 * Batch grading, stage 4, publish: the gradebook, each student's feedback and Gradescope
 * results and, with a roster, the LMS files, all with the instructor's overrides and the desk's
 * written marks (../desk/) applied.
 *
 * Feedback is sealed unless this stage is asked to publish: the visible tests with their
 * results, and of the others (hidden suites, questions) only how many there are and their points
 * in total (gradebook.ts, `FeedbackView`). Published, it shows every test with its name, result,
 * message and explanation, and the total. Publishing is refused while any student's due date
 * (the course's, or an extension) lies ahead, since a student who has it could pass the hidden
 * tests and the answers to one who can still submit; `early` overrides that.
 *
 *   npm run grade:batch -- submissions/ --due 2026-12-01T23:59:00Z --publish
 */
import * as fs from "node:fs";
import * as path from "node:path";
import type { GradingManifest } from "../../grader/runner/manifest";
import { gradescopeResults } from "../../grader/runner/reports";
import { summarize } from "../../grader/runner/score";
import { isWrittenRecord, writtenRecords } from "../desk/merge";
import { readQuestions } from "../desk/store";
import {
  feedbackHtml,
  feedbackMarkdown,
  gradebookCsv,
  readOverrides,
  type FeedbackView,
  type StudentResult,
} from "./gradebook";
import {
  canvasCsv,
  lmsCsv,
  matchRoster,
  type MissingAs,
  type RosterEntry,
  type RosterMatch,
} from "./roster";
import type { LatePolicy } from "./lateness";

export interface PublishInput {
  out: string;
  manifest: GradingManifest;
  results: StudentResult[];
  /** with a roster: canvas.csv and lms.csv, the score column named `assignment` */
  roster: RosterEntry[] | null;
  assignment?: string;
  /** what the LMS files give a student with no submission ["blank"] */
  missing?: MissingAs;
  /** the due dates: sealed feedback names the student's own */
  policy: LatePolicy;
  /** write the full feedback (else the sealed one) */
  published: boolean;
  /** publish even before the last due date */
  early?: boolean;
  /** the time it is [now] */
  now?: Date;
}

/** The last due date of anyone in the class: the course's, or the latest extension. */
function lastDue(policy: LatePolicy): Date | undefined {
  const dates = [policy.due, ...(policy.extensions?.values() ?? [])].filter(
    (d): d is Date => d !== undefined,
  );
  return dates.length === 0 ? undefined : new Date(Math.max(...dates.map((d) => d.getTime())));
}

/** Why publishing now would be refused, or null when it may go ahead (asked before grading). */
export function publishRefusal(
  policy: LatePolicy,
  early: boolean | undefined,
  now = new Date(),
): string | null {
  if (early) return null;
  const due = lastDue(policy);
  if (!due) {
    return (
      "--publish needs --due (the full feedback shows the hidden tests and the questions' " +
      "answers), or --publish-early"
    );
  }
  if (now < due) {
    const whose = due.getTime() === policy.due?.getTime() ? "the due date" : "an extension";
    return (
      `--publish: ${whose} (${due.toISOString()}) has not passed; the full feedback shows the ` +
      "hidden tests and the questions' answers. Publish after it, or use --publish-early"
    );
  }
  return null;
}

/** A result with the written answers' marks from the desk (../desk) added as question records. */
export function withWritten(out: string, r: StudentResult): StudentResult {
  const written = writtenRecords(out, r.student);
  if (written.length === 0) return r;
  // idempotent: the marks of an earlier merge are replaced by the desk's current ones
  const tests = [...r.summary.tests.filter((t) => !isWrittenRecord(t)), ...written];
  const summary = {
    ...summarize(r.summary.target, tests, r.summary.durationMs),
    run: r.summary.run,
    diagnostics: r.summary.diagnostics,
  };
  return { ...r, summary };
}

/** Write everything students and the LMS see; returns the roster match when there is one. */
export function publish(p: PublishInput): RosterMatch | null {
  const { out, manifest } = p;
  const refused = p.published ? publishRefusal(p.policy, p.early, p.now) : null;
  if (refused) throw new Error(refused);
  const results = p.results.map((r) => withWritten(out, r));
  const overrides = readOverrides(path.join(out, "overrides.csv"));
  const written = readQuestions(out);
  const exercises = [
    ...new Set(
      [...manifest.tests, ...written.map((q) => ({ exercise: q.id.split(".")[0] }))].map(
        (t) => t.exercise,
      ),
    ),
  ];
  fs.writeFileSync(path.join(out, "gradebook.csv"), gradebookCsv(results, exercises, overrides));
  for (const r of results) {
    const view: FeedbackView = {
      published: p.published,
      due: p.policy.extensions?.get(r.student) ?? p.policy.due,
    };
    const file = path.join(out, "feedback", r.student);
    fs.writeFileSync(`${file}.md`, feedbackMarkdown(r, overrides, view));
    fs.writeFileSync(`${file}.html`, feedbackHtml(r, overrides, view));
    // Gradescope's own visibility levels hold the hidden tests and written marks back
    const gradescope = path.join(out, "gradescope", `${r.student}.json`);
    fs.mkdirSync(path.dirname(gradescope), { recursive: true });
    fs.writeFileSync(gradescope, JSON.stringify(gradescopeResults(r.summary), null, 2) + "\n");
  }
  if (!p.roster) return null;
  const match = matchRoster(p.roster, results);
  const max =
    manifest.tests.reduce((sum, t) => sum + t.points, 0) +
    written.reduce((sum, q) => sum + q.points, 0);
  const name = p.assignment ?? "optkit";
  fs.writeFileSync(path.join(out, "canvas.csv"), canvasCsv(match, name, max, overrides, p.missing));
  fs.writeFileSync(path.join(out, "lms.csv"), lmsCsv(match, max, overrides, p.missing));
  return match;
}
