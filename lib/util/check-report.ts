/**
 * What `check(...)` found and how a cell shows it: one module for the kernel's check
 * (lib/util/grade-check.ts, through the sandboxed grader) and the live course's (the page's
 * worker), so both say the same thing the same way. No Node module here: the browser bundles it.
 */
import { showMarkdown } from "../plot/table";
import { OptkitError } from "./check";

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
  /** each test: its name, points and whether it passed */
  tests: { exercise: string; name: string; points: number; passed: boolean }[];
  seconds: number;
  /** what the grader says about the compiler's errors in the graded file: a file with a syntax
   * error scores 0, type errors are graded anyway and listed here with their file and line */
  compiler?: string[];
}

/** Refuse what is neither an exercise's name nor a notebook's number. */
export function checkWhat(what: unknown): asserts what is string {
  if (typeof what !== "string" || !/^(\d\d|[A-Za-z]\w*)$/.test(what)) {
    throw new OptkitError(
      "what",
      `expected an exercise's name (e.g. "adamStep") or a notebook's number (e.g. "04"), got ${String(what)}`,
    );
  }
}

function escapeCell(s: string): string {
  return s.replace(/\|/g, "\\|").replace(/\n/g, " ");
}

/**
 * Show `result` in the cell: points per exercise, the first failure, the hint, and each test
 * folded away. A cell that ends with `await check(...)` then prints one line, not the object.
 */
export function showCheck(what: string, result: CheckResult): CheckResult {
  const rows = result.exercises.map(
    (e) =>
      `| ${e.exercise} | ${e.points} / ${e.maxPoints} | ${escapeCell(e.firstFailure || "all tests pass")} |` +
      ` ${escapeCell(e.hint ?? "")} |`,
  );
  const perTest = result.tests.map(
    (t) => `${t.passed ? "✓" : "✗"} ${t.exercise}: ${t.name} (${t.points})`,
  );
  // Node's util.inspect.custom, by its registered name
  Object.defineProperty(result, Symbol.for("nodejs.util.inspect.custom"), {
    value: () => `${what}: ${result.points} / ${result.maxPoints} points`,
  });
  showMarkdown(
    [
      `**Check of ${what}: ${result.points} / ${result.maxPoints} points** (${result.seconds.toFixed(1)} s)`,
      "",
      "| exercise | points | first failure | hint |",
      "| --- | --- | --- | --- |",
      ...rows,
      "",
      ...(result.compiler ?? []).map((l) => `- ${escapeCell(l)}`),
      "",
      "<details><summary>each test</summary>",
      "",
      ...perTest.map((l) => `- ${escapeCell(l)}`),
      "",
      "</details>",
    ].join("\n"),
  );
  return result;
}
