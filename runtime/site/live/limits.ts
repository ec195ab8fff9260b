/**
 * Check's time limits in the live course, the defaults of `npm run grade`
 * (grader/harness/call.ts and target.ts; a test compares them): one call of a student's
 * function, and the import of the exercise file (its top level).
 */
export const CHECK_CALL_LIMIT_MS = 3000;
export const CHECK_IMPORT_LIMIT_MS = 20_000;

/**
 * What earlier attempts of one Check ran out of time on, so that the next attempt (a fresh
 * worker) fails there at once, as the grader's killed process does: per function, the number of
 * its call (1 for the first) that did not return; the exercise files whose import did not end.
 */
export interface CheckLimits {
  callMs: number;
  importMs: number;
  calls: Record<string, number>;
  imports: string[];
}

/** What the grading suites in the worker report about the student's code, for the watchdog. */
export type WatchEvent = "call" | "returned" | "import" | "imported";

/** Set by the worker for the grading suites (shims/grading-target.ts). */
export interface GradingWatch {
  limits: CheckLimits;
  watch(event: WatchEvent, name: string): void;
}
