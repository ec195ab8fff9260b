/**
 * The live course's stand-in for lib/util/grade-check.ts, with the same `check(what)`: grade an
 * exercise (or a notebook's exercises) with the public grading suites, here in the page's
 * worker against the student's edited exercise file, and show the points per exercise, the
 * first failure and the hint, as the kernel's check does.
 */
import { checkWhat, showCheck, type CheckResult } from "../../../../lib/util/check-report";
import { OptkitError } from "../../../../lib/util/check";

export type { CheckResult } from "../../../../lib/util/check-report";

/** Grades `what` ("adamStep" or "04"); set by the worker when the grading suites are loaded. */
export type Grader = (what: string) => Promise<Omit<CheckResult, "seconds">>;

let grader: Grader | null = null;

export function setGrader(g: Grader): void {
  grader = g;
}

export async function check(what: string): Promise<CheckResult> {
  checkWhat(what);
  if (!grader) throw new OptkitError("what", "the grading suites are not part of this page");
  const t0 = performance.now();
  const r: CheckResult = { ...(await grader(what)), seconds: (performance.now() - t0) / 1000 };
  return showCheck(what, r);
}
