/**
 * Batch grading, stage 4, publish: the gradebook, each student's feedback and, with a roster,
 * the LMS files, all with the instructor's overrides applied.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import type { GradingManifest } from "../../grader/runner/manifest";
import {
  feedbackHtml,
  feedbackMarkdown,
  gradebookCsv,
  readOverrides,
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

export interface PublishInput {
  out: string;
  manifest: GradingManifest;
  results: StudentResult[];
  /** with a roster: canvas.csv and lms.csv, the score column named `assignment` */
  roster: RosterEntry[] | null;
  assignment?: string;
  /** what the LMS files give a student with no submission ["blank"] */
  missing?: MissingAs;
}

/** Write everything students and the LMS see; returns the roster match when there is one. */
export function publish(p: PublishInput): RosterMatch | null {
  const { out, manifest, results } = p;
  const overrides = readOverrides(path.join(out, "overrides.csv"));
  const exercises = [...new Set(manifest.tests.map((t) => t.exercise))];
  fs.writeFileSync(path.join(out, "gradebook.csv"), gradebookCsv(results, exercises, overrides));
  for (const r of results) {
    fs.writeFileSync(path.join(out, "feedback", `${r.student}.md`), feedbackMarkdown(r, overrides));
    fs.writeFileSync(path.join(out, "feedback", `${r.student}.html`), feedbackHtml(r, overrides));
  }
  if (!p.roster) return null;
  const match = matchRoster(p.roster, results);
  const max = manifest.tests.reduce((sum, t) => sum + t.points, 0);
  const name = p.assignment ?? "optkit";
  fs.writeFileSync(path.join(out, "canvas.csv"), canvasCsv(match, name, max, overrides, p.missing));
  fs.writeFileSync(path.join(out, "lms.csv"), lmsCsv(match, max, overrides, p.missing));
  return match;
}
