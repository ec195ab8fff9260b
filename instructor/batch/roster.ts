/**
 * The class roster and the files an LMS imports. `grade:batch --roster roster.csv` matches each
 * submission folder (a name or a GitHub user) to a student of the roster and writes, beside
 * gradebook.csv:
 * - canvas.csv: Canvas's gradebook import (columns Student, ID, SIS User ID, SIS Login ID,
 *   Section, then one column for the assignment; a "Points Possible" row first). Canvas matches
 *   rows by SIS User ID or SIS Login ID; the assignment column's header names the assignment
 *   (a new one, or an existing one as "Name (assignment id)").
 * - lms.csv: a plain export for any LMS: student id, name, email, points, max, percent, late.
 * Roster columns: student (the submission folder or GitHub user), id, name, email; optional
 * section and login (Canvas's SIS Login ID; the email when absent).
 */
import { readCsv, writeCsv } from "../csv";
import { finalScore, lateLabel, type Override, type StudentResult } from "./gradebook";

export interface RosterEntry {
  /** the submission folder's name, or the student's GitHub user */
  student: string;
  id: string;
  name: string;
  email: string;
  section: string;
  login: string;
}

const REQUIRED = ["student", "id", "name", "email"];

export function readRoster(file: string): RosterEntry[] {
  const { header, rows } = readCsv(file);
  const missing = REQUIRED.filter((c) => !header.includes(c));
  if (missing.length > 0) {
    throw new Error(
      `${file}:1: the header lacks ${missing.join(", ")} (expected student,id,name,email[,section,login])`,
    );
  }
  const col = (fields: string[], name: string) => {
    const i = header.indexOf(name);
    return i >= 0 ? (fields[i] ?? "") : "";
  };
  const seen = new Map<string, number>();
  const ids = new Map<string, number>();
  return rows.map(({ line, fields }) => {
    const e: RosterEntry = {
      student: col(fields, "student"),
      id: col(fields, "id"),
      name: col(fields, "name"),
      email: col(fields, "email"),
      section: col(fields, "section"),
      login: col(fields, "login") || col(fields, "email"),
    };
    const empty = REQUIRED.find((c) => !col(fields, c));
    if (empty) throw new Error(`${file}:${line}: the ${empty} column is empty`);
    const key = e.student.toLowerCase();
    if (seen.has(key)) {
      throw new Error(`${file}:${line}: ${e.student} is already on line ${seen.get(key)}`);
    }
    if (ids.has(e.id))
      throw new Error(`${file}:${line}: id ${e.id} is already on line ${ids.get(e.id)}`);
    seen.set(key, line);
    ids.set(e.id, line);
    return e;
  });
}

export interface RosterMatch {
  /** roster entry -> their result (undefined: no submission) */
  rows: { entry: RosterEntry; result: StudentResult | undefined }[];
  /** submission folders that match no one on the roster */
  unknown: string[];
  /** roster students without a submission folder */
  missing: string[];
}

/** Match results to the roster by folder name or GitHub user (case-insensitive). */
export function matchRoster(roster: RosterEntry[], results: StudentResult[]): RosterMatch {
  const byName = new Map(results.map((r) => [r.student.toLowerCase(), r]));
  const rows = roster.map((entry) => ({ entry, result: byName.get(entry.student.toLowerCase()) }));
  const known = new Set(roster.map((e) => e.student.toLowerCase()));
  return {
    rows,
    unknown: results.map((r) => r.student).filter((s) => !known.has(s.toLowerCase())),
    missing: rows
      .filter((r) => !r.result || r.result.status === "no submission")
      .map((r) => r.entry.student),
  };
}

/**
 * What the LMS files give a student with no submission: "blank" (Canvas's "not graded", the
 * instructor decides later; the default) or "zero".
 */
export type MissingAs = "blank" | "zero";
export const MISSING_AS: readonly MissingAs[] = ["blank", "zero"];

/** A roster student's points for the LMS: blank or 0 without a submission (unless overridden). */
function lmsPoints(
  result: StudentResult | undefined,
  overrides: Override[],
  missing: MissingAs,
): number | "" {
  const submitted = result && result.status !== "no submission";
  if (result && (submitted || overrides.some((o) => o.student === result.student))) {
    return finalScore(result, overrides).total;
  }
  return missing === "zero" ? 0 : "";
}

/** Canvas's gradebook import for one assignment; see MissingAs for students without a submission. */
export function canvasCsv(
  match: RosterMatch,
  assignment: string,
  maxPoints: number,
  overrides: Override[],
  missing: MissingAs = "blank",
): string {
  const header = ["Student", "ID", "SIS User ID", "SIS Login ID", "Section", assignment];
  const possible = ["Points Possible", "", "", "", "", maxPoints];
  const rows = match.rows.map(({ entry, result }) => [
    entry.name,
    "",
    entry.id,
    entry.login,
    entry.section,
    lmsPoints(result, overrides, missing),
  ]);
  return writeCsv([header, possible, ...rows]);
}

/** The plain LMS export: one row per roster student. */
export function lmsCsv(
  match: RosterMatch,
  maxPoints: number,
  overrides: Override[],
  missing: MissingAs = "blank",
): string {
  const header = ["student_id", "name", "email", "points", "max", "percent", "late", "status"];
  const rows = match.rows.map(({ entry, result }) => {
    const points = lmsPoints(result, overrides, missing);
    const percent =
      points === "" ? "" : maxPoints > 0 ? Math.round((1e4 * points) / maxPoints) / 100 : 0;
    return [
      entry.id,
      entry.name,
      entry.email,
      points,
      maxPoints,
      percent,
      lateLabel(result),
      result?.status ?? "no submission",
    ];
  });
  return writeCsv([header, ...rows]);
}
