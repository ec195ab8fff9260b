/**
 * The live course's stand-in for lib/util/grade-check.ts, with the same `check(what)`: grade an
 * exercise (or a notebook's exercises) with the public grading suites, here in the page's
 * worker against the student's edited exercise file, and show the points per exercise, the
 * first failure and the hint, as the kernel's check does.
 */
import { showMarkdown } from "../../../../lib/plot/table";
import { OptkitError } from "../../../../lib/util/check";

/** What a check found, per exercise (also shown in the cell). */
export interface CheckResult {
  points: number;
  maxPoints: number;
  exercises: {
    exercise: string;
    points: number;
    maxPoints: number;
    firstFailure: string;
    hint?: string;
  }[];
  tests: { exercise: string; name: string; points: number; passed: boolean }[];
  seconds: number;
}

/** Grades `what` ("adamStep" or "04"); set by the worker when the grading suites are loaded. */
export type Grader = (what: string) => Promise<Omit<CheckResult, "seconds">>;

let grader: Grader | null = null;

export function setGrader(g: Grader): void {
  grader = g;
}

function escapeCell(s: string): string {
  return s.replace(/\|/g, "\\|").replace(/\n/g, " ");
}

export async function check(what: string): Promise<CheckResult> {
  if (typeof what !== "string" || !/^(\d\d|[A-Za-z]\w*)$/.test(what)) {
    throw new OptkitError(
      "what",
      `expected an exercise's name (e.g. "adamStep") or a notebook's number (e.g. "04"), got ${String(what)}`,
    );
  }
  if (!grader) throw new OptkitError("what", "the grading suites are not part of this page");
  const t0 = performance.now();
  const r: CheckResult = { ...(await grader(what)), seconds: (performance.now() - t0) / 1000 };
  const rows = r.exercises.map(
    (e) =>
      `| ${e.exercise} | ${e.points} / ${e.maxPoints} | ${escapeCell(e.firstFailure || "all tests pass")} |` +
      ` ${escapeCell(e.hint ?? "")} |`,
  );
  showMarkdown(
    [
      `**Check of ${what}: ${r.points} / ${r.maxPoints} points** (${r.seconds.toFixed(1)} s)`,
      "",
      "| exercise | points | first failure | hint |",
      "| --- | --- | --- | --- |",
      ...rows,
      "",
      "<details><summary>each test</summary>",
      "",
      ...r.tests.map(
        (t) => `- ${escapeCell(`${t.passed ? "✓" : "✗"} ${t.exercise}: ${t.name} (${t.points})`)}`,
      ),
      "",
      "</details>",
    ].join("\n"),
  );
  Object.defineProperty(r, Symbol.for("nodejs.util.inspect.custom"), {
    value: () => `${what}: ${r.points} / ${r.maxPoints} points`,
  });
  return r;
}
