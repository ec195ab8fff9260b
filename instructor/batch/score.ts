/**
 * Batch grading, stage 3, score: when each submission counts as submitted and what lateness
 * costs it (the due date, the student's extension, the LMS's times), recomputed on every run
 * since any of them may have changed. Overrides are applied where the gradebook is written.
 */
import type { StudentResult } from "./gradebook";
import { lateness, readDatesCsv, type LatePolicy } from "./lateness";
import type { BatchOptions } from "./options";
import type { Submission } from "./submissions";

export type Scorer = (r: StudentResult, sub: Submission) => void;

/** The scorer of this run; reads the LMS's and the extensions' CSV files once, at once. */
export function scorer(o: BatchOptions): Scorer {
  const lmsTimes = o.submittedAt ? readDatesCsv(o.submittedAt, "submitted_at") : null;
  const policy: LatePolicy = {
    due: o.due,
    extensions: o.extensions ? readDatesCsv(o.extensions, "due") : undefined,
    penaltyPerDay: o.latePenalty,
    penaltyCap: o.lateCap,
  };
  return (r, sub) => {
    const lms = lmsTimes?.get(sub.student);
    const at = lmsTimes ? (lms ?? null) : sub.submittedAt;
    r.submittedAt = at?.toISOString() ?? null;
    r.submittedSource = lmsTimes ? (lms ? "lms" : "none") : at ? "self-reported" : "none";
    Object.assign(r, lateness(sub.student, at, policy));
  };
}
