/**
 * Scores from test records: the sum of the points of passed tests, per exercise and in total.
 * Pure functions: the parent process computes every score here from the recorded results.
 */
import type { FileDiagnostic } from "../harness/verdict";
import type { TestRecord } from "./meta";

export type ExerciseStatus = "passed" | "partial" | "failed";

export interface ExerciseScore {
  exercise: string;
  /** the grading suite that holds the exercise's tests */
  file: string;
  points: number;
  maxPoints: number;
  passed: number;
  tests: number;
  status: ExerciseStatus;
  /** the message of the exercise's first failing test, "" if all passed */
  firstFailure: string;
  /** the exercise's hint when it is not fully passed, else "" */
  hint: string;
}

export interface GradeSummary {
  /** the graded folder, e.g. "exercises" */
  target: string;
  points: number;
  maxPoints: number;
  exercises: ExerciseScore[];
  tests: TestRecord[];
  durationMs: number;
  /** how the run was made: the sandbox's layers and the seed of the random cases */
  run?: RunInfo;
  /** the compiler's errors in the graded files (../harness/verdict.ts): files with a syntax
   * error scored 0, type errors were graded anyway */
  diagnostics?: FileDiagnostic[];
}

export interface RunInfo {
  layers: string[];
  /** "" for the fixed public seed */
  seed: string;
}

/** Points a test earns: its max points if it passed, else 0; a mark given by hand, as given. */
export function testPoints(t: TestRecord): number {
  if (t.points !== undefined) return t.points;
  return t.status === "passed" ? t.maxPoints : 0;
}

/** Round to 4 decimals so sums of fractional points print cleanly. */
function tidy(x: number): number {
  return Math.round(x * 1e4) / 1e4;
}

/** Group records by exercise (in order of first appearance) and add up the points. */
export function summarize(target: string, tests: TestRecord[], durationMs = 0): GradeSummary {
  const byExercise = new Map<string, TestRecord[]>();
  for (const t of tests) {
    const list = byExercise.get(t.exercise) ?? [];
    list.push(t);
    byExercise.set(t.exercise, list);
  }
  const exercises: ExerciseScore[] = [...byExercise].map(([exercise, list]) => {
    const points = tidy(list.reduce((s, t) => s + testPoints(t), 0));
    const maxPoints = tidy(list.reduce((s, t) => s + t.maxPoints, 0));
    const passed = list.filter((t) => t.status === "passed").length;
    const failure = list.find((t) => t.status !== "passed");
    return {
      exercise,
      file: list[0].file,
      points,
      maxPoints,
      passed,
      tests: list.length,
      status: passed === list.length ? "passed" : passed === 0 ? "failed" : "partial",
      firstFailure: failure ? failure.message : "",
      hint: failure ? (list.find((t) => t.hint)?.hint ?? "") : "",
    };
  });
  return {
    target,
    points: tidy(exercises.reduce((s, e) => s + e.points, 0)),
    maxPoints: tidy(exercises.reduce((s, e) => s + e.maxPoints, 0)),
    exercises,
    tests,
    durationMs,
  };
}
