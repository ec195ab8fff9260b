/**
 * What every grading test carries in vitest's task meta, and the record the grader keeps per
 * test. Shared by the grading suites (grader/suites, grader/hidden), the vitest reporter and the report writers.
 */

/** Fixed: values from a closed form or an independent source; random: seeded cases compared
 * with the reference solution; edge: empty, one element, large values, first step, errors;
 * question: one answer of an exercise file's conceptual questions. */
export type CaseKind = "fixed" | "random" | "edge" | "question";

/** Gradescope's visibility levels. Hidden tests run in the instructor's grading only. */
export type Visibility = "visible" | "hidden" | "after_due_date" | "after_published";

/** Attached to every grading test at collection time (`it(name, { meta }, fn)`). */
export interface GradeMeta {
  /** the exercise (function) the test grades, e.g. "adamStep" */
  exercise: string;
  /** points for passing this test (> 0) */
  points: number;
  kind: CaseKind;
  visibility: Visibility;
  /** what to look at again when the exercise fails (never the answer) */
  hint?: string;
  /** a question's one-sentence explanation, shown with the test after the due date */
  explanation?: string;
}

// TaskMeta is declared in @vitest/runner (vitest re-exports it): augmenting "vitest" only works
// when some other file happens to pull the runner's types in first.
declare module "@vitest/runner" {
  interface TaskMeta {
    grade?: GradeMeta;
  }
}

/** Outcome of one grading test. "not run" = the run stopped before the test finished. */
export type TestStatus = "passed" | "failed" | "not run";

/** One graded test as the parent process sees it. */
export interface TestRecord {
  /** "<file>::<describe> > <test>", from the suite's source (never from the task meta) */
  id?: string;
  /** suite file relative to the course root, e.g. "grader/suites/01-derivatives.grading.ts" */
  file: string;
  exercise: string;
  /** the test's name inside its exercise, e.g. "fixed: d/dx sin x at x = 1 is cos 1" */
  name: string;
  kind: CaseKind;
  visibility: Visibility;
  maxPoints: number;
  status: TestStatus;
  /** one plain sentence for a failed test, "" when it passed */
  message: string;
  durationMs: number;
  /** the exercise's hint (shown only when the exercise is not fully passed) */
  hint?: string;
  /** a question's explanation (shown where the test itself is shown after the due date) */
  explanation?: string;
  /** points given by a person (a written answer's mark), between 0 and maxPoints: they count
   * instead of all or nothing */
  points?: number;
}

/** Suites in this folder are hidden from students unless they say otherwise. */
export const HIDDEN_DIR = "grader/hidden/";

/**
 * A graded folder: relative, inside the course (e.g. "exercises", "build/submissions/ada"), or
 * an absolute path anywhere (a submission kept outside the course).
 */
export function isTargetPath(target: string): boolean {
  // eslint-disable-next-line no-control-regex
  if (/^(\/|[A-Za-z]:[\\/])/.test(target)) return !/[\u0000-\u001f]/.test(target);
  return /^[A-Za-z0-9_][A-Za-z0-9_./-]*$/.test(target) && !target.split("/").includes("..");
}
