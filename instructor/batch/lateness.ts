/**
 * When a submission counts as submitted, and what lateness costs. A submission's own dates
 * (commit dates, file times) are the student's to set, so they only ever count as
 * "self-reported"; the time that decides is the one the instructor exports from the LMS or
 * GitHub Classroom (`--submitted-at times.csv`). Extensions (`--extensions ext.csv`) move one
 * student's due date; `--late-penalty` takes a percentage of the total per started day late, up
 * to `--late-cap`.
 */
import { readCsv } from "../csv";

export type TimeSource = "lms" | "self-reported" | "none";

export interface LatePolicy {
  due?: Date;
  /** student -> due date of their own */
  extensions?: Map<string, Date>;
  /** percent of the total per started day late [0] */
  penaltyPerDay?: number;
  /** the most a penalty can take, in percent [100] */
  penaltyCap?: number;
}

export interface Lateness {
  late: boolean;
  /** started days after the due date (0 when on time) */
  daysLate: number;
  /** percent of the total taken off */
  penalty: number;
}

const DAY_MS = 24 * 3600 * 1000;

/** Read a two-column CSV with a header line (`student,<column>`) of dates into a map. */
export function readDatesCsv(file: string, column: string): Map<string, Date> {
  const { header, rows } = readCsv(file);
  if (header[0] !== "student" || header[1] !== column) {
    throw new Error(`${file}:1: expected the header "student,${column}"`);
  }
  const out = new Map<string, Date>();
  for (const { line, fields } of rows) {
    const [student = "", value = ""] = fields;
    const at = new Date(value);
    if (!student || Number.isNaN(at.getTime())) {
      throw new Error(
        `${file}:${line}: expected student,${column} (an ISO date), got "${fields.join(",")}"`,
      );
    }
    if (out.has(student)) throw new Error(`${file}:${line}: ${student} appears twice`);
    out.set(student, at);
  }
  return out;
}

export function lateness(student: string, at: Date | null, policy: LatePolicy): Lateness {
  const due = policy.extensions?.get(student) ?? policy.due;
  if (!due || !at || at <= due) return { late: false, daysLate: 0, penalty: 0 };
  const daysLate = Math.ceil((at.getTime() - due.getTime()) / DAY_MS);
  const penalty = Math.min(policy.penaltyCap ?? 100, (policy.penaltyPerDay ?? 0) * daysLate);
  return { late: true, daysLate, penalty };
}

export interface SubmissionTime extends Lateness {
  submittedAt: string | null;
  submittedSource: TimeSource;
  /** a due date applies but no time is known: neither late nor on time */
  lateUnknown: boolean;
}

/**
 * When a submission counts as submitted and what that costs: the LMS's time when the instructor
 * gave any (a student missing from it has no time), else the submission's own newest date.
 */
export function submissionTime(
  student: string,
  ownTime: Date | null,
  lmsTimes: Map<string, Date> | null,
  policy: LatePolicy,
): SubmissionTime {
  const lms = lmsTimes?.get(student);
  const at = lmsTimes ? (lms ?? null) : ownTime;
  const submittedSource: TimeSource = lmsTimes
    ? lms
      ? "lms"
      : "none"
    : at
      ? "self-reported"
      : "none";
  const due = policy.extensions?.get(student) ?? policy.due;
  return {
    submittedAt: at?.toISOString() ?? null,
    submittedSource,
    ...lateness(student, at, policy),
    lateUnknown: !at && due !== undefined,
  };
}
