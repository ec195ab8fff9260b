/**
 * The class's gradebook (CSV: student, points per exercise, total, max, status, late flag) and
 * each student's feedback (Markdown and HTML), with the instructor's manual overrides applied.
 * Overrides live in overrides.csv (student,exercise,points,reason; exercise "total" sets the
 * total) which the batch creates once, empty, and never writes again.
 */
import * as fs from "node:fs";
import { diagnosticLines } from "../../grader/harness/verdict";
import type { TestRecord } from "../../grader/runner/meta";
import { testPoints, type GradeSummary } from "../../grader/runner/score";
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
  /** a due date applies but no time of submission is known: neither late nor on time */
  lateUnknown?: boolean;
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

/** Files refused for a syntax error (they scored 0), and type errors (graded anyway). */
function compilerCounts(r: StudentResult): [number, number] {
  const d = r.summary.diagnostics ?? [];
  const refused = new Set(d.filter((x) => x.kind === "syntax").map((x) => x.file));
  return [refused.size, d.filter((x) => x.kind === "type").length];
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
    "syntax_errors",
    "type_errors",
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
      lateLabel(r),
      r.daysLate ?? 0,
      r.penalty ?? 0,
      r.submittedAt ?? "",
      r.submittedSource ?? "",
      ...compilerCounts(r),
      notes.join("; "),
    ];
  });
  return writeCsv([header, ...rows]);
}

/** The gradebook's late column: "late", "unknown" (a due date but no time), or "" (on time). */
export function lateLabel(r: StudentResult | undefined): string {
  return r?.late ? "late" : r?.lateUnknown ? "unknown" : "";
}

/**
 * What a student's feedback may show. Sealed (before the due date): the visible tests only, and
 * of the others (hidden suites, questions, any later level) how many there are and their points
 * in total: no name, no result, no message, no explanation. Published (after the due date, by
 * the publish stage): every test with its result, message and explanation.
 */
export interface FeedbackView {
  published: boolean;
  /** the due date that applies to this student, named in sealed feedback */
  due?: Date;
}

export const SEALED: FeedbackView = { published: false };

/** A test a student may see before the due date. */
export const shownBeforeDue = (t: TestRecord): boolean => t.visibility === "visible";

function testLine(t: TestRecord): string {
  const mark = t.status === "passed" ? "passed" : t.status;
  // a mark given by hand keeps its comments even at full points
  const why = t.status === "passed" && t.points === undefined ? "" : ` ${t.message}`;
  const hidden = t.visibility === "visible" || t.kind === "question" ? "" : " (hidden test)";
  const explained = t.explanation ? ` ${t.explanation}` : "";
  return `${t.name}${hidden}: ${testPoints(t)} / ${t.maxPoints}, ${mark}.${why}${explained}`;
}

const sum = (xs: number[]) => Math.round(xs.reduce((s, x) => s + x, 0) * 1e4) / 1e4;

interface FeedbackData {
  title: string;
  header: string[];
  exercises: { name: string; points: number; max: number; lines: string[] }[];
}

function feedbackData(r: StudentResult, overrides: Override[], view: FeedbackView): FeedbackData {
  const f = finalScore(r, overrides);
  const tests = view.published ? r.summary.tests : r.summary.tests.filter(shownBeforeDue);
  const held = r.summary.tests.filter((t) => !tests.includes(t));
  const when = view.due ? ` (${view.due.toISOString()})` : "";
  const score = view.published
    ? [`Total: ${f.total} / ${r.summary.maxPoints} points.`]
    : [
        `Visible tests: ${sum(tests.map(testPoints))} / ${sum(tests.map((t) => t.maxPoints))} points.`,
        ...(held.length > 0
          ? [
              `Not shown before the due date${when}: ${held.length} more tests and questions, ` +
                `${sum(held.map((t) => t.maxPoints))} points in total; they are graded, and ` +
                "your total, with every test and explanation, is published after the due date.",
            ]
          : []),
      ];
  const time = r.late
    ? `, submitted ${r.daysLate ?? ""} day(s) after the due date`
    : r.lateUnknown
      ? ", time of submission unknown (lateness not decided yet)"
      : "";
  const header = [
    ...score,
    `Status: ${r.status}${time}.`,
    ...(r.penalty ? [`Late penalty: ${r.penalty}% of the total.`] : []),
    ...diagnosticLines(r.summary.diagnostics ?? []),
    ...r.notes,
    ...f.applied.map(
      (o) => `Adjusted by your instructor (${o.exercise}: ${o.points}): ${o.reason}`,
    ),
  ];
  return {
    title: `Feedback for ${r.student}`,
    header,
    exercises: r.summary.exercises.flatMap((e) => {
      const mine = tests.filter((t) => t.exercise === e.exercise);
      if (mine.length === 0) return [];
      // sealed, an exercise's points, maximum and hint come from its visible tests alone
      const failed = mine.some((t) => t.status !== "passed");
      const hint = view.published ? e.hint : failed ? (mine.find((t) => t.hint)?.hint ?? "") : "";
      return [
        {
          name: e.exercise,
          points: view.published
            ? (f.exercises.get(e.exercise) ?? e.points)
            : sum(mine.map(testPoints)),
          max: view.published ? e.maxPoints : sum(mine.map((t) => t.maxPoints)),
          lines: [...mine.map(testLine), ...(hint ? [`Hint: ${hint}`] : [])],
        },
      ];
    }),
  };
}

export function feedbackMarkdown(
  r: StudentResult,
  overrides: Override[],
  view: FeedbackView = SEALED,
): string {
  const d = feedbackData(r, overrides, view);
  const parts = [`# ${d.title}`, d.header.map((h) => `- ${h}`).join("\n")];
  for (const e of d.exercises) {
    parts.push(`## ${e.name}: ${e.points} / ${e.max}`, e.lines.map((l) => `- ${l}`).join("\n"));
  }
  return parts.join("\n\n") + "\n";
}

const esc = escapeHtml;

export function feedbackHtml(
  r: StudentResult,
  overrides: Override[],
  view: FeedbackView = SEALED,
): string {
  const d = feedbackData(r, overrides, view);
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
