/**
 * The class's gradebook (CSV: student, points per exercise, total, max, status, late flag) and
 * each student's feedback (Markdown and HTML), with the instructor's manual overrides applied.
 * Overrides live in overrides.csv (student,exercise,points,reason; exercise "total" sets the
 * total) which the batch creates once, empty, and never writes again.
 */
import * as fs from "node:fs";
import type { TestRecord } from "../../grader/runner/meta";
import type { GradeSummary } from "../../grader/runner/score";
import { escapeHtml } from "../../lib/util/html";
import { readCsv, writeCsv } from "../csv";
import type { TimeSource } from "./lateness";

export type SubmissionStatus = "graded" | "time limit" | "no submission" | "grader error";

export interface StudentResult {
  student: string;
  inputHash: string;
  kitStamp: string;
  submittedAt: string | null;
  /** where submittedAt comes from: the LMS's export, or the submission's own dates */
  submittedSource?: TimeSource;
  late: boolean;
  /** started days late, and the percent of the total that costs (0 when on time) */
  daysLate?: number;
  penalty?: number;
  /** the secret seed of this grading's random cases, to reproduce it */
  seed?: string;
  status: SubmissionStatus;
  /** e.g. which course files the student changed (they were not used) */
  notes: string[];
  summary: GradeSummary;
}

export interface Override {
  student: string;
  exercise: string;
  points: number;
  reason: string;
}

export const OVERRIDES_HEADER = "student,exercise,points,reason\n";

export function readOverrides(file: string): Override[] {
  if (!fs.existsSync(file)) return [];
  const { header, rows } = readCsv(file);
  if (header.join(",") !== OVERRIDES_HEADER.trim()) {
    throw new Error(`${file}:1: expected the header "${OVERRIDES_HEADER.trim()}"`);
  }
  return rows.map(({ line, fields }) => {
    const [student = "", exercise = "", points = "", reason = ""] = fields;
    if (!student || !exercise || points === "" || !Number.isFinite(Number(points))) {
      throw new Error(`${file}:${line}: expected student,exercise,points,reason`);
    }
    return { student, exercise, points: Number(points), reason };
  });
}

export interface FinalScore {
  /** exercise -> points after overrides */
  exercises: Map<string, number>;
  total: number;
  applied: Override[];
}

export function finalScore(r: StudentResult, overrides: Override[]): FinalScore {
  const mine = overrides.filter((o) => o.student === r.student);
  const exercises = new Map(r.summary.exercises.map((e) => [e.exercise, e.points]));
  for (const o of mine) if (o.exercise !== "total") exercises.set(o.exercise, o.points);
  let total = [...exercises.values()].reduce((s, p) => s + p, 0);
  if (r.penalty) total *= 1 - r.penalty / 100;
  const totalOverride = mine.filter((o) => o.exercise === "total").pop();
  if (totalOverride) total = totalOverride.points;
  return { exercises, total: Math.round(total * 1e4) / 1e4, applied: mine };
}

export function gradebookCsv(
  results: StudentResult[],
  exercises: string[],
  overrides: Override[],
): string {
  const max = results[0]?.summary.maxPoints ?? 0;
  const header = [
    "student",
    ...exercises,
    "total",
    "max",
    "status",
    "late",
    "days_late",
    "penalty_percent",
    "submitted_at",
    "submitted_at_source",
    "notes",
  ];
  const rows = results.map((r) => {
    const f = finalScore(r, overrides);
    const notes = [...r.notes, ...f.applied.map((o) => `override ${o.exercise}: ${o.reason}`)];
    return [
      r.student,
      ...exercises.map((e) => f.exercises.get(e) ?? 0),
      f.total,
      max,
      r.status,
      r.late ? "late" : "",
      r.daysLate ?? 0,
      r.penalty ?? 0,
      r.submittedAt ?? "",
      r.submittedSource ?? "",
      notes.join("; "),
    ];
  });
  return writeCsv([header, ...rows]);
}

/** A hidden test shows its name and points; its message (which shows inputs) does not. */
function testLine(t: TestRecord): string {
  const mark = t.status === "passed" ? "passed" : t.status;
  const got = t.status === "passed" ? t.maxPoints : 0;
  const why = t.status === "passed" ? "" : t.visibility === "visible" ? ` ${t.message}` : "";
  const hidden = t.visibility === "visible" || t.kind === "question" ? "" : " (hidden test)";
  // a question's explanation is no secret once it is graded for the record (after the due date)
  const explained = t.explanation ? ` ${t.explanation}` : "";
  return `${t.name}${hidden}: ${got} / ${t.maxPoints}, ${mark}.${why}${explained}`;
}

interface FeedbackData {
  title: string;
  header: string[];
  exercises: { name: string; points: number; max: number; lines: string[] }[];
}

function feedbackData(r: StudentResult, overrides: Override[]): FeedbackData {
  const f = finalScore(r, overrides);
  const header = [
    `Total: ${f.total} / ${r.summary.maxPoints} points.`,
    `Status: ${r.status}${r.late ? `, submitted ${r.daysLate ?? ""} day(s) after the due date` : ""}.`,
    ...(r.penalty ? [`Late penalty: ${r.penalty}% of the total.`] : []),
    ...r.notes,
    ...f.applied.map(
      (o) => `Adjusted by your instructor (${o.exercise}: ${o.points}): ${o.reason}`,
    ),
  ];
  return {
    title: `Feedback for ${r.student}`,
    header,
    exercises: r.summary.exercises.map((e) => ({
      name: e.exercise,
      points: f.exercises.get(e.exercise) ?? e.points,
      max: e.maxPoints,
      lines: [
        ...r.summary.tests.filter((t) => t.exercise === e.exercise).map(testLine),
        ...(e.hint ? [`Hint: ${e.hint}`] : []),
      ],
    })),
  };
}

export function feedbackMarkdown(r: StudentResult, overrides: Override[]): string {
  const d = feedbackData(r, overrides);
  const parts = [`# ${d.title}`, d.header.map((h) => `- ${h}`).join("\n")];
  for (const e of d.exercises) {
    parts.push(`## ${e.name}: ${e.points} / ${e.max}`, e.lines.map((l) => `- ${l}`).join("\n"));
  }
  return parts.join("\n\n") + "\n";
}

const esc = escapeHtml;

export function feedbackHtml(r: StudentResult, overrides: Override[]): string {
  const d = feedbackData(r, overrides);
  const list = (items: string[]) => `<ul>${items.map((i) => `<li>${esc(i)}</li>`).join("")}</ul>`;
  const body = [
    `<h1>${esc(d.title)}</h1>`,
    list(d.header),
    ...d.exercises.map((e) => `<h2>${esc(e.name)}: ${e.points} / ${e.max}</h2>${list(e.lines)}`),
  ];
  return (
    `<!doctype html><html><head><meta charset="utf-8"><title>${esc(d.title)}</title></head>` +
    `<body>${body.join("\n")}</body></html>\n`
  );
}
