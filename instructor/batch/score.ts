/**
 * Batch grading, stage 3, score: when each submission counts as submitted and what lateness
 * costs it (the due date, the student's extension, the LMS's times), recomputed on every run
 * since any of them may have changed. Overrides are applied where the gradebook is written.
 */
import type { StudentResult } from "./gradebook";
import { readDatesCsv, submissionTime, type LatePolicy } from "./lateness";
import type { BatchOptions } from "./options";
import type { Submission } from "./submissions";

export interface Scorer {
  (r: StudentResult, sub: Submission): void;
  /** the due date, extensions and penalties (publishing waits for every due date) */
  readonly policy: LatePolicy;
  /** the LMS's times, when given: a student missing from them has no time */
  readonly lmsTimes: Map<string, Date> | null;
}

/** The scorer of this run; reads the LMS's and the extensions' CSV files once, at once. */
export function scorer(o: BatchOptions): Scorer {
  const lmsTimes = o.submittedAt ? readDatesCsv(o.submittedAt, "submitted_at") : null;
  const policy: LatePolicy = {
    due: o.due,
    extensions: o.extensions ? readDatesCsv(o.extensions, "due") : undefined,
    penaltyPerDay: o.latePenalty,
    penaltyCap: o.lateCap,
  };
  const score = (r: StudentResult, sub: Submission): void => {
    // a due date but no time: lateUnknown, never on time
    Object.assign(r, submissionTime(sub.student, sub.submittedAt, lmsTimes, policy));
  };
  return Object.assign(score, { policy, lmsTimes });
}
